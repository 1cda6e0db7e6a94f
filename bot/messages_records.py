"""The sentences of answers about a firm's own records and of what-if answers, in English.

Part of the catalogue of :mod:`bot.messages` (which imports every name here), kept in its own module because
there are many. Templates take only computed values; how a value is written is said by its format spec, so
each language writes it its own way: ``{x:krw}`` an amount of won, ``{x:date}`` a date, ``{x:t}`` tonnes
(``{x:t1}`` as the records hold them, to one decimal), ``{x:term.NS}`` a record code said in words (``TERMS[NS]``, else the code; a category's or equipment
status's ``_`` reads as a space),
``{x:lower}`` lower case. A value that is itself a :class:`bot.messages.Phrase` is said in the same language.
The Korean entries (same keys, same placeholders) are in :mod:`bot.messages_records_ko`.
"""

from __future__ import annotations

# Record codes said in words, by namespace. A code missing here is shown as it is (``_`` read as a space).
TERMS: dict[str, dict[str, str]] = {
    "size": {"sme": "SME", "mid": "mid-sized enterprise", "large": "large enterprise"},
    "yesno": {"yes": "yes", "no": "no", "unknown": "not recorded"},
    "signed": {"yes": "signed", "no": "not signed", "unknown": "not recorded"},
    "state": {"no_support": "no support received", "grace": "grace period", "on_schedule": "on schedule",
              "early_repaid": "repaid early", "deferred": "deferred", "accelerated": "whole balance due now",
              "notice": "overdue (notice)", "default": "in default", "fully_repaid": "fully repaid",
              "not_applicable": "nothing to repay (grant)", "refund_due": "refund due", "refunded": "refunded"},
}

# -- the date every record answer holds on, and the record citation ----------------------------------
AS_OF_LINE = "These figures are as of {as_of:date}."
RECORD_LOCATOR = "Partner record {pid}, as of {as_of}"
RECORD_LOCATOR_LEDGER = "Partner record {pid}, ledger as of {as_of}"
RECORD_TITLE = "Partner record: {name}"  # the title of a record citation (as ingest titles the record)
LIST_SEP = "; "
LIST = "{items}"  # a list of values, joined by LIST_SEP

# -- eligibility -----------------------------------------------------------------------------------
ELIG_YES = "Yes: {firm} meets every tier-{tier} eligibility criterion of {section} as of {as_of:date}."
ELIG_NO = "No: as of {as_of:date}, {firm} does not meet {failed}."
ELIG_THEN_YES = "If nothing more is paid or changes by {on:date}, {firm} would still meet every criterion on that day."
ELIG_THEN_MEETS = "If nothing more is paid or changes by {on:date}, on that day {firm} would meet every criterion."
ELIG_THEN_NO = "If nothing more is paid or changes by {on:date}, on that day {firm} would not meet {failed}."
ELIG_REVIEW = ("Not decided yet: as of {as_of:date}, {firm} needs a review by the program desk because the record "
               "does not show {unknown}.")
CRIT_FAILED = "{clause} {label} ({value})"
CRIT_UNKNOWN = "{clause} {label}"
CRIT_MET = "{clause} {label}: met ({value})."

# criterion labels and the record values behind them (said by bot.calculators.eligibility)
CRIT_CONTRACT = "Active supply contract with Hyundai Motor or Kia"
CRIT_NO_DIRECT_CONTRACT = "No direct supply contract with Hyundai Motor or Kia"
CRIT_CONTRACT_VALUE = "supply contract: {contract}"
CRIT_AGREEMENT = "Signatory of the win-win agreement"
CRIT_AGREEMENT_VALUE = "agreement signed: {signed:term.yesno}"
CRIT_SIZE_T1 = "SME or mid-sized, not a large enterprise or group affiliate"
CRIT_SIZE_T2 = "Small or medium-sized enterprise, not a group affiliate"
CRIT_SIZE_VALUE = "size class: {size:term.size}; group affiliate: {affiliate:term.yesno}"
CRIT_FACILITY = "Project site outside any entity allocated allowances under the Act"
CRIT_FACILITY_VALUE = "inside allocated entity: {inside:term.yesno}"
CRIT_OVERDUE = "No installment more than {days} days overdue"
CRIT_OVERDUE_NONE = "no support to repay"
CRIT_OVERDUE_DAYS = "days overdue: {days} (repayment state: {state})"
CRIT_OVERDUE_UNPAID = ("{days} days overdue: the installment due on {due:date} is not fully paid "
                       "(repayment state: {state})")
