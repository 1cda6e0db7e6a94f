"""Every route of the review console through FastAPI's TestClient: auth, CSRF, filters, pagination, export."""

from __future__ import annotations

import json

import pytest
import yaml

from bot.review.auth import COOKIE
from tests.bot.review.conftest import TOKEN, sign_in

pytestmark = pytest.mark.slow


def test_every_page_needs_a_staff_session(console):
    client, _, ids, _ = console
    for path in ["/", f"/answers/{ids['rule']}", "/sources", "/sources/program/rules", "/quality", "/export.yaml"]:
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path
    assert client.post(f"/answers/{ids['rule']}/review", data={"verdict": "correct"}).status_code == 401


def test_bad_token_is_refused_and_repeated_failures_are_throttled(console):
    client, *_ = console
    for _ in range(5):
        assert client.post("/login", data={"token": "wrong"}).status_code == 401
    assert client.post("/login", data={"token": TOKEN}).status_code == 429


def test_a_partner_session_gets_403(console):
    client, *_ = console
    cookie = client.app.state.auth.cookie("someone@firm.example", "partner")
    client.cookies.set(COOKIE, cookie)
    assert client.get("/").status_code == 403
    client.cookies.set(COOKIE, "forged-cookie")
    assert client.get("/", follow_redirects=False).status_code == 303


def test_session_cookie_is_httponly(console):
    client, *_ = console
    r = client.post("/login", data={"token": TOKEN, "next": "/"}, follow_redirects=False)
    assert "httponly" in r.headers["set-cookie"].lower()


def test_log_filters_and_search(console):
    client, _, ids, _ = console
    sign_in(client)
    page = client.get("/").text
    assert all(f'href="/answers/{i}"' in page for k, i in ids.items() if k != "escalation")
    refused = client.get("/?status=refused").text
    assert f'/answers/{ids["refused"]}"' in refused and f'/answers/{ids["rule"]}"' not in refused
    assert f'/answers/{ids["private"]}"' in client.get("/?firm=p-t1-001").text
    assert f'/answers/{ids["rule"]}"' in client.get("/?negative=true").text
    assert f'/answers/{ids["private"]}"' not in client.get("/?negative=true").text
    assert f'/answers/{ids["notfound"]}"' in client.get("/?escalated=true").text
    assert f'/answers/{ids["rule"]}"' in client.get("/?q=7.2").text
    assert "No answers match" in client.get("/?date_from=2099-01-01").text
    assert f'/answers/{ids["rule"]}"' in client.get("/?intent=repayment").text


def test_detail_shows_passages_scores_facts_and_escapes_user_content(console):
    client, _, ids, _ = console
    sign_in(client)
    page = client.get(f"/answers/{ids['private']}").text
    assert "Partner record P-T1-001" in page and "outstanding_krw" in page
    rule = client.get(f"/answers/{ids['rule']}").text
    assert "/sources/program/rules#§7.2" in rule and "dense" in rule and "not_helpful" in rule
    xss = client.get(f"/answers/{ids['xss']}").text
    assert "<script>alert" not in xss and "&lt;script&gt;" in xss and "&lt;b&gt;quoted" in xss
    assert client.get("/answers/999999").status_code == 404


def test_verdicts_need_csrf_and_conflicts_are_reported(console):
    client, audit, ids, _ = console
    csrf = sign_in(client)
    url = f"/answers/{ids['rule']}/review"
    assert client.post(url, data={"verdict": "correct", "version": 0}).status_code == 403
    r = client.post(url, data={"csrf": csrf, "version": 0, "verdict": "incorrect", "corrected_answer": "Use §7.2 fully.",
                               "note": "first sentence missing", "facts": "12 months\n8", "cite": "§7.2"},
                    follow_redirects=False)
    assert r.status_code == 303
    review = audit.latest_review(ids["rule"])
    assert review["verdict"] == "incorrect" and review["reviewer"] == "staff (token)" and review["facts"] == ["12 months", "8"]
    stale = client.post(url, data={"csrf": csrf, "version": 0, "verdict": "correct"})
    assert stale.status_code == 409 and "someone reviewed this answer" in stale.text and "incorrect" in stale.text
    assert audit.latest_review(ids["rule"])["verdict"] == "incorrect"


def test_resolving_an_escalation_here_is_what_slack_sees(console):
    client, audit, ids, _ = console
    csrf = sign_in(client)
    r = client.post(f"/escalations/{ids['escalation']}/resolve", data={"csrf": csrf, "answer_id": ids["notfound"]},
                    follow_redirects=False)
    assert r.status_code == 303
    assert audit.query("SELECT status FROM escalations WHERE id=?", (ids["escalation"],))[0][0] == "resolved"
    assert not audit.resolve_escalation(ids["escalation"], "slack:U2")  # the Slack button sees it resolved


def test_source_viewer_has_clause_anchors_and_records_table(console):
    client, *_ = console
    sign_in(client)
    rules = client.get("/sources/program/rules").text
    assert 'id="§7.2"' in rules and 'id="§3.1"' in rules
    assert 'id="Art. 29"' in client.get("/sources/law/ets-act").text
    assert "partner_id" in client.get("/sources/partners/firms").text
    assert client.get("/sources/../../etc/passwd").status_code == 404
    assert "program/rules" in client.get("/sources").text


