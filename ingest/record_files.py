"""A partner-records file split by firm on its raw bytes: one hash per firm's rows, rows parsed only when asked.

Between two runs a records file changes by a row or two, while parsing a million ledger rows takes seconds.
So a changed CSV file is split without parsing its rows: each line's firm column (``partner_id``;
``project_id`` for reductions) is cut out, lines are grouped by that value, and each group's bytes are hashed.
Only the groups of the firms a run has to validate are parsed into cells. The split of each file (its content
hash, header and group hashes) is kept with the generation (``record_files.json``), so a file whose content hash
is unchanged is not read beyond hashing its bytes.

A line holding a quote is cut by the CSV reader itself (a quoted cell may hold commas and line breaks), so the
split agrees with ``read_raw`` cell for cell, and rows are numbered as ``read_raw`` numbers them (the records a
CSV reader yields, from 1). XLSX files, and CSV files with bare carriage returns as line ends, are read with
``read_raw``'s row readers and grouped on their cells.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import itertools
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from ingest.loaders.records import (RecordFileError, _csv_rows, _xlsx_rows, check_header, is_blank, is_comment,
                                    table_for)

CACHE = "record_files.json"
CACHE_VERSION = 1
# table -> the column a file is split on: the firm, or for reductions the project (whose owner is the firm)
SPLIT_COLUMN = {"firms": "partner_id", "projects": "partner_id", "reductions": "project_id", "ledger": "partner_id",
                "users": "partner_id"}

Row = tuple[int, list[str]]  # row number, cells


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:24]


@dataclass
class _Split:
    """A file's rows grouped by the split column; a record is a line's bytes, or cells (XLSX and the like)."""

    header: list[str]
    records: list  # list[bytes] | list[list[str]]
    numbers: list[int] | None  # each record's row number; None: ``first + index``
    first: int
    runs: dict[str, list[tuple[int, int]]]  # key -> [start, end) record ranges, in file order
    raw: bool  # records are CSV bytes

    def number(self, i: int) -> int:
        return self.first + i if self.numbers is None else self.numbers[i]

    def indexes(self, key: str) -> Iterator[int]:
        for start, end in self.runs.get(key, ()):
            yield from range(start, end)

    def group_hash(self, key: str) -> str:
        if self.raw:
            return _hash(b"\n".join(b"\n".join(self.records[a:b]) for a, b in self.runs[key]))
        return _hash(repr([self.records[i] for i in self.indexes(key)]).encode())

    def rows(self, key: str) -> list[Row]:
        indexes = list(self.indexes(key))
        if not self.raw:
            return [(self.number(i), self.records[i]) for i in indexes]
        text = "\n".join(self.records[i].decode("utf-8") for i in indexes)
        cells = list(csv.reader(io.StringIO(text, newline="")))
        if len(cells) != len(indexes):  # each record was cut where the CSV reader ends one
            raise RecordFileError(f"rows of {key!r} could not be read back ({len(cells)} of {len(indexes)})")
        return [(self.number(i), row) for i, row in zip(indexes, cells)]


def _runs(keys: list[str]) -> dict[str, list[tuple[int, int]]]:
    """Consecutive records with the same key as one range (a firm's rows usually stand together)."""
    runs: dict[str, list[tuple[int, int]]] = {}
    pos = 0
    for key, same in itertools.groupby(keys):
        n = len(list(same))
        runs.setdefault(key, []).append((pos, pos + n))
        pos += n
    return runs


def _blank_line(line: bytes) -> bool:
    return not line.replace(b",", b"").strip()


def _split_csv(data: bytes, table: str) -> _Split | None:
    """The split of a CSV file's bytes; None when its line ends need the CSV reader's own reading."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordFileError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    if b"\r" in data and data.count(b"\r") != data.count(b"\r\n"):
        return None  # bare CR line ends: the line split below would not match the reader's
    ends_open = not data.endswith(b"\n")
    lines = data.split(b"\n")
    if not ends_open:
        lines.pop()

    def decoded(start: int) -> Iterator[str]:
        for j in range(start, len(lines)):
            tail = "" if ends_open and j == len(lines) - 1 else "\n"
            yield lines[j].decode("utf-8") + tail

    def cut(i: int) -> tuple[list[str], int]:
        """The record starting at line ``i`` as the CSV reader reads it, and the line after it."""
        if b'"' not in lines[i]:
            return next(csv.reader([lines[i].decode("utf-8")]), []), i + 1
        reader = csv.reader(decoded(i))
        return next(reader, []), i + reader.line_num

    header: list[str] | None = None
    i = number = 0
    while i < len(lines) and header is None:
        cells, after = cut(i)
        i, number = after, number + 1
        if not is_blank(cells) and not is_comment(cells):
            header = check_header(cells, table)
    if header is None:
        raise RecordFileError("no header row")
    column = header.index(SPLIT_COLUMN[table])
    offset = sum(len(line) + 1 for line in lines[:i])

    if data.find(b'"', offset) == -1:  # no quoted cell below the header: one line is one record
        body = lines[i:]
        try:
            cut_out = [line.split(b",", column + 1)[column] for line in body]
        except IndexError:  # a row shorter than the header
            cut_out = [_cell(line, column) for line in body]
        runs: dict[str, list[tuple[int, int]]] = {}
        for key, spans in _runs(cut_out).items():  # cells as the reader gives them: stripped text
            runs.setdefault(key.strip().decode("utf-8"), []).extend(spans)
        for spans in runs.values():
            spans.sort()
        split = _Split(header, body, None, number + 1, runs, raw=True)
        if "" in split.runs:  # rows with no firm (staff users), and blank lines, which are no rows
            blank = {j for j in split.indexes("") if _blank_line(body[j])}
            if blank:
                split.runs[""] = [(j, j + 1) for j in split.indexes("") if j not in blank]
                if not split.runs[""]:
                    del split.runs[""]
        return split

    records: list[bytes] = []
    numbers: list[int] = []
    keys = []
    while i < len(lines):
        start, line = i, lines[i]
        number += 1
        if b'"' not in line:  # most lines: cut without the reader
            i += 1
            if not _blank_line(line):
                records.append(line)
                numbers.append(number)
                keys.append(_cell(line, column).strip().decode("utf-8"))
            continue
        cells, i = cut(i)
        if not is_blank(cells):
            records.append(b"\n".join(lines[start:i]))
            numbers.append(number)
            keys.append(cells[column].strip() if len(cells) > column else "")
    return _Split(header, records, numbers, 0, _runs(keys), raw=True)


def _cell(line: bytes, column: int) -> bytes:
    """One cell of a line holding no quote ("" past the line's last cell)."""
    parts = line.split(b",", column + 1)
    return parts[column] if len(parts) > column else b""


def _split_cells(path: Path, table: str) -> _Split:
    """The split of a file read row by row into cells (XLSX; CSV with bare CR line ends)."""
    rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _csv_rows(path)
    header: list[str] | None = None
    records: list[list[str]] = []
    numbers: list[int] = []
    keys: list[str] = []
    column = 0
    for number, cells in rows:
        if is_blank(cells):
            continue
        if header is None:
            if not is_comment(cells):
                header = check_header(cells, table)
                column = header.index(SPLIT_COLUMN[table])
            continue
        records.append(cells)
        numbers.append(number)
        keys.append(cells[column].strip() if len(cells) > column else "")
    if header is None:
        raise RecordFileError("no header row")
    return _Split(header, records, numbers, 0, _runs(keys), raw=False)


@dataclass
class RecordFile:
    """One records file of this run: its firm groups' hashes, and their rows when a run needs them."""

    path: Path
    source: str
    table: str
    digest: str
    header: list[str]
    groups: dict[str, str]  # split key (firm, or project for reductions) -> hash of its rows
    rows: int
    owners: dict[str, str] = field(default_factory=dict)  # projects: project_id -> partner_id, in file order
    _split: _Split | None = None
    reads: int = 0  # times the file was read and split in this run (0: the cached split was enough)

    @classmethod
    def open(cls, path: Path, source: str, data: bytes, digest: str, cached: dict | None) -> "RecordFile":
        """The file's split: taken from ``cached`` (the last run's entry) when its content hash matches."""
        table = table_for(path)
        if cached and cached.get("hash") == digest and cached.get("table") == table:
            try:
                header = check_header(list(cached["header"]), table)  # the models may have changed since
                return cls(path, source, table, digest, header, dict(cached["groups"]), int(cached["rows"]),
                           dict(cached.get("owners", {})))
            except (KeyError, TypeError, ValueError):
                pass  # an entry that cannot be read: the file is read instead
        out = cls(path, source, table, digest, [], {}, 0)
        out._read(data)
        out.groups = {key: out._split.group_hash(key) for key in out._split.runs}  # type: ignore[union-attr]
        out.header = out._split.header  # type: ignore[union-attr]
        out.rows = sum(end - start for runs in out._split.runs.values() for start, end in runs)  # type: ignore[union-attr]
        if table == "projects":
            out.owners = out._owners()
        return out

    def _read(self, data: bytes | None = None) -> None:
        if data is None:
            data = self.path.read_bytes()
            if file_digest(data) != self.digest:
                raise RecordFileError("changed while being ingested; run the ingest again")
        split = None if self.path.suffix.lower() == ".xlsx" else _split_csv(data, self.table)
        self._split = split or _split_cells(self.path, self.table)
        self.reads += 1

    def _owners(self) -> dict[str, str]:
        assert self._split is not None
        header = self._split.header
        if "project_id" not in header:
            return {}
        pid, owner = header.index("project_id"), header.index("partner_id")
        rows = sorted(row for key in self._split.runs for row in self._split.rows(key))
        return {cells[pid].strip() if len(cells) > pid else "": cells[owner].strip() if len(cells) > owner else ""
                for _, cells in rows}

    def group_rows(self, key: str) -> list[Row]:
        """The rows of one group as cells, in file order (the file is read again if this run has not yet)."""
        if key not in self.groups:
            return []
        if self._split is None:
            self._read()
            if self._split.header != self.header or self._split.group_hash(key) != self.groups[key]:  # type: ignore[union-attr]
                raise RecordFileError("changed while being ingested; run the ingest again")
        return self._split.rows(key)  # type: ignore[union-attr]

    def release(self) -> None:
        """Let go of the file's lines (the rows a run needed have been taken)."""
        self._split = None

    def entry(self) -> dict:
        out = {"hash": self.digest, "table": self.table, "header": self.header, "rows": self.rows,
               "groups": self.groups}
        if self.table == "projects":
            out["owners"] = self.owners
        return out


def file_digest(data: bytes) -> str:
    """The content hash a records file is cached under (the same as the manifest's)."""
    return hashlib.sha256(data).hexdigest()


def read_cache(generation: Path | None) -> dict[str, dict]:
    """source -> the split of that records file as the generation recorded it ({} when there is none)."""
    if generation is None or not (generation / CACHE).exists():
        return {}
    try:
        cache = json.loads((generation / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # a cache is only a short cut: without it the files are read again
    return cache.get("files", {}) if cache.get("version") == CACHE_VERSION else {}


def write_cache(generation: Path, files: list[RecordFile]) -> None:
    """Write the splits into the new generation (aside, then renamed: a reader never sees half a file)."""
    tmp = generation / f"{CACHE}.tmp"
    with tmp.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"version": CACHE_VERSION, "files": {f.source: f.entry() for f in files}}))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, generation / CACHE)


__all__ = ["CACHE", "RecordFile", "file_digest", "read_cache", "write_cache"]
