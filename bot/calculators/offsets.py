"""Reductions and offset credits of a project (§9–§11, ETS Act Art. 29–30) as of a date.

Stages of a year's reductions: monitored → verified (§9.3) → certified as KOC
(Art. 30) → converted to KCU by Hyundai/Kia (Art. 29). Also the §10.4
crediting period, the §9.2 report deadline and the §11.1 clawback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from bot.calculators.params import Parameters
from bot.calculators.repayment import compute_repayment
from bot.calculators.schedule import add_months
from bot.records.models import Firm, Payment, Project, Reduction

OffsetState = Literal["no_project", "pending", "verified", "certified", "converted"]
Stage = Literal["pending", "reported", "verified", "certified", "converted"]
_RANK = {"pending": 0, "reported": 0, "verified": 1, "certified": 2, "converted": 3}


@dataclass(frozen=True)
class OffsetYear:
    """One calendar year of a project's reductions and the furthest stage it reached."""

    year: int
    verified_tco2: float | None
    certified_tco2: float | None
    converted_kcu: float | None
    report_submitted_on: date | None
    stage: Stage


@dataclass(frozen=True)
class Clawback:
    """§11.1: equipment sold, removed or idle too long within the obligation period."""

    triggered: bool
    reason: str  # why it is (or is not) triggered
    event_on: date | None  # date sold / removed / idle since
    consequence: str | None  # by tier
    months_remaining: int | None  # months of the obligation period left at the event
    amount_krw: int | None  # tier-1: unpaid balance (needs the ledger); tier-2: pro-rata refund


@dataclass(frozen=True)
class OffsetResult:
    """Where a project's reductions and credits stand on ``as_of``; tonnes are tCO2eq (1 KOC = 1 KCU = 1 t)."""

    partner_id: str
    project_id: str | None
    as_of: date
    state: OffsetState
    expected_tco2_per_year: float | None
    verified_tco2: float
    certified_tco2: float  # KOC issued
    converted_kcu: float
    unconverted_koc: float  # certified but not yet converted (must be within 5 years, Art. 30 guideline)
    years: tuple[OffsetYear, ...]
    registration_date: date | None
    crediting_ends_on: date | None
    years_left: int | None  # whole years of the crediting period left at as_of
    rights_holder: str
    next_report_year: int | None  # calendar year the next §9.2 monitoring report covers
    next_report_due: date | None
    missing_report_years: tuple[int, ...]  # deadline passed, no report on record
    clawback: Clawback
    clauses: tuple[str, ...]

    def facts(self) -> dict[str, Any]:
        """Flat facts for the composer and the eval harness."""
        return {
            "partner_id": self.partner_id, "project_id": self.project_id, "as_of": self.as_of.isoformat(),
            "state": self.state, "expected_tco2_per_year": self.expected_tco2_per_year,
            "verified_tco2": self.verified_tco2, "certified_tco2": self.certified_tco2,
            "converted_kcu": self.converted_kcu, "unconverted_koc": self.unconverted_koc,
            "registration_date": _iso(self.registration_date), "crediting_ends_on": _iso(self.crediting_ends_on),
            "years_left": self.years_left, "rights_holder": self.rights_holder,
            "next_report_year": self.next_report_year, "next_report_due": _iso(self.next_report_due),
            "missing_report_years": list(self.missing_report_years),
            "clawback": self.clawback.triggered, "clawback_reason": self.clawback.reason,
            "clawback_consequence": self.clawback.consequence, "clawback_krw": self.clawback.amount_krw,
            "clauses": list(self.clauses),
        }


