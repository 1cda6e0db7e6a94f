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
        self.vectors = VectorStore(open_client(settings.chroma_url, path), collection_name(settings.collection, generation))
        self.lexical = LexicalIndex.load(path / "chunks.jsonl")
        self.records = RecordStore(path / "records.sqlite")

    @property
    def chunks(self) -> list[Chunk]:
        return self.lexical.chunks

    def by_locator(self, locator: str, source_prefix: str | None = None) -> list[Chunk]:
        """Public document chunks with exactly this locator (e.g. "§7.2"), in document order."""
        return [
            c for c in self.lexical.chunks
            if c.locator == locator and c.doc_type != "record"
            and (source_prefix is None or c.source.startswith(source_prefix))
        ]

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
