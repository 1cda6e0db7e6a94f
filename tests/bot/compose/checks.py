"""What a Korean record answer must be, measured against its English twin."""

from __future__ import annotations

import re

from bot.models import Answer
from evals.metrics import in_language, locator_matches

_MARKERS = re.compile(r"(\s*\[\d+\])+$")
_NOT_WORDS = re.compile(r"P-T\d-\d+|PRJ-[\w-]+|KRW|tCO2eq|KOC|KCU|LED|HVAC|VAT|FAQ-\d+|§[\d.]+")
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}(?:[\s,;:'()-]+[A-Za-z]{2,}){2,}")  # three English words in a row


def composed_lines(answer: Answer) -> list[str]:
    """The lines the assistant wrote itself (not the rule sentences it quotes), without their markers."""
    quotes = [c.quote for c in answer.citations if not c.locator.startswith("Partner record")]
    lines = [_MARKERS.sub("", line).strip() for line in answer.answer.splitlines() if line.strip()]
    return [line for line in lines if not any(line in q for q in quotes)]


def hangul_share(text: str) -> float:
    letters = re.findall(r"[A-Za-z\uac00-\ud7a3]", _NOT_WORDS.sub("", text))
    return sum("\uac00" <= ch <= "\ud7a3" for ch in letters) / len(letters) if letters else 1.0


def amounts(text: str, language: str) -> set[int]:
    found = re.findall(r"([\d,]+)원" if language == "ko" else r"KRW ([\d,]+)\b", text)  # not "KRW 50M"
    return {int(a.replace(",", "")) for a in found}


def dates(text: str, language: str) -> set[str]:
    if language == "ko":
        return {f"{y}-{int(m):02d}-{int(d):02d}" for y, m, d in re.findall(r"(\d{4})년 (\d{1,2})월 (\d{1,2})일", text)}
    return set(re.findall(r"\d{4}-\d{2}-\d{2}", text))


def assert_korean_twin(ko: Answer, en: Answer, as_of: str = "2026년 10월 31일") -> None:
    """Same facts, same figures, same sources; every sentence the assistant wrote is Korean."""
    where = f"\n{ko.answer}\n--- English:\n{en.answer}"
    assert ko.facts == en.facts, where
    assert (ko.status, ko.intent, ko.private) == (en.status, en.intent, en.private)
    assert in_language(ko.answer, "ko"), where
    assert as_of in ko.answer, where
    mine = "\n".join(composed_lines(ko))
    assert hangul_share(mine) >= 0.85, where
    assert not ENGLISH_RUN.search(mine), (ENGLISH_RUN.search(mine).group(0), where)
    english = "\n".join(composed_lines(en))
    assert amounts(mine, "ko") == amounts(english, "en"), where
    assert dates(mine, "ko") == dates(english, "en"), where
    assert len(ko.citations) == len(en.citations), where
    for k, e in zip(ko.citations, en.citations):
        if e.locator.startswith("Partner record"):
            head = e.locator.split(",")[0]  # "Partner record P-T1-040": what the eval's record match reads
            assert k.locator.startswith(head) and locator_matches(head, k.locator), (k.locator, e.locator)
        else:
            assert locator_matches(e.locator, k.locator) or k.locator == e.locator, (k.locator, e.locator)