CRIT_EXCLUSION = "No active exclusion under §11"
CRIT_EXCLUDED_UNTIL = "excluded until {until:date}; it can apply again from {again:date}"
CRIT_EXCLUDED_UNTIL_REASON = "excluded until {until:date} ({reason:term.reason}); it can apply again from {again:date}"
CRIT_EXCLUDED_DEFAULT = "excluded for default since {since:date} until {outstanding:krw} is settled (§7.4)"
CRIT_NOT_EXCLUDED = "no active exclusion"
CRIT_REDUCTION = "Expected reduction of at least {minimum} tCO2eq per year"
CRIT_NO_PROJECT = "no project on record"
CRIT_REDUCTION_VALUE = "expected reduction: {expected:,.1f} tCO2eq/yr ({project})"
CRIT_PARENT = "Supplies a participating tier-1 partner"
CRIT_PARENT_UNKNOWN = "tier-1 customer: not recorded"
CRIT_PARENT_UNAVAILABLE = "tier-1 customer: {parent} (record not available)"
CRIT_PARENT_OK = "tier-1 customer on record is a participating tier-1 partner: it has signed the win-win agreement"
CRIT_PARENT_NOT_OK = ("tier-1 customer on record is not a participating tier-1 partner (a tier-1 partner that signed "
                      "the win-win agreement)")
CRIT_ONE_PER_ROUND = "At most one project per funding round"
CRIT_ONE_PER_ROUND_VALUE = "supported projects in round {round}: {count}"
CRIT_NO_PROJECTS = "projects: none"

# -- support estimates -----------------------------------------------------------------------------
# how the support on record for a project was worked out (§5.1 LED share, §6.1/§6.2 ratio and cap)
ROUND_CAP_LEFT = ("{firm} has received {received:krw} in round {round}. The cap is {cap:krw} per company and funding "
                  "round, so at most {left:krw} more can be granted in round {round}, and a further project gets the "
                  "lower of that and its own share of its eligible cost.")
ROUND_ONE_PROJECT = ("A tier-2 partner is supported for one project per funding round, so no further project can be "
                     "supported in round {round}.")
LATE_NONE = "Each of the {count} installments paid so far was paid in full by its due date."
LATE_WORST = ("Of the {count} installments paid so far, {late} were paid in full after their due date. The longest delay "
              "was on installment {k} of {project}, due {due:date} and paid in full on {paid:date}, {days} days late; none "
              "reached the {notice} days after which KAP sends a written notice.")
LATE_WORST_NOTICE = ("Of the {count} installments paid so far, {late} were paid in full after their due date. The longest "
                     "delay was on installment {k} of {project}, due {due:date} and paid in full on {paid:date}, {days} days late: "
                     "more than the {notice} days after which KAP sends a written notice.")
OBLIGATION_PERIOD = ("For {project}, the {years} years of §11.1 run from its confirmed completion date, {start:date}, to "
                     "{end:date}, the day before the fifth anniversary.")
REPAY_YEAR_LEFT_ONE = "Still to pay of what falls due {span}: {items}."
REPAY_YEAR_LEFT_NONE = "Nothing is left to pay of what falls due {span}."
REPAY_YEAR_LEFT = "Still to pay of what falls due {span}: {items}; {total:krw} in all."
LATE_WORST_PAID = ("Of the {count} installments paid so far, {late} were paid in full after their due date. The longest "
                   "delay was on installment {k} of {project}, due {due:date} and paid in full on {paid:date}, {days} days "
                   "late.")
