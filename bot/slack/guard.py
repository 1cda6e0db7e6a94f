"""Never silent: a listener that fails logs its traceback and the user gets a short apology.

Bolt would only log a lazy listener's failure in one line; this wrapper keeps
the traceback and tells the person who asked, where only they can see it, in
their language when that can still be found out (else in English).
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot.slack.delivery import Where, notify
from bot.slack.handlers import Deps

log = logging.getLogger(__name__)

Listener = Callable[[dict[str, Any], WebClient, "Respond | None", BoltContext], None]


def guarded(func: Listener, deps: Deps) -> Callable[..., None]:
    """A bolt listener (kwargs injected by name) that runs ``func`` and apologises if it raises."""

    def listener(body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext) -> None:
        try:
            func(body, client, respond, context)
        except Exception:
            log.exception("Slack listener %s failed", getattr(func, "__name__", func))
            apologize(body, client, respond, deps)

    listener.__name__ = listener.__qualname__ = f"guarded_{getattr(func, '__name__', 'listener')}"
    return listener


def where_from(body: dict[str, Any], respond: Respond | None) -> Where | None:
    """Who to apologise to, and where only they will see it (None: nobody to tell, e.g. the Home tab)."""
    event = body.get("event") or {}
    if body.get("type") == "event_callback" and event.get("type") in {"app_mention", "message"}:
        if not (event.get("user") and event.get("channel")):
            return None
        kind = "dm" if event.get("channel_type") == "im" else "channel"
        thread = event.get("thread_ts") or (event.get("ts") if kind == "channel" else None)
        return Where(user=event["user"], channel=event["channel"], kind=kind, thread_ts=thread)
    if body.get("command") and body.get("user_id") and body.get("channel_id"):
        return Where(user=body["user_id"], channel=body["channel_id"], kind="command", respond=respond)
    if body.get("type") == "block_actions" and (body.get("user") or {}).get("id") and (body.get("channel") or {}).get("id"):
        return Where(user=body["user"]["id"], channel=body["channel"]["id"], kind="action", respond=respond)
    return None


def apologize(body: dict[str, Any], client: WebClient, respond: Respond | None, deps: Deps) -> None:
    where = where_from(body, respond)
    if where is None:
        return
    try:
        language = deps.language(where.user, client)
    except Exception:  # what failed may be what finds the language (Slack, the directory): say it in English
        log.info("no language for the apology to %s", where.user, exc_info=True)
        language = "en"
    try:
        notify(client, where, deps.say("INTERNAL_ERROR", language))
    except Exception:  # Slack itself is failing: the log is all that is left
        log.exception("could not send the apology to %s", where.user)
