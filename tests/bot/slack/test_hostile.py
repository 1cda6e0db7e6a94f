"""Slack as a hostile or careless other side behaves: odd headers, replays, other workspaces and apps, huge
messages, clicks on someone else's buttons.

Every scenario runs through slack-bolt's ``App.dispatch`` and over real HTTP to ``carbonbot slack`` (the
``slack`` fixture), against a fake Slack Web API on 127.0.0.1.
"""

from __future__ import annotations

import json
import logging
import threading
import time

import pytest

from bot import messages
from tests.bot.slack.checks import DESK, audit_rows, button_value, settle, shown, thumb
from tests.bot.slack.conftest import STAFF_CHANNEL, on_both_backends
from tests.bot.slack.signed import FORM, JSON, HttpHarness, event_body, message_ts, signed_headers, uid

pytestmark = pytest.mark.slow

LIMIT = 1000  # the default max_question_chars


def dm_event(user: str, dm: str, text: str) -> dict:
    return {"type": "message", "channel_type": "im", "user": user, "channel": dm, "ts": message_ts(), "text": text}


# -- headers --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("stamp", ["not-a-number", "", "17 00", "1e9", "-1", "１７００００００００", "9" * 40, "0x10"])
def test_a_timestamp_no_slack_client_sends_is_401_not_500(slack, people, stamp):
    guest, dm = people.guest()["slack_user_id"], uid("D")
    body = event_body(dm_event(guest, dm, "what does §7.4 say?"))
    headers = signed_headers(body, JSON) | {"X-Slack-Request-Timestamp": stamp}
    if slack.name == "http":  # on the wire a header is bytes: fullwidth digits arrive as UTF-8
        headers = {k: v.encode("utf-8") for k, v in headers.items()}
    assert slack.send(body, headers) == 401


def test_missing_odd_and_oversized_signatures_are_401(slack, people):
    guest, dm = people.guest()["slack_user_id"], uid("D")
    body = event_body(dm_event(guest, dm, "what does §7.4 say?"))
    good = signed_headers(body, JSON)
    assert slack.send(body, {k: v for k, v in good.items() if k != "X-Slack-Signature"}) == 401
    assert slack.send(body, good | {"X-Slack-Signature": good["X-Slack-Signature"] + "0" * 5000}) == 401
    odd = good | {"X-Slack-Signature": "v0=é" + "a" * 63}
    assert slack.send(body, {k: v.encode("latin-1") for k, v in odd.items()} if slack.name == "http" else odd) == 401
    assert slack.send(body, good | {"X-Slack-Signature": good["X-Slack-Signature"].upper()}) == 401
    settle(slack, people)
    assert slack.fake.to_channel(dm) == []


def test_a_rejected_request_is_logged_as_one_short_line(slack, people, caplog):
    body = json.dumps({"type": "event_callback", "event_id": uid("Ev"), "padding": "x" * 1_000_000})
    with caplog.at_level(logging.INFO):
        assert slack.post(body, JSON, secret="not-the-signing-secret") == 401
    if slack.name == "http":
        time.sleep(0.3)
        lines = [line for line in slack.log.read_text().splitlines() if "rejected Slack request" in line]
    else:
        lines = [r.getMessage() for r in caplog.records if "rejected Slack request" in r.getMessage()]
    assert lines and all(len(line) < 400 for line in lines), lines[-1][:400]
    assert "xxxxxxxxxx" not in "".join(lines)


# -- replays ----------------------------------------------------------------------------------------------------
@on_both_backends
def test_a_replayed_slash_command_is_answered_once(slack, people):
    guest, channel = people.guest()["slack_user_id"], uid("C")
    body = slack.command_body(guest, channel, "what does §7.4 say?", "replay-" + channel)
    headers = signed_headers(body, FORM)
    assert slack.send(body, headers) == 200
    assert slack.send(body, headers) == 200  # byte for byte the same, within the 5 minutes a signature is valid
    slack.fake.wait_for("response_url", _path=f"/response/replay-{channel}")
    settle(slack, people)
    assert len(slack.fake.of("response_url", _path=f"/response/replay-{channel}")) == 1
    assert len(audit_rows(slack, slack_channel=channel)) == 1

    # the same question asked again (a new request: its own timestamp) is a new question, and answered
    time.sleep(1.1)
    assert slack.command(guest, channel, "what does §7.4 say?", "again-" + channel) == 200
    slack.fake.wait_for("response_url", _path=f"/response/again-{channel}")


