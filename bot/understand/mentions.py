"""What a question mentions that the calculators need: amounts, dates, durations, counts, years.

English and Korean forms. Every pattern is linear (no nested quantifiers) and runs on a capped string.
Relative dates ("next week", "내년 3월") are resolved against the as-of date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.calculators.project import money_spans
from bot.calculators.schedule import add_months
from bot.lang import HANGUL

MAX_CHARS = 4000
_YEAR = re.compile(r"(?<!\d)(20[1-4]\d)(?!\d)"
                   # 24년, 25년도(분): a year in two figures, not a length of time (10년 동안, 20년 이내) nor a date's
                   r"|(?<![\d.,])([23]\d)\s*년(?:\s*도)?(?!\s*\d{1,2}\s*월)(?!\s*(?:동안|간|이내|이상|이하|미만|넘|후|뒤|마다|째|차))")
MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], 1)}
MONTHS |= {m[:3]: i for m, i in list(MONTHS.items())} | {"sept": 9}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "half a": 0.5, "한": 1, "두": 2,
                "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8}
_NUM = r"\d{1,3}|" + "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))

_ISO = re.compile(r"(?<!\d)(20\d\d)[-./](\d{1,2})[-./](\d{1,2})(?!\d)")
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH})\.?,?\s+(20\d\d)\b", re.I)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(20\d\d)\b", re.I)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\.?,?\s+(?:of\s+)?(20\d\d)\b", re.I)
_END_OF = re.compile(r"\bend\s+of\s+$", re.I)  # "the end of March 2027": that month's last day
_KO_DATE = re.compile(r"(?<!\d)(20\d\d|\d\d)\s*년\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일|\s*(말))?")
_KO_MONTH_DAY = re.compile(r"(?<![\d년])(?<!년\s)(\d{1,2})\s*월\s*(\d{1,2})\s*일|(?<![\d년])(?<!년\s)(\d{1,2})\s*월\s*(말)")
_SLASH_MONTH_DAY = re.compile(r"(?<![\d/.,])(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])(?![\d/])")  # 12/18, in Korean text
_MONTH_DAY = re.compile(rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+(?:of\s+)?20\d\d)"
                        rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})\b(?!\.?,?\s+20\d\d)", re.I)
_NEXT_MONTH_NAME = re.compile(rf"\bnext\s+({_MONTH})\b", re.I)
_KO_NEXT_YEAR_MONTH = re.compile(r"(내년|올해|금년)\s*(\d{1,2})\s*월(?:\s*(\d{1,2})\s*일|\s*(말))?")
_RELATIVE = re.compile(
    rf"\b(?:(today|tomorrow|next week|next month|next year|this month)|in\s+({_NUM})\s+(day|week|month|year)s?)\b"
    r"|(오늘|내일|다음\s*주|다음\s*달|내년(?!\s*\d{1,2}\s*월)(?!\s*[상하]반기)(?!\s*말))|(?<!\d)(\d{1,3})\s*(일|주|개월|달|년)\s*(?:후|뒤)", re.I)
_DURATION = re.compile(
    rf"\b({_NUM})[\s-]*(day|week|month|quarter|year)s?\b|\b(a|one|half a)\s+(quarter|year|month)\b"
    r"|(?<!\d)(\d{1,3}|한|두|세|네|다섯|여섯)\s*(개월|달|분기|년)(?!\s*도)(?!\s*\d{1,2}\s*월)|(반\s*년|(?<![상하])반기)|(하루|이틀|사흘|나흘|일주일)", re.I)
_KO_DAYS = {"하루": 1, "이틀": 2, "사흘": 3, "나흘": 4, "일주일": 7}
_COUNT = re.compile(rf"\b({_NUM})\s+(?:more\s+)?(installments?|instalments?|payments?)\b"
                    r"|(\d{1,2}|한|두|세|네)\s*(?:회차|번)(?:\s*분)?", re.I)


@dataclass(frozen=True)
class Mentions:
    """Everything numeric a question says, parsed once."""

    amounts: tuple[int, ...] = ()  # won
    dates: tuple[date, ...] = ()  # absolute or resolved against as_of
    months: tuple[int, ...] = ()  # durations in whole months ("a quarter" = 3, "6개월" = 6)
    days: tuple[int, ...] = ()  # durations in days ("40 days late")
    installments: int | None = None  # "two installments"
    years: tuple[int, ...] = ()  # calendar years named ("in 2024")
    tier: int | None = None  # "as a tier-2 supplier", "2차 협력사"
    # a stretch of time asked about: (first day or None for "everything still unpaid", last day)
    window: tuple[date | None, date] | None = None  # "by the end of March", "내년 상반기", "연말까지"
    # "once we've paid the next installment", "다음 할부금 내고 나면": that installment, paid when it falls due
    # (not "early", "now", "미리": a prepayment today)
    pays_next: bool = False
    tonnes: tuple[float, ...] = ()  # "200,000 tonnes", "40만 톤", "25,000 tCO2eq"


def _number(word: str) -> float:
    word = word.strip().lower()
    return float(word) if word.isdigit() else NUMBER_WORDS.get(word, 0)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def dates_in(text: str, as_of: date) -> list[date]:
    """Absolute and relative dates, in order of appearance."""
    found: list[tuple[int, date | None]] = []
    found += [(m.start(), _safe_date(int(m[1]), int(m[2]), int(m[3]))) for m in _ISO.finditer(text)]
    found += [(m.start(), _safe_date(int(m[3]), MONTHS[m[2].lower()], int(m[1])))
              for m in _DAY_MONTH_YEAR.finditer(text)]
    found += [(m.start(), _safe_date(int(m[3]), MONTHS[m[1].lower()], int(m[2])))
              for m in _MONTH_DAY_YEAR.finditer(text)]
    taken = {start for start, _ in found}
    found += [(m.start(), _day(int(m[2]), MONTHS[m[1].lower()], None,
                               "end" if _END_OF.search(text, max(0, m.start() - 8), m.start()) else None))
              for m in _MONTH_YEAR.finditer(text) if not any(abs(m.start() - s) < 12 for s in taken)]
    found += [(m.start(), _day(int(m[1]) + (2000 if len(m[1]) == 2 else 0), int(m[2]), m[3], m[4]))
              for m in _KO_DATE.finditer(text)]
    taken = {start for start, _ in found}
    for m in _MONTH_DAY.finditer(text):  # "December 15", "15 Dec": the next such day
        if not any(abs(m.start() - s) < 12 for s in taken):
            month, day = (MONTHS[m[1].lower()], int(m[2])) if m[1] else (MONTHS[m[4].lower()], int(m[3]))
            found.append((m.start(), _upcoming(month, str(day), None, as_of)))
    for m in _KO_MONTH_DAY.finditer(text):  # "11월 30일", "1월 말": the next such day
        found.append((m.start(), _upcoming(int(m[1] or m[3]), m[2], m[4], as_of)))
    if HANGUL.search(text):
        found += [(m.start(), _upcoming(int(m[1]), m[2], None, as_of)) for m in _SLASH_MONTH_DAY.finditer(text)]
    for m in _NEXT_MONTH_NAME.finditer(text):
        month = MONTHS[m[1].lower()]
        found.append((m.start(), date(as_of.year + (month <= as_of.month), month, 1)))
    for m in _KO_NEXT_YEAR_MONTH.finditer(text):
        found.append((m.start(), _day(as_of.year + (m[1] == "내년"), int(m[2]), m[3], m[4])))
    for m in _RELATIVE.finditer(text):
        found.append((m.start(), _relative(m, as_of)))
    return [d for _, d in sorted(found, key=lambda f: f[0]) if d is not None]


def _day(year: int, month: int, day: str | None, end: str | None) -> date | None:
    """A day of a month: the day named, the month's last day for 말 ("end of"), else the first."""
    if end and 1 <= month <= 12:
        return add_months(date(year, month, 1), 1) - timedelta(days=1)
    return _safe_date(year, month, int(day or 1))


