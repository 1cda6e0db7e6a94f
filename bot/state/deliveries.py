"""Delivery keys: a Slack retry or a replayed request is answered once, by whichever process sees it first."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete, select

from bot.state.base import Database, now
from bot.state.schema import slack_events


class Deliveries(Database):
    def first_delivery(self, event_id: str) -> bool:
        """True the first time an event id is seen (Slack retries deliver the same id again).

        Insert-if-absent on the primary key: of two processes (or threads) inserting the same id at once,
        exactly one inserts a row.
        """
        statement = self.insert_ignore(slack_events).values(event_id=event_id, ts=now()).on_conflict_do_nothing()
        return self.run(statement).rowcount == 1

    def seen_delivery(self, event_id: str) -> bool:
        return bool(self.rows(select(slack_events.c.event_id).where(slack_events.c.event_id == event_id)))

    def prune_deliveries(self, prefix: str, older_than_seconds: float) -> None:
        """Forget delivery keys starting with ``prefix`` seen more than ``older_than_seconds`` ago (their expiry)."""
        cutoff = datetime.fromtimestamp(datetime.now(timezone.utc).timestamp() - older_than_seconds,
                                        timezone.utc).isoformat(timespec="milliseconds")
        self.run(delete(slack_events).where(slack_events.c.event_id.startswith(prefix, autoescape=True),
                                            slack_events.c.ts < cutoff))
