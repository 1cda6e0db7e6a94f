"""Eligibility (§3 tier-1, §4 tier-2): one criterion per rule, each with the record value behind it.

A blank record value gives ``unknown`` (never a guess); any failed criterion
makes the firm not eligible, otherwise any unknown sends it to review.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from bot.calculators.params import Param, Parameters
from bot.calculators.repayment import compute_repayment, supported_project
from bot.records.models import Firm, Payment, Project

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


@dataclass(frozen=True)
class EligibilityResult:
    """All criteria of §3 or §4 for one firm as of a date, and the verdict they give."""

    partner_id: str
    tier: int
    as_of: date
    project_id: str | None  # the project whose expected reduction was checked
    criteria: tuple[Criterion, ...]

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


def check_eligibility(firm: Firm, projects: Sequence[Project], payments: Sequence[Payment],
                      parent: Firm | None, parent_projects: Sequence[Project],
                      params: Parameters, as_of: date) -> EligibilityResult:
    """Check every §3 (tier-1) or §4 (tier-2) criterion; ``parent`` is the tier-1 customer of a tier-2 firm."""
    own = [p for p in projects if p.partner_id == firm.partner_id]
    latest = max(own, key=lambda p: (p.funding_round, p.project_id), default=None)
    if firm.tier == 1:
        criteria = _tier1(firm, own, latest, payments, params, as_of)
    else:
        criteria = _tier2(firm, own, latest, parent, parent_projects, params, as_of)
    return EligibilityResult(firm.partner_id, firm.tier, as_of, latest.project_id if latest else None, criteria)


def _tier1(firm: Firm, projects: list[Project], latest: Project | None, payments: Sequence[Payment],
           params: Parameters, as_of: date) -> tuple[Criterion, ...]:
    sizes = params["eligibility.eligible_sizes"]
    size_ok = firm.size_class in sizes.value and not firm.group_affiliate
    return (
        _check("§3.1", "Active supply contract with Hyundai Motor or Kia", firm.hmg_contract == "active",
               f"supply contract: {firm.hmg_contract}", "A tier-1 partner supplies Hyundai Motor or Kia directly."),
        _check("§3.1", "Signatory of the win-win agreement", firm.agreement_signed,
               f"agreement signed: {_yes(firm.agreement_signed)}", "Tier-1 partners must have signed the agreement."),
        _check(sizes.clause, "SME or mid-sized, not a large enterprise or group affiliate", size_ok,
               f"size class: {firm.size_class}; group affiliate: {_yes(firm.group_affiliate)}",
               f"Eligible sizes: {', '.join(sizes.value)}; affiliates of large business groups are not eligible."),
        _facility("§3.3", firm),
        _overdue(firm, projects, payments, params, as_of),
        _exclusion("§3.4", firm, as_of),
        _reduction(params["eligibility.tier1_min_reduction_tco2"], latest),
    )


def _tier2(firm: Firm, projects: list[Project], latest: Project | None, parent: Firm | None,
           parent_projects: Sequence[Project], params: Parameters, as_of: date) -> tuple[Criterion, ...]:
    sizes = params["eligibility.tier2_sizes"]
    per_round = params["eligibility.projects_per_round_tier2"]
    in_round = Counter(p.funding_round for p in projects)[latest.funding_round] if latest else 0
    return (
        _parent(firm, parent, parent_projects),
        _check("§4.1", "No direct supply contract with Hyundai Motor or Kia", firm.hmg_contract != "active",
               f"supply contract: {firm.hmg_contract}",
               "A firm with its own active Hyundai/Kia contract applies as tier-1 (§3), not tier-2."),
        _check(sizes.clause, "Small or medium-sized enterprise", firm.size_class in sizes.value,
               f"size class: {firm.size_class}", f"Tier-2 support is for: {', '.join(sizes.value)}."),
        _reduction(params["eligibility.tier2_min_reduction_tco2"], latest),
        _facility("§4.3", firm),
        _check(per_round.clause, "At most one project per funding round", in_round <= per_round.value,
               f"projects in round {latest.funding_round}: {in_round}" if latest else "projects: none",
               f"A tier-2 company may have {per_round.value} project(s) per funding round."),
        _exclusion(params["obligations.false_statement_exclusion_years"].clause, firm, as_of),
    )


def _check(clause: str, label: str, ok: bool | None, value: str, detail: str) -> Criterion:
    status: Status = "unknown" if ok is None else "pass" if ok else "fail"
    return Criterion(clause, label, status, value, detail)


def _yes(flag: bool | None) -> str:
    return "not recorded" if flag is None else "yes" if flag else "no"


def _facility(clause: str, firm: Firm) -> Criterion:
    """§3.3/§4.3: reductions inside an allocated entity already count there (double counting)."""
    inside = firm.inside_allocated_entity
    return _check(clause, "Project site outside any entity allocated allowances under the Act",
                  None if inside is None else not inside,
                  f"inside allocated entity: {_yes(inside)}",
                  "An external project must lie outside allocated entities (ETS Act Art. 29–30).")


def _exclusion(clause: str, firm: Firm, as_of: date) -> Criterion:
    active = firm.excluded_until is not None and firm.excluded_until > as_of
    value = (f"excluded until {firm.excluded_until.isoformat()}" if active and firm.excluded_until
             else "no active exclusion")
    reason = f" ({firm.exclusion_reason})" if active and firm.exclusion_reason else ""
    return _check(clause, "No active exclusion under §11", not active, value + reason,
                  "A firm excluded under §11 cannot receive support until the exclusion ends.")


def _reduction(minimum: Param, latest: Project | None) -> Criterion:
    """§3.5/§4.2: expected reduction of the firm's latest project against the minimum."""
    label = f"Expected reduction of at least {minimum.value} tCO2eq per year"
    if latest is None:
        return _check(minimum.clause, label, None, "no project on record",
                      "The expected reduction is checked on the project applied for.")
    return _check(minimum.clause, label, latest.expected_tco2_per_year >= minimum.value,
                  f"expected reduction: {latest.expected_tco2_per_year:g} tCO2eq/yr ({latest.project_id})",
                  f"Minimum {minimum.value} tCO2eq per year.")


