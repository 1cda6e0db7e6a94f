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


def is_blank(raw: list[str]) -> bool:
    return not "".join(raw).strip()


def is_comment(raw: list[str]) -> bool:
    """A line before the header starting with ``#`` (the "fictional data" notice)."""
    return raw[0].lstrip().startswith("#")


def check_header(raw: list[str], table: str) -> list[str]:
    """The header's column names, checked against the table's model."""
    model = TABLES[table]
    header = [h.strip() for h in raw]
    missing = [f for f, info in model.model_fields.items() if info.is_required() and f not in header]
    unknown = [h for h in header if h not in model.model_fields]
    if missing:
        raise RecordFileError(f"missing column(s) {', '.join(missing)} in the header")
    if unknown:
        raise RecordFileError(f"unknown column(s) {', '.join(unknown)} in the header")
    return header


def extra_cells(header: list[str], raw: list[str]) -> bool:
    """The row has text beyond the header's last column."""
    return len(raw) > len(header) and any(c.strip() for c in raw[len(header):])


def extra_cells_message(display: str, number: int) -> str:
    return f"{display} row {number}: more cells than header columns"


def read_raw(path: Path, display: str) -> RawTable:
    """The header (checked against the table's model) and the rows of one records file, cells as text."""
    table = table_for(path)
    rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    raw_table: RawTable | None = None
    for number, raw in rows:
        if is_blank(raw):
            continue
        if raw_table is None:
            if is_comment(raw):
                continue
            raw_table = RawTable(table, check_header(raw, table))
            continue
        if extra_cells(raw_table.header, raw):
            raw_table.errors.append(extra_cells_message(display, number))
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
