"""The review loop in a real browser: headless Chromium driven by Playwright against uvicorn, at a desk's 1280 px
and a phone's 390 px. A reviewer signs in and works through 20 queued answers with the keyboard alone, each
answer's verdict form in view without scrolling; a correction, a source and the export along the way.

The server runs on both shared-state backends, as ``console`` does: the default SQLite file in the data dir, and a
fresh database on the test PostgreSQL."""

from __future__ import annotations

import os
import shutil
import threading
import time

import httpx
import pytest
import yaml

from tests.bot.review.conftest import add_reviewers, seed
from tests.conftest import BACKENDS, KNOWLEDGE, ROOT, database_url, free_port, make_settings

pytestmark = [pytest.mark.slow, pytest.mark.server, pytest.mark.browser]
CHROMIUM = "/usr/bin/chromium"
QUESTIONS = ["What does §7.4 say?", "who pays for verification?", "how long is the grace period?",
             "what is a tier-2 partner?", "When are monitoring reports due?", "상환 유예는 어떻게 신청하나요?",
             "거치기간은 얼마나 되나요?", "what happens if a payment is 40 days late?", "what does §9.2 say?",
             "Can offset credits be sold?", "how is support calculated?", "What is Article 29 about?",
             "검증 비용은 누가 내나요?", "what if we sell the equipment?", "is there a cap on support?",
             "What does §3.1 require?", "모니터링 보고서는 언제 내나요?", "how are reductions verified?",
             "what is the revolving fund?", "what does §11.1 say?", "can a deferral be extended?"]


_ANSWERED: dict[str, object] = {}  # the session's assistant answers each queued question once, for both backends


@pytest.fixture(params=BACKENDS)
def served(request, assistant, tmp_path):
    """The console on uvicorn with a log of real answers: 20 with negative feedback wait in the queue."""
    import uvicorn

    from bot.models import Asker
    from bot.review.app import create_app
    from bot.state import open_store

    url = database_url(request, request.param, tmp_path) if request.param != "sqlite" else None
    settings = make_settings(tmp_path / "data", KNOWLEDGE, session_secret="b" * 32, database_url=url,
                             slack_workspace_url="https://kap-partners.slack.com")
    audit = open_store(settings)  # audit.sqlite in the data dir, or the PostgreSQL database
    request.addfinalizer(audit.close)
    ids = seed(audit, assistant)
    for question in QUESTIONS:
        if question not in _ANSWERED:
            _ANSWERED[question] = assistant.answer(question, Asker.guest(), log=False)
        answer = _ANSWERED[question]
        answer_id = audit.record_answer(answer, Asker.guest(), via="slack",
                                        slack={"user": "U7", "channel": "C7", "thread": "1700000000.000100"})
        audit.record_feedback(answer_id, "not_helpful", "U7")
    tokens = add_reviewers(audit)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, audit), host="127.0.0.1", port=port,
                                           log_level="warning", proxy_headers=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/login", timeout=1)
            break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base, ids, audit, tokens
    server.should_exit = True
    thread.join(timeout=10)


def shoot(page, tmp_path, name: str) -> None:
    shot = tmp_path / name
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("WRITE_DOCS_SCREENSHOT"):
        shutil.copy(shot, ROOT / "docs" / name)


def fits_width(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_twenty_queued_answers_with_the_keyboard_alone_at_1280_and_on_a_phone(served, tmp_path):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian chromium is not installed (.ci/run installs it)")
    base, ids, audit, tokens = served
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1280, "height": 800}, accept_downloads=True)
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)  # CSP violations too
        page.goto(f"{base}/")
        assert "/login" in page.url
        page.keyboard.type(tokens["Kim Minji"])  # the token box has the focus
        page.keyboard.press("Enter")
        page.wait_for_url(f"{base}/")
        queued = page.locator("#queue tbody tr[data-href]").count()
        assert queued >= 20, page.content()
        shoot(page, tmp_path, "review-queue.png")
        page.keyboard.press("j")
        page.keyboard.press("Enter")
        page.wait_for_url("**/answers/*?queue=any")
        shoot(page, tmp_path, "review-answer.png")
        reviewed = []
        for i in range(20):
            here = int(page.url.split("/answers/")[1].split("?")[0])
            reviewed.append(here)
            form = page.locator("#save-next").bounding_box()
            assert form and form["y"] + form["height"] <= 800, f"answer {here}: save & next is below the fold"
            assert page.evaluate("window.scrollY") == 0
            if i == 3:  # one correction, typed without the mouse
                page.keyboard.press("2")
                page.keyboard.press("e")
                page.keyboard.type("Name the clause and the deadline.")
                page.keyboard.press("Control+Enter")
            else:
                page.keyboard.press("1")
                page.keyboard.press("s")
            page.wait_for_url(lambda url, here=here: f"/answers/{here}?" not in url)
        verdicts = {i: audit.latest_review(i) for i in reviewed}
        assert all(v and v["reviewer"] == "Kim Minji" for v in verdicts.values())
        assert verdicts[reviewed[3]]["verdict"] == "incorrect"
        assert verdicts[reviewed[3]]["corrected_answer"] == "Name the clause and the deadline."
        # the correction shows, with its diff, on the answer's page
        page.goto(f"{base}/answers/{reviewed[3]}")
        assert "Kim Minji" in page.inner_text("#latest-review") and page.locator("#correction-diff ins").count()
        # a citation opens its source at the clause
        page.goto(f"{base}/answers/{ids['rule']}")
        page.click("a.source-link >> nth=0")
        page.wait_for_url("**/sources/program/rules**")
        assert page.locator("[id='§7.2']").is_visible()
        # the export preview, then the download
        page.goto(f"{base}/export")
        assert f"review-{reviewed[3]}" in page.inner_text("#preview")
        with page.expect_download() as download:
            page.click("#download")
        exported = tmp_path / "export.yaml"
        download.value.save_as(exported)

        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        phone.goto(f"{base}/login")
        phone.fill("input[name=token]", tokens["Park Jisoo"])
        phone.keyboard.press("Enter")
        phone.wait_for_url(f"{base}/")
        for path in ["/?reason=all", "/log", f"/answers/{ids['private']}", "/sources/partners/ledger?firm=P-T1-001"]:
            phone.goto(base + path)
            assert fits_width(phone), f"{path} is wider than a 390 px phone"
        phone.goto(f"{base}/?reason=all")
        shoot(phone, tmp_path, "review-queue-phone.png")
        phone.goto(f"{base}/answers/{ids['private']}?queue=all")
        shoot(phone, tmp_path, "review-answer-phone.png")
        browser.close()
    assert not [e for e in errors if "Content Security Policy" in e or "Refused" in e], errors
    cases = yaml.safe_load(exported.read_text())["cases"]
    assert [c["id"] for c in cases] == [f"review-{reviewed[3]}"]
    assert cases[0]["corrected_answer"] == "Name the clause and the deadline."