REC_PENDING_SUPPORT = ("{project} (round {round}) is not yet confirmed complete. On the eligible cost of {cost:krw} on "
                       "record, its support would be {support:krw}, {ratio}% of it{cap_note}, paid in one sum "
                       "once KAP has confirmed the installation.")
REC_PENDING_CAPPED = " up to the cap of {cap:krw}"
REC_PENDING_REPAY = ("Repayment starts after a grace period of {grace} months: the first installment falls due {months} "
                     "months after the confirmed completion date.")
REC_SUPPORT = "The support of {support:krw} for {project} is {ratio}% of its eligible cost of {cost:krw}."
REC_SUPPORT_LED = ("The support of {support:krw} for {project} is {ratio}% of {countable:krw}: its eligible cost of "
                   "{cost:krw} includes LED lighting of {led:krw}, which counts only up to {share} of the eligible cost, "
                   "{led_countable:krw}, so {excess:krw} of it is left out.")
REC_SUPPORT_CAP = ("The support of {support:krw} for {project} is the cap per firm and round: {ratio}% of the "
                   "{countable:krw} that counts would be {raw:krw}.")
EST_WHO_TIER = "a tier-{tier} partner"
EST_WHO_FIRM = "your firm"
EST_CAP_NOTE = ", capped at {cap:krw}"
EST_EXCLUDED = "That project would not be supported: {names} is not eligible equipment."
EST_LED_ALONE = ("LED lighting cannot be supported as a project on its own; it counts only within a broader project in "
                 "another category, for at most {share} of that project's eligible cost.")
EST_NO_CATEGORY = ("I could not match the equipment you describe to an eligible category, so I cannot estimate "
                   "support; these are the eligible categories.")
EST_ANY_CATEGORY = ("If the equipment is in one of the eligible categories, support for {who} on an eligible cost of "
                    "{cost:krw} would be {support:krw}: {ratio}% of the eligible cost{cap}.")
EST_NEEDS_COST = ("{category} is an eligible category; give the eligible cost to get the support amount ({ratio}% of "
                  "eligible cost for {who}).")
EST_SUPPORT = ("For {category:lower} with an eligible cost of {cost:krw}, support for {who} would be {support:krw}: "
               "{ratio}% of the eligible cost{cap}.")
EST_LED = ("LED lighting counts only up to 10% of the eligible cost, so {countable:krw} of the {led:krw} LED cost is "
           "counted.")
EST_LEFT_OUT = "{amount:krw} for {items} is left out of the eligible cost."
EST_COST_RULE = "Eligible cost covers equipment and installation, without VAT, land, buildings or staff costs."
EST_TIER1_REPAID = "Tier-1 support is repaid in full, without interest, after a grace period."
EST_INSTALLMENTS = "It would be repaid in {count} quarterly installments of {each:krw}."
EST_INSTALLMENTS_LAST = ("It would be repaid in {count} quarterly installments of {each:krw}, the last {last:krw} with the "
                         "rounding remainder.")

# -- repayment (tier-1) ----------------------------------------------------------------------------
REPAY_NO_SUPPORT = ("Nothing is owed: {firm} has no supported project with a confirmed completion date as of "
                    "{as_of:date}, so there is no repayment schedule yet. Once completion is confirmed, repayment "
                    "starts after a grace period of {grace} months: the first installment falls due {months} months "
                    "after that date.")
REPAY_FULLY_REPAID = "{firm} has repaid its full support of {support:krw}; {outstanding:krw} is outstanding as of {as_of:date}."
REPAY_DEFAULT = ("{firm} is in default since {since:date}: as of {as_of:date} the oldest unpaid installment, due on "
                 "{due:date}, is {days} days overdue, and the whole outstanding balance of {outstanding:krw} is due "
                 "at once.")
