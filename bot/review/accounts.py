"""Who may use the review console, and for how long: named reviewers, server-side sessions, a sign-in throttle.

- **Reviewers** sign in with a token of their own (``carbonbot review add-reviewer NAME``): ``crv_<id>_<secret>``,
  stored only as its SHA-256, revocable; Slack sign-in (OpenID Connect) is the other door. Every verdict, export
  and resolution is recorded under the person's name.
- **Sessions** live in the audit database; the cookie holds only a random id. Signing out, revoking the reviewer,
  ``CARBONBOT_REVIEW_IDLE_MINUTES`` without a request, or ``CARBONBOT_REVIEW_SESSION_HOURS`` after sign-in end
  a session at once, wherever its cookie is.
- **The throttle** counts failed token sign-ins per real client address and per account (the id in the token),
  each in its own window; Slack sign-in is never throttled by them, so a reviewer whose account is under attack
  still gets in through Slack.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass
from typing import Any

from bot.store.audit import AuditLog, now

TOKEN = re.compile(r"crv_([0-9]{1,9})_[A-Za-z0-9_-]{20,64}")
NAME = re.compile(r"[^\x00-\x1f\x7f]{1,80}")


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class Session:
    user: str
    role: str
    csrf: str
    reviewer_id: int | None = None


class Reviewers:
    def __init__(self, audit: AuditLog) -> None:
        self.audit = audit

    def add(self, name: str) -> str:
        """A new reviewer; their token, which is shown this once and stored only as a hash."""
        name = name.strip()
        if not NAME.fullmatch(name):
            raise ValueError("a reviewer's name is 1 to 80 printable characters")
        if self.audit.query("SELECT 1 FROM reviewers WHERE name = ?", (name,)):
            raise ValueError(f"there is already a reviewer named {name!r}")
        placeholder = secrets.token_hex(16)
        reviewer_id = self.audit.insert("reviewers", name=name, token_hash=placeholder, created_at=now())
        token = f"crv_{reviewer_id}_{secrets.token_urlsafe(32)}"
        self.audit.execute("UPDATE reviewers SET token_hash = ? WHERE id = ?", (_hash(token), reviewer_id))
        return token

    def new_token(self, name: str) -> str | None:
        """A new token for an existing reviewer (lost, or revoked and back): the old one and their sessions end."""
        rows = self.audit.query("SELECT id FROM reviewers WHERE name = ?", (name.strip(),))
        if not rows:
            return None
        token = f"crv_{rows[0]['id']}_{secrets.token_urlsafe(32)}"
        self.audit.execute("UPDATE reviewers SET token_hash = ?, revoked_at = NULL WHERE id = ?",
                           (_hash(token), rows[0]["id"]))
        self.audit.execute("DELETE FROM review_sessions WHERE reviewer_id = ?", (rows[0]["id"],))
        return token

    def revoke(self, name: str) -> bool:
        """Revoke a reviewer's token and end their sessions at once; False if there is no such active reviewer."""
        rows = self.audit.query("SELECT id FROM reviewers WHERE name = ? AND revoked_at IS NULL", (name.strip(),))
        if not rows:
            return False
        self.audit.execute("UPDATE reviewers SET revoked_at = ? WHERE id = ?", (now(), rows[0]["id"]))
        self.audit.execute("DELETE FROM review_sessions WHERE reviewer_id = ?", (rows[0]["id"],))
        return True

    def all(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.audit.query(
            "SELECT id, name, created_at, revoked_at FROM reviewers ORDER BY name")]

    def check(self, token: str) -> dict[str, Any] | None:
        """The active reviewer whose token this is, compared by hash in constant time."""
        m = TOKEN.fullmatch(token.strip())
        if not m:
            return None
        rows = self.audit.query("SELECT id, name, token_hash FROM reviewers WHERE id = ? AND revoked_at IS NULL",
                                (int(m.group(1)),))
        if rows and hmac.compare_digest(rows[0]["token_hash"], _hash(token.strip())):
            return {"id": rows[0]["id"], "name": rows[0]["name"]}
        return None

    @staticmethod
    def account(token: str) -> str | None:
        """The account a token claims to be for (its id), for the per-account throttle."""
        m = TOKEN.match(token.strip()[:100])
        return m.group(1) if m else None


