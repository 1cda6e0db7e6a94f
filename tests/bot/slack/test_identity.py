"""Slack user -> users.info email -> the directory mapping, cached with a TTL; unknown users are guests."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from bot.slack.identity import SlackIdentity
from tests.bot.slack.conftest import USERS
from tests.bot.slack.signed import uid

pytestmark = pytest.mark.slow


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def client(fake_slack):
    return WebClient(token="xoxb-test-token", base_url=fake_slack.url)


def test_a_mapped_partner_is_recognised_through_users_info(slack_assistant, fake_slack, client):
    row = next(u for u in USERS if u["role"] == "partner")
    asker = SlackIdentity(slack_assistant.directory, 600).asker(row["slack_user_id"], client)
    assert (asker.role, asker.partner_id, asker.email) == ("partner", row["partner_id"], row["email"])
    assert fake_slack.of("users.info", user=row["slack_user_id"])


def test_an_unmapped_slack_id_is_matched_by_email(slack_assistant, fake_slack, client):
    row = next(u for u in USERS if u["role"] == "staff")
    other_id = fake_slack.add_user(uid("U"), row["email"], row["display_name"])  # e.g. a second workspace
    asker = SlackIdentity(slack_assistant.directory, 600).asker(other_id, client)
    assert asker.role == "staff" and asker.slack_user_id == other_id


def test_unknown_people_are_guests_even_when_users_info_fails(slack_assistant, fake_slack, client):
    identity = SlackIdentity(slack_assistant.directory, 600)
    stranger = fake_slack.add_user(uid("U"), "someone@elsewhere.example", "Someone")
    assert identity.asker(stranger, client).role == "guest"
    assert identity.asker(uid("U"), client).role == "guest"  # users.info: user_not_found
    fake_slack.fail("users.info", "missing_scope")
    row = next(u for u in USERS if u["role"] == "partner")
    assert identity.asker(row["slack_user_id"], client).partner_id == row["partner_id"]  # by id alone


def test_identities_are_cached_for_the_ttl(slack_assistant, fake_slack, client):
    clock = Clock()
    identity = SlackIdentity(slack_assistant.directory, 600, clock=clock)
    user = fake_slack.add_user(uid("U"), "someone@elsewhere.example", "Someone")
    assert identity.asker(user, client).role == "guest"
    row = next(u for u in USERS if u["role"] == "partner")
    fake_slack.add_user(user, row["email"], row["display_name"])  # linked to a firm meanwhile
    clock.now = 599
    assert identity.asker(user, client).role == "guest"
    assert len(fake_slack.of("users.info", user=user)) == 1
    clock.now = 601
    assert identity.asker(user, client).partner_id == row["partner_id"]
    assert len(fake_slack.of("users.info", user=user)) == 2