def test_a_replay_with_whitespace_around_the_timestamp_is_not_a_new_request(slack, people):
    guest, channel = people.guest()["slack_user_id"], uid("C")
    body = slack.command_body(guest, channel, "what does §7.4 say?", "ws-" + channel)
    headers = signed_headers(body, FORM)
    assert slack.send(body, headers) == 200
    send = slack.wire if slack.name == "http" else slack.send  # an HTTP library will not send such a header
    for padded in (headers["X-Slack-Request-Timestamp"] + " ", headers["X-Slack-Request-Timestamp"] + "\t"):
        assert send(body, headers | {"X-Slack-Request-Timestamp": padded}) == 401, repr(padded)
    # HTTP itself drops whitespace before a value: on the wire that copy is the very same request, a replay
    assert send(body, headers | {"X-Slack-Request-Timestamp": " " + headers["X-Slack-Request-Timestamp"]}) in (200, 401)
    slack.fake.wait_for("response_url", _path=f"/response/ws-{channel}")
    settle(slack, people)
    assert len(slack.fake.of("response_url", _path=f"/response/ws-{channel}")) == 1


@pytest.mark.server
def test_bodies_that_parse_but_are_not_objects_are_400_on_the_wire(http_bot, fake_slack):
    """Only bytes on the wire can be other than an object (bolt's dispatch takes a parsed request): HTTP only."""
    url, audit, log = http_bot
    slack = HttpHarness(url, fake_slack, audit, log)
    for body, content_type in (("[]", JSON), ("1", JSON), ("null", JSON), ('"text"', JSON), ("payload=1", FORM),
                               ("payload=%5B%5D", FORM)):
        assert 400 <= slack.send(body, signed_headers(body, content_type)) < 500, body
    assert 400 <= slack.send("[]", {"Content-Type": JSON}) < 500  # unsigned too: never a 500


@on_both_backends
def test_a_replayed_click_counts_once(slack, people):
    guest, dm = people.guest()["slack_user_id"], uid("D")
    slack.message(guest, dm, "what does §7.4 say?")
    value = thumb(slack.fake.wait_for("chat.postMessage", channel=dm)[0])
    answer_id = value.rpartition(".")[2]
    from urllib.parse import urlencode

    payload = {"type": "block_actions", "user": {"id": guest, "team_id": "T0FAKE"}, "team": {"id": "T0FAKE"},
               "api_app_id": "A0CARBON", "channel": {"id": dm},
               "actions": [{"action_id": "answer_feedback", "type": "feedback_buttons", "value": value,
                            "action_ts": str(time.time())}]}
    body = urlencode({"payload": json.dumps(payload)})
    headers = signed_headers(body, FORM)
    assert slack.send(body, headers) == 200 and slack.send(body, headers) == 200
    settle(slack, people)
    assert slack.audit.query("SELECT COUNT(*) FROM feedback WHERE answer_id = ?", (int(answer_id),))[0][0] == 1


# -- other workspaces and apps -------------------------------------------------------------------------------
def test_requests_for_another_workspace_or_app_are_refused(slack, people):
    guest, dm, channel = people.guest()["slack_user_id"], uid("D"), uid("C")
    event = dm_event(guest, dm, "what does §7.4 say?")
    other_team = json.loads(event_body(event))
    other_team["team_id"] = "T0OTHER"
    other_team["authorizations"][0]["team_id"] = "T0OTHER"
    assert slack.post(json.dumps(other_team), JSON) == 403
    other_app = json.loads(event_body(dict(event, ts=message_ts())))
    other_app["api_app_id"] = "A0SOMEONEELSE"
    assert slack.post(json.dumps(other_app), JSON) == 403
    assert slack.post(slack.command_body(guest, channel, "what does §7.4 say?", "t-" + channel, team_id="T0OTHER"),
                      FORM) == 403
    assert slack.post(slack.command_body(guest, channel, "what does §7.4 say?", "a-" + channel,
                                         api_app_id="A0SOMEONEELSE"), FORM) == 403
    settle(slack, people)
    assert slack.fake.to_channel(dm) == [] and slack.fake.of("response_url", _path=f"/response/t-{channel}") == []
    assert audit_rows(slack, slack_channel=dm) == [] and audit_rows(slack, slack_channel=channel) == []
    # our own workspace and app still get answers
    slack.message(guest, dm, "what does §7.4 say?")
    slack.fake.wait_for("chat.postMessage", channel=dm)


