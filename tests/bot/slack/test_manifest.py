"""The app manifest asks for exactly what the code uses, and the setup guide points at it."""

from __future__ import annotations

import re

import yaml

from tests.conftest import ROOT

SLACK = ROOT / "bot" / "slack"
MANIFEST = yaml.safe_load((SLACK / "manifest.yml").read_text(encoding="utf-8"))
# Web API method (as slack_sdk names it) -> the bot scope it needs (None: no scope needed).
METHOD_SCOPES = {"chat_postMessage": "chat:write", "chat_postEphemeral": "chat:write", "chat_update": "chat:write",
                 "chat_stream": "chat:write",  # chat.startStream / appendStream / stopStream
                 "reactions_add": "reactions:write", "reactions_remove": "reactions:write",
                 "users_info": "users:read", "bots_info": "users:read", "auth_test": None,
                 "assistant_threads_setSuggestedPrompts": "assistant:write",
                 "assistant_threads_setStatus": "assistant:write", "assistant_threads_setTitle": "assistant:write", "conversations_open": "im:write",
                 "views_publish": None}
EVENT_SUBSCRIPTIONS = {"app_mention": ({"app_mention"}, {"app_mentions:read"}),
                       "app_home_opened": ({"app_home_opened"}, set()),
                       "message": ({"message.channels", "message.groups", "message.im"},
                                   {"channels:history", "groups:history", "im:history"})}


def source() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in SLACK.glob("*.py"))


def test_scopes_are_exactly_the_ones_the_code_needs():
    methods = set(re.findall(r"client\.(\w+)\(", source()))
    assert methods and methods <= set(METHOD_SCOPES), f"add the scope of {methods - set(METHOD_SCOPES)} to manifest.yml"
    events = set(re.findall(r'app\.event\("(\w+)"\)', source()))
    needed = {METHOD_SCOPES[m] for m in methods} - {None}
    needed |= {scope for e in events for scope in EVENT_SUBSCRIPTIONS[e][1]}
    needed |= {"commands", "users:read.email"}  # /carbon; users.info returns the email only with this scope
    assert set(MANIFEST["oauth_config"]["scopes"]["bot"]) == needed


def test_events_command_interactivity_and_home_tab_match_the_listeners():
    code = source()
    events = set(re.findall(r'app\.event\("(\w+)"\)', code))
    assert events == set(EVENT_SUBSCRIPTIONS)
    subscribed = set(MANIFEST["settings"]["event_subscriptions"]["bot_events"])
    container = {"assistant_thread_started", "assistant_thread_context_changed"}  # bolt's Assistant middleware
    assert "app.assistant(" in code and (SLACK / "container.py").exists()
    assert subscribed == {s for e in events for s in EVENT_SUBSCRIPTIONS[e][0]} | container
    assert MANIFEST["features"]["assistant_view"]["assistant_description"]
    assert [c["command"] for c in MANIFEST["features"]["slash_commands"]] == re.findall(r'app\.command\("([^"]+)"\)', code)
    assert MANIFEST["settings"]["interactivity"]["is_enabled"] is True and "app.action(" in code
    assert MANIFEST["features"]["app_home"]["home_tab_enabled"] is True
    assert MANIFEST["features"]["app_home"]["messages_tab_enabled"] is True  # DMs
    assert MANIFEST["features"]["app_home"]["messages_tab_read_only_enabled"] is False


def test_the_request_urls_are_the_endpoint_http_mode_serves():
    urls = [MANIFEST["settings"]["event_subscriptions"]["request_url"], MANIFEST["settings"]["interactivity"]["request_url"],
            *[c["url"] for c in MANIFEST["features"]["slash_commands"]]]
    assert all(u.endswith("/slack/events") for u in urls)
    assert '"/slack/events"' in (SLACK / "server.py").read_text(encoding="utf-8")


def test_the_setup_guide_covers_the_manifest_the_secrets_and_the_command():
    guide = (ROOT / "docs" / "slack.md").read_text(encoding="utf-8")
    for needle in ("# Create the Slack app", "bot/slack/manifest.yml", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET",
                   "SLACK_APP_TOKEN", "CARBONBOT_STAFF_CHANNEL", "CARBONBOT_PUBLIC_URL", "make slack", "--port"):
        assert needle in guide, needle
    assert (ROOT / "Makefile").read_text().count("carbonbot slack") == 1
    assert "docs/slack.md" in (ROOT / "README.md").read_text(encoding="utf-8")
