"""One reply for a multi-part question: each part's answer in turn, one numbered list of sources."""

from __future__ import annotations

import re

from bot.models import Answer, Citation

_MARKER = re.compile(r"\[(\d+)\]")
_RANK = {"refused": 3, "answered": 2, "clarify": 1, "needs_human": 1, "not_found": 0}


def merge(question: str, parts: list[Answer]) -> Answer:
    """Renumber each part's ``[n]`` markers into one citation list; facts of part i go under ``part_i``."""
    citations: list[Citation] = []
    by_key: dict[tuple[str, str], int] = {}
    texts, facts, hits = [], {}, []
    said: set[str] = set()
    for i, part in enumerate(parts, 1):
        renumber: dict[int, int] = {}
        for c in part.citations:
            key = (c.id, c.locator)
            if key not in by_key:
                by_key[key] = len(citations) + 1
                citations.append(c.model_copy(update={"n": by_key[key]}))
            renumber[c.n] = by_key[key]
        text = _MARKER.sub(lambda m: f"[{renumber.get(int(m.group(1)), m.group(1))}]", part.answer)
        # a line an earlier part already gave, word for word and with the same sources, is not said twice
        # ("(2) total verified tonnes (3) end of our crediting period": one offset answer serves both)
        lines = [line for line in text.split("\n") if not line.strip() or line not in said]
        said.update(line for line in lines if line.strip())
        if any(line.strip() for line in lines):
            texts.append("\n".join(lines).strip("\n"))
        facts[f"part_{i}"] = {"intent": part.intent, "status": part.status, **part.facts}
        for key, value in part.facts.items():
            facts.setdefault(key, value)
        hits += part.hits
    answered = [p for p in parts if p.status == "answered"]
    status = "answered" if answered else max(parts, key=lambda p: _RANK[p.status]).status
    return Answer(question=question, status=status, intent=(answered or parts)[0].intent, answer="\n\n".join(texts),
                  citations=citations, facts=facts, private=any(p.private for p in parts), hits=hits)
