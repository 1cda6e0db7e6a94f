"""Records re-ingested incrementally: the same store as a from-scratch ingest, and only changed firms parsed."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest
from openpyxl import Workbook

from bot.records.models import TABLES
from bot.store.layout import DataDir
from ingest.loaders.records import read_raw
from ingest.pipeline import Ingest
from ingest.program import AS_OF, write_program
from ingest.record_files import CACHE, RecordFile, file_digest
from tests.conftest import make_settings

FIRMS = 12
NAMES = ("firms", "projects", "reductions", "ledger", "users")


# -- the split agrees with read_raw, cell for cell and row number for row number --------------------------------

LEDGER = "entry_id,partner_id,paid_on,amount_krw,memo"
SHAPES = {
    "plain": f"# notice\n{LEDGER}\nL1,P-T1-001,2025-01-01,5,a\nL2,P-T1-002,2025-01-01,5,b\nL3,P-T1-001,2025-01-02,6,\n",
    "no final line end": f"{LEDGER}\nL1,P-T1-001,2025-01-01,5,a\nL2,P-T1-002,2025-01-01,5,b",
    "crlf and a quoted comma": f"# n\r\n{LEDGER}\r\nL1,P-T1-001,2025-01-01,5,a\r\nL2,P-T1-002,2025-01-01,5,\"b, c\"\r\n",
    "a cell over two lines": (f"{LEDGER}\nL1,P-T1-001,2025-01-01,5,\"two\nlines\"\nL2,\"P-T1-002\",2025-01-01,5,"
                              "\"say \"\"hi\"\"\"\n\n,,,,\nL3,P-T1-001,x,1,ok\n"),
    "crlf inside a quoted cell": f"{LEDGER}\r\nL1,P-T1-001,2025-01-01,5,\"two\r\nlines\"\r\nL2, P-T1-002 ,2025-01-01,5,z\r\n",
    "blank, short and long rows": (f"\n\n# c\n{LEDGER}\n\nL1,,2025-01-01,5,a\n , , \nL2,P-T1-002,2025-01-01,5,b,extra\n"
                                   "L3\nL4, P-T1-002,2025-01-01,5,b\n"),
    "byte order mark": "\ufeff" + f"{LEDGER}\nL1,P-T1-001,2025-01-01,5,a\n",
    "a quote inside a cell": f"{LEDGER}\nL1,P-T1-001,2025-01-01,5,ab\"c\nL2,P-T1-002,2025-01-01,5,d\n",
    "bare CR line ends": f"{LEDGER}\rL1,P-T1-001,2025-01-01,5,a\rL2,P-T1-002,2025-01-01,5,b\r",
}


def _split_rows(path: Path) -> tuple[RecordFile, list]:
    data = path.read_bytes()
    split = RecordFile.open(path, "x", data, file_digest(data), None)
    return split, sorted(row for key in split.groups for row in split.group_rows(key))


@pytest.mark.parametrize("shape", SHAPES)
def test_the_split_reads_each_row_as_read_raw_does(tmp_path, shape):
    path = tmp_path / "ledger.csv"
    path.write_bytes(SHAPES[shape].encode("utf-8"))
    raw = read_raw(path, "x")
    split, rows = _split_rows(path)
    long_rows = {int(e.split(" row ")[1].split(":")[0]) for e in raw.errors}  # read_raw drops them; the split
    assert split.header == raw.header  # keeps them in their firm's group, and validation reports them
    assert [r for r in rows if r[0] not in long_rows] == raw.rows
    assert {r[0] for r in rows} == {n for n, _ in raw.rows} | long_rows
    assert split.rows == len(rows)


def test_the_split_groups_rows_by_firm_and_reads_xlsx(tmp_path):
    book = Workbook()
    sheet = book.active
    for row in (LEDGER.split(","), ["L1", "P-T1-001", "2025-01-01", 5, None], ["L2", "P-T1-002", "2025-01-01", 5, "x"],
                ["L3", "P-T1-001", "2025-02-01", 7, None]):
        sheet.append(row)
    book.save(tmp_path / "ledger.xlsx")
    split, rows = _split_rows(tmp_path / "ledger.xlsx")
    assert rows == read_raw(tmp_path / "ledger.xlsx", "x").rows
    assert [n for n, _ in split.group_rows("P-T1-001")] == [2, 4]
    (tmp_path / "ledger.csv").write_text(SHAPES["blank, short and long rows"], encoding="utf-8")
    split, _ = _split_rows(tmp_path / "ledger.csv")
    assert set(split.groups) == {"", "P-T1-002"}  # " P-T1-002" and "P-T1-002" are one firm, as cells are stripped
    assert [n for n, _ in split.group_rows("P-T1-002")] == [8, 10]


# -- a generated program, changed a little at a time -----------------------------------------------------------

def read(path: Path) -> tuple[str, list[str], list[list[str]]]:
    """The notice line, the header and the rows of a generated CSV."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    rows = list(csv.reader(io.StringIO("".join(lines[1:]))))
    return lines[0], rows[0], rows[1:]


