"""Which language a question is written in: Korean when Hangul makes up a good part of its letters."""

from __future__ import annotations

KOREAN_SHARE = 0.3


def _hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u3131" <= ch <= "\u318e"


def detect_language(text: str, default: str = "en") -> str:
    """"ko" or "en"; mixed text ("P-T1-001 상환 일정?") counts Hangul among its letters only."""
    letters = [ch for ch in text[:2000] if ch.isalpha()]
    if not letters:
        return default
    return "ko" if sum(map(_hangul, letters)) / len(letters) >= KOREAN_SHARE else "en"
