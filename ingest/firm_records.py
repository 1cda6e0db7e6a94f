"""Partner records, ingested firm by firm: only firms whose rows changed are parsed, validated and re-chunked.

Every row belongs to one firm (reductions through their project). Each records file is split by firm on its
raw bytes and each firm's group of rows hashed (``ingest.record_files``; an unchanged file's split is cached,
so it costs only hashing its bytes). A firm's hash covers its groups in every file; it is stored with the
generation (``firms.json``) together with the keys its rows refer to (a tier-2 firm's parent). On the next run
a firm with the same hash, whose references all still exist, costs nothing: its rows stay in the records
database, which is copied from the previous generation, and its record chunks are carried over from the
catalogue (``records.jsonl``). A changed firm's rows, and only those, are parsed into cells, validated
(``ingest.validate``), replaced in the database and re-chunked; a firm whose rows fail keeps its last good
records, each bad field is reported by file, row and field, and the firm is validated again on the next run.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from bot.models import Chunk
from bot.records.models import TABLES, Record
from bot.store.records import _sql_value, write_records
from ingest.record_files import RecordFile, write_cache
from ingest.records_text import record_chunks
from ingest.validate import STAFF, RawRow, duplicate_message, duplicates_in_run, duplicates_stored, validate_firm

FIRM_HASHES = "firms.json"
CATALOGUE = "records.jsonl"  # every record chunk, by firm: what record citations point at
ORDER = {table: i for i, table in enumerate(TABLES)}


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
    rows_parsed: int = 0  # rows read into cells and validated in this run
    files_read: int = 0  # records files read and split in this run (an unchanged file is only hashed)

    @property
    def chunks(self) -> list[Chunk]:
        """The record chunks of the catalogue (parsed: only needed when record text is searched too)."""
        return _read_catalogue(self.catalogue, None) if self.catalogue else []


@dataclass
class _Firms:
    """Which groups of which files make up each firm, and the keys other rows may refer to."""

    members: dict[str, list[tuple[int, str]]]  # firm -> [(file index, split key)]
    digests: dict[str, str]  # firm -> hash of its groups' hashes
    keys: dict[str, set[str]]  # "firms" -> partner ids, "projects" -> project ids, as the files have them


def _firms(files: list[RecordFile]) -> _Firms:
    owners: dict[str, str] = {}
    keys: dict[str, set[str]] = {"firms": set(), "projects": set()}
    for f in files:
        if f.table == "projects":
            owners.update(f.owners)
        elif f.table == "firms":
            keys["firms"].update(f.groups)
    keys["projects"] = set(owners)
    members: dict[str, list[tuple[int, str]]] = {}
    for i, f in enumerate(files):
        for key in f.groups:
            # reductions belong to their project's firm; the rest name the firm (no firm: staff users)
            firm = owners.get(key, f"?{key}") if f.table == "reductions" else key or STAFF
            members.setdefault(firm, []).append((i, key))
    digests = {}
    for firm, groups in members.items():
        parts = sorted((ORDER[files[i].table], files[i].source, key, files[i].groups[key]) for i, key in groups)
        digests[firm] = hashlib.sha256(repr(parts).encode()).hexdigest()[:24]
    return _Firms(members, digests, keys)


def _read_states(path: Path) -> dict[str, dict]:
    """firm -> {"hash", "refs", "retry"} as the previous generation left it (an older format counts as changed)."""
    if not path.exists():
        return {}
    states = json.loads(path.read_text(encoding="utf-8"))
    # the earlier format kept a hash of the cells: never equal to a hash now, and its firm had clean records
    return {pid: s if isinstance(s, dict) else {"hash": s, "refs": {}} for pid, s in states.items()}


def _unchanged(state: dict | None, digest: str, keys: dict[str, set[str]]) -> bool:
    """Same rows as when last validated cleanly, and every row they refer to (a tier-1 parent…) still there."""
    return (state is not None and not state.get("retry") and state.get("hash") == digest
            and all(value in keys[table] for table, values in state.get("refs", {}).items() for value in values))


def _rows_of(firm: str, found: _Firms, files: list[RecordFile]) -> list[RawRow]:
    """A firm's rows in every table, in table order and then file order."""
    rows: list[tuple[int, int, int, RawRow]] = []
    for i, key in found.members[firm]:
        f = files[i]
        rows += [(ORDER[f.table], i, number, (f.table, f.source, number, cells)) for number, cells in f.group_rows(key)]
    return [row for *_, row in sorted(rows, key=lambda r: r[:3])]