def write(path: Path, notice: str, header: list[str], rows: list[list[str]]) -> None:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(notice + out.getvalue(), encoding="utf-8")


def edit(kdir: Path, name: str, change) -> None:
    """Rewrite one partners table with ``change(header, rows) -> rows``."""
    notice, header, rows = read(kdir / "partners" / f"{name}.csv")
    write(kdir / "partners" / f"{name}.csv", notice, header, change(header, rows))


def drop_firm(kdir: Path, pid: str) -> None:
    """Every row of one firm, in every table."""
    _, header, projects = read(kdir / "partners" / "projects.csv")
    own = {r[header.index("project_id")] for r in projects if r[header.index("partner_id")] == pid}
    for name in NAMES:
        column = "project_id" if name == "reductions" else "partner_id"
        keep = (lambda v: v not in own) if name == "reductions" else (lambda v: v != pid)
        edit(kdir, name, lambda h, rows, c=column, k=keep: [r for r in rows if k(r[h.index(c)])])


def firm_rows(kdir: Path, pid: str) -> int:
    """How many rows one firm has across the tables."""
    _, header, projects = read(kdir / "partners" / "projects.csv")
    own = {r[header.index("project_id")] for r in projects if r[header.index("partner_id")] == pid}
    total = 0
    for name in NAMES:
        _, h, rows = read(kdir / "partners" / f"{name}.csv")
        if name == "reductions":
            total += sum(1 for r in rows if r[h.index("project_id")] in own)
        else:
            total += sum(1 for r in rows if r[h.index("partner_id")] == pid)
    return total


def snapshot(data: Path) -> dict:
    """What the live generation holds of the records: every table, the chunks, the catalogue, the firm states."""
    gen = DataDir(data).path(DataDir(data).require_current())
    con = sqlite3.connect(gen / "records.sqlite")
    try:
        tables = {t: sorted(map(repr, con.execute(f"SELECT * FROM {t}").fetchall())) for t in TABLES}
    finally:
        con.close()
    manifest = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    return {"tables": tables, "catalogue": (gen / "records.jsonl").read_text(encoding="utf-8"),
            "chunks": sorted((gen / "chunks.jsonl").read_text(encoding="utf-8").splitlines()),
            "firms": json.loads((gen / "firms.json").read_text(encoding="utf-8")),
            "files": json.loads((gen / CACHE).read_text(encoding="utf-8")),
            "manifest": {k: v for k, v in manifest.items() if k != "knowledge"}}


@pytest.fixture
def program(tmp_path) -> Path:
    kdir = tmp_path / "program"
    (tmp_path / "no-documents").mkdir()
    write_program(kdir, FIRMS, 7, tmp_path / "no-documents", ledger_rows=20)
    return kdir


def ingest(data: Path, kdir: Path, **overrides):
    return Ingest(make_settings(data, kdir, as_of=AS_OF, **overrides), kdir).run()


def same_as_from_scratch(tmp_path: Path, kdir: Path, data: Path, name: str, **overrides) -> None:
    scratch = ingest(tmp_path / f"scratch-{name}", kdir, **overrides)
    assert not scratch.failed, [e for f in scratch.files for e in f.errors]
    assert snapshot(data) == snapshot(tmp_path / f"scratch-{name}")