def test_quality_page_with_and_without_a_report(console):
    client, audit, ids, settings = console
    sign_in(client)
    assert "No eval report yet" in client.get("/quality").text
    latest = settings.data_dir / "eval" / "latest"
    latest.mkdir(parents=True)
    report = {"generated_at": "2026-11-28T10:00:00", "gate": {"passed": True, "failures": []},
              "overall": {"system": {"pass_rate": 0.97, "leaks": 0}, "baseline": {"pass_rate": 0.02, "leaks": 8}},
              "categories": {"repayment": {"n": 25, "system": {"pass_rate": 1.0}, "baseline": {"pass_rate": 0.0}}}}
    (latest / "report.json").write_text(json.dumps(report))
    (latest / "chart.png").write_bytes(b"\x89PNG\r\n")
    page = client.get("/quality").text
    assert "0.97" in page and "repayment" in page and "not_helpful" not in page
    assert client.get("/quality/chart.png").content.startswith(b"\x89PNG")
    audit.record_feedback(ids["private"], "helpful", "U9")
    assert "<td>1</td>" in client.get("/quality").text


def test_export_is_a_gold_file_the_harness_loads(console, tmp_path):
    from evals.gold import load_gold

    client, audit, ids, _ = console
    csrf = sign_in(client)
    client.post(f"/answers/{ids['notfound']}/review", data={
        "csrf": csrf, "version": 0, "verdict": "incorrect", "expected_status": "not_found",
        "corrected_answer": "Say it is out of scope.", "note": "fine", "facts": "", "cite": ""})
    client.post(f"/answers/{ids['private']}/review", data={"csrf": csrf, "version": 0, "verdict": "correct"})
    body = client.get("/export.yaml").text
    doc = yaml.safe_load(body)
    assert [c["id"] for c in doc["cases"]] == [f"review-{ids['notfound']}"]
    path = tmp_path / "exported.yaml"
    path.write_text(body)
    case = load_gold(path)[0]
    assert case.expect.status == "not_found" and case.asker.guest and case.corrected_answer == "Say it is out of scope."


def test_cli_export_writes_the_same_file(console, tmp_path):
    from typer.testing import CliRunner

    from bot.cli import _register, app

    client, audit, ids, settings = console
    csrf = sign_in(client)
    client.post(f"/answers/{ids['private']}/review", data={
        "csrf": csrf, "version": 0, "verdict": "incorrect", "facts": "KRW 125,000,000", "cite": "§7.1"})
    _register()
    out = tmp_path / "gold.yaml"
    result = CliRunner().invoke(app, ["review", "export", "--out", str(out)],
                                env={"CARBONBOT_DATA_DIR": str(settings.data_dir)})
    assert result.exit_code == 0, result.output
    case = yaml.safe_load(out.read_text())["cases"][0]
    assert case["asker"] == {"partner": "P-T1-001"} and case["expect"]["facts"] == ["KRW 125,000,000"]


def test_keyset_pagination_uses_an_index_at_100k_rows(console):
    from bot.review.queries import Filters, answer_page, page_sql

    client, audit, *_ = console
    rows = [("2026-11-01T00:00:00", "slack", "guest", None, "g", None, None, None, None, f"question {i}",
             "answered", "program", "a", "[]", "{}", "[]", 0, 10.0) for i in range(100_000)]
    with audit._con:
        audit._con.executemany(
            "INSERT INTO answers (ts, via, asker_role, partner_id, asker_name, slack_user, slack_channel, slack_thread,"
            " thread_id, question, status, intent, answer, citations, facts, hits, private, latency_ms)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    first, before = answer_page(audit, Filters())
    second, _ = answer_page(audit, Filters(before=before))
    assert len(first) == len(second) == 50 and second[0]["id"] == first[-1]["id"] - 1
    sql, args = page_sql(Filters(status="answered", before=before))
    plan = " ".join(str(r[3]) for r in audit.query("EXPLAIN QUERY PLAN " + sql, tuple(args)))
    assert "USING" in plan and "SCAN a" not in plan.replace("SCAN a USING", "")
    sign_in(client)
    page = client.get("/").text
    assert 'id="next-page"' in page


@pytest.mark.usefixtures("wide_subject_band")
def test_clarifying_questions_are_a_status_staff_can_filter_review_and_export(console, assistant, tmp_path):
    from evals.gold import load_gold

    client, audit, ids, _ = console
    partner = assistant.directory().partner("P-T1-010")
    asked = assistant.answer("monitoring report?", partner, log=False)  # the heads are torn on it
    assert asked.status == "clarify"
    clarify_id = audit.record_answer(asked, partner, via="slack", slack={"user": "U2", "channel": "C2", "thread": "2.0"})
    csrf = sign_in(client)
    page = client.get("/?status=clarify").text
    assert f'/answers/{clarify_id}"' in page and f'/answers/{ids["rule"]}"' not in page
    assert "<option selected>clarify</option>" in page
    detail = client.get(f"/answers/{clarify_id}").text
    assert 'class="tag clarify"' in detail and "offset:own" in detail
    client.post(f"/answers/{clarify_id}/review", data={
        "csrf": csrf, "version": 0, "verdict": "correct", "expected_status": "clarify", "facts": "", "cite": ""})
    client.post(f"/answers/{clarify_id}/review", data={
        "csrf": csrf, "version": 1, "verdict": "incorrect", "expected_status": "clarify", "note": "keep asking"})
    path = tmp_path / "exported.yaml"
    path.write_text(client.get("/export.yaml").text)
    case = next(c for c in load_gold(path) if c.id == f"review-{clarify_id}")
    assert case.expect.status == "clarify" and case.asker.partner == "P-T1-010"
