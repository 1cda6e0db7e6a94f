"""``Assistant.answer(question, asker, thread)``: the one entry point every adapter calls.

understand (once: language, intents, subject, what-if, firms, refs, amounts, dates) -> access screen ->
hybrid retrieval -> calculators -> composer (citations). Models and indexes load once per process; a new
index generation is picked up on the next question.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from datetime import date
from functools import cached_property

import numpy as np

from bot import messages, ops
from bot.access import FirmScreen, may_see, may_see_firm, screen
from bot.lang.person import first_person
from bot.calculators.project import money_spans
from bot.compose import act
from bot.compose.citations import Citations
from bot.compose.documents import (SentenceCache, best_sentences, compose_from_documents, passage_words, plan,
                                   quoted_sentences, title)
from bot.config import Settings, get_settings
from bot.errors import AccessDenied, IndexNotReady
from bot.identity import Directory
from bot.models import Answer, Asker
from bot.retrieval.hybrid import HybridRetriever
from bot.retrieval.refs import find_refs
from bot.store.audit import AuditLog
from bot.store.embeddings import get_embeddings
from bot.store.index import Index, IndexHandle
from bot.store.lexical import derived_from_known, korean_predicates, tokenize
from bot.understand.asks import answers, preferred
from bot.understand.clarify import Option
from bot.understand.intents import trained
from bot.understand.spelling import Speller
from bot.understand.language import detect_language
from bot.understand.mentions import tier_in, tonne_spans, tonnes_in, years_named
from bot.understand.query import RECORD_INTENTS, Query, Understander, states_only
from bot.understand.topics import topics_of

# A question of at least this many words, all in one passage, is answered by it (see ``Assistant._grounded``).
COVERED_WORDS = 3


class Assistant:
    def __init__(self, settings: Settings | None = None, audit: AuditLog | None = None) -> None:
        self.settings = settings or get_settings()
        self.index = IndexHandle(self.settings)
        self.audit = audit
        self._per_generation: tuple[str, Directory, FirmScreen, Speller] | None = None
        self._known: tuple[str, frozenset[str]] | None = None
        self.writer = None  # CARBONBOT_LLM: the guarded rewriter (bot.llm.writer), made on first use

    # -- loaded once -------------------------------------------------------------------
    @cached_property
    def embeddings(self):
        return get_embeddings(self.settings.embedding_model)

    def head_embeds(self) -> dict:
        """What each language's learned heads read: English text through MiniLM, Korean through the multilingual
        model's query side (the side a question is embedded with)."""
        return {"en": lambda texts: np.array(self.embeddings.embed_documents(texts)),
                "ko": lambda texts: np.array(self.embedder("ko").embed_queries(texts))}

    @cached_property
    def classifier(self):
        """The learned intent / subject / what-if / attack heads (cached on disk per examples and model)."""
        return trained(self.head_embeds(), f"{self.settings.embedding_model}+{self.settings.embedding_model_ko}",
                       self.settings.data_dir / "understand")

    def understander(self, index: Index) -> Understander:
        return Understander(self.classifier, lambda t: self.embedder(detect_language(t)).embed_query(t),
                            self.params(index), own_band=self.settings.clarify_own_band, known=self.known_words(index))

    def known_words(self, index: Index) -> frozenset[str]:
        """The words the documents and the answerable labelled examples use: how partners put the questions the
        assistant answers. A question turning on any other word may be one the documents leave open."""
        known = self._known
        if known is None or known[0] != index.generation:
            known = self._known = (index.generation, index.lexical.vocabulary | self.classifier.answerable_words())
        return known[1]

    def embedder(self, language: str):
        """The embedding model for text in ``language`` (English: MiniLM; Korean: the multilingual model)."""
        return self.embeddings if language == "en" else get_embeddings(self.settings.embedding_model_ko)

    @cached_property
    def retriever(self) -> HybridRetriever:
        return HybridRetriever(index=self.index, embeddings=self.embeddings, k=self.settings.top_k)

    @cached_property
    def _sentence_caches(self) -> dict[str, SentenceCache]:
        return {}

    def sentence_cache_for(self, language: str) -> SentenceCache:
        """Sentence vectors for ``language``, preloaded with what ingest embedded for the current generation."""
        index = self.index.get()
        key = f"{index.generation}/{language}"
        if key not in self._sentence_caches:
            cache = SentenceCache(self.embedder(language))
            cache.preload(index.path / f"sentences-{language}.npz")
            for old in [k for k in self._sentence_caches if not k.startswith(f"{index.generation}/")]:
                del self._sentence_caches[old]  # an older generation's sentences are no longer read
            self._sentence_caches[key] = cache
        return self._sentence_caches[key]

    def say(self, name: str, language: str, **values) -> str:
        """A catalogue message in ``language``, naming the program desk as that language does (the configured
        desk in English; the Korean catalogue names it itself)."""
        if language == "en":
            values.setdefault("desk", self.settings.program_desk)
        return messages.say(name, language, **values)

    def answer_language(self, query: Query, index: Index) -> str:
        """The question's own language when the documents are written in it, else English."""
        return query.language if query.language in index.languages else "en"

    def params(self, index: Index):
        """The parameters ingested with this index generation (cached by the loader)."""
        from bot.calculators.params import Parameters

        path = index.path / "parameters.yaml"
        if not path.exists():
            raise IndexNotReady(f"the index in {index.path} has no parameters.yaml: add knowledge/program/"
                                "parameters.yaml and run `carbonbot ingest`")
        return Parameters.load(path)

    def warm(self) -> None:
        """Load the model, the classifier and the index now instead of on the first question."""
        self.index.get()
        self.classifier  # noqa: B018
        self.directory()

    def directory(self) -> Directory:
        index = self.index.get()
        if self._per_generation is None or self._per_generation[0] != index.generation:
            directory = Directory(index.records, self.settings.staff_email_domain)
            firms = FirmScreen({pid: f.name for pid, f in directory.firms.items()}, directory.project_owner)
            self._per_generation = (index.generation, directory, firms, Speller(index.lexical.words))
        return self._per_generation[1]

    def firm_screen(self) -> FirmScreen:
        self.directory()
        assert self._per_generation is not None
        return self._per_generation[2]

    def understand(self, question: str, asker: Asker, *, as_of: date, previous: dict | None = None,
                   vector=None) -> Query:
        """The one parse of the question every later step reads."""
        index = self.index.get()
        firms = self.firm_screen()  # also builds this generation's speller
        assert self._per_generation is not None
        return self.understander(index).parse(
            question, firm_screen=firms, as_of=as_of, previous=previous,
            own_firm=asker.partner_id if asker.role == "partner" else None, vector=vector,
            speller=self._per_generation[3])

    # -- the pipeline ------------------------------------------------------------------
    def answer(self, question: str, asker: Asker, thread: str | None = None, *, as_of: date | None = None,
               via: str = "cli", slack: dict | None = None, log: bool = True, reading: Option | None = None,
               stream=None) -> Answer:
        """``reading``: the interpretation the asker chose after a clarifying question (same screen, no doubt).
        ``stream``: with CARBONBOT_LLM, called with the composed answer; what it returns (or None) receives the
        model's rewrite as it is written (Slack streams it into the thread)."""
        started = time.perf_counter()
        question = question.strip()
        as_of = as_of or self.settings.today()
        index = self.index.get()
        if len(question) > self.settings.max_question_chars:  # bounded work for any message, however long
            return self._too_long(question, asker, thread, via=via, slack=slack, log=log, started=started)
        text = " ".join(question.split()) or "help"
        # One vector, from the question's language's model: the learned heads and retrieval both read it.
        vector = self.embedder(detect_language(text)).embed_query(embedded(text))
        previous = self.audit.last_turn(thread, asker) if (self.audit and thread) else None
        # A chosen reading re-asks the question itself, not a follow-up to the clarifying turn before it.
        query = self.understand(question, asker, as_of=as_of, previous=None if reading else previous, vector=vector)
        if reading is not None:
            query = query.read_as(reading)
        partner_id = self._partner(query, asker, previous)
        if self.answer_language(query, index) != query.language:  # no documents in that language: search English
            vector = self.embeddings.embed_query(embedded(text))

        query = self._about_own_customer(query, asker, index)
        refusal = screen(query, asker, previous)
        if refusal:
            template = "REFUSED_INJECTION" if refusal == "injection" else "REFUSED_OTHER_FIRM"
            answer = Answer(question=question, status="refused", intent=query.intent,  # type: ignore[arg-type]
                            answer=self.say(template, query.language))
        elif query.clarify:
            from bot.compose.clarify import clarifying

            answer = clarifying(question, query)
        elif query.parts:
            answer = self._multi_part(question, query, asker, partner_id, index, as_of)
        else:
            answer = self._answer_query(question, query, vector, asker, partner_id, index, as_of)
        answer.language = query.language
        answer.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        self._check_access(answer, asker)
        if self.settings.llm:
            answer = self._polished(answer, asker, previous, stream(answer) if stream else None)
            answer.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        if self.audit is not None and log:
            if thread:
                self.audit.add_turn(thread, asker, question, answer.intent,
                                    {"partner_id": partner_id, "records": answer.private, "facts": _brief(answer),
                                     "refused": refusal})
            answer.answer_id = self.audit.record_answer(answer, asker, via=via, thread_id=thread, slack=slack)
        ops.answered(answer)
        return answer

    def _too_long(self, question: str, asker: Asker, thread: str | None, *, via: str, slack: dict | None, log: bool,
                  started: float) -> Answer:
        """A polite request to ask more briefly; the log keeps the message's start, not all of it."""
        limit = self.settings.max_question_chars
        language = detect_language(question[:limit])
        answer = Answer(question=question[:limit] + "…", status="not_found", intent="help",
                        answer=self.say("TOO_LONG", language, length=len(question), limit=limit), language=language)
        answer.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        if self.audit is not None and log:
            answer.answer_id = self.audit.record_answer(answer, asker, via=via, thread_id=thread, slack=slack)
        ops.answered(answer)
        return answer

    def _answer_query(self, question: str, query: Query, vector, asker: Asker, partner_id: str | None,
                      index: Index, as_of: date) -> Answer:
        if (query.intent == "out_of_scope" or query.off_ground) and self._states_own_figures(query, asker, index):
            # "how was the grant of 132,002,850 won worked out?": a figure the asker's own records hold for one of
            # its projects says the question is about them, however the heads read the rest
            query = replace(query, intent="eligibility", own=True, off_ground=False, foreign=frozenset(),
                            why=query.why + "; states a figure of its own records")
        if query.scenario == "completion" and self._states_own_completion(query, asker, index):
            # "completion on our chiller project was 28 feb, so …?": the date the records hold, not a what-if
            query = replace(query, scenario="none", what_if=False, own=True,
                            why=query.why + "; states a completion date of its own records")
        intent = query.intent
        if intent == "help":
            return Answer(question=question, status="answered", intent="help", answer=self.say("HELP", query.language))
        if intent == "out_of_scope" or query.off_ground:
            # The classifier knows this program's words; a knowledge base it has not seen may still answer.
            # A question read off the documents' ground for its words keeps its topic for a passage that answers.
            language = self.answer_language(query, index)
            # When the heads read it off-topic and are sure ("which courier do we send the originals by?"), or the
            # question turns on a word no document and no answerable example uses ("do we need insurance on the
            # equipment?"), no passage on a nearby topic is close enough; a named clause still answers. (A question
            # read off the ground from an answerable topic gets the off-topic passage limit, not this.)
            sure = (intent == "out_of_scope" and not query.refs
                    and (query.confidence >= self.settings.out_of_scope_sure or bool(query.foreign)))
            min_dense = float("inf") if sure else self.limit("min_relevance_out_of_scope", language)
            # read off the ground from a topic, a follow-up or later part is still searched with what it follows
            # and adds what the earlier parts did not say
            ground = query.off_ground  # (an answerable intent, read off the ground)
            answer = self._with_docs(question, vector, asker, intent if ground else "program", index,
                                     search=query.search_text, asks=query.asks, language=language, min_dense=min_dense,
                                     context=query.context if ground else "", avoid=query.avoid if ground else frozenset())
            if answer.status == "answered" and answer.citations:
                # what the question turned out to be about is what answers it: an Act article is a law answer
                cited = index.lexical.by_id.get(answer.citations[0].id)
                if cited is not None and cited.doc_type == "law":
                    answer.intent = "law"
            if answer.status != "answered":
                # A question on the program's ground that no passage answers ("which bank account do repayments
                # go to?") is one the documents leave open, not one outside what the assistant is for.
                near = max([h.dense or 0.0 for h in answer.hits[: self.settings.top_k]] + [0.0])
                message = "NOT_FOUND" if (near >= self.limit("min_relevance", language)
                                          or len(_program_words(question, index)) >= 2) else "OUT_OF_SCOPE"
                answer = Answer(question=question, status="not_found", intent=intent, hits=answer.hits,
                                answer=self.say(message, query.language))
            return answer
        embed = self.embedder(self.answer_language(query, index)).embed_query
        alone = vector  # the question (or part) on its own, for a later part that may also stand alone
        if query.context:
            # A follow-up (or a later part) too short to stand alone is searched together with what it follows.
            vector = embed(f"{query.context} {query.search_text}")
        elif query.search_text != query.text:
            vector = embed(query.search_text)
        return self._answer_in_scope(question, query, vector, asker, partner_id, index, as_of, alone=alone)

    def _multi_part(self, question: str, query: Query, asker: Asker, partner_id: str | None, index: Index,
                    as_of: date) -> Answer:
        """Every part gets its own cited answer, in one reply with one list of sources."""
        from bot.compose.merge import merge

        answers: list[Answer] = []
        quoted: set[str] = set()
        for i, part in enumerate(query.parts):
            language = self.answer_language(part, index)
            embed = self.embedder(language).embed_query
            firm = self._partner(part, asker, None) or partner_id
            # Each part adds what the earlier parts did not already say. A given completion date is worked out for
            # all the question asks of it ("…, 1회차랑 마지막 회차는? 첫 모니터링 보고서는 몇 년도분이에요?").
            seen = topics_of(question) if part.scenario == "completion" else part.context_topics
            answer = self._answer_query(part.text, replace(part, avoid=frozenset(quoted), context_topics=seen),
                                        embed(part.text), asker, firm, index, as_of)
            if i and not answer.citations and answer.status == "needs_human" and not part.context \
                    and asker.role == "guest":
                # a later part that leans on the scene the one before set ("35 days later, are we late, … and could
                # we still apply in round 5?"), asked by a guest of its own firm: no passage gives the rule alone,
                # so it is read with that part. (A part no passage answers that asks of the rules is not found:
                # the documents may leave it open.)
                before = query.parts[i - 1].text
                joined = self._answer_query(part.text, replace(part, avoid=frozenset(quoted), context=before,
                                                               context_topics=seen),
                                            embed(f"{before} {part.text}"), asker, firm, index, as_of)
                if joined.citations and joined.status in ("answered", "needs_human") \
                        and joined.score >= self.limit("min_sentence_score", language):
                    answer = joined  # (only a passage that answers it well: not any the two parts' words find)
            answers.append(answer)
            quoted |= quoted_sentences(answer.answer)
        return merge(question, answers)

    def _partner(self, query: Query, asker: Asker, previous: dict | None) -> str | None:
        """The firm whose records a question may use: the asker's own, or for staff the firm named."""
        if asker.role == "partner":
            return asker.partner_id
        if asker.is_staff:
            # a name written with a typo is still the firm meant, when it is the only one ("purun motorparts")
            named = sorted(query.firms) or (sorted(query.firms_like) if len(query.firms_like) == 1 else [])
            return named[0] if named else (previous or {}).get("subject", {}).get("partner_id")
        return None

    def _answer_in_scope(self, question: str, query: Query, vector, asker: Asker, partner_id: str | None,
                         index: Index, as_of, alone=None) -> Answer:
        from bot.compose import records

        intent = query.intent
        language = self.answer_language(query, index)
        staff_on_firm = asker.is_staff and partner_id is not None
        about_records = intent in RECORD_INTENTS and (staff_on_firm or query.own)
        wants_estimate = query.project is not None

        def from_documents(**extra) -> Answer:
            answer = self._with_docs(question, vector, asker, intent, index, context=query.context,
                                     search=query.search_text, avoid=query.avoid, language=language, asks=query.asks,
                                     **extra)
            if not (query.context and not query.follow_up and query.language == "ko") or find_refs(query.context):
                return answer
            # A later Korean part read with the first because it is short ("…, 2차사도 그거 갚아야 돼요?") may say
            # enough on its own: the reading whose best sentence answers better is kept. (An English part is read
            # with the first only when it points back to it, "…, and can it be renewed?"; a part that follows a
            # named clause is about that clause.)
            own = self._with_docs(question, alone if alone is not None else self.embedder(language).embed_query(
                query.search_text), asker, intent, index, search=query.search_text, avoid=query.avoid,
                language=language, asks=query.asks, **extra)
            better = own.status == "answered" and (answer.status != "answered" or own.score > answer.score)
            return own if better else answer

        if not wants_estimate and (asker.role == "guest" or not about_records):
            # a what-if the rules alone work out, for whoever has no records to use ("if completion is confirmed on
            # 2027-01-31, when is the last installment?", "KAP가 2026년 12월 31일에 설치 확인을 해 주면 …?")
            computed = self._rules_what_if(question, query, asker, index, as_of)
            if computed is not None:
                return computed
        if about_records or wants_estimate:
            if asker.role == "guest" and not wants_estimate:
                if query.what_if:
                    # a hypothetical ("if our payment goes in two weeks late, …?") is answered by the rule; the
                    # firm's own figures would only add to it, so the note about linking the account follows it
                    ruled = from_documents(tail=self.say("GUEST_WHAT_IF_LINK", query.language), status="answered")
                    if ruled.status == "answered":
                        return ruled
                # The rule answer first; the note about linking the account after it.
                return from_documents(tail=self.say("GUEST_NEEDS_LINK", query.language), status="needs_human")
            if asker.is_staff and not partner_id and not wants_estimate:
                return from_documents()
            if partner_id and index.records.firm(partner_id) is None:
                return Answer(question=question, status="not_found", intent=intent,
                              answer=self.say("NO_SUCH_FIRM", query.language))
            ctx = self._record_context(question, query, asker, partner_id, index, as_of,
                                       rule_sentence=self._best_rule_sentence(question, vector, asker, index, language))
            composed = records.compose(intent, ctx)
            if composed is not None and query.also_intent and composed.status == "answered":
                # the heads split between two record intents: the firm's figures both ways, the likelier first
                from bot.compose.merge import merge

                second = records.compose(query.also_intent, replace(ctx, query=replace(query, intent=query.also_intent)))
                if second is not None and second.status == "answered":
                    return merge(question, [composed, second])
            if composed is not None:
                return composed
        rules = from_documents()
        own_firm = asker.role == "partner" and partner_id and index.records.firm(partner_id) is not None
        what_if = query.scenario != "none"
        if own_firm and (what_if or (query.own_maybe and intent in RECORD_INTENTS)):
            # The rule first, then the firm's own figures: what a what-if would mean for them ("what happens if we
            # pay late?"), or what the records say when the question may mean either. When no passage answers in
            # the question's words ("디폴트"), the firm's figures and the clauses they cite do.
            from bot.compose.merge import merge

            mine = records.compose(intent, self._record_context(question, query, asker, partner_id, index, as_of))
            if mine is not None and (mine.facts.get("whatif") if what_if else mine.status == "answered"):
                return merge(question, [rules, mine]) if rules.status == "answered" else mine
        return rules

    def _rules_what_if(self, question: str, query: Query, asker: Asker, index: Index, as_of: date) -> Answer | None:
        """A what-if that needs no firm's records, computed from the rules alone (None: it needs records)."""
        from bot.compose import records, whatif

        draft = records.Draft(self._record_context(question, query, asker, None, index, as_of))
        if not whatif.without_records(draft):
            return None
        answer = draft.answer(query.intent)
        answer.private = False
        return answer

    def _record_context(self, question: str, query: Query, asker: Asker, partner_id: str | None, index: Index,
                        as_of: date, rule_sentence=None):
        from bot.compose import records

        return records.Context(question=question, query=query, asker=asker, partner_id=partner_id, index=index,
                               params=self.params(index), as_of=as_of, settings=self.settings,
                               rule_sentence=rule_sentence, language=self.answer_language(query, index))

    def _with_docs(self, question, vector, asker, intent, index: Index, *, tail: str | None = None,
                   status: str = "answered", context: str = "", min_dense: float = 0.0,
                   search: str | None = None, avoid: frozenset[str] = frozenset(), language: str = "en",
                   asks: frozenset[str] = frozenset()) -> Answer:
        """The passages that answer ``search``, quoted and cited; not found when none does. ``asks``: the kind of
        value the question wants (a duration, a percentage, a phone number…), which a quoted sentence must state
        unless the question names its clause."""
        query = f"{context} {search or question}".strip()
        hits = self.retriever.search(query, asker=asker, vector=vector,
                                     doc_types={"rules", "law", "faq", "doc", "text", "pdf"}, language=language)
        top = hits[: self.settings.top_k]
        clause = lambda ref: next(iter(index.by_locator(ref, language=language)), None)  # noqa: E731
        chosen, best, also = plan(query, vector, top, self.sentence_cache_for(language), idf=index.lexical.idf,
                                  avoid=avoid, clause=clause, faq_title=self.limit("faq_title", language),
                                  faq_title_min=self.limit("faq_title_min", language),
                                  prefer=preferred(search or question))
        # A passage's title (an FAQ entry's own question) may say what the question says better than the whole
        # passage does: "what documents do we need to apply?" against "What documents do we need to submit?".
        dense = max([h.dense or 0.0 for h in top] + [self._title_similarity(top, vector, language)])
        unanswered = Answer(question=question, status="needs_human" if tail else "not_found", intent=intent,
                            answer=tail or self.say("NOT_FOUND", language), hits=hits)
        # figures these passages work out are no figures the documents lack ("the 2027 compliance year" beside
        # Art. 27, "an obligation of 200,000 tonnes" beside its shares, 2027 beside "2026 to 2030")
        quoted = [c for c, _ in chosen]
        worked = act.stated_figures(search or question, quoted, any(c.locator == "Art. 27" for c in quoted),
                                    any(c.doc_type == "law" for c in quoted))
        if not chosen or dense < min_dense or not self._grounded(query, top, best, dense, index, language,
                                                                 quoted=quoted, worked=worked):
            return unanswered
        cites = Citations()
        text = compose_from_documents(chosen, cites, clause, also)
        dates, facts = self._act_dates(search or question, cites, index, language)
        shares, shared = self._act_shares(search or question, chosen, cites, language)
        charged, charge = self._act_surcharge(search or question, cites, index, language)
        capped, cap_facts = self._cap_reached(search or question, asks, cites, index, language)
        worked_out = "\n".join(x for x in (dates, shares, charged, capped) if x)
        facts = {**facts, **shared, **charge, **cap_facts}
        if asks and not tail and not any(h.exact_ref for h in top) and not answers(asks, f"{text}\n{worked_out}"):
            # on the topic but without what was asked ("how many weeks until the grant is paid?" against
            # "support is paid in one sum once KAP has confirmed the installation"): the documents leave it open
            return unanswered
        if worked_out:
            text = f"{text}\n{worked_out}"
        if tail:
            text = f"{text}\n{tail}"
        return Answer(question=question, status=status, intent=intent, answer=text, citations=cites.items,
                      hits=hits, score=best, facts=facts)

    def _about_own_customer(self, query: Query, asker: Asker, index: Index) -> Query:
        """A tier-2 partner asking about itself that names only its tier-1 customer on record ("our customer Eunha
        Castings was barred, does that sink our own application?"): what the records tie the two by is the
        partner's own eligibility (§4.1), and that is the answer, saying of the customer only what the partner's
        own record says. Asked in the third person, or about anything else, the name is refused as before."""
        if asker.role != "partner" or not asker.partner_id or query.attack != "none":
            return query
        firm = index.records.firm(asker.partner_id)
        customer = firm.parent_id if firm is not None else None
        if query.parts:
            # "2차사도 신청되나요? 저흰 꽃빛단조에만 납품해요": a part that names the customer only to say what the firm
            # does asks nothing of its own; the question is the whole, read as one. A part that asks about the
            # customer ("…, and what's our customer's balance?") keeps the question in parts, refused as before.
            naming = [p for p in query.parts if (p.firms | p.firms_like) - {asker.partner_id}]
            if not customer or not naming or not all(states_only(p.text, query.text) for p in naming):
                return query
            query = replace(query, parts=())
        named = (query.firms | query.firms_like) - {asker.partner_id}
        leans = dict(query.intents).get("eligibility", 0.0) >= CUSTOMER_ELIGIBILITY_LEAN
        if not customer or named != {customer} or not (query.intent == "eligibility" or leans):
            return query
        # the asker must speak of itself beyond "our customer X" ("is our customer Eunha eligible?" is about X)
        rest = _OUR_NAMED.sub(" ", self.firm_screen().masked(query.text).replace(customer, f" {_CUSTOMER} "))
        if not first_person(rest.replace(_CUSTOMER, " ")):
            return query
        return replace(query, intent="eligibility", own=True, off_ground=False, foreign=frozenset(),
                       firms=frozenset(), firms_like=frozenset(), also_intent=None,
                       why=query.why + "; names its own customer on record (§4.1)")

    def _states_own_completion(self, query: Query, asker: Asker, index: Index) -> bool:
        """Whether a partner's question gives as a completion date one its records hold for one of its projects:
        the same date, or, for a date written without its year (read as the next one), the same day of the same
        month when no project of the firm still awaits completion."""
        if asker.role != "partner" or not asker.partner_id or not query.mentions.dates:
            return False
        projects = [p for p in index.records.projects(asker.partner_id) if p.support_krw]
        done = {p.completion_date for p in projects if p.completion_date}
        pending = any(p.completion_date is None for p in projects)
        on = query.mentions.dates[0]
        text = query.text.lower()
        year_written = str(on.year) in text or f"{on.year % 100}년" in text or f"'{on.year % 100}" in text
        return on in done or (not pending and not year_written
                              and any((d.month, d.day) == (on.month, on.day) for d in done))

    def _states_own_figures(self, query: Query, asker: Asker, index: Index) -> bool:
        """Whether a partner's question states the support or eligible cost its records hold for one of its
        projects (:func:`bot.compose.records.held_figures`)."""
        if asker.role != "partner" or not asker.partner_id or not query.mentions.amounts:
            return False
        from bot.compose.records import held_figures

        params, stated = self.params(index), set(query.mentions.amounts)
        firm = index.records.firm(asker.partner_id)
        tier = firm.tier if firm is not None else None
        return any(stated & held_figures(p, params, query.text, tier, stated)
                   for p in index.records.projects(asker.partner_id) if p.support_krw)

    def _act_shares(self, question: str, chosen, cites: Citations, language: str) -> tuple[str, dict]:
        """A passage quoted with shares of the surrender obligation ("capped at no more than 10%", "15% of
        the surrender obligation in the first year") and a question that states an obligation in tonnes ("if a
        customer's obligation is 200,000 tonnes"): each share worked out on that figure."""
        base = act.obligation_tonnes(question)
        if base is None:
            return "", {}
        lines, worked = [], []
        for chunk in dict.fromkeys(c for c, _ in chosen if act.sets_shares(c.text)):
            article = next((c for c in cites.items if c.id == chunk.id), None)
            items = [(p, base * p / 100) for p in act.percents(" ".join(t for c, t in chosen if c.id == chunk.id))]
            if article is None or not items:
                continue
            worked += [{"locator": chunk.locator, "obligation_t": base, "percent": p, "tonnes": t} for p, t in items]
            shares = ", ".join(self.say("ACT_SHARE_ITEM", language, percent=f"{p:g}", tonnes=t) for p, t in items)
            lines.append(f"{self.say('ACT_SHARES', language, base=base, shares=shares)} [{article.n}]")
        return "\n".join(lines), ({"act_shares": worked} if worked else {})

    def _act_surcharge(self, question: str, cites: Citations, index: Index, language: str) -> tuple[str, dict]:
        """Art. 33 quoted for a question that states a shortfall in tonnes, an average price per tonne and the
        compliance year ("1,000 t short for 2024 at 40,000 won/t: the most they could face?"): the most the
        surcharge can come to. The failure is the year's surrender deadline (Art. 27); the former cap per tonne
        applies to a failure before its deletion took effect."""
        params = self.params(index)
        keys = ("act.surrender_months", "act.surcharge_multiple", "act.former_surcharge_cap_krw",
                "act.surcharge_cap_deleted_from")
        quoted = next((c for c in cites.items if find_refs(c.locator) == ["Art. 33"]), None)
        if quoted is None or not all(k in params for k in keys):
            return "", {}
        tonnes, price = tonnes_in(question), act.price_per_tonne(question)
        years = act.compliance_years(question) or [y for y in years_named(question) if 2000 < y < 2100]
        if not tonnes or price is None or len(set(years)) != 1:
            return "", {}
        _, failed_on = act.surrender_due(years[0], params.value("act.surrender_months"))
        deleted_from = params.value("act.surcharge_cap_deleted_from")
        worked = act.surcharge(tonnes[0], price, failed_on, params.value("act.surcharge_multiple"),
                               params.value("act.former_surcharge_cap_krw"), deleted_from)
        article = next(iter(index.by_locator("Art. 27", language=language)), None)
        markers = f"[{quoted.n}]" + (cites.cite(article) if article is not None else "")
        key = ("ACT_SURCHARGE_CAPPED" if worked["capped"] else "ACT_SURCHARGE_UNDER_CAP" if worked["cap_applies"]
               else "ACT_SURCHARGE_UNCAPPED")
        why = self.say(key, language, year=years[0], failed=failed_on, deleted=deleted_from,
                       triple=worked["multiple_krw"], cap=params.value("act.former_surcharge_cap_krw"),
                       multiple=params.value("act.surcharge_multiple"))
        said = self.say("ACT_SURCHARGE", language, tonnes=tonnes[0], price=price, per=worked["per_tonne_krw"],
                        total=worked["total_krw"], why=why)
        return f"{said} {markers}", {"act_surcharge": worked}

    def _cap_reached(self, question: str, asks, cites: Citations, index: Index, language: str) -> tuple[str, dict]:
        """A support clause with its cap quoted (§6.1, §6.2) for a question asking what cost it takes ("at what
        eligible cost does tier-1 support stop going up?"): the smallest eligible cost whose support reaches the
        cap. Only when the question states no amount but the caps themselves."""
        from bot.calculators.project import COST_WORD, cap_reached, parse_money

        params = self.params(index)
        caps = {t: params.support(t)[1] for t in (1, 2)}
        quoted = {t: c for t, cap in caps.items() for c in cites.items if find_refs(c.locator) == [cap.clause]}
        stated = set(parse_money(question[:2000]))
        if not quoted or "number" not in asks or not COST_WORD.search(question[:2000]) or \
                not stated <= {cap.value for cap in caps.values()}:
            return "", {}
        tier = tier_in(question)
        worked = [cap_reached(t, params) for t in quoted if tier is None or t == tier]
        lines = [f"{self.say('CAP_REACHED', language, **w)} [{quoted[w['tier']].n}]" for w in worked]
        return "\n".join(lines), ({"cap_reached": worked} if worked else {})

    def _act_dates(self, question: str, cites: Citations, index: Index, language: str) -> tuple[str, dict]:
        """Art. 27 quoted for a year the question names ("the 2025 compliance year", "26년도분"), or an Act article
        quoted for a question that names a compliance year ("a shortfall for the 2024 compliance year": when it
        became one): that year's surrender deadline, worked out from Art. 27 (the year's end plus its months)."""
        params = self.params(index)
        if "act.surrender_months" not in params:
            return "", {}
        quoted = next((c for c in cites.items if find_refs(c.locator) == ["Art. 27"]), None)
        if quoted is not None:
            years, marker = [y for y in years_named(question) if 2000 < y < 2100][:2], f"[{quoted.n}]"
        else:
            years = act.compliance_years(question)
            article = next(iter(index.by_locator("Art. 27", language=language)), None)
            if not years or article is None or not any(c.locator.startswith(("Art. ", "제")) for c in cites.items):
                return "", {}
            marker = cites.cite(article)
        months = params.value("act.surrender_months")
        lines, due = [], []
        for year in years:
            end, on = act.surrender_due(year, months)
            due.append({"year": year, "year_end": end.isoformat(), "due": on.isoformat(), "months": months})
            said = self.say("ACT_SURRENDER_DUE", language, year=year, due=on, months=months, end=end)
            lines.append(f"{said} {marker}")
        return "\n".join(lines), ({"surrender_due": due} if due else {})

    def _best_rule_sentence(self, question: str, vector, asker: Asker, index: Index, language: str = "en"):
        hits = self.retriever.search(question, asker=asker, vector=vector, doc_types={"rules", "law", "faq"},
                                     language=language)
        scored = best_sentences(question, vector, hits[: self.settings.top_k], self.sentence_cache_for(language),
                                limit=1, idf=index.lexical.idf, faq_title=self.limit("faq_title", language),
                                faq_title_min=self.limit("faq_title_min", language))
        return scored[0] if scored else None

    def limit(self, name: str, language: str) -> float:
        """A setting for ``language`` (a grounding limit, the FAQ title lift): each embedding model has its own
        scale of similarity."""
        value = getattr(self.settings, f"{name}_{language}", None)
        return getattr(self.settings, name) if value is None else value

    def _title_similarity(self, hits, vector, language: str) -> float:
        """The best similarity between the question and the titles of ``hits`` (cached like sentences)."""
        titled = [(f"{h.chunk.id}|#title", t) for h in hits if len(t := title(h.chunk)) > 12]
        if not titled:
            return 0.0
        vectors = self.sentence_cache_for(language).vectors([k for k, _ in titled], [t for _, t in titled])
        return float(max(vectors @ np.array(vector)))

    def _grounded(self, question: str, hits, best_sentence: float, dense: float, index: Index,
                  language: str = "en", quoted=(), worked: frozenset[str] = frozenset()) -> bool:
        """Whether the passages really answer the question (thresholds calibrated on the gold set).

        A named clause always grounds. Otherwise the best passage or the best sentence must be
        similar enough, and the question must not hinge on a word or number the documents never use
        ("the 5th phase", "CBAM", "share price today").
        """
        if any(h.exact_ref for h in hits):
            return True
        if dense < self.limit("min_relevance", language) and best_sentence < self.limit("min_sentence_score", language):
            # A quoted passage that holds every word the question turns on ("which ministries are party to the
            # agreement?" and §1.2's parties) answers it, however loosely the embedding reads the two. Figures and
            # word pieces ("1", "2" of "tier-1 or tier-2") say too little to count.
            asked = {t for t in set(tokenize(question)) - korean_predicates(question)
                     if not any(ch.isdigit() for ch in t) and len(t) >= (3 if t.isascii() else 2)}
            return len(asked) >= COVERED_WORDS and any(
                asked <= passage_words(f"{title(c)} {c.text}") for c in quoted)
        # A Korean verb the documents never use ("어기면", "돌리면") says how the asker puts it; a thing or a number
        # they never mention (과태료 is there, 세액공제 is not) is what the question may hinge on.
        unknown = [t for t in tokenize(question) if t not in index.lexical.vocabulary and t not in worked
                   and len(t) > (2 if t.isascii() else 1) and not derived_from_known(t, index.lexical.vocabulary)]
        if unknown:
            how = korean_predicates(question)
            # an amount of money the question states ("an installment of 23.4M") is the asker's own figure for the
            # rule to apply to, not a thing the documents must mention
            stated = {t for start, end, _ in money_spans(question) for t in tokenize(question[start:end])}
            stated |= {t for start, end, _ in tonne_spans(question) for t in tokenize(question[start:end])}
            unknown = [t for t in unknown if t not in how and t not in stated]
        if any(any(ch.isdigit() for ch in t) for t in unknown):
            return False
        return (not unknown or dense >= self.limit("min_relevance_unknown_words", language)
                or best_sentence >= self.limit("min_sentence_score_unknown_words", language))

    def ready(self) -> str | None:
        """None when answers can be given (index loaded, audit database answering); else what is missing."""
        try:
            self.index.get()
        except Exception as exc:  # no index yet, or a broken one
            return f"index: {type(exc).__name__}: {str(exc)[:200]}"
        if self.audit is not None:
            try:
                self.audit.query("SELECT 1")
            except Exception as exc:
                return f"database: {type(exc).__name__}: {str(exc)[:200]}"
        return None

    def _polished(self, answer: Answer, asker: Asker, previous: dict | None, sink=None) -> Answer:
        """CARBONBOT_LLM: the guarded rewrite, or the extractive answer with the reason it stayed; ``sink``
        receives the rewrite as the model writes it."""
        if self.writer is None:
            from bot.llm.writer import Writer

            self.writer = Writer(self.settings)
        firms = {f.partner_id: f.name for f in self.directory().firms.values()}
        return self.writer.polish(answer, asker, previous, firms, sink)

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



