"""The live index: one generation's vector store, lexical index and records, opened once.

``Index.current()`` follows the data dir's CURRENT pointer and reopens when an
ingest switches generations, so a long-running bot picks up new documents
without a restart.
"""

from __future__ import annotations

import threading
from pathlib import Path

from bot.config import Settings
from bot.models import Chunk
from bot.store.layout import DataDir
from bot.store.lexical import LexicalIndex
from bot.store.records import RecordStore
from bot.store.vector import VectorStore, collection_name, open_client


class Index:
    def __init__(self, settings: Settings, generation: str, path: Path) -> None:
        self.settings = settings
        self.generation = generation
        self.path = path
        client = open_client(settings.chroma_url, path)
        self.lexical = LexicalIndex.load(path / "chunks.jsonl")
        # Record chunks kept out of search (CARBONBOT_INDEX_RECORDS=false): only what record citations point at.
        catalogue = path / "records.jsonl"
        self.record_chunks = ([c for c in LexicalIndex.read(catalogue) if c.id not in self.lexical.by_id]
                              if catalogue.exists() else [])
        self._chunks = self.lexical.chunks + self.record_chunks
        # cited record chunks are looked up by id for the second access check, searched or not
        self.lexical.by_id.update((c.id, c) for c in self.record_chunks)
        self.documents = [c for c in self.lexical.chunks if c.doc_type != "record"]
        # One vector store per language of the knowledge base, each embedded by that language's model.
        self.vector_stores = {lang: VectorStore(client, collection_name(settings.collection, generation, lang))
                              for lang in sorted(self.lexical.languages | {"en"})}
        self.vectors = self.vector_stores["en"]
        self.records = RecordStore(path / "records.sqlite")

    @property
    def chunks(self) -> list[Chunk]:
        """Every chunk of the generation: the searched ones, then the record catalogue."""
        return self._chunks

    def vector_count(self) -> int:
        """Chunks embedded across every language's collection: the searched chunks (``lexical.chunks``)."""
        return sum(store.count() for store in self.vector_stores.values())

    @property
    def languages(self) -> frozenset[str]:
        """The languages the documents are written in."""
        return self.lexical.languages

    def by_locator(self, locator: str, source_prefix: str | None = None, language: str = "en") -> list[Chunk]:
        """Public document chunks with exactly this locator (e.g. "§7.2"), in document order, in ``language``
        (or in English when the clause has no text in that language)."""
        found = [
            c for c in self.documents
            if c.locator == locator
            and (source_prefix is None or c.source.startswith(source_prefix))
        ]
        return [c for c in found if c.language == language] or [c for c in found if c.language == "en"]

    def close(self) -> None:
        self.records.close()


class IndexHandle:
    """Thread-safe access to the current generation, reloaded when CURRENT changes."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.data = DataDir(settings.data_dir)
        self._lock = threading.Lock()
        self._index: Index | None = None
        self._stamp: float | None = None

    def get(self) -> Index:
        stamp = self.data.stamp()
        if self._index is not None and stamp == self._stamp:
            return self._index
        with self._lock:
            if self._index is None or stamp != self._stamp:
                gen = self.data.require_current()
                self._index = Index(self.settings, gen, self.data.path(gen))
                self._stamp = stamp
        return self._index
