"""The optional daily run of the reminders inside ``carbonbot slack`` (``CARBONBOT_REMIND_AT=HH:MM``).

``carbonbot remind`` from cron does the same; this is for a deployment that runs only the bot. Sending is
idempotent (each reminder is claimed in the audit database before it goes out), so a run at start-up to catch
up on a missed time, two replicas with the same setting, or cron as well, never sends a reminder twice.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, Callable

log = logging.getLogger(__name__)
RECHECK_SECONDS = 3600.0  # a sleeping machine or a changed clock is noticed within an hour


@dataclass
class Daily:
    """Calls ``job(day)`` once a day at ``at`` (local time), and at start when today's time has passed."""

    at: time
    job: Callable[[date], Any]
    now: Callable[[], datetime] = datetime.now
    stopped: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def parse(cls, at: str, job: Callable[[date], Any], **kwargs: Any) -> "Daily":
        hours, minutes = at.split(":")
        return cls(time(int(hours), int(minutes)), job, **kwargs)

    def next_run(self, after: datetime) -> datetime:
        """The first time ``at`` strictly after ``after``."""
        today = datetime.combine(after.date(), self.at)
        return today if today > after else today + timedelta(days=1)

    def run(self) -> None:
        """The loop (a thread's target): until :meth:`stop`."""
        start = self.now()
        due = datetime.combine(start.date(), self.at)
        if due > start:  # today's time is still to come
            due = self.next_run(start)
        while not self.stopped.is_set():
            remaining = (due - self.now()).total_seconds()
            if remaining > 0:
                self.stopped.wait(min(remaining, RECHECK_SECONDS))
                continue
            self._once(due.date())
            due = self.next_run(max(self.now(), due))

    def _once(self, day: date) -> None:
        try:
            log.info("daily reminders for %s: %s", day, dict(self.job(day) or {}))
        except Exception:  # the next day still runs; a reminder that failed is retried then
            log.exception("daily reminders for %s failed", day)

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, name="daily-reminders", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.stopped.set()
