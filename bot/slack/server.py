"""HTTP mode: the Slack app behind a small ASGI app (FastAPI + uvicorn).

Bolt's adapter does the translation; this layer only turns a request body
that cannot even be parsed into a 400 instead of a dropped connection.
"""

from __future__ import annotations

import json
import logging
from typing import Callable
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from slack_bolt import App
from slack_bolt.adapter.fastapi import SlackRequestHandler

from bot import ops

log = logging.getLogger(__name__)


def asgi_app(app: App, path: str = "/slack/events", ready: Callable[[], str | None] | None = None) -> FastAPI:
    """``ready``: None when answers can be given, else what is missing (``/readyz``)."""
    handler = SlackRequestHandler(app)
    api = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)

    @api.post(path)
    async def events(request: Request) -> Response:
        if not slack_shaped(await request.body(), request.headers.get("content-type", "")):
            log.warning("unparseable Slack request body rejected")
            return JSONResponse({"error": "malformed request"}, status_code=400)
        return await handler.handle(request)

    @api.get("/health")
    @api.get("/healthz")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @api.get("/readyz")
    async def readiness() -> Response:
        missing = await run_in_threadpool(ready) if ready else None
        return JSONResponse({"status": "ready"} if missing is None else {"status": "not ready", "missing": missing},
                            status_code=200 if missing is None else 503)

    @api.get("/metrics")
    async def metrics() -> Response:
        return Response(ops.metrics_text(), media_type=ops.CONTENT_TYPE)

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


def serve(app: App, port: int, host: str = "127.0.0.1", ready: Callable[[], str | None] | None = None) -> None:
    """uvicorn until SIGTERM/SIGINT: it stops taking requests and finishes the ones in flight; answers still being
    composed (bolt's lazy listeners, on worker threads) are finished before the process exits."""
    import uvicorn

    uvicorn.run(asgi_app(app, ready=ready), host=host, port=port, log_level="warning", timeout_graceful_shutdown=30)
