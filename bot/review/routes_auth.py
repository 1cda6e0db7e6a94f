"""Sign-in with the staff access token, sign-out."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from bot.review.app import templates
from bot.review.auth import COOKIE, MAX_AGE

router = APIRouter()


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/"):
    return templates.TemplateResponse(request, "login.html", {
        "next": next, "error": None, "slack_sign_in": bool(request.app.state.settings.slack_client_id)})


@router.post("/login")
def login(request: Request, token: str = Form(""), next: str = Form("/")):
    auth = request.app.state.auth
    client = request.client.host if request.client else "?"
    if auth.throttled(client):
        return templates.TemplateResponse(request, "login.html", {"next": next, "error": "Too many failed sign-ins; wait a minute."},
                                          status_code=429)
    if not auth.check_token(token):
        auth.failed(client)
        return templates.TemplateResponse(request, "login.html", {"next": next, "error": "That token is not valid."},
                                          status_code=401)
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(COOKIE, auth.cookie("staff (token)", "staff"), max_age=MAX_AGE, httponly=True, samesite="lax")
    return response


@router.post("/logout")
def logout():
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE)
    return response
