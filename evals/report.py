"""The eval report: JSON, Markdown and a PNG chart (per-category pass rate, system vs baseline)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

METRICS = ["pass_rate", "status_accuracy", "intent_accuracy", "fact_accuracy", "citation_recall",
           "citation_precision", "cited_sentence_share", "recall_at_5", "mrr", "refusal_precision",
           "refusal_recall", "leaks", "unsupported_numbers", "latency_median_ms", "latency_p95_ms"]


def _fmt(value: Any) -> str:
    return "–" if value is None else (f"{value:.3f}" if isinstance(value, float) else str(value))


def markdown(data: dict[str, Any]) -> str:
    system, base = data["overall"]["system"], data["overall"]["baseline"]
    lines = [f"# Eval report ({data['generated_at']})", "",
             f"Gate: **{'passed' if data['gate']['passed'] else 'FAILED'}**"
             + ("".join(f"\n- {f}" for f in data["gate"]["failures"])), "",
             "![per-category pass rate](chart.png)", "", "## Overall", "",
             "| metric | system | baseline |", "|---|---|---|"]
    lines += [f"| {m} | {_fmt(system.get(m))} | {_fmt(base.get(m))} |" for m in METRICS]
    lines += ["", "## Per category", "", "| category | n | system pass | baseline pass | margin |", "|---|---|---|---|---|"]
    for cat, row in data["categories"].items():
        s, b = row["system"].get("pass_rate", 0.0), row["baseline"].get("pass_rate", 0.0) if row["baseline"] else 0.0
        lines.append(f"| {cat} | {row['n']} | {s:.2f} | {b:.2f} | {s - b:+.2f} |")
    failed = [c for c in data["cases"] if not c["passed"]]
    lines += ["", f"## Failing cases ({len(failed)})", ""]
    lines += [f"- `{c['id']}` ({c['category']}): {'; '.join(c['reasons'])}" for c in failed] or ["None."]
    return "\n".join(lines) + "\n"


def chart(data: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    cats = list(data["categories"])
    system = [data["categories"][c]["system"].get("pass_rate", 0.0) for c in cats]
    base = [(data["categories"][c]["baseline"] or {}).get("pass_rate", 0.0) for c in cats]
    fig, ax = plt.subplots(figsize=(9, 4))
    xs = range(len(cats))
    ax.bar([x - 0.2 for x in xs], system, 0.4, label="system")
    ax.bar([x + 0.2 for x in xs], base, 0.4, label="naive baseline")
    ax.set_xticks(list(xs), cats, rotation=20)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("pass rate")
    ax.set_title("Gold questions passed, per category")
    ax.legend()
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
