"""Tier-1 repayment (§7): the installment schedule, what the ledger settled, what is owed as of a date.

Rules (DOMAIN "Calculation rules"): installments from :mod:`schedule`; a
deferral (§7.6) moves the due dates of installments not fully paid on its
approval date; each payment first settles installments already due, oldest
first, and any excess is an early repayment (§7.3) applied to the last
installments first. Tier-2 grants are not repaid (§8).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from bot.calculators.params import Parameters
from bot.calculators.schedule import Due, add_months, installment_schedule
from bot.records.models import Firm, Payment, Project

State = Literal["not_applicable", "no_support", "grace", "on_schedule", "early_repaid",
                "notice", "default", "deferred", "fully_repaid"]
Status = Literal["paid", "prepaid", "due", "overdue", "upcoming"]


@dataclass(frozen=True)
class Installment:
    """One installment as of the as-of date; ``due_on`` includes any deferral."""

    k: int
    due_on: date
    original_due_on: date
    amount_krw: int
    paid_krw: int  # settled in total, prepaid part included
    prepaid_krw: int  # settled early, before it was due (§7.3)
    outstanding_krw: int
    status: Status  # paid / prepaid (settled before its due date) / due (today) / overdue / upcoming
    deferred: bool


@dataclass(frozen=True)
class RepaymentResult:
    """Where a firm's repayment stands on ``as_of``; every amount in whole won."""

    partner_id: str
    project_id: str | None
    as_of: date
    state: State
    support_krw: int
    repaid_krw: int  # payments received up to as_of
    outstanding_krw: int  # support − payments, never negative
    overpaid_krw: int  # payments beyond the support (to be refunded or clarified)
    due_now_krw: int  # overdue and due today; in default the whole outstanding balance (§7.4)
    prepaid_krw: int  # early repayments applied to the last installments (§7.3)
    installments: tuple[Installment, ...]
    next_due_on: date | None  # oldest installment not fully paid
    next_due_krw: int  # what is still owed on it
    last_due_on: date | None  # due date of the last installment not fully paid
    days_overdue: int
    grace_ends_on: date | None
    deferral_months: int
    deferral_approved_on: date | None
    clauses: tuple[str, ...]
    firm: Firm
    project: Project | None
    payments: tuple[Payment, ...]  # the ledger used (up to as_of), kept for the simulations
    params: Parameters

    def facts(self) -> dict[str, Any]:
        """Flat facts for the composer and the eval harness."""
        return {
            "partner_id": self.partner_id, "project_id": self.project_id, "state": self.state,
            "support_krw": self.support_krw, "repaid_krw": self.repaid_krw,
            "outstanding_krw": self.outstanding_krw, "overpaid_krw": self.overpaid_krw,
            "due_now_krw": self.due_now_krw, "prepaid_krw": self.prepaid_krw,
            "next_due_on": _iso(self.next_due_on), "next_due_krw": self.next_due_krw,
            "last_due_on": _iso(self.last_due_on), "days_overdue": self.days_overdue,
            "grace_ends_on": _iso(self.grace_ends_on), "deferral_months": self.deferral_months,
            "as_of": self.as_of.isoformat(), "clauses": list(self.clauses),
        }


@dataclass(frozen=True)
class PaymentSimulation:
    """What an extra payment of ``amount_krw`` on ``on`` would do to the schedule."""

    amount_krw: int
    on: date
    before: RepaymentResult
    after: RepaymentResult
    settles_due_krw: int  # part that settles installments already due
    prepays_krw: int  # part applied early to the last installments (§7.3)
    cleared: tuple[int, ...]  # installments fully settled by this payment
    reduced: tuple[int, ...]  # installments partly settled by it
    new_last_due_on: date | None  # None: fully repaid

    def facts(self) -> dict[str, Any]:
        return {
            "payment_krw": self.amount_krw, "paid_on": self.on.isoformat(),
            "settles_due_krw": self.settles_due_krw, "prepays_krw": self.prepays_krw,
            "cleared_installments": list(self.cleared), "reduced_installments": list(self.reduced),
            "old_last_due_on": _iso(self.before.last_due_on), "new_last_due_on": _iso(self.new_last_due_on),
            "outstanding_after_krw": self.after.outstanding_krw, "clause": "§7.3",
        }


@dataclass(frozen=True)
class DeferralSimulation:
    """A §7.6 deferral of ``months`` applied on the as-of date, or why it is refused."""

    months: int
    allowed: bool
    reason: str | None  # why refused
    moves: tuple[tuple[int, date, date], ...]  # (k, due now, due after deferral) of unpaid installments
    after: RepaymentResult | None
    clause: str

    def facts(self) -> dict[str, Any]:
        return {
            "deferral_months": self.months, "allowed": self.allowed, "reason": self.reason,
            "moves": [{"k": k, "from": a.isoformat(), "to": b.isoformat()} for k, a, b in self.moves],
            "new_last_due_on": _iso(self.after.last_due_on) if self.after else None, "clause": self.clause,
        }


