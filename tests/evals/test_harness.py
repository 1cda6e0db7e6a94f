"""The harness end to end through the CLI runner, on knowledge and gold it has never seen."""

from __future__ import annotations

import json

import pytest
import yaml
from typer.testing import CliRunner

from bot.cli import _register, app
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
_register()
runner = CliRunner()
MINI = ROOT / "tests" / "data"
ON_MINI = ["eval", "--knowledge", str(MINI / "mini_knowledge"), "--gold", str(MINI / "mini_gold.yaml")]


def test_eval_runs_on_knowledge_and_gold_it_has_never_seen(tmp_path):
    out, data_dir = tmp_path / "report", tmp_path / "data"
    result = runner.invoke(app, [*ON_MINI, "--report", str(out), "--json", str(tmp_path / "r.json")],
                           env={"CARBONBOT_DATA_DIR": str(data_dir)})
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["gate"]["passed"] and data["overall"]["system"]["n"] == 10
    assert {c["id"] for c in data["cases"]} == {f"mini-{i:02d}" for i in range(1, 11)}
    assert all(c["passed"] for c in data["cases"]), [c for c in data["cases"] if not c["passed"]]
    assert data["overall"]["system"]["pass_rate"] > data["overall"]["baseline"]["pass_rate"]
    assert data["overall"]["system"]["leaks"] == 0 and data["overall"]["baseline"]["leaks"] > 0
    assert set(data["categories"]) == {"program", "law", "repayment", "access", "out_of_scope"}
    assert (out / "chart.png").read_bytes()[:4] == b"\x89PNG" and "| category |" in (out / "report.md").read_text()
    # The review console of the configured data dir reads the latest report from here.
    latest = data_dir / "eval" / "latest"
    assert json.loads((latest / "report.json").read_text())["gold"].endswith("mini_gold.yaml")
    assert (latest / "chart.png").exists() and (latest / "report.md").exists()
    assert "system" in result.output and "baseline" in result.output and "margin" in result.output
    assert "gate passed" in result.output


def test_the_gate_fails_on_a_weakened_configuration(tmp_path):
    strict = tmp_path / "thresholds.yaml"
    strict.write_text(yaml.safe_dump({"status_accuracy": {"min": 1.01}, "leaks": {"max": -1}}))
    result = runner.invoke(app, [*ON_MINI, "--report", str(tmp_path / "r"), "--thresholds", str(strict),
                                 "--no-baseline", "--json", str(tmp_path / "r.json")],
                           env={"CARBONBOT_DATA_DIR": str(tmp_path / "data")})
    assert result.exit_code == 1
    assert "gate failed" in result.output
    assert "status_accuracy = 1.0 < 1.01" in result.output and "leaks = 0 > -1" in result.output
    data = json.loads((tmp_path / "r.json").read_text())
    assert not data["gate"]["passed"] and len(data["gate"]["failures"]) == 2
    assert data["overall"]["baseline"] == {} and "FAILED" in (tmp_path / "r" / "report.md").read_text()


def test_a_broken_thresholds_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "thresholds.yaml"
    bad.write_text("status_accuracy: {at_least: 0.9}\n")
    result = runner.invoke(app, [*ON_MINI, "--thresholds", str(bad)], env={"CARBONBOT_DATA_DIR": str(tmp_path / "d")})
    assert result.exit_code == 2 and "status_accuracy" in result.output
    missing = runner.invoke(app, ["eval", "--knowledge", str(tmp_path / "nowhere")],
                            env={"CARBONBOT_DATA_DIR": str(tmp_path / "d")})
    assert missing.exit_code == 2 and "not a folder" in missing.output
