"""``carbonbot eval``: gold questions through the real pipeline and the naive baseline, then the gate."""

from __future__ import annotations

import json
import tempfile
from datetime import datetime, timezone
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from bot.cli import command
from bot.config import get_settings

ROOT = Path(__file__).resolve().parents[2]


@command("eval")
def eval_command(
    gold: Path = typer.Option(ROOT / "evals" / "gold", "--gold", help="Gold YAML file or folder."),
    knowledge: Path = typer.Option(None, "--knowledge", help="Build this knowledge folder into a temporary index."),
    json_out: Path = typer.Option(None, "--json", help="Also write the report JSON here."),
    report_dir: Path = typer.Option(Path("reports/eval"), "--report", help="Folder for report.md, report.json, chart.png."),
    thresholds: Path = typer.Option(ROOT / "evals" / "thresholds.yaml", "--thresholds", help="The gate's thresholds."),
    no_baseline: bool = typer.Option(False, "--no-baseline", help="Skip the naive baseline."),
) -> None:
    """Run gold questions, print system vs baseline per category, write the report; exit 1 below thresholds."""
    from bot.assistant import Assistant
    from evals import report as reports
    from evals.baseline import NaiveRAG
    from evals.gold import load_gold
    from evals.runner import load_thresholds, report, run_eval
    from ingest.pipeline import Ingest

    settings = get_settings()
    console = Console()
    cases = load_gold(gold)
    limits = load_thresholds(thresholds)
    if knowledge is not None:
        settings = settings.model_copy(update={"data_dir": Path(tempfile.mkdtemp(prefix="carbonbot-eval-")),
                                               "knowledge_dir": knowledge})
        built = Ingest(settings, knowledge).run()
        if built.failed:
            console.print(f"[yellow]warning:[/] {sum(len(f.errors) for f in built.files)} ingest errors in {knowledge}")
    else:
        from bot.store.layout import DataDir

        if DataDir(settings.data_dir).current() is None:
            Ingest(settings, settings.knowledge_dir).run()
    assistant = Assistant(settings)
    assistant.warm()
    baseline = None if no_baseline else NaiveRAG(assistant.index.get(), settings.embedding_model)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("gold questions", total=len(cases))
        result = run_eval(cases, assistant, baseline, progress=lambda _: bar.advance(task))
    data = report(result, limits, datetime.now(timezone.utc).isoformat(timespec="seconds"))
    print_table(data, console)
    reports.write(data, report_dir, latest=settings.data_dir / "eval" / "latest")
    if json_out:
        json_out.write_text(json.dumps(data, indent=1), encoding="utf-8")
    console.print(f"report: {report_dir / 'report.md'}")
    if not data["gate"]["passed"]:
        console.print("[red]gate failed:[/] " + "; ".join(data["gate"]["failures"]))
        for case in [c for c in data["cases"] if not c["passed"]][:20]:
            console.print(f"  {case['id']}: {'; '.join(case['reasons'])}", highlight=False, soft_wrap=True)
        raise typer.Exit(1)
    console.print("[green]gate passed[/]")


def print_table(data: dict, console: Console) -> None:
    table = Table(title="Gold questions: system vs naive baseline")
    for col in ("category", "n", "system", "baseline", "margin"):
        table.add_column(col, justify="left" if col == "category" else "right")
    for cat, row in data["categories"].items():
        s = row["system"].get("pass_rate", 0.0)
        b = (row["baseline"] or {}).get("pass_rate", 0.0)
        table.add_row(cat, str(row["n"]), f"{s:.2f}", f"{b:.2f}", f"{s - b:+.2f}")
    s, b = data["overall"]["system"], data["overall"]["baseline"] or {}
    table.add_row("overall", str(s["n"]), f"{s['pass_rate']:.2f}", f"{b.get('pass_rate', 0.0):.2f}",
                  f"{s['pass_rate'] - b.get('pass_rate', 0.0):+.2f}", style="bold")
    console.print(table)
    metrics = Table(title="Metrics")
    for col in ("metric", "system", "baseline"):
        metrics.add_column(col)
    for m in ("status_accuracy", "intent_accuracy", "fact_accuracy", "citation_recall", "citation_precision",
              "cited_sentence_share", "recall_at_5", "mrr", "refusal_precision", "refusal_recall", "leaks",
              "unsupported_numbers", "latency_median_ms", "latency_p95_ms"):
        metrics.add_row(m, str(s.get(m)), str(b.get(m)))
    console.print(metrics)
