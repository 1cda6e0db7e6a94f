"""The naive RAG a user would first build with the same stack, scored beside the system.

LangChain's Chroma vector store over the SAME Chroma collection and embedding
model as the built index, top-4 dense similarity, no hybrid search, no access
filter, no calculators: the answer is the top passage, the citations are the
four passages, the intent is unknown. Its leaks are reported too; that is the
point of running it. The system does not search partner record text (docs/scale.md), but a naive RAG embeds
every file it is given: the baseline's own in-memory copy of the collection gets the record chunks as well.
"""

from __future__ import annotations

import time
from typing import Any

from langchain_chroma import Chroma

from bot.config import Settings
from bot.store.embeddings import get_embeddings
from bot.store.layout import DataDir
from bot.store.vector import collection_name, open_client

K = 4


class NaiveRAG:
    """``answer(question)`` returns a payload in the ``carbonbot ask --json`` shape."""

    def __init__(self, client: Any, collection: str, model: str) -> None:
        self.store = Chroma(client=client, collection_name=collection, embedding_function=get_embeddings(model))

    @classmethod
    def from_settings(cls, settings: Settings, *, with_records: bool = True) -> "NaiveRAG":
        """The baseline over the live generation of ``settings.data_dir`` (embedded or Chroma server), with the
        record text a naive RAG would have embedded too unless ``with_records`` is false (a latency baseline)."""
        data = DataDir(settings.data_dir)
        generation = data.require_current()
        path = data.path(generation)
        client = open_client(settings.chroma_url, path)
        name = collection_name(settings.collection, generation)
        catalogue = path / "records.jsonl"
        if not with_records or not catalogue.exists():
            return cls(client, name, settings.embedding_model)
        import chromadb

        from bot.store.lexical import LexicalIndex

        source = client.get_collection(name)
        stored = source.get(include=["embeddings", "documents", "metadatas"])
        embedded = set(stored["ids"])
        records = [c for c in LexicalIndex.read(catalogue) if c.id not in embedded]
        memory = chromadb.EphemeralClient()
        copy_name = f"naive-{generation}"[:60]
        if copy_name in [c if isinstance(c, str) else c.name for c in memory.list_collections()]:
            memory.delete_collection(copy_name)  # a second eval in this process starts from a fresh copy
        copy = memory.create_collection(copy_name, metadata=source.metadata or None)
        if stored["ids"]:
            copy.add(ids=stored["ids"], embeddings=stored["embeddings"], documents=stored["documents"],
                     metadatas=stored["metadatas"])
        baseline = cls(memory, copy_name, settings.embedding_model)
        if records:
            baseline.store.add_texts([c.text for c in records], metadatas=[c.metadata() for c in records],
                                     ids=[c.id for c in records])
        return baseline

    def answer(self, question: str) -> dict[str, Any]:
        started = time.perf_counter()
        docs = self.store.similarity_search(question, k=K)
        citations = [{"n": i, "id": d.id or "", "source": d.metadata.get("source", ""),
                      "title": d.metadata.get("title", ""), "locator": d.metadata.get("locator", ""),
                      "quote": d.page_content} for i, d in enumerate(docs, 1)]
        return {
            "question": question,
            "status": "answered" if docs else "not_found",
            "intent": None,
            "answer": f"{docs[0].page_content} [1]" if docs else "",
            "citations": citations,
            "facts": {},
            "private": False,
            "latency_ms": round((time.perf_counter() - started) * 1000, 1),
        }
