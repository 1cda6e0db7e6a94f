"""What a request must be before any listener sees it: signed by Slack, for this app in this workspace, and new.

- ``SignedRequests`` replaces bolt's own check so that a header no client of
  Slack's would send (a timestamp that is not a number, a 10 kB signature) is a
  401 like any bad signature rather than a 500, and so that a rejected request
  is logged as one bounded line (never its whole body).
- ``OurWorkspace`` rejects requests for another workspace or another app
  (a signing secret shared by mistake, an Enterprise Grid org the bot was not
  meant for) and acknowledges a replayed slash command or button click without
  acting on it again: Slack never retries those, so a byte-identical second
  copy is a replay.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import time
from typing import Any, Callable

from slack_bolt import BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

log = logging.getLogger(__name__)

MAX_SKEW_SECONDS = 5 * 60  # Slack's own rule for a request's timestamp
REPLAY_WINDOW_SECONDS = MAX_SKEW_SECONDS  # a replay older than this fails the timestamp check instead
PRUNE_EVERY = 200  # requests between two prunings of the delivery keys kept
EVENT_IDS_KEPT_SECONDS = 24 * 3600  # Slack retries an event within minutes; a day of ids is plenty
_STAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")  # HMAC-SHA256 in hex, as Slack sends it


def _header(req: BoltRequest, name: str) -> str:
    values = req.headers.get(name) or [""]
    return values[0] or ""


def summary(req: BoltRequest, why: str) -> str:
    """One bounded line about a rejected request: why, and its shape, never its content."""
    stamp = _header(req, "x-slack-request-timestamp")
    body = req.body if isinstance(req.body, dict) else {}
    kind = body.get("type") or ("command" if body.get("command") else "?")
    return (f"rejected Slack request: {why} (type {str(kind)[:40]!r}, {len(req.raw_body or '')} bytes, "
            f"timestamp {stamp[:20]!r}{'…' if len(stamp) > 20 else ''})")


class SignedRequests(Middleware):
    """Slack's request signature, checked on bounded, well-formed headers (401 otherwise)."""

    def __init__(self, signing_secret: str, clock: Callable[[], float] = time.time) -> None:
        self.verifier = SignatureVerifier(signing_secret)
        self.clock = clock

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        if req.mode == "socket_mode":  # the socket itself is authenticated
            return next()
        # Taken exactly as sent (no stripping): the replay check keys on the same bytes that were verified.
        stamp = _header(req, "x-slack-request-timestamp")
        signature = _header(req, "x-slack-signature")
        if not _STAMP.fullmatch(stamp):
            return self._reject(req, "missing or malformed timestamp")
        if abs(self.clock() - int(stamp)) > MAX_SKEW_SECONDS:
            return self._reject(req, "stale timestamp")
        if not _SIGNATURE.fullmatch(signature):
            return self._reject(req, "missing or malformed signature")
        expected = self.verifier.generate_signature(timestamp=stamp, body=req.raw_body or "")
        if expected is None or not hmac.compare_digest(expected, signature):
            return self._reject(req, "bad signature")
        return next()

    @staticmethod
    def _reject(req: BoltRequest, why: str) -> BoltResponse:
        log.info(summary(req, why))
        return BoltResponse(status=401, body={"error": "invalid request"})


class OurWorkspace(Middleware):
    """Only this app, in its own workspace (or one configured besides it), and each command or click once."""

    def __init__(self, *, teams: set[str], app_id: str | None, first_delivery: Callable[[str], bool],
                 prune: Callable[[str, float], None] | None = None) -> None:
        self.teams = set(teams)
        self.app_id = app_id  # None in Socket Mode, where the connection itself is this app's
        self.first_delivery = first_delivery
        # Forgets delivery keys no retry or replay can match any more: replay keys past the replay window (they
        # fail the timestamp check) and event ids past a day. Thread and share markers are kept.
        self.prune = prune
        self._seen = 0

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        body = req.body if isinstance(req.body, dict) else {}
        self._seen += 1
        if self.prune is not None and self._seen % PRUNE_EVERY == 0:
            self.prune("replay:", 2 * REPLAY_WINDOW_SECONDS)
            self.prune("Ev", EVENT_IDS_KEPT_SECONDS)  # Slack's event ids
        if body.get("type") in ("url_verification", "ssl_check"):
            return next()
        own = req.context.authorize_result.team_id if req.context.authorize_result else None
        allowed = self.teams | ({own} if own else set())
        claimed = {t for t in _teams(body) if t}
        if allowed and claimed - allowed:
            return self._refuse(req, f"workspace {sorted(claimed - allowed)[0][:20]!r} is not served")
        if self.app_id and body.get("api_app_id") and body["api_app_id"] != self.app_id:
            return self._refuse(req, f"app {str(body['api_app_id'])[:20]!r} is not this app")
        if _replayable(body) and req.mode != "socket_mode":
            key = "replay:" + hashlib.sha256(
                (_header(req, "x-slack-request-timestamp") + ":" + (req.raw_body or "")).encode()).hexdigest()
            if not self.first_delivery(key):
                log.info(summary(req, "replayed command or interaction, acknowledged and ignored"))
                return BoltResponse(status=200, body="")
        return next()

    def _refuse(self, req: BoltRequest, why: str) -> BoltResponse:
        log.warning(summary(req, why))
        if req.mode == "socket_mode":  # Slack redelivers what is not acknowledged: acknowledge, do nothing
            return BoltResponse(status=200, body="")
        return BoltResponse(status=403, body={"error": "not served here"})


def _teams(body: dict[str, Any]) -> list[str]:
    """The workspaces a request is for: an event's installations (``authorizations``), else its ``team_id``; a
    command's or a click's workspace. (A Slack Connect partner's own workspace is served once listed in
    CARBONBOT_SLACK_TEAM_IDS.)"""
    auths = [a.get("team_id") for a in body.get("authorizations") or [] if isinstance(a, dict)]
    found = auths if any(auths) else [body.get("team_id")]
    team = body.get("team")
    if isinstance(team, dict):
        found.append(team.get("id"))
    return [t for t in found if isinstance(t, str)]


def app_id_of(client: WebClient) -> str:
    """This app's id, asked of Slack once at start-up (``bots.info`` of the token's bot)."""
    bot_id = client.auth_test().get("bot_id")
    return (client.bots_info(bot=bot_id).get("bot") or {}).get("app_id") or ""


def _replayable(body: dict[str, Any]) -> bool:
    """A slash command or an interaction: delivered once by Slack, never retried."""
    return bool(body.get("command")) or body.get("type") in (
        "block_actions", "view_submission", "view_closed", "shortcut", "message_action", "block_suggestion")
