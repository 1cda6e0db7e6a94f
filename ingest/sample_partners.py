"""Seeded generator of the fictional sample partner records in ``knowledge/partners/``.

``python -m ingest.sample_partners [--out DIR] [--seed N]`` writes firms, projects,
reductions, ledger and users CSVs. Every case the rules distinguish is planted
on at least two firms, and the plan is written to ``tests/data/partner_cases.json``
so tests can check that the calculators derive the same cases from the raw
records. The output is byte-identical for the same seed.

The first 90 tier-1 and 120 tier-2 firms come from one seeded sequence; the
later cases (several projects, disposals, late reports, boundary days, …) are
added after them from a second sequence, so adding a case never changes the
figures of the firms before it.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from bot.calculators.schedule import add_months, installment_schedule
from bot.records.models import TABLES

AS_OF = date(2026, 10, 31)
NOTICE = "# Fictional sample data for the Carbon Partner Assistant demo: all companies, people and figures are invented."
ROOT = Path(__file__).resolve().parents[1]

FIRST = ["Hanul", "Daeseong", "Mirae", "Saebom", "Gyerim", "Onnuri", "Byeolbit", "Cheongun", "Dasom", "Eunha",
         "Garam", "Haedal", "Iseul", "Jinsol", "Kkotbit", "Maru", "Nabi", "Orum", "Purun", "Rami",
         "Sarang", "Taeyang", "Uri", "Yeoul", "Areum", "Bitna", "Chorong", "Dongbaek", "Geumbit", "Hwarang"]
SECOND = ["Precision", "Motor Parts", "Thermal Systems", "Castings", "Forging", "Electronics", "Metalworks",
          "Plastics", "Rubber", "Springs", "Gearworks", "Diecast", "Seating", "Fasteners", "Stamping"]
GIVEN = ["Minji", "Jiwoo", "Seoyeon", "Hyunwoo", "Dohyun", "Yuna", "Jaehyun", "Soyeon", "Taemin", "Hayoung",
         "Junseo", "Eunji", "Sungmin", "Nayeon", "Kyungho", "Areum", "Jisoo", "Wonbin"]
FAMILY = ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Seo"]
CATEGORIES = ["motors_inverters", "heat_pumps", "furnace_electrification", "compressed_air", "waste_heat_recovery",
              "hvac_chillers"]
DESCRIPTIONS = {
    "motors_inverters": "replacing press-line motors with high-efficiency motors and inverter drives",
    "heat_pumps": "replacing oil-fired boilers with industrial heat pumps",
    "furnace_electrification": "electrifying the gas-fired heat-treatment furnace",
    "compressed_air": "upgrading the compressed-air system and fixing air leaks",
    "waste_heat_recovery": "recovering waste heat from the paint-drying oven exhaust",
    "hvac_chillers": "replacing plant chillers with high-efficiency units",
}

T1_PLAN = [  # (case names, how many firms)
    (["t1_eligible", "rep_on_schedule", "off_converted"], 3),
    (["t1_fail_3_1_contract", "rep_on_schedule", "off_certified"], 3),
    (["t1_fail_3_1_agreement", "rep_grace", "off_pending"], 3),
    (["t1_fail_3_2_large", "rep_on_schedule", "off_verified"], 3),
    (["t1_fail_3_2_affiliate", "rep_on_schedule", "off_verified"], 3),
    (["t1_fail_3_3_allocated", "rep_grace", "off_pending"], 3),
    (["t1_review_3_3_unknown", "rep_on_schedule", "off_certified"], 3),
    (["t1_fail_3_4_overdue", "rep_notice", "off_verified"], 3),
    (["t1_fail_3_4_excluded", "rep_fully_repaid", "off_converted"], 3),
    (["t1_fail_3_5_reduction", "rep_on_schedule", "off_verified"], 3),
    (["t1_eligible", "rep_no_support"], 3),
    (["t1_eligible", "rep_grace", "off_pending"], 3),
    (["t1_eligible", "rep_early_repaid", "off_certified"], 3),
    (["rep_default", "off_verified"], 3),
    (["t1_eligible", "rep_deferred", "off_verified"], 3),
    (["t1_eligible", "rep_fully_repaid", "off_converted"], 3),
    (["t1_eligible", "rep_on_schedule", "off_clawback_t1"], 3),
]
T1_TOTAL = 90
T2_PLAN = [
    (["t2_eligible", "off_verified"], 3),
    (["t2_fail_4_1_direct", "off_pending"], 3),
    (["t2_fail_4_1_size", "off_verified"], 3),
    (["t2_fail_4_1_parent", "off_pending"], 2),
    (["t2_fail_4_2_reduction", "off_verified"], 3),
    (["t2_fail_4_3_allocated", "off_pending"], 3),
    (["t2_fail_4_4_second_project", "off_verified"], 3),
    (["t2_eligible", "off_clawback_t2"], 3),
]
T2_TOTAL = 120

# Completion dates that put each repayment case where it belongs on AS_OF.
REPAYMENT_COMPLETION = {
    "rep_grace": [date(2026, 1, 15), date(2026, 3, 2), date(2025, 12, 10)],
    "rep_on_schedule": [date(2024, 3, 20), date(2024, 9, 5), date(2024, 5, 31)],
    "rep_early_repaid": [date(2024, 6, 10), date(2024, 8, 20), date(2024, 11, 4)],
    "rep_notice": [date(2024, 6, 16), date(2024, 6, 16), date(2024, 9, 16)],  # oldest unpaid due 2026-09-16: 45 days
    "rep_default": [date(2024, 7, 3), date(2024, 7, 3), date(2024, 4, 3)],  # oldest unpaid due 2026-07-03: 120 days
    "rep_deferred": [date(2024, 2, 10), date(2024, 5, 20), date(2024, 1, 8)],
    "rep_fully_repaid": [date(2022, 9, 1), date(2022, 11, 15), date(2023, 1, 31)],
}
UNPAID_FROM = {"rep_notice": [5, 5, 4], "rep_default": [4, 4, 5]}  # first unpaid installment k


@dataclass
class Firm:
    row: dict
    cases: list[str]
    projects: list[dict] = field(default_factory=list)
    ledger: list[dict] = field(default_factory=list)
    reductions: list[dict] = field(default_factory=list)
    expected: dict | None = None


def unique_names(rng: random.Random, n: int) -> list[str]:
    combos = [f"{a} {b}" for a in FIRST for b in SECOND]
    rng.shuffle(combos)
    names = combos[:n]
    assert not any(a != b and a in b for a in names for b in names)
    return [f"{name} Co., Ltd." for name in names]


def domain(name: str) -> str:
    return name.replace(" Co., Ltd.", "").lower().replace(" ", "-") + ".example"


def expand(plan: list[tuple[list[str], int]], total: int) -> list[list[str]]:
    out = [list(cases) for cases, n in plan for _ in range(n)]
    filler = [["t1_eligible", "rep_on_schedule", "off_verified"], ["t1_eligible", "rep_on_schedule", "off_converted"],
              ["t1_eligible", "rep_grace", "off_pending"], ["t1_eligible", "rep_fully_repaid", "off_converted"]]
    if plan is T2_PLAN:
        filler = [["t2_eligible", "off_verified"], ["t2_eligible", "off_certified"], ["t2_eligible", "off_pending"]]
    while len(out) < total:
        out.append(list(filler[len(out) % len(filler)]))
    return out


def case_of(cases: list[str], prefix: str) -> str | None:
    return next((c for c in cases if c.startswith(prefix)), None)


def support_for(tier: int, cost: int, led: int) -> int:
    countable = cost - led + min(led, cost // 10)
    ratio_num, cap = (1, 500_000_000) if tier == 1 else (7, 150_000_000)
    return min(countable * ratio_num // (2 if tier == 1 else 10), cap)


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.counters: dict[str, int] = {}

    def nth(self, case: str) -> int:
        self.counters[case] = self.counters.get(case, 0) + 1
        return self.counters[case] - 1

    def firm_row(self, pid: str, name: str, tier: int, cases: list[str], parent: str | None) -> dict:
        rng = self.rng
        row = {"partner_id": pid, "name": name, "tier": tier, "parent_id": parent or "",
               "size_class": rng.choice(["sme", "sme", "mid"]) if tier == 1 else "sme", "group_affiliate": "no",
               "hmg_contract": "active" if tier == 1 else "none", "agreement_signed": "yes",
               "inside_allocated_entity": "no", "email_domain": domain(name), "excluded_until": "",
               "exclusion_reason": "", "deferral_months": "", "deferral_approved_on": ""}
        if "t1_fail_3_1_contract" in cases:
            row["hmg_contract"] = ["expired", "none"][self.nth("contract") % 2]
        if "t1_fail_3_1_agreement" in cases:
            row["agreement_signed"] = "no"
        if "t1_fail_3_2_large" in cases:
            row["size_class"] = "large"
        if "t1_fail_3_2_affiliate" in cases:
            row["group_affiliate"] = "yes"
        if {"t1_fail_3_3_allocated", "t2_fail_4_3_allocated"} & set(cases):
            row["inside_allocated_entity"] = "yes"
        if "t1_review_3_3_unknown" in cases:
            row["inside_allocated_entity"] = ""
        if "t1_fail_3_4_excluded" in cases:
            row["excluded_until"] = ["2027-06-30", "2028-03-31", "2027-12-31"][self.nth("excluded")]
            row["exclusion_reason"] = "false statement in application (§11.2)"
        if "t2_fail_4_1_direct" in cases:
            row["hmg_contract"] = "active"
        if "t2_fail_4_1_size" in cases:
            row["size_class"] = "mid"
        return row

    def project(self, firm: Firm, number: int, rnd: int, completion: date | None, awarded: bool) -> dict:
        rng, tier, cases = self.rng, firm.row["tier"], firm.cases
        category = rng.choice(CATEGORIES)
        if tier == 1:
            cost = rng.randrange(80, 1000) * 1_000_000 + rng.randrange(0, 1000) * 1000
            expected = float(rng.randrange(60, 900))
        else:
            cost = rng.randrange(30, 300) * 1_000_000 + rng.randrange(0, 1000) * 1000
            expected = float(rng.randrange(22, 200))
        if firm.row["partner_id"] in {"P-T1-001", "P-T1-049", "P-T2-001", "P-T2-022"}:
            cost = 1_240_000_000 if tier == 1 else 260_000_000  # the cap binds
        led = rng.choice([0, 0, 0, cost // 20, cost // 6]) // 1000 * 1000
        if "t1_fail_3_5_reduction" in cases:
            expected = [35.0, 42.0, 28.0][self.nth("t1red")]
        if "t2_fail_4_2_reduction" in cases:
            expected = [12.0, 15.0, 9.0][self.nth("t2red") % 3]
        pid = firm.row["partner_id"]
        suffix = "" if number == 1 else f"-{number}"
        row = {"project_id": f"PRJ-{pid[2:]}{suffix}", "partner_id": pid, "funding_round": rnd, "category": category,
               "description": DESCRIPTIONS[category] + (" with LED lighting in the same hall" if led else ""),
               "eligible_cost_krw": cost, "led_cost_krw": led or "", "expected_tco2_per_year": expected,
               "support_krw": "", "support_paid_on": "", "completion_date": "", "registration_date": "",
               "monitoring_plan_approved": "yes", "equipment_status": "in_use", "equipment_status_since": ""}
        if awarded and completion:
            row["support_krw"] = support_for(tier, cost, led)
            row["support_paid_on"] = (completion + timedelta(days=21)).isoformat()
            row["completion_date"] = completion.isoformat()
            row["registration_date"] = add_months(completion, 3).isoformat()
        return row

    def completion(self, cases: list[str]) -> date:
        rep = case_of(cases, "rep_")
        if rep in REPAYMENT_COMPLETION:
            return REPAYMENT_COMPLETION[rep][self.nth("c_" + rep) % 3]
        return date(self.rng.choice([2023, 2024]), self.rng.randrange(1, 13), self.rng.randrange(1, 29))

    def ledger(self, firm: Firm, project: dict) -> None:
        rep = case_of(firm.cases, "rep_")
        support, completion = project["support_krw"], date.fromisoformat(project["completion_date"])
        schedule = installment_schedule(support, completion)
        pid = firm.row["partner_id"]
        payments: list[tuple[date, int, str]] = []
        if rep == "rep_deferred":
            approved = add_months(completion, 21)  # after three installments
            firm.row["deferral_months"], firm.row["deferral_approved_on"] = 6, approved.isoformat()
            schedule = [d if d.due_on < approved else type(d)(d.k, add_months(d.due_on, 6), d.amount_krw)
                        for d in schedule]
        unpaid_from = UNPAID_FROM.get(rep or "", [99])[self.nth("u_" + (rep or "")) % 3] if rep in UNPAID_FROM else 99
        for due in schedule:
            if due.due_on > AS_OF or due.k >= unpaid_from:
                break
            paid_on = min(due.due_on + timedelta(days=self.rng.randrange(0, 6)), AS_OF)
            payments.append((paid_on, due.amount_krw, f"installment {due.k}"))
        if rep == "rep_early_repaid":
            extra = schedule[-1].amount_krw + schedule[-2].amount_krw
            payments.append((AS_OF - timedelta(days=40), extra, "early repayment (§7.3)"))
        for i, (paid_on, amount, memo) in enumerate(sorted(payments), 1):
            firm.ledger.append({"entry_id": f"L-{pid[2:]}-{i:02d}", "partner_id": pid, "paid_on": paid_on.isoformat(),
                                "amount_krw": amount, "memo": memo})
        paid = sum(p[1] for p in payments)
        unpaid = [d for d in schedule if d.k >= unpaid_from] or [
            d for d in schedule if d.due_on > AS_OF and d.k <= len(schedule) - (2 if rep == "rep_early_repaid" else 0)]
        nxt = unpaid[0] if unpaid else None
        firm.expected = {"outstanding_krw": support - paid,
                         "days_overdue": (AS_OF - nxt.due_on).days if nxt and nxt.due_on <= AS_OF else 0,
                         "next_due_on": nxt.due_on.isoformat() if nxt else None,
                         "next_due_krw": nxt.amount_krw if nxt else None}

    def reductions(self, firm: Firm, project: dict) -> None:
        """One row per completed calendar year; how far each got (verified, certified, converted) is the case."""
        off = case_of(firm.cases, "off_") or "off_verified"
        completion = date.fromisoformat(project["completion_date"])
        expected = project["expected_tco2_per_year"]
        stage = {"off_pending": 0, "off_verified": 1, "off_certified": 2, "off_converted": 3}.get(off, 2)
        for year in range(completion.year, AS_OF.year):  # the completion year is reported too (§9.2)
            verified = round(expected * self.rng.uniform(0.8, 1.05), 1)
            late = self.rng.random() < 0.08
            certified = round(verified * 0.98, 1)
            firm.reductions.append({
                "project_id": project["project_id"], "year": year,
                "verified_tco2": verified if stage >= 1 else "",
                "certified_tco2": certified if stage >= 2 else "",
                "converted_kcu": certified if stage >= 3 else "",
                "report_submitted_on": date(year + 1, 4 if late else 3, 20 if late else 15).isoformat()})
        if off in {"off_clawback_t1", "off_clawback_t2"}:
            n = self.nth("claw_" + off)
            project["equipment_status"] = ["sold", "removed", "idle"][n % 3]
            project["equipment_status_since"] = ["2026-05-12", "2026-02-01", "2026-03-15"][n % 3]


def build_projects(gen: Generator, firms: list[Firm]) -> None:
    """Each firm's projects, with its tier-1 ledger and reductions, as its planned cases call for."""
    for firm in firms:
        cases = firm.cases
        if "rep_no_support" in cases:
            firm.projects.append(gen.project(firm, 1, 5, None, awarded=False))
            continue
        completion = gen.completion(cases)
        rnd = min(5, max(1, completion.year - 2021))
        project = gen.project(firm, 1, rnd, completion, awarded=True)
        firm.projects.append(project)
        if firm.row["tier"] == 1:
            gen.ledger(firm, project)
        gen.reductions(firm, project)
        if "t2_fail_4_4_second_project" in cases:
            second = gen.project(firm, 2, rnd, completion, awarded=True)
            firm.projects.append(second)
            gen.reductions(firm, second)


