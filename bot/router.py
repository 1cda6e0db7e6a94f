"""Intent routing without an LLM: clause references, keywords, then similarity to example questions.

Each decision carries its reason (``Route.why``) so a reviewer can see why a
question went where it did. Deterministic for a given model and question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.retrieval.refs import find_refs
from bot.understand.mentions import years_named

# Word starts (regex fragments) that point at an intent; weight 2 = strong, 1 = weak.
KEYWORDS: dict[str, dict[str, int]] = {
    "eligibility": {
        "eligib": 2, "eligb": 2, "elgib": 2, "eligab": 2, "elegib": 2, "qualif": 2, "percentage": 1, "support": 1, "apply": 1, "applic": 1, "criteria": 2, "criterion": 2, "can we join": 2,
        "r we eligible": 2, "allowed to participate": 2, "participat": 1, "join": 1, "heat pump": 1,
        "boiler": 1, "replace": 1, "equipment": 1, "how much support": 2, "support amount": 2, "subsid": 1,
        "grant": 1, "cost": 1, "solar": 1, "used machine": 1, "compressor": 1, "inverter": 1, "furnace": 1,
        "chiller": 1, "led\\b": 1, "cap\\b": 1, "tier-2": 1, "tier 2": 1, "sme": 1, "affiliat": 1, "large enterprise": 1,
    },
    "repayment": {
        "repay": 2, "installment": 2, "instalment": 2, "owe": 2, "outstanding": 2, "balance": 2, "overdue": 2,
        "late\\b": 1, "due": 1, "payment": 2, "pay back": 2, "payback": 2, "defer": 2, "grace": 2, "default": 2,
        "notice": 1, "prepay": 2, "early": 1, "paid": 1, "schedule": 1, "revolving fund": 1, "interest": 1,
        "missed": 2, "miss a": 2,
    },
    "offset": {
        "offset": 2, "credit": 2, "koc": 2, "kcu": 2, "reduction": 1, "verified": 2, "verif": 1, "certif": 2,
        "monitoring": 2, "report": 1, "tco2": 1, "tonne": 1, "emission": 1, "crediting": 2, "mrv": 2,
        "footprint": 1, "who owns": 2, "rights": 1, "sell the": 1, "clawback": 2, "sold": 1, "idle": 1,
        "statement": 1, "registration": 1, "registered": 1,
    },
    "law": {
        "act\\b": 1, "law": 2, "legal": 1, "article": 2, "art\\.": 2, "allocated entit": 2, "allowance": 2,
        "surrender": 2, "penalt": 2, "surcharge": 2, "crime": 2, "fraud": 2, "government": 2, "under the act": 2, "banking": 2, "borrow": 2, "phase": 1, "planning period": 2,
        "emissions trading": 2, "ets": 2, "compliance year": 2, "registry": 2, "fine": 1, "ministry": 1,
    },
    "program": {
        "program": 1, "programme": 1, "rule": 1, "kap": 1, "foundation": 1, "revolving": 1, "committee": 1,
        "desk": 1, "contact": 1, "privacy": 1, "who can see": 1, "purpose": 1, "parties": 1, "define": 1,
        "definition": 1, "mean": 1, "what is a": 1, "round\\b": 1, "win-win": 1, "agreement": 1, "mss": 1,
        "moti": 1, "signed": 1, "signator": 1,
    },
}

HELP_PATTERNS = re.compile(
    r"^\s*(help|\?|hi|hello|hey|menu|commands?)\s*[!?.]*\s*$|what can you (do|answer)|how do i use (you|this)",
    re.IGNORECASE,
)

# Example questions per intent; similarity to them decides when keywords are silent or tied.
EXAMPLES: dict[str, list[str]] = {
    "eligibility": [
        "Are we eligible for the program?", "Does our company qualify for support?",
        "Can a tier-2 supplier apply?", "Which equipment can be funded?", "How much support would we get?",
        "We want to replace our boilers with heat pumps, how much would we receive?",
    ],
    "repayment": [
        "How much do we still owe?", "When is our next installment due?", "What happens if we pay late?",
        "Can we repay early?", "What is our repayment schedule?", "Can we postpone a payment?",
        "How much do we have to refund?", "Do we have to pay back part of the grant?",
    ],
    "offset": [
        "How much of our reduction has been verified?", "Who owns the carbon credits from our project?",
        "When is the monitoring report due?", "How long is the crediting period?",
        "What happens if we sell the new equipment?", "Can we sell the reductions ourselves?",
    ],
    "law": [
        "What does the Emissions Trading Act say about offsets?", "Which companies are allocated entities?",
        "What is the penalty for not surrendering allowances?", "When must allowances be surrendered?",
        "Can allowances be banked or borrowed?",
    ],
    "program": [
        "Who runs the program?", "What is the revolving fund?", "Who can see our records?",
        "How do I contact a person at KAP?", "What does the program rule say?", "What is a tier-1 partner?",
    ],
    "out_of_scope": [
        "What is the weather tomorrow?", "Write me a poem", "Who won the football match?",
        "Recommend a good restaurant", "What is the stock price of a carmaker today?",
        "Translate this email into French", "How do I fix my laptop?",
    ],
}

SECTION_INTENT = {3: "eligibility", 4: "eligibility", 5: "eligibility", 6: "eligibility", 7: "repayment",
                  8: "repayment", 9: "offset", 10: "offset", 11: "offset"}
MIN_EXAMPLE_SIM = 0.45


@dataclass(frozen=True)
class Route:
    intent: str
    confident: bool  # false when only weak evidence decided (a follow-up may inherit instead)
    why: str


def keyword_scores(question: str) -> dict[str, int]:
    q = " " + question.lower() + " "
    scores: dict[str, int] = {}
    for intent, words in KEYWORDS.items():
        score = sum(w for kw, w in words.items() if re.search(r"(?<![a-z])" + kw, q))
        if score:
            scores[intent] = score
    return scores


class Router:
    def __init__(self, embeddings) -> None:
        self.embeddings = embeddings
        labels, texts = zip(*[(i, t) for i, ts in EXAMPLES.items() for t in ts])
        self.labels = list(labels)
        self.matrix = np.array(embeddings.embed_documents(list(texts)))

    def similar(self, vector: list[float]) -> tuple[str, float]:
        sims = self.matrix @ np.array(vector)
        best = int(np.argmax(sims))
        return self.labels[best], float(sims[best])

    def route(self, question: str, vector: list[float]) -> Route:
        if not question.strip() or HELP_PATTERNS.search(question):
            return Route("help", True, "help phrasing")
        refs = find_refs(question)
        if refs:
            ref = refs[0]
            if ref.startswith("Art."):
                return Route("law", True, f"names {ref}")
            if ref.startswith("§"):
                section = int(ref[1:].split(".")[0])
                return Route(SECTION_INTENT.get(section, "program"), True, f"names {ref}")
            return Route("program", True, f"names {ref}")
        scores = keyword_scores(question)
        label, sim = self.similar(vector)
        if label != "out_of_scope" and sim >= MIN_EXAMPLE_SIM:
            scores[label] = scores.get(label, 0) + 1
        if not scores:
            if label == "out_of_scope" or sim < MIN_EXAMPLE_SIM:
                return Route("out_of_scope", False, f"no keywords; nearest example {label} ({sim:.2f})")
            return Route(label, False, f"nearest example {label} ({sim:.2f})")
        best = max(scores.values())
        top = sorted(i for i, s in scores.items() if s == best)
        intent = label if label in top else min(top, key=list(KEYWORDS).index)
        return Route(intent, best >= 2, f"keywords {scores}; nearest example {label} ({sim:.2f})")


# -- does the question ask about the asker's own records? ---------------------------------------
_PRONOUN = re.compile(r"\b(we|our|ours|us|my|me|i|r|u|am i)\b", re.IGNORECASE)
_HYPOTHETICAL = re.compile(
    r"\b(what happens if|what if|in general|generally|how does|how do (partners|firms|companies)|"
    r"can (a|an|any) |does (a|an) |do (partners|firms|companies|tier)|is (a|an) |what is (a|an|the)\b|"
    r"what are the|explain|definition|define|who (is|are|can) eligible|"
    r"can we (buy|use|get support for|include|claim|fund|finance)|is (solar|vat|led)|are (used|solar))\b",
    re.IGNORECASE,
)
_RECORD_NOUNS = {
    "eligibility": r"eligib|eligble|qualif|criteria|can we (join|apply|participate)|apply again",
    "repayment": r"balance|install?ments?|payments?|repa(y|id|ying|yment)|refund|schedule|owe|owing|overdue|behind|\blate\b|"
                 r"\bdue\b|paid|defer|postpone|grace|start (paying|repaying)|default",
    "offset": r"reductions?|credits?|koc|kcu|offsets?|verified|certified|report|crediting|rights|who owns|"
              r"equipment|machine|sold|idle|status",
}


# Questions that can only be about the asker's own standing, whatever else they say.
_OWN_STATUS = re.compile(
    r"\b(are|r|am) (we|i|u)\b[^?]*\b(eligib|eligb|elgib|qualif|overdue|behind|late|in default)"
    r"|\bdo we (qualify|owe|meet)\b|\bhow much do we (owe|still owe)\b"
    r"|\bour (balance|installments?|schedule|status|eligibility|credits|reductions|project|repayments?)\b",
    re.IGNORECASE,
)


def asks_about_records(question: str, intent: str, follow_up: bool = False) -> bool:
    """True when the question is about the asker's (or a named firm's) own records, not the rules in general.

    ``follow_up``: the thread's previous answer was about records, so "and when is the next one due?"
    needs no pronoun to count.
    """
    nouns = _RECORD_NOUNS.get(intent)
    if nouns is None:
        return False
    if _OWN_STATUS.search(question):
        return True
    if intent == "offset" and years_named(question) and re.search(r"\bhow (much|many)\b", question, re.I):
        return True  # a year's figure exists only in a firm's records ("how much was certified in 2024?")
    if _HYPOTHETICAL.search(question):
        return False
    if follow_up:
        return True
    if not re.search(nouns, question, re.IGNORECASE):
        return False
    # "repayment status?", "next installment?": terse Slack questions about one's own firm.
    words = len(re.findall(r"\w+", question))
    terse = words <= 4 or (words <= 6 and re.search(r"\b(next|status|balance|outstanding)\b", question, re.I))
    return bool(terse) or bool(_PRONOUN.search(question))
