"""Hybrid retrieval as a LangChain retriever: exact clause references, dense and BM25, fused by RRF.

Access is enforced twice: the Chroma ``where`` and the BM25 mask select only
what the asker may see, and every fused hit is checked again with
:func:`bot.access.may_see` before it leaves this module.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from bot.access import may_see
from bot.models import Asker, Chunk, Hit
from bot.retrieval.refs import find_refs, matches
from bot.store.index import IndexHandle
from bot.store.vector import access_where

RRF_K = 60
CANDIDATES = 20


class HybridRetriever(BaseRetriever):
    """``invoke(question)`` returns Documents; :meth:`search` returns scored :class:`Hit` objects."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    index: IndexHandle
    embeddings: Any  # langchain Embeddings
    asker: Asker = Asker()
    k: int = 5

    def for_asker(self, asker: Asker) -> "HybridRetriever":
        return self.model_copy(update={"asker": asker})

    def search(
        self, query: str, *, asker: Asker | None = None, k: int | None = None,
        vector: list[float] | None = None, doc_types: set[str] | None = None, language: str = "en",
    ) -> list[Hit]:
        """Passages in ``language`` (whose ``vector`` must come from that language's model; records are
        searched in the English store whatever the language)."""
        asker = asker or self.asker
        k = k or self.k
        index = self.index.get()
        language = language if language in index.vector_stores else "en"
        allowed = lambda c: (may_see(asker, c) and (doc_types is None or c.doc_type in doc_types)  # noqa: E731
                             and (c.language == language or c.doc_type == "record"))

        refs = find_refs(query)
        exact = [c for c in index.documents if c.language == language
                 and any(matches(r, c.locator) for r in refs)]
        exact.sort(key=lambda c: min(i for i, r in enumerate(refs) if matches(r, c.locator)))

        if vector is None:
            if language != "en":
                raise ValueError("a vector from the language's own model is needed to search non-English text")
            vector = self.embeddings.embed_query(query)
        dense = index.vector_stores[language].query(vector, CANDIDATES, access_where(asker))
        lexical = index.lexical.search(query, CANDIDATES, asker, language=language)

        fused: dict[str, Hit] = {}
        for rank, (chunk, sim) in enumerate(dense):
            fused[chunk.id] = Hit(chunk=chunk, score=1 / (RRF_K + rank + 1), dense=sim)
        for rank, (chunk, bm25) in enumerate(lexical):
            hit = fused.setdefault(chunk.id, Hit(chunk=chunk, score=0.0))
            fused[chunk.id] = hit.model_copy(update={"score": hit.score + 1 / (RRF_K + rank + 1), "lexical": bm25})
        ranked = sorted(fused.values(), key=lambda h: -h.score)
        exact_hits = [Hit(chunk=c, score=1.0 + 1 / (i + 1), exact_ref=True,
                          dense=fused[c.id].dense if c.id in fused else None)
                      for i, c in enumerate(exact)]
        seen = {h.chunk.id for h in exact_hits}
        out = [h for h in exact_hits + [h for h in ranked if h.chunk.id not in seen] if allowed(h.chunk)]
        return out[: max(k, len(exact_hits))]

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [to_document(h) for h in self.search(query)]


def to_document(hit: Hit) -> Document:
    c: Chunk = hit.chunk
    meta = c.metadata() | {"id": c.id, "score": hit.score, "dense": hit.dense, "lexical": hit.lexical,
                           "exact_ref": hit.exact_ref}
    return Document(page_content=c.text, metadata=meta, id=c.id)
