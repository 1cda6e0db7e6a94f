"""A per-user sliding-window rate limit (in memory, per process).

With several bot processes behind a load balancer each enforces its own
window, which only makes the limit more generous; it exists to keep one user
from monopolising the assistant, not as a security boundary.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable


class RateLimiter:
    def __init__(self, per_minute: int, window_seconds: float = 60.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.window = window_seconds
        self.clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """True, and counted, if ``key`` has had fewer than ``per_minute`` questions in the last window."""
        if self.per_minute <= 0:
            return True  # 0 turns the limit off
        now = self.clock()
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return False
            hits.append(now)
            return True
