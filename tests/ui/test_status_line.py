"""The header's status line speaks of the connection only when there is something to sync:
no hub source configured (or none tried yet) says nothing about online or offline, and
"offline" appears only when a configured source failed."""

from __future__ import annotations

from typing import Any

from kiosk.app import hub_state
from kiosk.ui.hub import NoHub, SyncedHub
from tests.ui.test_hub_feed import KIOSK

SOURCE = ("bikes", "seoul_bike", 60)


def fail(hub_service: Any, clock: Any, source_id: str = "bikes") -> None:
    """One fetch of ``source_id`` that could not reach the hub."""
    assert hub_service.claim(source_id, "test", kind="seoul_bike", if_due=False).acquired
    hub_service.record_failure(source_id, owner="test", label="offline",
                               message="cannot connect", next_attempt_at=clock.now)


def test_no_hub_says_nothing_about_the_connection(qtbot: Any, make_window: Any) -> None:
    window = make_window(hub=NoHub())
    assert window.status.text() == "마을 자원은 늘 최신입니다"
    window.set_language("en")
    assert window.status.text() == "Village resources are always up to date"


def test_no_source_configured_is_not_offline_even_with_old_failures(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    fail(demo_services.hub, clock)  # a source the village has since removed
    hub = SyncedHub(demo_services.hub, KIOSK, 3000, [])
    hub.refresh()
    assert hub.status().online is None
    window = make_window(hub=hub)
    assert "오프라인" not in window.status.text()
    assert window.status.text() == "마을 자원은 늘 최신입니다"
    assert hub_state(hub) == "not synced; listings as of -"


def test_a_configured_source_not_tried_yet_is_neutral_and_offline_once_it_fails(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    hub = SyncedHub(demo_services.hub, KIOSK, 3000, [SOURCE])
    hub.refresh()
    window = make_window(hub=hub)
    hub.changed.connect(window.hub_changed)
    assert window.status.text() == "마을 자원은 늘 최신입니다"
    fail(demo_services.hub, clock)
    hub.refresh()
    assert window.status.text() == "오프라인 · 마을 자원은 늘 최신입니다"
    assert hub_state(hub).startswith("offline;")
