"""Hangul to Latin letters by the Revised Romanization of Korean, the system the firms' English names use.

Syllable by syllable from the jamo arithmetic of the Unicode Hangul block, with the two sound rules that
matter for names: a final consonant carries over to a following silent initial (한울 → hanul, 금은 → geumeun
keeps "m" before "eun"), and ㄹ before ㄹ is "ll". Anything that is not a Hangul syllable passes through.
"""

from __future__ import annotations

_FIRST, _LAST = 0xAC00, 0xD7A3
INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu",
          "eu", "ui", "i"]
# A final consonant as it sounds at the end of a syllable ...
FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
          "ng", "t", "t", "k", "t", "p", "t"]
# ... and as it sounds when it carries over to a following syllable that starts with a vowel.
CARRIED = ["", "g", "kk", "gs", "n", "nj", "n", "d", "r", "lg", "lm", "lb", "ls", "lt", "lp", "r", "m", "b", "bs",
           "s", "ss", "ng", "j", "ch", "k", "t", "p", ""]
_SILENT, _RIEUL_INITIAL, _RIEUL_FINAL = 11, 5, 8


def _parts(ch: str) -> tuple[int, int, int] | None:
    code = ord(ch)
    if not _FIRST <= code <= _LAST:
        return None
    code -= _FIRST
    return code // 588, (code % 588) // 28, code % 28


def romanize(text: str) -> str:
    """``꽃빛단조`` → ``kkotbitdanjo``; ``한울`` → ``hanul``; other characters unchanged."""
    out: list[str] = []
    syllables = [_parts(ch) for ch in text]
    for i, (ch, parts) in enumerate(zip(text, syllables)):
        if parts is None:
            out.append(ch)
            continue
        initial, vowel, final = parts
        previous = syllables[i - 1] if i else None
        following = syllables[i + 1] if i + 1 < len(syllables) else None
        if previous is not None and initial == _SILENT and previous[2] not in (0, 21):
            onset = ""  # the previous final already carried over as this syllable's onset
        elif previous is not None and initial == _RIEUL_INITIAL and previous[2] == _RIEUL_FINAL:
            onset = "l"
        else:
            onset = INITIALS[initial]
        if final and following is not None and following[0] == _SILENT and final != 21:
            coda = CARRIED[final]
        else:
            coda = FINALS[final]
        out.append(onset + VOWELS[vowel] + coda)
    return "".join(out)
