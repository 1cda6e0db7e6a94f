"""The request gate's bookkeeping: delivery keys that no retry or replay can match any more are forgotten, and
the ones that mean something for good (a container thread, a shared answer) are kept."""

from __future__ import annotations

import json

from slack_bolt import BoltRequest, BoltResponse

from bot.slack import gate


def test_old_replay_keys_and_event_ids_are_pruned_and_markers_kept(store):
    audit = store  # on SQLite and on PostgreSQL
    keys = ["replay:old", "replay:new", "EvOLD", "EvNEW", "assistant_thread:D1:1.0", "shared:7"]
    for key in keys:
        assert audit.first_delivery(key)
    audit.execute("UPDATE slack_events SET ts = '2020-01-01T00:00:00.000+00:00' WHERE event_id IN "
                  "('replay:old', 'EvOLD', 'assistant_thread:D1:1.0', 'shared:7')")
    calls = []

    def prune(prefix: str, seconds: float) -> None:
        calls.append((prefix, seconds))
        audit.prune_deliveries(prefix, seconds)

    workspace = gate.OurWorkspace(teams=set(), app_id=None, first_delivery=audit.first_delivery, prune=prune)
    challenge = json.dumps({"type": "url_verification", "challenge": "c"})
    for _ in range(gate.PRUNE_EVERY - 1):
        workspace.process(req=BoltRequest(body=challenge, headers={}), resp=BoltResponse(status=200),
                          next=lambda: BoltResponse(status=200))
    assert calls == []
    workspace.process(req=BoltRequest(body=challenge, headers={}), resp=BoltResponse(status=200),
                      next=lambda: BoltResponse(status=200))
    assert [p for p, _ in calls] == ["replay:", "Ev"]
    kept = {r[0] for r in audit.query("SELECT event_id FROM slack_events")}
    assert kept == {"replay:new", "EvNEW", "assistant_thread:D1:1.0", "shared:7"}
    assert not audit.first_delivery("EvNEW") and audit.first_delivery("EvOLD")  # a forgotten id is new again
