"""What-if answers about a firm's own figures: every calculator run on the amounts and dates the asker gave.

The scenario comes from the understanding step (a learned head); the amounts, dates, durations and counts
from its mentions. Each scenario puts its computed values in ``facts`` under ``whatif_*`` and cites the
rule it applies. Nothing here reads the question text.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from bot.calculators.disposal import anniversary, idle_counts_from
from bot.calculators.offsets import compute_offsets, report_deadline
from bot.calculators.repayment import RepaymentResult, compute_repayment, simulate_deferral, simulate_payment
from bot.calculators.schedule import add_months, installment_schedule

def apply(d, result: RepaymentResult) -> None:
    """Add the lines of the query's what-if scenario (if it names one) to the draft ``d``."""
    scenario = d.ctx.query.scenario
    handler = HANDLERS.get(scenario)
    if handler is not None:
        d.facts["whatif"] = scenario
        handler(d, result)


def _when(d, by_end: bool = False) -> date:
    """The date the asker named, else (``by_end``) the end of the stretch of time named ("at the end of 2027"),
    else the as-of date (never earlier than it)."""
    dates = [x for x in d.ctx.query.mentions.dates if x >= d.ctx.as_of]
    window = d.ctx.query.mentions.window
    if by_end and not dates and window is not None and window[0] is None and window[1] >= d.ctx.as_of:
        dates = [window[1]]
    return dates[0] if dates else d.ctx.as_of


def _deferral(d, result: RepaymentResult) -> None:
    limit = d.ctx.params.value("repayment.max_deferral_months")
    months = next(iter(d.ctx.query.mentions.months), limit)
    sim = simulate_deferral(result, months)
    d.facts.update({f"whatif_{k}": v for k, v in sim.facts().items()})
    if not sim.allowed:
        d.add("defer whatif", d.say("WHATIF_DEFER_REFUSED", months=months, reason=sim.reason), d.rule("§7.6"))
        rule = d.quote("§7.6", d.words(sim.reason or ""))
        if rule:
            d.add("defer whatif", rule)
        return
    first = sim.moves[0] if sim.moves else None
    moved = d.say("WHATIF_DEFER_MOVES", before=first[1], after=first[2]) if first else ""
    d.add("defer whatif", d.say("WHATIF_DEFER", months=sim.months, moved=moved, last=sim.after.last_due_on),
          d.record(ledger=True), d.rule("§7.6"))


def _payment(d, result: RepaymentResult) -> None:
    found = d.ctx.query.mentions
    on = _when(d)
    amount = next(iter(found.amounts), None)
    if amount is None and found.installments and result.next_due_krw:
        amount = found.installments * _installment(result)
    elif amount is None and not found.dates and found.pays_next and result.next_due_krw and result.next_due_on:
        # "what will our balance be after we pay the next installment?": that installment, paid when it falls due
        # (paid early, the same sum would go to the last installments first, §7.3)
        amount, on = result.next_due_krw, max(result.next_due_on, d.ctx.as_of)
    if not amount and "years_due" in d.facts:
        return  # "split what we pay into 2026 vs 2027": what falls due each year answers it, no payment to work out
    if not amount or result.state in ("no_support", "fully_repaid") or result.tier != 1:
        d.add("whatif early", d.say("WHATIF_PAY_ASK"), d.rule("§7.3"))
        return
    sim = simulate_payment(result, amount, on)
    d.facts.update({f"whatif_{k}": v for k, v in sim.facts().items()})
    after = sim.after
    d.facts.update(whatif_state_after=after.state, whatif_next_due_on=after.next_due_on and after.next_due_on.isoformat(),
                   whatif_next_due_krw=after.next_due_krw)
    if after.state == "default":
        # the whole balance is already due, so nothing is prepaid and no schedule is left; default lasts until
        # the balance is settled in full (§7.4, §11.3)
        d.add("whatif early owe", d.say("WHATIF_PAY_DUE_ALL", amount=sim.amount_krw, on=on, left=after.outstanding_krw),
              d.record(ledger=True), d.rule("§7.3"))
        d.add("whatif overdue", d.say("WHATIF_PAY_STILL_DEFAULT", firm=result.partner_id, left=after.outstanding_krw),
              d.rule("§7.4"))
        return
    # what is left of the last installment(s) once the prepayment has taken the latest ones first (§7.3)
    last_amount = sum(i.outstanding_krw for i in after.installments if i.due_on == sim.new_last_due_on)
    if sim.new_last_due_on:
        d.facts.update(whatif_last_due_krw=last_amount)
    end = (d.say("WHATIF_PAY_ENDS", last=sim.new_last_due_on, last_amount=last_amount) if sim.new_last_due_on
           else d.say("WHATIF_PAY_REPAID"))
    key = ("WHATIF_PAY_DUE_ONLY" if not sim.prepays_krw else "WHATIF_PAY_EARLY_ONLY" if not sim.settles_due_krw
           else "WHATIF_PAY")
    d.add("whatif early owe", d.say(key, amount=sim.amount_krw, on=on, settles=sim.settles_due_krw,
                                    prepays=sim.prepays_krw, left=after.outstanding_krw, end=end),
          d.record(ledger=True), d.rule("§7.3"))
    if after.next_due_on and after.next_due_on <= on:  # not enough to settle what is already due
        d.add("whatif overdue", d.say("WHATIF_PAY_STILL_DUE", amount=after.next_due_krw, due=after.next_due_on),
              d.record(ledger=True), d.rule("§7.4"))
    elif after.next_due_on:
        was_due = result.next_due_on is not None and result.next_due_on <= on
        cured = d.say("WHATIF_PAY_CURED") if was_due else ""
        d.add("whatif next", d.say("WHATIF_PAY_NEXT", cured=cured, amount=after.next_due_krw, due=after.next_due_on),
              d.record(ledger=True), d.rule("§7.2"))


