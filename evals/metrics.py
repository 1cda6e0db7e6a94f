"""Deterministic metrics over one answer and over a run (no LLM judge).

Each function takes plain values (the ``ask --json`` payload and a gold case),
so the same code scores the assistant and the baseline.
"""

from __future__ import annotations

import json
import re
import statistics
from dataclasses import dataclass, field
from typing import Any

from evals.gold import GoldCase

_MARKER = re.compile(r"\[(\d+)\]")
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
# Not claims: clause and article numbers, firm and project ids, the unit's own digit.
_NOT_A_CLAIM = re.compile(r"§\d+(?:\.\d+)*|\bArt(?:icle|\.)?\s*\d+(?:\(\d+\))?|P-T\d-\d+|PRJ-T\d-\d+(?:-\d+)?|tCO2(?:eq)?|\[\d+\]")


def _norm(text: str) -> str:
    return re.sub(r"[\s,]", "", text).lower()


def locator_matches(required: str, cited: str) -> bool:
    """Exact for clauses; a record locator ("Partner record P-T1-014") matches any of that firm's record citations."""
    return cited == required or (required.startswith("Partner record") and cited.startswith(required))


_SENTENCE = re.compile(r".+?[.!?](?:\s*\[\d+\])*(?=\s+[A-Z(]|\s*$)|.+$")


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


def facts_missing(payload: dict[str, Any], facts: list[str]) -> list[str]:
    blob = _norm(payload.get("answer", "") + " " + json.dumps(payload.get("facts", {}), default=str, ensure_ascii=False))
    return [f for f in facts if _norm(f) not in blob]


def supports(citation: dict[str, Any], answer: str) -> bool:
    """A citation supports the answer when a sentence carrying its marker shares a number or 3+ content words."""
    marker = f"[{citation['n']}]"
    quote_words = set(re.findall(r"[a-z]{4,}", citation.get("quote", "").lower()))
    quote_numbers = set(numbers(citation.get("quote", ""))) | set(numbers(citation.get("locator", "")))
    for s in sentences(answer):
        if marker in s:
            if set(numbers(s)) & quote_numbers or len(set(re.findall(r"[a-z]{4,}", s.lower())) & quote_words) >= 3:
                return True
    return False


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
    intent_ok = None if exp.intent is None else payload.get("intent") == exp.intent
    if intent_ok is False:
        reasons.append(f"intent {payload.get('intent')} != {exp.intent}")
    recall = precision = r5 = mrr = None
    if exp.cite:
        found = [r for r in exp.cite if any(locator_matches(r, c) for c in cited)]
        recall = len(found) / len(exp.cite)
        if recall < 1:
            reasons.append(f"missing citations {sorted(set(exp.cite) - set(found))}")
        ranks = [next((i for i, loc in enumerate(ranking) if locator_matches(r, loc)), None) for r in exp.cite]
        r5 = sum(1 for k in ranks if k is not None and k < 5) / len(exp.cite)
        mrr = sum(1 / (k + 1) for k in ranks if k is not None) / len(exp.cite)
    if cited and exp.status == "answered":
        good = [c for c in payload["citations"]
                if any(locator_matches(r, c["locator"]) for r in exp.cite) or supports(c, payload.get("answer", ""))]
        precision = len(good) / len(cited)
    missing = facts_missing(payload, exp.facts)
    if missing:
        reasons.append(f"missing facts {missing}")
    leaked = leaks(payload, exp.forbid)
    if leaked:
        reasons.append(f"LEAK {leaked}")
    unsupported = unsupported_numbers(payload)
    if unsupported:
        reasons.append(f"unsupported numbers {unsupported}")
    return CaseScore(case.id, case.category, payload.get("status", ""), exp.status, payload.get("intent"),
                     float(payload.get("latency_ms", 0.0)), status_ok, intent_ok, recall, precision, r5, mrr,
                     not missing, leaked, unsupported, cited_sentence_share(payload.get("answer", "")), reasons)


def _mean(values: list[float | None]) -> float | None:
    vals = [v for v in values if v is not None]
    return round(sum(vals) / len(vals), 4) if vals else None


def summarize(scores: list[CaseScore]) -> dict[str, Any]:
    """Run-level metrics: accuracies, citation and retrieval quality, refusals, leaks, latency."""
    if not scores:
        return {}
    refused_pred = [s for s in scores if s.status == "refused"]
    refused_gold = [s for s in scores if s.expected_status == "refused"]
    latencies = sorted(s.latency_ms for s in scores)
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
        "refusal_precision": round(sum(s.expected_status == "refused" for s in refused_pred) / len(refused_pred), 4)
        if refused_pred else 1.0,
        "refusal_recall": round(sum(s.status == "refused" for s in refused_gold) / len(refused_gold), 4)
        if refused_gold else 1.0,
        "leaks": sum(len(s.leaks) for s in scores),
        "unsupported_numbers": sum(len(s.unsupported) for s in scores),
        "latency_median_ms": round(statistics.median(latencies), 1),
        "latency_p95_ms": round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1),
    }
