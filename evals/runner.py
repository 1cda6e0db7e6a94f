"""Run gold cases through the real assistant (and the baseline), score them, and apply the gate."""

from __future__ import annotations

import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import yaml

from bot.assistant import Assistant
from bot.models import Asker
from bot.store.audit import AuditLog
from evals.baseline import NaiveRAG
from evals.gold import GoldCase, GoldError
from evals.metrics import CaseScore, score_case, summarize

Progress = Callable[[str], None]


@dataclass
class EvalResult:
    system: list[CaseScore]
    baseline: list[CaseScore]

    def by_category(self, which: str) -> dict[str, list[CaseScore]]:
        out: dict[str, list[CaseScore]] = {}
        for s in getattr(self, which):
            out.setdefault(s.category, []).append(s)
        return out


def asker_for(case: GoldCase, assistant: Assistant) -> Asker:
    a = case.asker
    directory = assistant.directory()
    if a.partner:
        return directory.partner(a.partner)
    if a.slack_user:
        return directory.resolve(slack_user_id=a.slack_user)
    return Asker(role="staff", display_name="eval staff") if a.staff else Asker.guest()


def run_system(case: GoldCase, assistant: Assistant) -> tuple[dict[str, Any], list[str]]:
    asker = asker_for(case, assistant)
    thread = f"eval-{case.id}-{uuid.uuid4().hex[:8]}" if case.thread else None
    for earlier in case.thread:
        assistant.answer(earlier, asker, thread, as_of=case.as_of, via="eval")
    answer = assistant.answer(case.question, asker, thread, as_of=case.as_of, via="eval")
    ranking = [c.locator for c in answer.citations] + [h.chunk.locator for h in answer.hits]
    return answer.to_json(), ranking


def run_eval(cases: list[GoldCase], assistant: Assistant, baseline: NaiveRAG | None = None,
             progress: Progress | None = None) -> EvalResult:
    """Every case through the system and, when given, the baseline; earlier thread turns asked first."""
    if assistant.audit is None:  # thread state needs a store; keep it out of the real audit log
        assistant.audit = AuditLog(Path(tempfile.mkdtemp(prefix="carbonbot-eval-")) / "audit.sqlite")
    system, base = [], []
    for case in cases:
        payload, ranking = run_system(case, assistant)
        system.append(score_case(case, payload, ranking))
        if baseline is not None:
            payload = baseline.answer(case.question)
            base.append(score_case(case, payload, [c["locator"] for c in payload["citations"]]))
        if progress:
            progress(case.id)
    return EvalResult(system, base)


def load_thresholds(path: Path) -> dict[str, dict[str, float]]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GoldError(f"{path}: cannot read thresholds ({exc})") from exc
    for metric, rule in raw.items():
        if not isinstance(rule, dict) or not set(rule) <= {"min", "max"} or not rule:
            raise GoldError(f"{path}: {metric}: expected {{min: x}} or {{max: x}}")
    return raw


def gate(overall: dict[str, Any], thresholds: dict[str, dict[str, float]]) -> list[str]:
    """The broken thresholds, each named with its value and limit."""
    failures = []
    for metric, rule in thresholds.items():
        value = overall.get(metric)
        if value is None:
            failures.append(f"{metric}: not measured")
            continue
        if "min" in rule and value < rule["min"]:
            failures.append(f"{metric} = {value} < {rule['min']}")
        if "max" in rule and value > rule["max"]:
            failures.append(f"{metric} = {value} > {rule['max']}")
    return failures


def report(result: EvalResult, thresholds: dict[str, dict[str, float]], generated_at: str) -> dict[str, Any]:
    overall = {"system": summarize(result.system), "baseline": summarize(result.baseline)}
    base_cats = result.by_category("baseline")
    categories = {
        cat: {"n": len(scores), "system": summarize(scores), "baseline": summarize(base_cats.get(cat, []))}
        for cat, scores in sorted(result.by_category("system").items())
    }
    failures = gate(overall["system"], thresholds)
    return {
        "generated_at": generated_at,
        "overall": overall,
        "categories": categories,
        "cases": [{"id": s.id, "category": s.category, "passed": s.passed, "reasons": s.reasons, "status": s.status,
                   "expected_status": s.expected_status, "latency_ms": s.latency_ms} for s in result.system],
        "baseline_cases": [{"id": s.id, "passed": s.passed, "reasons": s.reasons} for s in result.baseline],
        "thresholds": thresholds,
        "gate": {"passed": not failures, "failures": failures},
    }
