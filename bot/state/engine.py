"""One SQLAlchemy engine for the shared state: a SQLite file by default, PostgreSQL when a URL says so."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url

from bot.errors import ConfigError

BUSY_TIMEOUT_MS = 10_000


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL for a SQLite file path or a database URL (``postgresql://`` means psycopg 3)."""
    if isinstance(target, Path) or "://" not in str(target):
        return f"sqlite:///{Path(target)}"
    try:
        url = make_url(str(target))
    except Exception:
        raise ConfigError(f"CARBONBOT_DATABASE_URL is not a database URL: {str(target)[:40]!r}") from None
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(f"CARBONBOT_DATABASE_URL must be sqlite:/// or postgresql://, got {url.drivername}://")
    return url.render_as_string(hide_password=False)


def make_engine(target: str | Path) -> Engine:
    url = make_url(database_url(target))
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    engine = create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    event.listen(engine, "connect", _postgresql_connect)
    return engine


def _postgresql_connect(dbapi_connection, _record) -> None:
    # PostgreSQL's text cannot hold a NUL character, which SQLite's can: a question, a search or a reviewer's note
    # with one (a Slack message or a form may carry "\x00") would make the server refuse the whole statement. Every
    # string sent is written without its NULs instead, whatever statement sends it.
    from psycopg.types.string import StrBinaryDumper, StrDumperUnknown

    for base in (StrDumperUnknown, StrBinaryDumper):
        dbapi_connection.adapters.register_dumper(str, _without_nul(base))


@cache
def _without_nul(base: type) -> type:
    class WithoutNul(base):
        def dump(self, obj: str):
            return super().dump(obj.replace("\x00", ""))

    return WithoutNul


def _sqlite_connect(dbapi_connection, _record) -> None:
    # The driver's own transaction handling is turned off so that _sqlite_begin decides how a transaction starts.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=OFF")  # as the hand-written log had it: feedback may outlive nothing
    cursor.close()


def _sqlite_begin(connection) -> None:
    # Take the write lock when the transaction starts, not at its first write: a read-then-write transaction
    # (a rate-limit window, a review's version check) then waits its turn instead of failing with "locked".
    connection.exec_driver_sql("BEGIN IMMEDIATE")
