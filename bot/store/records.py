"""Partner records in SQLite: normalised tables the calculators read.

Written once per index generation by ingest, opened read-only by the
assistant. Every read is by partner id, so the access policy can sit in
front of it (see ``bot.access``).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Iterable, TypeVar

from bot.records.models import TABLES, Firm, FirmRecords, Payment, Project, Record, Reduction, SlackUser

R = TypeVar("R", bound=Record)

_INDEXES = {
    "projects": ["partner_id"],
    "reductions": ["project_id"],
    "ledger": ["partner_id"],
    "users": ["email", "partner_id"],
}


def _sql_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def write_records(path: Path, tables: dict[str, list[Record]]) -> None:
    """Create the records database at ``path`` from validated rows, one table per model."""
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        for name, model in TABLES.items():
            cols = list(model.model_fields)
            con.execute(f"CREATE TABLE {name} ({', '.join(cols)})")
            for col in _INDEXES.get(name, []):
                con.execute(f"CREATE INDEX {name}_{col} ON {name} ({col})")
            rows = [[_sql_value(getattr(r, c)) for c in cols] for r in tables.get(name, [])]
            con.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' * len(cols))})", rows)
        con.commit()
    finally:
        con.close()


def read_table(path: Path, name: str) -> list[Record]:
    """All rows of one table, as models (used to carry a failed file's last good rows over)."""
    with RecordStore(path) as store:
        return store._select(TABLES[name], f"SELECT * FROM {name}", ())


class RecordStore:
    """Read-only access to one generation's records database."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._con.row_factory = sqlite3.Row

    def __enter__(self) -> "RecordStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._con.close()

    def _select(self, model: type[R], sql: str, args: Iterable[object]) -> list[R]:
        rows = self._con.execute(sql, tuple(args)).fetchall()
        return [model.model_validate({k: row[k] for k in row.keys()}) for row in rows]

    def firm(self, partner_id: str) -> Firm | None:
        found = self._select(Firm, "SELECT * FROM firms WHERE partner_id = ?", [partner_id])
        return found[0] if found else None

    def firms(self) -> list[Firm]:
        return self._select(Firm, "SELECT * FROM firms ORDER BY partner_id", [])

    def projects(self, partner_id: str) -> list[Project]:
        return self._select(Project, "SELECT * FROM projects WHERE partner_id = ? ORDER BY funding_round, project_id", [partner_id])

    def project_owners(self) -> dict[str, str]:
        """Each project's id and the firm it belongs to: a project id in a question names that firm."""
        return {row[0]: row[1] for row in self._con.execute("SELECT project_id, partner_id FROM projects")}

    def latest_round(self) -> int | None:
        """The latest funding round any project is recorded in: the round in progress."""
        row = self._con.execute("SELECT MAX(funding_round) FROM projects").fetchone()
        return row[0] if row else None

    def payments(self, partner_id: str) -> list[Payment]:
        return self._select(Payment, "SELECT * FROM ledger WHERE partner_id = ? ORDER BY paid_on, entry_id", [partner_id])

    def reductions(self, project_id: str) -> list[Reduction]:
        return self._select(Reduction, "SELECT * FROM reductions WHERE project_id = ? ORDER BY year", [project_id])

    def firm_records(self, partner_id: str) -> FirmRecords | None:
        """Everything the calculators read about one firm, or None when there is no such firm."""
        firm = self.firm(partner_id)
        if firm is None:
            return None
        projects = self.projects(partner_id)
        reductions = self._select(
            Reduction, "SELECT r.* FROM reductions r JOIN projects p ON p.project_id = r.project_id "
                       "WHERE p.partner_id = ? ORDER BY r.project_id, r.year", [partner_id])
        return FirmRecords(firm, tuple(projects), tuple(self.payments(partner_id)), tuple(reductions))

    def users(self) -> list[SlackUser]:
        return self._select(SlackUser, "SELECT * FROM users", [])

    def counts(self) -> dict[str, int]:
        return {name: self._con.execute(f"SELECT COUNT(*) FROM {name}").fetchone()[0] for name in TABLES}
