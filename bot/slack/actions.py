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
from bot.slack.blocks import FEEDBACK_HELPFUL, STAFF_LANGUAGE, escalation_blocks, escape, resolved_blocks
from bot.slack.handlers import Deps

log = logging.getLogger(__name__)


def _clicked(body: dict[str, Any]) -> tuple[str, int] | None:
    """(Slack user, the button's id value), or None for a payload we did not send."""
    try:
        return body["user"]["id"], int(body["actions"][0]["value"])
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

    def feedback(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        clicked = _clicked(body)
        if clicked is None:
            return
        user, answer_id = clicked
        language = self.d.language(user, client)
        if self.d.audit.answer(answer_id) is None:
            tell(body, client, respond, self.d.say("SLACK_ANSWER_GONE", language))
            return
        value = "helpful" if body["actions"][0].get("action_id") == FEEDBACK_HELPFUL else "not_helpful"
        self.d.audit.record_feedback(answer_id, value, user)
        tell(body, client, respond, self.d.say("SLACK_FEEDBACK_THANKS", language))

    def escalate(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        """Post the question, the answer and its citations to the staff channel; tell the asker."""
        clicked = _clicked(body)
        if clicked is None:
            return
        user, answer_id = clicked
        language = self.d.language(user, client)
        row = self.d.audit.answer(answer_id)
        if row is None:
            tell(body, client, respond, self.d.say("SLACK_ANSWER_GONE", language))
            return
        if self.d.audit.open_escalation(answer_id) is not None:  # a second click: already with the desk
            tell(body, client, respond, self.d.say("SLACK_ESCALATED", language))
            return
        staff = self.d.settings.staff_channel
        escalation = self.d.audit.escalate(answer_id, user, staff)
        if not staff:
            tell(body, client, respond, self.d.say("SLACK_NO_STAFF_CHANNEL", language))
            return
        asker = row.get("slack_user") or user
        label = f"<@{asker}> ({escape(row.get('asker_name') or '')}, {row.get('partner_id') or row['asker_role']})"
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

    def resolve(self, body: dict[str, Any], client: WebClient, respond: Respond | None, context: BoltContext) -> None:
        clicked = _clicked(body)
        if clicked is None:
            return
        user, escalation = clicked
        if not self.d.audit.resolve_escalation(escalation, resolved_by=f"slack:{user}"):
            tell(body, client, respond, self.d.say("SLACK_ALREADY_RESOLVED", self.d.language(user, client)))
            return
        channel = (body.get("channel") or {}).get("id")
        message = body.get("message") or {}
        if channel and message.get("ts"):  # the staff channel's post: in its language, like the rest of it
            client.chat_update(channel=channel, ts=message["ts"],
                               text=messages.say("SLACK_RESOLVED", STAFF_LANGUAGE, user=user),
                               blocks=resolved_blocks(message.get("blocks") or [], user))
