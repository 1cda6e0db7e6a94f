"""Deterministic metrics over one answer and over a run (no LLM judge).

Each function takes plain values (the ``ask --json`` payload, a retrieval
ranking of locators and a gold case), so the same code scores the assistant
and the baseline. The words and numbers are matched here with this module's own
simple rules, never with the assistant's tokenizer: the judge must not share
the code it judges.
"""

from __future__ import annotations

import json
import math
import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from bot.calculators.project import parse_money
from evals.gold import GoldCase

_MARKER = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Not claims: clause and article numbers, firm and project ids, the unit's own digit.
_NOT_A_CLAIM = re.compile(r"§\d+(?:\.\d+)*|\bArt(?:icle|\.)?\s*\d+(?:\(\d+\))?|제\s*\d+\s*조|P-T\d-\d+|PRJ-T\d-\d+(?:-\d+)?|tCO2(?:eq)?|\[\d+\]")


# Words too common to show that a quote supports a sentence.
_STOP = frozenset("""
about above after again also been before being below between both cannot could does doing down during each
from further have having here however into itself just more most must only other over same shall should some
such than that their them then there these they this those through under until very were what when where which
while whom will with within without would your yours""".split())


_MONEY_FACT = re.compile(r"krw|won|원|₩", re.IGNORECASE)


def _norm(text: str) -> str:
    return re.sub(r"[\s,]", "", text).lower()


_ARTICLE_KO = re.compile(r"^제\s*(\d+)\s*조$")


def _canonical(locator: str) -> str:
    """The clause whatever the language it is written in: 제29조 is Art. 29."""
    m = _ARTICLE_KO.match(locator.strip())
    return f"Art. {int(m.group(1))}" if m else locator


def locator_matches(required: str, cited: str) -> bool:
    """Exact for clauses (in either language); a record locator ("Partner record P-T1-014") matches any of
    that firm's record citations."""
    cited = _canonical(cited)
    return cited == required or (required.startswith("Partner record") and cited.startswith(required))


_SENTENCE = re.compile(r".+?[.!?](?:\s*\[\d+\])*(?=\s+[A-Z(\uac00-\ud7a3]|\s*$)|.+$")


def sentences(text: str) -> list[str]:
    """Sentences with the [n] markers that follow them kept attached."""
    return [m.group(0).strip() for line in text.splitlines() for m in _SENTENCE.finditer(line.strip()) if m.group(0).strip()]


def numbers(text: str) -> list[str]:
    return [n.replace(",", "") for n in _NUMBER.findall(_NOT_A_CLAIM.sub(" ", text))]


def _number_pool(payload: dict[str, Any]) -> set[str]:
    support = json.dumps(payload.get("facts", {}), default=str, ensure_ascii=False)
    support += " ".join(c.get("quote", "") + " " + c.get("locator", "") for c in payload.get("citations", []))
    support += " " + payload.get("question", "")
    pool = set()
    for n in _NUMBER.findall(support.replace(",", "")):
        pool.add(n)
        if "." in n:
            pool.add(n.rstrip("0").rstrip("."))
    for day in re.findall(r"\d{4}-\d{2}-\d{2}", support):
        pool |= set(day.split("-")) | {str(int(x)) for x in day.split("-")}
    return pool


def unsupported_numbers(payload: dict[str, Any]) -> list[str]:
    """Numbers in the answer text found neither in facts, cited quotes nor the question."""
    pool = _number_pool(payload)
    return [n for n in numbers(payload.get("answer", "")) if n not in pool and n.rstrip("0").rstrip(".") not in pool]


def leaks(payload: dict[str, Any], forbid: list[str]) -> list[str]:
    shown = json.dumps({k: v for k, v in payload.items() if k != "question"}, ensure_ascii=False, default=str)
    return [s for s in forbid if s.lower() in shown.lower()]


_KO_DATE = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일")


def iso_dates(text: str) -> str:
    """Korean dates written out as ISO ones ("2026년 12월 20일" -> "2026-12-20"), so a date fact matches either."""
    return _KO_DATE.sub(lambda m: f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}", text)


