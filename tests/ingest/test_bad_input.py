"""Bad input gets one clear line naming file, row and field; the good rest is still ingested."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import _register, app
from bot.store.layout import DataDir
from ingest.pipeline import Ingest
from tests.conftest import KNOWLEDGE, ROOT, make_settings
from tests.ingest.test_pipeline import open_index, small_knowledge

pytestmark = pytest.mark.slow
_register()

FIRMS_HEADER = ("partner_id,name,tier,parent_id,size_class,group_affiliate,hmg_contract,agreement_signed,"
                "inside_allocated_entity,email_domain,excluded_until,exclusion_reason")


def write_firms(kdir: Path, rows: list[str], header: str = FIRMS_HEADER) -> Path:
    (kdir / "partners").mkdir(exist_ok=True)
    path = kdir / "partners" / "firms.csv"
    path.write_text("# Fictional sample data.\n" + header + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


GOOD_FIRM = "P-T1-001,Alpha Gear Works,1,,sme,no,active,yes,no,alpha.example,,"


def test_bad_files_each_give_one_line_and_do_not_stop_the_others(tmp_path):
    kdir = small_knowledge(tmp_path)
    (kdir / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (kdir / "empty.md").write_text("", encoding="utf-8")
    (kdir / "picture.gif").write_bytes(b"GIF89a")
    (kdir / "partners").mkdir()
    (kdir / "partners" / "ledger.csv").write_text("# Fictional.\nentry_id,partner_id,paid_on\nL1,P-T1-001,2025-01-01\n")
    write_firms(kdir, [GOOD_FIRM, "P-T1-002,Beta Castings,3,,sme,no,active,yes,no,beta.example,,"])

    result = CliRunner().invoke(app, ["ingest", str(kdir)], env={"CARBONBOT_DATA_DIR": str(tmp_path / "data")})
    assert result.exit_code == 1, result.output
    out = " ".join(result.output.split())
    assert "knowledge/broken.pdf: not a readable PDF" in out
    assert "knowledge/empty.md: no text to index (empty file)" in out
    assert "knowledge/picture.gif: unsupported file type .gif" in out
    assert "knowledge/partners/ledger.csv: missing column(s) amount_krw in the header" in out
    assert "knowledge/partners/firms.csv row 4, field tier" in out and "got '3'" in out
    index = open_index(tmp_path / "data")
    assert any(c.locator == "§7.2" for c in index.chunks)  # the good documents are in
    assert index.records.firm("P-T1-001") is not None  # the good row is in
    assert index.records.firm("P-T1-002") is None  # the bad row is not


def test_reference_and_duplicate_errors_name_the_row(tmp_path):
    kdir = tmp_path / "knowledge"
    kdir.mkdir()
    write_firms(kdir, [GOOD_FIRM, GOOD_FIRM.replace("Alpha Gear Works", "Alpha Copy"),
                       "P-T2-001,Gamma Springs,2,P-T1-999,sme,no,none,yes,no,gamma.example,,"])
    report = Ingest(make_settings(tmp_path / "data", kdir), kdir).run()
    errors = [e for f in report.files for e in f.errors]
    assert "knowledge/partners/firms.csv row 4: duplicate partner_id 'P-T1-001'" in errors
    assert "knowledge/partners/firms.csv row 5, field parent_id: no firms row with partner_id 'P-T1-999'" in errors
    assert report.failed


def test_a_failed_file_keeps_its_last_good_version(tmp_path):
    kdir = small_knowledge(tmp_path)
    write_firms(kdir, [GOOD_FIRM])
    settings = make_settings(tmp_path / "data", kdir)
    Ingest(settings, kdir).run()
    write_firms(kdir, [GOOD_FIRM], header=FIRMS_HEADER.replace("size_class,", ""))
    (kdir / "program" / "rules.md").write_bytes(b"\xff\xfe broken encoding")
    report = Ingest(settings, kdir).run()
    assert report.failed and {f.action for f in report.files if "rules" in f.path or "firms" in f.path} == {"failed"}
    index = open_index(settings.data_dir)
    assert any(c.locator == "§7.2" for c in index.chunks)
    assert index.records.firm("P-T1-001") is not None


def test_interrupted_run_leaves_previous_index_answering(tmp_path):
    kdir = small_knowledge(tmp_path)
    data = tmp_path / "data"
    settings = make_settings(data, kdir)
    first = Ingest(settings, kdir).run()
    # A big change forces a long embedding run, which is killed part-way.
    extra = kdir / "faq"
    shutil.copytree(KNOWLEDGE / "faq", extra)
    env = {**os.environ, "CARBONBOT_DATA_DIR": str(data), "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "ingest", str(kdir)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    gens = DataDir(data).generations
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(gens.iterdir())) < 2:
        time.sleep(0.05)
    assert len(list(gens.iterdir())) == 2, "the second run never started a new generation"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert DataDir(data).current() == first.generation
    index = open_index(data)
    assert any(c.locator == "§7.4" for c in index.chunks)
    from bot.store.embeddings import get_embeddings

    hits = index.vectors.query(get_embeddings().embed_query("late installment notice"), 3, None)
    assert hits and index.vector_count() == len(index.chunks)
    # The next run cleans up the half-built generation and completes.
    report = Ingest(settings, kdir).run()
    assert report.switched and len(list(gens.iterdir())) == 2
