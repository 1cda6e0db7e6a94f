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


def load_records(path: Path, display: str) -> LoadedTable:
    """Validate every row of one records file against its model."""
    table = table_for(path)
    model = TABLES[table]
    rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    loaded = LoadedTable(table)
    header: list[str] | None = None
    for number, raw in rows:
        if not any(cell.strip() for cell in raw):
            continue
        if header is None:
            if raw[0].lstrip().startswith("#"):
                continue
            header = [h.strip() for h in raw]
            missing = [f for f, info in model.model_fields.items() if info.is_required() and f not in header]
            unknown = [h for h in header if h not in model.model_fields]
            if missing:
                raise RecordFileError(f"missing column(s) {', '.join(missing)} in the header")
            if unknown:
                raise RecordFileError(f"unknown column(s) {', '.join(unknown)} in the header")
            continue
        values = dict(zip(header, raw + [""] * (len(header) - len(raw))))
        if len(raw) > len(header) and any(c.strip() for c in raw[len(header):]):
            loaded.errors.append(f"{display} row {number}: more cells than header columns")
            continue
        try:
            loaded.rows.append(model.model_validate(values))
            loaded.lines.append(number)
        except ValidationError as exc:
            for err in exc.errors():
                field_name = ".".join(str(p) for p in err["loc"]) or "row"
                value = values.get(field_name, "")
                loaded.errors.append(f"{display} row {number}, field {field_name}: {err['msg']} (got {value!r})")
    if header is None:
        raise RecordFileError("no header row")
    return loaded
