"""With CARBONBOT_LLM, a public answer is streamed into its thread as the model writes it (chat.startStream,
appendStream, stopStream) and finished as the guard decides: kept with Sources and buttons beneath, or replaced
by the extractive answer. Private answers and top-level DMs are never streamed. Driven by signed requests,
against the fake Slack Web API and the fake OpenAI-compatible server."""

from __future__ import annotations

import json

import pytest

from bot.store.audit import AuditLog
from tests.bot.slack.checks import thumb
from tests.bot.slack.signed import SECRET, DispatchHarness, uid

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def streaming_assistant(slack_settings, fake_llm, tmp_path_factory):
    from bot.assistant import Assistant

    settings = slack_settings.model_copy(update={"llm": "openai:fake-writer", "llm_base_url": fake_llm.url,
                                                 "llm_timeout": 2.0})
    return Assistant(settings, audit=AuditLog(tmp_path_factory.mktemp("stream") / "audit.sqlite"))


@pytest.fixture
def slack(streaming_assistant, fake_slack, monkeypatch):
    from bot.slack.app import build_app

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    app = build_app(streaming_assistant.settings, streaming_assistant)
    return DispatchHarness(app, fake_slack, streaming_assistant.audit)


def streamed_text(fake, channel: str, ts: str) -> str:
    calls = [p for m, p in fake.calls if m in ("chat.startStream", "chat.appendStream", "chat.stopStream")
             and p.get("channel") == channel and (m == "chat.startStream" or p.get("ts") == ts)]
    return "".join(c.get("text", "") for p in calls for c in (p.get("chunks") or []))


def test_a_faithful_rewrite_streams_into_the_thread_and_keeps_its_sources_and_buttons(slack, fake_llm, people):
    fake_llm.mode = "stream"
    guest, channel = people.guest()["slack_user_id"], uid("C")
    root = slack.mention(guest, channel, "How long is the grace period before repayment starts?")
    started = slack.fake.wait_for("chat.startStream", channel=channel, thread_ts=root)[0]
    assert started["recipient_user_id"] == guest and started["recipient_team_id"] == "T0FAKE"
    stop = slack.fake.wait_for("chat.stopStream", channel=channel)[0]
    text = streamed_text(slack.fake, channel, stop["ts"])
    assert text.startswith("Here is what applies") and "[1]" in text
    types = [b["type"] for b in stop["blocks"]]
    assert "context" in types and "context_actions" in types and "markdown" not in types  # Sources and thumbs
    assert thumb(stop).startswith("helpful.")
    assert not slack.fake.of("chat.postMessage", channel=channel, thread_ts=root)  # not posted a second time
    assert not slack.fake.of("chat.update", channel=channel)
    row = slack.audit.query("SELECT answer, llm FROM answers WHERE slack_channel = ?", (channel,))[0]
    assert row["answer"].startswith("Here is what applies") and json.loads(row["llm"])["streamed"] is True


def test_a_rewrite_the_guard_refuses_is_replaced_by_the_extractive_answer(slack, fake_llm, people):
    fake_llm.mode = "other_firm"
    guest, channel = people.guest()["slack_user_id"], uid("C")
    slack.mention(guest, channel, "How long is the grace period before repayment starts?")
    stop = slack.fake.wait_for("chat.stopStream", channel=channel)[0]
    update = slack.fake.wait_for("chat.update", channel=channel, ts=stop["ts"])[0]
    assert fake_llm.other_firm in streamed_text(slack.fake, channel, stop["ts"])  # what was streamed...
    shown = update["text"] + json.dumps(update["blocks"], ensure_ascii=False)
    assert fake_llm.other_firm not in shown and "Here is what applies" not in shown  # ...gives way
    row = slack.audit.query("SELECT answer, llm FROM answers WHERE slack_channel = ?", (channel,))[0]
    assert json.loads(row["llm"])["verdict"] == "fallback" and "names another firm" in json.loads(row["llm"])["reason"]


def test_private_answers_and_top_level_dms_are_never_streamed(slack, fake_llm, people):
    fake_llm.mode = "stream"
    partner, channel, dm = people.partner("rep_on_schedule"), uid("C"), uid("D")
    user = partner["slack_user_id"]
    slack.mention(user, channel, "how much do we still owe?")
    private = slack.fake.wait_for("chat.postEphemeral", channel=channel, user=user)[0]
    assert private["text"].startswith("Here is what applies")  # rewritten, but posted whole and only to them
    slack.message(user, dm, "how much do we still owe?")
    posted = slack.fake.wait_for("chat.postMessage", channel=dm)[0]
    assert posted["text"].startswith("Here is what applies")
    assert not slack.fake.of("chat.startStream", channel=channel) and not slack.fake.of("chat.startStream", channel=dm)