def _installment(result: RepaymentResult) -> int:
    """One regular installment of the next unpaid project."""
    nxt = next((i for i in result.installments if i.outstanding_krw), None)
    return nxt.amount_krw if nxt else result.next_due_krw


def _payoff(d, result: RepaymentResult) -> None:
    """Everything repaid on the day named. On a later day, the installments that fall due before it are taken as
    paid on schedule (an asker who plans to settle in a year keeps paying until then), and the rest is the payoff."""
    on = _when(d, by_end=True)
    at = compute_repayment(result.records, result.params, on) if on != result.as_of else result
    scheduled = [i for i in result.installments if i.outstanding_krw and result.as_of < i.due_on < on]
    paid = sum(i.outstanding_krw for i in scheduled)
    amount = at.outstanding_krw - paid
    d.facts.update(whatif_payoff_on=on.isoformat(), whatif_payoff_krw=amount)
    if scheduled:
        d.facts.update(whatif_payoff_scheduled_krw=paid,
                       whatif_payoff_scheduled=[{"due_on": i.due_on.isoformat(), "krw": i.outstanding_krw}
                                                for i in scheduled])
    if not amount:
        d.add("whatif owe", d.say("WHATIF_PAYOFF_NONE", on=on), d.record(ledger=True), d.rule("§7.1"))
        return
    if scheduled:
        key = "WHATIF_PAYOFF_AFTER_SCHEDULE" if len(scheduled) > 1 else "WHATIF_PAYOFF_AFTER_ONE"
        d.add("whatif owe early", d.say(key, amount=amount, on=on, count=len(scheduled), paid=paid,
                                        due=scheduled[0].due_on), d.record(ledger=True), d.rule("§7.2"),
              d.rule("§7.3"))
        return
    d.add("whatif owe early", d.say("WHATIF_PAYOFF", amount=amount, on=on), d.record(ledger=True),
          d.rule("§7.3"), d.rule("§7.1"))


def _missed(d, result: RepaymentResult) -> None:
    if result.tier != 1 or not result.next_due_on:
        d.add("whatif overdue", d.say("WHATIF_MISSED_NONE"), d.record())
        return
    params = d.ctx.params
    due = result.next_due_on
    notice = due + timedelta(days=params.value("repayment.notice_days"))
    default = result.default_on_if_unpaid
    d.facts.update(whatif_missed_due_on=due.isoformat(), whatif_notice_on=notice.isoformat(),
                   whatif_default_on=default.isoformat(), whatif_balance_krw=result.outstanding_krw)
    if result.state == "default":
        d.add("whatif overdue", d.say("WHATIF_MISSED_DEFAULT", firm=result.partner_id,
                                      outstanding=result.outstanding_krw), d.record(ledger=True), d.rule("§7.4"))
        return
    d.add("whatif overdue", d.say("WHATIF_MISSED", due=due, amount=result.next_due_krw, notice=notice,
                                  default=default, outstanding=result.outstanding_krw),
          d.record(ledger=True), d.rule("§7.4"))


