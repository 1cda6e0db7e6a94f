"""Answers about one firm's own records: eligibility, repayment and offsets, from the calculators.

Every number in these answers comes from a calculator result (and is put in
``facts``); every sentence cites the rule clause it applies and the firm's
record with its as-of date. The sentence that answers what was asked goes
first; the rest follow as details.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.calculators.eligibility import check_eligibility
from bot.calculators.offsets import compute_offsets, report_deadline
from bot.calculators.params import Parameters
from bot.calculators.project import estimate_support
from bot.calculators.repayment import compute_repayment
from bot.compose import whatif
from bot.compose.citations import Citations
from bot.retrieval.refs import find_refs
from bot.lang.format import krw, tonnes
from bot.config import Settings
from bot.models import Answer, Asker, Chunk
from bot.store.index import Index
from bot.compose.documents import sentences
from bot.records.text import firm_text, ledger_text
from bot.store.lexical import tokenize
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


@dataclass
class Draft:
    """Sentences with the topics they answer; the best match for the question goes first."""

    ctx: Context
    cites: Citations = field(default_factory=Citations)
    lines: list[tuple[frozenset[str], str]] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    quotes: dict[bool, str] = field(default_factory=dict)  # the record as of the as-of date, by ledger or not

    def rule(self, locator: str) -> str:
        """The marker for a rule or Act clause, empty if this knowledge base lacks it."""
        chunks = self.ctx.index.by_locator(locator, language=self.ctx.language)
        return self.cites.cite(chunks[0]) if chunks else ""

    def quote(self, locator: str, about: str, limit: int = 2) -> str | None:
        """The sentences of a clause that share most words with ``about``, with its marker (None: no clause)."""
        chunks = self.ctx.index.by_locator(locator, language=self.ctx.language)
        if not chunks:
            return None
        wanted = set(tokenize(about))
        ranked = sorted(sentences(chunks[0].text), key=lambda s: -len(wanted & set(tokenize(s))))[:limit]
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
            self.quotes[ledger] = (ledger_text(known.firm, list(known.payments)) if ledger
                                   else firm_text(known.firm, list(known.projects), by_project))
        quote = self.quotes[ledger]
        where = "ledger as of" if ledger else "as of"
        return self.cites.cite(chunk, locator=f"Partner record {pid}, {where} {self.ctx.as_of.isoformat()}",
                               quote=quote)

    def add(self, topics: str, text: str, *markers: str) -> None:
        refs = "".join(m for m in markers if m)
        self.lines.append((frozenset(topics.split()), f"{text} {refs}".strip()))

    def answer(self, intent: str, status: str = "answered") -> Answer:
        as_of = self.ctx.as_of.isoformat()
        if self.ctx.partner_id and not any(as_of in text for _, text in self.lines):
            # Every answer from a firm's records says the date its figures hold on.
            self.add("", f"These figures are as of {as_of}.", self.record())
        focus = self.ctx.query.topics
        # The line whose topic is named earliest in the question answers it; ties keep line order.
        ranked = [(min((focus[t] for t in tags if t in focus), default=10**6), i)
                  for i, (tags, _) in enumerate(self.lines)]
        first = min(ranked)[1] if ranked else 0
        asked = [i for i, (tags, _) in enumerate(self.lines) if "whatif" in tags or "after" in tags]
        if asked:  # a what-if is answered first, the current figures follow as context
            first = asked[0]
        ordered = [self.lines[first]] + [line for i, line in enumerate(self.lines) if i != first]
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
        d.facts["criteria"] = [{"clause": c.clause, "label": c.label, "status": c.status, "value": c.value}
                               for c in result.criteria]
        rec = d.record()
        section = "§3" if firm.tier == 1 else "§4"
        if result.verdict == "eligible":
            d.add("verdict", f"Yes: {firm.partner_id} meets every tier-{firm.tier} eligibility criterion of "
                             f"{section} as of {ctx.as_of.isoformat()}.", rec, d.rule(section))
        elif result.verdict == "not_eligible":
            failed = "; ".join(f"{c.clause} {c.label} ({c.value})" for c in result.failed)
            d.add("verdict", f"No: as of {ctx.as_of.isoformat()}, {firm.partner_id} does not meet {failed}.",
                  rec, *[d.rule(c.clause) for c in result.failed])
        else:
            unknown = "; ".join(f"{c.clause} {c.label}" for c in result.unknown)
            d.add("verdict", f"Not decided yet: as of {ctx.as_of.isoformat()}, {firm.partner_id} needs a review by "
                             f"the program desk because the record does not show {unknown}.", rec,
                  *[d.rule(c.clause) for c in result.unknown])
        for c in result.criteria:  # the rule behind each criterion not met, in its own words
            if c.status == "pass":
                continue
            for locator in (c.clause, *c.also):
                text = d.quote(locator, f"{c.label} {c.value}")
                if text and all(text.split(" [")[0] not in line for _, line in d.lines):
                    d.add("verdict rule", text)
        for c in result.criteria:
            if c.status == "pass":
                d.add("criteria", f"{c.clause} {c.label}: met ({c.value}).", d.rule(c.clause), rec)
    tier = firm.tier if firm is not None else (ctx.query.mentions.tier or 1)
    if ctx.query.project is not None:
        estimate(d, tier, show_tier=estimate_only)
    elif estimate_only:
        return None  # type: ignore[return-value]  # nothing firm-specific to say: answer from documents
    if firm is not None and d.facts.get("verdict") == "needs_review":
        return d.answer("eligibility", status="needs_human")  # the program desk must decide
    return d.answer("eligibility")


def estimate(d: Draft, tier: int, show_tier: bool) -> None:
    proposed = d.ctx.query.project
    assert proposed is not None
    est = estimate_support(tier, proposed, d.ctx.params)
    d.facts.update({f"estimate_{k}": v for k, v in est.facts().items()})
    ratio_pct = f"{int(est.ratio.value * 100)}%"
    who = f"a tier-{tier} partner" if show_tier else "your firm"
    if est.verdict == "excluded":
        names = ", ".join(e.name for e in est.exclusions)
        d.add("estimate verdict", f"That project would not be supported: {names} is not eligible equipment.",
              *[d.rule(e.clause) for e in est.exclusions])
        return
    if est.category is None and est.support_krw is None:
        d.add("estimate verdict", "I could not match the equipment you describe to an eligible category, so I "
                                  "cannot estimate support; these are the eligible categories.", d.rule("§5.1"))
        return
    if est.category is None:
        cap_note = f", capped at {krw(est.cap.value)}" if est.capped else ""
        d.add("estimate verdict", f"If the equipment is in one of the eligible categories, support for {who} on an "
                                  f"eligible cost of {krw(est.eligible_cost_krw)} would be {krw(est.support_krw)}: "
                                  f"{ratio_pct} of the eligible cost{cap_note}.", d.rule("§5.1"),
              d.rule(est.ratio.clause))
        return
    if est.support_krw is None:
        d.add("estimate", f"{est.category.name} is an eligible category; give the eligible cost to get the support "
                          f"amount ({ratio_pct} of eligible cost for {who}).", d.rule("§5.1"),
              d.rule(est.ratio.clause))
        return
    cap_note = f", capped at {krw(est.cap.value)}" if est.capped else ""
    d.add("estimate verdict", f"For {est.category.name.lower()} with an eligible cost of {krw(est.eligible_cost_krw)}, "
                              f"support for {who} would be {krw(est.support_krw)}: {ratio_pct} of the eligible "
                              f"cost{cap_note}.", d.rule("§5.1"), d.rule(est.ratio.clause))
    if est.led_cost_krw:
        d.add("estimate", f"LED lighting counts only up to 10% of the eligible cost, so {krw(est.led_countable_krw)} "
                          f"of the {krw(est.led_cost_krw)} LED cost is counted.", d.rule("§5.1"))
    if proposed.excluded_cost_krw:
        items = ", ".join(e.name for e in (*proposed.exclusions, *proposed.cost_items))
        d.add("estimate", f"{krw(proposed.excluded_cost_krw)} for {items} is left out of the eligible cost.",
              d.rule("§5.3"), *[d.rule(e.clause) for e in proposed.exclusions])
    d.add("estimate", "Eligible cost covers equipment and installation, without VAT, land, buildings or staff costs.",
          d.rule("§5.3"))
    if tier == 1:
        d.add("estimate", "Tier-1 support is repaid in full, without interest, after a grace period.",
              d.rule("§7.1"), d.rule("§7.2"))


# -- repayment -------------------------------------------------------------------------------
def repayment(ctx: Context) -> Answer:
    d = Draft(ctx)
    store = ctx.index.records
    records = store.firm_records(ctx.partner_id or "")
    assert records is not None
    firm = records.firm
    result = compute_repayment(records, ctx.params, ctx.as_of)
    d.facts.update(result.facts())
    pid, as_of = firm.partner_id, ctx.as_of.isoformat()
    rec, ledger = d.record(), d.record(ledger=True)
    state = result.state
    if firm.tier == 2:
        tier2_refunds(d, result)
        whatif.apply(d, result)
        return d.answer("repayment")
    if state == "no_support":
        d.add("owe next repaid", f"Nothing is owed: {pid} has no supported project with a confirmed completion date "
                                 f"as of {as_of}, so there is no repayment schedule yet.", rec, d.rule("§7.2"))
        whatif.apply(d, result)
        return d.answer("repayment")
    if state == "fully_repaid":
        d.add("owe repaid next", f"{pid} has repaid its full support of {krw(result.support_krw)}; "
                                 f"{krw(result.outstanding_krw)} is outstanding as of {as_of}.", ledger, d.rule("§7.1"))
        accelerations(d, result)
        whatif.apply(d, result)
        return d.answer("repayment")
    if state == "default":
        d.add("owe overdue next", f"{pid} is in default since {result.defaulted_on.isoformat()}: as of {as_of} the "
                                  f"oldest unpaid installment, due on {result.next_due_on.isoformat()}, is "
                                  f"{result.days_overdue} days overdue, and the whole outstanding balance of "
                                  f"{krw(result.outstanding_krw)} is due at once.", ledger, d.rule("§7.4"))
        d.add("overdue", "Default also excludes the firm from the program until the balance is settled in full.",
              d.rule("§11.3") or d.rule("§7.4"))
    elif state == "notice":
        d.add("overdue next", f"As of {as_of}, {krw(result.due_now_krw)} is due now: the oldest unpaid installment, "
                              f"{krw(result.next_due_krw)} due on {result.next_due_on.isoformat()}, is "
                              f"{result.days_overdue} days overdue, so a written notice applies.", ledger,
              d.rule("§7.4"))
        d.add("overdue", "If it stays unpaid 90 days after its due date, the whole balance falls due and the firm is "
                         "excluded.", d.rule("§7.4"))
    elif state == "accelerated":
        d.add("owe next overdue", f"As of {as_of}, {krw(result.due_now_krw)} is due now, because the supported "
                                  f"equipment is no longer in use and its unpaid installments fell due at once.",
              ledger, d.rule("§11.1"))
    elif state == "grace":
        d.add("next grace", f"Nothing is due yet: {pid} is in the grace period until "
                            f"{result.grace_ends_on.isoformat()}, and the first installment of "
                            f"{krw(result.next_due_krw)} is due on {result.next_due_on.isoformat()}, "
                            f"{result.first_due_months} months after the confirmed completion date.",
              rec, d.rule("§7.2"))
    elif result.due_now_krw:
        d.add("next overdue", f"{krw(result.due_now_krw)} is due now: the installment due on "
                              f"{result.next_due_on.isoformat()} has {krw(result.next_due_krw)} unpaid "
                              f"({result.days_overdue} days overdue).", ledger, d.rule("§7.4"))
    else:
        d.add("next", f"The next installment of {krw(result.next_due_krw)} is due on "
                      f"{result.next_due_on.isoformat()}.", ledger, d.rule("§7.2"))
    if state != "default":
        d.add("owe", f"{pid} has {krw(result.outstanding_krw)} outstanding as of {as_of}, of "
                     f"{krw(result.support_krw)} support received.", ledger, d.rule("§7.1"))
    d.add("repaid", f"Repaid so far: {krw(result.repaid_krw)}.", ledger)
    if len(result.project_ids) > 1:
        d.add("schedule", f"The support of {len(result.project_ids)} projects ({', '.join(result.project_ids)}) is "
                          f"repaid together, each on its own schedule.", rec, d.rule("§7.7"))
    if result.prepaid_krw:
        d.add("repaid early", f"Early repayments of {krw(result.prepaid_krw)} were applied to the last installments, "
                              f"so the schedule now ends on {result.last_due_on.isoformat()}.",
              ledger, d.rule("§7.3"))
    if result.deferral_months:
        d.add("defer next", f"An approved deferral of {result.deferral_months} months moved the unpaid installments; "
                            f"a firm can defer only once.", rec, d.rule("§7.6"))
    accelerations(d, result)
    schedule(d, result)
    after_previous(d, result)
    whatif.apply(d, result)
    return d.answer("repayment")


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
        d.add("next after", f"After the installment due on {told}, the next one is {krw(following.outstanding_krw)} "
                            f"due on {following.due_on.isoformat()}.", d.record(ledger=True), d.rule("§7.2"))
    d.add("owe after", f"Once the installment due on {told} is paid, {krw(left)} will be left outstanding.",
          d.record(ledger=True), d.rule("§7.1"))


def accelerations(d: Draft, result) -> None:
    """§11.1 in a repayment answer: which project's installments fell due at once, and when."""
    for gone in result.disposals:
        d.add("clawback", f"Project {gone.project_id}: {gone.reason}, so its unpaid installments fell due at once "
                          f"on {gone.effective_on.isoformat()}.", d.record(), d.rule("§11.1"))


