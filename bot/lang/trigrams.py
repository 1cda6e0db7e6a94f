"""A character-trigram filter in front of rapidfuzz, so fuzzy name matching stays fast with 10,000 firms.

``fuzz.ratio(a, b) >= r`` (the normalised Indel similarity) bounds the edit distance: ``d <= (1 - r)(|a| + |b|)``
and ``|b| <= |a| (1 + (1 - r)) / r``. An insertion or a deletion destroys at most three trigrams of ``a``
(padded with two spaces in front and one behind), so a string that can reach the ratio shares at least
``trigrams(a) - 3 d`` of ``a``'s distinct trigrams. Strings below that count are skipped without changing any
result; the rest are scored exactly as before.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process
from scipy.sparse import csr_matrix


def trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i:i + 3] for i in range(len(padded) - 2)}


class TrigramFilter:
    """The strings ``choices``, indexed by their trigrams, for repeated fuzzy lookups."""

    def __init__(self, choices: Sequence[str]) -> None:
        self.choices = list(choices)
        self._vocab: dict[str, int] = {}
        rows, cols = [], []
        for i, choice in enumerate(self.choices):
            for gram in trigrams(choice):
                rows.append(i)
                cols.append(self._vocab.setdefault(gram, len(self._vocab)))
        self._matrix = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)),
                                  shape=(len(self.choices), max(len(self._vocab), 1))).T.tocsr()

    def shared(self, queries: Sequence[str]) -> np.ndarray:
        """Distinct trigrams each query shares with each choice: an array queries × choices."""
        rows, cols = [], []
        for q, query in enumerate(queries):
            for gram in trigrams(query):
                j = self._vocab.get(gram)
                if j is not None:
                    rows.append(q)
                    cols.append(j)
        grams = csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)),
                           shape=(len(queries), self._matrix.shape[0]))
        return (grams @ self._matrix).toarray()

    @staticmethod
    def needed(query: str, cutoff: float) -> int:
        """The fewest shared trigrams a choice needs to reach ``fuzz.ratio >= cutoff`` with ``query``."""
        r = cutoff / 100
        longest = len(query) * (2 - r) / r
        distance = math.floor((1 - r) * (len(query) + longest) + 1e-9)
        return len(trigrams(query)) - 3 * distance

    def matches(self, queries: Sequence[str], cutoff: float) -> list[tuple[int, int, float]]:
        """(query index, choice index, ratio) of every pair with ``fuzz.ratio >= cutoff``, as ``process.cdist``
        with that score_cutoff finds them."""
        if not queries or not self.choices:
            return []
        shared = self.shared(queries)
        out = []
        for q, query in enumerate(queries):
            candidates = np.flatnonzero(shared[q] >= max(self.needed(query, cutoff), 0))
            for j in candidates.tolist():
                score = fuzz.ratio(query, self.choices[j], score_cutoff=cutoff)
                if score:
                    out.append((q, j, score))
        return out

    def best(self, query: str, cutoff: float) -> tuple[str, float, int] | None:
        """As ``process.extractOne(query, choices, scorer=fuzz.ratio, score_cutoff=cutoff)``."""
        found = self.matches([query], cutoff)
        if not found:
            return None
        # extractOne keeps the first choice among equal best scores
        _, j, score = max(found, key=lambda m: (m[2], -m[1]))
        return self.choices[j], score, j


__all__ = ["TrigramFilter", "process", "trigrams"]