REPAY_DEFAULT_EXCLUDED = "Default also excludes the firm from the program until the balance is settled in full."
REPAY_NOTICE = ("As of {as_of:date}, {due_now:krw} is due now: the oldest unpaid installment, {amount:krw} due on "
                "{due:date}, is {days} days overdue, so a written notice applies.")
REPAY_NOTICE_THEN = ("If it is still unpaid at the end of {on:date}, 90 days after its due date, the whole balance "
                     "falls due and the firm is excluded.")
REPAY_ACCELERATED = ("As of {as_of:date}, {due_now:krw} is due now, because the supported equipment is no longer in "
                     "use and its unpaid installments fell due at once.")
REPAY_GRACE = ("Nothing is due yet: {firm} is in the grace period until {grace_ends:date}, and the first installment "
               "of {amount:krw} is due on {due:date}, {months} months after the confirmed completion date.")
REPAY_DUE_NOW = ("{due_now:krw} is due now: the installment due on {due:date} has {amount:krw} unpaid ({days} days "
                 "overdue).")
REPAY_NEXT = "The next installment of {amount:krw} is due on {due:date}."
REPAY_WINDOW = "Due {span}: {items}; {total:krw} in all."
REPAY_WINDOW_ONE = "Due {span}: {items}."
REPAY_WINDOW_NONE = "Nothing falls due {span}."
REPAY_WINDOW_LEFT = "Once everything due by {end:date} is paid, {left:krw} is left to repay."
REPAY_WINDOW_UNTIL = "by {end:date}"
REPAY_WINDOW_SPAN = "from {start:date} to {end:date}"
REPAY_WINDOW_ITEM = "{amount:krw} on {due:date}"
REPAY_OUTSTANDING = "{firm} has {outstanding:krw} outstanding as of {as_of:date}, of {support:krw} support received."
REPAY_REPAID = "Repaid so far: {repaid:krw}."
REPAY_PROJECTS = "The support of {count} projects ({projects}) is repaid together, each on its own schedule."
REPAY_PREPAID = ("Early repayments of {prepaid:krw} were applied to the last installments, so the schedule now ends on "
                 "{last:date}.")
REPAY_DEFERRED = ("A deferral of {months} months, approved on {on:date}, moved the unpaid installments; a firm can defer "
                  "only once.")
REPAY_LAST = "The last installment{of}, installment {k}, is due on {due:date}; {amount:krw} of it is still to pay."
REPAY_LAST_OF = " of {project}"
REPAY_AFTER_NEXT = "After the installment due on {told:date}, the next one is {amount:krw} due on {due:date}."
REPAY_LEFT_AFTER = "Once the installment due on {told:date} is paid, {left:krw} will be left outstanding."
REPAY_CLAWBACK = "Project {project}: {reason}, so its unpaid installments, {amount:krw}, fell due at once on {on:date}."
REPAY_CLAWBACK_SETTLED = ("Project {project}: {reason}, so its unpaid installments, {amount:krw}, fell due at once on "
                          "{on:date}; they were paid in full by {paid:date}.")
SCHEDULE = "Schedule: {rows}."
SCHEDULE_ROW = "installment {k}: {amount:krw} due {due:date} ({status})"
# The schedule as a table (Slack's markdown block): a title, the column heads, one row per installment.
SCHEDULE_TITLE = "Repayment schedule"
SCHEDULE_HEAD = "| # | Amount | Due | Status |"
SCHEDULE_ALIGN = "|---:|---:|---|---|"
SCHEDULE_TABLE_ROW = "| {k} | {amount:krw} | {due:date} | {status} |"

# why a project's equipment does (or does not) trigger §11.1 (said by bot.calculators.disposal)
DISPOSAL_NOT_COMPLETED = "the project is not completed"
DISPOSAL_IN_USE = "the equipment is in use"
DISPOSAL_IDLE_SINCE = "idle since {since:date}"
DISPOSAL_GONE_ON = "{status} on {since:date}"
DISPOSAL_NOT_YET = "{what}, not yet more than {months} months"
DISPOSAL_BEFORE = "{what}, before the {years}-year period"
DISPOSAL_AFTER = "{what}, after the {years}-year period"
DISPOSAL_TRIGGERED = "equipment {what} (completed {completed:date})"

