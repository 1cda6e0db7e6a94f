"""Property-based tests of the money calculators (hypothesis), and the engine against the oracle on random firms.

Records are generated as raw CSV-like rows, validated into the engine's models
exactly as ingest does, and fed unchanged to the rulebook oracle.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.calculators import compute_repayment
from bot.records.models import Firm, FirmRecords, Payment, Project, Reduction
from bot.calculators.params import Parameters
from tests.calculators.conftest import PARAMETERS
from tests.oracle.engine_view import engine_figures, flatten
from tests.oracle.rulebook import firm_figures

PARAMS = Parameters.load(PARAMETERS)
RAW_PARAMS = yaml.safe_load(PARAMETERS.read_text(encoding="utf-8"))
START, END = date(2022, 1, 1), date(2031, 12, 31)
SEVERITY = {"default": 2, "notice": 1}
PROFILE = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

days = st.integers(0, (END - START).days).map(lambda n: START + timedelta(days=n))
# month ends are where date arithmetic goes wrong, so they come up often
month_ends = st.sampled_from([date(2023, 1, 31), date(2023, 5, 31), date(2024, 2, 29), date(2023, 8, 31),
                              date(2024, 10, 31), date(2025, 12, 31)])


def _iso(day: date | None) -> str:
    return day.isoformat() if day else ""


@st.composite
def firm_rows(draw, tier: int | None = None) -> dict[str, list[dict]]:
    """One firm's raw rows: 0-2 projects, a payment stream, maybe a deferral and a disposal, report rows."""
    tier = tier or draw(st.sampled_from([1, 1, 1, 2]))
    pid = f"P-T{tier}-001"
    deferral = draw(st.one_of(st.none(), st.tuples(st.integers(1, 6), days)))
    firm = {"partner_id": pid, "name": "Fictional Parts Co., Ltd.", "tier": str(tier),
            "parent_id": "", "size_class": draw(st.sampled_from(["sme", "mid", "large"])),
            "group_affiliate": draw(st.sampled_from(["yes", "no", "no"])),
            "hmg_contract": draw(st.sampled_from(["active", "none"])), "agreement_signed": "yes",
            "inside_allocated_entity": draw(st.sampled_from(["yes", "no", "no", ""])), "email_domain": "",
            "excluded_until": _iso(draw(st.one_of(st.none(), days))), "exclusion_reason": "",
            "deferral_months": str(deferral[0]) if deferral and tier == 1 else "",
            "deferral_approved_on": _iso(deferral[1]) if deferral and tier == 1 else ""}
    projects, reductions = [], []
    for n in range(draw(st.integers(0, 2))):
        completion = draw(st.one_of(days, month_ends, st.none()))
        status = draw(st.sampled_from(["in_use", "in_use", "sold", "removed", "idle"]))
        since = draw(days) if status != "in_use" else None
        support = draw(st.integers(8, 2_000_000_000)) if completion else None
        project_id = f"PRJ-{n + 1}"
        projects.append({
            "project_id": project_id, "partner_id": pid, "funding_round": str(draw(st.integers(1, 5))),
            "category": "heat_pumps", "description": "heat pumps", "eligible_cost_krw": "1000000000",
            "led_cost_krw": "", "expected_tco2_per_year": str(draw(st.sampled_from([10.0, 20.0, 49.0, 50.0, 300.0]))),
            "support_krw": str(support) if support else "", "support_paid_on": "", "completion_date": _iso(completion),
            "registration_date": _iso(draw(st.one_of(st.none(), days))) if completion else "",
            "monitoring_plan_approved": "yes", "equipment_status": status, "equipment_status_since": _iso(since)})
        if completion:
            for year in range(completion.year, min(completion.year + 4, 2031)):
                verified = draw(st.one_of(st.none(), st.floats(0, 900).map(lambda v: round(v, 1))))
                certified = round(verified * 0.98, 1) if verified is not None and draw(st.booleans()) else None
                converted = certified if certified is not None and draw(st.booleans()) else None
                submitted = draw(st.one_of(st.none(), st.integers(0, 500).map(
                    lambda d, y=year: date(y + 1, 1, 1) + timedelta(days=d))))
                if verified is not None and submitted is None:
                    submitted = date(year + 1, 3, 15)
                reductions.append({"project_id": project_id, "year": str(year),
                                   "verified_tco2": "" if verified is None else str(verified),
                                   "certified_tco2": "" if certified is None else str(certified),
                                   "converted_kcu": "" if converted is None else str(converted),
                                   "report_submitted_on": _iso(submitted)})
    payments = [{"entry_id": f"L-{i:03d}", "partner_id": pid, "paid_on": _iso(day), "amount_krw": str(amount),
                 "memo": ""}
                for i, (day, amount) in enumerate(draw(st.lists(
                    st.tuples(days, st.integers(1, 600_000_000)), max_size=14)))]
    return {"firms": [firm], "projects": projects, "reductions": reductions, "ledger": payments}


