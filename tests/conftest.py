"""Shared fixtures: every test gets its own data dir and a clean environment.

The real sample knowledge base is ingested once per test session (real
embedding model, real Chroma, real SQLite) into ``built_data`` and shared
read-only; tests that change an index build their own.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KNOWLEDGE = ROOT / "knowledge"
AS_OF = date(2026, 10, 31)

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


@pytest.fixture(autouse=True)
def clean_env(tmp_path, monkeypatch):
    """No test reads the developer's settings, tokens or data dir."""
    for key in list(os.environ):
        if key.startswith(("CARBONBOT_", "SLACK_")):
            monkeypatch.delenv(key, raising=False)
    monkeypatch.setenv("CARBONBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("CARBONBOT_KNOWLEDGE_DIR", str(KNOWLEDGE))
    monkeypatch.chdir(tmp_path)  # no stray .env is picked up
    from bot.config import get_settings

    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def free_port() -> int:
    """A free TCP port on 127.0.0.1 for a server a test starts."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_settings(data_dir: Path, knowledge: Path = KNOWLEDGE, **overrides):
    from bot.config import Settings

    return Settings(data_dir=data_dir, knowledge_dir=knowledge, **overrides)


@pytest.fixture(scope="session")
def built_data(tmp_path_factory) -> Path:
    """A data dir with the real knowledge base ingested (once per session)."""
    from ingest.pipeline import Ingest

    data = tmp_path_factory.mktemp("built") / "data"
    report = Ingest(make_settings(data), KNOWLEDGE).run()
    assert not report.failed, [e for f in report.files for e in f.errors]
    return data


@pytest.fixture
def data_copy(built_data, tmp_path) -> Path:
    """A private copy of the built data dir, for tests that change it."""
    target = tmp_path / "data-copy"
    shutil.copytree(built_data, target)
    return target


@pytest.fixture(scope="session")
def assistant(built_data):
    """The real assistant over the real sample knowledge, with a fixed 'as of' date."""
    from bot.assistant import Assistant
    from bot.store.audit import AuditLog

    settings = make_settings(built_data, as_of=AS_OF)
    return Assistant(settings, audit=AuditLog(built_data / "audit.sqlite"))


# The calibrated subject band (docs/clarify.md) is a few thousandths wide, and which short question falls inside
# it moves whenever the labelled examples grow. Tests of what happens once the assistant asks widen it just enough
# that their example question, asked by a partner, is borderline under the heads as trained now; the band logic
# itself is tested at the calibrated width.
BORDERLINE_SUBJECT = "monitoring report?"  # a partner: their firm's reductions, or the offset rules
MAX_TEST_BAND = 0.2  # clearer questions sit 0.25 or more from the threshold


@pytest.fixture(scope="session")
def subject_band_for_tests(assistant) -> float:
    """A subject band just wide enough that BORDERLINE_SUBJECT, asked by a partner, falls inside it."""
    from bot.understand import clarify
    from bot.understand.query import OWN_ABOVE_PARTNER

    partner = assistant.directory().partner("P-T1-010")
    p_own = assistant.understand(BORDERLINE_SUBJECT, partner, as_of=AS_OF).own_probability
    band = abs(p_own - OWN_ABOVE_PARTNER) + 0.01
    assert band <= MAX_TEST_BAND, f"{BORDERLINE_SUBJECT!r} is no longer borderline (P(own) {p_own:.3f}): pick another"
    return max(band, clarify.OWN_BAND)


@pytest.fixture
def wide_subject_band(monkeypatch, subject_band_for_tests):
    """The band widened in this process (a server subprocess gets it as CARBONBOT_CLARIFY_OWN_BAND)."""
    from bot.understand import clarify

    monkeypatch.setattr(clarify, "OWN_BAND", subject_band_for_tests)


FAKE_OPENAI_KEY = "sk-test-not-a-real-key"


@pytest.fixture(scope="session")
def fake_llm():
    """The fake OpenAI-compatible server on 127.0.0.1 (tests/fake_llm.py), and the API key the OpenAI client
    insists on having."""
    from tests.fake_llm import FakeLLM

    previous = os.environ.get("OPENAI_API_KEY")
    os.environ["OPENAI_API_KEY"] = FAKE_OPENAI_KEY
    fake = FakeLLM()
    yield fake
    fake.close()
    if previous is None:
        os.environ.pop("OPENAI_API_KEY", None)
    else:
        os.environ["OPENAI_API_KEY"] = previous


# -- the shared-state database, on both backends -----------------------------------------------------------------
@pytest.fixture(scope="session")
def postgres_cluster():
    """A throwaway PostgreSQL server for the session; an error (never a skip) when it cannot be started."""
    from tests.postgres import Cluster, PostgresUnavailable

    try:
        cluster = Cluster().start()
    except PostgresUnavailable as exc:
        cluster = exc
    yield cluster
    if not isinstance(cluster, Exception):
        cluster.stop()


BACKENDS = ["sqlite", "postgresql"]


def database_url(request, backend: str, tmp_path: Path) -> str:
    """A fresh database on ``backend``: a SQLite file under ``tmp_path``, or a new database on the test PostgreSQL
    (whose absence fails the test, naming the reason)."""
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'state' / 'audit.sqlite'}"
    cluster = request.getfixturevalue("postgres_cluster")
    if isinstance(cluster, Exception):
        pytest.fail(f"PostgreSQL backend unavailable: {cluster}", pytrace=False)
    return cluster.create_database()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path) -> str:
    """Where a test's shared state lives: a fresh SQLite file, or a fresh database on the test PostgreSQL."""
    return database_url(request, request.param, tmp_path)


@pytest.fixture
def store(db_url):
    """A migrated :class:`bot.state.Store` on each backend."""
    from bot.state import Store

    opened = Store(db_url)
    yield opened
    opened.close()
