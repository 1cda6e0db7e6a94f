"""Answers about one firm's own records: eligibility, repayment and offsets, from the calculators.

Every number in these answers comes from a calculator result (and is put in
``facts``); every sentence cites the rule clause it applies and the firm's
record with its as-of date. The sentence that answers what was asked goes
first; the rest follow as details.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, timedelta
from typing import Any

from bot.calculators.disposal import anniversary
from bot.calculators.eligibility import check_eligibility
from bot.calculators.offsets import compute_offsets, conversion_deadlines, report_deadline
from bot.calculators.params import Parameters
from bot.calculators.project import COST_WORD, ProposedProject, cap_reached, estimate_support
from bot.calculators.repayment import compute_repayment, settled_on
from bot.compose import whatif
from bot.compose.citations import Citations
from bot.retrieval.refs import find_refs
from bot.lang.format import day
from bot.messages import Phrase, say
from bot.config import Settings
from bot.models import Answer, Asker, Chunk
from bot.store.index import Index
from bot.compose.documents import passage_words, sentences, title
from bot.store.lexical import tokenize
from bot.records.text import firm_text, ledger_text
from bot.understand.query import Query


@dataclass
class Context:
    question: str
    query: Query
    asker: Asker
    partner_id: str | None
    index: Index
    params: Parameters
    as_of: date
    settings: Settings
    # The best sentence the documents offer for this question (chunk, sentence, score), if any: it joins
    # the record answer when the question also asks about a rule ("who pays for verification?").
    rule_sentence: tuple[Chunk, str, float] | None = None
    language: str = "en"  # the language the answer is written in, and whose clause text it quotes

    @classmethod
    def for_firm(cls, index: Index, params: Parameters, settings: Settings, partner_id: str, as_of: date,
                 language: str = "en", intent: str = "repayment") -> "Context":
        """A firm's figures said without a question (the Home tab, a reminder): as its own partner sees them."""
        query = Query(text="", language=language, intent=intent, confidence=1.0)
        return cls(question="", query=query, asker=Asker(role="partner", partner_id=partner_id, display_name=""),
                   partner_id=partner_id, index=index, params=params, as_of=as_of, settings=settings,
                   language=language)


