"""The eval report: one dict (report.json), its Markdown rendering and a PNG chart.

The dict's shape is read by the review console's quality page from
``<data_dir>/eval/latest/report.json``; keep the keys stable.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from evals.gate import Thresholds, gate, per_set
from evals.metrics import summarize
from evals.runner import EvalResult

METRICS = ["pass_rate", "status_accuracy", "intent_accuracy", "fact_accuracy", "citation_recall",
           "citation_precision", "cited_sentence_share", "recall_at_5", "mrr", "refusal_precision",
           "refusal_recall", "clarify_rate", "leaks", "unsupported_numbers", "latency_median_ms", "latency_p95_ms"]


def build(result: EvalResult, thresholds: Thresholds, generated_at: str) -> dict[str, Any]:
    """Overall and per-category metrics for system and baseline, every case's verdict, and the gate."""
    overall = {"system": summarize(result.system), "baseline": summarize(result.baseline)}
    base_cats = result.by_category("baseline")
    categories = {
        cat: {"n": len(scores), "system": summarize(scores), "baseline": summarize(base_cats.get(cat, []))}
        for cat, scores in sorted(result.by_category("system").items())
    }
    sets = {}
    for name in sorted({s.set for s in result.system}, key=lambda n: (n != "tuning", n)):
        mine = [s for s in result.system if s.set == name]
        base = [s for s in result.baseline if s.set == name]
        cats: dict[str, list] = {}
        for s in mine:
            cats.setdefault(s.category, []).append(s)
        langs: dict[str, list] = {}
        for s in mine:
            langs.setdefault(s.language, []).append(s)
        sets[name] = {"system": summarize(mine), "baseline": summarize(base),
                      "categories": {c: summarize(v) for c, v in sorted(cats.items())},
                      "languages": {lang: summarize(v) for lang, v in sorted(langs.items())}}
    if per_set(thresholds):  # each set (or set and language) gated on its own limits; one with no cases is not
        failures = [f"{name}: {f}" for name, rules in thresholds.items() if _measured(sets, name)
                    for f in gate(_measured(sets, name), rules)]
    else:
        failures = gate(overall["system"], thresholds)
    return {
        "generated_at": generated_at,
        "overall": overall,
        "sets": sets,
        "categories": categories,
        "cases": [{"id": s.id, "category": s.category, "set": s.set, "language": s.language, "passed": s.passed,
                   "reasons": s.reasons, "status": s.status, "expected_status": s.expected_status,
                   "latency_ms": s.latency_ms} for s in result.system],
        "baseline_cases": [{"id": s.id, "category": s.category, "set": s.set, "passed": s.passed,
                            "reasons": s.reasons, "status": s.status, "expected_status": s.expected_status}
                           for s in result.baseline],
        "thresholds": thresholds,
        "gate": {"passed": not failures, "failures": failures},
    }


