"""The shipped sample partner records: reproducible, valid, and covering every case."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from bot.records.models import TABLES
from ingest.sample_partners import AS_OF, main, support_amount

ROOT = Path(__file__).resolve().parents[2]
PARTNERS = ROOT / "knowledge" / "partners"
CASES = ROOT / "tests" / "data" / "partner_cases.json"
FILES = ["firms", "projects", "reductions", "ledger", "users"]


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("partners")
    main(["--out", str(out), "--seed", "2026", "--cases", str(out / "partner_cases.json")])
    return out


def _rows(table: str) -> list[dict[str, str]]:
    lines = (PARTNERS / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#")
    return list(csv.DictReader(lines[1:]))


def _records(table: str) -> list:
    model = TABLES[table]
    records = []
    for row in _rows(table):
        if table == "firms":
            # Firm.tier is Literal[1, 2], which pydantic does not coerce from "1";
            # the CSV loader has to convert it, so the test does the same.
            row = {**row, "tier": int(row["tier"])}
        records.append(model.model_validate(row))
    return records


@pytest.fixture(scope="module")
def cases() -> dict:
    return json.loads(CASES.read_text(encoding="utf-8"))


@pytest.mark.parametrize("table", FILES)
def test_regeneration_is_byte_identical(regenerated: Path, table: str) -> None:
    assert (regenerated / f"{table}.csv").read_bytes() == (PARTNERS / f"{table}.csv").read_bytes()


def test_case_map_is_regenerated_identically(regenerated: Path) -> None:
    assert (regenerated / "partner_cases.json").read_bytes() == CASES.read_bytes()


@pytest.mark.parametrize("table", FILES)
def test_first_line_says_fictional(table: str) -> None:
    first = (PARTNERS / f"{table}.csv").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#") and "fictional" in first.lower()


@pytest.mark.parametrize("table", FILES)
def test_header_is_the_model_fields(table: str) -> None:
    lines = (PARTNERS / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].split(",") == list(TABLES[table].model_fields)


@pytest.mark.parametrize("table", FILES)
def test_every_row_validates(table: str) -> None:
    assert _records(table)


def test_firm_counts_and_identity() -> None:
    firms = _records("firms")
    tier1 = [f for f in firms if f.tier == 1]
    tier2 = [f for f in firms if f.tier == 2]
    assert len(tier1) >= 87 and len(tier2) >= 120
    ids = {f.partner_id for f in tier1}
    assert all(f.parent_id in ids for f in tier2)
    assert all(f.parent_id is None for f in tier1)
    domains = [f.email_domain for f in firms]
    assert len(set(domains)) == len(domains) and all(d.endswith(".example") for d in domains)
    names = [f.name.lower() for f in firms]
    for name in names:
        assert sum(name in other for other in names) == 1, f"{name!r} is part of another firm's name"


def test_support_follows_the_rules() -> None:
    tiers = {f.partner_id: f.tier for f in _records("firms")}
    capped = {1: 0, 2: 0}
    for p in _records("projects"):
        if p.support_krw is None:
            assert p.completion_date is None
            continue
        tier = tiers[p.partner_id]
        assert p.support_krw == support_amount(tier, p.eligible_cost_krw, p.led_cost_krw)
        capped[tier] += p.support_krw == (500_000_000 if tier == 1 else 150_000_000)
        assert p.completion_date.year == 2021 + p.funding_round
    assert capped[1] >= 2 and capped[2] >= 2


def test_ledger_only_for_awarded_tier1_before_as_of() -> None:
    awarded = {p.partner_id for p in _records("projects") if p.support_krw is not None}
    for entry in _records("ledger"):
        assert entry.partner_id.startswith("P-T1-") and entry.partner_id in awarded
        assert entry.paid_on <= AS_OF


def test_reductions_are_monotone() -> None:
    for r in _records("reductions"):
        if r.certified_tco2 is not None:
            assert r.verified_tco2 is not None and r.certified_tco2 <= r.verified_tco2
        if r.converted_kcu is not None:
            assert r.certified_tco2 is not None and r.converted_kcu <= r.certified_tco2


def test_users_belong_to_firms_or_staff() -> None:
    firms = {f.partner_id: f for f in _records("firms")}
    users = _records("users")
    assert len({u.slack_user_id for u in users}) == len(users)
    per_firm = {pid: 0 for pid in firms}
    for u in users:
        if u.role == "staff":
            assert u.partner_id is None and u.email.endswith("@kap.example")
        else:
            assert u.email.endswith("@" + firms[u.partner_id].email_domain)
            per_firm[u.partner_id] += 1
    assert all(1 <= n <= 3 for n in per_firm.values())
    assert sum(u.role == "staff" for u in users) == 4


def test_every_case_has_at_least_two_known_firms(cases: dict) -> None:
    firms = {f.partner_id for f in _records("firms")}
    assert cases["as_of"] == AS_OF.isoformat()
    assert len(cases["cases"]) == 31
    for key, pids in cases["cases"].items():
        assert len(pids) >= 2, key
        assert set(pids) <= firms, key
    rep = {pid for key, pids in cases["cases"].items() if key.startswith("rep_") for pid in pids}
    assert rep <= set(cases["expected"])
    for pid in rep:
        assert {"outstanding_krw", "days_overdue", "next_due_on", "next_due_krw"} <= set(cases["expected"][pid])
