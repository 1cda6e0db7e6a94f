"""The seeded sample-record generator: reproducible, valid, and covering every case twice or more."""

from __future__ import annotations

import filecmp
import json

from ingest.loaders.records import load_records
from ingest.sample_partners import main
from tests.conftest import KNOWLEDGE, ROOT

PARTNERS = KNOWLEDGE / "partners"


def test_regenerating_gives_the_committed_files(tmp_path):
    main(["--out", str(tmp_path / "partners"), "--cases", str(tmp_path / "cases.json")])
    for path in sorted(PARTNERS.glob("*.csv")):
        assert filecmp.cmp(path, tmp_path / "partners" / path.name, shallow=False), path.name
    assert filecmp.cmp(ROOT / "tests" / "data" / "partner_cases.json", tmp_path / "cases.json", shallow=False)


def test_every_row_validates_and_the_counts_hold():
    tables = {p.stem: load_records(p, p.name) for p in PARTNERS.glob("*.csv")}
    assert all(not t.errors for t in tables.values()), {k: t.errors[:3] for k, t in tables.items()}
    firms = tables["firms"].rows
    assert sum(f.tier == 1 for f in firms) >= 87 and sum(f.tier == 2 for f in firms) >= 120
    names = [f.name for f in firms]
    assert len(set(names)) == len(names)
    inside = {b for a in names for b in names if a != b and a.split(" Co.")[0] in b}
    by_name = {f.name: f.partner_id for f in firms}
    planted = json.loads((ROOT / "tests" / "data" / "partner_cases.json").read_text())["cases"]
    assert {by_name[b] for b in inside} == set(planted["edge_name_contains_other"])  # only where planted
    staff = [u for u in tables["users"].rows if u.role == "staff"]
    assert len(staff) >= 2 and all(u.partner_id is None for u in staff)


def test_each_case_is_planted_on_at_least_two_firms():
    cases = json.loads((ROOT / "tests" / "data" / "partner_cases.json").read_text())["cases"]
    expected = {"t1_eligible", "t1_fail_3_1_contract", "t1_fail_3_1_agreement", "t1_fail_3_2_large",
                "t1_fail_3_2_affiliate", "t1_fail_3_3_allocated", "t1_review_3_3_unknown", "t1_fail_3_4_overdue",
                "t1_fail_3_4_excluded", "t1_fail_3_5_reduction", "rep_no_support", "rep_grace", "rep_on_schedule",
                "rep_early_repaid", "rep_notice", "rep_default", "rep_deferred", "rep_fully_repaid", "off_pending",
                "off_verified", "off_certified", "off_converted", "off_clawback_t1", "off_clawback_t2", "t2_eligible",
                "t2_fail_4_1_direct", "t2_fail_4_1_size", "t2_fail_4_1_parent", "t2_fail_4_2_reduction",
                "t2_fail_4_3_allocated", "t2_fail_4_4_second_project", "t2_fail_4_1_affiliate",
                "t1_fail_3_4_excluded_last_day", "multi_t1_two_projects", "multi_t2_two_rounds",
                "edge_disposal_after_as_of", "edge_balance_paid_after_disposal", "edge_refund_paid",
                "edge_report_after_as_of", "edge_overdue_30_days", "edge_default_then_paid_oldest",
                "edge_deferral_same_day_payment", "edge_paid_before_due", "edge_name_contains_other"}
    assert expected <= set(cases)
    assert {c: len(cases[c]) for c in expected if len(cases[c]) < 2} == {}
