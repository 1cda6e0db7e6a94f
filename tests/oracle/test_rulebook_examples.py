"""Hand-worked examples for the rulebook oracle.

Each expected value below was worked out by hand from knowledge/program/rules.md with the sample parameters
(grace 12 months, 8 installments every 3 months, notice 30 days, default 90 days, tolerance 30 days, clawback 5
years, idle 6 months, report due 03-31, crediting 10 years).
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.oracle.rulebook import (add_months, cap_reached_at, firm_figures, load_params, support_for,
                                   surcharge_most, surrender_deadline, whole_months)

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def params():
    p = load_params(KNOWLEDGE)
    # the examples below assume the sample values; fail loudly if the parameters file changes
    assert p["repayment"]["grace_months"]["value"] == 12
    assert p["repayment"]["installments"]["value"] == 8
    assert p["repayment"]["interval_months"]["value"] == 3
    assert p["repayment"]["default_days"]["value"] == 90
    assert p["obligations"]["clawback_years"]["value"] == 5
    assert p["obligations"]["idle_months"]["value"] == 6
    return p


def firm(pid="P-1", tier="1", **kw):
    row = {"partner_id": pid, "name": "Test", "tier": tier, "parent_id": "", "size_class": "sme",
           "group_affiliate": "no", "hmg_contract": "active" if tier == "1" else "none", "agreement_signed": "yes",
           "inside_allocated_entity": "no", "email_domain": "x.example", "excluded_until": "",
           "exclusion_reason": "", "deferral_months": "", "deferral_approved_on": ""}
    row.update(kw)
    return row


def project(prj, pid="P-1", completion="", support="", **kw):
    row = {"project_id": prj, "partner_id": pid, "funding_round": "3", "category": "heat_pumps",
           "description": "", "eligible_cost_krw": "", "led_cost_krw": "", "expected_tco2_per_year": "100.0",
           "support_krw": support, "support_paid_on": "", "completion_date": completion,
           "registration_date": "", "monitoring_plan_approved": "yes", "equipment_status": "in_use",
           "equipment_status_since": ""}
    row.update(kw)
    return row


def pay(paid_on, amount, pid="P-1"):
    return {"entry_id": f"L-{paid_on}-{amount}", "partner_id": pid, "paid_on": paid_on, "amount_krw": str(amount),
            "memo": ""}


def run(params, as_of, firms, projects=(), ledger=(), reductions=()):
    tables = {"firms": list(firms), "projects": list(projects), "ledger": list(ledger),
              "reductions": list(reductions)}
    return firm_figures(tables, params, as_of)


# --- §2.16 ------------------------------------------------------------------------------------------------------

def test_month_arithmetic():
    assert add_months(date(2023, 5, 31), 18) == date(2024, 11, 30)
    assert add_months(date(2023, 11, 30), 15) == date(2025, 2, 28)
    assert add_months(date(2023, 11, 30), 3) == date(2024, 2, 29)
    # whole months: 2026-05-12 -> 2028-08-12 is 27 months; 28 months would be 2028-09-12
    assert whole_months(date(2026, 5, 12), date(2028, 8, 13)) == 27
    # 01-31 + 1 month = 02-28, on or before 02-28: one whole month
    assert whole_months(date(2025, 1, 31), date(2025, 2, 28)) == 1
    assert whole_months(date(2025, 1, 31), date(2025, 2, 27)) == 0


# --- §7.2 schedule with month-end clamping; remainder on the last installment -----------------------------------

def test_schedule_month_end_clamping(params):
    # completion 2023-05-31, support 1,003: 125 x 7 and 128 last.
    # dues: 2024-08-31, 2024-11-30, 2025-02-28, 2025-05-31, 2025-08-31, 2025-11-30, 2026-02-28, 2026-05-31
    ledger = [pay(d, 125) for d in ("2024-08-31", "2024-11-30", "2025-02-28", "2025-05-31", "2025-08-31",
                                    "2025-11-30", "2026-02-28")]
    fs = [firm()]
    ps = [project("A", completion="2023-05-31", support="1003")]

    r = run(params, date(2024, 11, 30), fs, ps, ledger)["P-1"]
    # the payment on the clamped due date 2024-11-30 settles installment 2 on time
    assert r["outstanding_krw"] == 753
    assert r["next_due_on"] == "2025-02-28"
    assert r["state"] == "on_schedule"

    r = run(params, date(2026, 5, 30), fs, ps, ledger)["P-1"]
    assert r["outstanding_krw"] == 128
    assert r["next_due_on"] == "2026-05-31"
    assert r["next_due_krw"] == 128
    assert r["due_now_krw"] == 0
    assert r["state"] == "on_schedule"  # every payment fell on its (clamped) due date: nothing early

    r = run(params, date(2024, 5, 30), fs, ps, [])["P-1"]
    assert r["state"] == "grace"  # grace ends 2024-05-31
    r = run(params, date(2024, 5, 31), fs, ps, [])["P-1"]
    assert r["state"] == "on_schedule"


# --- §7.3 a payment before the due date prepays the last installment ---------------------------------------------

def test_payment_before_due_date_prepays_last(params):
    # completion 2024-01-10, support 800 -> 100 each, dues 2025-04-10 ... 2027-01-10
    fs = [firm()]
    ps = [project("A", completion="2024-01-10", support="800")]
    ledger = [pay("2025-04-09", 100)]  # one day early: settles installment 8, not installment 1

    r = run(params, date(2025, 4, 10), fs, ps, ledger)["P-1"]
    assert r["outstanding_krw"] == 700
    assert r["due_now_krw"] == 100
    assert r["next_due_on"] == "2025-04-10"
    assert r["next_due_krw"] == 100
    assert r["days_overdue"] == 0
    assert r["state"] == "early_repaid"

    r = run(params, date(2025, 5, 10), fs, ps, ledger)["P-1"]  # 30 days overdue: notice, criterion still passes
    assert r["days_overdue"] == 30
    assert r["state"] == "notice"
    assert r["criteria"]["3.4_overdue"] == "pass"

    r = run(params, date(2025, 5, 11), fs, ps, ledger)["P-1"]
    assert r["days_overdue"] == 31
    assert r["criteria"]["3.4_overdue"] == "fail"
    assert r["verdict"] == "not_eligible"

    # a payment on the due date settles that installment on time
    r = run(params, date(2025, 4, 10), fs, ps, [pay("2025-04-10", 100)])["P-1"]
    assert r["next_due_on"] == "2025-07-10"
    assert r["state"] == "on_schedule"


def test_payment_settles_due_first_then_latest(params):
    # support 800; installment 1 paid on time; on 2025-08-01 (installment 2 due 2025-07-10, 22 days late)
    # 150 is paid: 100 settles installment 2, the other 50 goes to installment 8 (2027-01-10)
    fs = [firm()]
    ps = [project("A", completion="2024-01-10", support="800")]
    r = run(params, date(2025, 8, 1), fs, ps, [pay("2025-04-10", 100), pay("2025-08-01", 150)])["P-1"]
    assert r["outstanding_krw"] == 550
    assert r["due_now_krw"] == 0
    assert r["next_due_on"] == "2025-10-10"
    assert r["next_due_krw"] == 100
    # SPEC early_repaid: 50 was applied to installment 8 before its due date, even though it is only partly paid
    assert r["state"] == "early_repaid"
    # the same day, paying exactly the 100 due applies nothing early
    r = run(params, date(2025, 8, 1), fs, ps, [pay("2025-04-10", 100), pay("2025-08-01", 100)])["P-1"]
    assert r["outstanding_krw"] == 600
    assert r["state"] == "on_schedule"
    # another 50 the next day: due nothing, so it finishes installment 8 early
    r = run(params, date(2025, 8, 2), fs, ps,
            [pay("2025-04-10", 100), pay("2025-08-01", 150), pay("2025-08-02", 50)])["P-1"]
    assert r["outstanding_krw"] == 500
    assert r["next_due_on"] == "2025-10-10"
    assert r["state"] == "early_repaid"


# --- §7.4 default on day 90, not 89; payments on the day count first; sticky ------------------------------------

def test_default_day_90_not_89(params):
    fs = [firm()]
    ps = [project("A", completion="2024-01-10", support="800")]  # installment 1 due 2025-04-10

    r = run(params, date(2025, 7, 8), fs, ps)["P-1"]  # 89 days
    assert r["days_overdue"] == 89
    assert r["state"] == "notice"
    assert r["due_now_krw"] == 100
    assert r["criteria"]["3.4_exclusion"] == "pass"

    r = run(params, date(2025, 7, 9), fs, ps)["P-1"]  # 90 days: default, everything due at once
    assert r["days_overdue"] == 90
    assert r["state"] == "default"
    assert r["due_now_krw"] == 800
    assert r["criteria"]["3.4_exclusion"] == "fail"

    # paying installment 1 on day 90 counts before the day's standing: no default
    r = run(params, date(2025, 7, 9), fs, ps, [pay("2025-07-09", 100)])["P-1"]
    assert r["state"] == "on_schedule"
    assert r["next_due_on"] == "2025-07-10"
    assert r["due_now_krw"] == 0

    # default is sticky: paying the oldest does not end it; the rest fell due on the day of default
    r = run(params, date(2025, 7, 20), fs, ps, [pay("2025-07-20", 100)])["P-1"]
    assert r["state"] == "default"
    assert r["next_due_on"] == "2025-07-09"
    assert r["days_overdue"] == 11
    assert r["due_now_krw"] == 700

    # settled in full: default and the exclusion end
    r = run(params, date(2025, 8, 1), fs, ps, [pay("2025-08-01", 800)])["P-1"]
    assert r["state"] == "fully_repaid"
    assert r["criteria"]["3.4_exclusion"] == "pass"


# --- §7.6 deferral ------------------------------------------------------------------------------------------------

def test_deferral_counts_from_completion_date(params):
    # completion 2024-01-31, support 800. Scheduled dues (12 + 3k months): 2025-04-30, 2025-07-31, 2025-10-31,
    # 2026-01-31, 2026-04-30, 2026-07-31, 2026-10-31, 2027-01-31. 3-month deferral approved 2025-07-31,
    # installment 1 paid. §7.6: installment k falls due 12 + 3k + 3 months after 2024-01-31:
    # #2 21 m = 2025-10-31, #3 24 m = 2026-01-31, #4 27 m = 2026-04-30, #5 30 m = 2026-07-31 (not 2026-04-30 + 3 m
    # = 2026-07-30), #6 33 m = 2026-10-31, #7 36 m = 2027-01-31, #8 39 m = 2027-04-30.
    fs = [firm(deferral_months="3", deferral_approved_on="2025-07-31")]
    ps = [project("A", completion="2024-01-31", support="800")]
    ledger = [pay("2025-04-30", 100), pay("2025-10-31", 100), pay("2026-01-31", 100), pay("2026-04-30", 100)]

    r = run(params, date(2025, 7, 30), fs, ps, ledger)["P-1"]
    assert r["state"] == "on_schedule"
    assert r["next_due_on"] == "2025-07-31"

    r = run(params, date(2025, 8, 15), fs, ps, ledger)["P-1"]
    assert r["state"] == "deferred"
    assert r["next_due_on"] == "2025-10-31"
    assert r["days_overdue"] == 0

    r = run(params, date(2026, 7, 30), fs, ps, ledger)["P-1"]
    assert r["outstanding_krw"] == 400
    assert r["next_due_on"] == "2026-07-31"
    assert r["state"] == "deferred"
    assert r["due_now_krw"] == 0
    assert r["days_overdue"] == 0

    r = run(params, date(2026, 7, 31), fs, ps, ledger)["P-1"]
    assert r["due_now_krw"] == 100
    assert r["days_overdue"] == 0  # due today, not overdue
    r = run(params, date(2026, 8, 1), fs, ps, ledger)["P-1"]
    assert r["days_overdue"] == 1

    # a payment on 2026-07-31 is on the moved due date: it settles installment 5, nothing early
    r = run(params, date(2026, 8, 1), fs, ps, ledger + [pay("2026-07-31", 100)])["P-1"]
    assert r["next_due_on"] == "2026-10-31"
    assert r["outstanding_krw"] == 300


def test_six_month_deferral_month_end(params):
    # completion 2024-01-31, support 800; installments 1-4 paid on their dates (2025-04-30, 2025-07-31,
    # 2025-10-31, 2026-01-31); 6-month deferral approved 2026-02-15. Installment 5 was scheduled 2026-04-30
    # (15 + 12 = 27 months); it now falls due 12 + 15 + 6 = 33 months after 2024-01-31 = 2026-10-31, not
    # 2026-04-30 + 6 months = 2026-10-30. #6 36 m = 2027-01-31, #7 39 m = 2027-04-30, #8 42 m = 2027-07-31.
    fs = [firm(deferral_months="6", deferral_approved_on="2026-02-15")]
    ps = [project("A", completion="2024-01-31", support="800")]
    ledger = [pay("2025-04-30", 100), pay("2025-07-31", 100), pay("2025-10-31", 100), pay("2026-01-31", 100)]

    r = run(params, date(2026, 2, 14), fs, ps, ledger)["P-1"]
    assert r["state"] == "on_schedule"
    assert r["next_due_on"] == "2026-04-30"

    r = run(params, date(2026, 10, 30), fs, ps, ledger)["P-1"]
    assert r["state"] == "deferred"
    assert r["next_due_on"] == "2026-10-31"
    assert r["next_due_krw"] == 100
    assert r["due_now_krw"] == 0
    assert r["days_overdue"] == 0

    # paying on 2026-10-30 is one day before the moved due date: an early repayment, applied to installment 8
    r = run(params, date(2026, 10, 31), fs, ps, ledger + [pay("2026-10-30", 100)])["P-1"]
    assert r["next_due_on"] == "2026-10-31"
    assert r["due_now_krw"] == 100
    assert r["outstanding_krw"] == 300
    assert r["state"] == "deferred"  # deferred comes before early_repaid

    # unpaid: overdue from 2026-11-01; 30 days overdue on 2026-11-30 -> notice
    r = run(params, date(2026, 11, 30), fs, ps, ledger)["P-1"]
    assert r["days_overdue"] == 30
    assert r["state"] == "notice"

    # the last installment now falls due 2027-07-31
    full = ledger + [pay(d, 100) for d in ("2026-10-31", "2027-01-31", "2027-04-30")]
    r = run(params, date(2027, 7, 30), fs, ps, full)["P-1"]
    assert r["next_due_on"] == "2027-07-31"
    assert r["outstanding_krw"] == 100


def test_payment_on_approval_day_uses_old_schedule(params):
    fs = [firm(deferral_months="3", deferral_approved_on="2025-07-31")]
    ps = [project("A", completion="2024-01-31", support="800")]
    ledger = [pay("2025-04-30", 100), pay("2025-07-31", 100)]  # installment 2 paid on its due date
    r = run(params, date(2025, 8, 1), fs, ps, ledger)["P-1"]
    assert r["next_due_on"] == "2026-01-31"  # installment 3: 2025-10-31 + 3 months
    assert r["state"] == "deferred"  # not early_repaid: the payment settled a due installment


def test_deferral_after_default_moves_only_non_accelerated(params):
    # default on 2025-07-29 (2025-04-30 + 90 days): installments 2-8 fall due at once that day. A deferral
    # approved later does not move those; installment 1 fell due on its own date, so (read literally) it moves
    # to 12 + 3 + 6 = 21 months after 2024-01-31 = 2025-10-31. Default stays until the balance is settled.
    fs = [firm(deferral_months="6", deferral_approved_on="2025-08-10")]
    ps = [project("A", completion="2024-01-31", support="800")]
    r = run(params, date(2025, 8, 9), fs, ps)["P-1"]
    assert r["state"] == "default"
    assert r["due_now_krw"] == 800
    assert r["next_due_on"] == "2025-04-30"
    r = run(params, date(2025, 8, 20), fs, ps)["P-1"]
    assert r["state"] == "default"
    assert r["due_now_krw"] == 700
    assert r["next_due_on"] == "2025-07-29"
    assert r["days_overdue"] == 22
    # paying the 700 accelerated on 2025-08-20 leaves installment 1 at its moved date; default stays
    r = run(params, date(2025, 8, 20), fs, ps, [pay("2025-08-20", 700)])["P-1"]
    assert r["state"] == "default"
    assert r["outstanding_krw"] == 100
    assert r["due_now_krw"] == 0
    assert r["next_due_on"] == "2025-10-31"
    assert r["days_overdue"] == 0


# --- §7.3/§7.7 money beyond everything owed is held for a later project ------------------------------------------

def test_held_credit_applies_to_later_project(params):
    fs = [firm()]
    ps = [project("A", completion="2023-01-10", support="800"),
          project("B", completion="2024-03-15", support="800", funding_round="4")]
    ledger = [pay("2023-02-01", 900)]
    r = run(params, date(2024, 3, 14), fs, ps, ledger)["P-1"]
    assert r["support_krw"] == 800
    assert r["outstanding_krw"] == 0
    assert r["state"] == "fully_repaid"

    r = run(params, date(2024, 3, 15), fs, ps, ledger)["P-1"]
    assert r["support_krw"] == 1600
    assert r["outstanding_krw"] == 700
    assert r["next_due_on"] == "2025-06-15"  # B's first installment; the 100 held settled B's last one
    assert r["state"] == "early_repaid"


# --- §11.1 tier-1 idle equipment -----------------------------------------------------------------------------------

def test_tier1_idle_clawback_accelerates(params):
    # completion 2024-01-10, support 800; installments 1-2 paid on time; idle since 2025-03-31:
    # 6 months later is 2025-09-30, so the clawback takes effect on 2025-10-01.
    fs = [firm()]
    ps = [project("A", completion="2024-01-10", support="800", equipment_status="idle",
                  equipment_status_since="2025-03-31")]
    ledger = [pay("2025-04-10", 100), pay("2025-07-10", 100)]

    r = run(params, date(2025, 9, 30), fs, ps, ledger)["P-1"]
    assert r["projects"]["A"]["clawback"] is False
    assert r["state"] == "on_schedule"
    assert r["next_due_on"] == "2025-10-10"

    r = run(params, date(2025, 10, 1), fs, ps, ledger)["P-1"]
    assert r["projects"]["A"]["clawback"] is True
    assert r["projects"]["A"]["clawback_on"] == "2025-10-01"
    assert r["projects"]["A"]["clawback_krw"] == 600
    assert r["due_now_krw"] == 600
    assert r["next_due_on"] == "2025-10-01"
    assert r["state"] == "accelerated"

    r = run(params, date(2025, 10, 31), fs, ps, ledger)["P-1"]
    assert r["days_overdue"] == 30
    assert r["state"] == "notice"

    r = run(params, date(2025, 12, 30), fs, ps, ledger)["P-1"]  # 90 days after 2025-10-01
    assert r["state"] == "default"


# --- §11.1 tier-2 refund -------------------------------------------------------------------------------------------

def test_tier2_idle_refund(params):
    # completion 2022-06-15, grant 100,000,001; idle since 2024-02-20 -> trigger 2024-08-21.
    # Fifth anniversary 2027-06-15; whole months 2024-02-20 -> 2027-06-15 = 39 (2027-05-20 <= 06-15 < 06-20).
    # Refund = 100,000,001 x 39 // 60 = 3,900,000,039 // 60 = 65,000,000.
    fs = [firm("P-2", tier="2", parent_id="P-1"), firm("P-1")]
    ps = [project("T2", pid="P-2", completion="2022-06-15", support="100000001", equipment_status="idle",
                  equipment_status_since="2024-02-20")]

    r = run(params, date(2024, 8, 20), fs, ps)["P-2"]
    assert r["state"] == "not_applicable"
    assert r["projects"]["T2"]["clawback"] is False
    assert r["outstanding_krw"] == 0

    r = run(params, date(2024, 8, 21), fs, ps)["P-2"]
    assert r["state"] == "refund_due"
    assert r["outstanding_krw"] == 65_000_000
    assert r["due_now_krw"] == 65_000_000
    assert r["next_due_on"] == "2024-08-21"
    assert r["days_overdue"] == 0
    assert r["projects"]["T2"]["clawback_on"] == "2024-08-21"
    assert r["projects"]["T2"]["clawback_krw"] == 65_000_000
    assert r["criteria"]["4.1_parent"] == "pass"

    r = run(params, date(2024, 9, 1), fs, ps, [pay("2024-09-01", 65_000_000, pid="P-2")])["P-2"]
    assert r["state"] == "refunded"
    assert r["outstanding_krw"] == 0
    assert r["repaid_krw"] == 65_000_000
    assert r["next_due_on"] is None


def test_tier2_sale_window(params):
    fs = [firm("P-2", tier="2", parent_id="P-1"), firm("P-1")]

    def refund(since, status="idle"):
        ps = [project("T2", pid="P-2", completion="2022-06-15", support="100000001", equipment_status=status,
                      equipment_status_since=since)]
        return run(params, date(2028, 1, 1), fs, ps)["P-2"]["projects"]["T2"]

    # idle since 2026-12-13 -> trigger 2027-06-14, the last day of the 5 years; 6 whole months to 2027-06-15
    assert refund("2026-12-13")["clawback_krw"] == 10_000_000
    # idle since 2026-12-14 -> trigger 2027-06-15, the fifth anniversary itself: outside the 5 years
    assert refund("2026-12-14")["clawback"] is False
    # sold 2027-06-14: within; 0 whole months (2027-07-14 is after the anniversary) -> refund 0
    assert refund("2027-06-14", "sold")["clawback"] is True
    assert refund("2027-06-14", "sold")["clawback_krw"] == 0
    # removed 2025-06-15: 24 whole months -> 100,000,001 x 24 // 60 = 40,000,000
    assert refund("2025-06-15", "removed")["clawback_krw"] == 40_000_000


# --- §9.2/§9.3/§10.4 reports ---------------------------------------------------------------------------------------

def test_reports_and_crediting(params):
    fs = [firm()]
    ps = [project("A", completion="2024-05-31", support="800", registration_date="2024-08-31")]
    reds = [
        {"project_id": "A", "year": "2024", "verified_tco2": "10.25", "certified_tco2": "10.0", "converted_kcu": "",
         "report_submitted_on": "2025-03-31"},
        {"project_id": "A", "year": "2025", "verified_tco2": "20.0", "certified_tco2": "", "converted_kcu": "",
         "report_submitted_on": "2026-04-05"},
    ]
    r = run(params, date(2026, 3, 31), fs, ps, reductions=reds)["P-1"]
    a = r["projects"]["A"]
    assert a["crediting_ends_on"] == "2034-08-31"
    assert a["years_left"] == 8  # 2026-03-31 -> 2034-08-31: 101 whole months
    assert a["missing_report_years"] == []  # 31 March is still on time
    assert a["next_report_year"] == 2025
    assert a["next_report_due"] == "2026-03-31"
    assert r["verified_tco2"] == 10.2 or r["verified_tco2"] == 10.3  # one decimal
    assert r["certified_tco2"] == 10.0
    assert r["offset_state"] == "certified"

    r = run(params, date(2026, 4, 1), fs, ps, reductions=reds)["P-1"]
    a = r["projects"]["A"]
    assert a["missing_report_years"] == [2025]
    assert a["next_report_year"] == 2026
    assert a["next_report_due"] == "2027-03-31"

    r = run(params, date(2026, 4, 5), fs, ps, reductions=reds)["P-1"]
    assert r["projects"]["A"]["missing_report_years"] == []
    assert r["verified_tco2"] == pytest.approx(30.2, abs=0.051)

    # not registered by as_of
    r = run(params, date(2024, 8, 30), fs, ps, reductions=reds)["P-1"]
    assert r["projects"]["A"]["crediting_ends_on"] is None
    assert r["projects"]["A"]["next_report_year"] == 2024
    assert r["offset_state"] == "pending"

    # no completed project
    r = run(params, date(2024, 5, 30), fs, ps, reductions=reds)["P-1"]
    assert r["offset_state"] == "no_project"
    assert r["projects"] == {}
    assert r["state"] == "no_support"


def test_reports_end_with_crediting_period(params):
    fs = [firm()]
    ps = [project("A", completion="2020-03-01", support="800", registration_date="2020-03-01")]
    reds = [{"project_id": "A", "year": str(y), "verified_tco2": "1.0", "certified_tco2": "", "converted_kcu": "",
             "report_submitted_on": f"{y + 1}-03-01"} for y in range(2020, 2030)]
    a = run(params, date(2031, 5, 1), fs, ps, reductions=reds)["P-1"]["projects"]["A"]
    assert a["crediting_ends_on"] == "2030-03-01"
    assert a["years_left"] == 0
    assert a["missing_report_years"] == [2030]
    assert a["next_report_year"] is None
    assert a["next_report_due"] is None


# --- criteria --------------------------------------------------------------------------------------------------

def test_criteria(params):
    ps = [project("A", funding_round="2", expected_tco2_per_year="10.0"),
          project("B", funding_round="3", expected_tco2_per_year="50.0")]
    r = run(params, date(2026, 1, 1), [firm(excluded_until="2026-01-01")], ps)["P-1"]
    assert r["criteria"]["3.4_exclusion"] == "fail"  # the recorded date is included
    assert r["criteria"]["3.5_reduction"] == "pass"  # only the latest round; exactly 50 meets it
    r = run(params, date(2026, 1, 2), [firm(excluded_until="2026-01-01")], ps)["P-1"]
    assert r["criteria"]["3.4_exclusion"] == "pass"
    assert r["verdict"] == "eligible"

    ps2 = ps + [project("C", funding_round="3", expected_tco2_per_year="49.9")]
    assert run(params, date(2026, 1, 1), [firm()], ps2)["P-1"]["criteria"]["3.5_reduction"] == "fail"
    assert run(params, date(2026, 1, 1), [firm()], [])["P-1"]["criteria"]["3.5_reduction"] == "unknown"

    assert run(params, date(2026, 1, 1), [firm(size_class="mid")], ps)["P-1"]["criteria"]["3.2_size"] == "pass"
    r = run(params, date(2026, 1, 1), [firm(group_affiliate="yes")], ps)["P-1"]
    assert r["criteria"]["3.2_size"] == "fail"
    r = run(params, date(2026, 1, 1), [firm(inside_allocated_entity="")], ps)["P-1"]
    assert r["criteria"]["3.3_facility"] == "unknown"
    assert r["verdict"] == "needs_review"

    t2 = [firm("P-2", tier="2", parent_id="P-9", size_class="mid"),
          firm("P-9", agreement_signed="no")]
    t2ps = [project("X", pid="P-2", support="1", funding_round="2"),
            project("Y", pid="P-2", support="1", funding_round="2")]
    c = run(params, date(2026, 1, 1), t2, t2ps)["P-2"]["criteria"]
    assert c["4.1_parent"] == "fail"
    assert c["4.1_size"] == "fail"
    assert c["4.1_direct"] == "pass"
    assert c["4.4_one_per_round"] == "fail"
    c = run(params, date(2026, 1, 1), [firm("P-2", tier="2", parent_id="P-404")], t2ps[:1])["P-2"]["criteria"]
    assert c["4.1_parent"] == "unknown"
    assert c["4.4_one_per_round"] == "pass"


# --- firm_figures on sparse or unusual records ------------------------------------------------------------------

def test_sparse_records(params):
    fs = [firm("P-1"), firm("P-2"), firm("P-3", tier="2", parent_id="P-1")]
    ps = [project("A", pid="P-2", completion="", support="800"),  # not completed
          project("B", pid="P-1", completion="2024-01-10", support="800"),
          project("Z", pid="P-404", completion="2024-01-10", support="800")]  # unknown firm
    ledger = [pay("2023-12-01", 300, pid="P-1"),  # before any completion: held, applied early on completion
              pay("2024-02-01", 50, pid="P-2"),  # a firm with no completed project
              pay("2024-02-01", 50, pid="P-404")]  # unknown firm: ignored
    out = run(params, date(2024, 1, 9), fs, ps, ledger)
    assert set(out) == {"P-1", "P-2", "P-3"}
    r = out["P-1"]
    assert r["state"] == "no_support"
    assert r["support_krw"] == 0
    assert r["repaid_krw"] == 300
    assert r["outstanding_krw"] == 0
    assert r["next_due_on"] is None

    out = run(params, date(2024, 3, 1), fs, ps, ledger)
    r = out["P-1"]
    assert r["support_krw"] == 800
    assert r["outstanding_krw"] == 500
    assert r["next_due_on"] == "2025-04-10"
    assert r["due_now_krw"] == 0
    assert r["state"] == "early_repaid"  # the 300 held was applied to installments 8, 7, 6 before their dates
    r = out["P-2"]
    assert r["state"] == "no_support"
    assert r["repaid_krw"] == 50
    assert r["outstanding_krw"] == 0
    assert r["projects"] == {}
    assert r["offset_state"] == "no_project"
    r = out["P-3"]
    assert r["state"] == "no_support"
    assert r["criteria"]["4.2_reduction"] == "unknown"  # no project
    assert r["criteria"]["4.1_parent"] == "pass"

    # no records at all
    assert run(params, date(2024, 3, 1), []) == {}
    assert run(params, date(2024, 3, 1), [firm()])["P-1"]["state"] == "no_support"


# ================================================================================================================
# Further figures (second part): obligation_ends_on, installments, support_for, cap_reached_at, surcharge_most
# ================================================================================================================

# --- §11.1 the five years: obligation_ends_on ----------------------------------------------------------------------

def test_obligation_ends_on(params):
    # the 5 years end the day before the fifth anniversary; the anniversary is 60 months later (§2.16)
    fs = [firm(), firm("P-2", tier="2", parent_id="P-1")]
    ps = [project("LEAP", completion="2024-02-29", support="800"),  # 2029-02-28 is the anniversary
          project("MAR", completion="2024-03-01", support="800", funding_round="4"),
          project("EOM", completion="2023-05-31", support=""),  # completed, not awarded: still listed
          project("LATER", completion="2026-12-01", support="800"),  # not completed by as_of: not listed
          project("T2", pid="P-2", completion="2022-06-15", support="1000")]
    out = run(params, date(2026, 10, 31), fs, ps)
    prj = out["P-1"]["projects"]
    assert prj["LEAP"]["obligation_ends_on"] == "2029-02-27"  # not 02-28: 2029 has no 29 Feb
    assert prj["MAR"]["obligation_ends_on"] == "2029-02-28"
    assert prj["EOM"]["obligation_ends_on"] == "2028-05-30"
    assert "LATER" not in prj
    assert out["P-2"]["projects"]["T2"]["obligation_ends_on"] == "2027-06-14"


def test_obligation_end_29_feb_matches_clawback_window(params):
    # completion 2024-02-29; period ends 2029-02-27. Idle since 2028-08-26: 6 months later is 2029-02-26, the
    # clawback takes effect 2029-02-27, the last day: inside. Idle since 2028-08-27: it would take effect
    # 2029-02-28, the anniversary itself: outside.
    fs = [firm("P-2", tier="2", parent_id="P-1"), firm("P-1")]

    def t2(since):
        ps = [project("T2", pid="P-2", completion="2024-02-29", support="100000001", equipment_status="idle",
                      equipment_status_since=since)]
        return run(params, date(2029, 3, 1), fs, ps)["P-2"]["projects"]["T2"]

    a = t2("2028-08-26")
    assert a["obligation_ends_on"] == "2029-02-27"
    assert a["clawback"] is True
    assert a["clawback_on"] == "2029-02-27"
    # whole months 2028-08-26 -> 2029-02-28 (the anniversary): 6 (2029-02-26 <= 02-28 < 2029-03-26);
    # 100,000,001 x 6 // 60 = 600,000,006 // 60 = 10,000,000
    assert a["clawback_krw"] == 10_000_000
    b = t2("2028-08-27")
    assert b["obligation_ends_on"] == "2029-02-27"
    assert b["clawback"] is False


# --- installments ----------------------------------------------------------------------------------------------

DUES_2024_01_10 = ["2025-04-10", "2025-07-10", "2025-10-10", "2026-01-10", "2026-04-10", "2026-07-10",
                   "2026-10-10", "2027-01-10"]


def test_installments_schedule_and_tiers(params):
    # support 1,003: 125 x 7, the last 128 (remainder 3 on it); completion 2024-01-10
    fs = [firm(), firm("P-2", tier="2", parent_id="P-1"), firm("P-3")]
    ps = [project("A", completion="2024-01-10", support="1003"),
          project("T2", pid="P-2", completion="2024-01-10", support="1000")]
    out = run(params, date(2024, 6, 1), fs, ps)
    inst = out["P-1"]["installments"]
    assert list(inst) == [f"A#{k}" for k in range(1, 9)]
    for k, due in enumerate(DUES_2024_01_10, start=1):
        assert inst[f"A#{k}"] == {"due_on": due, "amount_krw": 128 if k == 8 else 125, "settled_on": None,
                                  "days_late": None}
    assert out["P-2"]["installments"] == {}  # tier 2
    assert out["P-3"]["installments"] == {}  # tier 1, no supported project
    # not completed by as_of: no installments yet
    assert run(params, date(2024, 1, 9), fs, ps)["P-1"]["installments"] == {}


def test_installment_settled_late_by_two_partial_payments(params):
    # completion 2024-01-10, support 800: 100 each. Installment 1 due 2025-04-10; 60 paid 2025-04-20 and 40 paid
    # 2025-05-05, both to the oldest due installment (§7.3). Settled 2025-05-05: 20 + 5 = 25 days late.
    fs = [firm()]
    ps = [project("A", completion="2024-01-10", support="800")]
    ledger = [pay("2025-04-20", 60), pay("2025-05-05", 40)]

    inst = run(params, date(2025, 5, 4), fs, ps, ledger)["P-1"]["installments"]
    assert inst["A#1"]["settled_on"] is None  # only 60 of 100
    assert inst["A#1"]["days_late"] is None

    inst = run(params, date(2025, 6, 1), fs, ps, ledger)["P-1"]["installments"]
    assert inst["A#1"] == {"due_on": "2025-04-10", "amount_krw": 100, "settled_on": "2025-05-05", "days_late": 25}
    assert inst["A#2"] == {"due_on": "2025-07-10", "amount_krw": 100, "settled_on": None, "days_late": None}
    assert inst["A#8"]["settled_on"] is None  # nothing was applied early

    # a payment on the due date settles it on time
    inst = run(params, date(2025, 4, 10), fs, ps, [pay("2025-04-10", 100)])["P-1"]["installments"]
    assert inst["A#1"]["settled_on"] == "2025-04-10"
    assert inst["A#1"]["days_late"] == 0


def test_installment_prepaid_before_due(params):
    # completion 2024-01-10, support 800. 150 paid 2025-03-01, before anything is due: §7.3 applies it to the last
    # installments: #8 (due 2027-01-10) settled that day, #7 gets 50. 100 on 2025-04-10 settles #1 on its date.
    # 50 on 2025-06-01 (nothing due: #2 is due 2025-07-10) finishes #7, early.
    fs = [firm()]
    ps = [project("A", completion="2024-01-10", support="800")]
    ledger = [pay("2025-03-01", 150), pay("2025-04-10", 100), pay("2025-06-01", 50)]

    inst = run(params, date(2025, 5, 1), fs, ps, ledger)["P-1"]["installments"]
    assert inst["A#8"] == {"due_on": "2027-01-10", "amount_krw": 100, "settled_on": "2025-03-01", "days_late": 0}
    assert inst["A#7"]["settled_on"] is None
    assert inst["A#1"] == {"due_on": "2025-04-10", "amount_krw": 100, "settled_on": "2025-04-10", "days_late": 0}
    assert inst["A#2"]["settled_on"] is None

    inst = run(params, date(2025, 6, 1), fs, ps, ledger)["P-1"]["installments"]
    assert inst["A#7"] == {"due_on": "2026-10-10", "amount_krw": 100, "settled_on": "2025-06-01", "days_late": 0}
    assert inst["A#2"]["settled_on"] is None
    assert inst["A#6"]["settled_on"] is None


def test_installments_deferral_moves_due_dates(params):
    # completion 2024-01-31, support 800; #1 paid on its date 2025-04-30; #2 (due 2025-07-31) unpaid when a
    # 3-month deferral is approved on 2025-07-31. §7.6: #k falls due 12 + 3k + 3 months after 2024-01-31.
    fs = [firm(deferral_months="3", deferral_approved_on="2025-07-31")]
    ps = [project("A", completion="2024-01-31", support="800")]
    ledger = [pay("2025-04-30", 100)]

    before = ["2025-04-30", "2025-07-31", "2025-10-31", "2026-01-31", "2026-04-30", "2026-07-31", "2026-10-31",
              "2027-01-31"]
    inst = run(params, date(2025, 7, 30), fs, ps, ledger)["P-1"]["installments"]
    assert [inst[f"A#{k}"]["due_on"] for k in range(1, 9)] == before

    after = ["2025-04-30", "2025-10-31", "2026-01-31", "2026-04-30", "2026-07-31", "2026-10-31", "2027-01-31",
             "2027-04-30"]
    inst = run(params, date(2025, 8, 15), fs, ps, ledger)["P-1"]["installments"]
    assert [inst[f"A#{k}"]["due_on"] for k in range(1, 9)] == after
    assert inst["A#1"]["settled_on"] == "2025-04-30"  # settled: it does not move

    # #2 paid on its moved date: on time; #3 paid 10 days after its moved date 2026-01-31
    ledger2 = ledger + [pay("2025-10-31", 100), pay("2026-02-10", 100)]
    inst = run(params, date(2026, 3, 1), fs, ps, ledger2)["P-1"]["installments"]
    assert inst["A#2"] == {"due_on": "2025-10-31", "amount_krw": 100, "settled_on": "2025-10-31", "days_late": 0}
    assert inst["A#3"] == {"due_on": "2026-01-31", "amount_krw": 100, "settled_on": "2026-02-10", "days_late": 10}
    assert inst["A#4"]["settled_on"] is None


def test_installments_default_accelerates(params):
    # completion 2024-01-10, support 800, nothing paid: default on 2025-07-09 (2025-04-10 + 90 days); #2-#8 fall
    # due that day. 100 paid 2025-07-20 settles #1 (oldest): 2025-04-10 -> 2025-07-20 = 20 + 31 + 30 + 20 = 101
    # days late. 700 on 2025-08-01 settles #2-#8, 23 days after 2025-07-09.
    fs = [firm()]
    ps = [project("A", completion="2024-01-10", support="800")]

    inst = run(params, date(2025, 7, 8), fs, ps)["P-1"]["installments"]
    assert inst["A#2"]["due_on"] == "2025-07-10"  # day 89: no default yet

    ledger = [pay("2025-07-20", 100), pay("2025-08-01", 700)]
    inst = run(params, date(2025, 7, 20), fs, ps, ledger)["P-1"]["installments"]
    assert inst["A#1"] == {"due_on": "2025-04-10", "amount_krw": 100, "settled_on": "2025-07-20", "days_late": 101}
    for k in range(2, 9):
        assert inst[f"A#{k}"] == {"due_on": "2025-07-09", "amount_krw": 100, "settled_on": None, "days_late": None}

    inst = run(params, date(2025, 8, 1), fs, ps, ledger)["P-1"]["installments"]
    for k in range(2, 9):
        assert inst[f"A#{k}"] == {"due_on": "2025-07-09", "amount_krw": 100, "settled_on": "2025-08-01",
                                  "days_late": 23}


def test_installments_clawback_accelerates(params):
    # completion 2024-01-10, support 800, #1-#2 paid on time, idle since 2025-03-31: §11.1 takes effect 2025-10-01
    # and #3-#8 fall due that day; 600 paid that same day settles them on time.
    fs = [firm()]
    ps = [project("A", completion="2024-01-10", support="800", equipment_status="idle",
                  equipment_status_since="2025-03-31")]
    ledger = [pay("2025-04-10", 100), pay("2025-07-10", 100)]

    inst = run(params, date(2025, 9, 30), fs, ps, ledger)["P-1"]["installments"]
    assert inst["A#3"]["due_on"] == "2025-10-10"
    inst = run(params, date(2025, 10, 5), fs, ps, ledger)["P-1"]["installments"]
    assert inst["A#2"]["due_on"] == "2025-07-10"
    assert [inst[f"A#{k}"]["due_on"] for k in range(3, 9)] == ["2025-10-01"] * 6
    assert inst["A#3"]["settled_on"] is None
    inst = run(params, date(2025, 10, 5), fs, ps, ledger + [pay("2025-10-01", 600)])["P-1"]["installments"]
    assert all(inst[f"A#{k}"]["settled_on"] == "2025-10-01" and inst[f"A#{k}"]["days_late"] == 0
               for k in range(3, 9))


def test_installments_held_credit_and_two_projects(params):
    # A completes 2023-01-10 (800); 900 paid 2023-02-01 settles all of A early, 100 is held. B completes
    # 2024-03-15 (800): the 100 held settles B#8 (due 2024-03-15 + 36 months = 2027-03-15) that day.
    fs = [firm()]
    ps = [project("A", completion="2023-01-10", support="800"),
          project("B", completion="2024-03-15", support="800", funding_round="4")]
    inst = run(params, date(2024, 3, 15), fs, ps, [pay("2023-02-01", 900)])["P-1"]["installments"]
    assert list(inst) == [f"A#{k}" for k in range(1, 9)] + [f"B#{k}" for k in range(1, 9)]
    assert all(inst[f"A#{k}"]["settled_on"] == "2023-02-01" for k in range(1, 9))
    assert inst["A#1"]["due_on"] == "2024-04-10"
    assert inst["B#8"] == {"due_on": "2027-03-15", "amount_krw": 100, "settled_on": "2024-03-15", "days_late": 0}
    assert inst["B#1"] == {"due_on": "2025-06-15", "amount_krw": 100, "settled_on": None, "days_late": None}


def test_installments_of_zero(params):
    # support 5: 5 // 8 = 0 for #1-#7, the remainder 5 on #8. An installment of 0 is covered in full at the end
    # of the day it exists, the confirmed completion date (see SPEC Readings).
    fs = [firm()]
    ps = [project("A", completion="2024-01-10", support="5")]
    inst = run(params, date(2024, 2, 1), fs, ps)["P-1"]["installments"]
    assert inst["A#1"] == {"due_on": "2025-04-10", "amount_krw": 0, "settled_on": "2024-01-10", "days_late": 0}
    assert inst["A#8"] == {"due_on": "2027-01-10", "amount_krw": 5, "settled_on": None, "days_late": None}


# --- support_for / cap_reached_at (§5.1, §6.1, §6.2) ----------------------------------------------------------------

def test_support_for_no_led(params):
    assert support_for(1, params, 0) == {"led_counted_krw": 0, "counted_cost_krw": 0, "support_krw": 0}
    # tier 1: 50%, rounded down, cap 500,000,000
    assert support_for(1, params, 999_999_999)["support_krw"] == 499_999_999  # 499,999,999.5
    assert support_for(1, params, 1_000_000_000)["support_krw"] == 500_000_000
    assert support_for(1, params, 3_000_000_000) == {"led_counted_krw": 0, "counted_cost_krw": 3_000_000_000,
                                                     "support_krw": 500_000_000}
    # tier 2: 70%, rounded down, cap 150,000,000
    assert support_for(2, params, 1_000_001)["support_krw"] == 700_000  # 700,000.7
    assert support_for(2, params, 214_285_714)["support_krw"] == 149_999_999  # 149,999,999.8
    assert support_for(2, params, 214_285_715)["support_krw"] == 150_000_000  # 150,000,000.5
    assert support_for(2, params, 500_000_000)["support_krw"] == 150_000_000


def test_cap_reached_at(params):
    # tier 1: 500,000,000 / 0.5 = 1,000,000,000 exactly; one won below gives 499,999,999
    assert cap_reached_at(1, params) == 1_000_000_000
    assert support_for(1, params, 1_000_000_000 - 1)["support_krw"] == 499_999_999
    # tier 2: 150,000,000 / 0.7 = 214,285,714.28...; rounded up: 214,285,715; one won below gives 149,999,999
    assert cap_reached_at(2, params) == 214_285_715
    assert support_for(2, params, 214_285_715 - 1)["support_krw"] == 149_999_999


def test_support_for_led_limit(params):
    # LED exactly at 10% of 1,000,000,000: all of it counts
    assert support_for(1, params, 1_000_000_000, 100_000_000) == {
        "led_counted_krw": 100_000_000, "counted_cost_krw": 1_000_000_000, "support_krw": 500_000_000}
    # one won above the limit: that won is left out of the eligible cost, and the support drops below the cap
    assert support_for(1, params, 1_000_000_000, 100_000_001) == {
        "led_counted_krw": 100_000_000, "counted_cost_krw": 999_999_999, "support_krw": 499_999_999}
    # the 10% is rounded down: cost 1,234,567 -> limit 123,456 (123,456.7)
    assert support_for(1, params, 1_234_567, 123_456)["counted_cost_krw"] == 1_234_567
    assert support_for(1, params, 1_234_567, 123_457) == {
        "led_counted_krw": 123_456, "counted_cost_krw": 1_234_566, "support_krw": 617_283}
    # LED 200,000: 76,544 left out -> 1,158,023; tier 1: 579,011.5 -> 579,011; tier 2: 810,616.1 -> 810,616
    assert support_for(1, params, 1_234_567, 200_000) == {
        "led_counted_krw": 123_456, "counted_cost_krw": 1_158_023, "support_krw": 579_011}
    assert support_for(2, params, 1_234_567, 200_000) == {
        "led_counted_krw": 123_456, "counted_cost_krw": 1_158_023, "support_krw": 810_616}
    # tier 2 at the cap cost: limit 21,428,571 (21,428,571.5); LED 21,428,572 is 1 above -> below the cap
    assert support_for(2, params, 214_285_715, 21_428_571)["support_krw"] == 150_000_000
    assert support_for(2, params, 214_285_715, 21_428_572) == {
        "led_counted_krw": 21_428_571, "counted_cost_krw": 214_285_714, "support_krw": 149_999_999}
    # the limit is taken of the cost with the LED included, once (not recomputed after the excess is left out)
    assert support_for(2, params, 100_000_000, 50_000_000) == {
        "led_counted_krw": 10_000_000, "counted_cost_krw": 60_000_000, "support_krw": 42_000_000}


def test_support_for_led_alone_and_bad_input(params):
    # LED lighting as a project on its own is not supported (§5.1)
    assert support_for(1, params, 10_000_000, 10_000_000) == {
        "led_counted_krw": 0, "counted_cost_krw": 0, "support_krw": 0}
    with pytest.raises(ValueError):
        support_for(1, params, 100, 101)  # the LED cost is part of the eligible cost
    with pytest.raises(ValueError):
        support_for(3, params, 100)


# --- surcharge_most (Act Art. 27, Art. 33) ------------------------------------------------------------------------

def test_surrender_deadline(params):
    # 8 months after the end of the compliance year (31 December)
    assert surrender_deadline(2024, params) == date(2025, 8, 31)
    assert surrender_deadline(2025, params) == date(2026, 8, 31)


def test_surcharge_cap_before_and_after_deletion(params):
    # 2024: deadline 2025-08-31, failure 2025-09-01, before 2026-04-29: per tonne min(3 x 40,000, 100,000)
    assert surcharge_most(Decimal("1234.3"), 40_000, 2024, params) == 123_430_000  # 1234.3 x 100,000
    # 2025: deadline 2026-08-31, failure 2026-09-01, after 2026-04-29: no cap, 3 x 40,000 = 120,000 per tonne
    assert surcharge_most(Decimal("1234.3"), 40_000, 2025, params) == 148_116_000  # 1234.3 x 120,000
    # whole tonnes
    assert surcharge_most(Decimal("10"), 40_000, 2024, params) == 1_000_000
    assert surcharge_most(Decimal("10"), 40_000, 2025, params) == 1_200_000


def test_surcharge_fractional_tonnes_rounded_down(params):
    # 3 x 33,333 = 99,999 per tonne, under the former cap either way: 1234.3 x 99,999 = 123,428,765.7
    assert surcharge_most(Decimal("1234.3"), 33_333, 2024, params) == 123_428_765
    assert surcharge_most(Decimal("1234.3"), 33_333, 2025, params) == 123_428_765
    # 3 x 33,334 = 100,002: capped at 100,000 for 2024; for 2025 1234.3 x 100,002 = 123,432,468.6
    assert surcharge_most(Decimal("1234.3"), 33_334, 2024, params) == 123_430_000
    assert surcharge_most(Decimal("1234.3"), 33_334, 2025, params) == 123_432_468
    # 0.1 t x 3 x 1 won = 0.3 won -> 0
    assert surcharge_most(Decimal("0.1"), 1, 2025, params) == 0
    assert surcharge_most(Decimal("0"), 40_000, 2025, params) == 0


# --- SPEC "Further figures (third part)": koc_convert_by (§9.3, §2.16, Act Art. 30) ---------------------------

def reduction(prj, year, verified="", certified="", converted="", submitted=""):
    return {"project_id": prj, "year": str(year), "verified_tco2": verified, "certified_tco2": certified,
            "converted_kcu": converted, "report_submitted_on": submitted}


def test_koc_convert_by(params):
    assert params["offsets"]["koc_conversion_years"]["value"] == 5
    fs = [firm()]
    ps = [project("A", completion="2023-06-01", support="800"),
          project("B", completion="2024-01-10", support="800")]
    rs = [
        # partly converted, certified on 29 February: 235.2 - 100.1 = 135.1 left; 2024-02-29 + 60 months (§2.16)
        # is 2029-02-29, which does not exist, so the last day of that month, 2029-02-28
        reduction("A", 2023, "240.0", "235.2", "100.1", "2024-02-29"),
        # fully converted: not listed
        reduction("A", 2024, "235.0", "230.3", "230.3", "2025-03-15"),
        # submitted 2026-04-20: not counted before that day; nothing converted (blank = 0)
        reduction("A", 2025, "214.0", "210.0", "", "2026-04-20"),
        # verified only, no certified figure: not listed
        reduction("B", 2024, "80.0", "", "", "2025-03-15"),
        # 100.35 - 0.2 = 100.15 exactly -> 100.2 (float subtraction gives 100.14999... -> 100.1)
        reduction("B", 2025, "103.0", "100.35", "0.2", "2026-03-31"),
    ]

    r = run(params, date(2026, 4, 19), fs, ps, reductions=rs)["P-1"]
    assert r["koc_convert_by"] == {
        "A#2023": {"koc": 135.1, "certified_on": "2024-02-29", "convert_by": "2029-02-28"},
        "B#2025": {"koc": 100.2, "certified_on": "2026-03-31", "convert_by": "2031-03-31"},
    }

    r = run(params, date(2026, 4, 20), fs, ps, reductions=rs)["P-1"]  # the report counts from its own date
    assert r["koc_convert_by"]["A#2025"] == {"koc": 210.0, "certified_on": "2026-04-20",
                                             "convert_by": "2031-04-20"}
    assert sorted(r["koc_convert_by"]) == ["A#2023", "A#2025", "B#2025"]

    # before the 29 February report: nothing counted yet
    r = run(params, date(2024, 2, 28), fs, ps, reductions=rs)["P-1"]
    assert r["koc_convert_by"] == {}
    # still listed on and after its last conversion day (the figure states the day, it does not drop the row)
    r = run(params, date(2029, 3, 1), fs, ps, reductions=rs)["P-1"]
    assert r["koc_convert_by"]["A#2023"]["convert_by"] == "2029-02-28"


def test_koc_convert_by_tiers_and_empty(params):
    fs = [firm("P-1"), firm("P-2", tier="2", parent_id="P-1"), firm("P-3", tier="2", parent_id="P-1")]
    ps = [project("A", "P-1", completion="2024-03-20", support="800"),
          project("T", "P-2", completion="2023-08-31", support="700")]
    rs = [
        reduction("A", 2024, "235.0", "230.3", "230.3", "2025-03-15"),  # fully converted
        reduction("A", 2025, "241.0", "", "", "2026-03-15"),  # no certified figure
        # tier 2: 122.7 certified, nothing converted; certified 2024-03-15 -> convert by 2029-03-15
        reduction("T", 2023, "125.2", "122.7", "", "2024-03-15"),
        # certified on the 31st of August: + 60 months is 2030-08-31
        reduction("T", 2024, "136.9", "134.2", "34.2", "2025-08-31"),
    ]
    out = run(params, date(2026, 6, 30), fs, ps, reductions=rs)
    assert out["P-1"]["koc_convert_by"] == {}  # tier 1 with nothing left to convert: an empty dict
    assert out["P-2"]["koc_convert_by"] == {
        "T#2023": {"koc": 122.7, "certified_on": "2024-03-15", "convert_by": "2029-03-15"},
        "T#2024": {"koc": 100.0, "certified_on": "2025-08-31", "convert_by": "2030-08-31"},
    }
    assert out["P-3"]["koc_convert_by"] == {}  # no project at all

    # the per-firm sums count the same rows: certified 122.7 + 134.2, converted 34.2
    assert out["P-2"]["certified_tco2"] == 256.9
    assert out["P-2"]["converted_kcu"] == 34.2