def _disposal(d, result: RepaymentResult) -> None:
    """The latest completed project's equipment sold on the date named (or today), and left idle from it."""
    records, params = result.records, result.params
    named = d.ctx.query.mentions.dates  # "idle since 2026-07-01" may lie before the as-of date
    on = named[0] if named else d.ctx.as_of
    done = [p for p in records.projects if p.completion_date and p.support_krw]
    if not done:
        d.add("whatif clawback", d.say("WHATIF_DISPOSAL_NONE"), d.rule("§11.1"))
        return
    project = max(done, key=lambda p: (p.completion_date, p.project_id))
    if project.equipment_status != "in_use" and project.equipment_status_since <= d.ctx.as_of:
        return  # already sold, removed or idle: the records say what follows (idle_pending, the clawback lines)
    ends = anniversary(project.completion_date, params) - timedelta(days=1)
    idle_from = idle_counts_from(on, params)
    d.facts.update(whatif_disposal_on=on.isoformat(), whatif_project_id=project.project_id,
                   whatif_idle_effective_on=idle_from.isoformat(), whatif_period_ends_on=ends.isoformat())
    sold = _owed_after(result, project, "sold", on, on)
    if sold is None:
        d.add("whatif clawback", d.say("WHATIF_DISPOSAL_LATE", project=project.project_id, on=on, ends=ends),
              d.record(), d.rule("§11.1"))
        return
    claw, owed = sold
    d.facts["whatif_clawback_krw"] = owed
    if records.firm.tier == 1:
        if not owed:
            d.add("whatif clawback owe", d.say("WHATIF_DISPOSAL_NOTHING", project=project.project_id, on=on),
                  d.record(ledger=True), d.rule("§11.1"))
            return
        d.add("whatif clawback owe", d.say("WHATIF_DISPOSAL_T1", project=project.project_id, on=on, amount=owed),
              d.record(ledger=True), d.rule("§11.1"))
    else:
        d.facts["whatif_months_remaining"] = claw.months_remaining
        d.add("whatif clawback refund", d.say("WHATIF_DISPOSAL_T2", project=project.project_id, on=on,
                                              amount=owed, months=claw.months_remaining),
              d.record(), d.rule("§11.1"), d.rule("§2.16"))  # the whole months left, counted as §2.16 counts them
    idle = _owed_after(result, project, "idle", on, idle_from)
    if idle is None:  # six months idle would end after the 5 years: idle from then triggers nothing
        d.add("whatif clawback", d.say("WHATIF_IDLE_LATE", on=on, idle=idle_from, ends=ends), d.rule("§11.1"))
        return
    d.facts["whatif_idle_clawback_krw"] = idle[1]
    if not idle[1]:
        d.add("whatif clawback", d.say("WHATIF_IDLE_NOTHING", on=on, idle=idle_from, project=project.project_id),
              d.rule("§11.1"))
        return
    amount = d.say("WHATIF_IDLE_REFUND" if records.firm.tier == 2 else "WHATIF_IDLE_DUE", amount=idle[1])
    d.add("whatif clawback", d.say("WHATIF_IDLE", on=on, amount=amount, idle=idle_from), d.rule("§11.1"),
          d.rule("§2.16"))  # six months idle, ended as §2.16 counts months


