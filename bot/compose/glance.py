"""A partner firm at a glance, computed straight from its records by the calculators (no question is asked).

What the Home tab shows a partner: whether the firm is eligible, the next payment and its amount, what is
outstanding and the repayment state, the verified reductions and the next monitoring report deadline. Every
line cites the firm's record (or ledger) and the rule it rests on, as a record answer does.
"""

from __future__ import annotations

from datetime import date

from bot.calculators.eligibility import check_eligibility
from bot.calculators.offsets import compute_offsets
from bot.calculators.params import Parameters
from bot.calculators.repayment import compute_repayment
from bot.compose.records import Context, Draft
from bot.config import Settings
from bot.models import Answer
from bot.store.index import Index

SECTIONS = ("eligibility", "repayment", "offset")
# The clause behind each repayment state, cited with the state.
STATE_CLAUSE = {"grace": "§7.2", "on_schedule": "§7.2", "early_repaid": "§7.3", "deferred": "§7.6",
                "notice": "§7.4", "default": "§7.4", "accelerated": "§11.1", "fully_repaid": "§7.1",
                "no_support": "§7.2", "not_applicable": "§8.1", "refund_due": "§11.1", "refunded": "§11.1"}


def glance(index: Index, params: Parameters, settings: Settings, partner_id: str, as_of: date,
           language: str = "en") -> tuple[dict[str, list[str]], Answer]:
    """The lines of each section (``SECTIONS``), and the whole as one record answer (its citations, facts)."""
    store = index.records
    records = store.firm_records(partner_id)
    if records is None:
        raise KeyError(partner_id)
    firm = records.firm
    d = Draft(Context.for_firm(index, params, settings, partner_id, as_of, language))
    rec, ledger = d.record(), d.record(ledger=True)

    parent = store.firm(firm.parent_id) if firm.parent_id else None
    eligibility = check_eligibility(records, parent, params, as_of)
    section = "§3" if firm.tier == 1 else "§4"
    if eligibility.verdict == "eligible":
        d.add("eligibility", d.say("GLANCE_ELIGIBLE", tier=firm.tier, section=section), rec, d.rule(section))
    elif eligibility.verdict == "not_eligible":
        failed = [d.say("CRIT_FAILED", clause=c.clause, label=c.label, value=c.value) for c in eligibility.failed]
        d.add("eligibility", d.say("GLANCE_NOT_ELIGIBLE", failed=failed), rec,
              *[d.rule(c.clause) for c in eligibility.failed])
    else:
        unknown = [d.say("CRIT_UNKNOWN", clause=c.clause, label=c.label) for c in eligibility.unknown]
        d.add("eligibility", d.say("GLANCE_REVIEW", unknown=unknown), rec)
    d.facts["verdict"] = eligibility.verdict

    account = compute_repayment(records, params, as_of)
    d.facts.update(account.facts())
    if account.days_overdue > 0 and account.next_due_on is not None:
        d.add("repayment", d.say("GLANCE_OVERDUE", amount=account.due_now_krw or account.next_due_krw,
                                 due=account.next_due_on, days=account.days_overdue), ledger,
              d.rule("§7.4" if firm.tier == 1 else "§11.1"))
    elif account.next_due_on is not None and account.next_due_krw:
        d.add("repayment", d.say("GLANCE_NEXT", amount=account.next_due_krw, due=account.next_due_on), ledger,
              d.rule("§7.2" if firm.tier == 1 else "§11.1"))
    else:
        d.add("repayment", d.say("GLANCE_NOTHING_DUE"), ledger)
    d.add("repayment", d.say("GLANCE_OUTSTANDING", amount=account.outstanding_krw), ledger, d.rule("§7.1"))
    d.add("repayment", d.say("GLANCE_STATE", state=account.state), ledger,
          d.rule(STATE_CLAUSE.get(account.state, "§7.1")))

    offsets = compute_offsets(records, params, as_of)
    d.facts["verified_tco2"] = offsets.verified_tco2
    if offsets.state == "no_project":
        d.add("offset", d.say("GLANCE_NO_PROJECT"), rec)
    else:
        d.add("offset", d.say("GLANCE_VERIFIED", verified=offsets.verified_tco2 or 0), rec, d.rule("§9.3"))
        report = offsets.next_report
        if report is not None:
            d.facts["next_report_due"] = report.next_report_due.isoformat()
            d.add("offset", d.say("GLANCE_REPORT", year=report.next_report_year, due=report.next_report_due), rec,
                  d.rule("§9.2"))
        else:
            d.add("offset", d.say("GLANCE_NO_REPORT"), rec)
    d.add("", d.say("AS_OF_LINE", as_of=as_of), rec)

    sections = {name: [text for tags, text in d.lines if name in tags] for name in SECTIONS}
    sections[""] = [text for tags, text in d.lines if not tags]
    return sections, d.answer("repayment")
