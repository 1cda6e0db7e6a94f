"""Build the slack-bolt ``App`` around the assistant; HTTP mode or Socket Mode use the same app."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.assistant import Assistant
from bot.config import Settings, require_secret
from bot.errors import ConfigError
from bot.slack.handlers import Deps, register
from bot.slack.identity import SlackIdentity
from bot.slack.ratelimit import RateLimiter
from bot.store.audit import AuditLog
from bot.store.layout import DataDir

log = logging.getLogger(__name__)


def web_client(settings: Settings, token: str) -> WebClient:
    """A WebClient that retries Slack's 429s after Retry-After (and points at a fake in tests)."""
    kwargs = {"base_url": settings.slack_api_url} if settings.slack_api_url else {}
    client = WebClient(token=token, **kwargs)
    client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    return client


def check_token(name: str, value: str, prefix: str) -> str:
    if not value.startswith(prefix):
        raise ConfigError(f"{name} must start with {prefix!r}: check the token you copied")
    return value


def build_app(settings: Settings, assistant: Assistant | None = None, *, http_mode: bool = True,
              verify_token: bool = True) -> App:
    """The Slack app with every listener registered. Secrets are read here and only here."""
    token = check_token("SLACK_BOT_TOKEN", require_secret("SLACK_BOT_TOKEN"), "xoxb-")
    signing_secret = require_secret("SLACK_SIGNING_SECRET") if http_mode else None
    audit = (assistant.audit if assistant and assistant.audit else AuditLog(DataDir(settings.data_dir).audit_db))
    assistant = assistant or Assistant(settings, audit=audit)
    if assistant.audit is None:
        assistant.audit = audit
    try:
        app = App(token=token, signing_secret=signing_secret, client=web_client(settings, token),
                  process_before_response=http_mode, token_verification_enabled=verify_token)
    except Exception as exc:  # bolt raises BoltError when auth.test rejects the token
        raise ConfigError(f"SLACK_BOT_TOKEN was rejected by Slack: {exc}") from exc
    deps = Deps(settings=settings, assistant=assistant, audit=audit,
                identity=SlackIdentity(assistant.directory, settings.identity_ttl_seconds),
                limiter=RateLimiter(settings.rate_limit_per_minute))
    register(app, deps)

    @app.error
    def on_error(error: Exception, body: dict) -> None:  # never silent, never a crash
        log.error("unhandled Slack request error: %s", error, exc_info=error)

    return app
