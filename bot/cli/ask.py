"""``carbonbot ask`` and ``carbonbot chat``: the assistant from a terminal, with the same identities."""

from __future__ import annotations

import json
import uuid
from datetime import date

import typer
from rich.console import Console

from bot import messages
from bot.cli import command
from bot.config import get_settings
from bot.models import Answer, Asker

PartnerOpt = typer.Option(None, "--partner", help="Ask as a user of this firm, e.g. P-T1-014.")
AsOpt = typer.Option(None, "--as", help="Ask as this Slack user id (resolved through the user mapping).")
StaffOpt = typer.Option(False, "--staff", help="Ask as foundation staff (sees every firm).")
AsOfOpt = typer.Option(None, "--as-of", help="Compute as of this date (YYYY-MM-DD); default today.")


def build(partner: str | None, as_user: str | None, staff: bool):
    """The assistant (logging to the audit log) and the asker the options describe."""
    from bot.assistant import Assistant
    from bot.state import open_store

    settings = get_settings()
    assistant = Assistant(settings, audit=open_store(settings))
    if sum(bool(x) for x in (partner, as_user, staff)) > 1:
        raise typer.BadParameter("use only one of --partner, --as, --staff")
    directory = assistant.directory()
    if staff:
        asker = Asker(role="staff", display_name="staff (cli)")
    elif partner:
        asker = directory.partner(partner)
    elif as_user:
        asker = directory.resolve(slack_user_id=as_user)
    else:
        asker = Asker.guest()
    return assistant, asker


def render(answer: Answer, console: Console) -> None:
    console.print(answer.answer, highlight=False, soft_wrap=True, markup=False)
    readings = (answer.facts.get("clarify") or []) if answer.status == "clarify" else []
    for i, reading in enumerate(readings, 1):
        console.print(f"  {i}. {reading['label']}", highlight=False, soft_wrap=True, markup=False)
    if readings:
        console.print(messages.CLARIFY_CLI_CHOOSE, highlight=False, soft_wrap=True, markup=False)
    if answer.citations:
        console.print("\n[bold]Sources[/]")
        for c in answer.citations:
            console.print(f"  [{c.n}] {c.title} — {c.locator}  ({c.source})", highlight=False, soft_wrap=True,
                          markup=False)
    flags = [answer.status, answer.intent] + (["private"] if answer.private else [])
    console.print(f"[dim]{' · '.join(flags)} · {answer.latency_ms:.0f} ms[/]")


@command()
def ask(
    question: str = typer.Argument(..., help="The question, in quotes."),
    partner: str = PartnerOpt,
    as_user: str = AsOpt,
    staff: bool = StaffOpt,
    thread: str = typer.Option(None, "--thread", help="Conversation id: follow-ups in the same thread continue it."),
    as_of: str = AsOfOpt,
    as_json: bool = typer.Option(False, "--json", help="Print exactly one JSON object (the ask contract)."),
) -> None:
    """Answer one question, with citations."""
    assistant, asker = build(partner, as_user, staff)
    answer = assistant.answer(question, asker, thread, as_of=date.fromisoformat(as_of) if as_of else None)
    if as_json:
        typer.echo(json.dumps(answer.to_json(), ensure_ascii=False))
    else:
        render(answer, Console())


@command()
def chat(
    partner: str = PartnerOpt,
    as_user: str = AsOpt,
    staff: bool = StaffOpt,
    as_of: str = AsOfOpt,
) -> None:
    """An interactive conversation in the terminal (same engine and identities as Slack). Ctrl-D to leave."""
    assistant, asker = build(partner, as_user, staff)
    console = Console()
    thread = f"cli-{uuid.uuid4().hex[:12]}"
    when = date.fromisoformat(as_of) if as_of else None
    asked: Answer | None = None  # the last clarifying question, answered by typing a reading's number
    who = f"{asker.display_name} ({asker.role}{', ' + asker.partner_id if asker.partner_id else ''})"
    console.print(f"Carbon Partner Assistant — asking as {who}. Type 'help', or Ctrl-D to leave.")
    while True:
        try:
            question = console.input("[bold]> [/]")
        except (EOFError, KeyboardInterrupt):
            console.print()
            return
        if question.strip().lower() in {"exit", "quit"}:
            return
        if not question.strip():
            continue
        reading = _chosen(asked, question)
        if reading is not None:
            answer = assistant.answer(asked.question, asker, thread, as_of=when, reading=reading)  # type: ignore[union-attr]
        else:
            answer = assistant.answer(question, asker, thread, as_of=when)
        asked = answer if answer.status == "clarify" else None
        render(answer, console)


def _chosen(asked: Answer | None, typed: str):
    """The reading whose number was typed after a clarifying question, else None (a new question)."""
    from bot.understand.clarify import Option

    readings = (asked.facts.get("clarify") or []) if asked is not None else []
    typed = typed.strip().rstrip(".")
    if not typed.isdigit() or not 1 <= int(typed) <= len(readings):
        return None
    return Option.from_key(readings[int(typed) - 1]["reading"])