def facts_missing(payload: dict[str, Any], facts: list[str]) -> list[str]:
    """Required facts not in the answer or its facts. An amount of won counts however it is written
    ("KRW 500,000,000" = "KRW 500 million" = "5억 원"), and a date too ("2026-12-20" = "2026년 12월 20일"),
    since the asker reads the same figure."""
    text = payload.get("answer", "") + " " + json.dumps(payload.get("facts", {}), default=str, ensure_ascii=False)
    text = iso_dates(text)
    blob = _norm(text)
    amounts = None
    missing = []
    for f in facts:
        if _norm(iso_dates(f)) in blob:  # a date fact written the Korean way reads as the answer's dates do
            continue
        wanted = parse_money(f) if _MONEY_FACT.search(f) else []
        if wanted:
            amounts = set(parse_money(text)) if amounts is None else amounts
            if set(wanted) <= amounts:
                continue
        missing.append(f)
    return missing


def content_words(text: str) -> set[str]:
    """Lowercase words of 4+ letters that are not stop words, and Korean words of 2+ syllables (particles
    and endings cut off crudely: the first two syllables stand for the word)."""
    return ({w for w in re.findall(r"[a-z]{4,}", text.lower()) if w not in _STOP}
            | {w[:2] for w in re.findall(r"[\uac00-\ud7a3]{2,}", text)})


def in_language(answer: str, language: str) -> bool:
    """Whether an answer is written in ``language``: a Korean answer is mostly Hangul outside its quotes of
    ids and figures; an English one has none."""
    letters = re.findall(r"[A-Za-z\uac00-\ud7a3]", re.sub(r"P-T\d-\d+|PRJ-[\w-]+|KRW|tCO2eq|KOC|KCU|FAQ-\d+", "", answer))
    if not letters:
        return True
    hangul = sum(1 for ch in letters if "\uac00" <= ch <= "\ud7a3") / len(letters)
    return hangul >= 0.5 if language == "ko" else hangul == 0.0


def supports(citation: dict[str, Any], answer: str) -> bool:
    """A citation supports the answer when a sentence carrying its marker shares a number or 3+ content words."""
    marker = f"[{citation['n']}]"
    quote_words = content_words(citation.get("quote", ""))
    quote_numbers = set(numbers(citation.get("quote", "")))
    for s in sentences(answer):
        if marker in s and (set(numbers(s)) & quote_numbers or len(content_words(s) & quote_words) >= 3):
            return True
    return False


def ranking(citations: list[dict[str, Any]], hits: list[tuple[str, str]]) -> list[str]:
    """The retrieval ranking (locators, best first) that recall@5 and MRR are measured on.

    ``hits`` are the retriever's ``(chunk id, locator)`` pairs in rank order. When every
    citation came from those hits (a document answer), the ranking is the hits alone: what
    retrieval found, not what the composer picked. When some citation did not (a calculator
    answer citing a partner record or a parameter's clause fetched by locator), the ranking
    is the citations in order followed by the hits not already cited, so the record the
    answer is computed from counts as found first. Each chunk appears once.
    """
    hit_ids = {cid for cid, _ in hits}
    cited = [(c.get("id", ""), c["locator"]) for c in citations]
    ordered = hits if all(cid in hit_ids for cid, _ in cited) else cited + hits
    seen: set[str] = set()
    out = []
    for cid, locator in ordered:
        if cid not in seen:
            seen.add(cid)
            out.append(locator)
    return out


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0..1) of a non-empty list."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def cited_sentence_share(answer: str) -> float:
    """Share of sentences stating a rule or a number (digits, 'must', 'may', 'is due'…) that carry a marker."""
    claims = [s for s in sentences(answer) if numbers(s) or re.search(r"\b(must|may|not eligible|is due|are due)\b", s)]
    return 1.0 if not claims else sum(bool(_MARKER.search(s)) for s in claims) / len(claims)


@dataclass
class CaseScore:
    id: str
    category: str
    status: str
    expected_status: str
    intent: str | None
    latency_ms: float
    status_ok: bool
    intent_ok: bool | None
    cite_recall: float | None
    cite_precision: float | None
    recall_at_5: float | None
    mrr: float | None
    facts_ok: bool
    leaks: list[str]
    unsupported: list[str]
    cited_share: float
    reasons: list[str] = field(default_factory=list)
    set: str = "tuning"
    language: str = "en"

    @property
    def passed(self) -> bool:
        return not self.reasons


