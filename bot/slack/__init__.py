"""The Slack adapter: translates Slack events into ``Assistant.answer`` calls and answers into Block Kit."""
