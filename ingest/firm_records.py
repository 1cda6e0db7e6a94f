"""Partner records, ingested firm by firm: only firms whose rows changed are validated, written and re-chunked.

Every row belongs to one firm (reductions through their project). A firm's content hash covers its rows in
every table; the hashes are stored with the generation (``firms.json``). On the next run a firm with the
same hash costs nothing: its rows stay in the records database, which is copied from the previous
generation, and its record chunks are carried over from the catalogue (``records.jsonl``). A changed firm's
rows are validated, replaced in the database and re-chunked; a firm whose changed rows fail keeps its last
good records, and each bad field is reported by file, row and field.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from bot.models import Chunk
from bot.records.models import KEYS, TABLES, Record
from bot.store.records import _sql_value, write_records
from ingest.loaders.records import RawTable, validate_row
from ingest.records_text import record_chunks

FIRM_HASHES = "firms.json"
CATALOGUE = "records.jsonl"  # every record chunk, by firm: what record citations point at
STAFF = ""  # users with no firm (staff) hash as one group of their own
# table -> (column naming the firm, or None when found through the project)
FIRM_COLUMN = {"firms": "partner_id", "projects": "partner_id", "ledger": "partner_id", "users": "partner_id",
               "reductions": None}
REFERENCES = {"firms": [("parent_id", "firms")], "projects": [("partner_id", "firms")],
              "reductions": [("project_id", "projects")], "ledger": [("partner_id", "firms")],
              "users": [("partner_id", "firms")]}


RawRow = tuple[str, str, int, list[str]]  # table, source, row number, cells (a plain tuple: a million are made)


@dataclass
class FirmsUpdate:
    """What one run did to the records, firm by firm."""

    processed: list[str] = field(default_factory=list)  # firms whose rows were (re)validated and re-chunked
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed, but a bad row: the last good records stay
    errors: dict[str, list[str]] = field(default_factory=dict)  # source -> messages
    rows: dict[str, int] = field(default_factory=dict)  # table -> rows in the database after the run
    catalogue: Path | None = None  # every record chunk of the new generation, one JSON object a line

    @property
    def chunks(self) -> list[Chunk]:
        """The record chunks of the catalogue (parsed: only needed when record text is searched too)."""
        return _read_catalogue(self.catalogue, None) if self.catalogue else []


def _column(raw: RawTable, column: str) -> list[str]:
    """The stripped cells of one column, row by row ("" where the row is short or the column missing)."""
    if column not in raw.header:
        return [""] * len(raw.rows)
    i = raw.header.index(column)
    return [cells[i].strip() if i < len(cells) else "" for _, cells in raw.rows]


def group_by_firm(tables: list[tuple[str, RawTable]]) -> tuple[dict[str, list[RawRow]], dict[str, set[str]]]:
    """Rows per firm id, and the keys each table defines (for references), from the raw cells alone."""
    by_firm: dict[str, list[RawRow]] = {}
    keys: dict[str, set[str]] = {"firms": set(), "projects": set()}
    project_owner: dict[str, str] = {}
    for source, raw in tables:
        if raw.table == "projects":
            project_owner.update(zip(_column(raw, "project_id"), _column(raw, "partner_id")))
        if raw.table in keys:
            keys[raw.table].update(_column(raw, "partner_id" if raw.table == "firms" else "project_id"))
    for source, raw in sorted(tables, key=lambda t: list(TABLES).index(t[1].table)):
        column = FIRM_COLUMN[raw.table]
        if column:
            owners = [owner or STAFF for owner in _column(raw, column)]
        else:
            owners = [project_owner.get(project, f"?{project}") for project in _column(raw, "project_id")]
        table = raw.table
        for owner, (number, cells) in zip(owners, raw.rows):
            rows = by_firm.get(owner)
            if rows is None:
                rows = by_firm[owner] = []
            rows.append((table, source, number, cells))
    return by_firm, keys


def firm_hash(rows: list[RawRow]) -> str:
    """Content of a firm's rows in every table; row numbers left out, so rows moving in a file change nothing."""
    return hashlib.sha256(repr([(r[0], r[3]) for r in rows]).encode()).hexdigest()[:24]


