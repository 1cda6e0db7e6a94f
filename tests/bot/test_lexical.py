"""The words BM25 and word overlap compare: contractions and possessives leave no stray letters behind."""

from __future__ import annotations

from bot.models import Asker, Chunk
from bot.store.lexical import LexicalIndex, tokenize


def test_a_clitic_is_no_word():
    assert tokenize("what's an external project?") == ["extern", "project"]
    assert tokenize("the entity’s cap, we'll see, it doesn't apply") == ["entiti", "cap", "see", "appli"]
    assert "s" not in tokenize("Hyundai's partners' rules, §7.4's text") and "t" not in tokenize("don't, can't, isn't")
    assert "won" not in tokenize("why won't my LED cost count?")  # the negative is not the currency
    assert "won" in tokenize("KRW 5,000 won")


def _chunk(i: int, text: str) -> Chunk:
    return Chunk(id=f"c{i}", text=text, heading=f"h{i}", locator=f"§{i}", doc_type="rules", source="rules.md", title="Rules",
                 visibility="public", language="en")


def test_a_possessive_elsewhere_does_not_outrank_the_passage_that_answers():
    index = LexicalIndex([_chunk(1, "The cap is 500M."),
                          *[_chunk(i, f"Round {i} of the program has its own cap, set by the committee.") for i in range(2, 6)],
                          _chunk(9, "The entity's partner's plan's figures are kept.")])
    ranked = [c.id for c, _ in index.search("what's the cap?", 3, Asker.guest())]
    assert ranked[0] == "c1" and "c9" not in ranked


def test_an_adjective_in_able_of_a_known_word_is_known():
    from bot.store.lexical import derived_from_known, tokenize

    vocabulary = set(tokenize("the fund pays support; equipment in use; sell the equipment"))
    assert all(derived_from_known(t, vocabulary) for t in tokenize("fundable sellable"))
    # a base under four letters is too short to tell ("capable" is not of "cap", "notable" not of "not")
    vocabulary |= set(tokenize("cap not"))
    assert not any(derived_from_known(t, vocabulary) for t in tokenize("insurable table cable fund capable notable"))
