"""The audit log and conversation state: now :class:`bot.state.Store` (SQLite or PostgreSQL).

Kept so that ``from bot.store.audit import AuditLog`` goes on working; new code imports from ``bot.state``.
"""

from __future__ import annotations

from bot.state import Store as AuditLog
from bot.state import now

__all__ = ["AuditLog", "now"]
