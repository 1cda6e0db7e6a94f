"""Seeded generator of the fictional partner records shipped with the demo.

    python -m ingest.sample_partners [--out knowledge/partners] [--seed 2026]
                                     [--cases tests/data/partner_cases.json]

Writes ``firms.csv``, ``projects.csv``, ``reductions.csv``, ``ledger.csv`` and
``users.csv`` (columns exactly the fields of the models in
``bot.records.models``, in order, after one ``#`` comment line that says the
data is fictional), plus a case map: which firms were designed to show which
eligibility, repayment and offset case, and the repayment state each
repayment-case firm must have at the records' as-of date.

Everything is derived from ``random.Random(seed)`` and fixed dates; nothing
reads the clock, so two runs with the same seed give byte-identical files.
Due dates come from ``bot.calculators.schedule`` (the one shared definition);
the repayment state in the case map is computed here by a separate,
deliberately plain implementation so the repayment calculator can be tested
against it.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import string
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from bot.calculators.schedule import add_months, installment_schedule
from bot.records.models import TABLES

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "knowledge" / "partners"
DEFAULT_CASES = ROOT / "tests" / "data" / "partner_cases.json"
DEFAULT_SEED = 2026

NOTICE = (
    "# Fictional sample data for the Carbon Partner Assistant demo: "
    "all companies, people and figures are invented."
)

AS_OF = date(2026, 10, 31)
ROUND_YEAR = {1: 2022, 2: 2023, 3: 2024, 4: 2025, 5: 2026}  # round 1 = 2022 pilot
LAST_REPORTED_YEAR = 2025  # 2026 reports are due only by 2027-03-31
# §6: (percent of countable cost, cap per company per round) by tier
SUPPORT_RULE = {1: (50, 500_000_000), 2: (70, 150_000_000)}
LED_SHARE_PERCENT = 10  # §5.1: LED lighting counts up to 10% of eligible cost
N_TIER1 = 87
N_TIER2 = 120

CATEGORIES = [
    "motors_inverters",
    "heat_pumps",
    "furnace_electrification",
    "compressed_air",
    "waste_heat_recovery",
    "hvac_chillers",
]

CASE_KEYS = [
    "t1_eligible",
    "t1_fail_3_1_contract",
    "t1_fail_3_1_agreement",
    "t1_fail_3_2_large",
    "t1_fail_3_2_affiliate",
    "t1_fail_3_3_allocated",
    "t1_review_3_3_unknown",
    "t1_fail_3_4_overdue",
    "t1_fail_3_4_excluded",
    "t1_fail_3_5_reduction",
    "rep_no_support",
    "rep_grace",
    "rep_on_schedule",
    "rep_early_repaid",
    "rep_notice",
    "rep_default",
    "rep_deferred",
    "rep_fully_repaid",
    "off_pending",
    "off_verified",
    "off_certified",
    "off_converted",
    "off_clawback_t1",
    "off_clawback_t2",
    "t2_eligible",
    "t2_fail_4_1_direct",
    "t2_fail_4_1_size",
    "t2_fail_4_1_parent",
    "t2_fail_4_2_reduction",
    "t2_fail_4_3_allocated",
    "t2_fail_4_4_second_project",
]

# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------

# Korean-style syllables; combined into two-syllable stems that are then
# filtered against real firms and against each other (no stem inside another).
_FIRST = [
    "Han", "Sae", "Da", "On", "Ga", "Na", "Bit", "Sol", "Chan", "Dol", "Gang",
    "Heun", "Jae", "Mo", "Neul", "Ri", "Seul", "Yun", "Bo", "Eun", "Gyeol",
    "Ho", "Ju", "Ma", "Ha", "Ye", "Ro", "Pu", "Ta", "Cho", "Nu", "Geu", "Hwi",
    "Myo", "Sa", "Yeo", "Ba", "Gu", "Ra", "Mu",
]
_SECOND = [
    "ul", "rae", "on", "ri", "sol", "bit", "rim", "byeol", "gyeol", "dam",
    "rang", "seum", "hae", "maru", "yeon", "jin", "ra", "bom", "ol", "dal",
    "nuri", "gil", "san", "beom", "ro", "su", "mi", "gyeong", "seol", "ha",
]
# Real companies / groups (auto parts and conglomerates) a stem must not match.
_REAL = {
    "hanjin", "hansol", "hanra", "halla", "hanbit", "hanmi", "hanrim", "hansan",
    "dasan", "darim", "onnuri", "hanon", "mando", "mobis", "seoyon", "hwashin",
    "sungwoo", "kyungshin", "daewon", "seohan", "sejong", "iljin", "hanil",
    "sewon", "inzi", "dongwon", "hyosung", "kumho", "hankook", "nexen",
    "doosan", "hanwha", "yura", "korens", "dongkook", "samsung", "lotte",
    "posco", "kolon", "daelim", "hansae", "hanssem", "saeron", "hansu",
    "haesol", "sollae", "hamaru", "bora", "sora", "mirae", "jinro", "hanmaru",
    "juul", "sasol", "dara", "nayeon", "hanbyeol", "saerim", "yesan", "yeosu",
    "mari", "daon", "gusan", "nasan", "hangyeol", "eunbit", "sasu", "moro",
}
_DESCRIPTORS = [
    "Precision", "Motor Parts", "Thermal Systems", "Auto Components",
    "Die Casting", "Forging", "Stamping", "Plastics", "Electronics", "Seating",
    "Rubber", "Powertrain", "Chassis Works", "Metal Industries", "Wire Harness",
    "Brake Systems", "Coatings", "Heat Treatment", "Machinery", "Fasteners",
    "Bearings", "Springs", "Auto Glass", "Filters", "Mold", "Interior Trim",
    "Castings", "Gear Works", "Sensors", "Body Parts", "Aluminium",
    "Steel Tube", "Hydraulics", "Battery Parts", "Cables", "Pressings",
]
_LEGAL = ["Co., Ltd.", "Co.", "Corp.", "Inc.", "Co., Ltd.", ""]

_SURNAMES = [
    "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim",
    "Han", "Oh", "Seo", "Shin", "Kwon", "Hwang", "Ahn", "Song", "Yoo", "Hong",
    "Jeon", "Ko", "Moon", "Yang", "Son", "Bae", "Baek", "Heo", "Nam", "Noh",
]
_GIVEN = [
    "Minji", "Seojun", "Jiwoo", "Hayoon", "Dohyun", "Seoyeon", "Jihoon",
    "Yerin", "Junseo", "Sua", "Eunwoo", "Chaewon", "Siwoo", "Dahye", "Hyunwoo",
    "Jiyoon", "Taeyang", "Nayeon", "Sungmin", "Yujin", "Donghyuk", "Soyeon",
    "Kyungho", "Hyejin", "Joonyoung", "Mirae", "Sanghoon", "Eunji", "Woojin",
    "Bora", "Jaewon", "Seulgi", "Minseok", "Haneul", "Youngsoo", "Jisoo",
]


def _make_stems(rng: random.Random, count: int) -> list[str]:
    # no vowel-to-vowel joins ("Muul", "Maon"): they read badly
    combos = [f + s for f in _FIRST for s in _SECOND if f.lower() != s and not (f[-1] in "aeiou" and s[0] in "aeiou")]
    rng.shuffle(combos)
    words = " ".join(_DESCRIPTORS + _LEGAL).lower()
    stems: list[str] = []
    for combo in combos:
        low = combo.lower()
        if len(low) < 4 or low in _REAL or low in words:
            continue
        if any(low in s.lower() or s.lower() in low for s in stems):
            continue
        stems.append(combo)
        if len(stems) == count:
            return stems
    raise RuntimeError("not enough distinct name stems")


# --------------------------------------------------------------------------
# Rules used by the generator itself (support amount, repayment state)
# --------------------------------------------------------------------------


def countable_cost(eligible_krw: int, led_krw: int) -> int:
    """Eligible cost with LED lighting counted only up to 10% of it (§5.1)."""
    return eligible_krw - led_krw + min(led_krw, eligible_krw * LED_SHARE_PERCENT // 100)


def support_amount(tier: int, eligible_krw: int, led_krw: int) -> int:
    """§6: min(ratio x countable cost, cap), rounded down to whole won."""
    percent, cap = SUPPORT_RULE[tier]
    return min(countable_cost(eligible_krw, led_krw) * percent // 100, cap)


def expected_repayment(
    support_krw: int | None,
    completion: date | None,
    payments: list[tuple[date, int]],
    deferral_months: int = 0,
    deferral_on: date | None = None,
    as_of: date = AS_OF,
) -> dict:
    """Repayment state at ``as_of``, written independently of the calculator.

    Walks the payments in date order: each settles the installments already
    due on its date (oldest first) and the rest goes to the last installments
    first (§7.3). An approved deferral moves every installment not fully paid
    at the approval date (payments on or before that date counted) by the
    approved months (§7.6).
    """
    if support_krw is None or completion is None:
        return {
            "state": "no_support", "support_krw": None, "paid_krw": 0,
            "outstanding_krw": 0, "overdue_krw": 0, "days_overdue": 0,
            "next_due_on": None, "next_due_krw": None,
        }
    plan = installment_schedule(support_krw, completion)
    shifted = installment_schedule(support_krw, completion, deferral_months=deferral_months)
    due = [d.due_on for d in plan]
    amount = [d.amount_krw for d in plan]
    paid = [0] * len(plan)
    deferral_done = deferral_months == 0 or deferral_on is None

    def apply_deferral() -> None:
        for i in range(len(plan)):
            if paid[i] < amount[i]:
                due[i] = shifted[i].due_on

    for paid_on, value in sorted(payments):
        if not deferral_done and paid_on > deferral_on:
            apply_deferral()
            deferral_done = True
        left = value
        for i in sorted(range(len(plan)), key=lambda j: due[j]):
            if due[i] <= paid_on and paid[i] < amount[i]:
                take = min(left, amount[i] - paid[i])
                paid[i] += take
                left -= take
        for i in reversed(range(len(plan))):
            if left and paid[i] < amount[i]:
                take = min(left, amount[i] - paid[i])
                paid[i] += take
                left -= take
        if left:
            raise ValueError(f"payment of {value} on {paid_on} exceeds the balance")
    if not deferral_done and deferral_on <= as_of:
        apply_deferral()

    total_paid = sum(paid)
    outstanding = support_krw - total_paid
    open_due = [i for i in range(len(plan)) if paid[i] < amount[i] and due[i] <= as_of]
    upcoming = [i for i in range(len(plan)) if paid[i] < amount[i] and due[i] > as_of]
    days = (as_of - min(due[i] for i in open_due)).days if open_due else 0
    nxt = min(upcoming, key=lambda i: due[i]) if upcoming else None
    prepaid = any(paid[i] for i in range(len(plan)) if due[i] > as_of)
    if outstanding == 0:
        state = "fully_repaid"
    elif days >= 90:
        state = "default"
    elif days >= 30:
        state = "notice"
    elif deferral_months and deferral_on is not None and deferral_on <= as_of:
        state = "deferred"
    elif prepaid:
        state = "early_repaid"
    elif not any(d <= as_of for d in due) and as_of < add_months(completion, 12):
        state = "grace"
    else:
        state = "on_schedule"
    return {
        "state": state,
        "support_krw": support_krw,
        "paid_krw": total_paid,
        "outstanding_krw": outstanding,
        "overdue_krw": sum(amount[i] - paid[i] for i in open_due),
        "days_overdue": days,
        "next_due_on": due[nxt].isoformat() if nxt is not None else None,
        "next_due_krw": amount[nxt] - paid[nxt] if nxt is not None else None,
    }


# --------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------


@dataclass
class Plan:
    """Everything designed for one firm before it is written out."""

    pid: str
    tier: int
    role: str
    firm: dict
    projects: list[dict] = field(default_factory=list)
    payments: list[tuple[date, int, str]] = field(default_factory=list)
    reductions: list[dict] = field(default_factory=list)


def _d(text: str) -> date:
    return date.fromisoformat(text)


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.plans: dict[str, Plan] = {}
        self.cases: dict[str, list[str]] = {k: [] for k in CASE_KEYS}
        self.late_candidates: list[dict] = []

    # ---- small helpers -------------------------------------------------
    def _case(self, key: str, pid: str) -> None:
        self.cases[key].append(pid)

    def _cost(self, tier: int, kind: str = "normal") -> int:
        r = self.rng
        if tier == 1:
            lo, hi = {
                "normal": (80_000_000, 960_000_000),
                "cap": (1_050_000_000, 1_400_000_000),
                "small": (80_000_000, 125_000_000),
            }[kind]
        else:
            lo, hi = {
                "normal": (30_000_000, 205_000_000),
                "cap": (222_000_000, 300_000_000),
                "small": (30_000_000, 46_000_000),
            }[kind]
        return r.randrange(lo, hi, 1_000)

    def _led(self, cost: int, kind: str = "normal") -> int:
        r = self.rng
        if kind == "over":  # LED above the 10% that counts (§5.1)
            return cost * r.randint(12, 20) // 100 // 1_000 * 1_000
        roll = r.random()
        if roll < 0.65:
            return 0
        return cost * r.randint(2, 9) // 100 // 1_000 * 1_000

    def _expected(self, tier: int, cost: int) -> float:
        r = self.rng
        if tier == 1:
            value = cost / 1_550_000 * r.uniform(0.8, 1.2)
            return round(min(max(value, 55.0 + r.uniform(0, 10)), 890.0 - r.uniform(0, 40)), 1)
        value = cost / 1_300_000 * r.uniform(0.8, 1.2)
        return round(min(max(value, 21.0 + r.uniform(0, 6)), 198.0 - r.uniform(0, 15)), 1)

    def _completion(self, round_no: int) -> date:
        """A confirmed completion date in the round's year, day 1..28.

        Round 4 avoids Aug-Oct 2025 (past the 12-month grace but before the
        first installment at 15 months); round 5 stays before October 2026.
        """
        r = self.rng
        year = ROUND_YEAR[round_no]
        if round_no == 4:
            month = r.choice([1, 2, 3, 4, 5, 6, 7, 11, 12])
        elif round_no == 5:
            month = r.randint(1, 9)
        else:
            month = r.randint(1, 12)
        return date(year, month, r.randint(1, 28))

    def _description(self, category: str, led: int) -> str:
        r = self.rng
        line = r.choice([
            "stamping line", "die-casting cell", "machining line",
            "injection moulding hall", "paint shop", "assembly line",
            "heat-treatment shop", "welding line",
        ])
        text = {
            "motors_inverters": f"Replace {r.randint(8, 60)} standard motors on the {line} with IE4 motors and inverter drives",
            "heat_pumps": f"Replace the LNG-fired {r.choice(['boiler', 'hot-water heater', 'steam boiler'])} with a {r.choice(['0.5', '0.8', '1.2', '2.0'])} MW industrial heat pump for the {line}",
            "furnace_electrification": f"Convert the gas-fired {r.choice(['carburising furnace', 'paint-drying oven', 'tempering furnace', 'aluminium melting furnace'])} to electric heating",
            "compressed_air": f"Replace {r.randint(2, 8)} fixed-speed air compressors with variable-speed units and repair distribution leaks",
            "waste_heat_recovery": f"Recover exhaust heat from the {r.choice(['curing oven', 'compressor room', 'melting furnace', 'paint oven'])} to preheat {r.choice(['process water', 'combustion air', 'washing-line water'])}",
            "hvac_chillers": f"Replace {r.randint(1, 4)} absorption chillers with high-efficiency inverter chillers for the {line}",
        }[category]
        if led:
            text += "; LED lighting retrofit in the plant as part of the project"
        return text

    def _project(
        self,
        plan: Plan,
        round_no: int,
        completion: date | None,
        *,
        cost_kind: str = "normal",
        led_kind: str = "normal",
        expected: float | None = None,
        suffix: str = "",
    ) -> dict:
        r = self.rng
        tier = plan.tier
        cost = self._cost(tier, cost_kind)
        led = self._led(cost, led_kind)
        category = r.choice(CATEGORIES)
        project = {
            "project_id": plan.pid.replace("P-", "PRJ-") + suffix,
            "partner_id": plan.pid,
            "funding_round": round_no,
            "category": category,
            "description": self._description(category, led),
            "eligible_cost_krw": cost,
            "led_cost_krw": led,
            "expected_tco2_per_year": expected if expected is not None else self._expected(tier, cost),
            "support_krw": None,
            "support_paid_on": None,
            "completion_date": None,
            "registration_date": None,
            "monitoring_plan_approved": r.choice([True, True, None]),
            "equipment_status": None,
            "equipment_status_since": None,
            "deferral_months": 0,
            "deferral_approved_on": None,
        }
        if completion is not None:
            assert completion.year == ROUND_YEAR[round_no] and completion <= AS_OF
            registered = completion + timedelta(days=r.randint(60, 170))
            project.update(
                support_krw=support_amount(tier, cost, led),
                support_paid_on=min(completion + timedelta(days=r.randint(10, 40)), AS_OF),
                completion_date=completion,
                registration_date=registered if registered <= AS_OF else None,
                monitoring_plan_approved=True,
                equipment_status="in_use",
            )
        plan.projects.append(project)
        return project

    # ---- payments -----------------------------------------------------
    def _pay(self, plan: Plan, when: date, amount: int, memo: str) -> None:
        assert when <= AS_OF and amount > 0
        plan.payments.append((when, amount, memo))

    def _delay(self, due: date, low: int = 0, high: int = 8) -> date:
        return min(due + timedelta(days=self.rng.randint(low, high)), AS_OF)

    def _pay_installments(self, plan: Plan, project: dict, ks: list[int], deferral: int = 0) -> None:
        sched = installment_schedule(project["support_krw"], project["completion_date"], deferral_months=deferral)
        for k in ks:
            d = sched[k - 1]
            self._pay(plan, self._delay(d.due_on), d.amount_krw, f"installment {k}")

    def _pay_all_due(self, plan: Plan, project: dict, until: date = AS_OF) -> list[int]:
        sched = installment_schedule(project["support_krw"], project["completion_date"])
        ks = [d.k for d in sched if d.due_on <= until]
        self._pay_installments(plan, project, ks)
        return ks

    # ---- reductions ---------------------------------------------------
    def _reductions(self, plan: Plan, project: dict, stage: str = "mixed", stop_year: int | None = None) -> None:
        """Rows for each calendar year after completion up to 2025.

        ``stage`` fixes how far every row got (pending / verified / certified
        / converted) or, for ``mixed``, lets older years be further along.
        """
        r = self.rng
        completion = project["completion_date"]
        if completion is None:
            return
        last = LAST_REPORTED_YEAR if stop_year is None else min(LAST_REPORTED_YEAR, stop_year - 1)
        for year in range(completion.year + 1, last + 1):
            verified = round(project["expected_tco2_per_year"] * r.uniform(0.80, 1.05), 1)
            row = {
                "project_id": project["project_id"],
                "year": year,
                "verified_tco2": None,
                "certified_tco2": None,
                "converted_kcu": None,
                "report_submitted_on": date(year + 1, r.choice([2, 3, 3, 3]), r.randint(1, 28)),
            }
            step = stage
            if stage == "mixed":
                age = LAST_REPORTED_YEAR - year
                roll = r.random()
                if age >= 2:
                    step = "converted" if roll < 0.9 else "certified"
                elif age == 1:
                    step = "converted" if roll < 0.6 else "certified"
                else:
                    step = "verified" if roll < 0.4 else ("certified" if roll < 0.8 else "converted")
            if step != "pending":
                row["verified_tco2"] = verified
            if step in ("certified", "converted"):
                row["certified_tco2"] = round(int(verified * r.uniform(0.96, 1.0) * 10) / 10, 1)
            if step == "converted":
                share = 1.0 if r.random() < 0.6 else r.uniform(0.5, 0.95)
                row["converted_kcu"] = round(int(row["certified_tco2"] * share * 10) / 10, 1)
            plan.reductions.append(row)
            if stage == "mixed" and row["verified_tco2"] is not None:
                self.late_candidates.append(row)

    # ---- firms ----------------------------------------------------------
    def _firm(self, pid: str, tier: int, name: str, domain: str) -> dict:
        r = self.rng
        return {
            "partner_id": pid,
            "name": name,
            "tier": tier,
            "parent_id": None,
            "size_class": r.choice(["sme", "sme", "sme", "mid", "mid"]) if tier == 1 else "sme",
            "group_affiliate": False,
            "hmg_contract": "active" if tier == 1 else "none",
            "agreement_signed": True if tier == 1 else r.random() < 0.2,
            "inside_allocated_entity": False,
            "email_domain": domain,
            "excluded_until": None,
            "exclusion_reason": None,
        }

    def build(self) -> None:
        r = self.rng
        stems = _make_stems(r, N_TIER1 + N_TIER2)
        names: list[tuple[str, str]] = []
        for stem in stems:
            descriptor = r.choice(_DESCRIPTORS)
            legal = r.choice(_LEGAL)
            name = f"{stem} {descriptor} {legal}".strip()
            domain = f"{stem.lower()}-{descriptor.split()[0].lower()}.example"
            names.append((name, domain))

        t1_roles = T1_ROLES + ["generic"] * (N_TIER1 - len(T1_ROLES))
        t2_roles = T2_ROLES + ["generic"] * (N_TIER2 - len(T2_ROLES))
        assert len(t1_roles) == N_TIER1 and len(t2_roles) == N_TIER2
        r.shuffle(t1_roles)
        r.shuffle(t2_roles)

        for i, role in enumerate(t1_roles):
            pid = f"P-T1-{i + 1:03d}"
            name, domain = names[i]
            plan = Plan(pid, 1, role, self._firm(pid, 1, name, domain))
            self.plans[pid] = plan
            getattr(self, "_t1_" + role.split(":")[0])(plan, role)

        parents = [p.pid for p in self.plans.values() if p.role in PARENT_OK_ROLES]
        bad_parents = [p.pid for p in self.plans.values() if p.role == "applicant:agreement"]
        for i, role in enumerate(t2_roles):
            pid = f"P-T2-{i + 1:03d}"
            name, domain = names[N_TIER1 + i]
            plan = Plan(pid, 2, role, self._firm(pid, 2, name, domain))
            plan.firm["parent_id"] = r.choice(parents)
            self.plans[pid] = plan
            getattr(self, "_t2_" + role.split(":")[0])(plan, role, bad_parents)

        for row in r.sample(self.late_candidates, 2):  # a couple of late monitoring reports
            row["report_submitted_on"] = date(row["year"] + 1, r.choice([4, 5]), r.randint(1, 28))

    # ---- tier-1 roles ---------------------------------------------------
    def _t1_generic(self, plan: Plan, role: str) -> None:
        r = self.rng
        variant = role.split(":")[1] if ":" in role else ""
        round_no = r.choice([1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5])
        stage = "mixed"
        if variant == "pending_none":
            round_no = 4
        elif variant in ("pending_rows", "verified_a"):
            round_no = 3
        elif variant in ("verified_b", "certified_a", "converted_b"):
            round_no = 2
        elif variant == "certified_b":
            round_no = 3
        elif variant == "converted_a":
            round_no = 1
        if variant.startswith("pending"):
            stage = "pending"
        elif variant[:-2] in ("verified", "certified", "converted"):
            stage = variant[:-2]
        completion = self._completion(round_no)
        if variant == "pending_none":
            completion = date(2025, r.randint(2, 6), r.randint(1, 28))
        project = self._project(
            plan, round_no, completion,
            cost_kind="cap" if variant == "cap" else "normal",
            led_kind="over" if variant == "led" else "normal",
        )
        self._pay_all_due(plan, project)
        self._reductions(plan, project, stage)
        if stage != "mixed":
            self._case({"pending": "off_pending", "verified": "off_verified",
                        "certified": "off_certified", "converted": "off_converted"}[stage], plan.pid)
        if variant == "eligible":
            self._case("t1_eligible", plan.pid)

    def _t1_applicant(self, plan: Plan, role: str) -> None:
        """Eligibility-only firm: a round-5 application, not yet awarded."""
        variant = role.split(":")[1]
        f = plan.firm
        expected = None
        if variant == "eligible":
            self._case("t1_eligible", plan.pid)
        elif variant == "no_support":
            self._case("rep_no_support", plan.pid)
        elif variant == "contract_expired":
            f["hmg_contract"] = "expired"
            self._case("t1_fail_3_1_contract", plan.pid)
        elif variant == "contract_none":
            f["hmg_contract"] = "none"
            self._case("t1_fail_3_1_contract", plan.pid)
        elif variant == "agreement":
            f["agreement_signed"] = False
            self._case("t1_fail_3_1_agreement", plan.pid)
        elif variant == "large":
            f["size_class"] = "large"
            self._case("t1_fail_3_2_large", plan.pid)
        elif variant in ("affiliate_sme", "affiliate_mid"):
            f["group_affiliate"] = True
            f["size_class"] = variant.split("_")[1]
            self._case("t1_fail_3_2_affiliate", plan.pid)
        elif variant == "allocated":
            f["inside_allocated_entity"] = True
            self._case("t1_fail_3_3_allocated", plan.pid)
        elif variant == "unknown":
            f["inside_allocated_entity"] = None
            self._case("t1_review_3_3_unknown", plan.pid)
        elif variant == "excluded":
            start = date(2025, self.rng.randint(3, 12), self.rng.randint(1, 28))
            f["excluded_until"] = add_months(start, 36) - timedelta(days=1)
            f["exclusion_reason"] = "false statement in application (§11.2)"
            self._case("t1_fail_3_4_excluded", plan.pid)
        elif variant.startswith("reduction"):
            expected = float(variant.split("_")[1])
            self._case("t1_fail_3_5_reduction", plan.pid)
        else:
            raise ValueError(variant)
        self._project(plan, 5, None, cost_kind="small" if expected else "normal", expected=expected)

    def _t1_awarded_fail(self, plan: Plan, role: str) -> None:
        """Firm-level eligibility failure that arose after an earlier award."""
        variant = role.split(":")[1]
        f = plan.firm
        if variant == "contract_expired":
            f["hmg_contract"] = "expired"
            self._case("t1_fail_3_1_contract", plan.pid)
        elif variant == "large":
            f["size_class"] = "large"
            self._case("t1_fail_3_2_large", plan.pid)
        elif variant == "affiliate":
            f["group_affiliate"] = True
            f["size_class"] = "mid"
            self._case("t1_fail_3_2_affiliate", plan.pid)
        round_no = self.rng.choice([2, 3])
        project = self._project(plan, round_no, self._completion(round_no))
        self._pay_all_due(plan, project)
        self._reductions(plan, project)

    def _t1_excluded_refund(self, plan: Plan, role: str) -> None:
        """§11.2: false statement found after the award; full refund and 3-year exclusion."""
        f = plan.firm
        f["excluded_until"] = date(2028, 6, 1)
        f["exclusion_reason"] = "false statement in application (§11.2)"
        project = self._project(plan, 2, _d("2023-04-12"))
        paid = self._pay_all_due(plan, project, until=_d("2025-06-01"))
        rest = project["support_krw"] - sum(a for _, a, _ in plan.payments)
        self._pay(plan, _d("2025-06-30"), rest, "full refund of the remaining support (§11.2)")
        assert paid == [1, 2, 3, 4]
        self._reductions(plan, project)
        self._case("t1_fail_3_4_excluded", plan.pid)

    def _t1_expired_exclusion(self, plan: Plan, role: str) -> None:
        """Eligible: an exclusion that ended in 2025, then a round-5 award in grace."""
        f = plan.firm
        f["excluded_until"] = date(2025, 3, 31)
        f["exclusion_reason"] = "false statement in application (§11.2)"
        self._project(plan, 5, self._completion(5))
        self._case("t1_eligible", plan.pid)

    def _t1_clawback(self, plan: Plan, role: str) -> None:
        variant = role.split(":")[1]
        r = self.rng
        if variant == "sold":
            project = self._project(plan, 3, date(2024, r.randint(1, 6), r.randint(1, 28)))
            since = _d("2026-05-20")
            status = "sold"
            self._pay_all_due(plan, project, until=since)
            rest = project["support_krw"] - sum(a for _, a, _ in plan.payments)
            self._pay(plan, _d("2026-06-15"), rest, "remaining balance after equipment sale (§11.1)")
        elif variant == "idle":
            project = self._project(plan, 4, date(2025, r.randint(1, 5), r.randint(1, 28)))
            since = _d("2026-01-15")
            status = "idle"
            self._pay_all_due(plan, project)
        else:
            project = self._project(plan, 2, date(2023, r.randint(1, 10), r.randint(1, 28)))
            since = _d("2025-11-03")
            status = "removed"
            self._pay_all_due(plan, project)
        project["equipment_status"] = status
        project["equipment_status_since"] = since
        self._reductions(plan, project, stop_year=since.year)
        self._case("off_clawback_t1", plan.pid)

    def _t1_rep(self, plan: Plan, role: str) -> None:
        """Scripted repayment scenarios with fixed dates (amounts vary with the seed)."""
        variant = role.split(":")[1]
        case = "rep_" + variant.rsplit("_", 1)[0]
        spec = REP_SCRIPTS[variant]
        completion = _d(spec["completion"])
        round_no = next(k for k, y in ROUND_YEAR.items() if y == completion.year)
        project = self._project(plan, round_no, completion)
        support = project["support_krw"]
        sched = installment_schedule(support, completion)
        base = sched[0].amount_krw
        last = sched[-1].amount_krw
        months = spec.get("deferral_months", 0)
        if months:
            project["deferral_months"] = months
            project["deferral_approved_on"] = _d(spec["deferral_on"])
        self._pay_installments(plan, project, spec.get("paid", []))
        self._pay_installments(plan, project, spec.get("paid_deferred", []), deferral=months)
        for when, what in spec.get("extra", []):
            amount = {
                "last2": base + last,
                "last1.5": last + base // 2,
                "k1+last2": base + base + last,
                "half": base // 2,
                "40pct": base * 2 // 5,
                "rest": support - sum(a for _, a, _ in plan.payments),
            }[what]
            memo = {
                "last2": "early repayment (§7.3)",
                "last1.5": "early repayment (§7.3)",
                "k1+last2": "installment 1 and early repayment (§7.3)",
                "half": "partial payment",
                "40pct": "partial payment",
                "rest": "lump-sum early repayment of the balance (§7.3)",
            }[what]
            self._pay(plan, _d(when), amount, memo)
        self._reductions(plan, project)
        self._case(case, plan.pid)
        if case == "rep_notice":
            self._case("t1_fail_3_4_overdue", plan.pid)

    # ---- tier-2 roles ---------------------------------------------------
    def _t2_generic(self, plan: Plan, role: str, bad_parents: list[str]) -> None:
        r = self.rng
        variant = role.split(":")[1] if ":" in role else ""
        round_no = r.choice([3, 3, 4, 4, 4, 5, 5])
        stage = "mixed"
        if variant in ("verified", "certified", "converted"):
            round_no = 3
            stage = variant
        elif variant == "pending":
            round_no = 4
            stage = "pending"
        elif variant == "two_rounds":
            round_no = 3
        project = self._project(
            plan, round_no, self._completion(round_no),
            cost_kind="cap" if variant == "cap" else "normal",
            led_kind="over" if variant == "led" else "normal",
        )
        self._reductions(plan, project, stage)
        if stage != "mixed":
            self._case("off_" + stage, plan.pid)
        if variant == "eligible":
            self._case("t2_eligible", plan.pid)
        elif variant == "two_rounds":  # projects in rounds 3 and 5: allowed by §4.4
            self._project(plan, 5, None, suffix="-2")
            self._case("t2_eligible", plan.pid)

    def _t2_applicant(self, plan: Plan, role: str, bad_parents: list[str]) -> None:
        variant = role.split(":")[1]
        f = plan.firm
        expected = None
        if variant == "eligible":
            self._case("t2_eligible", plan.pid)
        elif variant == "direct":
            f["hmg_contract"] = "active"
            self._case("t2_fail_4_1_direct", plan.pid)
        elif variant in ("size_mid", "size_large"):
            f["size_class"] = variant.split("_")[1]
            self._case("t2_fail_4_1_size", plan.pid)
        elif variant.startswith("parent"):
            f["parent_id"] = bad_parents[int(variant[-1]) % len(bad_parents)]
            self._case("t2_fail_4_1_parent", plan.pid)
        elif variant.startswith("reduction"):
            expected = float(variant.split("_")[1])
            self._case("t2_fail_4_2_reduction", plan.pid)
        elif variant == "allocated":
            f["inside_allocated_entity"] = True
            self._case("t2_fail_4_3_allocated", plan.pid)
        else:
            raise ValueError(variant)
        self._project(plan, 5, None, cost_kind="small" if expected else "normal", expected=expected)

    def _t2_second(self, plan: Plan, role: str, bad_parents: list[str]) -> None:
        """§4.4: awarded in round 5, then a second application in the same round."""
        self._project(plan, 5, self._completion(5))
        self._project(plan, 5, None, suffix="-2")
        self._case("t2_fail_4_4_second_project", plan.pid)

    def _t2_clawback(self, plan: Plan, role: str, bad_parents: list[str]) -> None:
        variant = role.split(":")[1]
        round_no, since = {
            "sold": (3, _d("2026-04-08")),
            "removed": (4, _d("2026-07-21")),
            "idle": (3, _d("2025-12-01")),
        }[variant]
        project = self._project(plan, round_no, self._completion(round_no))
        assert project["completion_date"] < since
        project["equipment_status"] = variant
        project["equipment_status_since"] = since
        self._reductions(plan, project, stop_year=since.year)
        self._case("off_clawback_t2", plan.pid)

    # ---- output -------------------------------------------------------
    def tables(self) -> dict[str, list[dict]]:
        plans = sorted(self.plans.values(), key=lambda p: p.pid)
        firms = [p.firm for p in plans]
        projects = [proj for p in plans for proj in p.projects]
        reductions = sorted(
            (row for p in plans for row in p.reductions), key=lambda x: (x["project_id"], x["year"])
        )
        entries = sorted(
            ((when, p.pid, amount, memo) for p in plans for when, amount, memo in p.payments)
        )
        ledger = [
            {"entry_id": f"PAY-{i + 1:05d}", "partner_id": pid, "paid_on": when, "amount_krw": amount, "memo": memo}
            for i, (when, pid, amount, memo) in enumerate(entries)
        ]
        return {
            "firms": firms,
            "projects": projects,
            "reductions": reductions,
            "ledger": ledger,
            "users": self._users(plans),
        }

    def _slack_id(self, used: set) -> str:
        alphabet = string.ascii_uppercase + string.digits
        while True:
            uid = "U" + "".join(self.rng.choice(alphabet) for _ in range(10))
            if uid not in used:
                used.add(uid)
                return uid

    def _person(self) -> tuple[str, str]:
        surname = self.rng.choice(_SURNAMES)
        given = self.rng.choice(_GIVEN)
        return f"{surname} {given}", f"{given}.{surname}".lower()

    def _users(self, plans: list[Plan]) -> list[dict]:
        used: set[str] = set()
        rows = []
        for p in plans:
            local_parts: list[str] = []
            for _ in range(self.rng.choice([1, 1, 2, 2, 3])):
                display, local = self._person()
                while local in local_parts:
                    local += str(len(local_parts) + 1)
                local_parts.append(local)
                rows.append({
                    "slack_user_id": self._slack_id(used),
                    "email": f"{local}@{p.firm['email_domain']}",
                    "display_name": display,
                    "role": "partner",
                    "partner_id": p.pid,
                })
        for _ in range(4):
            display, local = self._person()
            rows.append({
                "slack_user_id": self._slack_id(used),
                "email": f"{local}@kap.example",
                "display_name": display,
                "role": "staff",
                "partner_id": None,
            })
        return rows

    def case_map(self) -> dict:
        expected = {}
        for key in CASE_KEYS:
            if not key.startswith("rep_"):
                continue
            for pid in self.cases[key]:
                expected[pid] = self.repayment(pid)
        return {
            "_note": (
                "Fictional sample data. Cases list the firms designed to show each rule; "
                "'expected' is the repayment state at as_of for every firm in a rep_* case, "
                "computed by ingest/sample_partners.py independently of the calculator. "
                "days_overdue counts from the oldest installment due on or before as_of and not "
                "fully paid (0 if none); next_due_on/next_due_krw are the earliest installment due "
                "after as_of that is not fully paid and what remains of it (null if none); "
                "overdue_krw is what remains unpaid of installments due on or before as_of."
            ),
            "as_of": AS_OF.isoformat(),
            "cases": {k: sorted(v) for k, v in self.cases.items()},
            "expected": dict(sorted(expected.items())),
        }

    def repayment(self, pid: str) -> dict:
        plan = self.plans[pid]
        awarded = [p for p in plan.projects if p["support_krw"] is not None]
        if not awarded:
            return expected_repayment(None, None, [])
        assert len(awarded) == 1
        project = awarded[0]
        return expected_repayment(
            project["support_krw"],
            project["completion_date"],
            [(when, amount) for when, amount, _ in plan.payments],
            project["deferral_months"],
            project["deferral_approved_on"],
        )


# Roles of tier-1 firms; the rest are "generic" ordinary eligible firms.
T1_ROLES = [
    "applicant:eligible", "generic:eligible", "expired_exclusion",
    "applicant:contract_expired", "awarded_fail:contract_expired", "applicant:contract_none",
    "applicant:agreement", "applicant:agreement", "applicant:agreement",
    "applicant:large", "applicant:large", "awarded_fail:large",
    "applicant:affiliate_sme", "applicant:affiliate_mid", "awarded_fail:affiliate",
    "applicant:allocated", "applicant:allocated", "applicant:allocated",
    "applicant:unknown", "applicant:unknown", "applicant:unknown",
    "excluded_refund", "applicant:excluded", "applicant:excluded",
    "applicant:reduction_35.0", "applicant:reduction_42.0", "applicant:reduction_28.5",
    "applicant:no_support", "applicant:no_support", "applicant:no_support",
    "rep:grace_a", "rep:grace_b", "rep:grace_c",
    "rep:on_schedule_a", "rep:on_schedule_b", "rep:on_schedule_c",
    "rep:early_repaid_a", "rep:early_repaid_b", "rep:early_repaid_c",
    "rep:notice_a", "rep:notice_b", "rep:notice_c",
    "rep:default_a", "rep:default_b", "rep:default_c",
    "rep:deferred_a", "rep:deferred_b", "rep:deferred_c",
    "rep:fully_repaid_a", "rep:fully_repaid_b", "rep:fully_repaid_c",
    "generic:pending_none", "generic:pending_rows",
    "generic:verified_a", "generic:verified_b",
    "generic:certified_a", "generic:certified_b",
    "generic:converted_a", "generic:converted_b",
    "clawback:sold", "clawback:idle", "clawback:removed",
    "generic:cap", "generic:cap", "generic:cap", "generic:led", "generic:led",
]

# Tier-1 roles whose firms are clean, participating partners (parents of tier-2 firms).
PARENT_OK_ROLES = {
    "generic", "generic:eligible", "generic:cap", "generic:led",
    "generic:pending_none", "generic:pending_rows", "generic:verified_a", "generic:verified_b",
    "generic:certified_a", "generic:certified_b", "generic:converted_a", "generic:converted_b",
    "rep:on_schedule_a", "rep:on_schedule_b", "rep:on_schedule_c",
    "rep:fully_repaid_a", "rep:fully_repaid_b", "rep:fully_repaid_c",
}

T2_ROLES = [
    "applicant:eligible", "generic:eligible", "generic:two_rounds",
    "applicant:direct", "applicant:direct", "applicant:direct",
    "applicant:size_mid", "applicant:size_mid", "applicant:size_large",
    "applicant:parent_0", "applicant:parent_1", "applicant:parent_2",
    "applicant:reduction_12.0", "applicant:reduction_15.5", "applicant:reduction_8.0",
    "applicant:allocated", "applicant:allocated", "applicant:allocated",
    "second", "second", "second",
    "clawback:sold", "clawback:removed", "clawback:idle",
    "generic:pending", "generic:verified", "generic:certified", "generic:converted",
    "generic:cap", "generic:cap", "generic:cap", "generic:led", "generic:led",
]

# Scripted repayment scenarios: completion date, installments paid on time
# ("paid": by the original schedule, "paid_deferred": by the deferred one) and
# extra payments (date, kind). Comments give the intended state at 2026-10-31.
REP_SCRIPTS: dict[str, dict] = {
    # grace: completed within the 12 months before as-of, nothing due yet
    "grace_a": {"completion": "2026-02-11"},
    "grace_b": {"completion": "2026-05-20"},
    "grace_c": {"completion": "2025-12-08"},
    # on schedule: every due installment paid on or shortly after its due date
    "on_schedule_a": {"completion": "2024-03-12", "paid": [1, 2, 3, 4, 5, 6]},
    "on_schedule_b": {"completion": "2025-04-22", "paid": [1, 2]},
    "on_schedule_c": {"completion": "2023-11-06", "paid": [1, 2, 3, 4, 5, 6, 7]},  # only k8 (with remainder) left
    # early repaid: prepayments go to the last installments first
    "early_repaid_a": {"completion": "2024-09-05", "paid": [1, 2, 3, 4],
                       "extra": [("2026-04-15", "last2")]},  # k7+k8 prepaid; k5, k6 left
    "early_repaid_b": {"completion": "2024-06-24", "paid": [1, 2, 3, 4, 5],
                       "extra": [("2026-01-15", "last1.5")]},  # k8 and half of k7 prepaid
    "early_repaid_c": {"completion": "2025-01-14", "paid": [2, 3],
                       "extra": [("2026-04-14", "k1+last2")]},  # one payment: k1 due + k7, k8
    # notice: oldest unpaid installment 31-89 days overdue (also §3.4 failures)
    "notice_a": {"completion": "2024-12-16", "paid": [1, 2]},  # k3 due 2026-09-16: 45 days
    "notice_b": {"completion": "2024-06-01", "paid": [1, 2, 3, 4],
                 "extra": [("2026-09-10", "half")]},  # k5 due 2026-09-01 half paid: 60 days
    "notice_c": {"completion": "2025-05-17"},  # k1 due 2026-08-17 unpaid: 75 days
    # default: oldest unpaid installment 90+ days overdue
    "default_a": {"completion": "2024-04-03", "paid": [1, 2, 3, 4]},  # k5 2026-07-03: 120 days
    "default_b": {"completion": "2023-09-05", "paid": [1, 2, 3, 4, 5]},  # k6 2026-03-05: 240 days
    "default_c": {"completion": "2022-08-25", "paid": [1, 2],
                  "extra": [("2024-06-10", "40pct")]},  # k3 2024-05-25 part paid
    # deferred: approved deferral, nothing overdue now (would be without it)
    "deferred_a": {"completion": "2024-01-10", "paid": [1, 2, 3], "paid_deferred": [4, 5],
                   "deferral_months": 6, "deferral_on": "2025-12-20"},
    "deferred_b": {"completion": "2024-11-25", "paid": [1], "paid_deferred": [2],
                   "deferral_months": 3, "deferral_on": "2026-05-10"},
    "deferred_c": {"completion": "2023-10-19", "paid": [1, 2, 3, 4], "paid_deferred": [5, 6],
                   "deferral_months": 5, "deferral_on": "2026-02-16"},  # k5 was 28 days late at approval
    # fully repaid
    "fully_repaid_a": {"completion": "2023-02-15", "paid": [1, 2, 3, 4, 5, 6, 7, 8]},
    "fully_repaid_b": {"completion": "2022-09-08", "paid": [1, 2, 3, 4, 5, 6, 7, 8]},
    "fully_repaid_c": {"completion": "2024-07-22", "paid": [1, 2],
                       "extra": [("2026-03-30", "rest")]},
}

# --------------------------------------------------------------------------
# Self-checks: the design must mean what the case map says
# --------------------------------------------------------------------------


def _latest_project(projects: list[dict]) -> dict:
    return max(projects, key=lambda p: (p["funding_round"], p["project_id"]))


def _t1_checks(gen: Generator, plan: Plan) -> dict[str, bool | None]:
    f = plan.firm
    state = gen.repayment(plan.pid)
    excluded = f["excluded_until"] is not None and f["excluded_until"] > AS_OF
    return {
        "3.1": f["hmg_contract"] == "active" and f["agreement_signed"],
        "3.2": f["size_class"] in ("sme", "mid") and not f["group_affiliate"],
        "3.3": None if f["inside_allocated_entity"] is None else not f["inside_allocated_entity"],
        "3.4": state["days_overdue"] <= 30 and not excluded,
        "3.5": _latest_project(plan.projects)["expected_tco2_per_year"] >= 50,
    }


def _t2_checks(gen: Generator, plan: Plan) -> dict[str, bool | None]:
    f = plan.firm
    parent = gen.plans[f["parent_id"]].firm
    rounds = [p["funding_round"] for p in plan.projects]
    return {
        "4.1": f["hmg_contract"] != "active" and f["size_class"] == "sme" and parent["agreement_signed"],
        "4.2": _latest_project(plan.projects)["expected_tco2_per_year"] >= 20,
        "4.3": None if f["inside_allocated_entity"] is None else not f["inside_allocated_entity"],
        "4.4": len(rounds) == len(set(rounds)),
    }


_ELIGIBILITY_CASES = {
    "t1_eligible": None,
    "t1_fail_3_1_contract": "3.1", "t1_fail_3_1_agreement": "3.1",
    "t1_fail_3_2_large": "3.2", "t1_fail_3_2_affiliate": "3.2",
    "t1_fail_3_3_allocated": "3.3", "t1_review_3_3_unknown": "3.3",
    "t1_fail_3_4_overdue": "3.4", "t1_fail_3_4_excluded": "3.4",
    "t1_fail_3_5_reduction": "3.5",
    "t2_eligible": None,
    "t2_fail_4_1_direct": "4.1", "t2_fail_4_1_size": "4.1", "t2_fail_4_1_parent": "4.1",
    "t2_fail_4_2_reduction": "4.2", "t2_fail_4_3_allocated": "4.3",
    "t2_fail_4_4_second_project": "4.4",
}


def self_check(gen: Generator) -> None:
    """Fail loudly if a designed case does not hold or an ordinary firm is not clean."""
    in_case: dict[str, list[str]] = {}
    for key, pids in gen.cases.items():
        assert len(pids) >= 2, f"case {key} has fewer than 2 firms"
        for pid in pids:
            in_case.setdefault(pid, []).append(key)
    for key, criterion in _ELIGIBILITY_CASES.items():
        for pid in gen.cases[key]:
            plan = gen.plans[pid]
            checks = _t1_checks(gen, plan) if plan.tier == 1 else _t2_checks(gen, plan)
            for name, ok in checks.items():
                if name == criterion:
                    want = None if key == "t1_review_3_3_unknown" else False
                    assert ok is want, (key, pid, name, ok)
                else:
                    assert ok is True, (key, pid, name, ok)
    for pid, plan in gen.plans.items():
        if plan.role.startswith(("generic", "rep:on_schedule", "rep:grace", "rep:fully", "rep:early")):
            checks = _t1_checks(gen, plan) if plan.tier == 1 else _t2_checks(gen, plan)
            assert all(v is True for v in checks.values()), (pid, plan.role, checks)
        if plan.tier == 1:
            state = gen.repayment(pid)
            if plan.role.startswith(("generic", "applicant", "awarded_fail", "clawback", "expired", "excluded")):
                assert state["days_overdue"] == 0, (pid, state)
    wanted = {
        "rep_no_support": lambda s: s["state"] == "no_support",
        "rep_grace": lambda s: s["state"] == "grace" and s["paid_krw"] == 0,
        "rep_on_schedule": lambda s: s["state"] == "on_schedule" and s["paid_krw"] > 0 and s["next_due_on"],
        "rep_early_repaid": lambda s: s["state"] == "early_repaid" and s["outstanding_krw"] > 0,
        "rep_notice": lambda s: s["state"] == "notice" and 30 < s["days_overdue"] < 90,
        "rep_default": lambda s: s["state"] == "default" and s["days_overdue"] >= 90,
        "rep_deferred": lambda s: s["state"] == "deferred" and s["days_overdue"] == 0,
        "rep_fully_repaid": lambda s: s["state"] == "fully_repaid" and s["outstanding_krw"] == 0,
    }
    for key, test in wanted.items():
        for pid in gen.cases[key]:
            state = gen.repayment(pid)
            assert test(state), (key, pid, state)
            if key in ("rep_default", "rep_notice"):
                assert gen.plans[pid].firm["excluded_until"] is None
    for pid in gen.cases["rep_deferred"]:  # the deferral must be what keeps it current
        plan = gen.plans[pid]
        project = plan.projects[0]
        without = expected_repayment(project["support_krw"], project["completion_date"],
                                     [(w, a) for w, a, _ in plan.payments])
        assert without["days_overdue"] >= 30, (pid, without)
    for tier in (1, 2):
        capped = [p for plan in gen.plans.values() if plan.tier == tier for p in plan.projects
                  if p["support_krw"] == SUPPORT_RULE[tier][1]]
        assert len(capped) >= 2, f"cap binds for fewer than 2 tier-{tier} projects"
    for plan in gen.plans.values():
        for p in plan.projects:
            if p["support_krw"] is not None:
                assert p["support_krw"] == support_amount(plan.tier, p["eligible_cost_krw"], p["led_cost_krw"])
                assert p["completion_date"].year == ROUND_YEAR[p["funding_round"]]
                assert p["completion_date"] <= p["support_paid_on"] <= AS_OF
        for when, _, _ in plan.payments:
            assert plan.tier == 1 and plan.projects[0]["support_paid_on"] <= when <= AS_OF
    names = [p.firm["name"].lower() for p in gen.plans.values()]
    for a in names:
        assert sum(a in b for b in names) == 1, f"name {a!r} is inside another name"


# --------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def render_csv(table: str, rows: list[dict]) -> str:
    columns = list(TABLES[table].model_fields)
    buf = io.StringIO()
    buf.write(NOTICE + "\n")
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        assert list(row) == columns, (table, list(row))
        writer.writerow([_cell(row[c]) for c in columns])
    return buf.getvalue()


def generate(seed: int = DEFAULT_SEED) -> tuple[dict[str, str], str]:
    """Return (file name -> CSV text, case-map JSON text)."""
    gen = Generator(seed)
    gen.build()
    self_check(gen)
    files = {f"{name}.csv": render_csv(name, rows) for name, rows in gen.tables().items()}
    cases = json.dumps(gen.case_map(), indent=2, ensure_ascii=False) + "\n"
    return files, cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the fictional sample partner records.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="directory for the five CSV files")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--cases", type=Path, default=DEFAULT_CASES, help="where to write the case map JSON")
    args = parser.parse_args(argv)
    files, cases = generate(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8", newline="")
    args.cases.parent.mkdir(parents=True, exist_ok=True)
    args.cases.write_text(cases, encoding="utf-8", newline="")
    counts = ", ".join(f"{name}: {text.count(chr(10)) - 2}" for name, text in files.items())
    print(f"wrote {args.out} ({counts}) and {args.cases}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
