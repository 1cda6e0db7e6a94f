"""Partner records as restricted text chunks for search (one per firm, one per ledger)."""

from __future__ import annotations

from collections import defaultdict

from bot.messages import say
from bot.models import Chunk
from bot.records.models import Firm, Payment, Project, Record, Reduction
from bot.records.text import firm_text, ledger_text
from ingest.chunking import content_hash

__all__ = ["firm_text", "ledger_text", "record_chunks"]


def record_chunks(tables: dict[str, list[Record]], root: str) -> list[Chunk]:
    projects: dict[str, list[Project]] = defaultdict(list)
    for p in tables.get("projects", []):
        projects[p.partner_id].append(p)  # type: ignore[attr-defined]
    reductions: dict[str, list[Reduction]] = defaultdict(list)
    for r in tables.get("reductions", []):
        reductions[r.project_id].append(r)  # type: ignore[attr-defined]
    payments: dict[str, list[Payment]] = defaultdict(list)
    for pay in tables.get("ledger", []):
        payments[pay.partner_id].append(pay)  # type: ignore[attr-defined]

    chunks = []
    for firm in tables.get("firms", []):
        assert isinstance(firm, Firm)
        docs = [("firms", f"Partner record {firm.partner_id}", firm_text(firm, projects[firm.partner_id], reductions))]
        if payments[firm.partner_id]:
            docs.append(("ledger", f"Partner record {firm.partner_id} ledger", ledger_text(firm, payments[firm.partner_id])))
        for table, locator, text in docs:
            source = f"{root}/partners/{table}.csv"
            chunks.append(
                Chunk(
                    id=f"record#{locator}#{content_hash(text)[:10]}",
                    text=text,
                    source=source,
                    title=say("RECORD_TITLE", name=firm.name),
                    locator=locator,
                    doc_type="record",
                    visibility="restricted",
                    partner_id=firm.partner_id,
                    heading=locator,
                )
            )
    return chunks