def tier2_refunds(d: Draft, result) -> None:
    """Tier-2: a grant owes nothing unless §11.1 makes a pro-rata refund fall due."""
    pid, as_of, rec = result.partner_id, result.as_of.isoformat(), d.record()
    if result.state == "refund_due":
        d.add("owe next refund overdue", f"As of {as_of}, {pid} owes a refund of {krw(result.outstanding_krw)}, due "
                                         f"at once since {result.next_due_on.isoformat()}.", rec, d.rule("§11.1"))
        for gone in result.disposals:
            d.add("clawback", f"Project {gone.project_id}: {gone.reason}; the grant is refunded pro rata for the "
                              f"{gone.months_remaining} whole months left of the 5 years after completion.", rec, d.rule("§11.1"))
    elif result.state == "refunded":
        d.add("owe repaid refund", f"Nothing is owed as of {as_of}: the pro-rata refund of "
                                   f"{krw(result.repaid_krw)} has been paid.", d.record(ledger=True), d.rule("§11.1"))
    elif result.state == "no_support":
        d.add("owe next repaid", f"Nothing is owed: {pid} has no supported project with a confirmed completion date "
                                 f"as of {as_of}.", rec, d.rule("§8.1") or d.rule("§8"))
    else:
        d.add("owe next repaid", f"Nothing is owed as of {as_of}: {pid} is a tier-2 partner, and its grant of "
                                 f"{krw(result.support_krw)} is not repaid.", rec, d.rule("§8.1") or d.rule("§8"))
        d.add("clawback refund", "A grant must still be refunded pro rata if the equipment is sold, removed or left "
                                 "idle too early.", d.rule("§11.1"))


