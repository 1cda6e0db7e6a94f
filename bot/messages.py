"""Every sentence the assistant says that is not quoted from a source, in one place.

Kept together so the wording is reviewed once and can be translated.
Templates take only computed values (``{outstanding}``), never free text.
"""

from __future__ import annotations

import string
from typing import Any

from bot.lang.format import day, krw, tonnes
from bot.messages_records import *  # noqa: F401,F403  (record and what-if sentences, in their own module)

HELP = (
    "I answer questions about the supply-chain carbon reduction program, with the sources behind every answer. "
    "Ask me about eligibility (\"are we eligible?\", \"we want to replace two boilers with heat pumps, cost KRW 300M\"), "
    "repayment (\"what do we still owe?\", \"when is our next installment due?\"), "
    "offsets (\"how much of our reduction is verified?\", \"who owns the credits?\"), "
    "the program rules (\"what does §7.4 say?\") and the Emissions Trading Act (\"what is the offset limit under Art. 29?\"). "
    "Partners see their own firm's records; nobody else's."
)

REFUSED_OTHER_FIRM = (
    "I can't share information about other companies or about partners in general: partner records are visible "
    "only to each firm's own users and to program staff. I'm happy to answer about your own firm or about the "
    "program rules. For anything else, please contact {desk}."
)

REFUSED_INJECTION = (
    "I can't change how I handle records or whose data I can show, whatever the instructions in a message. "
    "I can answer about your own firm and about the program rules; for anything else, please contact {desk}."
)

GUEST_WHAT_IF_LINK = (
    "That is what the rules say. To see what it would mean for your firm's own figures, ask {desk} to link your "
    "Slack account to your company."
)

GUEST_NEEDS_LINK = (
    "I can't see a firm's records because your account isn't linked to a partner firm. "
    "Ask {desk} to link your Slack account to your company, then ask again."
)

# a compliance year's surrender deadline, worked out from Art. 27 for a year the question names
ACT_SHARES = "On the obligation of {base:t} t stated: {shares}."
ACT_SHARE_ITEM = "{percent}% is {tonnes:t} t"
ACT_SURRENDER_DUE = "For compliance year {year}, that is by {due:date}, {months} months after {end:date}."
CAP_REACHED = ("Tier-{tier} support reaches the cap of {cap_krw:krw} at an eligible cost of {reached_at_krw:krw}: "
               "{ratio_percent}% of it, rounded down to the won, is {cap_krw:krw}, while {ratio_percent}% of "
               "{below_cost_krw:krw} is {below_krw:krw}.")
ACT_SURCHARGE = ("For {tonnes:t} missing tonnes at an average price of {price:krw} per tonne, the surcharge is at most "
                 "{per:krw} per tonne, {total:krw} in all: {why}.")
ACT_SURCHARGE_CAPPED = ("{multiple} times the price would be {triple:krw}, but allowances for compliance year {year} "
                        "were due by {failed:date}, before the cap's deletion took effect (about {deleted:date}), so the "
                        "former cap of {cap:krw} per tonne still applies")
ACT_SURCHARGE_UNDER_CAP = ("{multiple} times the price, {triple:krw}, is under the former cap of {cap:krw} per tonne, "
                           "which still applies to allowances for compliance year {year}, due by {failed:date}, before "
                           "the cap's deletion took effect (about {deleted:date})")
ACT_SURCHARGE_UNCAPPED = ("{multiple} times the price; allowances for compliance year {year} were due by {failed:date}, "
                          "after the deletion of the former cap of {cap:krw} per tonne took effect (about "
                          "{deleted:date}), so no cap applies")
NOT_FOUND = (
    "I couldn't find this in the program rules, the Emissions Trading Act digest or the FAQ, so I won't guess. "
    "Please contact {desk}, where a person can help."
)

OUT_OF_SCOPE = (
    "That's outside what I can help with: I answer questions about the supply-chain carbon reduction program "
    "(eligibility, repayment, offsets, the program rules and the Emissions Trading Act). For other matters, "
    "please contact {desk}."
)

NO_PROJECT = "Your firm's record has no project under this program yet, so there is nothing to {what} so far"
STAFF_NEEDS_FIRM = (
    "Which firm do you mean? As staff, name a partner id (for example P-T1-001) or the company name, "
    "and I will answer from its record."
)
NO_SUCH_FIRM = "I found no partner with that id or name in the records."

# -- clarifying questions (the heads were not sure which reading is meant) ----------------------
CLARIFY = "I want to answer the right question: do you mean {options}?"
CLARIFY_OR = " or "
CLARIFY_OWN = {"eligibility": "your firm's eligibility", "repayment": "your firm's repayment status",
               "offset": "your firm's reductions and credits"}
CLARIFY_RULES = {"eligibility": "the eligibility rules", "repayment": "the repayment rules",
                 "offset": "the offset rules", "program": "how the program works",
                 "law": "the Emissions Trading Act"}
CLARIFY_CLI_CHOOSE = "Ask again naming the one you mean, or in `carbonbot chat` type its number."


