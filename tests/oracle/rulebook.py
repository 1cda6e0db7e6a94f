"""Rulebook oracle: a second, independent implementation of the program's figures.

Written from ``knowledge/program/rules.md`` and ``knowledge/program/parameters.yaml`` alone (see SPEC.md in this
folder).  It reads the partner CSVs with the standard library and takes every number from the parameters file.

Money is whole won (int) throughout; tonnes are summed as Decimals and returned as floats rounded to 1 decimal.
The tier-1 repayment timeline is a plain day-by-day simulation (§7.2-§7.7, §11.1).

The functions of stated figures (``support_for``, ``cap_reached_at``, ``surcharge_most``; SPEC "Further figures")
use exact rational arithmetic (``Fraction`` built from the decimal text of each parameter), never floats.
`koc_convert_by` (SPEC "Further figures (third part)") subtracts tonnes as Decimals and rounds only at the end.
"""

from __future__ import annotations

import calendar
import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path

import yaml

TABLES = ("firms", "projects", "reductions", "ledger")
ONE_DAY = timedelta(days=1)


# --------------------------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------------------------

def load_tables(partners_dir: Path) -> dict[str, list[dict]]:
    """Raw CSV rows (strings, blank = not recorded); leading ``#`` comment lines are skipped."""
    tables: dict[str, list[dict]] = {}
    for name in TABLES:
        path = Path(partners_dir) / f"{name}.csv"
        if not path.exists():
            tables[name] = []
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            lines = fh.read().splitlines()
        while lines and lines[0].lstrip().startswith("#"):
            lines.pop(0)
        rows = []
        for row in csv.DictReader(lines):
            rows.append({(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None})
        tables[name] = rows
    return tables


def load_params(knowledge_dir: Path) -> dict:
    with open(Path(knowledge_dir) / "program" / "parameters.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def evaluate(knowledge_dir: Path, as_of: date) -> dict[str, dict]:
    knowledge_dir = Path(knowledge_dir)
    return firm_figures(load_tables(knowledge_dir / "partners"), load_params(knowledge_dir), as_of)


# --------------------------------------------------------------------------------------------------------------
# Small helpers: raw values, parameters, §2.16 month arithmetic
# --------------------------------------------------------------------------------------------------------------

def _s(row: dict, key: str) -> str:
    """A raw cell; a missing column reads as blank."""
    value = row.get(key)
    return "" if value is None else str(value).strip()


def _date(row: dict, key: str) -> date | None:
    value = _s(row, key)
    return date.fromisoformat(value) if value else None


def _int(row: dict, key: str) -> int | None:
    value = _s(row, key)
    if not value:
        return None
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return int(Decimal(value))  # e.g. "1000.0"; money is whole won
    except (InvalidOperation, ValueError):
        return None  # not a number: treated as not recorded


def _dec(row: dict, key: str) -> Decimal | None:
    value = _s(row, key)
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _param(params: dict, *path: str):
    node = params
    for key in path:
        node = node[key]
    if isinstance(node, dict) and "value" in node:
        return node["value"]
    return node


def add_months(d: date, months: int) -> date:
    """§2.16: same day of the month that many months later, or that month's last day."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def whole_months(start: date, end: date) -> int:
    """§2.16: the largest number of months whose date, counted from ``start``, is on or before ``end``."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + (end.month - start.month)
    while months > 0 and add_months(start, months) > end:
        months -= 1
    while add_months(start, months + 1) <= end:
        months += 1
    return months


def _month_day(d_year: int, mm_dd: str) -> date:
    month, day = (int(x) for x in str(mm_dd).split("-"))
    return date(d_year, month, min(day, calendar.monthrange(d_year, month)[1]))


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _tonnes(x: Decimal) -> float:
    return float(round(x, 1))


@dataclass
class _Rules:
    """Every number the figures need, from parameters.yaml."""

    grace_months: int
    installments: int
    interval_months: int
    notice_days: int
    default_days: int
    max_deferral_months: int
    overdue_tolerance_days: int
    t1_min_reduction: Decimal
    t2_min_reduction: Decimal
    eligible_sizes: list
    tier2_sizes: list
    projects_per_round_t2: int
    report_due: str
    crediting_years: int
    clawback_years: int
    idle_months: int
    koc_conversion_years: int

    @classmethod
    def from_params(cls, params: dict) -> "_Rules":
        return cls(
            grace_months=int(_param(params, "repayment", "grace_months")),
            installments=int(_param(params, "repayment", "installments")),
            interval_months=int(_param(params, "repayment", "interval_months")),
            notice_days=int(_param(params, "repayment", "notice_days")),
            default_days=int(_param(params, "repayment", "default_days")),
            max_deferral_months=int(_param(params, "repayment", "max_deferral_months")),
            overdue_tolerance_days=int(_param(params, "eligibility", "overdue_tolerance_days")),
            t1_min_reduction=Decimal(str(_param(params, "eligibility", "tier1_min_reduction_tco2"))),
            t2_min_reduction=Decimal(str(_param(params, "eligibility", "tier2_min_reduction_tco2"))),
            eligible_sizes=[str(x).lower() for x in _param(params, "eligibility", "eligible_sizes")],
            tier2_sizes=[str(x).lower() for x in _param(params, "eligibility", "tier2_sizes")],
            projects_per_round_t2=int(_param(params, "eligibility", "projects_per_round_tier2")),
            report_due=str(_param(params, "mrv", "report_due")),
            crediting_years=int(_param(params, "offsets", "crediting_years")),
            clawback_years=int(_param(params, "obligations", "clawback_years")),
            idle_months=int(_param(params, "obligations", "idle_months")),
            koc_conversion_years=int(_param(params, "offsets", "koc_conversion_years")),
        )


# --------------------------------------------------------------------------------------------------------------
# Projects
# --------------------------------------------------------------------------------------------------------------

@dataclass
class _Project:
    project_id: str
    row: dict
    completed_on: date | None  # confirmed completion date, only if on or before as_of
    support: int | None  # support / grant, blank = not awarded
    trigger_on: date | None = None  # §11.1 day the clawback takes effect (None if not triggered by as_of)
    event_on: date | None = None  # §11.1 date of sale/removal, or the date the equipment became idle

    @property
    def supported(self) -> bool:
        return self.completed_on is not None and self.support is not None


def _obligation_ends_on(completed_on: date, rules: _Rules) -> date:
    """§11.1: the 5 years end on the day before the fifth anniversary of the confirmed completion date; the
    anniversary is the date 5 x 12 months later under §2.16 (2024-02-29 -> 2029-02-28, so the period ends
    2029-02-27)."""
    return add_months(completed_on, 12 * rules.clawback_years) - ONE_DAY


def _clawback_trigger(row: dict, completed_on: date, rules: _Rules, as_of: date) -> tuple[date | None, date | None]:
    """§11.1: (trigger day, event date) if the equipment was sold, removed or idle too long within the 5 years."""
    status = _s(row, "equipment_status").lower()
    since = _date(row, "equipment_status_since")
    if status not in ("sold", "removed", "idle") or since is None or since > as_of:
        return None, None  # the status begins only on its date
    if status == "idle":
        trigger = add_months(since, rules.idle_months) + ONE_DAY
    else:
        trigger = since
    fifth_anniversary = add_months(completed_on, 12 * rules.clawback_years)
    # "both that day and the sale or removal date must fall within the 5 years, and on or before the date in
    # question"; the 5 years run from the completion date to the day before the fifth anniversary.
    if completed_on <= trigger < fifth_anniversary and trigger <= as_of:
        return trigger, since
    return None, None


# --------------------------------------------------------------------------------------------------------------
# Tier-1 repayment timeline (§7, §11.1)
# --------------------------------------------------------------------------------------------------------------

@dataclass
class _Installment:
    project_id: str
    completed_on: date
    k: int
    scheduled_on: date  # §7.2 due date
    due_on: date  # current due date (after deferral / acceleration)
    amount: int
    paid: int = 0
    accelerated_11_1: bool = False
    accelerated_default: bool = False
    prepaid: bool = False  # §7.3: some amount was applied to it before its due date
    settled_on: date | None = None  # first day at the end of which it was covered in full

    @property
    def remaining(self) -> int:
        return self.amount - self.paid

    def order(self):
        # §7.7: by due date; on the same date the project completed first comes first.
        return (self.due_on, self.completed_on, self.project_id, self.k)


def _schedule(project: _Project, rules: _Rules) -> list[_Installment]:
    """§7.2: installment k due (grace + interval*k) months after completion; support // n, remainder on the last."""
    n = rules.installments
    base, remainder = divmod(project.support, n)
    out = []
    for k in range(1, n + 1):
        due = add_months(project.completed_on, rules.grace_months + rules.interval_months * k)
        out.append(_Installment(project.project_id, project.completed_on, k, due, due,
                                base + (remainder if k == n else 0)))
    return out


def _deferred_due(inst: _Installment, months: int, rules: _Rules) -> date:
    """§7.6: installment k falls due (grace + interval*k + m) months after the confirmed completion date (§2.16),
    counted from the completion date, not from the already clamped scheduled date."""
    return add_months(inst.completed_on, rules.grace_months + rules.interval_months * inst.k + months)


def _apply_payment(insts: list[_Installment], amount: int, day: date) -> int:
    """§7.3/§7.7: settle due installments oldest first, then the rest early, latest due first. Returns the excess."""
    for inst in sorted((i for i in insts if i.remaining > 0 and i.due_on <= day), key=_Installment.order):
        take = min(amount, inst.remaining)
        inst.paid += take
        amount -= take
    for inst in sorted((i for i in insts if i.remaining > 0 and i.due_on > day), key=_Installment.order,
                       reverse=True):
        take = min(amount, inst.remaining)
        inst.paid += take
        amount -= take
        if take > 0:
            inst.prepaid = True  # an early repayment, even if it does not settle the installment in full
    return amount


@dataclass
class _Timeline:
    installments: list
    in_default: bool
    default_on: date | None
    credit: int
    fell_due: dict = field(default_factory=dict)  # project -> what §11.1 made due at once, on the day it did


def _simulate_tier1(projects: list[_Project], payments: dict[date, int], deferral: tuple[date, int] | None,
                    rules: _Rules, as_of: date) -> _Timeline:
    completions: dict[date, list[_Project]] = defaultdict(list)
    triggers: dict[date, list[str]] = defaultdict(list)
    for p in projects:
        completions[p.completed_on].append(p)
        if p.trigger_on is not None:
            triggers[p.trigger_on].append(p.project_id)

    starts = list(completions) + list(payments)
    insts: list[_Installment] = []
    fell_due: dict[str, int] = {}
    credit = 0
    in_default = False
    default_on = None
    if not starts:
        return _Timeline(insts, in_default, default_on, credit, fell_due)

    day = min(starts)
    while day <= as_of:
        pool = payments.get(day, 0)
        # 1. projects completing today: their installments start; held money is applied to them (§7.3).
        if day in completions:
            for p in sorted(completions[day], key=lambda p: p.project_id):
                insts.extend(_schedule(p, rules))
            pool += credit
            credit = 0
        # 2. §11.1: the project's unpaid installments not yet due fall due today.
        for project_id in triggers.get(day, ()):
            for inst in insts:
                if inst.project_id == project_id and inst.remaining > 0 and inst.due_on > day:
                    inst.due_on = day
                    inst.accelerated_11_1 = True
                    fell_due[project_id] = fell_due.get(project_id, 0) + inst.remaining
        # 3. payments received today (they count before today's standing is assessed).
        if pool > 0:
            credit += _apply_payment(insts, pool, day)
        # 4. §7.6 deferral: after today's payments; unpaid, not accelerated installments fall due
        #    grace + interval*k + m months after the completion date (keeping their schedule's day of the month).
        if deferral is not None and deferral[0] == day and deferral[1] > 0:
            for inst in insts:
                if inst.remaining > 0 and not (inst.accelerated_11_1 or inst.accelerated_default):
                    inst.due_on = _deferred_due(inst, deferral[1], rules)
        # 5. §7.4 default: sticky until the outstanding balance is settled in full.
        unpaid = [i for i in insts if i.remaining > 0]
        if in_default and not unpaid:
            in_default = False
        if not in_default and unpaid:
            oldest = min(unpaid, key=_Installment.order)
            if oldest.due_on <= day and (day - oldest.due_on).days >= rules.default_days:
                in_default = True
                default_on = day
                for inst in unpaid:
                    if inst.due_on > day:
                        inst.due_on = day
                        inst.accelerated_default = True
        # 6. SPEC installments: the first day at the end of which an installment is covered in full.
        for inst in insts:
            if inst.settled_on is None and inst.remaining <= 0:
                inst.settled_on = day
        day += ONE_DAY
    return _Timeline(insts, in_default, default_on, credit, fell_due)


# --------------------------------------------------------------------------------------------------------------
# Reports and offsets (§9.2, §9.3, §10.4)
# --------------------------------------------------------------------------------------------------------------

def _counted(row: dict, as_of: date) -> bool:
    submitted = _date(row, "report_submitted_on")
    return submitted is not None and submitted <= as_of


def _project_reports(project: _Project, rows: list[dict], rules: _Rules, as_of: date) -> dict:
    registered = _date(project.row, "registration_date")
    if registered is not None and registered > as_of:
        registered = None
    ends_on = add_months(registered, 12 * rules.crediting_years) if registered else None
    if ends_on is None:
        years_left = None
    elif as_of < ends_on:
        years_left = whole_months(as_of, ends_on) // 12
    else:
        years_left = 0

    reported = set()
    for r in rows:
        year = _int(r, "year")
        if year is not None and _counted(r, as_of):
            reported.add(year)

    def deadline(year: int) -> date:
        return _month_day(year + 1, rules.report_due)

    first = project.completed_on.year
    last = ends_on.year if ends_on else None
    missing = []
    y = first
    while (last is None or y <= last) and deadline(y) < as_of:
        if y not in reported:
            missing.append(y)
        y += 1
    next_year = None
    y = first
    while last is None or y <= last:
        if y not in reported and deadline(y) >= as_of:
            next_year = y
            break
        y += 1
        if y > as_of.year + 200:  # unregistered project with every future year reported (cannot happen)
            break
    return {
        "crediting_ends_on": _iso(ends_on),
        "years_left": years_left,
        "next_report_year": next_year,
        "next_report_due": _iso(deadline(next_year)) if next_year is not None else None,
        "missing_report_years": missing,
    }


def _koc_convert_by(projects: list[_Project], reductions_by_project, rules: _Rules, as_of: date) -> dict:
    """SPEC "Further figures (third part)": the KOC of each counted row still to convert, and by when.

    A year's reductions count as certified only from the day its report was submitted (§9.3), so that day is
    ``certified_on``. Act Art. 30: a KOC must be converted within ``offsets.koc_conversion_years`` years of its
    certification; the last day within that many years is the date that many years (x 12 months, §2.16) after
    ``certified_on`` (2024-02-29 -> 2029-02-28). Tonnes are exact Decimals, rounded to 1 decimal only at the end;
    a row is listed when certified exceeds converted exactly (a blank converted figure is 0).
    """
    out = {}
    for p in projects:
        for r in reductions_by_project[p.project_id]:
            if not _counted(r, as_of):
                continue
            certified = _dec(r, "certified_tco2")
            if certified is None:
                continue  # no certified figure: nothing to convert
            converted = _dec(r, "converted_kcu") or Decimal(0)  # 1 KOC converts into 1 KCU (Art. 29)
            left = certified - converted
            if left <= 0:
                continue  # fully converted (or more)
            certified_on = _date(r, "report_submitted_on")
            year = _int(r, "year")
            key = f"{p.project_id}#{year if year is not None else _s(r, 'year')}"
            out[key] = {
                "koc": _tonnes(left),
                "certified_on": _iso(certified_on),
                "convert_by": _iso(add_months(certified_on, 12 * rules.koc_conversion_years)),
            }
    return out


# --------------------------------------------------------------------------------------------------------------
# Criteria (§3, §4, §11.3)
# --------------------------------------------------------------------------------------------------------------

def _yes_no(value: str, good: str) -> str:
    value = value.lower()
    if not value:
        return "unknown"
    return "pass" if value == good else "fail"


def _size(firm: dict, sizes: list) -> str:
    size = _s(firm, "size_class").lower()
    affiliate = _s(firm, "group_affiliate").lower()
    if (size and size not in sizes) or affiliate == "yes":
        return "fail"
    if not size or not affiliate:
        return "unknown"
    return "pass"


def _reduction(projects: list[dict], minimum: Decimal) -> str:
    """§3.5/§4.2: every project of the latest funding round must meet the minimum."""
    if not projects:
        return "unknown"
    rounds = [_int(p, "funding_round") for p in projects]
    if any(r is None for r in rounds):
        return "unknown"
    latest = max(rounds)
    result = "pass"
    for p, r in zip(projects, rounds):
        if r != latest:
            continue
        expected = _dec(p, "expected_tco2_per_year")
        if expected is None:
            result = "unknown"
        elif expected < minimum:
            return "fail"
    return result


def _excluded(firm: dict, as_of: date) -> bool:
    until = _date(firm, "excluded_until")
    return until is not None and until >= as_of  # §11.3: the recorded date is included


# --------------------------------------------------------------------------------------------------------------
# Per-firm figures
# --------------------------------------------------------------------------------------------------------------

def firm_figures(tables: dict[str, list[dict]], params: dict, as_of: date) -> dict[str, dict]:
    rules = _Rules.from_params(params)
    firms = tables.get("firms", []) or []
    firms_by_id = {_s(f, "partner_id"): f for f in firms}
    projects_by_firm: dict[str, list[dict]] = defaultdict(list)
    for p in tables.get("projects", []) or []:
        projects_by_firm[_s(p, "partner_id")].append(p)
    reductions_by_project: dict[str, list[dict]] = defaultdict(list)
    for r in tables.get("reductions", []) or []:
        reductions_by_project[_s(r, "project_id")].append(r)
    ledger_by_firm: dict[str, list[dict]] = defaultdict(list)
    for e in tables.get("ledger", []) or []:
        ledger_by_firm[_s(e, "partner_id")].append(e)

    out = {}
    for firm in firms:
        partner_id = _s(firm, "partner_id")
        out[partner_id] = _one_firm(firm, firms_by_id, projects_by_firm[partner_id], reductions_by_project,
                                    ledger_by_firm[partner_id], rules, as_of)
    return out


def _one_firm(firm, firms_by_id, project_rows, reductions_by_project, ledger_rows, rules: _Rules, as_of: date):
    tier = _int(firm, "tier")

    # Projects; only completions on or before as_of count.
    projects: list[_Project] = []
    for row in project_rows:
        completed_on = _date(row, "completion_date")
        if completed_on is not None and completed_on > as_of:
            completed_on = None
        p = _Project(_s(row, "project_id"), row, completed_on, _int(row, "support_krw"))
        if p.supported:
            p.trigger_on, p.event_on = _clawback_trigger(row, completed_on, rules, as_of)
        projects.append(p)
    completed = sorted((p for p in projects if p.completed_on is not None),
                       key=lambda p: (p.completed_on, p.project_id))
    supported = [p for p in completed if p.supported]
    support_krw = sum(p.support for p in supported)

    payments: dict[date, int] = defaultdict(int)
    for e in ledger_rows:
        paid_on = _date(e, "paid_on")
        amount = _int(e, "amount_krw")
        if paid_on is not None and amount is not None and paid_on <= as_of:
            payments[paid_on] += amount
    repaid_krw = sum(payments.values())

    # Reports and offsets.
    project_out = {}
    for p in completed:
        project_out[p.project_id] = _project_reports(p, reductions_by_project[p.project_id], rules, as_of)
        project_out[p.project_id].update(clawback=p.trigger_on is not None, clawback_on=_iso(p.trigger_on),
                                         clawback_krw=0, fell_due_krw=0,
                                         obligation_ends_on=_iso(_obligation_ends_on(p.completed_on, rules)))
    verified = certified = converted = Decimal(0)
    stage = 0  # 0 pending, 1 verified, 2 certified, 3 converted
    for p in projects:
        for r in reductions_by_project[p.project_id]:
            if not _counted(r, as_of):
                continue
            v, c, k = _dec(r, "verified_tco2"), _dec(r, "certified_tco2"), _dec(r, "converted_kcu")
            verified += v or 0
            certified += c or 0
            converted += k or 0
            if k is not None and k > 0:
                stage = max(stage, 3)
            elif c is not None and c > 0:
                stage = max(stage, 2)
            elif v is not None:
                stage = max(stage, 1)
    offset_state = "no_project" if not completed else ("pending", "verified", "certified", "converted")[stage]

    if tier == 2:
        money = _tier2_money(supported, support_krw, repaid_krw, project_out, rules, as_of)
        criteria = _tier2_criteria(firm, firms_by_id, project_rows, rules, as_of)
    else:
        money, in_default = _tier1_money(firm, supported, support_krw, repaid_krw, payments, project_out, rules,
                                         as_of)
        criteria = _tier1_criteria(firm, project_rows, money["days_overdue"], in_default, rules, as_of)

    values = set(criteria.values())
    verdict = "not_eligible" if "fail" in values else "needs_review" if "unknown" in values else "eligible"
    return {
        "tier": tier,
        "support_krw": support_krw,
        "repaid_krw": repaid_krw,
        **money,
        "criteria": criteria,
        "verdict": verdict,
        "verified_tco2": _tonnes(verified),
        "certified_tco2": _tonnes(certified),
        "converted_kcu": _tonnes(converted),
        "offset_state": offset_state,
        "projects": project_out,
        "koc_convert_by": _koc_convert_by(projects, reductions_by_project, rules, as_of),
    }


def _tier1_money(firm, supported, support_krw, repaid_krw, payments, project_out, rules: _Rules, as_of: date):
    deferral = None
    approved_on = _date(firm, "deferral_approved_on")
    if approved_on is not None and approved_on <= as_of:
        months = _int(firm, "deferral_months") or 0
        deferral = (approved_on, min(months, rules.max_deferral_months))

    tl = _simulate_tier1(supported, payments, deferral, rules, as_of)
    insts = tl.installments
    outstanding = max(0, support_krw - repaid_krw)
    unpaid = sorted((i for i in insts if i.remaining > 0), key=_Installment.order)
    due_now = sum(i.remaining for i in unpaid if i.due_on <= as_of)
    oldest = unpaid[0] if unpaid else None
    next_due_on = oldest.due_on if oldest else None
    days_overdue = (as_of - next_due_on).days if next_due_on and next_due_on < as_of else 0

    for p in supported:
        if p.trigger_on is not None:
            project_out[p.project_id]["clawback_krw"] = sum(i.remaining for i in insts
                                                            if i.project_id == p.project_id)
        project_out[p.project_id]["fell_due_krw"] = tl.fell_due.get(p.project_id, 0)

    if not supported:
        state = "no_support"
    elif outstanding == 0:
        state = "fully_repaid"
    elif tl.in_default:
        state = "default"
    elif days_overdue >= rules.notice_days:
        state = "notice"
    elif any(i.accelerated_11_1 and i.remaining > 0 for i in insts):
        state = "accelerated"
    elif deferral is not None:
        state = "deferred"
    elif any(i.prepaid for i in insts):
        state = "early_repaid"
    elif all(as_of < add_months(p.completed_on, rules.grace_months) for p in supported):
        state = "grace"
    else:
        state = "on_schedule"

    installments = {}
    for i in insts:  # in the order the projects completed, then k
        installments[f"{i.project_id}#{i.k}"] = {
            "due_on": _iso(i.due_on),
            "amount_krw": i.amount,
            "settled_on": _iso(i.settled_on),
            "days_late": None if i.settled_on is None else max(0, (i.settled_on - i.due_on).days),
        }

    return {
        "outstanding_krw": outstanding,
        "due_now_krw": due_now,
        "next_due_on": _iso(next_due_on),
        "next_due_krw": oldest.remaining if oldest else 0,
        "days_overdue": days_overdue,
        "state": state,
        "installments": installments,
    }, tl.in_default and outstanding > 0


def _tier2_money(supported, support_krw, repaid_krw, project_out, rules: _Rules, as_of: date):
    months_total = 12 * rules.clawback_years
    refunds = []  # [due_on, completed_on, project_id, amount, paid]
    for p in supported:
        if p.trigger_on is None:
            continue
        fifth_anniversary = add_months(p.completed_on, months_total)
        amount = p.support * whole_months(max(p.event_on, p.completed_on), fifth_anniversary) // months_total
        refunds.append([p.trigger_on, p.completed_on, p.project_id, amount, 0])
        project_out[p.project_id]["clawback_krw"] = amount
    refunds.sort(key=lambda r: (r[0], r[1], r[2]))
    pool = repaid_krw
    for r in refunds:  # refund payments settle the oldest refund first
        take = min(pool, r[3])
        r[4] = take
        pool -= take
    owed = sum(r[3] for r in refunds)
    outstanding = max(0, owed - repaid_krw)
    open_refunds = [r for r in refunds if r[3] - r[4] > 0]
    oldest = open_refunds[0] if open_refunds else None
    next_due_on = oldest[0] if oldest else None
    days_overdue = (as_of - next_due_on).days if next_due_on and next_due_on < as_of else 0

    if not supported:
        state = "no_support"
    elif outstanding > 0:
        state = "refund_due"
    elif any(r[3] > 0 for r in refunds):
        state = "refunded"
    else:
        state = "not_applicable"
    return {
        "outstanding_krw": outstanding,
        "due_now_krw": outstanding,  # every refund falls due at once on its trigger day (on or before as_of)
        "next_due_on": _iso(next_due_on),
        "next_due_krw": (oldest[3] - oldest[4]) if oldest else 0,
        "days_overdue": days_overdue,
        "state": state,
        "installments": {},  # SPEC: tier-1 only
    }


def _tier1_criteria(firm, project_rows, days_overdue, in_default, rules: _Rules, as_of: date) -> dict:
    return {
        "3.1_contract": _yes_no(_s(firm, "hmg_contract"), "active"),
        "3.1_agreement": _yes_no(_s(firm, "agreement_signed"), "yes"),
        "3.2_size": _size(firm, rules.eligible_sizes),
        "3.3_facility": _yes_no(_s(firm, "inside_allocated_entity"), "no"),
        "3.4_overdue": "fail" if days_overdue > rules.overdue_tolerance_days else "pass",
        "3.4_exclusion": "fail" if (_excluded(firm, as_of) or in_default) else "pass",
        "3.5_reduction": _reduction(project_rows, rules.t1_min_reduction),
    }


def _tier2_criteria(firm, firms_by_id, project_rows, rules: _Rules, as_of: date) -> dict:
    parent_id = _s(firm, "parent_id")
    parent = firms_by_id.get(parent_id) if parent_id else None
    if parent is None:
        parent_ok = "unknown"
    elif _s(parent, "tier") and _s(parent, "tier") != "1":
        parent_ok = "fail"
    else:
        parent_ok = _yes_no(_s(parent, "agreement_signed"), "yes")
        if parent_ok == "pass" and not _s(parent, "tier"):
            parent_ok = "unknown"

    contract = _s(firm, "hmg_contract").lower()
    direct = "unknown" if not contract else ("fail" if contract == "active" else "pass")

    per_round: dict[str, int] = defaultdict(int)
    for p in project_rows:
        if _s(p, "support_krw"):
            per_round[_s(p, "funding_round")] += 1
    one_per_round = "fail" if any(n > rules.projects_per_round_t2 for n in per_round.values()) else "pass"

    return {
        "4.1_parent": parent_ok,
        "4.1_direct": direct,
        "4.1_size": _size(firm, rules.tier2_sizes),
        "4.2_reduction": _reduction(project_rows, rules.t2_min_reduction),
        "4.3_facility": _yes_no(_s(firm, "inside_allocated_entity"), "no"),
        "4.4_one_per_round": one_per_round,
        "11_exclusion": "fail" if _excluded(firm, as_of) else "pass",
    }


# --------------------------------------------------------------------------------------------------------------
# Functions of stated figures (SPEC "Further figures"): §5.1, §6.1, §6.2; Act Art. 27, Art. 33
# --------------------------------------------------------------------------------------------------------------

def _exact(value) -> Fraction:
    """A parameter or argument as an exact rational, from its decimal text (0.7 -> 7/10, never the binary float)."""
    if isinstance(value, bool):
        raise TypeError(f"not a number: {value!r}")
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, Decimal):
        return Fraction(value)
    return Fraction(Decimal(str(value)))


def _floor(x: Fraction) -> int:
    return x.numerator // x.denominator  # floor division: rounds down


def _tier_key(tier: int) -> str:
    if tier not in (1, 2):
        raise ValueError(f"tier must be 1 or 2, not {tier!r}")
    return f"tier{tier}"


def support_for(tier: int, params: dict, cost_krw: int, led_krw: int = 0) -> dict:
    """§5.1 LED limit, then §6.1 (tier 1) / §6.2 (tier 2).

    ``cost_krw`` is the eligible cost with every §5.2/§5.3 item already taken out and the LED cost included.
    The LED limit is ``led_max_share`` of that cost, rounded down to whole won; LED cost above it is left out of
    the eligible cost. Support is the lower of ``ratio`` x the counted cost and the cap, rounded down.
    An LED-only proposal (LED cost = the whole cost) is LED lighting as a project on its own, which §5.1 does not
    support: nothing counts.
    """
    key = _tier_key(tier)
    cost_krw, led_krw = int(cost_krw), int(led_krw)
    if cost_krw < 0 or led_krw < 0:
        raise ValueError("costs cannot be negative")
    if led_krw > cost_krw:
        raise ValueError("the LED cost is part of the eligible cost and cannot exceed it")
    ratio = _exact(_param(params, "support", key, "ratio"))
    cap = int(_param(params, "support", key, "cap_krw"))
    led_share = _exact(_param(params, "support", "led_max_share"))

    if cost_krw > 0 and led_krw == cost_krw:  # §5.1: LED lighting cannot be supported as a project on its own
        return {"led_counted_krw": 0, "counted_cost_krw": 0, "support_krw": 0}
    led_limit = _floor(led_share * cost_krw)
    led_counted = min(led_krw, led_limit)
    counted_cost = cost_krw - (led_krw - led_counted)
    support = min(_floor(ratio * counted_cost), cap)
    return {"led_counted_krw": led_counted, "counted_cost_krw": counted_cost, "support_krw": support}


def cap_reached_at(tier: int, params: dict) -> int:
    """The smallest whole-won eligible cost c (no LED) with floor(ratio x c) >= cap, i.e. c = ceil(cap / ratio)
    (the cap is whole won, so floor(ratio x c) >= cap exactly when ratio x c >= cap)."""
    key = _tier_key(tier)
    ratio = _exact(_param(params, "support", key, "ratio"))
    cap = int(_param(params, "support", key, "cap_krw"))
    if ratio <= 0:
        raise ValueError("a ratio of 0 never reaches the cap")
    return -_floor(-Fraction(cap) / ratio)  # ceiling


def surrender_deadline(compliance_year: int, params: dict) -> date:
    """Act Art. 27: the last day to surrender for a compliance year (a calendar year, Art. 2): the date
    ``act.surrender_months`` months after its last day, 31 December (§2.16 month counting; 8 -> 31 August)."""
    months = int(_param(params, "act", "surrender_months"))
    return add_months(date(int(compliance_year), 12, 31), months)


def surcharge_most(shortfall_tco2: Decimal, average_price_krw: int, compliance_year: int, params: dict) -> int:
    """Act Art. 33 with Art. 27: the most the penalty surcharge can come to, whole won rounded down.

    Per missing tonne: ``act.surcharge_multiple`` x the year's average price, limited to
    ``act.former_surcharge_cap_krw`` when the failure happened before the cap's deletion took effect. The failure
    happens when the Art. 27 deadline passes, that is on the day after the deadline; the cap is gone for failures
    on or after ``act.surcharge_cap_deleted_from``. A fractional shortfall is charged pro rata (tonnes x rate),
    and the total is rounded down to whole won.
    """
    shortfall = _exact(shortfall_tco2)
    price = _exact(average_price_krw)
    if shortfall < 0 or price < 0:
        raise ValueError("the shortfall and the price cannot be negative")
    multiple = _exact(_param(params, "act", "surcharge_multiple"))
    former_cap = _exact(_param(params, "act", "former_surcharge_cap_krw"))
    deleted_from = date.fromisoformat(str(_param(params, "act", "surcharge_cap_deleted_from")))

    failure_on = surrender_deadline(compliance_year, params) + ONE_DAY
    per_tonne = multiple * price
    if failure_on < deleted_from:
        per_tonne = min(per_tonne, former_cap)
    return _floor(shortfall * per_tonne)
