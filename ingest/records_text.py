"""Partner records rendered as readable, restricted text chunks (one per firm, one per ledger).

These make a firm's own records findable by search; the numbers in answers
still come from the calculators over SQLite, not from this text.
"""

from __future__ import annotations

from collections import defaultdict

from bot.models import Chunk
from bot.records.models import Firm, Payment, Project, Record, Reduction
from ingest.chunking import content_hash

RECORDS_TITLE = "Partner record"


def krw(amount: int | None) -> str:
    return "not recorded" if amount is None else f"KRW {amount:,}"


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


def record_chunks(tables: dict[str, list[Record]], root: str) -> list[Chunk]:
    projects: dict[str, list[Project]] = defaultdict(list)
    for p in tables.get("projects", []):
        projects[p.partner_id].append(p)  # type: ignore[attr-defined]
    reductions: dict[str, list[Reduction]] = defaultdict(list)
    for r in tables.get("reductions", []):
        reductions[r.project_id].append(r)  # type: ignore[attr-defined]
    payments: dict[str, list[Payment]] = defaultdict(list)
    for pay in tables.get("ledger", []):
        payments[pay.partner_id].append(pay)  # type: ignore[attr-defined]

    chunks = []
    for firm in tables.get("firms", []):
        assert isinstance(firm, Firm)
        docs = [("firms", f"Partner record {firm.partner_id}", firm_text(firm, projects[firm.partner_id], reductions))]
        if payments[firm.partner_id]:
            docs.append(("ledger", f"Partner record {firm.partner_id} ledger", ledger_text(firm, payments[firm.partner_id])))
        for table, locator, text in docs:
            source = f"{root}/partners/{table}.csv"
            chunks.append(
                Chunk(
                    id=f"record#{locator}#{content_hash(text)[:10]}",
                    text=text,
                    source=source,
                    title=f"{RECORDS_TITLE}: {firm.name}",
                    locator=locator,
                    doc_type="record",
                    visibility="restricted",
                    partner_id=firm.partner_id,
                    heading=locator,
                )
            )
    return chunks
