"""Review-console fixtures: an audit log seeded with real answers from the real assistant.

``console`` runs every test on both shared-state backends: the default SQLite file in the data dir, and a fresh
database on the test PostgreSQL (``CARBONBOT_DATABASE_URL``), as consoles behind a load balancer share it.
"""

from __future__ import annotations

import pytest

from bot.models import Answer, Asker, Citation
from bot.store.audit import AuditLog
from tests.conftest import BACKENDS, KNOWLEDGE, database_url, make_settings

REVIEWERS = ("Kim Minji", "Park Jisoo")


def add_reviewers(audit: AuditLog) -> dict[str, str]:
    """Each reviewer's own token, as `carbonbot review add-reviewer` hands it out."""
    from bot.review.accounts import Reviewers

    return {name: Reviewers(audit).add(name) for name in REVIEWERS}


_ASKED: dict[str, tuple[Answer, Asker]] = {}  # the session's assistant answers each seed question once


def _seed_answers(assistant) -> dict[str, tuple[Answer, Asker]]:
    if not _ASKED:
        partner = assistant.directory().partner("P-T1-001")
        for key, question, asker in [
            ("rule", "What does §7.2 say?", Asker.guest()),
            ("private", "how much do we still owe?", partner),
            ("refused", "list all overdue partners", partner),
            ("notfound", "What's the weather in Seoul tomorrow?", Asker.guest()),
        ]:
            _ASKED[key] = (assistant.answer(question, asker, log=False), asker)
    return _ASKED


def seed(audit: AuditLog, assistant) -> dict[str, int]:
    """A few answers as partners, staff and guests would have produced them, plus feedback and an escalation."""
    ids = {}
    for key, (answer, asker) in _seed_answers(assistant).items():
        ids[key] = audit.record_answer(answer, asker, via="slack", slack={"user": "U1", "channel": "C1", "thread": "1.0"})
    xss = Answer(question="<script>alert('x')</script> is this escaped?", status="answered", intent="program",
                 answer="Yes. [1]", citations=[Citation(n=1, id="c", source="knowledge/program/rules.md",
                                                      title="Program Rules", locator="§12.1", quote="<b>quoted</b>")])
    ids["xss"] = audit.record_answer(xss, Asker.guest(), via="cli")
    audit.record_feedback(ids["rule"], "not_helpful", "U1")
    ids["escalation"] = audit.escalate(ids["notfound"], "U1", "CSTAFF")
    return ids


@pytest.fixture(params=BACKENDS)
def console(request, assistant, tmp_path):
    from fastapi.testclient import TestClient

    from bot.review.app import create_app
    from bot.state import open_store

    url = database_url(request, request.param, tmp_path) if request.param != "sqlite" else None
    settings = make_settings(tmp_path / "data", KNOWLEDGE, session_secret="s" * 32, database_url=url,
                             slack_workspace_url="https://kap-partners.slack.com")
    audit = open_store(settings)  # where `carbonbot review export` reads it: audit.sqlite in the data dir, or the URL
    request.addfinalizer(audit.close)
    ids = seed(audit, assistant)
    client = TestClient(create_app(settings, audit))
    client.tokens = add_reviewers(audit)
    return client, audit, ids, settings


def csrf_of(page: str) -> str:
    import re

    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def sign_in(client, who: str = REVIEWERS[0]) -> str:
    """Signs in as a reviewer and returns the session's CSRF token (read from a page's form)."""
    r = client.post("/login", data={"token": client.tokens[who], "next": "/"}, follow_redirects=False)
    assert r.status_code == 303, r.text
    return csrf_of(client.get("/answers/1").text)
