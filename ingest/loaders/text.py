"""Plain text: paragraphs grouped into sections, cited by paragraph number."""

from __future__ import annotations

import re

from ingest.loaders import Section


def parse_text(text: str) -> list[Section]:
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return [Section(locator=f"¶{i}", heading="", text=p) for i, p in enumerate(paragraphs, 1)]
