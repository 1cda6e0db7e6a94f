"""Typos fixed against the documents' own words: "grace perod" searches for "grace period".

Only words the documents never use are touched, only when one of the documents' words is very close, and
never short words; so an off-topic word ("weather") stays off-topic and is still noticed as unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz, process

MIN_LENGTH = 4
MIN_SCORE = 88  # rapidfuzz ratio: perod→period 91, elligible→eligible 94; weather→whether 86 stays
_WORD = re.compile(r"[A-Za-z][a-z]{3,}")


class Speller:
    def __init__(self, vocabulary: Iterable[str]) -> None:
        self.known = frozenset(vocabulary)
        self.words = sorted(w for w in self.known if w.isalpha() and len(w) >= MIN_LENGTH)

    def correct(self, text: str) -> str:
        """``text`` with each unknown word replaced by the documents' closest word, if one is close enough."""
        def fix(m: re.Match[str]) -> str:
            word = m.group(0).lower()
            if word in self.known or word.rstrip("s") in self.known or not self.words:
                return m.group(0)
            best = process.extractOne(word, self.words, scorer=fuzz.ratio, score_cutoff=MIN_SCORE)
            return best[0] if best and best[0][0] == word[0] else m.group(0)

        return _WORD.sub(fix, text)