def to_records(rows: dict[str, list[dict]]) -> FirmRecords:
    """Validate raw rows into the engine's models, as ingest does."""
    clean = lambda row: {k: (v if v != "" else None) for k, v in row.items()}  # noqa: E731
    return FirmRecords(Firm.model_validate(clean(rows["firms"][0])),
                       tuple(Project.model_validate(clean(r)) for r in rows["projects"]),
                       tuple(Payment.model_validate(clean(r)) for r in rows["ledger"]),
                       tuple(Reduction.model_validate(clean(r)) for r in rows["reductions"]))


@PROFILE
@given(firm_rows(), days)
def test_engine_and_oracle_agree_on_random_firms(rows, as_of):
    mine = flatten(engine_figures(to_records(rows), None, PARAMS, as_of))
    theirs = flatten(firm_figures(rows, RAW_PARAMS, as_of)[rows["firms"][0]["partner_id"]])
    assert {k: (mine.get(k), theirs.get(k)) for k in set(mine) | set(theirs) if mine.get(k) != theirs.get(k)} == {}


@PROFILE
@given(firm_rows(tier=1), days)
def test_installments_sum_to_the_support_and_the_balance_adds_up(rows, as_of):
    r = compute_repayment(to_records(rows), PARAMS, as_of)
    for project_id in r.project_ids:
        support = next(p.support_krw for p in r.records.projects if p.project_id == project_id)
        assert sum(i.amount_krw for i in r.installments if i.project_id == project_id) == support
    assert 0 <= r.outstanding_krw == max(r.support_krw - r.repaid_krw, 0)
    assert r.overpaid_krw == max(r.repaid_krw - r.support_krw, 0)
    assert 0 <= r.due_now_krw <= r.outstanding_krw
    assert all(0 <= i.prepaid_krw <= i.paid_krw <= i.amount_krw for i in r.installments)
    later = [p for p in r.records.projects if p.completion_date and r.defaulted_on
             and r.defaulted_on < p.completion_date]  # excluded firms get no new support; the rules do not say
    if r.state == "default" and not later:
        assert r.due_now_krw == r.outstanding_krw  # §7.4: the whole balance is due


@PROFILE
@given(firm_rows(tier=1), days)
def test_early_repayment_reduces_the_last_installments_first(rows, as_of):
    rows["firms"][0].update(deferral_months="", deferral_approved_on="")
    for p in rows["projects"]:
        p.update(equipment_status="in_use", equipment_status_since="")
    r = compute_repayment(to_records(rows), PARAMS, as_of)
    if r.defaulted_on is None:  # default moves due dates, and with them what "last" means
        for project_id in r.project_ids:  # a later project's installments come after the early repayment
            rows = [i for i in r.installments if i.project_id == project_id]
            prepaid = [n for n, i in enumerate(rows) if i.prepaid_krw]
            if prepaid:
                assert all(not i.outstanding_krw for i in rows[prepaid[0] + 1:])


@PROFILE
@given(firm_rows(), days)
def test_nothing_dated_after_the_as_of_date_changes_a_figure(rows, as_of):
    """The records as they stood on as_of, and the same records with later events added, give the same figures."""
    full = to_records(rows)
    known = full.known_on(as_of)
    assert flatten(engine_figures(full, None, PARAMS, as_of)) == flatten(engine_figures(known, None, PARAMS, as_of))


