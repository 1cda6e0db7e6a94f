"""Reductions and offset credits of a firm's projects (§9–§11, ETS Act Art. 29–30) as of a date.

Stages of a year's reductions: monitored → verified (§9.3) → certified as KOC
(Art. 30) → converted to KCU by Hyundai/Kia (Art. 29). A year's figures count
from the day its monitoring report was submitted (§9.3). Also, per project,
the §10.4 crediting period, the §9.2 report deadlines and the §11.1 clawback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from bot.calculators.disposal import Disposal, disposal
from bot.calculators.params import Parameters
from bot.calculators.repayment import compute_repayment
from bot.calculators.schedule import add_months, months_between
from bot.records.models import FirmRecords, Project, Reduction

OffsetState = Literal["no_project", "pending", "verified", "certified", "converted"]
Stage = Literal["pending", "reported", "verified", "certified", "converted"]
_RANK = {"pending": 0, "reported": 0, "verified": 1, "certified": 2, "converted": 3}

__all__ = ["Clawback", "OffsetResult", "OffsetYear", "ProjectOffsets", "compute_offsets", "months_between",
           "report_deadline"]


@dataclass(frozen=True)
class OffsetYear:
    """One calendar year of one project's reductions, counted as of the as-of date."""

    project_id: str
    year: int
    verified_tco2: float | None
    certified_tco2: float | None
    converted_kcu: float | None
    report_submitted_on: date | None
    stage: Stage


@dataclass(frozen=True)
class Clawback:
    """§11.1 for one project: triggered or not, and what it costs the firm."""

    triggered: bool
    reason: str
    event_on: date | None  # sold / removed on, idle since
    effective_on: date | None  # the day the obligation took effect
    consequence: str | None  # by tier
    months_remaining: int | None  # whole months from the event to the fifth anniversary
    amount_krw: int | None  # tier-1: still unpaid on the project's installments; tier-2: the refund


@dataclass(frozen=True)
class ProjectOffsets:
    """One completed project: its stage, crediting period, reports and clawback."""

    project_id: str
    expected_tco2_per_year: float
    state: OffsetState
    verified_tco2: float
    certified_tco2: float
    converted_kcu: float
    registration_date: date | None
    crediting_ends_on: date | None
    years_left: int | None  # whole years of the crediting period left at as_of
    next_report_year: int | None  # calendar year the next §9.2 monitoring report covers
    next_report_due: date | None
    missing_report_years: tuple[int, ...]  # deadline passed, no report on record
    equipment_status: str
    clawback: Clawback
    first_report_year: int | None = None  # §9.2: the completion year, the first a report covers


@dataclass(frozen=True)
class OffsetResult:
    """A firm's reductions and credits on ``as_of``; tonnes are tCO2eq (1 KOC = 1 KCU = 1 t)."""

    partner_id: str
    as_of: date
    state: OffsetState
    expected_tco2_per_year: float | None
    verified_tco2: float
    certified_tco2: float  # KOC issued
    converted_kcu: float
    unconverted_koc: float  # certified but not yet converted
    years: tuple[OffsetYear, ...]  # every counted project-year, by year
    projects: tuple[ProjectOffsets, ...]  # completed projects, first completed first
    rights_holder: str
    clauses: tuple[str, ...]

    @property
    def project_id(self) -> str | None:
        return self.projects[-1].project_id if self.projects else None

    @property
    def latest(self) -> ProjectOffsets | None:
        return self.projects[-1] if self.projects else None

    @property
    def clawbacks(self) -> tuple[tuple[ProjectOffsets, Clawback], ...]:
        return tuple((p, p.clawback) for p in self.projects if p.clawback.triggered)

    @property
    def next_report(self) -> ProjectOffsets | None:
        """The project whose monitoring report is due soonest."""
        due = [p for p in self.projects if p.next_report_due]
        return min(due, key=lambda p: (p.next_report_due, p.project_id), default=None)

    def year_totals(self, year: int) -> dict[str, float] | None:
        """Verified, certified and converted tonnes of one calendar year (None: nothing counted for it)."""
        rows = [y for y in self.years if y.year == year]
        if not rows:
            return None
        return {"verified_tco2": _total(r.verified_tco2 for r in rows),
                "certified_tco2": _total(r.certified_tco2 for r in rows),
                "converted_kcu": _total(r.converted_kcu for r in rows)}

    def facts(self) -> dict[str, Any]:
        """Flat facts for the composer and the eval harness (single-project fields describe the latest)."""
        latest, report = self.latest, self.next_report
        claws = self.clawbacks
        return {
            "partner_id": self.partner_id, "project_id": self.project_id, "as_of": self.as_of.isoformat(),
            "state": self.state, "expected_tco2_per_year": self.expected_tco2_per_year,
            "verified_tco2": self.verified_tco2, "certified_tco2": self.certified_tco2,
            "converted_kcu": self.converted_kcu, "unconverted_koc": self.unconverted_koc,
            "registration_date": _iso(latest.registration_date) if latest else None,
            "crediting_ends_on": _iso(latest.crediting_ends_on) if latest else None,
            "years_left": latest.years_left if latest else None, "rights_holder": self.rights_holder,
            "next_report_year": report.next_report_year if report else None,
            "next_report_due": _iso(report.next_report_due) if report else None,
            "missing_report_years": sorted({y for p in self.projects for y in p.missing_report_years}),
            "clawback": bool(claws), "clawback_reason": "; ".join(c.reason for _, c in claws) or None,
            "clawback_consequence": claws[0][1].consequence if claws else None,
            "clawback_krw": sum(c.amount_krw or 0 for _, c in claws) if claws else None,
            "project_ids": [p.project_id for p in self.projects],
            "projects": [{"project_id": p.project_id, "state": p.state, "verified_tco2": p.verified_tco2,
                          "certified_tco2": p.certified_tco2, "converted_kcu": p.converted_kcu,
                          "registration_date": _iso(p.registration_date),
                          "crediting_ends_on": _iso(p.crediting_ends_on), "years_left": p.years_left,
                          "next_report_year": p.next_report_year, "next_report_due": _iso(p.next_report_due),
                          "missing_report_years": list(p.missing_report_years),
                          "clawback_krw": p.clawback.amount_krw if p.clawback.triggered else None}
                         for p in self.projects],
            "clauses": list(self.clauses),
        }


