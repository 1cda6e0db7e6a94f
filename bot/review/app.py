"""``create_app``: the review console as a FastAPI app with server-rendered Jinja2 pages."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context

from bot.config import Settings, get_settings
from bot.review.auth import Auth
from bot.review.present import local_time, zone
from bot.review.web import ConsoleMiddleware
from bot.slack.blocks import source_path
from bot.state import Store as AuditLog
from bot.state import open_store
from bot.store.layout import DataDir

HERE = Path(__file__).resolve().parent
templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescape is on for .html
PARTNER_RECORD = re.compile(r"Partner record ([A-Za-z0-9-]{1,20})")


@pass_context
def _local(context, ts: str | None) -> str:
    """A stored UTC time in the console's time zone (CARBONBOT_TIMEZONE), with the zone's name."""
    return local_time(ts, zone(context["request"].app.state.settings.timezone))


def _source_href(citation: dict) -> str:
    """Where a citation opens in the source viewer: a clause's anchor, or one firm's rows of a records file."""
    path = source_path(str(citation.get("source", "")))
    locator = str(citation.get("locator", ""))
    firm = PARTNER_RECORD.match(locator)
    if firm:
        return f"{path}?firm={quote(firm.group(1))}#{quote(firm.group(1))}"
    return f"{path}#{quote(locator, safe='')}"


templates.env.filters["local"] = _local
templates.env.filters["source_href"] = _source_href


def create_app(settings: Settings | None = None, audit: AuditLog | None = None) -> FastAPI:
    from bot.review import oidc, routes_auth, routes_log, routes_quality, routes_sources

    settings = settings or get_settings()
    app = FastAPI(title="Carbon Partner Assistant — review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.audit = audit or open_store(settings)
    app.state.auth = Auth(app.state.audit, settings.session_secret, settings.review_idle_minutes * 60,
                          settings.review_session_hours * 3600)
    # Outside Starlette's own error handling, so a 500 page gets the same headers as every other response.
    build = app.build_middleware_stack
    app.build_middleware_stack = lambda: ConsoleMiddleware(build(), trusted_proxies=settings.trusted_proxies)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.state.directory = _Directories(settings)
    for module in (routes_auth, oidc, routes_log, routes_sources, routes_quality):
        app.include_router(module.router)

    @app.get("/healthz", include_in_schema=False)
    def healthz():
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    def readyz():
        try:
            app.state.audit.query("SELECT 1")
        except Exception as exc:
            return JSONResponse({"status": "not ready", "missing": f"database: {type(exc).__name__}"}, status_code=503)
        return {"status": "ready"}

    @app.exception_handler(HTTPException)
    async def errors(request: Request, exc: HTTPException):
        if exc.status_code == 401 and request.method == "GET":
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        return HTMLResponse(templates.get_template("error.html").render(request=request, code=exc.status_code,
                                                                          message=exc.detail), status_code=exc.status_code)

    return app


class _Directories:
    """The Slack user mapping of the live index generation, read from its records once per generation (not the
    whole index: the console needs names and roles), or just the staff email domain when there is no index yet."""

    def __init__(self, settings: Settings) -> None:
        self.data, self.domain = DataDir(settings.data_dir), settings.staff_email_domain
        self._read: tuple[str | None, object] = (None, None)

    def __call__(self):
        from bot.identity import Directory
        from bot.store.records import RecordStore

        generation = self.data.current()
        if generation is None:
            return _DomainOnly(self.domain)
        if self._read[0] != generation:
            with RecordStore(self.data.path(generation) / "records.sqlite") as records:
                self._read = (generation, Directory(records, self.domain))
        return self._read[1]


class _DomainOnly:
    def __init__(self, domain: str) -> None:
        self.domain = domain.lower()

    def resolve(self, slack_user_id=None, email=None, name=None):
        from bot.models import Asker

        staff = (email or "").lower().endswith("@" + self.domain)
        return Asker(role="staff" if staff else "guest", display_name=name or email or "guest", email=email)
