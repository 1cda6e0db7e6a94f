"""A sentence that opens on a pronoun is read, and quoted, with what it refers back to."""

from __future__ import annotations


from bot.compose.documents import SentenceCache, plan, sentence_key
from bot.models import Chunk, Hit
from tests.bot.bag_of_words import Words


VOCAB = "tier-2 support paid revolving fund grant receives money partner"


SUPPORT = Chunk(id="r-6.2", text="A tier-2 partner receives 70% of eligible cost. The support is the lower of the two. "
                                 "It is paid from the revolving fund, with MSS matching it.",
                source="rules.md", title="Rules", locator="§6.2", doc_type="rules",
                heading="Program Rules > §6 Support > §6.2 Tier-2 support")


def test_a_sentence_opening_on_a_pronoun_is_embedded_after_its_passage_caption():
    assert sentence_key(SUPPORT, "It is paid from the revolving fund, with MSS matching it.") == (
        "r-6.2|Tier-2 support: It is paid from the revolving fund, with MSS matching it.")
    assert sentence_key(SUPPORT, "The support is the lower of the two.") == "r-6.2|The support is the lower of the two."
    assert sentence_key(SUPPORT, "Itemised costs are listed.") == "r-6.2|Itemised costs are listed."  # not "It"
    embed = Words(VOCAB)
    question = "where is tier-2 money paid from, which fund?"
    plan(question, embed._one(question), [Hit(chunk=SUPPORT, score=1.0)], SentenceCache(embed))
    assert "Tier-2 support: It is paid from the revolving fund, with MSS matching it." in embed.seen


def test_a_quoted_pronoun_sentence_comes_right_after_the_sentence_it_refers_to():
    embed = Words(VOCAB)
    question = "which revolving fund pays it?"
    chosen, _, _ = plan(question, embed._one(question), [Hit(chunk=SUPPORT, score=1.0)], SentenceCache(embed))
    said = [s for _, s in chosen]
    it = said.index("It is paid from the revolving fund, with MSS matching it.")
    assert it > 0 and said[it - 1] == "The support is the lower of the two."
    assert len(said) == len(set(said))


def test_a_chain_of_pronouns_goes_back_to_the_sentence_that_names_the_subject():
    faq = Chunk(id="faq-9", text="A tier-2 partner must be an SME. It must supply a tier-1 partner. "
                                 "Its project must cut 20 tCO2eq per year.",
                source="faq.md", title="FAQ", locator="FAQ-09", doc_type="faq",
                heading="FAQ > FAQ-09 Can a tier-2 partner apply?")
    chosen, _, _ = plan("how much must the project cut per year?", Words(VOCAB)._one("project"),
                        [Hit(chunk=faq, score=1.0)], SentenceCache(Words(VOCAB)))
    assert [s for _, s in chosen] == ["A tier-2 partner must be an SME.", "It must supply a tier-1 partner.",
                                      "Its project must cut 20 tCO2eq per year."]


def test_an_antecedent_already_quoted_by_an_earlier_part_is_not_quoted_again():
    embed = Words(VOCAB)
    question = "which revolving fund pays it?"
    chosen, _, _ = plan(question, embed._one(question), [Hit(chunk=SUPPORT, score=1.0)], SentenceCache(embed),
                        avoid=frozenset({"The support is the lower of the two."}))
    assert "The support is the lower of the two." not in [s for _, s in chosen]


def test_a_pronoun_sentence_goes_right_after_its_antecedent_when_that_is_quoted_first():
    embed = Words(VOCAB)
    question = "support lower"
    chosen, _, _ = plan(question, embed._one(question), [Hit(chunk=SUPPORT, score=1.0)], SentenceCache(embed))
    said = [s for _, s in chosen]
    assert said[0] == "The support is the lower of the two."
    assert said[1] == "It is paid from the revolving fund, with MSS matching it."


def test_a_long_chain_of_pronouns_brings_in_at_most_two_sentences_before():
    chain = Chunk(id="c", text="A tier-2 partner is an SME supplier here. It supplies a tier-1 partner here. "
                               "It has one project per round here. It must cut 20 tCO2eq per year here. "
                               "Its facility is outside an allocated entity. Its money comes from the revolving fund.",
                  source="faq.md", title="FAQ", locator="FAQ-09", doc_type="faq", heading="FAQ > FAQ-09 Tier-2")
    embed = Words(VOCAB)
    question = "which revolving fund money?"
    chosen, _, _ = plan(question, embed._one(question), [Hit(chunk=chain, score=1.0)], SentenceCache(embed))
    said = [s for _, s in chosen]
    last = said.index("Its money comes from the revolving fund.")
    assert said[last - 2 : last] == ["It must cut 20 tCO2eq per year here.", "Its facility is outside an allocated entity."]
    assert len(said) == len(set(said))
