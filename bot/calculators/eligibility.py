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
from bot.records.models import Firm, FirmRecords, Project

Status = Literal["pass", "fail", "unknown"]
EligibilityVerdict = Literal["eligible", "not_eligible", "needs_review"]


@dataclass(frozen=True)
class Criterion:
    """One rule checked against the records: ``value`` is the record value, ``detail`` the explanation."""

    clause: str
    label: str
    status: Status
    value: str
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


SIZE_WORDS = {"sme": "SME", "mid": "mid-sized enterprise", "large": "large enterprise"}
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
        _check("§3.1", "Active supply contract with Hyundai Motor or Kia", firm.hmg_contract == "active",
               f"supply contract: {firm.hmg_contract}", "A tier-1 partner supplies Hyundai Motor or Kia directly."),
        _check("§3.1", "Signatory of the win-win agreement", firm.agreement_signed,
               f"agreement signed: {_yes(firm.agreement_signed)}", "Tier-1 partners must have signed the agreement."),
        _check(sizes.clause, "SME or mid-sized, not a large enterprise or group affiliate", size_ok,
               f"size class: {SIZE_WORDS.get(firm.size_class, firm.size_class)}; "
               f"group affiliate: {_yes(firm.group_affiliate)}",
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
        _check("§4.1", "No direct supply contract with Hyundai Motor or Kia", firm.hmg_contract != "active",
               f"supply contract: {firm.hmg_contract}",
               "A firm with its own active Hyundai/Kia contract applies as tier-1 (§3), not tier-2."),
        _check(sizes.clause, "Small or medium-sized enterprise, not a group affiliate",
               firm.size_class in sizes.value and not firm.group_affiliate,
               f"size class: {SIZE_WORDS.get(firm.size_class, firm.size_class)}; "
               f"group affiliate: {_yes(firm.group_affiliate)}",
               f"Tier-2 support is for: {', '.join(sizes.value)}; a large business group's affiliate is not an "
               f"SME (§2.5).", ("§2.5",) if firm.group_affiliate else ()),
        _reduction(params["eligibility.tier2_min_reduction_tco2"], latest),
        _facility("§4.3", firm),
        _check(per_round.clause, "At most one project per funding round", in_round <= per_round.value,
               f"supported projects in round {latest[0].funding_round}: {in_round}" if latest else "projects: none",
               f"A tier-2 company may have {per_round.value} project(s) per funding round."),
        _exclusion(params["obligations.false_statement_exclusion_years"].clause, firm, account, as_of),
    )


def _check(clause: str, label: str, ok: bool | None, value: str, detail: str,
           also: tuple[str, ...] = ()) -> Criterion:
    status: Status = "unknown" if ok is None else "pass" if ok else "fail"
    return Criterion(clause, label, status, value, detail, also if status != "pass" else ())


def _yes(flag: bool | None) -> str:
    return "not recorded" if flag is None else "yes" if flag else "no"


def _facility(clause: str, firm: Firm) -> Criterion:
    """§3.3/§4.3: reductions inside an allocated entity already count there (double counting)."""
    inside = firm.inside_allocated_entity
    return _check(clause, "Project site outside any entity allocated allowances under the Act",
                  None if inside is None else not inside,
                  f"inside allocated entity: {_yes(inside)}",
                  "An external project must lie outside allocated entities (ETS Act Art. 29–30).", ("§2.7",))


def _exclusion(clause: str, firm: Firm, account: RepaymentResult, as_of: date) -> Criterion:
    """§11.3: an exclusion runs through its last day; a default excludes until the balance is settled."""
    recorded = firm.excluded_until is not None and firm.excluded_until >= as_of
    also: tuple[str, ...] = ("§11.3",)
    if recorded and firm.excluded_until:
        reason = f" ({firm.exclusion_reason})" if firm.exclusion_reason else ""
        again = (firm.excluded_until + timedelta(days=1)).isoformat()
        value = f"excluded until {firm.excluded_until.isoformat()}{reason}; it can apply again from {again}"
    elif account.excluded_by_default and account.defaulted_on:
        value = (f"excluded for default since {account.defaulted_on.isoformat()} until "
                 f"{_krw(account.outstanding_krw)} is settled (§7.4)")
        also = ("§7.4", "§11.3")
    else:
        value = "no active exclusion"
    active = recorded or account.excluded_by_default
    return _check(clause, "No active exclusion under §11", not active, value,
                  "A firm excluded under §11 cannot receive support until the exclusion ends.", also)


def _krw(amount: int) -> str:
    return f"KRW {amount:,}"


def _reduction(minimum: Param, latest: list[Project]) -> Criterion:
    """§3.5/§4.2: every project of the latest funding round against the minimum."""
    label = f"Expected reduction of at least {minimum.value} tCO2eq per year"
    if not latest:
        return _check(minimum.clause, label, None, "no project on record",
                      "The expected reduction is checked on the project applied for.")
    value = "; ".join(f"expected reduction: {p.expected_tco2_per_year:g} tCO2eq/yr ({p.project_id})" for p in latest)
    return _check(minimum.clause, label, all(p.expected_tco2_per_year >= minimum.value for p in latest),
                  value, f"Minimum {minimum.value} tCO2eq per year.")


def _overdue(account: RepaymentResult, params: Parameters) -> Criterion:
    """§3.4: no installment more than the tolerance overdue (exactly the tolerance still passes)."""
    tolerance = params["eligibility.overdue_tolerance_days"]
    label = f"No installment more than {tolerance.value} days overdue"
    if account.state == "no_support":
        return _check(tolerance.clause, label, True, "no support to repay", "Nothing is being repaid.")
    value = f"days overdue: {account.days_overdue} (repayment state: {account.state})"
    if account.days_overdue and account.next_due_on:
        value = (f"{account.days_overdue} days overdue: the installment due on {account.next_due_on.isoformat()} "
                 f"is not fully paid (repayment state: {account.state})")
    return _check(tolerance.clause, label, account.days_overdue <= tolerance.value, value,
                  f"Ledger as of {account.as_of.isoformat()}.", ("§7.4",))


def _parent(firm: Firm, parent: Firm | None) -> Criterion:
    """§4.1: the tier-1 customer is a participating tier-1 partner (tier 1, signed the agreement)."""
    label = "Supplies a participating tier-1 partner"
    if firm.parent_id is None:
        return _check("§4.1", label, None, "tier-1 customer: not recorded", "No tier-1 customer is on record.")
    if parent is None or parent.partner_id != firm.parent_id:
        return _check("§4.1", label, None, f"tier-1 customer: {firm.parent_id} (record not available)",
                      "The tier-1 customer's record could not be checked.")
    ok = parent.tier == 1 and bool(parent.agreement_signed)
    # Only the verdict about the customer is shown: its own record stays its own (§12.1).
    value = ("tier-1 customer on record is a participating tier-1 partner" if ok else
             "tier-1 customer on record is not a participating tier-1 partner (a tier-1 partner that signed the "
             "win-win agreement)")
    return _check("§4.1", label, ok, value,
                  "The customer must be a tier-1 partner that signed the win-win agreement.")
