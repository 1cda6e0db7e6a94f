"""The access policy, in one place: who may see which chunk and which firm.

Partners see public knowledge and their own firm's records; staff see
everything; guests see public knowledge only. Retrieval applies it as a
query filter, and :func:`may_see` checks every result again.
"""

from __future__ import annotations

from bot.models import Asker, Chunk


def may_see(asker: Asker, chunk: Chunk) -> bool:
    if chunk.visibility == "public":
        return True
    if asker.is_staff:
        return True
    return asker.role == "partner" and asker.partner_id is not None and chunk.partner_id == asker.partner_id


def may_see_firm(asker: Asker, partner_id: str) -> bool:
    return asker.is_staff or (asker.role == "partner" and asker.partner_id == partner_id)


# -- questions that target other firms ---------------------------------------------------
import re  # noqa: E402

from rapidfuzz import fuzz, process  # noqa: E402

# "P-T1-040", "PT1-040", "p t1 040", "P–T1–040": the id however it is typed
PARTNER_ID_IN_TEXT = re.compile(r"(?<![\w])p[\s\-\u2010-\u2015]?t[\s\-\u2010-\u2015]?([12])[\s\-\u2010-\u2015]?(\d{3})(?![\w])",
                                re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SUFFIX = re.compile(r"\s*(co\.?,?\s*ltd\.?|co\.|ltd\.?|inc\.?|corp(oration)?\.?|company|industries|industrial)\s*$", re.I)
FUZZY_MIN = 88  # rapidfuzz ratio: "Garam Forgin" and "Garm Forging" match "Garam Forging"; "our motor parts" does not
MAX_SCAN = 2000  # characters of a question that are searched for names


def _name_variants(name: str) -> set[str]:
    base = _SUFFIX.sub("", name).strip()
    return {" ".join(v.lower().split()) for v in (name, base) if len(v) >= 6}


class FirmScreen:
    """Finds firms a question names (by id or name), built once per index generation.

    Exact names match on word boundaries, longest first, so "Garam Forging Tech" is that firm and not
    "Garam Forging" inside it (one alternation: a single linear scan). Names written with a typo are found
    by comparing every run of the question's words with the names of as many words.
    """

    def __init__(self, firms: dict[str, str]) -> None:
        self.owner = {v: pid for pid, name in sorted(firms.items()) for v in _name_variants(name)}
        names = sorted(self.owner, key=len, reverse=True)
        body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) or "(?!)"
        self._names = re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)
        self._by_words: dict[int, list[str]] = {}
        for n in names:
            self._by_words.setdefault(len(n.split()), []).append(n)

    def named_firms(self, question: str) -> set[str]:
        """Ids written in the question (existing or not, normalised) plus firms whose name appears."""
        question = question[:MAX_SCAN]
        ids = {f"P-T{m.group(1)}-{m.group(2)}" for m in PARTNER_ID_IN_TEXT.finditer(question)}
        ids |= {self.owner[" ".join(m.group(0).lower().split())] for m in self._names.finditer(question)}
        return ids

    def resembling_firms(self, question: str) -> set[str]:
        """Firms whose name the question writes with a typo or a missing space (not the exact names)."""
        # words already inside an exactly written name are not matched again ("Garam Forging still owes")
        rest = self._names.sub(" | ", question[:MAX_SCAN])
        words = [w.lower() for w in _WORD.findall(rest)]
        found: set[str] = set()
        for count, names in self._by_words.items():
            runs = [" ".join(words[i:i + count]) for i in range(len(words) - count + 1)]
            runs += [" ".join(words[i:i + count - 1]) for i in range(len(words) - count + 2)] if count > 1 else []
            if not runs:
                continue
            scores = process.cdist(runs, names, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN, workers=1)
            for _, j in zip(*scores.nonzero()):
                found.add(names[j])
        # "garam forgin tech" also resembles "garam forging": the longer name wins, as with exact names
        longest = {n for n in found if not any(n != m and n in m for m in found)}
        return {self.owner[n] for n in longest}


def screen(query, asker: Asker) -> str | None:
    """Why a question must be refused for this asker ("other_firm" | "injection"), or None.

    ``query`` is the understood question (:class:`bot.understand.query.Query`). Staff may ask about
    any firm; everyone else is refused for another firm named in any spelling, for questions about firms in
    general, and for messages that try to change the rules or claim a role.
    """
    if asker.is_staff:
        return None
    if query.attack == "injection":
        return "injection"
    others = (query.firms | query.firms_like) - ({asker.partner_id} if asker.partner_id else set())
    if others or query.attack == "aggregate":
        return "other_firm"
    return None
