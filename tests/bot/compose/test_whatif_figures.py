"""What-if figures that follow from the rules text, each worked out here by hand from §7 and §11.1 and the sample
records (knowledge/partners), not from the calculators."""

from __future__ import annotations

from tests.bot.compose.checks import composed_lines


def _line(answer, start: str) -> str:
    return next(line for line in composed_lines(answer) if line.startswith(start))


def test_idle_equipment_counts_only_after_six_months_so_late_idling_owes_nothing(composer):
    # PRJ-T2-082: completed 2023-01-25, so the 5 years end on 2028-01-24. Idle from 2027-09-01 counts from the day
    # after 2028-03-01, 2028-03-02: outside the 5 years, no refund. A sale on 2027-09-01 would still owe one.
    a = composer.answer("P-T2-082", "repayment", "what if our heat pump stands idle from 2027-09-01?", "en",
                        scenario="disposal")
    idle = _line(a, "Left idle from 2027-09-01")
    assert "2028-03-02" in idle and "2028-01-24" in idle and "nothing would fall due" in idle
    assert "whatif_idle_clawback_krw" not in a.facts
    # sold on 2027-09-01: whole months to 2028-01-25 are 4, so 74,486,300 × 4 / 60 rounded down
    assert a.facts["whatif_clawback_krw"] == 74_486_300 * 4 // 60


def test_idle_on_record_says_what_falls_due_when_six_months_are_up(composer):
    # PRJ-T2-128: grant 65,595,600, completed 2023-12-01, idle since 2026-07-01 (on record). It counts from
    # 2027-01-02; the refund runs over the whole months from 2026-07-01 to 2028-12-01: 29 of 60.
    for language, question, start in (("en", "how much do we owe?", "The equipment of PRJ-T2-128"),
                                      ("ko", "저희 갚을 돈 있나요?", "PRJ-T2-128 사업의 설비는")):
        a = composer.answer("P-T2-128", "repayment", question, language)
        line = _line(a, start)
        assert ("2027-01-02" if language == "en" else "2027년 1월 2일") in line
        assert f"{65_595_600 * 29 // 60:,}" in line
        assert a.facts["idle_pending"] == [{"project_id": "PRJ-T2-128", "idle_since": "2026-07-01",
                                            "effective_on": "2027-01-02", "amount_krw": 31_704_540}]


def test_a_payment_in_default_leaves_the_firm_in_default_until_all_is_paid(composer):
    a = composer.answer("P-T1-041", "repayment", "if we pay KRW 6,031,875 today, are we out of default?", "en",
                        scenario="payment")
    left = a.facts["outstanding_krw"] - 6_031_875
    assert a.facts["whatif_state_after"] == "default"
    assert composed_lines(a)[0] == (f"A payment of KRW 6,031,875 on 2026-10-31 would go toward the balance already "
                                    f"due at once, leaving KRW {left:,} outstanding.")
    assert any("would still be in default" in line for line in composed_lines(a))


def test_a_payment_that_clears_the_overdue_installment_names_the_next_one(composer):
    # P-T1-024: installment 4 (due 2024-09-16 + 24 months) is overdue; installment 5 falls due on 2026-12-16.
    a = composer.answer("P-T1-024", "repayment", "if we pay KRW 30,000,000 today, where does it go?", "en",
                        scenario="payment")
    line = _line(a, "Nothing would be overdue any more.")
    assert "2026-12-16" in line and a.facts["whatif_next_due_on"] == "2026-12-16"


def test_eligibility_on_a_later_day_counts_the_days_overdue_then(composer):
    # P-T1-102: installment 3 was due 2026-10-01 (completion 2025-01-01 + 21 months) and is unpaid; on
    # 2026-10-31 that is 30 days (still eligible), tomorrow 31 (§3.4 fails).
    a = composer.answer("P-T1-102", "eligibility", "if installment 3 still isn't paid tomorrow, are we still eligible?",
                        "en", scenario="missed")
    assert a.facts["verdict"] == "eligible" and a.facts["whatif_verdict"] == "not_eligible"
    first = composed_lines(a)[0]
    assert first.startswith("If nothing more is paid or changes by 2026-11-01, on that day P-T1-102 would not meet §3.4")
    assert "31 days overdue" in first


def test_a_payment_too_small_to_settle_what_is_due_says_so(composer):
    # P-T1-101 is in notice on 2026-10-31: one million won leaves the overdue installment unpaid
    a = composer.answer("P-T1-101", "repayment", "if we pay KRW 1,000,000 today, where does it go?", "en",
                        scenario="payment")
    lines = composed_lines(a)
    assert not any("Nothing would be overdue" in line for line in lines)
    assert any(line.startswith("That would not settle everything due:") for line in lines)


def test_eligibility_on_a_later_day_only_when_nothing_else_changes(composer):
    # P-T1-099 is excluded until 2026-10-31 (today): tomorrow it meets every criterion, and "still" would be wrong
    a = composer.answer("P-T1-099", "eligibility", "if nothing changes, are we eligible tomorrow?", "en",
                        scenario="missed")
    assert a.facts["verdict"] == "not_eligible" and a.facts["whatif_verdict"] == "eligible"
    assert composed_lines(a)[0] == ("If nothing more is paid or changes by 2026-11-01, on that day P-T1-099 would "
                                    "meet every criterion.")
    # a payment on that day is a calculation of its own, not "if nothing changes"
    paid = composer.answer("P-T1-102", "eligibility", "if we pay the overdue installment on 2026-11-05, are we "
                           "eligible then?", "en", scenario="payment")
    assert "whatif_verdict" not in paid.facts


