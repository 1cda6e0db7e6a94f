"""``carbonbot bench``: warm answer latency per intent, as medians (a benchmark, not a test)."""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from bot.cli import command
from bot.config import get_settings

TARGET_MS = 150.0
# Representative questions per intent, asked as a partner firm, staff or a guest.
QUESTIONS: dict[str, list[tuple[str, str]]] = {
    "eligibility": [("partner", "are we eligible?"), ("staff", "Is P-T1-010 eligible?"),
                    ("partner", "we want to replace two boilers with heat pumps, cost KRW 300M")],
    "repayment": [("partner", "when is our next installment due?"), ("partner", "how much do we still owe?"),
                  ("guest", "how many installments are there?")],
    "offset": [("partner", "how much of our reduction is verified?"), ("partner", "who owns the credits?"),
               ("guest", "when is the monitoring report due?")],
    "program": [("guest", "who can see our records?"), ("guest", "what does §7.4 say?")],
    "law": [("guest", "what is the offset limit under Article 29?"), ("guest", "what is the penalty surcharge?")],
    "out_of_scope": [("guest", "what's the weather tomorrow?")],
    "refused": [("partner", "list all overdue partners")],
}


@command()
def bench(
    n: int = typer.Option(30, "--n", help="Answers timed per intent."),
    partner: str = typer.Option("P-T1-001", "--partner", help="Firm whose user asks the partner questions."),
    json_out: Path = typer.Option(None, "--json", help="Also write the figures here."),
) -> None:
    """Time warm answers per intent (ingests knowledge/ first if there is no index); prints medians and p95."""
    from bot.assistant import Assistant
    from bot.models import Asker
    from bot.store.layout import DataDir
    from ingest.pipeline import Ingest

    settings = get_settings()
    if DataDir(settings.data_dir).current() is None:
        Ingest(settings, settings.knowledge_dir).run()
    started = time.perf_counter()
    assistant = Assistant(settings)
    assistant.warm()
    warm_s = time.perf_counter() - started
    askers = {"partner": assistant.directory().partner(partner), "staff": Asker(role="staff"), "guest": Asker.guest()}
    results: dict[str, list[float]] = {}
    for intent, questions in QUESTIONS.items():
        for question_i in range(n):
            role, question = questions[question_i % len(questions)]
            t0 = time.perf_counter()
            assistant.answer(question, askers[role], via="bench")
            results.setdefault(intent, []).append((time.perf_counter() - t0) * 1000)
    table = Table(title=f"Warm answer latency ({n} answers per intent; model and index load {warm_s:.1f} s once)")
    for col in ("intent", "median ms", "p95 ms", "median / 150 ms"):
        table.add_column(col, justify="left" if col == "intent" else "right")
    summary = {}
    for intent, times in list(results.items()) + [("overall", [t for ts in results.values() for t in ts])]:
        times = sorted(times)
        med, p95 = statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]
        summary[intent] = {"median_ms": round(med, 1), "p95_ms": round(p95, 1), "ratio_to_target": round(med / TARGET_MS, 2)}
        table.add_row(intent, f"{med:.1f}", f"{p95:.1f}", f"{med / TARGET_MS:.2f}",
                      style="bold" if intent == "overall" else None)
    Console().print(table)
    if json_out:
        json_out.write_text(json.dumps({"load_s": round(warm_s, 2), "intents": summary}, indent=1), encoding="utf-8")
