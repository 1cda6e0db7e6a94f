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

PARTNER_ID_IN_TEXT = re.compile(r"\bP-?T[12]-?\d{3}\b", re.IGNORECASE)

_GROUP = (r"\b(all|every|each|other|another|which|how many|list( of)?|any|the rest of the|names of( the)?)\s+"
          r"(the\s+|of the\s+)?(partners?|firms?|compan(y|ies)|suppliers?|participants?|members?|borrowers?)\b")
_RECORD_WORDS = (r"\b(overdue|owes?|owing|balance|received?|got|paid|pay(ing)?|default(ed)?|excluded|behind|late|"
                 r"records?|data|names?|list|ledger|amounts?|support|repa(y|id|ying|yment)s?|verified|credits?|"
                 r"status|details?|info(rmation)?|project)\b")
AGGREGATE = re.compile(
    rf"{_GROUP}.*{_RECORD_WORDS}|{_RECORD_WORDS}.*{_GROUP}|^\s*list\b.*\b(partners?|firms?|compan(y|ies))\b"
    r"|\bwho(\s+\w+){0,3}\s+(is|are|has|have|was|were)\s+(behind|overdue|late|in default|defaulted|excluded|not paid|missed)"
    r"|\bwho else\b|\bcompetitors?\b|\b(ranking|league table|leaderboard)\b"
    r"|\b(someone|somebody) else'?s?\b",
    re.IGNORECASE,
)

INJECTION = re.compile(
    r"\bignore (all |any |your |the |previous |prior |above )*(rules|instructions|polic(y|ies)|restrictions|guardrails)"
    r"|\b(disregard|bypass|override|forget) (all |your |the |previous |any )*(rules|instructions|polic(y|ies)|restrictions|access)"
    r"|\byou are now\b|\bact as (an? )?(admin|administrator|staff|developer|root)\b|\bpretend (to be|you are|i am)\b"
    r"|\b(developer|debug|admin|god) mode\b|\bsystem prompt\b|\bjailbreak\b|\bi am (an? )?(admin|staff|kap staff)\b",
    re.IGNORECASE,
)

_SUFFIX = re.compile(r"\s*(co\.?,?\s*ltd\.?|co\.|ltd\.?|inc\.?|corp(oration)?\.?|company|industries|industrial)\s*$", re.I)


def _name_variants(name: str) -> set[str]:
    base = _SUFFIX.sub("", name).strip()
    return {" ".join(v.lower().split()) for v in (name, base) if len(v) >= 6}


class FirmScreen:
    """Finds firms a question names (by id or name), built once per index generation.

    Names match on word boundaries, longest first, so "Garam Forging Tech" is that firm and not
    "Garam Forging" inside it. One alternation over all names: a single linear scan of the question.
    """

    def __init__(self, firms: dict[str, str]) -> None:
        self.owner = {v: pid for pid, name in sorted(firms.items()) for v in _name_variants(name)}
        names = sorted(self.owner, key=len, reverse=True)
        body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) or "(?!)"
        self._names = re.compile(rf"(?<![\w])(?:{body})(?![\w])", re.IGNORECASE)

    def named_firms(self, question: str) -> set[str]:
        """Ids written in the question (existing or not, normalised) plus firms whose name appears."""
        ids = {_normalise_id(m.group(0)) for m in PARTNER_ID_IN_TEXT.finditer(question)}
        ids |= {self.owner[" ".join(m.group(0).lower().split())] for m in self._names.finditer(question)}
        return ids


def _normalise_id(text: str) -> str:
    digits = re.sub(r"[^0-9]", "", text.upper())
    return f"P-T{digits[0]}-{digits[1:]}"


def screen(question: str, asker: Asker, firms: FirmScreen) -> str | None:
    """Why a question must be refused for this asker ("other_firm" | "injection"), or None.

    Staff may ask about any firm; an injection attempt is refused for everyone
    but staff, who are not restricted anyway.
    """
    if asker.is_staff:
        return None
    if INJECTION.search(question):
        return "injection"
    named = firms.named_firms(question) - ({asker.partner_id} if asker.partner_id else set())
    if named or AGGREGATE.search(question):
        return "other_firm"
    return None
