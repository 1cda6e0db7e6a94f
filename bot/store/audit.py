"""The audit log and conversation state, in one SQLite file (WAL) outside index generations.

Every question and answer from Slack or the CLI is appended here with who
asked, what was cited and how long it took; feedback, escalations and staff
reviews refer to it. Thread state for follow-up questions lives here too.
Secrets never go in: callers pass ids, not tokens.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bot.models import Answer, Asker

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    via TEXT NOT NULL,               -- cli | slack | eval
    asker_role TEXT NOT NULL,
    partner_id TEXT,
    asker_name TEXT,
    slack_user TEXT,
    slack_channel TEXT,
    slack_thread TEXT,
    thread_id TEXT,
    question TEXT NOT NULL,
    status TEXT NOT NULL,
    intent TEXT NOT NULL,
    answer TEXT NOT NULL,
    citations TEXT NOT NULL,         -- JSON list
    facts TEXT NOT NULL,             -- JSON object
    hits TEXT NOT NULL,              -- JSON list: retrieval scores, for review
    private INTEGER NOT NULL,
    latency_ms REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS answers_ts ON answers (ts);
CREATE INDEX IF NOT EXISTS answers_status ON answers (status, ts);
CREATE INDEX IF NOT EXISTS answers_partner ON answers (partner_id, ts);
CREATE INDEX IF NOT EXISTS answers_intent ON answers (intent, ts);
CREATE INDEX IF NOT EXISTS answers_slack_thread ON answers (slack_channel, slack_thread);
CREATE INDEX IF NOT EXISTS answers_slack_user ON answers (slack_user, id);
CREATE TABLE IF NOT EXISTS turns (
    thread_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    asker_role TEXT NOT NULL,
    partner_id TEXT,
    question TEXT NOT NULL,
    intent TEXT NOT NULL,
    subject TEXT                     -- JSON: what the turn was about (firm, topic), for follow-ups
);
CREATE INDEX IF NOT EXISTS turns_thread ON turns (thread_id, ts);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id INTEGER NOT NULL REFERENCES answers(id),
    ts TEXT NOT NULL,
    slack_user TEXT,
    value TEXT NOT NULL              -- helpful | not_helpful
);
CREATE INDEX IF NOT EXISTS feedback_answer ON feedback (answer_id);
CREATE TABLE IF NOT EXISTS escalations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id INTEGER NOT NULL REFERENCES answers(id),
    ts TEXT NOT NULL,
    slack_user TEXT,
    status TEXT NOT NULL DEFAULT 'open',   -- open | resolved
    staff_channel TEXT,
    staff_ts TEXT,
    resolved_by TEXT,
    resolved_at TEXT
);
CREATE INDEX IF NOT EXISTS escalations_answer ON escalations (answer_id);
CREATE TABLE IF NOT EXISTS reviews (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id INTEGER NOT NULL REFERENCES answers(id),
    version INTEGER NOT NULL,        -- 1, 2, ... per answer; a stale form cannot overwrite a newer review
    ts TEXT NOT NULL,
    reviewer TEXT NOT NULL,
    verdict TEXT NOT NULL,           -- correct | incorrect | follow_up
    corrected_answer TEXT,
    note TEXT,
    expected_status TEXT,
    facts TEXT,                      -- JSON list, for the exported gold case
    cite TEXT,                       -- JSON list of locators
    UNIQUE (answer_id, version)
);
CREATE INDEX IF NOT EXISTS reviews_answer ON reviews (answer_id, version);
CREATE TABLE IF NOT EXISTS clarifications (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    answer_id INTEGER NOT NULL REFERENCES answers(id),  -- the clarifying answer: question, readings, asker
    nonce TEXT NOT NULL,             -- random, carried by the buttons: an id alone does not make a valid choice
    ts TEXT NOT NULL,
    slack_user TEXT NOT NULL,        -- only this user's click is answered
    channel TEXT NOT NULL,
    thread_ts TEXT,
    kind TEXT NOT NULL,              -- dm | channel | command: where the chosen answer goes
    used_at TEXT                     -- set by the first valid click: a choice answers once
);
CREATE TABLE IF NOT EXISTS slack_events (
    event_id TEXT PRIMARY KEY,
    ts TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS reminders (
    key TEXT PRIMARY KEY,            -- what it is about and to whom: once, ever
    ts TEXT NOT NULL,
    slack_user TEXT NOT NULL,
    partner_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT,
    message_ts TEXT
);
CREATE TABLE IF NOT EXISTS reviewers (   -- people who sign in to the review console with a token of their own
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE, -- sha256 of the token: the token itself is shown once and never stored
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE TABLE IF NOT EXISTS review_sessions (
    id_hash TEXT PRIMARY KEY,        -- sha256 of the cookie's random id: a copy of this table opens no session
    user TEXT NOT NULL,              -- the reviewer's name, or the Slack user's email
    reviewer_id INTEGER,             -- a token sign-in: revoking the reviewer ends it
    role TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at REAL NOT NULL,        -- epoch seconds, for the absolute timeout
    seen_at REAL NOT NULL            -- for the idle timeout
);
CREATE TABLE IF NOT EXISTS staff_actions (  -- who did what in the review console, and when
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,            -- sign_in | sign_out | export | bulk_correct | resolve | revoke | ...
    detail TEXT
);
CREATE TABLE IF NOT EXISTS reminder_prefs (
    slack_user TEXT PRIMARY KEY,
    enabled INTEGER NOT NULL,
    lead_days INTEGER NOT NULL,
    ts TEXT NOT NULL
);
"""