def generate(seed: int = 2026) -> tuple[dict[str, list[dict]], dict]:
    gen = Generator(seed)
    names = unique_names(gen.rng, T1_TOTAL + T2_TOTAL)
    firms: list[Firm] = []
    for i, cases in enumerate(expand(T1_PLAN, T1_TOTAL), 1):
        pid = f"P-T1-{i:03d}"
        firms.append(Firm(gen.firm_row(pid, names[i - 1], 1, cases, None), cases))
    participating = [f.row["partner_id"] for f in firms if f.row["agreement_signed"] == "yes"]
    not_participating = [f.row["partner_id"] for f in firms if f.row["agreement_signed"] == "no"]
    for i, cases in enumerate(expand(T2_PLAN, T2_TOTAL), 1):
        pid = f"P-T2-{i:03d}"
        parent = not_participating[i % len(not_participating)] if "t2_fail_4_1_parent" in cases \
            else participating[(i * 7) % len(participating)]
        firms.append(Firm(gen.firm_row(pid, names[T1_TOTAL + i - 1], 2, cases, parent), cases))

    build_projects(gen, firms)

    dispose_tier1(firms)
    people = users(gen.rng, firms)
    later = plant_later(Generator(seed + 1), firms, participating)
    firms += later
    people += users(random.Random(seed + 2), later, staff=False)
    tables = {
        "firms": [f.row for f in firms],
        "projects": [p for f in firms for p in f.projects],
        "reductions": [r for f in firms for r in f.reductions],
        "ledger": [entry for f in firms for entry in f.ledger],
        "users": people,
    }
    case_map: dict[str, list[str]] = {}
    for f in firms:
        for c in f.cases:
            case_map.setdefault(c, []).append(f.row["partner_id"])
    expected = {f.row["partner_id"]: f.expected for f in firms if f.expected and case_of(f.cases, "rep_")}
    return tables, {"as_of": AS_OF.isoformat(), "cases": dict(sorted(case_map.items())), "expected": expected}


