"""Answer-log queries: filters and keyset pagination (fast at 100,000 rows: no OFFSET, indexed order).

The SQL is dialect-neutral (it runs on SQLite and PostgreSQL alike): dates are computed here, JSON is read here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.store.audit import AuditLog

PAGE = 50


@dataclass
class Filters:
    status: str = ""
    intent: str = ""
    firm: str = ""
    negative: bool = False
    escalated: bool = False
    unreviewed: bool = False
    date_from: str = ""
    date_to: str = ""
    q: str = ""
    before: int | None = None  # keyset: show answers with id < before

    def where(self) -> tuple[str, list[Any]]:
        clauses, args = [], []
        for column, value in (("status", self.status), ("intent", self.intent), ("partner_id", self.firm)):
            if value:
                clauses.append(f"a.{column} = ?")
                args.append(value)
        if self.negative:
            clauses.append("EXISTS (SELECT 1 FROM feedback f WHERE f.answer_id = a.id AND f.value = 'not_helpful')")
        if self.escalated:
            clauses.append("EXISTS (SELECT 1 FROM escalations e WHERE e.answer_id = a.id)")
        if self.unreviewed:
            clauses.append("NOT EXISTS (SELECT 1 FROM reviews r WHERE r.answer_id = a.id)")
        if self.date_from:
            clauses.append("a.ts >= ?")
            args.append(self.date_from)
        if self.date_to:
            clauses.append("a.ts < ?")
            args.append(_next_day(self.date_to))
        if self.q:
            # The words as typed: % and _ are no wildcards, and a backslash is a backslash. The escape character
            # is named, since PostgreSQL's LIKE escapes with a backslash by default and SQLite's with nothing.
            clauses.append("(LOWER(a.question) LIKE LOWER(?) ESCAPE '\\' OR LOWER(a.answer) LIKE LOWER(?) ESCAPE '\\')")
            args += [f"%{_literal(self.q)}%"] * 2
        if self.before:
            clauses.append("a.id < ?")
            args.append(self.before)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", args


def _literal(text: str) -> str:
    """``text`` for a LIKE pattern with ``ESCAPE '\\'``: matched as written."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _next_day(day: str) -> str:
    """The day after ``day`` (YYYY-MM-DD), as the lower bound answers of later days sort from."""
    try:
        return (date.fromisoformat(day[:10]) + timedelta(days=1)).isoformat()
    except ValueError:
        return day  # not a date: matches what it matched before, by string order


# -- the review queue ---------------------------------------------------------------------------------------
# Why an unreviewed answer is queued, as SQL over ``answers a`` (``?``: the low-score margins, en then ko).
REASONS = {
    "negative": "EXISTS (SELECT 1 FROM feedback f WHERE f.answer_id = a.id AND f.value = 'not_helpful')",
    "escalated": "EXISTS (SELECT 1 FROM escalations e WHERE e.answer_id = a.id)",
    "not_found": "a.status IN ('not_found', 'needs_human')",
    "low_confidence": "(a.status = 'clarify' OR (a.status = 'answered' AND a.score > 0 AND "
                      "a.score < CASE a.language WHEN 'ko' THEN ? ELSE ? END))",
}
QUEUE_REASONS = ("any",) + tuple(REASONS) + ("all",)  # "any": for any reason above; "all": every unreviewed answer
LOW_MARGIN = 1.15  # a document answer grounded less than 15 % above the bar it had to clear


@dataclass
class Queue:
    reason: str = "any"  # one of QUEUE_REASONS
    low_en: float = 0.75 * LOW_MARGIN
    low_ko: float = 1.3 * LOW_MARGIN

    def where(self) -> tuple[str, list[Any]]:
        args: list[Any] = []
        if self.reason == "all":
            why = "1 = 1"
        else:
            chosen = [self.reason] if self.reason in REASONS else list(REASONS)  # "any"
            why = "(" + " OR ".join(REASONS[r] for r in chosen) + ")"
            args += [self.low_ko, self.low_en] if "low_confidence" in chosen else []
        return f" WHERE NOT EXISTS (SELECT 1 FROM reviews r WHERE r.answer_id = a.id) AND a.via != 'eval' AND {why}", args

    def reasons_sql(self) -> tuple[str, list[Any]]:
        """Columns saying which reasons hold for a row."""
        return ", ".join(f"({sql}) AS why_{name}" for name, sql in REASONS.items()), [self.low_ko, self.low_en]