@pytest.mark.slow
def test_a_changed_row_an_added_firm_and_a_removed_firm_give_what_a_fresh_ingest_gives(tmp_path, program):
    data = tmp_path / "data"
    first = ingest(data, program, index_records=True)
    assert not first.failed and first.firms_processed == FIRMS + 1  # the firms and the staff users

    # One ledger row of P-T1-002 changes: only its rows are parsed again.
    def more(header, rows):
        row = next(r for r in rows if r[1] == "P-T1-002")
        row[3] = str(int(row[3]) + 1_000)
        return rows
    edit(program, "ledger", more)
    changed = ingest(data, program, index_records=True)
    assert not changed.failed and (changed.firms_processed, changed.firms_unchanged) == (1, FIRMS)
    assert changed.records_rows_parsed == firm_rows(program, "P-T1-002")
    same_as_from_scratch(tmp_path, program, data, "changed", index_records=True)

    # A firm is added: a tier-1 firm like P-T1-001, with its own project, reductions, ledger and a user.
    def copy_of(pid: str, name: str, column: str):
        def change(header, rows):
            new = [list(r) for r in rows if r[header.index(column)] == pid]
            for r in new:
                for i, cell in enumerate(r):
                    r[i] = cell.replace("T1-001", "T1-900").replace("Co., Ltd.", "Industries")
                if name == "users":
                    r[0] = "U" + r[0][1:][::-1]
            return rows + new
        return change
    _, header, projects = read(program / "partners" / "projects.csv")
    own = [r[0] for r in projects if r[1] == "P-T1-001"]
    for name in NAMES:
        if name == "reductions":
            edit(program, name, lambda h, rows: rows + [[c.replace("T1-001", "T1-900") for c in r] for r in rows
                                                        if r[0] in own])
        else:
            edit(program, name, copy_of("P-T1-001", name, "partner_id"))
    added = ingest(data, program, index_records=True)
    assert not added.failed, [e for f in added.files for e in f.errors]
    assert (added.firms_processed, added.firms_unchanged) == (1, FIRMS + 1)
    same_as_from_scratch(tmp_path, program, data, "added", index_records=True)

    # A tier-2 firm (no children of its own) is removed, row by row from every table.
    _, header, firms = read(program / "partners" / "firms.csv")
    leaf = next(r[0] for r in firms if r[2] == "2")
    drop_firm(program, leaf)
    removed = ingest(data, program, index_records=True)
    assert not removed.failed and (removed.firms_processed, removed.firms_removed) == (0, 1)
    assert removed.records_rows_parsed == 0
    same_as_from_scratch(tmp_path, program, data, "removed", index_records=True)


@pytest.mark.slow
def test_an_unchanged_second_ingest_parses_no_row(tmp_path, program):
    data = tmp_path / "data"
    first = ingest(data, program)
    assert first.records_files_read == 5 and first.records_rows_parsed > 0
    again = ingest(data, program)
    assert (again.firms_processed, again.records_files_read, again.records_rows_parsed) == (0, 0, 0)
    assert again.generation == first.generation
    # A run that builds a new generation for another reason still reads no records file.
    (program / "notes.gif").write_bytes(b"GIF89a")
    other = ingest(data, program)
    assert other.failed and other.generation != first.generation
    assert (other.firms_processed, other.records_files_read, other.records_rows_parsed) == (0, 0, 0)
    assert snapshot(data)["tables"] == snapshot(tmp_path / "data")["tables"]


@pytest.mark.slow
def test_a_lost_or_broken_cache_only_costs_a_full_read(tmp_path, program):
    data = tmp_path / "data"
    ingest(data, program)
    gen = DataDir(data).path(DataDir(data).require_current())
    (gen / CACHE).write_text("{not json", encoding="utf-8")
    edit(program, "ledger", lambda h, rows: rows[1:])  # one ledger row fewer
    report = ingest(data, program)
    assert not report.failed and report.records_files_read == 5
    assert report.firms_processed == 1  # the firm states still say which firms changed
    same_as_from_scratch(tmp_path, program, data, "lost")