class Sessions:
    def __init__(self, audit: AuditLog, idle_seconds: float, absolute_seconds: float) -> None:
        self.audit, self.idle, self.absolute = audit, idle_seconds, absolute_seconds

    def open(self, user: str, role: str, reviewer_id: int | None = None) -> str:
        """A new session; the cookie value (a random id)."""
        sid = secrets.token_urlsafe(32)
        t = time.time()
        self.audit.insert("review_sessions", id_hash=_hash(sid), user=user, reviewer_id=reviewer_id, role=role,
                          csrf=secrets.token_urlsafe(24), created_at=t, seen_at=t)
        self.prune(t)
        return sid

    def get(self, sid: str | None) -> Session | None:
        """The live session of this cookie (and its idle clock restarted), or None."""
        if not sid or len(sid) > 100:
            return None
        t = time.time()
        rows = self.audit.query("SELECT * FROM review_sessions WHERE id_hash = ?", (_hash(sid),))
        if not rows:
            return None
        row = rows[0]
        if t - row["seen_at"] > self.idle or t - row["created_at"] > self.absolute:
            self.end(sid)
            return None
        if t - row["seen_at"] > 30:  # one write a half-minute is enough for an idle clock
            self.audit.execute("UPDATE review_sessions SET seen_at = ? WHERE id_hash = ?", (t, _hash(sid)))
        return Session(user=row["user"], role=row["role"], csrf=row["csrf"], reviewer_id=row["reviewer_id"])

    def end(self, sid: str | None) -> None:
        if sid:
            self.audit.execute("DELETE FROM review_sessions WHERE id_hash = ?", (_hash(sid[:100]),))

    def prune(self, t: float) -> None:
        self.audit.execute("DELETE FROM review_sessions WHERE seen_at < ? OR created_at < ?",
                           (t - self.idle, t - self.absolute))


class Throttle:
    """Failed sign-ins in a sliding window, per key ("client:1.2.3.4", "account:7").

    With a store the windows are in the shared database, so consoles behind one load balancer count together;
    without one, in this process's memory.
    """

    def __init__(self, per_client: int = 10, per_account: int = 5, window_seconds: float = 300.0,
                 store: AuditLog | None = None) -> None:
        self.limits = {"client": per_client, "account": per_account}
        self.window = window_seconds
        self.store = store
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def client_key(address: str) -> str:
        """An IPv4 address, or an IPv6 address's /64 (one host's whole block, not one of its 2^64 addresses)."""
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return f"client:{address[:64]}"
        if ip.version == 6:
            return f"client:{ipaddress.ip_network(f'{ip}/64', strict=False)}"
        return f"client:{ip}"

    def blocked(self, *keys: str) -> bool:
        if self.store is not None:
            t = time.time()
            return any(self.store.recent(f"signin:{key}", self.window, t) >= self.limits[key.split(":", 1)[0]]
                       for key in keys)
        t = time.monotonic()
        with self._lock:
            for key in keys:
                hits = self._failures.get(key)
                while hits and hits[0] < t - self.window:
                    hits.popleft()
                if hits and len(hits) >= self.limits[key.split(":", 1)[0]]:
                    return True
            return False

    def failed(self, *keys: str) -> None:
        if self.store is not None:
            for key in keys:
                self.store.count(f"signin:{key}", self.window, time.time())
            return
        t = time.monotonic()
        with self._lock:
            for key in keys:
                self._failures.setdefault(key, deque(maxlen=1000)).append(t)
                self._failures.move_to_end(key)
            while len(self._failures) > 100_000:  # bounded memory: the longest-quiet keys go first
                self._failures.popitem(last=False)

    def succeeded(self, account_key: str) -> None:
        if self.store is not None:
            self.store.forget(f"signin:{account_key}")
            return
        with self._lock:
            self._failures.pop(account_key, None)


def record_action(audit: AuditLog, user: str, action: str, detail: str = "") -> None:
    audit.insert("staff_actions", ts=now(), user=user, action=action, detail=detail[:2000])
