"""Checks on a firm's record rows beyond each row's own fields: references to other rows, and duplicate keys.

A row that fails is reported with its file and row number and left out. A reference names a row that any
records file has (a tier-2 firm's parent, a reduction's project); duplicates are looked for among the rows
validated in this run, in file order, and against the rows the records database keeps for the firms not
validated now (their rows are unchanged and were checked when they last changed).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from bot.records.models import KEYS, Record
from ingest.loaders.records import extra_cells, extra_cells_message, validate_row

STAFF = ""  # users with no firm (staff) are one group of their own
RawRow = tuple[str, str, int, list[str]]  # table, source, row number, cells
REFERENCES = {"firms": [("parent_id", "firms")], "projects": [("partner_id", "firms")],
              "reductions": [("project_id", "projects")], "ledger": [("partner_id", "firms")],
              "users": [("partner_id", "firms")]}


def _key_of(table: str, model: Record) -> object:
    key = KEYS[table]
    return getattr(model, key) if key else (getattr(model, "project_id"), getattr(model, "year"))


def _key_name(table: str) -> str:
    return KEYS[table] or "project_id+year"


def _cell_key(table: str, header: list[str], cells: list[str]) -> tuple[str, ...]:
    """A row's key as its cells have it (stripped), for duplicates among the rows of this run."""
    columns = [KEYS[table]] if KEYS[table] else ["project_id", "year"]
    return tuple(cells[header.index(c)].strip() if c in header and header.index(c) < len(cells) else ""
                 for c in columns)


@dataclass
class Checked:
    """A firm's rows validated: the good ones as models, a message per bad one, and what the good ones refer to."""

    good: dict[str, list[Record]] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (source, message)
    refs: dict[str, list[str]] = field(default_factory=dict)  # table -> keys of other rows referred to
    lines: dict[int, RawRow] = field(default_factory=dict)  # id(model) -> the row it came from


def validate_firm(rows: list[RawRow], headers: dict[str, list[str]], keys: dict[str, set[str]],
                  duplicates: dict[tuple[str, int], str]) -> Checked:
    """A firm's rows as models, each checked on its own fields, its references and the run's duplicates."""
    out = Checked()
    refs: dict[str, set[str]] = {}
    for row in rows:
        table, source, number, cells = row
        dup = duplicates.get((source, number))
        if dup:
            out.errors.append((source, dup))
            continue
        if extra_cells(headers[source], cells):
            out.errors.append((source, extra_cells_message(source, number)))
            continue
        model, messages = validate_row(table, headers[source], number, cells, source)
        out.errors += [(source, m) for m in messages]
        if model is None:
            continue
        bad = False
        for column, ref_table in REFERENCES[table]:
            value = getattr(model, column)
            if value is None:
                continue
            if value not in keys[ref_table]:
                key = "partner_id" if ref_table == "firms" else "project_id"
                out.errors.append((source, f"{source} row {number}, field {column}: no {ref_table} row with "
                                           f"{key} {value!r}"))
                bad = True
            refs.setdefault(ref_table, set()).add(value)
        if not bad:
            out.good.setdefault(table, []).append(model)
            out.lines[id(model)] = row
    out.refs = {table: sorted(values) for table, values in refs.items()}
    return out


def duplicate_message(row: RawRow, headers: dict[str, list[str]]) -> str:
    table, source, number, cells = row
    value = _cell_key(table, headers[source], cells)
    shown = repr(value[0]) if len(value) == 1 else repr(value)
    return f"{source} row {number}: duplicate {_key_name(table)} {shown}"


def duplicates_in_run(rows: dict[str, list[RawRow]], files: list[tuple[str, list[str]]]) -> dict[tuple[str, int], str]:
    """(source, row) -> message for each row whose key an earlier row of this run's rows already has.

    On a first run these are all rows; later, the rows of the firms being validated (the others' keys are
    checked against the database, ``duplicates_stored``).
    """
    order = {source: i for i, (source, _) in enumerate(files)}
    headers = dict(files)
    seen: dict[str, set] = {}
    out: dict[tuple[str, int], str] = {}
    every = sorted((row for firm_rows in rows.values() for row in firm_rows), key=lambda r: (order[r[1]], r[2]))
    for row in every:
        table, source, number, cells = row
        value = _cell_key(table, headers[source], cells)
        table_seen = seen.setdefault(table, set())
        if value in table_seen:
            out[(source, number)] = duplicate_message(row, headers)
        table_seen.add(value)
    return out


def duplicates_stored(db: Path, validated: dict[str, dict[str, list[Record]]], replaced: set[str]) -> dict[int, str]:
    """id(model) -> table for each validated row whose key a row of a firm not being replaced already has."""
    wanted: dict[str, dict[object, list[Record]]] = {}
    for good in validated.values():
        for table, models in good.items():
            if table != "firms":  # a firms row's key is its own firm
                for model in models:
                    wanted.setdefault(table, {}).setdefault(_key_of(table, model), []).append(model)
    out: dict[int, str] = {}
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        for table, by_key in wanted.items():
            values = sorted({k[0] if isinstance(k, tuple) else k for k in by_key})
            if table == "reductions":
                sql = ("SELECT r.project_id, r.year, p.partner_id FROM reductions r LEFT JOIN projects p "
                       "ON p.project_id = r.project_id")
                column = "r.project_id"
            else:
                sql, column = f"SELECT {KEYS[table]}, partner_id FROM {table}", KEYS[table]
            # a few keys: one pass over the table for them; many (a large change): one pass over it all
            if len(values) <= 500:
                found_rows = con.execute(f"{sql} WHERE {column} IN ({', '.join('?' * len(values))})", values)
            else:
                found_rows = con.execute(sql)
            for found in found_rows:
                key, owner = (tuple(found[:2]), found[2]) if table == "reductions" else (found[0], found[1])
                if key in by_key and (owner or STAFF) not in replaced:
                    for model in by_key[key]:
                        out[id(model)] = table
    finally:
        con.close()
    return out