@dataclass
class Draft:
    """Sentences with the topics they answer; the best match for the question goes first."""

    ctx: Context
    cites: Citations = field(default_factory=Citations)
    lines: list[tuple[frozenset[str], str]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    # (title, quote) of the record as of the as-of date, by ledger or not
    quotes: dict[bool, tuple[str, str]] = field(default_factory=dict)

    def say(self, key: str, **values: Any) -> str:
        """The catalogue sentence ``key`` in the answer's language, with computed ``values``."""
        return say(key, self.ctx.language, **values)

    def words(self, phrase: str) -> str:
        """A calculator's words (a :class:`Phrase`) in the answer's language; other text as it is."""
        return phrase.say(self.ctx.language) if isinstance(phrase, Phrase) else phrase

    def rule(self, locator: str) -> str:
        """The marker for a rule or Act clause, empty if this knowledge base lacks it."""
        chunks = self.ctx.index.by_locator(locator, language=self.ctx.language)
        return self.cites.cite(chunks[0]) if chunks else ""

    def quote(self, locator: str, about: str, limit: int = 2) -> str | None:
        """The sentences of a clause that share most words with ``about``, with its marker (None: no clause)."""
        chunks = self.ctx.index.by_locator(locator, language=self.ctx.language)
        if not chunks:
            return None
        wanted = passage_words(about)
        ranked = sorted(sentences(chunks[0].text), key=lambda s: -len(wanted & passage_words(s)))[:limit]
        if not ranked:
            return None
        keep = [s for s in sentences(chunks[0].text) if s in ranked]  # in the clause's own order
        return f"{' '.join(keep)} {self.cites.cite(chunks[0])}"

    def record(self, ledger: bool = False) -> str:
        """The marker for the firm's record, quoting it as it stood on the as-of date."""
        pid = self.ctx.partner_id
        chunk = record_chunk(self.ctx.index, pid, ledger) if pid else None
        if chunk is None or not pid:
            return ""
        if ledger not in self.quotes:
            records = self.ctx.index.records.firm_records(pid)
            if records is None:
                return ""
            known = records.known_on(self.ctx.as_of)
            by_project: dict[str, list] = {}
            for r in known.reductions:
                by_project.setdefault(r.project_id, []).append(r)
            language = self.ctx.language
            self.quotes[ledger] = (self.say("RECORD_TITLE", name=known.firm.name),
                                   ledger_text(known.firm, list(known.payments), language) if ledger
                                   else firm_text(known.firm, list(known.projects), by_project, language))
        title, quote = self.quotes[ledger]
        locator = self.say("RECORD_LOCATOR_LEDGER" if ledger else "RECORD_LOCATOR", pid=pid, as_of=self.ctx.as_of)
        return self.cites.cite(chunk, locator=locator, quote=quote, title=title)

    def add(self, topics: str, text: str, *markers: str) -> None:
        refs = "".join(dict.fromkeys(m for m in markers if m))  # two criteria of one clause cite it once
        self.lines.append((frozenset(topics.split()), f"{text} {refs}".strip()))

    def _named_by_title(self, lines) -> list[tuple[frozenset, str]]:
        """A rule the question names by its title ("the number on KAP's yearly statement", "연간 확인서 기준으로") and
        the figures do not cite: its sentence that shares most words with the question, cited. Titles of two words
        or more, so a single common word names nothing."""
        said = tokenize(self.ctx.question[:2000])
        asked, phrase = set(said), f" {' '.join(said)} "
        idf = getattr(self.ctx.index.lexical, "idf", None) or {}  # (an index without one names no title)
        cited = {c.locator for c in self.cites.items}
        out = []
        for chunk in self.ctx.index.chunks:
            if chunk.doc_type != "rules" or chunk.language != self.ctx.language or chunk.locator in cited \
                    or chunk.locator.startswith("§2."):  # (a definition is no rule to apply)
                continue
            words = _title_words(title(chunk), chunk.locator)
            # the title's words in a row, one of them rare in the documents ("yearly statement", not "Not eligible")
            if len(words) < 2 or f" {' '.join(words)} " not in phrase \
                    or max(idf.get(w, 0.0) for w in words) < RARE_TITLE:
                continue
            best = max(sentences(chunk.text), key=lambda s: len(asked & passage_words(s)), default=None)
            if best and all(best not in text for _, text in lines):
                out.append((frozenset(), f"{best} {self.cites.cite(chunk)}"))
        return out[:2]

    def answer(self, intent: str, status: str = "answered") -> Answer:
        if "keep" in self.ctx.query.topics:
            obligation_periods(self)  # "when does our 5-year period end?", whichever record intent asked it
        if "month_end" in self.ctx.query.topics and self.ctx.partner_id:
            # "completion was the 28th, the end of February, so is the May installment on the 31st?": the rule that
            # says how a date some months on falls, beside the dates the records give
            counted = self.quote("§2.16", f"{self.ctx.question} same day month last day", limit=1)
            if counted:
                self.add("", counted)  # (after the figures it explains)
        as_of = day(self.ctx.as_of, self.ctx.language)
        if self.ctx.partner_id and not any(as_of in text for _, text in self.lines):
            # Every answer from a firm's records says the date its figures hold on, in its own language.
            self.add("", self.say("AS_OF_LINE", as_of=self.ctx.as_of), self.record())
        focus = self.ctx.query.topics
        # The line whose topic is named earliest in the question answers it; ties keep line order.
        ranked = [(min((focus[t] for t in tags if t in focus), default=10**6), i)
                  for i, (tags, _) in enumerate(self.lines)]
        first = min(ranked)[1] if ranked else 0
        asked = ([i for i, (tags, _) in enumerate(self.lines) if "whatif" in tags or "after" in tags]
                 or [i for i, (tags, _) in enumerate(self.lines) if "last" in tags])
        if asked:  # a what-if (or the installment asked for) is answered first, the current figures follow
            first = asked[0]
        ordered = [self.lines[first]] + [line for i, line in enumerate(self.lines) if i != first]
        ordered += self._named_by_title(ordered)
        rule = self.ctx.rule_sentence
        covered = frozenset().union(*(tags for tags, _ in self.lines)) if self.lines else frozenset()
        uncovered = set(focus) - covered  # the question asks something the record lines do not say
        if rule is not None and uncovered and rule[2] >= self.ctx.settings.min_sentence_score:
            chunk, sentence, _ = rule
            if all(sentence not in text for _, text in ordered):
                # An FAQ entry also cites the clauses it rests on, as in a document answer.
                named = [c for ref in find_refs(chunk.text) if chunk.doc_type == "faq"
                         for c in self.ctx.index.by_locator(ref, language=self.ctx.language)[:1]]
                markers = "".join(dict.fromkeys(self.cites.cite(c) for c in [chunk, *named]))
                line = (frozenset(), f"{sentence} {markers}")
                ordered = [line] + ordered if uncovered == set(focus) else ordered + [line]
        return Answer(question=self.ctx.question, status=status, intent=intent,  # type: ignore[arg-type]
                      answer="\n".join(text for _, text in ordered), citations=self.cites.items,
                      facts=self.facts, private=True)


def obligation_periods(d: Draft) -> None:
    """§11.1: for each of the firm's projects with a confirmed completion date, the 5 years in which the equipment
    must not be sold, removed or left idle: from that date to the day before its fifth anniversary."""
    records = d.ctx.index.records.firm_records(d.ctx.partner_id) if d.ctx.partner_id else None
    if records is None or any("period" in tags for tags, _ in d.lines):
        return
    periods = []
    for project in records.known_on(d.ctx.as_of).projects:
        if project.completion_date is None or not project.support_krw:
            continue
        end = anniversary(project.completion_date, d.ctx.params) - timedelta(days=1)
        periods.append({"project_id": project.project_id, "start": project.completion_date.isoformat(),
                        "end": end.isoformat()})
        d.add("keep period", d.say("OBLIGATION_PERIOD", project=project.project_id, start=project.completion_date,
                                   end=end, years=d.ctx.params.value("obligations.clawback_years")),
              d.record(), d.rule("§11.1"))
    if periods:
        d.facts["obligation_periods"] = periods


def convert_by(d: Draft, result, rec: str) -> None:
    """"is there a deadline for converting them?": Art. 30's years from certification, for each year's KOC not yet
    converted; a year's reductions count as certified from the day its report was submitted (§9.3)."""
    years = d.ctx.params.value("offsets.koc_conversion_years")
    due = conversion_deadlines(result, d.ctx.params)
    named = set(d.ctx.query.mentions.years) & {x["year"] for x in due}
    due = [x for x in due if not named or x["year"] in named]  # the years the question names, if the records hold any
    listed = [d.say("OFF_CONVERT_ITEM", koc=x["koc"], year=x["year"], certified=date.fromisoformat(x["certified_on"]),
                    by=date.fromisoformat(x["convert_by"])) for x in due]
    if due:
        d.facts["koc_convert_by"] = due
        joined = " ".join(listed) if d.ctx.language == "ko" else "; ".join(listed)  # (Korean: whole sentences)
        d.add("credits convert", d.say("OFF_CONVERT_BY", years=years, listed=joined),
              rec, d.rule("Art. 30"), d.rule("§9.3"))


RARE_TITLE = 4.0  # idf of a word in few passages ("statement", "확인서"; not "eligible", "support", "year")


@lru_cache(maxsize=4096)
def _title_words(caption: str, locator: str) -> tuple[str, ...]:
    """The words of a clause's title in order, without its locator's pieces or figures (the same for every
    question)."""
    drop = set(tokenize(locator))
    return tuple(t for t in tokenize(caption) if t not in drop and not any(ch.isdigit() for ch in t))


def record_chunk(index: Index, partner_id: str, ledger: bool) -> Chunk | None:
    locator = f"Partner record {partner_id}" + (" ledger" if ledger else "")
    return next((c for c in index.chunks if c.locator == locator), None)


def compose(intent: str, ctx: Context) -> Answer | None:
    if intent == "eligibility":
        return eligibility(ctx)
    if intent == "repayment":
        return repayment(ctx)
    if intent == "offset":
        return offsets(ctx)
    return None


# -- eligibility ---------------------------------------------------------------------------
def eligibility(ctx: Context) -> Answer:
    d = Draft(ctx)
    store = ctx.index.records
    records = store.firm_records(ctx.partner_id) if ctx.partner_id else None
    firm = records.firm if records else None
    estimate_only = firm is None
    if records is not None and firm is not None:
        parent = store.firm(firm.parent_id) if firm.parent_id else None
        result = check_eligibility(records, parent, ctx.params, ctx.as_of)
        d.facts.update(result.facts())
        d.facts["criteria"] = [{"clause": c.clause, "label": str(c.label), "status": c.status, "value": str(c.value)}
                               for c in result.criteria]
        rec = d.record()
        section = "§3" if firm.tier == 1 else "§4"
        pid, as_of = firm.partner_id, ctx.as_of
        if result.verdict == "eligible":
            d.add("verdict", d.say("ELIG_YES", firm=pid, tier=firm.tier, section=section, as_of=as_of),
                  rec, d.rule(section))
        elif result.verdict == "not_eligible":
            failed = [d.say("CRIT_FAILED", clause=c.clause, label=c.label, value=c.value) for c in result.failed]
            d.add("verdict", d.say("ELIG_NO", firm=pid, as_of=as_of, failed=failed),
                  rec, *[d.rule(c.clause) for c in result.failed])
        else:
            unknown = [d.say("CRIT_UNKNOWN", clause=c.clause, label=c.label) for c in result.unknown]
            d.add("verdict", d.say("ELIG_REVIEW", firm=pid, as_of=as_of, unknown=unknown), rec,
                  *[d.rule(c.clause) for c in result.unknown])
        # only "if nothing changes": a payment or a deferral on that day is a calculation of its own
        later = ([x for x in ctx.query.mentions.dates if x > ctx.as_of]
                 if ctx.query.what_if and ctx.query.scenario in ("none", "missed") else [])
        if later:  # "if it's still unpaid tomorrow, are we still eligible?": the same records, on that day
            then = check_eligibility(records.known_on(ctx.as_of), parent, ctx.params, later[0])
            d.facts.update(whatif="eligibility_on", whatif_on=later[0].isoformat(), whatif_verdict=then.verdict)
            # the criteria on that day, as the answer states them ("33 days overdue")
            d.facts["whatif_criteria"] = [{"clause": c.clause, "label": str(c.label), "status": c.status,
                                           "value": str(c.value)} for c in then.criteria]
            if then.verdict == "eligible":
                key = "ELIG_THEN_YES" if result.verdict == "eligible" else "ELIG_THEN_MEETS"
                d.add("whatif", d.say(key, firm=pid, on=later[0]), rec, d.rule(section))
            elif then.verdict == "not_eligible":
                failed = [d.say("CRIT_FAILED", clause=c.clause, label=c.label, value=c.value) for c in then.failed]
                d.add("whatif", d.say("ELIG_THEN_NO", firm=pid, on=later[0], failed=failed), rec,
                      *[d.rule(c.clause) for c in then.failed])
        if "clawback" in ctx.query.topics:
            disposed(d, records)  # "we sold the furnace and paid it all off: can we still apply?"
        for c in result.criteria:  # the rule behind each criterion not met, in its own words
            if c.status == "pass":
                continue
            for locator in (c.clause, *c.also):
                text = d.quote(locator, f"{d.words(c.label)} {d.words(c.value)}")
                if text and all(text.split(" [")[0] not in line for _, line in d.lines):
                    d.add("verdict rule", text)
        for c in result.criteria:
            if c.status == "pass":
                d.add("criteria", d.say("CRIT_MET", clause=c.clause, label=c.label, value=c.value),
                      d.rule(c.clause), rec)
    tier = firm.tier if firm is not None else (ctx.query.mentions.tier or 1)
    # amounts the records hold for one of the firm's projects (its support, its eligible cost) are that project's,
    # not the cost of a new one: "how was our grant of 132,002,850 won worked out?"
    # "what was our grant amount?" (no figure stated, no new project): each project's support, worked out
    every = "granted" in ctx.query.topics and ctx.query.project is None and not ctx.query.mentions.amounts
    recorded = recorded_support(d, records, tier, every=every) if records is not None else False
    if records is not None and ctx.query.project is None and not ctx.query.mentions.amounts and (
            "granted" in ctx.query.topics or ("estimate" in ctx.query.topics and "number" in ctx.query.asks)):
        if d.facts.get("verdict") != "not_eligible":  # (a firm that may not apply gets nothing more)
            pending_support(d, records, tier)  # "once our chiller job is signed off, how much support do we get?"
            if _ANOTHER.search(ctx.query.text[:2000]):
                round_cap_left(d, records, tier)  # "a second project this round: how much more could we get?"
    if ctx.query.project is not None and not recorded:
        estimate(d, tier, show_tier=estimate_only)
    elif estimate_only:
        return None  # type: ignore[return-value]  # nothing firm-specific to say: answer from documents
    # the program desk must decide (a question about how the support on record was worked out is answered: "why
    # did we get 382,508,000 and not half of 819,660,000?")
    explained = recorded and "verdict" not in ctx.query.topics
    if firm is not None and d.facts.get("verdict") == "needs_review" and not explained:
        return d.answer("eligibility", status="needs_human")
    return d.answer("eligibility")


def held_figures(project, params: Parameters, text: str, tier: int | None = None,
                 stated: frozenset[int] | set[int] = frozenset()) -> set[int]:
    """The figures a question may state to mean ``project``: its support and eligible cost; beside one of them
    (``stated``), also the plain share of that cost at the firm's ``tier`` ratio an asker expected instead ("why
    382,508,000 and not half of 819,660,000, 409,830,000?"). The §6 caps are the rule's figures as much as any
    project's ("would a new project get the full KRW 500M?"), so they count only when the question names the
    project."""
    held = {project.support_krw, project.eligible_cost_krw}
    if tier is not None and project.support_krw and project.eligible_cost_krw and stated & held:
        held.add(int(params.support(tier)[0].value * project.eligible_cost_krw))
    return held if project.project_id in text else held - {params.support(t)[1].value for t in (1, 2)}


def recorded_support(d: Draft, records, tier: int, every: bool = False) -> bool:
    """For each of the firm's projects whose support or eligible cost the question states (``every``: each of
    its supported projects), how that support was worked out from the record (§5.1: LED counted up to its share of
    the eligible cost; §6: ratio and cap). True when every amount the question states is such a figure of the
    records."""
    stated = set(d.ctx.query.mentions.amounts)
    figures = lambda p: held_figures(p, d.ctx.params, d.ctx.query.text, tier, stated)  # noqa: E731
    named = [p for p in records.projects if p.support_krw and (every or stated & figures(p))]
    if not named:
        return False
    share = d.ctx.params["support.led_max_share"]
    for project in named:
        est = estimate_support(tier, ProposedProject.from_record(project, d.ctx.params), d.ctx.params)
        if est.support_krw != project.support_krw or est.countable_cost_krw is None:
            continue  # a record the rules do not reproduce is the desk's to explain, not this line's
        if est.capped and any(p is not project and p.support_krw and p.funding_round == project.funding_round
                              for p in records.projects):
            continue  # the cap is per firm and round (§6): with another project in the round, the desk's to explain
        ratio, raw = int(est.ratio.value * 100), _floor_ratio(est)
        common = dict(project=project.project_id, support=project.support_krw, cost=est.eligible_cost_krw,
                      countable=est.countable_cost_krw, ratio=ratio)
        excess = est.led_cost_krw - est.led_countable_krw
        d.facts.setdefault("recorded_support", []).append(  # every figure a line shows
            {"project_id": project.project_id, "support_krw": project.support_krw,
             "eligible_cost_krw": est.eligible_cost_krw, "countable_cost_krw": est.countable_cost_krw,
             "led_cost_krw": est.led_cost_krw, "led_countable_krw": est.led_countable_krw, "led_excess_krw": excess,
             "before_cap_krw": raw, "ratio_percent": ratio})
        if est.capped:
            text = d.say("REC_SUPPORT_CAP", raw=raw, **common)
        elif excess > 0:
            text = d.say("REC_SUPPORT_LED", led=est.led_cost_krw, led_countable=est.led_countable_krw,
                         excess=excess, share=f"{share.value:.0%}", **common)
        else:
            text = d.say("REC_SUPPORT", **common)
        d.add("estimate verdict", text, d.record(), d.rule("§5.1") if est.led_cost_krw else "",
              d.rule(est.ratio.clause))
    return stated <= {x for p in named for x in figures(p)}


def pending_support(d: Draft, records, tier: int) -> None:
    """Each of the firm's projects applied for and not yet confirmed complete: the support its eligible cost on
    record would bring (§5.1, §6), paid once KAP confirms the installation (§6.3), and for tier 1 when repaying
    would start (§7.2)."""
    params = d.ctx.params
    first = params.value("repayment.grace_months") + params.value("repayment.interval_months")
    for project in records.projects:
        if project.support_krw is not None or project.completion_date is not None:
            continue
        est = estimate_support(tier, ProposedProject.from_record(project, params), params)
        if est.support_krw is None or est.verdict != "eligible":
            continue
        in_round = [p for p in records.projects if p.funding_round == project.funding_round and p.support_krw]
        if tier == 2 and in_round:
            continue  # one project per company and round (§4.4): the desk's to explain
        if sum(p.support_krw or 0 for p in in_round) + est.support_krw > est.cap.value:
            continue  # the cap is per company and round (§6): with other support in the round, the desk's to work out
        d.facts.setdefault("pending_support", []).append(
            {"project_id": project.project_id, "eligible_cost_krw": est.eligible_cost_krw,
             "countable_cost_krw": est.countable_cost_krw, "support_krw": est.support_krw,
             "ratio_percent": int(est.ratio.value * 100), "first_due_months": first if tier == 1 else None,
             "grace_months": params.value("repayment.grace_months")})
        text = d.say("REC_PENDING_SUPPORT", project=project.project_id, round=project.funding_round,
                     cost=est.countable_cost_krw, ratio=int(est.ratio.value * 100), support=est.support_krw,
                     cap_note=d.say("REC_PENDING_CAPPED", cap=est.cap.value) if est.capped else "")
        d.add("estimate granted", text, d.record(), d.rule(est.ratio.clause), d.rule("§6.3"))
        if tier == 1:
            d.add("estimate grace", d.say("REC_PENDING_REPAY", months=first,
                                          grace=params.value("repayment.grace_months")), d.rule("§7.2"))


# a project asked about on top of those on record ("a second project", "how much more", "하나 더", "추가로")
_ANOTHER = re.compile(r"\b(?:another|second|additional|extra|more)\b|추가|하나\s?더|두\s?번째|또\s?(?:하나|다른)", re.I)


def round_cap_left(d: Draft, records, tier: int) -> None:
    """A firm with support in its latest funding round asking about more in it: the §6 cap is per company and
    round, so what is left of it (tier 1), or that a tier-2 partner gets one project a round (§4.4)."""
    params = d.ctx.params
    supported = [p for p in records.projects if p.support_krw]
    if not supported:
        return
    latest = max(p.funding_round for p in supported)
    if latest != d.ctx.index.records.latest_round():
        return  # supported in an earlier round: a project in the round in progress starts from the full cap
    received = sum(p.support_krw or 0 for p in supported if p.funding_round == latest)
    _, cap = params.support(tier)
    left = max(cap.value - received, 0)
    d.facts.update(round_cap={"round": latest, "received_krw": received, "cap_krw": cap.value, "left_krw": left})
    if tier == 2:
        d.add("estimate", d.say("ROUND_ONE_PROJECT", round=latest), d.record(),
              d.rule(params["eligibility.projects_per_round_tier2"].clause))
        return
    d.add("estimate", d.say("ROUND_CAP_LEFT", firm=records.firm.partner_id, round=latest, received=received,
                            cap=cap.value, left=left), d.record(), d.rule(cap.clause))


def _floor_ratio(est) -> int:
    """The ratio of the countable cost before the cap, rounded down to the won (§6)."""
    return int(est.ratio.value * est.countable_cost_krw)


def estimate(d: Draft, tier: int, show_tier: bool) -> None:
    proposed = d.ctx.query.project
    assert proposed is not None
    if cap_cost(d, tier):
        return
    est = estimate_support(tier, proposed, d.ctx.params)
    d.facts.update({f"estimate_{k}": v for k, v in est.facts().items()})
    ratio = int(est.ratio.value * 100)
    who = d.say("EST_WHO_TIER", tier=tier) if show_tier else d.say("EST_WHO_FIRM")
    names = lambda items: ", ".join(e.named(d.ctx.language) for e in items)  # noqa: E731
    if est.verdict == "excluded" and not est.exclusions:  # LED lighting alone (§5.1)
        share = d.ctx.params["support.led_max_share"]
        d.add("estimate verdict", d.say("EST_LED_ALONE", share=f"{share.value:.0%}"), d.rule(share.clause))
        return
    if est.verdict == "excluded":
        d.add("estimate verdict", d.say("EST_EXCLUDED", names=names(est.exclusions)),
              *[d.rule(e.clause) for e in est.exclusions])
        return
    if est.category is None and est.support_krw is None:
        d.add("estimate verdict", d.say("EST_NO_CATEGORY"), d.rule("§5.1"))
        return
    cap = d.say("EST_CAP_NOTE", cap=est.cap.value) if est.capped else ""
    if est.category is None:
        d.add("estimate verdict", d.say("EST_ANY_CATEGORY", who=who, cost=est.eligible_cost_krw,
                                        support=est.support_krw, ratio=ratio, cap=cap),
              d.rule("§5.1"), d.rule(est.ratio.clause))
        return
    if est.support_krw is None:
        d.add("estimate", d.say("EST_NEEDS_COST", category=est.category, ratio=ratio, who=who),
              d.rule("§5.1"), d.rule(est.ratio.clause))
        return
    d.add("estimate verdict", d.say("EST_SUPPORT", category=est.category, cost=est.eligible_cost_krw, who=who,
                                    support=est.support_krw, ratio=ratio, cap=cap),
          d.rule("§5.1"), d.rule(est.ratio.clause))
    if est.led_cost_krw:
        d.add("estimate", d.say("EST_LED", countable=est.led_countable_krw, led=est.led_cost_krw), d.rule("§5.1"))
    if proposed.left_out:
        d.facts["estimate_left_out"] = [{"item": item.key, "krw": amount} for item, amount in proposed.left_out]
    for item, amount in proposed.left_out:  # each amount as stated, with what it was stated for
        d.add("estimate", d.say("EST_LEFT_OUT", amount=amount, items=item.named(d.ctx.language)), d.rule(item.clause))
    d.add("estimate", d.say("EST_COST_RULE"), d.rule("§5.3"))
    if tier == 1:
        d.add("estimate", d.say("EST_TIER1_REPAID"), d.rule("§7.1"), d.rule("§7.2"))
        if est.support_krw:  # what that support would come back as: §7.2's equal installments, remainder last
            count = d.ctx.params.value("repayment.installments")
            each = est.support_krw // count
            last = est.support_krw - each * (count - 1)
            d.facts.update(estimate_installment_krw=each, estimate_last_installment_krw=last)
            d.add("estimate", d.say("EST_INSTALLMENTS" if last == each else "EST_INSTALLMENTS_LAST",
                                    count=count, each=each, last=last), d.rule("§7.2"))


def cap_cost(d: Draft, tier: int) -> bool:
    """"the tier-2 grant maxes out at 150M: from what eligible cost do we get all of it?": the amounts stated are
    the cap itself, and what is asked is a cost, so the answer is the smallest eligible cost whose support reaches
    the cap (not the support on a cost of 150M). True when it answered so."""
    params = d.ctx.params
    ratio, cap = params.support(tier)
    stated = set(d.ctx.query.mentions.amounts)
    if not stated or stated != {cap.value} or "number" not in d.ctx.query.asks \
            or not COST_WORD.search(d.ctx.query.text[:2000]):
        return False
    reached = cap_reached(tier, params)
    d.facts["cap_reached"] = [reached]
    d.add("estimate verdict", d.say("CAP_REACHED", **reached), d.rule(ratio.clause))
    return True


# -- repayment -------------------------------------------------------------------------------
def repayment(ctx: Context) -> Answer:
    d = Draft(ctx)
    store = ctx.index.records
    records = store.firm_records(ctx.partner_id or "")
    assert records is not None
    firm = records.firm
    result = compute_repayment(records, ctx.params, ctx.as_of)
    d.facts.update(result.facts())
    pid, as_of = firm.partner_id, ctx.as_of
    rec, ledger = d.record(), d.record(ledger=True)
    state = result.state
    if firm.tier == 2:
        tier2_refunds(d, result)
        whatif.idle_pending(d, result)
        whatif.apply(d, result)
        return d.answer("repayment")
    if state == "no_support":
        d.add("owe next repaid grace", d.say("REPAY_NO_SUPPORT", firm=pid, as_of=as_of, months=result.first_due_months,
                                             grace=ctx.params.value("repayment.grace_months")), rec, d.rule("§7.2"))
        whatif.apply(d, result)
        return d.answer("repayment")
    if state == "fully_repaid":
        d.add("owe repaid next", d.say("REPAY_FULLY_REPAID", firm=pid, support=result.support_krw,
                                       outstanding=result.outstanding_krw, as_of=as_of), ledger, d.rule("§7.1"))
        accelerations(d, result)
        whatif.apply(d, result)
        return d.answer("repayment")
    if state == "default":
        d.add("owe overdue next", d.say("REPAY_DEFAULT", firm=pid, since=result.defaulted_on, as_of=as_of,
                                        due=result.next_due_on, days=result.days_overdue,
                                        outstanding=result.outstanding_krw), ledger, d.rule("§7.4"))
        d.add("overdue", d.say("REPAY_DEFAULT_EXCLUDED"), d.rule("§11.3") or d.rule("§7.4"))
    elif state == "notice":
        d.add("overdue next", d.say("REPAY_NOTICE", as_of=as_of, due_now=result.due_now_krw,
                                    amount=result.next_due_krw, due=result.next_due_on, days=result.days_overdue),
              ledger, d.rule("§7.4"))
        d.facts["default_on_if_unpaid"] = result.default_on_if_unpaid.isoformat()
        d.add("overdue", d.say("REPAY_NOTICE_THEN", on=result.default_on_if_unpaid), d.rule("§7.4"))
    elif state == "accelerated":
        d.add("owe next overdue", d.say("REPAY_ACCELERATED", as_of=as_of, due_now=result.due_now_krw),
              ledger, d.rule("§11.1"))
    elif state == "grace":
        d.add("next grace", d.say("REPAY_GRACE", firm=pid, grace_ends=result.grace_ends_on,
                                  amount=result.next_due_krw, due=result.next_due_on,
                                  months=result.first_due_months), rec, d.rule("§7.2"))
    elif result.due_now_krw:
        d.add("next overdue", d.say("REPAY_DUE_NOW", due_now=result.due_now_krw, due=result.next_due_on,
                                    amount=result.next_due_krw, days=result.days_overdue), ledger, d.rule("§7.4"))
    else:
        d.add("next", d.say("REPAY_NEXT", amount=result.next_due_krw, due=result.next_due_on), ledger, d.rule("§7.2"))
    if state != "default":
        d.add("owe", d.say("REPAY_OUTSTANDING", firm=pid, outstanding=result.outstanding_krw, as_of=as_of,
                           support=result.support_krw), ledger, d.rule("§7.1"))
    d.add("repaid", d.say("REPAY_REPAID", repaid=result.repaid_krw), ledger)
    if len(result.project_ids) > 1:
        d.add("schedule", d.say("REPAY_PROJECTS", count=len(result.project_ids),
                                projects=", ".join(result.project_ids)), rec, d.rule("§7.7"))
    if result.prepaid_krw:
        d.add("repaid early", d.say("REPAY_PREPAID", prepaid=result.prepaid_krw, last=result.last_due_on),
              ledger, d.rule("§7.3"))
    if result.deferral_months:
        d.add("defer next", d.say("REPAY_DEFERRED", months=result.deferral_months, on=result.deferral_approved_on),
              rec, d.rule("§7.6"))
    accelerations(d, result)
    whatif.idle_pending(d, result)
    schedule(d, result)
    if "overdue" in d.ctx.query.topics and d.ctx.query.scenario != "missed":
        # "have we ever paid late?", also beside another what-if ("since the deferral, have we paid late?"); not
        # "if we keep paying late, …?", which the missed-payment what-if answers
        late_history(d, result)
    last_installments(d, result)
    after_previous(d, result)
    if not due_within(d, result):
        whatif.apply(d, result)
    return d.answer("repayment")


def late_history(d: Draft, result) -> None:
    """A question about lateness: of the installments paid in full, which were paid after their due date and by how
    many days (the ledger's payments applied as §7.3 applies them), and whether any reached the days after which
    KAP sends a written notice (§7.4)."""
    if result.tier != 1:
        return
    settled = settled_on(result.records, d.ctx.params, d.ctx.as_of)
    due = {(i.project_id, i.k): i.due_on for i in result.installments if i.k}
    paid = [(key, on, (on - due[key]).days) for key, on in settled.items() if key in due and due[key] <= d.ctx.as_of]
    if not paid:
        return
    late = [x for x in paid if x[2] > 0]
    notice = d.ctx.params.value("repayment.notice_days")
    d.facts["late_history"] = [{"project_id": p, "k": k, "due_on": due[(p, k)].isoformat(), "paid_on": on.isoformat(),
                                "days_late": n} for (p, k), on, n in late]
    if not late:
        d.add("repaid", d.say("LATE_NONE", count=len(paid)), d.record(ledger=True), d.rule("§7.4"))
        return
    (project, k), on, worst = max(late, key=lambda x: (x[2], x[1]))
    # (of the installments paid; one unpaid and overdue now is the state line's to tell)
    key = "LATE_WORST_NOTICE" if worst > notice else "LATE_WORST" if not result.days_overdue else "LATE_WORST_PAID"
    # (a line of the firm's history, not the rule on lateness: a question about that still gets its rule)
    d.add("repaid", d.say(key, count=len(paid), late=len(late), k=k, project=project, due=due[(project, k)],
                                  paid=on, days=worst, notice=notice), d.record(ledger=True), d.rule("§7.4"))


def due_within(d: Draft, result) -> bool:
    """A question about a stretch of time ("by the end of March", "내년 상반기", "연말까지", "during calendar 2027"):
    what falls due in it, installment by installment, and the total. An open start counts everything still unpaid.
    True when it answered a span read as a payoff ("how much do we owe in total during 2027?"): that span, not
    the payoff of everything today, is what was asked."""
    as_of = d.ctx.as_of
    years = sorted({y for y in d.ctx.query.mentions.years if as_of.year <= y <= as_of.year + YEARS_AHEAD})
    if len(years) >= 2 and (d.ctx.query.scenario == "none"
                            or (d.ctx.query.scenario == "payment" and not d.ctx.query.mentions.amounts)):
        # "split that into what we pay in 2026 vs 2027", "26년이랑 27년에 각각 얼마": each year's span in turn
        by_year = [_due_line(d, result, date(y, 1, 1), date(y, 12, 31)) for y in years]
        d.facts["years_due"] = [{"year": y, "krw": total, "due": due} for y, (_, total, due) in zip(years, by_year)]
        for line, _, _ in reversed(by_year):
            d.lines.insert(0, (frozenset({"owe", "next", "schedule"}), line))
        return False
    window = d.ctx.query.mentions.window
    if window is None:
        return False
    start, end = window
    # a span of its own (a half or whole year) read as a payoff; one month named for a payoff ("pay off the whole
    # balance in February 2027") is when the payoff is made, the what-if's to work out
    spanned = start is not None and (end - start).days > 31 and d.ctx.query.scenario == "payoff"
    if d.ctx.query.scenario != "none" and not spanned:
        return False  # a what-if computes its own figures
    due, total, items, key = _due(d, result, start, end)
    span = (d.say("REPAY_WINDOW_SPAN", start=start, end=end) if start else d.say("REPAY_WINDOW_UNTIL", end=end))
    d.facts.update(window_start=start.isoformat() if start else None, window_end=end.isoformat(), window_due_krw=total,
                   window_due=[{"due_on": i.due_on.isoformat(), "krw": i.outstanding_krw} for i in due])
    line = d.say(key, span=span, items=items, total=total)
    if due:
        # what is left once all that falls due by the end is paid (payments go to the oldest installments first)
        left = result.outstanding_krw - sum(i.outstanding_krw for i in result.installments
                                            if i.outstanding_krw and i.due_on <= end)
        d.facts["window_left_after_krw"] = left
        line = f"{line} {d.say('REPAY_WINDOW_LEFT', end=end, left=left)}"
    # asked for, so first among the lines that share its topics
    d.lines.insert(0, (frozenset({"owe", "next", "schedule"}), f"{line} {d.record(ledger=True)}{d.rule('§7.2')}"))
    return spanned


YEARS_AHEAD = 10  # a year named further ahead than this is no year of a repayment schedule


def _due(d: Draft, result, start: date | None, end: date) -> tuple[list, int, str, str]:
    """The installments still unpaid that fall due from ``start`` (or any time) to ``end``, their total, the items
    as a line says them, and the message that says them (several, one, none)."""
    due = [i for i in result.installments
           if i.outstanding_krw and i.due_on <= end and (start is None or i.due_on >= start)]
    items = ", ".join(d.say("REPAY_WINDOW_ITEM", amount=i.outstanding_krw, due=i.due_on) for i in due)
    key = "REPAY_WINDOW" if len(due) > 1 else "REPAY_WINDOW_ONE" if due else "REPAY_WINDOW_NONE"
    return due, sum(i.outstanding_krw for i in due), items, key


def _due_line(d: Draft, result, start: date, end: date) -> tuple[str, int, list[dict]]:
    """What is still to pay of what falls due from ``start`` to ``end``, cited; the total, and each installment
    (every figure the line shows). A span the as-of date falls in is said as what is left of it to pay."""
    due, total, items, key = _due(d, result, start, end)
    if start <= d.ctx.as_of <= end:
        key = key.replace("REPAY_WINDOW", "REPAY_YEAR_LEFT")
    line = d.say(key, span=d.say("REPAY_WINDOW_SPAN", start=start, end=end), items=items, total=total)
    return (f"{line} {d.record(ledger=True)}{d.rule('§7.2')}", total,
            [{"due_on": i.due_on.isoformat(), "krw": i.outstanding_krw} for i in due])


def after_previous(d: Draft, result) -> None:
    """A follow-up to an answer that named the next installment ("and the one after?", "what is left after that?"):
    the installment that follows it and the balance once it is paid."""
    told = d.ctx.query.previous.get("next_due_on") if d.ctx.query.follow_up else None
    if not told or "next" not in d.ctx.query.context_topics:
        return  # only an answer about the next installment has an "after" (not one about the balance)
    unpaid = [i for i in result.installments if i.outstanding_krw]
    current = next((i for i in unpaid if i.due_on.isoformat() == told), None)
    if current is None:
        return
    following = next((i for i in unpaid if (i.due_on, i.k) > (current.due_on, current.k)), None)
    left = result.outstanding_krw - current.outstanding_krw
    d.facts.update(after_next_due_on=following.due_on.isoformat() if following else None,
                   after_next_krw=following.outstanding_krw if following else 0, left_after_next_krw=left)
    if following is not None:
        d.add("next after", d.say("REPAY_AFTER_NEXT", told=told, amount=following.outstanding_krw,
                                  due=following.due_on), d.record(ledger=True), d.rule("§7.2"))
    d.add("owe after", d.say("REPAY_LEFT_AFTER", told=told, left=left), d.record(ledger=True), d.rule("§7.1"))


def accelerations(d: Draft, result) -> None:
    """§11.1 in a repayment answer: which project's installments fell due at once, and when."""
    for gone in result.disposals:
        amount = result.fell_due_at_once(gone.project_id)
        d.add("clawback", d.say("REPAY_CLAWBACK", project=gone.project_id, reason=gone.reason, amount=amount,
                                on=gone.effective_on), d.record(), d.record(ledger=True), d.rule("§11.1"))


def disposed(d: Draft, records) -> None:
    """An eligibility answer to a question about equipment sold, removed or idle: what §11.1 made of it on the
    firm's account (the installments that fell due at once, and when they were paid; a tier-2 grant's refund)."""
    result = compute_repayment(records, d.ctx.params, d.ctx.as_of)
    if not result.disposals:
        return
    # every figure the lines show
    d.facts["clawback"] = {"disposals": result.facts()["disposals"], "repaid_krw": result.repaid_krw,
                           "outstanding_krw": result.outstanding_krw,
                           "fell_due_krw": {g.project_id: result.fell_due_at_once(g.project_id)
                                            for g in result.disposals if result.tier == 1},
                           "completed": {p.project_id: p.completion_date.isoformat() for p in records.projects
                                         if p.completion_date}}
    if result.tier == 2:
        tier2_refunds(d, result)
        return
    settled = settled_on(records, d.ctx.params, d.ctx.as_of)
    for gone in result.disposals:
        amount = result.fell_due_at_once(gone.project_id)
        if not amount:
            continue  # repaid before: nothing fell due
        # the day the last of the project's installments was paid, once all are
        days = [settled.get((i.project_id, i.k)) for i in result.installments if i.project_id == gone.project_id]
        paid = max(days) if days and None not in days else None
        key = "REPAY_CLAWBACK_SETTLED" if paid is not None else "REPAY_CLAWBACK"
        if paid is not None:
            d.facts.setdefault("settled_on", paid.isoformat())
        d.add("clawback", d.say(key, project=gone.project_id, reason=gone.reason, amount=amount, on=gone.effective_on,
                                paid=paid), d.record(), d.record(ledger=True), d.rule("§11.1"))


def tier2_refunds(d: Draft, result) -> None:
    """Tier-2: a grant owes nothing unless §11.1 makes a pro-rata refund fall due."""
    pid, as_of, rec = result.partner_id, result.as_of, d.record()
    if result.state == "refund_due":
        d.add("owe next refund overdue", d.say("T2_REFUND_DUE", as_of=as_of, firm=pid,
                                               outstanding=result.outstanding_krw, since=result.next_due_on),
              rec, d.rule("§11.1"))
        for gone in result.disposals:
            d.add("clawback", d.say("T2_REFUND_WHY", project=gone.project_id, reason=gone.reason,
                                    months=gone.months_remaining), rec, d.rule("§11.1"), d.rule("§2.16"))
    elif result.state == "refunded":
        d.add("owe repaid refund", d.say("T2_REFUNDED", as_of=as_of, repaid=result.repaid_krw),
              d.record(ledger=True), d.rule("§11.1"), d.rule("§8.1"))
        for gone in result.disposals:
            d.add("clawback", d.say("T2_REFUND_WHY", project=gone.project_id, reason=gone.reason,
                                    months=gone.months_remaining), d.record(), d.rule("§11.1"), d.rule("§2.16"))
    elif result.state == "no_support":
        d.add("owe next repaid", d.say("T2_NO_SUPPORT", firm=pid, as_of=as_of), rec, d.rule("§8.1") or d.rule("§8"))
    else:
        d.add("owe next repaid", d.say("T2_GRANT", as_of=as_of, firm=pid, support=result.support_krw),
              rec, d.rule("§8.1") or d.rule("§8"))
        d.add("clawback refund", d.say("T2_REFUND_RULE"), d.rule("§11.1"))


def last_installments(d: Draft, result) -> None:
    """"When is the last installment, and how much?": each project's last installment still unpaid, with what is
    left of it (the rounding remainder of §7.2 makes it the odd one; an early repayment may have paid part of it)."""
    if "last" not in d.ctx.query.topics:
        return
    several = len(result.project_ids) > 1
    last = {}
    # a project whose installments fell due at once (default, disposal) has no "last" one: the lines on that say so
    at_once = {i.project_id for i in result.installments if i.accelerated is not None}
    for i in result.installments:
        if i.outstanding_krw and i.k and i.project_id not in at_once:
            last[i.project_id] = i if i.project_id not in last else max(last[i.project_id], i,
                                                                         key=lambda x: (x.due_on, x.k))
    d.facts["last_installments"] = [{"project_id": p, "k": i.k, "due_on": i.due_on.isoformat(),
                                     "outstanding_krw": i.outstanding_krw} for p, i in last.items()]
    for project, i in last.items():
        of = d.say("REPAY_LAST_OF", project=project) if several else ""
        line = d.say("REPAY_LAST", of=of, k=i.k, due=i.due_on, amount=i.outstanding_krw)
        d.add("last", line, d.record(ledger=True), d.rule("§7.2"))


def schedule(d: Draft, result) -> None:
    if "schedule" not in d.ctx.query.topics:
        return
    rows = [d.say("SCHEDULE_ROW", k=i.k, amount=i.amount_krw, due=i.due_on, status=i.status)
            for i in result.installments]
    d.facts["schedule"] = [{"k": i.k, "due_on": i.due_on.isoformat(), "amount_krw": i.amount_krw,
                            "outstanding_krw": i.outstanding_krw, "status": i.status} for i in result.installments]
    d.add("schedule", d.say("SCHEDULE", rows=rows), d.record(ledger=True), d.rule("§7.2"))


# -- offsets ---------------------------------------------------------------------------------
def offsets(ctx: Context) -> Answer:
    d = Draft(ctx)
    records = ctx.index.records.firm_records(ctx.partner_id or "")
    assert records is not None
    firm = records.firm
    result = compute_offsets(records, ctx.params, ctx.as_of)
    d.facts.update(result.facts())
    pid, as_of, rec = firm.partner_id, ctx.as_of, d.record()
    if result.state == "no_project":
        d.add("verified credits report", d.say("OFF_NO_PROJECT", firm=pid, as_of=as_of), rec)
        return d.answer("offset")
    account = compute_repayment(records, ctx.params, ctx.as_of)
    whatif.idle_pending(d, account)
    if ctx.query.scenario == "disposal":
        whatif.apply(d, account)
    projects = ", ".join(p.project_id for p in result.projects)
    years = list(ctx.query.mentions.years)
    if not years and "yearly" in ctx.query.topics:  # "연도별로도 알려주세요", "broken down by year": every year on record
        years = sorted({y.year for y in result.years})
    for year in years:
        year_lines(d, result, year)
    if result.state == "pending":
        d.add("verified credits", d.say("OFF_PENDING", firm=pid, projects=projects, as_of=as_of,
                                        expected=result.expected_tco2_per_year), rec, d.rule("§9.3"))
    else:
        which = d.say("OFF_WHICH_MANY" if len(result.projects) > 1 else "OFF_WHICH_ONE", projects=projects)
        d.add("verified", d.say("OFF_VERIFIED", as_of=as_of, verified=result.verified_tco2, firm=pid, which=which,
                                certified=result.certified_tco2, converted=result.converted_kcu),
              rec, d.rule("§9.3"))
        d.add("credits", d.say("OFF_CREDITS"), d.rule("§10.2"))
        cap = ctx.params["offsets.act_offset_cap_share"]
        d.facts["act_offset_cap_share"] = float(cap.value)
        d.add("limit", d.say("OFF_LIMIT", percent=int(cap.value * 100)), d.rule(cap.clause))
    d.add("rights", d.say("OFF_RIGHTS", holder=result.rights_holder, firm=pid), d.rule("§10.1"), d.rule("§10.3"))
    # asked about reports (now or in the turn before): the years they cover, to the crediting period's end (§9.2)
    asked = set(ctx.query.topics) | set(ctx.query.context_topics)
    for p in result.projects:
        if p.registration_date:
            # "how many full years are left?": the whole years of §2.16 are how that figure is counted
            counted = d.rule("§2.16") if "crediting" in asked and "duration" in ctx.query.asks else ""
            d.add("crediting", d.say("OFF_CREDITING", project=p.project_id, registered=p.registration_date,
                                     ends=p.crediting_ends_on, years=p.years_left), rec, d.rule("§10.4"), counted)
            if "report" in asked and p.crediting_ends_on and p.first_report_year:
                year, first = p.crediting_ends_on.year, p.first_report_year
                due = report_deadline(ctx.params, year)
                d.facts.setdefault("last_reports", []).append(
                    {"project_id": p.project_id, "first_year": first, "year": year, "reports": year - first + 1,
                     "due": due.isoformat()})
                d.add("report crediting", d.say("OFF_LAST_REPORT", project=p.project_id, first=first, year=year,
                                                count=year - first + 1, due=due),
                      rec, d.rule("§9.2"), d.rule("§10.4"))
    report = result.next_report
    if report is not None:
        key = "OFF_NEXT_REPORT_PROJECT" if len(result.projects) > 1 else "OFF_NEXT_REPORT"
        d.add("report", d.say(key, year=report.next_report_year, project=report.project_id,
                              due=report.next_report_due), d.rule("§9.2"))
    if result.unconverted_koc:
        d.add("credits convert", d.say("OFF_UNCONVERTED", koc=result.unconverted_koc, as_of=as_of),
              rec, d.rule("§10.2"))
        if "convert" in ctx.query.topics and ({"next", "report"} & set(ctx.query.topics)) \
                and "offsets.koc_conversion_years" in ctx.params:
            convert_by(d, result, rec)
    late = [y for y in result.years
            if y.report_submitted_on and y.report_submitted_on > report_deadline(ctx.params, y.year)]
    if late:
        d.facts["late_reports"] = [{"project_id": y.project_id, "year": y.year,
                                    "submitted": y.report_submitted_on.isoformat()} for y in late]
        listed = [d.say("OFF_LATE_REPORT", year=y.year, project=y.project_id, submitted=y.report_submitted_on)
                  for y in late]
        d.add("report late", d.say("OFF_LATE_REPORTS", listed=listed), rec, d.rule("§9.2"))
    for p in result.projects:
        if p.missing_report_years:
            years = ", ".join(str(y) for y in p.missing_report_years)
            d.add("report", d.say("OFF_MISSING_REPORTS", project=p.project_id, years=years,
                                  due=report_deadline(ctx.params, min(p.missing_report_years))), rec, d.rule("§9.2"))
    filed = [y for y in result.years if y.report_submitted_on]
    if filed and not late and not any(p.missing_report_years for p in result.projects):
        # "is our monitoring reporting up to date?": yes, and the latest report's date against its deadline
        last = max(filed, key=lambda y: (y.year, y.report_submitted_on))
        d.add("report", d.say("OFF_REPORTS_ON_TIME", year=last.year, submitted=last.report_submitted_on,
                              due=report_deadline(ctx.params, last.year)), rec, d.rule("§9.2"))
    for p, claw in result.clawbacks:
        consequence = (d.say("OFF_CLAWBACK_T1", amount=claw.amount_krw) if firm.tier == 1
                       else d.say("OFF_CLAWBACK_T2", amount=claw.amount_krw))
        d.add("clawback verified", d.say("OFF_CLAWBACK", project=p.project_id, status=p.equipment_status,
                                         since=claw.event_on, consequence=consequence), rec, d.rule("§11.1"))
    return d.answer("offset")


def year_lines(d: Draft, result, year: int) -> None:
    """One calendar year asked about: per project, its report (on time, late or missing) and its figures."""
    rec = d.record()
    deadline = report_deadline(d.ctx.params, year)
    totals = result.year_totals(year)
    d.facts[f"year_{year}"] = totals
    rows = {y.project_id: y for y in result.years if y.year == year}
    several = len(result.projects) > 1
    for project in result.projects:
        which = d.say("YEAR_FOR_PROJECT", project=project.project_id) if several else ""
        row = rows.get(project.project_id)
        d.facts[f"year_{year}_{project.project_id}"] = {
            "deadline": deadline.isoformat(), "submitted": row.report_submitted_on.isoformat() if row else None,
            "verified_tco2": row.verified_tco2 if row else None, "certified_tco2": row.certified_tco2 if row else None,
            "converted_kcu": row.converted_kcu if row else None}
        if row is None:
            key = "YEAR_NO_REPORT_MISSING" if d.ctx.as_of > deadline else "YEAR_NO_REPORT_YET"
            d.add("report verified year", d.say(key, year=year, which=which, as_of=d.ctx.as_of, due=deadline),
                  rec, d.rule("§9.2"))
            continue
        timing = d.say("YEAR_ON_TIME" if row.report_submitted_on <= deadline else "YEAR_LATE")
        figures = (d.say("YEAR_FIGURES", verified=row.verified_tco2, certified=row.certified_tco2,
                         converted=row.converted_kcu) if row.verified_tco2 is not None
                   else d.say("YEAR_NOT_VERIFIED"))
        d.add("verified year report", d.say("YEAR_REPORT", year=year, which=which,
                                            submitted=row.report_submitted_on, timing=timing, due=deadline,
                                            figures=figures), rec, d.rule("§9.2"), d.rule("§9.3"))