def clarify_label(intent: str, own: bool) -> str:
    """The short label of one reading ("your firm's repayment status", "the repayment rules")."""
    return (CLARIFY_OWN if own else CLARIFY_RULES)[intent]


def clarify_question(labels: list[str]) -> str:
    """The one short clarifying question, naming the readings in order."""
    return CLARIFY.format(options=CLARIFY_OR.join(labels))


RATE_LIMITED = "You're asking faster than I can keep up with. Please wait a minute and ask again."
INTERNAL_ERROR = (
    "Sorry, something went wrong on my side while answering. The error has been logged; "
    "please try again in a moment or contact {desk}."
)

# -- Slack -------------------------------------------------------------------------------------
SLACK_SOURCES = "Sources"
SLACK_NO_SOURCES = "No sources were cited."
SLACK_BUTTON_HELPFUL = "Helpful"
SLACK_BUTTON_NOT_HELPFUL = "Not helpful"
SLACK_FEEDBACK_HELPFUL_LABEL = "This answer was helpful"
SLACK_FEEDBACK_NOT_HELPFUL_LABEL = "This answer was not helpful"
SLACK_BUTTON_ESCALATE = "Ask the program desk"
SLACK_BUTTON_RESOLVE = "Mark resolved"
SLACK_ASSISTANT_GREETING = (
    "Hello! I answer questions about the supply-chain carbon program: eligibility, repayment and offsets, with "
    "the clause or record behind every answer. Pick a suggestion or ask in your own words."
)
SLACK_ASSISTANT_STATUS = "is looking this up in the rules and records…"
SLACK_PROMPTS_TITLE = "Try asking"
SLACK_PROMPTS_PARTNER = (("Our next installment", "When is our next installment, and how much is it?"),
                         ("Are we eligible?", "Are we eligible for support?"),
                         ("What we still owe", "How much do we still owe?"),
                         ("Our reductions", "How much of our reduction is verified?"))
SLACK_PROMPTS_STAFF = (("A firm's next installment", "When is {firm}'s next installment due?"),
                       ("A firm's eligibility", "Is {firm} eligible?"),
                       ("A firm's reductions", "How much has {firm} had verified?"))
SLACK_PROMPTS_GUEST = (("Tier-2 support cap", "What is the support cap for tier-2 partners?"),
                       ("How repayment works", "How does repayment of tier-1 support work?"),
                       ("Offsets under the Act", "How do reductions become offset credits under the Act?"))
# -- reminders: the Home tab's settings and staff's weekly digest ----------------------------------------
SLACK_HOME_REMINDERS_ON = "*Reminders* are on: I send you a direct message {lead} days before a payment falls due, when one is overdue, before notice and default, and before a monitoring report is due."
SLACK_HOME_REMINDERS_OFF = "*Reminders* are off: I won't message you before payments or reports fall due."
SLACK_BUTTON_REMINDERS_OFF = "Turn reminders off"
SLACK_BUTTON_REMINDERS_ON = "Turn reminders on"
SLACK_REMINDER_LEAD = "{lead} days ahead"
SLACK_REMINDER_LEAD_PLACEHOLDER = "How early"
DIGEST_TITLE = "*Weekly program digest* ({start:date} to {end:date})"
DIGEST_DUE = "*Due in the next 7 days:* {count}"
DIGEST_OVERDUE = "*Overdue, before notice:* {count}"
DIGEST_NOTICE = "*In notice (30 or more days overdue):* {count}"
DIGEST_REPORTS = "*Missing monitoring reports:* {count}"
DIGEST_MORE = "… and {count} more (see the review console)"
DIGEST_LINE_DUE = "{firm}: {amount:krw} due {due:date}"
DIGEST_LINE_OVERDUE = "{firm}: {amount:krw} unpaid since {due:date} (days overdue: {days})"
DIGEST_LINE_REPORTS = "{firm}: {years}"
SLACK_BUTTON_SHARE = "Share in channel"
SLACK_SHARED_BY = "{user} asked: {question}"
SLACK_SHARE_PRIVATE = "This answer is private (it uses records or documents not everyone here may see), so it stays with you."
SLACK_NOT_YOUR_SHARE = "Only the person who asked can share this answer. Ask your own question to get one to share."
SLACK_ALREADY_SHARED = "This answer is already in the channel."
SLACK_SHARED = "Shared in the channel."
SLACK_SENT_PRIVATELY = "This answer uses your firm's records, so I've sent it to you privately."
TOO_LONG = (
    "Your message is {length:,} characters long; I can read questions of up to {limit:,} characters. "
    "Please ask it more briefly, or one question at a time."
)
SLACK_TRUNCATED = "The answer was too long for one message; ask a narrower question for the rest."
SLACK_RATE_LIMITED = RATE_LIMITED + " If it's urgent, contact {desk}."
SLACK_FEEDBACK_THANKS = "Thanks for the feedback."
SLACK_ESCALATED = "I've passed your question to the program desk; a person will follow up with you."
SLACK_NOT_YOUR_ANSWER = "Only the person who asked (or the program desk) can pass this answer on. Ask your own question and use its button."
SLACK_STAFF_ONLY = "Only program staff can do that."
SLACK_ESCALATED_BY = "(passed on by {user})"
SLACK_NO_STAFF_CHANNEL = "Please write to {desk}; a person there will follow up."
SLACK_CHOICE_GONE = (
    "I can't use that choice: it has expired, was already used, or belongs to another question. "
    "Please ask your question again."
)
SLACK_CHOICE_MADE = "Choice received; the answer follows."
SLACK_ANSWER_GONE = "I can't find that answer any more. Please ask again, or contact {desk}."
SLACK_ESCALATION_POSTED = (
    "*Question from {asker}* (status: {status}, answer #{answer_id})\n>{question}\n*The assistant answered:*\n{answer}"
)
SLACK_RESOLVED = "Resolved by <@{user}>."
SLACK_ALREADY_RESOLVED = "This escalation was already resolved."
SLACK_HOME_TITLE = "Carbon Partner Assistant"
SLACK_HOME_HOW_TO_ASK = "Mention me in a channel, send me a direct message, or use `/carbon your question` (only you see the answer)."
SLACK_HOME_GUEST = (
    "Your Slack account is not linked to a partner firm yet, so I can answer about the program rules and the "
    "Emissions Trading Act, but not about a firm's records. Ask {desk} to link your account."
)
SLACK_HOME_STAFF = "*Program desk overview*\nQuestions asked: {total}\nUnanswered (not found or needing a person): {unanswered}\nOpen escalations: {open}"
SLACK_HOME_STAFF_OPEN = "*Open escalations* (newest first)"
SLACK_HOME_PARTNER_TITLE = "*Your firm at a glance* ({firm})"
SLACK_HOME_PARTNER_SECTIONS = {"eligibility": "Eligibility", "repayment": "Repayment", "offset": "Verified reductions"}
SLACK_HOME_PARTNER_MORE = "Ask me for the details: every answer lists its sources, and only you see your firm's records."
SLACK_HOME_UNAVAILABLE = "I couldn't load this part right now; ask me directly or contact {desk}."


