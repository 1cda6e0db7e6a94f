"""The §7.2 installment schedule: due dates and amounts, nothing else.

Kept apart from the repayment calculator so the seeded sample-record
generator and the calculator share one definition of a due date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months; a day missing in the target month becomes its last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Due:
    """One installment as scheduled: number k (1-based), due date, amount in won."""

    k: int
    due_on: date
    amount_krw: int


def installment_schedule(
    support_krw: int,
    completion: date,
    *,
    grace_months: int = 12,
    count: int = 8,
    interval_months: int = 3,
    deferral_months: int = 0,
) -> list[Due]:
    """Installment k is due ``grace + interval*k`` months after completion (plus any deferral).

    Each is ``support // count`` won; the rounding remainder goes to the last one.
    A deferral shifts every due date; callers apply it only to unpaid
    installments (see the repayment calculator).
    """
    base = support_krw // count
    remainder = support_krw - base * count
    return [
        Due(
            k=k,
            due_on=add_months(completion, grace_months + interval_months * k + deferral_months),
            amount_krw=base + (remainder if k == count else 0),
        )
        for k in range(1, count + 1)
    ]


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (§2.16): the largest n with add_months(start, n) <= end, at least 0."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and add_months(start, months) > end:
        months -= 1
    return max(months, 0)
