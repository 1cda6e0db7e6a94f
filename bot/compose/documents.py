"""Answers from documents: the sentences that best answer the question, quoted and cited.

Extractive on purpose: every sentence of the answer is a sentence of a cited
passage, so nothing is invented and every number is in a quote.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from bot.compose.citations import Citations
from bot.models import Chunk, Hit
from bot.retrieval.refs import find_refs, matches
from bot.store.lexical import tokenize
from bot.understand.asks import states_preferred
from bot.understand.mentions import tiers_of

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z§(\"“\uac00-\ud7a3])")
_MARKUP = re.compile(r"\*\*|__|`|^\s*[-*]\s+|^#+\s*", re.MULTILINE)
OVERLAP_WEIGHT = 0.4  # how much shared (rare) words count beside embedding similarity
MAX_SENTENCES = 3  # from the best passage; one more may come from another passage
MAX_LIST = 9  # items quoted from a list the best sentence opens
SECTION_INTRO = 0.08  # how much less a section's introduction counts than its clauses
OTHER_SAME, OTHER_KIND = 0.08, 0.15  # how close another passage's sentence must be to the best one
PREFERRED_WITHIN = 0.1  # how close a sentence stating the kind of value asked for must be to put it first
SHORT_PASSAGE = 3  # sentences: of another passage this short, the stretch about as close as the sentence picked
TITLE_WEIGHT = 0.5  # a word of the passage's title, beside the sentence's own words
LINKED = 0.25  # a passage that rests on the best one (or it on them) may be this much less close, and is co-cited
MAX_LINKED = 2
_SECTION = re.compile(r"§\d+")


def sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        if re.fullmatch(r"\s*\*[^*].*[^*]\*\s*", line) and not re.search(r"\d", line):
            continue  # an italic note ("*Summary, not the official text.*"); one with figures is content
        line = _MARKUP.sub("", line)
        pieces: list[str] = []
        for s in (s.strip() for s in _SENTENCE.split(line)):
            if pieces and s.startswith("(") and s.endswith(")"):  # "(Program Rules §10.4)" belongs to what it follows
                pieces[-1] = f"{pieces[-1]} {s}"
            elif len(s) > 20:
                pieces.append(s)
        out += pieces
    return out


class SentenceCache:
    """Sentence embeddings by (chunk id, sentence), so repeated passages cost nothing after the first time."""

    def __init__(self, embeddings, size: int = 5000) -> None:
        self.embeddings = embeddings
        self.size = size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def preload(self, path) -> None:
        """Sentence vectors ingest computed (``sentences-<lang>.npz``), so questions only embed themselves."""
        if path.exists():
            with np.load(path) as data:
                for key, vector in zip(data["keys"].tolist(), data["vectors"]):
                    self._cache[key] = vector
            self.size = max(self.size, len(self._cache) + 2000)

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


# A sentence that opens on a pronoun ("It is paid from the revolving fund…", "이 반환금은…") says what it is
# about only through its passage: it is embedded after its passage's caption ("Tier-2 support: It is paid…").
_ANAPHOR = re.compile(r"(?:It|Its|They|Their|This|These|Such)\b|[이그]\s")


OTHER_TIER = 0.1  # how much less a sentence about the other tier counts than one about the question's tier


def sentence_key(chunk: Chunk, sentence: str) -> str:
    """The sentence cache's key of ``sentence`` of ``chunk``: ``<chunk id>|<text embedded>``."""
    caption = title(chunk) if _ANAPHOR.match(sentence) else ""
    return f"{chunk.id}|{caption}: {sentence}" if caption else f"{chunk.id}|{sentence}"


@lru_cache(maxsize=50_000)
def passage_words(text: str) -> frozenset[str]:
    """The words of a sentence or title of the documents, kept: they are the same for every question, and
    Korean ones cost a run of the analyser."""
    return frozenset(tokenize(text))


