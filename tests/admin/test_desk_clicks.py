"""Every desk action done the way a volunteer does it: press the real button, answer the
dialog it opens by typing and pressing its OK button, then read what the desk said and
what the database now holds. A button wired to the wrong slot, or a slot that receives
Qt's ``checked`` flag in place of its own argument, fails here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QLabel,
    QMenu,
    QRadioButton,
    QWidget,
)

from kiosk.admin.accounts_tab import AccountDialog, AccountsTab, PasswordDialog
from kiosk.admin.bookings_tab import BookingsTab
from kiosk.admin.calendar_tab import CalendarTab
from kiosk.admin.dates import DateField
from kiosk.admin.dialogs import CreateBookingDialog, ReasonDialog, UpcomingDialog
from kiosk.admin.households_tab import HouseholdsTab, ImportDialog, PlatesDialog
from kiosk.admin.reports_tab import ReportsTab
from kiosk.admin.resources_tab import BlackoutDialog, ResourceDialog, ResourcesTab
from kiosk.admin.settings_tab import SettingsTab
from kiosk.admin.signin import SignInScreen
from kiosk.admin.status_tab import StatusTab
from kiosk.admin.window import DeskWindow
from kiosk.domain.admin_accounts import AdminAccount, Role
from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.errors import BookingRefused
from kiosk.domain.policy import BookingRequest
from kiosk.services.admin_accounts import DeskRefused
from kiosk.services.ports import BookingQuery
from tests.admin.conftest import PASSWORD
from tests.admin.test_reports import known_week
from tests.admin.test_ui import Notes, RecordedSync, at, session_for
from tests.builders import KIOSK, add_household, add_resource

# What the offscreen platform says when a window with a layout, a dialog or a menu is
# shown: it has no window manager to pass size hints to, raise a window with, or grab
# the keyboard for. Every other Qt warning still fails these tests.
OFFSCREEN_LIMITS = (
    r"^This plugin does not support propagateSizeHints\(\)$",
    r"^This plugin does not support raise\(\)$",
    r"^This plugin does not support grabbing the keyboard$",
)

pytestmark = [
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore(*OFFSCREEN_LIMITS),
]


def shown(qtbot: Any, widget: QWidget) -> Any:
    qtbot.addWidget(widget)
    widget.resize(1500, 900)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


# ---------------------------------------------------------------- a person's hands
def click(qtbot: Any, widget: QWidget) -> None:
    """A left click where a person would put the mouse: a check box or radio button on
    its box, anything else in its middle."""
    pos = QPoint()
    if isinstance(widget, QCheckBox | QRadioButton):
        pos = QPoint(8, widget.height() // 2)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)


def click_row(qtbot: Any, view: QAbstractItemView, row: int) -> None:
    index = view.model().index(row, 0)
    view.scrollTo(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(index).center())


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Replace what the field holds by typing: Latin letters, digits and signs key by key,
    Hangul as the input method commits it (a syllable is never a single key press)."""
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


def type_date(qtbot: Any, widget: QDateTimeEdit | DateField, text: str) -> None:
    """A date or time box, typed part by part as a person does: pick the year (or hour),
    type over it, then the next part (2026-11-26, 14:00). The desk's own date field
    takes the whole day typed at once, then Enter."""
    if isinstance(widget, DateField):
        type_text(qtbot, widget, text)
        qtbot.keyClick(widget, Qt.Key.Key_Return)
        return
    parts = re.findall(r"\d+", text)
    assert len(parts) == widget.sectionCount(), text
    for index, part in enumerate(parts):
        widget.setSelectedSection(widget.sectionAt(index))
        qtbot.keyClicks(widget, part)
    assert widget.text() == text


class _Answer:
    """Answers the next modal dialog of one kind from inside its own event loop."""

    def __init__(self, kind: type[QDialog], fill: Callable[[Any], None]) -> None:
        self.kind = kind
        self.fill = fill
        self.answered = False
        self.stopped = False
        self.error: BaseException | None = None
        self.already_open = QApplication.activeModalWidget()

    def look(self) -> None:
        if self.stopped or self.answered:
            return
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible() and not isinstance(
                dialog, self.kind) and dialog is not self.already_open:
            self.answered = True  # some other dialog: close it rather than hang the test
            self.error = AssertionError(f"expected a {self.kind.__name__}, the click opened "
                                        f"a {type(dialog).__name__}")
            dialog.reject()
            return
        if not isinstance(dialog, self.kind) or not dialog.isVisible():
            QTimer.singleShot(0, self.look)  # not shown yet: look again on the next turn
            return
        self.answered = True
        try:
            self.fill(dialog)
            if dialog.isVisible():
                raise AssertionError(f"{type(dialog).__name__} is still open after it was "
                                     "answered")
        except BaseException as exc:  # reported by answering(), never left hanging
            self.error = exc
            if dialog.isVisible():
                dialog.reject()


