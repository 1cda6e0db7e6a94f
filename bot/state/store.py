"""``Store``: the one interface to shared state, whichever database holds it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import insert

from bot.state.audit import AuditTables
from bot.state.deliveries import Deliveries
from bot.state.limits import Failures, Limits
from bot.state.reminders import Reminders
from bot.state.schema import metadata


class Store(AuditTables, Deliveries, Limits, Failures, Reminders):
    """Audit log, reviews, thread state, delivery keys, rate limits and reminders, in SQLite or PostgreSQL.

    Safe to share between threads; several processes may share one database.
    """

    def insert(self, table: str, **values: Any) -> int | None:
        """Insert one row into ``table``; its new primary key (None for a table keyed by a given value)."""
        result = self.run(insert(metadata.tables[table]).values(**values))
        key = result.inserted_primary_key
        return int(key[0]) if key and isinstance(key[0], int) else None


def target(settings) -> str | Path:
    """The database the settings name: ``CARBONBOT_DATABASE_URL``, else ``audit.sqlite`` in the data dir."""
    from bot.store.layout import DataDir

    return settings.database_url or DataDir(settings.data_dir).audit_db


def open_store(settings) -> Store:
    return Store(target(settings))
