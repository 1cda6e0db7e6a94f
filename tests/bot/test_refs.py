"""Clause and article references as askers write them, and what a passage that points elsewhere brings in."""

from __future__ import annotations

import pytest

from bot.compose.documents import SentenceCache, plan
from bot.models import Chunk, Hit
from bot.retrieval.refs import find_refs
from tests.bot.bag_of_words import Words


@pytest.mark.parametrize(("text", "refs"), [
    ("what does §7.4 say, and Article 29?", ["§7.4", "Art. 29"]),
    ("제29조 상쇄 한도", ["Art. 29"]),
    ("30조에서 감축량 인증 전에 뭘 요구하나요?", ["Art. 30"]),  # Korean askers often leave 제 out
    ("29조랑 30조 차이", ["Art. 29", "Art. 30"]),
    ("제 29 조", ["Art. 29"]),
    ("매출이 1조 2천억 원인데요", []),  # an amount in trillions of won
    ("1.5조원", []),
    ("3조건 다 맞아요?", []),
    ("29조랑 30조 차이가 뭐예요", ["Art. 29", "Art. 30"]),
    ("41조?", ["Art. 41"]),
    ("자산총액 5조 이상인 기업집단 계열사도 되나요?", []),  # amounts, however the sentence goes on
    ("매출 5조를 넘는 회사", []),
    ("10조가 넘는 그룹", []),
    ("3조 달러", []),
])
def test_references_as_written(text, refs):
    assert find_refs(text) == refs


def _chunk(locator: str, text: str, doc_type: str = "law") -> Chunk:
    return Chunk(id=locator, text=text, source="law.md", title="Act", locator=locator, doc_type=doc_type,
                 heading=f"Act > {locator}")


def test_a_sentence_that_points_at_an_article_is_followed_by_what_that_article_says():
    art2 = _chunk("Art. 2", "The Act does not define external project: the term comes from Article 29 and the guideline.")
    art29 = _chunk("Art. 29", "An entity may convert certified reductions into offset credits. "
                               "Credits are capped at 10% of the obligation. "
                               "Under the guideline, an external project lies outside the boundary of every "
                               "allocated entity.")
    question = "what is an external project under the act?"
    embed = Words("allocated entity external project defined guideline boundary convert offset credits act")
    chosen, _, _ = plan(question, embed._one(question), [Hit(chunk=art2, score=1.0)], SentenceCache(embed),
                        clause={"Art. 29": art29}.get)
    assert [c.locator for c, _ in chosen] == ["Art. 2", "Art. 29", "Art. 29"]
    # the article's opening sentence and the one that answers, in its own order; not the cap in between
    assert [s for c, s in chosen if c is art29] == [
        "An entity may convert certified reductions into offset credits.",
        "Under the guideline, an external project lies outside the boundary of every allocated entity."]
