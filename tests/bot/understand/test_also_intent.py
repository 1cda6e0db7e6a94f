"""A question about the firm's own figures that the intent head splits between two record intents is read as
both (Query.also_intent); a clear question, a rule question or a runner-up outside the records is not."""

from __future__ import annotations

from datetime import date

import pytest

from bot.understand.intents import Prediction
from bot.understand.query import ALSO_INTENT_ABOVE, Understander


class Fixed:
    """Heads that always say the same: what the parse does with a given prediction."""

    def __init__(self, prediction: Prediction) -> None:
        self.prediction = prediction

    def predict(self, text, vector=None) -> Prediction:
        return self.prediction


def parse(intents, own=0.95, text="we paid the overdue one in August, so can we apply again now?"):
    heads = Fixed(Prediction(intents=tuple(intents), own=own, what_if=0.0, attack=("none", 0.0)))
    return Understander(heads, lambda t: [0.0]).parse(text, firm_screen=None, as_of=date(2026, 10, 31),
                                                      own_firm="P-T1-001")


def test_two_record_intents_close_together_are_both_read():
    q = parse([("repayment", 0.53), ("eligibility", 0.45), ("program", 0.02)])
    assert (q.intent, q.also_intent) == ("repayment", "eligibility")


@pytest.mark.parametrize(("intents", "own"), [
    ([("repayment", 0.75), ("eligibility", ALSO_INTENT_ABOVE - 0.01), ("program", 0.02)], 0.95),  # clear enough
    ([("repayment", 0.53), ("program", 0.45), ("eligibility", 0.02)], 0.95),  # the runner-up is a rule topic
    ([("repayment", 0.53), ("eligibility", 0.45), ("program", 0.02)], 0.05),  # a rule question, not own figures
])
def test_no_second_reading(intents, own):
    assert parse(intents, own).also_intent is None
