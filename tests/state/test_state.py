"""The shared-state database on both backends (a SQLite file; a real PostgreSQL): migrations, the audit log,
threads, exactly-once delivery under concurrency, one rate limit shared by two processes, review queries."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from bot.models import Answer, Asker
from bot.state import Store, migrate

GUEST = Asker(role="guest")
PARTNER = Asker(role="partner", partner_id="P-T1-001", display_name="Kim")


def _answer(question: str = "When is our next installment due?", status: str = "answered", **kw) -> Answer:
    return Answer(question=question, status=status, intent=kw.pop("intent", "repayment"),
                  answer="On 2026-12-20. [1]", **kw)


def test_migrations_are_idempotent_and_reach_the_newest_revision(store, db_url):
    assert migrate.current(store.engine) == migrate.head() == "0002"
    assert migrate.upgrade(store.engine) == "0002"  # again: nothing to do
    second = Store(db_url)  # another process opening the same database
    assert migrate.current(second.engine) == "0002"
    assert [r[0] for r in second.query("SELECT version_num FROM alembic_version")] == ["0002"]
    second.close()


def test_an_answer_is_appended_and_read_back_with_its_json(store):
    answer_id = store.record_answer(_answer(facts={"outstanding_krw": 125_000_000}), PARTNER, via="slack",
                                    thread_id="slack:C1:1.0", slack={"user": "U1", "channel": "C1", "thread": "1.0"})
    row = store.answer(answer_id)
    assert row["question"] == "When is our next installment due?" and row["partner_id"] == "P-T1-001"
    assert row["facts"] == {"outstanding_krw": 125_000_000} and row["citations"] == [] and row["llm"] is None
    assert row["private"] == 0 and row["language"] == "en"
    assert store.answered_in_slack_thread("C1", "1.0") and not store.answered_in_slack_thread("C1", "2.0")
    assert store.last_slack_question("U1") == "When is our next installment due?"
    assert store.answer(answer_id + 1000) is None
    store.record_feedback(answer_id, "not_helpful", "U1")
    escalation = store.escalate(answer_id, "U1")
    assert store.open_escalation(answer_id)["id"] == escalation
    assert store.resolve_escalation(escalation, "U9") and not store.resolve_escalation(escalation, "U9")


def test_turns_continue_a_thread_for_the_same_asker_only(store):
    store.add_turn("t1", PARTNER, "what do we owe?", "repayment", {"firm": "P-T1-001"})
    store.add_turn("t1", PARTNER, "and next month?", "repayment", {"firm": "P-T1-001", "month": 12})
    store.add_turn("t1", GUEST, "what is §7?", "program", {})
    last = store.last_turn("t1", PARTNER)
    assert last["question"] == "and next month?" and last["subject"] == {"firm": "P-T1-001", "month": 12}
    assert store.last_turn("t1", GUEST)["question"] == "what is §7?"
    assert store.last_turn("t1", Asker(role="partner", partner_id="P-T1-002")) is None
    assert store.last_turn("t2", PARTNER) is None


def test_a_retried_event_is_delivered_exactly_once_under_concurrent_threads(store, db_url):
    other = Store(db_url)  # a second process on the same database
    barrier = threading.Barrier(16)

    def deliver(i: int) -> bool:
        barrier.wait()
        return (store if i % 2 else other).first_delivery("Ev0RETRIED")

    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(deliver, range(16)))
    assert results.count(True) == 1
    assert store.seen_delivery("Ev0RETRIED") and not store.seen_delivery("Ev0OTHER")
    other.close()


def test_old_delivery_keys_expire_by_prefix(store):
    for key in ("replay:old", "replay:new", "Ev1"):
        assert store.first_delivery(key)
    store.execute("UPDATE slack_events SET ts = '2020-01-01T00:00:00.000+00:00' WHERE event_id IN ('replay:old', 'Ev1')")
    store.prune_deliveries("replay:", 3600)
    assert {r[0] for r in store.query("SELECT event_id FROM slack_events")} == {"replay:new", "Ev1"}
    assert store.first_delivery("replay:old") and not store.first_delivery("replay:new")


def test_two_processes_share_one_rate_limit_per_user(store, db_url):
    from bot.slack.ratelimit import RateLimiter

    now = [1000.0]
    other = Store(db_url)
    first = RateLimiter(3, clock=lambda: now[0], store=store)
    second = RateLimiter(3, clock=lambda: now[0], store=other)
    assert [first.allow("U1"), second.allow("U1"), first.allow("U1")] == [True, True, True]
    assert not second.allow("U1") and not first.allow("U1")  # one window for both
    assert second.allow("U2")  # users are limited separately
    now[0] += 60.1
    assert second.allow("U1")
    other.close()


def test_the_shared_limit_holds_under_concurrent_requests(store, db_url):
    from bot.slack.ratelimit import RateLimiter

    other = Store(db_url)
    limiters = [RateLimiter(5, clock=lambda: 5000.0, store=s) for s in (store, other)]
    barrier = threading.Barrier(12)

    def ask(i: int) -> bool:
        barrier.wait()
        return limiters[i % 2].allow("U7")

    with ThreadPoolExecutor(12) as pool:
        assert sum(pool.map(ask, range(12))) == 5
    other.close()


def test_reminders_are_claimed_once_and_prefs_upserted(store):
    assert store.claim_reminder("due:P1:2026-12-20", "U1", "P1", "due_soon")
    assert not store.claim_reminder("due:P1:2026-12-20", "U1", "P1", "due_soon")
    store.release_reminder("due:P1:2026-12-20")
    assert store.claim_reminder("due:P1:2026-12-20", "U1", "P1", "due_soon")
    store.reminder_sent("due:P1:2026-12-20", "D1", "1.5")
    store.release_reminder("due:P1:2026-12-20")  # sent: stays
    assert not store.claim_reminder("due:P1:2026-12-20", "U1", "P1", "due_soon")
    assert store.reminder_prefs("U1", 7) == (True, 7)
    assert store.set_reminder_prefs("U1", enabled=False, default_lead=7) == (False, 7)
    assert store.set_reminder_prefs("U1", lead_days=3, default_lead=7) == (False, 3)
    assert store.reminder_prefs("U1", 7) == (False, 3)


def test_ids_past_the_integer_column_name_no_row_and_nul_characters_are_no_error(store):
    for too_big in (2**31, 5_000_000_000, 2**63 - 1, 10**30):  # PostgreSQL's integer ids end at 2**31 - 1
        assert store.answer(too_big) is None and store.latest_review(too_big) is None
        assert store.open_escalation(too_big) is None and not store.resolve_escalation(too_big, "U9")
        assert store.clarification(too_big) is None and not store.use_clarification(too_big)
    answer_id = store.record_answer(_answer("what do we\x00 owe?"), PARTNER, via="slack", slack={"user": "U\x00"})
    assert store.answer(answer_id)["question"].replace("\x00", "") == "what do we owe?"
    store.add_turn("t\x00", PARTNER, "and\x00 next?", "repayment", {"note": "\x00"})
    assert store.last_turn("t\x00", PARTNER)["question"].replace("\x00", "") == "and next?"
    assert store.first_delivery("Ev\x00NUL") and not store.first_delivery("Ev\x00NUL")


def test_reviews_are_versioned_and_a_stale_form_loses(store):
    answer_id = store.record_answer(_answer(), PARTNER, via="slack")
    assert store.add_review(answer_id, 0, "Kim", "incorrect", corrected_answer="On 2027-01-20.") == (True, None)
    ok, newer = store.add_review(answer_id, 0, "Lee", "correct")
    assert not ok and newer["reviewer"] == "Kim" and newer["version"] == 1 and newer["facts"] == []


def test_review_console_queries_run_on_the_backend(store):
    from bot.review.accounts import Reviewers, Sessions, record_action
    from bot.review.export import gold_cases
    from bot.review.queries import Filters, Queue, answer_page, detail, queue_neighbours, queue_page, weekly_trends

    ids = [store.record_answer(_answer(f"question {i}", status="not_found" if i % 2 else "answered"), PARTNER,
                               via="slack") for i in range(5)]
    store.record_feedback(ids[0], "not_helpful", "U1")
    store.escalate(ids[2], "U1")
    rows, more, total = queue_page(store, Queue())
    assert {r["id"] for r in rows} == {ids[0], ids[1], ids[2], ids[3]} and total == 4 and more is None
    assert "negative" in next(r for r in rows if r["id"] == ids[0])["reasons"]
    assert queue_neighbours(store, Queue(), ids[2]) == (ids[1], ids[3])
    page, _ = answer_page(store, Filters(status="not_found", q="QUESTION", date_to="2999-12-31"))
    assert [r["id"] for r in page] == [ids[3], ids[1]] and page[0]["llm_verdict"] is None
    assert page[0]["feedback"] is None
    assert detail(store, ids[0])["feedback"][0]["value"] == "not_helpful"
    assert store.add_review(ids[0], 0, "Kim", "incorrect", corrected_answer="better")[0]
    assert [c["question"] for c in gold_cases(store)] == ["question 0"]
    week = weekly_trends(store)[0]
    assert (week["not_helpful"], week["incorrect"]) == (1, 1)
    token = Reviewers(store).add("Kim Minji")
    assert Reviewers(store).check(token)["name"] == "Kim Minji"
    sessions = Sessions(store, idle_seconds=600, absolute_seconds=3600)
    sid = sessions.open("Kim Minji", "reviewer", reviewer_id=Reviewers(store).check(token)["id"])
    assert sessions.get(sid).user == "Kim Minji"
    assert Reviewers(store).revoke("Kim Minji") and sessions.get(sid) is None
    record_action(store, "Kim Minji", "export", "3 cases")
    assert [tuple(r) for r in store.query('SELECT "user", action FROM staff_actions')] == [("Kim Minji", "export")]


def test_a_database_url_that_is_not_sqlite_or_postgresql_is_refused():
    from bot.errors import ConfigError

    with pytest.raises(ConfigError, match="CARBONBOT_DATABASE_URL"):
        Store("mysql://db/carbon")


def test_failed_sign_ins_are_counted_across_review_consoles(store, db_url):
    from bot.review.accounts import Throttle

    other = Store(db_url)
    first, second = Throttle(per_client=3, per_account=2, store=store), Throttle(per_client=3, per_account=2,
                                                                                  store=other)
    client = first.client_key("203.0.113.9")
    for throttle in (first, second, first):
        assert not throttle.blocked(client)
        throttle.failed(client, "account:7")
    assert second.blocked(client) and first.blocked("account:7")
    assert not second.blocked(first.client_key("198.51.100.1"))
    second.succeeded("account:7")  # the reviewer signed in: their account's count starts again
    assert not first.blocked("account:7") and first.blocked(client)
    other.close()


def test_an_audit_sqlite_from_before_the_migrations_is_adopted_with_its_rows(tmp_path):
    """A file the hand-written schema made (no alembic_version, turns ordered by rowid, no later columns)."""
    import sqlite3

    path = tmp_path / "audit.sqlite"
    con = sqlite3.connect(path)
    con.executescript("""
        CREATE TABLE answers (id INTEGER PRIMARY KEY AUTOINCREMENT, ts TEXT NOT NULL, via TEXT NOT NULL,
            asker_role TEXT NOT NULL, partner_id TEXT, asker_name TEXT, slack_user TEXT, slack_channel TEXT,
            slack_thread TEXT, thread_id TEXT, question TEXT NOT NULL, status TEXT NOT NULL, intent TEXT NOT NULL,
            answer TEXT NOT NULL, citations TEXT NOT NULL, facts TEXT NOT NULL, hits TEXT NOT NULL,
            private INTEGER NOT NULL, latency_ms REAL NOT NULL);
        CREATE TABLE turns (thread_id TEXT NOT NULL, ts TEXT NOT NULL, asker_role TEXT NOT NULL, partner_id TEXT,
            question TEXT NOT NULL, intent TEXT NOT NULL, subject TEXT);
        CREATE INDEX turns_thread ON turns (thread_id, ts);
        CREATE TABLE slack_events (event_id TEXT PRIMARY KEY, ts TEXT NOT NULL);
        INSERT INTO answers (ts, via, asker_role, question, status, intent, answer, citations, facts, hits, private,
            latency_ms) VALUES ('2026-01-01T00:00:00.000+00:00', 'cli', 'guest', 'old question', 'answered',
            'program', 'old answer', '[]', '{}', '[]', 0, 1.0);
        INSERT INTO turns VALUES ('t1', '2026-01-01', 'guest', NULL, 'first', 'program', '{}');
        INSERT INTO turns VALUES ('t1', '2026-01-01', 'guest', NULL, 'second', 'program', '{"n": 2}');
        INSERT INTO slack_events VALUES ('EvOLD', '2026-01-01T00:00:00.000+00:00');
    """)
    con.close()
    store = Store(path)
    assert migrate.current(store.engine) == migrate.head()
    assert store.answer(1)["question"] == "old question" and store.answer(1)["language"] == "en"
    assert store.last_turn("t1", GUEST)["subject"] == {"n": 2}
    assert not store.first_delivery("EvOLD")
    assert store.record_answer(_answer(), GUEST, via="cli") == 2
    assert store.query("PRAGMA journal_mode")[0][0] == "wal"
    store.close()


def test_carbonbot_db_upgrade_is_idempotent_and_db_current_reports_the_revision(db_url):
    from typer.testing import CliRunner

    from bot.cli import _register, app

    _register()
    env = {"CARBONBOT_DATABASE_URL": db_url}
    first = CliRunner().invoke(app, ["db", "upgrade"], env=env)
    assert first.exit_code == 0 and "upgraded from empty to revision 0002" in first.output, first.output
    again = CliRunner().invoke(app, ["db", "upgrade"], env=env)
    assert again.exit_code == 0 and "already at revision 0002" in again.output
    current = CliRunner().invoke(app, ["db", "current"], env=env)
    assert current.exit_code == 0 and "revision 0002 (newest 0002)" in current.output
    assert ":***@" in current.output or db_url.startswith("sqlite")  # a password is never printed
    from bot.config import get_settings

    get_settings.cache_clear()  # one process per command in real use: settings are read once
    bad = CliRunner().invoke(app, ["db", "upgrade"], env={"CARBONBOT_DATABASE_URL": "mysql://db/carbon"})
    assert bad.exit_code == 2 and "CARBONBOT_DATABASE_URL must be sqlite:/// or postgresql://" in bad.output
