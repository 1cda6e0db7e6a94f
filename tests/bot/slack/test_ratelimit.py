"""The per-user sliding window."""

from __future__ import annotations

from bot.slack.ratelimit import RateLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_user_gets_n_questions_per_window_then_is_refused_until_the_oldest_expires():
    clock = Clock()
    limiter = RateLimiter(3, clock=clock)
    assert [limiter.allow("U1") for _ in range(4)] == [True, True, True, False]
    clock.now += 59.9
    assert not limiter.allow("U1")
    clock.now += 0.2  # the first three are now older than 60 s
    assert limiter.allow("U1")


def test_the_window_slides_rather_than_resetting():
    clock = Clock()
    limiter = RateLimiter(2, clock=clock)
    assert limiter.allow("U1")
    clock.now += 30
    assert limiter.allow("U1")
    clock.now += 31  # only the first one has expired
    assert limiter.allow("U1") and not limiter.allow("U1")


def test_users_are_limited_separately_and_refusals_do_not_count():
    clock = Clock()
    limiter = RateLimiter(1, clock=clock)
    assert limiter.allow("U1") and limiter.allow("U2")
    for _ in range(5):
        assert not limiter.allow("U1")
    clock.now += 61
    assert limiter.allow("U1")


def test_zero_turns_the_limit_off():
    limiter = RateLimiter(0)
    assert all(limiter.allow("U1") for _ in range(100))
