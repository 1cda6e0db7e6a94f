"""Where an answer goes. The one rule: a private answer is only ever shown to the person who asked.

- a direct message with the bot: the DM (only the asker and the bot are in it);
- ``/carbon``: an ephemeral response through the command's ``response_url``;
- a channel thread: public answers in the thread; private ones as an ephemeral
  message to the asker (a DM if that fails), and the thread only says so.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Callable, Literal

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.models import Answer
from bot.slack.blocks import Style, answer_blocks, fallback_text, notice_blocks

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
    team: str | None = None  # the workspace, for streaming an answer into a channel

    @property
    def conversation(self) -> str | None:
        """The assistant's thread id, for follow-ups (commands are one-off questions)."""
        if self.kind in ("command", "action"):
            return None
        return f"slack:{self.channel}:{self.thread_ts or 'dm'}"


def post_answer(client: WebClient, where: Where, answer: Answer, public_url: str | None,
                actions: dict[str, Any] | None = None, style: Style = "markdown") -> None:
    """``actions``: buttons to show instead of the feedback ones (a clarifying question's choices).

    Blocks in the ``style`` layout; if Slack refuses them (``invalid_blocks``: a client or workspace without
    markdown or context_actions blocks), the sections layout, and failing that the plain text.
    """
    layouts = answer_layouts(answer, public_url, style, actions=actions, share=where.kind == "command")
    text = fallback_text(answer)
    if where.kind == "dm":
        post_message(client, layouts, channel=where.channel, thread_ts=where.thread_ts, text=text)
    elif where.kind in ("command", "action"):
        _only_to_asker(client, where, text, layouts)
    elif answer.private:
        _only_to_asker(client, where, text, layouts)
        post_message(client, [], channel=where.channel, thread_ts=where.thread_ts,
              text=messages.say("SLACK_SENT_PRIVATELY", answer.language))
    else:
        post_message(client, layouts, channel=where.channel, thread_ts=where.thread_ts, text=text)


def notify(client: WebClient, where: Where, text: str) -> None:
    """A short message of our own (rate limit, apology) that only the asker needs to see."""
    if where.kind == "dm":
        post_message(client, [], channel=where.channel, thread_ts=where.thread_ts, text=text)
    else:
        _only_to_asker(client, where, text, [notice_blocks(text)])


Layouts = list[list[dict[str, Any]]]  # one message's blocks, most preferred first; [] for text only


def styles(style: Style) -> list[Style]:
    """The layouts to try, in order: ``style``, then the sections layout (what a refused message is re-sent as)."""
    return list(dict.fromkeys((style, "sections")))


def answer_layouts(answer: Answer, public_url: str | None, style: Style, **options: Any) -> Layouts:
    """The answer's blocks in each of :func:`styles`."""
    return [answer_blocks(answer, public_url, style=s, **options) for s in styles(style)]


def respond_with(respond: Respond, text: str, layouts: Layouts, response_type: str) -> None:
    """A ``response_url`` post, re-sent in a simpler layout if Slack refuses its blocks."""
    for blocks in [*layouts, None]:
        response = respond(text=text, blocks=blocks, response_type=response_type, replace_original=False)
        if blocks is None or not _refused(response.status_code, response.body):
            return
        log.warning("Slack refused the blocks of a response (%s); trying a simpler layout", response.body[:200])


def _only_to_asker(client: WebClient, where: Where, text: str, layouts: Layouts) -> None:
    if where.respond is not None and where.respond.response_url:
        respond_with(where.respond, text, layouts, "ephemeral")
        return
    try:
        _with_fallback(lambda **blocks: client.chat_postEphemeral(
            channel=where.channel, user=where.user, thread_ts=where.thread_ts, text=text, **blocks), layouts)
    except SlackApiError as exc:  # e.g. the bot is not in that channel: a DM is still private
        log.info("ephemeral message to %s failed (%s); sending a DM", where.user, exc.response.get("error"))
        dm = client.conversations_open(users=where.user)["channel"]["id"]
        post_message(client, layouts, channel=dm, text=text)


def post_message(client: WebClient, layouts: Layouts, **kwargs: Any) -> Any:
    """chat.postMessage; if Slack refuses the blocks, a simpler layout, and the plain text still gets through."""
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    return _with_fallback(lambda **blocks: client.chat_postMessage(**kwargs, **blocks), layouts)


def _with_fallback(send: Callable[..., Any], layouts: Layouts) -> Any:
    for blocks in layouts:
        try:
            return send(blocks=blocks)
        except SlackApiError as exc:
            if exc.response.get("error") != "invalid_blocks":
                raise
            log.warning("Slack refused the blocks (%s); trying a simpler layout",
                        str(exc.response.get("response_metadata"))[:200])
    return send()


def _refused(status: int, body: str) -> bool:
    """A response_url post Slack refused for its blocks (it answers 400 ``invalid_blocks``)."""
    return status >= 400 and "invalid_blocks" in (body or "")