def _catalogue(language: str):
    if language == "ko":
        from bot import messages_ko

        return messages_ko
    return None


_SPACED = {"category", "equipment", "equipment_event"}  # codes like "in_use" that read with a space for "_"


def _term(value: Any, namespace: str, language: str) -> str:
    """A record code said in words: the language's TERMS, else English's, else the code itself."""
    text = str(value)
    for catalogue in (_catalogue(language), None):
        terms = getattr(catalogue, "TERMS", None) if catalogue else TERMS  # noqa: F405
        found = (terms or {}).get(namespace, {}).get(text)
        if found is not None:
            return found
    return text.replace("_", " ") if namespace in _SPACED else text


class _Formatter(string.Formatter):
    """``str.format`` with the catalogue's own format specs, writing values as ``language`` does."""

    def __init__(self, language: str) -> None:
        self.language = language

    def format_field(self, value: Any, spec: str) -> str:
        if isinstance(value, (list, tuple)):
            return say("LIST_SEP", self.language).join(self.format_field(v, spec) for v in value)
        if isinstance(value, Phrase):
            value = value.say(self.language)
        elif hasattr(value, "named"):  # an equipment category or an exclusion from the parameters
            value = value.named(self.language)
        if spec == "krw":
            return krw(value, self.language)
        if spec == "date":
            return day(value, self.language)
        if spec == "t":
            return tonnes(value)
        if spec == "t1":  # tonnes as the records hold them, to one decimal ("158.0"); none is 0
            return f"{value:,.1f}" if value else "0"
        if spec == "lower":
            return str(value).lower()
        if spec.startswith("term."):
            return _term(value, spec[len("term."):], self.language)
        return super().format_field(value, spec)


def say(name: str, language: str = "en", /, **values) -> str:
    """The message ``name`` in ``language`` (English when the catalogue has no entry), with ``values`` filled in.

    ``{desk}`` is filled with the language's own way of naming the program desk unless given.
    """
    catalogue = _catalogue(language)
    template = getattr(catalogue, name, None) if catalogue else None
    if template is None:
        template = globals()[name]
    if "{desk}" in template and "desk" not in values and catalogue is not None:
        values["desk"] = catalogue.DESK
    return _Formatter(language).format(template, **values) if values else template


class Phrase(str):
    """Words a calculator says about a figure (a criterion's label, why a deferral is refused).

    Its value is the English text, so facts and English answers read as before; ``say(language)`` says the
    same catalogue entry, with the same values, in another language.
    """

    key: str
    values: dict[str, Any]

    def __new__(cls, key: str, /, **values: Any) -> "Phrase":
        phrase = super().__new__(cls, say(key, "en", **values))
        phrase.key, phrase.values = key, values
        return phrase

    def say(self, language: str) -> str:
        return say(self.key, language, **self.values)

    def __reduce__(self):
        return (_phrase, (self.key, self.values))


def _phrase(key: str, values: dict[str, Any]) -> Phrase:
    return Phrase(key, **values)
