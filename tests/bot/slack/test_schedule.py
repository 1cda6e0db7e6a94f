"""The daily reminder run inside ``carbonbot slack``: once a day at its time, catching up at start, on through a
failed day, stopped at once; driven by a clock that moves only when the loop waits."""

from __future__ import annotations

import threading
from datetime import date, datetime, time, timedelta

import pytest

from bot.slack.schedule import RECHECK_SECONDS, Daily


class Clock:
    """``now`` for the loop, and an Event whose wait moves the clock instead of sleeping; it stops the loop
    once ``until`` is reached."""

    def __init__(self, start: datetime, until: datetime) -> None:
        self.at, self.until, self.waits = start, until, []
        self.event = threading.Event()

    def now(self) -> datetime:
        return self.at

    def wait(self, seconds: float) -> bool:
        assert 0 < seconds <= RECHECK_SECONDS
        self.waits.append(seconds)
        self.at += timedelta(seconds=seconds)
        if self.at >= self.until:
            self.event.set()
        return self.event.is_set()


def run(start: datetime, days: int, at: str, job) -> Clock:
    clock = Clock(start, start + timedelta(days=days))
    daily = Daily.parse(at, job, now=clock.now, stopped=clock.event)
    clock.event.wait = clock.wait  # the loop's waits move the clock
    daily.run()
    return clock


def test_it_runs_once_a_day_at_its_time_and_catches_up_at_start():
    start, runs = datetime(2026, 11, 30, 10, 15), []
    clock = Clock(start, start + timedelta(days=5))
    daily = Daily.parse("09:00", lambda day: runs.append((day, clock.now())) or {"sent_due_soon": 1},
                        now=clock.now, stopped=clock.event)
    clock.event.wait = clock.wait  # the loop's waits move the clock
    daily.run()
    assert [day for day, _ in runs] == [date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2), date(2026, 12, 3),
                                        date(2026, 12, 4), date(2026, 12, 5)]
    assert runs[0][1] == start  # 09:00 had passed when it started: at once
    assert all(when.time() == time(9, 0) for _, when in runs[1:])
    assert max(clock.waits) == RECHECK_SECONDS  # a long wait is cut into hours


def test_before_its_time_it_waits_for_it():
    seen = []
    run(datetime(2026, 11, 30, 6, 0), 2, "09:30", lambda day: seen.append(day))
    assert seen == [date(2026, 11, 30), date(2026, 12, 1)]


def test_a_failing_day_is_logged_and_the_next_day_still_runs(caplog):
    seen = []

    def job(day):
        seen.append(day)
        if len(seen) == 1:
            raise RuntimeError("slack was down")

    run(datetime(2026, 11, 30, 8, 0), 3, "08:00", job)  # stopped at 12-03 08:00, before that day's run
    assert seen == [date(2026, 11, 30), date(2026, 12, 1), date(2026, 12, 2)]
    assert "daily reminders for 2026-11-30 failed" in caplog.text and "slack was down" in caplog.text


def test_stop_ends_the_thread_promptly():
    seen = []
    daily = Daily.parse("00:00", seen.append)
    thread = daily.start()
    deadline = datetime.now() + timedelta(seconds=10)
    while not seen and datetime.now() < deadline:
        threading.Event().wait(0.01)
    daily.stop()
    thread.join(timeout=5)
    assert not thread.is_alive() and seen == [date.today()]  # 00:00 has always passed: one catch-up run


@pytest.mark.parametrize("bad", ["9:00", "24:00", "12:60", "noon", "12:00:00", "12:00\n"])
def test_a_remind_time_of_the_wrong_shape_is_refused(bad):
    from pydantic import ValidationError

    from bot.config import Settings

    with pytest.raises(ValidationError, match="remind_at"):
        Settings(remind_at=bad)
    assert Settings(remind_at="23:59").remind_at == "23:59"


def test_the_command_names_a_setting_of_the_wrong_shape_in_one_line():
    import subprocess
    import sys

    from tests.conftest import ROOT

    env = {"CARBONBOT_REMIND_AT": "24:00", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "HOME": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "bot.cli", "slack"], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip().splitlines() == [
        "error: CARBONBOT_REMIND_AT='24:00': String should match pattern '^([01][0-9]|2[0-3]):[0-5][0-9]$'"]
