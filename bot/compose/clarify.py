"""The reply to a question the heads were not sure about: one short question naming the readings to choose from."""

from __future__ import annotations

from bot import messages
from bot.models import Answer
from bot.understand.query import Query


def clarifying(question: str, query: Query) -> Answer:
    """Status ``clarify``; ``facts["clarify"]`` lists the readings in order (adapters offer them as choices)."""
    options = [{"reading": o.key, "intent": o.intent, "subject": "own" if o.own else "rules", "label": o.label}
               for o in query.clarify]
    return Answer(question=question, status="clarify", intent=query.intent,  # type: ignore[arg-type]
                  answer=messages.clarify_question([o["label"] for o in options]), facts={"clarify": options})
