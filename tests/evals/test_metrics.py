"""Metric functions on hand-made answers: perfect, missing citation, extra citation, a leak, an unsupported number."""

from __future__ import annotations

from evals.gold import GoldCase
from evals.metrics import (cited_sentence_share, content_words, facts_missing, percentile, ranking, score_case,
                           summarize,
                           supports, unsupported_numbers)

CASE = GoldCase.model_validate({
    "id": "t-1", "category": "repayment", "question": "when is our next installment due?",
    "asker": {"partner": "P-T1-001"},
    "expect": {"status": "answered", "intent": "repayment", "cite": ["§7.2", "Partner record P-T1-001"],
               "facts": ["2026-12-20", "KRW 62,500,000"], "forbid": ["P-T1-040"]},
})
RULE = {"n": 1, "id": "r", "source": "knowledge/program/rules.md", "title": "Program Rules", "locator": "§7.2",
        "quote": "The support is repaid in 8 equal quarterly installments, one every 3 months."}
RECORD = {"n": 2, "id": "p", "source": "knowledge/partners/ledger.csv", "title": "Partner record",
          "locator": "Partner record P-T1-001, ledger as of 2026-10-31", "quote": "2026-09-20: KRW 62,500,000"}


def payload(answer: str, citations: list[dict], facts: dict | None = None, status: str = "answered") -> dict:
    return {"question": CASE.question, "status": status, "intent": "repayment", "answer": answer,
            "citations": citations, "facts": facts or {"next_due_on": "2026-12-20", "next_due_krw": 62500000},
            "private": True, "latency_ms": 12.0}


PERFECT = "The next installment of KRW 62,500,000 is due on 2026-12-20. [2][1]"


def test_a_perfect_answer_scores_full_marks():
    s = score_case(CASE, payload(PERFECT, [RULE, RECORD]), ["§7.2", "Partner record P-T1-001, ledger"])
    assert s.passed and s.cite_recall == 1.0 and s.cite_precision == 1.0 and s.mrr == 0.75 and s.recall_at_5 == 1.0


def test_a_missing_citation_lowers_recall_and_fails():
    s = score_case(CASE, payload(PERFECT.replace("[1]", ""), [RECORD]), [])
    assert s.cite_recall == 0.5 and not s.passed and "missing citations ['§7.2']" in s.reasons[0]


def test_an_extra_unrelated_citation_lowers_precision():
    extra = {"n": 3, "id": "x", "source": "s", "title": "Act", "locator": "Art. 33", "quote": "A penalty surcharge applies."}
    s = score_case(CASE, payload(PERFECT + " See also [3].", [RULE, RECORD, extra]), [])
    assert round(s.cite_precision, 2) == 0.67


def test_a_leak_is_counted_and_fails_the_case():
    s = score_case(CASE, payload(PERFECT + " Unlike P-T1-040.", [RULE, RECORD]), [])
    assert s.leaks == ["P-T1-040"] and not s.passed


def test_an_unsupported_number_is_caught():
    bad = payload("The next installment of KRW 70,000,000 is due on 2026-12-20. [2][1]", [RULE, RECORD])
    assert unsupported_numbers(bad) == ["70000000"]
    assert not score_case(CASE, bad, []).passed


def test_clause_numbers_are_not_claims_and_summaries_add_up():
    text = "Under §7.4 and Art. 29 nothing changes. [1]"
    assert unsupported_numbers(payload(text, [RULE])) == []
    assert cited_sentence_share("Installments are due every 3 months. [1]\nThey may be deferred.") == 0.5
    perfect = score_case(CASE, payload(PERFECT, [RULE, RECORD]), ["§7.2"])
    leak = score_case(CASE, payload(PERFECT + " P-T1-040", [RULE, RECORD]), [])
    summary = summarize([perfect, leak])
    assert summary["pass_rate"] == 0.5 and summary["leaks"] == 1 and summary["status_accuracy"] == 1.0


