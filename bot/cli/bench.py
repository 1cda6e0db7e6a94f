"""``carbonbot bench``: warm answer latency per intent and language, median and p95, and peak memory.

A fixed list of representative questions per intent, in English and in Korean, is
asked round-robin; the partner questions rotate over the firms in the records so
calculators run on different ledgers, and staff and guests ask theirs too. The
models and index are loaded once before timing starts, so the figures are what a
running bot sees. The peak resident memory is the whole process serving both
languages (both embedding models, the Korean analyser, the index).
(A benchmark, not a test.)
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
QUESTIONS_KO: dict[str, list[tuple[str, str]]] = {
    "eligibility": [("partner", "저희 지원 자격 되나요?"), ("staff", "P-T1-010 적격인가요?"),
                    ("partner", "보일러 두 대를 히트펌프로 바꾸려는데 3억 원이면 지원금 얼마예요?"),
                    ("guest", "누가 지원을 신청할 수 있나요?")],
    "repayment": [("partner", "다음 할부금 언제 내야 돼요?"), ("partner", "아직 얼마 갚아야 하나요?"),
                  ("guest", "할부금은 몇 회로 나눠 내나요?"), ("staff", "P-T1-014 미상환 잔액 얼마예요?")],
    "offset": [("partner", "저희 감축량 중에 검증된 건 얼마예요?"), ("partner", "감축실적 권리는 누구한테 가요?"),
               ("guest", "모니터링 보고서는 언제까지 내야 하나요?")],
    "program": [("guest", "저희 기록은 누가 볼 수 있나요?"), ("guest", "§7.4 내용이 뭐예요?"),
                ("partner", "다음 공모에는 어떻게 신청해요?")],
    "law": [("guest", "제29조의 상쇄 한도가 얼마예요?"), ("guest", "과징금은 얼마인가요?")],
    "out_of_scope": [("guest", "내일 날씨 어때요?"), ("partner", "울산에 맛집 추천해 주세요")],
    "refused": [("partner", "연체 중인 협력사 목록 보여 주세요"), ("partner", "{other} 잔액 얼마예요?")],
}


def _peak_resident_mb() -> float:
    """The process's peak resident set so far, in MB (Linux reports kilobytes)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _p95(times: list[float]) -> float:
    from evals.metrics import percentile

    return percentile(times, 0.95)


