"""Reminders a partner gets before they are asked for: what falls due, what is overdue, what report is due.

``due(...)`` is pure: from a firm's records, the parameters and a day, the reminders that day calls for. Each
has a key that names what it is about (the installment's due date, the report's year), so sending is
idempotent: the database keeps every key sent, and the same reminder never goes twice, however often the job
runs or however many days it missed. The kinds (§ the rule each rests on):

- ``due_soon``: a payment falls due within the user's lead time (default 7 days) (§7.2);
- ``overdue``: the first day a payment is overdue (§7.4);
- ``notice_soon`` / ``default_soon``: within the lead time of the written notice (30 days overdue) and of
  default (90 days overdue) (§7.4);
- ``report_due``: the next monitoring report is due within the lead time and is not on record (§9.2);
- ``deferral``: a hardship deferral was approved in the last two weeks (§7.6);
- ``accelerated``: a balance fell due at once in the last two weeks, by default (§7.4) or disposal (§11.1).

``texts(...)`` words a reminder in the user's language, with markers citing the firm's record and the rule,
as any record answer does. The Slack side (``bot/slack/remind.py``) finds the users, sends and records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from bot.calculators.offsets import compute_offsets
from bot.calculators.params import Parameters
from bot.calculators.repayment import compute_repayment
from bot.records.models import FirmRecords

KINDS = ("due_soon", "overdue", "notice_soon", "default_soon", "report_due", "deferral", "accelerated")
DEFAULT_LEAD_DAYS = 7
LEAD_CHOICES = (3, 7, 14)
RECENT_DAYS = 14  # a deferral or an acceleration is news for this long


@dataclass(frozen=True)
class Reminder:
    key: str  # what it is about, once and for all: "due_soon:P-T1-001:2026-12-20"
    kind: str
    partner_id: str
    about: date  # the due date, the report deadline, the day of approval or acceleration
    values: dict[str, Any] = field(default_factory=dict)
    clause: str = "§7.2"
    ledger: bool = True  # cites the ledger (payments) rather than the firm's record


def due(records: FirmRecords, params: Parameters, as_of: date, lead_days: int = DEFAULT_LEAD_DAYS) -> list[Reminder]:
    """The reminders ``as_of`` calls for about one firm, for a user whose lead time is ``lead_days``."""
    pid = records.firm.partner_id
    found: list[Reminder] = []
    account = compute_repayment(records, params, as_of)
    notice_days, default_days = params.value("repayment.notice_days"), params.value("repayment.default_days")
    next_due, overdue = account.next_due_on, account.days_overdue
    if account.state not in ("default", "fully_repaid", "no_support", "not_applicable", "refunded") and next_due:
        if overdue == 0 and account.next_due_krw > 0 and 0 <= (next_due - as_of).days <= lead_days:
            found.append(Reminder(f"due_soon:{pid}:{next_due}", "due_soon", pid, next_due,
                                  {"amount": account.next_due_krw, "due": next_due, "days": (next_due - as_of).days},
                                  "§7.2" if records.firm.tier == 1 else "§11.1"))
        if overdue >= 1:
            notice_on = next_due + timedelta(days=notice_days)
            default_on = next_due + timedelta(days=default_days)
            values = {"amount": account.due_now_krw or account.next_due_krw, "due": next_due, "days": overdue,
                      "notice": notice_on, "default": default_on}
            if overdue < notice_days:  # its first days overdue (a first run finds older ones by the next two)
                found.append(Reminder(f"overdue:{pid}:{next_due}", "overdue", pid, next_due, values, "§7.4"))
            if notice_days - lead_days <= overdue < notice_days:
                found.append(Reminder(f"notice_soon:{pid}:{next_due}", "notice_soon", pid, notice_on, values, "§7.4"))
            if default_days - lead_days <= overdue < default_days:
                found.append(Reminder(f"default_soon:{pid}:{next_due}", "default_soon", pid, default_on, values,
                                      "§7.4"))
    if account.deferral_approved_on and 0 <= (as_of - account.deferral_approved_on).days <= RECENT_DAYS:
        found.append(Reminder(f"deferral:{pid}:{account.deferral_approved_on}", "deferral", pid,
                              account.deferral_approved_on,
                              {"months": account.deferral_months, "on": account.deferral_approved_on,
                               "due": next_due}, "§7.6"))
    if account.defaulted_on and 0 <= (as_of - account.defaulted_on).days <= RECENT_DAYS:
        found.append(Reminder(f"accelerated:{pid}:default:{account.defaulted_on}", "accelerated", pid,
                              account.defaulted_on, {"on": account.defaulted_on, "amount": account.outstanding_krw},
                              "§7.4"))
    for d in account.disposals:
        if d.effective_on and 0 <= (as_of - d.effective_on).days <= RECENT_DAYS:
            found.append(Reminder(f"accelerated:{pid}:{d.project_id}:{d.effective_on}", "accelerated", pid,
                                  d.effective_on, {"on": d.effective_on, "amount": account.outstanding_krw},
                                  "§11.1"))
    offsets = compute_offsets(records, params, as_of, account)
    report = offsets.next_report
    if report is not None and report.next_report_due and 0 <= (report.next_report_due - as_of).days <= lead_days:
        found.append(Reminder(f"report_due:{pid}:{report.project_id}:{report.next_report_year}", "report_due", pid,
                              report.next_report_due,
                              {"year": report.next_report_year, "project": report.project_id,
                               "due": report.next_report_due, "days": (report.next_report_due - as_of).days},
                              "§9.2", ledger=False))
    return found


def compose(reminder: Reminder, index, params: Parameters, settings, as_of: date, language: str = "en"):
    """The reminder as a record answer in ``language``: its sentence citing the firm's record (or ledger) and
    its rule, the date the figures hold on, and how to ask a follow-up."""
    from bot.compose.records import Context, Draft

    pid = reminder.partner_id
    intent = "offset" if reminder.kind == "report_due" else "repayment"
    d = Draft(Context.for_firm(index, params, settings, pid, as_of, language, intent))
    values = dict(reminder.values, firm=pid)
    record = (d.record(ledger=True) if reminder.ledger else "") or d.record()  # a firm without a ledger: its record
    d.add(reminder.kind, d.say(f"REMIND_{reminder.kind.upper()}", **values), record, d.rule(reminder.clause))
    d.facts.update(partner_id=pid, reminder=reminder.kind, about=reminder.about.isoformat())
    if reminder.kind in ("due_soon", "overdue", "notice_soon", "default_soon"):
        d.facts.update(next_due_on=reminder.values["due"].isoformat())
    answer = d.answer(intent)
    answer.answer += "\n" + d.say("REMIND_FOLLOW_UP")
    return answer
