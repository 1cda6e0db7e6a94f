"""The review queue, the answer log, an answer's page, verdicts, bulk "mark correct", escalations and the export."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse

from bot.review import present
from bot.review.accounts import record_action
from bot.review.app import templates
from bot.review.auth import Session, check_csrf, require_staff
from bot.review.export import gold_cases, gold_yaml
from bot.review.queries import (LOW_MARGIN, QUEUE_REASONS, Filters, Queue, answer_page, detail, queue_neighbours,
                               queue_page)
from bot.state.schema import MAX_ID  # a larger id in a URL is a 422, on either backend

router = APIRouter()
VERDICTS = ("correct", "incorrect", "follow_up")
STATUSES = ("answered", "not_found", "refused", "needs_human", "clarify")
INTENTS = ("eligibility", "repayment", "offset", "program", "law", "out_of_scope", "help")
LIMITS = {"corrected_answer": 8000, "note": 4000, "facts": 4000, "cite": 4000}


def _queue(request: Request, reason: str) -> Queue:
    settings = request.app.state.settings
    return Queue(reason if reason in QUEUE_REASONS else "any", settings.min_sentence_score * LOW_MARGIN,
                 settings.min_sentence_score_ko * LOW_MARGIN)


@router.get("/", response_class=HTMLResponse)
def queue(request: Request, session: Session = Depends(require_staff), reason: str = "any",
          after: int = Query(0, ge=0, le=MAX_ID)):
    q = _queue(request, reason)
    rows, next_after, total = queue_page(request.app.state.audit, q, max(0, after))
    return templates.TemplateResponse(request, "queue.html", {
        "session": session, "rows": rows, "next_after": next_after, "total": total, "reason": q.reason,
        "reasons": QUEUE_REASONS})


@router.get("/log", response_class=HTMLResponse)
def log(request: Request, session: Session = Depends(require_staff), status: str = "", intent: str = "",
        firm: str = "", negative: bool = False, escalated: bool = False, unreviewed: bool = False,
        date_from: str = "", date_to: str = "", q: str = "", before: int | None = Query(None, ge=0, le=MAX_ID),
        marked: str = ""):
    filters = Filters(status, intent, firm.strip().upper()[:20], negative, escalated, unreviewed, date_from[:10],
                      date_to[:10], q.strip()[:200], before)
    rows, next_before = answer_page(request.app.state.audit, filters)
    query = {k: v for k, v in request.query_params.items() if k not in ("before", "marked")}
    return templates.TemplateResponse(request, "log.html", {
        "session": session, "rows": rows, "f": filters, "next_before": next_before, "query": query,
        "statuses": STATUSES, "intents": INTENTS, "marked": marked})


def _page(request: Request, session: Session, answer_id: int, reason: str | None, form: dict[str, Any] | None = None,
          conflict: dict[str, Any] | None = None, status_code: int = 200):
    audit, settings = request.app.state.audit, request.app.state.settings
    row = detail(audit, answer_id)
    if row is None:
        raise HTTPException(404, "no such answer")
    names = present.Names(request.app.state.directory(), audit)
    citing = present.citing_lines(row["answer"])
    for c in row["citations"]:
        c["marked"] = present.passage(c.get("quote") or "", citing.get(c["n"], []))
    review = row["review"]
    if form is None:  # start from the latest review, with no verdict chosen; nothing of the answer's own is
        # pre-filled as an expectation (an unchanged form must not export the system's intent or citations)
        form = {"verdict": "", "corrected_answer": (review or {}).get("corrected_answer") or "",
                "note": (review or {}).get("note") or "",
                "expected_status": (review or {}).get("expected_status") or row["status"],
                "expected_intent": (review or {}).get("expected_intent") or "",
                "facts": "\n".join((review or {}).get("facts") or []),
                "cite": "\n".join((review or {}).get("cite") or [])}
    previous = following = None
    if reason is not None:
        previous, following = queue_neighbours(audit, _queue(request, reason), answer_id)
    workspace = settings.slack_workspace_url
    for e in row["escalations"]:
        e["who"] = names(e.get("slack_user"))
        e["link"] = present.slack_link(workspace, e.get("staff_channel"), e.get("staff_ts"))
    for f in row["feedback"]:
        f["who"] = names(f.get("slack_user"))
    return templates.TemplateResponse(request, "detail.html", {
        "session": session, "a": row, "verdicts": VERDICTS, "statuses": STATUSES, "intents": INTENTS,
        "form": form, "conflict": conflict, "review": review, "reason": reason, "previous": previous,
        "following": following, "lines": present.answer_lines(row["answer"]),
        "locators": list(dict.fromkeys(c["locator"].split(",")[0] for c in row["citations"])),
        "facts": present.facts_rows(row["facts"]), "asker": names(row.get("slack_user")) if row.get("slack_user")
        else row.get("asker_name"), "thread_link": present.slack_link(workspace, row.get("slack_channel"),
                                                                        row.get("slack_thread")),
        "correction": present.diff(row["answer"], review["corrected_answer"])
        if review and review.get("corrected_answer") else None}, status_code=status_code)


@router.get("/answers/{answer_id}", response_class=HTMLResponse)
def answer_detail(request: Request, answer_id: int = Path(ge=0, le=MAX_ID), session: Session = Depends(require_staff),
                  queue: str | None = None):
    return _page(request, session, answer_id, queue if queue in QUEUE_REASONS else None)


@router.post("/answers/{answer_id}/review", response_class=HTMLResponse)
def review(request: Request, answer_id: int = Path(ge=0, le=MAX_ID), session: Session = Depends(require_staff),
           csrf: str = Form(""),
           version: int = Form(0), verdict: str = Form(""), corrected_answer: str = Form(""), note: str = Form(""),
           expected_status: str = Form("answered"), expected_intent: str = Form(""), facts: str = Form(""),
           cite: str = Form(""), queue: str | None = Form(None), then: str = Form("stay")):
    check_csrf(session, csrf)
    form = {"verdict": verdict, "corrected_answer": corrected_answer, "note": note, "expected_status": expected_status,
            "expected_intent": expected_intent, "facts": facts, "cite": cite, "version": version}
    reason = queue if queue in QUEUE_REASONS else None
    too_long = [name for name, limit in LIMITS.items() if len(form[name]) > limit]
    if verdict not in VERDICTS or expected_status not in STATUSES or (expected_intent and expected_intent not in INTENTS) \
            or too_long:
        problem = (f"{', '.join(too_long)} too long" if too_long else "choose a verdict" if verdict not in VERDICTS
                   else "unknown status or intent")
        return _page(request, session, answer_id, reason, form,
                     {"problem": problem}, status_code=422)
    audit = request.app.state.audit
    if audit.answer(answer_id) is None:
        raise HTTPException(404, "no such answer")
    ok, newer = audit.add_review(answer_id, version, session.user, verdict, corrected_answer=corrected_answer.strip(),
                                 note=note.strip(), expected_status=expected_status,
                                 expected_intent=expected_intent or None,
                                 facts=[x.strip() for x in facts.splitlines() if x.strip()],
                                 cite=list(dict.fromkeys(x.strip() for x in cite.splitlines() if x.strip())))
    if not ok:  # someone reviewed it meanwhile: show theirs, keep what was typed
        return _page(request, session, answer_id, reason, form, newer, status_code=409)
    if then == "next" and reason is not None:
        queue = _queue(request, reason)
        _, following = queue_neighbours(audit, queue, answer_id)
        if following is None:  # past the newest: round to the oldest still waiting, if any
            _, following = queue_neighbours(audit, queue, 0)
        target = f"/answers/{following}?queue={reason}" if following else f"/?reason={reason}&done=1"
        return RedirectResponse(target, status_code=303)
    return RedirectResponse(f"/answers/{answer_id}" + (f"?queue={reason}" if reason is not None else ""),
                            status_code=303)


@router.post("/reviews/bulk-correct")
async def bulk_correct(request: Request, session: Session = Depends(require_staff)):
    """Mark the chosen answers correct; answers someone has reviewed already are left as they are."""
    form = await request.form()
    check_csrf(session, str(form.get("csrf", "")))
    ids = [int(v) for v in form.getlist("ids")[:200]
           if str(v).isascii() and str(v).isdigit() and len(str(v)) <= len(str(MAX_ID)) and int(v) <= MAX_ID]
    audit = request.app.state.audit
    marked = sum(audit.add_review(i, 0, session.user, "correct", expected_status=row["status"],
                                  expected_intent=row["intent"])[0]
                 for i in ids if (row := audit.answer(i)) is not None)
    record_action(audit, session.user, "bulk_correct", f"{marked} of {len(ids)}: {ids}")
    back = str(form.get("back", "/log"))
    back = back if back.startswith("/log") and "\\" not in back else "/log"
    return RedirectResponse(f"{back}{'&' if '?' in back else '?'}marked={marked}-{len(ids)}", status_code=303)


@router.post("/escalations/{escalation_id}/resolve")
def resolve(request: Request, escalation_id: int = Path(ge=0, le=MAX_ID), session: Session = Depends(require_staff),
            csrf: str = Form(""), answer_id: int = Form(..., ge=0, le=MAX_ID)):
    check_csrf(session, csrf)
    if request.app.state.audit.resolve_escalation(escalation_id, resolved_by=f"review:{session.user}"):
        record_action(request.app.state.audit, session.user, "resolve", f"escalation {escalation_id}")
    return RedirectResponse(f"/answers/{answer_id}", status_code=303)


@router.get("/export", response_class=HTMLResponse)
def export_preview(request: Request, session: Session = Depends(require_staff), since: str = ""):
    as_of = request.app.state.settings.today().isoformat()
    cases = gold_cases(request.app.state.audit, since[:10] or None)
    return templates.TemplateResponse(request, "export.html", {
        "session": session, "cases": cases, "yaml": gold_yaml(request.app.state.audit, as_of, since[:10] or None),
        "since": since[:10]})


@router.get("/export.yaml", response_class=PlainTextResponse)
def export(request: Request, session: Session = Depends(require_staff), since: str = ""):
    as_of = request.app.state.settings.today().isoformat()
    audit = request.app.state.audit
    body = gold_yaml(audit, as_of, since[:10] or None)
    record_action(audit, session.user, "export", f"{body.count(chr(10) + '- id: ')} cases since {since or 'ever'}")
    return PlainTextResponse(body, media_type="application/yaml",
                             headers={"Content-Disposition": "attachment; filename=review-gold.yaml"})
