"""The calculators derive, from the raw sample CSVs, exactly the cases the generator planted."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import date

import pytest

from bot.calculators.eligibility import check_eligibility
from bot.calculators.offsets import compute_offsets
from bot.calculators.params import Parameters
from bot.calculators.repayment import compute_repayment, supported_project
from ingest.loaders.records import load_records
from tests.conftest import KNOWLEDGE, ROOT

PLAN = json.loads((ROOT / "tests" / "data" / "partner_cases.json").read_text())
AS_OF = date.fromisoformat(PLAN["as_of"])


@pytest.fixture(scope="module")
def records():
    tables = {p.stem: load_records(p, p.name).rows for p in (KNOWLEDGE / "partners").glob("*.csv")}
    by_firm = {name: defaultdict(list) for name in ("projects", "ledger")}
    for p in tables["projects"]:
        by_firm["projects"][p.partner_id].append(p)
    for p in tables["ledger"]:
        by_firm["ledger"][p.partner_id].append(p)
    reductions = defaultdict(list)
    for r in tables["reductions"]:
        reductions[r.project_id].append(r)
    firms = {f.partner_id: f for f in tables["firms"]}
    return firms, by_firm["projects"], by_firm["ledger"], reductions, Parameters.load(KNOWLEDGE / "program" / "parameters.yaml")


def cases(prefix: str):
    return [(case, pid) for case, pids in PLAN["cases"].items() if case.startswith(prefix) for pid in pids]


@pytest.mark.parametrize("case,pid", cases("rep_"))
def test_repayment_state_and_figures(records, case, pid):
    firms, projects, ledger, _, params = records
    result = compute_repayment(firms[pid], supported_project(projects[pid]), ledger[pid], params, AS_OF)
    assert result.state == case.removeprefix("rep_")
    expected = PLAN["expected"].get(pid)
    if expected:
        assert result.outstanding_krw == expected["outstanding_krw"]
        assert result.days_overdue == expected["days_overdue"]
        assert (result.next_due_on.isoformat() if result.next_due_on else None) == expected["next_due_on"]


@pytest.mark.parametrize("case,pid", cases("t1_") + cases("t2_"))
def test_eligibility_verdict(records, case, pid):
    firms, projects, ledger, _, params = records
    firm = firms[pid]
    parent = firms.get(firm.parent_id) if firm.parent_id else None
    result = check_eligibility(firm, projects[pid], ledger[pid], parent,
                               projects[parent.partner_id] if parent else [], params, AS_OF)
    want = "eligible" if case.endswith("_eligible") else "needs_review" if "review" in case else "not_eligible"
    assert result.verdict == want, [(c.clause, c.value) for c in result.failed + result.unknown]
    if want == "not_eligible":  # exactly the planted clause fails, nothing else
        planted = "§" + case.split("_")[2] + "." + case.split("_")[3]
        assert {c.clause for c in result.failed} == {planted}


@pytest.mark.parametrize("case,pid", cases("off_"))
def test_offset_state(records, case, pid):
    firms, projects, _, reductions, params = records
    done = [p for p in projects[pid] if p.completion_date]
    project = max(done, key=lambda p: (p.funding_round, p.project_id))
    result = compute_offsets(firms[pid], project, reductions[project.project_id], params, AS_OF)
    if "clawback" in case:
        assert result.clawback.triggered
    else:
        assert result.state == case.removeprefix("off_")
