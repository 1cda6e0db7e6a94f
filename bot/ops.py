"""What an operator watches: Prometheus metrics, structured logs with a request id, and health.

- **Metrics** (``prometheus-client``, one registry per process, served at ``/metrics`` by ``carbonbot slack``'s
  HTTP server): answers by intent, status and language; answer latency; LLM guard verdicts and fallback
  reasons; Slack Web API errors by method and error; reminders sent by kind.
- **Logs**: ``CARBONBOT_LOG_FORMAT=json`` writes one JSON object per line, with the request id that follows an
  answer from the Slack event to its delivery (the event's id, a command's trigger id, or a fresh one).
- **Health**: ``/healthz`` says the process is up; ``/readyz`` that the index is loaded and the database answers.
"""

from __future__ import annotations

import contextvars
import json
import logging
import time
import uuid
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

CONTENT_TYPE = CONTENT_TYPE_LATEST  # what /metrics answers with
REGISTRY = CollectorRegistry(auto_describe=True)
ANSWERS = Counter("carbonbot_answers", "Answers given", ["intent", "status", "language"], registry=REGISTRY)
LATENCY = Histogram("carbonbot_answer_seconds", "Time to compose an answer", registry=REGISTRY,
                    buckets=(0.01, 0.02, 0.03, 0.05, 0.08, 0.13, 0.2, 0.5, 1, 2, 5, 10))
LLM = Counter("carbonbot_llm_rewrites", "LLM rewrites by the guard's verdict", ["verdict"], registry=REGISTRY)
LLM_FALLBACKS = Counter("carbonbot_llm_fallbacks", "LLM rewrites refused, by reason", ["reason"], registry=REGISTRY)
SLACK_ERRORS = Counter("carbonbot_slack_api_errors", "Slack Web API errors", ["method", "error"], registry=REGISTRY)
REMINDERS = Counter("carbonbot_reminders_sent", "Reminders sent", ["kind"], registry=REGISTRY)

REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


def answered(answer: Any) -> None:
    ANSWERS.labels(answer.intent, answer.status, answer.language).inc()
    LATENCY.observe(max(0.0, answer.latency_ms / 1000))
    if answer.llm:
        LLM.labels(answer.llm.get("verdict", "?")).inc()
        if answer.llm.get("verdict") == "fallback":
            LLM_FALLBACKS.labels(str(answer.llm.get("reason", "")).split(":")[0].split(" (")[0][:60]).inc()


def slack_error(method: str, error: str) -> None:
    SLACK_ERRORS.labels(method[:60], (error or "unknown")[:60]).inc()


def metrics_text() -> bytes:
    return generate_latest(REGISTRY)


def new_request_id(hint: str | None = None) -> str:
    """Set the request id for this thread of work (a Slack event id, a trigger id, or a fresh one)."""
    rid = (hint or uuid.uuid4().hex[:16])[:64]
    REQUEST_ID.set(rid)
    return rid


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id (and the exception, if any)."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {"ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
                 "level": record.levelname, "logger": record.name, "message": record.getMessage(),
                 "request_id": REQUEST_ID.get()}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(fmt: str) -> None:
    """``text`` (the default) or ``json``, for a command about to serve. Like ``logging.basicConfig``, text
    leaves a process whose logging is already set up (an embedding app, a test runner) as it is."""
    root = logging.getLogger()
    if root.handlers and fmt != "json":
        root.setLevel(logging.INFO)
        return
    handler = logging.StreamHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else logging.Formatter(
        "%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
