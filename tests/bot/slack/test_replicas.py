"""Two ``carbonbot slack`` HTTP processes on one PostgreSQL, as two replicas behind a load balancer: signed
requests go to them alternately, and the bot still behaves as one.

A retried event (same event id, on the other replica) is answered once; a user has one rate limit across both;
a thread started on one replica is continued on the other.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

import pytest

from bot import messages
from bot.state import Store
from tests.bot.slack.checks import DESK
from tests.bot.slack.conftest import RATE_LIMIT, stop, wait_until_serving
from tests.bot.slack.signed import SECRET, HttpHarness, event_body, message_ts, signed_headers, uid
from tests.conftest import AS_OF, KNOWLEDGE, ROOT, free_port

pytestmark = [pytest.mark.slow, pytest.mark.server]


@pytest.fixture(scope="module")
def replicas(built_data, tmp_path_factory, fake_slack, postgres_cluster):
    if isinstance(postgres_cluster, Exception):
        pytest.fail(f"PostgreSQL backend unavailable: {postgres_cluster}", pytrace=False)
    url = postgres_cluster.create_database()
    procs, logs, harnesses = [], [], []
    store = Store(url)
    try:
        for name in ("a", "b"):  # two machines: each its own copy of the index, one database between them
            home = tmp_path_factory.mktemp(f"replica-{name}")
            data = home / "data"
            shutil.copytree(built_data, data)
            (data / "audit.sqlite").unlink(missing_ok=True)
            port = free_port()
            env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "CARBONBOT_"))}
            env.update({"SLACK_BOT_TOKEN": "xoxb-test-token", "SLACK_SIGNING_SECRET": SECRET,
                        "PYTHONPATH": str(ROOT), "CARBONBOT_DATA_DIR": str(data),
                        "CARBONBOT_KNOWLEDGE_DIR": str(KNOWLEDGE), "CARBONBOT_SLACK_API_URL": fake_slack.url,
                        "CARBONBOT_AS_OF": AS_OF.isoformat(), "CARBONBOT_DATABASE_URL": url,
                        "CARBONBOT_RATE_LIMIT_PER_MINUTE": str(RATE_LIMIT)})
            log = (home / "bot.log").open("w")
            logs.append(log)
            procs.append(subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "slack", "--host", "127.0.0.1", "--port", str(port)],
                env=env, cwd=home, stdout=log, stderr=subprocess.STDOUT))
            harnesses.append((f"http://127.0.0.1:{port}", home / "bot.log"))
        for (base, log_path), proc in zip(harnesses, procs):
            wait_until_serving(base, proc, log_path, timeout=300)
        yield [HttpHarness(f"{base}/slack/events", fake_slack, store, log_path) for base, log_path in harnesses]
    finally:
        for proc in procs:
            stop(proc)
        for log in logs:
            log.close()
        store.close()


def _quiet(fake, seconds: float = 2.0) -> None:
    seen, since = len(fake.calls), time.monotonic()
    while time.monotonic() - since < seconds:
        time.sleep(0.05)
        if len(fake.calls) != seen:
            seen, since = len(fake.calls), time.monotonic()


def test_a_retried_event_is_answered_once_by_the_two_replicas(replicas, people):
    a, b = replicas
    guest, dm = people.guest()["slack_user_id"], uid("D")
    event = {"type": "message", "channel_type": "im", "user": guest, "channel": dm, "ts": message_ts(),
             "text": "what does §7.2 say?"}
    body = event_body(event, uid("Ev"))
    assert a.send(body, signed_headers(body, "application/json")) == 200
    assert b.send(body, signed_headers(body, "application/json", retry_num=1)) == 200  # Slack's retry, elsewhere
    assert a.send(body, signed_headers(body, "application/json", retry_num=2)) == 200
    a.fake.wait_for("chat.postMessage", channel=dm)
    _quiet(a.fake)
    assert len(a.fake.of("chat.postMessage", channel=dm)) == 1
    assert a.audit.query("SELECT COUNT(*) FROM answers WHERE slack_channel = ?", (dm,))[0][0] == 1


def test_one_rate_limit_per_user_across_replicas(replicas, people):
    guest, dm = people.guest()["slack_user_id"], uid("D")
    for i in range(RATE_LIMIT + 1):
        replicas[i % 2].message(guest, dm, f"what does §7.{i + 1} say?")
    fake = replicas[0].fake
    replies = fake.wait_for("chat.postMessage", count=RATE_LIMIT + 1, channel=dm, timeout=60)
    limited = [r for r in replies if r["text"] == messages.SLACK_RATE_LIMITED.format(desk=DESK)]
    assert len(limited) == 1
    assert replicas[0].audit.query("SELECT COUNT(*) FROM answers WHERE slack_channel = ?", (dm,))[0][0] == RATE_LIMIT


def test_a_thread_started_on_one_replica_is_continued_on_the_other(replicas, people):
    a, b = replicas
    guest, channel = people.guest()["slack_user_id"], uid("C")
    root = a.mention(guest, channel, "how long is the grace period before repayment starts?")
    a.fake.wait_for("chat.postMessage", channel=channel, thread_ts=root, timeout=60)
    b.message(guest, channel, "and how many installments follow after it?", thread_ts=root)  # no mention
    a.fake.wait_for("chat.postMessage", count=2, channel=channel, thread_ts=root, timeout=60)
    rows = a.audit.query("SELECT question, thread_id FROM answers WHERE slack_channel = ? ORDER BY id", (channel,))
    assert [r["question"] for r in rows] == ["how long is the grace period before repayment starts?",
                                             "and how many installments follow after it?"]
    assert rows[0]["thread_id"] == rows[1]["thread_id"]
    turns = a.audit.query("SELECT question FROM turns WHERE thread_id = ? ORDER BY id", (rows[0]["thread_id"],))
    assert len(turns) == 2
