"""A project described in free text: which §5 category, what cost, how much §6 support.

``parse_project`` reads a partner's sentence ("replace two boilers with heat
pumps, cost KRW 300M"); ``estimate_support`` applies §5.1–§5.3 and §6.1/§6.2 to
it. Money is whole won, computed with Decimal and rounded down (never float).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from functools import lru_cache
from typing import Any, Literal

from bot.calculators.params import Category, Exclusion, Param, Parameters
from bot.lang.won_ko import NOT_MONEY_AFTER, korean_amounts
from bot.records.models import Project

Verdict = Literal["eligible", "excluded", "unknown"]

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_MONEY = re.compile(
    rf"(?:(?P<pre>\bkrw|₩)\s*)?(?:(?<![\w.,])|(?<=krw))(?P<num>{_NUM})\s*"
    r"(?:(?P<eok>억)(?:\s*(?P<num2>\d+)\s*(?P<unit2>천만|백만|만))?"
    r"|(?P<unit>천만|백만|만|(?:billion|bn|b|million|mn|mil|m|thousand|k)\b))?"
    r"(?:\s*(?P<post>원|won\b|krw\b))?",
)
_UNITS = {"billion": 9, "bn": 9, "b": 9, "million": 6, "mn": 6, "mil": 6, "m": 6,
          "thousand": 3, "k": 3, "천만": 7, "백만": 6, "만": 4}
_TOTAL = re.compile(r"\b(?:total|in all|altogether|overall)\b|총")
_INCLUDED = re.compile(r"\b(?:incl|including|includes|included|of which|inc)\b|포함|그\s?중|중에|가운데"
                       r"|(?:그|이|금액|견적|비용)\s?안에|들어\s?있|들어가\s?있")
# "KRW 41M of that is LED": part of the cost stated before it (not "of this year's budget")
_OF_THAT = re.compile(r"\s{0,3}of (?:that|this|it|the total|the quote)(?=\s{0,3}(?:is|are|was|were|goes|go|for|[,.;)]|$))")
# "incl. VAT 198M" / "부가세 포함 1억 9,800만 원" (the item named just before the amount, with its inclusion word)
_GROSS_BEFORE = re.compile(r"(?:\b(?:incl\.?|including|with)\s{0,3}|포함(?:된|한|해서)?\s{0,3})$")
_GROSS_BETWEEN = re.compile(r"\s{0,3}(?<!미)(?:포함(?:된|한|해서)?|included)(?!\s?안)\s{0,3}:?\s{0,3}")
# "KRW 198M incl. VAT", "1억 (VAT 포함)", "KRW 198M VAT included"
_GROSS_AFTER = re.compile(r"\s{0,3}\(?\s{0,3}(?:incl\.?|including|inclusive of)\s{1,3}$")
_GROSS_AFTER_ITEM = re.compile(r"\s{0,3}(?<!미)(?:포함|included)(?!\s?안)")
# An amount stated without the §5.3 items ("the 600M net", "KRW 600M ex VAT", "부가세 뺀 6억", "공급가 6억"): after a
# gross amount it states the same cost again, net, and is the cost from there on.
_NET_BEFORE = re.compile(r"(?:\bnet(?:\s{1,3}of\s{1,3}vat)?|\bex[-\s]?vat|\bexcl(?:uding|\.)?\s{0,3}vat|\bbefore\s{1,3}vat"
                         r"|\bwithout\s{1,3}vat|(?:부가세|부가가치세|vat)\s{0,2}(?:뺀|빼고|빼면|제외(?:한|하고|하면)?|별도|미포함)"
                         r"(?:\s{0,2}금액)?|공급가(?:액)?)\s{0,3}(?:은|는|이|가|으로|로)?"
                         r"(?:\s{1,3}(?:is|was|comes\s{1,3}to|of)\b|\s{0,2}[=:])?\s{0,3}(?:krw|₩)?\s{0,2}$")
_NET_AFTER = re.compile(r"\s{0,3}(?:\bnet\b|\bex[-\s]?vat\b|\bexcl(?:uding|\.)?\s{0,3}(?:of\s{1,3})?vat\b|\bbefore\s{1,3}vat\b"
                        r"|\(?\s{0,2}(?:부가세|vat)\s{0,2}(?:별도|제외|미포함))")
# "of the 600M net, 70M is LED", "6억 중에 LED가 7천": the amounts that follow are parts of this one
# a second amount said to come on top ("another 50M ex VAT", "LED adds 20M net", "별도로 2천"): no restatement
_ADDED = re.compile(r"\b(?:another|plus|adds?|added|additional|extra|more|separate(?:ly)?|also|on\s{1,3}top)\b|추가|별도로"
                    r"|따로|더 ")
# An amount the asker expects to be given ("so we'd get 550M?", "support of 550M?", "5억 5천 받나요?"): the support
# they think follows from the cost stated beside it, not a cost. (Not "we got a 600M quote", "견적 8억 받았어요",
# "8억 지원받을 수 있나요": those state the cost.)
_RECEIVED_BEFORE = re.compile(r"(?:\b(?:we['’]d|we['’]ll|we\s{1,3}(?:would|will|should|could)|(?:would|will|do|could|can|should)"
                              r"\s{1,3}we)\s{1,3}(?:get|receive|be\s{1,3}(?:given|paid|granted|awarded))"
                              r"|\b(?:support|grant|subsidy|funding)\s{1,3}(?:of|is|would\s{1,3}be|will\s{1,3}be|="
                              r"|comes\s{1,3}to))\s{1,3}(?:back\s{1,3})?(?:about|around|roughly|only|like|the\s{1,3}full)?"
                              r"\s{0,3}(?:krw|₩)?\s{0,2}$")
_RECEIVED_AFTER = re.compile(r"\s{0,2}(?:원)?\s{0,2}(?:을|를|이|가|은|는|정도|쯤|이나|씩)?\s{0,2}받(?:나요|는|을|죠|게|으면|아요|을까)")
_QUOTED = re.compile(r"견적|quote|invoice|budget|\bbid\b|estimate")
_CONTAINER_BEFORE = re.compile(r"\bof\s{1,3}(?:the\s{1,3}|that\s{1,3}|this\s{1,3})?(?:krw\s{0,3}|₩\s{0,2})?$")
_CONTAINER_AFTER = re.compile(r"\s{0,3}(?:원\s{0,2})?(?:중에?|가운데|안에)(?!\s{0,2}(?:하나|일부))"
                              r"|\s{0,3}(?:net\s{0,3})?[,(]?\s{0,3}(?:of\s{1,3}which|(?:그|이)\s?중"
                              r"|(?:which\s{1,3})?(?:includes|contains|including)\b)")
# "of that, 25M is LED and 12M is building work", "그중에 LED가 2,500만, 공사비가 1,200만": the amounts after it, to
# the sentence's end, are parts of the amount before it
_CONTAINER_OPEN = re.compile(r"\bof\s{1,3}(?:that|this|it|which)\b\s{0,3}(?:[,:]|(?:krw|₩)?\s{0,2}$)"
                             r"|\b(?:inside|included\s{1,3}in)\s{1,3}(?:that|this|it|the\s{1,3}(?:quote|price|total|cost|package))\b"
                             r"|\b(?:that|this|it|which|the\s{1,3}(?:quote|price|package))\s{1,3}(?:includes|contains)\b"
                             r"|(?<![가-힣])(?:그\s?|이\s)(?:중|가운데)(?:에서|에)?(?![가-힣])"  # not 이중 (double)
                             r"|(?<![가-힣])(?:그\s?안|이\s?안)(?:에는|에도|에)(?![가-힣])"
                             # "여기에 … 들어가 있어요" holds (_HOLDS); "여기에 LED 5천만원 추가하면" adds
                             r"|(?<![가-힣])(?P<here>여기|거기)(?:에는|에)(?![가-힣])")
_HOLDS = re.compile(r"들어가|들어 ?있|포함")
# "40,000,000 of that is LED": this amount is a part of the one before it
_PART_AFTER = re.compile(r"\s{0,3}(?:krw|won)?\s{0,2}of\s{1,3}(?:that|this|it|the\s{1,3}(?:quote|total|price))"
                         r"(?=\s{0,3}(?:is|are|was|goes|will|for)\b|\s{0,3}[,:=(])")
# "부가세 별도 1천만 원": the VAT's own amount, stated apart (not a cost without its VAT)
_VAT_STATED = re.compile(r"(?:별도|미포함)\s{0,3}(?:은|는|이|가|로|으로)?\s{0,3}(?:krw|₩)?\s{0,2}$")
_SENTENCE_BREAK = re.compile(r"(?<!incl)(?<!excl)(?<!approx)(?<!\bno)(?<!\bvs)[.!?。]\s")  # not "incl. VAT"
# "부가세 별도 2억 1천만 원" is a cost without its VAT; "… 2억, 부가세 별도 2천만 원" states the VAT's own amount,
# which only an amount well under the cost stated before it can be
VAT_SHARE_AT_MOST = 4
_BARE_MIN = 1_000_000  # a bare number without unit or currency counts as won only from a million up


@dataclass(frozen=True)
class _Amount:
    start: int
    end: int
    krw: int


@dataclass(frozen=True)
class ProposedProject:
    """What a partner's description says: categories, §5.2 items, costs in won (None = not stated)."""

    text: str
    category: Category | None  # the main §5.1 category (LED only if nothing else was named)
    mentioned: tuple[Category, ...]  # every §5.1 category named, LED included
    exclusions: tuple[Exclusion, ...]  # §5.2 items named
    eligible_cost_krw: int | None  # total cost of the eligible equipment, LED included
    led_cost_krw: int = 0
    cost_items: tuple[Exclusion, ...] = ()  # §5.3 costs named (VAT, land, buildings, staff costs)
    left_out: tuple[tuple[Exclusion, int], ...] = ()  # each amount stated for a §5.2 or §5.3 item, with the item

    @property
    def excluded_cost_krw(self) -> int:
        """What the amounts stated for §5.2 or §5.3 items, left out of the eligible cost, come to."""
        return sum(amount for _, amount in self.left_out)

    @classmethod
    def from_record(cls, project: Project, params: Parameters) -> ProposedProject:
        """The same view of a recorded project (its category key and costs from projects.csv)."""
        category = params.category(project.category)
        return cls(text=project.description, category=category,
                   mentioned=(category,) if category else (), exclusions=(),
                   eligible_cost_krw=project.eligible_cost_krw, led_cost_krw=project.led_cost_krw)


