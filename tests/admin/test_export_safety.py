"""Exports never carry a live formula: ids are refused at import, XLSX text stays text,
CSV cells that a spreadsheet would run start with ``'``; every export is checked."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.admin.reports_tab import ReportsTab
from kiosk.domain.bookings import Actor
from kiosk.domain.clock import SEOUL
from kiosk.domain.policy import BookingRequest
from kiosk.domain.resources import Location, Resource, ResourceKind
from kiosk.services.admin_accounts import DeskRefusal, DeskRefused, actor_of
from kiosk.services.importing import ImportRefused
from kiosk.services.spreadsheet import csv_cell
from tests.admin.test_desk_clicks import (
    OFFSCREEN_LIMITS,
    FilePicker,
    click,
    session_for,
    shown,
    type_date,
    wait_for_report,
)
from tests.builders import KIOSK, add_household

EVIL_NAME = "=cmd|' /C calc'!A0"
ACTOR = Actor("admin", "test", is_manager=True)


def record(resource_id: str, name: str = "커뮤니티룸") -> dict[str, Any]:
    return {"id": resource_id, "kind": "space", "name_ko": name, "lat": 37.6, "lon": 127.0}


@pytest.mark.parametrize(("value", "written"), [
    ("=1+2", "'=1+2"), ("+82-10", "'+82-10"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("커뮤니티룸", "커뮤니티룸"), ("101-1203", "101-1203"),
    (3, 3), (-1.5, -1.5), ("", ""),
])
def test_a_csv_cell_that_would_start_a_formula_gets_a_quote(value: object,
                                                            written: object) -> None:
    assert csv_cell(value) == written


def test_resource_ids_outside_a_z_0_9_and_dash_are_refused_with_their_line(
        services: Any) -> None:
    records = [record("room-ok"), record("=1+2"), record("Room A"), record("tool_drill")]
    with pytest.raises(ImportRefused) as refused:
        services.village.import_resources(records, ACTOR)
    lines = [(e.line, e.message) for e in refused.value.errors]
    assert [line for line, _ in lines] == [2, 3, 4]
    assert "a-z, 0-9 and -" in lines[0][1] and "'=1+2'" in lines[0][1]
    assert services.village.export_resources() == []  # all or nothing
    # A name is free text: it is accepted, and made harmless where it is exported.
    assert services.village.import_resources([record("room-ok", EVIL_NAME)], ACTOR) == 1


def test_the_desk_refuses_a_new_resource_id_with_formula_characters(
        desk: Any, manager: Any) -> None:
    bad = Resource("=1+2", ResourceKind.SPACE, "방", "Room", Location(37.6, 127.0))
    with pytest.raises(DeskRefused) as refused:
        desk.resources.save(bad, actor_of(manager), new=True)
    assert refused.value.reason is DeskRefusal.INVALID
    assert desk.resources.resources() == []


@pytest.mark.qt_log_ignore(*OFFSCREEN_LIMITS)
def test_desk_report_csv_xlsx_and_day_sheet_keep_a_formula_name_as_text(
        qtbot: Any, desk: Any, manager: Any, clock: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook
    from PySide6.QtPdf import QPdfDocument

    desk.services.village.import_resources([record("room", EVIL_NAME)], ACTOR)
    household = add_household(desk.services, "101", "1203")
    start = clock.now + timedelta(hours=2)
    desk.bookings.book(BookingRequest("room", start, start + timedelta(hours=1)),
                       household, KIOSK)
    session, notes = session_for(desk, manager)
    tab = shown(qtbot, ReportsTab(session))
    picker = FilePicker(monkeypatch)
    type_date(qtbot, tab.first, "2026-11-23")
    type_date(qtbot, tab.last, "2026-11-29")
    click(qtbot, tab.run_button)
    wait_for_report(qtbot, tab, date(2026, 11, 23), date(2026, 11, 29))
    usage_csv, usage_xlsx, sheet = (tmp_path / "u.csv", tmp_path / "u.xlsx", tmp_path / "d.pdf")
    picker.answers += [usage_csv, usage_xlsx, sheet]

    click(qtbot, tab.csv_button)
    with usage_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1][0] == "'" + EVIL_NAME
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)

    click(qtbot, tab.xlsx_button)
    with zipfile.ZipFile(usage_xlsx) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in xml or b"<f " in xml for xml in sheets)
    usage = load_workbook(usage_xlsx)["자원별 이용"]
    cell = usage["A2"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (EVIL_NAME, "s", True)
    assert all(c.data_type in ("s", "n") for row in usage.iter_rows() for c in row
               if c.value is not None)

    click(qtbot, tab.sheet_button)
    document = QPdfDocument()
    assert document.load(str(sheet)) == QPdfDocument.Error.None_
    text = "".join(document.getAllText(0).text().split())
    document.close()
    assert "=cmd|'/Ccalc'!A0" in text  # printed as the letters it is
    assert notes.errors == []


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from kiosk.domain.clock import CLOCK_START_ENV

    monkeypatch.setenv(CLOCK_START_ENV, datetime(2026, 11, 23, 9, tzinfo=SEOUL).isoformat())
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    (tmp_path / "kiosk.toml").write_text('[kiosk]\nid = "lobby-test"\n', encoding="utf-8")
    return tmp_path


def test_cli_refuses_a_formula_id_and_exports_old_ones_quoted(
        cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.app import build_services
    from kiosk.cli import main
    from kiosk.config import load_settings

    assert main(["demo", "--no-bookings"]) == 0
    bad = cli_env / "bad.json"
    bad.write_text(json.dumps({"resource": [record("ok-1"), record("=1+2", EVIL_NAME)]}),
                   encoding="utf-8")
    capsys.readouterr()
    assert main(["resources", "import", str(bad)]) == 2
    assert "line 2" in capsys.readouterr().err
    # A database from before the rule may still hold such an id: it is exported quoted.
    services = build_services(load_settings())
    try:
        with services.bookings.uow(write=True) as uow:
            uow.resources.save(Resource("=1+2", ResourceKind.SPACE, EVIL_NAME, "x",
                                        Location(37.6066, 127.0237)), services.bookings.clock())
            uow.commit()
    finally:
        services.close()
    assert main(["bookings", "create", "--resource", "=1+2", "--household", "101-1203",
                 "--start", "2026-11-24T10:00", "--end", "2026-11-24T11:00"]) == 0
    capsys.readouterr()
    assert main(["bookings", "export", "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert [row[1] for row in rows[1:]] == ["'=1+2"]
    out = cli_env / "households.csv"
    assert main(["households", "export", str(out)]) == 0
    exported = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert len(exported) == 201
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in exported for cell in row)
