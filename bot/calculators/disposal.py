"""§11.1: when supported equipment that was sold, removed or left idle triggers the obligation.

One definition shared by the repayment calculator (a tier-1 project's
installments fall due at once, a tier-2 grant is refunded pro rata) and the
offsets answer. Readings are those of rules.md §11.1 and §2.16.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from bot.calculators.params import Parameters
from bot.calculators.schedule import add_months, months_between
from bot.messages import Phrase
from bot.records.models import Project


@dataclass(frozen=True)
class Disposal:
    """Where a project's equipment stands under §11.1 on a date."""

    project_id: str
    triggered: bool
    reason: Phrase  # why it is (or is not) triggered
    status: str  # in_use / sold / removed / idle
    event_on: date | None  # sold or removed on, or idle since
    effective_on: date | None  # the day the obligation takes effect (idle: the day after 6 months idle)
    period_ends_on: date | None  # fifth anniversary of the confirmed completion date
    months_remaining: int | None  # whole months from the event to that anniversary (tier-2 refund share)


def idle_counts_from(since: date, params: Parameters) -> date:
    """§11.1: idle equipment counts from the day after the date 6 months after it became idle."""
    return add_months(since, params.value("obligations.idle_months")) + timedelta(days=1)


def anniversary(completed: date, params: Parameters) -> date:
    """§11.1: the fifth anniversary of the confirmed completion date; the 5 years end the day before it."""
    return add_months(completed, 12 * params.value("obligations.clawback_years"))


def disposal(project: Project, params: Parameters, as_of: date) -> Disposal:
    """The §11.1 standing of ``project`` as of ``as_of``; nothing dated after as_of counts."""
    status, since, done = project.equipment_status, project.equipment_status_since, project.completion_date

    def quiet(reason: Phrase, state: str = status) -> Disposal:
        return Disposal(project.project_id, False, reason, state, None, None, None, None)

    if done is None or done > as_of:
        return quiet(Phrase("DISPOSAL_NOT_COMPLETED"))
    if status == "in_use" or since is None or since > as_of:
        return quiet(Phrase("DISPOSAL_IN_USE"), "in_use")
    years = params.value("obligations.clawback_years")
    ends = anniversary(done, params)
    if status == "idle":
        idle = params.value("obligations.idle_months")
        effective = idle_counts_from(since, params)
        what = Phrase("DISPOSAL_IDLE_SINCE", since=since)
        if effective > as_of:
            return Disposal(project.project_id, False, Phrase("DISPOSAL_NOT_YET", what=what, months=idle), status,
                            since, None, ends, None)
    else:
        effective = since
        what = Phrase("DISPOSAL_GONE_ON", status=status, since=since)
    if not done <= effective < ends:
        outside = "DISPOSAL_BEFORE" if effective < done else "DISPOSAL_AFTER"
        return Disposal(project.project_id, False, Phrase(outside, what=what, years=years), status, since, None,
                        ends, None)
    return Disposal(project.project_id, True, Phrase("DISPOSAL_TRIGGERED", what=what, completed=done), status, since,
                    effective, ends, months_between(max(since, done), ends))
