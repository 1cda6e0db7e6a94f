"""Every route of the review console through FastAPI's TestClient: auth, CSRF, filters, pagination, export."""

from __future__ import annotations

import json

import pytest
import yaml

from tests.bot.review.conftest import sign_in

pytestmark = pytest.mark.slow


def test_every_page_needs_a_staff_session(console):
    client, _, ids, _ = console
    for path in ["/", "/log", f"/answers/{ids['rule']}", "/sources", "/sources/program/rules", "/quality", "/export",
                 "/export.yaml"]:
        r = client.get(path, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login"), path
    assert client.post(f"/answers/{ids['rule']}/review", data={"verdict": "correct"}).status_code == 401


def test_a_partner_session_gets_403_and_a_forged_cookie_nothing(console):
    from bot.review.auth import COOKIE

    client, *_ = console
    client.cookies.set(COOKIE, client.app.state.auth.sessions.open("someone@firm.example", "partner"))
    assert client.get("/").status_code == 403
    client.cookies.set(COOKIE, "forged-cookie")
    assert client.get("/", follow_redirects=False).status_code == 303


def test_log_filters_and_search(console):
    client, _, ids, _ = console
    sign_in(client)
    page = client.get("/log").text
    assert all(f'href="/answers/{i}"' in page for k, i in ids.items() if k != "escalation")
    refused = client.get("/log?status=refused").text
    assert f'/answers/{ids["refused"]}"' in refused and f'/answers/{ids["rule"]}"' not in refused
    assert f'/answers/{ids["private"]}"' in client.get("/log?firm=p-t1-001").text
    assert f'/answers/{ids["rule"]}"' in client.get("/log?negative=true").text
    assert f'/answers/{ids["private"]}"' not in client.get("/log?negative=true").text
    assert f'/answers/{ids["notfound"]}"' in client.get("/log?escalated=true").text
    assert f'/answers/{ids["rule"]}"' in client.get("/log?q=7.2").text
    assert "No answers match" in client.get("/log?date_from=2099-01-01").text
    assert f'/answers/{ids["rule"]}"' in client.get("/log?intent=repayment").text


def test_a_nul_character_in_a_search_or_a_review_is_no_error(console):
    client, audit, ids, _ = console
    csrf = sign_in(client)
    assert client.get("/log?q=%00").status_code == 200 and client.get("/log?q=7.2%00").status_code == 200
    r = client.post(f"/answers/{ids['rule']}/review", data={"csrf": csrf, "version": 0, "verdict": "incorrect",
                                                           "note": "cut\x00off", "corrected_answer": "\x00"},
                    follow_redirects=False)
    assert r.status_code == 303 and audit.latest_review(ids["rule"])["note"].replace("\x00", "") == "cutoff"


def test_search_takes_percent_underscore_and_backslash_literally(console):
    from urllib.parse import quote

    from bot.models import Answer, Asker

    client, audit, _, _ = console
    sign_in(client)
    asked = {text: audit.record_answer(Answer(question=text, status="answered", intent="program", answer="a"),
                                       Asker.guest(), via="cli")
             for text in ("Is 50% of it due? See C:\\rules", "Is 50x of it due? See C:/rules", "Is 50_x due?")}
    found = lambda q: {t for t, i in asked.items() if f'/answers/{i}"' in client.get(f"/log?q={quote(q)}").text}  # noqa: E731
    assert found("50%") == {"Is 50% of it due? See C:\\rules"}
    assert found("50_") == {"Is 50_x due?"}
    assert found("C:\\rules") == {"Is 50% of it due? See C:\\rules"}
    assert found("c:/RULES") == {"Is 50x of it due? See C:/rules"}  # and still without regard to case


def test_the_answer_page_sets_each_sentence_beside_its_passage(console):
    client, _, ids, _ = console
    sign_in(client)
    rule = client.get(f"/answers/{ids['rule']}").text
    # [n] markers link to their passage; the passage's quoted sentence and every number are marked
    assert '<a class="marker" href="#cite-1">[1]</a>' in rule and 'id="cite-1"' in rule
    assert '<mark class="quoted">' in rule and '<mark class="num">' in rule
    assert 'href="/sources/program/rules#%C2%A77.2"' in rule and "dense" in rule
    # the verdict form comes before the passages, retrieval scores and facts are folded away
    assert rule.index('id="review-form"') < rule.index('id="passages"') < rule.index('<details class="fold" id="retrieval"')
    private = client.get(f"/answers/{ids['private']}").text
    assert "<th>outstanding_krw</th>" in private and "\\u00a7" not in private and "{&#34;" not in private
    firm_link = 'href="/sources/partners/ledger?firm=P-T1-001#P-T1-001"'
    assert firm_link in private or 'href="/sources/partners/firms?firm=P-T1-001#P-T1-001"' in private
    xss = client.get(f"/answers/{ids['xss']}").text
    assert "<script>alert" not in xss and "&lt;script&gt;" in xss and "&lt;b&gt;quoted" in xss
    assert client.get("/answers/999999").status_code == 404


def test_context_names_people_links_slack_and_shows_local_time(console):
    client, audit, ids, _ = console
    sign_in(client)
    page = client.get(f"/answers/{ids['notfound']}").text
    asker = audit.answer(ids["private"])["asker_name"]  # U1 asked as a partner user too
    assert f"Escalated by {asker} (U1)" in page
    assert 'href="https://kap-partners.slack.com/archives/C1/p10"' in page  # the question's Slack thread
    ts = audit.answer(ids["notfound"])["ts"]
    from datetime import datetime
    from zoneinfo import ZoneInfo

    local = datetime.fromisoformat(ts).astimezone(ZoneInfo("Asia/Seoul")).strftime("%Y-%m-%d %H:%M KST")
    assert f'<span class="when">{local}</span>' in page


def test_verdicts_need_csrf_name_the_reviewer_and_a_conflict_keeps_what_was_typed(console):
    client, audit, ids, _ = console
    csrf = sign_in(client)
    url = f"/answers/{ids['rule']}/review"
    assert client.post(url, data={"verdict": "correct", "version": 0}).status_code == 403
    r = client.post(url, data={"csrf": csrf, "version": 0, "verdict": "incorrect", "corrected_answer": "Use §7.2 fully.",
                               "note": "first sentence missing", "facts": "12 months\n8", "cite": "§7.2\n§7.2"},
                    follow_redirects=False)
    assert r.status_code == 303
    review = audit.latest_review(ids["rule"])
    assert (review["verdict"], review["reviewer"], review["facts"], review["cite"]) == (
        "incorrect", "Kim Minji", ["12 months", "8"], ["§7.2"])
    # a second reviewer, on a form loaded before that review, does not overwrite it
    other = type(client)(client.app)
    other.tokens = client.tokens
    other_csrf = sign_in(other, "Park Jisoo")
    stale = other.post(url, data={"csrf": other_csrf, "version": 0, "verdict": "correct",
                                  "corrected_answer": "My own careful wording", "note": "typed at length"})
    assert stale.status_code == 409 and "Kim Minji reviewed this answer" in stale.text
    assert "My own careful wording" in stale.text and "typed at length" in stale.text
    assert 'value="correct" required checked' in stale.text and 'name="version" value="1"' in stale.text
    assert audit.latest_review(ids["rule"])["verdict"] == "incorrect"
    # no verdict chosen: nothing saved, nothing lost
    missing = other.post(url, data={"csrf": other_csrf, "version": 1, "corrected_answer": "kept"})
    assert missing.status_code == 422 and "choose a verdict" in missing.text and ">kept</textarea>" in missing.text


def test_a_saved_correction_is_shown_with_its_reviewer_and_a_diff_and_prefills_the_form(console):
    client, audit, ids, _ = console
    csrf = sign_in(client)
    original = audit.answer(ids["rule"])["answer"]
    first_word = original.split()[0]
    client.post(f"/answers/{ids['rule']}/review", data={
        "csrf": csrf, "version": 0, "verdict": "follow_up", "corrected_answer": original.replace(first_word, "Indeed,", 1),
        "note": "tone", "expected_status": "answered", "expected_intent": "program"})
    page = client.get(f"/answers/{ids['rule']}").text
    assert 'id="latest-review"' in page and "<strong>Kim Minji</strong>" in page and "KST" in page
    assert f"<del>{first_word}</del>" in page and "<ins>Indeed,</ins>" in page
    assert ">Indeed," in page.split('id="corrected"')[1].split("</textarea>")[0]  # the form starts from it
    assert "checked" not in page.split('<fieldset class="verdicts">')[1].split("</fieldset>")[0]  # no verdict chosen
    assert "<option selected>program</option>" in page


def test_resolving_an_escalation_here_is_what_slack_sees(console):
    client, audit, ids, _ = console
    csrf = sign_in(client)
    r = client.post(f"/escalations/{ids['escalation']}/resolve", data={"csrf": csrf, "answer_id": ids["notfound"]},
                    follow_redirects=False)
    assert r.status_code == 303
    row = audit.query("SELECT status, resolved_by FROM escalations WHERE id=?", (ids["escalation"],))[0]
    assert tuple(row) == ("resolved", "review:Kim Minji")
    assert not audit.resolve_escalation(ids["escalation"], "slack:U2")  # the Slack button sees it resolved
    assert [tuple(r) for r in audit.query('SELECT "user", action FROM staff_actions WHERE action = ?', ("resolve",))] == [
        ("Kim Minji", "resolve")]


def test_source_viewer_has_clause_anchors_and_records_table(console):
    client, *_ = console
    sign_in(client)
    rules = client.get("/sources/program/rules").text
    assert 'id="§7.2"' in rules and 'id="§3.1"' in rules
    assert 'id="Art. 29"' in client.get("/sources/law/ets-act").text
    assert "partner_id" in client.get("/sources/partners/firms").text
    assert client.get("/sources/../../etc/passwd").status_code == 404
    assert "program/rules" in client.get("/sources").text
    # a firm's records: only its rows, anchored by its id, amounts with separators
    one = client.get("/sources/partners/ledger?firm=P-T1-001").text
    everyone = client.get("/sources/partners/ledger").text
    assert 'id="P-T1-001"' in one and "P-T1-002" not in one and "P-T1-002" in everyone
    import re

    amounts = re.findall(r'<td class="num">([^<]*)</td>', one)
    assert amounts and all(re.fullmatch(r"-?\d{1,3}(,\d{3})*|[^\d]*", a) for a in amounts)
    assert any("," in a for a in amounts)


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


def test_every_correction_is_exported_clean_for_the_tuning_set(console, tmp_path):
    from evals.gold import load_gold

    client, audit, ids, _ = console
    csrf = sign_in(client)
    post = lambda key, **form: client.post(f"/answers/{ids[key]}/review", data={"csrf": csrf, "version": 0, **form})  # noqa: E731
    post("notfound", verdict="incorrect", expected_status="not_found", corrected_answer="Say it is out of scope.",
         cite="§7.2\n§7.2")
    post("private", verdict="correct")  # nothing to correct: not exported
    post("rule", verdict="correct", corrected_answer="Also name the grace period.", cite="§7.2\n§7.2\n§7.1",
         expected_intent="repayment")  # a correction under "correct" still counts
    post("refused", verdict="incorrect", expected_status="refused", cite="§7.2", expected_intent="repayment")
    preview = client.get("/export")
    assert preview.status_code == 200 and "review-" in preview.text and "tuning" in preview.text
    body = client.get("/export.yaml").text
    import html

    shown = preview.text.split('<pre class="yaml" id="preview">')[1].split("</pre>")[0]
    assert html.unescape(shown) == body  # the preview is exactly what downloads
    doc = yaml.safe_load(body)
    by_id = {c["id"]: c for c in doc["cases"]}
    assert set(by_id) == {f"review-{ids[k]}" for k in ("notfound", "rule", "refused")}
    rule = by_id[f"review-{ids['rule']}"]
    assert rule["expect"]["cite"] == ["§7.2", "§7.1"] and rule["expect"]["intent"] == "repayment"
    assert rule["corrected_answer"] == "Also name the grace period." and "Kim Minji" in rule["note"]
    for key in ("notfound", "refused"):  # no citations or intent of the wrong answer
        assert "cite" not in by_id[f"review-{ids[key]}"]["expect"] and "intent" not in by_id[f"review-{ids[key]}"]["expect"]
    assert by_id[f"review-{ids['refused']}"]["category"] == "access"
    path = tmp_path / "tuning" / "en" / "exported.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(body)
    cases = load_gold(path)
    assert {c.set for c in cases} == {"tuning"}
    assert next(c for c in cases if c.id == f"review-{ids['notfound']}").corrected_answer == "Say it is out of scope."
    assert [tuple(r) for r in audit.query('SELECT "user", action FROM staff_actions WHERE action = ?', ("export",))] == [
        ("Kim Minji", "export")]


def test_cli_export_writes_the_same_file_and_never_into_a_blind_set(console, tmp_path):
    from typer.testing import CliRunner

    from bot.cli import _register, app

    client, audit, ids, settings = console
    csrf = sign_in(client)
    client.post(f"/answers/{ids['private']}/review", data={
        "csrf": csrf, "version": 0, "verdict": "incorrect", "facts": "KRW 125,000,000", "cite": "§7.1"})
    _register()
    out = tmp_path / "gold.yaml"
    env = {"CARBONBOT_DATA_DIR": str(settings.data_dir), "CARBONBOT_DATABASE_URL": settings.database_url}
    result = CliRunner().invoke(app, ["review", "export", "--out", str(out)], env=env)
    assert result.exit_code == 0, result.output
    case = yaml.safe_load(out.read_text())["cases"][0]
    assert case["asker"] == {"partner": "P-T1-001"} and case["expect"]["facts"] == ["KRW 125,000,000"]
    blind = tmp_path / "evals" / "gold" / "blind" / "en" / "x.yaml"
    blind.parent.mkdir(parents=True)
    refused = CliRunner().invoke(app, ["review", "export", "--out", str(blind)], env=env)
    assert refused.exit_code == 2 and "never in a blind set" in refused.output and not blind.exists()


def test_keyset_pagination_uses_an_index_at_100k_rows(console):
    from bot.review.queries import Filters, answer_page, page_sql

    client, audit, *_ = console
    columns = ("INSERT INTO answers (ts, via, asker_role, partner_id, asker_name, slack_user, slack_channel,"
               " slack_thread, thread_id, question, status, intent, answer, citations, facts, hits, private, latency_ms)")
    with audit.engine.begin() as connection:
        if audit.dialect == "sqlite":  # the driver's own executemany: 100,000 rows in a second
            rows = [("2026-11-01T00:00:00", "slack", "guest", None, "g", None, None, None, None, f"question {i}",
                     "answered", "program", "a", "[]", "{}", "[]", 0, 10.0) for i in range(100_000)]
            connection.exec_driver_sql(columns + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        else:  # the server makes them itself, and its planner learns the table's new size
            connection.exec_driver_sql(
                columns + " SELECT '2026-11-01T00:00:00', 'slack', 'guest', NULL, 'g', NULL, NULL, NULL, NULL,"
                " 'question ' || i, 'answered', 'program', 'a', '[]', '{}', '[]', 0, 10.0"
                " FROM generate_series(0, 99999) AS i")
            connection.exec_driver_sql("ANALYZE answers")
    first, before = answer_page(audit, Filters())
    second, _ = answer_page(audit, Filters(before=before))
    assert len(first) == len(second) == 50 and second[0]["id"] == first[-1]["id"] - 1
    sql, args = page_sql(Filters(status="answered", before=before))
    if audit.dialect == "sqlite":
        plan = " ".join(str(r[3]) for r in audit.query("EXPLAIN QUERY PLAN " + sql, tuple(args)))
        assert "USING" in plan and "SCAN a" not in plan.replace("SCAN a USING", "")
    else:
        plan = " ".join(str(r[0]) for r in audit.query("EXPLAIN " + sql, tuple(args)))
        assert "Index Scan" in plan and "Seq Scan on answers" not in plan, plan
    sign_in(client)
    page = client.get("/log").text
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
    page = client.get("/log?status=clarify").text
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


def test_the_queue_leads_through_what_needs_a_look_oldest_first_with_save_and_next(console):
    client, audit, ids, _ = console
    csrf = sign_in(client)
    queue = client.get("/").text
    queued = [int(i) for i in __import__("re").findall(r'<tr data-href="/answers/(\d+)\?queue=any', queue)]
    # negative feedback (rule), escalated and not found (notfound); answered, unflagged ones are not queued
    assert queued == sorted(queued) and ids["rule"] in queued and ids["notfound"] in queued
    assert ids["private"] not in queued and ids["xss"] not in queued
    assert "negative feedback" in queue and "escalated" in queue and "not found" in queue
    only_negative = client.get("/?reason=negative").text
    assert f'/answers/{ids["rule"]}?queue=negative' in only_negative and f'/answers/{ids["notfound"]}?' not in only_negative
    everything = client.get("/?reason=all").text
    assert f'/answers/{ids["private"]}?queue=all' in everything
    # save & next walks the queue and ends on the queue page
    page = client.get(f"/answers/{queued[0]}?queue=any").text
    assert 'id="save-next"' in page and (len(queued) == 1 or f'id="next" href="/answers/{queued[1]}?queue=any"' in page)
    here = queued[0]
    for step in range(len(queued)):
        r = client.post(f"/answers/{here}/review", data={"csrf": csrf, "version": 0, "verdict": "correct",
                                                          "queue": "any", "then": "next"}, follow_redirects=False)
        assert r.status_code == 303
        if step < len(queued) - 1:
            assert r.headers["location"] == f"/answers/{queued[step + 1]}?queue=any"
            here = queued[step + 1]
    assert r.headers["location"] == "/?reason=any&done=1"
    assert "Nothing waits for review here" in client.get("/").text and 'id="queue-done"' in client.get("/?done=1").text
    assert all(audit.latest_review(i)["reviewer"] == "Kim Minji" for i in queued)


def test_bulk_mark_correct_leaves_reviewed_answers_alone(console):
    client, audit, ids, _ = console
    csrf = sign_in(client)
    client.post(f"/answers/{ids['refused']}/review", data={"csrf": csrf, "version": 0, "verdict": "incorrect"})
    chosen = [ids["private"], ids["xss"], ids["refused"]]
    assert client.post("/reviews/bulk-correct", data={"ids": chosen}).status_code == 403  # no CSRF token
    r = client.post("/reviews/bulk-correct", data={"csrf": csrf, "ids": chosen, "back": "/log?status=answered"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/log?status=answered&marked=2-3"
    assert audit.latest_review(ids["private"])["verdict"] == "correct"
    assert audit.latest_review(ids["xss"])["reviewer"] == "Kim Minji"
    assert audit.latest_review(ids["refused"])["verdict"] == "incorrect"
    assert "Marked correct: 2 of 3" in client.get(r.headers["location"]).text
    evil = client.post("/reviews/bulk-correct", data={"csrf": csrf, "ids": [], "back": "https://evil.example/"},
                       follow_redirects=False)
    assert evil.headers["location"].startswith("/log?")


def test_reviewers_are_added_listed_and_revoked_from_the_command_line(tmp_path):
    from typer.testing import CliRunner

    from bot.cli import _register, app
    from bot.review.accounts import Reviewers
    from bot.store.audit import AuditLog

    _register()
    env = {"CARBONBOT_DATA_DIR": str(tmp_path / "data")}
    run = lambda *args, **extra: CliRunner().invoke(app, list(args), env={**env, **extra})  # noqa: E731
    nobody = run("review")
    assert nobody.exit_code == 2 and "nobody can sign in" in nobody.output
    added = run("review", "add-reviewer", "Kim Minji")
    assert added.exit_code == 0, added.output
    token = added.output.strip().splitlines()[-1]
    assert token.startswith("crv_") and run("review", "add-reviewer", "Kim Minji").exit_code == 2  # one Kim Minji
    audit = AuditLog(tmp_path / "data" / "audit.sqlite")
    assert Reviewers(audit).check(token) == {"id": 1, "name": "Kim Minji"}
    assert token not in str([tuple(r) for r in audit.query("SELECT * FROM reviewers")])
    assert "Kim Minji\tadded" in run("review", "reviewers").output
    shared = run("review", CARBONBOT_REVIEW_TOKEN="one-for-everyone")
    assert shared.exit_code == 2 and "no longer accepted" in shared.output
    assert run("review", "revoke-reviewer", "Kim Minji").exit_code == 0
    assert Reviewers(audit).check(token) is None and "revoked" in run("review", "reviewers").output
    assert run("review", "revoke-reviewer", "Kim Minji").exit_code == 2
    assert [r["action"] for r in audit.query("SELECT action FROM staff_actions ORDER BY id")] == [
        "add_reviewer", "revoke_reviewer"]


def test_an_unchanged_form_exports_no_expectation_of_the_wrong_answers_own(console):
    client, audit, ids, _ = console
    csrf = sign_in(client)
    page = client.get(f"/answers/{ids['rule']}").text
    form = page.split('id="review-form"')[1].split("</form>")[0]
    assert '<option value="">as answered (' in form and 'name="cite" rows="2"></textarea>' in form
    client.post(f"/answers/{ids['rule']}/review", data={  # "incorrect", the rest left as the form offered it
        "csrf": csrf, "version": 0, "verdict": "incorrect", "expected_status": "answered", "expected_intent": "",
        "cite": "", "facts": ""})
    case = yaml.safe_load(client.get("/export.yaml").text)["cases"][0]
    assert case["expect"] == {"status": "answered", "forbid": []}  # no intent, no citations of the wrong answer


def test_a_form_refused_for_a_missing_verdict_keeps_the_version_it_was_based_on(console):
    client, audit, ids, _ = console
    csrf = sign_in(client)
    url = f"/answers/{ids['rule']}/review"
    missing = client.post(url, data={"csrf": csrf, "version": 0, "note": "typed"})
    assert missing.status_code == 422 and 'name="version" value="0"' in missing.text
    audit.add_review(ids["rule"], 0, "Park Jisoo", "correct")  # someone else, meanwhile
    resubmitted = client.post(url, data={"csrf": csrf, "version": 0, "verdict": "incorrect", "note": "typed"})
    assert resubmitted.status_code == 409 and audit.latest_review(ids["rule"])["reviewer"] == "Park Jisoo"