def _overdue(firm: Firm, projects: list[Project], payments: Sequence[Payment],
             params: Parameters, as_of: date) -> Criterion:
    """§3.4: no installment more than the tolerance overdue (a default is always beyond it)."""
    tolerance = params["eligibility.overdue_tolerance_days"]
    label = f"No installment more than {tolerance.value} days overdue"
    project = supported_project(projects)
    if project is None:
        return _check(tolerance.clause, label, True, "no support to repay", "Nothing is being repaid.")
    result = compute_repayment(firm, project, payments, params, as_of)
    value = f"days overdue: {result.days_overdue} (repayment state: {result.state})"
    return _check(tolerance.clause, label, result.days_overdue <= tolerance.value and result.state != "default",
                  value, f"Ledger as of {as_of.isoformat()}, project {project.project_id}.")


def _parent(firm: Firm, parent: Firm | None, parent_projects: Sequence[Project]) -> Criterion:
    """§4.1: the tier-1 customer is a participating tier-1 partner (tier 1, signed the agreement)."""
    label = "Supplies a participating tier-1 partner"
    if firm.parent_id is None:
        return _check("§4.1", label, None, "tier-1 customer: not recorded", "No tier-1 customer is on record.")
    if parent is None or parent.partner_id != firm.parent_id:
        return _check("§4.1", label, None, f"tier-1 customer: {firm.parent_id} (record not available)",
                      "The tier-1 customer's record could not be checked.")
    ok = parent.tier == 1 and parent.agreement_signed
    projects = sum(p.partner_id == parent.partner_id for p in parent_projects)
    return _check("§4.1", label, ok,
                  f"tier-1 customer: {parent.partner_id}, tier {parent.tier}, "
                  f"agreement signed: {_yes(parent.agreement_signed)}, projects: {projects}",
                  "The customer must be a tier-1 partner that signed the win-win agreement.")
