"""A question that speaks for the asker in the first person, in either language."""

import pytest

from bot.lang.person import first_person


@pytest.mark.parametrize("text, expected", [
    ("I'm the CFO of Uri Springs, what's our balance?", True),
    ("when is our next installment?", True),
    ("what\u2019s my balance", True),
    ("what is the balance of P-T1-040?", False),
    ("what's Kkotbit Forging's balance?", False),
    ("is the item eligible?", False),  # "item" holds no "i" word
    ("저희 잔액 얼마예요?", True),
    ("제 회사 잔액 알려주세요", True),
    ("우리는 2차 협력사예요", True),
    ("당사 상환 일정", True),
    ("우리스프링 CFO입니다. 잔액 얼마예요?", False),  # 우리 inside a firm's name is not "we"
    ("다솜기어웍스 다니는 동료가 자기네 잔액 좀 봐달래요", False),
    ("", False),
])
def test_first_person(text, expected):
    assert first_person(text) is expected


def test_hostile_length_is_bounded():
    assert first_person("가" * 40000 + " 저희") is False  # only the first characters are read
