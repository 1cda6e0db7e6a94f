"""§3 and §4 eligibility: each single failing criterion, unknowns, and the verdict."""

from __future__ import annotations

from datetime import date

import pytest

from bot.calculators.eligibility import check_eligibility
from tests.calculators.conftest import firm, pay, project, records, tier2

AS_OF = date(2026, 10, 31)
APPLIED = dict(project_id="PRJ-002", funding_round=2, support_krw=None, support_paid_on=None, completion_date=None)


def tier1_check(params, f=None, projects=None, payments=(), as_of=AS_OF):
    f = f or firm()
    projects = [project(**APPLIED)] if projects is None else projects
    return check_eligibility(records(f, projects, payments), None, params, as_of)


def test_a_clean_tier1_firm_is_eligible(params):
    r = tier1_check(params)
    assert r.verdict == "eligible" and r.project_id == "PRJ-002"
    assert [c.clause for c in r.criteria] == ["§3.1", "§3.1", "§3.2", "§3.3", "§3.4", "§3.4", "§3.5"]
    assert all(c.status == "pass" for c in r.criteria)
    assert r.criteria[-1].value == "expected reduction: 80.0 tCO2eq/yr (PRJ-002)"


@pytest.mark.parametrize(("over", "clause", "value"), [
    ({"hmg_contract": "expired"}, "§3.1", "supply contract: expired"),
    ({"agreement_signed": False}, "§3.1", "agreement signed: no"),
    ({"size_class": "large"}, "§3.2", "size class: large enterprise; group affiliate: no"),
    ({"group_affiliate": True}, "§3.2", "size class: mid-sized enterprise; group affiliate: yes"),
    ({"inside_allocated_entity": True}, "§3.3", "inside allocated entity: yes"),
    ({"excluded_until": date(2027, 3, 1), "exclusion_reason": "false statement"}, "§3.4",
     "excluded until 2027-03-01 (false statement); it can apply again from 2027-03-02"),
])
def test_each_single_firm_criterion_fails_alone(params, over, clause, value):
    r = tier1_check(params, firm(**over))
    assert r.verdict == "not_eligible"
    assert [(c.clause, c.value) for c in r.failed] == [(clause, value)]
    assert r.facts()["failed_clauses"] == [clause]


def test_an_exclusion_runs_through_its_last_day(params):
    assert tier1_check(params, firm(excluded_until=date(2026, 10, 30))).verdict == "eligible"
    last_day = tier1_check(params, firm(excluded_until=date(2026, 10, 31)))  # §11.3: that date is included
    assert [c.clause for c in last_day.failed] == ["§3.4"]


def test_a_firm_in_default_is_excluded_until_it_settles(params):
    # KRW 400M completed 2024-01-31: #1 due 2025-04-30 unpaid → default on 2025-07-29
    r = tier1_check(params, projects=[project()], as_of=date(2025, 8, 1))
    assert [(c.label, c.status) for c in r.failed] == [("No installment more than 30 days overdue", "fail"),
                                                       ("No active exclusion under §11", "fail")]
    assert "excluded for default since 2025-07-29" in r.failed[1].value
    # paying the oldest installment does not end the default: the rest fell due at once
    paid_oldest = tier1_check(params, projects=[project()], payments=[pay(date(2025, 8, 1), 50_000_000)],
                              as_of=date(2025, 8, 2))
    assert "No active exclusion under §11" in [c.label for c in paid_oldest.failed]
    settled = tier1_check(params, projects=[project()], payments=[pay(date(2025, 8, 1), 400_000_000)],
                          as_of=date(2025, 8, 2))
    assert settled.verdict == "eligible"


def test_thirty_days_overdue_still_meets_section_3_4(params):
    at_30 = tier1_check(params, projects=[project()], as_of=date(2025, 5, 30))
    at_31 = tier1_check(params, projects=[project()], as_of=date(2025, 5, 31))
    assert (at_30.verdict, [c.clause for c in at_31.failed]) == ("eligible", ["§3.4"])


