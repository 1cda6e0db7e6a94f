"""Document loaders: a file in, citable sections out. One module per format."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """A citable unit of a document before chunking: its locator, heading path and body text."""

    locator: str
    heading: str
    text: str


@dataclass(frozen=True)
class Document:
    title: str
    doc_type: str
    sections: list[Section]