def _upcoming(month: int, day: str | None, end: str | None, as_of: date) -> date | None:
    """A month and day without a year: this year's, unless that was more than two months ago (then next year's)."""
    this_year = _day(as_of.year, month, day, end)
    if this_year is not None and this_year < as_of - timedelta(days=62):
        return _day(as_of.year + 1, month, day, end)
    return this_year


def _relative(m: re.Match[str], as_of: date) -> date | None:
    word = (m[1] or m[4] or "").lower().replace(" ", "")
    fixed = {"today": 0, "오늘": 0, "tomorrow": 1, "내일": 1, "nextweek": 7, "다음주": 7}
    if word in fixed:
        return as_of + timedelta(days=fixed[word])
    if word in ("nextmonth", "다음달", "thismonth"):
        return add_months(as_of, word != "thismonth")
    if word in ("nextyear", "내년"):
        return add_months(as_of, 12)
    count, unit = (_number(m[2]), m[3].lower()) if m[2] else (float(m[5]), m[6])
    if unit in ("day", "일"):
        return as_of + timedelta(days=int(count))
    if unit in ("week", "주"):
        return as_of + timedelta(days=int(7 * count))
    if unit in ("month", "개월", "달"):
        return add_months(as_of, int(count))
    return add_months(as_of, int(12 * count))