def compute_offsets(records: FirmRecords, params: Parameters, as_of: date, repayment=None) -> OffsetResult:
    """Totals, stages, crediting periods, report deadlines and clawbacks of every completed project.

    ``repayment``: the firm's account on ``as_of`` when the caller already has it (else computed here)."""
    firm = records.firm
    holder = params["offsets.rights_holder"]
    done = sorted((p for p in records.projects
                   if p.partner_id == firm.partner_id and p.completion_date and p.completion_date <= as_of),
                  key=lambda p: (p.completion_date, p.project_id))
    by_project: dict[str, list[Reduction]] = {}
    for r in records.reductions:
        by_project.setdefault(r.project_id, []).append(r)
    if repayment is None or repayment.as_of != as_of or repayment.partner_id != firm.partner_id:
        repayment = compute_repayment(records, params, as_of)
    projects = tuple(_project(p, by_project.get(p.project_id, []), params, as_of, firm.tier, repayment)
                     for p in done)
    years = tuple(sorted((y for p in done for y in _years(p, by_project.get(p.project_id, []), as_of)),
                         key=lambda y: (y.year, y.project_id)))
    best = max((_RANK[y.stage] for y in years), default=0)
    state: OffsetState = "no_project" if not done else ("pending", "verified", "certified", "converted")[best]  # type: ignore[assignment]
    certified, converted = _total(y.certified_tco2 for y in years), _total(y.converted_kcu for y in years)
    clauses = [holder.clause, "§9.2", params["offsets.crediting_years"].clause]
    clauses += ["§11.1"] * any(p.clawback.triggered for p in projects)
    clauses += ["Art. 30"] * (best >= 2) + ["Art. 29"] * (best >= 3)
    return OffsetResult(
        partner_id=firm.partner_id, as_of=as_of, state=state,
        expected_tco2_per_year=done[-1].expected_tco2_per_year if done else None,
        verified_tco2=_total(y.verified_tco2 for y in years), certified_tco2=certified, converted_kcu=converted,
        unconverted_koc=max(float(Decimal(str(certified)) - Decimal(str(converted))), 0.0), years=years,
        projects=projects, rights_holder=holder.value, clauses=tuple(clauses),
    )


def _years(project: Project, rows: Sequence[Reduction], as_of: date) -> list[OffsetYear]:
    """The project's years whose report was submitted by as_of (§9.3)."""
    return [_year(project.project_id, r) for r in sorted(rows, key=lambda r: r.year)
            if r.report_submitted_on is not None and r.report_submitted_on <= as_of]


