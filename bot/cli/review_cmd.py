"""``carbonbot review`` (serve the staff console) and ``carbonbot review export`` (corrections -> gold YAML)."""

from __future__ import annotations

from pathlib import Path

import typer

from bot.cli import app, friendly_errors
from bot.config import get_settings

review_app = typer.Typer(help="The staff review console.", no_args_is_help=False)
app.add_typer(review_app, name="review")


@review_app.callback(invoke_without_command=True)
@friendly_errors
def serve(
    ctx: typer.Context,
    host: str = typer.Option(None, "--host", help="Bind address (default CARBONBOT_REVIEW_HOST, 127.0.0.1)."),
    port: int = typer.Option(None, "--port", help="Port (default CARBONBOT_REVIEW_PORT, 8080)."),
) -> None:
    """Serve the review console (staff sign in with CARBONBOT_REVIEW_TOKEN)."""
    if ctx.invoked_subcommand is not None:
        return
    import uvicorn

    from bot.errors import ConfigError
    from bot.review.app import create_app

    settings = get_settings()
    if not settings.review_token:
        raise ConfigError("CARBONBOT_REVIEW_TOKEN is not set: staff need it to sign in to the review console")
    host, port = host or settings.review_host, port or settings.review_port
    typer.echo(f"review console on http://{host}:{port}")
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


@review_app.command("export")
@friendly_errors
def export(
    out: Path = typer.Option(None, "--out", help="Write the YAML here (default: print it)."),
    since: str = typer.Option(None, "--since", help="Only reviews from this date (YYYY-MM-DD)."),
) -> None:
    """Export answers reviewed as incorrect, with corrections, as gold cases for evals/gold/."""
    from bot.review.export import gold_yaml
    from bot.store.audit import AuditLog
    from bot.store.layout import DataDir

    settings = get_settings()
    text = gold_yaml(AuditLog(DataDir(settings.data_dir).audit_db), settings.today().isoformat(), since)
    if out:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {text.count('- id: ')} cases to {out}")
    else:
        typer.echo(text, nl=False)