def durations_in(text: str) -> tuple[list[int], list[int]]:
    """(months, days) of every duration named: "a quarter", "6 months", "40 days", "3개월"."""
    months: list[int] = []
    days: list[int] = []
    for m in _DURATION.finditer(text):
        if m[1]:
            count, unit = _number(m[1]), m[2].lower()
        elif m[3]:
            count, unit = _number(m[3]), m[4].lower()
        elif m[7]:
            count, unit = 6, "month"  # 반년, 반기: half a year
        elif m[8]:
            count, unit = _KO_DAYS[m[8]], "day"
        else:
            year = _YEAR.match(text, m.start(5)) if m[6] == "년" else None
            if year is not None and year[2]:
                continue  # "25년 감축량": the year 2025, not 25 years
            count, unit = _number(m[5]), {"개월": "month", "달": "month", "분기": "quarter", "년": "year"}[m[6]]
        if unit == "day":
            days.append(int(count))
        elif unit == "week":
            days.append(int(7 * count))
        else:
            months.append(int(count * {"month": 1, "quarter": 3, "year": 12}[unit]))
    return months, days


_TIER = re.compile(r"\btier[\s-]?([12])\b|(?<!\d)([12])\s*차", re.IGNORECASE)


def tier_in(text: str) -> int | None:
    m = _TIER.search(text)
    return int(m[1] or m[2]) if m else None


def installments_in(text: str) -> int | None:
    m = _COUNT.search(text)
    if not m:
        return None
    return int(_number(m[1] or m[3])) or None


def years_named(text: str) -> list[int]:
    """Calendar years written in the text ("in 2024", "2024년"), in order, without repeats."""
    return list(dict.fromkeys(int(m[1]) if m[1] else 2000 + int(m[2]) for m in _YEAR.finditer(text[:MAX_CHARS])))


_HALF = re.compile(r"(?:(내년|올해|금년)|(20\d\d|[23]\d)\s*년(?:\s*도)?)?\s*(상|하)반기"
                   r"|\b(first|second|1st|2nd)\s+half(?:\s+of)?(?:\s+(next year|this year|20\d\d))?\b"
                   r"|\bH([12])\s*(20\d\d)?\b", re.I)
_YEAR_END = re.compile(r"(올해|금년|내년)\s{0,2}연?말|(?<![\d.,])(20\d\d|[23]\d)\s{0,2}년\s{0,2}연?말|연말"
                       r"|\b(?:by\s+|before\s+|until\s+)?(?:the\s+)?(?:year[-\s]end|end\s+of\s+(?:the\s+)?(?:(this|next)\s+"
                       r"year|year(?:\s+(20\d\d))?|(20\d\d)))\b",
                       re.I)
