"""Slack user -> ``Asker``: users.info gives the email, the directory maps it; cached with a TTL.

Unknown users are guests. A users.info failure (scope missing, user deleted)
still resolves by the Slack id alone, so a mapped user is never demoted by it.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.identity import Directory
from bot.models import Asker

log = logging.getLogger(__name__)
MAX_CACHED = 10_000


class SlackIdentity:
    def __init__(self, directory: Callable[[], Directory], ttl_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.directory = directory
        self.ttl = ttl_seconds
        self.clock = clock
        self._cache: dict[str, tuple[float, Asker]] = {}
        self._lock = threading.Lock()

    def asker(self, user_id: str, client: WebClient) -> Asker:
        now = self.clock()
        with self._lock:
            hit = self._cache.get(user_id)
        if hit and hit[0] > now:
            return hit[1]
        email, name = self._profile(user_id, client)
        asker = self.directory().resolve(slack_user_id=user_id, email=email, name=name)
        with self._lock:
            if len(self._cache) >= MAX_CACHED:
                self._cache = {k: v for k, v in self._cache.items() if v[0] > now}
            self._cache[user_id] = (now + self.ttl, asker)
        return asker

    def _profile(self, user_id: str, client: WebClient) -> tuple[str | None, str | None]:
        try:
            user = client.users_info(user=user_id)["user"]
        except SlackApiError as exc:
            log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
            return None, None
        if user.get("is_bot") or user.get("deleted"):
            return None, user.get("name")
        profile = user.get("profile") or {}
        return profile.get("email"), user.get("real_name") or profile.get("real_name") or user.get("name")
