"""Chroma, embedded or client/server, behind one small interface.

Each index generation has its own collection (``<prefix>_<generation>``):
ingest writes a new one beside the live one and the switch is a one-line
pointer file, so a failed run never touches what is answering.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import chromadb
from chromadb.config import Settings as ChromaSettings

from bot.errors import ConfigError
from bot.models import Asker, Chunk


def open_client(chroma_url: str | None, generation_dir: Path) -> Any:
    """A Chroma client: HttpClient when a server URL is configured, else PersistentClient in the generation dir."""
    settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if chroma_url:
        url = urlparse(chroma_url)
        if url.scheme not in {"http", "https"} or not url.hostname:
            raise ConfigError(f"CARBONBOT_CHROMA_URL must look like http://host:port, got {chroma_url!r}")
        return chromadb.HttpClient(
            host=url.hostname, port=url.port or 8000, ssl=url.scheme == "https", settings=settings
        )
    return chromadb.PersistentClient(path=str(generation_dir / "chroma"), settings=settings)


def collection_name(prefix: str, generation: str, language: str = "en") -> str:
    """One collection per generation and language (each language has its own embedding model)."""
    return f"{prefix}_{generation}" if language == "en" else f"{prefix}_{generation}_{language}"


def access_where(asker: Asker) -> dict[str, Any] | None:
    """The Chroma ``where`` clause of the access policy: public, plus the asker's own firm's records."""
    if asker.is_staff:
        return None
    if asker.role == "partner" and asker.partner_id:
        return {"$or": [{"visibility": "public"}, {"partner_id": asker.partner_id}]}
    return {"visibility": "public"}


class VectorStore:
    """The chunks of one generation in one Chroma collection (cosine space)."""

    def __init__(self, client: Any, name: str) -> None:
        self.client = client
        self.name = name
        self.collection = client.get_or_create_collection(
            name, configuration={"hnsw": {"space": "cosine"}}, embedding_function=None
        )

    def add(self, chunks: list[Chunk], embeddings: list[list[float]], batch: int = 256) -> None:
        for i in range(0, len(chunks), batch):
            part = chunks[i : i + batch]
            self.collection.add(
                ids=[c.id for c in part],
                documents=[c.text for c in part],
                metadatas=[c.metadata() for c in part],
                embeddings=embeddings[i : i + batch],
            )

    def embeddings_for(self, ids: list[str]) -> dict[str, list[float]]:
        """Stored vectors by chunk id, so unchanged documents are carried over without re-embedding."""
        out: dict[str, list[float]] = {}
        for i in range(0, len(ids), 500):
            got = self.collection.get(ids=ids[i : i + 500], include=["embeddings"])
            out.update({cid: list(map(float, vec)) for cid, vec in zip(got["ids"], got["embeddings"])})
        return out

    def count(self) -> int:
        return self.collection.count()

    def query(self, vector: list[float], k: int, where: dict[str, Any] | None) -> list[tuple[Chunk, float]]:
        """Top-k chunks with cosine similarity (1 - distance)."""
        k = min(k, self.count())
        if k <= 0:
            return []
        got = self.collection.query(
            query_embeddings=[vector], n_results=k, where=where, include=["documents", "metadatas", "distances"]
        )
        return [
            (Chunk.from_metadata(cid, doc, meta), 1.0 - float(dist))
            for cid, doc, meta, dist in zip(
                got["ids"][0], got["documents"][0], got["metadatas"][0], got["distances"][0]
            )
        ]

    def drop(self) -> None:
        self.client.delete_collection(self.name)