# up to a day: "by", "until", and a day a balance is asked at ("at the end of March 2027", "27년 12월 31일 기준",
# "as of 30 June 2028"); 기준 and "as of" only right beside the day ("산정 기준" is no day)
_UNTIL = re.compile(r"까지|이전에|(?:\d\s{0,2}일|말)\s{0,2}(?:기준|현재)|\b(?:by|until|till|before|through|end\s+of(?!\s+(?:the\s+|that\s+|a\s+)?month\b))\b"
                    r"|\bas\s+of\s+(?=\d|the\s+end|end\b)", re.I)
# a whole calendar year: "during calendar 2027", "over the whole of next year", "FY2027", "27년 한 해 동안", "내년 전체"
_WHOLE_YEAR = re.compile(
    r"\b(?:calendar|fiscal|financial)\s{1,3}(?:year\s{1,3})?(20\d\d)\b|\bfy\s?(20\d\d)\b"
    r"|\b(?:during|throughout|over)\s{1,3}(?:the\s{1,3}(?:whole\s{1,3}|entire\s{1,3})?(?:(?:calendar\s{1,3})?year\s{1,3})?(?:of\s{1,3})?)?"
    r"(20\d\d)\b"
    # "over the whole of next year", "during next year" (not "over the next year": the twelve months from now)
    r"|\b(?:during|throughout|over)\s{1,3}(?:the\s{1,3}(?:whole|entire)\s{1,3}(?:of\s{1,3})?)?(next\s{1,3}year|this\s{1,3}year)\b"
    r"|(내년|올해|금년|20\d\d\s{0,2}년)(?:\s{0,2}도)?\s{0,2}(?:한\s{0,2}해|일\s{0,2}년|1\s{0,2}년|전체|내내)"
    # a year in two figures only with 한 해 / 일 년 ("30년 내내" is thirty years)
    r"|((?<![\d.,])[23]\d\s{0,2}년)(?:\s{0,2}도)?\s{0,2}(?:한\s{0,2}해|일\s{0,2}년)", re.I)
_NEXT_ONE = re.compile(r"\bnext\s{1,3}(?:installment|instalment|payment|one)\b|다음\s{0,2}(?:할부금?|회차|납부|상환)",
                       re.I)
_EARLY = re.compile(r"\b(?:early|now|today|before|ahead|in advance)\b|미리|지금|오늘|앞당|조기", re.I)
# words that make a month named without a day a range's end or a past one, not one month's installment
_RANGE = re.compile(r"\b(?:between|from|since|after|onwards?|starting)\b|부터|이후|이래", re.I)
_PAST = re.compile(r"\b(?:last|missed|previous|ago)\b|지난|작년|못\s?(?:냈|낸|내)|밀린|연체된", re.I)
# "1월 회차까지", "by January", "through the March one": up to the end of the next such month
_UNTIL_MONTH = re.compile(rf"(?<![\d년])(?<!년\s)(1[0-2]|[1-9])\s{{0,2}}월(?:\s{{0,2}}(?:회차|할부금?|분|납부분?|것|거))?\s{{0,2}}까지"
                          rf"|\b(?:by|until|till|through)\s{{1,3}}(?:the\s{{1,3}})?({_MONTH})\b", re.I)


# a month's installment named without a day: "2월 할부금", "the March payment", "our April one"
_KO_MONTH_ITEM = re.compile(r"(?<![\d년])(?<!년\s)(?<!내년\s)(?<!올해\s)(1[0-2]|[1-9])\s{0,2}월\s{0,2}"
                            r"(?:할부금?|회차|납부분?|상환분?|분|납부|상환)")
_MONTH_ITEM = re.compile(rf"\b(?:the|our|this|next)\s{{1,3}}({_MONTH})\.?\s{{1,3}}(?:installment|instalment|payment|"
                         rf"repayment|one)\b", re.I)


