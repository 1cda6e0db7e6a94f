"""A fake Slack Web API: a real HTTP server on 127.0.0.1 that records every call and answers like Slack.

``WebClient(base_url=fake.url)`` talks to it exactly as to slack.com/api/. It
also takes the POSTs a ``response_url`` receives (recorded as ``response_url``),
and can be scripted to fail a call (``fake.fail(...)``: a Slack error, or a 429
with Retry-After) so the bot's error paths run against real HTTP responses, or to
refuse block types (``fake.refused_blocks``) as a workspace that cannot show them.
Like Slack, users.info tells a user's locale only when asked (``include_locale``).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, Callable
from urllib.parse import parse_qs

from tests.fake_http import serve

BOT_USER = "UBOTCARBON1"
BOT_ID = "BBOTCARBON1"
APP_ID = "A0CARBON"  # the app every signed test request is for (api_app_id)


@dataclass
class Failure:
    method: str
    error: str
    when: Callable[[dict[str, Any]], bool]
    times: int
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


class FakeSlack:
    def __init__(self, users: dict[str, dict[str, str]] | None = None) -> None:
        self.users: dict[str, dict[str, str]] = dict(users or {})  # id -> {"email", "real_name", "locale"?}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.ws_url: str | None = None  # what apps.connections.open hands out (Socket Mode)
        self._failures: list[Failure] = []
        # block types this "workspace" refuses with invalid_blocks, as Slack does a type a client cannot show
        self.refused_blocks: set[str] = set()
        self._lock = threading.Lock()
        self._ts = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(raw).items()}
                for key in ("blocks", "view", "chunks"):
                    if isinstance(params.get(key), str):
                        params[key] = json.loads(params[key])
                params["_auth"] = self.headers.get("Authorization", "")
                if self.path.startswith("/response/"):
                    method, params["_path"] = "response_url", self.path
                else:
                    method = self.path.rsplit("/", 1)[-1]
                status, headers, body = fake.handle(method, params)
                data = json.dumps(body).encode()
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server, self.base = serve(Handler)
        self.url = f"{self.base}/api/"

    # -- scripting ----------------------------------------------------------------------------
    def add_user(self, user_id: str, email: str, name: str, locale: str | None = "en-US") -> str:
        """A Slack user; ``locale=None``: one whose users.info has no locale."""
        self.users[user_id] = {"email": email, "real_name": name, **({"locale": locale} if locale else {})}
        return user_id

    def set_locale(self, user_id: str, locale: str | None) -> None:
        with self._lock:
            user = self.users[user_id] = {k: v for k, v in self.users[user_id].items() if k != "locale"}
            if locale:
                user["locale"] = locale

    def fail(self, method: str, error: str, *, times: int = 1, status: int = 200,
             headers: dict[str, str] | None = None, **match: Any) -> None:
        """The next ``times`` calls of ``method`` whose params match ``match`` fail with ``error``."""
        when = lambda p: all(p.get(k) == v for k, v in match.items())  # noqa: E731
        with self._lock:
            self._failures.append(Failure(method, error, when, times, status, headers or {}))

    def response_url(self, name: str) -> str:
        return f"{self.base}/response/{name}"

    # -- answering ------------------------------------------------------------------------------
    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._lock:
            self.calls.append((method, params))
            self._ts += 1
            ts = f"1800000000.{self._ts:06d}"
            failure = next((f for f in self._failures if f.method == method and f.times > 0 and f.when(params)), None)
            if failure:
                failure.times -= 1
        if failure:
            return failure.status, failure.headers, {"ok": False, "error": failure.error}
        if self.refused_blocks & {b.get("type") for b in params.get("blocks") or [] if isinstance(b, dict)}:
            return (400 if method == "response_url" else 200), {}, {"ok": False, "error": "invalid_blocks"}
        return 200, {}, self._ok(method, params, ts)

    def _ok(self, method: str, params: dict[str, Any], ts: str) -> dict[str, Any]:
        if method == "auth.test":
            if params.get("_auth") == "Bearer xoxb-revoked":
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "url": "https://fake.slack.test/", "team": "Fake", "user": "carbon",
                    "team_id": "T0FAKE", "user_id": BOT_USER, "bot_id": BOT_ID}
        if method == "bots.info":
            return {"ok": True, "bot": {"id": params.get("bot"), "app_id": APP_ID, "user_id": BOT_USER}}
        if method == "users.info":
            user = self.users.get(params.get("user", ""))
            if user is None:
                return {"ok": False, "error": "user_not_found"}
            found = {"id": params["user"], "name": user["real_name"].lower().replace(" ", "."),
                     "real_name": user["real_name"], "is_bot": False, "deleted": False,
                     "profile": {"email": user["email"], "real_name": user["real_name"]}}
            if params.get("include_locale") in ("1", "true") and user.get("locale"):
                found["locale"] = user["locale"]
            return {"ok": True, "user": found}
        if method == "chat.postMessage":
            return {"ok": True, "channel": params.get("channel"), "ts": ts,
                    "message": {"text": params.get("text"), "ts": ts, "user": BOT_USER}}
        if method == "chat.update":
            return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts"), "text": params.get("text")}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "chat.startStream":  # a streamed reply: it needs a thread, as Slack's does
            if not params.get("thread_ts"):
                return {"ok": False, "error": "invalid_arguments"}
            return {"ok": True, "channel": params.get("channel"), "ts": ts}
        if method in ("chat.appendStream", "chat.stopStream"):
            return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts")}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(params.get("users", "X"))[1:]}}
        if method == "views.publish":
            return {"ok": True, "view": {"id": "V" + ts.replace(".", ""), **(params.get("view") or {})}}
        if method == "apps.connections.open":
            if params.get("_auth") != "Bearer xapp-valid" or not self.ws_url:
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "url": self.ws_url}
        return {"ok": True}

    # -- looking ----------------------------------------------------------------------------------
    def of(self, method: str, where: Callable[[dict[str, Any]], bool] | None = None,
           **match: Any) -> list[dict[str, Any]]:
        """The recorded calls of ``method`` whose params equal ``match`` (and satisfy ``where``)."""
        with self._lock:
            calls = list(self.calls)
        return [p for m, p in calls if m == method and all(p.get(k) == v for k, v in match.items())
                and (where is None or where(p))]

    def wait_for(self, method: str, count: int = 1, timeout: float = 20.0,
                 where: Callable[[dict[str, Any]], bool] | None = None, **match: Any) -> list[dict[str, Any]]:
        """Poll until ``count`` calls of ``method`` matching ``match`` (and ``where``) have arrived; fail after ``timeout`` s."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.of(method, where, **match)
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} {method} call(s) matching {match}, got {len(found)}; "
                                     f"calls so far: {[m for m, _ in self.calls][-30:]}")
            time.sleep(0.05)

    def to_channel(self, channel: str) -> list[tuple[str, dict[str, Any]]]:
        """Every call that put something in ``channel`` (posts, ephemerals, updates)."""
        with self._lock:
            return [(m, p) for m, p in self.calls if p.get("channel") == channel]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