# -- tier-2 grants and refunds ---------------------------------------------------------------------
T2_REFUND_DUE = "As of {as_of:date}, {firm} owes a refund of {outstanding:krw}, due at once since {since:date}."
T2_REFUND_WHY = ("Project {project}: {reason}; the grant is refunded pro rata for the {months} whole months left of "
                 "the 5 years after completion.")
T2_REFUNDED = "Nothing is owed as of {as_of:date}: the pro-rata refund of {repaid:krw} has been paid."
T2_NO_SUPPORT = ("Nothing is owed: {firm} has no supported project with a confirmed completion date as of "
                 "{as_of:date}.")
T2_GRANT = "Nothing is owed as of {as_of:date}: {firm} is a tier-2 partner, and its grant of {support:krw} is not repaid."
T2_REFUND_RULE = ("A grant must still be refunded pro rata if the equipment is sold, removed or left idle too "
                  "early.")

# -- offsets ---------------------------------------------------------------------------------------
OFF_NO_PROJECT = ("{firm} has no completed project under the program yet, so there are no reductions to report as "
                  "of {as_of:date}.")
OFF_PENDING = ("No reductions of {firm}'s project {projects} have been verified yet (as of {as_of:date}); the "
               "project is expected to cut {expected:t} tCO2eq per year.")
OFF_WHICH_ONE = "project {projects}"
OFF_WHICH_MANY = "projects {projects}"
OFF_VERIFIED = ("As of {as_of:date}, {verified:t1} tCO2eq of the reductions of {firm}'s {which} are verified, "
                "{certified:t1} tCO2eq certified as KOC and {converted:t1} converted to KCU.")
OFF_CREDITS = ("Certified reductions are converted by Hyundai Motor/Kia into offset credits for their own "
               "surrender, within the legal limit.")
OFF_LIMIT = "Under the Act, offset credits can cover at most {percent}% of an allocated entity's obligation."
OFF_RIGHTS = ("The rights to these reductions belong to {holder} for the crediting period, and {firm} may not sell or "
              "claim them elsewhere.")
OFF_CREDITING = ("The crediting period of {project} runs from registration on {registered:date} to {ends:date}, with "
                 "{years} years left.")
OFF_LAST_REPORT = ("Monitoring reports for {project} cover every year from {first} through {year}, the year its crediting "
                   "period ends: {count} reports in all. The last one, for {year}, is due by {due:date}.")
OFF_NEXT_REPORT = "The next monitoring report, for {year}, is due by {due:date}."
OFF_NEXT_REPORT_PROJECT = "The next monitoring report, for {year} ({project}), is due by {due:date}."
OFF_UNCONVERTED = "{koc:t1} tCO2eq are certified as KOC but not yet converted to KCU (as of {as_of:date})."
OFF_CONVERT_BY = "Under Article 30, a KOC must be converted within {years} years of its certification: {listed}."
OFF_CONVERT_ITEM = ("the {koc:t1} tCO2eq of {year} not yet converted, counted as certified from {certified:date}, by "
                    "{by:date}")
OFF_LATE_REPORTS = "Monitoring reports submitted after their 31 March deadline: {listed}."
OFF_LATE_REPORT = "{year} ({project}) on {submitted:date}"
OFF_REPORTS_ON_TIME = ("Every monitoring report due so far is on record and was on time: the latest, for {year}, was "
                       "submitted on {submitted:date} (deadline {due:date}).")
OFF_MISSING_REPORTS = "No monitoring report for {project} is on record for {years} (the first was due by {due:date})."
OFF_CLAWBACK = ("The equipment of {project} is recorded as {status:term.equipment} since {since:date}, within 5 years "
                "of installation, so {consequence}.")