def _duplicates(tables: list[tuple[str, RawTable]]) -> dict[tuple[str, int], str]:
    """(source, row) -> message for each row whose key an earlier row of its table already has."""
    out: dict[tuple[str, int], str] = {}
    seen: dict[str, set] = {}
    for source, raw in tables:
        key = KEYS[raw.table]
        columns = [key] if key else ["project_id", "year"]
        values = list(zip(*(_column(raw, c) for c in columns)))
        table_seen = seen.setdefault(raw.table, set())
        unique = set(values)
        if len(unique) == len(values) and table_seen.isdisjoint(unique):
            table_seen |= unique  # the usual case: no key repeats
            continue
        for (number, _), value in zip(raw.rows, values):
            if value in table_seen:
                shown = repr(value[0]) if len(value) == 1 else repr(value)
                out[(source, number)] = f"{source} row {number}: duplicate {key or 'project_id+year'} {shown}"
            table_seen.add(value)
    return out


def _validate(rows: list[RawRow], headers: dict[str, list[str]], keys: dict[str, set[str]],
              duplicates: dict[tuple[str, int], str]) -> tuple[dict[str, list[Record]], list[tuple[str, str]]]:
    """A firm's rows as models, and (source, message) for each bad one."""
    good: dict[str, list[Record]] = {}
    errors: list[tuple[str, str]] = []
    for table, source, number, cells in rows:
        dup = duplicates.get((source, number))
        if dup:
            errors.append((source, dup))
            continue
        model, messages = validate_row(table, headers[source], number, cells, source)
        errors += [(source, m) for m in messages]
        if model is None:
            continue
        bad = False
        for column, ref_table in REFERENCES[table]:
            value = getattr(model, column)
            if value is not None and value not in keys[ref_table]:
                key = "partner_id" if ref_table == "firms" else "project_id"
                errors.append((source, f"{source} row {number}, field {column}: no {ref_table} row with "
                                       f"{key} {value!r}"))
                bad = True
        if not bad:
            good.setdefault(table, []).append(model)
    return good, errors


