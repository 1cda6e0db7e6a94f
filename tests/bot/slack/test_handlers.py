"""Questions end to end: mentions, threads, DMs, /carbon, privacy, and Slack's rules.

Every scenario runs twice (the ``slack`` fixture): signed requests through
slack-bolt's ``App.dispatch``, and over real HTTP to ``carbonbot slack --port N``
(marker ``server``). The real assistant answers from the real sample knowledge;
a fake Slack Web API on 127.0.0.1 records what the bot posts. Lazy listeners
answer in threads, so tests wait for the calls they expect with a bounded poll,
and a test that expects *nothing* first lets the bot go quiet (``settle``).
"""

from __future__ import annotations

import json
import logging
import time

import pytest

from bot import messages
from tests.bot.slack.checks import DESK, assert_never_public, audit_rows, button_value, krw, settle, shown, thumb
from tests.bot.slack.conftest import CASES, PUBLIC_URL, RATE_LIMIT, on_both_backends
from tests.bot.slack.fake_slack import BOT_USER
from tests.bot.slack.signed import FORM, JSON, DispatchHarness, event_body, message_ts, uid

pytestmark = pytest.mark.slow


# -- questions ---------------------------------------------------------------------------------------------
def test_mention_is_answered_in_its_thread_with_linked_sources_and_buttons(slack, people):
    guest, channel = people.guest()["slack_user_id"], uid("C")
    ts = slack.mention(guest, channel, "what does §7.4 say?")
    posted = slack.fake.wait_for("chat.postMessage", channel=channel, thread_ts=ts)[0]
    assert slack.fake.wait_for("reactions.add", channel=channel, timestamp=ts)[0]["name"] == "eyes"
    row = audit_rows(slack, slack_channel=channel)[0]
    assert (row["via"], row["slack_user"], row["slack_thread"], row["status"], row["private"]) == (
        "slack", guest, ts, "answered", 0)
    assert row["citations"] != "[]" and row["latency_ms"] > 0
    assert row["answer"].splitlines()[0].replace("&", "&amp;") in posted["text"]
    context = [b for b in posted["blocks"] if b["type"] == "context"]
    assert "*Sources*" in json.dumps(context, ensure_ascii=False)
    assert f"<{PUBLIC_URL}/sources/program/rules#%C2%A77.4|Program Rules — §7.4>" in json.dumps(context, ensure_ascii=False)
    assert thumb(posted) == f"helpful.{row['id']}" and button_value(posted, "escalate") == str(row["id"])
    assert all(len(b["text"]["text"]) <= 3000 for b in posted["blocks"] if b["type"] == "section")


def test_every_direct_message_is_answered(slack, people):
    partner, dm = people.partner("rep_on_schedule"), uid("D")
    expected = CASES["expected"][partner["partner_id"]]
    slack.message(partner["slack_user_id"], dm, "when is our next installment due?")
    first = slack.fake.wait_for("chat.postMessage", channel=dm)[0]
    assert expected["next_due_on"] in first["text"] and krw(expected["next_due_krw"]) in first["text"]
    slack.message(partner["slack_user_id"], dm, "how much do we still owe?")
    second = slack.fake.wait_for("chat.postMessage", count=2, channel=dm)[1]
    assert krw(expected["outstanding_krw"]) in second["text"]
    assert "thread_ts" not in first  # a top-level DM is answered at the top level


@on_both_backends
def test_thread_follow_up_needs_no_mention_and_other_messages_are_ignored(slack, people):
    guest, channel = people.guest()["slack_user_id"], uid("C")
    root = slack.mention(guest, channel, "how long is the grace period before repayment starts?")
    slack.fake.wait_for("chat.postMessage", channel=channel, thread_ts=root)
    slack.message(guest, channel, "and how many installments follow after it?", thread_ts=root)
    follow_up = slack.fake.wait_for("chat.postMessage", count=2, channel=channel, thread_ts=root)[1]
    assert audit_rows(slack, slack_channel=channel)[1]["question"] == "and how many installments follow after it?"
    assert "Sources" in shown(follow_up)

    slack.message(guest, channel, "lunch anyone?")  # top-level chatter
    slack.message(guest, channel, "not about the bot", thread_ts=message_ts())  # someone else's thread
    slack.message(guest, channel, f"<@{BOT_USER}> answered by app_mention", thread_ts=root)
    slack.message(BOT_USER, channel, "the bot's own message", thread_ts=root)
    slack.message(guest, channel, "a bot integration", thread_ts=root, bot_id="BOTHER0001")
    slack.message(guest, channel, "an edit", thread_ts=root, subtype="message_changed")
    slack.message(guest, channel, "joined", subtype="channel_join")
    settle(slack, people)
    assert [m for m, _ in slack.fake.to_channel(channel)].count("chat.postMessage") == 2
    assert len(audit_rows(slack, slack_channel=channel)) == 2


