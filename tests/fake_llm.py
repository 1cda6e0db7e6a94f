"""A fake OpenAI-compatible chat-completions server on 127.0.0.1: the network edge of the LLM mode.

``POST /v1/chat/completions`` reads the request as an OpenAI client sends it and answers with a scripted
completion (``fake.mode``), built from the extractive ANSWER in the prompt the way a model would rewrite it:

- ``faithful``: the same facts and markers, reworded around a lead sentence;
- ``change_number``: faithful, with one amount off by one;
- ``drop_citation``: faithful, with one source's ``[n]`` gone wherever it was;
- ``add_clause``: faithful, plus a sentence citing a clause no source names;
- ``other_firm``: faithful, plus a sentence naming another firm;
- ``timeout``: answers only after ``delay`` seconds;
- ``stream``: ``stream: true`` requests get server-sent events, chunk by chunk (faithful text).
Every request is recorded (``fake.requests``) so a test can see what the model was shown.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from tests.fake_http import JSONHandler, serve

NUMBER = re.compile(r"(?<![\[\d.,§-])\d[\d,]*(?![\d\]])")  # a figure: not a marker, a clause or part of a date


def _answer_of(prompt: str) -> str:
    m = re.search(r"ANSWER:\n(.*?)\n\nFACTS:", prompt, re.DOTALL)
    return m.group(1).strip() if m else ""


def faithful(answer: str, korean: bool) -> str:
    lead = "질문하신 내용을 정리해 드립니다." if korean else "Here is what applies to your question."
    return lead + " " + " ".join(line.strip() for line in answer.splitlines() if line.strip())


class FakeLLM:
    def __init__(self) -> None:
        self.mode = "faithful"
        self.delay = 5.0
        self.other_firm = "P-T1-002"
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(JSONHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                fake.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), **body})
                prompt = "\n".join(str(m.get("content", "")) for m in body.get("messages", []))
                text = fake.reply(prompt)
                if fake.mode == "timeout":
                    time.sleep(fake.delay)
                if body.get("stream"):
                    self.stream(text, body.get("model", "fake"))
                    return
                self.send_json({"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
                                "model": body.get("model", "fake"),
                                "choices": [{"index": 0, "finish_reason": "stop",
                                             "message": {"role": "assistant", "content": text}}],
                                "usage": {"prompt_tokens": len(prompt) // 4, "completion_tokens": len(text) // 4,
                                          "total_tokens": (len(prompt) + len(text)) // 4}})

            def stream(self, text: str, model: str) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.end_headers()
                for i in range(0, len(text), 12):
                    chunk = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": model,
                             "choices": [{"index": 0, "delta": {"content": text[i:i + 12]}, "finish_reason": None}]}
                    self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
                    self.wfile.flush()
                done = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0, "model": model,
                        "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
                self.wfile.write(f"data: {json.dumps(done)}\n\ndata: [DONE]\n\n".encode())
                self.wfile.flush()

        self.server, base = serve(Handler)
        self.url = f"{base}/v1"

    def reply(self, prompt: str) -> str:
        answer = _answer_of(prompt)
        korean = "(한국어" in prompt  # the system prompt names the answer's language
        text = faithful(answer, korean)
        if self.mode == "change_number":
            m = NUMBER.search(text, text.index(" ") if " " in text else 0)
            if m:
                bumped = f"{int(m.group(0).replace(',', '')) + 1:,}"
                text = text[:m.start()] + bumped + text[m.end():]
        elif self.mode == "drop_citation":  # one of the answer's sources is cited nowhere any more
            cited = [int(n) for n in re.findall(r"\[(\d{1,3})\]", text)]
            if cited:
                text = text.replace(f"[{max(cited)}]", "")
        elif self.mode == "add_clause":
            text += " 이 내용은 §12.9에도 규정되어 있습니다. [1]" if korean else " Section §12.9 says the same. [1]"
        elif self.mode == "other_firm":
            text += f" {self.other_firm}도 같은 조건입니다." if korean else f" The same holds for {self.other_firm}."
        return text

    def close(self) -> None:
        self.server.shutdown()
