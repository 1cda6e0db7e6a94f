"""Which language the Slack layer speaks, end to end (dispatch and real HTTP).

An answer and everything under it (Sources, buttons, the "sent privately" notice) are in the question's
language; what is not tied to a question (the Home tab, acknowledgements, help, apologies) is in the user's
Slack locale, else the language of their last question, else English. The staff channel stays English.
"""

from __future__ import annotations

import json
import logging

import pytest

from bot import messages, messages_ko
from bot.slack.blocks import escape
from tests.bot.slack.checks import audit_rows, button_value, krw, shown, thumb, thumb_labels
from tests.bot.slack.conftest import CASES, STAFF_CHANNEL, on_both_backends
from tests.bot.slack.signed import DispatchHarness, uid

pytestmark = pytest.mark.slow

QUESTION = {"en": "who pays for verification?", "ko": "검증 비용은 누가 내나요?"}
CATALOGUE = {"en": messages, "ko": messages_ko}


def home_of(slack, user: str) -> tuple[dict, str]:
    """Open the user's Home tab; (the published view, everything it shows as text)."""
    slack.event({"type": "app_home_opened", "user": user, "channel": uid("D"), "tab": "home"})
    view = slack.fake.wait_for("views.publish", user_id=user, timeout=30)[0]["view"]
    return view, json.dumps(view, ensure_ascii=False)


def as_shown(message: str) -> str:
    """A message of ours as it appears in a published view's JSON (escaped for mrkdwn, then for JSON)."""
    return json.dumps(escape(message), ensure_ascii=False)[1:-1]


def labels(call: dict) -> list[str]:
    actions = next(b for b in call["blocks"] if b["type"] == "actions")
    return [e["text"]["text"] for e in actions["elements"]]


def sources_label(call: dict) -> str:
    return next(b for b in call["blocks"] if b["type"] == "context")["elements"][0]["text"]


# -- the Home tab ---------------------------------------------------------------------------------------------
def test_home_tab_of_a_partner_whose_locale_is_korean_is_in_korean(slack, people):
    partner = people.partner("rep_on_schedule", locale="ko-KR")
    user, firm = partner["slack_user_id"], partner["partner_id"]
    expected = CASES["expected"][firm]
    view, text = home_of(slack, user)
    assert view["blocks"][0]["text"]["text"] == messages_ko.SLACK_HOME_TITLE
    sections = messages_ko.SLACK_HOME_PARTNER_SECTIONS
    assert all(f"*{sections[key]}*\\n" in text for key in sections) and firm in text
    verdict = text.split(f"*{sections['eligibility']}*\\n", 1)[1]
    assert verdict.startswith(("1차 협력사 지원 자격 요건을 모두 충족합니다", "2차 협력사 지원 자격 요건을 모두 충족합니다",
                               "지원 자격 요건 미충족:", "전담창구의 판단이 필요합니다")), verdict[:80]
    assert f"미상환 잔액: {krw(expected['outstanding_krw'])}원." in text and f"다음 납부: {krw(expected['next_due_krw'])}원" in text
    assert "상환 상태: 정상 상환." in text and "다음 모니터링 보고서:" in text
    assert f"*{messages_ko.SLACK_SOURCES}*" in text and messages_ko.SLACK_HOME_PARTNER_MORE in text
    assert messages_ko.SLACK_HOME_HOW_TO_ASK in text
    assert not any(english in text for english in (messages.SLACK_HOME_PARTNER_MORE, messages.SLACK_HOME_HOW_TO_ASK,
                                                   f"*{messages.SLACK_SOURCES}*", "KRW"))
    assert audit_rows(slack, via="home", slack_user=user) == []


@pytest.mark.parametrize("locale", ["ko-KR", "en-US"])
def test_home_tab_for_a_guest_and_for_staff_follows_the_locale(slack, people, locale):
    language = locale[:2]
    said = CATALOGUE[language]
    desk = messages_ko.DESK if language == "ko" else "the KAP program desk (carbon-desk@kap.example)"
    _, guest = home_of(slack, people.guest(locale)["slack_user_id"])
    assert as_shown(said.SLACK_HOME_GUEST.format(desk=desk)) in guest and as_shown(said.HELP) in guest
    assert said.SLACK_HOME_TITLE in guest and said.SLACK_HOME_HOW_TO_ASK in guest
    _, staff = home_of(slack, people.new_staff(locale)["slack_user_id"])
    assert said.SLACK_HOME_STAFF.split("\n")[0] in staff and said.SLACK_HOME_TITLE in staff
    other = CATALOGUE["en" if language == "ko" else "ko"]
    assert other.SLACK_HOME_TITLE not in guest + staff and other.SLACK_HOME_HOW_TO_ASK not in guest + staff


