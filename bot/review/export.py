"""Reviewed-incorrect answers -> gold cases in the eval harness's YAML format."""

from __future__ import annotations

from typing import Any

import yaml

from bot.store.audit import AuditLog

CATEGORY = {"eligibility": "eligibility", "repayment": "repayment", "offset": "offset", "program": "program",
            "law": "law", "out_of_scope": "out_of_scope", "help": "program"}


def gold_cases(audit: AuditLog, since: str | None = None) -> list[dict[str, Any]]:
    rows = audit.query(
        "SELECT a.*, r.corrected_answer, r.note, r.expected_status, r.facts AS r_facts, r.cite AS r_cite, r.reviewer"
        " FROM answers a JOIN reviews r ON r.answer_id = a.id"
        " WHERE r.version = (SELECT MAX(version) FROM reviews WHERE answer_id = a.id) AND r.verdict = 'incorrect'"
        + (" AND r.ts >= ?" if since else "") + " ORDER BY a.id",
        (since,) if since else ())
    import json

    cases = []
    for r in rows:
        asker: dict[str, Any] = ({"partner": r["partner_id"]} if r["asker_role"] == "partner" and r["partner_id"]
                                 else {"staff": True} if r["asker_role"] == "staff" else {"guest": True})
        expected_status = r["expected_status"] or "answered"
        expect: dict[str, Any] = {"status": expected_status}
        if expected_status != "refused" and r["intent"] in CATEGORY:
            expect["intent"] = r["intent"]
        cite, facts = json.loads(r["r_cite"] or "[]"), json.loads(r["r_facts"] or "[]")
        if cite:
            expect["cite"] = cite
        if facts:
            expect["facts"] = facts
        expect["forbid"] = []
        cases.append({
            "id": f"review-{r['id']}",
            "category": "access" if expected_status == "refused" else CATEGORY.get(r["intent"], "program"),
            "question": r["question"],
            "asker": asker,
            "expect": expect,
            "note": (r["note"] or "") + f" (reviewed by {r['reviewer']})",
            "corrected_answer": r["corrected_answer"] or "",
        })
    return cases


def gold_yaml(audit: AuditLog, as_of: str, since: str | None = None) -> str:
    header = "# Exported from the review console: answers staff marked incorrect, with their corrections.\n"
    return header + yaml.safe_dump({"as_of": as_of, "cases": gold_cases(audit, since)}, sort_keys=False,
                                   allow_unicode=True, width=120)
