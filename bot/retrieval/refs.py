"""Clause and article references in a question: "§7.4", "section 7.4", "Article 29", "Art 30", "제29조", "FAQ 7"."""

from __future__ import annotations

import re

_CLAUSE = re.compile(
    r"(?:§\s*|\b(?:section|sec\.?|clause|rule|paragraph|para\.?)\s*)(\d{1,2}(?:\.\d{1,2})?)\b", re.IGNORECASE
)
_ARTICLE = re.compile(r"\bart(?:icle|\.)?\s*(\d{1,3})\b", re.IGNORECASE)
_FAQ = re.compile(r"\bfaq[\s\-#]*(\d{1,3})\b", re.IGNORECASE)
# 제29조 is Art. 29. Without 제, "29조" is one only where an article reference goes on ("30조에서", "29조랑 30조
# 차이", "41조?"): "1조 2천억 원", "5조 이상", "10조가 넘는" and "3조 달러" are amounts, "3조건" another word.
_ARTICLE_KO = re.compile(r"제\s*(\d{1,3})\s*조")
_ARTICLE_KO_BARE = re.compile(
    r"(?<![\d.,])(\d{1,3})\s*조"
    r"(?=에서|에는|에|의|는|은|랑|하고|와|과|\s*제\s*\d+\s*항|\s*[?？(]|\s*$"
    r"|\s+(?!이상|이하|미만|초과|규모|달러|원|넘|가량|정도)[가-힣])")


def find_refs(text: str) -> list[str]:
    """Locators named in ``text``, in order of appearance, without duplicates."""
    found: list[tuple[int, str]] = []
    found += [(m.start(), f"§{m.group(1)}") for m in _CLAUSE.finditer(text)]
    found += [(m.start(), f"Art. {int(m.group(1))}") for m in _ARTICLE.finditer(text)]
    found += [(m.start(), f"Art. {int(m.group(1))}") for m in _ARTICLE_KO.finditer(text)]
    found += [(m.start(), f"Art. {int(m.group(1))}") for m in _ARTICLE_KO_BARE.finditer(text)]
    found += [(m.start(), f"FAQ-{int(m.group(1)):02d}") for m in _FAQ.finditer(text)]
    out: list[str] = []
    for _, ref in sorted(found):
        if ref not in out:
            out.append(ref)
    return out


def matches(ref: str, locator: str) -> bool:
    """A section reference (§7) also matches its clauses (§7.2); a clause only itself."""
    if locator == ref:
        return True
    return ref.startswith("§") and "." not in ref and locator.startswith(ref + ".")
