"""§7 repayment over hand-built ledgers.

Base case: KRW 400,000,000 support, completion confirmed 2024-01-31, so the
installments of 50,000,000 fall 15, 18, … 36 months later, each on the last
day of its month because 31 January has no twin in April, July or October:
2025-04-30, 2025-07-31, 2025-10-31, 2026-01-31, 2026-04-30, 2026-07-31,
2026-10-31, 2027-01-31.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.calculators.params import Parameters
from bot.calculators.repayment import RepaymentResult, compute_repayment, simulate_deferral, simulate_payment
from tests.calculators.conftest import PARAMETERS, firm, pay, project, records, tier2

DUE = [date(2025, 4, 30), date(2025, 7, 31), date(2025, 10, 31), date(2026, 1, 31),
       date(2026, 4, 30), date(2026, 7, 31), date(2026, 10, 31), date(2027, 1, 31)]
M50 = 50_000_000


FIRM_FIELDS = {"deferral_months", "deferral_approved_on", "excluded_until"}


def run(payments=(), as_of=date(2025, 11, 15), **over) -> RepaymentResult:
    """The base tier-1 case with ``over`` applied to its project (deferral fields to the firm)."""
    f = firm(**{k: v for k, v in over.items() if k in FIRM_FIELDS})
    p = project(**{k: v for k, v in over.items() if k not in FIRM_FIELDS})
    return compute_repayment(records(f, [p], payments), Parameters.load(PARAMETERS), as_of)


def test_schedule_dates_clamp_to_month_end_and_grace_is_twelve_months():
    r = run(as_of=date(2024, 12, 1))
    assert [i.due_on for i in r.installments] == DUE
    assert [i.amount_krw for i in r.installments] == [M50] * 8
    assert r.grace_ends_on == date(2025, 1, 31)
    assert (r.state, r.next_due_on, r.next_due_krw, r.days_overdue) == ("grace", DUE[0], M50, 0)
    assert all(i.status == "upcoming" for i in r.installments)


def test_rounding_remainder_goes_on_the_last_installment():
    r = run(as_of=date(2024, 12, 1), support_krw=100_000_007)
    # 100,000,007 // 8 = 12,500,000 remainder 7
    assert [i.amount_krw for i in r.installments] == [12_500_000] * 7 + [12_500_007]


def test_paying_each_installment_on_time_is_on_schedule():
    r = run([pay(DUE[0], M50), pay(DUE[1], M50), pay(DUE[2], M50)])
    assert r.state == "on_schedule"
    assert (r.repaid_krw, r.outstanding_krw, r.due_now_krw) == (150_000_000, 250_000_000, 0)
    assert (r.next_due_on, r.next_due_krw, r.last_due_on) == (DUE[3], M50, DUE[7])
    assert [i.status for i in r.installments] == ["paid"] * 3 + ["upcoming"] * 5
    assert r.clauses == ("§7.1", "§7.2")


def test_an_installment_due_today_is_due_not_overdue():
    r = run(as_of=DUE[0])
    assert (r.installments[0].status, r.days_overdue, r.due_now_krw, r.state) == ("due", 0, M50, "on_schedule")


def test_a_payment_settles_what_is_due_and_prepays_the_rest_even_just_before_a_due_date():
    # #1 (due 2025-04-30) unpaid until 2025-07-20, when 80M arrives: 50M settles #1; #2 is due only on
    # 2025-07-31, so the other 30M is an early repayment of #8 (§7.3), and #2 falls overdue on its date.
    r = run([pay(date(2025, 7, 20), 80_000_000)], as_of=date(2025, 8, 20))
    first, second, last = r.installments[0], r.installments[1], r.installments[7]
    assert (first.paid_krw, first.status) == (M50, "paid")
    assert (second.paid_krw, second.status) == (0, "overdue")
    assert (last.prepaid_krw, last.outstanding_krw) == (30_000_000, 20_000_000)
    assert (r.days_overdue, r.next_due_on, r.next_due_krw, r.due_now_krw) == (20, DUE[1], M50, M50)
    assert r.state == "early_repaid" and r.prepaid_krw == 30_000_000


def test_a_payment_on_the_due_date_settles_that_installment():
    r = run([pay(DUE[0], M50)], as_of=DUE[0])
    assert (r.installments[0].status, r.prepaid_krw, r.due_now_krw) == ("paid", 0, 0)


def test_excess_over_what_is_due_prepays_the_last_installments():
    # #1 on time, then 120M on 2025-06-01 when nothing is due: #8 and #7 cleared, 20M on #6.
    r = run([pay(DUE[0], M50), pay(date(2025, 6, 1), 120_000_000)], as_of=date(2025, 6, 15))
    assert r.state == "early_repaid"
    assert (r.prepaid_krw, r.repaid_krw, r.outstanding_krw) == (120_000_000, 170_000_000, 230_000_000)
    assert [i.status for i in r.installments] == ["paid"] + ["upcoming"] * 5 + ["prepaid"] * 2
    assert (r.installments[5].prepaid_krw, r.installments[5].outstanding_krw) == (20_000_000, 30_000_000)
    # the schedule is shorter, not cheaper: the last open installment is now #6
    assert (r.next_due_on, r.next_due_krw, r.last_due_on) == (DUE[1], M50, DUE[5])
    assert "§7.3" in r.clauses


@pytest.mark.parametrize(("as_of", "days", "state"), [
    (date(2025, 5, 29), 29, "on_schedule"),
    (date(2025, 5, 30), 30, "notice"),
    (date(2025, 6, 14), 45, "notice"),
    (date(2025, 7, 28), 89, "notice"),
    (date(2025, 7, 29), 90, "default"),
    (date(2025, 8, 28), 120, "default"),
])
def test_days_overdue_give_notice_then_default(as_of, days, state):
    r = run(as_of=as_of)  # nothing paid; #1 was due 2025-04-30
    assert (r.days_overdue, r.state) == (days, state)


def test_notice_asks_for_what_is_due_and_default_for_everything():
    notice = run(as_of=date(2025, 6, 14))
    assert (notice.due_now_krw, notice.next_due_on, notice.outstanding_krw) == (M50, DUE[0], 400_000_000)
    assert "§7.4" in notice.clauses and "§11" not in notice.clauses
    default = run(as_of=date(2025, 8, 28))  # default on 2025-07-29 (#1 + 90 days): the whole balance falls due
    assert (default.due_now_krw, default.outstanding_krw, default.defaulted_on) == (
        400_000_000, 400_000_000, date(2025, 7, 29))
    assert [i.status for i in default.installments] == ["overdue"] * 8
    assert [i.due_on for i in default.installments[1:]] == [date(2025, 7, 29)] * 7
    assert {"§7.4", "§11.3"} <= set(default.clauses)


def test_a_partial_payment_still_leaves_the_installment_overdue():
    r = run([pay(date(2025, 5, 10), 30_000_000)], as_of=date(2025, 6, 14))
    assert (r.days_overdue, r.state, r.next_due_krw) == (45, "notice", 20_000_000)


def test_deferral_moves_only_installments_unpaid_on_approval():
    r = run([pay(DUE[0], M50)], as_of=date(2025, 9, 1),
            deferral_months=6, deferral_approved_on=date(2025, 6, 1))
    # completion + 24, 27, … 42 months (§7.6 counts from completion, so month ends stay month ends)
    moved = [date(2026, 1, 31), date(2026, 4, 30), date(2026, 7, 31), date(2026, 10, 31),
             date(2027, 1, 31), date(2027, 4, 30), date(2027, 7, 31)]
    assert [i.due_on for i in r.installments] == [DUE[0]] + moved
    assert [i.deferred for i in r.installments] == [False] + [True] * 7
    assert r.installments[1].original_due_on == DUE[1]
    assert (r.state, r.days_overdue, r.next_due_on, r.deferral_months) == ("deferred", 0, moved[0], 6)
    assert "§7.6" in r.clauses


def test_deferral_rescues_an_installment_overdue_at_approval():
    # #2 (due 2025-07-31) unpaid when the deferral is approved on 2025-08-15 → moves to 2026-01-31.
    r = run([pay(DUE[0], M50)], as_of=date(2025, 9, 20), deferral_months=6, deferral_approved_on=date(2025, 8, 15))
    assert (r.state, r.days_overdue, r.installments[1].due_on) == ("deferred", 0, date(2026, 1, 31))


def test_a_deferral_approved_after_the_as_of_date_is_not_applied_yet():
    r = run([pay(DUE[0], M50)], as_of=date(2025, 5, 15), deferral_months=6, deferral_approved_on=date(2025, 6, 1))
    assert (r.state, r.installments[1].due_on, r.deferral_months) == ("on_schedule", DUE[1], 0)


def test_a_deferred_firm_can_still_fall_into_notice():
    r = run([pay(DUE[0], M50)], as_of=date(2026, 3, 15), deferral_months=6, deferral_approved_on=date(2025, 6, 1))
    assert (r.days_overdue, r.state) == (43, "notice")  # moved #2 was due 2026-01-31


def test_one_payment_of_everything_is_fully_repaid():
    r = run([pay(DUE[0], 400_000_000)], as_of=date(2025, 5, 1))
    assert (r.state, r.outstanding_krw, r.overpaid_krw, r.next_due_on, r.last_due_on) == (
        "fully_repaid", 0, 0, None, None)
    assert [i.status for i in r.installments] == ["paid"] + ["prepaid"] * 7


def test_overpayment_is_reported_and_balance_never_negative():
    r = run([pay(DUE[0], 410_000_000)], as_of=date(2025, 5, 1))
    assert (r.state, r.outstanding_krw, r.overpaid_krw, r.repaid_krw) == ("fully_repaid", 0, 10_000_000, 410_000_000)


def test_payments_after_as_of_and_of_other_firms_are_ignored():
    r = run([pay(DUE[0], M50), pay(date(2025, 12, 1), M50), pay(DUE[1], M50, partner_id="P-T1-002")],
            as_of=date(2025, 8, 15))
    assert (r.repaid_krw, r.outstanding_krw, r.days_overdue) == (M50, 350_000_000, 15)


def test_tier2_grants_are_not_repaid(params):
    r = compute_repayment(records(tier2(), [project(partner_id="P-T2-001")]), params, date(2026, 10, 31))
    assert (r.state, r.clauses, r.installments) == ("not_applicable", ("§8",), ())
    assert (r.support_krw, r.outstanding_krw, r.due_now_krw) == (400_000_000, 0, 0)


def test_no_support_and_unconfirmed_completion(params):
    assert compute_repayment(records(firm()), params, date(2026, 1, 1)).state == "no_support"
    assert run(support_krw=None).state == "no_support"
    r = run(completion_date=None)  # support is paid only once completion is confirmed (§6.3)
    assert (r.state, r.installments, r.grace_ends_on, r.support_krw) == ("no_support", (), None, 0)
    before = run(as_of=date(2024, 1, 30))  # the day before completion: nothing yet
    assert (before.state, before.support_krw) == ("no_support", 0)


def test_facts_are_flat_and_dated():
    facts = run([pay(DUE[0], M50)], as_of=date(2025, 8, 15)).facts()
    assert facts == {
        "partner_id": "P-T1-001", "project_id": "PRJ-001", "project_ids": ["PRJ-001"], "state": "on_schedule",
        "support_krw": 400_000_000, "repaid_krw": M50, "outstanding_krw": 350_000_000, "overpaid_krw": 0,
        "due_now_krw": M50, "prepaid_krw": 0, "next_due_on": "2025-07-31", "next_due_krw": M50,
        "last_due_on": "2027-01-31", "days_overdue": 15, "grace_ends_on": "2025-01-31", "first_due_months": 15,
        "deferral_months": 0,
        "defaulted_on": None, "accelerated_projects": [], "disposals": [], "as_of": "2025-08-15", "clauses": ["§7.1", "§7.2"],
    }


def test_simulated_early_payment_clears_the_last_installments():
    r = run([pay(DUE[0], M50), pay(DUE[1], M50), pay(DUE[2], M50)])  # as of 2025-11-15, nothing due
    sim = simulate_payment(r, 120_000_000, date(2025, 11, 15))
    assert (sim.settles_due_krw, sim.prepays_krw, sim.cleared, sim.reduced) == (0, 120_000_000, (7, 8), (6,))
    assert (sim.before.last_due_on, sim.new_last_due_on) == (DUE[7], DUE[5])
    assert sim.after.outstanding_krw == 130_000_000 and sim.after.state == "early_repaid"
    assert sim.facts()["new_last_due_on"] == "2026-07-31"


def test_simulated_payment_when_late_first_settles_what_is_due():
    r = run(as_of=date(2025, 6, 14))  # notice: #1 unpaid
    sim = simulate_payment(r, 70_000_000, date(2025, 6, 14))
    assert (sim.settles_due_krw, sim.prepays_krw, sim.cleared, sim.reduced) == (M50, 20_000_000, (1,), (8,))
    assert (sim.after.state, sim.after.days_overdue, sim.new_last_due_on) == ("early_repaid", 0, DUE[7])
    with pytest.raises(ValueError):
        simulate_payment(r, 0, date(2025, 6, 14))


def test_simulated_deferral_moves_every_unpaid_installment():
    sim = simulate_deferral(run(as_of=date(2024, 12, 1)), 3)
    assert sim.allowed and sim.reason is None and sim.clause == "§7.6"
    assert sim.moves[0] == (1, DUE[0], date(2025, 7, 31))  # completion + 18 months
    assert sim.moves[-1] == (8, DUE[7], date(2027, 4, 30))  # completion + 39 months
    assert len(sim.moves) == 8 and sim.after.state == "deferred"


def test_simulated_deferral_keeps_paid_installments():
    sim = simulate_deferral(run([pay(DUE[0], M50)], as_of=date(2025, 6, 1)), 6)
    assert [k for k, _, _ in sim.moves] == [2, 3, 4, 5, 6, 7, 8]


@pytest.mark.parametrize(("over", "months", "why"), [
    ({}, 7, "at most 6 months"),
    ({}, 0, "at most 6 months"),
    ({"deferral_months": 3, "deferral_approved_on": date(2024, 6, 1)}, 3, "already used"),
])
def test_simulated_deferral_refusals(over, months, why):
    sim = simulate_deferral(run(as_of=date(2024, 12, 1), **over), months)
    assert not sim.allowed and why in sim.reason and sim.moves == () and sim.after is None


def test_nothing_to_defer_when_repaid_or_tier2(params):
    assert "fully repaid" in simulate_deferral(run([pay(DUE[0], 400_000_000)], as_of=date(2025, 5, 1)), 3).reason
    t2 = compute_repayment(records(tier2(), [project(partner_id="P-T2-001")]), params, date(2026, 10, 31))
    assert not simulate_deferral(t2, 3).allowed