def record_payments(firm: Firm, payments: list[tuple[date, int, str]]) -> None:
    """Replace the firm's ledger with these payments, numbered in date order."""
    pid = firm.row["partner_id"]
    firm.ledger[:] = [{"entry_id": f"L-{pid[2:]}-{i:02d}", "partner_id": pid, "paid_on": paid_on.isoformat(),
                       "amount_krw": amount, "memo": memo}
                      for i, (paid_on, amount, memo) in enumerate(sorted(payments), 1)]


def ledger_rows(firm: Firm) -> list[tuple[date, int, str]]:
    return [(date.fromisoformat(e["paid_on"]), e["amount_krw"], e["memo"]) for e in firm.ledger]


def dispose_tier1(firms: list[Firm]) -> None:
    """§11.1 for the tier-1 clawback firms: payments stop when the balance falls due at once.

    The sold firm then pays nothing (default 90 days on); the one whose equipment was removed pays the whole
    balance 19 days later; the idle one (due at once from the day after 6 months idle) is 45 days overdue.
    """
    for firm in firms:
        if "off_clawback_t1" not in firm.cases:
            continue
        project = firm.projects[0]
        status, since = project["equipment_status"], date.fromisoformat(project["equipment_status_since"])
        effective = add_months(since, 6) + timedelta(days=1) if status == "idle" else since
        kept = [p for p in ledger_rows(firm) if p[0] < effective]
        state = {"sold": "rep_default", "removed": "rep_fully_repaid", "idle": "rep_notice"}[status]
        if status == "removed":
            kept.append((effective + timedelta(days=19), project["support_krw"] - sum(p[1] for p in kept),
                         "balance due at once (§11.1)"))
        record_payments(firm, kept)
        firm.cases[:] = [c for c in firm.cases if not c.startswith(("rep_", "t1_"))] + [state]
        if status == "removed":
            firm.cases += ["t1_eligible", "edge_balance_paid_after_disposal"]
        firm.expected = None


