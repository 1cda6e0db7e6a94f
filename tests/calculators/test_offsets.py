"""Reductions, credits, crediting period, report deadlines and §11.1 clawback."""

from __future__ import annotations

from datetime import date

import pytest

from bot.calculators.offsets import compute_offsets, months_between
from tests.calculators.conftest import firm, pay, project, records, reduction, tier2

AS_OF = date(2026, 10, 31)
REGISTERED = dict(completion_date=date(2024, 9, 30), registration_date=date(2025, 3, 15),
                  expected_tco2_per_year=120.0)
Y2024 = reduction(2024, verified_tco2=30.1, certified_tco2=30.1, converted_kcu=30.1,
                  report_submitted_on=date(2025, 3, 20))
Y2025 = reduction(2025, verified_tco2=118.2, report_submitted_on=date(2026, 3, 10))


def offsets(params, reductions, as_of=AS_OF, f=None, payments=(), **over):
    return compute_offsets(records(f, [project(**{**REGISTERED, **over})], payments, reductions), params, as_of)


def one(result):
    """The single project's figures."""
    assert len(result.projects) == 1
    return result.projects[0]


def test_converted_project_totals_and_crediting_period(params):
    r = offsets(params, [Y2025, Y2024])
    assert r.state == "converted"
    assert (r.verified_tco2, r.certified_tco2, r.converted_kcu, r.unconverted_koc) == (148.3, 30.1, 30.1, 0.0)
    assert [(y.year, y.stage) for y in r.years] == [(2024, "converted"), (2025, "verified")]
    assert r.expected_tco2_per_year == 120.0
    # registered 2025-03-15 → crediting period ends 2035-03-15; from 2026-10-31 that is 8 whole years
    p = one(r)
    assert (p.crediting_ends_on, p.years_left) == (date(2035, 3, 15), 8)
    assert r.rights_holder == "Hyundai Motor/Kia"
    # 2025 reported; the next report covers 2026 and is due 2027-03-31
    assert (p.next_report_year, p.next_report_due, p.missing_report_years) == (2026, date(2027, 3, 31), ())
    assert p.clawback.triggered is False
    assert {"§10.1", "§9.2", "§10.4", "Art. 29", "Art. 30"} <= set(r.clauses)


@pytest.mark.parametrize(("rows", "state"), [
    ([], "pending"),
    ([reduction(2025, report_submitted_on=date(2026, 3, 1))], "pending"),
    ([reduction(2025, verified_tco2=100.0, report_submitted_on=date(2026, 3, 1))], "verified"),
    ([reduction(2024, verified_tco2=50.0, certified_tco2=50.0, report_submitted_on=date(2025, 3, 1)),
      reduction(2025, verified_tco2=100.0, report_submitted_on=date(2026, 3, 1))], "certified"),
    ([Y2024, Y2025], "converted"),
])
def test_state_is_the_furthest_stage_any_year_reached(params, rows, state):
    assert offsets(params, rows).state == state


def test_no_project(params):
    r = compute_offsets(records(firm()), params, AS_OF)
    assert (r.state, r.project_id, r.projects, r.clawbacks) == ("no_project", None, (), ())
    assert r.facts()["state"] == "no_project"


def test_other_projects_rows_are_ignored_and_tonnes_add_exactly(params):
    sent = dict(report_submitted_on=date(2026, 3, 1))
    rows = [reduction(2024, verified_tco2=0.1, **sent), reduction(2025, verified_tco2=0.2, **sent),
            reduction(2025, verified_tco2=999.0, **sent).model_copy(update={"project_id": "PRJ-OTHER"})]
    assert offsets(params, rows).verified_tco2 == 0.3


def test_certified_but_not_converted_koc(params):
    r = offsets(params, [reduction(2024, verified_tco2=50.5, certified_tco2=50.5, converted_kcu=20.0,
                                   report_submitted_on=date(2025, 3, 1))])
    assert (r.state, r.unconverted_koc) == ("converted", 30.5)


def test_a_missing_report_is_listed_once_its_deadline_passed(params):
    assert one(offsets(params, [Y2024])).missing_report_years == (2025,)  # due 2026-03-31, as of 2026-10-31
    before = one(offsets(params, [Y2024], as_of=date(2026, 2, 10)))
    assert before.missing_report_years == ()
    assert (before.next_report_year, before.next_report_due) == (2025, date(2026, 3, 31))
    # Y2025's report is dated 2026-03-10: not in yet on 2026-02-10
    assert one(offsets(params, [Y2024, Y2025], as_of=date(2026, 2, 10))).next_report_year == 2025
    sent = reduction(2025, report_submitted_on=date(2026, 2, 1))
    assert one(offsets(params, [Y2024, sent], as_of=date(2026, 2, 10))).next_report_due == date(2027, 3, 31)
    assert one(offsets(params, [], as_of=AS_OF)).missing_report_years == (2024, 2025)
    # a report submitted on 31 March is on time; from 1 April one not yet submitted is missing
    assert one(offsets(params, [Y2024], as_of=date(2026, 3, 31))).missing_report_years == ()
    assert one(offsets(params, [Y2024], as_of=date(2026, 4, 1))).missing_report_years == (2025,)


