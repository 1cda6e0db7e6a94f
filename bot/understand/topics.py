"""What a question asks about within a record answer (next due date, balance, schedule, …), and where.

The record composer puts first the line whose topic the question names earliest. This orders lines; it routes
nothing (intents, subject and scenario come from the learned heads). Patterns are linear and run once per
question, in the understanding step.
"""

from __future__ import annotations

import re

TOPICS = {
    "next": r"\bnext\b|\bwhen\b|\bdue\b|upcoming",
    "owe": r"\bowe|outstanding|balance|\bleft\b|remaining|still (have to )?pay|how much (do|must|will)",
    "schedule": r"schedule|installments|instalments|\bplan\b|all (the )?payments",
    "overdue": r"overdue|\blate\b|behind|missed|arrears|notice|default",
    "repaid": r"repaid|paid so far|have we paid|payments? (we|so far)|received",
    "grace": r"grace|start (paying|repay)|first (installment|payment)",
    "verified": r"verified|reduc|tco2|tonnes?|status",
    "verify": r"\bverif(y|ies|ier|ication)\b|who pays",
    "credits": r"credit|koc|kcu|convert|offset",
    "rights": r"who owns|own(s|er)?\b|rights|sell|claim",
    "crediting": r"crediting|how long|years? left|period",
    "report": r"report|monitoring|deadline|submit",
    "clawback": r"sell|sold|remov|idle|move|clawback|refund",
    "verdict": r"eligib|qualif|r we|can we (join|apply)|apply|criteria|status",
    "estimate": r"cost|krw|won|million|billion|support|receive|get",
    "limit": r"limit|\bcap\b|\bact\b|law|how much of (the|their) obligation",
}


def topics_of(question: str) -> dict[str, int]:
    """Topics the question names, with where in the question each is first named."""
    q = question[:4000].lower()
    found = {t: re.search(pattern, q) for t, pattern in TOPICS.items()}
    return {t: m.start() for t, m in found.items() if m}
