"""The whole review loop in a real browser: headless Chromium driven by Playwright against uvicorn."""

from __future__ import annotations

import os
import shutil
import threading
import time

import httpx
import pytest
import yaml

from tests.bot.review.conftest import TOKEN, seed
from tests.conftest import KNOWLEDGE, ROOT, free_port, make_settings

pytestmark = [pytest.mark.slow, pytest.mark.server, pytest.mark.browser]
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture
def served(assistant, tmp_path):
    import uvicorn

    from bot.review.app import create_app
    from bot.store.audit import AuditLog

    settings = make_settings(tmp_path / "data", KNOWLEDGE, review_token=TOKEN, session_secret="b" * 32)
    audit = AuditLog(settings.data_dir / "audit.sqlite")
    ids = seed(audit, assistant)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, audit), host="127.0.0.1", port=port, log_level="warning"))
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
    yield base, ids, audit
    server.should_exit = True
    thread.join(timeout=10)


def test_staff_review_loop_in_chromium(served, tmp_path):
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail("Debian chromium is not installed (.ci/run installs it)")
    base, ids, audit = served
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, accept_downloads=True)
        page.goto(f"{base}/")
        assert "/login" in page.url
        page.fill("input[name=token]", TOKEN)
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        # Filter the log down to one status.
        page.select_option("select[name=status]", "answered")
        page.fill("input[name=q]", "7.2")
        page.click("form.filters button")
        page.wait_for_url("**q=7.2**")
        rows = page.locator("table tr").count()
        assert rows == 2, page.content()
        page.click(f"a[href='/answers/{ids['rule']}'] >> nth=1")
        page.wait_for_url(f"{base}/answers/{ids['rule']}")
        assert "What does §7.2 say?" in page.inner_text("blockquote")
        shot = tmp_path / "answer-detail.png"
        page.screenshot(path=str(shot), full_page=True)
        if os.environ.get("WRITE_DOCS_SCREENSHOT"):
            shutil.copy(shot, ROOT / "docs" / "review-answer-detail.png")
        # Follow a citation to the source viewer, landing on the clause anchor.
        page.click("a.source-link >> nth=0")
        page.wait_for_url("**/sources/program/rules**")
        assert page.locator("[id='§7.2']").is_visible()
        page.go_back()
        # Record a verdict with a correction.
        page.check("input[value=incorrect]")
        page.fill("textarea[name=corrected_answer]", "Quote all of §7.2, starting with the 12-month grace period.")
        page.fill("textarea[name=facts]", "12 months")
        page.click("#review-form button")
        page.wait_for_url(f"{base}/answers/{ids['rule']}")
        assert "incorrect" in page.inner_text("main")
        # Export it as a gold case.
        with page.expect_download() as download:
            page.evaluate("window.location.href = '/export.yaml'")
        exported = tmp_path / "export.yaml"
        download.value.save_as(exported)
        browser.close()
    assert shot.stat().st_size > 10_000
    case = yaml.safe_load(exported.read_text())["cases"][0]
    assert case["id"] == f"review-{ids['rule']}" and case["expect"]["facts"] == ["12 months"]
    assert audit.latest_review(ids["rule"])["corrected_answer"].startswith("Quote all of §7.2")
