"""The assistant container (Slack's AI-app panel), driven by signed requests as Slack sends them: a thread starts
with prompts chosen for the user, a question gets a title and a status, and is answered like any DM."""

from __future__ import annotations

import re
import time

import pytest

from bot import messages, messages_ko
from tests.bot.slack.checks import audit_rows, settle
from tests.bot.slack.conftest import CASES, on_both_backends
from tests.bot.slack.signed import message_ts, uid

pytestmark = pytest.mark.slow


def start(slack, user: str) -> tuple[str, str]:
    """Open a container thread for ``user``: (its DM channel, its thread ts)."""
    dm, thread_ts = uid("D"), message_ts()
    event = {"type": "assistant_thread_started", "event_ts": message_ts(),
             "assistant_thread": {"user_id": user, "channel_id": dm, "thread_ts": thread_ts,
                                  "context": {"channel_id": uid("C"), "team_id": "T0FAKE"}}}
    assert slack.event(event) == 200
    return dm, thread_ts


def ask(slack, user: str, dm: str, thread_ts: str, text: str) -> str:
    return slack.message(user, dm, text, thread_ts=thread_ts)


def test_a_partner_gets_their_own_prompts_and_a_greeting_in_their_language(slack, people):
    for locale, catalogue in (("en-US", messages), ("ko-KR", messages_ko)):
        user = people.partner(locale=locale)["slack_user_id"]
        dm, thread_ts = start(slack, user)
        prompts = slack.fake.wait_for("assistant.threads.setSuggestedPrompts", channel_id=dm)[0]
        assert prompts["thread_ts"] == thread_ts and prompts["title"] == catalogue.SLACK_PROMPTS_TITLE
        assert [p["message"] for p in prompts["prompts"]] == [m for _, m in catalogue.SLACK_PROMPTS_PARTNER]
        greeting = slack.fake.wait_for("chat.postMessage", channel=dm, thread_ts=thread_ts)[0]
        assert greeting["text"] == catalogue.SLACK_ASSISTANT_GREETING


def test_staff_get_firm_lookups_and_guests_the_rules(slack, people):
    staff = people.new_staff()["slack_user_id"]
    dm, _ = start(slack, staff)
    prompts = slack.fake.wait_for("assistant.threads.setSuggestedPrompts", channel_id=dm)[0]["prompts"]
    firms = {m for p in prompts for m in re.findall(r"P-T[12]-\d{3}", p["message"])}
    assert len(firms) == 1 and firms <= set(CASES["expected"]) | {f for fs in CASES["cases"].values() for f in fs}
    guest = people.guest()["slack_user_id"]
    dm, _ = start(slack, guest)
    prompts = slack.fake.wait_for("assistant.threads.setSuggestedPrompts", channel_id=dm)[0]["prompts"]
    assert [p["message"] for p in prompts] == [m for _, m in messages.SLACK_PROMPTS_GUEST]


def test_a_question_in_the_container_gets_a_title_a_status_and_the_dm_answer(slack, people):
    partner = people.partner("rep_on_schedule")
    user, firm = partner["slack_user_id"], partner["partner_id"]
    expected = CASES["expected"][firm]
    dm, thread_ts = start(slack, user)
    slack.fake.wait_for("chat.postMessage", channel=dm, thread_ts=thread_ts)  # the greeting
    ask(slack, user, dm, thread_ts, "When is our next installment, and how much is it?")
    title = slack.fake.wait_for("assistant.threads.setTitle", channel_id=dm)[0]
    assert title["thread_ts"] == thread_ts and title["title"] == "When is our next installment, and how much is it?"
    answers = slack.fake.wait_for("chat.postMessage", count=2, channel=dm, thread_ts=thread_ts)
    assert expected["next_due_on"] in answers[1]["text"]
    # the status is cleared just after the answer is posted: wait for that call too
    statuses = [c["status"] for c in slack.fake.wait_for("assistant.threads.setStatus", count=2, channel_id=dm)]
    assert statuses[0] == messages.SLACK_ASSISTANT_STATUS and statuses[-1] == ""

    ask(slack, user, dm, thread_ts, "and the one after?")  # a follow-up, resolved against the thread
    later = slack.fake.wait_for("chat.postMessage", count=3, channel=dm, thread_ts=thread_ts)[2]["text"]
    dates = re.findall(r"\d{4}-\d{2}-\d{2}", later)
    assert dates and max(dates) > expected["next_due_on"], later
    settle(slack, people)
    assert len(slack.fake.of("assistant.threads.setTitle", channel_id=dm)) == 1  # titled once, by the first
    rows = audit_rows(slack, slack_channel=dm)
    assert len(rows) == 2 and {r["slack_thread"] for r in rows} == {thread_ts} and all(r["private"] for r in rows)


def test_a_long_title_is_cut_and_a_context_change_posts_nothing(slack, people):
    guest = people.guest()["slack_user_id"]
    dm, thread_ts = start(slack, guest)
    slack.fake.wait_for("chat.postMessage", channel=dm, thread_ts=thread_ts)
    question = "Could you explain in plain words how the repayment of tier-1 support works after completion?"
    ask(slack, guest, dm, thread_ts, question)
    title = slack.fake.wait_for("assistant.threads.setTitle", channel_id=dm)[0]["title"]
    assert len(title) == 60 and title.endswith("…") and question.startswith(title[:-1])
    slack.fake.wait_for("chat.postMessage", count=2, channel=dm, thread_ts=thread_ts)
    changed = {"type": "assistant_thread_context_changed", "event_ts": message_ts(),
               "assistant_thread": {"user_id": guest, "channel_id": dm, "thread_ts": thread_ts,
                                    "context": {"channel_id": uid("C"), "team_id": "T0FAKE"}}}
    assert slack.event(changed) == 200
    time.sleep(0.5)
    settle(slack, people)
    assert len(slack.fake.of("chat.postMessage", channel=dm)) == 2


def test_without_the_container_a_dm_thread_is_still_answered(slack, people):
    """A workspace without the AI-app panel: Slack refuses the container calls; the answer still arrives."""
    guest, dm = people.guest()["slack_user_id"], uid("D")
    root = slack.message(guest, dm, "what does §7.4 say?")
    ask(slack, guest, dm, root, "and what does §7.5 say?")
    reply = slack.fake.wait_for("chat.postMessage", channel=dm, thread_ts=root)[0]
    assert "§7.5" in reply["text"] or "7.5" in reply["text"]
    settle(slack, people)
    assert slack.fake.of("assistant.threads.setStatus", channel_id=dm) == []  # not a container thread: no calls
    assert slack.fake.of("assistant.threads.setTitle", channel_id=dm) == []


@on_both_backends
def test_a_retried_thread_start_greets_once(slack, people):
    guest, dm, thread_ts = people.guest()["slack_user_id"], uid("D"), message_ts()
    event = {"type": "assistant_thread_started", "event_ts": message_ts(),
             "assistant_thread": {"user_id": guest, "channel_id": dm, "thread_ts": thread_ts, "context": {}}}
    event_id = uid("Ev")
    assert slack.event(event, event_id=event_id) == 200
    assert slack.event(event, event_id=event_id, retry_num=1) == 200
    slack.fake.wait_for("chat.postMessage", channel=dm)
    settle(slack, people)
    assert len(slack.fake.of("chat.postMessage", channel=dm)) == 1
    assert len(slack.fake.of("assistant.threads.setSuggestedPrompts", channel_id=dm)) == 1
