"""Collects citations while an answer is written: ``cite(chunk)`` returns the ``[n]`` marker."""

from __future__ import annotations

from bot.models import Chunk, Citation


class Citations:
    def __init__(self) -> None:
        self.items: list[Citation] = []
        self._by_key: dict[tuple[str, str], int] = {}

    def cite(self, chunk: Chunk, *, locator: str | None = None, quote: str | None = None,
             title: str | None = None) -> str:
        """The marker for ``chunk`` (same passage -> same number)."""
        loc = locator or chunk.label  # the locator as a reader of the passage's language expects it
        key = (chunk.id, loc)
        if key not in self._by_key:
            n = len(self.items) + 1
            self._by_key[key] = n
            self.items.append(
                Citation(n=n, id=chunk.id, source=chunk.source, title=title or chunk.title, locator=loc,
                         quote=(quote if quote is not None else chunk.text).strip())
            )
        return f"[{self._by_key[key]}]"