EMBEDDED_CHARS = 600
_CUSTOMER = "\x00customer\x00"
# "our customer Eunha Castings", "저희 원청 은하캐스팅": the first person that only names whose customer it is
_OUR_NAMED = re.compile(r"(?:\b(?:our|my)\b|저희|우리)(?:\s{0,3}[^\s\x00]{1,20}){0,2}?\s{0,3}\x00customer\x00", re.I)
CUSTOMER_ELIGIBILITY_LEAN = 0.3  # how likely the heads must find eligibility for a question naming one's customer


def embedded(text: str) -> str:
    """What the embedding model reads of a question: all of it up to EMBEDDED_CHARS, else its start and its end
    (a long message opens with context and ends with the question, or asks first and explains after). The
    model's time grows with the text, and its window is 512 pieces anyway."""
    if len(text) <= EMBEDDED_CHARS:
        return text
    half = EMBEDDED_CHARS // 2
    return f"{text[:half]} … {text[-half:]}"


def _program_words(question: str, index: Index) -> set[str]:
    """The words of ``question`` the documents also use (figures, word pieces and Korean verbs aside): two or
    more put a question on the program's ground ("quarterly", "repay"), whatever it goes on to ask."""
    how = korean_predicates(question)
    return {t for t in tokenize(question) if t in index.lexical.vocabulary and t not in how
            and not any(ch.isdigit() for ch in t) and len(t) >= (3 if t.isascii() else 2)}


def _brief(answer: Answer) -> dict:
    """The few facts a follow-up may build on ("and the one after?"), kept with the thread's turn."""
    keep = ("next_due_on", "next_due_krw", "state", "outstanding_krw", "partner_id")
    return {k: answer.facts[k] for k in keep if k in answer.facts}
