"""Block Kit rendering of an ``Answer``: its text, sources, buttons and a text fallback, under Slack's limits.

Two layouts (``CARBONBOT_SLACK_BLOCKS``):

- ``markdown`` (the default): the answer is one ``markdown`` block (standard markdown: a repayment schedule is a
  table, each ``[n]`` links to its source), thumbs up/down are Slack's ``feedback_buttons`` in a
  ``context_actions`` block, and "Ask the program desk" is a button under them (``icon_button``, the other
  element ``context_actions`` allows, offers only a trash icon);
- ``sections``: mrkdwn sections and three plain buttons, for clients or workspaces that refuse the former
  (``delivery`` falls back to it by itself when Slack answers ``invalid_blocks``).

Our own words around an answer (the Sources label, the buttons, the truncation note) are in the answer's
language; the staff channel's escalation posts stay in English, the language of the staff console.
Slack rejects a message whose section text passes 3,000 characters or that has
more than 50 blocks, and reads ``&``, ``<`` and ``>`` as control characters, so
everything quoted from an answer is escaped first and then cut to size.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Literal
from urllib.parse import quote

from bot import messages
from bot.models import Answer, Citation

Style = Literal["markdown", "sections"]

SECTION_LIMIT = 3000
MARKDOWN_LIMIT = 12000  # Slack: all markdown blocks of one message together
MAX_BLOCKS = 50
CONTEXT_ELEMENTS = 10  # Slack's maximum per context block
CONTEXT_TEXT_LIMIT = 2000
FALLBACK_LIMIT = 3900  # notifications show a few lines; Slack truncates longer text anyway

# Action ids: the buttons here and the listeners in handlers.py / actions.py agree on these.
FEEDBACK = "answer_feedback"  # feedback_buttons: the value says which, "helpful.<id>" or "not_helpful.<id>"
FEEDBACK_HELPFUL = "feedback_helpful"  # the plain buttons of the sections layout (and of answers posted before
FEEDBACK_NOT_HELPFUL = "feedback_not_helpful"  # the markdown layout, still clickable in old messages)
ESCALATE = "escalate"
RESOLVE = "resolve_escalation"
REMINDERS_TOGGLE = "reminders_toggle"  # the partner Home tab: reminders on / off
REMINDERS_LEAD = "reminders_lead"  # ... and how many days ahead
SHARE = "share_answer"  # a public /carbon answer, shown only to the asker, posted to the channel on request
CHOOSE = "clarify_choose_"  # + the reading's position: one button per reading of an ambiguous question
CHOOSE_PATTERN = r"^clarify_choose_\d$"

# The staff channel (escalations, "Mark resolved") is written in English, the language of the staff console,
# whatever the asker's language; the question and answer are quoted as they were.
STAFF_LANGUAGE = "en"

# Documents the review console can show (/sources/<path>), by file suffix.
LINKABLE = (".md", ".markdown", ".txt", ".csv")


def escape(text: str) -> str:
    """mrkdwn escaping: Slack reads &, < and > as control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def split_text(text: str, limit: int = SECTION_LIMIT) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at line ends, else at spaces, never inside an escape."""
    parts: list[str] = []
    current = ""
    for line in text.splitlines():
        while len(line) > limit:
            cut = _cut_point(line, limit)
            parts.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        if current and len(current) + 1 + len(line) > limit:
            parts.append(current)
            current = line
        else:
            current = f"{current}\n{line}" if current else line
    if current.strip():
        parts.append(current)
    return [p.rstrip() for p in parts if p.strip()]


def _cut_point(line: str, limit: int) -> int:
    space = line.rfind(" ", 0, limit + 1)
    cut = space if space > 0 else limit
    amp = line.rfind("&", max(0, cut - 5), cut)  # do not split "&amp;" / "&lt;" / "&gt;"
    if amp != -1 and ";" not in line[amp:cut]:
        cut = amp if amp > 0 else cut
    return cut


def source_path(source: str) -> str:
    """The review console's page of a knowledge file: ``knowledge/program/rules.md`` -> ``/sources/program/rules``."""
    path = source.split("/", 1)[1] if source.startswith("knowledge/") else source
    return f"/sources/{quote(path.rsplit('.', 1)[0])}"