def schedule_payments(support: int, completion: date, until: date, *, skip_from: int = 99,
                      early: dict[int, int] | None = None) -> list[tuple[date, int, str]]:
    """Each installment paid on its due date (or ``early[k]`` days before it), up to ``until``."""
    out = []
    for due in installment_schedule(support, completion):
        if due.k >= skip_from:
            break
        paid_on = due.due_on - timedelta(days=(early or {}).get(due.k, 0))
        if paid_on > until:
            break
        out.append((paid_on, due.amount_krw, f"installment {due.k}"))
    return out


def plant_later(gen: Generator, firms: list[Firm], participating: list[str]) -> list[Firm]:
    """Cases added after the first 210 firms: each on at least two firms, from their own random sequence."""
    specs: list[tuple[int, list[str], list[date], dict]] = [  # tier, cases, completion dates, extras
        (1, ["t1_eligible", "rep_on_schedule", "off_converted", "multi_t1_two_projects"],
         [date(2023, 5, 10), date(2025, 4, 14)], {}),
        (1, ["t1_eligible", "rep_on_schedule", "off_verified", "multi_t1_two_projects"],
         [date(2023, 8, 22), date(2025, 6, 30)], {}),
        (1, ["t1_eligible", "rep_early_repaid", "off_certified", "multi_t1_two_projects"],
         [date(2023, 3, 3), date(2025, 2, 28)], {"prepay": True}),
        (1, ["t1_eligible", "rep_on_schedule", "off_verified", "edge_disposal_after_as_of"],
         [date(2024, 6, 12)], {"status": ("sold", date(2026, 12, 15))}),
        (1, ["t1_eligible", "rep_on_schedule", "off_verified", "edge_disposal_after_as_of"],
         [date(2024, 2, 26)], {"status": ("removed", date(2027, 1, 20))}),
        (1, ["t1_eligible", "rep_fully_repaid", "off_clawback_t1", "edge_balance_paid_after_disposal"],
         [date(2024, 5, 8)], {"status": ("sold", date(2026, 4, 10)), "settle_after": 14}),
        (1, ["t1_eligible", "rep_on_schedule", "off_verified", "edge_report_after_as_of"],
         [date(2024, 4, 18)], {"late_report": date(2026, 11, 12)}),
        (1, ["t1_eligible", "rep_on_schedule", "off_certified", "edge_report_after_as_of"],
         [date(2023, 11, 6)], {"late_report": date(2026, 11, 3)}),
        (1, ["t1_fail_3_4_excluded_last_day", "rep_fully_repaid", "off_converted"],
         [date(2022, 10, 4)], {"excluded_until": AS_OF}),
        (1, ["t1_fail_3_4_excluded_last_day", "rep_fully_repaid", "off_converted"],
         [date(2022, 12, 19)], {"excluded_until": AS_OF}),
        (1, ["t1_eligible", "rep_notice", "off_verified", "edge_overdue_30_days"],
         [date(2024, 10, 1)], {"skip_from": 4}),
        (1, ["t1_eligible", "rep_notice", "off_verified", "edge_overdue_30_days"],
         [date(2025, 1, 1)], {"skip_from": 3}),
        (1, ["rep_default", "off_verified", "edge_default_then_paid_oldest"],
         [date(2024, 4, 3)], {"skip_from": 4, "late_pay": (date(2026, 8, 15), 4)}),
        (1, ["rep_default", "off_verified", "edge_default_then_paid_oldest"],
         [date(2024, 1, 29)], {"skip_from": 5, "late_pay": (date(2026, 9, 1), 5)}),
        (1, ["t1_eligible", "rep_deferred", "off_verified", "edge_deferral_same_day_payment"],
         [date(2024, 3, 14)], {"defer_at": 3}),
        (1, ["t1_eligible", "rep_deferred", "off_verified", "edge_deferral_same_day_payment"],
         [date(2024, 6, 28)], {"defer_at": 2}),
        (1, ["t1_eligible", "rep_early_repaid", "off_verified", "edge_paid_before_due"],
         [date(2024, 7, 20)], {"early": {5: 3}}),
        (1, ["t1_eligible", "rep_early_repaid", "off_verified", "edge_paid_before_due"],
         [date(2024, 4, 25)], {"early": {6: 2}}),
        (1, ["t1_eligible", "rep_on_schedule", "off_verified", "edge_name_contains_other"],
         [date(2024, 9, 9)], {"name_of": "P-T1-002"}),
        (1, ["t1_eligible", "rep_on_schedule", "off_verified", "edge_name_contains_other"],
         [date(2024, 11, 11)], {"name_of": "P-T2-003"}),
        (2, ["t2_fail_4_1_affiliate", "off_verified"], [date(2024, 8, 1)], {"affiliate": True}),
        (2, ["t2_fail_4_1_affiliate", "off_pending"], [date(2025, 9, 15)], {"affiliate": True}),
        (2, ["t2_eligible", "off_verified", "multi_t2_two_rounds"], [date(2023, 6, 2), date(2025, 5, 20)], {}),
        (2, ["t2_eligible", "off_certified", "multi_t2_two_rounds"], [date(2023, 9, 12), date(2025, 3, 4)], {}),
        (2, ["t2_eligible", "off_clawback_t2", "edge_refund_paid"], [date(2023, 10, 10)],
         {"status": ("sold", date(2026, 3, 1)), "settle_after": 19}),
        (2, ["t2_eligible", "off_clawback_t2", "edge_refund_paid"], [date(2024, 2, 2)],
         {"status": ("removed", date(2025, 12, 5)), "settle_after": 30}),
        (2, ["t2_eligible", "off_verified", "edge_disposal_after_as_of"], [date(2024, 5, 5)],
         {"status": ("sold", date(2026, 11, 30))}),
        (2, ["t2_eligible", "off_verified", "edge_disposal_after_as_of"], [date(2023, 12, 1)],
         {"status": ("idle", date(2026, 7, 1))}),
    ]
    existing = {f.row["partner_id"]: f.row["name"] for f in firms}
    taken = set(existing.values())
    fresh = [f"{a} {b} Co., Ltd." for a in FIRST for b in SECOND]
    gen.rng.shuffle(fresh)
    fresh = [n for n in fresh if n not in taken and not any(n[:-10] in o or o[:-10] in n for o in taken)]
    counts = {1: sum(f.row["tier"] == 1 for f in firms), 2: sum(f.row["tier"] == 2 for f in firms)}
    out = []
    for tier, cases, completions, extra in specs:
        counts[tier] += 1
        pid = f"P-T{tier}-{counts[tier]:03d}"
        name = fresh.pop()
        if "name_of" in extra:  # a name that contains another firm's whole name (§12.1 screening)
            name = existing[extra["name_of"]].replace(" Co., Ltd.", " Tech Co., Ltd.")
        parent = participating[counts[tier] % len(participating)] if tier == 2 else None
        firm = Firm(gen.firm_row(pid, name, tier, cases, parent), list(cases))
        if extra.get("affiliate"):
            firm.row["group_affiliate"] = "yes"
        if "excluded_until" in extra:
            firm.row["excluded_until"] = extra["excluded_until"].isoformat()
            firm.row["exclusion_reason"] = "false statement in application (§11.2)"
        for n, completion in enumerate(completions, 1):
            rnd = min(5, max(1, completion.year - 2021))
            project = gen.project(firm, n, rnd, completion, awarded=True)
            firm.projects.append(project)
            if "late_report" in extra:
                gen.reductions(firm, project)
                firm.reductions[-1]["report_submitted_on"] = extra["late_report"].isoformat()
            else:
                gen.reductions(firm, project)
        if tier == 1:
            later_ledger(firm, extra)
        if "status" in extra:
            status, since = extra["status"]
            firm.projects[0]["equipment_status"], firm.projects[0]["equipment_status_since"] = status, since.isoformat()
            if "settle_after" in extra:
                settle(firm, since + timedelta(days=extra["settle_after"]))
        out.append(firm)
    return out


