"""HTTP mode: the Slack app behind a small ASGI app (FastAPI + uvicorn).

Bolt's adapter does the translation; this layer only turns a request body
that cannot even be parsed into a 400 instead of a dropped connection.
"""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qsl

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
        if not slack_shaped(await request.body(), request.headers.get("content-type", "")):
            log.warning("unparseable Slack request body rejected")
            return JSONResponse({"error": "malformed request"}, status_code=400)
        return await handler.handle(request)

    @api.get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return api


def slack_shaped(body: bytes, content_type: str) -> bool:
    """Whether bolt can read ``body``, by bolt's own rules (``parse_body``): JSON when so typed or when it opens
    with "{", else a form whose ``payload``, if any, is JSON. Either way the JSON must be an object: "[]", "1"
    and "payload=1" parse, but would fail inside bolt."""
    try:
        text = body.decode("utf-8")
        if not text:
            return True
        if content_type == "application/json" or text.startswith("{"):
            return isinstance(json.loads(text), dict)
        payload = dict(parse_qsl(text, keep_blank_values=True)).get("payload") if "payload" in text else None
        return payload is None or isinstance(json.loads(payload), dict)
    except ValueError:  # not UTF-8, not JSON (UnicodeDecodeError and JSONDecodeError are ValueErrors)
        return False


def serve(app: App, port: int, host: str = "127.0.0.1") -> None:
    import uvicorn

    uvicorn.run(asgi_app(app), host=host, port=port, log_level="warning")