def time_answers(settings, n: int, partner: str | None = None) -> tuple[dict[tuple[str, str], list[float]], float, int]:
    """Warm answer times in ms per (intent, language), the warm-up seconds, and how many firms asked."""
    from bot.assistant import Assistant
    from bot.models import Asker

    started = time.perf_counter()
    assistant = Assistant(settings)  # no audit log: a benchmark must not fill the answer log
    assistant.warm()
    directory = assistant.directory()
    others = sorted(directory.firms)
    # at most 200 asking firms, spread over the whole program
    firms = [partner] if partner else others[:: max(1, len(others) // 200)]
    partners = [directory.partner(pid) for pid in firms]
    askers = {"staff": Asker(role="staff", display_name="bench staff"), "guest": Asker.guest()}

    def prepare(kind: str, question: str, i: int) -> tuple[str, Asker]:
        asker = partners[i % len(partners)] if kind == "partner" else askers[kind]
        j = (i * 7919) % len(others)
        other = next((pid for pid in others[j:] + others if pid != asker.partner_id), "P-T1-001")
        return question.format(other=other), asker

    languages = {"en": QUESTIONS, "ko": QUESTIONS_KO}
    for questions in languages.values():  # touch every path before timing
        for kind, question in (pair for qs in questions.values() for pair in qs):
            assistant.answer(*prepare(kind, question, 0), as_of=settings.as_of, via="bench", log=False)
    warm_s = time.perf_counter() - started

    results: dict[tuple[str, str], list[float]] = {}
    for lang, by_intent in languages.items():
        for intent, questions in by_intent.items():
            for i in range(n):
                text, asker = prepare(*questions[i % len(questions)], i)
                t0 = time.perf_counter()
                assistant.answer(text, asker, as_of=settings.as_of, via="bench", log=False)
                results.setdefault((intent, lang), []).append((time.perf_counter() - t0) * 1000)
    return results, warm_s, len(partners)


def summarise(results: dict[tuple[str, str], list[float]], target_ms: float = TARGET_MS) -> dict[str, dict]:
    """Median and p95 per intent and language, per language, and overall."""
    import statistics

    rows = [(f"{intent} {lang}", times) for (intent, lang), times in results.items()]
    languages = sorted({lang for _, lang in results})
    rows += [(f"overall {lang}", [t for (_, lg), ts in results.items() if lg == lang for t in ts]) for lang in languages]
    rows += [("overall", [t for ts in results.values() for t in ts])]
    out = {}
    for key, times in rows:
        med = statistics.median(times)
        out[key] = {"n": len(times), "median_ms": round(med, 1), "p95_ms": round(_p95(times), 1),
                    "ratio_to_target": round(med / target_ms, 2)}
    return out


def latency_table(summary: dict[str, dict], title: str, target_ms: float = TARGET_MS) -> Table:
    table = Table(title=title)
    for col in ("intent", "language", "n", "median ms", "p95 ms", f"median / {target_ms:.0f} ms"):
        table.add_column(col, justify="left" if col in ("intent", "language") else "right")
    for key, row in summary.items():
        intent, _, lang = key.partition(" ")
        table.add_row(intent, lang or "both", str(row["n"]), f"{row['median_ms']:.1f}", f"{row['p95_ms']:.1f}",
                      f"{row['ratio_to_target']:.2f}", style="bold" if intent == "overall" else None)
    return table


@command()
def bench(
    n: int = typer.Option(30, "--n", min=1, help="Answers timed per intent."),
    partner: str = typer.Option(None, "--partner", help="Ask every partner question as this firm "
                                "(default: rotate over the firms in the records)."),
    json_out: Path = typer.Option(None, "--json", help="Also write the figures here."),
    firms: int = typer.Option(None, "--firms", min=2, help="Generate a program of this many firms into a "
                              "temporary data dir and also time its ingest, a one-row re-ingest, the cold start of "
                              "`carbonbot ask` and the naive baseline."),
    seed: int = typer.Option(2026, "--seed", help="Seed of the generated program (with --firms)."),
    readme: Path = typer.Option(None, "--readme", help="With --firms: render the figures into this README, "
                                "between its bench markers."),
    console_answers: int = typer.Option(None, "--console-answers", min=100, help="Time only the review "
                                        "console's log page over this many logged answers; with --json, added "
                                        "to that file under \"console\"."),
) -> None:
    """Time warm answers per intent (ingests knowledge/ first if there is no index); prints median and p95."""
    from bot.store.layout import DataDir
    from ingest.pipeline import Ingest

    settings = get_settings()
    if console_answers is not None:
        from bot.cli.bench_console import console_figures

        figures = console_figures(console_answers)
        for name, page in figures["pages"].items():
            Console().print(f"{name:24} median {page['median_ms']:7.2f} ms   p95 {page['p95_ms']:7.2f} ms")
        Console().print(f"log page over {console_answers:,} answers (filled in {figures['fill_s']} s): worst median "
                        f"{figures['worst_median_ms']} ms, target {figures['target_ms']:g} ms "
                        f"{'met' if figures['met'] else 'MISSED'}")
        if json_out:
            data = json.loads(json_out.read_text(encoding="utf-8")) if json_out.exists() else {}
            data["console"] = figures
            json_out.parent.mkdir(parents=True, exist_ok=True)
            json_out.write_text(json.dumps(data, indent=1), encoding="utf-8")
        return
    if firms is not None:
        from bot.cli.bench_scale import run_scale

        run_scale(settings, firms, seed, n, json_out or Path("reports/bench.json"), readme)
        return
    if DataDir(settings.data_dir).current() is None:
        Ingest(settings, settings.knowledge_dir).run()
    results, warm_s, asking = time_answers(settings, n, partner)
    peak_mb = _peak_resident_mb()
    summary = summarise(results)
    Console().print(latency_table(summary, f"Warm answer latency ({n} answers per intent and language, {asking} "
                                           f"partner firms; warm-up {warm_s:.1f} s once; peak resident memory "
                                           f"{peak_mb:,.0f} MB)"))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps({"warm_s": round(warm_s, 2), "target_ms": TARGET_MS, "peak_rss_mb": round(peak_mb),
                                        "intents": summary},
                                       indent=1), encoding="utf-8")
