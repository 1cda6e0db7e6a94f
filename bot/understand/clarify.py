"""When the learned heads are not sure: the readings of an ambiguous question, to ask about instead of guessing.

Two signals, both read off the classifier's own probabilities (no word lists):

- **subject**: a partner asks about eligibility, repayment or offsets and the probability that the question is
  about the firm's own records lies within ``OWN_BAND`` of the decision threshold: "your firm's status" or
  "the rules"?
- **intent**: the top intent is weak (below ``INTENT_WEAK``) and the runner-up is within ``INTENT_GAP`` of it.

The bands are calibrated on the classifier's held-out dev split and on both gold sets (``docs/clarify.md``):
inside them the dev split's guesses are mostly wrong, and no gold question the system answers correctly falls
inside them. A question that names a clause or a firm, continues the thread, asks several things, is an
attack, or describes a project to estimate is never asked about: those say what is meant, or are refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.understand.query import Query

# Calibrated bands (docs/clarify.md). Widening either makes the assistant ask more often: re-run the calibration.
OWN_BAND = 0.002  # |P(own) - threshold| below this, for a partner on a record intent, is borderline
INTENT_WEAK = 0.36  # a top intent probability below this is weak ...
INTENT_GAP = 0.05  # ... and a runner-up closer than this to it makes the intent ambiguous
ANSWERABLE = ("eligibility", "repayment", "offset", "program", "law")  # readings worth offering
RECORD_INTENTS = ("eligibility", "repayment", "offset")


@dataclass(frozen=True)
class Option:
    """One reading of an ambiguous question: which intent, and the asker's own records or the rules."""

    intent: str
    own: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "intent", str(self.intent))  # the heads' labels are numpy strings
        if self.intent not in ANSWERABLE:
            raise ValueError(f"a reading needs an answerable intent {ANSWERABLE}, got {self.intent!r}")
        if self.own and self.intent not in RECORD_INTENTS:
            raise ValueError(f"only {RECORD_INTENTS} have own-firm records, got {self.intent!r}")

    @property
    def key(self) -> str:
        """``repayment:own`` / ``law:rules``: how a reading is stored and shown to staff."""
        return f"{self.intent}:{'own' if self.own else 'rules'}"

    @property
    def label(self) -> str:
        """The short label a person chooses by ("your firm's repayment status"), from the message catalogue."""
        from bot import messages

        return messages.clarify_label(self.intent, self.own)

    @classmethod
    def from_key(cls, key: str) -> "Option":
        intent, _, subject = key.partition(":")
        if subject not in ("own", "rules"):
            raise ValueError(f"not a reading: {key!r}")
        return cls(intent, subject == "own")


def says_what_it_means(query: "Query") -> bool:
    """Questions never asked about: their wording or the thread settles the reading, or they are refused."""
    return bool(query.refs or query.firms or query.firms_like or query.parts or query.follow_up or query.context
                or query.attack != "none" or query.project is not None or query.intent in ("help", "out_of_scope")
                or not query.text)


def readings(query: "Query", *, partner: bool, own_threshold: float, own_band: float | None = None) -> tuple[Option, ...]:
    """The readings to offer (two), or ``()`` when the heads are sure enough or the question settles it.

    ``partner``: the asker is a partner's user, whose "our" may mean the firm's records; ``own_threshold`` is
    the subject threshold the parse applied to this asker; ``own_band`` a configured subject band (else
    ``OWN_BAND``).
    """
    if says_what_it_means(query):
        return ()
    ranked = [(intent, p) for intent, p in query.intents]
    if len(ranked) >= 2:
        (first, p1), (second, p2) = ranked[0], ranked[1]
        if (first == query.intent and p1 < INTENT_WEAK and p1 - p2 < INTENT_GAP
                and first in ANSWERABLE and second in ANSWERABLE):
            own = partner and query.own_probability >= own_threshold  # only a partner's user has own records to show
            return (Option(first, own and first in RECORD_INTENTS), Option(second, own and second in RECORD_INTENTS))
    # A what-if with a computable scenario already gets both: the rule, then what it means for the firm's figures.
    if (partner and query.intent in RECORD_INTENTS and query.scenario == "none"
            and abs(query.own_probability - own_threshold) < (OWN_BAND if own_band is None else own_band)):
        return (Option(query.intent, True), Option(query.intent, False))
    return ()
