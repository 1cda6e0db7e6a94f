"""Block Kit rendering of an ``Answer``: sections under Slack's limits, sources, buttons, a text fallback."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from bot import messages
from bot.models import Answer

SECTION_LIMIT = 3000
MAX_BLOCKS = 50
CONTEXT_ELEMENTS = 10


def escape(text: str) -> str:
    """mrkdwn escaping: Slack reads &, < and > as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def split_text(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Pieces under ``limit``, cut at line ends where possible, never mid-word if avoidable."""
    parts, current = [], ""
    for line in text.splitlines() or [""]:
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit) if " " in line[:limit] else limit
            parts.append(line[:cut])
            line = line[cut:].lstrip()
        if current and len(current) + 1 + len(line) > limit:
            parts.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current:
        parts.append(current)
    return parts


def source_link(public_url: str | None, source: str, locator: str) -> str | None:
    """The review console's source view for a citation (documents only, not partner records)."""
    if not public_url or not source.endswith((".md", ".txt")):
        return None
    path = source.split("/", 1)[1].rsplit(".", 1)[0]
    return f"{public_url.rstrip('/')}/sources/{quote(path)}#{quote(locator)}"


def sources_lines(answer: Answer, public_url: str | None) -> list[str]:
    lines = []
    for c in answer.citations:
        label = escape(f"{c.title} — {c.locator}")
        link = source_link(public_url, c.source, c.locator)
        lines.append(f"[{c.n}] <{link}|{label}>" if link else f"[{c.n}] {label}")
    return lines


def answer_blocks(answer: Answer, public_url: str | None = None, buttons: bool = True) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(part)}} for part in split_text(answer.answer)
    ]
    lines = sources_lines(answer, public_url)
    for i in range(0, len(lines), CONTEXT_ELEMENTS - 1):
        elements = ([{"type": "mrkdwn", "text": "*Sources*"}] if i == 0 else []) + [
            {"type": "mrkdwn", "text": line} for line in lines[i : i + CONTEXT_ELEMENTS - 1]]
        blocks.append({"type": "context", "elements": elements})
    if buttons and answer.answer_id is not None:
        value = str(answer.answer_id)
        blocks.append({"type": "actions", "block_id": "answer_actions", "elements": [
            {"type": "button", "action_id": "feedback_helpful", "text": {"type": "plain_text", "text": "Helpful"},
             "value": value},
            {"type": "button", "action_id": "feedback_not_helpful",
             "text": {"type": "plain_text", "text": "Not helpful"}, "value": value},
            {"type": "button", "action_id": "escalate", "style": "primary",
             "text": {"type": "plain_text", "text": "Ask the program desk"}, "value": value},
        ]})
    if len(blocks) > MAX_BLOCKS:  # keep the buttons, drop overflowing text/sources blocks
        blocks = blocks[: MAX_BLOCKS - 2] + [
            {"type": "section", "text": {"type": "mrkdwn", "text": escape(messages.SLACK_TRUNCATED)}}, blocks[-1]]
    return blocks


def fallback_text(answer: Answer) -> str:
    """Plain text for notifications and clients without Block Kit."""
    sources = "; ".join(f"[{c.n}] {c.title} — {c.locator}" for c in answer.citations)
    return answer.answer + (f"\nSources: {sources}" if sources else "")


def escalation_blocks(row: dict[str, Any], escalation_id: int, asker_label: str) -> list[dict[str, Any]]:
    cites = "\n".join(f"[{c['n']}] {c['title']} — {c['locator']}" for c in row["citations"]) or "none"
    text = messages.SLACK_ESCALATION_POSTED.format(asker=asker_label, question=row["question"],
                                                   answer=row["answer"], status=row["status"])
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": escape(part)}} for part in split_text(text)]
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape("Sources: " + cites)[:2900]}]})
    blocks.append({"type": "actions", "block_id": "escalation_actions", "elements": [
        {"type": "button", "action_id": "resolve_escalation", "style": "primary",
         "text": {"type": "plain_text", "text": "Mark resolved"}, "value": str(escalation_id)}]})
    return blocks