def queue_page(audit: AuditLog, queue: Queue, after: int = 0) -> tuple[list[dict[str, Any]], int | None, int]:
    """One page of the queue, oldest first; the id to continue after (None on the last page); the total."""
    where, args = queue.where()
    why, why_args = queue.reasons_sql()
    rows = [dict(r) for r in audit.query(
        f"SELECT a.id, a.ts, a.via, a.asker_role, a.asker_name, a.partner_id, a.question, a.status, a.intent,"
        f" a.private, {why} FROM answers a{where} AND a.id > ? ORDER BY a.id LIMIT ?",
        tuple(why_args + args + [after, PAGE + 1]))]
    total = audit.query(f"SELECT COUNT(*) FROM answers a{where}", tuple(args))[0][0]
    for row in rows:
        row["reasons"] = [name for name in REASONS if row.pop(f"why_{name}")]
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    return rows, (rows[-1]["id"] if more and rows else None), total


def queue_neighbours(audit: AuditLog, queue: Queue, answer_id: int) -> tuple[int | None, int | None]:
    """(the queued answer before this one, the one after), oldest first; this one need not be queued any more."""
    where, args = queue.where()
    before = audit.query(f"SELECT MAX(a.id) FROM answers a{where} AND a.id < ?", tuple(args + [answer_id]))[0][0]
    after = audit.query(f"SELECT MIN(a.id) FROM answers a{where} AND a.id > ?", tuple(args + [answer_id]))[0][0]
    return before, after


def page_sql(filters: Filters) -> tuple[str, list[Any]]:
    where, args = filters.where()
    sql = ("SELECT a.id, a.ts, a.via, a.asker_role, a.asker_name, a.partner_id, a.question, a.status, a.intent,"
           " a.private, a.llm,"
           " a.latency_ms,"
           " (SELECT value FROM feedback f WHERE f.answer_id = a.id ORDER BY f.id DESC LIMIT 1) AS feedback,"
           " (SELECT status FROM escalations e WHERE e.answer_id = a.id ORDER BY e.id DESC LIMIT 1) AS escalation,"
           " (SELECT verdict FROM reviews r WHERE r.answer_id = a.id ORDER BY r.version DESC LIMIT 1) AS verdict"
           f" FROM answers a{where} ORDER BY a.id DESC LIMIT ?")
    return sql, args + [PAGE + 1]


def answer_page(audit: AuditLog, filters: Filters) -> tuple[list[dict[str, Any]], int | None]:
    """One page, newest first, and the id to continue from (None on the last page)."""
    sql, args = page_sql(filters)
    rows = [dict(r) for r in audit.query(sql, tuple(args))]
    for row in rows:
        llm = row.pop("llm")
        row["llm_verdict"] = json.loads(llm).get("verdict") if llm else None
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    return rows, (rows[-1]["id"] if more and rows else None)


def detail(audit: AuditLog, answer_id: int) -> dict[str, Any] | None:
    row = audit.answer(answer_id)
    if row is None:
        return None
    row["feedback"] = [dict(r) for r in audit.query("SELECT * FROM feedback WHERE answer_id=? ORDER BY id", (answer_id,))]
    row["escalations"] = [dict(r) for r in audit.query("SELECT * FROM escalations WHERE answer_id=? ORDER BY id",
                                                       (answer_id,))]
    row["review"] = audit.latest_review(answer_id)
    return row


def weekly_trends(audit: AuditLog) -> list[dict[str, Any]]:
    """Feedback and verdicts per week (``%Y-W%W``: weeks from Monday), for the quality page."""
    weeks: dict[str, dict[str, Any]] = {}

    def count(ts: str, key: str, n: int) -> None:
        week = datetime.fromisoformat(ts).strftime("%Y-W%W")
        w = weeks.setdefault(week, {"week": week, "helpful": 0, "not_helpful": 0, "correct": 0, "incorrect": 0})
        w[key] += n

    for r in audit.query("SELECT SUBSTR(ts, 1, 10) AS day, value, COUNT(*) FROM feedback"
                         " WHERE value IN ('helpful', 'not_helpful') GROUP BY SUBSTR(ts, 1, 10), value"):
        count(r[0], r[1], r[2])
    for r in audit.query("SELECT SUBSTR(ts, 1, 10) AS day, verdict, COUNT(*) FROM reviews"
                         " WHERE verdict IN ('correct', 'incorrect') GROUP BY SUBSTR(ts, 1, 10), verdict"):
        count(r[0], r[1], r[2])
    return [weeks[k] for k in sorted(weeks, reverse=True)]
