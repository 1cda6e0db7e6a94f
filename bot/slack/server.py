"""HTTP mode: the Slack app behind a small ASGI app (FastAPI + uvicorn).

Bolt's adapter does the translation; this layer only turns a request body
that cannot even be parsed into a 400 instead of a dropped connection.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from slack_bolt import App
from slack_bolt.adapter.fastapi import SlackRequestHandler

log = logging.getLogger(__name__)


def asgi_app(app: App, path: str = "/slack/events") -> FastAPI:
    handler = SlackRequestHandler(app)
    api = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @api.post(path)
    async def events(request: Request) -> Response:
        try:
            return await handler.handle(request)
        except (ValueError, AttributeError, TypeError):  # a body that is not JSON or a form of the shape Slack sends
            # (json.JSONDecodeError is a ValueError; "[]", "1" or "payload=1" parse but are not objects)
            log.warning("unparseable Slack request body rejected")
            return JSONResponse({"error": "malformed request"}, status_code=400)

    @api.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return api


def serve(app: App, port: int, host: str = "127.0.0.1") -> None:
    import uvicorn

    uvicorn.run(asgi_app(app), host=host, port=port, log_level="warning")
