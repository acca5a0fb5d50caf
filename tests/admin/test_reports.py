"""Report figures against bookings made in the test; exports opened back and checked."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.domain.bookings import BookingStatus
from kiosk.domain.clock import SEOUL
from kiosk.domain.policy import BookingRequest
from kiosk.services.reports import Period, write_csv
from kiosk.services.spreadsheet import write_xlsx
from tests.builders import KIOSK, MANAGER, add_household, add_resource

MONDAY = date(2026, 11, 23)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SEOUL)


def known_week(desk: Any, clock: Any) -> dict[str, str]:
    """Room (capacity 2, always open): 3 counted bookings, 4 unit-hours, 1 no-show,
    1 cancellation; households 101-1203 and 102-302 each 2 unit-hours."""
    add_resource(desk.services, capacity=2, max_units_per_booking=2)
    a = add_household(desk.services, "101", "1203")
    b = add_household(desk.services, "102", "302")
    book = desk.bookings.book
    b1 = book(BookingRequest("room", at(23, 10), at(23, 12)), a, KIOSK)
    b2 = book(BookingRequest("room", at(24, 14), at(24, 15), units=2), b, KIOSK)
    b3 = book(BookingRequest("room", at(25, 9), at(25, 10)), a, KIOSK)
    b4 = book(BookingRequest("room", at(23, 13), at(23, 14)), b, KIOSK)
    desk.bookings.cancel(b3.code, MANAGER, reason="세대 요청")
    clock.now = at(23, 13, 20)
    desk.bookings.mark_no_show(b4.code, MANAGER)
    return {"b1": b1.code, "b2": b2.code, "b3": b3.code, "b4": b4.code}


def test_weekly_usage_heat_map_and_shares(desk: Any, clock: Any) -> None:
    known_week(desk, clock)
    report = desk.reports.report(MONDAY, date(2026, 11, 29), Period.WEEK)
    [row] = report.usage
    assert (row.resource_id, row.period_start) == ("room", MONDAY)
    assert (row.bookings, row.hours, row.no_shows, row.cancellations) == (3, 4.0, 1, 1)
    assert row.open_hours == 2 * 24 * 7
    assert row.utilisation == round(100 * 4 / 336, 1)
    assert report.heat[0][10] == 1.0 and report.heat[0][11] == 1.0
    assert report.heat[1][14] == 2.0
    assert report.heat[0][13] == 0.0  # the no-show is not use
    assert sum(map(sum, report.heat)) == 4.0
    assert [(s.household, s.bookings, s.hours, s.share) for s in report.shares] == [
        ("101-1203", 1, 2.0, 50.0), ("102-302", 1, 2.0, 50.0)]


def test_monthly_rows_cover_only_the_days_asked(desk: Any, clock: Any) -> None:
    known_week(desk, clock)
    report = desk.reports.report(MONDAY, date(2026, 12, 6), Period.MONTH)
    assert [(r.period_start, r.bookings) for r in report.usage] == [
        (date(2026, 11, 1), 3), (date(2026, 12, 1), 0)]
    assert report.usage[0].open_hours == 2 * 24 * 8  # 23-30 November
    assert report.usage[1].open_hours == 2 * 24 * 6  # 1-6 December


def test_daily_sheet_lists_today_except_cancelled(desk: Any, clock: Any) -> None:
    codes = known_week(desk, clock)
    lines = desk.reports.daily_sheet(MONDAY)
    assert [(line.code, line.status) for line in lines] == [
        (codes["b1"], BookingStatus.CONFIRMED), (codes["b4"], BookingStatus.NO_SHOW)]
    assert lines[0].household == "101-1203" and lines[0].resource == "커뮤니티룸"


def test_xlsx_and_csv_exports_read_back(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    header = ["자원", "예약", "이용률 %"]
    rows = [["커뮤니티룸", 3, 1.2], ["마을 자전거", 0, 0.0]]
    write_xlsx(tmp_path / "r.xlsx", [("자원별 이용", header, rows),
                                     ("세대별", ["세대"], [["101-1203"]])])
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["자원별 이용", "세대별"]
    values = [list(r) for r in book["자원별 이용"].iter_rows(values_only=True)]
    assert values == [header, *rows]
    assert book["자원별 이용"]["A1"].font.bold
    write_csv(tmp_path / "r.csv", header, rows)
    raw = (tmp_path / "r.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads Korean only with the BOM
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle)) == [header, ["커뮤니티룸", "3", "1.2"],
                                            ["마을 자전거", "0", "0.0"]]
    assert not list(tmp_path.glob("*.part"))
