"""``carbonbot remind``: send the reminders that are due today (cron-friendly and idempotent) and, once a week,
the staff digest."""

from __future__ import annotations

import logging
from datetime import date

import typer

from bot.cli import command
from bot.config import get_settings


@command()
def remind(
    as_of: str = typer.Option(None, "--as-of", help="The day to remind for (YYYY-MM-DD) [default: CARBONBOT_AS_OF, "
                              "else today]."),
    digest: bool = typer.Option(True, "--digest/--no-digest", help="Post the staff channel's weekly digest (once "
                                "per ISO week, when CARBONBOT_STAFF_CHANNEL is set)."),
) -> None:
    """DM each linked partner user the reminders due today (never the same one twice), and the weekly staff
    digest. Safe to run as often as you like, e.g. daily from cron."""
    from bot.assistant import Assistant
    from bot.config import require_secret
    from bot.errors import ConfigError
    from bot.slack.app import check_token, web_client
    from bot.slack.remind import Reminders
    from bot.state import open_store

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = get_settings()
    try:
        day = date.fromisoformat(as_of) if as_of else settings.today()
    except ValueError:
        raise ConfigError(f"--as-of: {as_of!r} is not a date like 2026-12-20") from None
    client = web_client(settings, check_token("SLACK_BOT_TOKEN", require_secret("SLACK_BOT_TOKEN"), "xoxb-"))
    assistant = Assistant(settings, audit=open_store(settings))
    counts = Reminders(assistant, client, settings.staff_channel).run(day, digest=digest)
    sent = sum(n for k, n in counts.items() if k.startswith("sent_"))
    typer.echo(f"{day}: {sent} reminder(s) sent, {counts['already_sent']} already sent earlier, "
               f"{counts['failed']} failed (retried next run), {counts['opted_out']} user(s) opted out"
               + (f"; digest: {next((k for k in counts if k.startswith('digest_')), 'none')}" if digest else ""))
    if counts["failed"] or counts["digest_failed"]:
        raise typer.Exit(1)
