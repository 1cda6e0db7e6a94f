"""A Korean question that asks two things is cut where a clause ends in the connective -고 and asks its own."""

from __future__ import annotations

import pytest

from bot.understand.query import korean_clauses


@pytest.mark.parametrize("question, clauses", [
    ("잔액 얼마고, 보고서 밀린 건 없나요?", ["잔액 얼마고", ", 보고서 밀린 건 없나요?"]),  # before a comma
    ("남은 잔액 얼마고 인정기간은 언제 끝나요?", ["남은 잔액 얼마고", " 인정기간은 언제 끝나요?"]),  # after the copula
    ("납부일 알려주시고요, 조기상환은 어디부터 차감돼요?", ["납부일 알려주시고요", ", 조기상환은 어디부터 차감돼요?"]),
    ("인정기간 몇 년이고 갱신도 돼요?", ["인정기간 몇 년이고", " 갱신도 돼요?"]),  # an interrogative before the copula
    # -고 and a polite 요 the analyser reads apart ("알려주시고 + 요")
    ("잔액이랑 다음 납부일 알려주시고요, 25년 검증 감축량도 알려주세요",
     ["잔액이랑 다음 납부일 알려주시고요", ", 25년 검증 감축량도 알려주세요"]),
    # an embedded question joined to the next by "and" (-지랑, -지와, -지하고)
    ("5회차 신청 가능한지랑, 다음 할부금 날짜랑 금액이요", ["5회차 신청 가능한지랑", ", 다음 할부금 날짜랑 금액이요"]),
    ("자격이 되는지와 지원금이 얼마인지 궁금합니다", ["자격이 되는지와", " 지원금이 얼마인지 궁금합니다"]),
    ("잔액이 얼마인지하고 다음 납부일 알려주세요", ["잔액이 얼마인지하고", " 다음 납부일 알려주세요"]),
])
def test_a_question_of_two_clauses_is_cut_after_the_first(question, clauses):
    assert korean_clauses(question) == clauses


@pytest.mark.parametrize("question", [
    "모니터링 보고, 검증 일정 알려줘",  # 보고 is the noun "report" here
    "돈 안 내고 버티면 어떻게 돼요?",  # -고 sequencing two actions, one question
    "설비를 팔고 나면 반환해야 하나요?",
    "잔액 얼마예요?",
    # a copula clause that only states what the question builds on
    "히트펌프 견적이 부가세 포함 1억 9,800만 원이고 그중 부가세가 1,800만 원인데 지원금 얼마예요?",
    "자격이 되는지 알려주세요",
    "what is the cap, and how long is the grace period?",  # no Hangul: English is split elsewhere
])
def test_one_question_stays_whole(question):
    assert korean_clauses(question) == [question]


def test_hostile_length_is_bounded():
    text = "잔액 얼마고, " * 5000
    assert "".join(korean_clauses(text)) == text


@pytest.mark.parametrize(("piece", "background"), [
    ("저희는 2차사고 감축량도 80톤 정도 되는데", True),  # sets the scene for the question before it
    ("견적 8억원인데", True),
    ("설비가 좀 오래됐는데요", True),
    ("설비가 좀 오래됐는데요?", False),  # asked
    ("25년 검증량 알려주세요", False),
    ("what about the balance", False),
])
def test_a_piece_that_only_gives_the_background_is_told_apart(piece, background):
    from bot.understand.query import korean_background

    assert korean_background(piece) is background


def test_a_background_piece_after_a_question_is_no_part_of_its_own(assistant):
    from datetime import date

    partner = assistant.directory().partner("P-T2-015")
    read = assistant.understand("왜 신청이 안 된다는 거예요? 저희는 2차사고 감축량도 80톤 정도 되는데",
                                partner, as_of=date(2026, 10, 31))
    assert not read.parts, read.why


def test_a_short_korean_part_is_read_with_the_part_just_before_it(assistant):
    """Korean leaves the subject unsaid: "마감은 언제인지요" follows the report part before it, not the first part."""
    from datetime import date

    partner = assistant.directory().partner("P-T1-054")
    read = assistant.understand("다음 할부금이 얼마인지, 그리고 다음 보고서는 몇 년도분이고 마감은 언제예요?",
                                partner, as_of=date(2026, 10, 31))
    assert len(read.parts) == 3, read.why
    assert read.parts[2].context == read.parts[1].text
