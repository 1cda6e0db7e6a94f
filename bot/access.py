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
