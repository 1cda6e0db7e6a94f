"""Alembic, configured in code: the migration scripts ship inside the package, no alembic.ini is read."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

MIGRATIONS = Path(__file__).parent / "migrations"
log = logging.getLogger(__name__)


def config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head() -> str:
    return ScriptDirectory.from_config(config()).get_current_head() or ""


def current(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head", attempts: int = 3) -> str | None:
    """Bring the database to ``revision`` (idempotent); the revision it is at afterwards.

    Processes starting together on one PostgreSQL may race to create the same table: the loser's transaction
    fails, rolls back whole, and the next attempt finds the work done.
    """
    if revision == "head" and current(engine) == head():
        return head()
    cfg = config()
    for attempt in range(1, attempts + 1):
        try:
            with engine.begin() as connection:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, revision)
            break
        except DBAPIError:
            if attempt == attempts:
                raise
            log.info("database upgrade raced another process; trying again")
            time.sleep(0.2 * attempt)
    return current(engine)
