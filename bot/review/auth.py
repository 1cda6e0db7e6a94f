"""Staff sign-in: a configured access token (or Slack OpenID Connect) -> a signed, HttpOnly session cookie.

Tokens are compared in constant time; failed sign-ins are rate limited per
client address; every form carries the session's CSRF token.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from fastapi import HTTPException, Request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "carbonbot_review"
MAX_AGE = 8 * 3600


@dataclass(frozen=True)
class Session:
    user: str
    role: str
    csrf: str


class Auth:
    def __init__(self, token: str | None, secret: str | None, failures_per_minute: int = 5) -> None:
        self.token = token
        self.signer = URLSafeTimedSerializer(secret or secrets.token_hex(32), salt="review-session")
        self.limit = failures_per_minute
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check_token(self, supplied: str) -> bool:
        return bool(self.token) and hmac.compare_digest(supplied.encode(), self.token.encode())  # type: ignore[union-attr]

    def throttled(self, client: str) -> bool:
        now = time.monotonic()
        with self._lock:
            hits = self._failures.setdefault(client, deque())
            while hits and hits[0] < now - 60:
                hits.popleft()
            return len(hits) >= self.limit

    def failed(self, client: str) -> None:
        with self._lock:
            self._failures.setdefault(client, deque()).append(time.monotonic())

    def cookie(self, user: str, role: str) -> str:
        return self.signer.dumps({"user": user, "role": role, "csrf": secrets.token_urlsafe(24)})

    def session(self, request: Request) -> Session | None:
        raw = request.cookies.get(COOKIE)
        if not raw:
            return None
        try:
            data = self.signer.loads(raw, max_age=MAX_AGE)
        except BadSignature:
            return None
        return Session(user=data["user"], role=data["role"], csrf=data["csrf"])


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
