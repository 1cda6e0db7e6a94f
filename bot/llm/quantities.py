"""Numbers, amounts, dates and clause references as values, whatever language or format wrote them.

``114,308,250``, ``KRW 114,308,250``, ``114,308,250원`` and ``1억 1,430만 8,250원`` are all 114308250;
``2026-12-20``, ``2026년 12월 20일``, ``2026.12.20`` and ``December 20, 2026`` are all the date 2026-12-20;
``§7.2``, ``Art. 29`` and ``제29조`` are clause references. Citation markers (``[2]``) and firm ids
(``P-T1-014``) are not numbers. Every pattern is linear: bounded repetition, no nested quantifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"], 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
WORDS = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                                     "ten", "eleven", "twelve"])}

MARKER = re.compile(r"\[\d{1,3}\]")
FIRM_ID = re.compile(r"(?<![A-Za-z0-9])P-T[0-9]-[0-9]{1,4}(?![0-9])")  # "P-T1-002도" names one too
CLAUSE = re.compile(r"§\s?(\d{1,2}(?:\.\d{1,2}){0,2})|\bArt(?:icle|\.)?\s?(\d{1,3})(?:\(\d{1,2}\))?|제\s?(\d{1,3})\s?조")
ISO_DATE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
DOT_DATE = re.compile(r"\b(\d{4})\.\s?(\d{1,2})\.\s?(\d{1,2})\.?")
KO_DATE = re.compile(r"(\d{4})\s?년\s?(\d{1,2})\s?월\s?(\d{1,2})\s?일")
EN_DATE = re.compile(r"\b([A-Za-z]{3,9})\.?\s(\d{1,2})(?:st|nd|rd|th)?,?\s(\d{4})\b|\b(\d{1,2})(?:st|nd|rd|th)?\s([A-Za-z]{3,9})\.?,?\s(\d{4})\b")
KO_AMOUNT = re.compile(r"(\d[\d,]{0,20})\s?억(?:\s?(\d[\d,]{0,8})\s?만)?(?:\s?(\d[\d,]{0,8}))?|(\d[\d,]{0,8})\s?만(?:\s?(\d[\d,]{0,8}))?(?=\s?원)")
NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3}){1,6}(?:\.\d{1,6})?(?![\d,])|(?<![\w.,])\d{1,15}(?:\.\d{1,6})?(?![\d])")
WORD_NUMBER = re.compile(r"\b(" + "|".join(WORDS) + r")\b", re.IGNORECASE)


@dataclass(frozen=True)
class Quantities:
    numbers: frozenset[Decimal]
    dates: frozenset[date]
    clauses: frozenset[str]

    def __or__(self, other: "Quantities") -> "Quantities":
        return Quantities(self.numbers | other.numbers, self.dates | other.dates, self.clauses | other.clauses)

    @property
    def date_parts(self) -> frozenset[Decimal]:
        """Each date's year, month and day, as numbers ("2026년 12월" says two of them)."""
        return frozenset(Decimal(p) for d in self.dates for p in (d.year, d.month, d.day))


EMPTY = Quantities(frozenset(), frozenset(), frozenset())


def _num(text: str) -> Decimal | None:
    try:
        value = Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None
    return value.normalize() if value == value.to_integral_value() else value


def _date(y: str, m: str | int, d: str) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def clause(ref: str) -> str:
    """One spelling per clause: "§7.2", "Art. 29" (제29조 is the Act's article 29)."""
    m = CLAUSE.fullmatch(ref.strip())
    if not m:
        return ref.strip()
    return f"§{m.group(1)}" if m.group(1) else f"Art. {m.group(2) or m.group(3)}"


def extract(text: str, words: bool = False) -> Quantities:
    """Every number, date and clause in ``text``; ``words``: "eight" counts as 8 too."""
    text = MARKER.sub(" ", text[:50_000])
    text = FIRM_ID.sub(" ", text)
    clauses = {clause(m.group(0)) for m in CLAUSE.finditer(text)}
    text = CLAUSE.sub(" ", text)
    dates: set[date] = set()

    def take(pattern: re.Pattern, parse) -> None:
        nonlocal text
        for m in pattern.finditer(text):
            found = parse(m)
            if found is not None:
                dates.add(found)
        text = pattern.sub(" ", text)

    take(ISO_DATE, lambda m: _date(m.group(1), m.group(2), m.group(3)))
    take(KO_DATE, lambda m: _date(m.group(1), m.group(2), m.group(3)))
    take(DOT_DATE, lambda m: _date(m.group(1), m.group(2), m.group(3)))
    take(EN_DATE, lambda m: _date(m.group(3), MONTHS.get(m.group(1).lower(), 0), m.group(2)) if m.group(1)
         else _date(m.group(6), MONTHS.get(m.group(5).lower(), 0), m.group(4)))
    numbers: set[Decimal] = set()
    for m in KO_AMOUNT.finditer(text):
        if m.group(1) is not None:
            value = (_num(m.group(1)) or 0) * 10**8 + (_num(m.group(2) or "0") or 0) * 10**4 + (_num(m.group(3) or "0") or 0)
        else:
            value = (_num(m.group(4)) or 0) * 10**4 + (_num(m.group(5) or "0") or 0)
        numbers.add(Decimal(value).normalize())
    text = KO_AMOUNT.sub(" ", text)
    for m in NUMBER.finditer(text):
        value = _num(m.group(0))
        if value is not None:
            numbers.add(value)
    if words:
        numbers |= {Decimal(WORDS[m.group(1).lower()]) for m in WORD_NUMBER.finditer(text)}
    return Quantities(frozenset(numbers), frozenset(dates), frozenset(clauses))


def of_facts(facts: object) -> Quantities:
    """The values a computed facts object holds: numbers, ISO dates, and the quantities in its strings."""
    found = EMPTY
    stack = [facts]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack += list(item.values())
        elif isinstance(item, (list, tuple)):
            stack += list(item)
        elif isinstance(item, bool) or item is None:
            continue
        elif isinstance(item, (int, float)):
            value = _num(str(item))
            if value is not None:
                found = found | Quantities(frozenset({value}), frozenset(), frozenset())
        elif isinstance(item, str):
            found = found | extract(item)
    return found
