"""The guard on an LLM's rewrite: exact checks against what the extractive answer was built from.

A rewrite passes only if:

1. every number, amount and date it states is a value of the computed facts, of the extractive answer or of a
   quoted passage (none added, none changed), normalised across languages and formats;
2. every number, amount and date the extractive answer states is still stated;
3. every clause it names (§7.2, Art. 29, 제29조) is one the extractive answer or its passages name;
4. no firm other than the asker's is named (by id or by name);
5. every ``[n]`` exists, every ``[n]`` of the extractive answer is still there, a figure the answer cites is
   stated only with (at least) the markers the answer gave it, and each sentence carrying a marker shares its
   numbers and some key words with the passages it cites (and a firm's facts, when a record is among them);
6. it is in the question's language, and not absurdly long (checked first).

(A refusal, a clarifying question or a not-found answer is never sent to the model: its status cannot change.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.llm.quantities import FIRM_ID, MARKER, extract, of_facts
from bot.models import Answer

HANGUL = re.compile(r"[\uac00-\ud7a3]")
LATIN = re.compile(r"[A-Za-z]")
RUN = re.compile(r"(?:\s?\[\d{1,3}\]){1,20}[.!?。]?")  # a run of citation markers (and the stop after it)
TERM = re.compile(r"[A-Za-z]{4,}|[\uac00-\ud7a3]{2,}")
STOP = {"that", "this", "with", "from", "have", "will", "your", "their", "there", "which", "after", "before",
        "must", "each", "when", "what", "under", "into", "than", "then", "also", "only", "been", "were", "does",
        "answer", "firm", "partner", "program", "입니다", "있습니다", "합니다", "귀사", "귀사의", "경우", "따라"}


@dataclass(frozen=True)
class Verdict:
    passed: bool
    reason: str = ""


CORPORATE = re.compile(r"\b(?:co|ltd|inc|corp|corporation|company|limited)\b\.?|주식회사|\(주\)|[,.]")


def _core_name(name: str) -> str:
    """A firm's name without "Co., Ltd." and the like: what a sentence would call it."""
    return " ".join(CORPORATE.sub(" ", name.lower()).split())


def _terms(text: str) -> set[str]:
    return {t.lower() for t in TERM.findall(text) if t.lower() not in STOP}


def _units(text: str) -> list[tuple[str, set[int]]]:
    """``text`` cut after each run of markers: (the words the run vouches for, its markers); words after the
    last run vouch for themselves (no markers)."""
    text = text[:20_000]
    units, start = [], 0
    for m in RUN.finditer(text):
        units.append((text[start:m.end()], {int(n) for n in re.findall(r"\[(\d{1,3})\]", m.group(0))}))
        start = m.end()
    if text[start:].strip():
        units.append((text[start:], set()))
    return units


def _show(values) -> str:
    return ", ".join(sorted(str(v if not isinstance(v, Decimal) else f"{v:,f}".rstrip("0").rstrip(".")) for v in values)[:5])


def check(rewrite: str, answer: Answer, firms: dict[str, str], own_firm: str | None) -> Verdict:
    """Whether ``rewrite`` may replace ``answer.answer``; the first rule it breaks, in words, if not."""
    text = rewrite.strip()
    if not text:
        return Verdict(False, "empty rewrite")
    if len(text) > 4 * len(answer.answer) + 600:
        return Verdict(False, f"too long ({len(text)} characters for a {len(answer.answer)}-character answer)")
    hangul, latin = len(HANGUL.findall(text)), len(LATIN.findall(text))
    if answer.language == "ko" and hangul < latin / 4:
        return Verdict(False, "not in Korean, the question's language")
    if answer.language == "en" and hangul > latin / 4:
        return Verdict(False, "not in English, the question's language")

    passages = {c.n: c for c in answer.citations}
    said = extract(text, words=True)
    original = extract(answer.answer)
    quoted = extract(" ".join(c.quote for c in answer.citations)) | of_facts(answer.facts)
    allowed = original | quoted
    # 1. nothing added or changed
    added_dates = said.dates - allowed.dates
    if added_dates:
        return Verdict(False, f"a date not in the facts or passages: {_show(added_dates)}")
    added = said.numbers - allowed.numbers - {Decimal(n) for n in passages}
    if added:
        return Verdict(False, f"a number not in the facts or passages: {_show(added)}")
    # 2. nothing the extractive answer says is dropped
    dropped_dates = original.dates - said.dates
    if dropped_dates:
        return Verdict(False, f"a date of the answer is missing: {_show(dropped_dates)}")
    dropped = original.numbers - said.numbers - said.date_parts
    if dropped:
        return Verdict(False, f"a number of the answer is missing: {_show(dropped)}")
    # 3. clauses
    invented = said.clauses - allowed.clauses - {c.locator for c in answer.citations}
    if invented:
        return Verdict(False, f"names a clause the answer's sources do not: {_show(invented)}")
    # 4. other firms
    for firm_id in set(FIRM_ID.findall(text)):
        if firm_id != own_firm:
            return Verdict(False, f"names another firm ({firm_id})")
    lowered = text.lower()
    for firm_id, name in firms.items():
        core = _core_name(name)
        if firm_id != own_firm and len(core) >= 4 and core in lowered:
            return Verdict(False, f"names another firm ({firm_id})")
    # 5. citations
    markers = [int(m.group(0)[1:-1]) for m in MARKER.finditer(text)]
    unknown = sorted(set(markers) - set(passages))
    if unknown:
        return Verdict(False, f"cites [{unknown[0]}], which is not a source of this answer")
    lost = sorted({int(m.group(0)[1:-1]) for m in MARKER.finditer(answer.answer)} - set(markers))
    if lost:
        return Verdict(False, f"dropped the citation [{lost[0]}]")
    # Each run of markers vouches for the words before it (back to the previous run): a figure keeps (at least)
    # the markers the answer gave it, and what a run vouches for must be in what it cites.
    original_units = _units(answer.answer)
    cited_with: dict[object, list[set[int]]] = {}
    for words, marks in original_units:
        if marks:
            found = extract(words)
            for value in (*found.numbers, *found.dates):
                cited_with.setdefault(value, []).append(marks)
    facts = of_facts(answer.facts)
    for words, cited in _units(text):
        own = extract(words)  # digits only: "one" and "tier-1" need not be the same fact
        for value in (*own.numbers, *own.dates):
            if value in cited_with and not any(marks <= cited for marks in cited_with[value]):
                return Verdict(False, f"dropped the citation of {_show([value])}")
        if not cited:
            continue
        # what the cited sources say: their passages, the firm's computed facts, and what the answer itself
        # vouched for with the same markers
        support = " ".join(passages[n].quote + " " + passages[n].title + " " + passages[n].locator for n in cited)
        same = " ".join(w for w, marks in original_units if marks & cited)
        backing = extract(support) | extract(same) | facts
        unsupported = (own.numbers - backing.numbers) | (own.dates - backing.dates)
        if unsupported:
            return Verdict(False, f"a sentence cites {sorted(cited)} for {_show(unsupported)}, which they do not say")
        terms = _terms(MARKER.sub(" ", words))
        if len(terms) >= 3 and not terms & _terms(support + " " + same):
            return Verdict(False, f"a sentence cites {sorted(cited)} but shares no key word with them")
    return Verdict(True)
