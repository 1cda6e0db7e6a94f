"""The App Home tab, per role: a partner's firm at a glance, staff's desk overview, or how to get linked.

A partner's figures are computed straight from the firm's records by the calculators
(``bot.compose.glance``): eligibility, the next payment and its amount, what is outstanding, the repayment
state, verified reductions and the next monitoring report deadline, each line citing its record and rule.
They are cached per index generation, as-of date, firm and language, so opening the tab again costs nothing
until the records change or the day turns. The tab is in the user's language (``Deps.language``).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot import messages
from bot.assistant import Assistant
from bot.models import Asker
from bot.remind import DEFAULT_LEAD_DAYS, LEAD_CHOICES
from bot.slack.blocks import REMINDERS_LEAD, REMINDERS_TOGGLE, button, escape, section, sources_blocks, split_text
from bot.slack.handlers import Deps
from bot.store.audit import AuditLog

log = logging.getLogger(__name__)

OPEN_SHOWN = 5
CACHED_FIRMS = 4096  # (generation, as-of date, firm, language) entries kept


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

    def reminders(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        """A partner turns reminders on or off, or picks how early they come; the tab is shown again."""
        user = (body.get("user") or {}).get("id")
        action = (body.get("actions") or [{}])[0]
        if not user:
            return
        asker = self.d.identity.asker(user, client)
        if asker.role != "partner":  # only a linked partner's own settings exist
            return
        if action.get("action_id") == REMINDERS_TOGGLE and action.get("value") in ("on", "off"):
            self.d.audit.set_reminder_prefs(user, enabled=action["value"] == "on", default_lead=DEFAULT_LEAD_DAYS)
        elif action.get("action_id") == REMINDERS_LEAD:
            value = str((action.get("selected_option") or {}).get("value", ""))
            if not value.isdigit() or int(value) not in LEAD_CHOICES:
                return
            self.d.audit.set_reminder_prefs(user, lead_days=int(value), default_lead=DEFAULT_LEAD_DAYS)
        else:
            return
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


class _Glances:
    """A firm's glance blocks by (generation, as-of date, firm, language, console address), least recent out."""

    def __init__(self, size: int = CACHED_FIRMS) -> None:
        self.size = size
        self.items: OrderedDict[tuple, list[dict[str, Any]]] = OrderedDict()
        self.lock = threading.Lock()
        self.computed = 0  # how many were computed rather than reused (for tests and metrics)

    def get(self, key: tuple, compute) -> list[dict[str, Any]]:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
                return self.items[key]
        blocks = compute()
        with self.lock:
            self.computed += 1
            self.items[key] = blocks
            while len(self.items) > self.size:
                self.items.popitem(last=False)
        return blocks


GLANCES = _Glances()


def partner_blocks(asker: Asker, assistant: Assistant, public_url: str | None,
                   language: str = "en") -> list[dict[str, Any]]:
    firm = assistant.directory().firms.get(asker.partner_id or "")
    name = f"{firm.name}, {asker.partner_id}" if firm else asker.partner_id
    blocks = [section(messages.say("SLACK_HOME_PARTNER_TITLE", language, firm=escape(name or "")))]
    try:
        index = assistant.index.get()
        as_of = assistant.settings.today()
        key = (index.generation, as_of, asker.partner_id, language, public_url)
        blocks += GLANCES.get(key, lambda: _glance_blocks(assistant, index, asker.partner_id or "", as_of,
                                                           language, public_url))
    except Exception:
        log.exception("the Home tab's summary failed for %s", asker.partner_id)
        blocks.append(section(escape(assistant.say("SLACK_HOME_UNAVAILABLE", language))))
    blocks.append(section(escape(messages.say("SLACK_HOME_PARTNER_MORE", language))))
    if assistant.audit is not None and asker.slack_user_id:
        blocks += reminder_blocks(assistant.audit, asker.slack_user_id, language)
    return blocks


def reminder_blocks(audit: AuditLog, slack_user: str, language: str) -> list[dict[str, Any]]:
    """The partner's reminder settings: on or off, and how many days ahead."""
    on, lead = audit.reminder_prefs(slack_user, DEFAULT_LEAD_DAYS)
    text = messages.say("SLACK_HOME_REMINDERS_ON" if on else "SLACK_HOME_REMINDERS_OFF", language, lead=lead)
    toggle = button(REMINDERS_TOGGLE, messages.say("SLACK_BUTTON_REMINDERS_OFF" if on else "SLACK_BUTTON_REMINDERS_ON",
                                                    language), "off" if on else "on")
    option = lambda n: {"text": {"type": "plain_text", "text": messages.say("SLACK_REMINDER_LEAD", language, lead=n)},  # noqa: E731
                        "value": str(n)}
    elements: list[dict[str, Any]] = [toggle]
    if on:
        elements.append({"type": "static_select", "action_id": REMINDERS_LEAD,
                         "placeholder": {"type": "plain_text",
                                         "text": messages.say("SLACK_REMINDER_LEAD_PLACEHOLDER", language)},
                         "options": [option(n) for n in LEAD_CHOICES], "initial_option": option(lead)})
    return [{"type": "divider"}, section(text), {"type": "actions", "block_id": "reminders", "elements": elements}]


def _glance_blocks(assistant: Assistant, index, partner_id: str, as_of, language: str,
                   public_url: str | None) -> list[dict[str, Any]]:
    from bot.compose.glance import SECTIONS, glance

    sections, answer = glance(index, assistant.params(index), assistant.settings, partner_id, as_of, language)
    titles = messages.say("SLACK_HOME_PARTNER_SECTIONS", language)
    blocks = [section(split_text(f"*{titles[name]}*\n{escape(chr(10).join(sections[name]))}", 2900)[0])
              for name in SECTIONS if sections[name]]
    if sections[""]:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": escape(" ".join(sections[""]))}]})
    return blocks + sources_blocks(answer.citations, public_url, language)[:2]


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
