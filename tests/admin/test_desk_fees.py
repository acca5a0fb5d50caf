"""The 이용료 tab and the fee parts of other desk screens, used by clicking their buttons:
the month's statement, moving between months, exports, corrections all or nothing, the
resource dialog's fee tab, and waiving a penalty when the village cancels."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox

from kiosk.admin.bookings_tab import BookingsTab
from kiosk.admin.dialogs import ReasonDialog
from kiosk.admin.fees_tab import CorrectionDialog, FeesTab
from kiosk.admin.resources_tab import ResourceDialog, ResourcesTab
from kiosk.domain.admin_accounts import AdminAccount
from kiosk.domain.clock import SEOUL
from kiosk.domain.fees import FeeAmounts, NeighbourFees, PenaltyTier
from kiosk.domain.policy import BookingRequest
from kiosk.domain.rules import Audience
from tests.admin.test_desk_clicks import (
    OFFSCREEN_LIMITS,
    FilePicker,
    answering,
    click,
    click_row,
    settle,
    shown,
    type_text,
)
from tests.admin.test_ui import session_for
from tests.builders import KIOSK, MANAGER, add_household, add_resource
from tests.unit.test_fees import KITCHEN, ROOM

pytestmark = [
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore(*OFFSCREEN_LIMITS),
]


def at(day: int, hour: int) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=SEOUL)


def a_month_of_fees(desk: Any, clock: Any) -> dict[str, Any]:
    """101-1203 uses the room (7,500) and the kitchen (3,000); 102-302 cancels a room
    booking three days ahead (30 % of 12,500 = 3,750); a neighbour uses the kitchen."""
    services = desk.services
    for resource_id, fees in (("room", ROOM), ("kitchen", KITCHEN)):
        add_resource(services, resource_id, slot_minutes=60, min_duration=60, fees=fees,
                     open_to=Audience.NEIGHBOURS)
    first = add_household(services, "101", "1203")
    second = add_household(services, "102", "302")
    member = desk.neighbours.add("홍길동", "010-0000-1234", "1234", MANAGER)
    book = desk.bookings.book
    book(BookingRequest("room", at(24, 10), at(24, 12)), first, KIOSK)
    book(BookingRequest("kitchen", at(25, 10), at(25, 11)), first, KIOSK)
    gone = book(BookingRequest("room", at(26, 10), at(26, 13)), second, KIOSK)
    desk.bookings.book_neighbour(BookingRequest("kitchen", at(26, 14), at(26, 15)),
                                 member.id, KIOSK)
    clock.advance(minutes=30)
    desk.bookings.cancel(gone.code, KIOSK, second)
    return {"first": first, "second": second, "member": member}


def fees_page(qtbot: Any, desk: Any, manager: AdminAccount) -> tuple[FeesTab, Any]:
    session, notes = session_for(desk, manager)
    tab = shown(qtbot, FeesTab(session))  # opening the tab reads this month at once
    wait_ready(qtbot, tab)
    return tab, notes


def wait_ready(qtbot: Any, tab: FeesTab) -> None:
    qtbot.waitUntil(lambda: tab.ready, timeout=10_000)


def column(tab: FeesTab, c: int) -> list[str]:
    return [tab.lines.item(r, c).text() for r in range(tab.lines.rowCount())]


def test_fees_tab_shows_the_month_moves_between_months_and_exports(
        qtbot: Any, desk: Any, manager: AdminAccount, clock: Any,
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    a_month_of_fees(desk, clock)
    tab, notes = fees_page(qtbot, desk, manager)
    assert tab.title.text() == "2026년 11월"
    assert column(tab, 0) == ["101-1203", "102-302", "이웃 N-0001 홍*동"]
    assert column(tab, 7) == ["10,500", "3,750", "3,000"]
    assert [tab.resources.item(r, 4).text() for r in range(tab.resources.rowCount())] == [
        "6,000", "11,250"]
    assert tab.summary.text() == ("2026년 11월 청구 합계 17,250원 · 세대·이웃 회원 3곳 · "
                                  "이용 3건 · 취소 수수료 3,750원 · 조정 0원")
    assert tab.charges.rowCount() == 4
    click_row(qtbot, tab.lines, 1)  # one line: only its charges below
    assert [tab.charges.item(r, 1).text() for r in range(tab.charges.rowCount())] == [
        "취소 수수료"]
    click(qtbot, tab.previous_button)
    wait_ready(qtbot, tab)
    assert tab.title.text() == "2026년 10월" and tab.lines.rowCount() == 0
    assert tab.summary.text() == "2026년 10월에는 청구할 이용료가 없습니다."
    click(qtbot, tab.next_button)
    click(qtbot, tab.next_button)
    wait_ready(qtbot, tab)
    assert tab.statement is not None and tab.statement.month == "2026-12"
    click(qtbot, tab.this_month_button)
    wait_ready(qtbot, tab)
    assert tab.statement is not None and tab.statement.total_won == 17250

    picker = FilePicker(monkeypatch)
    lines_csv, book_xlsx = tmp_path / "fees.csv", tmp_path / "fees.xlsx"
    picker.answers += [lines_csv, book_xlsx]
    click(qtbot, tab.csv_button)
    click(qtbot, tab.xlsx_button)
    assert [Path(directory).name for _, directory, _ in picker.asked] == [
        "길음 나눔마을 이용료 2026-11.csv", "길음 나눔마을 이용료 2026-11.xlsx"]
    rows = lines_csv.read_text(encoding="utf-8-sig").splitlines()
    assert rows[0] == "세대,동,호,이용 건수,이용료,취소 수수료,조정,청구액"
    assert rows[1:] == ["101-1203,101,1203,2,10500,0,0,10500", "102-302,102,302,0,0,3750,0,3750",
                        "이웃 N-0001 홍*동,,,1,3000,0,0,3000"]
    book = load_workbook(book_xlsx)
    assert book.sheetnames == ["세대별 청구", "자원별 합계", "청구 내역"]
    assert list(book["자원별 합계"].iter_rows(min_row=2, values_only=True)) == [
        ("커뮤니티룸", 2, 6000, 0, 6000), ("커뮤니티룸", 1, 7500, 3750, 11250)]  # kitchen, room
    assert notes.seen[-2:] == [("저장했습니다: fees.csv", False),
                               ("저장했습니다: fees.xlsx", False)]
    assert notes.errors == []


def test_correction_needs_a_reason_and_writes_every_line_or_none(
        qtbot: Any, desk: Any, manager: AdminAccount, clock: Any) -> None:
    a_month_of_fees(desk, clock)
    tab, notes = fees_page(qtbot, desk, manager)
    click_row(qtbot, tab.lines, 0)

    def correct(dialog: CorrectionDialog) -> None:
        assert dialog.windowTitle() == "이용료 조정: 2026년 11월"
        who, amount = dialog.rows[0]
        assert who.text() == "101-1203"  # the chosen line
        type_text(qtbot, amount, "-2500")
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible()
        assert dialog.error.text() == "조정 사유를 적어 주세요. 감사 기록에 남습니다."
        type_text(qtbot, dialog.reason, "10월 중복 청구 환불")
        click(qtbot, dialog.add_row_button)
        other, more = dialog.rows[1]
        type_text(qtbot, other, "109-999")
        type_text(qtbot, more, "1000")
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible()  # refused whole: the first line was not written either
        assert dialog.error.text() == ("2번째 줄: 109-999 세대가 없습니다. "
                                       "아무것도 기록하지 않았습니다.")
        assert desk.fees.statement("2026-11").correction_won == 0
        type_text(qtbot, other, "N-0001")
        click(qtbot, dialog.ok_button)

    with answering(CorrectionDialog, correct):
        click(qtbot, tab.correct_button)
    wait_ready(qtbot, tab)
    assert notes.seen[-1] == ("2026년 11월 이용료 조정 2건을 기록했습니다 (합계 -1,500원).",
                              False)
    assert column(tab, 6) == ["-2,500", "0", "1,000"]
    assert column(tab, 7) == ["8,000", "3,750", "4,000"]
    assert tab.lines.item(0, 6).foreground().color().name() == "#b3261e"
    with desk.bookings.uow() as uow:
        entries = [e for e in uow.audit.recent(20) if e.action == "fee.correct"]
    assert sorted((e.actor, e.details["party"], e.details["amount"], e.details["reason"])
                  for e in entries) == [
        ("admin:kim", "101-1203", -2500, "10월 중복 청구 환불"),
        ("admin:kim", "이웃 N-0001 홍*동", 1000, "10월 중복 청구 환불")]

    def close_it(dialog: CorrectionDialog) -> None:
        type_text(qtbot, dialog.rows[0][1], "999")
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))

    with answering(CorrectionDialog, close_it):
        click(qtbot, tab.correct_button)
    assert desk.fees.statement("2026-11").correction_won == -1500  # closed: nothing added


def test_resource_dialog_fee_tab_sets_prices_and_penalties(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    add_resource(desk.services, "room", slot_minutes=60, min_duration=60,
                 open_to=Audience.NEIGHBOURS)
    session, notes = session_for(desk, manager)
    tab = shown(qtbot, ResourcesTab(session))
    click_row(qtbot, tab.table, 0)

    def set_fees(dialog: ResourceDialog) -> None:
        bar = dialog.tabs.tabBar()
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(3).center())
        assert dialog.tabs.tabText(3) == "이용료"
        type_text(qtbot, dialog.fee_per_hour, "5000")
        type_text(qtbot, dialog.fee_free, "30")
        type_text(qtbot, dialog.nb_per_hour, "10000")
        type_text(qtbot, dialog.penalty_any, "10")
        type_text(qtbot, dialog.penalty_days_percent, "30")
        type_text(qtbot, dialog.penalty_same_day, "50")
        type_text(qtbot, dialog.free_cancel, "10")
        type_text(qtbot, dialog.deposit_note, "보증금 5만원")
        assert "이용료 (이웃 회원): 시간당 10,000원 (처음 30분 무료)" in dialog.preview.text()
        assert "7일 안 30%" in dialog.preview.text()
        click(qtbot, dialog.ok_button)

    with answering(ResourceDialog, set_fees):
        click(qtbot, tab.edit_button)
    fees = desk.bookings.resource("room").rules.fees
    assert fees.residents == FeeAmounts(per_hour=5000, free_minutes=30)
    assert fees.neighbours == NeighbourFees(per_hour=10000)
    assert fees.penalties == (PenaltyTier(10), PenaltyTier(30, within_minutes=7 * 24 * 60),
                              PenaltyTier(50, same_day=True))
    assert (fees.free_cancel_minutes, fees.deposit_note) == (10, "보증금 5만원")
    with desk.bookings.uow() as uow:
        [entry] = [e for e in uow.audit.recent(10) if e.action == "resource.update"]
    assert entry.details["changed"]["rules.fees"][0] is None
    assert entry.details["changed"]["rules.fees"][1]["per_hour"] == 5000
    assert "시간당 5,000원" in tab.table.item(0, 5).text()
    assert notes.errors == []


def test_cancel_dialog_waives_the_penalty_when_the_village_cancels(
        qtbot: Any, desk: Any, manager: AdminAccount, clock: Any) -> None:
    add_resource(desk.services, "room", capacity=2, slot_minutes=60, min_duration=60,
                 fees=ROOM)
    household = add_household(desk.services)
    kept = desk.bookings.book(BookingRequest("room", at(23, 14), at(23, 16)), household, KIOSK)
    waived = desk.bookings.book(BookingRequest("room", at(23, 14), at(23, 16)), household,
                                KIOSK)
    clock.advance(minutes=30)
    session, notes = session_for(desk, manager)
    tab = shown(qtbot, BookingsTab(session))
    settle(qtbot, tab)
    codes = [tab.model.row_at(r).code for r in range(tab.model.rowCount())]

    def cancel(waive: bool) -> Any:
        def fill(dialog: ReasonDialog) -> None:
            [box] = dialog.findChildren(QCheckBox)
            assert box.text() == "취소 수수료 받지 않음 (마을 사정으로 취소할 때)"
            assert not box.isChecked()
            if waive:
                click(qtbot, box)
            click(qtbot, dialog.presets[0 if not waive else 1])
            click(qtbot, dialog.ok_button)
        return fill

    for booking, waive in ((kept, False), (waived, True)):
        click_row(qtbot, tab.table, codes.index(booking.code))
        with answering(ReasonDialog, cancel(waive)):
            click(qtbot, tab.cancel_button)
        settle(qtbot, tab)
    assert desk.fees.fee_of(kept.code).penalty == 3750  # same day: 50 % of 7,500
    assert desk.fees.fee_of(waived.code).penalty == 0
    assert desk.search.history(waived.code)[-1].details["penalty_waived"] is True
    assert notes.errors == []