def test_another_workspace_is_served_when_configured(slack_settings, slack_assistant, fake_slack, people, monkeypatch):
    from bot.slack.app import build_app
    from tests.bot.slack.signed import SECRET, DispatchHarness

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    app = build_app(slack_settings.model_copy(update={"slack_team_ids": "T0GRIDTWO, T0GRIDTHREE"}), slack_assistant)
    slack = DispatchHarness(app, fake_slack, slack_assistant.audit)
    guest, dm = people.guest()["slack_user_id"], uid("D")
    body = json.loads(event_body(dm_event(guest, dm, "what does §7.4 say?")))
    body["team_id"] = body["authorizations"][0]["team_id"] = "T0GRIDTWO"  # installed in the org's other workspace
    assert slack.post(json.dumps(body), JSON) == 200
    fake_slack.wait_for("chat.postMessage", channel=dm)
    body = json.loads(event_body(dm_event(guest, dm, "what does §7.5 say?")))
    body["team_id"] = body["authorizations"][0]["team_id"] = "T0ELSEWHERE"
    assert slack.post(json.dumps(body), JSON) == 403
    # a Slack Connect user's event in a channel shared with our workspace: installed here, so served
    body = json.loads(event_body(dm_event(guest, dm, "what does §7.6 say?")))
    body["team_id"] = "T0PARTNERORG"
    assert slack.post(json.dumps(body), JSON) == 200


# -- huge messages -----------------------------------------------------------------------------------------------
HUGE = {
    "aggregate": "which firms " * 3333,
    "unclosed mentions": "<@U1|" * 8000,
    "one Korean word": "가" * 40_000,
    "Korean amounts": "8억 " * 13_000,
}


def test_a_40000_character_message_gets_a_polite_reply_and_never_stalls_other_acks(slack, people):
    senders = {name: people.guest()["slack_user_id"] for name in HUGE}  # each under the per-user rate limit
    dms = {name: uid("D") for name in HUGE}
    for name, text in HUGE.items():
        assert len(text) >= 39_000
        slack.message(senders[name], dms[name], text)
    # While those are handled, Slack's other requests are still acknowledged at once.
    acks = []
    other, other_dm = people.guest()["slack_user_id"], uid("D")
    for i in range(6):
        started = time.monotonic()
        challenge = json.dumps({"type": "url_verification", "challenge": f"c-{i}", "token": "x"})
        assert slack.post(challenge, JSON) == 200
        acks.append(time.monotonic() - started)
        started = time.monotonic()
        slack.message(other, other_dm, f"what does §7.{i + 1} say?") if i < 2 else None
        acks.append(time.monotonic() - started)
        time.sleep(0.2)
    assert max(acks) < 0.5, acks
    for name, dm in dms.items():
        reply = slack.fake.wait_for("chat.postMessage", channel=dm)[0]
        assert reply["text"] == messages.TOO_LONG.format(length=len(HUGE[name].strip()), limit=LIMIT), name
    assert len(slack.fake.wait_for("chat.postMessage", count=2, channel=other_dm)) == 2
    for sender in senders.values():
        assert audit_rows(slack, slack_user=sender) == []  # nothing of it was read as a question


def test_a_huge_message_in_korean_is_answered_in_korean(slack, people):
    guest, dm = people.guest(locale=None)["slack_user_id"], uid("D")
    slack.message(guest, dm, "상환 일정 " * 400)
    reply = slack.fake.wait_for("chat.postMessage", channel=dm)[0]
    assert reply["text"] == messages.say("TOO_LONG", "ko", length=len(("상환 일정 " * 400).strip()), limit=LIMIT)


def test_a_long_question_just_under_the_limit_is_answered(slack, people):
    guest, dm = people.guest()["slack_user_id"], uid("D")
    question = ("Our finance team is preparing the board pack and needs this spelled out. " * 12)[:LIMIT - 40]
    question += " What is the support cap for tier-2?"
    assert len(question) <= LIMIT
    slack.message(guest, dm, question)
    reply = slack.fake.wait_for("chat.postMessage", channel=dm)[0]
    assert "KRW 150 million" in reply["text"], reply["text"][:300]  # the tier-2 cap, asked at the end of a long message
    assert [r["status"] for r in audit_rows(slack, slack_channel=dm)] in (["answered"], ["needs_human"])


