"""``carbonbot generate``: a seeded synthetic program of N firms, as a knowledge folder ingest reads."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.cli import command
from bot.config import get_settings


@command()
def generate(
    firms: int = typer.Option(..., "--firms", min=2, help="How many partner firms (tier-1 and tier-2)."),
    out: Path = typer.Option(..., "--out", help="Knowledge folder to write (documents copied, records generated)."),
    seed: int = typer.Option(2026, "--seed", help="Random seed: the same seed writes the same files."),
    ledger_rows: int = typer.Option(100, "--ledger-rows", min=1, help="Ledger rows per firm, on average."),
) -> None:
    """Write a synthetic program of N firms (records follow the program rules), ready for `carbonbot ingest OUT`."""
    from ingest.program import write_program

    try:
        counts = write_program(out, firms, seed, get_settings().knowledge_dir, ledger_rows)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--firms") from exc
    typer.echo(", ".join(f"{n:,} {name}" for name, n in counts.items()) + f" written to {out}")
