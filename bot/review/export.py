"""Reviewed answers -> gold cases in the eval harness's YAML format, for the tuning set (never the blind set:
blind cases are written without sight of the system, and these come from its answers).

A case is exported for every answer whose latest review corrects it: a verdict of incorrect, a corrected
answer, or an expected status or intent other than what the system gave. The expectation is the reviewer's:
their status and intent, the locators they listed (each once), and the facts they gave. A refused, not_found
or needs_human expectation carries no citations and no intent taken from the wrong answer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from bot.store.audit import AuditLog

CATEGORY = {"eligibility": "eligibility", "repayment": "repayment", "offset": "offset", "program": "program",
            "law": "law", "out_of_scope": "out_of_scope", "help": "program"}
WITHOUT_CITATIONS = ("refused", "not_found", "needs_human")


def gold_cases(audit: AuditLog, since: str | None = None) -> list[dict[str, Any]]:
    rows = audit.query(
        "SELECT a.*, r.corrected_answer, r.note, r.expected_status, r.expected_intent, r.facts AS r_facts,"
        " r.cite AS r_cite, r.reviewer, r.verdict, r.ts AS reviewed_at"
        " FROM answers a JOIN reviews r ON r.answer_id = a.id"
        " WHERE r.version = (SELECT MAX(version) FROM reviews WHERE answer_id = a.id)"
        " AND (r.verdict = 'incorrect' OR COALESCE(r.corrected_answer, '') != ''"
        "      OR COALESCE(r.expected_status, a.status) != a.status"
        "      OR COALESCE(r.expected_intent, a.intent) != a.intent)"
        + (" AND r.ts >= ?" if since else "") + " ORDER BY a.id",
        (since,) if since else ())
    cases = []
    for r in rows:
        asker: dict[str, Any] = ({"partner": r["partner_id"]} if r["asker_role"] == "partner" and r["partner_id"]
                                 else {"staff": True} if r["asker_role"] == "staff" else {"guest": True})
        status = r["expected_status"] or r["status"]
        # the reviewer's intent; else the answer's, unless they called the answer incorrect
        intent = r["expected_intent"] or (r["intent"] if r["verdict"] != "incorrect" else None)
        expect: dict[str, Any] = {"status": status}
        if status not in WITHOUT_CITATIONS and intent in CATEGORY:
            expect["intent"] = intent
        cite = list(dict.fromkeys(json.loads(r["r_cite"] or "[]")))
        facts = list(dict.fromkeys(json.loads(r["r_facts"] or "[]")))
        if cite and status not in WITHOUT_CITATIONS:
            expect["cite"] = cite
        if facts:
            expect["facts"] = facts
        expect["forbid"] = []
        category = "access" if status == "refused" else CATEGORY.get(intent or r["intent"], "program")
        case = {"id": f"review-{r['id']}", "category": category, "question": r["question"], "asker": asker,
                "expect": expect, "note": ((r["note"] or "") + f" (reviewed by {r['reviewer']}, "
                                                                f"{r['reviewed_at'][:10]}, {r['verdict']})").strip()}
        if r["corrected_answer"]:
            case["corrected_answer"] = r["corrected_answer"]
        cases.append(case)
    return cases


def gold_yaml(audit: AuditLog, as_of: str, since: str | None = None) -> str:
    header = ("# Exported from the review console: answers staff corrected, as gold cases.\n"
              "# For the tuning set only: save under evals/gold/tuning/en/ or tuning/ko/, never under blind/.\n")
    return header + yaml.safe_dump({"as_of": as_of, "cases": gold_cases(audit, since)}, sort_keys=False,
                                   allow_unicode=True, width=120)


def check_destination(path: Path) -> None:
    """Exported cases never go into a blind set."""
    if "blind" in Path(path).resolve().parts:
        raise ValueError(f"{path}: exported cases come from the system's own answers, so they belong in the "
                         "tuning set (evals/gold/tuning/), never in a blind set")