# -- buttons --------------------------------------------------------------------------------------------------
@on_both_backends
def test_a_nul_character_in_a_question_is_answered_and_logged_not_an_error(slack, people):
    """PostgreSQL's text cannot hold NUL, SQLite's can: either way the question is answered and logged."""
    guest, dm = people.guest()["slack_user_id"], uid("D")
    slack.message(guest, dm, "what does §7.4\x00 say?")
    reply = slack.fake.wait_for("chat.postMessage", channel=dm)[0]
    assert "7.4" in reply["text"] and "went wrong" not in reply["text"]
    assert [r["question"].replace("\x00", "") for r in audit_rows(slack, slack_channel=dm)] == ["what does §7.4 say?"]


@on_both_backends
def test_a_button_naming_an_id_no_database_holds_is_told_so(slack, people):
    """Past PostgreSQL's integer ids (2**31 - 1) or SQLite's (2**63 - 1): an answer that is gone, not an error."""
    guest, staff, channel = people.guest()["slack_user_id"], people.staff()["slack_user_id"], uid("C")
    for n, (action, value) in enumerate([("feedback_not_helpful", "5000000000"), ("escalate", str(2**63 - 1)),
                                         ("answer_feedback", "helpful.5000000000"), ("escalate", "9" * 30)]):
        slack.click(guest, action, value, channel, response_name=f"gone{n}-{channel}")
        told = slack.fake.wait_for("response_url", _path=f"/response/gone{n}-{channel}")[0]
        assert told["text"] == messages.SLACK_ANSWER_GONE.format(desk=DESK), value
    slack.click(staff, "resolve_escalation", "5000000000", STAFF_CHANNEL, response_name="res-" + channel)
    assert slack.fake.wait_for("response_url", _path=f"/response/res-{channel}")[0]["text"] == messages.SLACK_ALREADY_RESOLVED


@on_both_backends
def test_only_the_asker_or_staff_can_pass_an_answer_to_the_desk(slack, people):
    asker, bystander, staff = people.guest()["slack_user_id"], people.guest()["slack_user_id"], people.staff()
    channel = uid("C")
    root = slack.mention(asker, channel, "what is the support cap for tier-2 partners?")
    public = slack.fake.wait_for("chat.postMessage", channel=channel, thread_ts=root)[0]
    answer_id = button_value(public, "escalate")

    slack.click(bystander, "escalate", answer_id, channel, response_name="by-" + channel)
    told = slack.fake.wait_for("response_url", _path=f"/response/by-{channel}")[0]
    assert told["text"] == messages.SLACK_NOT_YOUR_ANSWER
    assert slack.audit.query("SELECT COUNT(*) FROM escalations WHERE answer_id = ?", (int(answer_id),))[0][0] == 0

    slack.click(staff["slack_user_id"], "escalate", answer_id, channel, response_name="st-" + channel)
    assert slack.fake.wait_for("response_url", _path=f"/response/st-{channel}")[0]["text"] == messages.SLACK_ESCALATED
    # the asker is the asker (a fresh guest, so theirs is the one post; "#1" alone may be another database's)
    post = slack.fake.wait_for("chat.postMessage", channel=STAFF_CHANNEL, where=lambda p: f"<@{asker}>" in shown(p))[0]
    assert post["text"].startswith(f"Escalated question #{answer_id}:")
    assert messages.SLACK_ESCALATED_BY.format(user=f"<@{staff['slack_user_id']}>") in shown(post)
    assert f"<@{bystander}>" not in shown(post)


def test_a_forged_resolve_click_from_a_partner_does_nothing(slack, people):
    partner, channel = people.partner(), uid("C")
    user = partner["slack_user_id"]
    root = slack.mention(user, channel, "what does §7.4 say?")
    answer_id = button_value(slack.fake.wait_for("chat.postMessage", channel=channel, thread_ts=root)[0], "escalate")
    slack.click(user, "escalate", answer_id, channel, response_name="esc-" + channel)
    slack.fake.wait_for("response_url", _path=f"/response/esc-{channel}")
    escalation = slack.audit.query("SELECT id FROM escalations WHERE answer_id = ?", (int(answer_id),))[0][0]
    slack.click(user, "resolve_escalation", str(escalation), STAFF_CHANNEL, response_name="res-" + channel)
    told = slack.fake.wait_for("response_url", _path=f"/response/res-{channel}")[0]
    assert told["text"] == messages.SLACK_STAFF_ONLY
    assert slack.audit.query("SELECT status FROM escalations WHERE id = ?", (escalation,))[0][0] == "open"


