"""The audit tables, as the hand-written SQLite schema had them; an existing audit.sqlite is adopted as it is.

A file made before the migrations has every table already: only what it lacks is added (the columns added
over time, an ``id`` on ``turns`` to order a thread's turns on any database).

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

T, I, D = sa.Text, sa.Integer, sa.Double


def _id() -> sa.Column:
    return sa.Column("id", I, primary_key=True, autoincrement=True)


def _answer_id() -> sa.Column:
    return sa.Column("answer_id", I, sa.ForeignKey("answers.id"), nullable=False)


TABLES = {
    "answers": lambda: [
        _id(), sa.Column("ts", T, nullable=False), sa.Column("via", T, nullable=False),
        sa.Column("asker_role", T, nullable=False), sa.Column("partner_id", T), sa.Column("asker_name", T),
        sa.Column("slack_user", T), sa.Column("slack_channel", T), sa.Column("slack_thread", T),
        sa.Column("thread_id", T), sa.Column("question", T, nullable=False), sa.Column("status", T, nullable=False),
        sa.Column("intent", T, nullable=False), sa.Column("answer", T, nullable=False),
        sa.Column("citations", T, nullable=False), sa.Column("facts", T, nullable=False),
        sa.Column("hits", T, nullable=False), sa.Column("private", I, nullable=False),
        sa.Column("latency_ms", D, nullable=False), sa.Column("score", D, nullable=False, server_default="0"),
        sa.Column("language", T, nullable=False, server_default="en"), sa.Column("llm", T)],
    "turns": lambda: [
        _id(), sa.Column("thread_id", T, nullable=False), sa.Column("ts", T, nullable=False),
        sa.Column("asker_role", T, nullable=False), sa.Column("partner_id", T),
        sa.Column("question", T, nullable=False), sa.Column("intent", T, nullable=False), sa.Column("subject", T)],
    "feedback": lambda: [
        _id(), _answer_id(), sa.Column("ts", T, nullable=False), sa.Column("slack_user", T),
        sa.Column("value", T, nullable=False)],
    "escalations": lambda: [
        _id(), _answer_id(), sa.Column("ts", T, nullable=False), sa.Column("slack_user", T),
        sa.Column("status", T, nullable=False, server_default="open"), sa.Column("staff_channel", T),
        sa.Column("staff_ts", T), sa.Column("resolved_by", T), sa.Column("resolved_at", T)],
    "reviews": lambda: [
        _id(), _answer_id(), sa.Column("version", I, nullable=False), sa.Column("ts", T, nullable=False),
        sa.Column("reviewer", T, nullable=False), sa.Column("verdict", T, nullable=False),
        sa.Column("corrected_answer", T), sa.Column("note", T), sa.Column("expected_status", T),
        sa.Column("facts", T), sa.Column("cite", T), sa.Column("expected_intent", T),
        sa.UniqueConstraint("answer_id", "version")],
    "clarifications": lambda: [
        _id(), _answer_id(), sa.Column("nonce", T, nullable=False), sa.Column("ts", T, nullable=False),
        sa.Column("slack_user", T, nullable=False), sa.Column("channel", T, nullable=False),
        sa.Column("thread_ts", T), sa.Column("kind", T, nullable=False), sa.Column("used_at", T)],
    "slack_events": lambda: [sa.Column("event_id", T, primary_key=True), sa.Column("ts", T, nullable=False)],
    "reminders": lambda: [
        sa.Column("key", T, primary_key=True), sa.Column("ts", T, nullable=False),
        sa.Column("slack_user", T, nullable=False), sa.Column("partner_id", T, nullable=False),
        sa.Column("kind", T, nullable=False), sa.Column("channel", T), sa.Column("message_ts", T)],
    "reviewers": lambda: [
        _id(), sa.Column("name", T, nullable=False, unique=True), sa.Column("token_hash", T, nullable=False, unique=True),
        sa.Column("created_at", T, nullable=False), sa.Column("revoked_at", T)],
    "review_sessions": lambda: [
        sa.Column("id_hash", T, primary_key=True), sa.Column("user", T, nullable=False),
        sa.Column("reviewer_id", I), sa.Column("role", T, nullable=False), sa.Column("csrf", T, nullable=False),
        sa.Column("created_at", D, nullable=False), sa.Column("seen_at", D, nullable=False)],
    "staff_actions": lambda: [
        _id(), sa.Column("ts", T, nullable=False), sa.Column("user", T, nullable=False),
        sa.Column("action", T, nullable=False), sa.Column("detail", T)],
    "reminder_prefs": lambda: [
        sa.Column("slack_user", T, primary_key=True), sa.Column("enabled", I, nullable=False),
        sa.Column("lead_days", I, nullable=False), sa.Column("ts", T, nullable=False)],
}
AUTOINCREMENT = {"answers", "turns", "feedback", "escalations", "reviews", "clarifications", "reviewers",
                 "staff_actions"}

INDEXES = [
    ("answers_ts", "answers", ["ts"]), ("answers_status", "answers", ["status", "ts"]),
    ("answers_partner", "answers", ["partner_id", "ts"]), ("answers_intent", "answers", ["intent", "ts"]),
    ("answers_slack_thread", "answers", ["slack_channel", "slack_thread"]),
    ("answers_slack_user", "answers", ["slack_user", "id"]), ("turns_thread", "turns", ["thread_id", "ts"]),
    ("feedback_answer", "feedback", ["answer_id"]), ("escalations_answer", "escalations", ["answer_id"]),
    ("reviews_answer", "reviews", ["answer_id", "version"]),
]

# Columns a file made by an older version of the hand-written schema may lack.
COLUMNS_ADDED = [
    ("answers", lambda: sa.Column("score", D, nullable=False, server_default="0")),
    ("answers", lambda: sa.Column("language", T, nullable=False, server_default="en")),
    ("reviews", lambda: sa.Column("expected_intent", T)),
    ("answers", lambda: sa.Column("llm", T)),
]


def upgrade() -> None:
    inspector = sa.inspect(op.get_bind())
    existing = set(inspector.get_table_names())
    for name, columns in TABLES.items():
        if name not in existing:
            op.create_table(name, *columns(), sqlite_autoincrement=name in AUTOINCREMENT)
    for table, column in COLUMNS_ADDED:
        if table in existing and column().name not in {c["name"] for c in inspector.get_columns(table)}:
            op.add_column(table, column())
    if "turns" in existing and "id" not in {c["name"] for c in inspector.get_columns("turns")}:
        _number_turns()
    for name, table, columns in INDEXES:
        if name not in {i["name"] for i in sa.inspect(op.get_bind()).get_indexes(table)}:
            op.create_index(name, table, columns)


def _number_turns() -> None:
    """A legacy (SQLite) ``turns`` table ordered its rows by rowid: copy them, in that order, into one with an id."""
    op.rename_table("turns", "turns_legacy")
    op.drop_index("turns_thread", table_name="turns_legacy")
    op.create_table("turns", *TABLES["turns"](), sqlite_autoincrement=True)
    op.execute("INSERT INTO turns (thread_id, ts, asker_role, partner_id, question, intent, subject)"
               " SELECT thread_id, ts, asker_role, partner_id, question, intent, subject FROM turns_legacy ORDER BY rowid")
    op.drop_table("turns_legacy")


def downgrade() -> None:
    for name in reversed(list(TABLES)):
        op.drop_table(name)
