"""The review console as an attacker and a careless network see it: headers, cookies, sign-out, revocation,
timeouts, the sign-in throttle behind proxies, malformed paths, redirects. Each test fails if its rule goes."""

from __future__ import annotations

import re

import pytest

from bot.review.auth import COOKIE
from tests.bot.review.conftest import csrf_of, sign_in

pytestmark = pytest.mark.slow

PAGES = ["/", "/log", "/answers/1", "/sources", "/sources/program/rules", "/sources/partners/ledger?firm=P-T1-001",
         "/quality", "/export"]


def client_for(console, base_url: str = "http://testserver", peer: str = "testclient", proxies: str = ""):
    """Another browser on the same console; ``peer``: the address it connects from."""
    from fastapi.testclient import TestClient

    from bot.review.app import create_app

    client, audit, _, settings = console
    app = create_app(settings.model_copy(update={"trusted_proxies": proxies}), audit) if proxies else client.app
    other = TestClient(app, base_url=base_url, client=(peer, 50000))
    other.tokens = client.tokens
    return other


def test_every_page_has_the_security_headers_and_pages_are_never_cached(console):
    client, *_ = console
    sign_in(client)
    for path in PAGES + ["/login", "/answers/999999"]:
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp, path
        assert "default-src 'none'" in csp and "base-uri 'none'" in csp and "form-action 'self'" in csp
        assert r.headers["x-frame-options"] == "DENY" and r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer" and r.headers["cache-control"] == "no-store", path
        assert "strict-transport-security" not in r.headers  # plain HTTP: no HSTS
    static = client.get("/static/style.css")
    assert static.headers["x-content-type-options"] == "nosniff" and "no-store" not in static.headers["cache-control"]


def test_no_page_has_inline_script_or_style_that_the_policy_would_have_to_allow(console):
    client, *_ = console
    sign_in(client)
    for path in PAGES:
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)", html), path
        assert not re.search(r"\sstyle=|\son[a-z]+=", html), path
        assert '<script src="/static/console.js" defer></script>' in html


def test_the_session_cookie_is_httponly_lax_and_secure_only_over_https(console):
    plain = client_for(console).post("/login", data={"token": console[0].tokens["Kim Minji"]}, follow_redirects=False)
    cookie = plain.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie and "path=/" in cookie
    https = client_for(console, base_url="https://testserver")
    r = https.post("/login", data={"token": https.tokens["Kim Minji"]}, follow_redirects=False)
    assert "; secure" in r.headers["set-cookie"].lower()
    assert https.get("/").headers["strict-transport-security"].startswith("max-age=")


