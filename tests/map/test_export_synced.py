"""`kiosk map export DIR` exports the listings hub sync stored in the database, and the
exported page shows each figure's time in Seoul time, with a date when not today."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.map.listing import MapListing, listing_row
from tests.sync.hub_helpers import hub_service, listing, result
from tests.sync.test_sync_cli import write_config

# The kiosk's default position (kiosk.config.Settings): the export's centre.
KIOSK = (37.6066, 127.0237)
# 08:59 in Seoul on the clock fixture's day, and 23:59 in Seoul the day before.
TODAY_0859 = datetime(2026, 11, 22, 23, 59, tzinfo=UTC)
YESTERDAY_2359 = datetime(2026, 11, 22, 14, 59, tzinfo=UTC)


def sync_into(url: str, clock: Any) -> None:
    """Three stations as hub sync stores them: two near the kiosk, one 11 km away."""
    now = clock()
    station = listing(1, source="seoul-bikes", kind="bike", external_id="ST-102",
                      name_ko="망원역 1번출구 앞", name_en="", lat=KIOSK[0] + 0.001,
                      lon=KIOSK[1], units_total=10, units_free=4, as_of=TODAY_0859,
                      extra={"station_no": "102", "service_ko": "따릉이"})
    older = replace(station, external_id="ST-103", name_ko="길음시장 입구",
                    lat=KIOSK[0] - 0.001, as_of=YESTERDAY_2359)
    far = replace(station, external_id="ST-999", name_ko="강남역", lat=37.4979, lon=127.0276)
    with hub_service(url, clock) as svc:
        svc.claim("seoul-bikes", "k1", if_due=False)
        svc.apply(result([station, older, far], source="seoul-bikes", fetched_at=now),
                  owner="k1", next_attempt_at=now + timedelta(minutes=2), retry_at=now)


def export(tmp_path: Path, url: str, clock: Any, monkeypatch: pytest.MonkeyPatch,
           capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str, str, Path]:
    for name, value in clock.environ().items():
        monkeypatch.setenv(name, value)
    cfg = write_config(tmp_path / "k.toml", url, [])
    out_dir = tmp_path / "export"
    code = main(["--config", str(cfg), "map", "export", str(out_dir), "--no-dongs", "--tiles",
                 *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err, out_dir


def exported_rows(out_dir: Path) -> dict[str, list[Any]]:
    text = (out_dir / "data" / "listings.js").read_text(encoding="utf-8")
    doc = json.loads(text.removeprefix("window.KIOSK_LISTINGS = ").rstrip().rstrip(";"))
    names = doc["fields"]
    return {row[names.index("name_ko")]: row for row in doc["rows"]}


def test_map_export_includes_the_synced_listings(
    tmp_path: Path, clock: Any, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    sync_into(url, clock)
    code, out, err, out_dir = export(tmp_path, url, clock, monkeypatch, capsys)
    assert code == 0, err
    assert "exported 2 listings" in out
    rows = exported_rows(out_dir)
    # Within the hub radius (2 km) of the kiosk only, as the kiosk's own map shows them.
    assert set(rows) == {"망원역 1번출구 앞", "길음시장 입구"}
    station = rows["망원역 1번출구 앞"]
    assert station[1:2] == ["bike"] and station[6:8] == [4, 10]
    # Times travel in Seoul time.
    assert station[8] == "2026-11-23T08:59:00+09:00"
    assert rows["길음시장 입구"][8] == "2026-11-22T23:59:00+09:00"
    html = (out_dir / "index.html").read_text(encoding="utf-8")
    match = re.search(r"KioskMap\.start\(\w+, (\{.*\})\);", html)
    assert match is not None and json.loads(match.group(1))["center"] == list(KIOSK)


def test_a_listings_file_still_wins_over_the_database(
    tmp_path: Path, clock: Any, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    sync_into(url, clock)
    given = tmp_path / "l.json"
    given.write_text(json.dumps([{"id": "p1", "kind": "parking", "name_ko": "주차",
                                  "lat": 37.607, "lon": 127.026}]), encoding="utf-8")
    code, out, err, out_dir = export(tmp_path, url, clock, monkeypatch, capsys,
                                     "--listings", str(given))
    assert code == 0, err
    assert "exported 1 listings" in out and set(exported_rows(out_dir)) == {"주차"}


def test_listing_rows_carry_seoul_time() -> None:
    item = MapListing(id="a", kind="bike", name_ko="a", name_en="", lat=37.6, lon=127.0,
                      units_free=1, units_total=2, as_of=TODAY_0859, status="available")
    assert listing_row(item)[8] == "2026-11-23T08:59:00+09:00"
    naive_utc = replace(item, as_of=datetime(2026, 11, 22, 23, 59))
    assert listing_row(naive_utc)[8] == "2026-11-23T08:59:00+09:00"
    assert listing_row(replace(item, as_of=None))[8] is None


def test_exported_page_shows_seoul_time_with_a_date_when_not_today(
    tmp_path: Path, clock: Any, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str], qapp: Any,
) -> None:
    from PySide6.QtCore import QEvent, QUrl
    from PySide6.QtWidgets import QApplication

    from tests.map.conftest import page_js, wait_for

    url = f"sqlite:///{tmp_path / 'kiosk.db'}"
    sync_into(url, clock)
    code, _, err, out_dir = export(tmp_path, url, clock, monkeypatch, capsys)
    assert code == 0, err
    ids = {name: row[0] for name, row in exported_rows(out_dir).items()}

    from PySide6.QtWebEngineWidgets import QWebEngineView

    view = QWebEngineView()
    view.resize(800, 600)
    view.show()
    view.load(QUrl.fromLocalFile(str(out_dir / "index.html")))

    class Wrapped:
        web_view = view

    def meta_of(listing_id: str) -> str:
        page_js(Wrapped, f"KioskMap.markerFor({json.dumps(listing_id)}).fire('click'); 1",
                30000)
        return str(page_js(Wrapped, "document.querySelector('.kiosk-info-meta').textContent",
                           30000))

    try:
        wait_for(lambda: page_js(Wrapped, "document.documentElement.dataset.kioskReady || ''",
                                 30000) == "true", 60000)
        # The viewer's "now" is the clock fixture's: Monday 2026-11-23 09:00 in Seoul.
        now_ms = int(clock().timestamp() * 1000)
        page_js(Wrapped, f"Date.now = function () {{ return {now_ms}; }}; 1", 30000)
        today = meta_of(ids["망원역 1번출구 앞"])
        assert today.endswith("08:59 기준"), today
        assert "2026" not in today and "T" not in today
        yesterday = meta_of(ids["길음시장 입구"])
        assert yesterday.endswith("2026-11-22 23:59 기준"), yesterday
        page_js(Wrapped, "KioskMap.invoke('setLanguage', ['en']); 1", 30000)
        assert meta_of(ids["망원역 1번출구 앞"]).endswith("as of 08:59")
        # The next day the same figure shows its date.
        page_js(Wrapped, f"Date.now = function () {{ return {now_ms + 86_400_000}; }}; 1",
                30000)
        assert meta_of(ids["망원역 1번출구 앞"]).endswith("as of 2026-11-23 08:59")
    finally:
        view.close()
        view.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
