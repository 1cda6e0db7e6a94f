"""The Slack bot through slack-bolt's real dispatch of signed requests, against a fake Slack Web API."""

from __future__ import annotations

import csv
import json
import os
import shutil
import time
from pathlib import Path
from unittest import mock
from urllib.parse import urlencode

import pytest
from slack_bolt.request import BoltRequest
from slack_sdk.signature import SignatureVerifier

from bot import messages
from tests.bot.slack.fake_slack import FakeSlack
from tests.conftest import AS_OF, KNOWLEDGE, make_settings

pytestmark = pytest.mark.slow
SECRET = "test-signing-secret"
CASES = json.loads((KNOWLEDGE.parent / "tests" / "data" / "partner_cases.json").read_text())
USERS = list(csv.DictReader(l for l in (KNOWLEDGE / "partners" / "users.csv").open() if not l.startswith("#")))
PARTNER_FIRM = CASES["cases"]["rep_on_schedule"][0]
OTHER_FIRM = CASES["cases"]["rep_default"][0]
PARTNER = next(u for u in USERS if u["partner_id"] == PARTNER_FIRM)
STAFF = next(u for u in USERS if u["role"] == "staff")
GUEST = {"slack_user_id": "UGUEST00001", "email": "visitor@elsewhere.example", "display_name": "Visitor"}


def slack_users() -> dict[str, dict[str, str]]:
    return {u["slack_user_id"]: {"email": u["email"], "real_name": u["display_name"]} for u in (PARTNER, STAFF, GUEST)}


@pytest.fixture(scope="module")
def env(built_data, tmp_path_factory):
    """A data dir copy, a fake Slack, and the real app wired to both."""
    from bot.assistant import Assistant
    from bot.slack.app import build_app
    from bot.store.audit import AuditLog

    data = tmp_path_factory.mktemp("slack") / "data"
    shutil.copytree(built_data, data)
    (data / "audit.sqlite").unlink(missing_ok=True)
    fake = FakeSlack(slack_users())
    settings = make_settings(data, as_of=AS_OF, slack_api_url=fake.url, staff_channel="CSTAFF0001",
                             rate_limit_per_minute=6, public_url="http://127.0.0.1:8080")
    assistant = Assistant(settings, audit=AuditLog(data / "audit.sqlite"))
    with mock.patch.dict(os.environ, {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET}):
        app = build_app(settings, assistant)
    yield app, fake, assistant
    fake.close()


def headers(body: str, content_type: str, ts: int | None = None, secret: str = SECRET) -> dict[str, list[str]]:
    stamp = str(ts if ts is not None else int(time.time()))
    return {"content-type": [content_type], "x-slack-request-timestamp": [stamp],
            "x-slack-signature": [SignatureVerifier(secret).generate_signature(timestamp=stamp, body=body)]}


_counter = [0]


def event(app, payload: dict, event_id: str | None = None, **kw):
    _counter[0] += 1
    body = json.dumps({"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event": payload,
                       "event_id": event_id or f"Ev{_counter[0]:08d}", "event_time": int(time.time()),
                       "authorizations": [{"user_id": "UBOT000001", "is_bot": True, "team_id": "T1"}]})
    return app.dispatch(BoltRequest(body=body, headers=headers(body, "application/json", **kw)))


def form(app, fields: dict):
    body = urlencode(fields)
    return app.dispatch(BoltRequest(body=body, headers=headers(body, "application/x-www-form-urlencoded")))


def action(app, user: str, action_id: str, value: str, channel: str = "CPUBLIC01", message_ts: str = "1.1"):
    payload = {"type": "block_actions", "user": {"id": user}, "team": {"id": "T1"}, "channel": {"id": channel},
               "message": {"ts": message_ts}, "container": {"type": "message", "message_ts": message_ts},
               "trigger_id": "t", "api_app_id": "A1",
               "actions": [{"action_id": action_id, "block_id": "b", "type": "button", "value": value}]}
    return form(app, {"payload": json.dumps(payload)})


def ts() -> str:
    _counter[0] += 1
    return f"1700001000.{_counter[0]:06d}"


def blocks_text(call: dict) -> str:
    return json.dumps(call.get("blocks", "")) + call.get("text", "")


def test_mention_is_answered_in_the_thread_with_sources(env):
    app, fake, _ = env
    t = ts()
    response = event(app, {"type": "app_mention", "user": GUEST["slack_user_id"], "channel": "CPUBLIC01",
                           "text": "<@UBOT000001> what does §7.4 say?", "ts": t})
    assert response.status == 200
    posted = fake.wait_for("chat.postMessage", thread_ts=t)[0]
    assert "30 days" in posted["text"] and "Sources" in blocks_text(posted) and "§7.4" in blocks_text(posted)
    assert "http://127.0.0.1:8080/sources/program/rules#%C2%A77.4" in blocks_text(posted)
    assert fake.wait_for("reactions.add", timestamp=t)[0]["name"] == "eyes"
    assert any(b["type"] == "actions" for b in posted["blocks"])


