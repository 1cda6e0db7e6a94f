"""The parameter file: every entry names its clause, and a bad file fails loudly."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.calculators.params import Parameters, ParametersError
from tests.calculators.conftest import PARAMETERS

CLAUSE = re.compile(r"^(§\d+(\.\d+)?|Art\. \d+)$")


def _leaves(node: Any, path: str = "") -> list[tuple[str, Any]]:
    """(key path, entry) of every {value, clause} leaf and every list entry."""
    if isinstance(node, dict) and "value" in node:
        return [(path, node)]
    if isinstance(node, dict):
        return [leaf for k, v in node.items() for leaf in _leaves(v, f"{path}.{k}".strip("."))]
    if isinstance(node, list):
        return [(f"{path}[{i}]", e) for i, e in enumerate(node)]
    raise AssertionError(f"{path}: unexpected {node!r}")


def test_every_parameter_entry_names_a_clause():
    leaves = _leaves(yaml.safe_load(PARAMETERS.read_text(encoding="utf-8")))
    assert len(leaves) > 40
    bad = [(k, e.get("clause")) for k, e in leaves if not CLAUSE.match(str(e.get("clause")))]
    assert bad == []


def test_parameters_match_the_sample_rulebook(params):
    ratio, cap = params.support(1)
    assert (ratio.value, cap.value, ratio.clause) == (Decimal("0.5"), 500_000_000, "§6.1")
    ratio, cap = params.support(2)
    assert (ratio.value, cap.value, cap.clause) == (Decimal("0.7"), 150_000_000, "§6.2")
    assert params["repayment.grace_months"].value == 12
    assert params["repayment.grace_months"].clause == "§7.2"
    assert params.value("offsets.act_offset_cap_share") == Decimal("0.1")
    assert params["offsets.act_offset_cap_share"].clause == "Art. 29"
    assert params.value("eligibility.eligible_sizes") == ("sme", "mid")
    assert params.value("cost_exclusions") == ("VAT", "land", "buildings", "staff costs")
    assert [c.key for c in params.categories] == [
        "motors_inverters", "heat_pumps", "furnace_electrification", "compressed_air",
        "waste_heat_recovery", "hvac_chillers", "led_lighting"]
    assert [c.standalone for c in params.categories].count(False) == 1
    assert params.category("led_lighting").standalone is False
    assert {e.key for e in params.excluded} == {
        "used_equipment", "maintenance", "capacity_expansion", "renewable_purchase", "onsite_solar"}
    with pytest.raises(ValueError):
        params.support(3)


def test_loading_twice_reuses_the_parsed_file():
    assert Parameters.load(PARAMETERS) is Parameters.load(PARAMETERS)


def _broken(tmp_path: Path, edit) -> Path:
    raw = yaml.safe_load(PARAMETERS.read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / "parameters.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(("edit", "key"), [
    (lambda r: r["repayment"].pop("grace_months"), "repayment.grace_months: missing"),
    (lambda r: r["support"]["tier1"]["ratio"].update(value=1.5), "support.tier1.ratio: must be a number"),
    (lambda r: r["support"]["tier2"]["cap_krw"].update(value="a lot"), "support.tier2.cap_krw"),
    (lambda r: r["repayment"]["notice_days"].update(clause="section 7"), "repayment.notice_days: clause"),
    (lambda r: r["mrv"]["report_due"].update(value="March"), "mrv.report_due"),
    (lambda r: r["categories"][1].pop("keywords"), "categories[1]"),
    (lambda r: r["excluded"][0].update(clause=None), "excluded[0] (used_equipment): clause"),
    (lambda r: r["categories"].append(dict(r["categories"][0])), "categories: duplicate key"),
    (lambda r: r["act"]["surrender_months"].update(value="eight"), "act.surrender_months"),  # optional, still checked
])
def test_a_malformed_file_names_the_file_and_key(tmp_path, edit, key):
    path = _broken(tmp_path, edit)
    with pytest.raises(ParametersError) as err:
        Parameters.load(path)
    assert str(path) in str(err.value) and key in str(err.value)


def test_unreadable_files_raise_parameters_error(tmp_path):
    with pytest.raises(ParametersError, match="cannot read"):
        Parameters.load(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("support: [unclosed", encoding="utf-8")
    with pytest.raises(ParametersError, match="not readable YAML"):
        Parameters.load(bad)
    assert issubclass(ParametersError, ValueError)


def test_asking_for_an_unknown_key_names_it(params):
    with pytest.raises(ParametersError, match="repayment.nonsense"):
        params["repayment.nonsense"]


def test_an_optional_parameter_may_be_left_out(tmp_path):
    path = _broken(tmp_path, lambda r: r.pop("act"))
    params = Parameters.load(path)
    assert "act.surrender_months" not in params and "repayment.grace_months" in params
    assert Parameters.load(PARAMETERS)["act.surrender_months"].clause == "Art. 27"
