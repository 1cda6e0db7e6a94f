"""Every command through the CLI runner: exit codes, output, and the `ask --json` contract."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from bot.cli import _register, app

_register()
runner = CliRunner()
CONTRACT = {"question", "status", "intent", "answer", "citations", "facts", "private", "latency_ms"}
CITATION = {"n", "id", "source", "title", "locator", "quote"}


def test_every_command_has_help_text():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    names = {(c.name or c.callback.__name__.replace("_", "-")): c for c in app.registered_commands}
    assert {"ask", "chat", "ingest"} <= set(names)
    for name, command in names.items():
        assert (command.help or command.callback.__doc__ or "").strip(), name
        sub = runner.invoke(app, [name, "--help"])
        assert sub.exit_code == 0 and "Usage" in sub.output, name
    for group in app.registered_groups:
        sub = runner.invoke(app, [group.name, "--help"])
        assert sub.exit_code == 0 and "Usage" in sub.output, group.name


def test_ask_without_an_index_says_so_and_exits_2(tmp_path):
    result = runner.invoke(app, ["ask", "are we eligible?"], env={"CARBONBOT_DATA_DIR": str(tmp_path / "none")})
    assert result.exit_code == 2
    assert "error: no index" in result.output and "carbonbot ingest" in result.output


@pytest.mark.slow
def test_ask_json_prints_exactly_the_contract(built_data):
    env = {"CARBONBOT_DATA_DIR": str(built_data)}
    result = runner.invoke(app, ["ask", "When is our next installment due?", "--partner", "P-T1-001",
                                 "--as-of", "2026-10-31", "--json"], env=env)
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload) == CONTRACT
    assert payload["status"] == "answered" and payload["intent"] == "repayment" and payload["private"] is True
    assert payload["citations"] and all(set(c) == CITATION for c in payload["citations"])
    assert re.search(r"\[\d+\]", payload["answer"])


@pytest.mark.slow
def test_ask_as_slack_user_and_as_staff(built_data):
    env = {"CARBONBOT_DATA_DIR": str(built_data)}
    from tests.conftest import KNOWLEDGE

    line = next(l for l in (KNOWLEDGE / "partners" / "users.csv").read_text().splitlines() if ",partner,P-T1-002" in l)
    uid = line.split(",")[0]
    result = runner.invoke(app, ["ask", "what do we owe?", "--as", uid, "--as-of", "2026-10-31", "--json"], env=env)
    payload = json.loads(result.output)
    assert payload["facts"]["partner_id"] == "P-T1-002"
    staff = runner.invoke(app, ["ask", "Is P-T1-002 eligible?", "--staff", "--as-of", "2026-10-31"], env=env)
    assert staff.exit_code == 0 and "Sources" in staff.output and "P-T1-002" in staff.output
    assert "[1] Partner record: " in staff.output and "— §3.1" in staff.output


@pytest.mark.slow
def test_chat_holds_a_conversation(built_data):
    env = {"CARBONBOT_DATA_DIR": str(built_data)}
    result = runner.invoke(app, ["chat", "--partner", "P-T1-001", "--as-of", "2026-10-31"], env=env,
                           input="what is our outstanding balance?\nand when is the next one due?\nquit\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("Sources") == 2 and "The next installment" in result.output


@pytest.mark.slow
def test_bench_prints_medians_per_intent(built_data, tmp_path):
    out = tmp_path / "bench.json"
    result = runner.invoke(app, ["bench", "--n", "2", "--json", str(out)], env={"CARBONBOT_DATA_DIR": str(built_data)})
    assert result.exit_code == 0, result.output
    assert "median ms" in result.output and "repayment" in result.output
    report = json.loads(out.read_text())
    figures = report["intents"]
    assert {f"{i} {lang}" for i in ("eligibility", "repayment", "offset", "program", "law", "overall")
            for lang in ("en", "ko")} | {"overall"} <= set(figures)
    assert all(row["median_ms"] > 0 for row in figures.values())
    assert figures["overall"]["n"] == figures["overall en"]["n"] + figures["overall ko"]["n"]
    assert 100 < report["peak_rss_mb"] < 64_000  # one process serving both languages, in MB


def test_bench_times_the_console_log_page_and_keeps_the_other_figures(tmp_path):
    out = tmp_path / "bench.json"
    out.write_text(json.dumps({"firms": 10}))
    result = runner.invoke(app, ["bench", "--console-answers", "3000", "--json", str(out)],
                           env={"CARBONBOT_DATA_DIR": str(tmp_path / "data")})
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text())
    console = report["console"]
    assert report["firms"] == 10 and console["answers"] == 3000 and console["target_ms"] == 100
    assert {"newest page", "status = not_found", "one firm", "not yet reviewed"} <= set(console["pages"])
    assert all(0 < page["median_ms"] <= page["p95_ms"] for page in console["pages"].values())
    assert console["worst_median_ms"] == max(page["median_ms"] for page in console["pages"].values())
    assert "log page over 3,000 answers" in result.output


@pytest.mark.slow
@pytest.mark.usefixtures("wide_subject_band")
def test_ask_shows_a_clarifying_question_with_its_numbered_readings(built_data):
    from bot import messages

    env = {"CARBONBOT_DATA_DIR": str(built_data)}
    result = runner.invoke(app, ["ask", "monitoring report?", "--partner", "P-T1-010", "--as-of", "2026-10-31"], env=env)
    assert result.exit_code == 0, result.output
    labels = [messages.clarify_label("offset", True), messages.clarify_label("offset", False)]
    assert messages.clarify_question(labels) in result.output
    assert f"  1. {labels[0]}\n  2. {labels[1]}\n" in result.output and "clarify · offset" in result.output
    assert "Sources" not in result.output

    as_json = runner.invoke(app, ["ask", "monitoring report?", "--partner", "P-T1-010", "--as-of", "2026-10-31",
                                  "--json"], env=env)
    payload = json.loads(as_json.output)
    assert set(payload) == CONTRACT and payload["status"] == "clarify" and payload["private"] is False
    assert [r["reading"] for r in payload["facts"]["clarify"]] == ["offset:own", "offset:rules"]
    assert [r["label"] for r in payload["facts"]["clarify"]] == labels and payload["citations"] == []


@pytest.mark.slow
@pytest.mark.usefixtures("wide_subject_band")
def test_chat_answers_a_clarifying_question_by_its_number(built_data):
    env = {"CARBONBOT_DATA_DIR": str(built_data)}
    result = runner.invoke(app, ["chat", "--partner", "P-T1-010", "--as-of", "2026-10-31"], env=env,
                           input="monitoring report?\n1\n3\nquit\n")
    assert result.exit_code == 0, result.output
    first, chosen, new = result.output.split("> ")[1:4]
    assert "clarify · offset" in first
    assert "P-T1-010" in chosen and "answered · offset · private" in chosen  # 1: the firm's own records
    assert "clarify" not in new.splitlines()[-1]  # "3" is no reading: a new question, answered as one