def _year(project_id: str, r: Reduction) -> OffsetYear:
    stage: Stage = ("converted" if r.converted_kcu else "certified" if r.certified_tco2
                    else "verified" if r.verified_tco2 is not None else "reported")
    return OffsetYear(project_id, r.year, r.verified_tco2, r.certified_tco2, r.converted_kcu,
                      r.report_submitted_on, stage)


def _project(project: Project, rows: Sequence[Reduction], params: Parameters, as_of: date, tier: int,
             repayment) -> ProjectOffsets:
    years = _years(project, rows, as_of)
    best = max((_RANK[y.stage] for y in years), default=0)
    reg = project.registration_date if project.registration_date and project.registration_date <= as_of else None
    ends = add_months(reg, 12 * params.value("offsets.crediting_years")) if reg else None
    next_year, next_due, missing = _reports(project, {y.year for y in years}, params, as_of, ends)
    gone = disposal(project, params, as_of)
    return ProjectOffsets(
        project_id=project.project_id, expected_tco2_per_year=project.expected_tco2_per_year,
        state=("pending", "verified", "certified", "converted")[best],  # type: ignore[arg-type]
        verified_tco2=_total(y.verified_tco2 for y in years), certified_tco2=_total(y.certified_tco2 for y in years),
        converted_kcu=_total(y.converted_kcu for y in years), registration_date=reg, crediting_ends_on=ends,
        years_left=months_between(as_of, ends) // 12 if ends else None, next_report_year=next_year,
        next_report_due=next_due, missing_report_years=missing,
        first_report_year=project.completion_date.year if project.completion_date else None,
        equipment_status=gone.status, clawback=_clawback(gone, project.project_id, tier, params, repayment),
    )


def _total(values: Iterable[float | None]) -> float:
    """Sum tonnes through Decimal so 0.1 + 0.2 reads 0.3."""
    return float(sum((Decimal(str(v)) for v in values if v is not None), Decimal(0)))


def conversion_deadlines(result: OffsetResult, params: Parameters) -> list[dict]:
    """Art. 30: a KOC must be converted within ``offsets.koc_conversion_years`` of its certification; a year's
    reductions count as certified from the day its report was submitted (§9.3). For each counted project-year with
    KOC not yet converted: the tonnes, that day and the last day to convert them (the anniversary, §2.16)."""
    years = params.value("offsets.koc_conversion_years")
    out = []
    for y in result.years:
        left = float(Decimal(str(y.certified_tco2 or 0)) - Decimal(str(y.converted_kcu or 0)))
        if left <= 0 or y.report_submitted_on is None:
            continue
        out.append({"project_id": y.project_id, "year": y.year, "koc": round(left, 1),
                    "certified_on": y.report_submitted_on.isoformat(),
                    "convert_by": add_months(y.report_submitted_on, 12 * years).isoformat()})
    return out


def report_deadline(params: Parameters, year: int) -> date:
    """§9.2: the monitoring report for ``year`` is due on report_due of the next year (31 March)."""
    month, day = (int(x) for x in params.value("mrv.report_due").split("-"))
    return date(year + 1, month, day)


def _reports(project: Project, submitted: set[int], params: Parameters, as_of: date,
             ends: date | None) -> tuple[int | None, date | None, tuple[int, ...]]:
    """§9.2: one report per calendar year from the completion year to the year the crediting period ends."""
    assert project.completion_date is not None
    first, last = project.completion_date.year, ends.year if ends else None

    def deadline(year: int) -> date:
        return report_deadline(params, year)

    missing = tuple(y for y in range(first, as_of.year) if (last is None or y <= last)
                    and deadline(y) < as_of and y not in submitted)
    year = first
    while year in submitted or deadline(year) < as_of:
        year += 1
    if last is not None and year > last:
        return None, None, missing
    return year, deadline(year), missing


def _clawback(d: Disposal, project_id: str, tier: int, params: Parameters, repayment) -> Clawback:
    """§11.1 consequence by tier; the amounts come from the repayment account, which applies it."""
    if not d.triggered:
        return Clawback(False, d.reason, d.event_on, None, None, d.months_remaining, None)
    if tier == 1:
        return Clawback(True, d.reason, d.event_on, d.effective_on, "the unpaid balance falls due at once",
                        d.months_remaining, repayment.owed_on(project_id))
    period = 12 * params.value("obligations.clawback_years")
    return Clawback(True, d.reason, d.event_on, d.effective_on,
                    f"pro-rata refund of the grant ({d.months_remaining}/{period} months)", d.months_remaining,
                    repayment.charged_on(project_id))


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