@on_both_backends
def test_mention_inside_our_thread_is_answered_once(slack, people):
    """Slack sends both app_mention and message for it; only app_mention answers."""
    guest, channel = people.guest()["slack_user_id"], uid("C")
    root = slack.mention(guest, channel, "what does §7.2 say?")
    slack.fake.wait_for("chat.postMessage", channel=channel, thread_ts=root)
    ts, text = message_ts(), f"<@{BOT_USER}> and what does §7.3 say?"
    slack.event({"type": "app_mention", "user": guest, "channel": channel, "ts": ts, "thread_ts": root, "text": text})
    slack.event({"type": "message", "channel_type": "channel", "user": guest, "channel": channel, "ts": ts,
                 "thread_ts": root, "text": text})
    slack.fake.wait_for("chat.postMessage", count=2, channel=channel, thread_ts=root)
    settle(slack, people)
    assert len(slack.fake.of("chat.postMessage", channel=channel)) == 2


def test_slash_command_answers_only_the_caller_and_help_shows_what_it_can_do(slack, people):
    guest, partner, channel = people.guest()["slack_user_id"], people.partner("rep_on_schedule"), uid("C")
    assert slack.command(guest, channel, "help", "help-" + channel) == 200
    help_reply = slack.fake.wait_for("response_url", _path=f"/response/help-{channel}")[0]
    assert help_reply["response_type"] == "ephemeral" and help_reply["text"] == messages.HELP
    slack.command(guest, channel, "", "empty-" + channel)
    assert slack.fake.wait_for("response_url", _path=f"/response/empty-{channel}")[0]["text"] == messages.HELP

    slack.command(partner["slack_user_id"], channel, "how much do we still owe?", "owe-" + channel)
    reply = slack.fake.wait_for("response_url", _path=f"/response/owe-{channel}")[0]
    outstanding = krw(CASES["expected"][partner["partner_id"]]["outstanding_krw"])
    assert reply["response_type"] == "ephemeral" and outstanding in reply["text"]
    assert any(e.get("action_id") == "escalate" for b in reply["blocks"] if b["type"] == "actions" for e in b["elements"])
    assert slack.fake.of("chat.postMessage", channel=channel) == []
    assert audit_rows(slack, slack_channel=channel)[0]["private"] == 1


# -- privacy -------------------------------------------------------------------------------------------------
@on_both_backends
def test_private_answer_in_a_channel_goes_only_to_the_asker(slack, people):
    partner, channel = people.partner("rep_on_schedule"), uid("C")
    user, firm = partner["slack_user_id"], partner["partner_id"]
    expected = CASES["expected"][firm]
    root = slack.mention(user, channel, "how much do we still owe?")
    private = slack.fake.wait_for("chat.postEphemeral", channel=channel, user=user, thread_ts=root)[0]
    assert krw(expected["outstanding_krw"]) in private["text"]
    notice = slack.fake.wait_for("chat.postMessage", channel=channel, thread_ts=root)[0]
    assert notice["text"] == messages.SLACK_SENT_PRIVATELY and "blocks" not in notice

    slack.message(user, channel, "and when is the next installment due?", thread_ts=root)
    second = slack.fake.wait_for("chat.postEphemeral", count=2, channel=channel, user=user)[1]
    assert expected["next_due_on"] in second["text"]
    slack.fake.wait_for("chat.postMessage", count=2, channel=channel, thread_ts=root)
    assert [r["private"] for r in audit_rows(slack, slack_channel=channel)] == [1, 1]
    assert_never_public(slack.fake, krw(expected["outstanding_krw"]), krw(expected["next_due_krw"]), firm)


