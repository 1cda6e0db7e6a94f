"""Slack user -> ``Asker``: users.info email, then the directory mapping; cached with a TTL."""

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


class SlackIdentity:
    def __init__(self, directory: Callable[[], Directory], ttl_seconds: int) -> None:
        self.directory = directory
        self.ttl = ttl_seconds
        self._cache: dict[str, tuple[float, Asker]] = {}
        self._lock = threading.Lock()

    def asker(self, user_id: str, client: WebClient) -> Asker:
        now = time.monotonic()
        with self._lock:
            hit = self._cache.get(user_id)
        if hit and hit[0] > now:
            return hit[1]
        email = name = None
        try:
            profile = client.users_info(user=user_id)["user"]
            email = profile.get("profile", {}).get("email")
            name = profile.get("real_name") or profile.get("name")
        except SlackApiError as exc:  # missing users:read.email scope, deleted user…: fall back to the id
            log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
        asker = self.directory().resolve(slack_user_id=user_id, email=email, name=name)
        with self._lock:
            self._cache[user_id] = (now + self.ttl, asker)
        return asker
