"""Buttons end to end: feedback, "Ask the program desk" and staff's "Mark resolved", all in the audit log."""

from __future__ import annotations

import pytest

from bot import messages
from tests.bot.slack.checks import DESK, assert_never_public, button_value, krw, shown, thumb
from tests.bot.slack.conftest import CASES, STAFF_CHANNEL, on_both_backends
from tests.bot.slack.signed import SECRET, DispatchHarness, uid

pytestmark = pytest.mark.slow


@on_both_backends
def test_feedback_clicks_are_recorded_and_thanked(slack, people):
    guest, channel = people.guest()["slack_user_id"], uid("C")
    root = slack.mention(guest, channel, "who pays for verification?")
    posted = slack.fake.wait_for("chat.postMessage", channel=channel, thread_ts=root)[0]
    answer_id = button_value(posted, "escalate")
    assert (thumb(posted, positive=False), thumb(posted)) == (f"not_helpful.{answer_id}", f"helpful.{answer_id}")
    slack.click(guest, "answer_feedback", thumb(posted, positive=False), channel, message=posted,
                response_name="fb-" + channel, kind="feedback_buttons")
    thanks = slack.fake.wait_for("response_url", _path=f"/response/fb-{channel}")[0]
    assert thanks["text"] == messages.SLACK_FEEDBACK_THANKS and thanks["response_type"] == "ephemeral"
    slack.click(guest, "answer_feedback", thumb(posted), channel, message=posted,  # no response_url: ephemeral
                kind="feedback_buttons")
    slack.fake.wait_for("chat.postEphemeral", channel=channel, user=guest, text=messages.SLACK_FEEDBACK_THANKS)
    # the plain buttons of the sections layout, and of answers posted before the markdown one, still count
    slack.click(guest, "feedback_not_helpful", answer_id, channel, message=posted, response_name="old-" + channel)
    slack.fake.wait_for("response_url", _path=f"/response/old-{channel}")
    rows = slack.audit.query("SELECT value, slack_user FROM feedback WHERE answer_id = ? ORDER BY id", (int(answer_id),))
    assert [tuple(r) for r in rows] == [("not_helpful", guest), ("helpful", guest), ("not_helpful", guest)]


@on_both_backends
def test_escalation_goes_to_the_staff_channel_once_and_can_be_marked_resolved(slack, people):
    partner, staff, channel = people.partner("rep_on_schedule"), people.staff(), uid("C")
    user, expected = partner["slack_user_id"], CASES["expected"][partner["partner_id"]]
    slack.mention(user, channel, "how much do we still owe?")
    private = slack.fake.wait_for("chat.postEphemeral", channel=channel, user=user)[0]
    answer_id = button_value(private, "escalate")
    slack.click(user, "escalate", answer_id, channel, response_name="esc-" + channel)
    told = slack.fake.wait_for("response_url", _path=f"/response/esc-{channel}")[0]
    assert told["text"] == messages.SLACK_ESCALATED

    mine = lambda p: f"<@{user}>" in shown(p)  # noqa: E731
    post = slack.fake.wait_for("chat.postMessage", channel=STAFF_CHANNEL, where=mine)[0]
    assert "how much do we still owe?" in shown(post) and krw(expected["outstanding_krw"]) in shown(post)
    assert "§7.1" in shown(post) or "§7.2" in shown(post)  # the citations travel with it
    escalation = dict(slack.audit.query("SELECT * FROM escalations WHERE answer_id = ?", (int(answer_id),))[0])
    assert escalation["status"] == "open" and escalation["slack_user"] == user
    assert button_value(post, "resolve_escalation") == str(escalation["id"])
    assert escalation["staff_channel"] == STAFF_CHANNEL and escalation["staff_ts"]

    slack.click(user, "escalate", answer_id, channel, response_name="esc2-" + channel)  # a second click
    assert slack.fake.wait_for("response_url", _path=f"/response/esc2-{channel}")[0]["text"] == messages.SLACK_ESCALATED
    assert slack.audit.query("SELECT COUNT(*) FROM escalations WHERE answer_id = ?", (int(answer_id),))[0][0] == 1
    assert len(slack.fake.of("chat.postMessage", channel=STAFF_CHANNEL, where=mine)) == 1

    message = {"ts": escalation["staff_ts"], "blocks": post["blocks"]}
    slack.click(staff["slack_user_id"], "resolve_escalation", str(escalation["id"]), STAFF_CHANNEL, message=message)
    update = slack.fake.wait_for("chat.update", channel=STAFF_CHANNEL, ts=escalation["staff_ts"])[0]
    assert f"Resolved by <@{staff['slack_user_id']}>" in shown(update)
    assert not any(b["type"] == "actions" for b in update["blocks"]) and "how much do we still owe?" in shown(update)
    resolved = dict(slack.audit.query("SELECT * FROM escalations WHERE id = ?", (escalation["id"],))[0])
    assert resolved["status"] == "resolved" and resolved["resolved_by"] == f"slack:{staff['slack_user_id']}"
    slack.click(staff["slack_user_id"], "resolve_escalation", str(escalation["id"]), STAFF_CHANNEL, message=message,
                response_name="again-" + channel)
    again = slack.fake.wait_for("response_url", _path=f"/response/again-{channel}")[0]
    assert again["text"] == messages.SLACK_ALREADY_RESOLVED
    assert_never_public(slack.fake, krw(expected["outstanding_krw"]))


def test_escalation_without_a_staff_channel_gives_the_desk_address(slack_settings, slack_assistant, fake_slack,
                                                                     people, monkeypatch):
    from bot.slack.app import build_app

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    app = build_app(slack_settings.model_copy(update={"staff_channel": None}), slack_assistant)
    slack = DispatchHarness(app, fake_slack, slack_assistant.audit)
    guest, channel = people.guest()["slack_user_id"], uid("C")
    slack.mention(guest, channel, "who pays for verification?")
    posted = fake_slack.wait_for("chat.postMessage", channel=channel)[0]
    before = len(fake_slack.of("chat.postMessage", channel=STAFF_CHANNEL))
    slack.click(guest, "escalate", button_value(posted, "escalate"), channel, response_name="nostaff-" + channel)
    told = fake_slack.wait_for("response_url", _path=f"/response/nostaff-{channel}")[0]
    assert told["text"] == messages.SLACK_NO_STAFF_CHANNEL.format(desk=DESK)
    assert len(fake_slack.of("chat.postMessage", channel=STAFF_CHANNEL)) == before
    assert slack_assistant.audit.query("SELECT status FROM escalations WHERE answer_id = ?",
                                       (int(button_value(posted, "escalate")),))[0][0] == "open"
