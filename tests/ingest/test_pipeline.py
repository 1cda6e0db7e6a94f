"""Ingest with real components: the real embedding model, real Chroma, real SQLite."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.models import Asker
from bot.store.index import Index
from bot.store.layout import DataDir
from ingest.pipeline import Ingest
from tests.conftest import KNOWLEDGE, make_settings

pytestmark = pytest.mark.slow


def open_index(data: Path) -> Index:
    settings = make_settings(data)
    gen = DataDir(data).require_current()
    return Index(settings, gen, DataDir(data).path(gen))


def small_knowledge(tmp_path: Path) -> Path:
    """Rules and the Act digest only: quick to embed, still the real documents."""
    kdir = tmp_path / "knowledge"
    (kdir / "program").mkdir(parents=True)
    (kdir / "law").mkdir()
    shutil.copy(KNOWLEDGE / "program" / "rules.md", kdir / "program" / "rules.md")
    shutil.copy(KNOWLEDGE / "law" / "ets-act.md", kdir / "law" / "ets-act.md")
    return kdir


def test_real_knowledge_lands_in_chroma_bm25_and_sqlite(built_data):
    index = open_index(built_data)
    chunks = index.chunks
    searched = index.lexical.chunks  # record text is kept for citations, not searched (docs/scale.md)
    assert index.vector_count() == len(searched) > 100 and not any(c.doc_type == "record" for c in searched)
    # Each language's chunks sit in that language's collection, embedded by that language's model.
    assert set(index.vector_stores) == {"en", "ko"}
    for lang, store in index.vector_stores.items():
        assert store.count() == sum(c.language == lang for c in searched) > 50, lang
    locators = {c.locator for c in chunks}
    assert {"§3.1", "§7.2", "§7.4", "§10.4", "Art. 29", "Art. 30", "FAQ-01"} <= locators
    rules = [c for c in chunks if c.locator == "§7.2" and c.language == "en"]
    assert rules[0].source == "knowledge/program/rules.md" and rules[0].doc_type == "rules"
    assert rules[0].title == "Program Rules" and "§7" in rules[0].heading
    records = [c for c in chunks if c.doc_type == "record"]
    assert records and all(c.visibility == "restricted" and c.partner_id for c in records)
    assert any(c.locator == "Partner record P-T1-001" for c in records)
    counts = index.records.counts()
    assert counts["firms"] >= 207 and counts["projects"] > 150 and counts["ledger"] > 50 and counts["users"] > 100
    firm = index.records.firm("P-T1-001")
    assert firm is not None and firm.tier == 1
    # Dense search with the access filter never returns another firm's record.
    vec = __import__("bot.store.embeddings", fromlist=["x"]).get_embeddings().embed_query("repayments received ledger")
    from bot.store.vector import access_where

    got = index.vectors.query(vec, 20, access_where(Asker(role="partner", partner_id="P-T1-001")))
    assert got and all(c.visibility == "public" or c.partner_id == "P-T1-001" for c, _ in got)
    lexical = index.lexical.search("repayments received ledger", 20, Asker.guest())
    assert lexical and all(c.visibility == "public" for c, _ in lexical)


def test_chunk_ids_are_stable_across_runs(built_data, tmp_path):
    again = tmp_path / "again"
    Ingest(make_settings(again), KNOWLEDGE).run()
    first = {c.id for c in open_index(built_data).chunks}
    second = {c.id for c in open_index(again).chunks}
    assert first == second


def test_incremental_runs_skip_unchanged_and_apply_edits_deletes_adds(tmp_path):
    kdir = small_knowledge(tmp_path)
    settings = make_settings(tmp_path / "data", kdir)
    first = Ingest(settings, kdir).run()
    assert first.switched and first.counts()["added"] == 2 and first.embedded == first.total_chunks

    again = Ingest(settings, kdir).run()
    assert not again.switched and again.generation == first.generation
    assert again.counts()["unchanged"] == 2 and again.embedded == 0

    rules = kdir / "program" / "rules.md"
    rules.write_text(rules.read_text(encoding="utf-8").replace("no interest", "no interest at all"), encoding="utf-8")
    (kdir / "law" / "ets-act.md").unlink()
    (kdir / "notes.txt").write_text("The program desk is open on weekdays.\n\nIt closes at six.", encoding="utf-8")
    third = Ingest(settings, kdir).run()
    actions = {f.path: f.action for f in third.files}
    assert actions == {"knowledge/program/rules.md": "updated", "knowledge/law/ets-act.md": "removed",
                       "knowledge/notes.txt": "added"}
    assert 0 < third.embedded <= 4  # the edited clause and the new paragraphs only
    index = open_index(settings.data_dir)
    assert not [c for c in index.chunks if c.source.endswith("ets-act.md")]
    assert any("no interest at all" in c.text for c in index.chunks)
    assert index.vector_count() == len(index.chunks)
    # Old generations are pruned down to the live one and its predecessor.
    assert len(list(DataDir(settings.data_dir).generations.iterdir())) == 2


def test_long_clauses_are_split_between_sentences_only(tmp_path):
    kdir = tmp_path / "knowledge"
    (kdir / "program").mkdir(parents=True)
    sentence = "A partner must keep every monitoring record for five years after installation. "
    (kdir / "program" / "long.md").write_text(f"# Long Rules\n\n## §1 Purpose\n\n### §1.1 Records\n\n{sentence * 40}\n",
                                             encoding="utf-8")
    Ingest(make_settings(tmp_path / "data", kdir), kdir).run()
    parts = [c for c in open_index(tmp_path / "data").chunks if c.locator == "§1.1"]
    assert len(parts) > 1
    assert all(p.text.endswith("installation.") and p.text.startswith("A partner") for p in parts)


def test_manifest_records_embedding_model_and_files(tmp_path):
    kdir = small_knowledge(tmp_path)
    settings = make_settings(tmp_path / "data", kdir)
    report = Ingest(settings, kdir).run()
    manifest = json.loads((DataDir(settings.data_dir).path(report.generation) / "manifest.json").read_text())
    assert manifest["embedding_model"] == settings.embedding_model
    assert set(manifest["files"]) == {"program/rules.md", "law/ets-act.md"}
