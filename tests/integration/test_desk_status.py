"""The desk's sync and kiosk panels read what kiosks and sync stored in the database."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

from kiosk.app import DeskHeartbeats, DeskSyncStatus
from kiosk.sync.config import SourceConfig
from kiosk.sync.demo_hub import DemoHub


def test_sync_panel_lists_sources_and_sync_now_stores_a_result(services: Any) -> None:
    hub = DemoHub(hub_tick_s=0).start()
    try:
        configs = tuple(SourceConfig.from_mapping(c) for c in hub.source_configs())
        services.settings = replace(services.settings, hub_sources=configs)
        desk = DeskSyncStatus(services)
        before = {s.name: s for s in desk.sources()}
        assert set(before) == {c.id for c in configs}
        assert all(s.last_success is None for s in before.values())
        target = configs[0].id
        started = time.monotonic()
        desk.sync_now(target)
        assert time.monotonic() - started < 1.0  # the desk's GUI thread is not held up
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            after = {s.name: s for s in desk.sources()}
            if after[target].last_success is not None:
                break
            time.sleep(0.1)
        assert after[target].last_success is not None and after[target].last_error is None
        assert all(after[c.id].last_success is None for c in configs[1:])
    finally:
        hub.stop()


def test_kiosk_panel_shows_each_kiosk_heartbeat(services: Any) -> None:
    from kiosk.health.heartbeat import build_heartbeat

    desk = DeskHeartbeats(services)
    assert desk.heartbeats() == []
    for kiosk_id in ("lobby-1", "lobby-2"):
        settings = replace(services.settings, kiosk_id=kiosk_id)
        build_heartbeat(settings, services.engine).beat()
    seen = {h.kiosk_id: h for h in desk.heartbeats()}
    assert set(seen) == {"lobby-1", "lobby-2"}
    assert all(h.version and h.last_seen.tzinfo is not None for h in seen.values())