def test_private_answer_never_goes_to_the_channel(env):
    app, fake, _ = env
    t = ts()
    event(app, {"type": "app_mention", "user": PARTNER["slack_user_id"], "channel": "CPUBLIC01",
                "text": "<@UBOT000001> how much do we still owe?", "ts": t})
    ephemeral = fake.wait_for("chat.postEphemeral", thread_ts=t)[0]
    outstanding = f"{CASES['expected'][PARTNER_FIRM]['outstanding_krw']:,}"
    assert ephemeral["user"] == PARTNER["slack_user_id"] and outstanding in ephemeral["text"]
    in_channel = [p for p in fake.of("chat.postMessage") if p.get("channel") == "CPUBLIC01"]
    assert any(p["text"] == messages.SLACK_SENT_PRIVATELY for p in in_channel)
    assert not any(outstanding in blocks_text(p) or PARTNER_FIRM in blocks_text(p) for p in in_channel)


def test_direct_messages_are_answered(env):
    app, fake, _ = env
    event(app, {"type": "message", "channel_type": "im", "user": PARTNER["slack_user_id"], "channel": "DPARTNER1",
                "text": "when is our next installment due?", "ts": ts()})
    posted = fake.wait_for("chat.postMessage", channel="DPARTNER1")[0]
    assert CASES["expected"][PARTNER_FIRM]["next_due_on"] in posted["text"]


def test_thread_follow_up_is_answered_without_a_mention_and_chatter_is_ignored(env):
    app, fake, _ = env
    root = ts()
    event(app, {"type": "app_mention", "user": GUEST["slack_user_id"], "channel": "CPUBLIC02",
                "text": "<@UBOT000001> how long is the grace period?", "ts": root})
    fake.wait_for("chat.postMessage", thread_ts=root)
    event(app, {"type": "message", "channel_type": "channel", "user": GUEST["slack_user_id"], "channel": "CPUBLIC02",
                "text": "and how many installments follow?", "ts": ts(), "thread_ts": root})
    fake.wait_for("chat.postMessage", count=2, thread_ts=root)
    before = len(fake.calls)
    event(app, {"type": "message", "channel_type": "channel", "user": GUEST["slack_user_id"], "channel": "CPUBLIC02",
                "text": "lunch anyone?", "ts": ts()})
    event(app, {"type": "message", "channel_type": "channel", "user": GUEST["slack_user_id"], "channel": "CPUBLIC02",
                "text": "not for the bot", "ts": ts(), "thread_ts": "1600000000.000001"})
    event(app, {"type": "message", "channel_type": "im", "bot_id": "BBOT000001", "channel": "DPARTNER1",
                "text": "my own message", "ts": ts()})
    event(app, {"type": "message", "subtype": "message_changed", "channel_type": "im", "channel": "DPARTNER1",
                "message": {"text": "edited"}, "ts": ts()})
    time.sleep(1.0)
    assert len(fake.calls) == before


def test_slash_command_is_ephemeral_and_help_works(env):
    app, fake, _ = env
    r = form(app, {"command": "/carbon", "text": "help", "user_id": GUEST["slack_user_id"], "channel_id": "CSLASH001",
                   "team_id": "T1", "trigger_id": "t", "response_url": fake.url + "response"})
    assert r.status == 200
    assert fake.wait_for("chat.postEphemeral", channel="CSLASH001")[0]["text"] == messages.HELP
    form(app, {"command": "/carbon", "text": "are we eligible?", "user_id": PARTNER["slack_user_id"],
               "channel_id": "CSLASH002", "team_id": "T1", "trigger_id": "t", "response_url": fake.url + "r"})
    answer = fake.wait_for("chat.postEphemeral", channel="CSLASH002", user=PARTNER["slack_user_id"])[0]
    assert PARTNER_FIRM in answer["text"]
    assert not [p for p in fake.of("chat.postMessage") if p.get("channel") == "CSLASH002" and PARTNER_FIRM in p["text"]]


def test_cross_firm_question_is_refused_without_its_data(env):
    app, fake, _ = env
    event(app, {"type": "message", "channel_type": "im", "user": PARTNER["slack_user_id"], "channel": "DPARTNER2",
                "text": f"what is the balance of {OTHER_FIRM}?", "ts": ts()})
    posted = fake.wait_for("chat.postMessage", channel="DPARTNER2")[0]
    assert "can't share information about other companies" in posted["text"]
    assert f"{CASES['expected'][OTHER_FIRM]['outstanding_krw']:,}" not in blocks_text(posted)


def test_a_retried_event_is_answered_once(env):
    app, fake, _ = env
    payload = {"type": "message", "channel_type": "im", "user": GUEST["slack_user_id"], "channel": "DRETRY001",
               "text": "what is the support cap for tier-2 partners?", "ts": ts()}
    event(app, payload, event_id="EvRETRY0001")
    event(app, payload, event_id="EvRETRY0001")
    fake.wait_for("chat.postMessage", channel="DRETRY001")
    time.sleep(1.0)
    assert len(fake.of("chat.postMessage")) and len([p for p in fake.of("chat.postMessage") if p["channel"] == "DRETRY001"]) == 1


