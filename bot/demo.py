"""``make demo``: three sample questions, as a partner, as staff and as a guest."""

from __future__ import annotations

import os

from rich.console import Console

from bot.cli.ask import render

QUESTIONS = [
    ("partner", "P-T1-004", "When is our next installment due and how much do we still owe?"),
    ("staff", None, "Is P-T1-002 eligible for the program?"),
    ("guest", None, "What share of an allocated entity's obligation can be covered by offset credits?"),
    ("partner", "P-T1-004", "저희 다음 할부금은 언제 내야 하고, 남은 상환액은 얼마인가요?"),
]


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from bot.assistant import Assistant
    from bot.models import Asker

    console = Console()
    assistant = Assistant()
    directory = assistant.directory()
    for role, partner, question in QUESTIONS:
        asker = directory.partner(partner) if partner else Asker(role=role, display_name=role)  # type: ignore[arg-type]
        who = f"{role} {partner}" if partner else role
        console.rule(f"[bold]{who}[/]: {question}", align="left")
        render(assistant.answer(question, asker, via="demo"), console)
        console.print()


if __name__ == "__main__":
    main()
