"""PDF: one section per page, cited by page number."""

from __future__ import annotations

from pathlib import Path

from ingest.loaders import Section


def parse_pdf(path: Path) -> tuple[str | None, list[Section]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        title = (reader.metadata.title if reader.metadata else None) or None
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ValueError(f"not a readable PDF ({exc})") from exc
    sections = [Section(locator=f"p. {i}", heading="", text=t.strip()) for i, t in enumerate(pages, 1) if t.strip()]
    return title, sections
