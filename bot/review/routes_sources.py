"""The source viewer: every knowledge document rendered with clause anchors (/sources/program/rules#§7.2)."""

from __future__ import annotations

import csv
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from markdown_it import MarkdownIt

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


@router.get("/sources/{path:path}", response_class=HTMLResponse)
def source(request: Request, path: str, session: Session = Depends(require_staff)):
    file = _resolve(request.app.state.settings.knowledge_dir, path)
    text = file.read_text(encoding="utf-8")
    table = None
    html = ""
    if file.suffix == ".csv":  # partner records: staff only (every console user is staff)
        rows = list(csv.reader(line for line in text.splitlines() if not line.startswith("#")))
        table = {"header": rows[0] if rows else [], "rows": rows[1:501], "more": max(0, len(rows) - 501)}
    elif file.suffix == ".txt":
        html = "".join(f'<p id="¶{i}">{_escape(p)}</p>' for i, p in enumerate(text.split("\n\n"), 1) if p.strip())
    else:
        html = render_markdown(text)
    return templates.TemplateResponse(request, "source.html", {"session": session, "path": path, "html": html,
                                                              "table": table})


def _escape(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))