OFF_CLAWBACK_T1 = "its unpaid installments fell due at once ({amount:krw} still unpaid)"
OFF_CLAWBACK_T2 = "a pro-rata refund of {amount:krw} of the grant applies"
YEAR_FOR_PROJECT = " for {project}"
YEAR_NO_REPORT_MISSING = ("No {year} monitoring report{which} is on record as of {as_of:date}; it was due by "
                          "{due:date}, so it is missing.")
YEAR_NO_REPORT_YET = "No {year} monitoring report{which} is on record as of {as_of:date}; it was due by {due:date}."
YEAR_REPORT = ("{year}{which}: the monitoring report was submitted on {submitted:date} ({timing}; due by "
               "{due:date}); {figures}.")
YEAR_ON_TIME = "on time"
YEAR_LATE = "late"
YEAR_FIGURES = ("{verified:t1} tCO2eq verified, {certified:t1} certified as KOC and {converted:t1} converted to KCU")
YEAR_NOT_VERIFIED = "not verified yet"

# -- what-if scenarios -----------------------------------------------------------------------------
WHATIF_DEFER_REFUSED = "A deferral of {months} months is not possible here: {reason}."
WHATIF_DEFER = ("If the program committee approved a deferral of {months} months today, it would move{moved} the "
                "last installment to {last:date}; a firm can defer only once.")
WHATIF_DEFER_MOVES = " the next unpaid installment from {before:date} to {after:date}, and"
# why a deferral is refused (said by bot.calculators.repayment)
DEFER_NOTHING = "there is no repayment to defer"
DEFER_REPAID = "the support is already fully repaid"
DEFER_DEFAULT = "the firm is in default, so the whole balance is already due (§7.4)"
DEFER_USED = "the firm has already used its deferral ({clause}: once per firm)"
DEFER_TOO_LONG = "a deferral is at most {limit} months ({clause}), asked {months}"
WHATIF_PAY_ASK = "Give an amount (for example KRW 50M) and I can work out what it would settle."
WHATIF_PAY = ("A payment of {amount:krw} on {on:date} would settle {settles:krw} already due and prepay "
              "{prepays:krw} from the last installments, leaving {left:krw} outstanding; {end}.")
# the same when all of it goes to what is due by then, or all of it is an early repayment
WHATIF_PAY_DUE_ONLY = ("A payment of {amount:krw} on {on:date} would settle {settles:krw} due by then, leaving {left:krw} "
                       "outstanding; {end}.")
WHATIF_PAY_EARLY_ONLY = ("A payment of {amount:krw} on {on:date} would prepay {prepays:krw} from the last installments "
                         "(nothing is due by then), leaving {left:krw} outstanding; {end}.")
WHATIF_PAY_ENDS = "the schedule would then end on {last:date}, with a last payment of {last_amount:krw}"
WHATIF_PAY_REPAID = "the support would be fully repaid"
WHATIF_PAY_DUE_ALL = ("A payment of {amount:krw} on {on:date} would go toward the balance already due at once, "
                      "leaving {left:krw} outstanding.")
WHATIF_PAY_STILL_DEFAULT = ("{firm} would still be in default: default lasts until the whole balance is settled, "
                            "and {left:krw} would remain.")
WHATIF_PAY_STILL_DUE = "That would not settle everything due: {amount:krw} of the installment due on {due:date} would still be unpaid."
WHATIF_PAY_CURED = "Nothing would be overdue any more. "
WHATIF_PAY_NEXT = "{cured}The next installment, {amount:krw}, would then be due on {due:date}."
WHATIF_PAYOFF_NONE = "Nothing is left to repay as of {on:date}."
WHATIF_PAYOFF_AFTER_ONE = ("With the installment due on {due:date} ({paid:krw}) paid on schedule, {amount:krw} is left "
                           "to repay on {on:date}, and paying it then would repay everything; early repayment carries no "
                           "penalty and no interest.")
WHATIF_PAYOFF_AFTER_SCHEDULE = ("With the {count} installments due before {on:date} ({paid:krw} in all) paid on "
                                "schedule, {amount:krw} is left to repay on {on:date}, and paying it then would repay "
                                "everything; early repayment carries no penalty and no interest.")
