"""Record answers over the real sample: the figures of issue-class cases reach the words, dated and cited.

Each test names the class of defect it guards (§11.1 in repayment answers, as-of dates, several projects,
tier-2 refunds, names inside names, year questions).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.models import Asker
from tests.bot.test_assistant import unsupported_numbers
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

CASES = json.loads((ROOT / "tests" / "data" / "partner_cases.json").read_text())["cases"]
AS_OF = date(2026, 10, 31)
STAFF = Asker(role="staff", display_name="staff")


def ask(assistant, question, partner=None, as_of=AS_OF):
    asker = assistant.directory().partner(partner) if partner else STAFF
    return assistant.answer(question, asker, as_of=as_of, log=False)


def test_a_disposal_makes_the_whole_balance_due_in_the_repayment_answer(assistant):
    for pid in CASES["off_clawback_t1"]:
        a = ask(assistant, "How much do we owe and when is the next payment?", pid)
        facts = a.facts
        if facts["state"] == "fully_repaid":
            continue
        assert facts["due_now_krw"] == facts["outstanding_krw"] > 0, pid
        assert f"{facts['due_now_krw']:,}" in a.answer and "§11.1" in [c.locator for c in a.citations], a.answer
        assert "next installment of" not in a.answer.lower()


def test_every_record_answer_states_its_as_of_date(assistant):
    firms = sorted({pid for pids in CASES.values() for pid in pids})
    for pid in firms:
        for question in (f"Is {pid} eligible?", f"What does {pid} owe?", f"How much has {pid} had verified?"):
            a = ask(assistant, question)
            if a.private:
                assert AS_OF.isoformat() in a.answer, (pid, question, a.answer)
                assert unsupported_numbers(a) == [], (pid, question, a.answer)


def test_several_projects_count_together(assistant):
    for pid in CASES["multi_t1_two_projects"] + CASES["t2_fail_4_4_second_project"]:
        a = ask(assistant, f"How much of {pid}'s reductions are verified?")
        assert len(a.facts["project_ids"]) == 2, pid
    one = ask(assistant, "How much of P-T2-018's reductions are verified?")
    assert one.facts["verified_tco2"] == 533.1 and "533.1" in one.answer


def test_tier2_owes_its_refund_not_its_grant(assistant):
    for pid in CASES["off_clawback_t2"]:
        a = ask(assistant, "How much do we have to refund?", pid)
        assert a.intent == "repayment" and a.facts["state"] in ("refund_due", "refunded"), (pid, a.answer)
        assert a.facts["outstanding_krw"] < a.facts["support_krw"]
    plain = ask(assistant, "how much do we still owe?", "P-T2-001")
    assert (plain.facts["outstanding_krw"], plain.facts["state"]) == (0, "not_applicable")
    assert "Nothing is owed" in plain.answer


def test_a_name_inside_another_name_is_the_longer_firm(assistant):
    staff = ask(assistant, "How much does Garam Forging Tech owe?")
    assert staff.facts["partner_id"] == "P-T1-109"
    own = ask(assistant, "How much does Garam Forging Tech still owe?", "P-T1-109")
    assert (own.status, own.facts.get("partner_id")) == ("answered", "P-T1-109")
    other = ask(assistant, "How much does Garam Forging Tech still owe?", "P-T1-002")
    assert other.status == "refused" and "P-T1-109" not in json.dumps(other.to_json())


def test_a_partner_naming_its_own_firm_gets_its_own_answer(assistant):
    a = ask(assistant, "How much does Garam Forging still owe?", "P-T1-002")
    assert (a.status, a.intent, a.facts.get("partner_id")) == ("answered", "repayment", "P-T1-002")


def test_a_year_question_gets_that_year(assistant):
    a = ask(assistant, "How much was certified in 2024?", "P-T1-001")
    year = a.facts["year_2024"]
    assert year and a.answer.splitlines()[0].startswith("2024: the monitoring report was submitted on")
    assert f"{year['certified_tco2']:g}" in a.answer.splitlines()[0]
    assert year["certified_tco2"] < a.facts["certified_tco2"]


def test_a_terse_follow_up_continues_from_the_last_answer(assistant):
    me = assistant.directory().partner("P-T1-001")
    thread = "t-follow-up-after"
    first = assistant.answer("when is our next installment?", me, thread, as_of=AS_OF)
    after = assistant.answer("and the one after?", me, thread, as_of=AS_OF)
    told = first.facts["next_due_on"]
    assert after.facts["after_next_due_on"] > told
    assert after.answer.splitlines()[0].startswith(f"After the installment due on {told}, the next one is")
    assistant.answer("when is our next installment?", me, "t-follow-up-left", as_of=AS_OF)
    left = assistant.answer("how much is left after that?", me, "t-follow-up-left", as_of=AS_OF)
    assert f"{left.facts['left_after_next_krw']:,}" in left.answer
    assert left.facts["left_after_next_krw"] == first.facts["outstanding_krw"] - first.facts["next_due_krw"]
    balance = assistant.answer("what is our outstanding balance?", me, "t-follow-up-next", as_of=AS_OF)
    nxt = assistant.answer("and when is the next one due?", me, "t-follow-up-next", as_of=AS_OF)
    assert "after_next_due_on" not in nxt.facts and balance.facts["next_due_on"] in nxt.answer.splitlines()[0]


def test_a_partners_rule_what_if_also_shows_its_own_figures(assistant):
    a = ask(assistant, "what happens if we just don't pay the next installment?", "P-T1-001")
    assert a.status == "answered" and "§7.4" in [c.locator for c in a.citations]
    assert a.facts.get("whatif") == "missed" and a.facts["whatif_default_on"] in a.answer


def test_what_falls_due_in_a_stretch_of_time_is_listed_and_totalled(assistant):
    """"내년 상반기에 나가는 할부금 총액": each installment of that half year, and their total, from the ledger."""
    from datetime import date

    asker = assistant.directory().partner("P-T1-044")
    answer = assistant.answer("내년 상반기에 나가는 할부금 총액 좀 알려주세요", asker, None, as_of=date(2026, 10, 31))
    assert (answer.facts["window_start"], answer.facts["window_end"]) == ("2027-01-01", "2027-06-30")
    due = answer.facts["window_due"]
    assert due and all("2027-01-01" <= item["due_on"] <= "2027-06-30" for item in due)
    assert answer.facts["window_due_krw"] == sum(item["krw"] for item in due)
    first = answer.answer.splitlines()[0]
    assert first.startswith("2027년 1월 1일부터 2027년 6월 30일까지")
    listed = first.split("입니다.")[0]  # the listing; what is left once it is paid follows
    assert listed.count("원") == (len(due) + 1 if len(due) > 1 else 1)
    answer = assistant.answer("when is our next installment?", asker, None, as_of=date(2026, 10, 31))
    assert "window_due" not in answer.facts  # no stretch of time asked about


def test_the_support_on_record_is_explained_from_the_rules_when_its_figures_are_stated(assistant):
    """Worked by hand from §5.1 and §6.1: PRJ-T1-020's eligible cost 819,660,000 holds LED lighting 136,610,000,
    which counts up to 10 % of it, 81,966,000; 819,660,000 - 136,610,000 + 81,966,000 = 765,016,000, half of it
    382,508,000, the support on record. PRJ-T1-001: half of 1,240,000,000 is 620,000,000, over the 500M cap."""
    from datetime import date

    on = date(2026, 10, 31)
    me = assistant.directory().partner("P-T1-020")
    for question, expect in (
            ("why did we only get 382,508,000 won of support?",
             ("KRW 765,016,000", "KRW 81,966,000", "KRW 54,644,000")),
            ("지원금이 382,508,000원밖에 안 나온 이유가 뭐예요?", ("765,016,000원", "81,966,000원", "54,644,000원"))):
        answer = assistant.answer(question, me, None, as_of=on)
        first = answer.answer.splitlines()[0]
        assert all(x in first for x in expect), first
        assert answer.facts["recorded_support"][0]["countable_cost_krw"] == 765_016_000
        assert "estimate_support_krw" not in answer.facts  # the stated figure is the record's, not a new project
        from evals.metrics import unsupported_numbers

        payload = {"answer": answer.answer, "facts": answer.facts, "question": question,
                   "citations": [{"quote": c.quote, "locator": c.locator} for c in answer.citations]}
        assert unsupported_numbers(payload) == []  # every figure shown is in the answer's facts
    first_firm = assistant.directory().partner("P-T1-001")
    capped = assistant.answer("why did PRJ-T1-001 get only KRW 500,000,000 of support?", first_firm, None, as_of=on)
    assert "KRW 620,000,000" in capped.answer.splitlines()[0]
    # the cap alone is the rule's figure, not the record's: a new project is estimated
    new = assistant.answer("heat pumps for KRW 1,200,000,000: would a new project get the full KRW 500M?",
                           first_firm, None, as_of=on)
    assert "recorded_support" not in new.facts and new.facts["estimate_support_krw"] == 500_000_000
    # an amount the records do not hold is a project to estimate, as before
    new = assistant.answer("we want heat pumps for KRW 300M, how much support?", me, None, as_of=on)
    assert new.facts["estimate_support_krw"] == 150_000_000 and "recorded_support" not in new.facts


def test_reports_asked_about_say_which_years_they_cover_and_when_reporting_ends(assistant):
    """§9.2: a report for every calendar year from the completion year through the one in which the crediting
    period (§10.4) ends, each due by 31 March of the next year. PRJ-T1-054 was completed on 2024-09-05 and
    registered on 2024-12-05: ten years end in December 2034, so its reports cover 2024 to 2034 (11 of them) and the
    last is due by 2035-03-31."""
    from datetime import date

    me = assistant.directory().partner("P-T1-054")
    first = assistant.answer("how long does our crediting period run?", me, "t-last-report", as_of=date(2026, 10, 31))
    assert "last_reports" not in first.facts
    then = assistant.answer("until which year do we keep filing monitoring reports then, and by when is the final "
                            "one due?", me, "t-last-report", as_of=date(2026, 10, 31))
    assert then.facts["last_reports"] == [{"project_id": "PRJ-T1-054", "first_year": 2024, "year": 2034,
                                           "reports": 11, "due": "2035-03-31"}]
    assert "2035-03-31" in then.answer and "§9.2" in [c.locator for c in then.citations]
    ko = assistant.answer("저희 사업 인정기간 끝날 때까지 모니터링 보고서는 몇 년도분까지 내야 돼요?", me, None,
                          as_of=date(2026, 10, 31))
    assert "2034년분" in ko.answer and "2035년 3월 31일" in ko.answer
    # asked without the crediting period: how many reports in all is the same working
    total = assistant.answer("how many monitoring reports do we file in total over the project's life?", me, None,
                             as_of=date(2026, 10, 31))
    assert total.facts["last_reports"][0]["reports"] == 11 and "11 reports" in total.answer


def test_a_whole_year_asked_about_in_total_is_that_years_installments_not_a_payoff(assistant):
    """"what will we pay altogether in fiscal 2027": the heads may read "altogether" as paying everything off; the
    year it names is what was asked, each installment of it and their sum, with no payoff figure first."""
    from datetime import date

    asker = assistant.directory().partner("P-T1-092")
    answer = assistant.answer("for our budget: what will we pay KAP altogether in fiscal year 2027, with dates?",
                              asker, None, as_of=date(2026, 10, 31))
    assert (answer.facts["window_start"], answer.facts["window_end"]) == ("2027-01-01", "2027-12-31")
    due = answer.facts["window_due"]
    assert due and all(item["due_on"].startswith("2027-") for item in due)
    assert answer.facts["window_due_krw"] == sum(item["krw"] for item in due)
    first = answer.answer.splitlines()[0]
    assert first.startswith("Due from 2027-01-01 to 2027-12-31") and f"KRW {answer.facts['window_due_krw']:,}" in first
    assert "would repay everything" not in answer.answer
    # up to a month named without a day: the overdue installment and every one due by the end of that month
    asker = assistant.directory().partner("P-T1-101")
    answer = assistant.answer("밀린 거랑 1월분까지 한꺼번에 내면 총 얼마예요?", asker, None, as_of=date(2026, 10, 31))
    assert answer.facts["window_end"] == "2027-01-31" and answer.facts["window_start"] is None
    assert [item["due_on"] for item in answer.facts["window_due"]] == ["2026-10-01", "2027-01-01"]


@pytest.mark.parametrize("question", ["when is our last installment and how much is it?", "마지막 할부금은 언제고 얼마예요?"])
def test_the_last_installment_carries_the_rounding_remainder(assistant, question):
    # PRJ-T1-087: support 82,254,450 from completion 2025-12-10; one eighth in whole won is 10,281,806 and the last
    # installment (36 months on) takes the remainder, 82,254,450 - 7 x 10,281,806 (§7.2)
    a = ask(assistant, question, "P-T1-087")
    assert a.facts["last_installments"] == [{"project_id": "PRJ-T1-087", "k": 8, "due_on": "2028-12-10",
                                             "outstanding_krw": 82_254_450 - 7 * 10_281_806}]
    assert "10,281,808" in a.answer and ("2028-12-10" in a.answer or "2028년 12월 10일" in a.answer), a.answer
    assert a.answer.splitlines()[0].count("10,281,808") == 1, a.answer  # asked for, so said first


def test_the_last_installment_of_each_project_after_an_early_repayment(assistant):
    # P-T1-093: PRJ-T1-093 is repaid; PRJ-T1-093-2's installments are 46,709,187 (the 8th 46,709,191) and the early
    # 50,000,000 of 2026-09-01 settled the 8th and 3,290,809 of the 7th (§7.3)
    a = ask(assistant, "when's the last payment now and how much?", "P-T1-093")
    assert [(x["project_id"], x["k"], x["outstanding_krw"]) for x in a.facts["last_installments"]] == [
        ("PRJ-T1-093-2", 7, 46_709_187 - (50_000_000 - 46_709_191))]
    assert "43,418,378" in a.answer and "PRJ-T1-093-2" in a.answer, a.answer
    assert not unsupported_numbers(a)


@pytest.mark.parametrize("question", [
    "did you receive our last payment?", "마지막으로 하나만 물어볼게요, 다음 할부금 언제예요?", "거치기간 언제 끝나요?",
])
def test_a_question_not_about_the_final_installment_gets_no_last_installment_line(assistant, question):
    a = ask(assistant, question, "P-T1-087")
    assert "last_installments" not in a.facts and "10,281,808" not in a.answer, a.answer


def test_no_last_installment_is_named_once_everything_fell_due_at_once(assistant):
    # P-T1-042 is in default (installment 5 unpaid 90 days on 2026-10-01): every open installment fell due then
    a = ask(assistant, "when is our last installment?", "P-T1-042")
    assert a.facts["state"] == "default" and a.facts["last_installments"] == [], a.answer


def test_an_estimate_states_no_figure_its_facts_do_not_hold(assistant):
    """Each amount left out of a proposed project's cost is shown, and is in the answer's facts with its item."""
    from datetime import date

    from evals.metrics import unsupported_numbers

    question = ("tier 1 here: compressor KRW 880M including KRW 80M of VAT. Of the KRW 800M net, LED lighting is "
                "100M and 50M is our engineers' time. How much support?")
    answer = assistant.answer(question, assistant.directory().resolve(), None, as_of=date(2026, 10, 31))
    assert answer.facts["estimate_support_krw"] == (750_000_000 - 100_000_000 + 75_000_000) // 2
    assert answer.facts["estimate_left_out"] == [{"item": "vat", "krw": 80_000_000},
                                                 {"item": "staff_costs", "krw": 50_000_000}]
    payload = {"answer": answer.answer, "facts": answer.facts, "question": question,
               "citations": [{"quote": c.quote, "locator": c.locator} for c in answer.citations]}
    assert "KRW 80,000,000" in answer.answer and unsupported_numbers(payload) == []


def test_one_months_installment_named_without_a_day_is_that_months_installment(assistant):
    """"how much is our <month> installment?": the installment falling due in that month, not the next one."""
    from datetime import date

    from bot.calculators.repayment import compute_repayment

    on = date(2026, 10, 31)
    records = assistant.index.get().records.firm_records("P-T1-044")
    unpaid = [i for i in compute_repayment(records, assistant.params(assistant.index.get()), on).installments
              if i.outstanding_krw]
    later = unpaid[1]  # not the next one: the one after it
    month = later.due_on.strftime("%B %Y")
    asker = assistant.directory().partner("P-T1-044")
    for question in (f"how much is our {month} installment, and on which day?",
                     f"{later.due_on.year}년 {later.due_on.month}월 할부금 날짜랑 금액 알려주세요"):
        answer = assistant.answer(question, asker, None, as_of=on)
        assert answer.facts["window_due"] == [{"due_on": later.due_on.isoformat(), "krw": later.outstanding_krw}]
        first = answer.answer.splitlines()[0]
        assert f"{later.outstanding_krw:,}" in first and (later.due_on.isoformat() in first
                                                         or f"{later.due_on.day}일" in first)


def test_a_figure_of_the_askers_own_records_makes_the_question_about_them(assistant):
    """A partner stating its project's support or eligible cost asks about its records, however the heads read the
    rest; the §6 caps, another firm's figures and a guest's question do not count."""
    from datetime import date

    from bot.models import Asker

    on = date(2026, 10, 31)
    me = assistant.directory().partner("P-T1-020")
    states = lambda text, asker: assistant._states_own_figures(  # noqa: E731
        assistant.understand(text, asker, as_of=on), asker, assistant.index.get())
    assert states("the 382,508,000 won, what cost was it based on?", me)
    assert states("the eligible cost of KRW 819,660,000 in our file, is that right?", me)
    assert not states("what about 500,000,000 won?", me)  # the tier-1 cap
    assert not states("the 132,002,850 won, what cost was it based on?", me)  # another firm's figure
    assert not states("the 382,508,000 won, what cost was it based on?", Asker.guest())


def test_a_question_asking_by_year_lists_every_year_on_record(assistant):
    from datetime import date

    asker = assistant.directory().partner("P-T1-019")
    for question in ("how much of our reductions got verified, year by year?", "저희 감축량 검증된 거 해마다 얼마였어요?"):
        answer = assistant.answer(question, asker, None, as_of=date(2026, 10, 31))
        years = sorted(k for k in answer.facts if k.startswith("year_") and k[5:].isdigit())
        assert years and all(k in answer.facts for k in years), answer.facts.keys()
        assert len(years) >= 2


def test_a_tier2_partner_naming_its_own_customer_about_its_own_eligibility_is_answered_not_refused(assistant):
    """§4.1 ties a tier-2 partner to its tier-1 customer on record: "our customer Eunha Castings was barred, does
    that sink our own application?" is about the asker's own eligibility. The answer is the asker's own and says
    of the customer only what the asker's record says; the customer's own records stay unseen, and a question
    about the customer itself is refused as before."""
    from datetime import date

    on = date(2026, 10, 31)
    me = assistant.directory().partner("P-T2-028")  # its customer on record is P-T1-026, Eunha Castings
    for question in ("we heard our customer Eunha Castings was barred from the program. does that hurt our own "
                     "chances next round?",
                     "저희 원청 은하캐스팅이 참여 제한을 받았다는데 저희 신청 자격에도 영향이 있나요?"):
        answer = assistant.answer(question, me, None, as_of=on)
        assert answer.status == "answered" and answer.intent == "eligibility", question
        assert answer.facts["partner_id"] == "P-T2-028"
        assert "2028-03-31" not in answer.answer and "2028년 3월 31일" not in answer.answer  # the customer's bar
        assert "§4.1" in [c.locator for c in answer.citations]
    for question in ("is Eunha Castings eligible for the next round?", "what's our customer Eunha Castings' balance?",
                     "is our customer Eunha Castings eligible for the next round?",
                     "은하캐스팅 참여 제한 언제 풀려요?", "저희 원청 은하캐스팅 지원 자격 있어요?"):
        assert assistant.answer(question, me, None, as_of=on).status == "refused", question
    # a second sentence that only says whom the firm supplies asks nothing of its own; one that asks about the
    # customer keeps the question in parts, and is refused
    for question in ("can tier 2 firms apply? we only supply Eunha Castings.", "2차사도 신청되나요? 저흰 은하캐스팅에만 납품해요"):
        answer = assistant.answer(question, me, None, as_of=on)
        assert answer.status == "answered" and answer.facts["partner_id"] == "P-T2-028", question
        assert "2028-03-31" not in answer.answer and "2028년 3월 31일" not in answer.answer
    for question in ("can tier 2 firms apply? what does Eunha Castings owe?", "2차사도 신청되나요? 은하캐스팅 잔액은 얼마예요",
                     "can tier 2 firms apply? we only supply Eunha Castings?"):
        assert assistant.answer(question, me, None, as_of=on).status == "refused", question
    # another partner's customer is another firm
    other = assistant.directory().partner("P-T2-081")
    assert assistant.answer("we heard Eunha Castings was barred. does that hurt our own chances next round?", other,
                            None, as_of=on).status == "refused"


def test_an_eligibility_question_about_equipment_sold_says_what_section_11_made_of_it(assistant):
    """"we sold the furnace and paid off the rest: can we still apply?": the verdict, and what §11.1 did on the
    account (the installments that fell due at once on the sale, and when they were paid; a tier-2 grant's
    pro-rata refund, paid)."""
    from datetime import date

    on = date(2026, 10, 31)
    tier1 = assistant.directory().partner("P-T1-096")  # PRJ-T1-096 sold 2026-04-10, paid off 2026-04-24
    for question, paid in (("we sold the supported furnace in april and paid off the rest. can we still apply for "
                            "round 5?", "2026-04-24"),
                           ("4월에 지원받은 열처리로를 팔고 남은 잔액을 다 냈는데 5회차 신청 가능한가요?", "2026년 4월 24일")):
        answer = assistant.answer(question, tier1, None, as_of=on)
        assert answer.status == "answered" and answer.facts["partner_id"] == "P-T1-096", question
        assert answer.facts["settled_on"] == "2026-04-24" and paid in answer.answer
        assert "§11.1" in [c.locator for c in answer.citations]
    # without a word about the sale, the eligibility answer stays as it was
    assert "settled_on" not in assistant.answer("are we eligible for round 5?", tier1, None, as_of=on).facts
    tier2 = assistant.directory().partner("P-T2-125")  # PRJ-T2-125 sold 2026-03-01, refund paid
    for question, shown in (("we sold our heat recovery unit and paid the refund. is our firm still eligible for "
                             "tier-2 support?", "KRW 21,898,916"),
                            ("폐열회수 설비 팔고 반환금도 냈는데 저희 아직 2차사 지원 자격 있나요?", "21,898,916원")):
        answer = assistant.answer(question, tier2, None, as_of=on)
        assert answer.status == "answered" and shown in answer.answer, answer.answer


def test_two_years_named_get_what_falls_due_in_each(assistant):
    from datetime import date

    me = assistant.directory().partner("P-T1-057")  # 7,422,000 due 2026-11-30, 2027-02-28 and 2027-05-31
    for question in ("what do we pay in 2026 and in 2027?", "26년이랑 27년에 각각 얼마 내야 돼요?"):
        answer = assistant.answer(question, me, None, as_of=date(2026, 10, 31))
        assert answer.status == "answered", question
        assert [(y["year"], y["krw"]) for y in answer.facts["years_due"]] == [(2026, 7_422_000), (2027, 14_844_000)]
        assert [i["due_on"] for y in answer.facts["years_due"] for i in y["due"]] == ["2026-11-30", "2027-02-28",
                                                                                    "2027-05-31"]
        assert "WHATIF" not in answer.answer and "Give an amount" not in answer.answer


def test_a_project_not_yet_confirmed_complete_gets_the_support_its_recorded_cost_would_bring(assistant):
    """PRJ-T1-033 (round 5): eligible cost KRW 766,573,000 on record, no support or completion yet: 50% is
    KRW 383,286,500 (under the cap), and repaying starts 15 months after the confirmed completion date."""
    from datetime import date

    me = assistant.directory().partner("P-T1-033")
    for question, shown in (("once our chiller job is signed off, how much support will we get?", "KRW 383,286,500"),
                            ("칠러 사업 완료확인 나면 지원금 얼마 받아요?", "383,286,500원")):
        answer = assistant.answer(question, me, None, as_of=date(2026, 10, 31))
        assert answer.status == "answered" and shown in answer.answer, answer.answer
        assert answer.facts["pending_support"][0]["support_krw"] == 383_286_500
        assert {"§6.1", "§6.3"} <= set(c.locator for c in answer.citations)


def test_more_support_in_a_round_already_supported_is_what_is_left_of_the_cap(assistant):
    """§6.1: the cap is per company and funding round. P-T1-034 has KRW 80,236,000 in round 5, so at most
    KRW 419,764,000 more; a tier-2 partner gets one project a round (§4.4)."""
    from datetime import date

    on = date(2026, 10, 31)
    me = assistant.directory().partner("P-T1-034")
    for question, shown in (("we got round 5 support already. if we add another project this round, how much more "
                             "could we receive?", "KRW 419,764,000"),
                            ("이번 회차에 지원금 이미 받았는데 사업 하나 더 하면 얼마까지 더 받을 수 있어요?", "419,764,000원")):
        answer = assistant.answer(question, me, None, as_of=on)
        assert answer.status == "answered" and shown in answer.answer, answer.answer
        assert answer.facts["round_cap"]["left_krw"] == 419_764_000
    assert "round_cap" not in assistant.answer("how much support did we get?", me, None, as_of=on).facts


def test_a_question_about_lateness_gets_the_longest_delay_on_record(assistant):
    """P-T1-077 paid each of its six installments a few days after the due date; the longest delay was installment
    4 (due 2026-03-20, paid 2026-03-25), under the 30 days after which a notice is sent (§7.4)."""
    from datetime import date

    me = assistant.directory().partner("P-T1-077")
    for question, shown in (("have we ever been late with one of our installments?", "5 days late"),
                            ("저희 할부금 연체한 적 있어요? 제일 늦게 낸 건 며칠 늦었어요?", "5일 늦었")):
        answer = assistant.answer(question, me, None, as_of=date(2026, 10, 31))
        assert answer.status == "answered" and shown in answer.answer, answer.answer
        late = answer.facts["late_history"]
        assert len(late) == 6 and max(x["days_late"] for x in late) == 5
        assert "§7.4" in [c.locator for c in answer.citations]


def test_the_five_years_of_section_11_end_the_day_before_the_fifth_anniversary(assistant):
    from datetime import date

    me = assistant.directory().partner("P-T2-118")  # PRJ-T2-118 completed 2024-08-03
    for question, shown in (("when does our 5-year period to keep the equipment running end?", "2029-08-02"),
                            ("설비 5년 의무기간이 언제 끝나요?", "2029년 8월 2일")):
        answer = assistant.answer(question, me, None, as_of=date(2026, 10, 31))
        assert answer.status == "answered" and shown in answer.answer, answer.answer
        assert answer.facts["obligation_periods"] == [{"project_id": "PRJ-T2-118", "start": "2024-08-03",
                                                       "end": "2029-08-02"}]
        assert "§11.1" in [c.locator for c in answer.citations]
    assert "obligation_periods" not in assistant.answer("what is our crediting period?", me, None,
                                                        as_of=date(2026, 10, 31)).facts


def test_how_the_support_on_record_was_worked_out_is_answered_even_when_eligibility_needs_review(assistant):
    """P-T1-020's record leaves §3.3 open, so its eligibility is the desk's to decide; a question about how its
    support was worked out (the LED share of §5.1), stating the half it expected, is still answered, that first."""
    from datetime import date

    me = assistant.directory().partner("P-T1-020")
    for question, shown in (("our eligible cost was KRW 819,660,000, so why did we get 382,508,000 and not "
                             "409,830,000?", "KRW 81,966,000"),
                            ("지원대상 비용이 8억 1,966만 원인데 지원금이 왜 4억 983만 원이 아니라 3억 8,250만 8천 원이에요?",
                             "81,966,000원")):
        answer = assistant.answer(question, me, None, as_of=date(2026, 10, 31))
        assert answer.status == "answered", answer.answer
        assert shown in answer.answer.splitlines()[0]
    assert assistant.answer("are we eligible for round 5?", me, None, as_of=date(2026, 10, 31)).status == "needs_human"


def test_review_cases_of_the_new_record_lines(assistant):
    """What the new record lines must not do: take a new project's cost for a recorded figure, skip the desk when
    eligibility is asked, work a round's cap on an old round, claim no notice was reached while in default, show
    the §11.1 period for a crediting-period question, or answer a request for the customer's records."""
    from datetime import date

    on = date(2026, 10, 31)
    who = assistant.directory().partner
    # P-T1-001's recorded eligible cost halves to 620M: a new project of 620M is still a new project
    answer = assistant.answer("we're planning a new heat pump project with an eligible cost of KRW 620,000,000 next "
                              "round. how much support would we get?", who("P-T1-001"), None, as_of=on)
    assert "KRW 310,000,000" in answer.answer and "recorded_support" not in answer.facts, answer.answer
    # a firm whose eligibility needs the desk still gets it when it asks about eligibility
    assert assistant.answer("we got KRW 382,508,000 last time. are we eligible to apply for round 5?",
                            who("P-T1-020"), None, as_of=on).status == "needs_human"
    # supported only in round 3: a project in the round in progress starts from the full cap
    assert "round_cap" not in assistant.answer("could we get more support with another project? how much?",
                                               who("P-T1-001"), None, as_of=on).facts
    # in default: the history of paid installments claims nothing about notices
    answer = assistant.answer("were any of our installments paid late?", who("P-T1-049"), None, as_of=on)
    assert "none reached" not in answer.answer
    # the crediting period's 5 or 10 years are not §11.1's
    assert "obligation_periods" not in assistant.answer("is our crediting period 5 years or 10 years?",
                                                        who("P-T1-001"), None, as_of=on).facts
    # a request for the customer's records, written as a command, is refused, not dropped
    for question in ("can tier 2 firms apply? tell me Eunha Castings' outstanding balance.",
                     "are we eligible? Eunha Castings' exclusion end date please."):
        assert assistant.answer(question, who("P-T2-028"), None, as_of=on).status == "refused", question


def test_the_current_years_span_counts_only_what_is_left_to_pay(assistant):
    from datetime import date

    answer = assistant.answer("what do we pay in 2026 and in 2027?", assistant.directory().partner("P-T1-057"), None,
                              as_of=date(2026, 10, 31))
    assert "Still to pay of what falls due from 2026-01-01 to 2026-12-31" in answer.answer, answer.answer
    assert "Due from 2027-01-01 to 2027-12-31" in answer.answer
