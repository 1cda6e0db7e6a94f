"""The CI gate: thresholds from ``evals/thresholds.yaml`` applied to the system's overall metrics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from evals.gold import GoldError

Thresholds = dict[str, dict[str, float]]


SETS = ("tuning", "blind")


def load_thresholds(path: str | Path) -> Thresholds:
    """``{metric: {min: x}}`` or ``{metric: {max: x}}`` per line; anything else is an error naming the metric.

    A file may instead hold one such mapping per gold set (``tuning:``, ``blind:``) or per set and language
    (``blind.ko:``), each gated on its own.
    """
    path = Path(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise GoldError(f"{path}: cannot read thresholds ({exc})") from exc
    if not isinstance(raw, dict):
        raise GoldError(f"{path}: expected a mapping of metric -> {{min: x}} or {{max: x}}")
    if raw and all(_is_set(name) for name in raw):
        return {name: _check(path, rules, f"{name}.") for name, rules in raw.items()}  # type: ignore[misc]
    return _check(path, raw, "")


def _is_set(name: object) -> bool:
    """``tuning``, ``blind``, or one of them with a language: ``blind.ko``."""
    return isinstance(name, str) and name.split(".")[0] in SETS and len(name.split(".")) <= 2


def per_set(thresholds: Thresholds) -> bool:
    return bool(thresholds) and all(_is_set(name) for name in thresholds)


def _check(path: Path, raw: dict, prefix: str) -> Thresholds:
    if not isinstance(raw, dict):
        raise GoldError(f"{path}: {prefix}: expected a mapping of metric -> {{min: x}} or {{max: x}}")
    for metric, rule in raw.items():
        metric = f"{prefix}{metric}"
        if not isinstance(rule, dict) or not rule or not set(rule) <= {"min", "max"}:
            raise GoldError(f"{path}: {metric}: expected {{min: x}} or {{max: x}}, got {rule!r}")
        for bound, value in rule.items():
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise GoldError(f"{path}: {metric}.{bound}: expected a number, got {value!r}")
    return raw


def gate(overall: dict[str, Any], thresholds: Thresholds) -> list[str]:
    """The broken thresholds, each named with its value and limit.

    A metric the run does not know (a typo in the thresholds file) fails the gate; a known
    metric with nothing to measure (``None``: e.g. refusal recall on a gold set without a
    refusal case) is not a failure, since there is no evidence either way.
    """
    failures = []
    for metric, rule in thresholds.items():
        if metric not in overall:
            failures.append(f"{metric}: unknown metric")
            continue
        value = overall[metric]
        if value is None:
            continue
        if "min" in rule and value < rule["min"]:
            failures.append(f"{metric} = {value} < {rule['min']}")
        if "max" in rule and value > rule["max"]:
            failures.append(f"{metric} = {value} > {rule['max']}")
    return failures
