"""``carbonbot``: the command line. Each command lives in its own module and only translates."""

from __future__ import annotations

import os
import sys

import typer

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

app = typer.Typer(
    help="Carbon Partner Assistant: cited answers on eligibility, repayment and offsets.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def friendly_errors(func):
    """Turn the project's own errors, and a setting of the wrong shape, into one red line and exit code 2, for
    every command."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        from pydantic import ValidationError

        from bot.errors import CarbonbotError

        try:
            return func(*args, **kwargs)
        except CarbonbotError as exc:
            typer.secho(f"error: {exc}", err=True, fg="red")
            raise typer.Exit(2) from exc
        except ValidationError as exc:
            if exc.title != "Settings":
                raise
            for error in exc.errors():
                name = "CARBONBOT_" + "_".join(str(part) for part in error["loc"]).upper()
                typer.secho(f"error: {name}={str(error.get('input'))[:80]!r}: {error['msg']}", err=True, fg="red")
            raise typer.Exit(2) from None

    return wrapper


def command(*args, **kwargs):
    """``app.command`` with :func:`friendly_errors` applied."""

    def register(func):
        app.command(*args, **kwargs)(friendly_errors(func))
        return func

    return register


def _register() -> None:
    from bot.cli import ask, ingest_cmd  # noqa: F401  (commands register themselves on import)

    for optional in ("bot.cli.eval_cmd", "bot.cli.slack_cmd", "bot.cli.remind_cmd", "bot.cli.review_cmd",
                     "bot.cli.bench", "bot.cli.db_cmd", "bot.cli.generate_cmd"):
        try:
            __import__(optional)
        except ModuleNotFoundError as exc:
            if exc.name != optional:
                raise


def main() -> None:
    from bot.errors import CarbonbotError

    _register()
    try:
        app()
    except CarbonbotError as exc:
        typer.secho(f"error: {exc}", err=True, fg="red")
        sys.exit(2)