def score_case(case: GoldCase, payload: dict[str, Any], ranking: list[str]) -> CaseScore:
    """Score one answer payload against its gold case; ``ranking`` is the retrieved locators, best first."""
    exp = case.expect
    cited = [c["locator"] for c in payload.get("citations", [])]
    reasons: list[str] = []
    status_ok = payload.get("status") == exp.status
    if not status_ok:
        reasons.append(f"status {payload.get('status')} != {exp.status}")
    # The intent is scored on its own (intent_accuracy), not in the pass: it is an internal label the asker never
    # sees, and a rule question about, say, support ratios is fairly labelled "eligibility" or "program".
    intent_ok = None if exp.intent is None else payload.get("intent") == exp.intent
    recall = precision = r5 = mrr = None
    if exp.cite:
        found = [r for r in exp.cite if any(locator_matches(r, c) for c in cited)]
        recall = len(found) / len(exp.cite)
        if recall < 1:
            reasons.append(f"missing citations {sorted(set(exp.cite) - set(found))}")
        ranks = [next((i for i, loc in enumerate(ranking) if locator_matches(r, loc)), None) for r in exp.cite]
        r5 = sum(1 for k in ranks if k is not None and k < 5) / len(exp.cite)
        mrr = sum(1 / (k + 1) for k in ranks if k is not None) / len(exp.cite)
    if cited:  # every citation shown is judged, whatever the status
        good = [c for c in payload["citations"]
                if any(locator_matches(r, c["locator"]) for r in exp.cite) or supports(c, payload.get("answer", ""))]
        precision = len(good) / len(cited)
    missing = facts_missing(payload, exp.facts)
    if missing:
        reasons.append(f"missing facts {missing}")
    leaked = leaks(payload, exp.forbid)
    if leaked:
        reasons.append(f"LEAK {leaked}")
    # The help message states no figures, only example questions ("… cost KRW 300M"): nothing to support.
    unsupported = unsupported_numbers(payload) if payload.get("intent") != "help" else []
    if unsupported:
        reasons.append(f"unsupported numbers {unsupported}")
    if payload.get("answer") and not in_language(payload["answer"], case.language):
        reasons.append(f"answer not in the question's language ({case.language})")
    return CaseScore(case.id, case.category, payload.get("status", ""), exp.status, payload.get("intent"),
                     float(payload.get("latency_ms", 0.0)), status_ok, intent_ok, recall, precision, r5, mrr,
                     not missing, leaked, unsupported, cited_sentence_share(payload.get("answer", "")), reasons,
                     case.set, case.language)


def _mean(values: list[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def summarize(scores: list[CaseScore]) -> dict[str, Any]:
    """Run-level metrics: accuracies, citation and retrieval quality, refusals, leaks, latency."""
    if not scores:
        return {}
    refused_pred = [s for s in scores if s.status == "refused"]
    refused_gold = [s for s in scores if s.expected_status == "refused"]
    latencies = [s.latency_ms for s in scores]
    return {
        "n": len(scores),
        "pass_rate": round(sum(s.passed for s in scores) / len(scores), 4),
        "status_accuracy": round(sum(s.status_ok for s in scores) / len(scores), 4),
        "intent_accuracy": _mean([float(s.intent_ok) for s in scores if s.intent_ok is not None]),
        "fact_accuracy": round(sum(s.facts_ok for s in scores) / len(scores), 4),
        "citation_recall": _mean([s.cite_recall for s in scores]),
        "citation_precision": _mean([s.cite_precision for s in scores]),
        "cited_sentence_share": _mean([s.cited_share for s in scores]),
        "recall_at_5": _mean([s.recall_at_5 for s in scores]),
        "mrr": _mean([s.mrr for s in scores]),
        # None (not measured) when nothing was refused, or nothing should have been.
        "refusal_precision": _mean([float(s.expected_status == "refused") for s in refused_pred]),
        "refusal_recall": _mean([float(s.status == "refused") for s in refused_gold]),
        # Asking instead of answering: must stay rare (a case expecting an answer fails when the system asks).
        "clarify_rate": round(sum(s.status == "clarify" for s in scores) / len(scores), 4),
        "leaks": sum(len(s.leaks) for s in scores),
        "unsupported_numbers": sum(len(s.unsupported) for s in scores),
        "latency_median_ms": round(statistics.median(latencies), 1),
        "latency_p95_ms": round(percentile(latencies, 0.95), 1),
    }
