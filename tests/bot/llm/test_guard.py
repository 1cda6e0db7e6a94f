"""The guard on LLM rewrites, rule by rule, and the quantities it compares, across languages and formats."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.llm.guard import check
from bot.llm.quantities import extract, of_facts
from bot.models import Answer, Citation

FIRMS = {"P-T1-014": "Orum Electronics Co., Ltd.", "P-T1-002": "Hanbit Precision Co., Ltd."}
LEDGER = Citation(n=1, id="l", source="knowledge/partners/ledger.csv", title="Partner record: Orum Electronics",
                  locator="Partner record P-T1-014, ledger as of 2026-11-30",
                  quote="P-T1-014 installment 5 of KRW 14,958,562 due 2026-12-05; outstanding KRW 59,834,252")
RULE = Citation(n=2, id="r", source="knowledge/program/rules.md", title="Program Rules", locator="§7.2",
                quote="Repayment starts after a grace period of 12 months, followed by 8 equal quarterly installments.")


def answer(language: str = "en") -> Answer:
    text = ("The next installment of KRW 14,958,562 is due on 2026-12-05. [1][2]\n"
            "P-T1-014 has KRW 59,834,252 outstanding. [1]") if language == "en" else (
            "다음 할부금 14,958,562원의 납부기한은 2026년 12월 5일입니다. [1][2]\n"
            "P-T1-014 협력사의 미상환 잔액은 59,834,252원입니다. [1]")
    return Answer(question="when is our next payment?" if language == "en" else "다음 납부일은 언제인가요?",
                  status="answered", intent="repayment", answer=text, citations=[LEDGER, RULE], language=language,
                  facts={"partner_id": "P-T1-014", "next_due_on": "2026-12-05", "next_due_krw": 14958562,
                         "outstanding_krw": 59834252})


GOOD_EN = ("Your next payment is due on December 5, 2026: KRW 14,958,562 [1][2]. "
           "In all, P-T1-014 still owes KRW 59,834,252 [1].")
GOOD_KO = "다음 납부기한은 2026년 12월 5일이며 금액은 1,495만 8,562원입니다. [1][2] 미상환 잔액은 59,834,252원입니다. [1]"


def test_faithful_rewrites_pass_in_either_language_and_format():
    assert check(GOOD_EN, answer(), FIRMS, "P-T1-014").passed
    assert check(GOOD_KO, answer("ko"), FIRMS, "P-T1-014").passed


@pytest.mark.parametrize("rewrite, reason", [
    (GOOD_EN.replace("14,958,562", "14,958,563"), "a number not in the facts"),
    (GOOD_EN.replace("December 5, 2026", "December 6, 2026"), "a date not in the facts"),
    (GOOD_EN.replace(" [1].", "."), "dropped the citation"),
    (GOOD_EN + " Late payers pay 5% more [2].", "cites [2] for 5"),  # 5 is in the ledger, not in the rule
    (GOOD_EN + " Late payers pay 7% more [2].", "a number not in the facts"),
    (GOOD_EN + " See also §12.9 [2].", "names a clause"),
    (GOOD_EN + " Hanbit Precision pays on the same day.", "names another firm (P-T1-002)"),
    (GOOD_EN + " P-T1-002 pays the same.", "names another firm (P-T1-002)"),
    (GOOD_EN.replace("[1][2]", "[1][3]"), "cites [3], which is not a source"),
    ("Your next payment is due on December 5, 2026 [1][2].", "a number of the answer is missing"),
    ("Your payment of KRW 14,958,562 and KRW 59,834,252 [1][2] is due.", "a date of the answer is missing"),
    (GOOD_KO, "not in English"),
    ("", "empty rewrite"),
    (GOOD_EN * 12, "too long"),
])
def test_each_rule_catches_its_failure(rewrite, reason):
    verdict = check(rewrite, answer(), FIRMS, "P-T1-014")
    assert not verdict.passed and reason in verdict.reason


def test_a_marker_must_point_at_a_passage_that_says_it():
    # 12 months is in the rule, not the ledger: cited to the ledger alone it is unsupported
    moved = GOOD_EN + " Repayment began after 12 months [1]."
    verdict = check(moved, answer(), FIRMS, "P-T1-014")
    assert not verdict.passed and "cites [1] for 12" in verdict.reason
    assert check(GOOD_EN + " Repayment began after a grace period of 12 months [2].", answer(), FIRMS, "P-T1-014").passed


def test_korean_amounts_dates_and_clauses_are_the_same_values():
    en = extract("KRW 114,308,250 due 2026-12-20 under §7.2 and Art. 29 [2] for P-T1-014")
    ko = extract("1억 1,430만 8,250원, 납부기한 2026년 12월 20일, §7.2 및 제29조 [2]")
    assert en.numbers == ko.numbers == {Decimal(114308250)}
    assert en.dates == ko.dates == {date(2026, 12, 20)}
    assert en.clauses == ko.clauses == {"§7.2", "Art. 29"}
    assert extract("2026.12.20. 5억원 3,000만원 20 December 2026").numbers == {Decimal(500000000), Decimal(30000000)}
    assert of_facts({"a": 1, "b": [{"c": "2026-01-02"}], "d": True, "e": 2.5}).numbers == {Decimal(1), Decimal("2.5")}


def spelled(amount: int, style: str) -> str:
    if style == "krw":
        return f"KRW {amount:,}"
    if style == "won":
        return f"{amount:,}원"
    eok, rest = divmod(amount, 10**8)
    man, won = divmod(rest, 10**4)
    parts = ([f"{eok:,}억"] if eok else []) + ([f"{man:,}만"] if man else []) + ([f"{won:,}"] if won else [])
    return " ".join(parts) + "원"


@given(st.integers(min_value=1, max_value=10**12), st.sampled_from(["krw", "won", "eok"]))
def test_any_amount_reads_back_as_itself_however_it_is_written(amount, style):
    assert extract(f"금액은 {spelled(amount, style)}입니다.").numbers == {Decimal(amount)}


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
       st.sampled_from(["{d:%Y-%m-%d}", "{d.year}년 {d.month}월 {d.day}일", "{d:%B} {d.day}, {d.year}",
                        "{d.day} {d:%B} {d.year}", "{d.year}.{d.month}.{d.day}."]))
def test_any_date_reads_back_as_itself_however_it_is_written(day, form):
    found = extract("due " + form.format(d=day) + " [3]")
    assert found.dates == {day} and found.numbers == set()


@given(st.text(alphabet="0123456789,.-년월일억만원§Art [] P-T", max_size=3000))
def test_hostile_text_is_read_in_bounded_time(text):
    extract(text * 10, words=True)
