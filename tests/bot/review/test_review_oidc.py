"""Sign in with Slack (OpenID Connect) against a fake provider on 127.0.0.1: staff get in, partners get 403."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.fake_http import JSONHandler, serve
from tests.conftest import KNOWLEDGE, make_settings

pytestmark = pytest.mark.slow


class FakeOIDC:
    """Slack's token and userInfo endpoints; ``people`` maps an auth code to the user it signs in."""

    def __init__(self, people: dict[str, dict[str, str]]) -> None:
        self.people = people
        self.token_requests: list[dict[str, str]] = []
        fake = self

        class Handler(JSONHandler):
            def do_POST(self) -> None:  # noqa: N802
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
                fake.token_requests.append(form)
                ok = form.get("code") in fake.people and form.get("client_secret") == "client-secret"
                self.send_json({"ok": True, "access_token": f"xoxp-{form['code']}"} if ok else {"ok": False, "error": "invalid_code"})

            def do_GET(self) -> None:  # noqa: N802
                code = self.headers.get("Authorization", "").removeprefix("Bearer xoxp-")
                self.send_json({"ok": True, **fake.people[code]})

        self.server, self.url = serve(Handler)


@pytest.fixture
def oidc_console(built_data, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from bot.review.app import create_app
    from bot.store.audit import AuditLog

    fake = FakeOIDC({"staff-code": {"email": "someone@kap.example", "name": "Desk Person"},
                     "partner-code": {"email": "nayeon.lee@kkotbit-forging.example", "name": "Partner User"}})
    monkeypatch.setenv("SLACK_CLIENT_SECRET", "client-secret")
    settings = make_settings(built_data, KNOWLEDGE, slack_client_id="123.456",
                             slack_oidc_url=fake.url, session_secret="o" * 32)
    client = TestClient(create_app(settings, AuditLog(tmp_path / "audit.sqlite")))
    yield client, fake
    fake.server.shutdown()


def start(client) -> str:
    r = client.get("/auth/slack", follow_redirects=False)
    assert r.status_code == 303
    location = urlparse(r.headers["location"])
    assert location.path == "/openid/connect/authorize"
    query = parse_qs(location.query)
    assert query["client_id"] == ["123.456"] and "openid" in query["scope"][0]
    return query["state"][0]


def test_staff_sign_in_with_slack(oidc_console):
    client, fake = oidc_console
    assert "Sign in with Slack" in client.get("/login").text
    state = start(client)
    r = client.get(f"/auth/slack/callback?code=staff-code&state={state}", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    assert fake.token_requests[-1]["redirect_uri"].endswith("/auth/slack/callback")
    assert "Review queue" in client.get("/").text
    assert '<span class="who">someone@kap.example</span>' in client.get("/log").text  # a person, not "staff"


def test_a_throttled_client_still_signs_in_with_slack(oidc_console):
    client, _ = oidc_console
    for i in range(10):
        assert client.post("/login", data={"token": f"crv_{i + 1}_{'y' * 30}"}).status_code == 401
    assert client.post("/login", data={"token": "crv_1_whatever-it-is-now"}).status_code == 429
    state = start(client)
    r = client.get(f"/auth/slack/callback?code=staff-code&state={state}", follow_redirects=False)
    assert r.status_code == 303 and client.get("/log").status_code == 200


def test_partner_signing_in_with_slack_gets_403(oidc_console):
    client, _ = oidc_console
    state = start(client)
    assert client.get(f"/auth/slack/callback?code=partner-code&state={state}").status_code == 403
    assert client.get("/", follow_redirects=False).status_code == 303  # no session was opened


def test_forged_state_and_bad_code_are_refused(oidc_console):
    client, _ = oidc_console
    start(client)
    assert client.get("/auth/slack/callback?code=staff-code&state=forged").status_code == 400
    state = start(client)
    refused = client.get(f"/auth/slack/callback?code=wrong&state={state}")
    assert refused.status_code == 400 and "invalid_code" in refused.text
