"""The naive RAG a user would first build with the same stack, scored beside the system.

LangChain's Chroma vector store over the same collection and model, top-4
dense similarity, no hybrid search, no access filter, no calculators: the
answer is the top passage. Its leaks are reported too; that is the point.
"""

from __future__ import annotations

import time
from typing import Any

from langchain_chroma import Chroma

from bot.store.embeddings import get_embeddings
from bot.store.index import Index

K = 4


class NaiveRAG:
    def __init__(self, index: Index, model: str) -> None:
        self.store = Chroma(client=index.vectors.client, collection_name=index.vectors.name,
                            embedding_function=get_embeddings(model))

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
