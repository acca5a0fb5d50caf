"""A new volunteer alone at the desk: one household added or changed in a form, today's
bookings first, a reason in one click, names instead of ids, messages that move nothing,
reports with something in them, a booking on a household's behalf from the free slots,
and pictures of the desk rendered with no display. Every step presses the real button.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMenu, QToolButton

from kiosk.admin.accounts_tab import AccountDialog, AccountsTab
from kiosk.admin.bookings_tab import BookingsTab
from kiosk.admin.dialogs import CreateBookingDialog, ReasonDialog
from kiosk.admin.households_tab import HouseholdDialog, HouseholdsTab, ImportDialog
from kiosk.admin.reports_tab import ReportsTab
from kiosk.admin.window import DeskWindow
from kiosk.domain.admin_accounts import AdminAccount
from kiosk.domain.bookings import BookingStatus
from kiosk.domain.clock import local_midnight, to_local
from kiosk.services.ports import BookingQuery
from tests.admin.test_desk_clicks import (
    OFFSCREEN_LIMITS,
    FilePicker,
    answering,
    book,
    click,
    click_row,
    settle,
    shown,
    type_date,
    type_text,
    wait_for_report,
)
from tests.admin.test_reports import known_week
from tests.admin.test_ui import Notes, at, session_for
from tests.builders import add_household, add_resource

pytestmark = [
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore(*OFFSCREEN_LIMITS),
]


@pytest.fixture
def households(qtbot: Any, desk: Any, manager: AdminAccount,
               tmp_path: Path) -> Callable[[], tuple[HouseholdsTab, Notes]]:
    def make() -> tuple[HouseholdsTab, Notes]:
        session, notes = session_for(desk, manager)
        return shown(qtbot, HouseholdsTab(session, slips_dir=tmp_path)), notes
    return make


@pytest.fixture
def bookings(qtbot: Any, desk: Any,
             manager: AdminAccount) -> Callable[[], tuple[BookingsTab, Notes]]:
    def make() -> tuple[BookingsTab, Notes]:
        session, notes = session_for(desk, manager)
        tab = shown(qtbot, BookingsTab(session))
        settle(qtbot, tab)
        return tab, notes
    return make


# ------------------------------------------------------- 1. one household at a time
def test_add_household_form_refuses_bad_values_then_adds_with_a_typed_pin(
        qtbot: Any, desk: Any, households: Any) -> None:
    add_household(desk.services, "101", "1203")
    tab, notes = households()

    def fill_in(dialog: HouseholdDialog) -> None:
        assert dialog.windowTitle() == "세대 추가"
        type_text(qtbot, dialog.building, "101")
        type_text(qtbot, dialog.unit, "1203")
        click(qtbot, dialog.pin_type)
        type_text(qtbot, dialog.pin, "12")
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible() and dialog.error.text() == "PIN은 숫자 4자리여야 합니다"
        type_text(qtbot, dialog.pin, "4821")
        click(qtbot, dialog.ok_button)  # 101-1203 is there already
        assert dialog.isVisible() and dialog.error.text() == "이미 있습니다: 101-1203 세대"
        type_text(qtbot, dialog.unit, "1204")
        type_text(qtbot, dialog.plates, "12가3456 bad")
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible() and "차량번호 형식이 아닙니다" in dialog.error.text()
        assert dialog.pin.text() == "4821"  # nothing typed is lost
        type_text(qtbot, dialog.plates, "12가3456")
        click(qtbot, dialog.ok_button)

    with answering(HouseholdDialog, fill_in):
        click(qtbot, tab.add_button)
    added = {h.label: h for h in desk.households.households()}["101-1204"]
    assert added.plates == ("12가3456",) and added.active
    assert desk.bookings.verify_household("101", "1204", "4821").label == "101-1204"
    assert notes.seen == [("101-1204 세대를 추가했습니다.", False)]
    assert tab.count.text() == "2세대" and tab.selected() is not None
    assert tab.selected().label == "101-1204"  # type: ignore[union-attr]


def test_add_household_makes_the_pin_and_saves_its_slip(
        qtbot: Any, desk: Any, households: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPdf import QPdfDocument

    tab, notes = households()
    picker = FilePicker(monkeypatch)
    slip = tmp_path / "new-slip.pdf"
    picker.answers.append(slip)

    def fill_in(dialog: HouseholdDialog) -> None:
        assert dialog.pin_make.isChecked()  # a new household gets a made PIN by default
        type_text(qtbot, dialog.building, "102")
        type_text(qtbot, dialog.unit, "302")
        click(qtbot, dialog.ok_button)

    with answering(HouseholdDialog, fill_in):
        click(qtbot, tab.add_button)
    assert picker.asked == [("PIN 안내문 저장", str(tmp_path / "pin-102-302.pdf"),
                             "PDF (*.pdf)")]
    assert notes.seen == [("102-302 세대를 추가했습니다. PIN 안내문: new-slip.pdf", False)]
    document = QPdfDocument()
    assert document.load(str(slip)) == QPdfDocument.Error.None_
    found = re.search(r"새PIN(\d{4})", "".join(document.getAllText(0).text().split()))
    document.close()
    assert found is not None
    assert desk.bookings.verify_household("102", "302", found.group(1)).label == "102-302"


def test_closing_the_slip_picker_adds_nothing(
        qtbot: Any, desk: Any, households: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    tab, notes = households()
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: ("", "")))

    def give_up(dialog: HouseholdDialog) -> None:
        type_text(qtbot, dialog.building, "102")
        type_text(qtbot, dialog.unit, "302")
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible() and dialog.building.text() == "102"
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))

    with answering(HouseholdDialog, give_up):
        click(qtbot, tab.add_button)
    assert desk.households.households() == [] and notes.seen == []


def test_double_click_edits_the_household_in_place_and_a_move_out_cancels_its_bookings(
        qtbot: Any, desk: Any, households: Any) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    made = book(desk, household, at(10, day=24), at(11, day=24))
    tab, notes = households()
    index = tab.table.model().index(0, 0)
    tab.table.scrollTo(index)
    qtbot.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=tab.table.visualRect(index).center())

    def move_out(dialog: HouseholdDialog) -> None:
        assert dialog.windowTitle() == "세대 고치기: 101-1203"
        assert dialog.building.isReadOnly() and dialog.pin_keep.isChecked()
        type_text(qtbot, dialog.plates, "34나5678")
        click(qtbot, dialog.active)
        assert dialog.move_box.isVisible()
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible() and dialog.error.text() == "남은 예약을 어떻게 할지 골라 주세요."
        click(qtbot, dialog.cancel_future)
        click(qtbot, dialog.ok_button)

    with answering(HouseholdDialog, move_out):
        qtbot.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton,
                          pos=tab.table.visualRect(index).center())
    [stored] = desk.households.households()
    assert stored.plates == ("34나5678",) and not stored.active
    cancelled = desk.bookings.get(made.code)
    assert cancelled.status is BookingStatus.CANCELLED and cancelled.reason == "전출"
    assert notes.seen == [("101-1203 세대를 저장했습니다. 취소된 예약 1건.", False)]
    assert desk.search.history(made.code)[-1].actor == "admin:kim"


def test_korean_headed_csv_imports_and_the_template_downloads(
        qtbot: Any, desk: Any, households: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    tab, notes = households()
    picker = FilePicker(monkeypatch)
    template = tmp_path / "양식.csv"
    filled = tmp_path / "세대.csv"
    filled.write_bytes("동,호,비밀번호,차량번호,사용\n101동,1203호,4821,12가3456,예\n"
                       "102,302,0302,,아니오\n".encode("cp949"))  # Korean Excel's plain CSV
    picker.answers += [template, filled]

    def download_then_import(dialog: ImportDialog) -> None:
        click(qtbot, dialog.template_button)
        assert dialog.file_label.text() == "양식을 저장했습니다: 양식.csv"
        click(qtbot, dialog.choose)
        assert dialog.errors.count() == 0
        assert dialog.summary.text().startswith("추가 2세대, 고침 0세대")
        click(qtbot, dialog.ok_button)

    with answering(ImportDialog, download_then_import):
        click(qtbot, tab.import_button)
    raw = template.read_bytes()
    assert raw.startswith("\ufeff동,호,비밀번호,차량번호,사용\r\n".encode())
    assert {h.label: (h.plates, h.active) for h in desk.households.households()} == {
        "101-1203": (("12가3456",), True), "102-302": ((), False)}
    assert notes.seen == [("가져왔습니다: 추가 2, 고침 0", False)]
    assert picker.asked[0][1].endswith("세대-양식.csv")
    # The template itself is a valid file: its example rows import as they are.
    assert not desk.households.preview_import(raw).errors


def test_a_wrong_korean_column_is_named_in_korean(qtbot: Any, desk: Any) -> None:
    from kiosk.admin.text import import_error_text

    preview = desk.households.preview_import("호,비밀번호\n1203,4821\n".encode())
    assert [import_error_text(e.message) for e in preview.errors] == [
        "빠진 열이 있습니다: 동"]
    bad = desk.households.preview_import("동,호,비밀번호,사용\n101,1,4821,글쎄\n".encode())
    assert [import_error_text(e.message) for e in bad.errors] == [
        "사용 열은 예 또는 아니오여야 합니다: '글쎄'"]


# ------------------------------------------------------------------- 2. today first
def showing(qtbot: Any, tab: BookingsTab, first: date, last: date) -> None:
    """Until the table holds the bookings of ``first``..``last`` (typing settles first)."""
    qtbot.waitUntil(lambda: tab.model.query.start_from == local_midnight(first)
                    and tab.model.query.start_before == local_midnight(last)
                    + timedelta(days=1) and tab.model.idle, timeout=5_000)


def test_bookings_open_on_today_and_the_presets_show_the_week_and_the_month(
        qtbot: Any, desk: Any, bookings: Any) -> None:
    add_resource(desk.services, capacity=2, max_days_ahead=30)
    household = add_household(desk.services)
    today = book(desk, household, at(10), at(11))
    this_week = book(desk, household, at(10, day=27), at(11, day=27))
    this_month = book(desk, household, at(10, day=30), at(11, day=30))
    book(desk, household, at(10, day=2).replace(month=12), at(11, day=2).replace(month=12))
    tab, notes = bookings()
    assert (tab.date_from.text(), tab.date_to.text()) == ("2026-11-23", "2026-11-23")
    assert tab.today_button.isChecked()
    assert tab.model.total == 1 and tab.model.row_at(0).code == today.code  # type: ignore[union-attr]
    click(qtbot, tab.week_button)
    settle(qtbot, tab)
    assert (tab.date_from.text(), tab.date_to.text()) == ("2026-11-23", "2026-11-29")
    assert tab.model.total == 2
    click(qtbot, tab.month_button)
    settle(qtbot, tab)
    assert (tab.date_from.text(), tab.date_to.text()) == ("2026-11-01", "2026-11-30")
    assert tab.model.total == 3
    click(qtbot, tab.today_button)
    settle(qtbot, tab)
    assert tab.model.total == 1
    # Typed the way people write a day; the end follows a start typed past it.
    type_date(qtbot, tab.date_from, "20261127")
    assert tab.date_to.text() == "2026-11-27"
    showing(qtbot, tab, date(2026, 11, 27), date(2026, 11, 27))
    assert tab.model.total == 1
    assert tab.model.row_at(0).code == this_week.code  # type: ignore[union-attr]
    assert not any(b.isChecked() for b in (tab.today_button, tab.week_button,
                                          tab.month_button))
    type_date(qtbot, tab.date_to, "11/30")
    showing(qtbot, tab, date(2026, 11, 27), date(2026, 11, 30))
    assert tab.model.total == 2
    assert {tab.model.row_at(i).code for i in range(2)} == {  # type: ignore[union-attr]
        this_week.code, this_month.code}
    type_date(qtbot, tab.date_to, "내일")
    assert notes.seen[-1] == ("날짜가 아닙니다: '내일'. 2026-11-24처럼 적어 주세요.", True)
    assert tab.date_to.day() == date(2026, 11, 30)  # the last good day is kept


def test_calendar_is_korean_from_sunday_and_marks_seoul_today_not_the_utc_date(
        qtbot: Any, desk: Any, bookings: Any, clock: Any) -> None:
    clock.now = datetime(2026, 11, 22, 16, 30, tzinfo=UTC)  # 01:30 on the 23rd in Seoul
    tab, _ = bookings()
    field = tab.date_from
    assert field.day() == date(2026, 11, 23)
    calendar = field.calendarWidget()
    assert calendar.locale().language() == QLocale.Language.Korean
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Sunday
    marked = calendar.dateTextFormat()
    assert {d.toPython() for d, f in marked.items() if f.fontWeight() == QFont.Weight.Bold} \
        == {date(2026, 11, 23)}
    [opener] = [b for b in field.findChildren(QToolButton) if b.isVisible()]
    click(qtbot, opener)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    assert calendar.selectedDate().toPython() == date(2026, 11, 23)
    calendar.clicked.emit(calendar.selectedDate().addDays(2))  # a day cell is clicked
    assert field.day() == date(2026, 11, 25) and not field.popup.isVisible()


def test_pending_count_is_red_only_when_something_waits(
        qtbot: Any, desk: Any, bookings: Any) -> None:
    add_resource(desk.services, capacity=2, approval_required=True)
    household = add_household(desk.services)
    tab, _ = bookings()
    assert tab.pending_button.text() == "승인 대기 0건"
    assert "#b71c1c" not in tab.pending_button.styleSheet()
    book(desk, household, at(10), at(11))
    tab.model.refresh()
    settle(qtbot, tab)
    assert tab.pending_button.text() == "승인 대기 1건"
    assert "#b71c1c" in tab.pending_button.styleSheet()


# ----------------------------------------------------------- 3. reasons without typing
def test_cancel_with_a_preset_reason_in_four_clicks(
        qtbot: Any, desk: Any, bookings: Any) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    made = book(desk, household, at(10), at(11))
    tab, notes = bookings()
    clicks = 0
    click_row(qtbot, tab.table, 0)
    clicks += 1

    def one_click_reason(dialog: ReasonDialog) -> None:
        nonlocal clicks
        assert [b.text() for b in dialog.presets][:3] == ["본인 요청", "시설 점검", "중복 예약"]
        click(qtbot, dialog.presets[1])
        assert dialog.text() == "시설 점검"
        click(qtbot, dialog.ok_button)
        clicks += 2

    with answering(ReasonDialog, one_click_reason):
        click(qtbot, tab.cancel_button)
        clicks += 1
    settle(qtbot, tab)
    cancelled = desk.bookings.get(made.code)
    assert cancelled.status is BookingStatus.CANCELLED and cancelled.reason == "시설 점검"
    assert desk.search.history(made.code)[-1].details["reason"] == "시설 점검"
    assert notes.seen == [(f"{made.code} 예약을 취소했습니다.", False)]
    assert clicks == 4


def test_reject_preset_then_typed_words_are_kept(
        qtbot: Any, desk: Any, bookings: Any) -> None:
    add_resource(desk.services, capacity=2, approval_required=True)
    household = add_household(desk.services)
    made = book(desk, household, at(10), at(11))
    tab, _ = bookings()
    click_row(qtbot, tab.table, 0)

    def preset_and_more(dialog: ReasonDialog) -> None:
        assert "중복 예약" in [b.text() for b in dialog.presets]
        [duplicate] = [b for b in dialog.presets if b.text() == "중복 예약"]
        click(qtbot, duplicate)
        qtbot.keyClick(dialog.reason, Qt.Key.Key_End)
        qtbot.keyClicks(dialog.reason, " (AB12)")
        click(qtbot, dialog.ok_button)

    with answering(ReasonDialog, preset_and_more):
        click(qtbot, tab.reject_button)
    settle(qtbot, tab)
    assert desk.bookings.get(made.code).reason == "중복 예약 (AB12)"


# ------------------------------------------------------------- 4. no internal words
def test_short_password_is_refused_in_korean(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    session, _ = session_for(desk, manager)
    tab = shown(qtbot, AccountsTab(session))

    def too_short(dialog: AccountDialog) -> None:
        type_text(qtbot, dialog.username, "lee")
        type_text(qtbot, dialog.display, "이봉사")
        type_text(qtbot, dialog.password, "short")
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible()
        assert dialog.error.text() == "입력을 확인하세요: 비밀번호는 8자 이상이어야 합니다" \
            or dialog.error.text() == "비밀번호는 8자 이상이어야 합니다"
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))

    with answering(AccountDialog, too_short):
        click(qtbot, tab.new_button)


def test_booking_detail_names_who_made_it_without_ids(
        qtbot: Any, desk: Any, bookings: Any) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    book(desk, household, at(10), at(11))  # made at kiosk lobby-1
    tab, _ = bookings()
    click_row(qtbot, tab.table, 0)
    assert "만든 곳: 키오스크 101동 로비" in tab.detail.text()
    assert "kiosk:" not in tab.detail.text()
    history = [tab.history.item(i).text() for i in range(tab.history.count())]
    assert history and "kiosk:" not in history[0] and "키오스크 101동 로비" in history[0]


def test_messages_keep_their_place_and_belong_to_their_tab(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    book(desk, household, at(10), at(11))
    window = shown(qtbot, DeskWindow(desk, idle_ms=None))
    window.signed_in(manager)
    main = window.main
    assert main is not None
    tab = main.bookings
    settle(qtbot, tab)
    click_row(qtbot, tab.table, 0)
    QApplication.processEvents()
    before = (tab.cancel_button.mapTo(window, tab.cancel_button.rect().topLeft()),
              tab.table.mapTo(window, tab.table.rect().topLeft()))
    type_date(qtbot, tab.date_to, "/home/kim/엉뚱한 날")  # an error, two lines long
    main.notify("첫째 줄\n둘째 줄\n셋째 줄", True)
    assert main.message.text().startswith("첫째 줄") and "외 2줄" in main.message.text()
    assert main.message.toolTip() == "첫째 줄\n둘째 줄\n셋째 줄"
    QApplication.processEvents()
    after = (tab.cancel_button.mapTo(window, tab.cancel_button.rect().topLeft()),
             tab.table.mapTo(window, tab.table.rect().topLeft()))
    assert after == before  # nothing under the pointer moved
    bar = main.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert main.message.text() == ""  # the bookings tab's message stays with it
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    assert main.message.text().startswith("첫째 줄")


# ---------------------------------------------------------- 5. reports that show
def test_reports_compute_on_opening_and_name_the_file_by_village_and_period(
        qtbot: Any, desk: Any, manager: AdminAccount, clock: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    known_week(desk, clock)
    session, notes = session_for(desk, manager)
    tab = shown(qtbot, ReportsTab(session))
    wait_for_report(qtbot, tab, date(2026, 11, 1), date(2026, 11, 30))
    chart = tab.usage_chart.chart()
    [series] = chart.series()
    bars = series.barSets()[0]  # type: ignore[attr-defined]
    assert chart.title() == "자원별 이용 시간 (시간)"
    assert [bars.at(i) for i in range(bars.count())] == [4.0]  # hours, a visible bar
    assert tab.usage.horizontalHeaderItem(3).text() == "이용 시간 (시간)"
    picker = FilePicker(monkeypatch)
    picker.answers.append(tmp_path / "report.xlsx")
    click(qtbot, tab.xlsx_button)
    suggested = Path(picker.asked[0][1]).name
    assert suggested == "길음 나눔마을 이용 보고서 2026-11-01~2026-11-30.xlsx"
    assert notes.seen[-1] == ("저장했습니다: report.xlsx", False)


# ------------------------------------------- 6. booking on behalf from the free slots
def test_booking_on_behalf_shows_the_slots_and_why_one_is_closed(
        qtbot: Any, desk: Any, bookings: Any) -> None:
    add_resource(desk.services, capacity=1)
    household = add_household(desk.services)
    add_household(desk.services, "102", "302")
    book(desk, household, at(10), at(11))
    tab, notes = bookings()

    def pick_a_slot(dialog: CreateBookingDialog) -> None:
        assert dialog.resource.currentText() == "커뮤니티룸"  # the name, not "room"
        assert dialog.resource.toolTip() == "room"
        grid = dialog.slots
        words = {to_local(s.start).strftime("%H:%M"): b.text().split("\n")[1]
                 for s, b in zip(grid.slots, grid.buttons, strict=True)}
        assert words["08:30"] == "지난 시간" and words["10:00"] == "예약 찼음"
        assert words["11:00"] == "1개 남음"
        closed = grid.buttons[[to_local(s.start).strftime("%H:%M") for s in grid.slots]
                              .index("10:30")]
        assert closed.toolTip() == "그 시간은 이미 찼습니다."
        click(qtbot, closed)
        [free] = [b for s, b in zip(grid.slots, grid.buttons, strict=True)
                  if to_local(s.start).strftime("%H:%M") == "14:00"]
        click(qtbot, free)
        assert dialog.start.time().toString("HH:mm") == "14:00" and free.isChecked()
        type_text(qtbot, dialog.household, "102-302")
        click(qtbot, dialog.ok_button)

    with answering(CreateBookingDialog, pick_a_slot):
        click(qtbot, tab.new_button)
    settle(qtbot, tab)
    [made] = desk.search.page(BookingQuery(household="102-302"), 0, 5)
    assert (made.start, made.end) == (at(14), at(15))
    assert notes.seen == [(f"예약했습니다. 예약 코드 {made.code}", False)]
    assert tab.model.total == 1


def test_slot_grid_follows_the_day(qtbot: Any, desk: Any, bookings: Any) -> None:
    add_resource(desk.services, capacity=1)
    add_household(desk.services)
    tab, _ = bookings()

    def next_day(dialog: CreateBookingDialog) -> None:
        type_date(qtbot, dialog.day, "2026-11-24")
        assert all(b.text().endswith("1개 남음") for b in dialog.slots.buttons)
        assert dialog.slots.note.text().startswith("예약할 수 있는 시간 48칸")
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))

    with answering(CreateBookingDialog, next_day):
        click(qtbot, tab.new_button)