# -- answers follow the question, acknowledgements the locale -----------------------------------------------
@pytest.mark.parametrize(("locale", "asked_in"), [("en-US", "ko"), ("ko-KR", "en")])
def test_an_answer_speaks_its_questions_language_and_a_click_is_acknowledged_in_the_locale(slack, people, locale,
                                                                                          asked_in):
    user, channel = people.guest(locale)["slack_user_id"], uid("C")
    root = slack.mention(user, channel, QUESTION[asked_in])
    posted = slack.fake.wait_for("chat.postMessage", channel=channel, thread_ts=root)[0]
    asked, spoken = CATALOGUE[asked_in], CATALOGUE[locale[:2]]
    assert thumb_labels(posted) == [asked.SLACK_BUTTON_HELPFUL, asked.SLACK_BUTTON_NOT_HELPFUL]
    assert labels(posted) == [asked.SLACK_BUTTON_ESCALATE]
    assert sources_label(posted) == f"*{asked.SLACK_SOURCES}*" and f"\n{asked.SLACK_SOURCES}: [1]" in posted["text"]

    answer_id = button_value(posted, "escalate")
    slack.click(user, "answer_feedback", thumb(posted), channel, message=posted, response_name="fb-" + channel,
                kind="feedback_buttons")
    thanks = slack.fake.wait_for("response_url", _path=f"/response/fb-{channel}")[0]
    assert thanks["text"] == spoken.SLACK_FEEDBACK_THANKS and thanks["response_type"] == "ephemeral"
    slack.click(user, "escalate", answer_id, channel, message=posted, response_name="esc-" + channel)
    assert slack.fake.wait_for("response_url", _path=f"/response/esc-{channel}")[0]["text"] == spoken.SLACK_ESCALATED
    mine = lambda p: f"<@{user}>" in shown(p)  # noqa: E731
    staff = slack.fake.wait_for("chat.postMessage", channel=STAFF_CHANNEL, where=mine)[0]
    assert f"*Question from <@{user}>" in shown(staff) and QUESTION[asked_in] in shown(staff)  # staff read English
    assert labels(staff) == [messages.SLACK_BUTTON_RESOLVE]


def test_a_private_korean_answer_in_a_channel_is_announced_in_korean(slack, people):
    partner, channel = people.partner("rep_on_schedule", locale="en-US"), uid("C")
    user, expected = partner["slack_user_id"], CASES["expected"][partner["partner_id"]]
    root = slack.mention(user, channel, "저희 상환 현황은 어떻게 되나요?")
    private = slack.fake.wait_for("chat.postEphemeral", channel=channel, user=user, thread_ts=root)[0]
    assert f"{krw(expected['outstanding_krw'])}원" in private["text"]
    assert thumb_labels(private)[0] == messages_ko.SLACK_BUTTON_HELPFUL
    notice = slack.fake.wait_for("chat.postMessage", channel=channel, thread_ts=root)[0]
    assert notice["text"] == messages_ko.SLACK_SENT_PRIVATELY


def test_help_follows_the_locale(slack, people):
    channel = uid("C")
    for locale in ("ko-KR", "en-US"):
        slack.command(people.guest(locale)["slack_user_id"], channel, "help", f"help-{locale}-{channel}")
        reply = slack.fake.wait_for("response_url", _path=f"/response/help-{locale}-{channel}")[0]
        assert reply["text"] == CATALOGUE[locale[:2]].HELP


def test_an_apology_follows_the_locale(bolt_app, fake_slack, people, slack_assistant, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("index exploded")

    monkeypatch.setattr(slack_assistant, "answer", broken)
    slack = DispatchHarness(bolt_app, fake_slack, slack_assistant.audit)
    user, dm = people.guest("ko-KR")["slack_user_id"], uid("D")
    with caplog.at_level(logging.ERROR):
        slack.message(user, dm, "what does §7.4 say?")
        apology = fake_slack.wait_for("chat.postMessage", channel=dm)[0]
    assert apology["text"] == messages_ko.INTERNAL_ERROR.format(desk=messages_ko.DESK)


# -- when Slack does not say ----------------------------------------------------------------------------------
@on_both_backends
def test_without_a_locale_the_last_question_decides_else_english(slack, people):
    user, dm = people.guest(locale=None)["slack_user_id"], uid("D")
    _, home = home_of(slack, user)  # nothing asked yet: English
    assert messages.SLACK_HOME_TITLE in home and messages.SLACK_HOME_HOW_TO_ASK in home
    assert all(call["include_locale"] == "1" for call in slack.fake.of("users.info", user=user))  # asked; none told
    slack.message(user, dm, QUESTION["ko"])
    posted = slack.fake.wait_for("chat.postMessage", channel=dm)[0]
    assert thumb_labels(posted)[0] == messages_ko.SLACK_BUTTON_HELPFUL
    slack.click(user, "answer_feedback", thumb(posted, positive=False), dm, message=posted,
                response_name="fb-" + dm, kind="feedback_buttons")
    thanks = slack.fake.wait_for("response_url", _path=f"/response/fb-{dm}")[0]
    assert thanks["text"] == messages_ko.SLACK_FEEDBACK_THANKS  # the last question was Korean


def test_when_users_info_fails_the_home_tab_is_still_published_in_english(slack, people):
    partner = people.partner("rep_on_schedule", locale="ko-KR")
    user, firm = partner["slack_user_id"], partner["partner_id"]
    slack.fake.fail("users.info", "missing_scope", user=user)
    view, text = home_of(slack, user)
    assert view["blocks"][0]["text"]["text"] == messages.SLACK_HOME_TITLE
    assert f"*{messages.SLACK_HOME_PARTNER_SECTIONS['repayment']}*" in text and firm in text  # known by the id alone
    assert messages_ko.SLACK_HOME_TITLE not in text
