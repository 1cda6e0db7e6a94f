"""Slack user -> ``Asker`` and language: users.info gives the email and the locale, the directory maps the email;
both cached with a TTL.

Unknown users are guests. A users.info failure (scope missing, user deleted)
still resolves by the Slack id alone, so a mapped user is never demoted by it;
such a user has no known locale.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from typing import Callable

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.identity import Directory
from bot.models import Asker

log = logging.getLogger(__name__)
MAX_CACHED = 10_000
LANGUAGES = ("en", "ko")  # the languages with a message catalogue


def locale_language(locale: str | None) -> str | None:
    """Slack's locale ("ko-KR", "en-US") as a catalogue language ("ko", "en"); None if none, or no catalogue for it."""
    language = (locale or "").replace("_", "-").split("-", 1)[0].lower()
    return language if language in LANGUAGES else None


@dataclass(frozen=True)
class _Person:
    asker: Asker
    language: str | None  # from the Slack locale


class SlackIdentity:
    def __init__(self, directory: Callable[[], Directory], ttl_seconds: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.directory = directory
        self.ttl = ttl_seconds
        self.clock = clock
        self._cache: dict[str, tuple[float, _Person]] = {}
        self._lock = threading.Lock()

    def asker(self, user_id: str, client: WebClient) -> Asker:
        return self._person(user_id, client).asker

    def language(self, user_id: str, client: WebClient) -> str | None:
        """"ko" or "en" from the user's Slack locale; None when Slack did not say or the locale has no catalogue."""
        return self._person(user_id, client).language

    def _person(self, user_id: str, client: WebClient) -> _Person:
        now = self.clock()
        with self._lock:
            hit = self._cache.get(user_id)
        if hit and hit[0] > now:
            return hit[1]
        email, name, locale = self._profile(user_id, client)
        person = _Person(self.directory().resolve(slack_user_id=user_id, email=email, name=name),
                         locale_language(locale))
        with self._lock:
            if len(self._cache) >= MAX_CACHED:
                self._cache = {k: v for k, v in self._cache.items() if v[0] > now}
            self._cache[user_id] = (now + self.ttl, person)
        return person

    def _profile(self, user_id: str, client: WebClient) -> tuple[str | None, str | None, str | None]:
        """(email, name, locale) from users.info; Nones for what it could not tell."""
        try:
            user = client.users_info(user=user_id, include_locale=True)["user"]
        except SlackApiError as exc:
            log.warning("users.info failed for %s: %s", user_id, exc.response.get("error"))
            return None, None, None
        if user.get("is_bot") or user.get("deleted"):
            return None, user.get("name"), None
        profile = user.get("profile") or {}
        name = user.get("real_name") or profile.get("real_name") or user.get("name")
        return profile.get("email"), name, user.get("locale")
