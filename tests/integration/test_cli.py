"""The `kiosk` command, in-process, against an SQLite file."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.domain.clock import CLOCK_START_ENV, SEOUL
from kiosk.storage import migrate

# The command runs on the test's calendar: Monday 2026-11-23 09:00 in Seoul.
TODAY = datetime(2026, 11, 23, 9, 0, tzinfo=SEOUL)


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CLOCK_START_ENV, TODAY.isoformat())
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    (tmp_path / "kiosk.toml").write_text('[kiosk]\nid = "lobby-test"\n', encoding="utf-8")
    return tmp_path


def tomorrow(hour: int) -> str:
    day = TODAY.date() + timedelta(days=1)
    return datetime(day.year, day.month, day.day, hour, tzinfo=SEOUL).isoformat()


def test_demo_then_book_then_cancel(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--no-bookings"]) == 0
    assert "11 resources, 200 households" in capsys.readouterr().out
    assert main(["demo"]) == 2  # refuses to overwrite without --reset
    def create(household: str) -> int:
        return main(["bookings", "create", "--resource", "room-community", "--household",
                     household, "--start", tomorrow(10), "--end", tomorrow(11)])

    assert create("101-102") == 0
    code = capsys.readouterr().out.strip()
    assert len(code) == 6
    # Same slot again: the room has one unit → not available, exit 3.
    assert create("101-303") == 3
    assert "just taken" in capsys.readouterr().err
    assert main(["bookings", "list", "--csv"]) == 0
    listed = capsys.readouterr().out
    assert code in listed and listed.startswith("code,resource,household")
    assert main(["bookings", "cancel", code]) == 0
    assert main(["bookings", "cancel", "ZZZZZZ"]) == 2


@pytest.mark.parametrize("args", [
    ["bookings", "create", "--resource", "room-community", "--household", "nonsense",
     "--start", "2026-12-01T10:00", "--end", "2026-12-01T11:00"],
    ["bookings", "create", "--resource", "room-community", "--household", "101-102",
     "--start", "tomorrow", "--end", "2026-12-01T11:00"],
    ["households", "import", "/nonexistent.csv"],
])
def test_bad_input_exits_2(cli_env: Path, args: list[str]) -> None:
    assert main(["demo", "--no-bookings"]) == 0
    assert main(args) == 2


def test_household_import_refusal_lists_lines(cli_env: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    bad = cli_env / "bad.csv"
    bad.write_text("building,unit,pin\n101,1203,1234\n101,1203,1234\n", encoding="utf-8")
    assert main(["households", "import", str(bad)]) == 2
    assert "line 3: 101-1203 repeats line 2" in capsys.readouterr().err
    out = cli_env / "out.csv"
    assert main(["households", "export", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == "building,unit,plates,active\n"


def test_config_show_names_origins(cli_env: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_DATABASE_URL", "postgresql://k:secret@db/village")
    assert main(["config", "show"]) == 0
    out = capsys.readouterr().out
    assert f"{cli_env / 'kiosk.toml'}:2" in out  # kiosk.id from line 2
    assert "environment KIOSK_DATABASE_URL" in out
    assert "secret" not in out


def test_bad_config_value_names_key_file_and_line(cli_env: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (cli_env / "kiosk.toml").write_text('[kiosk]\nid = "ok"\nlat = 52.5\n', encoding="utf-8")
    assert main(["config", "show"]) == 2
    err = capsys.readouterr().err
    assert f"{cli_env / 'kiosk.toml'}:3: kiosk.lat must be between 33.0 and 39.0" in err


def test_db_upgrade_is_idempotent(cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    assert "(was empty)" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    head = migrate.head_revision()
    assert f"database at revision {head} (was {head})" in capsys.readouterr().out


def test_a_40_digit_unit_is_refused_by_line_without_a_traceback(
        cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--no-bookings"]) == 0
    bad = cli_env / "long.csv"
    bad.write_text("building,unit,pin\n101,9999,1234\n101," + "1" * 40 + ",1234\n",
                   encoding="utf-8")
    out = cli_env / "before.csv"
    assert main(["households", "export", str(out)]) == 0
    capsys.readouterr()
    assert main(["households", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "line 3: 동·호는 1~5자리 숫자여야 합니다" in err and "Traceback" not in err
    after = cli_env / "after.csv"
    assert main(["households", "export", str(after)]) == 0
    assert after.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")  # nothing


def test_booking_on_a_full_disk_says_so_and_writes_nothing(
        cli_env: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The booking's INSERT fails as SQLite fails on a full disk (SQLITE_FULL)."""
    import sqlite3

    from sqlalchemy import event

    from kiosk.storage import engine as engine_module

    assert main(["demo", "--no-bookings"]) == 0
    real = engine_module.create_db_engine

    def full(url: str, busy_timeout_ms: int = 15000) -> object:
        made = real(url, busy_timeout_ms)

        @event.listens_for(made, "before_cursor_execute")
        def _no_space(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
            if statement.lstrip().upper().startswith("INSERT INTO BOOKINGS"):
                raise sqlite3.OperationalError("database or disk is full")

        return made

    monkeypatch.setattr(engine_module, "create_db_engine", full)
    monkeypatch.setattr("kiosk.app.create_db_engine", full)
    capsys.readouterr()
    code = main(["bookings", "create", "--resource", "room-community", "--household",
                 "101-1203", "--start", tomorrow(10), "--end", tomorrow(11)])
    err = capsys.readouterr().err
    assert code == 1, err
    assert err.startswith("kiosk: 저장 공간이 부족해 아무것도 기록하지 않았습니다")
    assert "The disk is full" in err and "Traceback" not in err
    monkeypatch.setattr(engine_module, "create_db_engine", real)  # room on the disk again
    monkeypatch.setattr("kiosk.app.create_db_engine", real)
    assert main(["bookings", "list", "--csv"]) == 0
    assert capsys.readouterr().out.strip().count("\n") == 0  # the header line only


def test_heartbeats_exits_3_while_a_kiosk_is_silent(
        cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.config import load_settings
    from kiosk.services.heartbeat import HeartbeatService, Measurements
    from kiosk.storage.engine import create_db_engine
    from kiosk.storage.heartbeats import SqlHeartbeatStore

    assert main(["demo", "--no-bookings"]) == 0
    engine = create_db_engine(load_settings().effective_database_url)
    store = SqlHeartbeatStore(engine)

    def beat(kiosk_id: str, at: datetime) -> None:
        HeartbeatService(store, lambda: at, kiosk_id, "0.1.0",
                         lambda: Measurements(None, None), interval_s=60).beat()

    try:
        beat("lobby-101", TODAY)
        beat("lobby-102", TODAY - timedelta(minutes=10))  # three intervals are 3 minutes
        capsys.readouterr()
        assert main(["heartbeats"]) == 3
        captured = capsys.readouterr()
        assert "lobby-102" in captured.err and "lobby-101" not in captured.err
        assert "SILENT" in captured.out
        beat("lobby-102", TODAY)
        assert main(["heartbeats"]) == 0
    finally:
        engine.dispose()


def test_neighbours_add_list_book_and_deactivate(cli_env: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--no-bookings"]) == 0
    capsys.readouterr()
    assert main(["neighbours", "add", "--name", "박민수", "--phone", "010-2222-9999",
                 "--pin", "4321"]) == 0
    out = capsys.readouterr().out
    member = out.splitlines()[0]
    assert member == "N-0003"  # the demo registers N-0001 and N-0002
    assert "PIN: 4321" in out and "박*수" in out and "2222" not in out
    assert main(["neighbours", "add", "--name", "누구", "--phone", "01022229999"]) == 2
    assert "phone 010-****-9999 is N-0003" in capsys.readouterr().err
    assert main(["neighbours", "list"]) == 0
    listed = capsys.readouterr().out
    assert "N-0003  박민수  010-****-9999  active" in listed and "2222" not in listed

    def create(resource: str, hour: int) -> int:
        return main(["bookings", "create", "--resource", resource, "--neighbour", member,
                     "--start", tomorrow(hour), "--end", tomorrow(hour + 1)])

    assert create("parking-b2-north", 10) == 3
    assert "for residents of the complex only" in capsys.readouterr().err
    assert create("tool-ladder", 10) == 0
    code = capsys.readouterr().out.strip()
    assert main(["bookings", "export", "--csv", "--from", TODAY.date().isoformat()]) == 0
    exported = capsys.readouterr().out
    assert f"{code},tool-ladder,이웃 N-0003 박*수" in exported and "2222" not in exported
    assert main(["neighbours", "deactivate", member]) == 0
    assert "1 booking(s) ahead cancelled" in capsys.readouterr().out
    assert create("tool-ladder", 12) == 3
    assert main(["bookings", "create", "--resource", "tool-ladder", "--neighbour", "N-0999",
                 "--start", tomorrow(10), "--end", tomorrow(11)]) == 2


def test_the_demo_months_fee_statement_adds_up_to_its_bookings_fees_and_penalties(
        cli_env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import csv

    from openpyxl import load_workbook

    from kiosk.app import build_services
    from kiosk.config import load_settings
    from kiosk.domain.fees import booking_fee
    from kiosk.services.fees import CHARGED

    assert main(["demo"]) == 0
    capsys.readouterr()
    lines_csv, book_xlsx = cli_env / "fees.csv", cli_env / "fees.xlsx"
    assert main(["fees", "statement", "--month", "2026-11", "--csv", str(lines_csv)]) == 0
    assert main(["fees", "statement", "--month", "2026-11", "--xlsx", str(book_xlsx)]) == 0
    assert main(["fees", "statement", "--month", "2026-11"]) == 0
    printed = capsys.readouterr().out
    # What the bookings cost, worked out again from the demo's rules and the audit log.
    services = build_services(load_settings(cli_env / "kiosk.toml"))
    try:
        with services.bookings.uow() as uow:
            rules = {r.id: r.rules.fees for r in uow.resources.list()}
            november = [b for b in uow.bookings.search(
                start_from=datetime(2026, 11, 1, tzinfo=SEOUL),
                start_before=datetime(2026, 12, 1, tzinfo=SEOUL))]
            penalties = {e.entity_id: e.details.get("penalty", 0)
                         for b in november for e in uow.audit.for_entity("booking", b.code)
                         if e.action == "booking.cancel"}
    finally:
        services.close()
    uses = {b.code: booking_fee(rules[b.resource_id], b.minutes, b.units,
                                b.neighbour_id is not None)
            for b in november if b.status in CHARGED}
    expected = sum(uses.values()) + sum(penalties.values())
    assert sum(1 for fee in uses.values() if fee) >= 3 and sum(penalties.values()) > 0
    with lines_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sum(int(r["total_won"]) for r in rows) == expected
    assert sum(int(r["use_won"]) for r in rows) == sum(uses.values())
    assert sum(int(r["penalty_won"]) for r in rows) == sum(penalties.values())
    assert {r["party"] for r in rows if not r["building"]} == {"이웃 N-0001 홍*동",
                                                               "이웃 N-0002 김*희"}
    book = load_workbook(book_xlsx)
    assert book.sheetnames == ["statement", "resources", "charges"]
    per_resource = list(book["resources"].iter_rows(min_row=2, values_only=True))
    assert {name for name, *_ in per_resource} == {"Community room", "Shared kitchen"}
    assert sum(total for *_, total in per_resource) == expected
    assert f"total {expected:,} won" in printed and "010" not in printed
    assert main(["fees", "statement", "--month", "2026-13"]) == 2
    assert "month must look like 2026-11" in capsys.readouterr().err