def schedule(d: Draft, result) -> None:
    if "schedule" not in d.ctx.query.topics:
        return
    rows = [f"installment {i.k}: {krw(i.amount_krw)} due {i.due_on.isoformat()} ({i.status})"
            for i in result.installments]
    d.facts["schedule"] = [{"k": i.k, "due_on": i.due_on.isoformat(), "amount_krw": i.amount_krw,
                            "outstanding_krw": i.outstanding_krw, "status": i.status} for i in result.installments]
    d.add("schedule", "Schedule: " + "; ".join(rows) + ".", d.record(ledger=True), d.rule("§7.2"))


# -- offsets ---------------------------------------------------------------------------------
def offsets(ctx: Context) -> Answer:
    d = Draft(ctx)
    records = ctx.index.records.firm_records(ctx.partner_id or "")
    assert records is not None
    firm = records.firm
    result = compute_offsets(records, ctx.params, ctx.as_of)
    d.facts.update(result.facts())
    pid, as_of, rec = firm.partner_id, ctx.as_of.isoformat(), d.record()
    if result.state == "no_project":
        d.add("verified credits report", f"{pid} has no completed project under the program yet, so there are no "
                                         f"reductions to report as of {as_of}.", rec)
        return d.answer("offset")
    if ctx.query.scenario == "disposal":
        whatif.apply(d, compute_repayment(records, ctx.params, ctx.as_of))
    projects = ", ".join(p.project_id for p in result.projects)
    for year in ctx.query.mentions.years:
        year_lines(d, result, year)
    if result.state == "pending":
        d.add("verified credits", f"No reductions of {pid}'s project {projects} have been verified yet "
                                  f"(as of {as_of}); the project is expected to cut "
                                  f"{tonnes(result.expected_tco2_per_year)} tCO2eq per year.", rec, d.rule("§9.3"))
    else:
        which = f"projects {projects}" if len(result.projects) > 1 else f"project {projects}"
        d.add("verified", f"As of {as_of}, {tonnes(result.verified_tco2)} tCO2eq of the reductions of {pid}'s {which} "
                          f"are verified, {tonnes(result.certified_tco2)} tCO2eq certified as KOC and "
                          f"{tonnes(result.converted_kcu)} converted to KCU.", rec, d.rule("§9.3"))
        d.add("credits", "Certified reductions are converted by Hyundai Motor/Kia into offset credits for their own "
                         "surrender, within the legal limit.", d.rule("§10.2"))
        cap = ctx.params["offsets.act_offset_cap_share"]
        d.facts["act_offset_cap_share"] = float(cap.value)
        d.add("limit", f"Under the Act, offset credits can cover at most {int(cap.value * 100)}% of an allocated "
                       f"entity's obligation.", d.rule(cap.clause))
    d.add("rights", f"The rights to these reductions belong to {result.rights_holder} for the crediting period, and "
                    f"{pid} may not sell or claim them elsewhere.", d.rule("§10.1"), d.rule("§10.3"))
    for p in result.projects:
        if p.registration_date:
            d.add("crediting", f"The crediting period of {p.project_id} runs from registration on "
                               f"{p.registration_date.isoformat()} to {p.crediting_ends_on.isoformat()}, with "
                               f"{p.years_left} years left.", rec, d.rule("§10.4"))
    report = result.next_report
    if report is not None:
        d.add("report", f"The next monitoring report, for {report.next_report_year}"
                        f"{f' ({report.project_id})' if len(result.projects) > 1 else ''}, is due by "
                        f"{report.next_report_due.isoformat()}.", d.rule("§9.2"))
    if result.unconverted_koc:
        d.add("credits convert", f"{tonnes(result.unconverted_koc)} tCO2eq are certified as KOC but not yet converted "
                                 f"to KCU (as of {as_of}).", rec, d.rule("§10.2"))
    late = [y for y in result.years
            if y.report_submitted_on and y.report_submitted_on > report_deadline(ctx.params, y.year)]
    if late:
        d.facts["late_reports"] = [{"project_id": y.project_id, "year": y.year,
                                    "submitted": y.report_submitted_on.isoformat()} for y in late]
        listed = "; ".join(f"{y.year} ({y.project_id}) on {y.report_submitted_on.isoformat()}" for y in late)
        d.add("report late", f"Monitoring reports submitted after their 31 March deadline: {listed}.", rec,
              d.rule("§9.2"))
    for p in result.projects:
        if p.missing_report_years:
            years = ", ".join(str(y) for y in p.missing_report_years)
            d.add("report", f"No monitoring report for {p.project_id} is on record for {years}.", rec, d.rule("§9.2"))
    for p, claw in result.clawbacks:
        consequence = (f"its unpaid installments fell due at once ({krw(claw.amount_krw)} still unpaid)"
                       if firm.tier == 1 else f"a pro-rata refund of {krw(claw.amount_krw)} of the grant applies")
        d.add("clawback verified", f"The equipment of {p.project_id} is recorded as "
                                   f"{p.equipment_status.replace('_', ' ')} since {claw.event_on.isoformat()}, within "
                                   f"5 years of installation, so {consequence}.", rec, d.rule("§11.1"))
    return d.answer("offset")


