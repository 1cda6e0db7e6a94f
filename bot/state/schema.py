"""The shared state's tables, as SQLAlchemy Core ``Table`` objects for building queries.

The migrations in ``bot/state/migrations/versions`` create and change these tables; this module is the picture
of the schema at the newest revision (a new column goes in both). Column names and meanings are those of the
SQLite audit log the review console has always read.
"""

from __future__ import annotations

from sqlalchemy import Column, Double, ForeignKey, Index, Integer, MetaData, Table, Text, UniqueConstraint

metadata = MetaData()

# The largest row id: ids are PostgreSQL's ``integer`` (SQLite's are wider). A larger number, from a URL or a
# button's value, names no row on either backend; looking it up must say so, not overflow the column's type.
MAX_ID = 2**31 - 1


def _id() -> Column:
    return Column("id", Integer, primary_key=True, autoincrement=True)


answers = Table(
    "answers", metadata, _id(),
    Column("ts", Text, nullable=False),
    Column("via", Text, nullable=False),  # cli | slack | eval | home
    Column("asker_role", Text, nullable=False),
    Column("partner_id", Text), Column("asker_name", Text),
    Column("slack_user", Text), Column("slack_channel", Text), Column("slack_thread", Text),
    Column("thread_id", Text),
    Column("question", Text, nullable=False), Column("status", Text, nullable=False),
    Column("intent", Text, nullable=False), Column("answer", Text, nullable=False),
    Column("citations", Text, nullable=False),  # JSON list
    Column("facts", Text, nullable=False),  # JSON object
    Column("hits", Text, nullable=False),  # JSON list: retrieval scores, for review
    Column("private", Integer, nullable=False),
    Column("latency_ms", Double, nullable=False),
    Column("score", Double, nullable=False, server_default="0"),  # a document answer's best sentence score
    Column("language", Text, nullable=False, server_default="en"),
    Column("llm", Text),  # JSON, with CARBONBOT_LLM: model, guard verdict and reason, tokens
    sqlite_autoincrement=True,
)

turns = Table(
    "turns", metadata, _id(),
    Column("thread_id", Text, nullable=False), Column("ts", Text, nullable=False),
    Column("asker_role", Text, nullable=False), Column("partner_id", Text),
    Column("question", Text, nullable=False), Column("intent", Text, nullable=False),
    Column("subject", Text),  # JSON: what the turn was about (firm, topic), for follow-ups
    sqlite_autoincrement=True,
)

feedback = Table(
    "feedback", metadata, _id(),
    Column("answer_id", Integer, ForeignKey("answers.id"), nullable=False),
    Column("ts", Text, nullable=False), Column("slack_user", Text),
    Column("value", Text, nullable=False),  # helpful | not_helpful
    sqlite_autoincrement=True,
)

escalations = Table(
    "escalations", metadata, _id(),
    Column("answer_id", Integer, ForeignKey("answers.id"), nullable=False),
    Column("ts", Text, nullable=False), Column("slack_user", Text),
    Column("status", Text, nullable=False, server_default="open"),  # open | resolved
    Column("staff_channel", Text), Column("staff_ts", Text),
    Column("resolved_by", Text), Column("resolved_at", Text),
    sqlite_autoincrement=True,
)

reviews = Table(
    "reviews", metadata, _id(),
    Column("answer_id", Integer, ForeignKey("answers.id"), nullable=False),
    Column("version", Integer, nullable=False),  # 1, 2, ... per answer: a stale form cannot overwrite a newer one
    Column("ts", Text, nullable=False), Column("reviewer", Text, nullable=False),
    Column("verdict", Text, nullable=False),  # correct | incorrect | follow_up
    Column("corrected_answer", Text), Column("note", Text), Column("expected_status", Text),
    Column("facts", Text), Column("cite", Text),  # JSON lists, for the exported gold case
    Column("expected_intent", Text),
    UniqueConstraint("answer_id", "version"),
    sqlite_autoincrement=True,
)

clarifications = Table(
    "clarifications", metadata, _id(),
    Column("answer_id", Integer, ForeignKey("answers.id"), nullable=False),
    Column("nonce", Text, nullable=False),  # random, carried by the buttons
    Column("ts", Text, nullable=False), Column("slack_user", Text, nullable=False),
    Column("channel", Text, nullable=False), Column("thread_ts", Text),
    Column("kind", Text, nullable=False),  # dm | channel | command
    Column("used_at", Text),  # set by the first valid click
    sqlite_autoincrement=True,
)

# Delivery keys (Slack event ids, replay keys, markers): insert-if-absent answers a retried event once.
slack_events = Table(
    "slack_events", metadata,
    Column("event_id", Text, primary_key=True),
    Column("ts", Text, nullable=False),
)

reminders = Table(
    "reminders", metadata,
    Column("key", Text, primary_key=True),  # what it is about and to whom: once, ever
    Column("ts", Text, nullable=False), Column("slack_user", Text, nullable=False),
    Column("partner_id", Text, nullable=False), Column("kind", Text, nullable=False),
    Column("channel", Text), Column("message_ts", Text),
)

reviewers = Table(
    "reviewers", metadata, _id(),
    Column("name", Text, nullable=False, unique=True),
    Column("token_hash", Text, nullable=False, unique=True),  # sha256 of the token, never the token
    Column("created_at", Text, nullable=False), Column("revoked_at", Text),
    sqlite_autoincrement=True,
)

review_sessions = Table(
    "review_sessions", metadata,
    Column("id_hash", Text, primary_key=True),  # sha256 of the cookie's random id
    Column("user", Text, nullable=False), Column("reviewer_id", Integer),
    Column("role", Text, nullable=False), Column("csrf", Text, nullable=False),
    Column("created_at", Double, nullable=False), Column("seen_at", Double, nullable=False),  # epoch seconds
)

staff_actions = Table(
    "staff_actions", metadata, _id(),
    Column("ts", Text, nullable=False), Column("user", Text, nullable=False),
    Column("action", Text, nullable=False), Column("detail", Text),
    sqlite_autoincrement=True,
)

reminder_prefs = Table(
    "reminder_prefs", metadata,
    Column("slack_user", Text, primary_key=True),
    Column("enabled", Integer, nullable=False), Column("lead_days", Integer, nullable=False),
    Column("ts", Text, nullable=False),
)

# One row per rate-limited key (a Slack user): the times of its counted requests in the current window, as a
# JSON list of epoch seconds. Read and written under a row lock, so processes sharing the database share it.
rate_limits = Table(
    "rate_limits", metadata,
    Column("key", Text, primary_key=True),
    Column("hits", Text, nullable=False),
    Column("updated", Double, nullable=False),  # epoch seconds, for pruning keys that went quiet
)

Index("answers_ts", answers.c.ts)
Index("answers_status", answers.c.status, answers.c.ts)
Index("answers_partner", answers.c.partner_id, answers.c.ts)
Index("answers_intent", answers.c.intent, answers.c.ts)
Index("answers_slack_thread", answers.c.slack_channel, answers.c.slack_thread)
Index("answers_slack_user", answers.c.slack_user, answers.c.id)
Index("turns_thread", turns.c.thread_id, turns.c.ts)
Index("feedback_answer", feedback.c.answer_id)
Index("escalations_answer", escalations.c.answer_id)
Index("reviews_answer", reviews.c.answer_id, reviews.c.version)
Index("rate_limits_updated", rate_limits.c.updated)