def best_sentences(question: str, vector: list[float], hits: list[Hit], cache: SentenceCache,
                   limit: int = MAX_SENTENCES, idf: dict[str, float] | None = None,
                   window: float = 0.15, avoid: frozenset[str] = frozenset(),
                   grounding: dict[str, float] | None = None, faq_title: float = 0.0,
                   faq_title_min: float = 1.0) -> list[tuple[Chunk, str, float]]:
    """Rank the sentences of the top passages by similarity to the question plus shared words, rare words weighing more.

    A passage's title counts as words of each of its sentences for the ranking; ``grounding``, when given, gets
    each sentence's score on its own words alone (what the grounding limits were calibrated on). An FAQ
    sentence's similarity is lifted by ``faq_title`` of the way to its entry's question's similarity, when that
    question is a paraphrase of the asker's (at least ``faq_title_min`` similar).
    """
    q_tokens = set(tokenize(question))
    weight = (lambda t: (idf or {}).get(t, 1.0)) if idf else (lambda t: 1.0)  # noqa: E731
    q_weight = sum(weight(t) for t in q_tokens) or 1.0
    candidates: list[tuple[Chunk, str, float]] = []
    for rank, hit in enumerate(hits):
        for s in sentences(hit.chunk.text):
            if s in avoid:
                continue
            # A section's opening lines ("§3" before §3.1…) only introduce what its clauses say.
            intro = SECTION_INTRO if _SECTION.fullmatch(hit.chunk.locator) else 0.0
            candidates.append((hit.chunk, s, (0.06 if hit.exact_ref else 0.0) - 0.02 * rank - intro))
    if not candidates:
        return []
    keys = [sentence_key(c, s) for c, s, _ in candidates]
    sims = cache.vectors(keys, [k.split("|", 1)[1] for k in keys]) @ np.array(vector)
    titles = {c.id: passage_words(title(c)) for c, _, _ in candidates}
    # An FAQ entry's title is a question: one asked in other words is answered by that entry's sentences, each
    # as close to the question as the entry's own question is.
    faqs = list(dict.fromkeys(c.id for c, _, _ in candidates if c.doc_type == "faq")) if faq_title else []
    by_id = {c.id: c for c, _, _ in candidates}
    asked = dict(zip(faqs, cache.vectors([f"{i}|#title" for i in faqs], [title(by_id[i]) for i in faqs])
                     @ np.array(vector))) if faqs else {}
    scored, plain = [], {} if grounding is None else grounding
    # A question about one tier is not answered by the other tier's twin of the clause.
    asked_tiers = tiers_of(question)
    asked_tier = asked_tiers[0] if len(asked_tiers) == 1 else None
    for (chunk, s, bonus), sim in zip(candidates, sims):
        about = (tiers_of(s) or tiers_of(title(chunk)) or [None])[0]
        other_tier = OTHER_TIER if asked_tier and about and about != asked_tier else 0.0
        # A passage's title (an FAQ entry's question, a clause's caption) speaks for each of its sentences, at
        # half the weight of the sentence's own words.
        shared = q_tokens & passage_words(s)
        own = float(sim) + bonus + OVERLAP_WEIGHT * sum(weight(t) for t in shared) / q_weight
        from_title = sum(weight(t) for t in (q_tokens & titles[chunk.id]) - shared) / q_weight
        lifted = chunk.id in asked and asked[chunk.id] >= faq_title_min
        closer = faq_title * max(0.0, float(asked[chunk.id]) - float(sim)) if lifted else 0.0
        scored.append((chunk, s, own + closer + OVERLAP_WEIGHT * TITLE_WEIGHT * from_title - other_tier))
        plain[s] = max(plain.get(s, own), own)  # what the grounding limits were calibrated on: no tier ranking
    scored.sort(key=lambda x: -x[2])
    best = scored[0][2]
    picked: list[tuple[Chunk, str, float]] = []
    for item in scored:
        if len(picked) >= limit or item[2] < best - window:
            break
        if all(item[1] != p[1] for p in picked):
            picked.append(item)
    return picked


def title(chunk: Chunk) -> str:
    """A passage's own caption: the last heading, without its locator ("Who owns the credits from our project?")."""
    last = chunk.heading.rsplit(" > ", 1)[-1]
    return last[len(chunk.locator):].strip() if chunk.locator and last.startswith(chunk.locator) else last


class Plan(NamedTuple):
    chosen: list[tuple[Chunk, str]]  # the sentences to quote, each with its passage
    best: float  # the best sentence's score: the grounding signal
    also: dict[int, list[Chunk]] = {}  # line -> other passages that say the same, cited on that line


def linked(a: Chunk, b: Chunk) -> bool:
    """Whether one passage names the other: an FAQ entry and the clause it rests on, a clause and its Act article."""
    return (any(matches(r, b.locator) for r in find_refs(a.text))
            or any(matches(r, a.locator) for r in find_refs(b.text)))


