"""Build the slack-bolt ``App`` around the assistant; HTTP mode and Socket Mode use the same app.

Every listener acknowledges at once and does its work in a lazy listener, so
Slack always gets its answer within 3 seconds (``process_before_response`` in
HTTP mode keeps the ack first even where the process may freeze after a response).
"""

from __future__ import annotations

import logging
import re
from typing import Callable

from slack_bolt import Ack, App, BoltContext
from slack_bolt.error import BoltError
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot import ops
from bot.assistant import Assistant
from bot.config import Settings, require_secret
from bot.errors import ConfigError
from bot.slack import blocks
from bot.slack.actions import Actions
from bot.slack.choices import Choices
from bot.slack.container import assistant_container
from bot.slack.gate import OurWorkspace, SignedRequests, app_id_of
from bot.slack.guard import guarded
from bot.slack.handlers import Deps, Questions
from bot.slack.home import HomeTab
from bot.slack.identity import SlackIdentity
from bot.slack.ratelimit import RateLimiter
from bot.state import open_store

log = logging.getLogger(__name__)


class _ClientIsTheToken(logging.Filter):
    """Bolt warns that the SLACK_BOT_TOKEN it sees in the environment is unused when given a client; it is the client's."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


logging.getLogger("slack_bolt.App").addFilter(_ClientIsTheToken())


def check_token(name: str, value: str, prefix: str) -> str:
    """A token of the right kind, or a ConfigError naming the variable (never echoing the value)."""
    if not value.startswith(prefix):
        raise ConfigError(f"{name} must start with {prefix!r}: check the token you copied")
    return value


class CountingWebClient(WebClient):
    """A WebClient whose failed calls are counted (``carbonbot_slack_api_errors_total{method, error}``)."""

    def api_call(self, api_method: str, *args, **kwargs):  # type: ignore[override]
        try:
            return super().api_call(api_method, *args, **kwargs)
        except SlackApiError as exc:
            ops.slack_error(api_method, str(exc.response.get("error", "")))
            raise


def web_client(settings: Settings, token: str) -> WebClient:
    """A WebClient that retries Slack's 429s after Retry-After (and points at a fake in tests)."""
    client = CountingWebClient(token=token, **({"base_url": settings.slack_api_url} if settings.slack_api_url else {}))
    with_rate_limit_retries(client)
    return client


def with_rate_limit_retries(client: WebClient) -> WebClient:
    if not any(isinstance(h, RateLimitErrorRetryHandler) for h in client.retry_handlers):
        client.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=2))
    return client


def build_app(settings: Settings, assistant: Assistant | None = None, client: WebClient | None = None, *,
              http_mode: bool = True, verify_token: bool = True) -> App:
    """The Slack app with every listener registered. Slack secrets are read here and only here."""
    if client is None:
        client = web_client(settings, check_token("SLACK_BOT_TOKEN", require_secret("SLACK_BOT_TOKEN"), "xoxb-"))
    with_rate_limit_retries(client)
    signing_secret = require_secret("SLACK_SIGNING_SECRET") if http_mode else None
    if assistant is None:
        assistant = Assistant(settings)
    if assistant.audit is None:
        assistant.audit = open_store(settings)
    try:
        app = App(client=client, signing_secret=signing_secret, process_before_response=http_mode,
                  token_verification_enabled=verify_token, request_verification_enabled=False,
                  before_authorize=SignedRequests(signing_secret) if signing_secret else None)
    except BoltError as exc:  # auth.test rejected the token
        cause = exc.__context__
        error = cause.response.get("error") if isinstance(cause, SlackApiError) else "rejected"
        raise ConfigError(f"SLACK_BOT_TOKEN was rejected by Slack ({error}): check the Bot User OAuth Token") from None
    except OSError as exc:
        raise ConfigError(f"could not reach Slack to check SLACK_BOT_TOKEN ({type(exc).__name__})") from None
    deps = Deps(settings=settings, assistant=assistant, audit=assistant.audit,
                identity=SlackIdentity(assistant.directory, settings.identity_ttl_seconds),
                limiter=RateLimiter(settings.rate_limit_per_minute, store=assistant.audit))
    teams = {t.strip() for t in settings.slack_team_ids.split(",") if t.strip()}
    app_id = settings.slack_app_id
    if http_mode and not app_id:  # once, at start-up, never in the path that acknowledges a request
        try:
            app_id = app_id_of(client)
        except Exception as exc:
            raise ConfigError(f"could not read this app's id from Slack (bots.info: {type(exc).__name__}); "
                              "set CARBONBOT_SLACK_APP_ID to the app's id (A…)") from None
    app.use(OurWorkspace(teams=teams, app_id=app_id or None, first_delivery=assistant.audit.first_delivery,
                         prune=assistant.audit.prune_deliveries))
    app.use(_counting_client)
    register(app, deps)
    return app


def _counting_client(context: BoltContext, next: Callable[[], None]) -> None:
    """bolt makes a plain WebClient for each request; the listeners get one whose failed calls are counted."""
    if context.client is not None and not isinstance(context.client, CountingWebClient):
        c = context.client
        context["client"] = CountingWebClient(token=c.token, base_url=c.base_url, timeout=c.timeout, ssl=c.ssl,
                                              proxy=c.proxy, headers=c.headers, team_id=context.team_id, logger=c.logger,
                                              retry_handlers=c.retry_handlers)
    next()


def _ack(ack: Ack) -> None:
    ack()


def register(app: App, deps: Deps) -> None:
    """Every listener acks at once; the work runs lazily, guarded so a failure is logged and apologised for."""
    questions, actions, home, choices = Questions(deps), Actions(deps), HomeTab(deps), Choices(deps)

    def lazily(func):
        return {"ack": _ack, "lazy": [guarded(func, deps)]}

    app.event("app_mention")(**lazily(questions.mention))
    app.event("message")(**lazily(questions.message))
    app.command("/carbon")(**lazily(questions.command))
    app.event("app_home_opened")(**lazily(home.opened))
    app.action(blocks.FEEDBACK)(**lazily(actions.feedback))
    app.action(blocks.FEEDBACK_HELPFUL)(**lazily(actions.feedback))
    app.action(blocks.FEEDBACK_NOT_HELPFUL)(**lazily(actions.feedback))
    app.action(blocks.ESCALATE)(**lazily(actions.escalate))
    app.action(blocks.RESOLVE)(**lazily(actions.resolve))
    app.action(blocks.SHARE)(**lazily(actions.share))
    app.action(blocks.REMINDERS_TOGGLE)(**lazily(home.reminders))
    app.action(blocks.REMINDERS_LEAD)(**lazily(home.reminders))
    app.action(re.compile(blocks.CHOOSE_PATTERN))(**lazily(choices.choose))
    # The AI-app container: its threads are DM threads, answered by the same handler as any DM.
    app.assistant(assistant_container(deps, questions))

    @app.error
    def on_error(error: Exception) -> None:  # a listener or middleware failed before the lazy part
        log.error("Slack request failed: %s", error, exc_info=error)