def test_private_answer_goes_by_dm_when_an_ephemeral_message_is_refused(slack, people):
    partner, channel = people.partner("rep_on_schedule"), uid("C")
    user, expected = partner["slack_user_id"], CASES["expected"][partner["partner_id"]]
    slack.fake.fail("chat.postEphemeral", "user_not_in_channel", channel=channel)
    slack.mention(user, channel, "how much do we still owe?")
    slack.fake.wait_for("conversations.open", users=user)
    dm = slack.fake.wait_for("chat.postMessage", channel="D" + user[1:])[0]
    assert krw(expected["outstanding_krw"]) in dm["text"]
    assert_never_public(slack.fake, krw(expected["outstanding_krw"]), partner["partner_id"])


def test_question_about_another_firm_is_refused_without_its_data(slack, people):
    partner, dm = people.partner("rep_on_schedule"), uid("D")
    other = next(f for f in CASES["cases"]["rep_default"] if f != partner["partner_id"])
    slack.message(partner["slack_user_id"], dm, f"what is the outstanding balance of {other}?")
    posted = slack.fake.wait_for("chat.postMessage", channel=dm)[0]
    assert messages.REFUSED_OTHER_FIRM.split(":")[0] in posted["text"] and "carbon-desk@kap.example" in posted["text"]
    assert krw(CASES["expected"][other]["outstanding_krw"]) not in shown(posted) and other not in shown(posted)
    assert audit_rows(slack, slack_channel=dm)[0]["status"] == "refused"


def test_unanswerable_questions_say_why_and_where_a_person_helps(slack, people):
    guest, dm = people.guest()["slack_user_id"], uid("D")
    slack.message(guest, dm, "what will the KOSPI index close at tomorrow?")
    slack.message(guest, dm, "how much do we still owe?")
    replies = slack.fake.wait_for("chat.postMessage", count=2, channel=dm)
    assert all("carbon-desk@kap.example" in r["text"] for r in replies)
    statuses = {r["question"]: r["status"] for r in audit_rows(slack, slack_channel=dm)}
    assert statuses["what will the KOSPI index close at tomorrow?"] == "not_found"
    assert statuses["how much do we still owe?"] == "needs_human"


# -- Slack's rules -------------------------------------------------------------------------------------------
@on_both_backends
def test_a_retried_event_is_answered_once(slack, people):
    guest, dm = people.guest()["slack_user_id"], uid("D")
    event = {"type": "message", "channel_type": "im", "user": guest, "channel": dm, "ts": message_ts(),
             "text": "what is the support cap for tier-2 partners?"}
    event_id = uid("Ev")
    assert slack.event(event, event_id=event_id) == 200
    assert slack.event(event, event_id=event_id, retry_num=1) == 200
    assert slack.event(event, event_id=event_id, retry_num=2) == 200
    slack.fake.wait_for("chat.postMessage", channel=dm)
    settle(slack, people)
    assert len(slack.fake.of("chat.postMessage", channel=dm)) == 1
    assert len(audit_rows(slack, slack_channel=dm)) == 1


@on_both_backends
def test_per_user_rate_limit_is_polite_and_names_the_desk(slack, people):
    guest, other, dm = people.guest()["slack_user_id"], people.guest()["slack_user_id"], uid("D")
    for i in range(RATE_LIMIT + 1):
        slack.message(guest, dm, f"what does §7.{i + 1} say?")
    replies = slack.fake.wait_for("chat.postMessage", count=RATE_LIMIT + 1, channel=dm)
    limited = [r for r in replies if r["text"] == messages.SLACK_RATE_LIMITED.format(desk=DESK)]
    assert len(limited) == 1 and len(audit_rows(slack, slack_channel=dm)) == RATE_LIMIT
    other_dm = uid("D")
    slack.message(other, other_dm, "what does §7.1 say?")  # the limit is per user
    assert slack.fake.wait_for("chat.postMessage", channel=other_dm)[0]["text"] != limited[0]["text"]


def test_slack_429_is_retried_after_retry_after(slack, people):
    guest, dm = people.guest()["slack_user_id"], uid("D")
    slack.fake.fail("chat.postMessage", "ratelimited", status=429, headers={"Retry-After": "1"}, channel=dm)
    slack.message(guest, dm, "what does §7.4 say?")
    attempts = slack.fake.wait_for("chat.postMessage", count=2, channel=dm)
    assert attempts[0]["text"] == attempts[1]["text"]
    settle(slack, people)
    assert len(slack.fake.of("chat.postMessage", channel=dm)) == 2