def later_ledger(firm: Firm, extra: dict) -> None:
    payments: list[tuple[date, int, str]] = []
    for project in firm.projects:
        support, completion = project["support_krw"], date.fromisoformat(project["completion_date"])
        payments += schedule_payments(support, completion, AS_OF, skip_from=extra.get("skip_from", 99),
                                      early=extra.get("early"))
    if "late_pay" in extra:  # the oldest unpaid installment, paid after default
        day, k = extra["late_pay"]
        project = firm.projects[0]
        due = installment_schedule(project["support_krw"], date.fromisoformat(project["completion_date"]))[k - 1]
        payments.append((day, due.amount_krw, f"installment {k} (late)"))
    if extra.get("prepay"):
        payments.append((AS_OF - timedelta(days=60), 50_000_000, "early repayment (§7.3)"))
    if "defer_at" in extra:  # approved on the day installment k is paid; later ones move 3 months
        project = firm.projects[0]
        completion = date.fromisoformat(project["completion_date"])
        schedule = installment_schedule(project["support_krw"], completion)
        approved = schedule[extra["defer_at"] - 1].due_on
        firm.row["deferral_months"], firm.row["deferral_approved_on"] = 3, approved.isoformat()
        payments = [p for p in payments if p[0] <= approved] + [
            (add_months(d.due_on, 3), d.amount_krw, f"installment {d.k} (deferred)") for d in schedule
            if d.k > extra["defer_at"] and add_months(d.due_on, 3) <= AS_OF]
    record_payments(firm, payments)


