"""The rules say most things twice, once per tier: a question about one tier is answered by that tier's clause."""

from __future__ import annotations

import pytest

from bot.compose.documents import SentenceCache, best_sentences
from bot.models import Chunk, Hit
from bot.understand.mentions import tiers_of
from tests.bot.bag_of_words import Words


VOCAB = "minimum reduction tco2eq year expected project 감축 최소"


def _clause(locator: str, caption: str, text: str) -> Chunk:
    return Chunk(id=locator, text=text, source="rules.md", title="Rules", locator=locator, doc_type="rules",
                 heading=f"Program Rules > {locator} {caption}")


TIER1 = _clause("§3.5", "Minimum reduction", "A tier-1 partner's project must be expected to cut 50 tCO2eq per year.")
# the tier-2 twin also says "minimum": without the tier, it would rank first for either tier
TIER2 = _clause("§4.2", "Minimum reduction", "A tier-2 partner's project must be expected to cut at minimum 20 tCO2eq "
                                               "per year.")
OTHER = _clause("§9.1", "Monitoring plan", "The monitoring plan is approved before installation.")
HITS = [Hit(chunk=TIER1, score=1.0), Hit(chunk=OTHER, score=1.0), Hit(chunk=TIER2, score=1.0)]


def _top(question: str) -> str:
    embed = Words(VOCAB)
    return best_sentences(question, embed._one(question), HITS, SentenceCache(embed), limit=1)[0][0].locator


@pytest.mark.parametrize(("question", "locator"), [
    ("tier 1 minimum expected project cut per year?", "§3.5"),
    ("tier-2 minimum expected project cut per year?", "§4.2"),
    ("1차 협력사 minimum expected project cut per year?", "§3.5"),
])
def test_the_clause_of_the_tier_asked_about_ranks_first(question, locator):
    assert _top(question) == locator


def test_without_the_tier_ranking_the_other_tiers_twin_would_answer(monkeypatch):
    monkeypatch.setattr("bot.compose.documents.OTHER_TIER", 0.0)
    assert _top("tier 1 minimum expected project cut per year?") == "§4.2"


def test_a_sentence_is_about_the_tier_it_names_first(monkeypatch):
    both = _clause("§8", "Tier-2 support", "Tier-2 partners are supported under different terms from tier-1 partners, "
                                           "with an expected project cut per year.")
    embed = Words(VOCAB)
    question = "tier 1 minimum expected project cut per year?"
    hits = [Hit(chunk=both, score=1.0), Hit(chunk=TIER1, score=1.0)]
    assert best_sentences(question, embed._one(question), hits, SentenceCache(embed), limit=1)[0][0].locator == "§3.5"
    monkeypatch.setattr("bot.compose.documents.OTHER_TIER", 0.0)
    assert best_sentences(question, embed._one(question), hits, SentenceCache(embed), limit=1)[0][0].locator == "§8"


def test_a_question_about_both_tiers_or_neither_is_ranked_without_it():
    assert _top("minimum expected project cut per year for tier-1 and tier-2?") == "§4.2"
    assert _top("minimum expected project cut per year?") == "§4.2"


def test_the_tier_ranking_leaves_the_grounding_score_alone(monkeypatch):
    embed = Words(VOCAB)
    question = "tier 1 minimum expected project cut per year?"
    scores = []
    for penalty in (0.1, 0.0):
        monkeypatch.setattr("bot.compose.documents.OTHER_TIER", penalty)
        plain: dict[str, float] = {}
        ranked = best_sentences(question, embed._one(question), [Hit(chunk=TIER2, score=1.0)], SentenceCache(embed),
                                grounding=plain)
        scores.append((plain[TIER2.text], ranked[0][2]))
    assert scores[0][0] == pytest.approx(scores[1][0])  # the grounding signal is the same
    assert scores[0][1] == pytest.approx(scores[1][1] - 0.1)  # only the ranking is lowered


@pytest.mark.parametrize(("text", "tiers"), [
    ("Tier-2 partners are supported from the revolving fund under different terms from tier-1 partners.", ["2", "1"]),
    ("1차 협력사는 지원대상 비용의 50%를 지원받는다.", ["1"]),
    ("2차사도 갚아야 돼요?", ["2"]),
    ("저흰 2차사인데요", ["2"]),
    ("제1차 계획기간", []),
    ("2차 사업도 같은가요? 1차 사용분은요? 제2차 사업연도", []),
    ("The 2nd phase covered 2018 to 2020.", []),
])
def test_the_tiers_a_text_speaks_of(text, tiers):
    assert tiers_of(text) == tiers