def _months_only(text: str, as_of: date) -> list[date]:
    """The first day of each month the text names without a day ("February 2027", "2027년 2월", "내년 2월",
    "2월 할부금", "the March payment"; a month named alone is the next such month), in order."""
    days = [(m.start(), m.end()) for p in (_DAY_MONTH_YEAR, _MONTH_DAY_YEAR) for m in p.finditer(text)]
    found = [(m.start(), date(int(m[2]), MONTHS[m[1].lower()], 1)) for m in _MONTH_YEAR.finditer(text)
             if not any(s <= m.start() < e or m.start() <= s < m.end() for s, e in days)]
    found += [(m.start(), _safe_date(int(m[1]) + (2000 if len(m[1]) == 2 else 0), int(m[2]), 1))
              for m in _KO_DATE.finditer(text) if not m[3] and not m[4]]
    found += [(m.start(), _safe_date(as_of.year + (m[1] == "내년"), int(m[2]), 1))
              for m in _KO_NEXT_YEAR_MONTH.finditer(text) if not m[3] and not m[4]]
    for m in (*_KO_MONTH_ITEM.finditer(text), *_MONTH_ITEM.finditer(text)):
        month = int(m[1]) if m[1].isdigit() else MONTHS[m[1].lower()]
        found.append((m.start(), _upcoming(month, "1", None, as_of)))  # this year's unless long gone, as dates
    return [d for _, d in sorted(found, key=lambda f: f[0]) if d is not None]


def window_in(text: str, dates: list[date], as_of: date) -> tuple[date | None, date] | None:
    """The stretch of time a question asks about: a half year, the year's end, or up to a date it names."""
    m = _HALF.search(text)
    if m:
        half = m[3] or m[4] or m[6]
        first = half.lower() in ("상", "first", "1st", "1")
        year = _year_of(m[1] or m[2] or m[5] or m[7], as_of)
        if year is None:  # "the first half": this year's, unless it is over
            year = as_of.year + (date(as_of.year, 6 if first else 12, 30 if first else 31) < as_of)
        return (date(year, 1, 1), date(year, 6, 30)) if first else (date(year, 7, 1), date(year, 12, 31))
    m = _WHOLE_YEAR.search(text)
    if m:
        word = next(g for g in m.groups() if g)
        year = _year_of(re.sub(r"(?<=\d)\s*년$", "", " ".join(word.lower().split())), as_of)
        if year is not None and year >= as_of.year:  # a year gone by has nothing left to fall due
            return date(year, 1, 1), date(year, 12, 31)
        if year is not None:
            return None
    m = _YEAR_END.search(text)
    if m:
        year = _year_of(m[1] or m[2] or (f"{m[3]} year" if m[3] else None) or m[4] or m[5], as_of) or as_of.year
        return (None, date(year, 12, 31)) if year >= as_of.year else None
    months = _months_only(text, as_of)
    until = _UNTIL.search(text)
    ahead = [d for d in dates if d >= as_of] if until else []
    if ahead:
        # up to a month named without a day ("2027년 3월까지") is up to that month's end
        return None, (_month_end(ahead[0]) if ahead[0] in months else ahead[0])
    m = _UNTIL_MONTH.search(text) if not dates else None  # a named year or day says which month it is
    if m:  # a month without a day: its installment, wherever in the month it falls
        month = int(m[1]) if m[1] else MONTHS[m[2].lower()]
        return None, _day(as_of.year + (month < as_of.month), month, None, "end")
    ahead_months = [d for d in months if _month_end(d) >= as_of]
    if not until and len(set(months)) == 1 and ahead_months and not _RANGE.search(text) and not _PAST.search(text):
        # "how much is our February 2027 installment?", "내년 2월 할부금 날짜": what falls due in that month
        return ahead_months[0], _month_end(ahead_months[0])
    return None


def _month_end(first: date) -> date:
    return add_months(first, 1) - timedelta(days=1)


def _year_of(word: str | None, as_of: date) -> int | None:
    """내년 / next year, 올해 / this year, 2027, 27 (None when no year is named)."""
    if not word:
        return None
    word = word.lower()
    if word in ("내년", "next year"):
        return as_of.year + 1
    if word in ("올해", "금년", "this year"):
        return as_of.year
    return int(word) + (2000 if len(word) == 2 else 0)


