"""What a firm owes on a date (§7, §8, §11.1): the tier-1 installment account and tier-2 refunds.

Tier-1 (§7): every completed, supported project has its §7.2 schedule; the
firm's payments are applied to all installments together (§7.7). The account
is replayed day by day in the order rules.md fixes: §11.1 accelerations take
effect at the start of their day, then payments, then a deferral approved that
day (§7.6), then the default check (§7.4). Tier-2 (§8, §11.1): a grant owes
nothing until the equipment goes early; then a pro-rata refund falls due.
Nothing dated after the as-of date counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

from bot.calculators.disposal import Disposal, disposal
from bot.calculators.params import Parameters
from bot.calculators.schedule import add_months, installment_schedule
from bot.messages import Phrase
from bot.records.models import FirmRecords, Payment, Project

State = Literal["no_support", "grace", "on_schedule", "early_repaid", "deferred", "accelerated", "notice",
                "default", "fully_repaid", "not_applicable", "refund_due", "refunded"]
Status = Literal["paid", "prepaid", "due", "overdue", "upcoming"]
Acceleration = Literal["default", "disposal"]


@dataclass(frozen=True)
class Installment:
    """One installment (tier-1) or refund (tier-2) as of the as-of date; ``due_on`` includes any move."""

    project_id: str
    k: int  # 1..8 for installments, 0 for a refund
    due_on: date
    original_due_on: date
    amount_krw: int
    paid_krw: int  # settled in total, prepaid part included
    prepaid_krw: int  # settled early, before it was due (§7.3)
    outstanding_krw: int
    status: Status
    deferred: bool
    accelerated: Acceleration | None  # fell due at once: default (§7.4) or disposal (§11.1)


@dataclass(frozen=True)
class RepaymentResult:
    """Where a firm's account stands on ``as_of``; every amount in whole won."""

    partner_id: str
    tier: int
    as_of: date
    state: State
    project_ids: tuple[str, ...]  # the completed, supported projects counted
    support_krw: int  # support (tier-1) or grant (tier-2) of those projects
    repaid_krw: int  # ledger payments received up to as_of
    outstanding_krw: int  # tier-1: support − payments; tier-2: refunds due − refund payments; never negative
    overpaid_krw: int  # payments beyond everything owed (held for the firm)
    due_now_krw: int  # the part of the outstanding balance due on or before as_of
    prepaid_krw: int  # early repayments applied to the last installments (§7.3)
    installments: tuple[Installment, ...]  # by due date, then project, then k
    next_due_on: date | None  # oldest installment or refund not fully paid
    next_due_krw: int  # what is still owed on it
    last_due_on: date | None  # due date of the last installment not fully paid
    days_overdue: int
    grace_ends_on: date | None  # earliest end of a grace period among the projects (§7.2)
    deferral_months: int
    deferral_approved_on: date | None
    defaulted_on: date | None  # §7.4; sticky until settled in full
    disposals: tuple[Disposal, ...]  # §11.1 triggered by as_of
    clauses: tuple[str, ...]
    records: FirmRecords
    params: Parameters

    @property
    def first_due_months(self) -> int:
        """Months from completion to the first installment (§7.2: grace + one interval)."""
        return self.params.value("repayment.grace_months") + self.params.value("repayment.interval_months")

    @property
    def excluded_by_default(self) -> bool:
        """§11.3: an exclusion for default lasts until the balance is settled in full."""
        return self.state == "default"

    def owed_on(self, project_id: str) -> int:
        """What is still unpaid on one project's installments (or refund)."""
        return sum(i.outstanding_krw for i in self.installments if i.project_id == project_id)

    @property
    def default_on_if_unpaid(self) -> date | None:
        """§7.4: the day the oldest unpaid installment puts the firm in default if still unpaid at its end."""
        if self.next_due_on is None:
            return None
        return self.next_due_on + timedelta(days=self.params.value("repayment.default_days"))

    def fell_due_at_once(self, project_id: str) -> int:
        """§11.1: what fell due at once on the day it took effect: the installments it moved, less what had
        been paid on them before that day."""
        return sum(i.amount_krw - i.prepaid_krw for i in self.installments
                   if i.project_id == project_id and i.accelerated == "disposal")

    def charged_on(self, project_id: str) -> int:
        """What one project's installments (or refund) amount to in total."""
        return sum(i.amount_krw for i in self.installments if i.project_id == project_id)

    def facts(self) -> dict[str, Any]:
        """Flat facts for the composer and the eval harness."""
        return {
            "partner_id": self.partner_id, "project_id": self.project_ids[-1] if self.project_ids else None,
            "project_ids": list(self.project_ids), "state": self.state,
            "support_krw": self.support_krw, "repaid_krw": self.repaid_krw,
            "outstanding_krw": self.outstanding_krw, "overpaid_krw": self.overpaid_krw,
            "due_now_krw": self.due_now_krw, "prepaid_krw": self.prepaid_krw,
            "next_due_on": _iso(self.next_due_on), "next_due_krw": self.next_due_krw,
            "last_due_on": _iso(self.last_due_on), "days_overdue": self.days_overdue,
            "grace_ends_on": _iso(self.grace_ends_on), "first_due_months": self.first_due_months,
            "deferral_months": self.deferral_months,
            "defaulted_on": _iso(self.defaulted_on),
            "accelerated_projects": [d.project_id for d in self.disposals],
            "disposals": [{"project_id": d.project_id, "reason": str(d.reason), "effective_on": _iso(d.effective_on),
                           "months_remaining": d.months_remaining} for d in self.disposals],
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
    """A §7.6 deferral of ``months`` approved on the as-of date, or why it is refused."""

    months: int
    allowed: bool
    reason: Phrase | None  # why refused
    moves: tuple[tuple[int, date, date], ...]  # (k, due now, due after deferral) of unpaid installments
    after: RepaymentResult | None
    clause: str

    def facts(self) -> dict[str, Any]:
        return {
            "deferral_months": self.months, "allowed": self.allowed,
            "reason": str(self.reason) if self.reason is not None else None,
            "moves": [{"k": k, "from": a.isoformat(), "to": b.isoformat()} for k, a, b in self.moves],
            "new_last_due_on": _iso(self.after.last_due_on) if self.after else None, "clause": self.clause,
        }


def supported_projects(projects: Sequence[Project], as_of: date) -> list[Project]:
    """Projects with support whose completion is confirmed by ``as_of``, first completed first (§7.7)."""
    done = [p for p in projects if p.support_krw and p.completion_date and p.completion_date <= as_of]
    return sorted(done, key=lambda p: (p.completion_date, p.project_id))


def compute_repayment(records: FirmRecords, params: Parameters, as_of: date) -> RepaymentResult:
    """Apply §7 (tier-1) or §8/§11.1 (tier-2) to the firm's records up to ``as_of``."""
    firm = records.firm
    ledger = tuple(sorted((p for p in records.payments if p.partner_id == firm.partner_id and p.paid_on <= as_of),
                          key=lambda p: (p.paid_on, p.entry_id)))
    projects = supported_projects([p for p in records.projects if p.partner_id == firm.partner_id], as_of)
    disposals = tuple(d for d in (disposal(p, params, as_of) for p in projects) if d.triggered)
    account = _Account(params)
    if firm.tier == 1:
        deferral = (firm.deferral_months, firm.deferral_approved_on) if (
            firm.deferral_months and firm.deferral_approved_on and firm.deferral_approved_on <= as_of) else None
        account.replay_tier1(projects, ledger, disposals, deferral, as_of)
    else:
        deferral = None
        account.replay_tier2(projects, ledger, disposals, as_of)
    return _result(records, params, as_of, projects, ledger, disposals, deferral, account)


def settled_on(records: FirmRecords, params: Parameters, as_of: date) -> dict[tuple[str, int], date]:
    """The day each installment was first paid in full, (project, k) → day, the ledger's payments up to ``as_of``
    applied as the rules apply them (§7.3: due installments oldest first, early repayments to the last). Money is
    applied on the day it is received, and money held for the firm on the day a project's completion gives it
    installments to settle."""
    days = sorted({p.paid_on for p in records.payments if p.paid_on <= as_of}
                  | {p.completion_date for p in records.projects
                     if p.completion_date and p.completion_date <= as_of and p.support_krw})
    settled: dict[tuple[str, int], date] = {}
    for on in days:
        for i in compute_repayment(records, params, on).installments:
            if i.k and not i.outstanding_krw:
                settled.setdefault((i.project_id, i.k), on)
    return settled


def simulate_payment(result: RepaymentResult, amount_krw: int, on: date) -> PaymentSimulation:
    """Recompute with one more payment of ``amount_krw`` on ``on`` (as of the later of ``on`` and as_of)."""
    if amount_krw <= 0:
        raise ValueError(f"a payment must be a positive amount of won, got {amount_krw}")
    if result.tier != 1 or result.state in ("no_support", "fully_repaid"):
        raise ValueError(f"nothing to repay for {result.partner_id} (state {result.state})")
    extra = Payment(entry_id="~simulated", partner_id=result.partner_id, paid_on=on, amount_krw=amount_krw)
    as_of = max(on, result.as_of)
    before = compute_repayment(result.records, result.params, as_of)
    after = compute_repayment(replace(result.records, payments=(*result.records.payments, extra)),
                              result.params, as_of)
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
    params, firm = result.params, result.records.firm
    limit = params["repayment.max_deferral_months"]

    def refuse(reason: Phrase) -> DeferralSimulation:
        return DeferralSimulation(months=months, allowed=False, reason=reason, moves=(), after=None,
                                  clause=limit.clause)

    if result.tier != 1 or result.state == "no_support":
        return refuse(Phrase("DEFER_NOTHING"))
    if result.state == "fully_repaid":
        return refuse(Phrase("DEFER_REPAID"))
    if result.state == "default":
        return refuse(Phrase("DEFER_DEFAULT"))
    used = int(bool(firm.deferral_months))
    if used >= params.value("repayment.deferrals_per_firm"):
        return refuse(Phrase("DEFER_USED", clause=limit.clause))
    if not 1 <= months <= limit.value:
        return refuse(Phrase("DEFER_TOO_LONG", limit=limit.value, clause=limit.clause, months=months))
    deferred = firm.model_copy(update={"deferral_months": months, "deferral_approved_on": result.as_of})
    after = compute_repayment(replace(result.records, firm=deferred), params, result.as_of)
    moves = tuple((b.k, b.due_on, a.due_on) for b, a in zip(result.installments, after.installments)
                  if a.due_on != b.due_on)
    return DeferralSimulation(months=months, allowed=True, reason=None, moves=moves, after=after,
                              clause=limit.clause)


# -- the account ---------------------------------------------------------------------------------
@dataclass
class _Row:
    """Working copy of one installment or refund while the ledger is replayed."""

    project_id: str
    order: int  # the project's place among the firm's projects (first completed first)
    k: int
    due_on: date
    scheduled_on: date
    amount: int
    completion: date | None = None  # §7.6 moves count from it: completion + (grace + interval*k + m) months
    paid: int = 0
    prepaid: int = 0
    deferred: bool = False
    accelerated: Acceleration | None = None

    @property
    def open(self) -> int:
        return self.amount - self.paid

    @property
    def key(self) -> tuple[date, int, int]:
        return self.due_on, self.order, self.k


class _Account:
    """The firm's installments (or refunds) and the money held beyond them."""

    def __init__(self, params: Parameters) -> None:
        self.params = params
        self.rows: list[_Row] = []
        self.credit = 0  # received beyond everything owed
        self.defaulted_on: date | None = None

    # -- replay --------------------------------------------------------------------------------
    def replay_tier1(self, projects: list[Project], ledger: Sequence[Payment], disposals: Sequence[Disposal],
                     deferral: tuple[int, date] | None, as_of: date) -> None:
        shape = dict(grace_months=self.params.value("repayment.grace_months"),
                     count=self.params.value("repayment.installments"),
                     interval_months=self.params.value("repayment.interval_months"))
        order = {p.project_id: i for i, p in enumerate(projects)}
        days: dict[date, list[tuple[int, Any]]] = {}
        for p in projects:  # same day: completion, then §11.1, then payments, then the deferral
            days.setdefault(p.completion_date, []).append((0, p))  # type: ignore[arg-type]
        for d in disposals:
            days.setdefault(d.effective_on, []).append((1, d))  # type: ignore[arg-type]
        for pay in ledger:
            days.setdefault(pay.paid_on, []).append((2, pay))
        if deferral:
            days.setdefault(deferral[1], []).append((3, deferral[0]))
        default_days = self.params.value("repayment.default_days")
        for day in sorted(days):
            self._default_before(day, default_days)
            events = sorted(days[day], key=lambda e: e[0])
            for kind, item in events:
                if kind == 0:
                    for due in installment_schedule(item.support_krw, item.completion_date, **shape):
                        self.rows.append(_Row(item.project_id, order[item.project_id], due.k, due.due_on,
                                              due.due_on, due.amount_krw, item.completion_date))
            if events[0][0] == 0:
                self._prepay(day)  # money held from before goes to the installments that now exist
            for kind, item in events:
                if kind == 0:
                    continue
                if kind == 1:
                    self._accelerate(day, "disposal", item.project_id)
                elif kind == 2:
                    self.pay(item.amount_krw, day)
                else:
                    self._defer(item)
            self._default_on(day, default_days)
        self._default_before(as_of + timedelta(days=1), default_days)

    def replay_tier2(self, projects: list[Project], ledger: Sequence[Payment], disposals: Sequence[Disposal],
                     as_of: date) -> None:
        """§11.1 refunds fall due on the day the obligation takes effect; refund payments settle the oldest."""
        period = 12 * self.params.value("obligations.clawback_years")
        order = {p.project_id: i for i, p in enumerate(projects)}
        grants = {p.project_id: p.support_krw or 0 for p in projects}
        for d in disposals:
            refund = grants[d.project_id] * (d.months_remaining or 0) // period
            self.rows.append(_Row(d.project_id, order[d.project_id], 0, d.effective_on, d.effective_on, refund,  # type: ignore[arg-type]
                                  accelerated="disposal"))
        self.rows.sort(key=lambda r: r.key)
        paid = sum(p.amount_krw for p in ledger)
        for row in self.rows:
            row.paid = min(row.amount, paid)
            paid -= row.paid
        self.credit = paid

    # -- the steps -------------------------------------------------------------------------------
    def pay(self, amount: int, on: date) -> None:
        """§7.3: installments already due, oldest first; the excess to the last installments first."""
        for row in sorted(self.rows, key=lambda r: r.key):
            if row.due_on <= on and row.open and amount:
                take = min(row.open, amount)
                row.paid, amount = row.paid + take, amount - take
        self.credit += amount
        self._prepay(on)

    def _prepay(self, on: date) -> None:
        """Money held beyond what is due settles the last installments first (§7.3, §7.7)."""
        amount = self.credit
        for row in sorted(self.rows, key=lambda r: r.key, reverse=True):
            if row.open and amount:
                take = min(row.open, amount)
                row.paid, amount = row.paid + take, amount - take
                if row.due_on > on:
                    row.prepaid += take
        self.credit = amount

    def _accelerate(self, day: date, why: Acceleration, project_id: str | None = None) -> None:
        """Unpaid installments not yet due fall due on ``day`` (§7.4 default, §11.1 disposal)."""
        for row in self.rows:
            if row.open and row.due_on > day and (project_id is None or row.project_id == project_id):
                row.due_on, row.accelerated = day, why

    def _defer(self, months: int) -> None:
        """§7.6: unpaid installments fall due ``months`` later, counted from completion; accelerated ones stay."""
        grace, interval = self.params.value("repayment.grace_months"), self.params.value("repayment.interval_months")
        for row in self.rows:
            if row.open and row.accelerated is None and row.completion is not None:
                row.due_on, row.deferred = add_months(row.completion, grace + interval * row.k + months), True

    def _oldest(self) -> _Row | None:
        return min((r for r in self.rows if r.open), key=lambda r: r.key, default=None)

    def _default_before(self, day: date, default_days: int) -> None:
        """Default reached on a day with no event, before ``day``."""
        oldest = self._oldest()
        if self.defaulted_on is None and oldest is not None:
            reached = oldest.due_on + timedelta(days=default_days)
            if reached < day:
                self._default(reached)

    def _default_on(self, day: date, default_days: int) -> None:
        oldest = self._oldest()
        if self.defaulted_on is None and oldest is not None and (day - oldest.due_on).days >= default_days:
            self._default(day)

    def _default(self, day: date) -> None:
        self.defaulted_on = day
        self._accelerate(day, "default")


def _result(records: FirmRecords, params: Parameters, as_of: date, projects: list[Project],
            ledger: Sequence[Payment], disposals: tuple[Disposal, ...], deferral: tuple[int, date] | None,
            account: _Account) -> RepaymentResult:
    firm = records.firm
    rows = sorted(account.rows, key=lambda r: r.key)
    installments = tuple(_installment(r, as_of) for r in rows)
    unpaid = [i for i in installments if i.outstanding_krw]
    late = [i for i in unpaid if i.due_on <= as_of]
    days = (as_of - unpaid[0].due_on).days if unpaid and unpaid[0].due_on < as_of else 0
    support = sum(p.support_krw or 0 for p in projects)
    repaid = sum(p.amount_krw for p in ledger)
    owed = sum(r.amount for r in rows) if firm.tier == 2 else support
    outstanding = sum(i.outstanding_krw for i in installments)
    prepaid = sum(i.prepaid_krw for i in installments)
    graces = [add_months(p.completion_date, params.value("repayment.grace_months"))  # type: ignore[arg-type]
              for p in projects] if firm.tier == 1 else []
    if firm.tier == 1:
        state = _tier1_state(projects, outstanding, account.defaulted_on, days, disposals, unpaid, deferral,
                             prepaid, graces, as_of, params)
        applied = {"§7.1": True, "§7.2": True, "§7.3": bool(prepaid), "§7.4": state in ("notice", "default"),
                   "§7.6": bool(deferral), "§7.7": len(projects) > 1, "§11.1": bool(disposals),
                   "§11.3": state == "default"}
    else:
        state = ("no_support" if not projects else "refund_due" if outstanding else "refunded" if rows
                 else "not_applicable")
        applied = {params["repayment.tier2_repaid"].clause: True, "§11.1": bool(disposals)}
    clauses = [clause for clause, used in applied.items() if used]
    return RepaymentResult(
        partner_id=firm.partner_id, tier=firm.tier, as_of=as_of, state=state,
        project_ids=tuple(p.project_id for p in projects), support_krw=support, repaid_krw=repaid,
        outstanding_krw=outstanding, overpaid_krw=max(repaid - owed, 0),
        due_now_krw=sum(i.outstanding_krw for i in late), prepaid_krw=prepaid, installments=installments,
        next_due_on=unpaid[0].due_on if unpaid else None, next_due_krw=unpaid[0].outstanding_krw if unpaid else 0,
        last_due_on=unpaid[-1].due_on if unpaid else None, days_overdue=days,
        grace_ends_on=min(graces) if graces else None,
        deferral_months=deferral[0] if deferral else 0, deferral_approved_on=deferral[1] if deferral else None,
        defaulted_on=account.defaulted_on if outstanding else None, disposals=disposals,
        clauses=tuple(clauses), records=records, params=params,
    )


def _tier1_state(projects, outstanding, defaulted_on, days, disposals, unpaid, deferral, prepaid, graces,
                 as_of, params) -> State:
    if not projects:
        return "no_support"
    if not outstanding:
        return "fully_repaid"
    if defaulted_on is not None:
        return "default"
    if days >= params.value("repayment.notice_days"):
        return "notice"
    if any(i.accelerated == "disposal" for i in unpaid):
        return "accelerated"
    if deferral:
        return "deferred"
    if prepaid:
        return "early_repaid"
    if all(as_of < g for g in graces):
        return "grace"
    return "on_schedule"


def _installment(row: _Row, as_of: date) -> Installment:
    if not row.open:
        status: Status = "prepaid" if row.due_on > as_of else "paid"
    elif row.due_on > as_of:
        status = "upcoming"
    else:
        status = "due" if row.due_on == as_of else "overdue"
    return Installment(project_id=row.project_id, k=row.k, due_on=row.due_on, original_due_on=row.scheduled_on,
                       amount_krw=row.amount, paid_krw=row.paid, prepaid_krw=row.prepaid,
                       outstanding_krw=row.open, status=status, deferred=row.deferred,
                       accelerated=row.accelerated)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None