def supported_project(projects: Sequence[Project]) -> Project | None:
    """The project whose support is being repaid: the latest funding round that received support.

    The ledger is kept per firm, not per project, so one supported project per firm is assumed.
    """
    supported = [p for p in projects if p.support_krw]
    return max(supported, key=lambda p: (p.funding_round, p.project_id), default=None)


def compute_repayment(firm: Firm, project: Project | None, payments: Sequence[Payment],
                      params: Parameters, as_of: date) -> RepaymentResult:
    """Apply the §7 rules to the firm's ledger up to ``as_of``."""
    ledger = tuple(sorted((p for p in payments if p.partner_id == firm.partner_id and p.paid_on <= as_of),
                          key=lambda p: (p.paid_on, p.entry_id)))
    repaid = sum(p.amount_krw for p in ledger)
    support = (project.support_krw or 0) if project else 0
    base = dict(partner_id=firm.partner_id, project_id=project.project_id if project else None, as_of=as_of,
                support_krw=support, repaid_krw=repaid, outstanding_krw=max(support - repaid, 0),
                overpaid_krw=max(repaid - support, 0), due_now_krw=0, prepaid_krw=0, installments=(),
                next_due_on=None, next_due_krw=0, last_due_on=None, days_overdue=0, grace_ends_on=None,
                deferral_months=0, deferral_approved_on=None, firm=firm, project=project,
                payments=ledger, params=params)
    if firm.tier == 2:
        return RepaymentResult(state="not_applicable", clauses=(params["repayment.tier2_repaid"].clause,), **base)
    if project is None or not support:
        return RepaymentResult(state="no_support", clauses=("§7.1",), **base)
    if project.completion_date is None:  # the §7.2 grace period has not started
        return RepaymentResult(state="grace", clauses=("§7.1", "§7.2"), **base)

    rows, deferral_on = _settle(project, ledger, params, as_of)
    installments = tuple(_installment(r, as_of) for r in rows)
    unpaid = [i for i in installments if i.outstanding_krw]
    late = [i for i in unpaid if i.due_on <= as_of]
    days = (as_of - late[0].due_on).days if late else 0
    prepaid = sum(i.prepaid_krw for i in installments)
    notice, default = params.value("repayment.notice_days"), params.value("repayment.default_days")
    outstanding = base["outstanding_krw"]
    if not outstanding:
        state: State = "fully_repaid"
    elif days >= default:
        state = "default"
    elif days >= notice:
        state = "notice"
    elif deferral_on:
        state = "deferred"
    elif prepaid:
        state = "early_repaid"
    elif installments[0].due_on > as_of:
        state = "grace"
    else:
        state = "on_schedule"
    clauses = ["§7.1", "§7.2"] + ["§7.3"] * bool(prepaid) + ["§7.4"] * (days >= notice)
    clauses += ["§7.6"] * bool(deferral_on) + ["§11"] * (state == "default")
    base.update(
        installments=installments, prepaid_krw=prepaid, days_overdue=days,
        due_now_krw=outstanding if state == "default" else sum(i.outstanding_krw for i in late),
        next_due_on=unpaid[0].due_on if unpaid else None,
        next_due_krw=unpaid[0].outstanding_krw if unpaid else 0,
        last_due_on=unpaid[-1].due_on if unpaid else None,
        grace_ends_on=add_months(project.completion_date, params.value("repayment.grace_months")),
        deferral_months=project.deferral_months if deferral_on else 0, deferral_approved_on=deferral_on,
    )
    return RepaymentResult(state=state, clauses=tuple(clauses), **base)


def simulate_payment(result: RepaymentResult, amount_krw: int, on: date) -> PaymentSimulation:
    """Recompute with one more payment of ``amount_krw`` on ``on`` (as of the later of ``on`` and as_of)."""
    if amount_krw <= 0:
        raise ValueError(f"a payment must be a positive amount of won, got {amount_krw}")
    if result.project is None or result.state in ("not_applicable", "no_support"):
        raise ValueError(f"nothing to repay for {result.partner_id} (state {result.state})")
    extra = Payment(entry_id="simulated", partner_id=result.partner_id, paid_on=on, amount_krw=amount_krw)
    as_of = max(on, result.as_of)
    before = compute_repayment(result.firm, result.project, result.payments, result.params, as_of)
    after = compute_repayment(result.firm, result.project, (*result.payments, extra), result.params, as_of)
    pairs = list(zip(before.installments, after.installments))
    cleared = tuple(a.k for b, a in pairs if b.outstanding_krw and not a.outstanding_krw)
    reduced = tuple(a.k for b, a in pairs if 0 < a.outstanding_krw < b.outstanding_krw)
    prepays = sum(a.prepaid_krw - b.prepaid_krw for b, a in pairs)
    settled = before.outstanding_krw - after.outstanding_krw
    return PaymentSimulation(amount_krw=amount_krw, on=on, before=result, after=after,
                             settles_due_krw=settled - prepays, prepays_krw=prepays, cleared=cleared,
                             reduced=reduced, new_last_due_on=after.last_due_on)