def plan(question: str, vector: list[float], hits: list[Hit], cache: SentenceCache,
         idf: dict[str, float] | None = None, avoid: frozenset[str] = frozenset(), clause=None,
         faq_title: float = 0.0, faq_title_min: float = 1.0, prefer: frozenset[str] = frozenset()) -> Plan:
    """The sentences to quote, the score of the best one, and the passages co-cited beside them.

    A question that names a clause ("what does §7.4 say?") gets that clause itself, in order.
    Otherwise: the sentence that best answers, the rest of its clause, at most one close
    sentence from another passage, and the passages linked to the best one (the FAQ entry that
    rests on the clause, the Act article the clause rests on) when they answer nearly as well.
    A linked passage that only repeats a quoted sentence is cited on that line, not quoted again.
    Sentences in ``avoid`` (already quoted by an earlier part of the question) are not quoted again.
    A best sentence of a clause or article that points elsewhere ("…, as set out in §5.3"; "those terms come
    from Article 29") is followed by the sentences of what it points at that best answer the question, looked
    up with ``clause(locator)``.
    """
    exact = [h for h in hits if h.exact_ref]
    if exact:
        return Plan([(h.chunk, s) for h in exact for s in sentences(h.chunk.text)][:4], 1.0, {})
    own_words: dict[str, float] = {}
    scored = best_sentences(question, vector, hits, cache, limit=40, idf=idf, window=LINKED, avoid=avoid,
                            grounding=own_words, faq_title=faq_title, faq_title_min=faq_title_min)
    if not scored:
        return Plan([], 0.0, {})
    if prefer and not states_preferred(prefer, scored[0][1]):
        # "is there a deadline for converting a KOC?": of the sentences nearly as close as the best, one that states
        # the kind of value asked for (a time, a duration, a share) answers it; the best may only be on its topic
        best_score = scored[0][2]
        stating = next((x for x in scored[1:] if x[2] >= best_score - PREFERRED_WITHIN
                        and states_preferred(prefer, x[1])), None)
        if stating is not None:
            scored = [stating] + [x for x in scored if x is not stating]
    top_chunk, top_sentence, best = scored[0]
    grounded_by = max(own_words.values())
    chosen = [(top_chunk, top_sentence)]
    rest = [s for s in sentences(top_chunk.text) if s != top_sentence and s not in avoid]
    if top_sentence.rstrip().endswith(":"):
        # A sentence that opens a list ("The following … are eligible:") is answered by the whole list.
        chosen += [(top_chunk, s) for s in rest][:MAX_LIST]
    else:
        # The rest of the clause that answers best, wherever it stands in the clause, quoted in the clause's order
        rank = {s: score for c, s, score in scored if c.id == top_chunk.id}
        keep = set(sorted(rest, key=lambda s: -rank.get(s, float("-inf")))[: MAX_SENTENCES - 1])
        chosen += [(top_chunk, s) for s in rest if s in keep]
    # One close sentence from another passage; an FAQ entry beside a clause (or the reverse) may be less close,
    # since it answers the same question in other words.
    other = next(((c, s) for c, s, score in scored[1:] if c.id != top_chunk.id and not linked(top_chunk, c)
                  and score >= best - (OTHER_KIND if c.doc_type != top_chunk.doc_type else OTHER_SAME)
                  and all(not _same(s, t) for _, t in chosen)), None)
    if other is not None:
        chosen += _short_span(other, top_chunk, scored, best, avoid, chosen)
    chosen += _pointed_at(question, vector, top_chunk, top_sentence, chosen, cache, idf, avoid, clause)
    also: dict[int, list[Chunk]] = {}
    done, n = {c.id for c, _ in chosen}, 0
    for chunk, s, _score in scored[1:]:  # within LINKED of the best, best first
        if n >= MAX_LINKED:
            break
        if chunk.id in done or not linked(top_chunk, chunk):
            continue
        done.add(chunk.id)
        n += 1
        same = next((i for i, (_, t) in enumerate(chosen) if _same(s, t)), None)
        if same is not None:
            also.setdefault(same, []).append(chunk)
        else:
            chosen += _short_span((chunk, s), top_chunk, scored, best, avoid, chosen)
    chosen, also = _with_antecedents(chosen, also, avoid)
    return Plan(chosen, grounded_by, also)


def _short_span(picked: tuple[Chunk, str], top: Chunk, scored, best: float, avoid, chosen) -> list[tuple[Chunk, str]]:
    """The sentence picked from another passage; of a short passage, the stretch from its first to its last sentence
    about as close as that one, in the passage's order: the closest may lean on the ones before it ("Covered
    companies are called allocated entities." after the two thresholds that cover them)."""
    chunk, sentence = picked
    own = sentences(chunk.text)
    if len(own) > SHORT_PASSAGE or sentence not in own:
        return [picked]
    margin = OTHER_KIND if chunk.doc_type != top.doc_type else OTHER_SAME
    close = {t for c, t, score in scored if c.id == chunk.id and score >= best - margin} | {sentence}
    at = [i for i, t in enumerate(own) if t in close]
    return [(chunk, t) for t in own[at[0]:at[-1] + 1]
            if t == sentence or (t not in avoid and all(c.id == chunk.id or not _same(t, u) for c, u in chosen)
                                 and (chunk, t) not in chosen)]