def year_lines(d: Draft, result, year: int) -> None:
    """One calendar year asked about: per project, its report (on time, late or missing) and its figures."""
    as_of, rec = d.ctx.as_of.isoformat(), d.record()
    deadline = report_deadline(d.ctx.params, year)
    totals = result.year_totals(year)
    d.facts[f"year_{year}"] = totals
    rows = {y.project_id: y for y in result.years if y.year == year}
    several = len(result.projects) > 1
    for project in result.projects:
        which = f" for {project.project_id}" if several else ""
        row = rows.get(project.project_id)
        d.facts[f"year_{year}_{project.project_id}"] = {
            "deadline": deadline.isoformat(), "submitted": row.report_submitted_on.isoformat() if row else None,
            "verified_tco2": row.verified_tco2 if row else None, "certified_tco2": row.certified_tco2 if row else None,
            "converted_kcu": row.converted_kcu if row else None}
        if row is None:
            late = d.ctx.as_of > deadline
            d.add("report verified year", f"No {year} monitoring report{which} is on record as of {as_of}; it was "
                                          f"due by {deadline.isoformat()}" + (", so it is missing." if late else "."),
                  rec, d.rule("§9.2"))
            continue
        timing = "on time" if row.report_submitted_on <= deadline else "late"
        figures = (f"{tonnes(row.verified_tco2)} tCO2eq verified, {tonnes(row.certified_tco2)} certified as KOC and "
                   f"{tonnes(row.converted_kcu)} converted to KCU" if row.verified_tco2 is not None
                   else "not verified yet")
        d.add("verified year report", f"{year}{which}: the monitoring report was submitted on "
                                      f"{row.report_submitted_on.isoformat()} ({timing}; due by "
                                      f"{deadline.isoformat()}); {figures}.", rec, d.rule("§9.2"), d.rule("§9.3"))
