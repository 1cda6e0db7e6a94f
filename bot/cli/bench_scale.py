"""``carbonbot bench --firms N``: the whole program at scale, timed end to end.

Generates a program of N firms (``ingest.program``) into a temporary folder, then measures: the full ingest
(wall time, and chunks embedded per second once the models are loaded), the re-ingest after one ledger row
changes, warm answer latency per intent and language (median, p95), the cold start of ``carbonbot ask`` as a
ratio to its floor (a process that only imports sentence-transformers and chromadb and loads both models),
peak resident memory, and the same English questions through the naive baseline. Figures go to a JSON file
(``reports/bench.json``) and, when asked, into the README between ``<!-- bench -->`` markers.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from rich.console import Console

from bot.cli.bench import QUESTIONS, _p95, latency_table, summarise, time_answers
from bot.config import Settings

TARGETS = {"warm_median_ms": 30, "warm_p95_ms": 80, "reingest_one_row_s": 3, "full_ingest_s": 600, "peak_rss_mb": 1536}
FLOOR = """
import sentence_transformers, chromadb
from bot.store.embeddings import get_embeddings
from bot.config import get_settings
s = get_settings()
get_embeddings(s.embedding_model).embed_query("x"); get_embeddings(s.embedding_model_ko).embed_query("x")
"""
MARK, END = "<!-- bench -->", "<!-- /bench -->"


def _rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _timed_process(args: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(args, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t0


PEAK = """
import runpy, sys
sys.argv = ["carbonbot", *sys.argv[1:]]
try:
    runpy.run_module("bot.cli", run_name="__main__")
except SystemExit:
    pass
