"""One question asked of two things ("… for tier-1 and for tier-2?", "…1차사는 얼마고 2차사는요?") is two parts."""

from __future__ import annotations

import pytest

from bot.understand.query import coordinated, korean_gapped


@pytest.mark.parametrize(("question", "parts"), [
    ("what's the minimum expected reduction for tier-1 and for tier-2?",
     ["what's the minimum expected reduction for tier-1", "what's the minimum expected reduction for tier-2"]),
    ("how much did we pay in 2024 and in 2025?", ["how much did we pay in 2024", "how much did we pay in 2025"]),
])
def test_a_repeated_preposition_after_and_asks_the_same_of_both(question, parts):
    assert coordinated(question) == parts


@pytest.mark.parametrize("question", [
    "what is the cap for tier-1 and tier-2?",  # one phrase of two nouns: answered together
    "are we eligible and how long is the grace period?",  # split elsewhere, not here
    "and for tier-2?",
    "for and for",
    "",
])
def test_anything_else_stays_whole(question):
    assert coordinated(question) == [question]


def test_hostile_length_is_bounded():
    text = "x " * 20000 + "and for y?"  # read to the end: no earlier "for" to pair with
    assert coordinated(text) == [text]
    text = "for x " * 5000 + "and for y?"
    first, second = coordinated(text)
    assert second.endswith("for y") and len(first) < len(text)


@pytest.mark.parametrize(("first", "later", "whole"), [
    ("최소 예상 감축량이 1차사는 얼마고", "2차사는 얼마예요?", "최소 예상 감축량이 2차사는 얼마고"),
    ("지원 비율이 1차 협력사는 얼마고", "2차 협력사는요?", "지원 비율이 2차 협력사는 얼마고"),
    ("지원 한도는 1차 협력사가 얼마고", "2차 협력사는 얼마예요?", "지원 한도는 2차 협력사가 얼마고"),  # only the tier
    ("1차사 지원 비율은 얼마고", "2차사는요?", "2차사 지원 비율은 얼마고"),
])
def test_a_korean_part_that_only_asks_of_the_other_tier_is_written_out_whole(first, later, whole):
    assert korean_gapped(first, later) == whole


@pytest.mark.parametrize(("first", "later"), [
    ("1차사는 상환해야 하고", "2차사는 설비를 팔면 어떻게 돼요?"),  # says more than the first part: its own question
    ("최소 예상 감축량이 1차사는 얼마고", "과태료는 얼마예요?"),  # another topic, not the other tier
    ("1차사는 얼마고", "1차사는요?"),  # the same tier
    ("잔액 얼마고", "2차사는요?"),  # the first part names no tier
    ("what is the cap", "and for tier-2?"),
])
def test_a_korean_part_with_its_own_question_is_left_as_it_is(first, later):
    assert korean_gapped(first, later) is None
