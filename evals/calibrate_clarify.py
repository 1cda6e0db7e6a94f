"""Calibrate the clarifying-question bands of ``bot/understand/clarify.py``; re-run after the examples change.

    python -m evals.calibrate_clarify --report reports/eval/report.json [--folds 5]

Two sources, as docs/clarify.md explains:

- the classifier's **dev split** (heads fitted on the train split; with ``--folds N`` also N-fold
  cross-validation over every example): how often the guess is wrong inside each band. A band is worth asking
  in where the guess is close to a coin flip;
- the **gold sets**: every question parsed as its asker (earlier thread turns asked first). With the report of
  a ``carbonbot eval`` run made *before* clarifying (``--report``), the widest bands that contain no gold
  question the system answers correctly, since a clarifying question fails a case that expects an answer.

It prints both and the current constants; choosing is left to a person (the gold bound is the hard limit).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.understand import clarify
from bot.understand.query import OWN_ABOVE, OWN_ABOVE_PARTNER

SUBJECT_BANDS = (0.005, 0.01, 0.015, 0.02, 0.03, 0.05, 0.1)
INTENT_BANDS = tuple((weak, gap) for weak in (0.34, 0.36, 0.38, 0.4, 0.5) for gap in (0.02, 0.05, 0.1))


@dataclass(frozen=True)
class Signal:
    """What the bands look at, for one question: intents best first, P(own), and the label when known."""

    intents: tuple[tuple[str, float], ...]
    own_p: float
    intent: str = ""  # the labelled intent (dev split), "" for gold
    subject: str = ""  # own | rules (dev split)
    case: str = ""  # gold case id
    partner: bool = True
    settled: bool = False  # names a clause or firm, follows up, multi-part, attack, project, help/off-topic
    scenario: bool = False  # a what-if computable on own figures: answered both ways, no subject question


def in_subject_band(s: Signal, band: float, threshold: float = OWN_ABOVE_PARTNER) -> bool:
    return (s.partner and not s.settled and not s.scenario and s.intents[0][0] in clarify.RECORD_INTENTS
            and abs(s.own_p - threshold) < band)


def in_intent_band(s: Signal, weak: float, gap: float) -> bool:
    (first, p1), (second, p2) = s.intents[:2]
    return (not s.settled and p1 < weak and p1 - p2 < gap
            and first in clarify.ANSWERABLE and second in clarify.ANSWERABLE)


def subject_table(rows: Iterable[Signal], bands=SUBJECT_BANDS) -> list[tuple[float, int, int]]:
    """(band, questions inside, of them guessed wrong) on labelled rows of the record intents."""
    labelled = [r for r in rows if r.intent in clarify.RECORD_INTENTS]
    out = []
    for band in bands:
        inside = [r for r in labelled if in_subject_band(r, band)]
        wrong = [r for r in inside if (r.own_p >= OWN_ABOVE_PARTNER) != (r.subject == "own")]
        out.append((band, len(inside), len(wrong)))
    return out


def intent_table(rows: Iterable[Signal], bands=INTENT_BANDS) -> list[tuple[float, float, int, int, int]]:
    """(weak, gap, inside, top guess wrong, the right intent among the two offered)."""
    rows = list(rows)
    out = []
    for weak, gap in bands:
        inside = [r for r in rows if in_intent_band(r, weak, gap)]
        wrong = sum(r.intents[0][0] != r.intent for r in inside)
        offered = sum(r.intent in (r.intents[0][0], r.intents[1][0]) for r in inside)
        out.append((weak, gap, len(inside), wrong, offered))
    return out


def widest_subject_band(gold: Iterable[Signal], passing: set[str]) -> float:
    """The band's upper bound: the distance to the threshold of the nearest gold question answered correctly."""
    return min((abs(g.own_p - OWN_ABOVE_PARTNER) for g in gold if g.case in passing and in_subject_band(g, 1.0)),
               default=1.0)


def gold_inside(gold: Iterable[Signal]) -> dict[str, list[str]]:
    """The gold cases the current constants ask about, by band."""
    gold = list(gold)
    return {"subject": [g.case for g in gold if in_subject_band(g, clarify.OWN_BAND)],
            "intent": [g.case for g in gold if in_intent_band(g, clarify.INTENT_WEAK, clarify.INTENT_GAP)]}