WHATIF_PAYOFF = ("Paying {amount:krw} on {on:date} would repay everything; early repayment carries no penalty and no "
                 "interest.")
WHATIF_MISSED_NONE = "Nothing is scheduled to be missed."
WHATIF_MISSED_DEFAULT = "{firm} is already in default: the whole balance of {outstanding:krw} is due now."
WHATIF_MISSED = ("If the installment due on {due:date} ({amount:krw}) stays unpaid, a written notice follows on "
                 "{notice:date} (30 days), and on {default:date} (90 days) the firm would be in default: the whole "
                 "outstanding balance, {outstanding:krw} today, would fall due at once and the firm would be excluded "
                 "until it is settled.")
WHATIF_DISPOSAL_NONE = "There is no completed, supported project whose equipment §11.1 would cover."
WHATIF_DISPOSAL_LATE = ("Selling or removing the equipment of {project} on {on:date} would fall after its 5-year "
                        "period (which ends on {ends:date}), so §11.1 would not apply.")
WHATIF_DISPOSAL_NOTHING = ("Paying on schedule, {project} would have nothing left to repay by {on:date}, so selling or "
                           "removing its equipment then would make nothing fall due.")
WHATIF_DISPOSAL_T1 = ("If the equipment of {project} were sold or removed on {on:date}, the installments not yet due "
                      "by then would all fall due that day: {amount:krw}, paying on schedule until then.")
WHATIF_DISPOSAL_T2 = ("If the equipment of {project} were sold or removed on {on:date}, a pro-rata refund of "
                      "{amount:krw} of the grant would fall due ({months} whole months of the 5 years left).")
IDLE_PENDING = ("The equipment of {project} has been idle since {since:date}: if it is still idle on {on:date}, the "
                "day after 6 months idle, {amount} falls due that day.")
WHATIF_IDLE = ("Left idle from {on:date} instead, it would count from {idle:date}, the day after 6 months idle: "
               "{amount} would fall due then.")
WHATIF_IDLE_LATE = ("Left idle from {on:date} instead, it would count only from {idle:date}, the day after 6 months "
                    "idle, which is after its 5-year period ends on {ends:date}: §11.1 would not apply and nothing "
                    "would fall due.")
WHATIF_IDLE_NOTHING = ("Left idle from {on:date} instead, it would count from {idle:date}, the day after 6 months "
                       "idle, by when, paying on schedule, nothing of {project} would be left to fall due.")
WHATIF_IDLE_REFUND = "a refund of {amount:krw}"
WHATIF_IDLE_DUE = "the installments not yet due by then, {amount:krw} paying on schedule,"
WHATIF_COMPLETION_ASK = "Give the confirmed completion date and I can work out the repayment schedule from it."
WHATIF_COMPLETION = ("If completion were confirmed on {on:date}, the grace period would end on {grace_ends:date}, the "
                     "first installment would be due on {first:date} and the last of the 8 quarterly "
                     "installments{each} on {last:date}.")
WHATIF_COMPLETION_EACH = " of {amount:krw} each"
WHATIF_COMPLETION_REPORT = ("The first monitoring report would cover {year}, the year of completion, and be due by "
                            "{due:date}.")

# -- a firm's record as text (what ingest indexes, and what a record citation quotes) ---------------
RECORD_FIRM = "{name} ({pid}), tier-{tier} partner, size class {size}{parent}."
RECORD_FIRM_PARENT = ", supplying {parent}"
RECORD_FLAGS = ("Supply contract with Hyundai Motor/Kia: {contract}. Win-win agreement: {agreement:term.signed}. "
                "Affiliate of a large business group: {affiliate:term.yesno}. Project site inside an allocated "
                "entity: {inside:term.yesno}.")
