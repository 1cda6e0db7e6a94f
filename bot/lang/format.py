"""How answers write amounts, tonnes and dates, per language (one place, so every answer writes them alike).

Korean amounts are always digits with commas and 원 ("114,308,250원"), never split into 억/만, so every
figure in a Korean answer reads exactly as in the records and in the English answer.
"""

from __future__ import annotations

from datetime import date

NOT_RECORDED = {"en": "not recorded", "ko": "기록 없음"}


def krw(amount: int | None, language: str = "en") -> str:
    if amount is None:
        return NOT_RECORDED.get(language, NOT_RECORDED["en"])
    return f"{amount:,}원" if language == "ko" else f"KRW {amount:,}"


def tonnes(value: float | None) -> str:
    return "0" if not value else f"{value:,.1f}".rstrip("0").rstrip(".")


def day(value: date | str | None, language: str = "en") -> str:
    """A date as the language writes it: ISO in English, "2026년 12월 20일" in Korean."""
    if value is None:
        return NOT_RECORDED.get(language, NOT_RECORDED["en"])
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return f"{value.year}년 {value.month}월 {value.day}일" if language == "ko" else value.isoformat()
