"""Eligibility (§3 tier-1, §4 tier-2): one criterion per rule, each with the record value behind it.

A blank record value gives ``unknown`` (never a guess); any failed criterion
makes the firm not eligible, otherwise any unknown sends it to review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

from bot.calculators.params import Param, Parameters
from bot.calculators.repayment import RepaymentResult, compute_repayment
from bot.messages import Phrase
from bot.retrieval.refs import find_refs
from bot.records.models import Firm, FirmRecords, Project

Status = Literal["pass", "fail", "unknown"]
EligibilityVerdict = Literal["eligible", "not_eligible", "needs_review"]


@dataclass(frozen=True)
class Criterion:
    """One rule checked against the records: ``value`` is the record value, ``detail`` the explanation.

    ``label`` and ``value`` are :class:`Phrase`: English as strings, and said in any language by answers."""

    clause: str
    label: Phrase
    status: Status
    value: Phrase
    detail: str
    also: tuple[str, ...] = ()  # clauses that explain a failure (§2.5 for group affiliates, §11.3 for exclusions)


@dataclass(frozen=True)
class EligibilityResult:
    """All criteria of §3 or §4 for one firm as of a date, and the verdict they give."""

    partner_id: str
    tier: int
    as_of: date
    project_id: str | None  # the project(s) of the latest round whose expected reduction was checked
    criteria: tuple[Criterion, ...]
    keys: tuple[str, ...] = ()  # a stable key per criterion ("3.4_overdue"), for comparisons

    @property
    def verdict(self) -> EligibilityVerdict:
        statuses = {c.status for c in self.criteria}
        return "not_eligible" if "fail" in statuses else "needs_review" if "unknown" in statuses else "eligible"

    @property
    def failed(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.status == "fail")

    @property
    def unknown(self) -> tuple[Criterion, ...]:
        return tuple(c for c in self.criteria if c.status == "unknown")

    def facts(self) -> dict[str, Any]:
        """Flat facts for the composer and the eval harness."""
        return {
            "partner_id": self.partner_id, "tier": self.tier, "as_of": self.as_of.isoformat(),
            "verdict": self.verdict, "project_id": self.project_id,
            "failed_clauses": list(dict.fromkeys(c.clause for c in self.failed)),
            "unknown_clauses": list(dict.fromkeys(c.clause for c in self.unknown)),
            "failed": [f"{c.clause} {c.label} ({c.value})" for c in self.failed],
            "criteria_passed": sum(c.status == "pass" for c in self.criteria),
            "criteria_total": len(self.criteria),
        }


TIER1_KEYS = ("3.1_contract", "3.1_agreement", "3.2_size", "3.3_facility", "3.4_overdue", "3.4_exclusion",
              "3.5_reduction")
TIER2_KEYS = ("4.1_parent", "4.1_direct", "4.1_size", "4.2_reduction", "4.3_facility", "4.4_one_per_round",
              "11_exclusion")


def check_eligibility(records: FirmRecords, parent: Firm | None, params: Parameters, as_of: date,
                      repayment: RepaymentResult | None = None) -> EligibilityResult:
    """Check every §3 (tier-1) or §4 (tier-2) criterion; ``parent`` is the tier-1 customer of a tier-2 firm."""
    firm = records.firm
    own = [p for p in records.projects if p.partner_id == firm.partner_id]
    rounds = max((p.funding_round for p in own), default=None)
    latest = [p for p in own if p.funding_round == rounds]
    account = repayment or compute_repayment(records, params, as_of)
    if firm.tier == 1:
        criteria, keys = _tier1(firm, latest, account, params, as_of), TIER1_KEYS
    else:
        criteria, keys = _tier2(firm, latest, parent, account, params, as_of), TIER2_KEYS
    checked = ", ".join(p.project_id for p in latest) or None
    return EligibilityResult(firm.partner_id, firm.tier, as_of, checked, criteria, keys)


def _tier1(firm: Firm, latest: list[Project], account: RepaymentResult, params: Parameters,
           as_of: date) -> tuple[Criterion, ...]:
    sizes = params["eligibility.eligible_sizes"]
    size_ok = firm.size_class in sizes.value and not firm.group_affiliate
    return (
        _check("§3.1", Phrase("CRIT_CONTRACT"), firm.hmg_contract == "active",
               Phrase("CRIT_CONTRACT_VALUE", contract=firm.hmg_contract),
               "A tier-1 partner supplies Hyundai Motor or Kia directly."),
        _check("§3.1", Phrase("CRIT_AGREEMENT"), firm.agreement_signed,
               Phrase("CRIT_AGREEMENT_VALUE", signed=_yes(firm.agreement_signed)),
               "Tier-1 partners must have signed the agreement."),
        _check(sizes.clause, Phrase("CRIT_SIZE_T1"), size_ok, _size(firm),
               f"Eligible sizes: {', '.join(sizes.value)}; affiliates of large business groups are not eligible.",
               ("§2.5",) if firm.group_affiliate else ()),
        _facility("§3.3", firm),
        _overdue(account, params),
        _exclusion("§3.4", firm, account, as_of),
        _reduction(params["eligibility.tier1_min_reduction_tco2"], latest),
    )


def _tier2(firm: Firm, latest: list[Project], parent: Firm | None, account: RepaymentResult,
           params: Parameters, as_of: date) -> tuple[Criterion, ...]:
    sizes = params["eligibility.tier2_sizes"]
    per_round = params["eligibility.projects_per_round_tier2"]
    in_round = sum(1 for p in latest if p.support_krw)  # §4.4 counts projects supported in the round
    return (
        _parent(firm, parent),
        _check("§4.1", Phrase("CRIT_NO_DIRECT_CONTRACT"), firm.hmg_contract != "active",
               Phrase("CRIT_CONTRACT_VALUE", contract=firm.hmg_contract),
               "A firm with its own active Hyundai/Kia contract applies as tier-1 (§3), not tier-2."),
        _check(sizes.clause, Phrase("CRIT_SIZE_T2"),
               firm.size_class in sizes.value and not firm.group_affiliate, _size(firm),
               f"Tier-2 support is for: {', '.join(sizes.value)}; a large business group's affiliate is not an "
               f"SME (§2.5).", ("§2.5",) if firm.group_affiliate else ()),
        _reduction(params["eligibility.tier2_min_reduction_tco2"], latest),
        _facility("§4.3", firm),
        _check(per_round.clause, Phrase("CRIT_ONE_PER_ROUND"), in_round <= per_round.value,
               Phrase("CRIT_ONE_PER_ROUND_VALUE", round=latest[0].funding_round, count=in_round) if latest
               else Phrase("CRIT_NO_PROJECTS"),
               f"A tier-2 company may have {per_round.value} project(s) per funding round."),
        _exclusion(params["obligations.false_statement_exclusion_years"].clause, firm, account, as_of),
    )


def _check(clause: str, label: Phrase, ok: bool | None, value: Phrase, detail: str,
           also: tuple[str, ...] = ()) -> Criterion:
    status: Status = "unknown" if ok is None else "pass" if ok else "fail"
    return Criterion(clause, label, status, value, detail, also if status != "pass" else ())


def _yes(flag: bool | None) -> str:
    """The code a record flag is said by (``term.yesno``)."""
    return "unknown" if flag is None else "yes" if flag else "no"


def _size(firm: Firm) -> Phrase:
    return Phrase("CRIT_SIZE_VALUE", size=firm.size_class, affiliate=_yes(firm.group_affiliate))


def _facility(clause: str, firm: Firm) -> Criterion:
    """§3.3/§4.3: reductions inside an allocated entity already count there (double counting)."""
    inside = firm.inside_allocated_entity
    return _check(clause, Phrase("CRIT_FACILITY"), None if inside is None else not inside,
                  Phrase("CRIT_FACILITY_VALUE", inside=_yes(inside)),
                  "An external project must lie outside allocated entities (ETS Act Art. 29–30).", ("§2.7",))


def _exclusion(clause: str, firm: Firm, account: RepaymentResult, as_of: date) -> Criterion:
    """§11.3: an exclusion runs through its last day; a default excludes until the balance is settled."""
    recorded = firm.excluded_until is not None and firm.excluded_until >= as_of
    also: tuple[str, ...] = ("§11.3",)
    value: Phrase
    if recorded and firm.excluded_until:
        # the clause the recorded reason names ("false statement in application (§11.2)") explains it too
        also = (*(r for r in find_refs(firm.exclusion_reason or "") if r != "§11.3"), "§11.3")
        again = firm.excluded_until + timedelta(days=1)
        value = (Phrase("CRIT_EXCLUDED_UNTIL_REASON", until=firm.excluded_until, reason=firm.exclusion_reason,
                        again=again) if firm.exclusion_reason
                 else Phrase("CRIT_EXCLUDED_UNTIL", until=firm.excluded_until, again=again))
    elif account.excluded_by_default and account.defaulted_on:
        value = Phrase("CRIT_EXCLUDED_DEFAULT", since=account.defaulted_on, outstanding=account.outstanding_krw)
        also = ("§7.4", "§11.3")
    else:
        value = Phrase("CRIT_NOT_EXCLUDED")
    active = recorded or account.excluded_by_default
    return _check(clause, Phrase("CRIT_EXCLUSION"), not active, value,
                  "A firm excluded under §11 cannot receive support until the exclusion ends.", also)


def _reduction(minimum: Param, latest: list[Project]) -> Criterion:
    """§3.5/§4.2: every project of the latest funding round against the minimum."""
    label = Phrase("CRIT_REDUCTION", minimum=minimum.value)
    if not latest:
        return _check(minimum.clause, label, None, Phrase("CRIT_NO_PROJECT"),
                      "The expected reduction is checked on the project applied for.")
    value = _joined([Phrase("CRIT_REDUCTION_VALUE", expected=p.expected_tco2_per_year, project=p.project_id)
                     for p in latest])
    return _check(minimum.clause, label, all(p.expected_tco2_per_year >= minimum.value for p in latest),
                  value, f"Minimum {minimum.value} tCO2eq per year.")


def _overdue(account: RepaymentResult, params: Parameters) -> Criterion:
    """§3.4: no installment more than the tolerance overdue (exactly the tolerance still passes)."""
    tolerance = params["eligibility.overdue_tolerance_days"]
    label = Phrase("CRIT_OVERDUE", days=tolerance.value)
    if account.state == "no_support":
        return _check(tolerance.clause, label, True, Phrase("CRIT_OVERDUE_NONE"), "Nothing is being repaid.")
    value = Phrase("CRIT_OVERDUE_DAYS", days=account.days_overdue, state=account.state)
    if account.days_overdue and account.next_due_on:
        value = Phrase("CRIT_OVERDUE_UNPAID", days=account.days_overdue, due=account.next_due_on,
                       state=account.state)
    # an installment that fell due early because the equipment went (§11.1) is overdue from that day
    why = ("§11.1",) if any(i.accelerated == "disposal" and i.outstanding_krw and i.due_on == account.next_due_on
                            for i in account.installments) and account.days_overdue else ()
    return _check(tolerance.clause, label, account.days_overdue <= tolerance.value, value,
                  f"Ledger as of {account.as_of.isoformat()}.", ("§7.4", *why))


def _parent(firm: Firm, parent: Firm | None) -> Criterion:
    """§4.1: the tier-1 customer is a participating tier-1 partner (tier 1, signed the agreement)."""
    label = Phrase("CRIT_PARENT")
    if firm.parent_id is None:
        return _check("§4.1", label, None, Phrase("CRIT_PARENT_UNKNOWN"), "No tier-1 customer is on record.")
    if parent is None or parent.partner_id != firm.parent_id:
        return _check("§4.1", label, None, Phrase("CRIT_PARENT_UNAVAILABLE", parent=firm.parent_id),
                      "The tier-1 customer's record could not be checked.")
    ok = parent.tier == 1 and bool(parent.agreement_signed)
    # Only the verdict about the customer is shown: its own record stays its own (§12.1).
    value = Phrase("CRIT_PARENT_OK") if ok else Phrase("CRIT_PARENT_NOT_OK")
    return _check("§4.1", label, ok, value,
                  "The customer must be a tier-1 partner that signed the win-win agreement.")


def _joined(phrases: list[Phrase]) -> Phrase:
    """Several values of one criterion (one per project) as one phrase."""
    if len(phrases) == 1:
        return phrases[0]
    return Phrase("LIST", items=tuple(phrases))
