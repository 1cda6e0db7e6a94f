"""``carbonbot eval``: gold questions through the real pipeline and the naive baseline, then the gate."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from bot.cli import command
from bot.config import Settings, get_settings

if TYPE_CHECKING:
    from evals.gate import Thresholds
    from evals.gold import GoldCase

ROOT = Path(__file__).resolve().parents[2]
SHOWN = ("status_accuracy", "intent_accuracy", "fact_accuracy", "citation_recall", "citation_precision",
         "cited_sentence_share", "recall_at_5", "mrr", "refusal_precision", "refusal_recall", "clarify_rate", "leaks",
         "unsupported_numbers", "latency_median_ms", "latency_p95_ms")
MAX_CASES_SHOWN = 20


@command("eval")
def eval_command(
    gold: Path = typer.Option(ROOT / "evals" / "gold", "--gold", help="Gold YAML file or folder (searched recursively)."),
    knowledge: Path = typer.Option(None, "--knowledge", help="Build this knowledge folder into a temporary index "
                                   "(default: the configured data dir, ingested first if empty)."),
    json_out: Path = typer.Option(None, "--json", help="Also write the report JSON here."),
    report_dir: Path = typer.Option(Path("reports/eval"), "--report", help="Folder for report.md, report.json, chart.png."),
    thresholds: Path = typer.Option(ROOT / "evals" / "thresholds.yaml", "--thresholds", help="The gate's thresholds."),
    no_baseline: bool = typer.Option(False, "--no-baseline", help="Skip the naive baseline."),
    llm: bool = typer.Option(False, "--llm", help="Answer through the LLM mode (CARBONBOT_LLM) and report the "
                             "guard's pass and fallback rates."),
) -> None:
    """Run gold questions, print system vs baseline per category, write the report; exit 1 below thresholds."""
    from bot.errors import ConfigError
    from evals.gate import load_thresholds
    from evals.gold import load_gold

    settings = get_settings()
    if llm and not settings.llm:
        raise ConfigError("--llm: set CARBONBOT_LLM (e.g. openai:gpt-4.1-mini) to evaluate the LLM mode")
    if not llm and settings.llm:  # the gate measures the extractive engine unless asked otherwise
        settings = settings.model_copy(update={"llm": None})
    console = Console()
    cases = load_gold(gold)
    limits = load_thresholds(thresholds)
    if knowledge is None:
        _ensure_index(settings, console)
        data = _run(settings, cases, limits, no_baseline, console)
    else:
        if not knowledge.is_dir():
            raise typer.BadParameter(f"not a folder: {knowledge}", param_hint="--knowledge")
        with tempfile.TemporaryDirectory(prefix="carbonbot-eval-", ignore_cleanup_errors=True) as tmp:
            scratch = settings.model_copy(update={"data_dir": Path(tmp) / "data", "knowledge_dir": knowledge})
            _build(scratch, knowledge, console)
            data = _run(scratch, cases, limits, no_baseline, console)
    data["gold"], data["knowledge"] = str(gold), str(knowledge or settings.knowledge_dir)
    print_table(data, console)
    if "llm" in data:
        g = data["llm"]
        console.print(f"LLM {g['model']}: {g['rewritten']} answers sent to the model, guard passed {g['passed']} "
                      f"({_rate(g['pass_rate'])}), fell back {g['fallback']}: {g['fallback_reasons']}", highlight=False)
    from evals import report

    # The review console of the configured data dir shows the latest run, whatever it ran on.
    report.write(data, report_dir, latest=settings.data_dir / "eval" / "latest")
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(data, indent=1), encoding="utf-8")
    console.print(f"report: {report_dir / 'report.md'}", highlight=False)
    if not data["gate"]["passed"]:
        console.print("[red]gate failed:[/] " + "; ".join(data["gate"]["failures"]), highlight=False)
        failing = [c for c in data["cases"] if not c["passed"]]
        for case in failing[:MAX_CASES_SHOWN]:
            console.print(f"  {case['id']}: {'; '.join(case['reasons'])}", highlight=False, soft_wrap=True)
        if len(failing) > MAX_CASES_SHOWN:
            console.print(f"  … and {len(failing) - MAX_CASES_SHOWN} more in the report")
        raise typer.Exit(1)
    console.print("[green]gate passed[/]")


def _ensure_index(settings: Settings, console: Console) -> None:
    from bot.store.layout import DataDir

    if DataDir(settings.data_dir).current() is None:
        _build(settings, settings.knowledge_dir, console)


def _build(settings: Settings, knowledge: Path, console: Console) -> None:
    from ingest.pipeline import Ingest

    console.print(f"building the index of {knowledge} …", highlight=False)
    built = Ingest(settings, knowledge).run()
    if built.failed:
        errors = [e for f in built.files for e in f.errors]
        console.print(f"[yellow]warning:[/] {len(errors)} ingest errors in {knowledge}; evaluating the rest",
                      highlight=False)


def _run(settings: Settings, cases: list[GoldCase], limits: Thresholds, no_baseline: bool,
         console: Console) -> dict[str, Any]:
    """Warm the assistant (and baseline), run every case under a progress bar, build the report dict."""
    from bot.assistant import Assistant
    from evals import report
    from evals.baseline import NaiveRAG
    from evals.runner import run_eval

    assistant = Assistant(settings)
    assistant.warm()
    baseline = None if no_baseline else NaiveRAG.from_settings(settings)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("gold questions", total=len(cases))
        result = run_eval(cases, assistant, baseline, progress=lambda _: bar.advance(task))
    data = report.build(result, limits, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    if assistant.writer is not None:  # --llm: how often the guard let the model's rewrite through
        stats = assistant.writer.stats
        sent = stats["passed"] + stats["fallback"]
        data["llm"] = {"model": settings.llm, "rewritten": sent, "passed": stats["passed"],
                       "fallback": stats["fallback"], "pass_rate": round(stats["passed"] / sent, 4) if sent else None,
                       "fallback_reasons": {k[8:]: n for k, n in stats.most_common() if k.startswith("reason: ")}}
    return data


def _rate(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def print_table(data: dict[str, Any], console: Console) -> None:
    """Per category: n, system and baseline pass rates and the margin; then the overall metrics."""
    table = Table(title="Gold questions passed: system vs naive baseline")
    for col in ("category", "n", "system", "baseline", "margin"):
        table.add_column(col, justify="left" if col == "category" else "right")
    rows = [(cat, row["n"], row["system"], row["baseline"] or {}) for cat, row in data["categories"].items()]
    rows.append(("overall", data["overall"]["system"]["n"], data["overall"]["system"], data["overall"]["baseline"] or {}))
    for cat, n, s, b in rows:
        sys_rate, base_rate = s.get("pass_rate"), b.get("pass_rate")
        margin = "–" if base_rate is None else f"{sys_rate - base_rate:+.2f}"
        table.add_row(cat, str(n), _rate(sys_rate), _rate(base_rate), margin,
                      style="bold" if cat == "overall" else None)
    console.print(table)
    metrics = Table(title="Metrics")
    for col in ("metric", "system", "baseline"):
        metrics.add_column(col)
    s, b = data["overall"]["system"], data["overall"]["baseline"] or {}
    for m in SHOWN:
        metrics.add_row(m, _show(s.get(m)), _show(b.get(m)))
    console.print(metrics)
    sets = data.get("sets") or {}
    if len(sets) > 1:  # tuning and blind side by side: what the system fits vs what it understands
        side = Table(title="Tuning and blind sets")
        side.add_column("metric")
        for name in sets:
            side.add_column(f"{name} (n={sets[name]['system'].get('n', 0)})", justify="right")
        for m in ("pass_rate", "status_accuracy", "fact_accuracy", "citation_recall", "intent_accuracy", "leaks",
                  "unsupported_numbers", "latency_median_ms"):
            side.add_row(m, *(_show(sets[n]["system"].get(m)) for n in sets))
        for cat in sorted({c for n in sets for c in sets[n]["categories"]}):
            side.add_row(f"  {cat}", *(_rate((sets[n]["categories"].get(cat) or {}).get("pass_rate")) for n in sets))
        console.print(side)


def _show(value: Any) -> str:
    return "–" if value is None else str(value)