@contextmanager
def answering(kind: type[QDialog], fill: Callable[[Any], None]) -> Iterator[None]:
    """The click inside this block must open a ``kind`` dialog; ``fill`` types into it
    and presses its buttons, as a person at the desk would."""
    answer = _Answer(kind, fill)
    QTimer.singleShot(0, answer.look)
    try:
        yield
    finally:
        answer.stopped = True
    if answer.error is not None:
        raise answer.error
    assert answer.answered, f"the click opened no {kind.__name__}"


class FilePicker:
    """Stands in for the platform's file picker (QFileDialog's static functions): typed
    paths are not reliable in the widget-based picker offscreen, whose completer and
    background directory model race the typing. Answers with the paths given, in order,
    and keeps what the desk asked."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[Path] = []
        self.asked: list[tuple[str, str, str]] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(self.pick))
        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(self.pick))

    def pick(self, parent: QWidget | None = None, caption: str = "", directory: str = "",
             filter: str = "", *args: Any, **kwargs: Any) -> tuple[str, str]:
        self.asked.append((caption, directory, filter))
        assert self.answers, f"the desk asked for a file ({caption}) no test expected"
        return str(self.answers.pop(0)), filter


# ------------------------------------------------------------------- bookings tab
@pytest.fixture
def bookings_page(qtbot: Any, desk: Any, manager: AdminAccount) -> Callable[..., Any]:
    def make() -> tuple[BookingsTab, Notes]:
        session, notes = session_for(desk, manager)
        tab = shown(qtbot, BookingsTab(session))
        settle(qtbot, tab)
        return tab, notes
    return make


def settle(qtbot: Any, tab: BookingsTab) -> None:
    qtbot.waitUntil(lambda: tab.model.idle, timeout=10_000)


def book(desk: Any, household: int, start: datetime, end: datetime) -> Booking:
    made: Booking = desk.bookings.book(BookingRequest("room", start, end), household, KIOSK)
    return made


def test_approve_button_confirms_the_chosen_booking(
        qtbot: Any, desk: Any, bookings_page: Any) -> None:
    add_resource(desk.services, capacity=2, approval_required=True)
    household = add_household(desk.services)
    first = book(desk, household, at(10), at(11))
    second = book(desk, household, at(12), at(13))
    tab, notes = bookings_page()
    assert tab.pending_button.text() == "승인 대기 2건"
    assert not tab.approve_button.isEnabled()  # nothing chosen yet
    click_row(qtbot, tab.table, 1)
    assert tab.approve_button.isEnabled()
    click(qtbot, tab.approve_button)
    settle(qtbot, tab)
    assert desk.bookings.get(second.code).status is BookingStatus.CONFIRMED
    assert desk.bookings.get(first.code).status is BookingStatus.PENDING
    assert notes.seen == [(f"{second.code} 예약을 승인했습니다.", False)]
    assert desk.search.history(second.code)[-1].action == "booking.approve"
    assert tab.pending_button.text() == "승인 대기 1건"
    assert not tab.approve_button.isEnabled()  # the same row stays chosen, now confirmed


def test_reject_button_asks_why_and_stores_the_typed_reason(
        qtbot: Any, desk: Any, bookings_page: Any) -> None:
    add_resource(desk.services, capacity=2, approval_required=True)
    household = add_household(desk.services)
    made = book(desk, household, at(10), at(11))
    tab, notes = bookings_page()
    click_row(qtbot, tab.table, 0)

    def give_reason(dialog: ReasonDialog) -> None:
        assert dialog.windowTitle() == "예약 거절"
        assert any(made.code in label.text() for label in dialog.findChildren(QLabel))
        type_text(qtbot, dialog.reason, "회의실 점검")
        click(qtbot, dialog.ok_button)

    with answering(ReasonDialog, give_reason):
        click(qtbot, tab.reject_button)
    settle(qtbot, tab)
    rejected = desk.bookings.get(made.code)
    assert rejected.status is BookingStatus.REJECTED and rejected.reason == "회의실 점검"
    assert notes.seen == [(f"{made.code} 예약을 거절했습니다.", False)]
    last = desk.search.history(made.code)[-1]
    assert (last.actor, last.action, last.details["reason"]) == (
        "admin:kim", "booking.reject", "회의실 점검")
    assert "사유: 회의실 점검" in tab.detail.text()


def test_reject_dialog_closed_without_a_reason_changes_nothing(
        qtbot: Any, desk: Any, bookings_page: Any) -> None:
    add_resource(desk.services, capacity=2, approval_required=True)
    household = add_household(desk.services)
    made = book(desk, household, at(10), at(11))
    tab, notes = bookings_page()
    click_row(qtbot, tab.table, 0)

    def press_ok_then_close(dialog: ReasonDialog) -> None:
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible()
        assert dialog.error.text() == "사유를 적어 주세요. 감사 기록에 남습니다."
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))

    with answering(ReasonDialog, press_ok_then_close):
        click(qtbot, tab.reject_button)
    settle(qtbot, tab)
    assert desk.bookings.get(made.code).status is BookingStatus.PENDING
    assert notes.seen == []


def test_cancel_button_refuses_an_empty_reason_then_cancels_with_the_typed_one(
        qtbot: Any, desk: Any, bookings_page: Any) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    made = book(desk, household, at(10), at(11))
    tab, notes = bookings_page()
    click_row(qtbot, tab.table, 0)
    assert tab.cancel_button.isEnabled()

    def leave_it_empty(dialog: ReasonDialog) -> None:
        assert dialog.windowTitle() == "예약 취소"
        for blank in ("", "   "):
            type_text(qtbot, dialog.reason, blank)
            click(qtbot, dialog.ok_button)
            assert dialog.isVisible()  # refused: the dialog stays and says why
            assert dialog.error.text() == "사유를 적어 주세요. 감사 기록에 남습니다."
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))

    with answering(ReasonDialog, leave_it_empty):
        click(qtbot, tab.cancel_button)
    settle(qtbot, tab)
    assert desk.bookings.get(made.code).status is BookingStatus.CONFIRMED
    assert [e.action for e in desk.search.history(made.code)] == ["booking.create"]
    assert notes.seen == []

    def give_reason(dialog: ReasonDialog) -> None:
        type_text(qtbot, dialog.reason, "전화로 취소 요청")
        click(qtbot, dialog.ok_button)

    with answering(ReasonDialog, give_reason):
        click(qtbot, tab.cancel_button)
    settle(qtbot, tab)
    cancelled = desk.bookings.get(made.code)
    assert cancelled.status is BookingStatus.CANCELLED
    assert cancelled.reason == "전화로 취소 요청"
    last = desk.search.history(made.code)[-1]
    assert (last.actor, last.action, last.details["reason"]) == (
        "admin:kim", "booking.cancel", "전화로 취소 요청")
    assert notes.seen == [(f"{made.code} 예약을 취소했습니다.", False)]
    assert not tab.cancel_button.isEnabled()


def test_check_in_button_checks_the_booking_in(
        qtbot: Any, desk: Any, bookings_page: Any, clock: Any) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    made = book(desk, household, at(10), at(11))
    clock.now = at(9, 50)
    tab, notes = bookings_page()
    click_row(qtbot, tab.table, 0)
    click(qtbot, tab.checkin_button)
    settle(qtbot, tab)
    assert desk.bookings.get(made.code).status is BookingStatus.CHECKED_IN
    assert notes.seen == [(f"{made.code} 체크인했습니다.", False)]
    assert desk.search.history(made.code)[-1].actor == "admin:kim"


def test_no_show_button_is_refused_before_the_start_and_records_it_after(
        qtbot: Any, desk: Any, bookings_page: Any, clock: Any) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    made = book(desk, household, at(10), at(11))
    tab, notes = bookings_page()
    click_row(qtbot, tab.table, 0)
    click(qtbot, tab.noshow_button)
    settle(qtbot, tab)
    assert desk.bookings.get(made.code).status is BookingStatus.CONFIRMED
    assert notes.seen == [("지금 상태에서는 할 수 없습니다.", True)]  # not started yet
    clock.now = at(10, 30)
    click(qtbot, tab.noshow_button)
    settle(qtbot, tab)
    assert desk.bookings.get(made.code).status is BookingStatus.NO_SHOW
    assert notes.seen[-1] == (f"{made.code} 노쇼로 기록했습니다.", False)
    assert desk.search.history(made.code)[-1].action == "booking.no_show"


def test_new_booking_button_books_on_a_households_behalf(
        qtbot: Any, desk: Any, bookings_page: Any) -> None:
    add_resource(desk.services, capacity=2)
    add_household(desk.services)
    tab, notes = bookings_page()

    def fill_in(dialog: CreateBookingDialog) -> None:
        type_text(qtbot, dialog.household, "999-1")
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible() and dialog.error.text() == "등록되지 않은 세대입니다."
        type_text(qtbot, dialog.household, "101-1203")
        type_date(qtbot, dialog.day, "2026-11-24")
        type_date(qtbot, dialog.start, "14:00")
        type_text(qtbot, dialog.minutes, "90")
        type_text(qtbot, dialog.note, "전화 예약")
        click(qtbot, dialog.ok_button)

    with answering(CreateBookingDialog, fill_in):
        click(qtbot, tab.new_button)
    settle(qtbot, tab)
    rows = desk.search.page(BookingQuery(household="101-1203"), 0, 10)
    assert len(rows) == 1
    made = desk.bookings.get(rows[0].code)
    assert (made.start, made.end, made.status) == (at(14, day=24), at(15, 30, day=24),
                                                   BookingStatus.CONFIRMED)
    assert made.created_by == "admin:kim" and made.note == "전화 예약"
    assert notes.seen == [(f"예약했습니다. 예약 코드 {made.code}", False)]
    assert tab.code.text() == made.code and tab.model.total == 1


# ------------------------------------------------------------------ households tab
@pytest.fixture
def households_page(qtbot: Any, desk: Any, manager: AdminAccount,
                    tmp_path: Path) -> Callable[[], tuple[HouseholdsTab, Notes]]:
    def make() -> tuple[HouseholdsTab, Notes]:
        session, notes = session_for(desk, manager)
        return shown(qtbot, HouseholdsTab(session, slips_dir=tmp_path)), notes
    return make


def test_csv_import_button_previews_then_imports_the_chosen_file(
        qtbot: Any, desk: Any, households_page: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    add_household(desk.services, "101", "1203")
    tab, notes = households_page()
    picker = FilePicker(monkeypatch)
    csv_file = tmp_path / "households.csv"
    csv_file.write_text("building,unit,pin,plates,active\n101,1203,,12가3456,yes\n"
                        "102,302,0302,,yes\n", encoding="utf-8")
    picker.answers.append(csv_file)

    def choose_and_import(dialog: ImportDialog) -> None:
        assert not dialog.ok_button.isEnabled()  # nothing to import before a file
        click(qtbot, dialog.choose)
        assert dialog.file_label.text() == "households.csv"  # the name, not the path
        assert dialog.summary.text().startswith("추가 1세대, 고침 1세대")
        assert dialog.table.rowCount() == 2 and dialog.errors.count() == 0
        click(qtbot, dialog.ok_button)

    with answering(ImportDialog, choose_and_import):
        click(qtbot, tab.import_button)
    assert picker.asked == [("세대 CSV", "", "CSV (*.csv)")]
    assert {h.label: h.plates for h in desk.households.households()} == {
        "101-1203": ("12가3456",), "102-302": ()}
    assert desk.bookings.verify_household("102", "302", "0302").label == "102-302"
    assert notes.seen == [("가져왔습니다: 추가 1, 고침 1", False)]
    assert tab.count.text() == "2세대"


def test_pin_button_saves_a_slip_with_a_new_pin(
        qtbot: Any, desk: Any, households_page: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtPdf import QPdfDocument

    add_household(desk.services)
    tab, notes = households_page()
    picker = FilePicker(monkeypatch)
    picker.answers.append(tmp_path / "slip.pdf")
    click_row(qtbot, tab.table, 0)
    click(qtbot, tab.pin_button)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    [to_pdf] = [a for a in menu.actions() if a.text() == "PDF로 저장…"]
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(to_pdf).center())
    assert not menu.isVisible()
    assert picker.asked == [("PIN 안내문 저장", str(tmp_path / "pin-101-1203.pdf"),
                             "PDF (*.pdf)")]
    slip = tmp_path / "slip.pdf"
    assert notes.seen == [("101-1203의 PIN을 새로 만들었습니다. 안내문: slip.pdf", False)]
    document = QPdfDocument()
    assert document.load(str(slip)) == QPdfDocument.Error.None_
    found = re.search(r"새PIN(\d{4})", "".join(document.getAllText(0).text().split()))
    document.close()
    assert found is not None
    assert desk.bookings.verify_household("101", "1203", found.group(1)).label == "101-1203"


def test_move_out_button_cancels_what_the_household_has_booked(
        qtbot: Any, desk: Any, households_page: Any) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    made = book(desk, household, at(10, day=24), at(11, day=24))
    tab, notes = households_page()
    click(qtbot, tab.deactivate_button)
    assert notes.seen == [("먼저 표에서 세대를 고르세요.", True)]
    click_row(qtbot, tab.table, 0)

    def cancel_them(dialog: UpcomingDialog) -> None:
        assert dialog.reason.text() == "전출"
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible() and dialog.error.text() == "남은 예약을 어떻게 할지 골라 주세요."
        click(qtbot, dialog.cancel_all)
        assert dialog.cancel_all.isChecked()
        click(qtbot, dialog.ok_button)

    with answering(UpcomingDialog, cancel_them):
        click(qtbot, tab.deactivate_button)
    assert not desk.households.households()[0].active
    cancelled = desk.bookings.get(made.code)
    assert cancelled.status is BookingStatus.CANCELLED and "전출" in (cancelled.reason or "")
    assert notes.seen[-1] == ("101-1203 전출 처리했습니다. 취소된 예약 1건.", False)
    assert tab.table.item(0, 1).text() == "사용 중지(전출)"
    click_row(qtbot, tab.table, 0)
    click(qtbot, tab.activate_button)
    assert desk.households.households()[0].active
    assert notes.seen[-1] == ("101-1203을 다시 사용합니다.", False)


def test_unlock_and_plates_buttons_change_the_household(
        qtbot: Any, desk: Any, households_page: Any) -> None:
    add_household(desk.services)
    for _ in range(5):
        with pytest.raises(BookingRefused):
            desk.bookings.verify_household("101", "1203", "0000")
    tab, notes = households_page()
    assert tab.table.item(0, 2).text().endswith("잠김")
    click_row(qtbot, tab.table, 0)
    click(qtbot, tab.unlock_button)
    assert notes.seen == [("101-1203 잠금을 풀었습니다.", False)]
    assert desk.bookings.verify_household("101", "1203", "1234").label == "101-1203"
    click_row(qtbot, tab.table, 0)

    def two_cars(dialog: PlatesDialog) -> None:
        type_text(qtbot, dialog.plates, "12가3456 34나5678")
        click(qtbot, dialog.ok_button)

    with answering(PlatesDialog, two_cars):
        click(qtbot, tab.plates_button)
    assert desk.households.households()[0].plates == ("12가3456", "34나5678")
    assert notes.seen[-1] == ("101-1203 차량번호를 저장했습니다.", False)


# ------------------------------------------------------------------- resources tab
@pytest.fixture
def resources_page(qtbot: Any, desk: Any,
                   manager: AdminAccount) -> Callable[[], tuple[ResourcesTab, Notes]]:
    def make() -> tuple[ResourcesTab, Notes]:
        session, notes = session_for(desk, manager)
        return shown(qtbot, ResourcesTab(session)), notes
    return make


def test_edit_button_saves_the_name_and_a_closed_day(
        qtbot: Any, desk: Any, resources_page: Any) -> None:
    add_resource(desk.services)
    assert any(s.bookable for s in desk.bookings.availability("room", date(2026, 11, 26)))
    tab, notes = resources_page()
    click_row(qtbot, tab.table, 0)

    def rename_and_close_a_day(dialog: ResourceDialog) -> None:
        assert dialog.windowTitle() == "자원 고치기"
        type_text(qtbot, dialog.name_ko, "2층 회의실")
        bar = dialog.tabs.tabBar()
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(2).center())
        assert dialog.tabs.currentIndex() == 2
        type_date(qtbot, dialog.closed_pick, "2026-11-26")
        click(qtbot, dialog.add_closed_button)
        assert [dialog.closed_list.item(i).text() for i in range(dialog.closed_list.count())
                ] == ["2026-11-26 (목)"]
        assert "쉬는 날 11/26" in dialog.preview.text()
        click(qtbot, dialog.ok_button)

    with answering(ResourceDialog, rename_and_close_a_day):
        click(qtbot, tab.edit_button)
    stored = desk.bookings.resource("room")
    assert stored.name_ko == "2층 회의실"
    assert stored.rules.hours.closed_dates == frozenset({date(2026, 11, 26)})
    assert not any(s.bookable for s in desk.bookings.availability("room", date(2026, 11, 26)))
    assert notes.seen == [("2층 회의실을 저장했습니다.", False)]
    assert tab.table.item(0, 1).text() == "2층 회의실"


def test_new_resource_button_creates_one(qtbot: Any, desk: Any, resources_page: Any) -> None:
    tab, notes = resources_page()

    def describe(dialog: ResourceDialog) -> None:
        assert dialog.windowTitle() == "자원 만들기"
        type_text(qtbot, dialog.id, "room-2f")
        type_text(qtbot, dialog.name_ko, "2층 회의실")
        type_text(qtbot, dialog.capacity, "1")
        click(qtbot, dialog.ok_button)

    with answering(ResourceDialog, describe):
        click(qtbot, tab.new_button)
    assert [(r.id, r.name_ko, r.capacity) for r in desk.resources.resources()] == [
        ("room-2f", "2층 회의실", 1)]
    assert notes.seen == [("2층 회의실을 저장했습니다.", False)]


def test_blackout_button_closes_a_resource_and_cancels_inside_it(
        qtbot: Any, desk: Any, resources_page: Any) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    inside = book(desk, household, at(10, day=24), at(11, day=24))
    outside = book(desk, household, at(19, day=24), at(20, day=24))
    tab, notes = resources_page()

    def close_tomorrow(dialog: BlackoutDialog) -> None:
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible() and dialog.error.text() == "자원을 하나 이상 고르세요."
        click_row(qtbot, dialog.which, 0)
        type_text(qtbot, dialog.reason, "바닥 공사")
        click(qtbot, dialog.cancel_overlapping)
        assert dialog.cancel_overlapping.isChecked()
        click(qtbot, dialog.ok_button)

    with answering(BlackoutDialog, close_tomorrow):
        click(qtbot, tab.blackout_button)
    [blackout] = desk.resources.blackouts()
    assert (blackout.resource_ids, blackout.start, blackout.end, blackout.reason) == (
        frozenset({"room"}), at(9, day=24), at(18, day=24), "바닥 공사")
    assert desk.bookings.get(inside.code).status is BookingStatus.CANCELLED
    assert desk.bookings.get(outside.code).status is BookingStatus.CONFIRMED
    assert notes.seen == [("이용 중단 기간을 추가했습니다. 취소된 예약 1건.", False)]
    assert "바닥 공사" in tab.blackouts.item(0).text()


def test_out_of_service_and_back_in_service_buttons(
        qtbot: Any, desk: Any, resources_page: Any) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    made = book(desk, household, at(10), at(11))
    tab, notes = resources_page()
    click_row(qtbot, tab.table, 0)

    def keep_bookings(dialog: UpcomingDialog) -> None:
        assert "앞으로 남은 예약: 1건" in [w.text() for w in dialog.findChildren(QLabel)]
        click(qtbot, dialog.keep_all)
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible() and dialog.error.text() == "사유를 적어 주세요."
        type_text(qtbot, dialog.reason, "보일러 고장")
        click(qtbot, dialog.ok_button)

    with answering(UpcomingDialog, keep_bookings):
        click(qtbot, tab.out_button)
    assert desk.bookings.resource("room").out_of_service_reason == "보일러 고장"
    assert desk.bookings.get(made.code).status is BookingStatus.CONFIRMED
    assert notes.seen == [("커뮤니티룸을 사용 중지했습니다. 취소된 예약 0건.", False)]
    assert tab.table.item(0, 4).text() == "사용 중지: 보일러 고장"
    click_row(qtbot, tab.table, 0)
    click(qtbot, tab.back_button)
    assert desk.bookings.resource("room").in_service
    assert notes.seen[-1] == ("커뮤니티룸을 다시 운영합니다.", False)
    assert tab.table.item(0, 4).text() == "운영 중"


# --------------------------------------------------------------------- reports tab
def wait_for_report(qtbot: Any, tab: ReportsTab, first: date, last: date) -> None:
    """Until the figures on screen are those of ``first``..``last`` (a report of an
    earlier period may still arrive first)."""
    qtbot.waitUntil(lambda: tab.report is not None
                    and (tab.report.first, tab.report.last) == (first, last)
                    and tab.generation_shown == tab.generation, timeout=10_000)


def test_report_buttons_compute_and_export_csv_excel_and_the_daily_sheet(
        qtbot: Any, desk: Any, manager: AdminAccount, clock: Any, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import load_workbook
    from PySide6.QtPdf import QPdfDocument

    codes = known_week(desk, clock)
    session, notes = session_for(desk, manager)
    tab = shown(qtbot, ReportsTab(session))
    picker = FilePicker(monkeypatch)
    # Opening the tab computes this month at once: something to see and to export.
    wait_for_report(qtbot, tab, date(2026, 11, 1), date(2026, 11, 30))
    assert tab.csv_button.isEnabled() and tab.xlsx_button.isEnabled()
    type_date(qtbot, tab.first, "2026-11-23")
    type_date(qtbot, tab.last, "2026-11-29")
    click(qtbot, tab.run_button)
    wait_for_report(qtbot, tab, date(2026, 11, 23), date(2026, 11, 29))
    assert tab.state.text() == "2026-11-23 ~ 2026-11-29 계산함"
    assert [tab.usage.item(0, c).text() for c in range(7)] == [
        "커뮤니티룸", "2026-11-23", "3", "4.0", str(round(400 / 336, 1)), "1", "1"]

    usage_csv, usage_xlsx, sheet = (tmp_path / "usage.csv", tmp_path / "usage.xlsx",
                                    tmp_path / "today.pdf")
    picker.answers += [usage_csv, usage_xlsx, sheet]
    click(qtbot, tab.csv_button)
    assert usage_csv.read_text(encoding="utf-8-sig").splitlines()[1].startswith(
        "커뮤니티룸,2026-11-23,3,4.0")
    assert notes.seen[-1] == ("저장했습니다: usage.csv", False)
    click(qtbot, tab.xlsx_button)
    book_ = load_workbook(usage_xlsx)
    assert book_.sheetnames == ["자원별 이용", "붐비는 시간", "세대별 비율"]
    assert list(book_["세대별 비율"].iter_rows(min_row=2, values_only=True)) == [
        ("101-1203", 1, 2.0, 50.0), ("102-302", 1, 2.0, 50.0)]
    assert notes.seen[-1] == ("저장했습니다: usage.xlsx", False)
    click(qtbot, tab.sheet_button)
    assert notes.seen[-1] == ("오늘의 예약표를 저장했습니다: today.pdf", False)
    document = QPdfDocument()
    assert document.load(str(sheet)) == QPdfDocument.Error.None_
    text = "".join(document.getAllText(0).text().split())
    document.close()
    assert codes["b1"] in text and codes["b3"] not in text  # today's, not the cancelled
    assert [kind for _, _, kind in picker.asked] == ["CSV (*.csv)", "Excel (*.xlsx)",
                                                     "PDF (*.pdf)"]
    assert notes.errors == []


# -------------------------------------------------------------------- settings tab
def test_settings_save_button_refuses_a_bad_value_and_writes_a_good_one(
        qtbot: Any, desk: Any, manager: AdminAccount, tmp_path: Path) -> None:
    from kiosk.config import load_settings

    config = tmp_path / "kiosk.toml"
    original = '# 길음 village\n[kiosk]\nid = "lobby-7"\nidle_timeout_s = 60\n'
    config.write_text(original, encoding="utf-8")
    desk.services.settings = replace(load_settings(config, environ={}))
    session, notes = session_for(desk, manager)
    tab = shown(qtbot, SettingsTab(session))
    click(qtbot, tab.save_button)
    assert notes.seen == [("바뀐 설정이 없습니다.", False)]
    idle = tab.fields["kiosk", "idle_timeout_s"]
    type_text(qtbot, idle, "0")
    click(qtbot, tab.save_button)
    assert notes.seen[-1][1] and "idle_timeout_s" in notes.seen[-1][0]
    assert config.read_text(encoding="utf-8") == original
    type_text(qtbot, idle, "90")
    type_text(qtbot, tab.fields["village", "name"], "정릉 나눔마을")
    click(qtbot, tab.save_button)
    text, error = notes.seen[-1]
    assert not error and text.startswith("설정을 저장했습니다")
    again = load_settings(config, environ={})
    assert (again.village_name, again.idle_timeout_s, again.kiosk_id) == (
        "정릉 나눔마을", 90, "lobby-7")
    assert config.read_text(encoding="utf-8").startswith("# 길음 village\n")


# -------------------------------------------------------------------- accounts tab
def test_new_account_button_creates_a_volunteer(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    session, notes = session_for(desk, manager)
    tab = shown(qtbot, AccountsTab(session))

    def fill_in(dialog: AccountDialog) -> None:
        type_text(qtbot, dialog.username, "lee")
        type_text(qtbot, dialog.display, "이봉사")
        type_text(qtbot, dialog.password, "short")
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible() and "8" in dialog.error.text()
        type_text(qtbot, dialog.password, PASSWORD)
        click(qtbot, dialog.ok_button)

    with answering(AccountDialog, fill_in):
        click(qtbot, tab.new_button)
    lee = {a.username: a for a in desk.accounts.accounts()}["lee"]
    assert (lee.display_name, lee.role, lee.active) == ("이봉사", Role.STAFF, True)
    assert desk.accounts.sign_in("lee", PASSWORD).username == "lee"
    assert notes.seen == [("lee 계정을 만들었습니다.", False)]
    assert tab.table.rowCount() == 2


def test_account_unlock_toggle_and_password_buttons(
        qtbot: Any, desk: Any, manager: AdminAccount, staff: AdminAccount) -> None:
    for _ in range(5):
        with pytest.raises(DeskRefused):
            desk.accounts.sign_in("lee", "nope nope")
    session, notes = session_for(desk, manager)
    tab = shown(qtbot, AccountsTab(session))
    assert tab.table.item(1, 3).text().startswith("잠김")
    click_row(qtbot, tab.table, 1)
    click(qtbot, tab.unlock_button)
    assert notes.seen == [("잠금을 풀었습니다.", False)]
    assert desk.accounts.sign_in("lee", PASSWORD).username == "lee"

    click_row(qtbot, tab.table, 1)
    click(qtbot, tab.toggle_button)
    assert notes.seen[-1] == ("바꿨습니다.", False)
    assert not {a.username: a for a in desk.accounts.accounts()}["lee"].active
    assert tab.table.item(1, 3).text() == "사용 중지"
    with pytest.raises(DeskRefused):
        desk.accounts.sign_in("lee", PASSWORD)
    click_row(qtbot, tab.table, 1)
    click(qtbot, tab.toggle_button)
    assert {a.username: a for a in desk.accounts.accounts()}["lee"].active

    click_row(qtbot, tab.table, 1)

    def new_password(dialog: PasswordDialog) -> None:
        type_text(qtbot, dialog.password, "a new passphrase")
        click(qtbot, dialog.ok_button)

    with answering(PasswordDialog, new_password):
        click(qtbot, tab.password_button)
    assert notes.seen[-1] == ("비밀번호를 바꿨습니다.", False)
    assert desk.accounts.sign_in("lee", "a new passphrase").username == "lee"


# --------------------------------------------------- status, calendar, the window
def test_sync_button_asks_for_the_chosen_source(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    recorded = RecordedSync()
    desk.sync = desk.heartbeats = recorded
    session, notes = session_for(desk, manager)
    tab = shown(qtbot, StatusTab(session))
    click(qtbot, tab.sync_button)
    assert recorded.requested == [] and notes.seen == [("먼저 출처를 고르세요.", True)]
    click_row(qtbot, tab.sources, 0)
    click(qtbot, tab.sync_button)
    assert recorded.requested == ["gbfs-ttareungyi"]
    assert notes.seen[-1] == ("허브 정보 동기화를 시작했습니다.", False)  # no id shown


def test_calendar_buttons_move_between_weeks(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    made = book(desk, household, at(10, day=30), at(11, day=30))
    session, _ = session_for(desk, manager)
    tab = shown(qtbot, CalendarTab(session))
    assert tab.title.text() == "2026-11-23 ~ 11-29" and tab.canvas.bookings == []
    click(qtbot, tab.next)
    assert tab.title.text() == "2026-11-30 ~ 12-06"
    assert [b.code for b in tab.canvas.bookings] == [made.code]
    click(qtbot, tab.today_button)
    assert tab.title.text() == "2026-11-23 ~ 11-29"
    click(qtbot, tab.previous)
    assert tab.title.text() == "2026-11-16 ~ 11-22"


def test_sign_in_and_sign_out_buttons(qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    window = DeskWindow(desk, idle_ms=None)
    shown(qtbot, window)
    signin = window.screen()
    assert isinstance(signin, SignInScreen)
    type_text(qtbot, signin.username, "kim")
    type_text(qtbot, signin.password, PASSWORD)
    click(qtbot, signin.button)
    assert window.main is not None and window.account is not None
    assert window.account.username == "kim"
    click(qtbot, window.main.sign_out_button)
    assert window.main is None and isinstance(window.screen(), SignInScreen)