def source_link(public_url: str | None, source: str, locator: str) -> str | None:
    """The review console's view of a cited document: ``{public_url}/sources/program/rules#§7.2``."""
    if not public_url or not source.lower().endswith(LINKABLE):
        return None
    return f"{public_url.rstrip('/')}{source_path(source)}#{quote(locator, safe='')}"


def source_line(citation: Citation, public_url: str | None) -> str:
    """``[n] title — locator``, linked to the source when the review console's address is known."""
    label = escape(f"{citation.title} — {citation.locator}").replace("|", "¦")
    link = source_link(public_url, citation.source, citation.locator)
    return f"[{citation.n}] <{link}|{label}>" if link else f"[{citation.n}] {label}"


def sources_blocks(citations: list[Citation], public_url: str | None, language: str) -> list[dict[str, Any]]:
    """Context blocks listing the sources, at most ten elements each, the first one titled in ``language``."""
    lines = [source_line(c, public_url)[:CONTEXT_TEXT_LIMIT] for c in citations]
    blocks = []
    per_block = CONTEXT_ELEMENTS - 1
    for i in range(0, len(lines), per_block):
        title = [{"type": "mrkdwn", "text": f"*{messages.say('SLACK_SOURCES', language)}*"}] if i == 0 else []
        blocks.append({"type": "context",
                       "elements": title + [{"type": "mrkdwn", "text": line} for line in lines[i : i + per_block]]})
    return blocks


def section(text: str) -> dict[str, Any]:
    """One mrkdwn section; ``text`` must already be escaped and under the limit."""
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def text_sections(text: str) -> list[dict[str, Any]]:
    return [section(part) for part in split_text(escape(text))]


def button(action_id: str, label: str, value: str, style: str | None = None) -> dict[str, Any]:
    element = {"type": "button", "action_id": action_id, "value": value,
               "text": {"type": "plain_text", "text": label}}
    if style:
        element["style"] = style
    return element


def answer_actions(answer_id: int, language: str, share: bool = False) -> dict[str, Any]:
    """The feedback and escalation buttons under an answer, labelled in ``language`` (and "Share in channel"
    under a public answer only its asker sees)."""
    value = str(answer_id)
    return {"type": "actions", "block_id": "answer_actions", "elements": [
        button(FEEDBACK_HELPFUL, messages.say("SLACK_BUTTON_HELPFUL", language), value),
        button(FEEDBACK_NOT_HELPFUL, messages.say("SLACK_BUTTON_NOT_HELPFUL", language), value),
        button(ESCALATE, messages.say("SLACK_BUTTON_ESCALATE", language), value, style="primary"),
        *([button(SHARE, messages.say("SLACK_BUTTON_SHARE", language), value)] if share else []),
    ]}


def choice_actions(clarification_id: int, nonce: str, labels: list[str]) -> dict[str, Any]:
    """One button per reading; the value names the pending question kept server-side, never its content.

    ``{id}.{nonce}.{position}`` stays a few dozen characters, far under Slack's 2,000-character limit on a
    button value, however long the question was.
    """
    return {"type": "actions", "block_id": "clarify_actions", "elements": [
        button(f"{CHOOSE}{i}", label[:75], f"{clarification_id}.{nonce}.{i}")  # Slack: button text <= 75
        for i, label in enumerate(labels)]}