def test_a_prepayment_names_the_new_last_payment_and_what_is_left_of_it(composer):
    # P-T1-091: PRJ-T1-091 is repaid; PRJ-T1-091-2 (458,802,000, completed 2025-04-14) has 8 installments of
    # 57,350,250, #1 and #2 paid, nothing due on 2026-10-31. KRW 80,000,000 prepays the latest first (§7.3):
    # #8 (2028-04-14) in full, 22,649,750 of #7 (15 + 18 months = 2028-01-14), leaving 34,700,500 on it.
    for language, question, end in (
            ("en", "if we pay KRW 80,000,000 today, when would we finish?", "with a last payment of KRW 34,700,500"),
            ("ko", "오늘 8천만 원 미리 내면 언제 끝나요?", "2028년 1월 14일에 마지막으로 34,700,500원")):
        a = composer.answer("P-T1-091", "repayment", question, language, scenario="payment")
        assert a.facts["whatif_new_last_due_on"] == "2028-01-14" and a.facts["whatif_last_due_krw"] == 34_700_500
        assert end in composed_lines(a)[0]


def test_paying_the_next_installment_is_simulated_on_its_due_date(composer):
    # P-T1-062: 86,630,815 outstanding on 2026-10-31; the next installment, 28,876,937, falls due on 2026-11-30.
    # Paid then, it settles that installment (paid today, the same sum would go to the last ones first, §7.3).
    for language, question, start in (
            ("en", "what is left once we've paid the next installment?",
             "A payment of KRW 28,876,937 on 2026-11-30 would settle KRW 28,876,937 due by then, leaving "
             "KRW 57,753,878 outstanding"),
            ("ko", "다음 할부금 내고 나면 얼마 남아요?",
             "2026년 11월 30일에 28,876,937원을 납부하시면 그때까지 납부기한이 도래한 28,876,937원에 충당되어 미상환 "
             "잔액은 57,753,878원이 됩니다")):
        a = composer.answer("P-T1-062", "repayment", question, language, scenario="payment")
        assert composed_lines(a)[0].startswith(start), composed_lines(a)[0]
        assert a.facts["whatif_prepays_krw"] == 0


def test_paying_early_before_the_next_installment_is_a_prepayment_not_that_installment(composer):
    # "early" / "미리": the sum goes to the last installments first (§7.3); with no sum named, the asker is asked
    for language, question in (("en", "what if we pay the next installment early, today?"),
                               ("ko", "다음 할부금을 지금 미리 내면 잔액은?")):
        a = composer.answer("P-T1-062", "repayment", question, language, scenario="payment")
        assert "whatif_prepays_krw" not in a.facts or a.facts["whatif_prepays_krw"] > 0


def test_a_payoff_in_a_named_month_is_a_payoff_not_that_months_installments(composer):
    a = composer.answer("P-T1-062", "repayment", "how much would it cost to pay off the whole balance in February 2027?",
                        "en", scenario="payoff")
    # paid on 2027-02-01 (the month named), before February's installment; the installment due before it
    # (2026-11-30) taken as paid on schedule: what is left then
    assert a.facts["whatif"] == "payoff" and a.facts["whatif_payoff_on"] == "2027-02-01"
    assert a.facts["whatif_payoff_scheduled"] == [{"due_on": "2026-11-30", "krw": 28_876_937}]
    assert a.facts["whatif_payoff_krw"] == 57_753_878  # KRW 86,630,815 outstanding today, less that installment
    assert composed_lines(a)[0].startswith("With the installment due on 2026-11-30 (KRW 28,876,937) paid on schedule, "
                                           f"KRW {a.facts['whatif_payoff_krw']:,} is left to repay on 2027-02-01")


def test_a_balance_asked_at_a_later_day_counts_the_installments_due_before_it_as_paid(composer):
    """"how much will we still owe at the end of 2027?": the installments due by then paid on schedule, what is
    left; read as a payoff, the same figure is what paying everything that day would take."""
    for language, question in (("en", "assuming every installment is paid on time, how much will we still owe at "
                                      "the end of 2027?"),
                               ("ko", "할부금을 제때 다 낸다고 하면 2027년 말에 남는 잔액은 얼마예요?")):
        for scenario in ("payoff", "none"):
            a = composer.answer("P-T1-079", "repayment", question, language, scenario=scenario)
            left = a.facts.get("whatif_payoff_krw", a.facts.get("window_left_after_krw"))
            assert left == 273_999_689, (language, scenario, a.facts)


def test_a_question_about_lateness_gets_the_late_history_beside_another_what_if(composer):
    # read as a deferral what-if, a question that asks about late payments still gets the firm's lateness history;
    # a missed-payment what-if ("if we keep paying late") does not: it is answered by what would follow
    text = "since our deferral, have we paid any installment late?"
    beside = composer.answer("P-T1-043", "repayment", text, "en", scenario="deferral")
    assert "late_history" in beside.facts, beside.answer
    missed = composer.answer("P-T1-043", "repayment", "if we keep paying late, what happens?", "en", scenario="missed")
    assert "late_history" not in missed.facts, missed.answer


def test_the_criteria_on_a_later_day_are_facts_of_the_answer(composer):
    # P-T1-101's installment due 2026-10-01 is unpaid: on 2026-11-05 it would be 35 days overdue (§3.4 fails)
    answer = composer.answer("P-T1-101", "eligibility", "if it's still unpaid on 2026-11-05, are we still eligible?",
                             "en", scenario="missed")
    from tests.bot.test_assistant import unsupported_numbers

    assert "35 days overdue" in answer.answer and not unsupported_numbers(answer), answer.answer
    assert any("35 days" in c["value"] for c in answer.facts["whatif_criteria"])
