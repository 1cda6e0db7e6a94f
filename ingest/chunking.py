"""Clause-aware chunking: a section becomes one chunk, or several split only between sentences.

Chunk ids are stable across runs: document id + locator + part + content hash,
so an unchanged clause keeps its id (and its citations in the audit log).
"""

from __future__ import annotations

import hashlib
import re

from bot.models import Chunk
from ingest.loaders import Section

MAX_CHARS = 1200
# A sentence ends at . ! ? followed by space and a capital, "§" or an opening bracket/quote;
# "Art. 29" and "e.g. the" therefore never end one.
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z§(\"“*\uac00-\ud7a3])")


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def split_sentences(text: str, max_chars: int = MAX_CHARS) -> list[str]:
    """Pack whole sentences (and whole lines of lists) into parts of at most ``max_chars``."""
    if len(text) <= max_chars:
        return [text]
    units: list[str] = []
    for block in re.split(r"\n(?=\s*(?:[-*]|\d+\.)\s)|\n\s*\n", text):
        units.extend(s for s in _SENTENCE_END.split(block.strip()) if s)
    parts: list[str] = []
    current = ""
    for unit in units:
        if current and len(current) + 1 + len(unit) > max_chars:
            parts.append(current)
            current = unit
        else:
            current = f"{current}\n{unit}" if current else unit
    if current:
        parts.append(current)
    return parts


def chunk_sections(
    sections: list[Section],
    *,
    source: str,
    title: str,
    doc_type: str,
    visibility: str = "public",
    partner_id: str | None = None,
    language: str = "en",
) -> list[Chunk]:
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for section in sections:
        for text in split_sentences(section.text):
            n = seen.get(section.locator, 0)
            seen[section.locator] = n + 1
            chunks.append(
                Chunk(
                    id=f"{source}#{section.locator}#{n}#{content_hash(text)[:10]}",
                    text=text,
                    source=source,
                    title=title,
                    locator=section.locator,
                    doc_type=doc_type,
                    visibility=visibility,  # type: ignore[arg-type]
                    partner_id=partner_id,
                    heading=section.heading,
                    language=language,
                )
            )
    return chunks
