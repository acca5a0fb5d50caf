"""행사 at the desk: a volunteer offers an event, signs households up on their behalf,
sees the seats taken and left, gives a seat back, and prints and saves the attendance
sheet, all with the real buttons."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtPdf import QPdfDocument

from kiosk.admin import events_tab
from kiosk.admin.events_tab import EventsTab
from kiosk.domain.admin_accounts import AdminAccount
from kiosk.domain.clock import SEOUL
from tests.admin.test_desk_clicks import (
    OFFSCREEN_LIMITS,
    FilePicker,
    click,
    click_row,
    shown,
    type_date,
    type_text,
)
from tests.admin.test_ui import pdf_printer, session_for
from tests.builders import add_household

pytestmark = [
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore(*OFFSCREEN_LIMITS),
]


def pdf_text(path: Path) -> str:
    document = QPdfDocument()
    assert document.load(str(path)) == QPdfDocument.Error.None_
    text = "".join(document.getAllText(0).text().split())
    document.close()
    return text


def test_a_volunteer_offers_an_event_and_fills_its_seats(
        qtbot: Any, desk: Any, staff: AdminAccount) -> None:
    for unit in ("1203", "302", "704"):
        add_household(desk.services, "101", unit)
    session, _notes = session_for(desk, staff)  # a volunteer, not only managers
    tab = shown(qtbot, EventsTab(session))
    assert not tab.sign_up_button.isEnabled() and not tab.print_button.isEnabled()
    click(qtbot, tab.add_button)
    assert tab.message.full == "행사 이름을 적어 주세요." and tab.message.error
    type_text(qtbot, tab.title, "옥상 텃밭 모종 나눔")
    type_text(qtbot, tab.place, "102동 옥상")
    type_date(qtbot, tab.start, "2026-11-28 10:00")
    type_date(qtbot, tab.end, "2026-11-28 12:00")
    type_text(qtbot, tab.seats, "2")
    assert tab.seats.value() == 2
    click(qtbot, tab.until_start)
    type_date(qtbot, tab.until, "2026-11-29 18:00")
    click(qtbot, tab.add_button)
    assert tab.message.full == "신청 마감이 시작보다 늦습니다."
    assert tab.title.text() == "옥상 텃밭 모종 나눔"  # kept
    type_date(qtbot, tab.until, "2026-11-27 18:00")
    click(qtbot, tab.add_button)
    assert tab.message.full == "행사를 올렸습니다: 옥상 텃밭 모종 나눔" and not tab.message.error
    [offered] = desk.events.upcoming()
    event = offered.event
    assert (event.start, event.end, event.seats, event.place, event.fee_won, event.deadline,
            event.created_by) == (
        datetime(2026, 11, 28, 10, 0, tzinfo=SEOUL), datetime(2026, 11, 28, 12, 0, tzinfo=SEOUL),
        2, "102동 옥상", 0, datetime(2026, 11, 27, 18, 0, tzinfo=SEOUL), "admin:lee")
    row = [tab.table.item(0, c).text() for c in range(tab.table.columnCount())]
    assert row == ["2026-11-28 10:00", "옥상 텃밭 모종 나눔", "102동 옥상", "0/2", "2", "무료"]
    assert tab.chosen() is not None  # the new event is chosen, ready for sign-ups
    # On a household's behalf: 동-호, then the button; refusals say why.
    for label in ("101-1203", "101-302"):
        type_text(qtbot, tab.household, label)
        click(qtbot, tab.sign_up_button)
        assert tab.message.full == f"{label} 세대를 신청했습니다: 옥상 텃밭 모종 나눔"
    assert [tab.attendee_list.item(i).text() for i in range(tab.attendee_list.count())] == [
        "101-302", "101-1203"]
    assert tab.table.item(0, 3).text() == "2/2" and tab.table.item(0, 4).text() == "마감"
    assert tab.chosen_label.text() == "옥상 텃밭 모종 나눔: 2세대 신청, 남은 자리 0"
    type_text(qtbot, tab.household, "101-704")
    click(qtbot, tab.sign_up_button)
    assert tab.message.full == "101-704: 자리가 모두 찼습니다." and tab.message.error
    type_text(qtbot, tab.household, "101-1203")
    click(qtbot, tab.sign_up_button)
    assert tab.message.full == "101-1203: 이미 신청한 세대입니다."
    type_text(qtbot, tab.household, "909-1")
    click(qtbot, tab.sign_up_button)
    assert "등록되지 않은 세대입니다" in tab.message.full
    # A seat given back, then taken by the household that was waiting.
    assert not tab.withdraw_button.isEnabled()
    click_row(qtbot, tab.attendee_list, 1)
    click(qtbot, tab.withdraw_button)
    assert tab.message.full == "101-1203 세대의 신청을 취소했습니다."
    type_text(qtbot, tab.household, "101-704")
    click(qtbot, tab.sign_up_button)
    assert [s.household for s in desk.events.attendees(event.id)] == ["101-302", "101-704"]
    with desk.bookings.uow() as uow:
        history = [(e.actor, e.action) for e in uow.audit.for_entity("event", str(event.id))]
    assert history == [("admin:lee", "event.add"), ("admin:lee", "event.signup"),
                       ("admin:lee", "event.signup"), ("admin:lee", "event.cancel"),
                       ("admin:lee", "event.signup")]


def test_the_attendance_sheet_prints_and_saves_with_the_households_only(
        qtbot: Any, desk: Any, manager: AdminAccount, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from kiosk.domain.events import Event

    session, _notes = session_for(desk, manager)
    first = add_household(desk.services, "101", "1203")
    second = add_household(desk.services, "102", "502", pin="8642")
    made = desk.events.add(Event(
        title_ko="자전거 수리의 날", start=datetime(2026, 11, 29, 14, 0, tzinfo=SEOUL),
        end=datetime(2026, 11, 29, 16, 0, tzinfo=SEOUL), seats=10, place="101동 자전거 보관소",
        fee_won=2000), session.actor)
    assert made.id is not None
    for household in (first, second):
        desk.events.sign_up(made.id, household, session.actor)
    tab = shown(qtbot, EventsTab(session))
    assert tab.table.item(0, 5).text() == "2,000원"
    click_row(qtbot, tab.table, 0)
    picker = FilePicker(monkeypatch)
    picker.answers.append(tmp_path / "sheet.pdf")
    click(qtbot, tab.save_button)
    assert Path(picker.asked[0][1]).name == f"attendance-2026-11-29-{made.id}.pdf"
    assert tab.message.full == "출석부를 저장했습니다: sheet.pdf"
    text = pdf_text(tmp_path / "sheet.pdf")
    for shown_text in ("자전거수리의날", "출석부", "2026-11-2914:00", "16:00", "101동자전거보관소",
                       "101-1203", "102-502", "신청2세대/10자리"):
        assert shown_text in text, shown_text
    assert "8642" not in text  # 동·호 only: never a PIN
    printed = tmp_path / "printed.pdf"
    monkeypatch.setattr(events_tab, "choose_printer", lambda *_args: pdf_printer(printed))
    click(qtbot, tab.print_button)
    assert tab.message.full == "출석부를 인쇄했습니다."
    assert "102-502" in pdf_text(printed)
