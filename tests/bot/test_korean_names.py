"""Firms named in Hangul: romanization, the name words' Korean forms, and the screen that refuses them."""

from __future__ import annotations

import csv
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.access import FIRM_WORDS, FirmScreen, KoreanNames, screen
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
    ("푸른모터팟츠 디퍼럴 내역?", "P-T1-043", False),  # a name word misspelt (팟츠): the whole name read aloud
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


KOREAN = KoreanNames(FIRMS)
NAME_WORD_SYLLABLES = {ch for line in FIRM_WORDS.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
                       for ch in line.partition("\t")[2] if "\uac00" <= ch <= "\ud7a3"}


OWN_WORD_SYLLABLES = sorted(set("해달계림우리미래꽃빛가람진솔빛나금대성여울태양이슬은하청운별사랑푸른온누마다솜초롱아름새봄한화동백오나비")
                            - NAME_WORD_SYLLABLES)


@settings(max_examples=100, deadline=None)
@given(st.text(st.sampled_from(OWN_WORD_SYLLABLES + [" ", "?", ","]), max_size=200))
def test_without_a_name_word_no_firm_is_found(text):
    """Firms' own words alone (해달, 우리, 미래 …), however they run together, never make a firm."""
    assert KOREAN.find(text) == {}


def _hangul_names() -> dict[str, str]:
    """Sample firms of two name words whose own word is one of these, written in Hangul: 해달시팅 for Haedal Seating."""
    own = {"haedal": "해달", "gyerim": "계림", "kkotbit": "꽃빛", "mirae": "미래", "uri": "우리"}
    first_form = {line.split("\t")[0].lower(): line.split("\t")[1].split(",")[0]
                  for line in FIRM_WORDS.read_text(encoding="utf-8").splitlines() if "\t" in line}
    names = {}
    for pid, name in FIRMS.items():
        words = name.replace(",", "").lower().split()
        if len(words) == 4 and words[0] in own and words[1] in first_form:  # "<own> <word> co. ltd."
            names[pid] = own[words[0]] + first_form[words[1]]
    return names


HANGUL_NAMES = _hangul_names()


def test_the_sample_has_hangul_names_to_try():
    assert len(HANGUL_NAMES) >= 20


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(HANGUL_NAMES)), st.sampled_from(["", "는", "의", "에서", " 잔액", "가 "]))
def test_a_known_name_is_found_whatever_follows_it(pid, after):
    assert KOREAN.find(f"{HANGUL_NAMES[pid]}{after} 얼마예요?") == {pid: True}


def test_hostile_length_is_bounded(names):
    text = "해달" * 20000  # 40,000 characters of one name word, never followed by another
    assert names.named_firms(text) == set() and names.resembling_firms(text) == set()


@pytest.mark.parametrize("question, masked", [
    ("화랑스탬핑 지금 적격이에요?", "P-T1-023 지금 적격이에요?"),
    ("푸른모터팟츠 디퍼럴 내역?", "P-T1-043 디퍼럴 내역?"),
    ("is Hwarang Stamping eligible now?", "is P-T1-023 eligible now?"),
    ("Haedal Electronics는 연체 있어요?", "P-T1-079는 연체 있어요?"),
    ("우리 부품 교체도 지원되나요?", "우리 부품 교체도 지원되나요?"),
])
def test_the_learned_heads_read_a_firm_name_as_its_id(names, question, masked):
    assert names.masked(question) == masked
