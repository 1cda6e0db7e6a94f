"""Sign in with Slack (OpenID Connect) for the review console, when CARBONBOT_SLACK_CLIENT_ID is set.

Authorization-code flow: /auth/slack redirects to Slack with a signed state,
/auth/slack/callback exchanges the code, reads the user's email from the
userInfo endpoint, and opens a session only for staff (the Slack user mapping
or the staff email domain); anyone else gets 403.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlencode

import httpx
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from itsdangerous import BadSignature

from bot.config import require_secret
from bot.review.accounts import record_action

router = APIRouter()
STATE_COOKIE = "carbonbot_oidc_state"


def _redirect_uri(request: Request) -> str:
    return str(request.url_for("slack_callback"))


@router.get("/auth/slack")
def slack_start(request: Request):
    settings = request.app.state.settings
    if not settings.slack_client_id:
        raise HTTPException(404, "Sign in with Slack is not configured")
    state = secrets.token_urlsafe(24)
    query = urlencode({"response_type": "code", "scope": "openid email profile", "client_id": settings.slack_client_id,
                       "redirect_uri": _redirect_uri(request), "state": state, "nonce": secrets.token_urlsafe(16)})
    response = RedirectResponse(f"{settings.slack_oidc_url.rstrip('/')}/openid/connect/authorize?{query}", 303)
    response.set_cookie(STATE_COOKIE, request.app.state.auth.signer.dumps(state), max_age=600, httponly=True,
                        samesite="lax", secure=bool(request.state.https))
    return response


@router.get("/auth/slack/callback", name="slack_callback")
def slack_callback(request: Request, code: str = "", state: str = ""):
    settings, auth = request.app.state.settings, request.app.state.auth
    try:
        expected = auth.signer.loads(request.cookies.get(STATE_COOKIE, ""), max_age=600)
    except BadSignature:
        expected = None
    if not code or not expected or not secrets.compare_digest(str(expected).encode(), state.encode()):
        raise HTTPException(400, "sign-in expired or was not started here; try again")
    base = settings.slack_oidc_url.rstrip("/")
    try:
        token = httpx.post(f"{base}/api/openid.connect.token", timeout=10, data={
            "client_id": settings.slack_client_id, "client_secret": require_secret("SLACK_CLIENT_SECRET"),
            "code": code, "redirect_uri": _redirect_uri(request)}).json()
        if not token.get("ok") or not token.get("access_token"):
            raise HTTPException(400, f"Slack refused the sign-in: {token.get('error', 'no token')}")
        info = httpx.get(f"{base}/api/openid.connect.userInfo", timeout=10,
                         headers={"Authorization": f"Bearer {token['access_token']}"}).json()
    except httpx.HTTPError as exc:
        raise HTTPException(502, f"could not reach Slack: {exc}") from exc
    asker = request.app.state.directory().resolve(slack_user_id=info.get("https://slack.com/user_id"),
                                                  email=info.get("email"), name=info.get("name"))
    if not asker.is_staff:
        raise HTTPException(403, "the review console is for foundation staff only")
    response = RedirectResponse("/", status_code=303)
    user = info.get("email") or asker.display_name
    auth.start(request, response, user, "staff")
    response.delete_cookie(STATE_COOKIE)
    record_action(request.app.state.audit, user, "sign_in", f"slack from {request.state.client_ip}")
    return response