def feedback_blocks(answer_id: int, language: str, share: bool = False) -> list[dict[str, Any]]:
    """The markdown layout's buttons: thumbs as ``feedback_buttons``, then "Ask the program desk" (and "Share in
    channel" under a public answer only its asker sees)."""
    def thumb(verdict: str) -> dict[str, Any]:
        key = "HELPFUL" if verdict == "helpful" else "NOT_HELPFUL"
        return {"text": {"type": "plain_text", "text": messages.say(f"SLACK_BUTTON_{key}", language)[:75]},
                "accessibility_label": messages.say(f"SLACK_FEEDBACK_{key}_LABEL", language)[:75],
                "value": f"{verdict}.{answer_id}"}

    value = str(answer_id)
    return [
        {"type": "context_actions", "block_id": "answer_feedback", "elements": [
            {"type": "feedback_buttons", "action_id": FEEDBACK,
             "positive_button": thumb("helpful"), "negative_button": thumb("not_helpful")}]},
        {"type": "actions", "block_id": "answer_actions", "elements": [
            button(ESCALATE, messages.say("SLACK_BUTTON_ESCALATE", language), value, style="primary"),
            *([button(SHARE, messages.say("SLACK_BUTTON_SHARE", language), value)] if share else [])]},
    ]


_MARKDOWN_SPECIAL = re.compile(r"[\\`*_{}\[\]<>#|~]")
_MARKER = re.compile(r"\[(\d{1,3})\]")
_TRAILING_MARKERS = re.compile(r"(?:\s?\[\d{1,3}\])+$")  # searched in a line's last 64 characters only


def markdown_escape(text: str) -> str:
    """Standard markdown's special characters taken literally (``<`` and ``>`` too: no mention, no HTML)."""
    return _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _markdown_line(line: str, links: dict[int, str]) -> str:
    """One line of the answer: its text escaped, each ``[n]`` a link to its source when the console has it."""
    out, last = [], 0
    for m in _MARKER.finditer(line):
        n = int(m.group(1))
        out.append(markdown_escape(line[last:m.start()]))
        out.append(f"[\\[{n}\\]]({links[n]})" if n in links else f"\\[{n}\\]")
        last = m.end()
    out.append(markdown_escape(line[last:]))
    return "".join(out)


def _schedule_table(answer: Answer, line: str, links: dict[int, str]) -> str | None:
    """A schedule line ("Schedule: installment 1: …; …") as a titled table, from the answer's facts."""
    rows = answer.facts.get("schedule")
    lead = messages.say("SCHEDULE", answer.language, rows="\0").split("\0")[0]
    if not rows or not lead or not line.startswith(lead):
        return None
    marks = _TRAILING_MARKERS.search(line[-64:])
    title = f"**{markdown_escape(messages.say('SCHEDULE_TITLE', answer.language))}**"
    if marks:
        title += " " + _markdown_line(marks.group(0).strip(), links)
    table = [messages.say("SCHEDULE_HEAD", answer.language), messages.say("SCHEDULE_ALIGN", answer.language)]
    try:
        table += [messages.say("SCHEDULE_TABLE_ROW", answer.language, k=int(r["k"]), amount=int(r["amount_krw"]),
                               due=date.fromisoformat(str(r["due_on"])), status=str(r["status"])) for r in rows]
    except (KeyError, TypeError, ValueError):
        return None  # facts of another shape (an older answer): the sentence stays as it was
    return title + "\n\n" + "\n".join(table)


def answer_markdown(answer: Answer, public_url: str | None) -> str:
    """The answer as standard markdown: one paragraph per line, a schedule as a table, ``[n]`` linked."""
    links = {c.n: link for c in answer.citations if (link := source_link(public_url, c.source, c.locator))}
    paragraphs = []
    for line in answer.answer.splitlines():
        if line.strip():
            paragraphs.append(_schedule_table(answer, line, links) or _markdown_line(line, links))
    return "\n\n".join(paragraphs)