def test_rate_limit_answers_politely(env):
    app, fake, _ = env
    user = STAFF["slack_user_id"]
    for i in range(7):
        event(app, {"type": "message", "channel_type": "im", "user": user, "channel": "DSTAFF001",
                    "text": f"what does §7.{i % 6 + 1} say?", "ts": ts()})
    found = fake.wait_for("chat.postMessage", count=7, channel="DSTAFF001")
    assert sum(p["text"] == messages.RATE_LIMITED for p in found) == 1


def test_bad_signature_and_stale_timestamp_are_rejected(env):
    app, fake, _ = env
    body = json.dumps({"type": "event_callback", "event": {"type": "app_mention", "text": "hi", "user": "U1",
                                                            "channel": "C1", "ts": "1.0"}, "event_id": "EvBAD"})
    assert app.dispatch(BoltRequest(body=body, headers=headers(body, "application/json", secret="wrong"))).status == 401
    old = int(time.time()) - 60 * 10
    assert app.dispatch(BoltRequest(body=body, headers=headers(body, "application/json", ts=old))).status == 401


def test_malformed_and_unknown_payloads_do_not_crash(env):
    app, _, _ = env
    for body in [json.dumps({"type": "event_callback", "event": {"type": "reaction_added"}, "event_id": "EvUNK"}),
                 json.dumps({"type": "something_new"}), "payload=%7B%7D", "command=/unknown&text=x"]:
        ctype = "application/json" if body.startswith("{") else "application/x-www-form-urlencoded"
        response = app.dispatch(BoltRequest(body=body, headers=headers(body, ctype)))
        assert response.status < 500


def test_feedback_and_escalation_are_recorded(env):
    app, fake, assistant = env
    t = ts()
    event(app, {"type": "app_mention", "user": GUEST["slack_user_id"], "channel": "CPUBLIC03",
                "text": "<@UBOT000001> who pays for verification?", "ts": t})
    posted = fake.wait_for("chat.postMessage", thread_ts=t)[0]
    answer_id = next(b for b in posted["blocks"] if b["type"] == "actions")["elements"][0]["value"]
    action(app, GUEST["slack_user_id"], "feedback_not_helpful", answer_id, channel="CPUBLIC03")
    fake.wait_for("chat.postEphemeral", channel="CPUBLIC03", text=messages.SLACK_FEEDBACK_THANKS)
    assert assistant.audit.query("SELECT value FROM feedback WHERE answer_id=?", (int(answer_id),))[0][0] == "not_helpful"
    action(app, GUEST["slack_user_id"], "escalate", answer_id, channel="CPUBLIC03")
    staff_post = fake.wait_for("chat.postMessage", channel="CSTAFF0001")[0]
    assert "who pays for verification?" in blocks_text(staff_post) and "Mark resolved" in blocks_text(staff_post)
    fake.wait_for("chat.postEphemeral", channel="CPUBLIC03", text=messages.SLACK_ESCALATED)
    escalation = assistant.audit.query("SELECT id, status FROM escalations WHERE answer_id=?", (int(answer_id),))[0]
    assert escalation["status"] == "open"
    action(app, STAFF["slack_user_id"], "resolve_escalation", str(escalation["id"]), channel="CSTAFF0001",
           message_ts="1700000000.5")
    fake.wait_for("chat.update", channel="CSTAFF0001")
    assert assistant.audit.query("SELECT status FROM escalations WHERE id=?", (escalation["id"],))[0][0] == "resolved"


@pytest.mark.parametrize("who,expected", [(PARTNER, "Your firm at a glance"), (STAFF, "Program desk overview"),
                                          (GUEST, "not linked to a partner firm")])
def test_home_tab_is_published_per_role(env, who, expected):
    app, fake, _ = env
    event(app, {"type": "app_home_opened", "user": who["slack_user_id"], "channel": "DHOME", "tab": "home"})
    view = fake.wait_for("views.publish", user_id=who["slack_user_id"])[-1]["view"]
    assert view["type"] == "home" and expected in json.dumps(view)


def test_the_manifest_declares_what_the_bot_uses():
    import yaml

    manifest = yaml.safe_load((Path(__file__).resolve().parents[3] / "bot" / "slack" / "manifest.yml").read_text())
    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"app_mentions:read", "chat:write", "commands", "im:history", "users:read.email", "reactions:write"} <= scopes
    assert set(manifest["settings"]["event_subscriptions"]["bot_events"]) >= {"app_mention", "message.im", "app_home_opened"}
    assert manifest["features"]["slash_commands"][0]["command"] == "/carbon"
    assert manifest["settings"]["interactivity"]["is_enabled"] and manifest["features"]["app_home"]["home_tab_enabled"]
