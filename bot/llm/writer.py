"""The optional LLM mode (``CARBONBOT_LLM``): a fluent rewrite of a composed answer, in the asker's language,
that the guard (:mod:`bot.llm.guard`) must pass before it replaces the extractive answer.

The model sees only what the extractive answer was built from: the computed facts (the asker's own firm's, if
any), the quoted passages it cites with their ``[n]`` markers (already screened for what the asker may see),
the extractive answer itself and the thread's previous question. It has no tools. A timeout, an error or a
guard failure sends the extractive answer, and the audit log records why.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any, Callable

from bot.errors import ConfigError
from bot.llm import guard
from bot.models import Answer, Asker

log = logging.getLogger(__name__)
LANGUAGE = {"en": "English", "ko": "Korean (한국어, polite 합니다체)"}
EXTRAS = {"openai": "openai", "anthropic": "anthropic", "ollama": "ollama"}

SYSTEM = """You rewrite answers for partner firms of Korea's supply-chain carbon reduction program.
Rewrite the ANSWER below so it reads naturally in {language} and answers the QUESTION in its first sentence.
Rules, all of them strict:
- Use only the ANSWER, the FACTS and the PASSAGES. Add nothing else: no advice, no numbers, no dates, no clauses.
- Keep every number, amount, date and percentage exactly as a value (you may write 114,308,250원 or KRW 114,308,250).
- Keep every citation marker like [2] at the end of the sentence it supports; do not invent or drop markers.
- Do not name any firm other than the one in the FACTS.
- Plain sentences, no headings, no lists of your own, no greeting."""


def parse_spec(spec: str) -> tuple[str, str]:
    """``openai:gpt-4.1-mini`` -> ("openai", "gpt-4.1-mini"); ``ollama:qwen3:8b`` keeps the model's own colon."""
    provider, _, model = spec.strip().partition(":")
    if not provider or not model:
        raise ConfigError(f"CARBONBOT_LLM={spec!r}: write provider:model, e.g. openai:gpt-4.1-mini or ollama:qwen3:8b")
    return provider.lower(), model


def chat_model(settings) -> Any:
    """The configured model, from LangChain's ``init_chat_model`` (no retries: the timeout is the budget)."""
    provider, model = parse_spec(settings.llm)
    try:
        from langchain.chat_models import init_chat_model
    except ImportError:
        raise ConfigError(f"CARBONBOT_LLM is set but LangChain is not installed: pip install -e '.[{EXTRAS.get(provider, provider)}]'") from None
    options: dict[str, Any] = {"timeout": settings.llm_timeout, "max_retries": 0, "temperature": 0}
    if settings.llm_base_url:
        options["base_url"] = settings.llm_base_url
    try:
        return init_chat_model(model, model_provider=provider, **options)
    except ImportError as exc:
        raise ConfigError(f"CARBONBOT_LLM={settings.llm}: the {provider} integration is not installed "
                          f"(pip install -e '.[{EXTRAS.get(provider, provider)}]'): {exc}") from None
    except ValueError as exc:
        raise ConfigError(f"CARBONBOT_LLM={settings.llm}: {exc}") from None


def messages(answer: Answer, previous: dict | None) -> list[tuple[str, str]]:
    passages = "\n".join(f"[{c.n}] {c.title} — {c.locator}: {c.quote}" for c in answer.citations)
    parts = [f"QUESTION: {answer.question}"]
    if previous and previous.get("question"):
        parts.append(f"PREVIOUS QUESTION IN THIS THREAD: {previous['question']}")
    parts += [f"ANSWER:\n{answer.answer}", f"FACTS: {json.dumps(answer.facts, ensure_ascii=False, default=str)}",
              f"PASSAGES:\n{passages or '(none)'}"]
    return [("system", SYSTEM.format(language=LANGUAGE.get(answer.language, "English"))), ("human", "\n\n".join(parts))]


def _text(content: Any) -> str:
    return content if isinstance(content, str) else "".join(
        p.get("text", "") if isinstance(p, dict) else str(p) for p in content or [])


class Writer:
    def __init__(self, settings, model: Any = None) -> None:
        self.spec = settings.llm or "test"
        self.timeout = settings.llm_timeout
        self.model = model if model is not None else chat_model(settings)
        self.stats: Counter = Counter()
        self._pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="llm")
        self._lock = threading.Lock()

    def rewritable(self, answer: Answer) -> bool:
        """Only composed answers: a refusal, a clarifying question, not-found or help stays as it is."""
        return answer.status == "answered" and answer.intent != "help" and bool(answer.answer.strip())

    def _generate(self, prompt: list, sink: Callable[[str], None] | None, stop: threading.Event) -> tuple[str, dict]:
        """The model's text and token usage: in one reply, or chunk by chunk into ``sink`` as it is written."""
        if sink is None:
            reply = self.model.invoke(prompt)
            return _text(reply.content), dict(getattr(reply, "usage_metadata", None) or {})
        parts: list[str] = []
        usage: dict = {}
        for chunk in self.model.stream(prompt):
            if stop.is_set():  # timed out: the extractive answer is going out; stop reading
                break
            piece = _text(chunk.content)
            if piece:
                parts.append(piece)
                sink(piece)
            usage = dict(getattr(chunk, "usage_metadata", None) or usage)
        return "".join(parts), usage

    def polish(self, answer: Answer, asker: Asker, previous: dict | None, firms: dict[str, str],
               sink: Callable[[str], None] | None = None) -> Answer:
        """The guarded rewrite of ``answer``, or ``answer`` itself with the reason in ``answer.llm``. With ``sink``,
        the rewrite is passed on as it is written (to stream it); the verdict still decides what the answer is."""
        if not self.rewritable(answer):
            return answer
        started = time.perf_counter()
        info: dict[str, Any] = {"model": self.spec, "streamed": sink is not None}
        stop = threading.Event()
        try:
            text, usage = self._pool.submit(self._generate, messages(answer, previous), sink, stop).result(
                timeout=self.timeout)
            info["tokens"] = {k: usage[k] for k in ("input_tokens", "output_tokens") if k in usage}
            verdict = guard.check(text, answer, firms, answer.facts.get("partner_id") or asker.partner_id)
        except FutureTimeout:
            stop.set()
            text, verdict = "", guard.Verdict(False, f"timed out after {self.timeout:g} s")
        except Exception as exc:  # the provider failed: the extractive answer goes out
            text, verdict = "", guard.Verdict(False, f"model error: {type(exc).__name__}: {str(exc)[:200]}")
        info.update(verdict="passed" if verdict.passed else "fallback", reason=verdict.reason,
                    ms=round((time.perf_counter() - started) * 1000, 1))
        with self._lock:
            self.stats["passed" if verdict.passed else "fallback"] += 1
            if not verdict.passed:
                self.stats["reason: " + verdict.reason.split(":")[0].split(" (")[0]] += 1
        log.info("llm %s: %s%s, tokens %s, %.0f ms", self.spec, info["verdict"],
                 f" ({verdict.reason})" if verdict.reason else "", info.get("tokens", {}), info["ms"])
        if verdict.passed:
            polished = answer.model_copy(update={"answer": text.strip(), "llm": info})
            return polished
        answer.llm = info
        return answer
