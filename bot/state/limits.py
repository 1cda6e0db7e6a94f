"""Sliding-window rate limits kept in the database: processes that share it share one window per key."""

from __future__ import annotations

import json

from sqlalchemy import delete, select, update

from bot.state.base import Database
from bot.state.schema import rate_limits


class Limits(Database):
    def hit(self, key: str, limit: int, window: float, at: float) -> bool:
        """True, and counted, if ``key`` has had fewer than ``limit`` counted hits in the ``window`` before ``at``.

        The key's row is locked for the read-modify-write (``FOR UPDATE`` on PostgreSQL, the write lock that
        every SQLite transaction here takes), so two processes never both take the last place in a window.
        """
        with self.transaction() as connection:
            connection.execute(self.insert_ignore(rate_limits).values(key=key, hits="[]", updated=at)
                               .on_conflict_do_nothing())
            stored = connection.execute(select(rate_limits.c.hits).where(rate_limits.c.key == key)
                                        .with_for_update()).scalar_one()
            hits = [t for t in json.loads(stored) if t > at - window]
            allowed = len(hits) < limit
            if allowed:
                hits.append(at)
            connection.execute(update(rate_limits).where(rate_limits.c.key == key)
                               .values(hits=json.dumps(hits), updated=at))
        return allowed

    def prune_limits(self, older_than: float) -> int:
        """Forget keys with no hit since ``older_than`` (epoch seconds): their windows are empty."""
        return self.run(delete(rate_limits).where(rate_limits.c.updated < older_than)).rowcount


class Failures(Database):
    """Counted events in a sliding window that are only looked at, not refused at the door (failed sign-ins)."""

    def recent(self, key: str, window: float, at: float) -> int:
        """How many events ``key`` had in the ``window`` before ``at``."""
        rows = self.rows(select(rate_limits.c.hits).where(rate_limits.c.key == key))
        return sum(1 for t in json.loads(rows[0][0]) if t >= at - window) if rows else 0

    def count(self, key: str, window: float, at: float, keep: int = 1000) -> None:
        """One more event for ``key`` (the window's older ones forgotten; at most ``keep`` remembered)."""
        with self.transaction() as connection:
            connection.execute(self.insert_ignore(rate_limits).values(key=key, hits="[]", updated=at)
                               .on_conflict_do_nothing())
            stored = connection.execute(select(rate_limits.c.hits).where(rate_limits.c.key == key)
                                        .with_for_update()).scalar_one()
            hits = [t for t in json.loads(stored) if t >= at - window][-(keep - 1):] + [at]
            connection.execute(update(rate_limits).where(rate_limits.c.key == key)
                               .values(hits=json.dumps(hits), updated=at))

    def forget(self, key: str) -> None:
        self.run(delete(rate_limits).where(rate_limits.c.key == key))