def months_between(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (0 if end is not later), month ends as in add_months."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def compute_offsets(firm: Firm, project: Project | None, reductions: Sequence[Reduction], params: Parameters,
                    as_of: date, *, payments: Sequence[Payment] | None = None) -> OffsetResult:
    """Totals, stage, crediting period, report deadline and clawback; ``payments`` prices a tier-1 clawback."""
    holder = params["offsets.rights_holder"]
    if project is None:
        return OffsetResult(firm.partner_id, None, as_of, "no_project", None, 0.0, 0.0, 0.0, 0.0, (), None, None,
                            None, holder.value, None, None, (),
                            Clawback(False, "no project on record", None, None, None, None), ())
    rows = tuple(_year(r) for r in sorted(reductions, key=lambda r: r.year) if r.project_id == project.project_id)
    best = max((_RANK[r.stage] for r in rows), default=0)
    state: OffsetState = ("pending", "verified", "certified", "converted")[best]  # type: ignore[assignment]
    certified, converted = _total(r.certified_tco2 for r in rows), _total(r.converted_kcu for r in rows)
    crediting = params["offsets.crediting_years"]
    reg = project.registration_date
    ends = add_months(reg, 12 * crediting.value) if reg else None
    next_year, next_due, missing = _reports(project, rows, params, as_of, ends)
    clawback = _clawback(firm, project, params, as_of, payments)
    clauses = [holder.clause, "§9.2", crediting.clause] + ["§11.1"] * clawback.triggered
    clauses += ["Art. 30"] * (best >= 2) + ["Art. 29"] * (best >= 3)
    return OffsetResult(
        partner_id=firm.partner_id, project_id=project.project_id, as_of=as_of, state=state,
        expected_tco2_per_year=project.expected_tco2_per_year,
        verified_tco2=_total(r.verified_tco2 for r in rows), certified_tco2=certified, converted_kcu=converted,
        unconverted_koc=max(float(Decimal(str(certified)) - Decimal(str(converted))), 0.0), years=rows,
        registration_date=reg, crediting_ends_on=ends,
        years_left=months_between(as_of, ends) // 12 if ends else None, rights_holder=holder.value,
        next_report_year=next_year, next_report_due=next_due, missing_report_years=missing,
        clawback=clawback, clauses=tuple(clauses),
    )


def _year(r: Reduction) -> OffsetYear:
    stage: Stage = ("converted" if r.converted_kcu else "certified" if r.certified_tco2
                    else "verified" if r.verified_tco2 is not None
                    else "reported" if r.report_submitted_on else "pending")
    return OffsetYear(r.year, r.verified_tco2, r.certified_tco2, r.converted_kcu, r.report_submitted_on, stage)


def _total(values: Iterable[float | None]) -> float:
    """Sum tonnes through Decimal so 0.1 + 0.2 reads 0.3."""
    return float(sum((Decimal(str(v)) for v in values if v is not None), Decimal(0)))


def _reports(project: Project, rows: Sequence[OffsetYear], params: Parameters, as_of: date,
             ends: date | None) -> tuple[int | None, date | None, tuple[int, ...]]:
    """§9.2: each calendar year's report is due on report_due of the next year."""
    if project.completion_date is None:
        return None, None, ()
    month, day = (int(x) for x in params.value("mrv.report_due").split("-"))
    # A report dated after as_of was not in yet; a verified year without a date must have been reported.
    submitted = {r.year for r in rows if (r.report_submitted_on or date.min) <= as_of
                 and (r.report_submitted_on or r.verified_tco2 is not None)}
    first = project.completion_date.year
    missing = tuple(y for y in range(first, as_of.year) if date(y + 1, month, day) < as_of and y not in submitted)
    year = as_of.year - 1 if as_of <= date(as_of.year, month, day) else as_of.year
    if year in submitted:
        year += 1
    year = max(year, first)
    if ends and year > ends.year:
        return None, None, missing
    return year, date(year + 1, month, day), missing


def _clawback(firm: Firm, project: Project, params: Parameters, as_of: date,
              payments: Sequence[Payment] | None) -> Clawback:
    """§11.1 within the obligation period after completion; consequence by tier."""
    status, since = project.equipment_status, project.equipment_status_since
    if status == "in_use" or project.completion_date is None:
        return Clawback(False, f"equipment status: {status}", since, None, None, None)
    period = 12 * params.value("obligations.clawback_years")
    window_end = add_months(project.completion_date, period)
    if status == "idle":
        idle = params.value("obligations.idle_months")
        if since is None:
            return Clawback(False, "idle, but the start date is not recorded", None, None, None, None)
        over = add_months(since, idle)
        if not (over < as_of and over < window_end):
            return Clawback(False, f"idle since {since.isoformat()}, not more than {idle} months "
                                   f"within the {period // 12}-year period", since, None, None, None)
        event = since
    else:
        event = since or as_of  # no date recorded: the status holds as of today
        if event > window_end:
            return Clawback(False, f"{status} on {event.isoformat()}, after the {period // 12}-year period",
                            event, None, None, None)
    remaining = min(months_between(event, window_end), period)
    reason = f"equipment {status} since {event.isoformat()} (completed {project.completion_date.isoformat()})"
    if firm.tier == 1:
        amount = None
        if payments is not None:
            amount = compute_repayment(firm, project, payments, params, as_of).outstanding_krw
        return Clawback(True, reason, event, "the unpaid balance falls due at once", remaining, amount)
    # §11.1 tier-2 pro-rata refund: grant × months of the 5-year period still remaining at the
    # event / 60 months, in whole won rounded down (integer arithmetic, no float).
    refund = (project.support_krw or 0) * remaining // period
    return Clawback(True, reason, event, f"pro-rata refund of the grant ({remaining}/{period} months)",
                    remaining, refund)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
