"""Partner records rendered as readable text: the restricted chunks ingest indexes, and the passage a record
citation quotes (rendered as the records stood on the answer's as-of date).

The numbers in answers come from the calculators, not from this text.
"""

from __future__ import annotations

from bot.lang.format import krw
from bot.records.models import Firm, Payment, Project, Reduction

RECORDS_TITLE = "Partner record"


def _flag(value: bool | None, yes: str, no: str) -> str:
    return "not recorded" if value is None else (yes if value else no)


def firm_text(firm: Firm, projects: list[Project], reductions: dict[str, list[Reduction]]) -> str:
    lines = [
        f"{firm.name} ({firm.partner_id}), tier-{firm.tier} partner, size class {firm.size_class}"
        + (f", supplying {firm.parent_id}" if firm.parent_id else "")
        + ".",
        f"Supply contract with Hyundai Motor/Kia: {firm.hmg_contract}. "
        f"Win-win agreement: {_flag(firm.agreement_signed, 'signed', 'not signed')}. "
        f"Affiliate of a large business group: {_flag(firm.group_affiliate, 'yes', 'no')}. "
        f"Project site inside an allocated entity: {_flag(firm.inside_allocated_entity, 'yes', 'no')}.",
    ]
    if firm.deferral_months:
        lines.append(f"Hardship deferral of {firm.deferral_months} months approved on {firm.deferral_approved_on}.")
    if firm.excluded_until:
        lines.append(f"Excluded from the program until {firm.excluded_until}: {firm.exclusion_reason or 'see §11'}.")
    for p in projects:
        lines.append(
            f"Project {p.project_id} (round {p.funding_round}, {p.category.replace('_', ' ')}): {p.description}. "
            f"Eligible cost {krw(p.eligible_cost_krw)}; expected reduction {p.expected_tco2_per_year:g} tCO2eq per year; "
            f"support {krw(p.support_krw)}"
            + (f" paid on {p.support_paid_on}" if p.support_paid_on else "")
            + (f"; completed {p.completion_date}" if p.completion_date else "; not completed")
            + (f"; registered as an external project {p.registration_date}" if p.registration_date else "")
            + f"; equipment {p.equipment_status.replace('_', ' ')}"
            + (f" since {p.equipment_status_since}" if p.equipment_status_since else "")
            + "."
        )
        for r in reductions.get(p.project_id, []):
            lines.append(
                f"{r.year}: verified {r.verified_tco2 if r.verified_tco2 is not None else 'pending'} tCO2eq, "
                f"certified {r.certified_tco2 if r.certified_tco2 is not None else 'pending'}, "
                f"converted {r.converted_kcu if r.converted_kcu is not None else 'none'} KCU"
                + (f", report submitted {r.report_submitted_on}" if r.report_submitted_on else "")
                + "."
            )
    return "\n".join(lines)


def ledger_text(firm: Firm, payments: list[Payment]) -> str:
    lines = [f"Payments received from {firm.name} ({firm.partner_id}):"]
    lines += [f"{p.paid_on}: {krw(p.amount_krw)}" + (f" ({p.memo})" if p.memo else "") for p in payments]
    lines.append(f"Total received: {krw(sum(p.amount_krw for p in payments))}.")
    return "\n".join(lines)
