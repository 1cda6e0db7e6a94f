"""What a question leans on: the question before it in a thread, the part before it, the asker's own figures.

Over the real sample: a follow-up what-if whose scenario is unclear alone reads it with the last question; an
amount of money the asker states is no number the documents lack; a project's cost told over two sentences is one
project; a guest's later part about its own firm is read with the scene the part before it set.
"""

from __future__ import annotations

import pytest

from tests.bot.test_assistant import ask

pytestmark = pytest.mark.slow


def test_a_follow_up_what_if_reads_what_it_changes_from_the_last_question(assistant):
    thread = "t-sale-then-date"
    ask(assistant, "could we sell the compressor early, before its five years are over?", "P-T2-103", thread=thread)
    second = ask(assistant, "and if it went on 2027-03-31, what would we have to pay back?", "P-T2-103", thread=thread)
    # §11.1: 28 whole months of the 60 remain from 2027-03-31 to the fifth anniversary (2029-08-22) of 2024-08-22
    assert second.facts.get("whatif_clawback_krw") == 70_000_000, second.answer
    assert "70,000,000" in second.answer and "§11.1" in [c.locator for c in second.citations]


def test_a_stated_amount_of_money_is_the_askers_figure_not_a_gap_in_the_documents(assistant):
    answer = ask(assistant, "say an installment is 31.7M and we only pay 25M on the due date; 40 days later, is that "
                            "overdue?")
    assert answer.status == "answered" and "§7.4" in [c.locator for c in answer.citations], answer.answer


def test_a_cost_told_over_two_sentences_is_one_project(assistant):
    answer = ask(assistant, "2차사예요. 히트펌프 견적이 부가세 포함 1억 1천만 원(부가세 1천만 원)이고, 부가세 뺀 1억 안에 "
                            "유지보수 계약 1천만 원이 들어 있어요. 지원금 얼마예요?")
    # §5.3 takes the VAT out, §5.2 the maintenance: 90,000,000 × 70% (§6.2)
    assert "63,000,000원" in answer.answer and "1차 협력사 지원금은" not in answer.answer, answer.answer
    assert answer.answer.count("지원대상 비용이 ") == 1


def test_a_guests_later_part_about_its_own_firm_gets_the_rule_read_with_the_part_before_it(assistant):
    answer = ask(assistant, "general question: if one installment of 31.7M is paid 5M short and it's 40 days later, "
                            "has KAP written to us yet, and could we still apply in round 5?")
    cited = [c.locator for c in answer.citations]
    assert answer.status == "answered" and "§7.4" in cited, answer.answer
    assert {"§3.4", "§11.3"} & set(cited), answer.answer  # what bars an application, for the last part


def test_a_given_completion_date_also_gives_the_first_monitoring_report(assistant):
    answer = ask(assistant, "if completion is confirmed on 2026-12-31, when is our first monitoring report due and "
                            "when is the first installment?")
    # §9.2: the reports start with the year of completion, each due 31 March of the next year; §7.2: 15 months
    assert answer.facts.get("whatif_first_report_year") == 2026 and "2027-03-31" in answer.answer, answer.answer
    assert "2028-03-31" in answer.answer and "§9.2" in [c.locator for c in answer.citations]


def test_a_conversion_deadline_question_gets_article_30s_years_from_each_years_certification(assistant):
    # §9.3: a year's reductions count as certified from the day its report was submitted (2023's: 2024-03-15);
    # Art. 30: a KOC must be converted within 5 years of its certification
    answer = ask(assistant, "the 2023 credits are certified but not converted - by when must they be converted?",
                 "P-T2-026")
    assert answer.facts["koc_convert_by"] == [{"project_id": "PRJ-T2-026", "year": 2023, "koc": 96.1,
                                               "certified_on": "2024-03-15", "convert_by": "2029-03-15"}]
    assert "2029-03-15" in answer.answer and {"Art. 30", "§9.3"} <= {c.locator for c in answer.citations}
    korean = ask(assistant, "KCU 전환 기한 언제까지예요?", "P-T2-026")
    assert [x["convert_by"] for x in korean.facts["koc_convert_by"]] == ["2029-03-15", "2030-03-15", "2031-03-15"]
    assert "2029년 3월 15일까지 전환해야 합니다" in korean.answer


def test_a_rule_the_question_names_by_its_title_is_cited_beside_the_figures(assistant):
    # §10.5 "Yearly statement" / "연간 확인서": named in the question, quoted and cited with the record figures
    english = ask(assistant, "what will the yearly statement show as our verified tonnes for 2025?", "P-T2-112")
    assert "§10.5" in [c.locator for c in english.citations] and english.facts.get("verified_tco2") is not None
    korean = ask(assistant, "연간 확인서에 나오는 저희 검증 감축량 몇 톤이에요?", "P-T2-112")
    assert "§10.5" in [c.locator for c in korean.citations] and "연간 확인서" in korean.answer
    plain = ask(assistant, "how many tonnes are verified so far?", "P-T2-112")
    assert "§10.5" not in [c.locator for c in plain.citations]


def test_a_guests_completion_date_in_korean_is_worked_out_for_every_part_that_asks_of_it(assistant):
    answer = ask(assistant, "만약 KAP가 2027년 1월 31일에 완료 확인을 해 주면 거치기간은 언제 끝나고, 첫 할부금은 언제예요? "
                            "첫 모니터링 보고서는 몇 년도분이에요?")
    # §7.2 with §2.16: 12 months to 2028-01-31, installment 1 at 15 months (2028-04-30: no 31 April); §9.2: 2027's
    # report (the completion year), due 2028-03-31
    assert answer.facts.get("whatif_grace_ends_on") == "2028-01-31", answer.answer
    assert answer.facts.get("whatif_first_due_on") == "2028-04-30"
    assert answer.facts.get("whatif_first_report_year") == 2027 and "2028년 3월 31일까지" in answer.answer