def test_proxy_headers_count_only_from_a_trusted_proxy(console):
    token = console[0].tokens["Kim Minji"]
    # a client that claims HTTPS itself: no Secure cookie, no HSTS
    liar = client_for(console, peer="203.0.113.9")
    r = liar.post("/login", data={"token": token}, headers={"X-Forwarded-Proto": "https"}, follow_redirects=False)
    assert "secure" not in r.headers["set-cookie"].lower()
    # the same header from the configured proxy: the console is behind HTTPS
    proxied = client_for(console, peer="10.0.0.5", proxies="10.0.0.0/8")
    r = proxied.post("/login", data={"token": token}, follow_redirects=False,
                     headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.7"})
    assert "; secure" in r.headers["set-cookie"].lower()


def test_rotating_x_forwarded_for_does_not_reset_the_throttle(console):
    attacker = client_for(console, peer="203.0.113.9")
    for i in range(10):
        r = attacker.post("/login", data={"token": f"guess-{i}"}, headers={"X-Forwarded-For": f"192.0.2.{i}"})
        assert r.status_code == 401
    r = attacker.post("/login", data={"token": "guess-x"}, headers={"X-Forwarded-For": "192.0.2.200"})
    assert r.status_code == 429
    # a reviewer elsewhere is not locked out by it
    reviewer = client_for(console, peer="198.51.100.20")
    assert reviewer.post("/login", data={"token": reviewer.tokens["Park Jisoo"]},
                         follow_redirects=False).status_code == 303


def test_behind_a_trusted_proxy_each_real_client_has_its_own_budget_and_cannot_name_itself(console):
    proxy = client_for(console, peer="10.0.0.5", proxies="10.0.0.0/8")
    for i in range(10):  # the client prepends addresses; the proxy appends the real one
        r = proxy.post("/login", data={"token": f"guess-{i}"}, headers={"X-Forwarded-For": f"192.0.2.{i}, 203.0.113.9"})
        assert r.status_code == 401
    assert proxy.post("/login", data={"token": "x"}, headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 429
    ok = proxy.post("/login", data={"token": proxy.tokens["Park Jisoo"]}, follow_redirects=False,
                    headers={"X-Forwarded-For": "198.51.100.20"})
    assert ok.status_code == 303


def test_guessing_one_account_slows_the_guesses_but_never_locks_out_its_reviewer(console):
    client = client_for(console, peer="203.0.113.50")
    kim = client.tokens["Kim Minji"]
    account = kim.split("_")[1]
    for i in range(5):  # wrong secrets for Kim's account, from several addresses
        guesser = client_for(console, peer=f"192.0.2.{i}")
        assert guesser.post("/login", data={"token": f"crv_{account}_{'x' * 30}{i}"}).status_code == 401
    fresh = client_for(console, peer="192.0.2.99")
    assert fresh.post("/login", data={"token": f"crv_{account}_{'y' * 30}"}).status_code == 429  # guessing waits
    assert client.post("/login", data={"token": kim}, follow_redirects=False).status_code == 303  # Kim does not
    blocked_client = client_for(console, peer="192.0.2.99")  # nor does a right token from a blocked address
    assert blocked_client.post("/login", data={"token": blocked_client.tokens["Park Jisoo"]},
                               follow_redirects=False).status_code == 303


def test_an_ipv6_client_cannot_escape_the_throttle_by_rotating_within_its_block(console):
    for i in range(10):
        guesser = client_for(console, peer=f"2001:db8:1:2::{i + 1:x}")
        assert guesser.post("/login", data={"token": f"guess-{i}"}).status_code == 401
    assert client_for(console, peer="2001:db8:1:2:ffff::1").post("/login", data={"token": "g"}).status_code == 429
    assert client_for(console, peer="2001:db8:1:3::1").post("/login", data={"token": "g"}).status_code == 401


def test_error_pages_carry_the_same_headers_and_odd_numbers_are_no_500(console):
    from fastapi.testclient import TestClient

    client, audit, ids, settings = console
    csrf = sign_in(client)
    # past 2**31 - 1 (PostgreSQL's integer ids), past 2**63 - 1 (SQLite's), and no number at all
    for path in ["/?after=99999999999999999999", "/log?before=-1", "/answers/99999999999999999999",
                 "/answers/5000000000", f"/answers/{2**63 - 1}", "/?after=5000000000", "/log?before=5000000000",
                 f"/answers/{ids['rule']}?queue=any&after=5000000000"]:
        r = client.get(path)
        assert r.status_code in (200, 404, 422) and r.headers["x-frame-options"] == "DENY", path
    r = client.post("/reviews/bulk-correct", data={"csrf": csrf, "ids": ["²", "9" * 30, "5000000000", str(2**63 - 1)]},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith("marked=0-0")
    for escalation, answer in ((5_000_000_000, ids["notfound"]), (ids["escalation"], 5_000_000_000)):
        r = client.post(f"/escalations/{escalation}/resolve", data={"csrf": csrf, "answer_id": answer},
                        follow_redirects=False)
        assert r.status_code in (303, 422), (escalation, answer)
    assert audit.open_escalation(ids["notfound"])["id"] == ids["escalation"]

    def boom():
        raise RuntimeError("a bug")

    app = client.app
    app.add_api_route("/boom", boom)
    crashed = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert crashed.status_code == 500 and crashed.headers["x-frame-options"] == "DENY"
    assert crashed.headers["cache-control"] == "no-store" and "frame-ancestors" in crashed.headers["content-security-policy"]


def test_a_proxy_line_of_its_own_and_the_rightmost_proto_decide(console):
    proxied = client_for(console, peer="10.0.0.5", proxies="10.0.0.0/8")
    # the client sends "https" itself; the proxy appends what it saw: http
    r = proxied.post("/login", data={"token": proxied.tokens["Kim Minji"]}, follow_redirects=False,
                     headers=[("X-Forwarded-Proto", "https"), ("X-Forwarded-Proto", "http"),
                              ("X-Forwarded-For", "192.0.2.1"), ("X-Forwarded-For", "203.0.113.77")])
    assert "secure" not in r.headers["set-cookie"].lower()
    actions = console[1].query("SELECT detail FROM staff_actions WHERE action='sign_in' ORDER BY id DESC LIMIT 1")
    assert actions[0][0] == "token from 203.0.113.77"


def test_sign_out_ends_the_session_on_the_server_and_the_old_cookie_is_worthless(console):
    client = client_for(console)
    csrf = sign_in(client)
    cookie = client.cookies.get(COOKIE)
    assert client.get("/logout").status_code == 405  # sign-out is a POST with the CSRF token
    assert client.post("/logout", data={"csrf": "wrong"}).status_code == 403
    r = client.post("/logout", data={"csrf": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    replay = client_for(console)
    replay.cookies.set(COOKIE, cookie)
    after = replay.get("/answers/1", follow_redirects=False)
    assert after.status_code == 303 and after.headers["location"].startswith("/login")


def test_revoking_a_reviewer_ends_their_sessions_at_once_and_their_token(console):
    from bot.review.accounts import Reviewers

    client = client_for(console)
    sign_in(client)
    assert client.get("/log").status_code == 200
    assert Reviewers(console[1]).revoke("Kim Minji")
    assert client.get("/log", follow_redirects=False).status_code == 303
    assert client.post("/login", data={"token": client.tokens["Kim Minji"]}).status_code == 401


def test_idle_and_absolute_timeouts(console, monkeypatch):
    import bot.review.accounts as accounts

    clock = [1_900_000_000.0]
    monkeypatch.setattr(accounts.time, "time", lambda: clock[0])
    client = client_for(console)
    sign_in(client)
    idle, absolute = console[3].review_idle_minutes * 60, console[3].review_session_hours * 3600
    clock[0] += idle - 60
    assert client.get("/log").status_code == 200  # busy: the idle clock restarts
    clock[0] += idle + 1
    assert client.get("/log", follow_redirects=False).status_code == 303
    sign_in(client)
    for _ in range(int(absolute // (idle - 60)) + 1):  # busy all day long still ends at the absolute limit
        clock[0] += idle - 60
        if client.get("/log", follow_redirects=False).status_code == 303:
            break
    else:
        pytest.fail("a session outlived the absolute timeout")


def test_tokens_and_session_ids_are_stored_only_as_hashes(console):
    client = client_for(console)
    sign_in(client)
    dump = "\n".join(str(tuple(r)) for table in ("reviewers", "review_sessions")
                     for r in console[1].query(f"SELECT * FROM {table}"))
    assert client.tokens["Kim Minji"] not in dump and client.cookies.get(COOKIE) not in dump


@pytest.mark.parametrize("path", ["/sources/a%00b", "/sources/program%0Arules", "/answers/%00", "/sources/a\\b",
                                  "/sources/" + "a" * 3000])
def test_malformed_paths_are_a_400_not_a_500(console, path):
    client, *_ = console
    sign_in(client)
    r = client.get(path)
    assert r.status_code == 400 and r.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example", "https://evil.example/", "javascript:x"])
def test_sign_in_never_redirects_off_the_console(console, target):
    client = client_for(console)
    page = client.get(f"/login?next={target}").text
    assert f'value="{target}"' not in page
    r = client.post("/login", data={"token": client.tokens["Kim Minji"], "next": target}, follow_redirects=False)
    assert r.headers["location"] == "/"


def test_a_cross_site_form_cannot_act_without_the_sessions_token(console):
    client, audit, ids, _ = console
    sign_in(client)
    for url, data in [(f"/answers/{ids['rule']}/review", {"verdict": "correct", "version": 0}),
                      (f"/escalations/{ids['escalation']}/resolve", {"answer_id": ids["notfound"]}),
                      ("/reviews/bulk-correct", {"ids": [ids["rule"]]}), ("/logout", {})]:
        assert client.post(url, data={**data, "csrf": "forged"}).status_code == 403, url
    assert audit.latest_review(ids["rule"]) is None
    assert csrf_of(client.get("/log").text)  # still signed in


def test_health_and_readiness_need_no_session_and_say_nothing_private(console):
    client = client_for(console)
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}
    assert client.get("/healthz").headers["cache-control"] == "no-store"
