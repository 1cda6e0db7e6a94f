"""Where answers go: a private answer reaches only the asker, whatever the conversation and whatever fails."""

from __future__ import annotations

import json

import pytest
from slack_bolt import Respond
from slack_sdk import WebClient

from bot import messages
from bot.models import Answer, Citation
from bot.slack.delivery import Where, notify, post_answer
from tests.bot.slack.fake_slack import FakeSlack
from tests.bot.slack.signed import message_ts, uid

SECRET_FIGURE = "KRW 123,456,789"


@pytest.fixture(scope="module")
def fake():
    fake = FakeSlack()
    yield fake
    fake.close()


@pytest.fixture
def client(fake):
    return WebClient(token="xoxb-test-token", base_url=fake.url)


def answer(private: bool) -> Answer:
    cite = Citation(n=1, id="c1", source="knowledge/partners/ledger.csv", title="Partner record",
                    locator="Partner record P-T1-001", quote="q")
    return Answer(question="how much do we owe?", status="answered", intent="repayment", private=private,
                  answer=f"You owe {SECRET_FIGURE}. [1]", citations=[cite], answer_id=1)


def everything_in(fake: FakeSlack, channel: str) -> str:
    return json.dumps([p for m, p in fake.to_channel(channel) if m in {"chat.postMessage", "chat.update"}])


def test_private_answer_in_a_channel_is_ephemeral_and_the_thread_only_says_so(fake, client):
    user, channel, thread = uid("U"), uid("C"), message_ts()
    post_answer(client, Where(user=user, channel=channel, kind="channel", thread_ts=thread), answer(True), None)
    ephemeral = fake.of("chat.postEphemeral", channel=channel)
    assert len(ephemeral) == 1 and ephemeral[0]["user"] == user and ephemeral[0]["thread_ts"] == thread
    assert SECRET_FIGURE in ephemeral[0]["text"]
    notice = fake.of("chat.postMessage", channel=channel)
    assert [n["text"] for n in notice] == [messages.SLACK_SENT_PRIVATELY] and notice[0]["thread_ts"] == thread
    assert SECRET_FIGURE not in everything_in(fake, channel)


def test_public_answer_in_a_channel_goes_in_the_thread(fake, client):
    channel, thread = uid("C"), message_ts()
    post_answer(client, Where(user=uid("U"), channel=channel, kind="channel", thread_ts=thread), answer(False), None)
    posted = fake.of("chat.postMessage", channel=channel)
    assert len(posted) == 1 and posted[0]["thread_ts"] == thread and SECRET_FIGURE in posted[0]["text"]
    assert fake.of("chat.postEphemeral", channel=channel) == []


def test_private_answer_falls_back_to_a_dm_not_to_the_channel(fake, client):
    user, channel = uid("U"), uid("C")
    fake.fail("chat.postEphemeral", "channel_not_found", channel=channel)
    post_answer(client, Where(user=user, channel=channel, kind="channel", thread_ts=message_ts()), answer(True), None)
    assert fake.of("conversations.open", users=user)
    assert SECRET_FIGURE in fake.of("chat.postMessage", channel="D" + user[1:])[0]["text"]
    assert SECRET_FIGURE not in everything_in(fake, channel)


def test_private_answer_in_the_bots_dm_is_a_plain_message(fake, client):
    dm = uid("D")
    post_answer(client, Where(user=uid("U"), channel=dm, kind="dm"), answer(True), None)
    assert SECRET_FIGURE in fake.of("chat.postMessage", channel=dm)[0]["text"]


def test_a_command_answers_through_its_response_url_only(fake, client):
    channel, name = uid("C"), uid("r")
    where = Where(user=uid("U"), channel=channel, kind="command", respond=Respond(response_url=fake.response_url(name)))
    post_answer(client, where, answer(True), None)
    reply = fake.of("response_url", _path=f"/response/{name}")
    assert len(reply) == 1 and reply[0]["response_type"] == "ephemeral" and SECRET_FIGURE in reply[0]["text"]
    assert fake.to_channel(channel) == []


def test_blocks_slack_refuses_are_replaced_by_the_sections_layout_then_by_the_text(fake, client):
    dm = uid("D")
    fake.fail("chat.postMessage", "invalid_blocks", channel=dm, times=2)
    post_answer(client, Where(user=uid("U"), channel=dm, kind="dm"), answer(False), None)
    first, second, third = fake.of("chat.postMessage", channel=dm)
    assert [b["type"] for b in first["blocks"]][0] == "markdown" and second["blocks"][0]["type"] == "section"
    assert "blocks" not in third and SECRET_FIGURE in third["text"]


@pytest.fixture
def old_workspace(fake):
    """Slack refusing the markdown layout's blocks, as for a client or workspace that cannot show them."""
    fake.refused_blocks = {"markdown", "context_actions"}
    yield fake
    fake.refused_blocks = set()


def kinds(call) -> list[str]:
    return [b["type"] for b in call.get("blocks") or []]


@pytest.mark.parametrize("kind", ["dm", "channel", "command", "private"])
def test_a_workspace_that_refuses_markdown_gets_the_sections_layout_with_plain_buttons(old_workspace, client, kind):
    user, channel, name = uid("U"), uid("D" if kind == "dm" else "C"), uid("r")
    respond = Respond(response_url=old_workspace.response_url(name)) if kind == "command" else None
    where = Where(user=user, channel=channel, kind="channel" if kind == "private" else kind,
                  thread_ts=None if kind in ("dm", "command") else message_ts(), respond=respond)
    post_answer(client, where, answer(kind == "private"), None)
    method, match = {"dm": ("chat.postMessage", {"channel": channel}),
                     "channel": ("chat.postMessage", {"channel": channel}),
                     "private": ("chat.postEphemeral", {"channel": channel, "user": user}),
                     "command": ("response_url", {"_path": f"/response/{name}"})}[kind]
    refused, accepted = old_workspace.of(method, **match)
    assert kinds(refused) == ["markdown", "context", "context_actions", "actions"]
    assert kinds(accepted) == ["section", "context", "actions"] and SECRET_FIGURE in accepted["blocks"][0]["text"]["text"]
    assert [e["action_id"] for e in accepted["blocks"][-1]["elements"]] == [
        "feedback_helpful", "feedback_not_helpful", "escalate", *(["share_answer"] if kind == "command" else [])]


def test_the_sections_layout_can_be_chosen(fake, client):
    dm = uid("D")
    post_answer(client, Where(user=uid("U"), channel=dm, kind="dm"), answer(False), None, style="sections")
    (posted,) = fake.of("chat.postMessage", channel=dm)
    assert kinds(posted) == ["section", "context", "actions"]


def test_notices_reach_only_the_asker(fake, client):
    user, channel, dm = uid("U"), uid("C"), uid("D")
    notify(client, Where(user=user, channel=channel, kind="channel", thread_ts=message_ts()), "slow down")
    notify(client, Where(user=user, channel=dm, kind="dm"), "slow down")
    assert fake.of("chat.postMessage", channel=channel) == []
    assert fake.of("chat.postEphemeral", channel=channel, user=user)[0]["text"] == "slow down"
    assert fake.of("chat.postMessage", channel=dm)[0]["text"] == "slow down"


def test_conversation_ids_keep_threads_apart_and_commands_stateless():
    assert Where(user="U1", channel="C1", kind="channel", thread_ts="1.2").conversation == "slack:C1:1.2"
    assert Where(user="U1", channel="D1", kind="dm").conversation == "slack:D1:dm"
    assert Where(user="U1", channel="C1", kind="command").conversation is None