def test_a_follow_up_that_states_what_it_changes_keeps_its_own_scenario(assistant):
    thread = "t-sale-then-payment"
    ask(assistant, "could we sell the compressor early, before its five years are over?", "P-T1-002", thread=thread)
    second = ask(assistant, "and if we paid 30M on 2027-02-01, what's left?", "P-T1-002", thread=thread)
    assert second.facts.get("whatif") == "payment" and "whatif_clawback_krw" not in second.facts, second.answer


def test_a_guests_later_part_gets_no_passage_that_only_the_two_parts_words_find(assistant):
    answer = ask(assistant, "거치기간은 얼마나 돼요? 저희 남은 잔액은 얼마예요?")
    cited = {c.locator for c in answer.citations}
    assert "§7.2" in cited and not cited & {"§11.1", "§10.4"}, answer.answer


def test_a_piece_that_asks_in_a_later_clause_is_no_cost_statement(assistant):
    from datetime import date

    from bot.models import Asker

    question = ("our installment is 26.6M and we paid 20M on the due date; is that overdue after 40 days, and what "
                "does a 10M late payment mean for round 5?")
    understood = assistant.understand(question, Asker.guest(), as_of=date(2026, 10, 31))
    assert len(understood.parts) >= 2


def test_a_title_of_common_words_names_no_rule(assistant):
    cited = {c.locator for c in ask(assistant, "why are we not eligible?", "P-T1-004").citations}
    assert "§5.2" not in cited
    cited = {c.locator for c in ask(assistant, "저희는 1차 협력사인데 다음 납부일이 언제예요?", "P-T1-004").citations}
    assert "§2.1" not in cited


def test_a_follow_up_that_points_back_at_a_refused_firm_is_refused_too(assistant):
    thread = "t-other-firm-then-they"
    first = ask(assistant, "what does Garam Forging still owe on its support?", "P-T1-004", thread=thread)
    assert first.status == "refused", first.answer
    again = ask(assistant, "no figures then, just tell me: are they in default?", "P-T1-004", thread=thread)
    assert again.status == "refused" and "Garam" not in again.answer, again.answer
    # the firm's own figures, asked next in the same thread, are answered as usual
    own = ask(assistant, "fine. what's our own outstanding balance?", "P-T1-004", thread=thread)
    assert own.status == "answered" and "114,308,250" in own.answer, own.answer


@pytest.mark.parametrize("follow_up", [
    "never mind them. what is our outstanding balance?",  # the pronoun is not what is asked about
    "ok. when are our installments due and how much are they?",  # "they" are our installments
    "알겠어요. 저희 견적이 8억인데 거기에 LED 5천만 원 포함이면 지원금은요?",  # 거기에: in that quote
])
def test_a_follow_up_about_the_askers_own_firm_after_a_refusal_is_answered(assistant, follow_up):
    thread = f"t-refused-then-own-{abs(hash(follow_up))}"
    assert ask(assistant, "가람단조는 얼마 남았어요?", "P-T1-004", thread=thread).status == "refused"
    answer = ask(assistant, follow_up, "P-T1-004", thread=thread)
    assert answer.status == "answered", answer.answer


def test_a_completion_date_with_another_year_is_still_a_what_if(assistant):
    # P-T1-004's project was completed on 2024-03-20: the same day a year later is a what-if, not the record
    answer = ask(assistant, "if our completion had been confirmed on 2025-03-20 instead, when would the first "
                            "installment be due?", "P-T1-004")
    assert answer.facts.get("whatif_completion_on") == "2025-03-20", answer.answer


def test_a_pronoun_after_an_answered_turn_is_no_refusal(assistant):
    thread = "t-they-without-refusal"
    ask(assistant, "who funds the tier-1 support?", "P-T1-004", thread=thread)
    answer = ask(assistant, "and do they charge interest on it?", "P-T1-004", thread=thread)
    assert answer.status != "refused", answer.answer


def test_a_tier2_refund_what_if_cites_how_months_are_counted(assistant):
    answer = ask(assistant, "if we sold the compressor on 2027-03-31, what would we have to pay back?", "P-T2-103")
    cited = [c.locator for c in answer.citations]
    assert "§11.1" in cited and "§2.16" in cited, answer.answer


def test_a_tier1_estimate_says_what_each_installment_would_be(assistant):
    answer = ask(assistant, "tier 1: a chiller replacement at KRW 600M eligible cost - so we'd receive 300M? how "
                            "much is each repayment?")
    # §6.1: 50% of 600,000,000; §7.2: one eighth of 300,000,000 each
    assert answer.facts.get("estimate_support_krw") == 300_000_000, answer.answer
    assert answer.facts.get("estimate_installment_krw") == 37_500_000 and "37,500,000" in answer.answer


def test_a_completion_date_the_records_hold_is_no_what_if(assistant):
    # PRJ-T1-079: completion confirmed 2026-01-15, registered 2026-04-15; §10.4 counts from registration
    answer = ask(assistant, "our completion was confirmed on 2026-01-15, so when does our crediting period end?",
                 "P-T1-079")
    assert "whatif_completion_on" not in answer.facts and "2036-04-15" in answer.answer, answer.answer
