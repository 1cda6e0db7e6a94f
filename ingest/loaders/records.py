"""Partner records (CSV or XLSX): each row validated; a bad row is reported and skipped.

The table is chosen by file name (``firms.csv``, ``ledger.xlsx``…). Lines
starting with ``#`` before the header are comments (the "fictional data"
notice). Row numbers in messages are the line numbers a spreadsheet shows.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from pydantic import ValidationError

from bot.records.models import TABLES, Record


class RecordFileError(ValueError):
    """The whole file is unusable (unknown table, missing column…)."""


@dataclass
class LoadedTable:
    table: str
    rows: list[Record] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)  # source row number of each row, for later checks
    errors: list[str] = field(default_factory=list)


def table_for(path: Path) -> str:
    stem = path.stem.lower()
    if stem not in TABLES:
        raise RecordFileError(f"unknown records table {stem!r}; expected one of {', '.join(TABLES)}")
    return stem


def _csv_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        for number, row in enumerate(csv.reader(fh), 1):
            yield number, row


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a broken file
        raise RecordFileError(f"not a readable XLSX workbook ({exc})") from exc
    sheet = book.worksheets[0]
    for number, row in enumerate(sheet.iter_rows(values_only=True), 1):
        yield number, ["" if v is None else (v.date().isoformat() if hasattr(v, "date") else str(v)) for v in row]


@dataclass
class RawTable:
    """A records file read but not yet validated: its header and each row's cells with its row number."""

    table: str
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_raw(path: Path, display: str) -> RawTable:
    """The header (checked against the table's model) and the rows of one records file, cells as text."""
    table = table_for(path)
    model = TABLES[table]
    rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    raw_table: RawTable | None = None
    for number, raw in rows:
        if not "".join(raw).strip():
            continue
        if raw_table is None:
            if raw[0].lstrip().startswith("#"):
                continue
            header = [h.strip() for h in raw]
            missing = [f for f, info in model.model_fields.items() if info.is_required() and f not in header]
            unknown = [h for h in header if h not in model.model_fields]
            if missing:
                raise RecordFileError(f"missing column(s) {', '.join(missing)} in the header")
            if unknown:
                raise RecordFileError(f"unknown column(s) {', '.join(unknown)} in the header")
            raw_table = RawTable(table, header)
            continue
        if len(raw) > len(raw_table.header) and any(c.strip() for c in raw[len(raw_table.header):]):
            raw_table.errors.append(f"{display} row {number}: more cells than header columns")
            continue
        raw_table.rows.append((number, raw))
    if raw_table is None:
        raise RecordFileError("no header row")
    return raw_table


def validate_row(table: str, header: list[str], number: int, raw: list[str], display: str) -> tuple[Record | None, list[str]]:
    """One row as its model, or None and one message per bad field naming file, row and field."""
    values = dict(zip(header, raw + [""] * (len(header) - len(raw))))
    try:
        return TABLES[table].model_validate(values), []
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            field_name = ".".join(str(p) for p in err["loc"]) or "row"
            value = values.get(field_name, "")
            errors.append(f"{display} row {number}, field {field_name}: {err['msg']} (got {value!r})")
        return None, errors


def load_records(path: Path, display: str) -> LoadedTable:
    """Validate every row of one records file against its model."""
    raw_table = read_raw(path, display)
    loaded = LoadedTable(raw_table.table, errors=list(raw_table.errors))
    for number, raw in raw_table.rows:
        row, errors = validate_row(raw_table.table, raw_table.header, number, raw, display)
        loaded.errors.extend(errors)
        if row is not None:
            loaded.rows.append(row)
            loaded.lines.append(number)
    return loaded
