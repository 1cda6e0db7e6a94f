"""Slack user -> users.info email and locale -> the directory mapping and a language, cached with a TTL;
unknown users are guests, and a locale Slack does not tell (or with no catalogue) is no language."""

from __future__ import annotations

import pytest
from slack_sdk import WebClient

from bot.slack.identity import SlackIdentity, locale_language
from tests.bot.slack.conftest import USERS
from tests.bot.slack.signed import uid


class Clock:
    now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def client(fake_slack):
    return WebClient(token="xoxb-test-token", base_url=fake_slack.url)


def test_a_slack_locale_is_a_catalogue_language_or_none():
    assert [locale_language(x) for x in ("ko-KR", "en-US", "en-GB", "ko", "ko_KR")] == ["ko", "en", "en", "ko", "ko"]
    assert [locale_language(x) for x in ("ja-JP", "fr-FR", "", None)] == [None, None, None, None]


@pytest.mark.slow
def test_the_locale_is_asked_for_and_cached_with_the_asker(slack_assistant, fake_slack, client):
    clock = Clock()
    identity = SlackIdentity(slack_assistant.directory, 600, clock=clock)
    korean = fake_slack.add_user(uid("U"), "someone@elsewhere.example", "Someone", "ko-KR")
    assert identity.language(korean, client) == "ko" and identity.asker(korean, client).role == "guest"
    assert [c["include_locale"] for c in fake_slack.of("users.info", user=korean)] == ["1"]  # one call for both
    fake_slack.set_locale(korean, "en-US")
    clock.now = 599
    assert identity.language(korean, client) == "ko"
    clock.now = 601
    assert identity.language(korean, client) == "en"
    assert identity.language(fake_slack.add_user(uid("U"), "x@elsewhere.example", "X", "ja-JP"), client) is None
    assert identity.language(fake_slack.add_user(uid("U"), "y@elsewhere.example", "Y", None), client) is None


@pytest.mark.slow
def test_no_language_when_users_info_fails(slack_assistant, fake_slack, client):
    identity = SlackIdentity(slack_assistant.directory, 600)
    row = next(u for u in USERS if u["role"] == "partner")
    fake_slack.fail("users.info", "missing_scope", user=row["slack_user_id"])
    assert identity.language(row["slack_user_id"], client) is None
    assert identity.asker(row["slack_user_id"], client).partner_id == row["partner_id"]  # by id alone
    assert identity.language(uid("U"), client) is None  # users.info: user_not_found


@pytest.mark.slow
def test_a_mapped_partner_is_recognised_through_users_info(slack_assistant, fake_slack, client):
    row = next(u for u in USERS if u["role"] == "partner")
    asker = SlackIdentity(slack_assistant.directory, 600).asker(row["slack_user_id"], client)
    assert (asker.role, asker.partner_id, asker.email) == ("partner", row["partner_id"], row["email"])
    assert fake_slack.of("users.info", user=row["slack_user_id"])


@pytest.mark.slow
def test_an_unmapped_slack_id_is_matched_by_email(slack_assistant, fake_slack, client):
    row = next(u for u in USERS if u["role"] == "staff")
    other_id = fake_slack.add_user(uid("U"), row["email"], row["display_name"])  # e.g. a second workspace
    asker = SlackIdentity(slack_assistant.directory, 600).asker(other_id, client)
    assert asker.role == "staff" and asker.slack_user_id == other_id


@pytest.mark.slow
def test_unknown_people_are_guests_even_when_users_info_fails(slack_assistant, fake_slack, client):
    identity = SlackIdentity(slack_assistant.directory, 600)
    stranger = fake_slack.add_user(uid("U"), "someone@elsewhere.example", "Someone")
    assert identity.asker(stranger, client).role == "guest"
    assert identity.asker(uid("U"), client).role == "guest"  # users.info: user_not_found
    fake_slack.fail("users.info", "missing_scope")
    row = next(u for u in USERS if u["role"] == "partner")
    assert identity.asker(row["slack_user_id"], client).partner_id == row["partner_id"]  # by id alone


@pytest.mark.slow
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