@dataclass(frozen=True)
class SupportEstimate:
    """§6 support for a proposed project; ``support_krw`` is 0 when excluded, None when no cost is known."""

    tier: int
    verdict: Verdict
    category: Category | None
    exclusions: tuple[Exclusion, ...]
    reasons: tuple[str, ...]
    ratio: Param  # Decimal, e.g. 0.5 under §6.1
    cap: Param  # won
    eligible_cost_krw: int | None
    led_cost_krw: int
    led_countable_krw: int  # LED counted only up to led_max_share of the eligible cost (§5.1)
    countable_cost_krw: int | None
    support_krw: int | None
    capped: bool
    cost_exclusions: tuple[str, ...]  # §5.3: never part of eligible cost
    clauses: tuple[str, ...]

    def facts(self) -> dict[str, Any]:
        """Flat facts for the composer and the eval harness."""
        return {
            "tier": self.tier, "verdict": self.verdict,
            "category": self.category.key if self.category else None,
            "category_name": self.category.name if self.category else None,
            "excluded_items": [e.key for e in self.exclusions],
            "support_ratio": float(self.ratio.value), "support_cap_krw": self.cap.value,
            "eligible_cost_krw": self.eligible_cost_krw, "led_cost_krw": self.led_cost_krw,
            "led_countable_krw": self.led_countable_krw, "countable_cost_krw": self.countable_cost_krw,
            "support_krw": self.support_krw, "capped": self.capped, "clauses": list(self.clauses),
        }


