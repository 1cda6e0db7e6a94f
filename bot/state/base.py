"""The connection to the shared state: an engine, migrations at open, and rows that read like ``sqlite3.Row``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, CursorResult, Executable, Table, text
from sqlalchemy.dialects import postgresql, sqlite

from bot.state import migrate
from bot.state.engine import database_url, make_engine

_QUOTED = re.compile(r"('(?:[^']|'')*')")


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class Record(Sequence):
    """A row that reads by position or by column name, and converts with ``dict(row)``, like ``sqlite3.Row``."""

    __slots__ = ("_keys", "_values")

    def __init__(self, keys: Sequence[str], values: Sequence[Any]) -> None:
        self._keys, self._values = tuple(keys), tuple(values)

    def keys(self) -> list[str]:
        return list(self._keys)

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            try:
                return self._values[self._keys.index(key)]
            except ValueError:
                raise IndexError(f"no such column: {key}") from None
        return self._values[key]

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Record({dict(zip(self._keys, self._values))!r})"


def records(result: CursorResult) -> list[Record]:
    keys = list(result.keys())
    return [Record(keys, row) for row in result]


def qmark_to_named(sql: str, args: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    """``?`` placeholders (outside string literals) as ``:p0, :p1 …``; colons inside literals escaped."""
    params: dict[str, Any] = {}
    parts = _QUOTED.split(sql)
    for i, part in enumerate(parts):
        if i % 2:  # a quoted literal: its colons are not bind parameters
            parts[i] = part.replace(":", r"\:")
            continue
        pieces = part.split("?")
        for j in range(1, len(pieces)):
            name = f"p{len(params)}"
            params[name] = args[len(params)]
            pieces[j] = f":{name}" + pieces[j]
        parts[i] = "".join(pieces)
    if len(params) != len(args):
        raise ValueError(f"{len(args)} arguments for {len(params)} placeholders")
    return "".join(parts), params


class Database:
    """An engine on the shared state, migrated to the newest revision when opened (a no-op when it is)."""

    def __init__(self, target: str | Path, *, upgrade: bool = True) -> None:
        self.url = database_url(target)
        self.path = Path(target) if "://" not in str(target) else None  # the SQLite file, for callers that ask
        self.engine = make_engine(target)
        self.dialect = self.engine.dialect.name
        if upgrade:
            migrate.upgrade(self.engine)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as connection:
            yield connection

    def run(self, statement: Executable) -> CursorResult:
        """Execute one statement in its own transaction; the result keeps its row count on every driver."""
        with self.engine.begin() as connection:
            return connection.execute(statement.execution_options(preserve_rowcount=True))

    def rows(self, statement: Executable) -> list[Record]:
        with self.engine.connect() as connection:
            return records(connection.execute(statement))

    def insert_ignore(self, table: Table):
        """``INSERT … ON CONFLICT DO NOTHING``: the dialect's own insert construct, the one place that needs it."""
        return (postgresql if self.dialect == "postgresql" else sqlite).insert(table)

    # -- plain SQL, for the review console's reports and for tests: ``?`` placeholders, dialect-neutral text ----
    def query(self, sql: str, args: Sequence[Any] = ()) -> list[Record]:
        statement, params = qmark_to_named(sql, args)
        with self.engine.connect() as connection:
            return records(connection.execute(text(statement), params))

    def execute(self, sql: str, args: Sequence[Any] = ()) -> CursorResult:
        statement, params = qmark_to_named(sql, args)
        with self.engine.begin() as connection:
            return connection.execute(text(statement).execution_options(preserve_rowcount=True), params)
