"""Staff sign-in for the review console: the session behind a request, and the checks every page makes.

Sessions are server-side (:mod:`bot.review.accounts`); the cookie is HttpOnly, SameSite=Lax, and Secure whenever
the console is reached over HTTPS (directly, or through a proxy named in ``CARBONBOT_TRUSTED_PROXIES``). Every
form carries the session's CSRF token.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import HTTPException, Request
from fastapi.responses import Response
from itsdangerous import URLSafeTimedSerializer

from bot.review.accounts import Reviewers, Session, Sessions, Throttle
from bot.store.audit import AuditLog

COOKIE = "carbonbot_review"

__all__ = ["Auth", "COOKIE", "Session", "check_csrf", "require_staff"]


class Auth:
    def __init__(self, audit: AuditLog, secret: str | None, idle_seconds: float, absolute_seconds: float) -> None:
        self.reviewers = Reviewers(audit)
        self.sessions = Sessions(audit, idle_seconds, absolute_seconds)
        self.throttle = Throttle(store=audit)
        self.absolute = absolute_seconds
        # signs only the short-lived Slack sign-in state; sessions themselves are server-side
        self.signer = URLSafeTimedSerializer(secret or secrets.token_hex(32), salt="review-oidc-state")

    def session(self, request: Request) -> Session | None:
        return self.sessions.get(request.cookies.get(COOKIE))

    def start(self, request: Request, response: Response, user: str, role: str, reviewer_id: int | None = None) -> None:
        """Open a session and set its cookie on ``response`` (ending any session the browser had)."""
        self.sessions.end(request.cookies.get(COOKIE))
        sid = self.sessions.open(user, role, reviewer_id)
        response.set_cookie(COOKIE, sid, max_age=int(self.absolute), httponly=True, samesite="lax",
                            secure=bool(getattr(request.state, "https", False)), path="/")

    def finish(self, request: Request, response: Response) -> None:
        self.sessions.end(request.cookies.get(COOKIE))
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax",
                               secure=bool(getattr(request.state, "https", False)))


def require_staff(request: Request) -> Session:
    """Dependency: the staff session, 401 (to the sign-in page) without one, 403 for partners and guests."""
    session = request.app.state.auth.session(request)
    if session is None:
        raise HTTPException(status_code=401, detail="sign in first")
    if session.role != "staff":
        raise HTTPException(status_code=403, detail="the review console is for foundation staff only")
    return session


def check_csrf(session: Session, supplied: str) -> None:
    if not hmac.compare_digest(session.csrf.encode(), (supplied or "").encode()):
        raise HTTPException(status_code=403, detail="invalid or missing CSRF token")
