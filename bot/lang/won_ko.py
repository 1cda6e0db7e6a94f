"""Amounts of won as Korean writes them: 8억원, 3억 5천만 원, 1,200만원, 삼억 이천만 원, 603만 1,875원, 1억 5천.

A Korean amount is groups of a number and a myriad unit (억 = 10^8, 만 = 10^4), largest first, then an optional
remainder, then an optional 원. Numbers are digits ("1,200", "1.5", "5천") or Sino-Korean numeral words (삼,
이천, 오천). Two elisions Korean writers make are read as they mean:

- after 억, a remainder in thousands with no 원 means thousands of 만: 1억 5천 = 150,000,000 (1억 5천원 is
  written out: 100,005,000);
- a bare "N천" with no unit, in a text that states another amount of at least 1억, is N천만: in "8억 중에 LED가
  1억 2천, 인건비 3천은 …" the 3천 is 30,000,000.

Numeral words only count with a myriad unit or 원 after them, since 이, 일 and 사 are everyday syllables too.
Every pattern is linear.
"""

from __future__ import annotations

import re
from decimal import Decimal

_DIGITS = {"일": 1, "이": 2, "삼": 3, "사": 4, "오": 5, "육": 6, "칠": 7, "팔": 8, "구": 9}
_SMALL = {"십": 10, "백": 100, "천": 1000}
_NUMERAL = "[일이삼사오육칠팔구십백천]+"
# a figure, or digits with their small units in a row, each smaller than the one before ("8천 5백" of "8천 5백만",
# "2천5백", "2천 3백 4십"): bounded, so a long run of "1천 1천 …" is read in linear time
_FIGURE = (r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s{0,3}천(?:\s{0,3}\d\s{0,3}백)?(?:\s{0,3}\d\s{0,3}십)?"
           r"|\s{0,3}백(?:\s{0,3}\d\s{0,3}십)?|\s{0,3}십)?")
_NUMBER = rf"(?:{_FIGURE}|{_NUMERAL})"
_GROUP = rf"(?:{_NUMBER})\s*[억만]"
_EDGE = r"(?<![\w.,])"
_AMOUNT = re.compile(
    rf"{_EDGE}(?P<groups>{_GROUP}(?:\s*{_GROUP})*)"
    rf"(?:\s*(?P<rest>(?:\d+\s{{0,3}}천(?:\s{{0,3}}\d\s{{0,3}}백)?|\d+\s{{0,3}}백|[일이삼사오육칠팔구]?[천백][일이삼사오육칠팔구십백]*)(?![만억\d])"
    rf"|(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?=\s*원)))?"
    rf"(?:\s*(?P<won>원(?![청래금인])))?"
    rf"|{_EDGE}(?P<plain>{_FIGURE})\s*원(?![청래금인])"
)
_GROUP_ONE = re.compile(rf"(?P<num>{_NUMBER})\s*(?P<unit>[억만])")
# "3천", "이천" alone: thousands of 만 only beside an amount of 억 (not "3천 톤", "3천 개")
_BARE_THOUSANDS = re.compile(rf"{_EDGE}(?P<num>\d+|[일이삼사오육칠팔구])\s*천(?![만억원\d])(?!\s*[A-Za-z톤개명대시회])"
                             r"(?!\s{0,3}\d\s{0,3}[백십])")  # "3천 5백 톤": part of a larger count
_EOK = 10**8
# what a figure without 원 counts when it is not money: tonnes, pieces, people, machines, cases, times
NOT_MONEY_AFTER = re.compile(
    r"\s{0,3}(?:\d{1,4}\s{0,2}[천백]?\s{0,2})?(?:톤|t(?:co2(?:eq|e)?)?\b|tonnes?\b|tons?\b|kg\b|kwh\b|mwh\b"
    r"|(?:개|명|대|건|회)(?=[의가이는은를을도씩에]|[\s.,?!)]|$))", re.I)


_DIGIT_STEPS = re.compile(r"(\d+(?:\.\d+)?)([천백십]?)")


def numeral(word: str) -> Decimal:
    """``"1,200"`` → 1200, ``"5천"`` → 5000, ``"이천"`` → 2000, ``"십오"`` → 15."""
    word = word.replace(",", "").replace(" ", "")
    if word[:1].isdigit():  # "1200", "1.5", "5천", "8천5백"
        return sum((Decimal(num) * _SMALL.get(unit, 1) for num, unit in _DIGIT_STEPS.findall(word)), Decimal(0))
    total, current = 0, 0
    for ch in word:
        if ch in _DIGITS:
            current = _DIGITS[ch]
        else:
            total += (current or 1) * _SMALL[ch]
            current = 0
    return Decimal(total + current)


def korean_amounts(text: str) -> list[tuple[int, int, int]]:
    """(start, end, won) of every Korean amount in ``text``, in order."""
    found: list[tuple[int, int, int]] = []
    for m in _AMOUNT.finditer(text):
        if m["plain"]:
            found.append((m.start(), m.end(), int(numeral(m["plain"]))))
            continue
        if not m["won"] and NOT_MONEY_AFTER.match(text, m.end()):
            continue  # 12만5천톤, 3만 개: a count of something else
        groups = list(_GROUP_ONE.finditer(m["groups"]))
        if len(groups) == 1 and not m["won"] and not m["rest"] and re.fullmatch("[일이삼사오육칠팔구]만", m["groups"]):
            continue  # 이만, 오만: "this much", "pride", not 20,000 won
        total, last = Decimal(0), ""
        for g in groups:
            last = g["unit"]
            total += numeral(g["num"]) * (_EOK if last == "억" else 10**4)
        if m["rest"]:
            rest = numeral(m["rest"])
            elided = last == "억" and not m["won"] and m["rest"][-1] in "천백"  # 1억 5천 (만 left unsaid)
            total += rest * 10**4 if elided else rest
        found.append((m.start(), m.end(), int(total)))
    if any(won >= _EOK for _, _, won in found):
        taken = [(s, e) for s, e, _ in found]
        for m in _BARE_THOUSANDS.finditer(text):
            if not any(s <= m.start() < e for s, e in taken):
                found.append((m.start(), m.end(), int(numeral(m["num"]) * 1000 * 10**4)))
    return sorted(found)
