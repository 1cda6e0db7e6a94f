"""The calibration of the clarifying bands on hand-made signals: what is inside a band, and the gold bound."""

from __future__ import annotations

from bot.understand import clarify
from bot.understand.query import OWN_ABOVE_PARTNER as T
from evals.calibrate_clarify import (Signal, gold_inside, in_intent_band, in_subject_band, intent_table, subject_table,
                                     widest_subject_band)


def sig(own_p: float, intent: str = "repayment", subject: str = "", case: str = "", top: float = 0.9,
        second: tuple[str, float] = ("program", 0.05), **kw) -> Signal:
    return Signal(((intent, top), second), own_p, intent if subject else "", subject, case, **kw)


def test_the_subject_band_counts_partners_on_record_intents_and_their_wrong_guesses():
    rows = [sig(T + 0.005, subject="rules"), sig(T - 0.005, subject="rules"), sig(T + 0.04, subject="own"),
            sig(T, intent="law", subject="rules"), sig(T + 0.001, subject="own", partner=False)]
    assert subject_table(rows, (0.01, 0.05)) == [(0.01, 2, 1), (0.05, 3, 1)]
    assert not in_subject_band(sig(T, settled=True), 1.0) and not in_subject_band(sig(T, scenario=True), 1.0)


def test_the_intent_band_needs_a_weak_top_a_close_second_and_two_answerable_readings():
    close = Signal((("law", 0.3), ("program", 0.28)), 0.0, "program")
    assert in_intent_band(close, 0.36, 0.05) and not in_intent_band(close, 0.3, 0.05)
    assert not in_intent_band(close, 0.36, 0.01)
    assert not in_intent_band(Signal((("law", 0.3), ("out_of_scope", 0.29)), 0.0), 0.36, 0.05)
    assert intent_table([close], [(0.36, 0.05)]) == [(0.36, 0.05, 1, 1, 1)]


def test_the_gold_bound_is_the_nearest_passing_question_and_current_constants_are_reported():
    gold = [sig(T + 0.02, case="a"), sig(T - 0.004, case="b"), sig(T + 0.3, case="c"), sig(T, case="d", settled=True)]
    assert round(widest_subject_band(gold, {"a", "c", "d"}), 4) == 0.02
    assert round(widest_subject_band(gold, {"a", "b", "c"}), 4) == 0.004
    inside = gold_inside(gold)
    assert inside["subject"] == [c for c, d in (("a", 0.02), ("b", 0.004)) if d < clarify.OWN_BAND]
