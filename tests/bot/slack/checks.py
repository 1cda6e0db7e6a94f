"""What the scenario tests look at: what a Slack user would see, the audit log, and quiet after no-ops."""

from __future__ import annotations

import json
import time
from typing import Any

from tests.bot.slack.conftest import STAFF_CHANNEL
from tests.bot.slack.fake_slack import FakeSlack
from tests.bot.slack.signed import Harness, uid

DESK = "the KAP program desk (carbon-desk@kap.example)"


def shown(call: dict[str, Any]) -> str:
    """Everything a Slack user would see of one call: its text and its blocks."""
    return (call.get("text") or "") + json.dumps(call.get("blocks") or [], ensure_ascii=False)


def krw(n: int) -> str:
    return f"{n:,}"


def button_value(call: dict[str, Any], action_id: str) -> str:
    actions = next(b for b in call["blocks"] if b["type"] == "actions")
    return next(e["value"] for e in actions["elements"] if e["action_id"] == action_id)


def thumb(call: dict[str, Any], positive: bool = True) -> str:
    """The value of an answer's thumb up (or down): Slack's feedback_buttons in a context_actions block."""
    block = next(b for b in call["blocks"] if b["type"] == "context_actions")
    buttons = next(e for e in block["elements"] if e["type"] == "feedback_buttons")
    return buttons["positive_button" if positive else "negative_button"]["value"]


def thumb_labels(call: dict[str, Any]) -> list[str]:
    block = next(b for b in call["blocks"] if b["type"] == "context_actions")
    buttons = next(e for e in block["elements"] if e["type"] == "feedback_buttons")
    return [buttons[k]["text"]["text"] for k in ("positive_button", "negative_button")]


def settle(slack: Harness, people, quiet: float = 1.5, timeout: float = 20.0) -> None:
    """Before asserting that something did *not* happen: a question sent now has been answered, and then
    the fake Slack has seen no call for ``quiet`` seconds (bounded by ``timeout``)."""
    guest, dm = people.guest()["slack_user_id"], uid("D")
    slack.message(guest, dm, "what does §7.4 say?")
    slack.fake.wait_for("chat.postMessage", channel=dm)
    deadline = time.monotonic() + timeout
    seen, since = len(slack.fake.calls), time.monotonic()
    while time.monotonic() - since < quiet:
        assert time.monotonic() < deadline, "the bot never went quiet"
        time.sleep(0.05)
        if len(slack.fake.calls) != seen:
            seen, since = len(slack.fake.calls), time.monotonic()


def assert_never_public(fake: FakeSlack, *secrets: str) -> None:
    """No figure from a private answer in any message others can read (channels other than DMs and staff)."""
    for method in ("chat.postMessage", "chat.update"):
        for call in fake.of(method):
            channel = str(call.get("channel", ""))
            if channel.startswith("D") or channel == STAFF_CHANNEL:
                continue
            leaked = [s for s in secrets if s in shown(call)]
            assert not leaked, f"{leaked} posted to {channel}: {call.get('text')}"


def audit_rows(slack: Harness, **where: str) -> list[dict[str, Any]]:
    clause = " AND ".join(f"{k} = ?" for k in where)
    return [dict(r) for r in slack.audit.query(f"SELECT * FROM answers WHERE {clause} ORDER BY id", tuple(where.values()))]
