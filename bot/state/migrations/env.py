"""Alembic's environment: run with the connection :func:`bot.state.migrate.upgrade` hands over (no alembic.ini)."""

from __future__ import annotations

from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, render_as_batch=True)  # batch: SQLite alters tables by copying them
with context.begin_transaction():
    context.run_migrations()
