"""Reminder records (each sent once, ever) and each partner's reminder preferences."""

from __future__ import annotations

from sqlalchemy import delete, select, update

from bot.state.base import Database, now
from bot.state.schema import reminder_prefs, reminders


class Reminders(Database):
    def claim_reminder(self, key: str, slack_user: str, partner_id: str, kind: str) -> bool:
        """True the first time ``key`` is claimed: the caller sends it (and releases it if sending fails)."""
        statement = self.insert_ignore(reminders).values(key=key, ts=now(), slack_user=slack_user,
                                                         partner_id=partner_id, kind=kind).on_conflict_do_nothing()
        return self.run(statement).rowcount == 1

    def reminder_sent(self, key: str, channel: str, message_ts: str | None) -> None:
        self.run(update(reminders).where(reminders.c.key == key).values(channel=channel, message_ts=message_ts))

    def release_reminder(self, key: str) -> None:
        """Sending failed: the next run tries again."""
        self.run(delete(reminders).where(reminders.c.key == key, reminders.c.message_ts.is_(None)))

    def reminder_prefs(self, slack_user: str, default_lead: int) -> tuple[bool, int]:
        """(reminders on, lead time in days) for a user: on, with ``default_lead``, until they choose."""
        rows = self.rows(select(reminder_prefs.c.enabled, reminder_prefs.c.lead_days)
                         .where(reminder_prefs.c.slack_user == slack_user))
        return (bool(rows[0]["enabled"]), int(rows[0]["lead_days"])) if rows else (True, default_lead)

    def set_reminder_prefs(self, slack_user: str, *, enabled: bool | None = None, lead_days: int | None = None,
                           default_lead: int) -> tuple[bool, int]:
        on, lead = self.reminder_prefs(slack_user, default_lead)
        on = on if enabled is None else enabled
        lead = lead if lead_days is None else lead_days
        statement = self.insert_ignore(reminder_prefs).values(slack_user=slack_user, enabled=int(on),
                                                              lead_days=lead, ts=now())
        self.run(statement.on_conflict_do_update(
            index_elements=[reminder_prefs.c.slack_user],
            set_={"enabled": statement.excluded.enabled, "lead_days": statement.excluded.lead_days,
                  "ts": statement.excluded.ts}))
        return on, lead
