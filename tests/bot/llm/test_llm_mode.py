"""The LLM mode end to end: the real assistant, LangChain's ``init_chat_model`` and the OpenAI client, against a
fake OpenAI-compatible server on 127.0.0.1 scripted to rewrite faithfully or to break each rule of the guard."""

from __future__ import annotations

import json

import pytest

from tests.conftest import AS_OF, FAKE_OPENAI_KEY, KNOWLEDGE, make_settings

pytestmark = pytest.mark.slow

QUESTIONS = [("P-T1-014", "when is our next installment and how much is it?", "en"),
             ("P-T1-014", "다음 할부금 납부일과 금액을 알려주세요", "ko"),
             (None, "How long is the grace period before repayment starts?", "en"),
             (None, "거치기간은 얼마나 되나요?", "ko")]
FAILURES = {"change_number": ("a number not in the facts", "a sentence cites"),
            "drop_citation": ("dropped the citation",),
            "add_clause": ("names a clause",),
            "other_firm": ("names another firm",),
            "timeout": ("timed out",)}


@pytest.fixture(scope="module")
def llm_assistant(built_data, fake_llm, tmp_path_factory):
    from bot.assistant import Assistant
    from bot.store.audit import AuditLog

    settings = make_settings(built_data, as_of=AS_OF, llm="openai:fake-writer", llm_base_url=fake_llm.url,
                             llm_timeout=1.5)
    llm_assistant = Assistant(settings, audit=AuditLog(tmp_path_factory.mktemp("llm") / "audit.sqlite"))
    llm_assistant.warm()  # the model and index load here, not inside the first timed rewrite
    return llm_assistant


def ask(assistant, partner, question):
    from bot.models import Asker

    asker = assistant.directory().partner(partner) if partner else Asker.guest()
    return assistant.answer(question, asker, log=True, via="cli")


@pytest.mark.parametrize("partner, question, language", QUESTIONS)
def test_a_faithful_rewrite_passes_the_guard_and_goes_out(llm_assistant, assistant, fake_llm, partner, question,
                                                        language):
    fake_llm.mode = "faithful"
    extractive = ask(assistant, partner, question)
    polished = ask(llm_assistant, partner, question)
    assert polished.llm["verdict"] == "passed", polished.llm
    assert polished.answer != extractive.answer and polished.answer.startswith(
        "질문하신" if language == "ko" else "Here is what applies")
    assert [c.model_dump() for c in polished.citations] == [c.model_dump() for c in extractive.citations]
    assert polished.facts == extractive.facts and polished.status == extractive.status
    assert polished.llm["tokens"]["input_tokens"] > 0 and polished.llm["model"] == "openai:fake-writer"
    request = fake_llm.requests[-1]
    assert request["path"] == "/v1/chat/completions" and request["model"] == "fake-writer"
    assert request["auth"] == f"Bearer {FAKE_OPENAI_KEY}"
    row = llm_assistant.audit.answer(polished.answer_id)
    assert row["answer"] == polished.answer and row["llm"]["verdict"] == "passed"


@pytest.mark.parametrize("mode", list(FAILURES))
@pytest.mark.parametrize("partner, question, language", QUESTIONS)
def test_every_scripted_failure_is_caught_and_the_extractive_answer_goes_out(llm_assistant, assistant, fake_llm,
                                                                          mode, partner, question, language):
    fake_llm.mode, fake_llm.delay = mode, 3.0
    extractive = ask(assistant, partner, question)
    guarded = ask(llm_assistant, partner, question)
    assert guarded.answer == extractive.answer  # byte for byte
    assert guarded.llm["verdict"] == "fallback" and any(r in guarded.llm["reason"] for r in FAILURES[mode]), guarded.llm
    if mode == "timeout":
        # the timeout is the budget: the rewrite step gives up at 1.5 s although the model takes 3 s
        assert guarded.llm["ms"] < (1.5 + 1.0) * 1000, guarded.llm
    row = llm_assistant.audit.answer(guarded.answer_id)
    assert row["answer"] == extractive.answer and row["llm"]["reason"] == guarded.llm["reason"]


def test_refusals_and_not_found_never_reach_the_model(llm_assistant, fake_llm):
    fake_llm.mode = "faithful"
    before = len(fake_llm.requests)
    refused = ask(llm_assistant, "P-T1-014", "list every firm that is overdue")
    missing = ask(llm_assistant, None, "What's the weather in Seoul tomorrow?")
    assert refused.status == "refused" and missing.status == "not_found"
    assert refused.llm is None and missing.llm is None and len(fake_llm.requests) == before