def parse_money(text: str) -> list[int]:
    """Every amount of won in ``text`` ("KRW 300M", "1.2bn", "300,000,000 won", "3억"), in order."""
    return [a.krw for a in _amounts(text.lower())]


def money_spans(text: str) -> list[tuple[int, int, int]]:
    """Every amount of won in ``text`` with where it is written: (start, end, won)."""
    return [(a.start, a.end, a.krw) for a in _amounts(text.lower())]


def _expected_support(low: str, amounts) -> set[int]:
    """The amounts (by position) the asker says it expects to be given, beside at least one that stays a cost."""
    found = set()
    for i, amount in enumerate(amounts):
        lo = amounts[i - 1].end if i else 0
        before = low[max(lo, amount.start - 40):amount.start]
        after = low[amount.end:amounts[i + 1].start if i + 1 < len(amounts) else len(low)]
        if _QUOTED.search(low[max(0, amount.start - 25):amount.start]):
            continue  # "we'd get a quote of 600M": the cost
        if _RECEIVED_BEFORE.search(before) or _RECEIVED_AFTER.match(after):
            found.add(i)
    return found if len(found) < len(amounts) else set()


def parse_project(text: str, params: Parameters) -> ProposedProject:
    """Read categories, §5.2 items and costs from a description; LED and excluded amounts are told apart."""
    low = text.lower()
    hits = _hits(low, params)
    mentioned = tuple(c for c in params.categories if any(h[2] is c for h in hits))
    exclusions = tuple(e for e in params.excluded if any(h[2] is e for h in hits))
    cost_items = tuple(e for e in params.cost_items if any(h[2] is e for h in hits))
    main = [c for c in mentioned if c.standalone]
    counts = {c.key: sum(1 for h in hits if h[2] is c) for c in main}
    category = max(main, key=lambda c: counts[c.key]) if main else (mentioned[0] if mentioned else None)

    amounts = _amounts(low)
    expected = _expected_support(low, amounts)
    led = main_cost = 0
    deductions: list[tuple[Exclusion, int]] = []  # amounts taken out of a cost they were stated as part of
    left_out: list[tuple[Exclusion, int]] = []
    totals: list[int] = []
    led_included = False
    within = False  # the amounts from here on are parts of a net amount stated as holding them ("of the 600M net")
    contained = False  # … because a container was named before them ("of that, …", "그중에 …"): equipment too
    held: dict = {}  # §5.3 item -> the cost stated as including it ("incl. VAT"): a later amount of it comes out
    gross = False  # a cost was stated with a §5.3 item in it ("KRW 660M incl. 60M VAT", "6억 6천(부가세 6천 포함)")
    for i, amount in enumerate(amounts):
        lo = amounts[i - 1].end if i else 0
        before = low[lo:amount.start]
        after = low[amount.end:amounts[i + 1].start if i + 1 < len(amounts) else len(low)]
        if within and (_SENTENCE_BREAK.search(before) or _ADDED.search(before) or ";" in before):
            within = contained = False  # a new sentence, or one said to come on top: no longer a part
        opened = _CONTAINER_OPEN.search(_SENTENCE_BREAK.split(before)[-1]) if i and not within else None
        rest = _SENTENCE_BREAK.split(low[amount.start:amount.start + 300])[0]  # this amount's sentence, from it on
        if opened and (not opened["here"] or _HOLDS.search(rest)):
            within = contained = True
        part = bool(i and not within and _PART_AFTER.match(after))  # "40M of that is LED": this one only
        if (gross and not within and amount.krw < main_cost and _restated(hits, low, lo, amount)
                and (_NET_BEFORE.search(low[max(lo, amount.start - 40):amount.start]) or _NET_AFTER.match(after))):
            # the gross cost stated again without its VAT: this is the cost now (the VAT stays named as left out,
            # and what else was taken out of the gross, staff time say, is still out of it)
            main_cost = amount.krw
            deductions = [(item, krw) for item, krw in deductions if item.key != "vat"]
            held = {item: a for item, a in held.items() if item.key != "vat"}  # the net cost is stated: VAT is out
            within = bool(_CONTAINER_BEFORE.search(before) or _CONTAINER_AFTER.match(after))
            continue
        if i in expected:
            continue  # the support the asker expects ("so we'd get 550M?"), not a cost
        owner = _nearest(hits, amount, i, amounts, low)
        if (not within and owner in cost_items and i + 1 < len(amounts)
                and _CONTAINER_OPEN.search(_SENTENCE_BREAK.split(after)[0])):
            owner = None  # "견적 8억원인데 그 안에 인건비 1,200만원": the whole the later amounts are parts of
        holds = [item for item in cost_items if _gross(hits, item, amount, low, lo)]
        gross = gross or bool(holds)
        held.update({item: amount for item in holds})
        if owner in holds:
            owner = None  # the cost the item is part of; an amount stated "of that" for the item comes out of it
        elif owner in cost_items and owner.key == "vat" and (
                _NET_AFTER.match(after) or (_NET_BEFORE.search(low[max(lo, amount.start - 40):amount.start])
                                            and not (_VAT_STATED.search(low[max(lo, amount.start - 40):amount.start])
                                                     and amount.krw * VAT_SHARE_AT_MOST < main_cost))):
            owner = None  # "another 30M ex VAT", "부가세 빼고 1억": a cost without its VAT, not an amount of VAT
        if within and isinstance(owner, Category) and owner.standalone and not contained:
            within = False  # other equipment's own cost ("and a separate chiller for 100M"): added as usual
        if within or part:
            if isinstance(owner, Category) and not owner.standalone:
                led, led_included = led + amount.krw, True
            elif isinstance(owner, Exclusion):
                held.pop(owner, None)
                deductions.append((owner, amount.krw))
                left_out.append((owner, amount.krw))
            continue  # the eligible equipment's own share of the net amount is in it already
        if _TOTAL.search(before) or _TOTAL.match(after.lstrip(" :,")):
            totals.append(amount.krw)
        elif isinstance(owner, Category) and not owner.standalone:
            led += amount.krw
            led_included = led_included or bool(_included(before, after))
        elif isinstance(owner, Exclusion) and (main or owner in cost_items):
            # a §5.2 item beside eligible equipment, or a §5.3 cost: never counted (§5.3). "including 30M of
            # staff time" takes it out of the amount before; a separately stated one is simply not added.
            if i and (_included(before, after) or _held_part(held.get(owner), amount, hits, low)):
                # "including 30M of staff time"; or the VAT's own amount after a cost stated with VAT in it
                # ("부가세 포함 2억 900만 원(부가세 1,900만 원)"), once
                held.pop(owner, None)
                deductions.append((owner, amount.krw))
                gross = gross or owner in cost_items
            left_out.append((owner, amount.krw))
        else:
            main_cost += amount.krw
    if totals:
        cost: int | None = max(totals) - sum(amount for _, amount in left_out)
    elif not amounts:
        cost = None
    else:
        cost = (main_cost if led_included and main_cost >= led else main_cost + led) - sum(k for _, k in deductions)
    cost = max(cost, 0) if cost is not None else None
    return ProposedProject(text=text, category=category, mentioned=mentioned, exclusions=exclusions,
                           eligible_cost_krw=cost, led_cost_krw=led if amounts else 0,
                           cost_items=cost_items, left_out=tuple(left_out))