def test_ranking_is_the_hits_for_a_document_answer_and_citations_first_for_a_calculator_answer():
    hits = [("h1", "§3.1"), ("h2", "FAQ-02"), ("h3", "§7.2")]
    from_hits = [{"n": 1, "id": "h3", "locator": "§7.2"}]
    assert ranking(from_hits, hits) == ["§3.1", "FAQ-02", "§7.2"]
    calculator = [{"n": 1, "id": "rec", "locator": "Partner record P-T1-001, ledger"}, {"n": 2, "id": "h3", "locator": "§7.2"}]
    assert ranking(calculator, hits) == ["Partner record P-T1-001, ledger", "§7.2", "§3.1", "FAQ-02"]
    s = score_case(CASE, payload(PERFECT, [RULE, RECORD]), ranking(calculator, hits))
    assert s.recall_at_5 == 1.0 and s.mrr == 0.75  # record at rank 1, §7.2 at rank 2


def test_a_citation_supports_only_through_numbers_or_three_content_words_of_its_own_sentences():
    rule = {**RULE, "quote": "Installments are repaid quarterly by every partner firm."}
    assert supports(rule, "Partner firms repay installments quarterly. [1]")
    assert not supports(rule, "Partner firms repay installments quarterly.")  # no marker, no support
    assert not supports(rule, "These are from that which would have been. [1]")  # stop words only
    assert "with" not in content_words("with these installments") and "installments" in content_words("installments")


def test_refusal_metrics_are_not_measured_without_refusals_and_p95_is_nearest_rank():
    perfect = score_case(CASE, payload(PERFECT, [RULE, RECORD]), [])
    summary = summarize([perfect])
    assert summary["refusal_precision"] is None and summary["refusal_recall"] is None
    assert percentile(list(range(1, 21)), 0.95) == 19 and percentile([5.0], 0.95) == 5.0


def test_a_wrong_status_fails_a_wrong_intent_is_counted_apart_and_refusals_are_counted():
    refused = GoldCase.model_validate({**CASE.model_dump(exclude={"source"}), "id": "t-2",
                                       "expect": {"status": "refused", "forbid": ["P-T1-040"]}})
    answered = score_case(refused, payload(PERFECT, [RULE, RECORD]), [])
    assert answered.reasons[0] == "status answered != refused"
    wrong_intent = score_case(CASE, {**payload(PERFECT, [RULE, RECORD]), "intent": None}, [])
    assert wrong_intent.passed and wrong_intent.intent_ok is False  # the asker never sees the intent
    ok = score_case(refused, payload("I can't share another firm's records.", [], facts={}, status="refused"), [])
    summary = summarize([answered, ok, wrong_intent])
    assert summary["refusal_recall"] == 0.5 and summary["refusal_precision"] == 1.0
    assert summary["intent_accuracy"] == 0.0  # only the case that names an intent is counted


def test_an_amount_fact_counts_however_the_answer_writes_it():
    answer = {"answer": "Support is capped at KRW 500 million per company.", "facts": {}}
    assert facts_missing(answer, ["KRW 500,000,000"]) == []
    assert facts_missing(answer, ["KRW 50,000,000"]) == ["KRW 50,000,000"]
    assert facts_missing({"answer": "한도는 5억 원입니다.", "facts": {}}, ["KRW 500,000,000"]) == []


def test_a_date_fact_counts_however_either_side_writes_it():
    korean = {"answer": "2016년 12월 3일 당일 또는 그 이후에 시작된 사업만 인정된다.", "facts": {}}
    for fact in ("2016년 12월 3일", "2016-12-03", "2016년 12월 3일 당일"):
        assert facts_missing(korean, [fact]) == [], fact
    assert facts_missing({"answer": "due on 2016-12-03", "facts": {}}, ["2016년 12월 3일"]) == []
    assert facts_missing(korean, ["2016년 12월 4일"]) == ["2016년 12월 4일"]


def test_asking_instead_of_answering_fails_the_case_and_is_counted_as_the_clarify_rate():
    question = "I want to answer the right question: do you mean your firm's repayment status or the repayment rules?"
    asked = payload(question, [], facts={"clarify": [{"reading": "repayment:own"}, {"reading": "repayment:rules"}]},
                    status="clarify")
    s = score_case(CASE, asked, [])
    assert not s.passed and s.reasons[0] == "status clarify != answered"
    expected = GoldCase.model_validate({**CASE.model_dump(exclude={"source"}), "id": "t-3",
                                        "expect": {"status": "clarify"}})
    assert score_case(expected, asked, []).passed  # a gold case may expect the question (the review export)
    perfect = score_case(CASE, payload(PERFECT, [RULE, RECORD]), [])
    assert summarize([s, perfect, perfect, perfect])["clarify_rate"] == 0.25
    assert summarize([perfect])["clarify_rate"] == 0.0
