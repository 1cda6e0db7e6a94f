"""Where an answer goes. The one rule: a private answer is only ever shown to the person who asked.

- a direct message with the bot: the DM (only the asker and the bot are in it);
- ``/carbon``: an ephemeral response through the command's ``response_url``;
- a channel thread: public answers in the thread; private ones as an ephemeral
  message to the asker (a DM if that fails), and the thread only says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Literal

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.models import Answer
from bot.slack.blocks import answer_blocks, fallback_text, notice_blocks

log = logging.getLogger(__name__)

Kind = Literal["dm", "channel", "command", "action"]  # action: a button click


@dataclass
class Where:
    """Where a question came from, and so where its answer may go."""

    user: str
    channel: str
    kind: Kind
    thread_ts: str | None = None  # the thread to answer in (None: top level of a DM, or a command)
    message_ts: str | None = None  # the question's own message, for the progress reaction
    respond: Respond | None = None  # a command's or a button's response_url

    @property
    def conversation(self) -> str | None:
        """The assistant's thread id, for follow-ups (commands are one-off questions)."""
        if self.kind in ("command", "action"):
            return None
        return f"slack:{self.channel}:{self.thread_ts or 'dm'}"


def post_answer(client: WebClient, where: Where, answer: Answer, public_url: str | None,
                actions: dict[str, Any] | None = None) -> None:
    """``actions``: buttons to show instead of the feedback ones (a clarifying question's choices)."""
    blocks = answer_blocks(answer, public_url, actions=actions, share=where.kind == "command")
    text = fallback_text(answer)
    if where.kind == "dm":
        _post(client, channel=where.channel, thread_ts=where.thread_ts, text=text, blocks=blocks)
    elif where.kind in ("command", "action"):
        _only_to_asker(client, where, text, blocks)
    elif answer.private:
        _only_to_asker(client, where, text, blocks)
        _post(client, channel=where.channel, thread_ts=where.thread_ts,
              text=messages.say("SLACK_SENT_PRIVATELY", answer.language))
    else:
        _post(client, channel=where.channel, thread_ts=where.thread_ts, text=text, blocks=blocks)


def notify(client: WebClient, where: Where, text: str) -> None:
    """A short message of our own (rate limit, apology) that only the asker needs to see."""
    if where.kind == "dm":
        _post(client, channel=where.channel, thread_ts=where.thread_ts, text=text)
    else:
        _only_to_asker(client, where, text, notice_blocks(text))


def _only_to_asker(client: WebClient, where: Where, text: str, blocks: list[dict[str, Any]]) -> None:
    if where.respond is not None and where.respond.response_url:
        where.respond(text=text, blocks=blocks, response_type="ephemeral", replace_original=False)
        return
    try:
        client.chat_postEphemeral(channel=where.channel, user=where.user, thread_ts=where.thread_ts, text=text,
                                  blocks=blocks)
    except SlackApiError as exc:  # e.g. the bot is not in that channel: a DM is still private
        log.info("ephemeral message to %s failed (%s); sending a DM", where.user, exc.response.get("error"))
        dm = client.conversations_open(users=where.user)["channel"]["id"]
        _post(client, channel=dm, text=text, blocks=blocks)


def _post(client: WebClient, **kwargs: Any) -> None:
    """chat.postMessage; if Slack refuses the blocks, the plain text still gets through."""
    try:
        client.chat_postMessage(**{k: v for k, v in kwargs.items() if v is not None})
    except SlackApiError as exc:
        if exc.response.get("error") != "invalid_blocks" or "blocks" not in kwargs:
            raise
        log.warning("Slack refused the blocks (%s); posting the text only", exc.response.get("response_metadata"))
        kwargs.pop("blocks")
        client.chat_postMessage(**{k: v for k, v in kwargs.items() if v is not None})
