"""Sign-in with a reviewer's own token, sign-out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from bot.review.accounts import Reviewers, record_action
from bot.review.app import templates
from bot.review.auth import Session, check_csrf, require_staff

router = APIRouter()


def safe_next(target: str) -> str:
    """Only a path on this console: no scheme, no other host, no backslash tricks."""
    return target if target.startswith("/") and not target.startswith(("//", "/\\")) and "\\" not in target else "/"


def _page(request: Request, next: str, error: str | None, status: int = 200):
    return templates.TemplateResponse(request, "login.html", {
        "next": safe_next(next), "error": error, "slack_sign_in": bool(request.app.state.settings.slack_client_id)},
        status_code=status)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/"):
    return _page(request, next, None)


@router.post("/login")
def login(request: Request, token: str = Form(""), next: str = Form("/")):
    auth = request.app.state.auth
    account = Reviewers.account(token)
    keys = [auth.throttle.client_key(request.state.client_ip)] + ([f"account:{account}"] if account else [])
    reviewer = auth.reviewers.check(token[:200])
    if reviewer is None:  # a right token always gets in: a block slows wrong guesses, it never locks a reviewer out
        if auth.throttle.blocked(*keys):
            return _page(request, next, "Too many failed sign-ins; wait a few minutes, or sign in with Slack.", 429)
        auth.throttle.failed(*keys)
        return _page(request, next, "That token is not valid.", 401)
    auth.throttle.succeeded(f"account:{reviewer['id']}")
    response = RedirectResponse(safe_next(next), status_code=303)
    auth.start(request, response, reviewer["name"], "staff", reviewer_id=reviewer["id"])
    record_action(request.app.state.audit, reviewer["name"], "sign_in", f"token from {request.state.client_ip}")
    return response


@router.post("/logout")
def logout(request: Request, session: Session = Depends(require_staff), csrf: str = Form("")):
    check_csrf(session, csrf)
    response = RedirectResponse("/login", status_code=303)
    request.app.state.auth.finish(request, response)
    record_action(request.app.state.audit, session.user, "sign_out")
    return response
