"""Whether a question speaks for the asker ("our balance", "저희 잔액"): grammar, not topic.

First-person pronouns are a closed class of each language's grammar, so they are listed here once. A Korean
pronoun counts only as a word of its own or with a particle after it: the 우리 of 우리스프링 (a firm's name) is
not "we".
"""

from __future__ import annotations

import re

from bot.lang import HANGUL

_EN = re.compile(r"\b(?:i|i'm|i've|i'd|me|my|mine|we|we're|we've|we'd|us|our|ours)\b", re.I)
_KO_PRONOUNS = frozenset({"저", "저희", "우리", "나", "당사"})
_MAX = 1000  # characters looked at: a question is capped earlier


def first_person(text: str) -> bool:
    """True when ``text`` speaks of the asker or the asker's firm in the first person."""
    text = text[:_MAX]
    if _EN.search(text.replace("\u2019", "'")):
        return True
    if not HANGUL.search(text):
        return False
    from bot.store.lexical import kiwi

    tokens = kiwi().tokenize(text)
    for i, token in enumerate(tokens):
        if token.form not in _KO_PRONOUNS or token.tag not in ("NP", "NNG"):
            continue
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        joined = nxt is not None and nxt.start == token.start + token.len
        if not joined or nxt.tag.startswith("J") or nxt.tag in ("SF", "SP", "SS", "VCP"):
            return True
    return False
