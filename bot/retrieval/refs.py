"""Clause and article references in a question: "§7.4", "section 7.4", "Article 29", "Art 30", "제29조", "FAQ 7"."""

from __future__ import annotations

import re

_CLAUSE = re.compile(
    r"(?:§\s*|\b(?:section|sec\.?|clause|rule|paragraph|para\.?)\s*)(\d{1,2}(?:\.\d{1,2})?)\b", re.IGNORECASE
)
_ARTICLE = re.compile(r"\bart(?:icle|\.)?\s*(\d{1,3})\b", re.IGNORECASE)
_FAQ = re.compile(r"\bfaq[\s\-#]*(\d{1,3})\b", re.IGNORECASE)
# 제29조 (or just 29조) is Art. 29; "1조 2천억 원" is an amount and "3조건" another word
_ARTICLE_KO = re.compile(r"(?:제\s*)?(?<![\d.,])(\d{1,3})\s*조(?!\s*[\d천백억만원])(?![건치금정합])")


def find_refs(text: str) -> list[str]:
    """Locators named in ``text``, in order of appearance, without duplicates."""
    found: list[tuple[int, str]] = []
    found += [(m.start(), f"§{m.group(1)}") for m in _CLAUSE.finditer(text)]
    found += [(m.start(), f"Art. {int(m.group(1))}") for m in _ARTICLE.finditer(text)]
    found += [(m.start(), f"Art. {int(m.group(1))}") for m in _ARTICLE_KO.finditer(text)]
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
