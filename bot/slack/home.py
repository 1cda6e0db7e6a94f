"""The App Home tab, per role: a partner's firm at a glance, staff counts, or how to get linked."""

from __future__ import annotations

from typing import Any

from bot import messages
from bot.assistant import Assistant
from bot.models import Asker
from bot.slack.blocks import escape, sources_lines

PARTNER_SUMMARY = ["are we eligible?", "what is our repayment status?", "how much of our reduction is verified?"]


def home_view(asker: Asker, assistant: Assistant, public_url: str | None) -> dict[str, Any]:
    blocks: list[dict[str, Any]] = [{"type": "header", "text": {"type": "plain_text", "text": "Carbon Partner Assistant"}}]
    desk = assistant.settings.program_desk
    if asker.role == "partner":
        blocks.append({"type": "section", "text": {"type": "mrkdwn",
                       "text": messages.SLACK_HOME_PARTNER_TITLE.format(firm=asker.partner_id)}})
        for question in PARTNER_SUMMARY:
            answer = assistant.answer(question, asker, log=False)
            first = answer.answer.splitlines()[0] if answer.answer else ""
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": escape(first)[:2900]}})
            lines = sources_lines(answer, public_url)
            if lines:
                blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": "; ".join(lines)[:2900]}]})
    elif asker.is_staff:
        audit = assistant.audit
        total = audit.query("SELECT COUNT(*) FROM answers WHERE via IN ('slack','cli')")[0][0] if audit else 0
        unanswered = audit.query("SELECT COUNT(*) FROM answers WHERE via IN ('slack','cli') "
                                 "AND status IN ('not_found','needs_human')")[0][0] if audit else 0
        open_ = audit.query("SELECT COUNT(*) FROM escalations WHERE status='open'")[0][0] if audit else 0
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": messages.SLACK_HOME_STAFF.format(
            total=total, unanswered=unanswered, open=open_)}})
    else:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": escape(messages.HELP)}})
        blocks.append({"type": "section", "text": {"type": "mrkdwn",
                       "text": escape(messages.SLACK_HOME_GUEST.format(desk=desk))}})
    return {"type": "home", "blocks": blocks}