def cap_reached(tier: int, params: Parameters) -> dict[str, int]:
    """The smallest eligible cost whose support (ratio × cost, rounded down to the won) reaches the cap (§6.1,
    §6.2), with the support one won less would get: 1,000,000,000 for 50% of a 500M cap; 214,285,715 for 70% of
    a 150M cap (70% of 214,285,714 is 149,999,999.8, rounded down). Exact: the ratio is a decimal fraction."""
    ratio, cap = params.support(tier)
    num, den = ratio.value.as_integer_ratio()
    if num <= 0:
        raise ValueError("a zero ratio never reaches the cap")
    cost = -(-cap.value * den // num)  # the ceiling of cap ÷ ratio
    return {"tier": tier, "cap_krw": cap.value, "ratio_percent": int(ratio.value * 100), "reached_at_krw": cost,
            "below_cost_krw": cost - 1, "below_krw": _floor(ratio.value * (cost - 1))}


# a question about what a project costs (not what it gets): "at what eligible cost …", "지원대상 비용이 얼마부터"
COST_WORD = re.compile(r"\bcosts?\b|\bspend(?:ing)?\b|\bbudget\b|비용|사업비", re.I)


def estimate_support(tier: int, proposed: ProposedProject, params: Parameters) -> SupportEstimate:
    """min(floor(ratio × countable cost), cap) — §6.1 (tier 1) or §6.2 (tier 2), after §5.1–§5.3."""
    ratio, cap = params.support(tier)
    share = params["support.led_max_share"]
    verdict, reasons = _verdict(proposed)
    cost, led = proposed.eligible_cost_krw, min(proposed.led_cost_krw, proposed.eligible_cost_krw or 0)
    led_countable, countable, support, capped = 0, None, None, False
    if verdict == "excluded":
        countable, support = 0, 0
    elif cost is not None:
        led_countable = min(led, _floor(share.value * cost))
        countable = cost - led + led_countable
        raw = _floor(ratio.value * countable)
        support, capped = min(raw, cap.value), raw > cap.value
        if led > led_countable:
            reasons += (f"LED lighting counts only up to {share.value:.0%} of the eligible cost ({share.clause}).",)
    clauses = ["§5.1"]
    if proposed.exclusions:
        clauses.append(proposed.exclusions[0].clause)
    clauses += [params["cost_exclusions"].clause, ratio.clause]
    return SupportEstimate(
        tier=tier, verdict=verdict, category=proposed.category, exclusions=proposed.exclusions,
        reasons=reasons, ratio=ratio, cap=cap, eligible_cost_krw=cost, led_cost_krw=proposed.led_cost_krw,
        led_countable_krw=led_countable, countable_cost_krw=countable, support_krw=support, capped=capped,
        cost_exclusions=tuple(params["cost_exclusions"].value), clauses=tuple(dict.fromkeys(clauses)),
    )


def _verdict(p: ProposedProject) -> tuple[Verdict, tuple[str, ...]]:
    """Eligible category / excluded (§5.2, or LED alone under §5.1) / unknown (nothing recognised)."""
    names = ", ".join(e.name for e in p.exclusions)
    separate = bool(p.category and p.category.standalone and p.excluded_cost_krw and p.eligible_cost_krw)
    if p.exclusions and not separate:  # e.g. "used compressor": the §5.2 item is the project itself
        return "excluded", (f"Not eligible under {p.exclusions[0].clause}: {names}.",)
    if p.category is None:
        return "unknown", ("The equipment does not match a §5.1 category; the program desk can confirm.",)
    if not p.category.standalone:
        return "excluded", (f"{p.category.name} is eligible only within a broader project ({p.category.clause}).",)
    reasons = (f"{p.category.name} is an eligible category ({p.category.clause}).",)
    if p.exclusions:
        reasons += (f"The stated cost of {names} is left out ({p.exclusions[0].clause}).",)
    if p.cost_items and p.excluded_cost_krw:
        items = ", ".join(e.name for e in p.cost_items)
        reasons += (f"The stated cost of {items} is left out ({p.cost_items[0].clause}).",)
    return "eligible", reasons


def _floor(amount: Decimal) -> int:
    return int(amount.to_integral_value(rounding=ROUND_FLOOR))


def _amounts(low: str) -> list[_Amount]:
    # Korean amounts first (3억 5천만 원, 삼억, 1억 5천), then the rest where they are not
    found = [_Amount(start, end, krw) for start, end, krw in korean_amounts(low)]
    taken = [(a.start, a.end) for a in found]
    for m in _MONEY.finditer(low):
        if any(s <= m.start() < e or m.start() <= s < m.end() for s, e in taken):
            continue
        if not (m["pre"] or m["post"]) and NOT_MONEY_AFTER.match(low, m.end()):
            continue  # "1,500,000 tonnes", "12만5천톤", "3만 개": a count of something else
        num = Decimal(m["num"].replace(",", ""))
        if m["eok"]:
            krw = num * 10**8 + (Decimal(m["num2"]) * 10 ** _UNITS[m["unit2"]] if m["num2"] else 0)
        elif m["unit"]:
            krw = num * 10 ** _UNITS[m["unit"]]
        elif m["pre"] or m["post"] or num >= _BARE_MIN:
            krw = num
        else:
            continue  # "two boilers", "50 tCO2", "2026": not money
        found.append(_Amount(m.start(), m.end(), _floor(krw)))
    return sorted(found, key=lambda a: a.start)


@lru_cache(maxsize=512)
def _pattern(keyword: str) -> re.Pattern[str]:
    """Whole-word, plural-tolerant, space/hyphen-tolerant pattern (no word edges for Korean)."""
    body = r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", keyword))
    if keyword.isascii():
        return re.compile(rf"\b{body}(?:s|es)?\b")
    return re.compile(body)


def _hits(low: str, params: Parameters) -> list[tuple[int, int, Category | Exclusion]]:
    """(start, end, owner) of every keyword found, longest match first at the same place."""
    hits = []
    for owner in (*params.categories, *params.excluded, *params.cost_items):
        for keyword in owner.keywords:
            hits += [(m.start(), m.end(), owner) for m in _pattern(keyword).finditer(low)]
    return sorted(hits, key=lambda h: (h[0], -h[1]))


def _restated(hits: list[tuple[int, int, Any]], low: str, lo: int, amount: _Amount) -> bool:
    """Whether nothing between the previous amount and this one makes it another cost: no equipment or §5.2 item
    named there (a §5.3 item, the VAT just stated, may be), and no word that adds it ("another", "별도로")."""
    between = [h for h in hits if lo <= h[0] and h[1] <= amount.start]
    return (not any(isinstance(h[2], Category) or h[2].key not in ("vat",) and h[2].clause != "§5.3" for h in between)
            and not _ADDED.search(low[lo:amount.start]))


def _held_part(gross: _Amount | None, amount: _Amount, hits: list[tuple[int, int, Any]], low: str) -> bool:
    """Whether ``amount`` is the own amount of an item a cost was stated to include ("부가세 포함 2억 900만 원(부가세
    1,900만 원)"): well under that cost, with no equipment named and nothing said to come on top in between."""
    if gross is None or amount.krw * VAT_SHARE_AT_MOST >= gross.krw:
        return False
    between = low[gross.end:amount.start]
    return not _ADDED.search(between) and not any(isinstance(h[2], Category) and gross.end <= h[0] < amount.start
                                                  for h in hits)


def _included(before: str, after: str) -> bool:
    """Whether an amount is said to be part of the cost stated before it ("of which 30M", "KRW 41M of that")."""
    return bool(_INCLUDED.search(before + after[:12]) or _OF_THAT.match(after))


def _gross(hits: list[tuple[int, int, Any]], owner: Any, amount: _Amount, low: str, lo: int) -> bool:
    """Whether ``owner``'s keyword is joined to the amount as something the amount includes ("KRW 198M incl. VAT",
    "부가세 포함 1억 9,800만 원", "1억 (VAT 포함)"), within a few characters either side. After another amount in the
    same sentence, "including VAT 18M" / "포함된 부가세 1,800만 원" states the item's own amount, so only an item named
    right after the amount, or one that opens the sentence, makes it the gross cost."""
    for start, end, item in hits:
        if item is not owner:
            continue
        if end <= amount.start and amount.start - end <= 12:
            # the item just before the amount: "incl. VAT 198M", "부가세 포함 1억 9,800만 원"
            opens = lo == 0 or _SENTENCE_BREAK.search(low[lo:start]) is not None
            if opens and (_GROSS_BEFORE.search(low[max(0, start - 16):start]) and amount.start - end <= 6
                          or _GROSS_BETWEEN.fullmatch(low[end:amount.start])):
                return True
        if start >= amount.end and start - amount.end <= 16:
            # the item just after the amount: "KRW 198M incl. VAT", "1억 9,800만 원 (부가세 포함)", "KRW 198M VAT included"
            if _GROSS_AFTER.fullmatch(low[amount.end:start]):
                return True
            if start - amount.end <= 6 and re.fullmatch(r"[\s(원]{0,6}", low[amount.end:start]) and \
                    _GROSS_AFTER_ITEM.match(low[end:end + 10]):
                return True
    return False


_OF = re.compile(r"\s*(?:of|for|on|in|is|are|as)\b", re.IGNORECASE)
# an amount used as a modifier of the noun after it ("a 10M 2-year maintenance package", "an 8M used press"): the
# article before it, and only words of the same noun phrase between it and the item
_ARTICLE_BEFORE = re.compile(r"\b(?:an?|one)\s{1,2}(?:krw\s{0,2}|₩\s{0,2})?$")
_MODIFIERS = re.compile(r"(?:\s{1,2}(?!(?:and|or|for|of|with|on|in|is|are|was|to|but|plus|excluding|including|excl|incl|ex"
                        r"|without|before|after|from|by|at|per|net|quote|quoted|price|cost|total)\b)[\w-]{1,15}){0,3}"
                        r"\s{1,2}|\s{0,2}")


def _nearest(hits: list[tuple[int, int, Any]], amount: _Amount, i: int,
             amounts: list[_Amount], low: str) -> Category | Exclusion | None:
    """The keyword an amount belongs to: one it names right after it ("30M of our engineers' time"),
    else the closest one before it (since the previous amount), else after."""
    lo = amounts[i - 1].end if i else 0
    hi = amounts[i + 1].start if i + 1 < len(amounts) else len(low)
    soon = [h for h in hits if amount.end <= h[0] <= amount.end + 30 and h[1] <= hi]
    first = min(soon, key=lambda h: h[0]) if soon else None
    if first is not None and (_OF.match(low[amount.end:first[0]]) or (
            getattr(first[2], "clause", "") != "§5.3"
            and _ARTICLE_BEFORE.search(low[max(0, amount.start - 8):amount.start])
            and _MODIFIERS.fullmatch(low[amount.end:first[0]]))):
        # "30M of our engineers' time"; "a 10M 2-year maintenance package" (the amount names the item; never VAT or
        # staff costs that way)
        return first[2]
    before = [h for h in hits if lo <= h[0] and h[1] <= amount.start]
    if before:
        return max(before, key=lambda h: (h[1], h[1] - h[0]))[2]
    after = [h for h in hits if amount.end <= h[0] and h[1] <= hi]
    return min(after, key=lambda h: (h[0], h[0] - h[1]))[2] if after else None
