"""`carbonbot slack` in HTTP mode, over real HTTP: signed requests answered, bad ones rejected, nothing crashes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import httpx
import pytest
from slack_sdk.signature import SignatureVerifier

from tests.bot.slack.fake_slack import FakeSlack
from tests.bot.slack.test_slack_app import GUEST, PARTNER, SECRET, slack_users
from tests.conftest import ROOT, free_port

pytestmark = [pytest.mark.slow, pytest.mark.server]



@pytest.fixture(scope="module")
def server(built_data, tmp_path_factory):
    data = tmp_path_factory.mktemp("slack-http") / "data"
    shutil.copytree(built_data, data)
    fake = FakeSlack(slack_users())
    port = free_port()
    env = {**os.environ, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SECRET,
           "CARBONBOT_DATA_DIR": str(data), "CARBONBOT_SLACK_API_URL": fake.url, "CARBONBOT_AS_OF": "2026-10-31",
           "PYTHONPATH": str(ROOT)}
    env.pop("SLACK_APP_TOKEN", None)
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "slack", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}/slack/events"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            httpx.post(url, content=b"{}", timeout=1)
            break
        except httpx.HTTPError:
            if proc.poll() is not None:
                pytest.fail(proc.stdout.read())
            time.sleep(0.3)
    yield url, fake
    proc.terminate()
    proc.wait(timeout=20)
    fake.close()


def post(url: str, body: str, content_type: str = "application/json", secret: str = SECRET, stamp: int | None = None,
         extra: dict | None = None) -> httpx.Response:
    ts = str(stamp or int(time.time()))
    sig = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    headers = {"Content-Type": content_type, "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig, **(extra or {})}
    return httpx.post(url, content=body.encode(), headers=headers, timeout=10)


def event_body(payload: dict, event_id: str) -> str:
    return json.dumps({"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event": payload,
                       "event_id": event_id, "event_time": int(time.time()),
                       "authorizations": [{"user_id": "UBOT000001", "is_bot": True, "team_id": "T1"}]})


def test_mention_over_http_is_acknowledged_fast_and_answered_in_thread(server):
    url, fake = server
    body = event_body({"type": "app_mention", "user": GUEST["slack_user_id"], "channel": "CHTTP0001",
                       "text": "<@UBOT000001> what does §7.2 say?", "ts": "1700002000.000001"}, "EvHTTP001")
    started = time.monotonic()
    response = post(url, body)
    assert response.status_code == 200 and time.monotonic() - started < 3
    # The retry Slack sends when it did not see the ack in time: same event id, one answer.
    assert post(url, body, extra={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}).status_code == 200
    posted = fake.wait_for("chat.postMessage", thread_ts="1700002000.000001")
    time.sleep(1.0)
    assert len([p for p in fake.of("chat.postMessage") if p.get("thread_ts") == "1700002000.000001"]) == 1
    assert "Sources" in json.dumps(posted[0]["blocks"])


def test_private_dm_and_slash_command_over_http(server):
    url, fake = server
    post(url, event_body({"type": "message", "channel_type": "im", "user": PARTNER["slack_user_id"],
                          "channel": "DHTTP0001", "text": "are we eligible?", "ts": "1700002000.000002"}, "EvHTTP002"))
    assert PARTNER["partner_id"] in fake.wait_for("chat.postMessage", channel="DHTTP0001")[0]["text"]
    body = f"command=%2Fcarbon&text=repayment+status%3F&user_id={PARTNER['slack_user_id']}&channel_id=CHTTP0002&team_id=T1"
    assert post(url, body, "application/x-www-form-urlencoded").status_code == 200
    assert fake.wait_for("chat.postEphemeral", channel="CHTTP0002")[0]["user"] == PARTNER["slack_user_id"]


def test_bad_signature_stale_timestamp_and_garbage_over_http(server):
    url, _ = server
    body = event_body({"type": "app_mention", "user": "U1", "channel": "C1", "text": "hi", "ts": "1.0"}, "EvHTTP003")
    assert post(url, body, secret="not-the-secret").status_code == 401
    assert post(url, body, stamp=int(time.time()) - 3600).status_code == 401
    assert post(url, "{not json").status_code < 500
    assert post(url, "payload=%7Bbroken", "application/x-www-form-urlencoded").status_code < 500
    assert post(url, body).status_code == 200  # still serving


def test_missing_or_wrong_tokens_name_the_variable(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update({"CARBONBOT_DATA_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)})
    missing = subprocess.run([sys.executable, "-m", "bot.cli", "slack"], env=env, capture_output=True, text=True,
                             timeout=120)
    assert missing.returncode == 2 and "SLACK_BOT_TOKEN is not set" in missing.stderr
    wrong = subprocess.run([sys.executable, "-m", "bot.cli", "slack"], env={**env, "SLACK_BOT_TOKEN": "xoxp-user"},
                           capture_output=True, text=True, timeout=120)
    assert wrong.returncode == 2 and "SLACK_BOT_TOKEN must start with 'xoxb-'" in wrong.stderr
