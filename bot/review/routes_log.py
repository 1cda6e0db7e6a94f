"""The answer log, answer detail, verdicts and escalation resolution."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse

from bot.review.app import templates
from bot.review.auth import Session, check_csrf, require_staff
from bot.review.export import gold_yaml
from bot.review.queries import Filters, answer_page, detail

router = APIRouter()
VERDICTS = ("correct", "incorrect", "follow_up")
STATUSES = ("answered", "not_found", "refused", "needs_human", "clarify")


@router.get("/", response_class=HTMLResponse)
def log(request: Request, session: Session = Depends(require_staff), status: str = "", intent: str = "",
        firm: str = "", negative: bool = False, escalated: bool = False, unreviewed: bool = False,
        date_from: str = "", date_to: str = "", q: str = "", before: int | None = None):
    filters = Filters(status, intent, firm.strip().upper(), negative, escalated, unreviewed, date_from, date_to,
                      q.strip(), before)
    rows, next_before = answer_page(request.app.state.audit, filters)
    query = {k: v for k, v in request.query_params.items() if k != "before"}
    return templates.TemplateResponse(request, "log.html", {
        "session": session, "rows": rows, "f": filters, "next_before": next_before, "query": query,
        "statuses": STATUSES, "intents": ("eligibility", "repayment", "offset", "program", "law", "out_of_scope", "help")})


@router.get("/answers/{answer_id}", response_class=HTMLResponse)
def answer_detail(request: Request, answer_id: int, session: Session = Depends(require_staff)):
    row = detail(request.app.state.audit, answer_id)
    if row is None:
        raise HTTPException(404, "no such answer")
    return templates.TemplateResponse(request, "detail.html", {"session": session, "a": row, "verdicts": VERDICTS,
                                                              "statuses": STATUSES, "conflict": None})


@router.post("/answers/{answer_id}/review", response_class=HTMLResponse)
def review(request: Request, answer_id: int, session: Session = Depends(require_staff), csrf: str = Form(""),
           version: int = Form(0), verdict: str = Form(...), corrected_answer: str = Form(""), note: str = Form(""),
           expected_status: str = Form("answered"), facts: str = Form(""), cite: str = Form("")):
    check_csrf(session, csrf)
    if verdict not in VERDICTS or expected_status not in STATUSES:
        raise HTTPException(422, "unknown verdict or status")
    audit = request.app.state.audit
    if audit.answer(answer_id) is None:
        raise HTTPException(404, "no such answer")
    ok, newer = audit.add_review(answer_id, version, session.user, verdict, corrected_answer=corrected_answer.strip(),
                                 note=note.strip(), expected_status=expected_status,
                                 facts=[x.strip() for x in facts.splitlines() if x.strip()],
                                 cite=[x.strip() for x in cite.splitlines() if x.strip()])
    if not ok:
        return templates.TemplateResponse(request, "detail.html", {
            "session": session, "a": detail(audit, answer_id), "verdicts": VERDICTS, "statuses": STATUSES,
            "conflict": newer}, status_code=409)
    return RedirectResponse(f"/answers/{answer_id}", status_code=303)


@router.post("/escalations/{escalation_id}/resolve")
def resolve(request: Request, escalation_id: int, session: Session = Depends(require_staff), csrf: str = Form(""),
            answer_id: int = Form(...)):
    check_csrf(session, csrf)
    request.app.state.audit.resolve_escalation(escalation_id, resolved_by=f"review:{session.user}")
    return RedirectResponse(f"/answers/{answer_id}", status_code=303)


@router.get("/export.yaml", response_class=PlainTextResponse)
def export(request: Request, session: Session = Depends(require_staff), since: str = ""):
    as_of = request.app.state.settings.today().isoformat()
    body = gold_yaml(request.app.state.audit, as_of, since or None)
    return PlainTextResponse(body, media_type="application/yaml",
                             headers={"Content-Disposition": "attachment; filename=review-gold.yaml"})