# Columns added since the tables were first made: an older audit log gains them when opened.
COLUMNS_ADDED = [
    ("answers", "score", "REAL NOT NULL DEFAULT 0"),  # a document answer's best sentence score (its grounding)
    ("answers", "language", "TEXT NOT NULL DEFAULT 'en'"),  # the question's language, which the answer is in
    ("reviews", "expected_intent", "TEXT"),  # the intent the reviewer expects, for the exported gold case
    ("answers", "llm", "TEXT"),  # JSON, with CARBONBOT_LLM: model, the guard's verdict and reason, tokens
]


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class AuditLog:
    """Thread-safe append-mostly store; one connection per process, serialised by a lock."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._con = sqlite3.connect(path, check_same_thread=False, timeout=10)
        self._con.row_factory = sqlite3.Row
        self._con.execute("PRAGMA journal_mode=WAL")
        self._con.execute("PRAGMA synchronous=NORMAL")
        self._con.executescript(SCHEMA)
        for table, column, kind in COLUMNS_ADDED:
            if column not in {r["name"] for r in self._con.execute(f"PRAGMA table_info({table})")}:
                self._con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
        self._con.commit()

    def close(self) -> None:
        with self._lock:
            self._con.close()

    def execute(self, sql: str, args: tuple = ()) -> sqlite3.Cursor:
        with self._lock, self._con:
            return self._con.execute(sql, args)

    def query(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._con.execute(sql, args).fetchall()

    # -- answers ----------------------------------------------------------------------
    def record_answer(self, answer: Answer, asker: Asker, *, via: str, thread_id: str | None = None,
                      slack: dict[str, str | None] | None = None) -> int:
        slack = slack or {}
        hits = [{"id": h.chunk.id, "locator": h.chunk.locator, "source": h.chunk.source, "score": h.score,
                 "dense": h.dense, "lexical": h.lexical, "exact_ref": h.exact_ref} for h in answer.hits]
        cur = self.execute(
            "INSERT INTO answers (ts, via, asker_role, partner_id, asker_name, slack_user, slack_channel, slack_thread,"
            " thread_id, question, status, intent, answer, citations, facts, hits, private, latency_ms, score,"
            " language, llm) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (now(), via, asker.role, asker.partner_id, asker.display_name, slack.get("user"), slack.get("channel"),
             slack.get("thread"), thread_id, answer.question, answer.status, answer.intent, answer.answer,
             json.dumps([c.model_dump() for c in answer.citations], ensure_ascii=False),
             json.dumps(answer.facts, ensure_ascii=False, default=str), json.dumps(hits), int(answer.private),
             answer.latency_ms, float(answer.score or 0.0), answer.language,
             json.dumps(answer.llm, ensure_ascii=False) if answer.llm else None),
        )
        return int(cur.lastrowid)

    def answer(self, answer_id: int) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM answers WHERE id = ?", (answer_id,))
        if not rows:
            return None
        row = dict(rows[0])
        for key in ("citations", "facts", "hits"):
            row[key] = json.loads(row[key])
        row["llm"] = json.loads(row["llm"]) if row.get("llm") else None
        return row

    # -- threads ----------------------------------------------------------------------
    def add_turn(self, thread_id: str, asker: Asker, question: str, intent: str, subject: dict[str, Any]) -> None:
        self.execute(
            "INSERT INTO turns (thread_id, ts, asker_role, partner_id, question, intent, subject) VALUES (?,?,?,?,?,?,?)",
            (thread_id, now(), asker.role, asker.partner_id, question, intent, json.dumps(subject, default=str)),
        )

    def last_turn(self, thread_id: str, asker: Asker) -> dict[str, Any] | None:
        """The latest turn of this thread by the same kind of asker (a thread never leaks across firms)."""
        rows = self.query(
            "SELECT * FROM turns WHERE thread_id = ? AND asker_role = ? AND IFNULL(partner_id,'') = ?"
            " ORDER BY rowid DESC LIMIT 1",
            (thread_id, asker.role, asker.partner_id or ""),
        )
        if not rows:
            return None
        row = dict(rows[0])
        row["subject"] = json.loads(row["subject"] or "{}")
        return row

    # -- feedback, escalation, dedup --------------------------------------------------------
    def record_feedback(self, answer_id: int, value: str, slack_user: str | None) -> None:
        self.execute("INSERT INTO feedback (answer_id, ts, slack_user, value) VALUES (?,?,?,?)",
                     (answer_id, now(), slack_user, value))

    def escalate(self, answer_id: int, slack_user: str | None, staff_channel: str | None = None,
                 staff_ts: str | None = None) -> int:
        cur = self.execute(
            "INSERT INTO escalations (answer_id, ts, slack_user, staff_channel, staff_ts) VALUES (?,?,?,?,?)",
            (answer_id, now(), slack_user, staff_channel, staff_ts),
        )
        return int(cur.lastrowid)

    def set_escalation_message(self, escalation_id: int, staff_channel: str, staff_ts: str | None) -> None:
        """Where the escalation was posted for staff (the message its "Mark resolved" button lives on)."""
        self.execute("UPDATE escalations SET staff_channel=?, staff_ts=? WHERE id=?", (staff_channel, staff_ts, escalation_id))

    def open_escalation(self, answer_id: int) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM escalations WHERE answer_id=? AND status='open' ORDER BY id DESC LIMIT 1",
                          (answer_id,))
        return dict(rows[0]) if rows else None

    def answered_in_slack_thread(self, channel: str, thread_ts: str) -> bool:
        """Whether the bot has answered in this Slack thread (so follow-ups there need no mention)."""
        rows = self.query("SELECT 1 FROM answers WHERE via='slack' AND slack_channel=? AND slack_thread=? LIMIT 1",
                          (channel, thread_ts))
        return bool(rows)

    def last_slack_question(self, slack_user: str) -> str | None:
        """The latest question this Slack user asked (the Home tab's own summaries are not theirs)."""
        rows = self.query("SELECT question FROM answers WHERE slack_user=? AND via='slack' ORDER BY id DESC LIMIT 1",
                          (slack_user,))
        return rows[0][0] if rows else None

    def resolve_escalation(self, escalation_id: int, resolved_by: str) -> bool:
        cur = self.execute(
            "UPDATE escalations SET status='resolved', resolved_by=?, resolved_at=? WHERE id=? AND status='open'",
            (resolved_by, now(), escalation_id),
        )
        return cur.rowcount == 1

    # -- staff reviews ------------------------------------------------------------------------
    def latest_review(self, answer_id: int) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM reviews WHERE answer_id=? ORDER BY version DESC LIMIT 1", (answer_id,))
        if not rows:
            return None
        row = dict(rows[0])
        row["facts"], row["cite"] = json.loads(row["facts"] or "[]"), json.loads(row["cite"] or "[]")
        return row

    def add_review(self, answer_id: int, based_on: int, reviewer: str, verdict: str, *, corrected_answer: str = "",
                   note: str = "", expected_status: str = "answered", facts: list[str] | None = None,
                   cite: list[str] | None = None, expected_intent: str | None = None
                   ) -> tuple[bool, dict[str, Any] | None]:
        """Write a review on top of version ``based_on``; (False, newer review) if someone got there first."""
        with self._lock, self._con:
            current = self._con.execute("SELECT MAX(version) FROM reviews WHERE answer_id=?", (answer_id,)).fetchone()[0] or 0
            if current != based_on:
                latest = self.latest_review(answer_id)
                return False, latest
            self._con.execute(
                "INSERT INTO reviews (answer_id, version, ts, reviewer, verdict, corrected_answer, note, expected_status,"
                " facts, cite, expected_intent) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (answer_id, current + 1, now(), reviewer, verdict, corrected_answer, note, expected_status,
                 json.dumps(facts or []), json.dumps(cite or []), expected_intent),
            )
        return True, None

    # -- clarifying questions waiting for a choice (Slack buttons) ------------------------------------
    def add_clarification(self, answer_id: int, slack_user: str, channel: str, thread_ts: str | None,
                          kind: str) -> tuple[int, str]:
        """Keep a clarifying question's context server-side; (id, nonce) go into its buttons' values."""
        nonce = secrets.token_urlsafe(9)
        cur = self.execute(
            "INSERT INTO clarifications (answer_id, nonce, ts, slack_user, channel, thread_ts, kind) VALUES (?,?,?,?,?,?,?)",
            (answer_id, nonce, now(), slack_user, channel, thread_ts, kind))
        return int(cur.lastrowid), nonce

    def clarification(self, clarification_id: int) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM clarifications WHERE id = ?", (clarification_id,))
        return dict(rows[0]) if rows else None

    def use_clarification(self, clarification_id: int) -> bool:
        """True for the first use only: a replayed or second click answers nothing."""
        cur = self.execute("UPDATE clarifications SET used_at = ? WHERE id = ? AND used_at IS NULL",
                           (now(), clarification_id))
        return cur.rowcount == 1

    def prune_deliveries(self, prefix: str, older_than_seconds: float) -> None:
        """Forget delivery keys starting with ``prefix`` seen more than ``older_than_seconds`` ago."""
        cutoff = datetime.fromtimestamp(datetime.now(timezone.utc).timestamp() - older_than_seconds,
                                        timezone.utc).isoformat(timespec="milliseconds")
        self.execute("DELETE FROM slack_events WHERE event_id LIKE ? AND ts < ?", (prefix + "%", cutoff))

    def seen_delivery(self, event_id: str) -> bool:
        return bool(self.query("SELECT 1 FROM slack_events WHERE event_id = ?", (event_id,)))

    def first_delivery(self, event_id: str) -> bool:
        """True the first time an event id is seen (Slack retries deliver the same id again)."""
        cur = self.execute("INSERT OR IGNORE INTO slack_events (event_id, ts) VALUES (?, ?)", (event_id, now()))
        return cur.rowcount == 1

    # -- reminders --------------------------------------------------------------------
    def claim_reminder(self, key: str, slack_user: str, partner_id: str, kind: str) -> bool:
        """True the first time ``key`` is claimed: the caller sends it (and releases it if sending fails)."""
        cur = self.execute("INSERT OR IGNORE INTO reminders (key, ts, slack_user, partner_id, kind) VALUES (?,?,?,?,?)",
                           (key, now(), slack_user, partner_id, kind))
        return cur.rowcount == 1

    def reminder_sent(self, key: str, channel: str, message_ts: str | None) -> None:
        self.execute("UPDATE reminders SET channel = ?, message_ts = ? WHERE key = ?", (channel, message_ts, key))

    def release_reminder(self, key: str) -> None:
        """Sending failed: the next run tries again."""
        self.execute("DELETE FROM reminders WHERE key = ? AND message_ts IS NULL", (key,))

    def reminder_prefs(self, slack_user: str, default_lead: int) -> tuple[bool, int]:
        """(reminders on, lead time in days) for a user: on, with ``default_lead``, until they choose."""
        rows = self.query("SELECT enabled, lead_days FROM reminder_prefs WHERE slack_user = ?", (slack_user,))
        return (bool(rows[0]["enabled"]), int(rows[0]["lead_days"])) if rows else (True, default_lead)

    def set_reminder_prefs(self, slack_user: str, *, enabled: bool | None = None, lead_days: int | None = None,
                           default_lead: int) -> tuple[bool, int]:
        on, lead = self.reminder_prefs(slack_user, default_lead)
        on = on if enabled is None else enabled
        lead = lead if lead_days is None else lead_days
        self.execute("INSERT INTO reminder_prefs (slack_user, enabled, lead_days, ts) VALUES (?,?,?,?) "
                     "ON CONFLICT(slack_user) DO UPDATE SET enabled = excluded.enabled, lead_days = excluded.lead_days,"
                     " ts = excluded.ts", (slack_user, int(on), lead, now()))
        return on, lead
