"""A fake Slack Web API: a real HTTP server on 127.0.0.1 that records every call and answers like Slack."""

from __future__ import annotations

import json
import threading
import time
from typing import Any
from urllib.parse import parse_qs

from tests.fake_http import JSONHandler, serve


class FakeSlack:
    def __init__(self, users: dict[str, dict[str, str]]) -> None:
        self.users = users  # slack user id -> {"email": ..., "real_name": ...}
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self._lock = threading.Lock()
        self._ts = 1000
        fake = self

        class Handler(JSONHandler):
            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length", 0))
                raw = self.rfile.read(length).decode()
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(raw).items()}
                for key in ("blocks", "view"):
                    if isinstance(params.get(key), str):
                        params[key] = json.loads(params[key])
                method = self.path.rsplit("/", 1)[-1]
                self.send_json(fake.handle(method, params))

        self.server, base = serve(Handler)
        self.url = f"{base}/api/"

    def handle(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self.calls.append((method, params))
            self._ts += 1
            ts = f"1700000000.{self._ts:06d}"
        if method == "auth.test":
            return {"ok": True, "user_id": "UBOT000001", "bot_id": "BBOT000001", "team_id": "T1", "user": "carbon"}
        if method == "users.info":
            user = self.users.get(params.get("user", ""))
            if user is None:
                return {"ok": False, "error": "user_not_found"}
            return {"ok": True, "user": {"id": params["user"], "name": user["real_name"], "real_name": user["real_name"],
                                         "profile": {"email": user["email"]}}}
        if method in {"chat.postMessage", "chat.update"}:
            return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts", ts)}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + params.get("users", "X")[1:]}}
        return {"ok": True}

    def of(self, method: str) -> list[dict[str, Any]]:
        with self._lock:
            return [p for m, p in self.calls if m == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 20.0, **match: Any) -> list[dict[str, Any]]:
        """Poll until ``count`` calls of ``method`` (matching ``match``) have arrived, or fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [p for p in self.of(method) if all(p.get(k) == v for k, v in match.items())]
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"expected {count} {method} calls matching {match}; got {self.calls}")

    def close(self) -> None:
        self.server.shutdown()
