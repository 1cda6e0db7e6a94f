"""A knowledge base on paper for composer tests: the real documents and records, chunked and loaded, no embeddings.

The record composer only looks clauses up by locator and reads the records, so these tests build in seconds
what the assistant's index holds, and run in the fast suite.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import SimpleNamespace

import pytest

from bot.calculators.params import Parameters
from bot.compose import records
from bot.models import Answer, Asker
from bot.store.index import Index
from bot.store.records import RecordStore, write_records
from bot.understand.mentions import mentions
from bot.understand.query import Query
from bot.understand.topics import topics_of
from ingest.loaders.records import load_records
from ingest.pipeline import _parse_document
from ingest.records_text import record_chunks
from tests.conftest import AS_OF, KNOWLEDGE, make_settings

STAFF = Asker(role="staff", display_name="staff")


class PaperIndex:
    """What :class:`bot.store.index.Index` offers the record composer, from the files alone."""

    by_locator = Index.by_locator

    def __init__(self, knowledge: Path, scratch: Path) -> None:
        chunks = []
        for path in sorted(knowledge.rglob("*.md")):
            rel = path.relative_to(knowledge)
            chunks += _parse_document(path, f"knowledge/{rel.as_posix()}", rel.parts[0])
        tables: dict = {}
        for path in sorted((knowledge / "partners").glob("*.csv")):
            loaded = load_records(path, path.name)
            tables.setdefault(loaded.table, []).extend(loaded.rows)
        self.chunks = chunks + record_chunks(tables, "knowledge")
        self.languages = frozenset(c.language for c in self.chunks)
        self.lexical = SimpleNamespace(chunks=self.chunks)  # all by_locator reads of the lexical index
        self.documents = [c for c in self.chunks if c.doc_type != "record"]  # what by_locator searches
        write_records(scratch / "records.sqlite", tables)
        self.records = RecordStore(scratch / "records.sqlite")
        self.path = scratch


@dataclass
class Composer:
    """Answers about a firm's records, composed straight from a question's text in either language."""

    index: PaperIndex
    params: Parameters
    settings: object

    def query(self, text: str, language: str, intent: str, scenario: str = "none", as_of: date = AS_OF) -> Query:
        found = mentions(text, as_of)
        return Query(text=text, language=language, intent=intent, confidence=1.0, own=True, scenario=scenario,
                     what_if=scenario != "none", mentions=found, topics=topics_of(text))

    def answer(self, pid: str, intent: str, text: str, language: str, scenario: str = "none",
               as_of: date = AS_OF) -> Answer | None:
        q = self.query(text, language, intent, scenario, as_of)
        ctx = records.Context(question=text, query=q, asker=STAFF, partner_id=pid, index=self.index,  # type: ignore[arg-type]
                              params=self.params, as_of=as_of, settings=self.settings, language=language)
        return records.compose(intent, ctx)


@pytest.fixture(scope="session")
def composer(tmp_path_factory) -> Composer:
    scratch = tmp_path_factory.mktemp("paper")
    index = PaperIndex(KNOWLEDGE, scratch)
    return Composer(index, Parameters.load(KNOWLEDGE / "program" / "parameters.yaml"),
                    make_settings(scratch / "data", as_of=AS_OF))
