"""Amounts, dates, durations, counts and tiers a question mentions, in English and Korean; and its language."""

from __future__ import annotations

import time
from datetime import date

import pytest

from bot.understand.language import detect_language
from bot.understand.mentions import mentions
from bot.understand.spelling import Speller

AS_OF = date(2026, 10, 31)


@pytest.mark.parametrize(("text", "field", "value"), [
    ("if KAP confirms completion in May 2027, when is the first installment?", "dates", (date(2027, 5, 1),)),
    ("pay KRW 800M on 15 March 2027", "dates", (date(2027, 3, 15),)),
    ("pay KRW 800M on 15 March 2027", "amounts", (800_000_000,)),
    ("what if we prepay two installments next week?", "installments", 2),
    ("what if we prepay two installments next week?", "dates", (date(2026, 11, 7),)),
    ("what if we sell the compressor next year?", "dates", (date(2027, 10, 31),)),
    ("could we delay the March payment by a quarter?", "months", (3,)),
    ("what happens if we pay 40 days late?", "days", (40,)),
    ("How much was certified in 2024?", "years", (2024,)),
    ("we're a tier-2 supplier", "tier", 2),
    ("2027년 3월 31일까지 8억원", "dates", (date(2027, 3, 31),)),
    ("2027년 3월 31일까지 8억원", "amounts", (800_000_000,)),
    ("2027년 3월 31일까지 8억원", "months", ()),  # a year in a date is not a duration
    ("내년 3월에 6개월 유예", "dates", (date(2027, 3, 1),)),
    ("내년 3월에 6개월 유예", "months", (6,)),
    ("3억 5천만 원 포함 1,200만원", "amounts", (350_000_000, 12_000_000)),
    ("2차 협력사인데 지원금은?", "tier", 2),
    # Korean as Korean writers write it: numeral words, elided 만, mixed figures; two-digit years, no year, 말
    ("지원대상 비용이 삼억 이천만 원이면", "amounts", (320_000_000,)),
    ("교체 비용 일억 오천, 그 안에 LED 조명 이천 포함", "amounts", (150_000_000, 20_000_000)),
    ("히트펌프 6억 5천, 그중 3천은 인건비", "amounts", (650_000_000, 30_000_000)),
    ("오늘 603만 1,875원 내면", "amounts", (6_031_875,)),
    ("일 년에 이만 하면 될까요", "amounts", ()),  # 일, 이만: everyday words, not won
    ("3천 톤 감축", "amounts", ()),  # thousands of tonnes beside no amount of 억
    ("27년 1월 15일에 매각", "dates", (date(2027, 1, 15),)),
    ("내년 1월 말에 매각하면", "dates", (date(2027, 1, 31),)),
    ("원래 11월 30일이던데", "dates", (date(2026, 11, 30),)),
    ("12월 회차를 12/18에 내면", "dates", (date(2026, 12, 18),)),
    ("if we sell it on December 15", "dates", (date(2026, 12, 15),)),
    ("반년 유예되면", "months", (6,)),
    ("이틀 먼저 내면", "days", (2,)),
    ("24년도 인증량 얼마였어요?", "years", (2024,)),
    ("25년 감축량 중에 인증 받은 게", "years", (2025,)),
    ("25년 감축량 중에 인증 받은 게", "months", ()),  # a year, not 25 years
    ("인정기간 10년 동안", "months", (120,)),
    ("설치 후 20년 이내", "years", ()),
    # a stretch of time asked about: (first day, or None for everything still unpaid, last day)
    ("27년 3월 말까지 내야 되는 할부금 다 합치면", "window", (None, date(2027, 3, 31))),
    ("내년 상반기에 나가는 할부금 총액", "window", (date(2027, 1, 1), date(2027, 6, 30))),
    ("내년 상반기에 나가는 할부금 총액", "months", ()),  # 상반기 is a half of a year, not six months from now
    ("25년 하반기 납부액", "window", (date(2025, 7, 1), date(2025, 12, 31))),
    ("연말까지 저희가 내야 할 거", "window", (None, date(2026, 12, 31))),
    ("what do we have to pay before year end?", "window", (None, date(2026, 12, 31))),
    # a year's end named by its number, and a day a later balance is asked at ("기준", "as of", "at the end of")
    ("how much will we still owe at the end of 2027?", "window", (None, date(2027, 12, 31))),
    ("27년 말 잔액은 얼마예요?", "window", (None, date(2027, 12, 31))),
    ("what do we owe at the end of the year?", "window", (None, date(2026, 12, 31))),
    ("내년 연말 잔액", "window", (None, date(2027, 12, 31))),
    ("2027년 2월 할부금 산정 기준이 뭐예요?", "window", (date(2027, 2, 1), date(2027, 2, 28))),  # 기준 of no day
    ("2027년 12월 31일 기준 남는 잔액", "window", (None, date(2027, 12, 31))),
    ("balance as of 30 June 2028?", "window", (None, date(2028, 6, 30))),
    ("what was our balance at the end of 2025?", "window", None),  # a year gone by: nothing left to fall due
    # tonnes, however written
    ("if the obligation is 200,000 tonnes", "tonnes", (200_000.0,)),
    ("제출의무가 40만 톤이면", "tonnes", (400_000.0,)),
    ("4만 5천 톤", "tonnes", (45_000.0,)),
    ("sites of 25,000 tCO2eq or more", "tonnes", (25_000.0,)),
    ("2026년 계획", "tonnes", ()),
    ("installments in the first half of next year", "window", (date(2027, 1, 1), date(2027, 6, 30))),
    ("H2 2027 payments", "window", (date(2027, 7, 1), date(2027, 12, 31))),
    ("the end of March 2027", "dates", (date(2027, 3, 31),)),
    ("when is the next installment?", "window", None),
    ("1월 말 할부금 얼마", "window", None),
    # a whole calendar year, and up to a month named without a day (its installment, wherever in the month)
    ("total repayments for fiscal year 2028?", "window", (date(2028, 1, 1), date(2028, 12, 31))),
    ("what leaves our account over the whole of next year", "window", (date(2027, 1, 1), date(2027, 12, 31))),
    ("28년 한 해 상환액 합계", "window", (date(2028, 1, 1), date(2028, 12, 31))),
    ("내년 전체로 보면 얼마 나가요", "window", (date(2027, 1, 1), date(2027, 12, 31))),
    ("2월분까지 다 내려면 얼마", "window", (None, date(2027, 2, 28))),
    ("what do we owe through the April one?", "window", (None, date(2027, 4, 30))),
    ("그 돈은 30년 동안 갚나요", "window", None),  # thirty years, not the year 2030
    ("when is our first installment in 2027?", "window", None),  # a year the question is set in, not a span
    # one month's installment, named without a day: what falls due in that month
    ("how much is the June payment, and what day?", "window", (date(2027, 6, 1), date(2027, 6, 30))),
    ("28년 4월 할부금 날짜요", "window", (date(2028, 4, 1), date(2028, 4, 30))),
    ("내년 5월 회차 금액", "window", (date(2027, 5, 1), date(2027, 5, 31))),
    ("2027년 3월까지 얼마 내요?", "window", (None, date(2027, 3, 31))),  # up to a month: to its end
    ("March 2027 or April 2027, which is cheaper?", "window", None),  # two months: no one span
    # a named year or day, a past month or year, a range, and "the next year" (twelve months) are not such spans
    ("how much was due by March 2026?", "window", None),
    ("올해 3월까지 낸 돈", "window", None),
    ("we missed the March payment - what now?", "window", None),
    ("지난 3월 할부금을 못 냈는데요", "window", None),
    ("between now and December 2027, what do we pay?", "window", None),
    ("how much did we repay during 2025?", "window", None),
    ("how much will we repay over the next year?", "window", None),
    ("30년 내내 갚아요?", "window", None),
    ("what do we pay until March 15?", "window", (None, date(2027, 3, 15))),
])
def test_mentions(text, field, value):
    assert getattr(mentions(text, AS_OF), field) == value


