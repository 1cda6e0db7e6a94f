"""Shared fixtures: the real parameter file and small builders for hand-made records."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.calculators.params import Parameters
from bot.records.models import Firm, FirmRecords, Payment, Project, Reduction

PARAMETERS = Path(__file__).resolve().parents[2] / "knowledge" / "program" / "parameters.yaml"


@pytest.fixture(scope="session")
def params() -> Parameters:
    return Parameters.load(PARAMETERS)


def firm(**over: Any) -> Firm:
    """An eligible tier-1 firm unless overridden."""
    fields: dict[str, Any] = dict(partner_id="P-T1-001", name="Fictional Parts Co.", tier=1, size_class="mid",
                                  group_affiliate=False, hmg_contract="active", agreement_signed=True,
                                  inside_allocated_entity=False)
    fields.update(over)
    return Firm(**fields)


def tier2(**over: Any) -> Firm:
    """An eligible tier-2 firm supplying P-T1-001 unless overridden."""
    fields: dict[str, Any] = dict(partner_id="P-T2-001", name="Fictional Castings", tier=2, parent_id="P-T1-001",
                                  size_class="sme", hmg_contract="none", agreement_signed=True)
    fields.update(over)
    return firm(**fields)


def project(**over: Any) -> Project:
    """A completed, supported tier-1 project (KRW 400M, completed 2024-01-31) unless overridden."""
    fields: dict[str, Any] = dict(project_id="PRJ-001", partner_id="P-T1-001", funding_round=1,
                                  category="heat_pumps", description="heat pumps replacing two boilers",
                                  eligible_cost_krw=800_000_000, expected_tco2_per_year=80.0,
                                  support_krw=400_000_000, support_paid_on=date(2023, 12, 15),
                                  completion_date=date(2024, 1, 31))
    fields.update(over)
    return Project(**fields)


def pay(paid_on: date, amount: int, partner_id: str = "P-T1-001", n: int = 0) -> Payment:
    return Payment(entry_id=f"L-{paid_on.isoformat()}-{n}", partner_id=partner_id, paid_on=paid_on,
                   amount_krw=amount)


def reduction(year: int, **over: Any) -> Reduction:
    return Reduction(project_id="PRJ-001", year=year, **over)


def records(f: Firm | None = None, projects=(), payments=(), reductions=()) -> FirmRecords:
    """One firm's records for the calculators (the base tier-1 firm unless given)."""
    return FirmRecords(f or firm(), tuple(projects), tuple(payments), tuple(reductions))
