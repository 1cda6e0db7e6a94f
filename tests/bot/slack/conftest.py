"""Slack fixtures: a fake Slack Web API, the real assistant over a copy of the sample knowledge, the bot.

``slack`` is parametrised: every scenario runs through slack-bolt's ``App.dispatch``
and again over real HTTP against ``carbonbot slack --port N`` (marker ``server``),
one subprocess for the whole session; both keep their state in one SQLite file for
the session. Users are real rows of knowledge/partners/users.csv; each test takes
its own, so per-user rate limits and thread state never couple two tests, and every
test uses fresh channel ids.

A scenario whose outcome rests on the shared state (threads, delivery keys, rate
limits, feedback, escalations, clarifications, reminder settings) is marked
``@on_both_backends``: it runs a third time through dispatch, on a fresh database of
the test PostgreSQL (``postgresql``).
"""

from __future__ import annotations

import copy
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.store.audit import AuditLog
from tests.bot.slack.fake_slack import FakeSlack
from tests.bot.slack.signed import SECRET, DispatchHarness, HttpHarness, uid
from tests.conftest import AS_OF, KNOWLEDGE, ROOT, database_url, free_port, make_settings

STAFF_CHANNEL = "CSTAFFDESK1"
PUBLIC_URL = "http://127.0.0.1:8080"
RATE_LIMIT = 3
CASES = json.loads((ROOT / "tests" / "data" / "partner_cases.json").read_text())
USERS = [row for row in csv.DictReader(line for line in (KNOWLEDGE / "partners" / "users.csv").open(encoding="utf-8")
                                       if not line.startswith("#"))]


class People:
    """Hands out real users from users.csv, each at most once per session (and fresh guests).

    Every user's Slack locale is en-US unless asked otherwise (``locale=None``: Slack tells none).
    """

    def __init__(self, fake: FakeSlack) -> None:
        self.fake = fake
        self.used: set[str] = set()

    def _take(self, rows: list[dict[str, str]]) -> dict[str, str]:
        row = next(r for r in rows if r["slack_user_id"] not in self.used)
        self.used.add(row["slack_user_id"])
        return row

    def partner(self, case: str | None = None, locale: str | None = "en-US") -> dict[str, str]:
        """A partner user whose firm has expected figures (and is in ``case``, e.g. ``rep_on_schedule``)."""
        firms = set(CASES["cases"][case]) if case else set(CASES["expected"])
        row = self._take([u for u in USERS if u["role"] == "partner" and u["partner_id"] in firms])
        self.fake.set_locale(row["slack_user_id"], locale)
        return row

    def staff(self) -> dict[str, str]:
        staff = [u for u in USERS if u["role"] == "staff"]
        return self._take(staff) if any(u["slack_user_id"] not in self.used for u in staff) else staff[0]

    def guest(self, locale: str | None = "en-US") -> dict[str, str]:
        user = uid("U")
        self.fake.add_user(user, f"{user.lower()}@visitor.example", "Visiting Engineer", locale)
        return {"slack_user_id": user, "email": f"{user.lower()}@visitor.example", "role": "guest", "partner_id": ""}

    def new_staff(self, locale: str | None = "en-US") -> dict[str, str]:
        """A staff member known by the staff email domain alone (not in users.csv)."""
        user = uid("U")
        self.fake.add_user(user, f"{user.lower()}@kap.example", "Desk Officer", locale)
        return {"slack_user_id": user, "email": f"{user.lower()}@kap.example", "role": "staff", "partner_id": ""}


@pytest.fixture(scope="session")
def fake_slack():
    fake = FakeSlack({u["slack_user_id"]: {"email": u["email"], "real_name": u["display_name"], "locale": "en-US"}
                      for u in USERS})
    yield fake
    fake.close()


@pytest.fixture(scope="session")
def people(fake_slack) -> People:
    return People(fake_slack)


@pytest.fixture(scope="session")
def slack_settings(built_data, tmp_path_factory, fake_slack):
    data = tmp_path_factory.mktemp("slack-dispatch") / "data"
    shutil.copytree(built_data, data)
    (data / "audit.sqlite").unlink(missing_ok=True)
    return make_settings(data, as_of=AS_OF, slack_api_url=fake_slack.url, staff_channel=STAFF_CHANNEL,
                         public_url=PUBLIC_URL, rate_limit_per_minute=RATE_LIMIT)


