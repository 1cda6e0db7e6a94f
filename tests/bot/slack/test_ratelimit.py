"""The per-user sliding window: in memory, and in the shared database on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from bot.slack.ratelimit import RateLimiter


@pytest.fixture(params=["memory", "sqlite", "postgresql"])
def limiter_store(request, tmp_path):
    """None (the in-memory window) or a store on each database backend: every case must hold for all three."""
    if request.param == "memory":
        yield None
        return
    from bot.state import Store
    from tests.conftest import database_url

    store = Store(database_url(request, request.param, tmp_path))
    yield store
    store.close()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_user_gets_n_questions_per_window_then_is_refused_until_the_oldest_expires(limiter_store):
    clock = Clock()
    limiter = RateLimiter(3, clock=clock, store=limiter_store)
    assert [limiter.allow("U1") for _ in range(4)] == [True, True, True, False]
    clock.now += 59.9
    assert not limiter.allow("U1")
    clock.now += 0.2  # the first three are now older than 60 s
    assert limiter.allow("U1")


def test_the_window_slides_rather_than_resetting(limiter_store):
    clock = Clock()
    limiter = RateLimiter(2, clock=clock, store=limiter_store)
    assert limiter.allow("U1")
    clock.now += 30
    assert limiter.allow("U1")
    clock.now += 31  # only the first one has expired
    assert limiter.allow("U1") and not limiter.allow("U1")


def test_users_are_limited_separately_and_refusals_do_not_count(limiter_store):
    clock = Clock()
    limiter = RateLimiter(1, clock=clock, store=limiter_store)
    assert limiter.allow("U1") and limiter.allow("U2")
    for _ in range(5):
        assert not limiter.allow("U1")
    clock.now += 61
    assert limiter.allow("U1")


def test_zero_turns_the_limit_off(limiter_store):
    limiter = RateLimiter(0, store=limiter_store)
    assert all(limiter.allow("U1") for _ in range(100))
