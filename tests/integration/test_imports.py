"""CSV and resource imports are all-or-nothing with line-numbered errors."""

from __future__ import annotations

import pytest

from kiosk.app import DEMO_DIR, read_resource_file
from kiosk.services.importing import ImportRefused
from tests.builders import MANAGER, STAFF, add_household, add_resource


def household_count(services) -> int:  # type: ignore[no-untyped-def]
    with services.bookings.uow() as uow:
        return len(uow.households.list())


def test_good_household_csv_is_imported_and_pins_work(services) -> None:  # type: ignore[no-untyped-def]
    raw = "building,unit,pin,plates,active\n101,1203,1234,12가3456,yes\n102동,302호,0302,,yes\n"
    assert services.village.import_households(raw.encode("utf-8-sig"), STAFF) == (2, 0)
    assert services.bookings.verify_household("102", "302", "0302").plates == ()
    assert services.bookings.verify_household("101", "1203", "1234").plates == ("12가3456",)


@pytest.mark.parametrize("body,expected", [
    ("101,1203,1234,,yes\n101,1203,5678,,yes\n", ["line 3: 101-1203 repeats line 2"]),
    ("101,1203,12,,yes\n", ["line 2: PIN must be 4 digits"]),
    ("101,1203,1234,AB1234,yes\n", ["line 2: not a Korean vehicle plate: AB1234"]),
    ("abc,1203,1234,,yes\n101,1204,1234,,maybe\n",
     ["line 2: 동·호는 1~5자리 숫자여야 합니다 / building and unit must be numbers of 1-5 "
      "digits: 'abc', '1203'",
      "line 3: active must be yes or no, got 'maybe'"]),
    # A 40-digit unit passes "is it digits" but not the column: refused here, by line.
    ("101," + "1" * 40 + ",1234,,yes\n",
     ["line 2: 동·호는 1~5자리 숫자여야 합니다 / building and unit must be numbers of 1-5 "
      "digits: '101', '111111111111'"]),
])
def test_bad_household_rows_are_refused_with_line_numbers(services, body, expected) -> None:  # type: ignore[no-untyped-def]
    add_household(services, "999", "101")
    raw = ("building,unit,pin,plates,active\n105,101,1111,,yes\n" + body).encode()
    with pytest.raises(ImportRefused) as excinfo:
        services.village.import_households(raw, STAFF)
    shifted = [e.replace("line 3", "line 4").replace("line 2", "line 3") for e in expected]
    assert [str(e) for e in excinfo.value.errors] == shifted
    assert household_count(services) == 1  # the good first row was not written either


def test_wrong_encoding_and_missing_columns_are_refused(services) -> None:  # type: ignore[no-untyped-def]
    utf16 = "building,unit,pin\n101,1203,1234\n".encode("utf-16")
    with pytest.raises(ImportRefused) as excinfo:
        services.village.import_households(utf16, STAFF)
    assert "neither UTF-8 nor CP949" in str(excinfo.value)
    with pytest.raises(ImportRefused) as excinfo:
        services.village.import_households(b"dong,ho\n101,1203\n", STAFF)
    assert "missing column(s): building, unit" in str(excinfo.value)
    assert household_count(services) == 0


def test_cp949_from_korean_excel_is_accepted(services) -> None:  # type: ignore[no-untyped-def]
    raw = "building,unit,pin,plates\n101동,1203호,1234,12가3456\n".encode("cp949")
    assert services.village.import_households(raw, STAFF) == (1, 0)


def test_booking_csv_bad_dates_unknown_resources_are_refused_whole(services) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, capacity=3)
    add_household(services)
    raw = (b"resource,household,start,end,units\n"
           b"room,101-1203,2026-11-24T10:00+09:00,2026-11-24T11:00+09:00,1\n"
           b"room,101-1203,2026-13-01T10:00+09:00,2026-11-24T11:00+09:00,1\n")
    with pytest.raises(ImportRefused) as excinfo:
        services.village.import_bookings(raw, MANAGER, services.bookings)
    assert str(excinfo.value.errors[0]).startswith("line 3: ")
    raw = (b"resource,household,start,end\n"
           b"room,101-1203,2026-11-24T10:00+09:00,2026-11-24T11:00+09:00\n"
           b"sauna,101-1203,2026-11-24T10:00+09:00,2026-11-24T11:00+09:00\n"
           b"room,101-9999,2026-11-24T10:00+09:00,2026-11-24T11:00+09:00\n")
    with pytest.raises(ImportRefused) as excinfo:
        services.village.import_bookings(raw, MANAGER, services.bookings)
    assert [str(e) for e in excinfo.value.errors] == [
        "line 3: unknown resource sauna", "line 4: unknown household 101-9999"]
    with services.bookings.uow() as uow:
        assert uow.bookings.search() == []


def test_demo_village_file_loads_and_round_trips(services) -> None:  # type: ignore[no-untyped-def]
    records = read_resource_file(DEMO_DIR / "village.toml")
    assert services.village.import_resources(records, MANAGER) == len(records)
    exported = services.village.export_resources()
    assert {r["id"] for r in exported} == {r["id"] for r in records}
    parking = next(r for r in exported if r["id"] == "parking-b2-north")
    assert parking["rules"]["plate_required"] is True
    assert parking["rules"]["quotas"] == [{"period": "day", "max_bookings": 1},
                                          {"period": "week", "max_minutes": 600}]
    assert services.village.import_resources(exported, MANAGER) == len(records)


def test_bad_resource_records_are_refused(services) -> None:  # type: ignore[no-untyped-def]
    records = [
        {"id": "ok", "kind": "space", "name_ko": "방", "lat": 37.6, "lon": 127.0},
        {"id": "bad-kind", "kind": "castle", "name_ko": "성", "lat": 37.6, "lon": 127.0},
        {"id": "bad-rule", "kind": "space", "name_ko": "방", "lat": 37.6, "lon": 127.0,
         "rules": {"slot_minutes": 7}},
        {"id": "no-name", "kind": "space", "lat": 37.6, "lon": 127.0},
    ]
    with pytest.raises(ImportRefused) as excinfo:
        services.village.import_resources(records, MANAGER)
    assert [e.line for e in excinfo.value.errors] == [2, 3, 4]
    assert services.village.export_resources() == []
