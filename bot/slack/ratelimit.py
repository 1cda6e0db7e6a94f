"""A per-user sliding-window rate limit: in the shared database when given one, else in memory.

With a store, every process on one database counts in the same window, so a user gets one limit however many
replicas serve them. It exists to keep one user from monopolising the assistant, not as a security boundary.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Callable, Protocol


class WindowStore(Protocol):
    def hit(self, key: str, limit: int, window: float, at: float) -> bool: ...

    def prune_limits(self, older_than: float) -> int: ...


PRUNE_EVERY = 500  # counted requests between sweeps of windows that have emptied


class RateLimiter:
    def __init__(self, per_minute: int, window_seconds: float = 60.0,
                 clock: Callable[[], float] | None = None, store: WindowStore | None = None) -> None:
        self.per_minute = per_minute
        self.window = window_seconds
        self.store = store
        # Processes can only compare wall-clock times; one process alone keeps the monotonic clock.
        self.clock = clock or (time.time if store is not None else time.monotonic)
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._calls = 0

    def allow(self, key: str) -> bool:
        """True, and counted, if ``key`` has had fewer than ``per_minute`` questions in the last window."""
        if self.per_minute <= 0:
            return True  # 0 turns the limit off
        now = self.clock()
        if self.store is not None:
            self._calls += 1
            if self._calls % PRUNE_EVERY == 0:
                self.store.prune_limits(now - self.window)
            return self.store.hit(f"slack:{key}", self.per_minute, self.window, now)
        with self._lock:
            hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return False
            hits.append(now)
            return True
