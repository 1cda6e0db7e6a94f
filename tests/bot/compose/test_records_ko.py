"""Korean record answers for every sample firm: the English answer's facts and figures, in Korean sentences.

Composed straight from the records (the question's language set as the assistant sets it), so every firm and
every intent is covered in the fast suite; ``tests/bot/test_korean_answers.py`` asks the real assistant.
"""

from __future__ import annotations

import pytest

from tests.bot.compose.checks import assert_korean_twin, composed_lines, ENGLISH_RUN

QUESTIONS = {
    "eligibility": ("Are we eligible?", "저희 회사가 지원 대상인가요?"),
    "repayment": ("What do we still owe and when is the next installment due? Show the schedule.",
                  "남은 상환액은 얼마이고 다음 할부금은 언제 내야 하나요? 상환 일정도 보여 주세요."),
    "offset": ("How much of our reduction is verified, and what about the 2025 monitoring report?",
               "검증된 감축량은 얼마이고 2025년 모니터링 보고서는 어떻게 되었나요?"),
}


@pytest.fixture(scope="module")
def firms(composer) -> list[str]:
    return [f.partner_id for f in composer.index.records.firms()]


@pytest.mark.parametrize("intent", sorted(QUESTIONS))
def test_every_firm_gets_a_korean_answer_with_the_english_facts(composer, firms, intent):
    english, korean = QUESTIONS[intent]
    answered = 0
    for pid in firms:
        en = composer.answer(pid, intent, english, "en")
        ko = composer.answer(pid, intent, korean, "ko")
        assert (en is None) == (ko is None), pid
        if en is None:
            continue
        assert_korean_twin(ko, en)
        answered += 1
    assert answered >= 200


def test_a_repayment_answer_reads_as_a_program_officer_writes(composer):
    ko = composer.answer("P-T1-001", "repayment", QUESTIONS["repayment"][1], "ko")
    lines = composed_lines(ko)
    assert lines[0] == "2026년 10월 31일 기준으로 P-T1-001 협력사의 미상환 잔액은 지원받은 금액 500,000,000원 중 125,000,000원입니다."
    assert "다음 할부금 62,500,000원의 납부기한은 2026년 12월 20일입니다." in lines
    assert any(line.startswith("상환 일정: 제1회 62,500,000원, 납부기한 2025년 6월 20일(납부 완료)") for line in lines)
    assert all(line.endswith(("다.", "다)", ").")) or line.startswith("상환 일정") for line in lines), lines


def test_a_firm_that_is_not_eligible_is_told_which_criterion_fails_in_korean(composer):
    ko = composer.answer("P-T1-040", "eligibility", QUESTIONS["eligibility"][1], "ko")
    first = ko.answer.splitlines()[0]
    assert first.startswith("아니요, 2026년 10월 31일 기준으로 P-T1-040 협력사는 다음 요건을 충족하지 못합니다: "
                            "§3.4 연체일수가 30일을 초과한 할부금이 없을 것(연체일수 120일")
    assert "158,763,125원" in first and ko.facts["failed_clauses"] == ["§3.4"]
    # the rule the firm fails is quoted from the Korean rules, found by the Korean words of the criterion
    assert "연체일수 30일은 이 요건을 충족하지만 연체일수 31일은 충족하지 못한다." in ko.answer
    assert [c.locator for c in ko.citations][:2] == ["Partner record P-T1-040 · 협력사 기록, 2026년 10월 31일 기준",
                                                     "§3.4"]


def test_the_record_citation_keeps_its_english_head_and_quotes_the_record_in_korean(composer):
    ko = composer.answer("P-T1-001", "repayment", QUESTIONS["repayment"][1], "ko")
    record, ledger = ko.citations[0], ko.citations[1]
    assert record.locator == "Partner record P-T1-001 · 협력사 기록, 2026년 10월 31일 기준"
    assert ledger.locator == "Partner record P-T1-001 · 상환 원장, 2026년 10월 31일 기준"
    assert record.title.startswith("협력사 기록: ") and ledger.title == record.title
    assert "1차 협력사, 기업 규모 중견기업." in record.quote and "현대자동차·기아와의 공급계약: 유효." in record.quote
    assert "2025년 6월 24일: 62,500,000원(제1회 할부금)" in ledger.quote and "수납 합계: 375,000,000원." in ledger.quote
    en = composer.answer("P-T1-001", "repayment", QUESTIONS["repayment"][0], "en")
    assert en.citations[0].locator == "Partner record P-T1-001, as of 2026-10-31"
    assert en.citations[1].locator == "Partner record P-T1-001, ledger as of 2026-10-31"
    assert en.citations[0].title == "Partner record: Kkotbit Forging Co., Ltd."


def test_a_korean_answer_without_a_dated_line_still_says_its_as_of_date(composer):
    # P-T2-001's grant answer names no date of its own beyond "as of": the closing line must say it in Korean
    for pid, intent in (("P-T2-001", "offset"), ("P-T1-001", "eligibility")):
        ko = composer.answer(pid, intent, "현황을 알려 주세요", "ko")
        assert "2026년 10월 31일" in ko.answer and "as of" not in ko.answer


def test_an_offset_answer_in_korean(composer):
    ko = composer.answer("P-T2-050", "offset", QUESTIONS["offset"][1], "ko")
    assert ("2026년 10월 31일 기준으로 P-T2-050 협력사의 PRJ-T2-050 사업 감축량 중 검증된 감축량은 135.4 tCO2eq, "
            "KOC로 인증된 감축량은 132.7 tCO2eq, KCU로 전환된 양은 0 tCO2eq입니다.") in ko.answer
    assert "2025년분 모니터링 보고서는 2026년 3월 15일에 제출되었습니다(기한 내 제출, 제출기한 2026년 3월 31일)." in ko.answer
    assert not ENGLISH_RUN.search("\n".join(composed_lines(ko)))


@pytest.mark.parametrize("text,tier", [
    ("보일러 두 대를 히트펌프로 교체하려고 합니다. 비용은 300,000,000원입니다. 지원금은 얼마인가요?", 1),
    ("2차 협력사인데 압축기 교체 비용이 100,000,000원이고 LED 조명 20,000,000원이 포함됩니다. 지원금은요?", 2),
    ("중고 설비를 50,000,000원에 사려고 하는데 지원되나요?", 1),
])
def test_a_support_estimate_in_korean(composer, text, tier):
    from dataclasses import replace

    from bot.calculators.project import parse_project
    from bot.compose import records
    from tests.bot.compose.conftest import STAFF, AS_OF

    def estimate(language: str):
        q = composer.query(text, language, "eligibility")
        q = replace(q, project=parse_project(text, composer.params), mentions=replace(q.mentions, tier=tier))
        ctx = records.Context(question=text, query=q, asker=STAFF, partner_id=None, index=composer.index,
                              params=composer.params, as_of=AS_OF, settings=composer.settings, language=language)
        return records.compose("eligibility", ctx)

    ko, en = estimate("ko"), estimate("en")
    assert ko.facts == en.facts and ko.facts["estimate_verdict"]
    mine = "\n".join(composed_lines(ko))
    assert not ENGLISH_RUN.search(mine), mine
    assert all(f"{a:,}원" in ko.answer for a in (ko.facts["estimate_support_krw"],) if a), ko.answer
