"""The harness end to end: unseen knowledge and gold through the CLI, the gate, and the real gold set."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from bot.cli import _register, app
from evals.gold import GoldError, load_gold
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
_register()
runner = CliRunner()
MINI = ROOT / "tests" / "data"


def test_eval_runs_on_knowledge_and_gold_it_has_never_seen(tmp_path):
    out = tmp_path / "report"
    result = runner.invoke(app, ["eval", "--knowledge", str(MINI / "mini_knowledge"), "--gold", str(MINI / "mini_gold.yaml"),
                                 "--report", str(out), "--json", str(tmp_path / "r.json")],
                           env={"CARBONBOT_DATA_DIR": str(tmp_path / "data")})
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["gate"]["passed"] and data["overall"]["system"]["n"] == 10
    assert data["overall"]["system"]["pass_rate"] > data["overall"]["baseline"]["pass_rate"]
    assert (out / "chart.png").read_bytes()[:4] == b"\x89PNG" and "| category |" in (out / "report.md").read_text()
    assert "system" in result.output and "baseline" in result.output


def test_the_gate_fails_on_a_weakened_configuration(tmp_path):
    strict = tmp_path / "thresholds.yaml"
    strict.write_text(yaml.safe_dump({"status_accuracy": {"min": 1.01}, "leaks": {"max": -1}}))
    result = runner.invoke(app, ["eval", "--knowledge", str(MINI / "mini_knowledge"), "--gold", str(MINI / "mini_gold.yaml"),
                                 "--report", str(tmp_path / "r"), "--thresholds", str(strict), "--no-baseline"],
                           env={"CARBONBOT_DATA_DIR": str(tmp_path / "data")})
    assert result.exit_code == 1
    assert "status_accuracy = 1.0 < 1.01" in result.output and "leaks = 0 > -1" in result.output


def test_bad_gold_files_name_file_case_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({"cases": [{"id": "x-1", "category": "c", "question": "q", "asker": {"guest": True},
                                              "expect": {"status": "maybe"}}]}))
    with pytest.raises(GoldError, match=r"bad.yaml: case x-1: expect.status"):
        load_gold(bad)
    dup = tmp_path / "dup.yaml"
    case = {"id": "d-1", "category": "c", "question": "q", "asker": {"guest": True}, "expect": {"status": "answered"}}
    dup.write_text(yaml.safe_dump({"cases": [case, case]}))
    with pytest.raises(GoldError, match="duplicate id"):
        load_gold(dup)


def test_the_gold_set_has_the_coverage_the_harness_needs():
    cases = load_gold(ROOT / "evals" / "gold")
    counts: dict[str, int] = {}
    for c in cases:
        counts[c.category] = counts.get(c.category, 0) + 1
    assert len(cases) >= 150
    minimum = {"eligibility": 25, "repayment": 25, "offset": 25, "program": 20, "law": 15, "out_of_scope": 15,
               "access": 15, "multi_turn": 10}
    assert {k: counts.get(k, 0) for k in minimum if counts.get(k, 0) < minimum[k]} == {}


def test_the_real_gold_set_passes_the_gate_and_beats_the_baseline(assistant):
    from evals.baseline import NaiveRAG
    from evals.runner import load_thresholds, report, run_eval

    cases = load_gold(ROOT / "evals" / "gold")
    result = run_eval(cases, assistant, NaiveRAG(assistant.index.get(), assistant.settings.embedding_model))
    data = report(result, load_thresholds(ROOT / "evals" / "thresholds.yaml"), "test")
    failing = [(c["id"], c["reasons"]) for c in data["cases"] if not c["passed"]]
    assert data["gate"]["passed"], (data["gate"]["failures"], failing)
    for cat, row in data["categories"].items():
        assert row["system"]["pass_rate"] > row["baseline"]["pass_rate"], cat
    assert data["overall"]["system"]["leaks"] == 0 and data["overall"]["baseline"]["leaks"] > 0
