"""Signed Slack requests, and two ways to deliver them: slack-bolt's ``App.dispatch`` or real HTTP.

Both harnesses take the same bodies and headers, so one scenario test runs
through bolt's dispatch in-process and against the running ``carbonbot slack``.
"""

from __future__ import annotations

import itertools
import json
import secrets
import socket
import string
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from slack_bolt import App
from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot.store.audit import AuditLog
from tests.bot.slack.fake_slack import APP_ID, BOT_USER, FakeSlack

SECRET = "test-signing-secret-0123456789"
JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
_seq = itertools.count(1)


def uid(prefix: str) -> str:
    """A fresh Slack-style id (channel C…, DM D…, user U…), so tests never see each other's calls."""
    return prefix + "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(10))


def message_ts() -> str:
    return f"{int(time.time())}.{next(_seq):06d}"


def signed_headers(body: str, content_type: str, *, secret: str = SECRET, stamp: int | None = None,
                   retry_num: int | None = None) -> dict[str, str]:
    ts = str(stamp if stamp is not None else int(time.time()))
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts,
               "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)}
    if retry_num is not None:
        headers |= {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"}
    return headers


def event_body(event: dict[str, Any], event_id: str | None = None) -> str:
    return json.dumps({"token": "legacy-unused", "team_id": "T0FAKE", "api_app_id": APP_ID, "event": event,
                       "type": "event_callback", "event_id": event_id or uid("Ev"), "event_time": int(time.time()),
                       "authorizations": [{"team_id": "T0FAKE", "user_id": BOT_USER, "is_bot": True}]})


class Harness:
    """Sends signed requests to the bot and reads what it did (the fake Slack's calls, the audit log)."""

    name = "base"

    def __init__(self, fake: FakeSlack, audit: AuditLog) -> None:
        self.fake = fake
        self.audit = audit

    def post(self, body: str, content_type: str = JSON, **sign: Any) -> int:
        return self.send(body, signed_headers(body, content_type, **sign))

    def send(self, body: str, headers: dict[str, str]) -> int:
        """A request with exactly these headers (a replay, or headers no Slack client sends)."""
        raise NotImplementedError

    # -- the kinds of requests Slack sends --------------------------------------------------------
    def event(self, event: dict[str, Any], event_id: str | None = None, retry_num: int | None = None) -> int:
        return self.post(event_body(event, event_id), JSON, retry_num=retry_num)

    def mention(self, user: str, channel: str, text: str, thread_ts: str | None = None) -> str:
        ts = message_ts()
        event = {"type": "app_mention", "user": user, "channel": channel, "ts": ts,
                 "text": f"<@{BOT_USER}> {text}", **({"thread_ts": thread_ts} if thread_ts else {})}
        assert self.event(event) == 200
        return ts

    def message(self, user: str, channel: str, text: str, thread_ts: str | None = None, **extra: Any) -> str:
        ts = message_ts()
        kind = "im" if channel.startswith("D") else "channel"
        event = {"type": "message", "channel_type": kind, "user": user, "channel": channel, "ts": ts, "text": text,
                 **({"thread_ts": thread_ts} if thread_ts else {}), **extra}
        assert self.event(event) == 200
        return ts

    def command(self, user: str, channel: str, text: str, response_name: str) -> int:
        return self.post(self.command_body(user, channel, text, response_name), FORM)

    def command_body(self, user: str, channel: str, text: str, response_name: str, **fields: str) -> str:
        return urlencode({
            "token": "legacy-unused", "team_id": "T0FAKE", "channel_id": channel, "user_id": user,
            "command": "/carbon", "text": text, "api_app_id": APP_ID, "trigger_id": "13345224609.738474920.8088",
            "response_url": self.fake.response_url(response_name), **fields})

    def click(self, user: str, action_id: str, value: str, channel: str, *, message: dict[str, Any] | None = None,
              response_name: str | None = None, ephemeral: bool = False, kind: str = "button") -> int:
        """A block_actions payload as Slack sends it; ``kind``: the element's type ("feedback_buttons": a thumb,
        whose ``value`` is the clicked button's)."""
        payload = {"type": "block_actions", "user": {"id": user, "team_id": "T0FAKE"}, "team": {"id": "T0FAKE"},
                   "api_app_id": APP_ID, "trigger_id": "13345224609.738474920.8088",
                   "channel": {"id": channel}, "message": message or {"ts": message_ts(), "blocks": []},
                   "container": {"type": "message", "channel_id": channel,
                                 "message_ts": (message or {}).get("ts", "1.0"),
                                 **({"is_ephemeral": True} if ephemeral else {})},
                   "actions": [{"action_id": action_id, "block_id": "b", "type": kind, "value": value,
                                "action_ts": str(time.time())}]}
        if response_name:
            payload["response_url"] = self.fake.response_url(response_name)
        return self.post(urlencode({"payload": json.dumps(payload)}), FORM)


class DispatchHarness(Harness):
    """slack-bolt's own way of testing: ``App.dispatch(BoltRequest(...))`` with signed headers."""

    name = "dispatch"

    def __init__(self, app: App, fake: FakeSlack, audit: AuditLog) -> None:
        super().__init__(fake, audit)
        self.app = app

    def send(self, body: str, headers: dict[str, str]) -> int:
        return self.app.dispatch(BoltRequest(body=body, headers={k.lower(): [v] for k, v in headers.items()})).status


class HttpHarness(Harness):
    """Real HTTP to ``carbonbot slack --port N`` running as a subprocess."""

    name = "http"

    def __init__(self, url: str, fake: FakeSlack, audit: AuditLog, log: Path | None = None) -> None:
        super().__init__(fake, audit)
        self.url = url
        self.log = log  # the server's own log file

    def send(self, body: str, headers: dict[str, str]) -> int:
        started = time.monotonic()
        status = self.raw(body, headers).status_code
        elapsed = time.monotonic() - started
        assert elapsed < 3, f"Slack needs an answer within 3 s; this request took {elapsed:.1f} s"
        return status

    def wire(self, body: str, headers: dict[str, str]) -> int:
        """A request written byte for byte on a socket: header values an HTTP client library would refuse to
        send (trailing whitespace) reach the server as an attacker's own client sends them."""
        url = httpx.URL(self.url)
        payload = body.encode()
        head = [f"POST {url.raw_path.decode()} HTTP/1.1", f"Host: {url.host}:{url.port}",
                f"Content-Length: {len(payload)}", "Connection: close"]
        head += [f"{k}: {v}" for k, v in headers.items()]
        with socket.create_connection((url.host, url.port), timeout=10) as sock:
            sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + payload)
            reply = sock.recv(4096).decode("latin-1")
        return int(reply.split(" ", 2)[1])

    def raw(self, body: str, headers: dict[str, str]) -> httpx.Response:
        return httpx.post(self.url, content=body.encode(), headers=headers, timeout=10)
