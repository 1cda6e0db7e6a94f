"""Run gold cases through the real assistant and the naive baseline, and score every answer.

``run_eval`` is the internal API behind ``carbonbot eval`` and the gate test: it
takes an already built assistant (so a test can reuse the session index) and an
optional baseline, and returns the per-case scores of both.
"""

from __future__ import annotations

import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from bot.assistant import Assistant
from bot.models import Answer, Asker
from bot.store.audit import AuditLog
from evals.baseline import NaiveRAG
from evals.gold import GoldCase
from evals.metrics import CaseScore, ranking, score_case

Progress = Callable[[str], None]


@dataclass
class EvalResult:
    system: list[CaseScore]
    baseline: list[CaseScore] = field(default_factory=list)

    def by_category(self, which: str) -> dict[str, list[CaseScore]]:
        """``which`` is "system" or "baseline"; categories in first-seen order."""
        out: dict[str, list[CaseScore]] = {}
        for s in getattr(self, which):
            out.setdefault(s.category, []).append(s)
        return out


def asker_for(case: GoldCase, assistant: Assistant) -> Asker:
    """The gold case's asker as the assistant's directory knows them."""
    a = case.asker
    directory = assistant.directory()
    if a.partner:
        return directory.partner(a.partner)
    if a.slack_user:
        return directory.resolve(slack_user_id=a.slack_user)
    return Asker(role="staff", display_name="eval staff") if a.staff else Asker.guest()


def system_ranking(answer: Answer) -> list[str]:
    """Locators best first for recall@5 and MRR (see :func:`evals.metrics.ranking`)."""
    return ranking([c.model_dump() for c in answer.citations], [(h.chunk.id, h.chunk.locator) for h in answer.hits])


def run_system(case: GoldCase, assistant: Assistant) -> tuple[dict[str, Any], list[str]]:
    """The case's answer payload and ranking; earlier thread turns are asked first in a fresh thread."""
    asker = asker_for(case, assistant)
    thread = f"eval-{case.id}-{uuid.uuid4().hex[:8]}" if case.thread else None
    for earlier in case.thread:
        assistant.answer(earlier, asker, thread, as_of=case.as_of, via="eval")
    answer = assistant.answer(case.question, asker, thread, as_of=case.as_of, via="eval")
    return answer.to_json(), system_ranking(answer)


def run_baseline(case: GoldCase, baseline: NaiveRAG) -> tuple[dict[str, Any], list[str]]:
    """The baseline has no threads and no asker: it sees the final question only, as a naive RAG would."""
    payload = baseline.answer(case.question)
    return payload, [c["locator"] for c in payload["citations"]]


@contextmanager
def _thread_store(assistant: Assistant) -> Iterator[None]:
    """Thread state needs an audit log; an assistant without one gets a throwaway log for the run."""
    if assistant.audit is not None:
        yield
        return
    with tempfile.TemporaryDirectory(prefix="carbonbot-eval-") as tmp:
        assistant.audit = AuditLog(Path(tmp) / "audit.sqlite")
        try:
            yield
        finally:
            assistant.audit.close()
            assistant.audit = None


def run_eval(cases: list[GoldCase], assistant: Assistant, baseline: NaiveRAG | None = None,
             progress: Progress | None = None) -> EvalResult:
    """Every case through the system and, when given, the baseline, in the same process."""
    result = EvalResult(system=[])
    with _thread_store(assistant):
        for case in cases:
            result.system.append(score_case(case, *run_system(case, assistant)))
            if baseline is not None:
                result.baseline.append(score_case(case, *run_baseline(case, baseline)))
            if progress:
                progress(case.id)
    return result
