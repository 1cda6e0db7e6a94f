"""``Assistant.answer(question, asker, thread)``: the one entry point every adapter calls.

router (intent) -> access screen -> hybrid retrieval -> calculators -> composer (citations).
Models and indexes load once per process; a new index generation is picked up
on the next question.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from bot import messages
from bot.access import FirmScreen, may_see, may_see_firm, screen
from bot.compose.citations import Citations
from bot.compose.documents import SentenceCache, best_sentences, compose_from_documents, plan
from bot.config import Settings, get_settings
from bot.identity import Directory
from bot.errors import AccessDenied, IndexNotReady
from bot.models import Answer, Asker
from bot.retrieval.hybrid import HybridRetriever
from bot.router import Route, Router, asks_about_records
from bot.store.audit import AuditLog
from bot.store.embeddings import get_embeddings
from bot.store.index import Index, IndexHandle
from bot.store.lexical import tokenize

RECORD_INTENTS = {"eligibility", "repayment", "offset"}


@dataclass
class Turn:
    """What one answer is about, kept per thread so follow-ups can continue it."""

    intent: str
    partner_id: str | None
    follow_up_records: bool = False  # continues a thread whose last answer was about records
    names_own_firm: bool = False  # a partner wrote its own firm's name or id: a question about its records


class Assistant:
    def __init__(self, settings: Settings | None = None, audit: AuditLog | None = None) -> None:
        self.settings = settings or get_settings()
        self.index = IndexHandle(self.settings)
        self.audit = audit
        self._per_generation: tuple[str, Directory, FirmScreen] | None = None

    # -- loaded once -------------------------------------------------------------------
    @cached_property
    def embeddings(self):
        return get_embeddings(self.settings.embedding_model)

    @cached_property
    def router(self) -> Router:
        return Router(self.embeddings)

    @cached_property
    def retriever(self) -> HybridRetriever:
        return HybridRetriever(index=self.index, embeddings=self.embeddings, k=self.settings.top_k)

    @cached_property
    def sentence_cache(self) -> SentenceCache:
        return SentenceCache(self.embeddings)

    def params(self, index: Index):
        """The parameters ingested with this index generation (cached by the loader)."""
        from bot.calculators.params import Parameters

        path = index.path / "parameters.yaml"
        if not path.exists():
            raise IndexNotReady(f"the index in {index.path} has no parameters.yaml: add knowledge/program/"
                                "parameters.yaml and run `carbonbot ingest`")
        return Parameters.load(path)

    def warm(self) -> None:
        """Load the model, router and index now instead of on the first question."""
        self.index.get()
        self.router  # noqa: B018
        self.directory()

    def directory(self) -> Directory:
        index = self.index.get()
        if self._per_generation is None or self._per_generation[0] != index.generation:
            directory = Directory(index.records, self.settings.staff_email_domain)
            firms = FirmScreen({pid: f.name for pid, f in directory.firms.items()})
            self._per_generation = (index.generation, directory, firms)
        return self._per_generation[1]

    def firm_screen(self) -> FirmScreen:
        self.directory()
        assert self._per_generation is not None
        return self._per_generation[2]

    # -- the pipeline ------------------------------------------------------------------
    def answer(self, question: str, asker: Asker, thread: str | None = None, *, as_of: date | None = None,
               via: str = "cli", slack: dict | None = None, log: bool = True) -> Answer:
        started = time.perf_counter()
        question = question.strip()
        as_of = as_of or self.settings.today()
        index = self.index.get()
        vector = self.embeddings.embed_query(question or "help")
        route = self.router.route(question, vector)
        previous = self.audit.last_turn(thread, asker) if (self.audit and thread) else None
        subject = self._subject(question, asker, route, previous)
        intent = subject.intent

        refusal = screen(question, asker, self.firm_screen())
        if refusal:
            template = messages.REFUSED_INJECTION if refusal == "injection" else messages.REFUSED_OTHER_FIRM
            answer = Answer(question=question, status="refused", intent=intent,
                            answer=template.format(desk=self.settings.program_desk))
        elif intent == "help":
            answer = Answer(question=question, status="answered", intent="help", answer=messages.HELP)
        elif intent == "out_of_scope":
            # The router knows this program's words; a knowledge base it has not seen may still answer.
            answer = self._with_docs(question, vector, asker, "program", index,
                                     min_dense=self.settings.min_relevance_out_of_scope)
            if answer.status != "answered":
                answer = Answer(question=question, status="not_found", intent=intent, hits=answer.hits,
                                answer=messages.OUT_OF_SCOPE.format(desk=self.settings.program_desk))
        else:
            # A follow-up too short to stand alone is searched together with the question it follows.
            if previous and not route.confident:
                vector = self.embeddings.embed_query(f"{previous['question']} {question}")
            answer = self._answer_in_scope(question, vector, asker, intent, subject, index, as_of,
                                           context=previous["question"] if previous and not route.confident else "")
        answer.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        self._check_access(answer, asker)
        if self.audit is not None and log:
            if thread:
                self.audit.add_turn(thread, asker, question, answer.intent, {"partner_id": subject.partner_id, "records": answer.private})
            answer.answer_id = self.audit.record_answer(answer, asker, via=via, thread_id=thread, slack=slack)
        return answer

    def _subject(self, question: str, asker: Asker, route: Route, previous: dict | None) -> Turn:
        """The intent and the firm this question is about (a weak follow-up continues the thread)."""
        intent = route.intent
        if previous and not route.confident and intent not in {"help"}:
            intent = previous["intent"]
        partner_id = asker.partner_id if asker.role == "partner" else None
        named = self.firm_screen().named_firms(question)
        if asker.is_staff:
            partner_id = sorted(named)[0] if named else (previous or {}).get("subject", {}).get("partner_id")
        follow_up = bool(previous and previous["subject"].get("records")
                         and (not route.confident or intent == previous["intent"]))
        return Turn(intent=intent, partner_id=partner_id, follow_up_records=follow_up,
                    names_own_firm=bool(partner_id) and asker.role == "partner" and partner_id in named)

    def _answer_in_scope(self, question, vector, asker, intent, subject, index: Index, as_of,
                         context: str = "") -> Answer:
        from bot.compose import records

        staff_on_firm = asker.is_staff and subject.partner_id is not None
        about_records = intent in RECORD_INTENTS and (
            staff_on_firm or subject.names_own_firm or asks_about_records(question, intent, subject.follow_up_records))
        wants_estimate = intent == "eligibility" and records.describes_project(question)
        if about_records or wants_estimate:
            if asker.role == "guest" and not wants_estimate:
                return self._with_docs(question, vector, asker, intent, index,
                                       lead=messages.GUEST_NEEDS_LINK.format(desk=self.settings.program_desk),
                                       status="needs_human")
            if asker.is_staff and not subject.partner_id and not wants_estimate:
                return self._with_docs(question, vector, asker, intent, index)
            if subject.partner_id and index.records.firm(subject.partner_id) is None:
                return Answer(question=question, status="not_found", intent=intent, answer=messages.NO_SUCH_FIRM)
            ctx = records.Context(question=question, asker=asker, partner_id=subject.partner_id, index=index,
                                  params=self.params(index), as_of=as_of, settings=self.settings,
                                  rule_sentence=self._best_rule_sentence(question, vector, asker, index))
            composed = records.compose(intent, ctx)
            if composed is not None:
                return composed
        return self._with_docs(question, vector, asker, intent, index, context=context)

    def _with_docs(self, question, vector, asker, intent, index: Index, *, lead: str | None = None,
                   status: str = "answered", context: str = "", min_dense: float = 0.0) -> Answer:
        query = f"{context} {question}".strip()
        hits = self.retriever.search(query, asker=asker, vector=vector,
                                     doc_types={"rules", "law", "faq", "doc", "text", "pdf"})
        top = hits[: self.settings.top_k]
        chosen, best = plan(query, vector, top, self.sentence_cache, idf=index.lexical.idf)
        dense = max((h.dense or 0.0 for h in top), default=0.0)
        if not chosen or dense < min_dense or not self._grounded(query, top, best, index):
            text = lead or messages.NOT_FOUND.format(desk=self.settings.program_desk)
            return Answer(question=question, status="needs_human" if lead else "not_found", intent=intent,
                          answer=text, hits=hits)
        cites = Citations()
        clause = lambda ref: next(iter(index.by_locator(ref)), None)  # noqa: E731
        text = compose_from_documents(chosen, cites, clause, lead=lead)
        return Answer(question=question, status=status, intent=intent, answer=text, citations=cites.items,
                      hits=hits)

    def _best_rule_sentence(self, question: str, vector, asker: Asker, index: Index):
        hits = self.retriever.search(question, asker=asker, vector=vector, doc_types={"rules", "law", "faq"})
        scored = best_sentences(question, vector, hits[: self.settings.top_k], self.sentence_cache, limit=1,
                                idf=index.lexical.idf)
        return scored[0] if scored else None

    def _grounded(self, question: str, hits, best_sentence: float, index: Index) -> bool:
        """Whether the passages really answer the question (thresholds calibrated on the gold set).

        A named clause always grounds. Otherwise the best passage or the best sentence must be
        similar enough, and the question must not hinge on a word or number the documents never use
        ("the 5th phase", "CBAM", "share price today").
        """
        if any(h.exact_ref for h in hits):
            return True
        dense = max((h.dense or 0.0 for h in hits), default=0.0)
        if dense < self.settings.min_relevance and best_sentence < self.settings.min_sentence_score:
            return False
        unknown = [t for t in tokenize(question) if t not in index.lexical.vocabulary and len(t) > 2]
        if any(any(ch.isdigit() for ch in t) for t in unknown):
            return False
        return not unknown or dense >= self.settings.min_relevance_unknown_words

    def _check_access(self, answer: Answer, asker: Asker) -> None:
        """Second line of defence: nothing restricted that the asker may not see leaves the core."""
        index = self.index.get()
        by_id = index.lexical.by_id
        for citation in answer.citations:
            chunk = by_id.get(citation.id)
            if chunk is not None and not may_see(asker, chunk):
                raise AccessDenied(f"composer cited {citation.id} that {asker.role} may not see")
            if chunk is not None and chunk.visibility == "restricted":
                answer.private = True
        firm = answer.facts.get("partner_id")
        if firm and not may_see_firm(asker, firm):
            raise AccessDenied("composer used records the asker may not see")
        if firm:
            answer.private = True
        answer.hits = [h for h in answer.hits if may_see(asker, h.chunk)]