def settle(firm: Firm, day: date) -> None:
    """After a disposal the balance (tier-1) or refund (tier-2) is paid in one sum on ``day``."""
    project = firm.projects[0]
    since = date.fromisoformat(project["equipment_status_since"])
    kept = [p for p in ledger_rows(firm) if p[0] < since]
    if firm.row["tier"] == 1:
        amount = project["support_krw"] - sum(p[1] for p in kept)
    else:
        completion = date.fromisoformat(project["completion_date"])
        end = add_months(completion, 60)
        months = (end.year - since.year) * 12 + end.month - since.month - (end.day < since.day)
        amount = project["support_krw"] * months // 60
    record_payments(firm, kept + [(day, amount, "balance due at once (§11.1)" if firm.row["tier"] == 1
                                   else "pro-rata refund (§11.1)")])


def users(rng: random.Random, firms: list[Firm], staff: bool = True) -> list[dict]:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    rows: list[dict] = []
    seen: set[str] = set()

    def uid() -> str:
        while True:
            value = "U" + "".join(rng.choice(alphabet) for _ in range(10))
            if value not in seen:
                seen.add(value)
                return value

    for firm in firms:
        for _ in range(rng.choice([1, 1, 2, 3])):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            local = f"{given}.{family}".lower()
            email = f"{local}@{firm.row['email_domain']}"
            if any(r["email"] == email for r in rows):
                email = f"{local}{len(rows)}@{firm.row['email_domain']}"
            rows.append({"slack_user_id": uid(), "email": email, "display_name": f"{given} {family}",
                         "role": "partner", "partner_id": firm.row["partner_id"]})
    for given, family in [("Sujin", "Bae"), ("Hojun", "Moon"), ("Yerin", "Shin"), ("Donghyun", "Oh")][:4 * staff]:
        rows.append({"slack_user_id": uid(), "email": f"{given}.{family}@kap.example".lower(),
                     "display_name": f"{given} {family}", "role": "staff", "partner_id": ""})
    return rows


def write(out: Path, tables: dict[str, list[dict]]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = list(TABLES[name].model_fields)
        with (out / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            fh.write(NOTICE + "\n")
            writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "knowledge" / "partners")
    parser.add_argument("--cases", type=Path, default=ROOT / "tests" / "data" / "partner_cases.json")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    tables, cases = generate(args.seed)
    write(args.out, tables)
    args.cases.parent.mkdir(parents=True, exist_ok=True)
    args.cases.write_text(json.dumps(cases, indent=1) + "\n", encoding="utf-8")
    print(", ".join(f"{len(rows)} {name}" for name, rows in tables.items()))


if __name__ == "__main__":
    main()
