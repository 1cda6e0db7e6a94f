"""Who is asking: Slack user id, then email, then email domain -> firm; staff by mapping or domain."""

from __future__ import annotations

from bot.models import Asker
from bot.store.records import RecordStore


class Directory:
    """The Slack user mapping and firm email domains of one index generation."""

    def __init__(self, records: RecordStore, staff_domain: str) -> None:
        self.staff_domain = staff_domain.lower().lstrip("@")
        self.users = {u.slack_user_id: u for u in records.users()}
        self.by_email = {u.email: u for u in self.users.values() if u.email}
        self.firms = {f.partner_id: f for f in records.firms()}
        self.project_owner = records.project_owners()  # project id -> partner id
        self.by_domain = {f.email_domain.lower(): f for f in self.firms.values() if f.email_domain}

    def resolve(self, slack_user_id: str | None = None, email: str | None = None, name: str | None = None) -> Asker:
        user = self.users.get(slack_user_id or "") or self.by_email.get((email or "").lower())
        if user is not None:
            if user.role == "staff":
                return Asker(role="staff", display_name=user.display_name, slack_user_id=slack_user_id, email=user.email)
            if user.partner_id in self.firms:
                return Asker(role="partner", partner_id=user.partner_id, display_name=user.display_name,
                             slack_user_id=slack_user_id, email=user.email)
        domain = (email or "").lower().rpartition("@")[2]
        if domain and domain == self.staff_domain:
            return Asker(role="staff", display_name=name or email or "staff", slack_user_id=slack_user_id, email=email)
        firm = self.by_domain.get(domain) if domain else None
        if firm is not None:
            return Asker(role="partner", partner_id=firm.partner_id, display_name=name or email or firm.name,
                         slack_user_id=slack_user_id, email=email)
        return Asker(role="guest", display_name=name or "guest", slack_user_id=slack_user_id, email=email)

    def partner(self, partner_id: str) -> Asker:
        """A user of ``partner_id`` (the CLI's ``--partner``), named after the firm's first mapped user."""
        firm = self.firms.get(partner_id)
        if firm is None:
            from bot.errors import ConfigError

            raise ConfigError(f"--partner: no firm with id {partner_id!r} in the records")
        user = next((u for u in self.users.values() if u.partner_id == partner_id), None)
        return Asker(role="partner", partner_id=partner_id,
                     display_name=user.display_name if user else firm.name,
                     slack_user_id=user.slack_user_id if user else None)
