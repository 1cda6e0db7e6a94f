"""Metrics, structured logs and Slack API error counting, without a server."""

from __future__ import annotations

import json
import logging

import pytest

from bot import ops
from bot.models import Answer


def value(name: str, **labels: str) -> float:
    return ops.REGISTRY.get_sample_value(name, labels) or 0.0


def test_answers_latency_and_guard_verdicts_are_counted():
    before = value("carbonbot_answers_total", intent="offset", status="answered", language="ko")
    fallbacks = value("carbonbot_llm_fallbacks_total", reason="names another firm")
    answer = Answer(question="q", status="answered", intent="offset", answer="a", language="ko", latency_ms=42.0,
                    llm={"model": "m", "verdict": "fallback", "reason": "names another firm (P-T1-002)"})
    ops.answered(answer)
    assert value("carbonbot_answers_total", intent="offset", status="answered", language="ko") == before + 1
    assert value("carbonbot_llm_fallbacks_total", reason="names another firm") == fallbacks + 1
    assert value("carbonbot_answer_seconds_bucket", le="0.05") >= 1
    assert b"carbonbot_answers_total" in ops.metrics_text()


def test_json_log_lines_carry_the_request_id(caplog):
    formatter = ops.JsonFormatter()
    ops.new_request_id("Ev0123ABC")
    record = logging.LogRecord("bot.slack.handlers", logging.INFO, __file__, 1, "answered %s", ("U1",), None)
    entry = json.loads(formatter.format(record))
    assert entry["request_id"] == "Ev0123ABC" and entry["message"] == "answered U1" and entry["level"] == "INFO"
    assert len(ops.new_request_id()) == 16


def test_slack_api_errors_are_counted_by_method_and_error():
    from slack_sdk.errors import SlackApiError

    from bot.config import Settings
    from bot.slack.app import web_client
    from tests.bot.slack.fake_slack import FakeSlack

    fake = FakeSlack()
    try:
        client = web_client(Settings(slack_api_url=fake.url), "xoxb-test-token")
        fake.fail("chat.postMessage", "channel_not_found")
        before = value("carbonbot_slack_api_errors_total", method="chat.postMessage", error="channel_not_found")
        with pytest.raises(SlackApiError):
            client.chat_postMessage(channel="C1", text="hi")
        after = value("carbonbot_slack_api_errors_total", method="chat.postMessage", error="channel_not_found")
        assert after == before + 1
    finally:
        fake.close()
