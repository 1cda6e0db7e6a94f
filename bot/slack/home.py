"""The App Home tab, per role: a partner's firm at a glance, staff's desk overview, or how to get linked.

A partner's summary is not computed here: it is the assistant's own answers to
a few fixed questions, asked as that partner, cut down to the lines about the
firm's records, with the sources those lines cite. The tab is in the user's
language (``Deps.language``), and so are the fixed questions, so the answers are too.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot import messages
from bot.assistant import Assistant
from bot.models import Answer, Asker, Citation
from bot.slack.blocks import escape, section, sources_blocks, split_text
from bot.slack.handlers import Deps
from bot.store.audit import AuditLog

log = logging.getLogger(__name__)

# (section, the question asked as the partner in each language, lines kept)
PARTNER_SUMMARY = (
    ("eligibility", {"en": "are we eligible?",
                     "ko": "저희 지원 대상인가요?"}, 1),
    ("repayment", {"en": "what is our repayment status?",
                   "ko": "저희 상환 현황은 어떻게 되나요?"}, 2),
    ("offset", {"en": "how much of our reduction is verified?",
                "ko": "저희 감축량 중 검증된 것은 얼마인가요?"}, 1),
)
MARKER = re.compile(r"\[(\d+)\]")
OPEN_SHOWN = 5


class HomeTab:
    def __init__(self, deps: Deps) -> None:
        self.d = deps

    def opened(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        event = body.get("event") or {}
        user = event.get("user")
        if not user or event.get("tab", "home") != "home":
            return  # the Messages tab needs nothing published
        asker = self.d.identity.asker(user, client)
        view = home_view(asker, self.d.assistant, self.d.settings.public_url, self.d.language(user, client))
        client.views_publish(user_id=user, view=view)


def home_view(asker: Asker, assistant: Assistant, public_url: str | None, language: str = "en") -> dict[str, Any]:
    title = messages.say("SLACK_HOME_TITLE", language)
    blocks: list[dict[str, Any]] = [{"type": "header", "text": {"type": "plain_text", "text": title}}]
    if asker.role == "partner" and asker.partner_id:
        blocks += partner_blocks(asker, assistant, public_url, language)
    elif asker.is_staff:
        blocks += staff_blocks(assistant.audit, language)
    else:
        blocks += [section(escape(assistant.say("HELP", language))),
                   section(escape(assistant.say("SLACK_HOME_GUEST", language)))]
    blocks += [{"type": "divider"}, section(escape(messages.say("SLACK_HOME_HOW_TO_ASK", language)))]
    return {"type": "home", "blocks": blocks}


def partner_blocks(asker: Asker, assistant: Assistant, public_url: str | None,
                   language: str = "en") -> list[dict[str, Any]]:
    firm = assistant.directory().firms.get(asker.partner_id or "")
    name = f"{firm.name}, {asker.partner_id}" if firm else asker.partner_id
    blocks = [section(messages.say("SLACK_HOME_PARTNER_TITLE", language, firm=escape(name or "")))]
    for key, questions, keep in PARTNER_SUMMARY:
        title = f"*{messages.say('SLACK_HOME_PARTNER_SECTIONS', language)[key]}*"
        try:
            answer = assistant.answer(questions[language], asker, None, via="home",
                                      slack={"user": asker.slack_user_id})
        except Exception:
            log.exception("the Home tab's %s summary failed for %s", key, asker.partner_id)
            blocks.append(section(f"{title}\n{escape(assistant.say('SLACK_HOME_UNAVAILABLE', language))}"))
            continue
        lines, cited = summary(answer, keep)
        blocks.append(section(split_text(f"{title}\n{escape(chr(10).join(lines))}", 2900)[0]))
        blocks += sources_blocks(cited, public_url, answer.language)[:1]
    blocks.append(section(escape(messages.say("SLACK_HOME_PARTNER_MORE", language))))
    return blocks


def summary(answer: Answer, keep: int) -> tuple[list[str], list[Citation]]:
    """The first ``keep`` lines that cite the firm's records (else the first lines), and the sources they cite."""
    lines = [line for line in answer.answer.splitlines() if line.strip()]
    by_n = {c.n: c for c in answer.citations}
    records = {c.n for c in answer.citations if is_record(c)}
    chosen = [line for line in lines if {int(n) for n in MARKER.findall(line)} & records][:keep] or lines[:keep]
    cited = sorted({int(n) for line in chosen for n in MARKER.findall(line)} & by_n.keys())
    return chosen, [by_n[n] for n in cited]


def is_record(citation: Citation) -> bool:
    return citation.source.lower().endswith(".csv") or "/partners/" in citation.source


def staff_blocks(audit: AuditLog | None, language: str = "en") -> list[dict[str, Any]]:
    if audit is None:
        return [section(messages.say("SLACK_HOME_STAFF", language, total=0, unanswered=0, open=0))]
    asked = "via NOT IN ('home', 'eval')"  # questions people asked, not the Home tab's own summaries
    total = audit.query(f"SELECT COUNT(*) FROM answers WHERE {asked}")[0][0]
    unanswered = audit.query(f"SELECT COUNT(*) FROM answers WHERE {asked} AND status IN ('not_found', 'needs_human')")[0][0]
    open_rows = audit.query(
        "SELECT e.id, e.slack_user, a.question, a.status FROM escalations e JOIN answers a ON a.id = e.answer_id"
        " WHERE e.status = 'open' ORDER BY e.id DESC")
    blocks = [section(messages.say("SLACK_HOME_STAFF", language, total=total, unanswered=unanswered,
                                   open=len(open_rows)))]
    if open_rows:
        lines = [f"#{r['id']} {escape(_short(r['question']))} ({r['status']})"
                 + (f" <@{r['slack_user']}>" if r["slack_user"] else "") for r in open_rows[:OPEN_SHOWN]]
        heading = messages.say("SLACK_HOME_STAFF_OPEN", language)
        blocks.append(section(split_text(heading + "\n" + "\n".join(lines), 2900)[0]))
    return blocks


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