_TONNES = re.compile(r"(?<![\w.,])(?:(\d{1,4})\s{0,2}만\s{0,2}(\d)\s{0,2}천"
                     r"|(\d{1,3}(?:,\d{3})+|\d{1,9}(?:\.\d{1,3})?)\s{0,2}(만|천|k\b|thousand\b|million\b)?)"
                     r"\s{0,2}(?:tco2(?:eq|e)?\b|tonnes?\b|tons?\b|t\b|톤)", re.I)
_TONNE_UNITS = {"만": 10_000, "천": 1_000, "k": 1_000, "thousand": 1_000, "million": 1_000_000}


def tonne_spans(text: str) -> list[tuple[int, int, float]]:
    """Every quantity of tonnes named ("200,000 tonnes", "40만 톤", "4만 5천 톤", "25,000 tCO2eq"), in order: where
    it is written, and how many tonnes."""
    return [(m.start(), m.end(), float(m[1]) * 10_000 + float(m[2]) * 1_000 if m[1]
             else float(m[3].replace(",", "")) * _TONNE_UNITS.get((m[4] or "").lower(), 1))
            for m in _TONNES.finditer(text[:MAX_CHARS])]


def tonnes_in(text: str) -> tuple[float, ...]:
    """Every quantity of tonnes named, in order (:func:`tonne_spans`)."""
    return tuple(t for _, _, t in tonne_spans(text))


# an amount named as the one being replaced ("instead of the usual 13M", "원래 내던 1,300만 원 말고", "대신"): the
# other amount is the one in play, so this one is listed after it
_INSTEAD_BEFORE = re.compile(r"\b(?:instead\s{1,3}of|rather\s{1,3}than|not)\s{1,3}(?:the\s{1,3})?(?:usual\s{1,3}|regular\s{1,3}|normal\s{1,3})?"
                             r"(?:krw\s{0,2}|₩\s{0,2})?$", re.I)
_INSTEAD_AFTER = re.compile(r"\s{0,2}(?:원)?\s{0,2}(?:말고|대신|이\s?아니라|가\s?아니라)")


def _amounts_in_play(text: str) -> tuple[int, ...]:
    """The amounts of money ``text`` names, in order, except that one named as replaced comes after the rest."""
    spans = money_spans(text)
    replaced = [bool(_INSTEAD_BEFORE.search(text[max(0, start - 30):start]) or _INSTEAD_AFTER.match(text, end))
                for start, end, _ in spans]
    if all(replaced):
        return tuple(won for _, _, won in spans)
    return tuple([won for (_, _, won), r in zip(spans, replaced) if not r]
                 + [won for (_, _, won), r in zip(spans, replaced) if r])


def mentions(text: str, as_of: date) -> Mentions:
    text = text[:MAX_CHARS]
    dates = dates_in(text, as_of)
    date_years = {d.year for d in dates}
    months, days = durations_in(text)
    return Mentions(amounts=_amounts_in_play(text), dates=tuple(dates), months=tuple(months),
                    days=tuple(days), installments=installments_in(text), tier=tier_in(text),
                    years=tuple(y for y in years_named(text) if y not in date_years or not dates),
                    window=window_in(text, dates, as_of),
                    pays_next=bool(_NEXT_ONE.search(text)) and not _EARLY.search(text), tonnes=tonnes_in(text))


# The tiers a text speaks of ("tier-1", "tier 2", "1차 협력사", "2차사는"): the rules state most things twice,
# once per tier, in nearly the same words. A Korean 사 is the tier's only before a particle or an ending, so that
# "2차 사업", "1차 사용" and "제2차 …" are not tiers.
TIER = re.compile(r"\btier[- ]?([12])\b|(?<!제)([12])차\s?(?:협력사|사(?![가-힣])|사(?=[은는이가도의에로와랑를을만요인라고면들]))",
                  re.I)


def tier(match: re.Match) -> str:
    """The tier ("1" or "2") a ``TIER`` match names."""
    return match.group(1) or match.group(2)


def tiers_of(text: str) -> list[str]:
    """The tiers ``text`` names, in order: the first is the one it is about ("Tier-2 partners are supported …
    under different terms from tier-1 partners" is about tier-2)."""
    return list(dict.fromkeys(tier(m) for m in TIER.finditer(text[:MAX_CHARS])))