def answer_blocks(answer: Answer, public_url: str | None = None, buttons: bool = True,
                  actions: dict[str, Any] | None = None, share: bool = False,
                  style: Style = "markdown") -> list[dict[str, Any]]:
    """The answer's text, its sources and (when it is in the audit log) the feedback and escalation buttons,
    or the ``actions`` given instead (a clarifying question's choices), in the layout ``style``."""
    text = answer_markdown(answer, public_url) if style == "markdown" else ""
    if text and len(text) <= MARKDOWN_LIMIT:
        body = [{"type": "markdown", "text": text}]
    else:  # the sections layout, or an answer too long for one markdown block
        body = text_sections(answer.answer)
    body += sources_blocks(answer.citations, public_url, answer.language)
    share = share and not answer.private
    if actions is not None:
        tail = [actions]
    elif not buttons or answer.answer_id is None:
        tail = []
    elif style == "markdown":
        tail = feedback_blocks(answer.answer_id, answer.language, share=share)
    else:
        tail = [answer_actions(answer.answer_id, answer.language, share=share)]
    if len(body) + len(tail) > MAX_BLOCKS:  # keep the buttons; say that the rest was cut
        body = body[: MAX_BLOCKS - len(tail) - 1] + [section(escape(messages.say("SLACK_TRUNCATED", answer.language)))]
    return body + tail


def fallback_text(answer: Answer) -> str:
    """Plain text for notifications and clients without Block Kit (escaped: Slack parses it as mrkdwn too)."""
    sources = "; ".join(f"[{c.n}] {c.title} — {c.locator}" for c in answer.citations)
    text = answer.answer + (f"\n{messages.say('SLACK_SOURCES', answer.language)}: {sources}" if sources else "")
    text = escape(text)
    return text if len(text) <= FALLBACK_LIMIT else text[: FALLBACK_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def shared_blocks(answer: Answer, public_url: str | None, user: str,
                  style: Style = "markdown") -> list[dict[str, Any]]:
    """A public answer as its asker shared it in the channel: the question, the answer, its sources, who shared it."""
    asked = {"type": "context", "elements": [{"type": "mrkdwn", "text": messages.say(
        "SLACK_SHARED_BY", answer.language, user=f"<@{user}>", question=escape(answer.question)[:1500])}]}
    return [asked] + answer_blocks(answer, public_url, buttons=False, style=style)[: MAX_BLOCKS - 1]


def notice_blocks(text: str) -> list[dict[str, Any]]:
    """A short message of our own (messages.py), as blocks."""
    return text_sections(text)


def escalation_blocks(row: dict[str, Any], escalation_id: int, asker_label: str,
                      public_url: str | None = None) -> list[dict[str, Any]]:
    """What the staff channel sees: the question, the answer, its sources and a "Mark resolved" button."""
    text = messages.say("SLACK_ESCALATION_POSTED", STAFF_LANGUAGE, asker=asker_label, question=escape(row["question"]),
                        answer=escape(row["answer"]), status=row["status"], answer_id=row["id"])
    citations = [Citation(**c) for c in row["citations"]]
    blocks = [section(part) for part in split_text(text)][: MAX_BLOCKS - 6]
    no_sources = escape(messages.say("SLACK_NO_SOURCES", STAFF_LANGUAGE))
    blocks += sources_blocks(citations, public_url, STAFF_LANGUAGE)[:4] or [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": no_sources}]}]
    resolve = button(RESOLVE, messages.say("SLACK_BUTTON_RESOLVE", STAFF_LANGUAGE), str(escalation_id), style="primary")
    blocks.append({"type": "actions", "block_id": "escalation_actions", "elements": [resolve]})
    return blocks


def chosen_blocks(original: list[dict[str, Any]], language: str) -> list[dict[str, Any]]:
    """A clarifying question once a choice is made: the buttons replaced by a note (not saying which), in the
    clarifying question's ``language``."""
    kept = [b for b in original if b.get("type") != "actions"]
    note = messages.say("SLACK_CHOICE_MADE", language)
    return kept + [{"type": "context", "elements": [{"type": "mrkdwn", "text": note}]}]


def resolved_blocks(original: list[dict[str, Any]], user: str) -> list[dict[str, Any]]:
    """The staff-channel message after "Mark resolved": the same record, the button replaced by who resolved it."""
    kept = [b for b in original if b.get("type") != "actions"]
    note = messages.say("SLACK_RESOLVED", STAFF_LANGUAGE, user=user)
    return kept + [{"type": "context", "elements": [{"type": "mrkdwn", "text": note}]}]
