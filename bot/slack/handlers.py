"""Questions from Slack: mentions, thread follow-ups, direct messages and ``/carbon``.

Each listener only translates: check it is a question for us, resolve the
asker, call the assistant, render, post. They run as lazy listeners, after the
3-second acknowledgement.

Our own words outside an answer (help, rate limits, acknowledgements, apologies,
the Home tab) are in the user's language (``Deps.language``); an answer and
everything under it are in the question's language (``Answer.language``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot import ops
from bot.assistant import Assistant
from bot.config import Settings
from bot.slack.delivery import Where, notify, post_answer
from bot.slack.stream import AnswerStream
from bot.slack.identity import SlackIdentity
from bot.slack.ratelimit import RateLimiter
from bot.store.audit import AuditLog
from bot.understand.language import detect_language

log = logging.getLogger(__name__)
PROGRESS_REACTION = "eyes"
# A mention is <@U123> or <@U123|name>: the label is bounded, so a message of unclosed "<@U1|" costs linear time.
MENTION = re.compile(r"<@[A-Z0-9]{1,30}(?:\|[^<>]{0,100})?>")


@dataclass
class Deps:
    """What every listener needs, built once by ``build_app``."""

    settings: Settings
    assistant: Assistant
    audit: AuditLog
    identity: SlackIdentity
    limiter: RateLimiter

    def language(self, user: str, client: WebClient, asking: str = "") -> str:
        return spoken_language(self.identity, self.audit, user, client, asking)

    def say(self, name: str, language: str, **values: Any) -> str:
        """A catalogue message in ``language``, naming the program desk as answers in that language do."""
        return self.assistant.say(name, language, **values)


def spoken_language(identity: SlackIdentity, audit: AuditLog, user: str, client: WebClient, asking: str = "") -> str:
    """The language to speak to ``user`` outside an answer: their Slack locale, else the language of the
    question at hand (``asking``) or of their last one, else English."""
    known = identity.language(user, client)
    if known:
        return known
    question = asking or audit.last_slack_question(user)
    return detect_language(question) if question else "en"


def strip_mentions(text: str) -> str:
    return MENTION.sub("", text or "").strip()


def _has(payload: dict[str, Any], *keys: str) -> bool:
    return all(isinstance(payload.get(k), str) and payload.get(k) for k in keys)


def bot_user_id(body: dict[str, Any], context: BoltContext | None) -> str | None:
    if context is not None and context.bot_user_id:
        return context.bot_user_id
    auths = body.get("authorizations") or [{}]
    return auths[0].get("user_id")


class Questions:
    def __init__(self, deps: Deps) -> None:
        self.d = deps

    # -- listeners ----------------------------------------------------------------------------
    def mention(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        event = body["event"]
        if self._from_a_bot(event, body, context) or event.get("subtype") or not _has(event, "user", "channel", "ts"):
            return
        if not self._first_delivery(body):
            return
        ops.new_request_id(body.get("event_id"))
        where = Where(user=event["user"], channel=event["channel"], kind="channel",
                      thread_ts=event.get("thread_ts") or event["ts"], message_ts=event["ts"],
                      team=body.get("team_id"))
        self.ask(strip_mentions(event.get("text", "")), where, client)

    def message(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        event = body["event"]
        if self._from_a_bot(event, body, context) or event.get("subtype") or not _has(event, "user", "channel", "ts"):
            return  # bots (this one included), edits, deletions, joins, file shares
        is_dm = event.get("channel_type") == "im"
        thread_ts = event.get("thread_ts")
        if not is_dm:
            me = bot_user_id(body, context)
            if me and f"<@{me}" in event.get("text", ""):
                return  # a mention: app_mention answers it
            if not thread_ts or not self.d.audit.answered_in_slack_thread(event["channel"], thread_ts):
                return  # channel chatter that is not a follow-up to one of our answers
        if not self._first_delivery(body):
            return
        ops.new_request_id(body.get("event_id"))
        where = Where(user=event["user"], channel=event["channel"], kind="dm" if is_dm else "channel",
                      thread_ts=thread_ts, message_ts=event.get("ts"), team=body.get("team_id"))
        self.ask(strip_mentions(event.get("text", "")), where, client)

    def command(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        if not _has(body, "user_id", "channel_id"):
            return
        text = (body.get("text") or "").strip()
        ops.new_request_id(body.get("trigger_id"))
        where = Where(user=body["user_id"], channel=body["channel_id"], kind="command", respond=respond)
        if text.lower() in {"", "help", "?"}:
            notify(client, where, self.d.say("HELP", self.d.language(where.user, client)))
            return
        self.ask(text, where, client)

    # -- the shared path ----------------------------------------------------------------------
    def ask(self, text: str, where: Where, client: WebClient) -> None:
        if not self.d.limiter.allow(where.user):
            notify(client, where, self.d.say("SLACK_RATE_LIMITED", self.d.language(where.user, client, asking=text)))
            return
        limit = self.d.settings.max_question_chars
        if len(text) > limit:  # answered at once, before any other work on it
            notify(client, where, self.d.say("TOO_LONG", self.d.language(where.user, client, asking=text[:limit]),
                                             length=len(text), limit=limit))
            return
        log.info("question from %s in a %s (%d characters)", where.user, where.kind, len(text))
        shown = self._show_progress(client, where)
        try:
            asker = self.d.identity.asker(where.user, client)
            streaming = AnswerStream(client, where) if self.d.settings.llm else None
            answer = self.d.assistant.answer(
                text, asker, where.conversation, via="slack",
                slack={"user": where.user, "channel": where.channel, "thread": where.thread_ts},
                stream=streaming.opener if streaming else None)
            from bot.slack.choices import offer  # choices.py builds on this module's Deps

            settings = self.d.settings
            if streaming is None or not streaming.finish(answer, settings.public_url, settings.slack_blocks):
                post_answer(client, where, answer, settings.public_url, actions=offer(self.d, answer, where),
                            style=settings.slack_blocks)
            log.info("answered %s: %s/%s%s in %.0f ms (answer %s)", where.user, answer.intent, answer.status,
                     " privately" if answer.private else "", answer.latency_ms, answer.answer_id)
        finally:  # answered, or apologised for by the guard: either way no longer in progress
            if shown:
                self._clear_progress(client, where)

    def _show_progress(self, client: WebClient, where: Where) -> bool:
        if not where.message_ts:
            return False
        try:
            client.reactions_add(channel=where.channel, timestamp=where.message_ts, name=PROGRESS_REACTION)
            return True
        except Exception:  # a progress hint that fails must not cost the answer
            log.info("could not add the progress reaction", exc_info=True)
            return False

    def _clear_progress(self, client: WebClient, where: Where) -> None:
        try:
            client.reactions_remove(channel=where.channel, timestamp=where.message_ts, name=PROGRESS_REACTION)
        except Exception:
            log.info("could not remove the progress reaction", exc_info=True)

    # -- filters ------------------------------------------------------------------------------
    def _from_a_bot(self, event: dict[str, Any], body: dict[str, Any], context: BoltContext | None) -> bool:
        return bool(event.get("bot_id") or event.get("bot_profile")
                    or (event.get("user") and event.get("user") == bot_user_id(body, context)))

    def _first_delivery(self, body: dict[str, Any]) -> bool:
        """Slack redelivers an event it thinks we missed (X-Slack-Retry-Num); one event, one answer."""
        event_id = body.get("event_id")
        return not event_id or self.d.audit.first_delivery(event_id)
