"""The calculators derive, from the raw sample CSVs, exactly the cases the generator planted."""

from __future__ import annotations

import json

import pytest

from bot.calculators import check_eligibility, compute_offsets, compute_repayment
from tests.conftest import ROOT
from tests.oracle.test_agreement import load_sample

PLAN = json.loads((ROOT / "tests" / "data" / "partner_cases.json").read_text())
AS_OF = __import__("datetime").date.fromisoformat(PLAN["as_of"])


@pytest.fixture(scope="module")
def sample():
    return load_sample()


def cases(prefix: str):
    return [(case, pid) for case, pids in PLAN["cases"].items() if case.startswith(prefix) for pid in pids]


@pytest.mark.parametrize("case,pid", cases("rep_"))
def test_repayment_state_and_figures(sample, case, pid):
    firms, params = sample
    result = compute_repayment(firms[pid], params, AS_OF)
    assert result.state == case.removeprefix("rep_")
    expected = PLAN["expected"].get(pid)
    if expected:
        assert result.outstanding_krw == expected["outstanding_krw"]
        assert result.days_overdue == expected["days_overdue"]
        assert (result.next_due_on.isoformat() if result.next_due_on else None) == expected["next_due_on"]


@pytest.mark.parametrize("case,pid", cases("t1_") + cases("t2_"))
def test_eligibility_verdict(sample, case, pid):
    firms, params = sample
    records = firms[pid]
    parent = firms[records.firm.parent_id].firm if records.firm.parent_id in firms else None
    result = check_eligibility(records, parent, params, AS_OF)
    want = "eligible" if case.endswith("_eligible") else "needs_review" if "review" in case else "not_eligible"
    assert result.verdict == want, [(c.clause, c.value) for c in result.failed + result.unknown]
    if want == "not_eligible":  # exactly the planted clause fails, nothing else
        planted = "§" + case.split("_")[2] + "." + case.split("_")[3]
        assert {c.clause for c in result.failed} == {planted}


@pytest.mark.parametrize("case,pid", cases("off_"))
def test_offset_state(sample, case, pid):
    firms, params = sample
    result = compute_offsets(firms[pid], params, AS_OF)
    if "clawback" in case:
        assert result.clawbacks
    else:
        assert result.state == case.removeprefix("off_") and not result.clawbacks


def test_edge_cases_come_out_as_planted(sample):
    firms, params = sample
    edge = PLAN["cases"]

    def rep(pid):
        return compute_repayment(firms[pid], params, AS_OF)

    assert all(rep(pid).days_overdue == 30 for pid in edge["edge_overdue_30_days"])
    assert all(rep(pid).state == "default" and rep(pid).due_now_krw == rep(pid).outstanding_krw
               for pid in edge["edge_default_then_paid_oldest"])
    assert all(len(rep(pid).project_ids) == 2 for pid in edge["multi_t1_two_projects"])
    assert all(rep(pid).state == "refunded" for pid in edge["edge_refund_paid"])
    assert all(not compute_offsets(firms[pid], params, AS_OF).clawbacks for pid in edge["edge_disposal_after_as_of"])
    for pid in edge["edge_report_after_as_of"]:
        offsets = compute_offsets(firms[pid], params, AS_OF)
        assert 2025 in offsets.projects[0].missing_report_years and offsets.year_totals(2025) is None
    for pid in edge["edge_paid_before_due"]:
        r = rep(pid)
        assert r.prepaid_krw and r.days_overdue > 0 and r.installments[-1].prepaid_krw
