"""The audit log: answers, thread turns, feedback, escalations, staff reviews and pending clarifications.

Every question and answer from Slack or the CLI is appended with who asked, what was cited and how long it
took; feedback, escalations and reviews refer to it. Secrets never go in: callers pass ids, not tokens.
"""

from __future__ import annotations

import json
import secrets
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.models import Answer, Asker
from bot.state.base import Database, now
from bot.state.schema import MAX_ID, answers, clarifications, escalations, feedback, reviews, turns


def _held(row_id: int) -> bool:
    """Whether a row id can name a row at all (a larger one would overflow PostgreSQL's integer column)."""
    return 0 <= row_id <= MAX_ID


def _loads(row: Any, *keys: str, default: str = "null") -> dict[str, Any]:
    out = dict(row._mapping) if hasattr(row, "_mapping") else dict(row)
    for key in keys:
        out[key] = json.loads(out[key] or default)
    return out


class AuditTables(Database):
    # -- answers ----------------------------------------------------------------------
    def record_answer(self, answer: Answer, asker: Asker, *, via: str, thread_id: str | None = None,
                      slack: dict[str, str | None] | None = None) -> int:
        slack = slack or {}
        hits = [{"id": h.chunk.id, "locator": h.chunk.locator, "source": h.chunk.source, "score": h.score,
                 "dense": h.dense, "lexical": h.lexical, "exact_ref": h.exact_ref} for h in answer.hits]
        result = self.run(insert(answers).values(
            ts=now(), via=via, asker_role=asker.role, partner_id=asker.partner_id, asker_name=asker.display_name,
            slack_user=slack.get("user"), slack_channel=slack.get("channel"), slack_thread=slack.get("thread"),
            thread_id=thread_id, question=answer.question, status=answer.status, intent=answer.intent,
            answer=answer.answer,
            citations=json.dumps([c.model_dump() for c in answer.citations], ensure_ascii=False),
            facts=json.dumps(answer.facts, ensure_ascii=False, default=str), hits=json.dumps(hits),
            private=int(answer.private), latency_ms=answer.latency_ms, score=float(answer.score or 0.0),
            language=answer.language, llm=json.dumps(answer.llm, ensure_ascii=False) if answer.llm else None))
        return int(result.inserted_primary_key[0])

    def answer(self, answer_id: int) -> dict[str, Any] | None:
        if not _held(answer_id):
            return None
        rows = self.rows(select(answers).where(answers.c.id == answer_id))
        if not rows:
            return None
        row = _loads(rows[0], "citations", "facts", "hits")
        row["llm"] = json.loads(row["llm"]) if row.get("llm") else None
        return row

    def answered_in_slack_thread(self, channel: str, thread_ts: str) -> bool:
        """Whether the bot has answered in this Slack thread (so follow-ups there need no mention)."""
        return bool(self.rows(select(answers.c.id).where(
            answers.c.via == "slack", answers.c.slack_channel == channel, answers.c.slack_thread == thread_ts
        ).limit(1)))

    def last_slack_question(self, slack_user: str) -> str | None:
        """The latest question this Slack user asked (the Home tab's own summaries are not theirs)."""
        rows = self.rows(select(answers.c.question).where(answers.c.slack_user == slack_user, answers.c.via == "slack")
                         .order_by(answers.c.id.desc()).limit(1))
        return rows[0][0] if rows else None

    # -- threads ----------------------------------------------------------------------
    def add_turn(self, thread_id: str, asker: Asker, question: str, intent: str, subject: dict[str, Any]) -> None:
        self.run(insert(turns).values(thread_id=thread_id, ts=now(), asker_role=asker.role,
                                      partner_id=asker.partner_id, question=question, intent=intent,
                                      subject=json.dumps(subject, default=str)))

    def last_turn(self, thread_id: str, asker: Asker) -> dict[str, Any] | None:
        """The latest turn of this thread by the same kind of asker (a thread never leaks across firms)."""
        rows = self.rows(select(turns).where(
            turns.c.thread_id == thread_id, turns.c.asker_role == asker.role,
            func.coalesce(turns.c.partner_id, "") == (asker.partner_id or ""),
        ).order_by(turns.c.id.desc()).limit(1))
        return _loads(rows[0], "subject", default="{}") if rows else None

    # -- feedback and escalations -----------------------------------------------------------
    def record_feedback(self, answer_id: int, value: str, slack_user: str | None) -> None:
        self.run(insert(feedback).values(answer_id=answer_id, ts=now(), slack_user=slack_user, value=value))

    def escalate(self, answer_id: int, slack_user: str | None, staff_channel: str | None = None,
                 staff_ts: str | None = None) -> int:
        result = self.run(insert(escalations).values(answer_id=answer_id, ts=now(), slack_user=slack_user,
                                                     staff_channel=staff_channel, staff_ts=staff_ts))
        return int(result.inserted_primary_key[0])

    def set_escalation_message(self, escalation_id: int, staff_channel: str, staff_ts: str | None) -> None:
        """Where the escalation was posted for staff (the message its "Mark resolved" button lives on)."""
        self.run(update(escalations).where(escalations.c.id == escalation_id)
                 .values(staff_channel=staff_channel, staff_ts=staff_ts))

    def open_escalation(self, answer_id: int) -> dict[str, Any] | None:
        if not _held(answer_id):
            return None
        rows = self.rows(select(escalations).where(escalations.c.answer_id == answer_id, escalations.c.status == "open")
                         .order_by(escalations.c.id.desc()).limit(1))
        return dict(rows[0]) if rows else None

    def resolve_escalation(self, escalation_id: int, resolved_by: str) -> bool:
        if not _held(escalation_id):
            return False
        result = self.run(update(escalations).where(escalations.c.id == escalation_id, escalations.c.status == "open")
                          .values(status="resolved", resolved_by=resolved_by, resolved_at=now()))
        return result.rowcount == 1

    # -- staff reviews ------------------------------------------------------------------------
    def latest_review(self, answer_id: int) -> dict[str, Any] | None:
        if not _held(answer_id):
            return None
        rows = self.rows(select(reviews).where(reviews.c.answer_id == answer_id)
                         .order_by(reviews.c.version.desc()).limit(1))
        return _loads(rows[0], "facts", "cite", default="[]") if rows else None

    def add_review(self, answer_id: int, based_on: int, reviewer: str, verdict: str, *, corrected_answer: str = "",
                   note: str = "", expected_status: str = "answered", facts: list[str] | None = None,
                   cite: list[str] | None = None, expected_intent: str | None = None
                   ) -> tuple[bool, dict[str, Any] | None]:
        """Write a review on top of version ``based_on``; (False, newer review) if someone got there first.

        Two reviewers saving at once both read the same version: the unique (answer_id, version) lets one in.
        """
        try:
            with self.transaction() as connection:
                current = connection.execute(select(func.max(reviews.c.version))
                                             .where(reviews.c.answer_id == answer_id)).scalar() or 0
                if current != based_on:
                    raise _Stale
                connection.execute(insert(reviews).values(
                    answer_id=answer_id, version=current + 1, ts=now(), reviewer=reviewer, verdict=verdict,
                    corrected_answer=corrected_answer, note=note, expected_status=expected_status,
                    facts=json.dumps(facts or []), cite=json.dumps(cite or []), expected_intent=expected_intent))
        except (_Stale, IntegrityError):
            return False, self.latest_review(answer_id)
        return True, None

    # -- clarifying questions waiting for a choice (Slack buttons) ------------------------------------
    def add_clarification(self, answer_id: int, slack_user: str, channel: str, thread_ts: str | None,
                          kind: str) -> tuple[int, str]:
        """Keep a clarifying question's context server-side; (id, nonce) go into its buttons' values."""
        nonce = secrets.token_urlsafe(9)
        result = self.run(insert(clarifications).values(answer_id=answer_id, nonce=nonce, ts=now(),
                                                        slack_user=slack_user, channel=channel,
                                                        thread_ts=thread_ts, kind=kind))
        return int(result.inserted_primary_key[0]), nonce

    def clarification(self, clarification_id: int) -> dict[str, Any] | None:
        if not _held(clarification_id):
            return None
        rows = self.rows(select(clarifications).where(clarifications.c.id == clarification_id))
        return dict(rows[0]) if rows else None

    def use_clarification(self, clarification_id: int) -> bool:
        """True for the first use only: a replayed or second click answers nothing."""
        if not _held(clarification_id):
            return False
        result = self.run(update(clarifications).where(clarifications.c.id == clarification_id,
                                                       clarifications.c.used_at.is_(None)).values(used_at=now()))
        return result.rowcount == 1


class _Stale(Exception):
    """The review being saved is based on an older version."""
