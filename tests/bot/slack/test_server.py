"""``carbonbot slack``: clear errors for missing or wrong tokens, and Socket Mode against a local fake.

HTTP mode over real HTTP is exercised by every scenario in test_app.py (the
``http`` parameter); here Socket Mode runs as a subprocess against a fake
``apps.connections.open`` and a WebSocket server on 127.0.0.1 speaking Slack's
envelope protocol.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from bot.cli import _register, app
from tests.bot.slack.conftest import CASES, USERS, stop
from tests.bot.slack.signed import SECRET, event_body, message_ts, uid
from tests.conftest import AS_OF, KNOWLEDGE, ROOT

_register()
runner = CliRunner()


def run_slack(env: dict[str, str], *args: str):
    return runner.invoke(app, ["slack", *args], env=env)


@pytest.mark.parametrize("env,expected", [
    ({}, "SLACK_BOT_TOKEN is not set"),
    ({"SLACK_BOT_TOKEN": "xoxp-a-user-token"}, "SLACK_BOT_TOKEN must start with 'xoxb-'"),
    ({"SLACK_BOT_TOKEN": "xoxb-test-token"}, "SLACK_SIGNING_SECRET is not set"),
    ({"SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_APP_TOKEN": "xoxb-not-an-app-token"},
     "SLACK_APP_TOKEN must start with 'xapp-'"),
])
def test_missing_or_malformed_tokens_give_one_line_naming_the_variable(tmp_path, env, expected):
    result = run_slack({"CARBONBOT_DATA_DIR": str(tmp_path / "data"), **env})
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"error: {lines[0][7:]}"] and expected in lines[0]
    assert "xoxp-a-user-token" not in result.output and "Traceback" not in result.output


@pytest.mark.slow
def test_a_token_slack_rejects_is_named_too(fake_slack, data_copy):
    env = {"CARBONBOT_DATA_DIR": str(data_copy), "CARBONBOT_SLACK_API_URL": fake_slack.url,
           "SLACK_BOT_TOKEN": "xoxb-revoked", "SLACK_SIGNING_SECRET": SECRET}
    result = run_slack(env)
    assert result.exit_code == 2 and "SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)" in result.output
    result = run_slack({**env, "SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_APP_TOKEN": "xapp-revoked"})
    assert result.exit_code == 2 and "SLACK_APP_TOKEN was rejected by Slack (invalid_auth)" in result.output
    assert "xapp-revoked" not in result.output and "xoxb-test-token" not in result.output


class FakeSocketMode:
    """Slack's Socket Mode end: hands the bot envelopes over a WebSocket and records its acks."""

    def __init__(self) -> None:
        from websockets.sync.server import serve

        self.outbox: queue.Queue[str] = queue.Queue()
        self.received: list[dict[str, Any]] = []
        self.server = serve(self._session, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link/?ticket=fake"
        self.connected = threading.Event()

    def _session(self, ws) -> None:
        from websockets.exceptions import ConnectionClosed

        ws.send(json.dumps({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"},
                            "connection_info": {"app_id": "A0CARBON"}}))
        self.connected.set()
        while True:
            try:
                ws.send(self.outbox.get_nowait())
            except queue.Empty:
                pass
            try:
                self.received.append(json.loads(ws.recv(timeout=0.05)))
            except TimeoutError:
                continue
            except ConnectionClosed:
                return

    def send(self, kind: str, payload: dict[str, Any]) -> str:
        envelope_id = uid("env-")
        self.outbox.put(json.dumps({"envelope_id": envelope_id, "type": kind, "payload": payload,
                                    "accepts_response_payload": kind != "events_api", "retry_attempt": 0,
                                    "retry_reason": ""}))
        return envelope_id

    def wait_for_ack(self, envelope_id: str, timeout: float = 20.0) -> float:
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if any(m.get("envelope_id") == envelope_id for m in list(self.received)):
                return time.monotonic() - started
            time.sleep(0.02)
        raise AssertionError(f"no ack for {envelope_id}; got {self.received}")

    def close(self) -> None:
        self.server.shutdown()


@pytest.mark.slow
@pytest.mark.server
def test_socket_mode_answers_mentions_and_commands_without_a_signing_secret(built_data, tmp_path, fake_slack):
    socket_mode = FakeSocketMode()
    fake_slack.ws_url = socket_mode.url
    data = tmp_path / "data"
    shutil.copytree(built_data, data)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CARBONBOT_"))}
    env.update({"SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_APP_TOKEN": "xapp-valid", "PYTHONPATH": str(ROOT),
                "CARBONBOT_DATA_DIR": str(data), "CARBONBOT_KNOWLEDGE_DIR": str(KNOWLEDGE),
                "CARBONBOT_SLACK_API_URL": fake_slack.url, "CARBONBOT_AS_OF": AS_OF.isoformat()})
    log = tmp_path / "bot.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "slack"], env=env, cwd=tmp_path, stdout=out,
                                stderr=subprocess.STDOUT)
    try:
        if not socket_mode.connected.wait(120):
            pytest.fail(f"the bot never opened the Socket Mode connection:\n{log.read_text()}")
        channel, ts = uid("C"), message_ts()
        mention = json.loads(event_body({"type": "app_mention", "user": uid("U"), "channel": channel, "ts": ts,
                                         "text": "<@UBOTCARBON1> what does §7.4 say?"}))
        assert socket_mode.wait_for_ack(socket_mode.send("events_api", mention)) < 3
        posted = fake_slack.wait_for("chat.postMessage", channel=channel, thread_ts=ts)[0]
        assert "§7.4" in json.dumps(posted["blocks"], ensure_ascii=False)

        partner = next(u for u in USERS if u["partner_id"] == "P-T1-001")
        command = {"command": "/carbon", "text": "how much do we still owe?", "user_id": partner["slack_user_id"],
                   "channel_id": channel, "team_id": "T0FAKE", "api_app_id": "A0CARBON",
                   "response_url": fake_slack.response_url("socket-" + channel), "trigger_id": "t"}
        assert socket_mode.wait_for_ack(socket_mode.send("slash_commands", command)) < 3
        reply = fake_slack.wait_for("response_url", _path=f"/response/socket-{channel}")[0]
        assert reply["response_type"] == "ephemeral" and f"{CASES['expected']['P-T1-001']['outstanding_krw']:,}" in reply["text"]
        assert len(fake_slack.of("chat.postMessage", channel=channel)) == 1  # the mention's answer only
    finally:
        stop(proc)
        socket_mode.close()
        fake_slack.ws_url = None
    output = log.read_text()
    assert "Socket Mode: connected to Slack" in output and "Traceback" not in output
    assert "xoxb-test-token" not in output and "xapp-valid" not in output


