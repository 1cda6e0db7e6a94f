"""The engine and the rulebook oracle agree on every figure of every firm, at several as-of dates.

The oracle (tests/oracle/rulebook.py) was written from rules.md alone. Dates
cover: before most grace periods end, mid-schedule, the sample's own as-of
date, the last installments, and years after the schedules and the 5-year
clawback periods have ended.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from bot.calculators import Parameters
from bot.records.models import FirmRecords
from ingest.loaders.records import load_records
from tests.conftest import KNOWLEDGE
from tests.oracle.engine_view import engine_figures, flatten
from tests.oracle.rulebook import evaluate

AS_OF_DATES = [date(2023, 6, 30), date(2024, 12, 31), date(2025, 9, 15), date(2026, 10, 31), date(2026, 11, 30),
               date(2027, 6, 30), date(2028, 3, 31), date(2031, 12, 31)]


def load_sample() -> tuple[dict[str, FirmRecords], Parameters]:
    tables = {p.stem: load_records(p, p.name).rows for p in (KNOWLEDGE / "partners").glob("*.csv")}
    owner = {p.project_id: p.partner_id for p in tables["projects"]}
    by_firm: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for p in tables["projects"]:
        by_firm[p.partner_id]["projects"].append(p)
    for p in tables["ledger"]:
        by_firm[p.partner_id]["payments"].append(p)
    for r in tables["reductions"]:
        by_firm[owner[r.project_id]]["reductions"].append(r)
    firms = {f.partner_id: FirmRecords(f, *(tuple(by_firm[f.partner_id][k]) for k in
                                            ("projects", "payments", "reductions")))
             for f in tables["firms"]}
    return firms, Parameters.load(KNOWLEDGE / "program" / "parameters.yaml")


@pytest.fixture(scope="module")
def sample() -> tuple[dict[str, FirmRecords], Parameters]:
    return load_sample()


def disagreements(sample, as_of: date) -> tuple[int, list[str]]:
    firms, params = sample
    oracle = evaluate(KNOWLEDGE, as_of)
    compared, wrong = 0, []
    for pid, records in sorted(firms.items()):
        parent = firms[records.firm.parent_id].firm if records.firm.parent_id in firms else None
        mine, theirs = flatten(engine_figures(records, parent, params, as_of)), flatten(oracle[pid])
        for key in sorted(set(mine) | set(theirs)):
            compared += 1
            if mine.get(key, "<missing>") != theirs.get(key, "<missing>"):
                wrong.append(f"{pid} {key}: engine {mine.get(key, '<missing>')!r}, "
                             f"oracle {theirs.get(key, '<missing>')!r}")
    return compared, wrong


@pytest.mark.parametrize("as_of", AS_OF_DATES, ids=str)
def test_engine_and_oracle_agree_on_every_field_of_every_firm(sample, as_of):
    compared, wrong = disagreements(sample, as_of)
    assert compared > 5000
    assert wrong == [], f"{len(wrong)} of {compared} values differ:\n" + "\n".join(wrong[:40])