@pytest.mark.slow
def test_removing_a_tier1_firm_names_its_unchanged_tier2_children(tmp_path, program):
    data = tmp_path / "data"
    ingest(data, program)
    _, header, firms = read(program / "partners" / "firms.csv")
    parent_of = {r[0]: r[header.index("parent_id")] for r in firms}
    parent = next(p for p in parent_of.values() if p)
    children = sorted(c for c, p in parent_of.items() if p == parent)
    drop_firm(program, parent)
    report = ingest(data, program)
    errors = [e for f in report.files for e in f.errors]
    numbers = {r[0]: n for n, r in enumerate(read(program / "partners" / "firms.csv")[2], 3)}
    assert errors == [f"program/partners/firms.csv row {numbers[c]}, field parent_id: no firms row with partner_id "
                      f"{parent!r}" for c in children]
    assert report.failed and report.firms_removed == 1 and report.firms_kept == children
    scratch = ingest(tmp_path / "scratch", program)
    assert [e for f in scratch.files for e in f.errors] == errors  # a fresh ingest names the same rows
    tables = snapshot(data)["tables"]
    assert not any(row.startswith(f"({parent!r},") for row in tables["firms"])
    assert all(any(row.startswith(f"({c!r},") for row in tables["firms"]) for c in children)  # last good kept
    # The next run names them again, though nothing changed; once they name a parent that exists, they are clean.
    again = ingest(data, program)
    assert again.failed and again.firms_kept == children
    other = next(p for p, parent_id in parent_of.items() if p != parent and not parent_id)
    edit(program, "firms", lambda h, rows: [[other if c == parent else c for c in r] for r in rows])
    fixed = ingest(data, program)
    assert not fixed.failed and fixed.firms_processed == len(children)
    same_as_from_scratch(tmp_path, program, data, "fixed")


@pytest.mark.slow
def test_a_changed_firm_taking_another_firms_ledger_entry_id_is_refused(tmp_path, program):
    data = tmp_path / "data"
    ingest(data, program)
    _, _, ledger = read(program / "partners" / "ledger.csv")
    taken = next(r[0] for r in ledger if r[1] == "P-T1-001")

    def clash(header, rows):
        row = next(r for r in rows if r[1] == "P-T1-002")
        row[0] = taken
        return rows
    edit(program, "ledger", clash)
    number = next(n for n, r in enumerate(read(program / "partners" / "ledger.csv")[2], 3) if r[0] == taken
                  and r[1] == "P-T1-002")
    report = ingest(data, program)
    errors = [e for f in report.files for e in f.errors]
    assert errors == [f"program/partners/ledger.csv row {number}: duplicate entry_id {taken!r}"]
    assert report.firms_kept == ["P-T1-002"] and report.firms_processed == 0


@pytest.mark.slow
def test_a_changed_firm_taking_a_key_a_kept_firms_old_rows_hold_is_refused(tmp_path, program):
    """P-T1-001 moves a ledger entry_id away but has a bad row, so its last good records (with that entry_id)
    stay; P-T1-002 takes the entry_id in the same run: a duplicate, and P-T1-002 keeps its last good records."""
    data = tmp_path / "data"
    ingest(data, program)
    _, _, ledger = read(program / "partners" / "ledger.csv")
    taken = next(r[0] for r in ledger if r[1] == "P-T1-001")
    before = snapshot(data)["tables"]

    def clash(header, rows):
        kept = next(r for r in rows if r[0] == taken)
        kept[0], kept[header.index("amount_krw")] = "L-MOVED-AWAY", "a lot"
        next(r for r in rows if r[1] == "P-T1-002")[0] = taken
        return rows
    edit(program, "ledger", clash)
    rows = read(program / "partners" / "ledger.csv")[2]
    bad = next(n for n, r in enumerate(rows, 3) if r[0] == "L-MOVED-AWAY")
    number = next(n for n, r in enumerate(rows, 3) if r[0] == taken)
    report = ingest(data, program)
    errors = [e for f in report.files for e in f.errors]
    assert len(errors) == 2, errors
    assert errors[0].startswith(f"program/partners/ledger.csv row {bad}, field amount_krw: ")
    assert errors[1] == f"program/partners/ledger.csv row {number}: duplicate entry_id {taken!r}"
    assert report.failed and report.firms_kept == ["P-T1-001", "P-T1-002"] and report.firms_processed == 0
    assert snapshot(data)["tables"] == before  # both firms' last good records, and no entry_id twice
