"""``carbonbot db``: the shared-state database (``carbonbot db upgrade``, ``carbonbot db current``)."""

from __future__ import annotations

import typer

from bot.cli import app, friendly_errors
from bot.config import get_settings

db_app = typer.Typer(help="The shared-state database: audit log, threads, delivery keys, rate limits, reminders.",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")


def _where(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@db_app.command("upgrade")
@friendly_errors
def upgrade() -> None:
    """Create or migrate the database to the newest schema (CARBONBOT_DATABASE_URL, else audit.sqlite in the data
    dir). Idempotent: every process also does it when it opens the database."""
    from bot.state import migrate
    from bot.state.engine import database_url, make_engine
    from bot.state.store import target

    where = target(get_settings())
    engine = make_engine(where)
    try:
        before = migrate.current(engine)
        after = migrate.upgrade(engine)
    finally:
        engine.dispose()
    state = "already at" if before == after else f"upgraded from {before or 'empty'} to"
    typer.echo(f"{_where(database_url(where))}: {state} revision {after}")


@db_app.command("current")
@friendly_errors
def current() -> None:
    """Print the database's schema revision and the newest one this version knows."""
    from bot.state import migrate
    from bot.state.engine import database_url, make_engine
    from bot.state.store import target

    where = target(get_settings())
    engine = make_engine(where)
    try:
        typer.echo(f"{_where(database_url(where))}: revision {migrate.current(engine) or 'none'} "
                   f"(newest {migrate.head()})")
    finally:
        engine.dispose()
