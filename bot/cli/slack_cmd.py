"""``carbonbot slack``: run the Slack bot (Socket Mode when SLACK_APP_TOKEN is set, else HTTP)."""

from __future__ import annotations

import logging
import os

import typer

from bot.cli import command
from bot.config import get_settings


@command()
def slack(port: int = typer.Option(3000, "--port", help="HTTP mode: port for /slack/events.")) -> None:
    """Run the Slack bot: Socket Mode with SLACK_APP_TOKEN, otherwise HTTP mode with signature checks."""
    from bot.assistant import Assistant
    from bot.slack.app import build_app, check_token
    from bot.store.audit import AuditLog
    from bot.store.layout import DataDir

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    app_token = os.environ.get("SLACK_APP_TOKEN", "").strip()
    if app_token:
        check_token("SLACK_APP_TOKEN", app_token, "xapp-")
    assistant = Assistant(settings, audit=AuditLog(DataDir(settings.data_dir).audit_db))
    app = build_app(settings, assistant, http_mode=not app_token)
    assistant.warm()  # model and index load once, before the first event
    if app_token:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        SocketModeHandler(app, app_token).start()
    else:
        from bot.slack.server import serve

        typer.echo(f"listening on :{port}/slack/events")
        serve(app, port)
