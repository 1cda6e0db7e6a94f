"""The source viewer: every knowledge document rendered with clause anchors (/sources/program/rules#§7.2)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from markdown_it import MarkdownIt

from bot.review import present
from bot.review.app import templates
from bot.review.auth import Session, require_staff
from ingest.loaders.markdown import heading_locator

router = APIRouter()
_md = MarkdownIt("commonmark", {"html": False})  # raw HTML in documents is shown as text


def render_markdown(text: str) -> str:
    """HTML with an ``id`` on every heading: its locator (§7.2, Art. 29, FAQ-07) or its text."""
    tokens = _md.parse(text)
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            token.attrSet("id", heading_locator(tokens[i + 1].content))
    return _md.renderer.render(tokens, _md.options, {})


def _resolve(knowledge: Path, path: str) -> Path:
    base = knowledge.resolve()
    for suffix in (".md", ".markdown", ".txt", ".csv"):
        candidate = (base / f"{path}{suffix}").resolve()
        if candidate.is_file() and base in candidate.parents:
            return candidate
    raise HTTPException(404, "no such document")


@router.get("/sources", response_class=HTMLResponse)
def index(request: Request, session: Session = Depends(require_staff)):
    knowledge = request.app.state.settings.knowledge_dir.resolve()
    docs = sorted(p.relative_to(knowledge).with_suffix("").as_posix() for p in knowledge.rglob("*")
                  if p.suffix in {".md", ".markdown", ".txt", ".csv"})
    return templates.TemplateResponse(request, "sources.html", {"session": session, "docs": docs})


AMOUNT_COLUMN = re.compile(r"krw|amount|cost|support|tco2|kcu", re.IGNORECASE)
FIRM = re.compile(r"[A-Za-z0-9-]{1,20}")
SHOWN_ROWS = 500


def _table(text: str, firm: str) -> dict:
    """A records CSV: one firm's rows when ``firm`` is given, each firm's first row anchored by its id, amounts with
    thousands separators."""
    rows = list(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
    header, body = (rows[0], rows[1:]) if rows else ([], [])
    key = header.index("partner_id") if "partner_id" in header else None
    if firm and key is not None:
        body = [r for r in body if len(r) > key and r[key] == firm]
    amounts = {i for i, name in enumerate(header) if AMOUNT_COLUMN.search(name)}
    shown, seen = [], set()
    for r in body[:SHOWN_ROWS]:
        anchor = r[key] if key is not None and len(r) > key and r[key] not in seen else None
        seen.add(anchor)
        shown.append({"anchor": anchor, "cells": [present.amount(c) if i in amounts else c for i, c in enumerate(r)],
                      "numeric": [i in amounts for i in range(len(r))]})
    return {"header": header, "rows": shown, "more": max(0, len(body) - SHOWN_ROWS), "firm": firm,
            "filtered": bool(firm and key is not None)}


@router.get("/sources/{path:path}", response_class=HTMLResponse)
def source(request: Request, path: str, session: Session = Depends(require_staff), firm: str = ""):
    file = _resolve(request.app.state.settings.knowledge_dir, path)
    text = file.read_text(encoding="utf-8")
    table = None
    html = ""
    if file.suffix == ".csv":  # partner records: staff only (every console user is staff)
        table = _table(text, firm if FIRM.fullmatch(firm) else "")
    elif file.suffix == ".txt":
        html = "".join(f'<p id="¶{i}">{_escape(p)}</p>' for i, p in enumerate(text.split("\n\n"), 1) if p.strip())
    else:
        html = render_markdown(text)
    return templates.TemplateResponse(request, "source.html", {"session": session, "path": path, "html": html,
                                                              "table": table})


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