def test_a_public_command_answer_can_be_shared_by_its_asker_and_a_private_one_never(slack, people):
    guest, partner, bystander, channel = (people.guest()["slack_user_id"], people.partner("rep_on_schedule"),
                                          people.guest()["slack_user_id"], uid("C"))
    slack.command(guest, channel, "what is the support cap for tier-2 partners?", "pub-" + channel)
    reply = slack.fake.wait_for("response_url", _path=f"/response/pub-{channel}")[0]
    assert reply["response_type"] == "ephemeral"
    answer_id = button_value(reply, "share_answer")

    slack.click(bystander, "share_answer", answer_id, channel, response_name="by-" + channel, ephemeral=True)
    assert slack.fake.wait_for("response_url", _path=f"/response/by-{channel}")[0]["text"] == \
        messages.SLACK_NOT_YOUR_SHARE

    slack.click(guest, "share_answer", answer_id, channel, response_name="share-" + channel, ephemeral=True)
    posted = slack.fake.wait_for("response_url", _path=f"/response/share-{channel}", count=2)
    shared = next(p for p in posted if p.get("response_type") == "in_channel")
    assert shared["text"] == reply["text"] and f"<@{guest}>" in shown(shared)
    assert not any(b["type"] == "actions" for b in shared["blocks"])  # no buttons for the whole channel
    assert any(p.get("text") == messages.SLACK_SHARED for p in posted)
    assert slack.fake.of("chat.postMessage", channel=channel) == []
    slack.click(guest, "share_answer", answer_id, channel, response_name="twice-" + channel, ephemeral=True)
    assert slack.fake.wait_for("response_url", _path=f"/response/twice-{channel}")[0]["text"] == \
        messages.SLACK_ALREADY_SHARED

    user = partner["slack_user_id"]
    slack.command(user, channel, "how much do we still owe?", "priv-" + channel)
    private = slack.fake.wait_for("response_url", _path=f"/response/priv-{channel}")[0]
    assert not any(e["action_id"] == "share_answer" for b in private["blocks"] if b["type"] == "actions"
                   for e in b["elements"])
    mine = audit_rows(slack, slack_channel=channel, slack_user=user)[0]
    slack.click(user, "share_answer", str(mine["id"]), channel, response_name="forged-" + channel, ephemeral=True)
    slack.fake.wait_for("response_url", _path=f"/response/forged-{channel}")
    settle(slack, people)
    forged = slack.fake.of("response_url", _path=f"/response/forged-{channel}")
    assert [p["text"] for p in forged] == [messages.SLACK_SHARE_PRIVATE]


# -- progress -----------------------------------------------------------------------------------------------
def test_the_progress_reaction_goes_once_the_answer_is_there(slack, people):
    guest, channel = people.guest()["slack_user_id"], uid("C")
    root = slack.mention(guest, channel, "what does §7.4 say?")
    slack.fake.wait_for("chat.postMessage", channel=channel, thread_ts=root)
    removed = slack.fake.wait_for("reactions.remove", channel=channel, timestamp=root)[0]
    assert removed["name"] == "eyes"
    calls = [m for m, p in slack.fake.calls if p.get("channel") == channel]
    assert calls.index("reactions.add") < calls.index("chat.postMessage") < calls.index("reactions.remove")


def test_the_progress_reaction_goes_after_an_apology_too(bolt_app, fake_slack, people, slack_assistant, monkeypatch):
    from tests.bot.slack.signed import DispatchHarness

    monkeypatch.setattr(slack_assistant, "answer", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    slack = DispatchHarness(bolt_app, fake_slack, slack_assistant.audit)
    guest, channel = people.guest()["slack_user_id"], uid("C")
    root = slack.mention(guest, channel, "what does §7.4 say?")
    apology = fake_slack.wait_for("chat.postEphemeral", channel=channel, user=guest)[0]
    assert apology["text"] == messages.INTERNAL_ERROR.format(desk=DESK)
    fake_slack.wait_for("reactions.remove", channel=channel, timestamp=root)


def test_concurrent_huge_messages_leave_the_bot_answering(slack, people):
    """Many huge messages at once from many users: all get the polite reply, and a normal question after them
    is answered as usual."""
    senders = [(people.guest()["slack_user_id"], uid("D")) for _ in range(5)]
    threads = [threading.Thread(target=slack.message, args=(user, dm, "<@U1|" * 8000)) for user, dm in senders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for _, dm in senders:
        assert slack.fake.wait_for("chat.postMessage", channel=dm)[0]["text"].startswith("Your message is 40,000")
    settle(slack, people)