# -- collecting the signals (slow: the real model) -----------------------------------------------------------
def dev_signals(embed, folds: int = 0) -> list[Signal]:
    from bot.understand.intents import Classifier, load_examples

    examples = load_examples()
    pairs = []
    train = [e for e in examples if e.split == "train"]
    pairs.append((train, [e for e in examples if e.split == "dev"]))
    if folds:
        from sklearn.model_selection import KFold

        order = np.random.RandomState(0).permutation(len(examples))
        for fit_idx, test_idx in KFold(folds).split(order):
            pairs.append(([examples[i] for i in order[fit_idx]], [examples[i] for i in order[test_idx]]))
    out = []
    for fit_on, held_out in pairs:
        clf = Classifier(fit_on, embed).fit()
        for e in held_out:
            p = clf.predict(e.text)
            out.append(Signal(p.intents, p.own, e.intent, e.subject))
    return out


def gold_signals(assistant, gold_path: Path) -> list[Signal]:
    from bot.store.audit import AuditLog
    from evals.gold import load_gold
    from evals.runner import asker_for

    out = []
    with tempfile.TemporaryDirectory(prefix="carbonbot-calibrate-") as tmp:
        assistant.audit = AuditLog(Path(tmp) / "audit.sqlite")
        for case in load_gold(gold_path):
            asker = asker_for(case, assistant)
            thread = f"calibrate-{uuid.uuid4().hex[:8]}" if case.thread else None
            for earlier in case.thread:
                assistant.answer(earlier, asker, thread, as_of=case.as_of, via="eval")
            previous = assistant.audit.last_turn(thread, asker) if thread else None
            q = assistant.understand(case.question, asker, as_of=case.as_of, previous=previous)
            out.append(Signal(q.intents, q.own_probability, case=case.id, partner=asker.role == "partner",
                              settled=clarify.says_what_it_means(q), scenario=q.scenario != "none"))
        assistant.audit.close()
        assistant.audit = None
    return out


def main(argv: list[str] | None = None) -> None:
    from bot.assistant import Assistant
    from bot.config import get_settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=Path(__file__).resolve().parent / "gold")
    parser.add_argument("--report", type=Path, help="report.json of a `carbonbot eval` run made before clarifying")
    parser.add_argument("--folds", type=int, default=0, help="also N-fold cross-validation over every example")
    args = parser.parse_args(argv)

    assistant = Assistant(get_settings())
    embed = lambda texts: np.array(assistant.embeddings.embed_documents(texts))  # noqa: E731
    dev = dev_signals(embed, args.folds)
    print(f"held-out examples: {len(dev)} (dev split{f' + {args.folds}-fold CV' if args.folds else ''})")
    print("subject band (partner, record intent; |P(own) - %.2f| < band): inside / guessed wrong" % OWN_ABOVE_PARTNER)
    for band, inside, wrong in subject_table(dev):
        print(f"  {band:<6} {inside:>4} {wrong:>4}")
    print("intent band (top < weak, top - second < gap): inside / top wrong / right one offered")
    for weak, gap, inside, wrong, offered in intent_table(dev):
        print(f"  weak {weak:<5} gap {gap:<5} {inside:>4} {wrong:>4} {offered:>4}")

    gold = gold_signals(assistant, args.gold)
    inside = gold_inside(gold)
    print(f"\ncurrent constants: OWN_BAND={clarify.OWN_BAND} INTENT_WEAK={clarify.INTENT_WEAK} "
          f"INTENT_GAP={clarify.INTENT_GAP} (guests and staff: subject threshold {OWN_ABOVE}, no subject band)")
    print(f"gold questions asked about: {len(inside['subject']) + len(inside['intent'])} of {len(gold)} "
          f"({(len(inside['subject']) + len(inside['intent'])) / len(gold):.1%}): {inside}")
    if args.report:
        report = json.loads(args.report.read_text(encoding="utf-8"))
        passing = {c["id"] for c in report["cases"] if c["passed"]}
        print(f"widest subject band without a passing gold question: < {widest_subject_band(gold, passing):.4f}")
        for weak, gap in INTENT_BANDS:
            hit = [g.case for g in gold if g.case in passing and in_intent_band(g, weak, gap)]
            print(f"  intent weak {weak:<5} gap {gap:<5} passing gold questions inside: {hit or 'none'}")


if __name__ == "__main__":
    main()