MAX_ANTECEDENTS = 2  # sentences a pronoun sentence may bring in before it


def _with_antecedents(chosen, also, avoid):
    """A quoted sentence that opens on a pronoun ("It is paid from the revolving fund…") comes right after the
    sentence of its passage it refers back to: that one is brought in (with the chain back to the sentence that
    names the subject, at most ``MAX_ANTECEDENTS``), or the pronoun sentence is placed right after it."""
    out: list[tuple[Chunk, str]] = []
    cited: list[list[Chunk]] = []  # the passages co-cited on each line of ``out``

    def at(chunk: Chunk, s: str) -> int | None:
        return next((i for i, (c, t) in enumerate(out) if c.id == chunk.id and t == s), None)

    def put(line: int, chunk: Chunk, s: str, also_cited: list[Chunk]) -> None:
        out.insert(line, (chunk, s))
        cited.insert(line, also_cited)

    queued = {(c.id, s): i for i, (c, s) in enumerate(chosen)}
    for i, (chunk, s) in enumerate(chosen):
        if at(chunk, s) is not None:
            continue
        order = sentences(chunk.text)
        if not (_ANAPHOR.match(s) and s in order and order.index(s) > 0):
            put(len(out), chunk, s, also.get(i, []))
            continue
        k = order.index(s)
        start = k - 1
        while start > max(0, k - MAX_ANTECEDENTS) and _ANAPHOR.match(order[start]) and order[start - 1] not in avoid:
            start -= 1
        before = [b for b in order[start:k] if b not in avoid]
        placed = at(chunk, before[-1]) if before else None
        if placed is not None:  # its antecedent is already quoted: right after it
            put(placed + 1, chunk, s, also.get(i, []))
            continue
        for b in before:
            if at(chunk, b) is None:
                put(len(out), chunk, b, also.get(queued.get((chunk.id, b), -1), []))
        put(len(out), chunk, s, also.get(i, []))
    return out, {i: c for i, c in enumerate(cited) if c}


def _pointed_at(question, vector, chunk: Chunk, sentence: str, chosen, cache, idf, avoid, clause,
                limit: int = 2) -> list[tuple[Chunk, str]]:
    """What the best sentence points at, in the order the target says it: its opening sentence (what it is
    about) and the one closest to the question."""
    if clause is None or chunk.doc_type not in ("rules", "law"):
        return []
    refs = find_refs(sentence)
    target = clause(refs[0]) if refs else None
    if target is None or target.id == chunk.id or any(c.id == target.id for c, _ in chosen):
        return []
    quoted = {s for _, s in chosen} | set(avoid)
    order = [s for s in sentences(target.text) if s not in quoted]
    best = best_sentences(question, vector, [Hit(chunk=target, score=0.0)], cache, limit=1, idf=idf,
                          avoid=frozenset(quoted))
    picked = set(order[:1]) | {s for _, s, _ in best}
    return [(target, s) for s in order if s in picked][:limit]


_MARKERS = re.compile(r"(?:\s*\[\d+\])+\s*$")


def quoted_sentences(answer: str) -> set[str]:
    """The sentences an answer quotes, without their markers."""
    return {_MARKERS.sub("", line).strip() for line in answer.splitlines() if _MARKERS.search(line)}


def _same(a: str, b: str) -> bool:
    """Two sentences that say the same thing in nearly the same words (an FAQ repeating its clause)."""
    wa, wb = passage_words(a), passage_words(b)
    return a == b or (bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.5)


def compose_from_documents(chosen: list[tuple[Chunk, str]], cites: Citations, clause_chunk,
                           also: dict[int, list[Chunk]] | None = None) -> str:
    """One line per quoted sentence with its passage's marker.

    An FAQ entry also cites the clauses it says it rests on ("(Program Rules §9.3)"), looked up
    with ``clause_chunk(locator)``, so the answer points at the rule and not only at the FAQ. A rule's sentence
    that names the Act article it rests on ("… as Article 30 of the Act requires") cites that article too.
    """
    lines: list[str] = []
    for i, (chunk, sentence) in enumerate(chosen):
        sources = [chunk, *(also or {}).get(i, [])]
        if chunk.doc_type == "faq":
            sources += [t for t in (clause_chunk(ref) for ref in find_refs(chunk.text)) if t is not None]
        elif chunk.doc_type == "rules":
            sources += [t for t in (clause_chunk(ref) for ref in find_refs(sentence) if ref.startswith("Art."))
                        if t is not None]
        markers = list(dict.fromkeys(cites.cite(c) for c in sources))
        lines.append(f"{sentence} {''.join(markers)}")
    return "\n".join(lines)