def test_reduction_below_fifty_fails_section_3_5(params):
    r = tier1_check(params, projects=[project(**APPLIED, expected_tco2_per_year=49.9)])
    assert [(c.clause, c.value) for c in r.failed] == [("§3.5", "expected reduction: 49.9 tCO2eq/yr (PRJ-002)")]
    assert tier1_check(params, projects=[project(**APPLIED, expected_tco2_per_year=50)]).verdict == "eligible"


def test_the_latest_project_is_the_one_checked(params):
    old = project(expected_tco2_per_year=10)  # round 1, supported, repaid below
    r = tier1_check(params, projects=[old, project(**APPLIED)], payments=[pay(date(2025, 4, 30), 400_000_000)])
    assert r.verdict == "eligible" and r.project_id == "PRJ-002"


def test_overdue_more_than_thirty_days_fails_section_3_4(params):
    supported = [project(), project(**APPLIED)]  # round-1 support of 400M; #1 due 2025-04-30
    late = tier1_check(params, projects=supported, as_of=date(2025, 6, 14))  # 45 days, nothing paid
    assert [(c.clause, c.value) for c in late.failed] == [
        ("§3.4", "45 days overdue: the installment due on 2025-04-30 is not fully paid (repayment state: notice)")]
    assert late.failed[0].also == ("§7.4",)
    # exactly 30 days is not *more* than 30 days
    assert tier1_check(params, projects=supported, as_of=date(2025, 5, 30)).verdict == "eligible"
    default = tier1_check(params, projects=supported, as_of=date(2025, 8, 28))
    assert default.failed[0].value.startswith("120 days overdue: the installment due on 2025-04-30")


def test_paid_up_support_passes_section_3_4(params):
    paid = [pay(date(2025, 4, 30), 50_000_000), pay(date(2025, 7, 31), 50_000_000)]
    r = tier1_check(params, projects=[project(), project(**APPLIED)], payments=paid, as_of=date(2025, 8, 15))
    assert r.verdict == "eligible"


def test_unknown_site_status_needs_review(params):
    r = tier1_check(params, firm(inside_allocated_entity=None))
    assert r.verdict == "needs_review" and r.failed == ()
    assert [(c.clause, c.value) for c in r.unknown] == [("§3.3", "inside allocated entity: not recorded")]
    assert r.facts()["unknown_clauses"] == ["§3.3"]


def test_no_project_needs_review(params):
    r = tier1_check(params, projects=[])
    assert (r.verdict, r.project_id, [c.clause for c in r.unknown]) == ("needs_review", None, ["§3.5"])


def test_a_fail_outweighs_an_unknown(params):
    r = tier1_check(params, firm(inside_allocated_entity=None, hmg_contract="none"), projects=[])
    assert r.verdict == "not_eligible"
    facts = r.facts()
    assert facts["failed_clauses"] == ["§3.1"] and facts["unknown_clauses"] == ["§3.3", "§3.5"]
    assert (facts["criteria_passed"], facts["criteria_total"], facts["as_of"]) == (4, 7, "2026-10-31")


# --- tier 2 ---------------------------------------------------------------------------------

PARENT = firm()
T2_PROJECT = dict(partner_id="P-T2-001", expected_tco2_per_year=25.0, support_krw=None, completion_date=None,
                  support_paid_on=None)


def tier2_check(params, f=None, projects=None, parent=PARENT):
    projects = [project(**T2_PROJECT)] if projects is None else projects
    return check_eligibility(records(f or tier2(), projects), parent, params, AS_OF)


def test_a_clean_tier2_firm_is_eligible(params):
    r = tier2_check(params)
    assert r.verdict == "eligible"
    assert [c.clause for c in r.criteria] == ["§4.1", "§4.1", "§4.1", "§4.2", "§4.3", "§4.4", "§11.2"]
    assert r.criteria[0].value == "tier-1 customer on record is a participating tier-1 partner: it has signed the win-win agreement"