@PROFILE
@given(firm_rows(tier=1), days, st.integers(1, 2000))
def test_state_never_improves_while_days_overdue_grow_without_payment(rows, first, gap):
    records = to_records(rows)
    second = first + timedelta(days=gap)
    quiet = all(not first < p.paid_on <= second for p in records.payments) and not (
        records.firm.deferral_approved_on and first < records.firm.deferral_approved_on <= second) and all(
        not (p.completion_date and first < p.completion_date <= second) for p in records.projects)
    if not quiet:
        return
    a = compute_repayment(records, PARAMS, first)
    b = compute_repayment(records, PARAMS, second)
    if a.state == "fully_repaid":
        assert b.state == "fully_repaid"
        return
    assert SEVERITY.get(b.state, 0) >= SEVERITY.get(a.state, 0)
    if a.days_overdue:
        assert b.days_overdue >= a.days_overdue
    assert b.outstanding_krw == a.outstanding_krw


@PROFILE
@given(firm_rows(tier=1), days, st.integers(1, 900_000_000))
def test_a_simulated_payment_is_the_same_as_recording_it(rows, as_of, amount):
    from bot.calculators import simulate_payment

    records = to_records(rows)
    r = compute_repayment(records, PARAMS, as_of)
    if r.state in ("no_support", "fully_repaid"):
        return
    sim = simulate_payment(r, amount, as_of)
    extra = Payment(entry_id="~extra", partner_id=records.firm.partner_id, paid_on=as_of, amount_krw=amount)
    recorded = compute_repayment(replace(records, payments=(*records.payments, extra)), PARAMS, as_of)
    assert sim.after.outstanding_krw == recorded.outstanding_krw == max(r.outstanding_krw - amount, 0)
    assert sim.settles_due_krw + sim.prepays_krw == min(amount, r.outstanding_krw)


# -- Korean amounts: any amount written in 억 / 만 / 원 reads back as itself -----------------------------------
from hypothesis import given as _given  # noqa: E402
from hypothesis import strategies as _st  # noqa: E402

from bot.lang.won_ko import korean_amounts  # noqa: E402


def _korean(won: int) -> str:
    """``won`` as a Korean writer puts it: 3억 5,000만 1,875원 (groups of 억 and 만, the rest in figures)."""
    eok, rest = divmod(won, 10**8)
    man, one = divmod(rest, 10**4)
    parts = [f"{eok:,}억"] if eok else []
    parts += [f"{man:,}만"] if man else []
    parts += [f"{one:,}"] if one else []
    return " ".join(parts) + "원"


@_given(_st.integers(min_value=1, max_value=10**12))
def test_a_korean_amount_reads_back_as_itself(won):
    text = f"지원대상 비용 {_korean(won)}이면 지원금은?"
    assert [krw for _, _, krw in korean_amounts(text)] == [won]


def test_money_held_before_completion_settles_the_last_installment_on_the_completion_day():
    """A payment received before the project is confirmed complete is held for the firm; it is applied (§7.3: to
    the last installments) on the day completion gives it installments, and that is the day they are settled."""
    from bot.calculators.repayment import settled_on

    rows = {"firms": [{"partner_id": "P-T1-001", "name": "Fictional Parts Co., Ltd.", "tier": "1", "parent_id": "",
                       "size_class": "sme", "group_affiliate": "no", "hmg_contract": "active",
                       "agreement_signed": "yes", "inside_allocated_entity": "no", "email_domain": "",
                       "excluded_until": "", "exclusion_reason": "", "deferral_months": "",
                       "deferral_approved_on": ""}],
            "projects": [{"project_id": "PRJ-1", "partner_id": "P-T1-001", "funding_round": "1",
                          "category": "heat_pumps", "description": "heat pumps", "eligible_cost_krw": "1600",
                          "led_cost_krw": "", "expected_tco2_per_year": "60.0", "support_krw": "800",
                          "support_paid_on": "", "completion_date": "2024-03-10", "registration_date": "",
                          "monitoring_plan_approved": "yes", "equipment_status": "in_use",
                          "equipment_status_since": ""}],
            "reductions": [],
            "ledger": [{"entry_id": "L-001", "partner_id": "P-T1-001", "paid_on": "2024-02-01", "amount_krw": "100",
                        "memo": ""}]}
    settled = settled_on(to_records(rows), PARAMS, date(2024, 6, 1))
    assert settled == {("PRJ-1", 8): date(2024, 3, 10)}
    theirs = firm_figures(rows, RAW_PARAMS, date(2024, 6, 1))["P-T1-001"]["installments"]
    assert theirs["PRJ-1#8"]["settled_on"] == "2024-03-10" and theirs["PRJ-1#7"]["settled_on"] is None
