"""Figures worked out from the Act articles an answer quotes, on what the question states.

- A compliance year's surrender deadline (Art. 27: the year's end plus ``act.surrender_months``).
- Shares of a surrender obligation a quoted passage sets ("15% of the surrender obligation in the first year",
  "capped at no more than 10%"), on the tonnes the question states.
- The most a penalty surcharge can come to (Art. 33: a multiple of the year's average price per missing tonne, with
  the former cap per tonne for a failure before its deletion took effect), on the shortfall and price stated.
- The years inside a span a quoted passage states ("the 4th phase, from 2026 to 2030"): a question set in 2027 is
  about that phase, not about a year the documents know nothing of.

Pure functions; the assistant words and cites what they return. Every pattern is linear and reads a capped text.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from bot.calculators.project import money_spans
from bot.calculators.schedule import add_months
from bot.store.lexical import tokenize
from bot.understand.mentions import tonne_spans, years_named

MAX_CHARS = 2000  # of a question read for compliance years
MAX_SPAN_YEARS = 10  # a longer stretch between two years is no phase or period

# a passage that sets shares of the surrender obligation, and the word for it in a question
_OBLIGATION = re.compile(r"surrender obligation|제출\s?의무")
_OBLIGATION_WORD = re.compile(r"obligation|의무", re.I)
_PERCENT = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d{1,2})?)\s?%")
_COMPLIANCE_YEAR = re.compile(r"(?<!\d)(20\d\d)\s{0,2}(?:년\s{0,2})?(?:compliance\s+year|이행\s?연도)"
                              r"|compliance\s+year\s{1,3}(?:of\s{1,3})?(20\d\d)(?!\d)"
                              r"|(?<![\d.,])(\d\d)\s{0,2}년\s{0,2}이행\s?연도", re.I)
# a price per tonne: "40,000 won/t", "KRW 50,000 per tonne", "톤당 4만 원", "5만 원/톤"
_PER_TONNE_AFTER = re.compile(r"\s{0,2}(?:/\s{0,2}(?:t(?:co2(?:eq|e)?|onnes?|ons?)?\b|톤)"
                              r"|per\s{1,3}(?:t\b|tonnes?\b|tons?\b|tco2)|an?\s{1,3}(?:tonne|ton)\b)", re.I)
_PER_TONNE_BEFORE = re.compile(r"(?:톤당|\bper\s{1,3}(?:tonne|ton|t)\b|\ba\s{1,3}(?:tonne|ton)\b)[^\d]{0,12}$", re.I)
# a passage that sets a surcharge per missing tonne (Art. 33)
_SURCHARGE = re.compile(r"surcharge for each missing tonne|부족한 1톤마다")
_YEAR_SPAN = re.compile(r"(?<!\d)(20\d\d)\s{0,2}(?:-|–|to|through|년?\s{0,2}부터|년?\s{0,2}~)\s{0,2}(20\d\d)(?!\d)")


def compliance_years(question: str) -> list[int]:
    """The compliance years a question names ("the 2024 compliance year", "2024 이행연도분", "25년 이행연도")."""
    found = [int(m[1] or m[2]) if (m[1] or m[2]) else 2000 + int(m[3])
             for m in _COMPLIANCE_YEAR.finditer(question[:MAX_CHARS])]
    return list(dict.fromkeys(y for y in found if 2000 < y < 2100))[:2]


def surrender_due(year: int, months: int) -> tuple[date, date]:
    """Art. 27: the end of compliance ``year`` and the day its allowances must be surrendered by."""
    end = date(year, 12, 31)
    return end, add_months(end, months)


def sets_shares(text: str) -> bool:
    """Whether a passage sets shares of the surrender obligation."""
    return bool(_OBLIGATION.search(text))


def percents(text: str) -> list[float]:
    """The percentages a quoted text states, in order, without repeats ("10%", "약 5%", "12.5 %")."""
    return list(dict.fromkeys(float(p) for p in _PERCENT.findall(text)))


def obligation_tonnes(question: str) -> float | None:
    """The tonnes a question states for the surrender obligation: of several, the ones nearest the word for it
    ("we emit 125,000 t; our obligation is 200,000 t" is 200,000); None when it states no tonnes."""
    stated = tonne_spans(question)
    if not stated:
        return None
    said = [m.start() for m in _OBLIGATION_WORD.finditer(question[:MAX_CHARS])]
    if not said:
        return stated[0][2]
    return min(stated, key=lambda s: min(abs(s[0] - at) for at in said))[2]


def stated_figures(question: str, chunks, quotes_article_27: bool, quotes_law: bool) -> frozenset[str]:
    """The words of the question that are figures these passages work out, not figures the documents lack: the
    years whose deadline Art. 27 gives, the tonnes a passage's shares are worked on, and any year inside a span
    a quoted passage states."""
    words: set[str] = set()
    years = years_named(question) if quotes_article_27 else []
    years += compliance_years(question) if quotes_law else []
    words |= {t for y in years for t in (str(y), str(y % 100))}
    surcharge = any(_SURCHARGE.search(c.text) for c in chunks)  # Art. 33: on the shortfall and price stated
    spans = [(start, end) for start, end, _ in tonne_spans(question)] if surcharge or any(
        sets_shares(c.text) for c in chunks) else []
    spans += price_spans(question) if surcharge else []
    words |= {t for start, end in spans for t in tokenize(question[start:end])}
    words |= {str(y) for y in years_spanned(chunks)}
    return frozenset(words)


def years_spanned(chunks) -> frozenset[int]:
    """The years inside a span the passages state ("the 4th phase, 2026 to 2030", "2026년부터 2030년까지")."""
    years: set[int] = set()
    for chunk in chunks:
        for m in _YEAR_SPAN.finditer(chunk.text):
            first, last = int(m[1]), int(m[2])
            if 0 < last - first <= MAX_SPAN_YEARS:
                years |= set(range(first, last + 1))
    return frozenset(years)


def _prices(question: str) -> list[tuple[int, int, int]]:
    text = question[:MAX_CHARS]
    return [(start, end, krw) for start, end, krw in money_spans(text)
            if _PER_TONNE_AFTER.match(text, end) or _PER_TONNE_BEFORE.search(text[max(0, start - 24):start])]


def price_per_tonne(question: str) -> int | None:
    """The price per tonne a question states ("40,000 won/t", "톤당 4만 원"), in won; None when it states none."""
    found = _prices(question)
    return found[0][2] if found else None


def price_spans(question: str) -> list[tuple[int, int]]:
    """Where the question states a price per tonne."""
    return [(start, end) for start, end, _ in _prices(question)]


def surcharge(tonnes: float, price: int, failed_on: date, multiple: int, former_cap: int,
              cap_deleted_from: date) -> dict:
    """Art. 33: the most the surcharge can be for ``tonnes`` missing at an average ``price`` per tonne, for a
    failure to surrender on ``failed_on``: ``multiple`` times the price per tonne, and no more than the former cap
    per tonne unless the failure came after the cap's deletion took effect."""
    triple = multiple * price
    capped = failed_on <= cap_deleted_from and triple > former_cap
    per = min(triple, former_cap) if failed_on <= cap_deleted_from else triple
    # the tonnes as stated, without a float's error ("1.13만 톤" parses as 11299.999999999998)
    total = (Decimal(repr(round(tonnes, 6))) * per).to_integral_value(rounding=ROUND_FLOOR)
    return {"tonnes": tonnes, "price_krw": price, "multiple_krw": triple, "per_tonne_krw": per,
            "total_krw": int(total), "failed_on": failed_on.isoformat(), "cap_applies": failed_on <= cap_deleted_from,
            "capped": capped}
