"""Things a question mentions that calculators need: calendar years so far.

Patterns here are linear (no nested quantifiers) and run on a capped string.
"""

from __future__ import annotations

import re

_YEAR = re.compile(r"(?<!\d)(20[1-4]\d)(?!\d)")


def years_named(text: str) -> list[int]:
    """Calendar years written in the text ("in 2024", "2024년"), in order, without repeats."""
    return list(dict.fromkeys(int(m.group(1)) for m in _YEAR.finditer(text[:4000])))