def update_records(files: list[RecordFile], path: Path, prev: Path | None, root: str,
                   keep_all: bool = False) -> FirmsUpdate:
    """Write the records database, firm states, record catalogue and file splits of the generation at ``path``.

    ``prev`` is the previous generation's folder (None on a first run); with ``keep_all`` (a records file
    could not be read at all) every firm keeps what the previous generation had.
    """
    update = FirmsUpdate()
    old: dict[str, dict] = {}
    if prev is not None and (prev / FIRM_HASHES).exists() and (prev / "records.sqlite").exists():
        old = _read_states(prev / FIRM_HASHES)
    else:
        prev = None
    if keep_all and prev is not None:
        for name in ("records.sqlite", FIRM_HASHES, CATALOGUE):
            shutil.copyfile(prev / name, path / name)
        write_cache(path, files)
        update.unchanged = len(old)
        update.catalogue = path / CATALOGUE
        update.rows = _counts(path / "records.sqlite")
        update.files_read = sum(1 for f in files if f.reads)
        return update

    found = _firms(files)
    todo = [pid for pid in sorted(found.members) if not _unchanged(old.get(pid), found.digests[pid], found.keys)]
    update.unchanged = len(found.members) - len(todo)
    update.removed = sorted(set(old) - set(found.members))
    rows = {pid: _rows_of(pid, found, files) for pid in todo}
    for f in files:
        f.release()  # a first run holds every row as cells now; the lines need not stay as well
    update.rows_parsed = sum(len(r) for r in rows.values())
    headers = {f.source: f.header for f in files}
    duplicates = duplicates_in_run(rows, [(f.source, f.header) for f in files])

    validated = {pid: validate_firm(rows[pid], headers, found.keys, duplicates) for pid in todo}
    # Keys that rows staying in the database already hold: the firms not validated now, and the changed firms
    # that keep their last good records (a bad row). A firm refused for such a duplicate keeps its own as well,
    # so the check runs again until no more firm keeps its old rows.
    replaced = set(todo) | set(update.removed)
    while prev is not None and validated:
        checking = {pid: c for pid, c in validated.items() if pid in replaced}  # a kept firm's rows are not written
        stored = duplicates_stored(prev / "records.sqlite", {pid: c.good for pid, c in checking.items()}, replaced)
        for checked in checking.values():
            for table, models in checked.good.items():
                checked.errors += [(checked.lines[id(m)][1], duplicate_message(checked.lines[id(m)], headers))
                                   for m in models if id(m) in stored]
                checked.good[table] = [m for m in models if id(m) not in stored]
        keeping = {pid for pid, checked in validated.items()
                   if checked.errors and old.get(pid) is not None and old[pid].get("hash")}
        if not keeping & replaced:
            break
        replaced -= keeping

    states: dict[str, dict] = {pid: old[pid] for pid in found.members if pid not in validated and pid in old}
    changed: dict[str, dict[str, list[Record]]] = {}
    for pid in todo:
        checked = validated[pid]
        for source, message in sorted(checked.errors, key=lambda e: (e[0], _row_number(e[1]))):
            update.errors.setdefault(source, []).append(message)
        state = old.get(pid)
        if checked.errors and state is not None and state.get("hash"):
            states[pid] = {**state, "retry": True}  # the last good records stay; tried again next run
            update.kept.append(pid)
            continue
        # clean: remembered by its hash; with a bad row (and nothing clean before): its good rows, tried again
        states[pid] = ({"hash": found.digests[pid], "refs": checked.refs} if not checked.errors
                       else {"hash": None, "retry": True})
        changed[pid] = checked.good
        update.processed.append(pid)

    db = path / "records.sqlite"
    if prev is None or set(old) <= set(changed) | set(update.removed):  # nothing to carry over
        write_records(db, _tables_of(changed))
    else:
        shutil.copyfile(prev / "records.sqlite", db)
        _replace_firms(db, set(changed) | set(update.removed), changed)
    (path / FIRM_HASHES).write_text(json.dumps(states, sort_keys=True), encoding="utf-8")
    write_cache(path, files)

    # Record chunks: rebuilt for the firms processed, carried over (as text, unparsed) for the rest.
    fresh = record_chunks(_tables_of(changed), root)
    drop = set(changed) | set(update.removed)
    carried = _carried_lines(prev / CATALOGUE, drop) if prev is not None and (prev / CATALOGUE).exists() else []
    lines = sorted([((c.partner_id or "", c.locator), c.model_dump_json() + "\n") for c in fresh] + carried)
    with (path / CATALOGUE).open("w", encoding="utf-8") as fh:
        fh.writelines(line for _, line in lines)
    update.catalogue = path / CATALOGUE
    update.rows = _counts(db)
    update.files_read = sum(1 for f in files if f.reads)
    return update


def _row_number(message: str) -> int:
    """The row a message names, so a firm's messages read in file order."""
    head = message.split(" row ", 1)[1] if " row " in message else ""
    digits = "".join(itertools.takewhile(str.isdigit, head))
    return int(digits) if digits else 0


def _tables_of(changed: dict[str, dict[str, list[Record]]]) -> dict[str, list[Record]]:
    """The processed firms' rows as whole tables, for chunking (a firm's chunk needs its projects and ledger)."""
    out: dict[str, list[Record]] = {}
    for good in changed.values():
        for table, rows in good.items():
            out.setdefault(table, []).extend(rows)
    return out


_FIELD = {name: re.compile(rf'"{name}":("(?:[^"\\]|\\.)*"|null)') for name in ("partner_id", "locator")}


def _carried_lines(path: Path, drop: set[str]) -> list[tuple[tuple[str, str], str]]:
    """((firm, locator), line) of each catalogue line whose firm is not in ``drop``, without parsing the chunk.

    Only the two fields are read out of each line (a JSON string cannot hold an unescaped quote, so the field
    name cannot appear inside another field's text).
    """
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                firm, locator = (_field(line, name) for name in ("partner_id", "locator"))
                if firm not in drop:
                    out.append(((firm or "", locator or ""), line))
    return out


def _field(line: str, name: str) -> str | None:
    found = _FIELD[name].search(line)
    return json.loads(found.group(1)) if found else None


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
