"""The quality page: the latest eval report (system vs baseline) and weekly feedback and verdict trends."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse

from bot.review.app import templates
from bot.review.auth import Session, require_staff
from bot.review.queries import weekly_trends

router = APIRouter()


def _latest(request: Request):
    return request.app.state.settings.data_dir / "eval" / "latest"


@router.get("/quality", response_class=HTMLResponse)
def quality(request: Request, session: Session = Depends(require_staff)):
    path = _latest(request) / "report.json"
    report = json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
    return templates.TemplateResponse(request, "quality.html", {
        "session": session, "report": report, "trends": weekly_trends(request.app.state.audit),
        "metrics": ["pass_rate", "status_accuracy", "intent_accuracy", "fact_accuracy", "citation_recall",
                    "citation_precision", "recall_at_5", "mrr", "refusal_recall", "clarify_rate", "leaks", "unsupported_numbers",
                    "latency_median_ms"]})


@router.get("/quality/chart.png")
def chart(request: Request, session: Session = Depends(require_staff)):
    path = _latest(request) / "chart.png"
    if not path.exists():
        raise HTTPException(404, "no eval report yet")
    return FileResponse(path, media_type="image/png")
