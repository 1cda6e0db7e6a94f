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
    """Serve the review console (reviewers sign in with their own token, or with Slack)."""
    if ctx.invoked_subcommand is not None:
        return
    import os

    import uvicorn

    from bot.errors import ConfigError
    from bot.review.accounts import Reviewers
    from bot.review.app import create_app
    from bot.review.web import networks

    from bot.ops import configure_logging

    settings = get_settings()
    if os.environ.get("CARBONBOT_REVIEW_TOKEN"):
        raise ConfigError("CARBONBOT_REVIEW_TOKEN (one token shared by all staff) is no longer accepted: give each "
                          "reviewer their own with `carbonbot review add-reviewer NAME`, then unset it")
    try:
        networks(settings.trusted_proxies)
    except ValueError as exc:
        raise ConfigError(str(exc)) from None
    audit = _audit(settings)
    if not any(r["revoked_at"] is None for r in Reviewers(audit).all()) and not settings.slack_client_id:
        raise ConfigError("nobody can sign in: add a reviewer (`carbonbot review add-reviewer NAME`) or set "
                          "CARBONBOT_SLACK_CLIENT_ID for Sign in with Slack")
    host, port = host or settings.review_host, port or settings.review_port
    configure_logging(settings.log_format)  # only once it will serve
    typer.echo(f"review console on http://{host}:{port}")
    # proxy headers are the console's to judge (CARBONBOT_TRUSTED_PROXIES), not uvicorn's
    uvicorn.run(create_app(settings, audit), host=host, port=port, log_level="warning", proxy_headers=False,
                server_header=False)


def _audit(settings):
    from bot.state import open_store

    return open_store(settings)


@review_app.command("add-reviewer")
@friendly_errors
def add_reviewer(name: str = typer.Argument(..., help="The reviewer's name, as verdicts will show it."),
                 new_token: bool = typer.Option(False, "--new-token", help="An existing reviewer (a lost or revoked "
                                                "token): a new token, the old one and their sessions end.")) -> None:
    """Give a reviewer their own sign-in token (shown once; only its hash is kept)."""
    from bot.errors import ConfigError
    from bot.review.accounts import Reviewers, record_action

    audit = _audit(get_settings())
    if new_token:
        token = Reviewers(audit).new_token(name)
        if token is None:
            raise ConfigError(f"no reviewer named {name!r} (see `carbonbot review reviewers`)")
    else:
        try:
            token = Reviewers(audit).add(name)
        except ValueError as exc:
            raise ConfigError(f"{exc} (`--new-token` gives them a new one)") from None
    record_action(audit, "carbonbot (command line)", "new_token" if new_token else "add_reviewer", name)
    typer.echo(f"reviewer {name.strip()!r} added. Their sign-in token (shown only now):\n{token}")


@review_app.command("revoke-reviewer")
@friendly_errors
def revoke_reviewer(name: str = typer.Argument(..., help="The reviewer's name.")) -> None:
    """Revoke a reviewer's token and end their sessions at once."""
    from bot.errors import ConfigError
    from bot.review.accounts import Reviewers, record_action

    audit = _audit(get_settings())
    if not Reviewers(audit).revoke(name):
        raise ConfigError(f"no active reviewer named {name!r} (see `carbonbot review reviewers`)")
    record_action(audit, "carbonbot (command line)", "revoke_reviewer", name)
    typer.echo(f"reviewer {name!r} revoked; their sessions have ended")


@review_app.command("reviewers")
@friendly_errors
def reviewers() -> None:
    """List reviewers: name, added, revoked."""
    from bot.review.accounts import Reviewers

    for r in Reviewers(_audit(get_settings())).all():
        typer.echo(f"{r['name']}\tadded {r['created_at'][:10]}" + (f"\trevoked {r['revoked_at'][:10]}"
                                                                    if r["revoked_at"] else ""))


@review_app.command("export")
@friendly_errors
def export(
    out: Path = typer.Option(None, "--out", help="Write the YAML here (default: print it)."),
    since: str = typer.Option(None, "--since", help="Only reviews from this date (YYYY-MM-DD)."),
) -> None:
    """Export the answers staff corrected as gold cases, for the tuning set (evals/gold/tuning/)."""
    from bot.errors import ConfigError
    from bot.review.accounts import record_action
    from bot.review.export import check_destination, gold_yaml

    settings = get_settings()
    if out:
        try:
            check_destination(out)
        except ValueError as exc:
            raise ConfigError(str(exc)) from None
    audit = _audit(settings)
    text = gold_yaml(audit, settings.today().isoformat(), since)
    record_action(audit, "carbonbot (command line)", "export", f"{text.count(chr(10) + '- id: ')} cases to {out or 'stdout'}")
    if out:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {text.count('- id: ')} cases to {out}")
    else:
        typer.echo(text, nl=False)