# VmHWM is this process's own high-water mark; ru_maxrss would also count the parent's pages copied at fork
hwm = next(line.split()[1] for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print("PEAK_KB", hwm, file=sys.stderr)
"""


def _child_peak_mb(args: list[str], env: dict[str, str]) -> int:
    """Peak resident memory of ``carbonbot ARGS`` as measured inside that process."""
    done = subprocess.run([sys.executable, "-c", PEAK, *args], env=env, capture_output=True, text=True, check=True)
    kb = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("PEAK_KB"))
    return round(kb / 1024)


def change_one_row(ledger: Path) -> str:
    """Add 1,000 won to the first ledger row (a correction); returns the firm it belongs to."""
    lines = ledger.read_text(encoding="utf-8").split("\n")
    header = next(i for i, line in enumerate(lines) if not line.startswith("#"))
    cells = lines[header + 1].split(",")
    cells[3] = str(int(cells[3]) + 1000)
    lines[header + 1] = ",".join(cells)
    ledger.write_text("\n".join(lines), encoding="utf-8")
    return cells[1]


KEPT = ("console",)  # keys another bench owns in the same file


def run_scale(settings: Settings, firms: int, seed: int, n: int, json_out: Path, readme: Path | None) -> dict:
    from bot.store.embeddings import get_embeddings
    from ingest.pipeline import Ingest
    from ingest.program import AS_OF

    console = Console()
    figures: dict = {"firms": firms, "seed": seed, "date": date.today().isoformat(), "targets": TARGETS,
                     "cpus": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="carbonbot-bench-") as tmp:
        knowledge, data = Path(tmp) / "knowledge", Path(tmp) / "data"
        t0 = time.perf_counter()  # in its own process, so its memory is not counted as the bot's
        subprocess.run([sys.executable, "-m", "bot.cli", "generate", "--firms", str(firms), "--seed", str(seed),
                        "--out", str(knowledge)], check=True, stdout=subprocess.DEVNULL,
                       env={**os.environ, "CARBONBOT_KNOWLEDGE_DIR": str(settings.knowledge_dir)})
        figures["generate_s"] = round(time.perf_counter() - t0, 1)
        counts = {name: sum(1 for line in (knowledge / "partners" / f"{name}.csv").open(encoding="utf-8")) - 2
                  for name in ("firms", "projects", "reductions", "ledger", "users")}
        figures["rows"] = counts
        console.print(f"generated {firms:,} firms in {figures['generate_s']} s: {counts}")
        scale = settings.model_copy(update={"data_dir": data, "knowledge_dir": knowledge, "as_of": AS_OF})

        t0 = time.perf_counter()
        for model in (scale.embedding_model, scale.embedding_model_ko):
            get_embeddings(model).embed_query("warm")
        figures["model_load_s"] = round(time.perf_counter() - t0, 1)
        t0 = time.perf_counter()
        report = Ingest(scale, knowledge).run()
        ingest_s = time.perf_counter() - t0
        figures["full_ingest_s"] = round(ingest_s + figures["model_load_s"], 1)
        figures["full_ingest_after_load_s"] = round(ingest_s, 1)
        figures["ingest_chunks"] = report.total_chunks
        figures["ingest_embedded"] = report.embedded
        figures["ingest_chunks_per_s"] = round(report.embedded / ingest_s, 1)
        figures["ingest_firms_per_s"] = round(report.firms_processed / ingest_s, 1)
        figures["ingest_ledger_rows_per_s"] = round(counts["ledger"] / ingest_s)
        figures["index_records"] = scale.index_records
        console.print(f"full ingest: {ingest_s:.1f} s after {figures['model_load_s']} s of model load "
                      f"({report.total_chunks} chunks searched, {report.embedded} embedded, "
                      f"{report.firms_processed} firms)")

        firm = change_one_row(knowledge / "partners" / "ledger.csv")
        t0 = time.perf_counter()
        again = Ingest(scale, knowledge).run()
        figures["reingest_one_row_s"] = round(time.perf_counter() - t0, 2)
        figures["reingest_firms_processed"] = again.firms_processed
        console.print(f"one ledger row of {firm} changed: re-ingest {figures['reingest_one_row_s']} s, "
                      f"{again.firms_processed} firm processed, {again.embedded} chunks embedded")

        results, warm_s, asking = time_answers(scale, n)
        summary = summarise(results)
        figures["warm_up_s"], figures["asking_firms"], figures["intents"] = round(warm_s, 1), asking, summary
        figures["peak_rss_mb"] = round(_rss_mb())
        console.print(latency_table(summary, f"Warm answer latency at {firms:,} firms ({n} answers per intent and "
                                             f"language; peak resident memory {figures['peak_rss_mb']:,} MB)"))

        figures["baseline"] = _baseline(scale, n, summary)
        env = {**os.environ, "CARBONBOT_DATA_DIR": str(data), "CARBONBOT_KNOWLEDGE_DIR": str(knowledge),
               "CARBONBOT_AS_OF": AS_OF.isoformat()}
        ask = [sys.executable, "-m", "bot.cli", "ask", "how much do we still owe?", "--partner", "P-T1-001"]
        # one answering process's own peak (a child's ru_maxrss includes the parent's pages from before exec)
        figures["serving_peak_rss_mb"] = _child_peak_mb(ask[3:], env)
        floor = [sys.executable, "-c", FLOOR]
        figures["cold_ask_s"] = round(min(_timed_process(ask, env) for _ in range(2)), 2)
        figures["cold_floor_s"] = round(min(_timed_process(floor, env) for _ in range(2)), 2)
        figures["cold_ratio"] = round(figures["cold_ask_s"] / figures["cold_floor_s"], 2)
        console.print(f"cold `carbonbot ask`: {figures['cold_ask_s']} s, floor {figures['cold_floor_s']} s "
                      f"(ratio {figures['cold_ratio']})")
    json_out.parent.mkdir(parents=True, exist_ok=True)
    try:  # figures other benches wrote there (the console's, under "console") are kept
        earlier = json.loads(json_out.read_text(encoding="utf-8")) if json_out.exists() else {}
    except (OSError, ValueError):
        earlier = {}
    figures = {**{k: v for k, v in earlier.items() if k not in figures and k in KEPT}, **figures}
    json_out.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    console.print(f"figures: {json_out}")
    if readme is not None:
        write_readme(readme, figures)
    return figures


def _baseline(settings: Settings, n: int, summary: dict) -> dict:
    """The naive baseline (dense top-4, no access filter, no calculators) on the English questions."""
    import statistics

    from evals.baseline import NaiveRAG

    naive = NaiveRAG.from_settings(settings, with_records=False)  # a latency baseline: documents only
    questions = [q.format(other="P-T1-002") for qs in QUESTIONS.values() for _, q in qs]
    for q in questions:
        naive.answer(q)
    times = []
    for i in range(n * len(QUESTIONS)):
        t0 = time.perf_counter()
        naive.answer(questions[i % len(questions)])
        times.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(times)
    return {"n": len(times), "median_ms": round(median, 1), "p95_ms": round(_p95(times), 1),
            "system_over_baseline": round(summary["overall en"]["median_ms"] / median, 2)}


def render(figures: dict) -> str:
    """The README section: one table of the figures against their targets."""
    t, overall = figures["targets"], figures["intents"]["overall"]
    verdict = lambda ok: "met" if ok else "**missed**"  # noqa: E731
    rows = [
        ("warm answer, median (both languages)", f"{overall['median_ms']} ms", f"≤ {t['warm_median_ms']} ms",
         verdict(overall["median_ms"] <= t["warm_median_ms"])),
        ("warm answer, p95", f"{overall['p95_ms']} ms", f"≤ {t['warm_p95_ms']} ms",
         verdict(overall["p95_ms"] <= t["warm_p95_ms"])),
        *[(f"… {lang}, median / p95", f"{figures['intents'][f'overall {lang}']['median_ms']} / "
           f"{figures['intents'][f'overall {lang}']['p95_ms']} ms", "", "") for lang in ("en", "ko")],
        ("re-ingest after one ledger row", f"{figures['reingest_one_row_s']} s "
         f"({figures['reingest_firms_processed']} firm processed)", f"≤ {t['reingest_one_row_s']} s",
         verdict(figures["reingest_one_row_s"] <= t["reingest_one_row_s"])),
        ("full ingest (with model load)", f"{figures['full_ingest_s']} s", f"≤ {t['full_ingest_s']} s",
         verdict(figures["full_ingest_s"] <= t["full_ingest_s"])),
        ("ingest throughput after model load (whole run)", f"{figures['ingest_chunks_per_s']} chunks/s embedded, "
         f"{figures['ingest_firms_per_s']:,} firms/s, {figures['ingest_ledger_rows_per_s']:,} ledger rows/s", "", ""),
        ("peak resident memory, one process answering", f"{figures['serving_peak_rss_mb']:,} MB"
         if figures.get("serving_peak_rss_mb") else "not measured in this run", f"≤ {t['peak_rss_mb']:,} MB",
         verdict(figures["serving_peak_rss_mb"] <= t["peak_rss_mb"]) if figures.get("serving_peak_rss_mb") else ""),
        ("… the bench process (ingest, then answering)", f"{figures['peak_rss_mb']:,} MB", "", ""),
        ("cold `carbonbot ask` / floor", f"{figures['cold_ask_s']} s / {figures['cold_floor_s']} s = "
         f"{figures['cold_ratio']}×", "", ""),
        ("naive baseline, same English questions", f"median {figures['baseline']['median_ms']} ms (system "
         f"{figures['baseline']['system_over_baseline']}× its time)", "", ""),
    ]
    lines = [f"`carbonbot bench --firms {figures['firms']:,}` on {figures['date']} ({figures['cpus']} shared cores; "
             f"{figures['rows']['ledger']:,} ledger rows, {figures['ingest_chunks']:,} chunks searched; "
             f"from `reports/bench.json`):", "", "| figure | measured | target | |", "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def write_readme(readme: Path, figures: dict) -> None:
    text = readme.read_text(encoding="utf-8")
    if MARK not in text or END not in text:
        raise ValueError(f"{readme}: no {MARK} … {END} section to write the figures into")
    head, rest = text.split(MARK, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{MARK}\n{render(figures)}\n{END}{tail}", encoding="utf-8")
