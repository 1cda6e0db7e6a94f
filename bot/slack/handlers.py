"""Slack listeners. Each one only translates: ack, resolve the asker, call the assistant, render, post.

Answers are produced in lazy listeners (after the 3-second ack) and never
posted where others can read them when they use a firm's records.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, App
from slack_sdk import WebClient

from bot import messages
from bot.assistant import Assistant
from bot.config import Settings
from bot.models import Answer
from bot.slack.blocks import answer_blocks, escalation_blocks, fallback_text
from bot.slack.home import home_view
from bot.slack.identity import SlackIdentity
from bot.slack.ratelimit import RateLimiter
from bot.store.audit import AuditLog

log = logging.getLogger(__name__)
EYES = "eyes"


@dataclass
class Deps:
    settings: Settings
    assistant: Assistant
    audit: AuditLog
    identity: SlackIdentity
    limiter: RateLimiter


@dataclass
class Where:
    """Where a question came from and where its answer goes."""

    user: str
    channel: str
    thread_ts: str | None  # None for a top-level DM
    is_dm: bool
    message_ts: str | None = None


def _ack(ack: Ack) -> None:
    ack()


class Handlers:
    def __init__(self, deps: Deps) -> None:
        self.d = deps

    # -- the shared path -------------------------------------------------------------------
    def ask(self, text: str, where: Where, client: WebClient) -> None:
        desk = self.d.settings.program_desk
        if not self.d.limiter.allow(where.user):
            self._notify(client, where, messages.RATE_LIMITED)
            return
        if where.message_ts:
            try:
                client.reactions_add(channel=where.channel, timestamp=where.message_ts, name=EYES)
            except Exception:  # progress is a nicety; a failed reaction must not block the answer
                log.info("could not add the progress reaction", exc_info=True)
        try:
            asker = self.d.identity.asker(where.user, client)
            thread = f"slack:{where.channel}:{where.thread_ts or 'dm'}"
            answer = self.d.assistant.answer(
                text, asker, thread, via="slack",
                slack={"user": where.user, "channel": where.channel, "thread": where.thread_ts})
        except Exception:
            log.exception("answering %r from %s failed", text[:80], where.user)
            self._notify(client, where, messages.INTERNAL_ERROR.format(desk=desk))
            return
        self.deliver(answer, where, client)

    def deliver(self, answer: Answer, where: Where, client: WebClient) -> None:
        """Public answers in the thread; private ones only to the asker (ephemeral in a channel, or the DM)."""
        blocks = answer_blocks(answer, self.d.settings.public_url)
        text = fallback_text(answer)
        if where.is_dm:
            client.chat_postMessage(channel=where.channel, thread_ts=where.thread_ts, text=text, blocks=blocks)
        elif answer.private:
            client.chat_postMessage(channel=where.channel, thread_ts=where.thread_ts, text=messages.SLACK_SENT_PRIVATELY)
            client.chat_postEphemeral(channel=where.channel, user=where.user, thread_ts=where.thread_ts,
                                      text=text, blocks=blocks)
        else:
            client.chat_postMessage(channel=where.channel, thread_ts=where.thread_ts, text=text, blocks=blocks)

    def _notify(self, client: WebClient, where: Where, text: str) -> None:
        if where.is_dm:
            client.chat_postMessage(channel=where.channel, thread_ts=where.thread_ts, text=text)
        else:
            client.chat_postEphemeral(channel=where.channel, user=where.user, thread_ts=where.thread_ts, text=text)

    def _first(self, body: dict[str, Any]) -> bool:
        event_id = body.get("event_id")
        return not event_id or self.d.audit.first_delivery(event_id)

    # -- events ----------------------------------------------------------------------------
    def on_mention(self, body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if event.get("bot_id") or not self._first(body):
            return
        text = _strip_mention(event.get("text", ""))
        where = Where(user=event["user"], channel=event["channel"], thread_ts=event.get("thread_ts") or event["ts"],
                      is_dm=False, message_ts=event["ts"])
        self.ask(text, where, client)

    def on_message(self, body: dict[str, Any], event: dict[str, Any], client: WebClient) -> None:
        if event.get("bot_id") or event.get("subtype") or "user" not in event:
            return  # bots (this one included), edits, deletions, joins
        is_dm = event.get("channel_type") == "im"
        thread_ts = event.get("thread_ts")
        if not is_dm:
            if not thread_ts or f"<@{self._bot_user(body)}>" in event.get("text", ""):
                return  # top-level channel chatter, or a mention (answered by on_mention)
            if not self._bot_in_thread(event["channel"], thread_ts):
                return
        if not self._first(body):
            return
        where = Where(user=event["user"], channel=event["channel"], thread_ts=thread_ts, is_dm=is_dm,
                      message_ts=event.get("ts"))
        self.ask(_strip_mention(event.get("text", "")), where, client)

    def _bot_user(self, body: dict[str, Any]) -> str:
        auths = body.get("authorizations") or [{}]
        return auths[0].get("user_id", "")

    def _bot_in_thread(self, channel: str, thread_ts: str) -> bool:
        rows = self.d.audit.query("SELECT 1 FROM answers WHERE via='slack' AND slack_channel=? AND slack_thread=? LIMIT 1",
                                  (channel, thread_ts))
        return bool(rows)

    def on_command(self, command: dict[str, Any], client: WebClient) -> None:
        text = command.get("text", "").strip() or "help"
        where = Where(user=command["user_id"], channel=command["channel_id"], thread_ts=None,
                      is_dm=False)
        if text.lower() == "help":
            client.chat_postEphemeral(channel=where.channel, user=where.user, text=messages.HELP)
            return
        self.ask(text, where, client)

    # -- interactivity -----------------------------------------------------------------------
    def on_feedback(self, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        value = "helpful" if action["action_id"] == "feedback_helpful" else "not_helpful"
        self.d.audit.record_feedback(int(action["value"]), value, body["user"]["id"])
        channel = (body.get("channel") or {}).get("id")
        if channel:
            client.chat_postEphemeral(channel=channel, user=body["user"]["id"], text=messages.SLACK_FEEDBACK_THANKS)

    def on_escalate(self, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        answer_id, user = int(action["value"]), body["user"]["id"]
        row = self.d.audit.answer(answer_id)
        channel = (body.get("channel") or {}).get("id")
        staff = self.d.settings.staff_channel
        if row is None:
            return
        escalation = self.d.audit.escalate(answer_id, user, staff)
        if staff:
            asker = f"<@{user}> ({row['partner_id'] or row['asker_role']})"
            posted = client.chat_postMessage(channel=staff, text=f"Escalated question: {row['question']}",
                                             blocks=escalation_blocks(row, escalation, asker))
            self.d.audit.execute("UPDATE escalations SET staff_ts=? WHERE id=?", (posted.get("ts"), escalation))
            reply = messages.SLACK_ESCALATED
        else:
            reply = messages.SLACK_NO_STAFF_CHANNEL.format(desk=self.d.settings.program_desk)
        if channel:
            client.chat_postEphemeral(channel=channel, user=user, text=reply)

    def on_resolve(self, body: dict[str, Any], action: dict[str, Any], client: WebClient) -> None:
        user = body["user"]["id"]
        if self.d.audit.resolve_escalation(int(action["value"]), resolved_by=f"slack:{user}"):
            channel, ts = (body.get("channel") or {}).get("id"), (body.get("message") or {}).get("ts")
            if channel and ts:
                client.chat_update(channel=channel, ts=ts, text=messages.SLACK_RESOLVED.format(user=user),
                                   blocks=[{"type": "section", "text": {"type": "mrkdwn",
                                            "text": messages.SLACK_RESOLVED.format(user=user)}}])

    def on_home(self, event: dict[str, Any], client: WebClient) -> None:
        asker = self.d.identity.asker(event["user"], client)
        client.views_publish(user_id=event["user"],
                             view=home_view(asker, self.d.assistant, self.d.settings.public_url))


def _strip_mention(text: str) -> str:
    import re

    return re.sub(r"<@[A-Z0-9]+>", "", text).strip()


def register(app: App, deps: Deps) -> None:
    h = Handlers(deps)
    app.event("app_mention")(ack=_ack, lazy=[h.on_mention])
    app.event("message")(ack=_ack, lazy=[h.on_message])
    app.event("app_home_opened")(ack=_ack, lazy=[h.on_home])
    app.command("/carbon")(ack=_ack, lazy=[h.on_command])
    app.action("feedback_helpful")(ack=_ack, lazy=[h.on_feedback])
    app.action("feedback_not_helpful")(ack=_ack, lazy=[h.on_feedback])
    app.action("escalate")(ack=_ack, lazy=[h.on_escalate])
    app.action("resolve_escalation")(ack=_ack, lazy=[h.on_resolve])
