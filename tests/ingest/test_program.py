"""A generated program of 30 firms: deterministic, ingested cleanly, answered right, re-ingested firm by firm."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import _register, app
from ingest.pipeline import Ingest
from ingest.program import AS_OF, write_program
from tests.conftest import KNOWLEDGE, make_settings

pytestmark = pytest.mark.slow
FIRMS = 30


def documents(tmp_path: Path) -> Path:
    """The rules and the calculators' parameters only: quick to embed, enough for record answers."""
    docs = tmp_path / "docs"
    (docs / "program").mkdir(parents=True)
    for name in ("rules.md", "parameters.yaml"):
        shutil.copy(KNOWLEDGE / "program" / name, docs / "program" / name)
    return docs


def read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def write(path: Path, rows: list[dict]) -> None:
    notice = path.read_text(encoding="utf-8").splitlines()[0]
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(notice + "\n")
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def owed(assistant, partner: str) -> int:
    answer = assistant.answer("how much do we still owe?", assistant.directory().partner(partner), as_of=AS_OF,
                              log=False)
    assert answer.status == "answered" and answer.intent == "repayment", answer.answer
    return answer.facts["outstanding_krw"]


def test_generation_is_deterministic_for_a_seed(tmp_path):
    docs = documents(tmp_path)
    runner = CliRunner()
    _register()
    args = ["generate", "--firms", str(FIRMS), "--seed", "11"]
    first = runner.invoke(app, [*args, "--out", str(tmp_path / "a")], env={"CARBONBOT_KNOWLEDGE_DIR": str(docs)})
    assert first.exit_code == 0, first.output
    assert f"{FIRMS} firms" in first.output
    runner.invoke(app, [*args, "--out", str(tmp_path / "b")], env={"CARBONBOT_KNOWLEDGE_DIR": str(docs)})
    write_program(tmp_path / "c", FIRMS, 12, docs)
    for name in ("firms", "projects", "reductions", "ledger", "users"):
        a = (tmp_path / "a" / "partners" / f"{name}.csv").read_bytes()
        assert a == (tmp_path / "b" / "partners" / f"{name}.csv").read_bytes(), name
    assert (tmp_path / "a" / "partners" / "firms.csv").read_bytes() != (tmp_path / "c" / "partners" / "firms.csv").read_bytes()
    firms = read(tmp_path / "a" / "partners" / "firms.csv")
    ledger = read(tmp_path / "a" / "partners" / "ledger.csv")
    assert len(firms) == FIRMS and {f["tier"] for f in firms} == {"1", "2"}
    assert 50 * FIRMS <= len(ledger) <= 150 * FIRMS  # about 100 rows a firm
    assert (tmp_path / "a" / "program" / "rules.md").exists()


def test_a_generated_program_ingests_answers_and_reingests_one_firm(tmp_path):
    from bot.assistant import Assistant

    kdir = tmp_path / "program"
    write_program(kdir, FIRMS, 5, documents(tmp_path))
    settings = make_settings(tmp_path / "data", kdir, as_of=AS_OF, index_records=False)
    first = Ingest(settings, kdir).run()
    assert not first.failed, [e for f in first.files for e in f.errors]
    assert first.firms_processed == FIRMS + 1  # the firms and the staff users

    # P-T1-001 is on schedule: it owes its support less what its ledger shows paid.
    partners = kdir / "partners"
    projects, ledger = read(partners / "projects.csv"), read(partners / "ledger.csv")
    support = sum(int(p["support_krw"]) for p in projects if p["partner_id"] == "P-T1-001")
    paid = sum(int(e["amount_krw"]) for e in ledger if e["partner_id"] == "P-T1-001")
    assert 0 < paid < support
    assistant = Assistant(settings)
    assert owed(assistant, "P-T1-001") == support - paid

    # One ledger row changes: only that firm is processed again, and the answer follows.
    row = next(e for e in ledger if e["partner_id"] == "P-T1-001")
    row["amount_krw"] = str(int(row["amount_krw"]) + 1_000)
    write(partners / "ledger.csv", ledger)
    second = Ingest(settings, kdir).run()
    assert not second.failed and second.switched
    assert (second.firms_processed, second.firms_unchanged, second.embedded) == (1, FIRMS, 0)
    assert owed(assistant, "P-T1-001") == support - paid - 1_000

    # A bad row: named by file, row and field; the firm keeps its last good records, the run exits non-zero.
    good_generation = second.generation
    row["amount_krw"] = "a lot"
    write(partners / "ledger.csv", ledger)
    third = Ingest(settings, kdir).run()
    assert third.failed and third.firms_kept == ["P-T1-001"] and third.firms_processed == 0
    errors = [e for f in third.files for e in f.errors]
    assert len(errors) == 1 and errors[0].startswith("program/partners/ledger.csv row 3, field amount_krw:"), errors
    assert "'a lot'" in errors[0]
    assert third.generation != good_generation
    assert owed(assistant, "P-T1-001") == support - paid - 1_000


def test_the_cli_reports_firms_processed(tmp_path):
    kdir = tmp_path / "program"
    write_program(kdir, 6, 3, documents(tmp_path))
    runner = CliRunner()
    _register()
    env = {"CARBONBOT_DATA_DIR": str(tmp_path / "data"), "CARBONBOT_INDEX_RECORDS": "false"}
    result = runner.invoke(app, ["ingest", str(kdir)], env=env)
    assert result.exit_code == 0, result.output
    assert "records: 7 firms processed, 0 unchanged, 0 removed" in result.output
    again = runner.invoke(app, ["ingest", str(kdir)], env=env)
    assert "records: 0 firms processed, 7 unchanged, 0 removed" in again.output
