"""Partner records rendered as readable text: the restricted chunks ingest indexes (English), and the passage a
record citation quotes (rendered as the records stood on the answer's as-of date, in the answer's language).

The numbers in answers come from the calculators, not from this text. The wording is in the catalogue
(``RECORD_*`` and ``LEDGER_*`` in :mod:`bot.messages_records`); names, descriptions and ids stay as recorded.
"""

from __future__ import annotations

import re

from bot.messages import say
from bot.records.models import Firm, Payment, Project, Reduction

_INSTALLMENT_MEMO = re.compile(r"installment (\d+)(?: \((.+)\))?")


def _flag(value: bool | None) -> str:
    return "unknown" if value is None else "yes" if value else "no"


def firm_text(firm: Firm, projects: list[Project], reductions: dict[str, list[Reduction]],
              language: str = "en") -> str:
    def s(key: str, **values) -> str:
        return say(key, language, **values)

    lines = [
        s("RECORD_FIRM", name=firm.name, pid=firm.partner_id, tier=firm.tier, size=firm.size_class,
          parent=s("RECORD_FIRM_PARENT", parent=firm.parent_id) if firm.parent_id else ""),
        s("RECORD_FLAGS", contract=firm.hmg_contract, agreement=_flag(firm.agreement_signed),
          affiliate=_flag(firm.group_affiliate), inside=_flag(firm.inside_allocated_entity)),
    ]
    if firm.deferral_months:
        lines.append(s("RECORD_DEFERRAL", months=firm.deferral_months, on=firm.deferral_approved_on))
    if firm.excluded_until:
        lines.append(s("RECORD_EXCLUSION", until=firm.excluded_until,
                       reason=firm.exclusion_reason or s("RECORD_SEE_11")))
    for p in projects:
        lines.append(s(
            "RECORD_PROJECT", project=p.project_id, round=p.funding_round, category=p.category,
            description=p.description, cost=p.eligible_cost_krw, expected=p.expected_tco2_per_year,
            support=p.support_krw, paid=s("RECORD_PAID_ON", on=p.support_paid_on) if p.support_paid_on else "",
            completed=(s("RECORD_COMPLETED", on=p.completion_date) if p.completion_date
                       else s("RECORD_NOT_COMPLETED")),
            registered=s("RECORD_REGISTERED", on=p.registration_date) if p.registration_date else "",
            status=p.equipment_status,
            since=s("RECORD_SINCE", on=p.equipment_status_since) if p.equipment_status_since else ""))
        for r in reductions.get(p.project_id, []):
            lines.append(s(
                "RECORD_REDUCTION", year=r.year,
                verified=r.verified_tco2 if r.verified_tco2 is not None else s("RECORD_PENDING"),
                certified=r.certified_tco2 if r.certified_tco2 is not None else s("RECORD_PENDING"),
                converted=r.converted_kcu if r.converted_kcu is not None else s("RECORD_NONE"),
                submitted=s("RECORD_SUBMITTED", on=r.report_submitted_on) if r.report_submitted_on else ""))
    return "\n".join(lines)


def _memo(memo: str, language: str) -> str:
    """The ledger's memo: "installment 4 (deferred)" is said in the language, any other memo by its terms."""
    m = _INSTALLMENT_MEMO.fullmatch(memo)
    if m:
        note = say("LEDGER_NOTE", language, note=m.group(2)) if m.group(2) else ""
        memo = say("LEDGER_INSTALLMENT", language, k=m.group(1), note=note)
        return say("LEDGER_MEMO", language, memo=memo)
    return say("LEDGER_MEMO", language, memo=memo)


def ledger_text(firm: Firm, payments: list[Payment], language: str = "en") -> str:
    lines = [say("LEDGER_HEADER", language, name=firm.name, pid=firm.partner_id)]
    lines += [say("LEDGER_PAYMENT", language, on=p.paid_on, amount=p.amount_krw,
                  memo=_memo(p.memo, language) if p.memo else "") for p in payments]
    lines.append(say("LEDGER_TOTAL", language, total=sum(p.amount_krw for p in payments)))
    return "\n".join(lines)