@pytest.mark.parametrize(("over", "clause", "value"), [
    ({"hmg_contract": "active"}, "§4.1", "supply contract: active"),
    ({"size_class": "mid"}, "§4.1", "size class: mid-sized enterprise; group affiliate: no"),
    ({"group_affiliate": True}, "§4.1", "size class: SME; group affiliate: yes"),
    ({"inside_allocated_entity": True}, "§4.3", "inside allocated entity: yes"),
    ({"excluded_until": date(2028, 1, 1)}, "§11.2", "excluded until 2028-01-01; it can apply again from 2028-01-02"),
])
def test_each_single_tier2_criterion_fails_alone(params, over, clause, value):
    r = tier2_check(params, tier2(**over))
    assert r.verdict == "not_eligible" and [(c.clause, c.value) for c in r.failed] == [(clause, value)]


def test_parent_must_be_a_participating_tier1(params):
    r = tier2_check(params, parent=firm(agreement_signed=False))
    assert [c.clause for c in r.failed] == ["§4.1"] and "not a participating" in r.failed[0].value
    assert "P-T1-001" not in r.failed[0].value  # the customer's own record is not shown (§12.1)
    other_t2 = tier2(partner_id="P-T2-009", parent_id="P-T1-003")
    r = tier2_check(params, tier2(parent_id="P-T2-009"), parent=other_t2)
    assert [c.clause for c in r.failed] == ["§4.1"] and "not a participating" in r.failed[0].value


def test_missing_parent_record_needs_review(params):
    r = tier2_check(params, parent=None)
    assert r.verdict == "needs_review" and r.unknown[0].value == "tier-1 customer: P-T1-001 (record not available)"
    r = tier2_check(params, tier2(parent_id=None), parent=None)
    assert r.verdict == "needs_review" and r.unknown[0].value == "tier-1 customer: not recorded"


def test_tier2_reduction_below_twenty_fails_section_4_2(params):
    r = tier2_check(params, projects=[project(**{**T2_PROJECT, "expected_tco2_per_year": 19.5})])
    assert [(c.clause, c.value) for c in r.failed] == [("§4.2", "expected reduction: 19.5 tCO2eq/yr (PRJ-001)")]


def test_a_second_project_in_the_same_round_fails_section_4_4(params):
    supported = {**T2_PROJECT, "support_krw": 70_000_000, "completion_date": date(2025, 1, 10)}
    two = [project(**supported), project(**{**supported, "project_id": "PRJ-009"})]
    r = tier2_check(params, projects=two)
    assert [(c.clause, c.value) for c in r.failed] == [("§4.4", "supported projects in round 1: 2")]
    next_round = [project(**T2_PROJECT), project(**{**T2_PROJECT, "project_id": "PRJ-009", "funding_round": 2})]
    assert tier2_check(params, projects=next_round).verdict == "eligible"


def test_an_installment_overdue_because_the_equipment_went_idle_names_section_11_1(params):
    # completed 2024-01-31, #1..#4 paid on their due dates (through 2026-01-31); idle since 2025-09-01 counts
    # from 2026-03-02, when #5..#8 fall due at once (§11.1); unpaid, on 2026-04-16 they are 45 days overdue
    idle = project(equipment_status="idle", equipment_status_since=date(2025, 9, 1))
    paid = [pay(day, 50_000_000, n=n) for n, day in enumerate(
        (date(2025, 4, 30), date(2025, 7, 31), date(2025, 10, 31), date(2026, 1, 31)))]
    r = tier1_check(params, projects=[idle, project(**APPLIED)], payments=paid, as_of=date(2026, 4, 16))
    assert [c.clause for c in r.failed] == ["§3.4"]
    assert r.failed[0].value.startswith("45 days overdue: the installment due on 2026-03-02")
    assert r.failed[0].also == ("§7.4", "§11.1")


def test_the_clause_a_recorded_exclusion_names_is_cited_with_section_11_3(params):
    r = tier1_check(params, firm(excluded_until=date(2027, 6, 30),
                                 exclusion_reason="false statement in application (§11.2)"))
    assert [c.also for c in r.failed] == [("§11.2", "§11.3")]