def test_bad_signature_and_stale_timestamp_are_rejected(slack, people):
    guest, dm = people.guest()["slack_user_id"], uid("D")
    body = event_body({"type": "message", "channel_type": "im", "user": guest, "channel": dm, "ts": message_ts(),
                       "text": "what does §7.4 say?"})
    assert slack.post(body, JSON, secret="not-the-signing-secret") == 401
    assert slack.post(body, JSON, stamp=int(time.time()) - 10 * 60) == 401
    settle(slack, people)
    assert slack.fake.to_channel(dm) == []


def test_malformed_and_unknown_payloads_do_not_crash_the_bot(slack, people):
    odd = [
        (json.dumps({"type": "event_callback", "event_id": uid("Ev"), "event": {"type": "reaction_added"}}), JSON),
        (json.dumps({"type": "event_callback", "event_id": uid("Ev")}), JSON),
        (event_body({"type": "app_mention", "text": "no user, no channel"}), JSON),
        (event_body({"type": "message", "channel_type": "im", "text": "no user"}), JSON),
        (json.dumps({"type": "something_new", "data": [1, 2]}), JSON),
        ("payload=%7B%7D", FORM),
        ("command=%2Funknown&text=x&user_id=U1&channel_id=C1", FORM),
        ("command=%2Fcarbon&text=hello", FORM),  # no user, no channel
        ("payload=" + json.dumps({"type": "block_actions", "user": {"id": "U1"},
                                  "actions": [{"action_id": "feedback_helpful", "value": "not-a-number"}]}), FORM),
        ("payload=" + json.dumps({"type": "block_actions", "user": {"id": "U1"},
                                  "actions": [{"action_id": "something_else", "value": "1"}]}), FORM),
    ]
    for body, content_type in odd:
        assert slack.post(body, content_type) < 500, body
    if slack.name == "http":  # unparseable bodies only exist on the wire
        for body, content_type in [("{not json", JSON), ("payload=%7Bbroken", FORM), ("", JSON)]:
            assert 400 <= slack.post(body, content_type) < 500
    challenge = json.dumps({"type": "url_verification", "challenge": "c-123", "token": "x"})
    assert slack.post(challenge, JSON) == 200
    assert slack.audit.query("SELECT COUNT(*) FROM feedback WHERE slack_user = 'U1'")[0][0] == 0
    settle(slack, people)  # still answering


def test_an_internal_error_is_logged_with_its_traceback_and_the_user_gets_an_apology(bolt_app, fake_slack, people,
                                                                                      slack_assistant, monkeypatch,
                                                                                      caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("index exploded")

    monkeypatch.setattr(slack_assistant, "answer", broken)
    slack = DispatchHarness(bolt_app, fake_slack, slack_assistant.audit)
    guest, dm, channel = people.guest()["slack_user_id"], uid("D"), uid("C")
    with caplog.at_level(logging.ERROR):
        slack.message(guest, dm, "what does §7.4 say?")
        apology = fake_slack.wait_for("chat.postMessage", channel=dm)[0]
        slack.mention(guest, channel, "what does §7.4 say?")
        in_channel = fake_slack.wait_for("chat.postEphemeral", channel=channel, user=guest)[0]
    assert apology["text"] == in_channel["text"] == messages.INTERNAL_ERROR.format(desk=DESK)
    failures = [r for r in caplog.records if r.exc_info and "index exploded" in str(r.exc_info[1])]
    assert failures and failures[0].name == "bot.slack.guard"
    assert "xoxb-test-token" not in caplog.text


def test_requests_are_acknowledged_at_once_and_answered_afterwards(bolt_app, fake_slack, people, slack_assistant,
                                                                   monkeypatch):
    real = slack_assistant.answer

    def slow(*args, **kwargs):
        time.sleep(3.5)  # longer than Slack waits for an acknowledgement
        return real(*args, **kwargs)

    monkeypatch.setattr(slack_assistant, "answer", slow)
    slack = DispatchHarness(bolt_app, fake_slack, slack_assistant.audit)
    guest, channel = people.guest()["slack_user_id"], uid("C")
    started = time.monotonic()
    root = slack.mention(guest, channel, "what does §7.4 say?")
    assert time.monotonic() - started < 1.0
    assert fake_slack.wait_for("reactions.add", channel=channel, timestamp=root)  # progress shows before the answer
    assert fake_slack.of("chat.postMessage", channel=channel) == []
    fake_slack.wait_for("chat.postMessage", channel=channel, thread_ts=root)
    assert time.monotonic() - started >= 3.5
