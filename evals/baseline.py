"""The naive RAG a user would first build with the same stack, scored beside the system.

LangChain's Chroma vector store over the SAME Chroma collection and embedding
model as the built index, top-4 dense similarity, no hybrid search, no access
filter, no calculators: the answer is the top passage, the citations are the
four passages, the intent is unknown. Its leaks are reported too; that is the
point of running it.
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
    def from_settings(cls, settings: Settings) -> "NaiveRAG":
        """The baseline over the live generation of ``settings.data_dir`` (embedded or Chroma server)."""
        data = DataDir(settings.data_dir)
        generation = data.require_current()
        client = open_client(settings.chroma_url, data.path(generation))
        return cls(client, collection_name(settings.collection, generation), settings.embedding_model)

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
