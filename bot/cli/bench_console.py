"""The review console's log page at scale: ``carbonbot bench --console-answers N``.

Fills a throwaway audit database (the embedded SQLite default) with N answers spread over firms, statuses and
intents, with "not helpful" feedback on some, then times the log page's query (one page of 50,
newest first, keyset-paginated) as staff use it: the first page, a page half-way down, and each filter.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_MS = 100.0
BATCH = 100_000
STATUSES = ("answered", "answered", "answered", "not_found", "refused", "clarify")
INTENTS = ("repayment", "eligibility", "offset", "program", "law", "out_of_scope")


def _fill(audit, answers: int, firms: int = 10_000) -> None:
    sql = ("INSERT INTO answers (ts, via, asker_role, partner_id, asker_name, slack_user, slack_channel,"
           " slack_thread, thread_id, question, status, intent, answer, citations, facts, hits, private, latency_ms)"
           " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")
    with audit.engine.begin() as connection:
        for start in range(0, answers, BATCH):
            rows = []
            for i in range(start, min(start + BATCH, answers)):
                firm = f"P-T{1 + i % 2}-{(i * 7) % firms:04d}"
                day = f"2026-{1 + (i * 12) // answers:02d}-{1 + i % 28:02d}T09:00:00"
                rows.append((day, "slack", "partner", firm, "asker", f"U{i % 5000}", "C1", None, None,
                             f"question {i} about {INTENTS[i % 6]}", STATUSES[i % 6], INTENTS[(i // 6) % 6],
                             "answer", "[]", "{}", "[]", 1, 20.0))
            connection.exec_driver_sql(sql, rows)
        connection.exec_driver_sql("INSERT INTO feedback (answer_id, ts, slack_user, value) VALUES (?,?,?,?)",
                                   [(i, "2026-11-01T00:00:00", "U1", "not_helpful")
                                    for i in range(1, answers + 1, 2 * 97)])


def _time(fn, repeat: int) -> dict[str, float]:
    fn()  # the first read warms the page cache, as a console in use has it warm
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        rows, _ = fn()
        times.append((time.perf_counter() - started) * 1000)
        assert rows, "a page came back empty"
    times.sort()
    return {"median_ms": round(statistics.median(times), 2), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 2)}


def console_figures(answers: int, repeat: int = 30, workdir: Path | None = None) -> dict[str, Any]:
    """Median and p95 ms of the log page's query, per way staff read it, over ``answers`` logged answers."""
    from bot.review.queries import Filters, answer_page
    from bot.store.audit import AuditLog

    with tempfile.TemporaryDirectory(prefix="carbonbot-console-", dir=workdir) as tmp:
        audit = AuditLog(Path(tmp) / "audit.sqlite")
        try:
            started = time.perf_counter()
            _fill(audit, answers)
            fill_s = time.perf_counter() - started
            half = answers // 2
            cases = {
                "newest page": Filters(),
                "a page half-way down": Filters(before=half),
                "status = not_found": Filters(status="not_found"),
                "intent = offset": Filters(intent="offset"),
                "one firm": Filters(firm="P-T2-0007"),
                "not helpful": Filters(negative=True),
                "not yet reviewed": Filters(unreviewed=True),
                "a date range": Filters(date_from="2026-03-01", date_to="2026-03-31"),
            }
            pages = {name: _time(lambda f=f: answer_page(audit, f), repeat) for name, f in cases.items()}
        finally:
            audit.close()
    worst = max(p["median_ms"] for p in pages.values())
    return {"answers": answers, "fill_s": round(fill_s, 1), "pages": pages, "worst_median_ms": worst,
            "target_ms": TARGET_MS, "met": worst <= TARGET_MS}
