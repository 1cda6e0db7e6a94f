"""Firms named in Hangul: romanization, the name words' Korean forms, and the screen that refuses them."""

from __future__ import annotations

import csv
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.access import FirmScreen, KoreanNames, screen
from bot.lang.romanize import romanize
from bot.models import Asker
from tests.conftest import KNOWLEDGE

FIRMS = {r["partner_id"]: r["name"] for r in csv.DictReader(
    line for line in (KNOWLEDGE / "partners" / "firms.csv").open(encoding="utf-8") if not line.startswith("#"))}
SYLLABLES = st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3)


@pytest.mark.parametrize("hangul, latin", [
    ("해달", "haedal"), ("진솔", "jinsol"), ("오름", "oreum"), ("푸른", "pureun"), ("계림", "gyerim"),
    ("꽃빛", "kkotbit"), ("한울", "hanul"), ("별라", "byeolla"), ("청운", "cheongun"), ("금은", "geumeun"),
    ("서울 2026", "seoul 2026"),
])
def test_romanization_follows_the_revised_system(hangul, latin):
    assert romanize(hangul) == latin


@given(st.text(SYLLABLES, min_size=1, max_size=30))
def test_romanization_is_lowercase_latin_and_proportionate(text):
    latin = romanize(text)
    assert latin.isascii() and latin == latin.lower() and latin.isalpha()
    assert len(text) <= len(latin) <= 7 * len(text)


@pytest.fixture(scope="module")
def names():
    return FirmScreen(FIRMS)


@pytest.mark.parametrize("question, firm, exact", [
    ("해달시팅 요즘 상환 잘 하나요?", "P-T1-041", True),  # Haedal Seating, the name word transliterated
    ("해달전자는 연체 있어요?", "P-T1-079", True),  # Haedal Electronics, the name word translated, a particle after
    ("저희 원청 계림주조 잔액 알려줘", "P-T1-062", True),  # Gyerim Castings
    ("게림단조 지원금 얼마", "P-T1-082", False),  # Gyerim Forging, its own word misspelt
    ("푸른자동차부품 얘기 좀", "P-T1-043", False),  # Purun Motor Parts: two name words; 푸른 reads "pureun"
    ("오름다이캐스트의 감축량", "P-T1-065", False),  # Orum Diecast: 오름 is "oreum"
])
def test_a_firm_written_in_hangul_is_found(names, question, firm, exact):
    found = names.named_firms(question) if exact else names.resembling_firms(question)
    assert found == {firm}
    assert firm not in (names.resembling_firms(question) if exact else names.named_firms(question))


@pytest.mark.parametrize("question", [
    "우리 부품 교체도 지원되나요?",  # "our parts": 우리 is also Uri's own word, but a name is written as one word
    "자동차부품 업종도 신청할 수 있나요?",  # "auto parts" is no firm
    "미래 감축량은 어떻게 계산하나요?",  # "future" reductions
    "전자 장비도 되나요?",
    "해달 정밀 얘기",  # written apart: two everyday words
])
def test_everyday_words_are_not_firms(names, question):
    assert names.named_firms(question) == set() and names.resembling_firms(question) == set()


def test_the_screen_refuses_another_firm_in_hangul_and_lets_a_firm_name_itself(names):
    def query(text):
        return SimpleNamespace(firms=frozenset(names.named_firms(text)),
                               firms_like=frozenset(names.resembling_firms(text)), attack="none")

    haedal_seating = Asker(role="partner", partner_id="P-T1-041")
    assert screen(query("해달시팅 잔액 얼마예요?"), haedal_seating) is None  # its own name
    assert screen(query("해달전자 잔액 얼마예요?"), haedal_seating) == "other_firm"  # same family, another firm
    assert screen(query("해달전자 잔액 얼마예요?"), Asker(role="staff")) is None
    # an English name with a Korean particle straight after it
    assert names.named_firms("Haedal Electronics는 연체 있어요?") == {"P-T1-079"}


def test_a_name_word_without_korean_forms_is_skipped_and_a_bad_line_is_named(tmp_path):
    words = tmp_path / "words.tsv"
    words.write_text("# comment\nForging\t단조\n", encoding="utf-8")
    korean = KoreanNames({"P-T1-001": "Kkotbit Forging Co., Ltd.", "P-T1-002": "Kkotbit Castings Co., Ltd."}, words)
    assert korean.find("꽃빛단조 잔액") == {"P-T1-001": True} and korean.find("꽃빛캐스팅 잔액") == {}
    words.write_text("Forging\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"words.tsv: line 1: a name word needs its Korean forms"):
        KoreanNames({}, words)


@settings(max_examples=50, deadline=None)
@given(st.text(st.sampled_from("해달시팅전자우리부품계림주조 ?"), max_size=200))
def test_any_hangul_finds_only_real_firms(text):
    found = KoreanNames(FIRMS).find(text)
    assert set(found) <= set(FIRMS)


def test_hostile_length_is_bounded(names):
    text = "해달" * 20000  # 40,000 characters of one name word, never followed by another
    assert names.named_firms(text) == set() and names.resembling_firms(text) == set()