RECORD_DEFERRAL = "Hardship deferral of {months} months approved on {on:date}."
RECORD_EXCLUSION = "Excluded from the program until {until:date}: {reason:term.reason}."
RECORD_SEE_11 = "see §11"
RECORD_PROJECT = ("Project {project} (round {round}, {category:term.category}): {description}. Eligible cost "
                  "{cost:krw}; expected reduction {expected:,.1f} tCO2eq per year; support {support:krw}{paid}{completed}"
                  "{registered}; equipment {status:term.equipment}{since}.")
RECORD_PAID_ON = " paid on {on:date}"
RECORD_COMPLETED = "; completed {on:date}"
RECORD_NOT_COMPLETED = "; not completed"
RECORD_REGISTERED = "; registered as an external project {on:date}"
RECORD_SINCE = " since {on:date}"
RECORD_REDUCTION = "{year}: verified {verified} tCO2eq, certified {certified}, converted {converted} KCU{submitted}."
RECORD_PENDING = "pending"
RECORD_NONE = "none"
RECORD_SUBMITTED = ", report submitted {on:date}"
LEDGER_HEADER = "Payments received from {name} ({pid}):"
LEDGER_PAYMENT = "{on:date}: {amount:krw}{memo}"
LEDGER_MEMO = " ({memo:term.memo})"
LEDGER_INSTALLMENT = "installment {k}{note}"  # the ledger's memo "installment 4 (deferred)", said per language
LEDGER_NOTE = " ({note:term.memo})"
LEDGER_TOTAL = "Total received: {total:krw}."

# -- a firm at a glance (the Home tab) ---------------------------------------------------------------
GLANCE_ELIGIBLE = "Eligible for tier-{tier} support ({section})."
GLANCE_NOT_ELIGIBLE = "Not eligible: {failed}."
GLANCE_REVIEW = "To be decided by the program desk: the record does not show {unknown}."
GLANCE_NEXT = "Next payment: {amount:krw}, due on {due:date}."
GLANCE_OVERDUE = "Overdue: {amount:krw}, unpaid since {due:date} (days overdue: {days})."
GLANCE_NOTHING_DUE = "Next payment: nothing is scheduled."
GLANCE_OUTSTANDING = "Outstanding: {amount:krw}."
GLANCE_STATE = "Repayment state: {state:term.state}."
GLANCE_VERIFIED = "Verified reductions so far: {verified:t1} tCO2eq."
GLANCE_NO_PROJECT = "No completed project yet, so no reductions to verify."
GLANCE_REPORT = "Next monitoring report: for {year}, due by {due:date}."
GLANCE_NO_REPORT = "Next monitoring report: none due."

# -- reminders (sent before being asked; each cites its record and rule) ------------------------------------
REMIND_DUE_SOON = "Reminder: {firm}'s payment of {amount:krw} is due on {due:date} (days left: {days})."
REMIND_OVERDUE = ("{firm}'s payment of {amount:krw}, due on {due:date}, is overdue. If it is still unpaid, KAP "
                  "sends a written notice on {notice:date} and the firm is in default on {default:date}, when the "
                  "whole balance falls due at once.")
REMIND_NOTICE_SOON = ("{firm} is {days} days overdue on the payment due {due:date}: if it is still unpaid on "
                      "{notice:date}, KAP sends a written notice.")
REMIND_DEFAULT_SOON = ("{firm} is {days} days overdue on the payment due {due:date}: if it is still unpaid on "
                       "{default:date}, the firm is in default, the whole balance falls due at once and it is "
                       "excluded from the program until it is settled.")
REMIND_REPORT_DUE = "{firm}'s monitoring report for {year} ({project}) is due by {due:date} and is not on record yet."
REMIND_DEFERRAL = ("A hardship deferral of {months} months was approved for {firm} on {on:date}: the unpaid "
                   "installments move later by {months} months.")
REMIND_ACCELERATED = "Since {on:date}, {firm}'s whole outstanding balance of {amount:krw} is due at once."
REMIND_FOLLOW_UP = ("Reply in this thread to ask about it. You can turn these reminders off, or choose how early "
                    "they come, in my Home tab.")