def idle_pending(d, result: RepaymentResult) -> None:
    """Equipment on record as idle, not yet for 6 months: what falls due, and when, if it stays idle (§11.1)."""
    for project in result.records.projects:
        since = project.equipment_status_since
        if project.equipment_status != "idle" or since is None or since > d.ctx.as_of or not project.support_krw:
            continue
        effective = idle_counts_from(since, result.params)
        if effective <= d.ctx.as_of:
            continue  # already in effect: the clawback lines say so
        owed = _owed_after(result, project, "idle", since, effective)
        d.facts.setdefault("idle_pending", []).append(
            {"project_id": project.project_id, "idle_since": since.isoformat(), "effective_on": effective.isoformat(),
             "amount_krw": owed[1] if owed else None})
        if owed is None or not owed[1]:
            continue  # outside the 5 years, or (tier-1) nothing of that project would be left to fall due
        amount = d.say("WHATIF_IDLE_REFUND" if result.tier == 2 else "WHATIF_IDLE_DUE", amount=owed[1])
        d.add("clawback refund owe", d.say("IDLE_PENDING", project=project.project_id, since=since, on=effective,
                                            amount=amount), d.record(), d.rule("§11.1"))


def _owed_after(result: RepaymentResult, project, status: str, since: date, on: date):
    """(clawback, amount falling due) if ``project``'s equipment, ``status`` (sold / idle) since ``since``,
    triggers §11.1 by ``on``; None when it does not. A tier-1 firm paying on schedule until then owes the
    installments not yet due that day; a tier-2 firm the pro-rata refund."""
    records, params = result.records, result.params
    changed = project.model_copy(update={"equipment_status": status, "equipment_status_since": since})
    after = replace(records, projects=tuple(changed if p.project_id == project.project_id else p
                                            for p in records.projects))
    claw = next((p.clawback for p in compute_offsets(after, params, on).projects
                 if p.project_id == project.project_id), None)
    if claw is None or not claw.triggered:
        return None
    if records.firm.tier == 1:
        return claw, sum(i.outstanding_krw for i in result.installments
                         if i.project_id == project.project_id and i.due_on > on)
    return claw, claw.amount_krw


def _completion(d, result: RepaymentResult | None) -> None:
    """A confirmed completion date given by the asker: grace end and installment dates (§7.2)."""
    params = d.ctx.params
    dates = d.ctx.query.mentions.dates
    if not dates:
        if result is None or result.records.firm.tier == 1:  # a tier-2 grant has no schedule to work out
            d.add("whatif grace", d.say("WHATIF_COMPLETION_ASK"), d.rule("§7.2"))
        return
    on = dates[0]
    pending = [p for p in result.records.projects if p.support_krw and not p.completion_date] if result else []
    support = pending[-1].support_krw if pending else 0
    shape = dict(grace_months=params.value("repayment.grace_months"), count=params.value("repayment.installments"),
                 interval_months=params.value("repayment.interval_months"))
    dues = installment_schedule(support or shape["count"], on, **shape)  # with no award yet, only the dates count
    grace = add_months(on, shape["grace_months"])
    d.facts.update(whatif_completion_on=on.isoformat(), whatif_grace_ends_on=grace.isoformat(),
                   whatif_first_due_on=dues[0].due_on.isoformat(), whatif_last_due_on=dues[-1].due_on.isoformat())
    each = ""
    if support:
        d.facts.update(whatif_installment_krw=dues[0].amount_krw, whatif_support_krw=support)
        each = d.say("WHATIF_COMPLETION_EACH", amount=dues[0].amount_krw)
    d.add("whatif grace next schedule", d.say("WHATIF_COMPLETION", on=on, grace_ends=grace, first=dues[0].due_on,
                                              each=each, last=dues[-1].due_on), d.rule("§7.2"), d.rule("§2.16"))
    if "report" in d.ctx.query.topics or "report" in d.ctx.query.context_topics:
        # "… and which year does our first monitoring report cover?": §9.2's reports start with the completion year
        due = report_deadline(params, on.year)
        d.facts.update(whatif_first_report_year=on.year, whatif_first_report_due=due.isoformat())
        d.add("whatif report", d.say("WHATIF_COMPLETION_REPORT", year=on.year, due=due), d.rule("§9.2"))


def without_records(d) -> bool:
    """A what-if the rules alone answer, for an asker with no records to use (a guest): the schedule a given
    completion date would start. Adds its lines to the draft ``d``; False when the rules alone cannot say."""
    if d.ctx.query.scenario != "completion" or not d.ctx.query.mentions.dates:
        return False
    d.facts["whatif"] = "completion"
    _completion(d, None)
    return True


HANDLERS = {"deferral": _deferral, "payment": _payment, "payoff": _payoff, "missed": _missed, "disposal": _disposal,
            "completion": _completion}