@pytest.fixture(scope="session")
def slack_assistant(slack_settings):
    """The real Assistant over the real sample knowledge, logging to its own audit log."""
    from bot.assistant import Assistant

    assistant = Assistant(slack_settings, audit=AuditLog(slack_settings.data_dir / "audit.sqlite"))
    assistant.warm()  # as `carbonbot slack` does: the first question of a run must not wait for the model
    return assistant


@pytest.fixture
def bolt_app(slack_settings, slack_assistant, monkeypatch):
    """A fresh app per test (its own rate limiter and identity cache) around the shared assistant."""
    slack_assistant.audit.execute("DELETE FROM rate_limits")  # the limiter's windows live in the shared database
    return _app(slack_settings, slack_assistant, monkeypatch)


def _app(settings, assistant, monkeypatch):
    from bot.slack.app import build_app

    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test-token")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SECRET)
    return build_app(settings, assistant)


@pytest.fixture
def postgres_assistant(request, slack_settings, slack_assistant, tmp_path):
    """The session's assistant (its models and index already loaded) keeping its state in a fresh database on
    the test PostgreSQL, as ``CARBONBOT_DATABASE_URL`` makes it; a failure, never a skip, without PostgreSQL."""
    from bot.state import Store

    store = Store(database_url(request, "postgresql", tmp_path))
    assistant = copy.copy(slack_assistant)  # shares what is loaded; ``audit`` is its own
    assistant.audit = store
    yield assistant
    store.close()


@pytest.fixture(scope="session")
def http_bot(built_data, tmp_path_factory, fake_slack, subject_band_for_tests):
    """``carbonbot slack --port N`` (HTTP mode) as a subprocess, wired to the fake Slack (with the subject band
    the clarify tests widen in-process, since a click must find a question the heads were unsure of)."""
    home = tmp_path_factory.mktemp("slack-http")
    data = home / "data"
    shutil.copytree(built_data, data)
    (data / "audit.sqlite").unlink(missing_ok=True)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CARBONBOT_"))}
    env.update({"SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_SIGNING_SECRET": SECRET, "PYTHONPATH": str(ROOT),
                "CARBONBOT_DATA_DIR": str(data), "CARBONBOT_KNOWLEDGE_DIR": str(KNOWLEDGE),
                "CARBONBOT_SLACK_API_URL": fake_slack.url, "CARBONBOT_AS_OF": AS_OF.isoformat(),
                "CARBONBOT_STAFF_CHANNEL": STAFF_CHANNEL, "CARBONBOT_PUBLIC_URL": PUBLIC_URL,
                "CARBONBOT_RATE_LIMIT_PER_MINUTE": str(RATE_LIMIT),
                "CARBONBOT_CLARIFY_OWN_BAND": f"{subject_band_for_tests:.4f}", "CARBONBOT_LOG_FORMAT": "json"})
    log = (home / "bot.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "slack", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, cwd=home, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, proc, home / "bot.log")
        yield f"{base}/slack/events", AuditLog(data / "audit.sqlite"), home / "bot.log"
    finally:
        stop(proc)
        log.close()


def wait_until_serving(base: str, proc: subprocess.Popen, log: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"carbonbot slack exited with {proc.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(f"{base}/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    pytest.fail(f"carbonbot slack did not start within {timeout} s:\n{log.read_text()}")


TRANSPORTS = ["dispatch", pytest.param("http", marks=pytest.mark.server)]
on_both_backends = pytest.mark.parametrize("slack", [*TRANSPORTS, "postgresql"], indirect=True)


@pytest.fixture(params=TRANSPORTS)
def slack(request, fake_slack):
    """The bot behind one transport: bolt's dispatch in-process, or real HTTP to the running command; with
    ``@on_both_backends`` also dispatch on PostgreSQL."""
    if request.param == "dispatch":
        app = request.getfixturevalue("bolt_app")
        return DispatchHarness(app, fake_slack, request.getfixturevalue("slack_assistant").audit)
    if request.param == "postgresql":
        assistant = request.getfixturevalue("postgres_assistant")
        app = _app(request.getfixturevalue("slack_settings"), assistant, request.getfixturevalue("monkeypatch"))
        return DispatchHarness(app, fake_slack, assistant.audit)
    url, audit, log = request.getfixturevalue("http_bot")
    return HttpHarness(url, fake_slack, audit, log)


def stop(proc: subprocess.Popen) -> None:
    """Stop a server process: politely, then for good after 20 s."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
