"""``carbonbot bench``: warm answer latency per intent, median and p95 (a benchmark, not a test).

A fixed list of representative questions per intent is asked round-robin; the
partner questions rotate over the firms in the records so calculators run on
different ledgers, and staff and guests ask theirs too. The model and index are
loaded once before timing starts, so the figures are what a running bot sees.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from bot.cli import command
from bot.config import get_settings

TARGET_MS = 150.0
# (asker kind, question) per intent; "refused" times the access screen's refusals
# ({other} is another firm than the asking one).
QUESTIONS: dict[str, list[tuple[str, str]]] = {
    "eligibility": [("partner", "are we eligible?"), ("staff", "Is P-T1-010 eligible?"),
                    ("partner", "we want to replace two boilers with heat pumps, cost KRW 300M"),
                    ("guest", "who can apply for support?")],
    "repayment": [("partner", "when is our next installment due?"), ("partner", "how much do we still owe?"),
                  ("guest", "how many installments are there?"), ("staff", "what does P-T1-014 still owe?")],
    "offset": [("partner", "how much of our reduction is verified?"), ("partner", "who owns the credits?"),
               ("guest", "when is the monitoring report due?")],
    "program": [("guest", "who can see our records?"), ("guest", "what does §7.4 say?"),
                ("partner", "how do we apply for the next round?")],
    "law": [("guest", "what is the offset limit under Article 29?"), ("guest", "what is the penalty surcharge?")],
    "out_of_scope": [("guest", "what's the weather tomorrow?"), ("partner", "recommend a good restaurant in Ulsan")],
    "refused": [("partner", "list all overdue partners"), ("partner", "what does {other} still owe?")],
}


def _p95(times: list[float]) -> float:
    from evals.metrics import percentile

    return percentile(times, 0.95)


@command()
def bench(
    n: int = typer.Option(30, "--n", min=1, help="Answers timed per intent."),
    partner: str = typer.Option(None, "--partner", help="Ask every partner question as this firm "
                                "(default: rotate over the firms in the records)."),
    json_out: Path = typer.Option(None, "--json", help="Also write the figures here."),
) -> None:
    """Time warm answers per intent (ingests knowledge/ first if there is no index); prints median and p95."""
    import statistics

    from bot.assistant import Assistant
    from bot.models import Asker
    from bot.store.layout import DataDir
    from ingest.pipeline import Ingest

    settings = get_settings()
    if DataDir(settings.data_dir).current() is None:
        Ingest(settings, settings.knowledge_dir).run()
    started = time.perf_counter()
    assistant = Assistant(settings)  # no audit log: a benchmark must not fill the answer log
    assistant.warm()
    directory = assistant.directory()
    firms = [partner] if partner else sorted(directory.firms)
    partners = [directory.partner(pid) for pid in firms]
    askers = {"staff": Asker(role="staff", display_name="bench staff"), "guest": Asker.guest()}
    others = sorted(directory.firms)

    def prepare(kind: str, question: str, i: int) -> tuple[str, Asker]:
        asker = partners[i % len(partners)] if kind == "partner" else askers[kind]
        other = next((pid for pid in others[i % len(others):] + others if pid != asker.partner_id), "P-T1-001")
        return question.format(other=other), asker

    for kind, question in (pair for qs in QUESTIONS.values() for pair in qs):  # touch every path before timing
        assistant.answer(*prepare(kind, question, 0), as_of=settings.as_of, via="bench", log=False)
    warm_s = time.perf_counter() - started

    results: dict[str, list[float]] = {}
    for intent, questions in QUESTIONS.items():
        for i in range(n):
            text, asker = prepare(*questions[i % len(questions)], i)
            t0 = time.perf_counter()
            assistant.answer(text, asker, as_of=settings.as_of, via="bench", log=False)
            results.setdefault(intent, []).append((time.perf_counter() - t0) * 1000)

    table = Table(title=f"Warm answer latency ({n} answers per intent, {len(partners)} partner firms; "
                        f"warm-up {warm_s:.1f} s once)")
    for col in ("intent", "n", "median ms", "p95 ms", f"median / {TARGET_MS:.0f} ms"):
        table.add_column(col, justify="left" if col == "intent" else "right")
    summary = {}
    for intent, times in list(results.items()) + [("overall", [t for ts in results.values() for t in ts])]:
        med, p95 = statistics.median(times), _p95(times)
        summary[intent] = {"n": len(times), "median_ms": round(med, 1), "p95_ms": round(p95, 1),
                           "ratio_to_target": round(med / TARGET_MS, 2)}
        table.add_row(intent, str(len(times)), f"{med:.1f}", f"{p95:.1f}", f"{med / TARGET_MS:.2f}",
                      style="bold" if intent == "overall" else None)
    Console().print(table)
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps({"warm_s": round(warm_s, 2), "target_ms": TARGET_MS, "intents": summary},
                                       indent=1), encoding="utf-8")