def test_years_left_counts_whole_years(params):
    assert one(offsets(params, [], as_of=date(2034, 3, 15))).years_left == 1
    assert one(offsets(params, [], as_of=date(2034, 3, 16))).years_left == 0
    assert one(offsets(params, [], as_of=date(2036, 1, 1))).years_left == 0
    assert one(offsets(params, [], registration_date=None)).years_left is None


def test_months_between():
    assert months_between(date(2026, 3, 15), date(2029, 3, 1)) == 35
    assert months_between(date(2026, 3, 1), date(2029, 3, 1)) == 36
    assert months_between(date(2024, 1, 31), date(2024, 2, 29)) == 1
    assert months_between(date(2024, 3, 1), date(2024, 2, 1)) == 0


GRANT = dict(partner_id="P-T2-001", support_krw=100_000_000, completion_date=date(2024, 3, 1),
             registration_date=date(2024, 6, 1))


@pytest.mark.parametrize(("since", "refund", "months"), [
    (date(2026, 3, 1), 60_000_000, 36),  # 100M × 36/60
    (date(2026, 3, 15), 58_333_333, 35),  # 100M × 35/60 = 58,333,333.33 → down
])
def test_tier2_sold_equipment_refunds_pro_rata(params, since, refund, months):
    r = offsets(params, [], f=tier2(), **GRANT, equipment_status="sold", equipment_status_since=since)
    c = one(r).clawback
    assert (c.triggered, c.amount_krw, c.months_remaining, c.event_on) == (True, refund, months, since)
    assert "pro-rata" in c.consequence and "§11.1" in r.clauses
    assert r.facts()["clawback_krw"] == refund


def test_idle_more_than_six_months_triggers_clawback(params):
    idle = dict(**GRANT, equipment_status="idle", equipment_status_since=date(2026, 1, 1))
    # idle 2026-01-01 → 6 months on 2026-07-01; counts from the day after
    assert not one(offsets(params, [], as_of=date(2026, 7, 1), f=tier2(), **idle)).clawback.triggered
    c = one(offsets(params, [], as_of=date(2026, 7, 2), f=tier2(), **idle)).clawback
    # remaining from 2026-01-01 to 2029-03-01 = 38 months; 100M × 38/60 = 63,333,333.33 → down
    assert (c.triggered, c.months_remaining, c.amount_krw) == (True, 38, 63_333_333)


@pytest.mark.parametrize(("status", "completion", "since", "why"), [
    ("sold", date(2019, 1, 1), date(2024, 6, 1), "after the 5-year period"),
    ("idle", date(2021, 1, 1), date(2025, 8, 1), "after the 5-year period"),  # more than 6 months only in 2026-02
    ("idle", date(2024, 3, 1), date(2026, 6, 1), "not yet more than 6 months"),
    ("sold", date(2024, 3, 1), date(2026, 11, 5), "in use"),  # sold after the as-of date: not yet
    ("in_use", date(2024, 3, 1), None, "in use"),
])
def test_no_clawback(params, status, completion, since, why):
    c = one(offsets(params, [], f=tier2(), **{**GRANT, "completion_date": completion}, equipment_status=status,
                    equipment_status_since=since)).clawback
    assert not c.triggered and why in c.reason and c.amount_krw is None


def test_a_disposal_needs_its_date():
    with pytest.raises(ValueError, match="equipment_status_since"):
        project(equipment_status="sold")


def test_tier1_clawback_makes_the_unpaid_balance_due(params):
    sold = project(equipment_status="removed", equipment_status_since=date(2025, 6, 1))
    r = compute_offsets(records(firm(), [sold], [pay(date(2025, 4, 30), 50_000_000)]), params, date(2025, 6, 15))
    c = one(r).clawback
    assert (c.triggered, c.amount_krw, c.effective_on) == (True, 350_000_000, date(2025, 6, 1))
    assert c.consequence == "the unpaid balance falls due at once"


def test_offset_facts_are_flat(params):
    facts = offsets(params, [Y2024, Y2025]).facts()
    assert facts["as_of"] == "2026-10-31" and facts["crediting_ends_on"] == "2035-03-15"
    assert facts["next_report_due"] == "2027-03-31" and facts["years_left"] == 8
    assert facts["clawback"] is False and facts["missing_report_years"] == []