@pytest.mark.slow
@pytest.mark.server
def test_the_http_server_logged_no_traceback_and_no_secret(http_bot):
    """Runs after the HTTP scenarios of the other modules (same session): none made the bot fail or leak a secret."""
    log = http_bot[2].read_text()
    assert "HTTP mode: listening on http://127.0.0.1:" in log
    assert "Traceback" not in log and "xoxb-test-token" not in log and SECRET not in log


@pytest.mark.slow
@pytest.mark.server
def test_health_readiness_and_metrics_over_http(http_bot, fake_slack, people):
    import re

    from tests.bot.slack.signed import HttpHarness

    url, audit, log = http_bot
    base = url.rsplit("/slack/events", 1)[0]
    assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
    assert httpx.get(f"{base}/readyz").json() == {"status": "ready"}
    slack = HttpHarness(url, fake_slack, audit, log)
    guest, channel = people.guest()["slack_user_id"], uid("C")
    fake_slack.fail("reactions.add", "missing_scope", channel=channel)
    root = slack.mention(guest, channel, "what does §7.4 say?")
    fake_slack.wait_for("chat.postMessage", channel=channel, thread_ts=root)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        metrics = httpx.get(f"{base}/metrics").text
        if 'carbonbot_slack_api_errors_total{error="missing_scope",method="reactions.add"}' in metrics:
            break
        time.sleep(0.2)
    answered = re.search(r'carbonbot_answers_total\{intent="\w+",language="en",status="answered"\} (\d+)', metrics)
    assert answered and int(answered.group(1).split(".")[0]) >= 1, metrics[:2000]
    assert 'carbonbot_slack_api_errors_total{error="missing_scope",method="reactions.add"}' in metrics
    assert "carbonbot_answer_seconds_bucket" in metrics


@pytest.mark.slow
@pytest.mark.server
def test_json_logs_follow_an_answer_from_event_to_delivery_by_its_request_id(http_bot, fake_slack, people):
    from tests.bot.slack.signed import HttpHarness

    url, audit, log = http_bot
    slack = HttpHarness(url, fake_slack, audit, log)
    guest, channel = people.guest()["slack_user_id"], uid("C")
    root = slack.mention(guest, channel, "who pays for verification?")
    fake_slack.wait_for("chat.postMessage", channel=channel, thread_ts=root)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
        asked = [e for e in lines if e["message"].startswith(f"question from {guest}")]
        if asked and any(e["message"].startswith(f"answered {guest}") for e in lines):
            break
        time.sleep(0.2)
    rid = asked[-1]["request_id"]
    assert rid.startswith("Ev") and any(e["request_id"] == rid and e["message"].startswith(f"answered {guest}")
                                        for e in lines)
    assert all({"ts", "level", "logger", "message", "request_id"} <= set(e) for e in lines)
