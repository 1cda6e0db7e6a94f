"""The database interface for shared state: audit log, reviews, threads, delivery keys, rate limits, reminders.

SQLAlchemy Core over SQLite (embedded default, WAL) or PostgreSQL (``CARBONBOT_DATABASE_URL``); the schema is
kept by Alembic migrations shipped in ``migrations/``, run when a store is opened and by ``carbonbot db upgrade``.
"""

from bot.state.base import Record, now
from bot.state.store import Store, open_store

__all__ = ["Record", "Store", "now", "open_store"]
