"""Hub listings reach the kiosk screens: demo hub → sync runner → SyncedHub → window."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.sync.config import SourceConfig
from kiosk.sync.demo_hub import DemoHub
from kiosk.sync.runner import build_runner
from kiosk.ui.hub import SyncedHub
from tests.ui.conftest import tap

KIOSK = (37.6066, 127.0237)


def test_synced_listings_appear_on_browse_and_status_line(
        qtbot: Any, make_window: Any, demo_services: Any) -> None:
    server = DemoHub(hub_tick_s=0).start()
    configs = [SourceConfig.from_mapping(c) for c in server.source_configs()]
    hub = SyncedHub(demo_services.hub, KIOSK, 3000,
                    [(c.id, c.kind, c.interval_s) for c in configs])
    hub.refresh()
    assert list(hub.nearby()) == []  # nothing synced yet: the village's own resources only
    window = make_window(hub=hub)
    hub.changed.connect(window.hub_changed)
    assert window.status.text() == "마을 자원은 늘 최신입니다"  # not tried yet: no "offline"

    # Refreshing happens on the sync thread; the window hears of it on the GUI thread.
    runner = build_runner(configs, demo_services.hub, kiosk_id="lobby-1",
                          on_applied=lambda _outcome: hub.refresh())
    try:
        with qtbot.wait_signal(hub.changed, timeout=20000):
            runner.start()
        qtbot.wait_until(lambda: {i.kind for i in hub.nearby()} >= {"bike", "parking"},
                         timeout=20000)
    finally:
        assert runner.stop(timeout=15)
        server.stop()
    qtbot.wait_until(lambda: window.status.text().startswith("온라인 · 공공 목록"),
                     timeout=5000)
    tap(qtbot, window.screens["home"].tiles["bike"], window)
    entries = window.screens["browse"].entries
    hub_ids = {i.id for i in hub.nearby() if i.kind == "bike"}
    shown = [e.id for e in entries]
    assert hub_ids and hub_ids <= set(shown)
    assert "bike-village" in shown  # the village's own bikes stay listed


class HostileFeed:
    """A hub listing whose name tries markup, script and direction tricks."""

    NAME = '<img src=x onerror=alert(1)><script>alert(2)</script>\u202e역방향\u200b'

    def __init__(self) -> None:
        from kiosk.map.listing import MapListing

        self.listing = MapListing(
            id="hub-666", kind="bike", name_ko=self.NAME, name_en=self.NAME, lat=37.6067,
            lon=127.0238, units_free=1, units_total=2, as_of=None, status="available")

    def nearby(self) -> list[Any]:
        return [self.listing]

    def status(self) -> Any:
        from kiosk.ui.hub import HubStatus

        return HubStatus(online=True, listings_as_of=None)


def test_feed_names_are_shown_as_plain_text(qtbot: Any, make_window: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel

    window = make_window(hub=HostileFeed())
    tap(qtbot, window.screens["home"].tiles["bike"], window)
    row = window.screens["browse"].rows["hub-666"]
    shown = [lbl for lbl in row.findChildren(QLabel) if HostileFeed.NAME in lbl.text()]
    assert shown, "the listing's name is not on its row"
    assert all(lbl.textFormat() == Qt.TextFormat.PlainText for lbl in shown)
    tap(qtbot, row, window)
    detail = window.screens["detail"]
    assert detail.title.text() == HostileFeed.NAME
    assert detail.title.textFormat() == Qt.TextFormat.PlainText


def test_stale_hub_figures_are_marked_and_greyed(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    """A station last heard of long ago keeps its figure, marked as possibly out of date."""
    from datetime import timedelta

    from PySide6.QtWidgets import QLabel

    from kiosk.sync.records import FeedListing, FetchResult

    old = clock.now - timedelta(hours=3)
    svc = replace(demo_services.hub, clock=lambda: old)
    station = FeedListing(
        source_id="bikes", external_id="ST-1", kind="bike", name_ko="따릉이 길음역",
        name_en="Ttareungyi Gireum Stn", description_ko="", description_en="",
        lat=KIOSK[0] + 0.001, lon=KIOSK[1], address="", units_total=10, units_free=4,
        as_of=old, extra={})
    claim = svc.claim("bikes", "test", kind="seoul_bike", interval_s=60)
    assert claim.acquired
    svc.apply(FetchResult(listings=(station,), quarantined=(), tombstones=(), complete=True,
                          not_modified=False, etag=None, cursor=None, ttl_s=None,
                          fetched_at=old, source_id="bikes"),
              owner="test", next_attempt_at=old, retry_at=old)
    live = replace(demo_services.hub, clock=lambda: clock.now)
    hub = SyncedHub(live, KIOSK, 3000, [("bikes", "seoul_bike", 60)])
    hub.refresh()
    [listing] = hub.nearby()
    assert listing.stale and listing.units_free == 4  # kept, not dropped, while offline
    window = make_window(hub=hub)
    tap(qtbot, window.screens["home"].tiles["bike"], window)
    row = window.screens["browse"].rows[listing.id]
    figure = next(lbl for lbl in row.findChildren(QLabel) if "4 / 10" in lbl.text())
    assert figure.text().endswith("· 오래된 정보")
    assert figure.objectName() == "cardStale"
