"""The message catalogues: every English entry has its Korean twin, and values are written as each language writes them."""

from __future__ import annotations

import pickle
import re
import string
from datetime import date

import pytest

from bot import messages, messages_ko
from bot.lang.format import day, krw, tonnes
from bot.messages import Phrase, say

FIELDS = string.Formatter()


def catalogue(module) -> dict[str, object]:
    return {k: v for k, v in vars(module).items() if k.isupper() and isinstance(v, (str, dict, tuple))}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in FIELDS.parse(template) if name is not None}


ENGLISH, KOREAN = catalogue(messages), catalogue(messages_ko)


@pytest.mark.parametrize("key", sorted(k for k in ENGLISH if k != "TERMS"))
def test_every_english_message_has_a_korean_entry_with_the_same_placeholders(key):
    assert key in KOREAN, f"{key} has no Korean entry in bot/messages_ko.py or bot/messages_records_ko.py"
    en, ko = ENGLISH[key], KOREAN[key]
    if isinstance(en, dict):
        assert isinstance(ko, dict) and set(ko) == set(en), key
        return
    if isinstance(en, tuple):  # (title, message) pairs, e.g. suggested prompts
        assert isinstance(ko, tuple) and len(ko) == len(en), key
        for en_pair, ko_pair in zip(en, ko):
            assert [placeholders(t) for t in ko_pair] == [placeholders(t) for t in en_pair], (key, en_pair, ko_pair)
        return
    assert isinstance(ko, str) and placeholders(ko) == placeholders(en), (key, en, ko)


def test_the_korean_catalogue_says_nothing_the_english_one_does_not():
    assert set(KOREAN) - set(ENGLISH) <= {"DESK"}


_LATIN_RUN = re.compile(r"[A-Za-z]{2,}(?:[\s,;:'()-]+[A-Za-z]{2,}){2,}")
_ALLOWED = re.compile(r"\{[^}]*\}|Partner record|KAP|Slack|carbon-desk@kap\.example|/carbon|P-T1-001|tCO2eq|KOC|KCU|"
                      r"LED|HVAC|VAT|ID|DM|FAQ")


@pytest.mark.parametrize("key", sorted(k for k, v in KOREAN.items() if isinstance(v, (str, tuple))))
def test_korean_messages_are_korean(key):
    value = KOREAN[key]
    text = _ALLOWED.sub(" ", value if isinstance(value, str) else " ".join(t for pair in value for t in pair))
    assert not _LATIN_RUN.search(text), (key, KOREAN[key])
    letters = re.findall(r"[A-Za-z\uac00-\ud7a3]", text)
    if len(letters) >= 4:
        assert sum("\uac00" <= ch <= "\ud7a3" for ch in letters) / len(letters) >= 0.8, (key, KOREAN[key])


def test_amounts_dates_and_tonnes_per_language():
    assert (krw(114_308_250), krw(114_308_250, "ko")) == ("KRW 114,308,250", "114,308,250원")
    assert (krw(None), krw(None, "ko")) == ("not recorded", "기록 없음")
    assert (day(date(2026, 12, 20)), day(date(2026, 12, 20), "ko")) == ("2026-12-20", "2026년 12월 20일")
    assert day("2027-03-05", "ko") == "2027년 3월 5일"
    assert (tonnes(989.1), tonnes(1234.0), tonnes(None)) == ("989.1", "1,234", "0")


def test_format_specs_write_values_in_the_language_of_the_message():
    en = say("REPAY_NEXT", "en", amount=62_500_000, due=date(2026, 12, 20))
    ko = say("REPAY_NEXT", "ko", amount=62_500_000, due=date(2026, 12, 20))
    assert en == "The next installment of KRW 62,500,000 is due on 2026-12-20."
    assert ko == "다음 할부금 62,500,000원의 납부기한은 2026년 12월 20일입니다."
    assert say("SCHEDULE_ROW", "ko", k=7, amount=1, due=date(2026, 12, 20), status="upcoming").endswith("(납부 예정)")
    assert say("SCHEDULE_ROW", "en", k=7, amount=1, due=date(2026, 12, 20), status="upcoming").endswith("(upcoming)")
    assert say("RECORD_PROJECT", "en", project="P", round=1, category="heat_pumps", description="d", cost=1,
               expected=50.0, support=1, paid="", completed="", registered="", status="in_use",
               since="").endswith("; equipment in use.")


def test_a_phrase_is_its_english_text_and_says_itself_in_korean():
    reason = Phrase("DEFER_TOO_LONG", limit=6, clause="§7.6", months=9)
    assert reason == "a deferral is at most 6 months (§7.6), asked 9" and isinstance(reason, str)
    assert reason.say("ko") == "상환유예는 최대 6개월까지 받을 수 있습니다(§7.6). 요청하신 기간은 9개월입니다"
    nested = Phrase("DISPOSAL_TRIGGERED", what=Phrase("DISPOSAL_GONE_ON", status="sold", since=date(2026, 3, 2)),
                    completed=date(2024, 1, 5))
    assert nested == "equipment sold on 2026-03-02 (completed 2024-01-05)"
    assert nested.say("ko") == "설비 2026년 3월 2일에 매각(완료확인일 2024년 1월 5일)"
    assert pickle.loads(pickle.dumps(nested)).say("ko") == nested.say("ko")
    assert type(str(nested)) is str


def test_a_korean_term_missing_falls_back_to_the_code_and_english_keeps_its_own_words():
    assert say("CRIT_CONTRACT_VALUE", "ko", contract="suspended") == "공급계약: suspended"
    assert say("CRIT_SIZE_VALUE", "en", size="mid", affiliate="unknown") == \
        "size class: mid-sized enterprise; group affiliate: not recorded"
    assert say("CRIT_SIZE_VALUE", "ko", size="mid", affiliate="unknown") == "기업 규모: 중견기업, 대기업집단 계열회사: 기록 없음"
