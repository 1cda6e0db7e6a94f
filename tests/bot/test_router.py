"""Intent routing is deterministic and explainable, and holds on paraphrases, typos and terse phrasings."""

from __future__ import annotations

import pytest

from bot.router import Router, asks_about_records, keyword_scores
from bot.store.embeddings import get_embeddings


@pytest.fixture(scope="module")
def router():
    return Router(get_embeddings())


PARAPHRASES = {
    "eligibility": ["are we eligible?", "r we eligble", "Do we qualify for the support program?",
                    "can our company join as a tier-2 supplier?", "is solar on our roof eligible?",
                    "we want to replace two boilers with heat pumps, cost KRW 300M", "what's the support cap for tier-2?"],
    "repayment": ["when is our next installment due?", "how much do we still owe?", "repayment status?",
                  "can we postpone a payment for three months?", "what happens if we pay late?",
                  "is there interest on the repayment?", "whens the next payment"],
    "offset": ["who owns the credits from our project?", "how much of our reduction is verified?",
               "when is the monitoring report due?", "how long is the crediting period?",
               "what if we sell the new compressor?", "KOC status pls"],
    "law": ["what does the emissions trading act say about banking allowances?", "Art 33 penalty?",
            "which companies are allocated entities?", "when must allowances be surrendered?",
            "is fraudulent certification a crime?"],
    "program": ["who runs the program?", "what is the revolving fund?", "who can see our records?"],
    "help": ["help", "what can you do?", "hi"],
    "out_of_scope": ["what's the weather tomorrow?", "tell me a joke", "What is the capital of Australia?"],
}


@pytest.mark.parametrize("intent,question", [(i, q) for i, qs in PARAPHRASES.items() for q in qs])
def test_paraphrases_route_to_their_intent(router, intent, question):
    route = router.route(question, router.embeddings.embed_query(question))
    assert route.intent == intent, route.why


def test_clause_references_decide_the_intent(router):
    for question, intent in [("what does §7.4 say?", "repayment"), ("section 3.2?", "eligibility"),
                             ("explain Article 29", "law"), ("§12.1", "program"), ("clause 10.4", "offset")]:
        route = router.route(question, router.embeddings.embed_query(question))
        assert route.intent == intent and route.confident and "names" in route.why


def test_routing_is_deterministic(router):
    q = "can we defer our installments?"
    v = router.embeddings.embed_query(q)
    assert len({router.route(q, v) for _ in range(5)}) == 1


def test_keyword_scores_explain_the_decision():
    assert keyword_scores("what is our outstanding balance?") == {"repayment": 4}
    assert keyword_scores("the capital of France") == {}


@pytest.mark.parametrize("question,intent,expected", [
    ("are we eligible?", "eligibility", True),
    ("what are the eligibility criteria for tier-2 firms?", "eligibility", False),
    ("repayment status?", "repayment", True),
    ("How many installments are there?", "repayment", False),
    ("what happens if a partner misses a payment?", "repayment", False),
    ("who owns the credits from our project?", "offset", True),
    ("can we buy used machines?", "eligibility", False),
    ("can we get support for another project? are we eligible?", "eligibility", True),
])
def test_record_questions_are_told_from_rule_questions(question, intent, expected):
    assert asks_about_records(question, intent) is expected
