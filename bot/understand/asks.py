"""What kind of value a question asks for, and whether a quoted passage holds one.

"How many weeks until the grant is paid?" asks for a duration; a sentence that says support "is paid in one sum
once KAP has confirmed the installation" is on the right topic but does not answer it.
The parse reads the question's interrogative (how many, how long, how often, what percentage, 몇, 며칠, 얼마,
시세…), a closed set in each language, and the answer check reads the values a sentence states (figures with their
units, percentages, won amounts, phone numbers). A question whose asked kind no quoted sentence holds is one the
documents leave open: not found, rather than a nearby clause.

Every pattern is linear (no nested quantifiers) and the text is capped by the parse before it gets here.
"""

from __future__ import annotations

import re

# -- the question side: the interrogative says what kind of value is wanted ---------------------------------------
_UNIT = r"(?:days?|weeks?|months?|years?|quarters?|hours?)"
_ASKS: dict[str, re.Pattern[str]] = {
    # how long something takes or lasts
    "duration": re.compile(
        rf"\bhow\s+(?:many|much)\s+(?:\w+\s+)?{_UNIT}\b|\bhow\s+long\b"
        r"|며칠|몇\s*(?:일|주|개월|달|년|시간)(?![가-힣])|몇\s*(?:일|주|개월|달|년)(?:이|동안|간|치|째|까지|이나|인가|인지|정도|만에)"
        r"|얼마\s*(?:나|동안)\s*(?:걸|오래|기다|소요|지나)|(?:기간|동안)[은는이가]?\s*얼마", re.IGNORECASE),
    # how often
    "frequency": re.compile(r"\bhow\s+often\b|\bhow\s+frequently\b|얼마나\s*자주|몇\s*번씩|주기[는가]?\s*(?:어떻게|얼마)",
                            re.IGNORECASE),
    # a share of something
    "percent": re.compile(r"\bwhat\s+(?:percent(?:age)?|proportion|fraction|share|portion)\b|\bhow\s+many\s+percent\b|\bwhat\s+%"
                          r"|몇\s*(?:%|퍼센트|프로)|비율[은는이가]?\s*(?:얼마|몇)", re.IGNORECASE),
    # a market price
    "price": re.compile(r"\bwhat(?:'s|\s+is|\s+are)?\s+(?:the\s+)?(?:current\s+|going\s+|market\s+|latest\s+)*price"
                        r"|\btrading\s+(?:for|at)\b|\bmarket\s+price\b|시세|시장\s*가격|가격[이은]?\s*(?:얼마|어느)",
                        re.IGNORECASE),
    # a telephone number
    "phone": re.compile(r"\b(?:tele)?phone\b|\bhotline\b|전화|핫라인", re.IGNORECASE),
    # a count or an amount: any figure answers it
    "number": re.compile(r"\bhow\s+(?:many|much)\b|(?<!몇)몇(?!몇)|얼마(?!든지)"
                         r"|\b(?:at\s+what|what(?:['’]?s|\s+is)\s+the|what)\s+(?:\w+\s+){0,3}?"
                         r"(?:cost|amount|sum|figure|budget)\b(?!\s+(?:items?|categor)|s)",
                         re.IGNORECASE),
}

# -- the passage side: the values a sentence states ----------------------------------------------------------------
# What looks like a figure but names something: clause and article numbers, tiers, CO2, answer markers.
_NOT_FIGURES = re.compile(
    r"\[\d+\]|§\s*\d+(?:\.\d+)*|제\s*\d+\s*(?:조(?:의\s*\d+)?|항|호)|\bArt(?:icle)?s?\.?\s*\d+"
    r"|\btier[\s-]?[12]\b|(?<!\d)[12]\s*차|t?CO2(?:eq)?|\bP-T[12]-\d+|\bPRJ-T[12]-\d+", re.IGNORECASE)
_WORD_NUMBER = (r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
                r"|sixty|ninety|hundred|thousand|million|billion")
_FIGURE = re.compile(rf"\d|\b(?:{_WORD_NUMBER}|half|twice|single|double)\b"
                     r"|(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열)\s*(?:번|명|개|곳|달|해|차례|가지)|절반", re.IGNORECASE)