def test_the_model_sees_only_this_answers_sources_and_the_askers_own_firm(llm_assistant, fake_llm):
    fake_llm.mode = "faithful"
    ask(llm_assistant, "P-T1-014", "how much do we still owe?")
    shown = json.dumps(fake_llm.requests[-1]["messages"], ensure_ascii=False)
    assert "P-T1-014" in shown and "P-T1-002" not in shown and "P-T2-" not in shown
    assert "tools" not in fake_llm.requests[-1]


def test_without_carbonbot_llm_nothing_changes(assistant):
    assert assistant.settings.llm is None
    answer = ask(assistant, "P-T1-014", "how much do we still owe?")
    assert answer.llm is None and assistant.writer is None
    assert "llm" not in answer.to_json()


def test_the_review_console_shows_what_the_llm_wrote_and_the_guards_verdict(llm_assistant, fake_llm):
    from fastapi.testclient import TestClient

    from bot.review.accounts import Reviewers
    from bot.review.app import create_app

    fake_llm.mode = "faithful"
    passed = ask(llm_assistant, None, "How long is the grace period before repayment starts?")
    fake_llm.mode = "other_firm"
    caught = ask(llm_assistant, None, "How long is the grace period before repayment starts?")
    client = TestClient(create_app(llm_assistant.settings, llm_assistant.audit))
    token = Reviewers(llm_assistant.audit).add("LLM reviewer")
    assert client.post("/login", data={"token": token}, follow_redirects=False).status_code == 303
    shown = client.get(f"/answers/{passed.answer_id}").text
    assert 'id="llm"' in shown and "openai:fake-writer" in shown and "guard passed" in shown
    fallback = client.get(f"/answers/{caught.answer_id}").text
    assert "guard refused" in fallback and "names another firm" in fallback
    log = client.get("/log").text
    assert f'/answers/{passed.answer_id}"' in log and "llm" in log


def test_eval_llm_reports_the_guards_pass_and_fallback_rates(built_data, fake_llm, tmp_path):
    import yaml
    from typer.testing import CliRunner

    from bot.cli import _register, app

    fake_llm.mode = "faithful"
    gold = tmp_path / "gold.yaml"
    gold.write_text(yaml.safe_dump({"as_of": AS_OF.isoformat(), "cases": [
        {"id": f"c{i}", "category": "program", "question": q, "asker": {"partner": p} if p else {"guest": True},
         "expect": {"status": "answered"}} for i, (p, q, _) in enumerate(QUESTIONS)]}, allow_unicode=True))
    from bot.config import get_settings

    _register()
    env = {"CARBONBOT_DATA_DIR": str(built_data), "CARBONBOT_KNOWLEDGE_DIR": str(KNOWLEDGE),
           "CARBONBOT_LLM": "openai:fake-writer", "CARBONBOT_LLM_BASE_URL": fake_llm.url,
           "OPENAI_API_KEY": FAKE_OPENAI_KEY, "CARBONBOT_AS_OF": AS_OF.isoformat()}
    (tmp_path / "limits.yaml").write_text("leaks: {max: 0}\n")
    report = tmp_path / "report"
    get_settings.cache_clear()
    out = CliRunner().invoke(app, ["eval", "--llm", "--gold", str(gold), "--no-baseline", "--report", str(report),
                                   "--json", str(tmp_path / "r.json"), "--thresholds", str(tmp_path / "limits.yaml")],
                             env=env)
    data = json.loads((tmp_path / "r.json").read_text()) if (tmp_path / "r.json").exists() else None
    assert data is not None, out.output
    assert data["llm"]["rewritten"] == 4 and data["llm"]["passed"] == 4 and data["llm"]["pass_rate"] == 1.0
    assert "LLM mode (openai:fake-writer)" in (report / "report.md").read_text()
    get_settings.cache_clear()
    no_llm = CliRunner().invoke(app, ["eval", "--llm", "--gold", str(gold)], env={**env, "CARBONBOT_LLM": ""})
    get_settings.cache_clear()
    assert no_llm.exit_code == 2 and "set CARBONBOT_LLM" in no_llm.output