def test_mentions_take_bounded_time_on_hostile_input():
    started = time.perf_counter()
    mentions("which firms 3 months 2027-01-01 KRW 5M " * 3000, AS_OF)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(("text", "language"), [
    ("이번 분기 상환액이 얼마죠?", "ko"), ("how much do we owe?", "en"), ("P-T1-001 상환 일정?", "ko"),
    ("§7.2?", "en"), ("KRW 300M 히트펌프 project", "ko"),
])
def test_language(text, language):
    assert detect_language(text) == language


def test_spelling_fixes_typos_with_the_documents_words_only():
    speller = Speller({"grace", "period", "eligible", "repayment", "whether"})
    assert speller.correct("whats the grace perod") == "whats the grace period"
    assert speller.correct("are we elligible") == "are we eligible"
    assert speller.correct("weather tomorrow") == "weather tomorrow"  # off-topic words stay off-topic


@pytest.mark.parametrize(("text", "pays"), [
    ("what's left once we've paid the next installment?", True),
    ("다음 할부금 내고 나면 얼마 남아요?", True),
    ("what if we pay the next installment early?", False),  # early: a prepayment today
    ("다음 할부금 미리 내면요?", False),
    ("what is our balance?", False),
])
def test_paying_the_next_installment_is_read_once_in_the_parse(text, pays):
    assert mentions(text, AS_OF).pays_next is pays


@pytest.mark.parametrize(("text", "amounts"), [
    ("12월에 원래 내던 1,300만 원 말고 2,500만 원을 내면 어떻게 돼요?", (25_000_000, 13_000_000)),
    ("what if we send 25M instead of the usual 13M?", (25_000_000, 13_000_000)),
    ("what if we pay 30M next week?", (30_000_000,)),
])
def test_the_amount_named_as_replaced_comes_after_the_one_in_play(text, amounts):
    assert mentions(text, date(2026, 10, 31)).amounts == amounts
