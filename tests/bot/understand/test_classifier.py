"""The learned heads: labelled examples load and validate, and the held-out dev split is classified well."""

from __future__ import annotations

import pytest

from bot.errors import ConfigError
from bot.understand.intents import Multilingual, load_examples

pytestmark = pytest.mark.slow


def test_every_example_file_validates_and_every_label_has_dev_cases():
    examples = load_examples()
    assert len(examples) >= 700
    dev = [e for e in examples if e.split == "dev"]
    assert {e.intent for e in dev} == {e.intent for e in examples}
    assert {e.subject for e in dev} == {"own", "rules"} and {e.attack for e in dev} == {"none", "injection", "aggregate"}
    assert len({e.text.lower() for e in examples}) == len(examples)


def test_a_bad_label_names_the_file_and_the_example(tmp_path):
    (tmp_path / "x.yaml").write_text("examples:\n- {text: 'hi', intent: weather}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"x.yaml: example 1 \('hi'\): intent must be one of"):
        load_examples(tmp_path)


def test_the_dev_split_is_classified_well(assistant):
    examples = load_examples()
    accuracy = Multilingual(examples, assistant.head_embeds()).fit(split="train").accuracy([e for e in examples if e.split == "dev"], "en")
    # measured 0.81 / 0.89 / 0.97 / 0.97 with all-MiniLM-L6-v2 (intent 0.86 before the dev split took its share of
    # the unanswered examples: questions on the program's ground that no document answers, the hardest to tell
    # from near misses); a drop means the examples or features got worse
    assert accuracy["intent"] >= 0.79 and accuracy["subject"] >= 0.86
    assert accuracy["what_if"] >= 0.95 and accuracy["attack"] >= 0.93


def test_the_korean_dev_split_is_classified_well(assistant):
    """Korean heads are fitted on the Korean examples alone, and read Korean questions as well as English ones."""
    examples = load_examples()
    assert sum(Multilingual.language(e) == "ko" for e in examples) >= 700
    accuracy = Multilingual(examples, assistant.head_embeds()).fit(split="train").accuracy([e for e in examples if e.split == "dev"], "ko")
    assert accuracy["intent"] >= 0.80 and accuracy["subject"] >= 0.80
    assert accuracy["what_if"] >= 0.90 and accuracy["attack"] >= 0.90


def _trigrams(text: str) -> set[str]:
    flat = " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())
    return {flat[i:i + 3] for i in range(max(1, len(flat) - 2))}


def test_no_labelled_example_repeats_a_blind_question():
    """The blind set measures questions the heads never learned from: an example that is (nearly) a blind question,
    however it came to be written, would make that measure a measure of memory."""
    from pathlib import Path

    from evals.gold import load_gold

    gold = Path(__file__).resolve().parents[3] / "evals" / "gold"
    blind = [(c.id, _trigrams(c.question)) for c in load_gold(gold) if c.set == "blind"]
    assert len(blind) >= 300
    close = []
    for e in load_examples():
        grams = _trigrams(e.text)
        for case_id, other in blind:
            if len(grams & other) / len(grams | other) >= 0.6:
                close.append((e.source, e.text, case_id))
    assert not close, close[:5]


def test_the_cached_classifier_keeps_the_answerable_examples_words(tmp_path, monkeypatch):
    """A cold start reads the example words from the cache instead of running the Korean analyser over them all."""
    import numpy as np

    from bot.understand import intents

    def embed(texts):
        return np.zeros((len(texts), 8))

    monkeypatch.setattr(intents, "_FITTED", {})
    words = intents.trained(embed, "test-model", tmp_path).answerable_words()
    assert {"balanc", "잔액"} <= words and "merger" not in words
    monkeypatch.setattr(intents, "_FITTED", {})
    monkeypatch.setattr(intents.Multilingual, "fit", lambda self, split=None: pytest.fail("fitted again"))
    monkeypatch.setattr(intents.Multilingual, "answerable_words", lambda self: self.__dict__["_answerable_words"])
    assert intents.trained(embed, "test-model", tmp_path).answerable_words() == words
