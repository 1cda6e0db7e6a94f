"""The engine's figures for one firm, in the oracle's vocabulary (tests/oracle/SPEC.md).

This is the only place the comparison touches the engine; the oracle itself
never imports it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from bot.calculators import Parameters, check_eligibility, compute_offsets, compute_repayment
from bot.calculators.disposal import anniversary
from bot.calculators.offsets import conversion_deadlines
from bot.calculators.repayment import settled_on
from bot.records.models import Firm, FirmRecords


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def engine_figures(records: FirmRecords, parent: Firm | None, params: Parameters, as_of: date) -> dict[str, Any]:
    repayment = compute_repayment(records, params, as_of)
    eligibility = check_eligibility(records, parent, params, as_of, repayment=repayment)
    offsets = compute_offsets(records, params, as_of)
    completed = {p.project_id: p.completion_date for p in records.projects if p.completion_date}
    settled = settled_on(records, params, as_of) if records.firm.tier == 1 else {}
    installments = {}
    for i in repayment.installments if records.firm.tier == 1 else ():
        on = settled.get((i.project_id, i.k))
        installments[f"{i.project_id}#{i.k}"] = {
            "due_on": _iso(i.due_on), "amount_krw": i.amount_krw, "settled_on": _iso(on),
            "days_late": None if on is None else max(0, (on - i.due_on).days)}
    return {
        "tier": records.firm.tier,
        "support_krw": repayment.support_krw,
        "repaid_krw": repayment.repaid_krw,
        "outstanding_krw": repayment.outstanding_krw,
        "due_now_krw": repayment.due_now_krw,
        "next_due_on": _iso(repayment.next_due_on),
        "next_due_krw": repayment.next_due_krw,
        "days_overdue": repayment.days_overdue,
        "state": repayment.state,
        "criteria": {key: c.status for key, c in zip(eligibility.keys, eligibility.criteria)},
        "verdict": eligibility.verdict,
        "verified_tco2": round(offsets.verified_tco2, 1),
        "certified_tco2": round(offsets.certified_tco2, 1),
        "converted_kcu": round(offsets.converted_kcu, 1),
        "offset_state": offsets.state,
        "projects": {
            p.project_id: {
                "crediting_ends_on": _iso(p.crediting_ends_on), "years_left": p.years_left,
                "next_report_year": p.next_report_year, "next_report_due": _iso(p.next_report_due),
                "missing_report_years": list(p.missing_report_years), "clawback": p.clawback.triggered,
                "clawback_on": _iso(p.clawback.effective_on),
                "clawback_krw": p.clawback.amount_krw if p.clawback.triggered else 0,
                "fell_due_krw": repayment.fell_due_at_once(p.project_id) if records.firm.tier == 1 else 0,
                "obligation_ends_on": _iso(anniversary(completed[p.project_id], params) - timedelta(days=1)),
            }
            for p in offsets.projects
        },
        "installments": installments,
        "koc_convert_by": {f"{x['project_id']}#{x['year']}": {k: x[k] for k in ("koc", "certified_on", "convert_by")}
                           for x in conversion_deadlines(offsets, params)},
    }


def flatten(figures: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested fields as dotted keys, so agreement can be counted value by value."""
    out: dict[str, Any] = {}
    for key, value in figures.items():
        if isinstance(value, dict):
            out.update(flatten(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out