def update_records(tables: list[tuple[str, RawTable]], path: Path, prev: Path | None, root: str,
                   keep_all: bool = False) -> FirmsUpdate:
    """Write the records database, firm hashes and record catalogue of the generation at ``path``.

    ``prev`` is the previous generation's folder (None on a first run); with ``keep_all`` (a records file
    could not be read at all) every firm keeps what the previous generation had.
    """
    update = FirmsUpdate()
    old_hashes: dict[str, str] = {}
    if prev is not None and (prev / FIRM_HASHES).exists() and (prev / "records.sqlite").exists():
        old_hashes = json.loads((prev / FIRM_HASHES).read_text(encoding="utf-8"))
    else:
        prev = None
    if keep_all and prev is not None:
        for name in ("records.sqlite", FIRM_HASHES, CATALOGUE):
            shutil.copyfile(prev / name, path / name)
        update.unchanged = len(old_hashes)
        update.catalogue = path / CATALOGUE
        update.rows = _counts(path / "records.sqlite")
        return update

    by_firm, keys = group_by_firm(tables)
    headers = {source: raw.header for source, raw in tables}
    for source, raw in tables:
        if raw.errors:
            update.errors.setdefault(source, []).extend(raw.errors)
    duplicates = _duplicates(tables)
    hashes: dict[str, str] = {}
    changed: dict[str, dict[str, list[Record]]] = {}
    for pid, rows in sorted(by_firm.items()):
        digest = firm_hash(rows)
        if old_hashes.get(pid) == digest:
            hashes[pid] = digest
            update.unchanged += 1
            continue
        good, errors = _validate(rows, headers, keys, duplicates)
        for source, message in errors:
            update.errors.setdefault(source, []).append(message)
        if errors and pid in old_hashes:
            hashes[pid] = old_hashes[pid]  # the last good records stay, and the firm is tried again next run
            update.kept.append(pid)
            continue
        if not errors:
            hashes[pid] = digest
        changed[pid] = good
        update.processed.append(pid)
    update.removed = sorted(set(old_hashes) - set(by_firm))

    db = path / "records.sqlite"
    if prev is None:
        merged: dict[str, list[Record]] = {}
        for good in changed.values():
            for table, rows in good.items():
                merged.setdefault(table, []).extend(rows)
        write_records(db, merged)
    else:
        shutil.copyfile(prev / "records.sqlite", db)
        _replace_firms(db, set(changed) | set(update.removed), changed)
    (path / FIRM_HASHES).write_text(json.dumps(hashes, sort_keys=True), encoding="utf-8")

    # Record chunks: rebuilt for the firms processed, carried over (as text, unparsed) for the rest.
    fresh = record_chunks(_tables_of(changed), root)
    drop = set(changed) | set(update.removed)
    carried = _carried_lines(prev / CATALOGUE, drop) if prev is not None and (prev / CATALOGUE).exists() else []
    lines = sorted([((c.partner_id or "", c.locator), c.model_dump_json() + "\n") for c in fresh] + carried)
    with (path / CATALOGUE).open("w", encoding="utf-8") as fh:
        fh.writelines(line for _, line in lines)
    update.catalogue = path / CATALOGUE
    update.rows = _counts(db)
    return update


def _tables_of(changed: dict[str, dict[str, list[Record]]]) -> dict[str, list[Record]]:
    """The processed firms' rows as whole tables, for chunking (a firm's chunk needs its projects and ledger)."""
    out: dict[str, list[Record]] = {}
    for good in changed.values():
        for table, rows in good.items():
            out.setdefault(table, []).extend(rows)
    return out


def _carried_lines(path: Path, drop: set[str]) -> list[tuple[tuple[str, str], str]]:
    """((firm, locator), line) of each catalogue line whose firm is not in ``drop``, without parsing the chunk."""
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                head = json.loads(line)
                if head.get("partner_id") not in drop:
                    out.append(((head.get("partner_id") or "", head.get("locator", "")), line))
    return out


def _read_catalogue(path: Path, drop: set[str] | None) -> list[Chunk]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip() and (drop is None or json.loads(line).get("partner_id") not in drop):
                out.append(Chunk.model_validate_json(line))
    return out


def _replace_firms(db: Path, firms: set[str], rows: dict[str, dict[str, list[Record]]]) -> None:
    """Delete every row of ``firms`` from the database copy and insert their new rows."""
    con = sqlite3.connect(db)
    try:
        for pid in sorted(firms):
            con.execute("DELETE FROM reductions WHERE project_id IN (SELECT project_id FROM projects WHERE partner_id = ?)",
                        (pid,))
            for project in rows.get(pid, {}).get("projects", []):
                con.execute("DELETE FROM reductions WHERE project_id = ?", (project.project_id,))  # type: ignore[attr-defined]
            for table in ("projects", "ledger", "users", "firms"):
                if pid == STAFF and table == "users":
                    con.execute("DELETE FROM users WHERE partner_id IS NULL OR partner_id = ''")
                else:
                    con.execute(f"DELETE FROM {table} WHERE partner_id = ?", (pid,))
        for pid in sorted(rows):
            for table, models in rows[pid].items():
                cols = list(TABLES[table].model_fields)
                con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * len(cols))})",
                                [[_sql_value(getattr(m, c)) for c in cols] for m in models])
        con.commit()
    finally:
        con.close()


def _counts(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        con.close()


__all__ = ["CATALOGUE", "FIRM_HASHES", "FirmsUpdate", "update_records"]
