"""``carbonbot slack``: run the Slack bot (Socket Mode when SLACK_APP_TOKEN is set, else HTTP)."""

from __future__ import annotations

import logging
import os

import typer

from bot.cli import command
from bot.config import get_settings
from bot.errors import ConfigError


@command()
def slack(
    port: int | None = typer.Option(None, "--port", help="HTTP mode: port that serves /slack/events "
                                    "[default: CARBONBOT_SLACK_PORT, else 3000]."),
    host: str | None = typer.Option(None, "--host", help="HTTP mode: address to bind [default: CARBONBOT_SLACK_HOST, "
                                    "else 127.0.0.1; 0.0.0.0 serves every interface]."),
) -> None:
    """Run the Slack bot: Socket Mode when SLACK_APP_TOKEN is set, else HTTP mode on /slack/events (signed requests only)."""
    from bot.assistant import Assistant
    from bot.ops import configure_logging
    from bot.slack.app import build_app, check_token
    from bot.state import open_store

    settings = get_settings()
    app_token = os.environ.get("SLACK_APP_TOKEN", "").strip()
    if app_token:
        check_token("SLACK_APP_TOKEN", app_token, "xapp-")
    assistant = Assistant(settings, audit=open_store(settings))
    app = build_app(settings, assistant, http_mode=not app_token)
    configure_logging(settings.log_format)  # only once it will serve (a refused token leaves logging alone)
    for noisy in ("slack_sdk", "slack_bolt"):  # their DEBUG output carries request headers
        logging.getLogger(noisy).setLevel(logging.INFO)
    assistant.warm()  # model and index load once, before the first event
    if settings.remind_at:
        _daily_reminders(settings, assistant, app.client)
    if app_token:
        _socket_mode(app, app_token)
    else:
        from bot.slack.server import serve

        host = host or settings.slack_host
        port = port or settings.slack_port
        typer.echo(f"HTTP mode: listening on http://{host}:{port}/slack/events")
        serve(app, port, host, ready=assistant.ready)


def _daily_reminders(settings, assistant, client) -> None:
    """CARBONBOT_REMIND_AT: the day's reminders and the weekly digest, in a thread of this process."""
    from bot.slack.remind import Reminders
    from bot.slack.schedule import Daily

    reminders = Reminders(assistant, client, settings.staff_channel)
    Daily.parse(settings.remind_at, lambda day: reminders.run(settings.as_of or day)).start()
    typer.echo(f"Reminders: daily at {settings.remind_at} (local time)")


def _socket_mode(app, app_token: str) -> None:
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.errors import SlackApiError

    handler = SocketModeHandler(app, app_token)
    try:
        handler.connect()
    except SlackApiError as exc:
        raise ConfigError(f"SLACK_APP_TOKEN was rejected by Slack ({exc.response.get('error')}): "
                          "use an app-level token with the connections:write scope") from None
    typer.echo("Socket Mode: connected to Slack")
    from threading import Event

    Event().wait()  # the handler's own threads serve events until the process is stopped
