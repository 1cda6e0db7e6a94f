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
from bot.retrieval.refs import find_refs
from bot.store.lexical import tokenize

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z§(\"“])")
_MARKUP = re.compile(r"\*\*|__|`|^\s*[-*]\s+|^#+\s*", re.MULTILINE)
OVERLAP_WEIGHT = 0.4  # how much shared (rare) words count beside embedding similarity
MAX_SENTENCES = 3  # from the best passage; one more may come from another passage
MAX_LIST = 9  # items quoted from a list the best sentence opens
SECTION_INTRO = 0.08
OTHER_SAME, OTHER_KIND = 0.08, 0.15  # how close another passage's sentence must be to the best one  # how much less a section's introduction counts than its clauses
_SECTION = re.compile(r"§\d+")


def sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        if re.fullmatch(r"\s*\*[^*].*[^*]\*\s*", line):  # an italic note ("*Summary, not the official text.*")
            continue
        line = _MARKUP.sub("", line)
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
                   limit: int = MAX_SENTENCES, idf: dict[str, float] | None = None) -> list[tuple[Chunk, str, float]]:
    """Rank the sentences of the top passages by similarity to the question plus shared words, rare words weighing more."""
    q_tokens = set(tokenize(question))
    weight = (lambda t: (idf or {}).get(t, 1.0)) if idf else (lambda t: 1.0)  # noqa: E731
    q_weight = sum(weight(t) for t in q_tokens) or 1.0
    candidates: list[tuple[Chunk, str, float]] = []
    for rank, hit in enumerate(hits):
        for s in sentences(hit.chunk.text):
            # A section's opening lines ("§3" before §3.1…) only introduce what its clauses say.
            intro = SECTION_INTRO if _SECTION.fullmatch(hit.chunk.locator) else 0.0
            candidates.append((hit.chunk, s, (0.06 if hit.exact_ref else 0.0) - 0.02 * rank - intro))
    if not candidates:
        return []
    sims = cache.vectors([f"{c.id}|{s}" for c, s, _ in candidates], [s for _, s, _ in candidates]) @ np.array(vector)
    scored = []
    for (chunk, s, bonus), sim in zip(candidates, sims):
        overlap = sum(weight(t) for t in q_tokens & set(tokenize(s))) / q_weight
        scored.append((chunk, s, float(sim) + OVERLAP_WEIGHT * overlap + bonus))
    scored.sort(key=lambda x: -x[2])
    best = scored[0][2]
    picked: list[tuple[Chunk, str, float]] = []
    for item in scored:
        if len(picked) >= limit or item[2] < best - 0.15:
            break
        if all(item[1] != p[1] for p in picked):
            picked.append(item)
    return picked


def plan(question: str, vector: list[float], hits: list[Hit], cache: SentenceCache,
         idf: dict[str, float] | None = None) -> tuple[list[tuple[Chunk, str]], float]:
    """The sentences to quote and the score of the best one (the grounding signal).

    A question that names a clause ("what does §7.4 say?") gets that clause itself, in order.
    Otherwise: the sentence that best answers, the rest of its clause, and at most one close
    sentence from another passage.
    """
    exact = [h for h in hits if h.exact_ref]
    if exact:
        return [(h.chunk, s) for h in exact for s in sentences(h.chunk.text)][:4], 1.0
    scored = best_sentences(question, vector, hits, cache, limit=8, idf=idf)
    if not scored:
        return [], 0.0
    top_chunk, top_sentence, best = scored[0]
    chosen = [(top_chunk, top_sentence)]
    rest = [s for s in sentences(top_chunk.text) if s != top_sentence]
    # A sentence that opens a list ("The following … are eligible:") is answered by the whole list.
    chosen += [(top_chunk, s) for s in rest][: MAX_LIST if top_sentence.rstrip().endswith(":") else MAX_SENTENCES - 1]
    # One close sentence from another passage; an FAQ entry beside a clause (or the reverse) may be less close,
    # since it answers the same question in other words.
    other = next(((c, s) for c, s, score in scored[1:] if c.id != top_chunk.id
                  and score >= best - (OTHER_KIND if c.doc_type != top_chunk.doc_type else OTHER_SAME)
                  and all(not _same(s, t) for _, t in chosen)), None)
    if other is not None:
        chosen.append(other)
    return chosen, best


def _same(a: str, b: str) -> bool:
    """Two sentences that say the same thing in nearly the same words (an FAQ repeating its clause)."""
    wa, wb = set(tokenize(a)), set(tokenize(b))
    return a == b or (bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.5)


def compose_from_documents(chosen: list[tuple[Chunk, str]], cites: Citations, clause_chunk) -> str:
    """One line per quoted sentence with its passage's marker.

    An FAQ entry also cites the clauses it says it rests on ("(Program Rules §9.3)"), looked up
    with ``clause_chunk(locator)``, so the answer points at the rule and not only at the FAQ.
    """
    lines: list[str] = []
    for chunk, sentence in chosen:
        markers = cites.cite(chunk)
        if chunk.doc_type == "faq":
            for ref in find_refs(chunk.text):
                target = clause_chunk(ref)
                if target is not None:
                    markers += cites.cite(target)
        lines.append(f"{sentence} {markers}")
    # A best sentence that points elsewhere ("…, as set out in §5.3") is followed by what it points at.
    if chosen and chosen[0][0].doc_type == "rules":
        quoted = {s for _, s in chosen}
        for ref in find_refs(chosen[0][1])[:1]:
            target = clause_chunk(ref)
            if target is not None and target.id != chosen[0][0].id:
                extra = [s for s in sentences(target.text) if s not in quoted][:2]
                lines += [f"{s} {cites.cite(target)}" for s in extra]
    return "\n".join(lines)
