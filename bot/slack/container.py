"""Slack's assistant container (the AI-app side panel): suggested prompts, a thread title, a status line.

Where the workspace has it, a partner opens the assistant and sees prompts chosen for them (their firm's next
installment, their eligibility; staff get firm lookups; guests the rules), in their language. A question in
such a thread is answered by the same handler as any direct message; while it works the thread shows a
status, and the first question becomes the thread's title. Without the container (a free workspace), none of
this is called and DMs, threads, mentions and ``/carbon`` work as before.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, Assistant as SlackAssistant, BoltContext, Respond
from slack_sdk import WebClient

from bot import messages
from bot.slack.guard import guarded
from bot.slack.handlers import Deps, Questions

log = logging.getLogger(__name__)

TITLE_CHARS = 60


def _ack(ack: Ack) -> None:
    ack()


def prompts_for(role: str, language: str, example_firm: str | None = None) -> list[dict[str, str]]:
    """The suggested prompts for a partner, staff (with a real firm id to look up) or a guest."""
    key = {"partner": "SLACK_PROMPTS_PARTNER", "staff": "SLACK_PROMPTS_STAFF"}.get(role, "SLACK_PROMPTS_GUEST")
    firm = example_firm or "P-T1-001"
    return [{"title": title, "message": message.format(firm=firm)}
            for title, message in messages.say(key, language)]


class Container:
    def __init__(self, deps: Deps, questions: Questions) -> None:
        self.d = deps
        self.questions = questions

    def started(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        thread = (body.get("event") or {}).get("assistant_thread") or {}
        user, channel, thread_ts = thread.get("user_id"), thread.get("channel_id"), thread.get("thread_ts")
        if not (user and channel and thread_ts):
            return
        event_id = body.get("event_id")
        if event_id and not self.d.audit.first_delivery(event_id):
            return  # Slack's retry of a thread already greeted
        self.d.audit.first_delivery(container_key(channel, thread_ts))  # remembered: this thread is the container's
        asker = self.d.identity.asker(user, client)
        language = self.d.language(user, client)
        example = next(iter(sorted(self.d.assistant.directory().firms)), None) if asker.is_staff else None
        client.chat_postMessage(channel=channel, thread_ts=thread_ts,
                                text=self.d.say("SLACK_ASSISTANT_GREETING", language))
        client.assistant_threads_setSuggestedPrompts(
            channel_id=channel, thread_ts=thread_ts, prompts=prompts_for(asker.role, language, example),
            title=self.d.say("SLACK_PROMPTS_TITLE", language))

    def user_message(self, body: dict[str, Any], client: WebClient, respond: Respond | None,
                     context: BoltContext) -> None:
        """A message in a DM thread (bolt routes every one here): titled and given a status when the thread is
        the container's (it started with ``assistant_thread_started``), then answered as any direct message."""
        event = body.get("event") or {}
        channel, thread_ts, user = event.get("channel"), event.get("thread_ts"), event.get("user")
        text = (event.get("text") or "").strip()
        ours = bool(channel and thread_ts and self.d.audit.seen_delivery(container_key(channel, thread_ts)))
        if ours and user and text and not event.get("bot_id") and len(text) <= self.d.settings.max_question_chars:
            language = self.d.language(user, client, asking=text)
            first = not self.d.audit.answered_in_slack_thread(channel, thread_ts)
            self._try(client.assistant_threads_setStatus, channel_id=channel, thread_ts=thread_ts,
                      status=self.d.say("SLACK_ASSISTANT_STATUS", language))
            if first:
                title = " ".join(text.split())
                self._try(client.assistant_threads_setTitle, channel_id=channel, thread_ts=thread_ts,
                          title=title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…")
        try:
            self.questions.message(body, client, respond, context)
        finally:
            if ours:  # posting the answer clears the status; an apology or a no-op must too
                self._try(client.assistant_threads_setStatus, channel_id=channel, thread_ts=thread_ts, status="")

    @staticmethod
    def _try(method, **kwargs: Any) -> None:
        """A container call: outside the container (an ordinary DM thread) Slack refuses it, which is fine."""
        try:
            method(**kwargs)
        except Exception as exc:
            log.info("assistant container call %s not applied: %s", getattr(method, "__name__", method), exc)


def container_key(channel: str, thread_ts: str) -> str:
    return f"assistant_thread:{channel}:{thread_ts}"


def assistant_container(deps: Deps, questions: Questions) -> SlackAssistant:
    """bolt's Assistant middleware with our listeners: ack at once, work lazily, apologise on failure."""
    container = Container(deps, questions)
    middleware = SlackAssistant()
    middleware.thread_started(lazy=[guarded(container.started, deps)])(_ack)
    middleware.user_message(lazy=[guarded(container.user_message, deps)])(_ack)
    middleware.thread_context_changed(_ack)  # the channel the user is viewing: not used, nothing to store
    return middleware
