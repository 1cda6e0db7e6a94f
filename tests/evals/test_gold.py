"""Loading gold files: the shared YAML contract, folders, overrides and errors that name file, case and field."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from evals.gold import GoldError, load_gold
from tests.conftest import ROOT

CASE = {"id": "d-1", "category": "c", "question": "q", "asker": {"guest": True}, "expect": {"status": "answered"}}


def write(path, cases, **top):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({**top, "cases": cases}))
    return path


def test_a_folder_is_read_recursively_and_as_of_is_inherited_or_overridden(tmp_path):
    write(tmp_path / "a.yaml", [CASE], as_of="2026-10-31")
    write(tmp_path / "sub" / "b.yaml", [{**CASE, "id": "d-2", "as_of": "2026-01-15", "thread": ["hi"],
                                         "asker": {"partner": "P-T1-001"}}], as_of="2026-10-31")
    cases = load_gold(tmp_path)
    assert [c.id for c in cases] == ["d-1", "d-2"]
    assert cases[0].as_of == date(2026, 10, 31) and cases[1].as_of == date(2026, 1, 15)
    assert cases[1].thread == ["hi"] and cases[1].asker.partner == "P-T1-001"


def test_bad_fields_name_file_case_and_field(tmp_path):
    bad = write(tmp_path / "bad.yaml", [{**CASE, "id": "x-1", "expect": {"status": "maybe"}}])
    with pytest.raises(GoldError, match=r"bad.yaml: case x-1: expect.status"):
        load_gold(bad)
    two = write(tmp_path / "two.yaml", [{**CASE, "asker": {"guest": True, "staff": True}}])
    with pytest.raises(GoldError, match=r"two.yaml: case d-1: asker: .*exactly one"):
        load_gold(two)
    typo = write(tmp_path / "typo.yaml", [{**CASE, "expect": {"status": "answered", "cites": ["§1"]}}])
    with pytest.raises(GoldError, match=r"case d-1: expect.cites"):
        load_gold(typo)


def test_duplicate_ids_are_rejected_across_files(tmp_path):
    write(tmp_path / "a.yaml", [CASE])
    write(tmp_path / "b.yaml", [CASE])
    with pytest.raises(GoldError, match=r"case d-1: duplicate id \(also in .*a.yaml\)"):
        load_gold(tmp_path)


def test_missing_and_empty_gold_are_errors(tmp_path):
    with pytest.raises(GoldError, match="not found"):
        load_gold(tmp_path / "nope.yaml")
    with pytest.raises(GoldError, match="'cases' list"):
        load_gold(write(tmp_path / "e.yaml", None))


def test_the_mini_gold_and_the_real_gold_set_load():
    assert len(load_gold(ROOT / "tests" / "data" / "mini_gold.yaml")) == 10
    cases = load_gold(ROOT / "evals" / "gold")
    counts: dict[str, int] = {}
    for c in cases:
        counts[c.category] = counts.get(c.category, 0) + 1
    assert len(cases) >= 150
    minimum = {"eligibility": 25, "repayment": 25, "offset": 25, "program": 20, "law": 15, "out_of_scope": 15,
               "access": 15, "multi_turn": 10}
    assert {k: counts.get(k, 0) for k in minimum if counts.get(k, 0) < minimum[k]} == {}
