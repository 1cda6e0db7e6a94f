"""Buttons: feedback on an answer, "Ask the program desk", and staff's "Mark resolved".

Everything is recorded in the audit log, where the review console sees it too. The clicker is told in their
own language; the staff channel's post stays in English (``blocks.STAFF_LANGUAGE``).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import messages
from bot.models import Answer, Citation
from bot.slack.blocks import (FEEDBACK_HELPFUL, STAFF_LANGUAGE, escalation_blocks, escape, fallback_text,
                              resolved_blocks, shared_blocks)
from bot.slack.delivery import post_message, respond_with, styles
from bot.understand.language import detect_language
from bot.slack.handlers import Deps

log = logging.getLogger(__name__)


def _clicked(body: dict[str, Any]) -> tuple[str, int] | None:
    """(Slack user, the id in the button's value), or None for a payload we did not send.

    A value is the id ("7"), or for a thumb of ``feedback_buttons`` the verdict and the id ("helpful.7").
    """
    try:
        return body["user"]["id"], int(str(body["actions"][0]["value"]).rpartition(".")[2])
    except (KeyError, IndexError, TypeError, ValueError):
        log.warning("ignored a button payload without a user or a numeric value")
        return None


def tell(body: dict[str, Any], client: WebClient, respond: Respond | None, text: str) -> None:
    """An ephemeral reply to whoever clicked, next to the message they clicked on."""
    if respond is not None and respond.response_url:
        respond(text=text, response_type="ephemeral", replace_original=False)
        return
    channel = (body.get("channel") or {}).get("id")
    if channel:
        client.chat_postEphemeral(channel=channel, user=body["user"]["id"], text=text)


class Actions:
    def __init__(self, deps: Deps) -> None:
        self.d = deps

    def _answer_clicked(self, body: dict[str, Any], client: WebClient,
                        respond: Respond | None) -> tuple[str, int, str, dict[str, Any]] | None:
        """(clicker, answer id, the clicker's language, the answer's audit row) for a button under an answer;
        None, after telling the clicker when the answer is gone, for anything else."""
        clicked = _clicked(body)
        if clicked is None:
            return None
        user, answer_id = clicked
        language = self.d.language(user, client)
        row = self.d.audit.answer(answer_id)
        if row is None:
            tell(body, client, respond, self.d.say("SLACK_ANSWER_GONE", language))
            return None
        return user, answer_id, language, row

    def feedback(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        clicked = self._answer_clicked(body, client, respond)
        if clicked is None:
            return
        user, answer_id, language, _ = clicked
        action = body["actions"][0]
        value = ("helpful" if action.get("action_id") == FEEDBACK_HELPFUL or str(action["value"]).startswith("helpful.")
                 else "not_helpful")
        self.d.audit.record_feedback(answer_id, value, user)
        tell(body, client, respond, self.d.say("SLACK_FEEDBACK_THANKS", language))

    def escalate(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        """Post the question, the answer and its citations to the staff channel; tell the asker."""
        clicked = self._answer_clicked(body, client, respond)
        if clicked is None:
            return
        user, answer_id, language, row = clicked
        asker = row.get("slack_user")
        clicker_is_staff = self.d.identity.asker(user, client).is_staff
        if asker != user and not clicker_is_staff:  # someone else's answer (seen in a shared thread)
            tell(body, client, respond, self.d.say("SLACK_NOT_YOUR_ANSWER", language))
            return
        if self.d.audit.open_escalation(answer_id) is not None:  # a second click: already with the desk
            tell(body, client, respond, self.d.say("SLACK_ESCALATED", language))
            return
        staff = self.d.settings.staff_channel
        escalation = self.d.audit.escalate(answer_id, user, staff)
        if not staff:
            tell(body, client, respond, self.d.say("SLACK_NO_STAFF_CHANNEL", language))
            return
        who = f"{row.get('partner_id') or row['asker_role']}"
        label = (f"<@{asker}> ({escape(row.get('asker_name') or '')}, {who})" if asker
                 else f"{escape(row.get('asker_name') or '')} ({who})")
        if asker != user:  # staff passing on a partner's answer: both are named, each for what they did
            label += " " + messages.say("SLACK_ESCALATED_BY", STAFF_LANGUAGE, user=f"<@{user}>")
        try:
            posted = client.chat_postMessage(
                channel=staff, text=f"Escalated question #{answer_id}: {escape(row['question'])}"[:3000],
                blocks=escalation_blocks(row, escalation, label, self.d.settings.public_url))
        except SlackApiError:
            # Still recorded as an open escalation (the review console lists it); the asker gets the desk's address.
            log.exception("could not post escalation %s to the staff channel %s", escalation, staff)
            tell(body, client, respond, self.d.say("SLACK_NO_STAFF_CHANNEL", language))
            return
        self.d.audit.set_escalation_message(escalation, staff, posted.get("ts"))
        tell(body, client, respond, self.d.say("SLACK_ESCALATED", language))

    def share(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        """Post a public /carbon answer to the channel, for its asker only, re-read from the audit log (never from
        the click's payload) and never when it is private."""
        clicked = self._answer_clicked(body, client, respond)
        if clicked is None:
            return
        user, answer_id, language, row = clicked
        if row.get("slack_user") != user:
            tell(body, client, respond, self.d.say("SLACK_NOT_YOUR_SHARE", language))
            return
        if row["private"]:
            tell(body, client, respond, self.d.say("SLACK_SHARE_PRIVATE", language))
            return
        if not self.d.audit.first_delivery(f"shared:{answer_id}"):  # a second click
            tell(body, client, respond, self.d.say("SLACK_ALREADY_SHARED", language))
            return
        answer = Answer(question=row["question"], status=row["status"], intent=row["intent"], answer=row["answer"],
                        citations=[Citation(**c) for c in row["citations"]], language=detect_language(row["question"]))
        text = fallback_text(answer)
        layouts = [shared_blocks(answer, self.d.settings.public_url, user, style=style)
                   for style in styles(self.d.settings.slack_blocks)]
        if respond is not None and respond.response_url:
            respond_with(respond, text, layouts, "in_channel")
        else:
            channel = (body.get("channel") or {}).get("id")
            if not channel:
                return
            post_message(client, layouts, channel=channel, text=text)
        tell(body, client, respond, self.d.say("SLACK_SHARED", language))

    def resolve(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        clicked = _clicked(body)
        if clicked is None:
            return
        user, escalation = clicked
        if not self.d.identity.asker(user, client).is_staff:  # the button is in the staff channel; a forged click is not
            tell(body, client, respond, self.d.say("SLACK_STAFF_ONLY", self.d.language(user, client)))
            return
        if not self.d.audit.resolve_escalation(escalation, resolved_by=f"slack:{user}"):
            tell(body, client, respond, self.d.say("SLACK_ALREADY_RESOLVED", self.d.language(user, client)))
            return
        channel = (body.get("channel") or {}).get("id")
        message = body.get("message") or {}
        if channel and message.get("ts"):  # the staff channel's post: in its language, like the rest of it
            client.chat_update(channel=channel, ts=message["ts"],
                               text=messages.say("SLACK_RESOLVED", STAFF_LANGUAGE, user=user),
                               blocks=resolved_blocks(message.get("blocks") or [], user))
