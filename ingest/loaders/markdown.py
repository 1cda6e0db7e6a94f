"""Markdown: split on headings; each section keeps its heading path and its locator.

Locators come from the heading itself: ``§7.2`` (program rules), ``Art. 29``
(the Act digest; ``제29조`` in the Korean one), ``FAQ-07`` (FAQ entries). A heading
without one is cited by its own text.
"""

from __future__ import annotations

import re

from ingest.loaders import Section

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
LOCATOR = re.compile(r"§\s?\d+(?:\.\d+)*|\bArt\.\s?\d+(?:\(\d+\))?|\bFAQ-\d+|제\s?(\d+)\s?조")


def heading_locator(heading: str) -> str:
    """The clause's identity, the same in every language: "§7.2", "Art. 29" (also from "제29조"), "FAQ-07"."""
    m = LOCATOR.search(heading)
    if m and m.group(1):
        return f"Art. {int(m.group(1))}"
    if m:
        return re.sub(r"\s", "", m.group(0)).replace("Art.", "Art. ")
    return heading.strip()


def parse_markdown(text: str, fallback_title: str) -> tuple[str, list[Section]]:
    """The document title (first ``#`` heading) and one section per heading with body text."""
    title = ""
    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    body: list[str] = []
    in_fence = False

    def flush() -> None:
        content = "\n".join(body).strip()
        body.clear()
        if not content or not path:
            return
        level, current = path[-1]
        sections.append(
            Section(locator=heading_locator(current), heading=" > ".join(h for _, h in path), text=content)
        )

    for line in text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        m = None if in_fence else _HEADING.match(line)
        if not m:
            body.append(line)
            continue
        flush()
        level, heading = len(m.group(1)), m.group(2).strip()
        if level == 1 and not title:
            title = heading
            path = [(1, heading)]
            continue
        path = [(lvl, h) for lvl, h in path if lvl < level] + [(level, heading)]
    flush()
    # Text under the title but before any section is the preamble.
    return title or fallback_title, [
        s if s.heading != title else Section(locator="preamble", heading=s.heading, text=s.text) for s in sections
    ]
