"""Sending reminders: to each linked partner user by DM, once per reminder, in their language; and a weekly
digest for staff in the staff channel.

Run by ``carbonbot remind`` (cron-friendly: run it daily, or more often; a reminder already sent is never sent
again, and one whose sending failed is tried again on the next run). A user who turned reminders off in the
Home tab gets none; their lead time (3, 7 or 14 days) decides how early "due soon" reminders come. A
reminder's DM thread carries its facts, so a reply ("can we pay it in two parts?") is a follow-up to it.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from slack_sdk import WebClient

from bot import messages, ops, remind
from bot.assistant import Assistant
from bot.calculators.offsets import compute_offsets
from bot.calculators.repayment import compute_repayment
from bot.models import Asker
from bot.slack.blocks import MAX_BLOCKS, STAFF_LANGUAGE, escape, fallback_text, text_sections
from bot.slack.delivery import answer_layouts, post_message
from bot.slack.handlers import spoken_language
from bot.slack.identity import SlackIdentity

log = logging.getLogger(__name__)
DIGEST_SHOWN = 20  # firms listed per heading; the count says how many in all


@dataclass
class Reminders:
    assistant: Assistant
    client: WebClient
    staff_channel: str | None = None

    def __post_init__(self) -> None:
        self.audit = self.assistant.audit
        assert self.audit is not None, "reminders are recorded in the audit log"
        self.identity = SlackIdentity(self.assistant.directory, self.assistant.settings.identity_ttl_seconds)
        self._records: dict[tuple[str, str], object] = {}  # (generation, firm) -> its records, read once

    def run(self, as_of: date, digest: bool = True) -> Counter:
        """Send what ``as_of`` calls for; the counts of what was sent, skipped and failed."""
        counts: Counter = Counter()
        index = self.assistant.index.get()
        params = self.assistant.params(index)
        directory = self.assistant.directory()
        users: dict[str, list] = {}
        for user in directory.users.values():
            if user.role == "partner" and user.partner_id in directory.firms and user.slack_user_id:
                users.setdefault(user.partner_id, []).append(user)
        for partner_id in sorted(users):
            key = (index.generation, partner_id)
            if key not in self._records:
                self._records[key] = index.records.firm_records(partner_id)
            records = self._records[key]
            if records is None:
                continue
            by_lead: dict[int, list[remind.Reminder]] = {}
            for user in users[partner_id]:
                on, lead = self.audit.reminder_prefs(user.slack_user_id, remind.DEFAULT_LEAD_DAYS)
                if not on:
                    counts["opted_out"] += 1
                    continue
                if lead not in by_lead:
                    by_lead[lead] = remind.due(records, params, as_of, lead)
                for reminder in by_lead[lead]:
                    counts[self._send(reminder, user, index, params, as_of)] += 1
        if digest and self.staff_channel:
            counts[self._digest(index, params, as_of)] += 1
        return counts

    def _send(self, reminder: remind.Reminder, user, index, params, as_of: date) -> str:
        key = f"{reminder.key}:{user.slack_user_id}"
        if not self.audit.claim_reminder(key, user.slack_user_id, reminder.partner_id, reminder.kind):
            return "already_sent"
        try:
            language = spoken_language(self.identity, self.audit, user.slack_user_id, self.client)
            answer = remind.compose(reminder, index, params, self.assistant.settings, as_of, language)
            answer.language = language
            channel = self.client.conversations_open(users=user.slack_user_id)["channel"]["id"]
            settings = self.assistant.settings
            posted = post_message(self.client, answer_layouts(answer, settings.public_url, settings.slack_blocks,
                                                              buttons=False),
                                  channel=channel, text=fallback_text(answer))
        except Exception:
            log.exception("reminder %s to %s not sent; the next run tries again", reminder.key, user.slack_user_id)
            self.audit.release_reminder(key)
            return "failed"
        ts = posted.get("ts")
        self.audit.reminder_sent(key, channel, ts)
        ops.REMINDERS.labels(reminder.kind).inc()
        # A reply in the reminder's thread is a follow-up to it, like a reply to an answer.
        asker = Asker(role="partner", partner_id=reminder.partner_id, display_name=user.display_name,
                      slack_user_id=user.slack_user_id)
        self.audit.add_turn(f"slack:{channel}:{ts}", asker, answer.answer.splitlines()[0], answer.intent,
                            {"partner_id": reminder.partner_id, "records": True,
                             "facts": {k: v for k, v in answer.facts.items() if k in ("next_due_on", "partner_id")}})
        return f"sent_{reminder.kind}"

    # -- the staff digest -----------------------------------------------------------------------
    def _digest(self, index, params, as_of: date) -> str:
        year, week, _ = as_of.isocalendar()
        key = f"digest:{year}-W{week:02d}"
        if not self.audit.claim_reminder(key, self.staff_channel or "", "*", "digest"):
            return "digest_already_sent"
        try:
            text = digest_text(index, params, as_of)
            blocks = text_sections(text)[:MAX_BLOCKS]
            posted = self.client.chat_postMessage(channel=self.staff_channel, text=escape(text)[:3900], blocks=blocks)
        except Exception:
            log.exception("the weekly digest was not posted; the next run tries again")
            self.audit.release_reminder(key)
            return "digest_failed"
        self.audit.reminder_sent(key, self.staff_channel or "", posted.get("ts"))
        return "digest_sent"


def digest_text(index, params, as_of: date) -> str:
    """Staff's week: payments due in the next 7 days, overdue, in notice, and missing monitoring reports."""
    say = lambda name, **v: messages.say(name, STAFF_LANGUAGE, **v)  # noqa: E731
    due, overdue, notice, missing = [], [], [], []
    week_end = as_of + timedelta(days=7)
    for firm in sorted(index.records.firms(), key=lambda f: f.partner_id):
        records = index.records.firm_records(firm.partner_id)
        if records is None:
            continue
        account = compute_repayment(records, params, as_of)
        name = f"{firm.partner_id} {firm.name}"
        if account.state == "notice":
            notice.append(say("DIGEST_LINE_OVERDUE", firm=name, amount=account.due_now_krw,
                              due=account.next_due_on, days=account.days_overdue))
        elif account.days_overdue > 0 and account.state != "default":
            overdue.append(say("DIGEST_LINE_OVERDUE", firm=name, amount=account.due_now_krw or account.next_due_krw,
                               due=account.next_due_on, days=account.days_overdue))
        elif account.next_due_on and as_of <= account.next_due_on <= week_end and account.next_due_krw:
            due.append(say("DIGEST_LINE_DUE", firm=name, amount=account.next_due_krw, due=account.next_due_on))
        years = sorted({y for p in compute_offsets(records, params, as_of).projects for y in p.missing_report_years})
        if years:
            missing.append(say("DIGEST_LINE_REPORTS", firm=name, years=", ".join(map(str, years))))
    parts = [say("DIGEST_TITLE", start=as_of, end=week_end)]
    for heading, lines in (("DIGEST_DUE", due), ("DIGEST_OVERDUE", overdue), ("DIGEST_NOTICE", notice),
                           ("DIGEST_REPORTS", missing)):
        parts.append(say(heading, count=len(lines)))
        parts += [f"• {line}" for line in lines[:DIGEST_SHOWN]]
        if len(lines) > DIGEST_SHOWN:
            parts.append(say("DIGEST_MORE", count=len(lines) - DIGEST_SHOWN))
    return "\n".join(parts)
