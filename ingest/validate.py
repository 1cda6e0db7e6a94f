"""Checks across record tables: duplicate keys and references to rows that do not exist.

A row that fails is reported with its file and row number and left out; the
rest of the file still loads.
"""

from __future__ import annotations

from bot.records.models import KEYS, Record
from ingest.loaders.records import LoadedTable

# table -> [(field, referenced table, referenced key)]
REFERENCES: dict[str, list[tuple[str, str, str]]] = {
    "firms": [("parent_id", "firms", "partner_id")],
    "projects": [("partner_id", "firms", "partner_id")],
    "reductions": [("project_id", "projects", "project_id")],
    "ledger": [("partner_id", "firms", "partner_id")],
    "users": [("partner_id", "firms", "partner_id")],
}


def _key(table: str, row: Record) -> object:
    key = KEYS.get(table)
    return getattr(row, key) if key else (getattr(row, "project_id"), getattr(row, "year"))


def check_references(source: str, loaded: LoadedTable, tables: dict[str, list[Record]]) -> list[str]:
    errors: list[str] = []
    known = {
        (name, field): {getattr(r, field) for r in tables.get(name, [])}
        for refs in REFERENCES.values()
        for _, name, field in refs
    }
    seen: set[object] = set()
    bad: set[int] = set()
    for row, line in zip(loaded.rows, loaded.lines):
        key = _key(loaded.table, row)
        if key in seen:
            errors.append(f"{source} row {line}: duplicate {KEYS.get(loaded.table) or 'project_id+year'} {key!r}")
            bad.add(id(row))
            continue
        seen.add(key)
        for field, ref_table, ref_key in REFERENCES.get(loaded.table, []):
            value = getattr(row, field)
            if value is not None and value not in known[(ref_table, ref_key)]:
                errors.append(f"{source} row {line}, field {field}: no {ref_table} row with {ref_key} {value!r}")
                bad.add(id(row))
    if bad:
        tables[loaded.table] = [r for r in tables[loaded.table] if id(r) not in bad]
    return errors
