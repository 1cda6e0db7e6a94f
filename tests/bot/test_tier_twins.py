"""The rules say most things twice, once per tier: a question about one tier is answered by that tier's clause."""

from __future__ import annotations

import numpy as np
import pytest

from bot.compose.documents import SentenceCache, best_sentences, tier_of
from bot.models import Chunk, Hit


class Words:
    VOCAB = "minimum reduction tco2eq year expected project 감축 최소".split()

    def _one(self, text: str) -> list[float]:
        v = np.array([float(w in text.lower()) for w in self.VOCAB]) + 1e-3
        return list(v / np.linalg.norm(v))

    def embed_documents(self, texts):
        return [self._one(t) for t in texts]


def _clause(locator: str, caption: str, text: str) -> Chunk:
    return Chunk(id=locator, text=text, source="rules.md", title="Rules", locator=locator, doc_type="rules",
                 heading=f"Program Rules > {locator} {caption}")


TIER1 = _clause("§3.5", "Minimum reduction", "A tier-1 partner's project must be expected to cut 50 tCO2eq per year.")
TIER2 = _clause("§4.2", "Minimum reduction", "A tier-2 partner's project must be expected to cut 20 tCO2eq per year.")


@pytest.mark.parametrize(("question", "locator"), [
    ("what is the minimum expected reduction per year for a tier-2 project?", "§4.2"),
    ("tier 1 minimum reduction per year?", "§3.5"),
    ("2차사 최소 감축 tCO2eq 기준?", "§4.2"),
])
def test_the_clause_of_the_tier_asked_about_ranks_first(question, locator):
    embed = Words()
    for hits in ([Hit(chunk=TIER1, score=1.0), Hit(chunk=TIER2, score=0.9)],
                 [Hit(chunk=TIER2, score=1.0), Hit(chunk=TIER1, score=0.9)]):
        top = best_sentences(question, embed._one(question), hits, SentenceCache(embed), limit=1)
        assert top[0][0].locator == locator


def test_a_question_about_both_tiers_ranks_as_before():
    embed = Words()
    question = "minimum reduction per year for tier-1 and tier-2?"
    top = best_sentences(question, embed._one(question), [Hit(chunk=TIER1, score=1.0), Hit(chunk=TIER2, score=0.9)],
                         SentenceCache(embed), limit=2)
    assert {c.locator for c, _, _ in top} == {"§3.5", "§4.2"} and top[0][2] - top[1][2] < 0.05


@pytest.mark.parametrize(("text", "tier"), [
    ("Tier-2 partners are supported from the revolving fund under different terms from tier-1 partners.", "2"),
    ("1차 협력사는 지원대상 비용의 50%를 지원받는다.", "1"),
    ("2차사도 갚아야 돼요?", "2"),
    ("제1차 계획기간", None),
    ("The 2nd phase covered 2018 to 2020.", None),
])
def test_the_tier_a_text_speaks_of_first(text, tier):
    assert tier_of(text) == tier
