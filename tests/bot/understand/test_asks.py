"""The kind of value a question asks for, and whether a quoted sentence states one (both languages)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.understand.asks import answers, asked, provided


@pytest.mark.parametrize("question,kinds", [
    ("how many business days until the grant reaches our bank?", {"duration"}),
    ("How long is the grace period?", {"duration"}),
    ("how often do we have to report?", {"frequency"}),
    ("what percentage of the eligible cost is covered?", {"percent"}),
    ("what's the current market price of an allowance?", {"price"}),
    ("is there a hotline we can call?", {"phone"}),
    ("how many installments are there?", {"number"}),
    ("보조금 입금까지 며칠 걸려요?", {"duration"}),
    ("심사 결과 나오기까지 얼마나 걸리나요", {"duration"}),
    ("보고는 얼마나 자주 해야 돼요?", {"frequency"}),
    ("지원 비율은 몇 %예요?", {"percent"}),
    ("배출권 시세 얼마예요?", {"price"}),
    ("담당자 전화번호 알려주세요", {"phone"}),
    ("할부금은 몇 회로 나눠 내요?", {"number"}),
    # questions any clause may answer: yes/no, how, why, what a term means
    ("Can a mid-sized firm apply?", set()),
    ("what does §7.2 say?", set()),
    ("외부사업이 뭐예요?", set()),
    ("몇몇 협력사는 어떻게 신청했나요?", set()),
])
def test_the_question_says_what_kind_of_value_it_wants(question, kinds):
    assert asked(question) == frozenset(kinds)


@pytest.mark.parametrize("sentence,kind,holds", [
    ("Repayment starts after a grace period of 12 months.", "duration", True),
    ("The crediting period is ten years.", "duration", True),
    ("상환은 12개월의 거치기간이 지난 후 시작된다.", "duration", True),
    ("Support is paid in one sum once KAP has confirmed the installation. (Program Rules §6.3)", "duration", False),
    ("The partner submits a monitoring report by 31 March each year.", "frequency", True),
    ("The program committee decides on applications.", "frequency", False),
    ("Support covers 50% of the eligible cost.", "percent", True),
    ("배출권 평균 시장가격의 3배 이하의 과징금", "price", False),
    ("톤당 10만 원이던 종전 상한", "price", True),
    ("Partners can reach the program desk at carbon-desk@kap.example.", "phone", False),
    ("Call the desk on 02-1234-5678.", "phone", True),
    # clause and article numbers, tiers and CO2 are names, not figures
    ("A tier-2 partner is supported under §8 and Art. 29 (tCO2eq). [1]", "number", False),
    ("2차 협력사는 제29조와 §8.1에 따라 지원받는다. [2]", "number", False),
    ("Repayment is in eight equal quarterly installments.", "number", True),
])
def test_a_sentence_states_the_values_it_holds(sentence, kind, holds):
    assert (kind in provided(sentence)) is holds


def test_a_question_asking_for_nothing_in_particular_is_answered_by_any_text():
    assert answers(frozenset(), "The program committee decides on applications.")
    assert not answers(frozenset({"duration"}), "The program committee decides on applications.")
    assert answers(frozenset({"duration", "number"}), "within 30 days")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("몇 얼마나 how many long 0123456789%원 days년개월 -") + ["\u00a0"]),
               max_size=4000))
def test_hostile_text_is_read_in_bounded_work(text):
    asked(text)
    stated = provided(text)
    # the check for a few kinds reads what the full reading reads
    for kind in ("duration", "number", "phone"):
        assert answers(frozenset({kind}), text) is (kind in stated)
    assert answers(frozenset(), text)


def test_a_when_question_prefers_a_sentence_that_states_a_time():
    from bot.understand.asks import preferred, states_preferred

    kinds = preferred("by when must the credits be converted?")
    assert "time" in kinds
    assert states_preferred(kinds, "A KOC must be converted within 5 years of its certification.")
    assert states_preferred(kinds, "The report is due by 31 March each year.")
    assert not states_preferred(kinds, "An allocated entity may convert its certified reductions.")
    assert preferred("what share can be offsets?") == frozenset({"percent"})
    assert preferred("can we apply jointly?") == frozenset()