_DURATION = re.compile(
    rf"(?:\d|\b(?:{_WORD_NUMBER}|a|an)\b)[\s-]*(?:working\s+|business\s+|calendar\s+|full\s+)?{_UNIT}\b"
    r"|\d\s*(?:일|주|개월|달|년|분기|시간)|(?:한|두|세|석|넉|여섯)\s*달|하루|이틀|사흘|일주일|\bannual|\bquarterly\b",
    re.IGNORECASE)
_FREQUENCY = re.compile(r"\b(?:each|every|per|a)\s+(?:\w+\s+)?(?:year|quarter|month|week|day|annum)s?\b"
                        r"|\b(?:twice|annual(?:ly)?|yearly|quarterly|monthly|weekly|daily)\b"
                        r"|매년|매월|매주|매일|분기마다|분기별|마다|연\s*\d+\s*회|\d+\s*회", re.IGNORECASE)
_PERCENT = re.compile(r"%|\bper\s*cent\b|\bpercent|퍼센트|\bhalf\b|절반|\bone\s+to\s+one\b|1\s*:\s*1", re.IGNORECASE)
_MONEY = re.compile(r"\bKRW\b|₩|\bwon\b|\d\s*(?:억|만|천)?\s*원|\d\s*억|\bUSD\b|\$\s*\d|€|\bEUR\b", re.IGNORECASE)
_PHONE = re.compile(r"(?<!\d)(?:\+?82[-.\s]?)?\(?0\d{1,2}\)?[-.\s]\d{3,4}[-.\s]\d{4}(?!\d)|(?<!\d)1\d{3}-\d{4}(?!\d)")

# each kind a question may ask for, and what states a value of that kind
_STATES: dict[str, re.Pattern[str]] = {"number": _FIGURE, "duration": _DURATION, "frequency": _FREQUENCY,
                                       "percent": _PERCENT, "price": _MONEY, "phone": _PHONE}


def asked(text: str) -> frozenset[str]:
    """The kinds of value ``text`` asks for (empty: a yes/no, how or why question, or one any clause may answer)."""
    kinds = {kind for kind, pattern in _ASKS.items() if pattern.search(text)}
    if kinds - {"number"}:
        kinds.discard("number")  # "how many days" asks for a duration, which is a figure with a unit
    return frozenset(kinds)


def provided(text: str, kinds=_STATES) -> frozenset[str]:
    """The kinds of value (of ``kinds``, all by default) ``text`` states."""
    plain = _NOT_FIGURES.sub(" ", text)
    return frozenset(kind for kind in kinds if _STATES[kind].search(plain))


def answers(kinds: frozenset[str], text: str) -> bool:
    """Whether ``text`` states a value of one of the kinds asked for (any text answers a question asking none)."""
    return not kinds or bool(provided(text, kinds))


# -- a softer preference: "when …?", "by when", "deadline", 언제, 기한 ask for a time, which an event may also answer
# ("once KAP has confirmed the installation"), so it never makes a question not found; it only prefers, among
# sentences nearly as close as the best, one that states a date or a duration
_WHEN = re.compile(r"\bwhen\b|\bby\s+what\s+date\b|\bwhat\s+date\b|\bdeadline\b|\bexpir|\blapse|언제|기한|만료|소멸",
                   re.IGNORECASE)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}|\b\d{1,2}\s+(?:january|february|march|april|may|june|july|august|september"
                   r"|october|november|december)\b|\b(?:january|february|march|april|may|june|july|august|september"
                   r"|october|november|december)\s+\d|\d+\s*월\s*\d+\s*일|말일", re.IGNORECASE)


def preferred(text: str) -> frozenset[str]:
    """The kinds of value a sentence answering ``text`` should preferably state: what :func:`asked` finds, and a
    time ("when", "deadline") stated as a date or a duration."""
    kinds = set(asked(text))
    if _WHEN.search(text):
        kinds.add("time")
    return frozenset(kinds)


def states_preferred(kinds: frozenset[str], sentence: str) -> bool:
    """Whether ``sentence`` states a value of one of ``kinds`` (:func:`preferred`)."""
    plain = _NOT_FIGURES.sub(" ", sentence)
    return any(_DATE.search(plain) or _DURATION.search(plain) if kind == "time" else _STATES[kind].search(plain)
               for kind in kinds)