def _measured(sets: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The metrics a threshold name refers to: a whole set ("blind") or one language of it ("blind.ko")."""
    set_name, _, language = name.partition(".")
    if set_name not in sets:
        return None
    return sets[set_name]["languages"].get(language) if language else sets[set_name]["system"]


def _fmt(value: Any, metric: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.1f}" if metric.endswith("_ms") else f"{value:.3f}"
    return str(value)


def markdown(data: dict[str, Any]) -> str:
    system, base = data["overall"]["system"], data["overall"]["baseline"]
    lines = [f"# Eval report ({data['generated_at']})", "",
             f"Gate: **{'passed' if data['gate']['passed'] else 'FAILED'}**"
             + ("".join(f"\n- {f}" for f in data["gate"]["failures"])), "",
             "![per-category pass rate](chart.png)", "", "## Overall", "",
             "| metric | system | baseline |", "|---|---|---|"]
    lines += [f"| {m} | {_fmt(system.get(m), m)} | {_fmt(base.get(m), m)} |" for m in METRICS]
    if data.get("sets"):
        names = list(data["sets"])
        lines += ["", "## Tuning and blind sets, side by side", "",
                  "| metric | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        lines += [f"| {m} | " + " | ".join(_fmt(data["sets"][n]["system"].get(m), m) for n in names) + " |"
                  for m in ["n", *METRICS]]
        cats = sorted({c for n in names for c in data["sets"][n]["categories"]})
        lines += ["", "| category pass rate | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        lines += [f"| {c} | " + " | ".join(_fmt((data["sets"][n]["categories"].get(c) or {}).get("pass_rate"))
                                           for n in names) + " |" for c in cats]
        langs = sorted({lang for n in names for lang in data["sets"][n]["languages"]})
        lines += ["", "| language pass rate | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
        lines += [f"| {lang} | " + " | ".join(_fmt((data["sets"][n]["languages"].get(lang) or {}).get("pass_rate"))
                                              for n in names) + " |" for lang in langs]
    if data.get("llm"):
        g = data["llm"]
        lines += ["", f"## LLM mode ({g['model']})", "",
                  f"{g['rewritten']} answers went to the model; the guard passed {g['passed']} "
                  f"(pass rate {_fmt(g['pass_rate'])}) and sent the extractive answer for {g['fallback']}.", ""]
        lines += [f"- {reason}: {n}" for reason, n in g["fallback_reasons"].items()]
    lines += ["", "## Per category", "", "| category | n | system pass | baseline pass | margin |", "|---|---|---|---|---|"]
    for cat, row in data["categories"].items():
        s, b = row["system"].get("pass_rate", 0.0), (row["baseline"] or {}).get("pass_rate")
        base_rate, margin = ("–", "–") if b is None else (f"{b:.2f}", f"{s - b:+.2f}")
        lines.append(f"| {cat} | {row['n']} | {s:.2f} | {base_rate} | {margin} |")
    failed = [c for c in data["cases"] if not c["passed"]]
    lines += ["", f"## Failing cases ({len(failed)})", ""]
    lines += [f"- `{c['id']}` ({c['category']}): {'; '.join(c['reasons'])}" for c in failed] or ["None."]
    lines += ["", f"Gold: `{data.get('gold', '?')}`; knowledge: `{data.get('knowledge', '?')}`. "
              "How each metric is measured: docs/evals.md.", ""]
    return "\n".join(lines)


def chart(data: dict[str, Any], path: Path) -> None:
    """Per-category pass rate, system vs baseline bars (matplotlib's Agg backend: no display needed)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cats = list(data["categories"])
    system = [data["categories"][c]["system"].get("pass_rate", 0.0) for c in cats]
    base = [(data["categories"][c]["baseline"] or {}).get("pass_rate") for c in cats]
    fig, ax = plt.subplots(figsize=(9, 4))
    xs = range(len(cats))
    if any(b is not None for b in base):
        bars = [ax.bar([x - 0.2 for x in xs], system, 0.4, label="system"),
                ax.bar([x + 0.2 for x in xs], [b or 0.0 for b in base], 0.4, label="naive baseline")]
    else:  # run with --no-baseline
        bars = [ax.bar(list(xs), system, 0.5, label="system")]
    for group in bars:
        ax.bar_label(group, fmt="%.2f", fontsize=7, padding=1)
    ax.set_xticks(list(xs), cats, rotation=20)
    ax.set_ylim(0, 1.2)
    ax.set_yticks([0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_ylabel("pass rate")
    ax.set_title("Gold questions passed, per category")
    ax.legend(loc="upper center", ncol=2, frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(data: dict[str, Any], out: Path, latest: Path | None = None) -> None:
    """report.json, report.md and chart.png into ``out`` (and a copy into ``latest`` for the console)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "report.json").write_text(json.dumps(data, indent=1), encoding="utf-8")
    (out / "report.md").write_text(markdown(data), encoding="utf-8")
    chart(data, out / "chart.png")
    if latest is not None:
        latest.mkdir(parents=True, exist_ok=True)
        for name in ("report.json", "report.md", "chart.png"):
            shutil.copyfile(out / name, latest / name)
