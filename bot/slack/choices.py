"""Clarifying questions in Slack: one button per reading, and a click answers the question under that reading.

The question and its readings stay server-side (the audit log's answer row, plus a ``clarifications`` row
that says who asked, where, and whether the choice is used). A button carries only ``{id}.{nonce}.{n}``.
A click is answered only when all of these hold; otherwise the clicker gets one neutral line that says
nothing about the question, the asker or any firm:

- the value has that exact shape, names a pending clarification, and carries its nonce;
- the clicker is the Slack user who asked, in the channel where they asked, within the time limit;
- the clicker still resolves to the same role and firm as when they asked;
- the choice has not been used (a replayed or second click answers nothing).

The answer then goes through ``Assistant.answer`` exactly like a typed question (the same access screen,
the same audit log) and to the same place: the thread, the DM, or the command's ephemeral response.
The neutral line is in the clicker's language; the note that replaces the buttons is in the clarifying
question's, like the rest of that message.
"""

from __future__ import annotations

import hmac
import logging
import re
from datetime import datetime, timezone
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient

from bot.models import Answer
from bot.slack.actions import tell
from bot.slack.blocks import chosen_blocks, choice_actions
from bot.slack.delivery import Where, post_answer
from bot.slack.handlers import Deps
from bot.understand.clarify import Option
from bot.understand.language import detect_language

log = logging.getLogger(__name__)
VALUE = re.compile(r"(\d{1,12})\.([A-Za-z0-9_-]{8,32})\.(\d)")


def offer(deps: Deps, answer: Answer, where: Where) -> dict[str, Any] | None:
    """Keep a clarifying answer's context and return its buttons (None when it has nothing to offer)."""
    readings = answer.facts.get("clarify") or []
    if answer.status != "clarify" or answer.answer_id is None or not readings:
        return None
    kind = "command" if where.kind in ("command", "action") else where.kind
    pending, nonce = deps.audit.add_clarification(answer.answer_id, where.user, where.channel, where.thread_ts, kind)
    return choice_actions(pending, nonce, [r["label"] for r in readings])


class Choices:
    def __init__(self, deps: Deps) -> None:
        self.d = deps

    def choose(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        user = (body.get("user") or {}).get("id")
        if not user:
            return
        found = self._valid(body, user, client)
        if found is None:
            tell(body, client, respond, self.d.say("SLACK_CHOICE_GONE", self.d.language(user, client)))
            return
        pending, question, reading, asker = found
        if not self.d.limiter.allow(user):  # before the choice is used: it still works a minute later
            tell(body, client, respond, self.d.say("SLACK_RATE_LIMITED", self.d.language(user, client)))
            return
        if not self.d.audit.use_clarification(pending["id"]):  # a double click raced this one
            tell(body, client, respond, self.d.say("SLACK_CHOICE_GONE", self.d.language(user, client)))
            return
        where = Where(user=user, channel=pending["channel"], kind=pending["kind"], thread_ts=pending["thread_ts"],
                      respond=respond if pending["kind"] == "command" else None)
        self._retire_buttons(body, client, respond, detect_language(question))
        answer = self.d.assistant.answer(
            question, asker, where.conversation, via="slack", reading=reading,
            slack={"user": user, "channel": where.channel, "thread": where.thread_ts})
        post_answer(client, where, answer, self.d.settings.public_url, style=self.d.settings.slack_blocks)

    def _valid(self, body: dict[str, Any], user: str, client: WebClient):
        """(pending row, question, chosen reading, asker) for a click that may be answered, else None."""
        try:
            value = str(body["actions"][0]["value"])
        except (KeyError, IndexError, TypeError):
            return None
        match = VALUE.fullmatch(value)
        if not match:
            log.warning("ignored a choice with a malformed value from %s", user)
            return None
        pending = self.d.audit.clarification(int(match.group(1)))
        clicked_in = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        if (pending is None or not hmac.compare_digest(pending["nonce"], match.group(2))
                or pending["slack_user"] != user or clicked_in != pending["channel"]
                or pending["used_at"] is not None or self._expired(pending["ts"])):
            log.info("refused a choice %s by %s (unknown, forged, someone else's, used or expired)", value, user)
            return None
        row = self.d.audit.answer(pending["answer_id"])
        readings = (row or {}).get("facts", {}).get("clarify") or []
        position = int(match.group(3))
        if row is None or row["status"] != "clarify" or position >= len(readings):
            return None
        asker = self.d.identity.asker(user, client)
        if (asker.role, asker.partner_id) != (row["asker_role"], row["partner_id"]):
            log.info("refused a choice by %s: who they are changed since they asked", user)
            return None
        try:
            reading = Option.from_key(readings[position]["reading"])
        except (KeyError, ValueError):
            return None
        return pending, row["question"], reading, asker

    def _expired(self, ts: str) -> bool:
        asked = datetime.fromisoformat(ts)
        return (datetime.now(timezone.utc) - asked).total_seconds() > self.d.settings.clarify_ttl_seconds

    def _retire_buttons(self, body: dict[str, Any], client: WebClient, respond: Respond | None,
                        language: str) -> None:
        """The clarifying message loses its buttons (a nicety: the one-use rule is what protects); the note that
        replaces them is in the clarifying question's ``language``."""
        message = body.get("message") or {}
        container = body.get("container") or {}
        note, blocks = self.d.say("SLACK_CHOICE_MADE", language), chosen_blocks(message.get("blocks") or [], language)
        try:
            if container.get("is_ephemeral") and respond is not None and respond.response_url:
                respond(text=note, blocks=blocks, replace_original=True)
            elif message.get("ts") and (body.get("channel") or {}).get("id"):
                client.chat_update(channel=body["channel"]["id"], ts=message["ts"], text=note, blocks=blocks)
        except Exception:  # the answer matters more than tidying the question
            log.info("could not remove the choice buttons", exc_info=True)
