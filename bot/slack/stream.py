"""With CARBONBOT_LLM: the model's rewrite streamed into the thread as it is written (``chat.startStream`` /
``appendStream`` / ``stopStream``, through slack_sdk's ``chat_stream``).

Only where the answer would be posted as a message anyway: a thread of a DM or of a channel (a streamed
message is always a reply), and in a channel only a public answer (a private one goes to the asker alone, as
an ephemeral message, which cannot be streamed). The guard decides before the stream is finished: a rewrite it
passes is finalised with the Sources and the buttons beneath; one it refuses (or a timeout) is replaced by the
extractive answer. Without an LLM, answers are posted whole as before.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

from slack_sdk import WebClient

from bot.models import Answer
from bot.slack.blocks import Style, answer_blocks, fallback_text
from bot.slack.delivery import Where

log = logging.getLogger(__name__)
BUFFER = 120  # characters gathered before each appendStream call: a steady stream without a call per token


class AnswerStream:
    def __init__(self, client: WebClient, where: Where) -> None:
        self.client, self.where = client, where
        self.streamer: Any = None
        self.broken = False

    def opener(self, answer: Answer) -> Callable[[str], None] | None:
        """The sink for this answer's rewrite, or None where it must not be streamed."""
        where = self.where
        if where.kind not in ("dm", "channel") or not where.thread_ts:
            return None
        if where.kind == "channel" and answer.private:
            return None
        return self.append

    def append(self, text: str) -> None:
        if self.broken:
            return
        try:
            if self.streamer is None:
                self.streamer = self.client.chat_stream(
                    channel=self.where.channel, thread_ts=self.where.thread_ts, buffer_size=BUFFER,
                    recipient_user_id=self.where.user,
                    **({"recipient_team_id": self.where.team} if self.where.team else {}))
            self.streamer.append(markdown_text=text)
        except Exception:  # Slack refused the stream: the answer is posted whole when it is ready
            log.info("could not stream an answer; it will be posted whole", exc_info=True)
            self.broken = True

    def finish(self, answer: Answer, public_url: str | None, style: Style) -> bool:
        """Finish the stream with what the guard decided; False if nothing was streamed (post it as usual)."""
        if self.streamer is None:
            return False
        blocks = answer_blocks(answer, public_url, style=style)
        passed = bool(answer.llm and answer.llm.get("verdict") == "passed") and not self.broken
        try:
            if passed:  # the streamed text stands; Sources and buttons go beneath it
                self.streamer.stop(blocks=[b for b in blocks if b["type"] not in ("markdown", "section")])
                return True
            self.streamer.stop()
            ts = self.streamer.ts
        except Exception:
            log.warning("could not finish a streamed answer; posting it whole", exc_info=True)
            return False
        if not ts:
            return False
        # refused by the guard (or cut off): the streamed words give way to the extractive answer
        self.client.chat_update(channel=self.where.channel, ts=ts, text=fallback_text(answer), blocks=blocks)
        return True