def simulate_deferral(result: RepaymentResult, months: int) -> DeferralSimulation:
    """A §7.6 deferral approved on the as-of date: new due dates, or the reason it is refused."""
    params, project = result.params, result.project
    limit = params["repayment.max_deferral_months"]

    def refuse(reason: str) -> DeferralSimulation:
        return DeferralSimulation(months=months, allowed=False, reason=reason, moves=(), after=None,
                                  clause=limit.clause)

    if result.state in ("not_applicable", "no_support") or project is None:
        return refuse("there is no repayment to defer")
    if result.state == "fully_repaid":
        return refuse("the support is already fully repaid")
    used = int(bool(project.deferral_months or project.deferral_approved_on))
    if used >= params.value("repayment.deferrals_per_firm"):
        return refuse(f"the firm has already used its deferral ({limit.clause}: once per firm)")
    if not 1 <= months <= limit.value:
        return refuse(f"a deferral is at most {limit.value} months ({limit.clause}), asked {months}")
    if project.completion_date is None:
        return refuse("the completion date is not confirmed, so no installment is scheduled yet")
    deferred = project.model_copy(update={"deferral_months": months, "deferral_approved_on": result.as_of})
    after = compute_repayment(result.firm, deferred, result.payments, params, result.as_of)
    moves = tuple((b.k, b.due_on, a.due_on) for b, a in zip(result.installments, after.installments)
                  if a.due_on != b.due_on)
    return DeferralSimulation(months=months, allowed=True, reason=None, moves=moves, after=after,
                              clause=limit.clause)


@dataclass
class _Row:
    """Mutable working copy of one installment while the ledger is applied."""

    k: int
    due_on: date
    original_due_on: date
    amount: int
    paid: int = 0
    prepaid: int = 0
    deferred: bool = False

    @property
    def open(self) -> int:
        return self.amount - self.paid


def _settle(project: Project, ledger: Sequence[Payment], params: Parameters,
            as_of: date) -> tuple[list[_Row], date | None]:
    """Apply payments in date order; the deferral lands after payments made on its approval date."""
    assert project.support_krw and project.completion_date
    shape = dict(grace_months=params.value("repayment.grace_months"),
                 count=params.value("repayment.installments"),
                 interval_months=params.value("repayment.interval_months"))
    plain = installment_schedule(project.support_krw, project.completion_date, **shape)
    rows = [_Row(d.k, d.due_on, d.due_on, d.amount_krw) for d in plain]
    deferral_on: date | None = None
    if project.deferral_months:
        # No approval date recorded: treat it as granted before any payment.
        deferral_on = project.deferral_approved_on or project.completion_date
        if deferral_on > as_of:
            deferral_on = None  # not yet approved as of this date
    moved = installment_schedule(project.support_krw, project.completion_date,
                                 deferral_months=project.deferral_months, **shape)
    for payment in ledger:
        if deferral_on and payment.paid_on > deferral_on and not any(r.deferred for r in rows):
            _defer(rows, moved)
        _apply(rows, payment.amount_krw, payment.paid_on)
    if deferral_on and not any(r.deferred for r in rows):
        _defer(rows, moved)
    return rows, deferral_on


def _defer(rows: list[_Row], moved: Sequence[Due]) -> None:
    """§7.6: installments still open move to their deferred due dates (completion + 12 + 3k + months)."""
    for row, due in zip(rows, moved):
        if row.open:
            row.due_on, row.deferred = due.due_on, True


def _apply(rows: list[_Row], amount: int, on: date) -> None:
    """Oldest due installments first; the excess to the last installments first (§7.3)."""
    for row in rows:
        if row.due_on <= on and amount:
            take = min(row.open, amount)
            row.paid, amount = row.paid + take, amount - take
    for row in reversed(rows):
        if amount:
            take = min(row.open, amount)
            row.paid, row.prepaid, amount = row.paid + take, row.prepaid + take, amount - take


def _installment(row: _Row, as_of: date) -> Installment:
    if not row.open:
        status: Status = "prepaid" if row.due_on > as_of else "paid"
    elif row.due_on > as_of:
        status = "upcoming"
    else:
        status = "due" if row.due_on == as_of else "overdue"
    return Installment(k=row.k, due_on=row.due_on, original_due_on=row.original_due_on, amount_krw=row.amount,
                       paid_krw=row.paid, prepaid_krw=row.prepaid, outstanding_krw=row.open,
                       status=status, deferred=row.deferred)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
