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
    # a Hangul syllable carries about as much as two or three Latin letters, so it weighs two
    korean = 2 * sum(map(_hangul, letters))
    return "ko" if korean / (korean + len(letters) - korean / 2) >= KOREAN_SHARE else "en"
