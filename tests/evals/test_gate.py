"""The CI gate on the real gold set (``make test`` runs it): thresholds hold and the system beats the baseline."""

from __future__ import annotations

import pytest

from evals.gate import gate, load_thresholds
from evals.gold import GoldError, load_gold
from tests.conftest import ROOT

GOLD = ROOT / "evals" / "gold"
THRESHOLDS = ROOT / "evals" / "thresholds.yaml"


def test_the_gate_names_every_broken_threshold():
    overall = {"status_accuracy": 0.9, "leaks": 2, "refusal_recall": None, "fact_accuracy": 1.0}
    limits = {"status_accuracy": {"min": 0.95}, "leaks": {"max": 0}, "refusal_recall": {"min": 1.0},
              "fact_accuracy": {"min": 0.95}, "citation_recal": {"min": 0.9}}
    assert gate(overall, limits) == ["status_accuracy = 0.9 < 0.95", "leaks = 2 > 0", "citation_recal: unknown metric"]
    assert gate(overall, {"fact_accuracy": {"min": 1.01}}) == ["fact_accuracy = 1.0 < 1.01"]


def test_the_shipped_thresholds_gate_both_sets_and_hold_the_floor():
    limits = load_thresholds(THRESHOLDS)
    assert set(limits) == {"tuning.en", "blind.en", "tuning.ko", "blind.ko"}  # each set, each language
    floor = {"status_accuracy": 0.95, "fact_accuracy": 0.95, "citation_recall": 0.90, "citation_precision": 0.85,
             "refusal_recall": 1.0}
    assert all(limits["tuning.en"][m]["min"] >= v for m, v in floor.items()), limits
    for name in limits:  # nothing invented, nothing private, every other firm refused: in every set and language
        assert limits[name]["unsupported_numbers"]["max"] == 0
        assert limits[name]["leaks"]["max"] == 0 and limits[name]["refusal_recall"]["min"] == 1.0


def test_each_set_is_gated_on_its_own_limits():
    from evals.report import build
    from evals.runner import EvalResult
    from evals.metrics import CaseScore

    def score(set_name, passed):
        return CaseScore("x", "law", "answered", "answered", "law", 1.0, True, True, None, None, None, None,
                         passed, [], [], 1.0, [] if passed else ["missing facts"], set_name, "en")

    result = EvalResult(system=[score("tuning", True), score("blind", False), score("blind", True)])
    limits = {"tuning": {"pass_rate": {"min": 0.9}}, "blind": {"pass_rate": {"min": 0.6}}}
    data = build(result, limits, "t")
    assert data["sets"]["blind"]["system"]["pass_rate"] == 0.5
    assert data["gate"]["failures"] == ["blind: pass_rate = 0.5 < 0.6"]


def test_thresholds_must_be_min_or_max_numbers(tmp_path):
    bad = tmp_path / "t.yaml"
    bad.write_text("leaks: {max: none}\n")
    with pytest.raises(GoldError, match=r"leaks.max: expected a number"):
        load_thresholds(bad)


@pytest.mark.slow
def test_the_real_gold_set_passes_the_gate_and_beats_the_baseline(assistant):
    from evals.baseline import NaiveRAG
    from evals.report import build
    from evals.runner import run_eval

    cases = load_gold(GOLD)
    result = run_eval(cases, assistant, NaiveRAG.from_settings(assistant.settings))
    data = build(result, load_thresholds(THRESHOLDS), "test")
    failing = [(c["id"], c["reasons"]) for c in data["cases"] if not c["passed"]]
    assert data["gate"]["passed"], (data["gate"]["failures"], failing[:40])
    assert set(data["sets"]) == {"tuning", "blind"}

    def rate(rows, cat):
        picked = [r["passed"] for r in rows if r["category"] == cat and r["set"] == "tuning"]
        return sum(picked) / len(picked)

    for cat in {c["category"] for c in data["cases"] if c["set"] == "tuning"}:  # the margin issue 4 promised
        assert rate(data["cases"], cat) > rate(data["baseline_cases"], cat), cat
    assert data["overall"]["system"]["leaks"] == 0
