"""Answers from documents: the sentences that best answer the question, quoted and cited.

Extractive on purpose: every sentence of the answer is a sentence of a cited
passage, so nothing is invented and every number is in a quote.
"""

from __future__ import annotations

import re
from collections import OrderedDict

import numpy as np

from bot.compose.citations import Citations
from bot.models import Chunk, Hit
from bot.store.lexical import tokenize

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z§(\"“])")
_MARKUP = re.compile(r"\*\*|__|`|^\s*[-*]\s+|^#+\s*", re.MULTILINE)
MAX_SENTENCES = 3


def sentences(text: str) -> list[str]:
    plain = _MARKUP.sub("", text)
    out = []
    for line in plain.splitlines():
        out.extend(s.strip() for s in _SENTENCE.split(line) if len(s.strip()) > 20)
    return out


class SentenceCache:
    """Sentence embeddings by (chunk id, sentence), so repeated passages cost nothing after the first time."""

    def __init__(self, embeddings, size: int = 5000) -> None:
        self.embeddings = embeddings
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def vectors(self, keys: list[str], texts: list[str]) -> np.ndarray:
        missing = [(k, t) for k, t in zip(keys, texts) if k not in self._cache]
        if missing:
            for (k, _), v in zip(missing, self.embeddings.embed_documents([t for _, t in missing])):
                self._cache[k] = np.array(v)
        for k in keys:
            self._cache.move_to_end(k)
        while len(self._cache) > self.size:
            self._cache.popitem(last=False)
        return np.array([self._cache[k] for k in keys])


def best_sentences(question: str, vector: list[float], hits: list[Hit], cache: SentenceCache,
                   limit: int = MAX_SENTENCES) -> list[tuple[Chunk, str, float]]:
    """Rank the sentences of the top passages by similarity to the question (plus shared words)."""
    q_tokens = set(tokenize(question))
    candidates: list[tuple[Chunk, str, float]] = []
    for rank, hit in enumerate(hits):
        for s in sentences(hit.chunk.text):
            candidates.append((hit.chunk, s, (0.06 if hit.exact_ref else 0.0) - 0.02 * rank))
    if not candidates:
        return []
    sims = cache.vectors([f"{c.id}|{s}" for c, s, _ in candidates], [s for _, s, _ in candidates]) @ np.array(vector)
    scored = []
    for (chunk, s, bonus), sim in zip(candidates, sims):
        overlap = len(q_tokens & set(tokenize(s))) / (len(q_tokens) or 1)
        scored.append((chunk, s, float(sim) + 0.25 * overlap + bonus))
    scored.sort(key=lambda x: -x[2])
    best = scored[0][2]
    picked: list[tuple[Chunk, str, float]] = []
    for item in scored:
        if len(picked) >= limit or item[2] < best - 0.15:
            break
        if all(item[1] != p[1] for p in picked):
            picked.append(item)
    return picked


def compose_from_documents(question: str, vector: list[float], hits: list[Hit], cache: SentenceCache,
                           cites: Citations, lead: str | None = None) -> str:
    """Answer text: the best sentences in passage order, each with its passage's marker.

    A question that names a clause ("what does §7.4 say?") gets that clause itself, in order.
    """
    exact = [h for h in hits if h.exact_ref]
    if exact:
        quoted = [(h.chunk, s) for h in exact for s in sentences(h.chunk.text)][:4]
        lines = [f"{s} {cites.cite(c)}" for c, s in quoted]
        return "\n".join(([lead] if lead else []) + lines)
    picked = best_sentences(question, vector, hits, cache)
    order = {h.chunk.id: i for i, h in enumerate(hits)}
    first, rest = picked[0], sorted(picked[1:], key=lambda p: order[p[0].id])
    lines = [f"{s} {cites.cite(c)}" for c, s, _ in [first, *rest]]
    if lead:
        lines.insert(0, lead)
    return "\n".join(lines)
