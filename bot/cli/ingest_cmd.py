"""``carbonbot ingest [DIR]``: build or update the index, print what changed."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from bot.cli import command
from bot.config import get_settings
from ingest.pipeline import Ingest, IngestReport


def print_report(report: IngestReport, console: Console) -> None:
    table = Table(title="Ingest summary", show_lines=False)
    table.add_column("file")
    table.add_column("result")
    table.add_column("rows/chunks", justify="right")
    for f in report.files:
        style = {"failed": "red", "added": "green", "updated": "yellow", "removed": "magenta"}.get(f.action)
        result = f.action + (f" ({len(f.errors)} errors)" if f.errors and f.action != "failed" else "")
        table.add_row(f.path, f"[{style}]{result}[/]" if style else result, str(f.chunks))
    console.print(table)
    counts = report.counts()
    console.print(", ".join(f"{n} {k}" for k, n in counts.items()))
    if report.switched:
        console.print(f"index {report.generation}: {report.total_chunks} chunks "
                      f"({report.embedded} embedded, {report.reused} reused)")
    else:
        console.print(f"index {report.generation} unchanged: nothing to embed")
    console.print(f"records: {report.firms_processed} firms processed, {report.firms_unchanged} unchanged, "
                  f"{report.firms_removed} removed" + (f", {len(report.firms_kept)} kept their last good records "
                                                        f"({', '.join(report.firms_kept)})" if report.firms_kept else ""))
    for f in report.files:
        for err in f.errors:
            console.print(f"[red]error:[/] {err}", highlight=False, soft_wrap=True)


@command()
def ingest(
    directory: Path = typer.Argument(None, help="Knowledge folder (default: CARBONBOT_KNOWLEDGE_DIR or ./knowledge)."),
) -> None:
    """Parse, validate, chunk and embed the knowledge folder into a new index; only changes are re-embedded."""
    settings = get_settings()
    console = Console()
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task("embedding", total=None, visible=False)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total, visible=True)

        report = Ingest(settings, directory or settings.knowledge_dir, progress).run()
    print_report(report, console)
    if report.failed:
        raise typer.Exit(1)
