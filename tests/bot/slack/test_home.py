"""The App Home tab per role, end to end (dispatch and real HTTP), and its pieces: the summary, the staff overview."""

from __future__ import annotations

import json
import logging
import re

import pytest

from bot import messages
from bot.models import Answer, Asker, Citation
from bot.slack.home import home_view, staff_blocks, summary
from bot.store.audit import AuditLog
from tests.bot.slack.checks import audit_rows, krw, settle
from tests.bot.slack.conftest import CASES
from tests.bot.slack.signed import uid


def cite(n: int, source: str) -> Citation:
    return Citation(n=n, id=f"c{n}", source=source, title=f"T{n}", locator=f"L{n}", quote="q")


def test_summary_keeps_the_lines_about_the_firms_records_and_only_their_sources():
    answer = Answer(question="q", status="answered", intent="repayment", citations=[
        cite(1, "knowledge/faq/repayment.md"), cite(2, "knowledge/partners/ledger.csv"),
        cite(3, "knowledge/program/rules.md")],
        answer="Repayment starts after a grace period. [1]\nThe next installment is due on 2026-12-20. [2][3]\n"
               "You owe KRW 1. [2]\nRepaid so far: KRW 2. [2]")
    lines, cited = summary(answer, 2)
    assert lines == ["The next installment is due on 2026-12-20. [2][3]", "You owe KRW 1. [2]"]
    assert [c.n for c in cited] == [2, 3]


def test_summary_without_record_citations_keeps_the_first_lines():
    answer = Answer(question="q", status="not_found", intent="offset", answer="I couldn't find this.\nAsk the desk.")
    assert summary(answer, 1) == (["I couldn't find this."], [])


def test_staff_overview_counts_questions_unanswered_and_open_escalations(tmp_path):
    audit = AuditLog(tmp_path / "audit.sqlite")
    asker = Asker.guest()
    ids = [audit.record_answer(Answer(question=f"q{i} <x>", status=status, intent="program", answer="a"), asker,
                               via=via, slack={"user": "U1"})
           for i, (status, via) in enumerate([("answered", "slack"), ("not_found", "slack"), ("needs_human", "cli"),
                                              ("answered", "home"), ("not_found", "home")])]
    audit.escalate(ids[1], "U1")
    audit.resolve_escalation(audit.escalate(ids[0], "U1"), "slack:U9")
    text = json.dumps(staff_blocks(audit))
    assert messages.SLACK_HOME_STAFF.format(total=3, unanswered=2, open=1) in json.loads(text)[0]["text"]["text"]
    assert "q1 &lt;x&gt; (not_found) <@U1>" in text and "q0" not in text


@pytest.mark.slow
def test_a_summary_section_that_fails_is_logged_and_the_rest_still_shows(slack_assistant, monkeypatch, caplog):
    real = slack_assistant.answer

    def flaky(question, *args, **kwargs):
        if "repayment" in question:
            raise RuntimeError("ledger unavailable")
        return real(question, *args, **kwargs)

    monkeypatch.setattr(slack_assistant, "answer", flaky)
    asker = slack_assistant.directory().partner("P-T1-001")
    with caplog.at_level(logging.ERROR):
        view = home_view(asker, slack_assistant, None)
    text = json.dumps(view, ensure_ascii=False)
    assert "*Repayment*\\n" + messages.SLACK_HOME_UNAVAILABLE.format(desk=slack_assistant.settings.program_desk) in text
    assert "*Eligibility*" in text and "tCO2eq" in text
    assert any(r.exc_info and "ledger unavailable" in str(r.exc_info[1]) for r in caplog.records)


@pytest.mark.slow
def test_home_tab_for_a_partner_summarises_their_firm_with_sources(slack, people):
    partner = people.partner("rep_on_schedule", locale="en-US")  # tests/bot/slack/test_language.py: ko-KR
    user, firm = partner["slack_user_id"], partner["partner_id"]
    expected = CASES["expected"][firm]
    slack.event({"type": "app_home_opened", "user": user, "channel": uid("D"), "tab": "home"})
    view = slack.fake.wait_for("views.publish", user_id=user, timeout=30)[0]["view"]
    text = json.dumps(view, ensure_ascii=False)
    assert view["type"] == "home" and "Your firm at a glance" in text and firm in text
    verdict = re.search(r"\*Eligibility\*\\n(Yes|No):", text)
    assert verdict, text
    if any(firm in CASES["cases"][case] for case in ("t1_eligible", "t2_eligible")):
        assert verdict.group(1) == "Yes"
    elif any(firm in firms for case, firms in CASES["cases"].items() if "_fail_" in case):
        assert verdict.group(1) == "No"
    assert krw(expected["outstanding_krw"]) in text and krw(expected["next_due_krw"]) in text
    assert "tCO2eq" in text and "Partner record" in text and "§" in text
    rows = audit_rows(slack, via="home", slack_user=user)
    assert len(rows) == 3 and all(r["slack_thread"] is None for r in rows)


@pytest.mark.slow
def test_home_tab_for_staff_counts_questions_unanswered_and_open_escalations(slack, people):
    guest, dm, staff = people.guest()["slack_user_id"], uid("D"), people.staff()["slack_user_id"]
    slack.message(guest, dm, "what will the KOSPI index close at tomorrow?")
    slack.fake.wait_for("chat.postMessage", channel=dm)

    def counts() -> tuple[int, int, int]:
        q = slack.audit.query
        asked = "via NOT IN ('home', 'eval')"
        return (q(f"SELECT COUNT(*) FROM answers WHERE {asked}")[0][0],
                q(f"SELECT COUNT(*) FROM answers WHERE {asked} AND status IN ('not_found','needs_human')")[0][0],
                q("SELECT COUNT(*) FROM escalations WHERE status = 'open'")[0][0])

    before = counts()
    slack.event({"type": "app_home_opened", "user": staff, "channel": uid("D"), "tab": "home"})
    view = slack.fake.wait_for("views.publish", user_id=staff)[-1]["view"]
    after = counts()
    shown_counts = tuple(int(n) for n in re.findall(r": (\d+)", json.dumps(view))[:3])
    assert "Program desk overview" in json.dumps(view) and shown_counts[1] >= 1
    assert all(b <= s <= a for b, s, a in zip(before, shown_counts, after)), (before, shown_counts, after)


@pytest.mark.slow
def test_home_tab_for_a_guest_explains_how_to_get_linked_and_messages_tab_is_left_alone(slack, people):
    guest = people.guest()["slack_user_id"]
    slack.event({"type": "app_home_opened", "user": guest, "channel": uid("D"), "tab": "messages"})
    slack.event({"type": "app_home_opened", "user": guest, "channel": uid("D"), "tab": "home"})
    views = slack.fake.wait_for("views.publish", user_id=guest)
    text = json.dumps(views[0]["view"], ensure_ascii=False)
    assert "not linked to a partner firm" in text and "carbon-desk@kap.example" in text and "/carbon" in text
    settle(slack, people)
    assert len(slack.fake.of("views.publish", user_id=guest)) == 1
