"""The desk window offscreen: sign-in, roles, each booking action, rule editing, imports,
the paged table over 100,000 bookings, reports off the GUI thread, printed PDFs."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTableView

from kiosk.admin.bookings_model import BookingTableModel
from kiosk.admin.bookings_tab import BookingsTab
from kiosk.admin.common import DeskSession
from kiosk.admin.dialogs import CreateBookingDialog
from kiosk.admin.households_tab import HouseholdsTab, ImportDialog
from kiosk.admin.reports_tab import ReportsTab
from kiosk.admin.resources_tab import ResourceDialog, ResourcesTab
from kiosk.admin.signin import SetupScreen, SignInScreen
from kiosk.admin.window import DeskWindow, MainScreen
from kiosk.domain.admin_accounts import AdminAccount
from kiosk.domain.bookings import BookingStatus
from kiosk.domain.clock import SEOUL
from kiosk.domain.policy import BookingRequest
from kiosk.domain.rules import Quota, QuotaPeriod
from kiosk.services.admin_accounts import DeskRefused
from kiosk.services.ports import BookingQuery
from kiosk.services.resource_admin import UpcomingChoice
from tests.admin.conftest import PASSWORD
from tests.admin.test_reports import known_week
from tests.builders import KIOSK, add_household, add_resource

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def at(hour: int, minute: int = 0, day: int = 23) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SEOUL)


class Notes:
    """Records what the desk tells the volunteer, and whether it was an error."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, bool]] = []

    def __call__(self, text: str, error: bool) -> None:
        self.seen.append((text, error))

    @property
    def errors(self) -> list[str]:
        return [text for text, error in self.seen if error]


def session_for(desk: Any, account: AdminAccount) -> tuple[DeskSession, Notes]:
    notes = Notes()
    return DeskSession(desk, account, notes), notes


def tab_titles(main: MainScreen) -> list[str]:
    return [main.tabs.tabText(i) for i in range(main.tabs.count())]


def test_first_run_setup_creates_the_manager_and_opens_every_tab(qtbot: Any, desk: Any) -> None:
    window = DeskWindow(desk)
    qtbot.addWidget(window)
    setup = window.screen()
    assert isinstance(setup, SetupScreen)
    setup.username.setText("kim")
    setup.display.setText("김관리")
    setup.password.setText(PASSWORD)
    setup.repeat.setText(PASSWORD + "x")
    assert setup.submit() is None and "다릅니다" in setup.error.text()
    setup.repeat.setText(PASSWORD)
    qtbot.mouseClick(setup.button, Qt.MouseButton.LeftButton)
    assert window.main is not None
    assert tab_titles(window.main) == ["예약 관리", "달력", "소식", "행사", "자원 관리",
                                       "세대 관리", "이웃 회원", "보고서", "이용료",
                                       "동기화·키오스크", "계정", "감사 기록", "설정"]
    window.sign_out()
    assert isinstance(window.screen(), SignInScreen)


def test_wrong_passwords_lock_the_sign_in(qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    window = DeskWindow(desk)
    qtbot.addWidget(window)
    signin = window.screen()
    assert isinstance(signin, SignInScreen)
    signin.username.setText("kim")
    for _ in range(4):
        signin.password.setText("not it at all")
        qtbot.keyClick(signin.password, Qt.Key.Key_Return)
    assert "1번 더 틀리면" in signin.error.text()
    signin.password.setText("not it at all")
    signin.submit()
    assert "잠겼습니다" in signin.error.text()
    signin.password.setText(PASSWORD)
    assert signin.submit() is None and window.main is None
    assert signin.password.text() == ""  # never left in the field


def test_staff_see_bookings_but_not_resources_households_or_accounts(
        qtbot: Any, desk: Any, staff: AdminAccount) -> None:
    window = DeskWindow(desk)
    qtbot.addWidget(window)
    signin = window.screen()
    assert isinstance(signin, SignInScreen)
    signin.username.setText("lee")
    signin.password.setText(PASSWORD)
    signin.submit()
    assert window.main is not None
    assert tab_titles(window.main) == ["예약 관리", "달력", "소식", "행사", "동기화·키오스크"]
    assert window.main.resources is None and window.main.accounts is None
    assert window.main.audit is None


def test_each_booking_action_from_the_table(qtbot: Any, desk: Any, manager: AdminAccount,
                                            clock: Any) -> None:
    add_resource(desk.services, capacity=4, approval_required=True)
    household = add_household(desk.services)
    codes = [desk.bookings.book(BookingRequest("room", at(10 + i), at(11 + i)), household,
                                KIOSK).code for i in range(4)]
    session, notes = session_for(desk, manager)
    tab = BookingsTab(session)
    qtbot.addWidget(tab)
    def settle() -> None:
        qtbot.waitUntil(lambda: tab.model.idle, timeout=10_000)

    tab.date_from.setDate(QDate(2026, 11, 23))
    tab.apply_filters()
    settle()
    assert tab.model.total == 4 and tab.count.text() == "4건"
    assert tab.pending_button.text() == "승인 대기 4건"
    tab.select_row(0)
    assert tab.approve_button.isEnabled() and not tab.checkin_button.isEnabled()
    assert tab.approve().status is BookingStatus.CONFIRMED  # type: ignore[union-attr]
    settle()
    assert tab.selected().status is BookingStatus.CONFIRMED  # type: ignore[union-attr]
    assert tab.checkin_button.isEnabled() and not tab.approve_button.isEnabled()
    assert tab.pending_button.text() == "승인 대기 3건"
    tab.show_pending()
    settle()
    assert tab.model.total == 3 and tab.status.currentData() == "pending"
    tab.status.setCurrentIndex(0)
    settle()
    tab.select_row(1)
    assert tab.reject("회의실 점검").status is BookingStatus.REJECTED  # type: ignore[union-attr]
    settle()
    tab.select_row(2)
    assert tab.cancel("") is None and notes.seen[-1][1]  # a reason is required
    assert tab.cancel("전화로 취소 요청").status is BookingStatus.CANCELLED  # type: ignore[union-attr]
    settle()
    tab.select_row(0)
    clock.now = at(9, 50)
    assert tab.check_in().status is BookingStatus.CHECKED_IN  # type: ignore[union-attr]
    settle()
    tab.select_row(3)
    tab.approve()
    settle()
    clock.now = at(13, 30)
    tab.select_row(3)
    assert tab.no_show().status is BookingStatus.NO_SHOW  # type: ignore[union-attr]
    settle()
    expected = {codes[0]: ("booking.check_in", None), codes[1]: ("booking.reject", "회의실 점검"),
                codes[2]: ("booking.cancel", "전화로 취소 요청"),
                codes[3]: ("booking.no_show", None)}
    for code, (action, reason) in expected.items():
        last = desk.search.history(code)[-1]
        assert (last.actor, last.action, last.details.get("reason")) == ("admin:kim", action,
                                                                         reason)
    tab.code.setText(codes[1])
    tab.apply_filters()
    settle()
    tab.select_row(0)
    history = [tab.history.item(i).text() for i in range(tab.history.count())]
    assert len(history) == 2 and "회의실 점검" in history[1]
    assert [text for text, error in notes.seen if error] == ["취소에는 사유가 필요합니다."]


def test_booking_on_behalf_dialog_applies_rules_and_manager_override(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    add_resource(desk.services, capacity=2, quotas=(Quota(QuotaPeriod.DAY, max_bookings=1),))
    add_household(desk.services)
    session, _ = session_for(desk, manager)

    def dialog(hour: int) -> CreateBookingDialog:
        d = CreateBookingDialog(session, desk.resources.resources())
        qtbot.addWidget(d)
        d.household.setText("101-1203")
        d.day.setDate(QDate(2026, 11, 24))
        d.start.setTime(d.start.time().fromString(f"{hour:02d}:00", "HH:mm"))
        d.minutes.setValue(60)
        return d

    first = dialog(10)
    first.submit()
    assert first.made is not None and first.made.created_by == "admin:kim"
    second = dialog(12)
    second.submit()
    assert second.made is None and "한도" in second.error.text()
    assert "규칙 예외" in second.error.text()
    second.override.setChecked(True)
    second.submit()
    assert second.made is None and "사유" in second.error.text()
    second.override_reason.setText("어르신 병원 동행")
    second.submit()
    assert second.made is not None
    assert desk.search.history(second.made.code)[0].details["override_reason"] == "어르신 병원 동행"
    unknown = dialog(14)
    unknown.household.setText("999-1")
    unknown.submit()
    assert "등록되지 않은" in unknown.error.text()


def test_rule_editor_refuses_invalid_values_and_previews_in_words(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    session, _ = session_for(desk, manager)
    tab = ResourcesTab(session)
    qtbot.addWidget(tab)
    dialog = ResourceDialog(None)
    qtbot.addWidget(dialog)
    ok = dialog.ok_button
    dialog.id.setText("room-2f")
    dialog.name_ko.setText("2층 회의실")
    dialog.capacity.setValue(1)
    dialog.slot.setCurrentIndex(dialog.slot.findData(30))
    dialog.min_duration.setValue(45)
    assert not ok.isEnabled() and "배수" in dialog.error.text()
    dialog.min_duration.setValue(60)
    dialog.max_duration.setValue(120)
    dialog.day_hours[0].setText("9시부터")
    assert not ok.isEnabled() and "09:00-22:00" in dialog.error.text()
    assert dialog.error.text().startswith("월요일")
    dialog.day_hours[0].setText("09:00-22:00")
    dialog.same_as_monday()
    dialog.per_day.setValue(1)
    dialog.approval.setChecked(True)
    assert ok.isEnabled() and dialog.error.text() == ""
    assert dialog.preview.text().startswith("최대 2시간, 최소 1시간, 하루 1회")
    assert "승인 필요" in dialog.preview.text() and "운영 09:00-22:00" in dialog.preview.text()
    dialog.submit()
    assert dialog.result_resource is not None
    assert tab.save(dialog.result_resource, new=True)
    stored = desk.bookings.resource("room-2f")
    assert stored.rules.approval_required and stored.rules.quotas == (
        Quota(QuotaPeriod.DAY, max_bookings=1),)
    assert [r.id for r in tab.items] == ["room-2f"]


def test_every_rule_is_edited_in_the_dialog_and_reaches_the_kiosk(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    from datetime import date

    from kiosk.domain.rules import TimeWindow

    add_resource(desk.services)
    assert any(s.bookable for s in desk.bookings.availability("room", date(2026, 11, 26)))
    session, _ = session_for(desk, manager)
    tab = ResourcesTab(session)
    qtbot.addWidget(tab)
    dialog = ResourceDialog(tab.items[0])
    qtbot.addWidget(dialog)
    assert [e.text() for e in dialog.day_hours] == ["00:00-24:00"] * 7
    dialog.day_hours[2].setText("10:00-12:00")           # Wednesday
    dialog.day_hours[4].setText("22:00-02:00")           # Friday, past midnight
    assert "토요일" in dialog.error.text() and not dialog.ok_button.isEnabled()
    dialog.day_hours[5].setText("10:00-18:00")           # Saturday
    dialog.day_hours[6].setText("")                      # Sunday closed
    dialog.closed_pick.setDate(QDate(2026, 11, 26))      # a Thursday
    qtbot.mouseClick(dialog.add_closed_button, Qt.MouseButton.LeftButton)
    dialog.holidays.setChecked(True)
    dialog.minutes_week.setValue(180)
    dialog.checkin.setChecked(True)
    dialog.checkin_opens.setValue(10)
    dialog.where_en.setText("2nd floor")
    assert dialog.ok_button.isEnabled(), dialog.error.text()
    preview = dialog.preview.text()
    assert "수 10:00-12:00" in preview and "일 휴무" in preview
    assert "쉬는 날 11/26" in preview and "공휴일 휴무" in preview
    assert "한 주 3시간까지" in preview
    assert "체크인 필요(시작 10분 전부터, 15분 지나면 자동 취소)" in preview
    dialog.submit()
    assert dialog.result_resource is not None
    assert tab.save(dialog.result_resource, new=False)
    rules = desk.bookings.resource("room").rules
    assert rules.hours.weekly[2] == (TimeWindow(600, 720),)
    assert rules.hours.weekly[4] == (TimeWindow(1320, 1440),)
    assert rules.hours.weekly[5] == (TimeWindow(0, 120), TimeWindow(600, 1080))
    assert rules.hours.weekly[6] == ()
    assert rules.hours.closed_dates == frozenset({date(2026, 11, 26)})
    assert rules.hours.closed_on_public_holidays and rules.checkin_opens_before == 10
    assert rules.quotas == (Quota(QuotaPeriod.WEEK, max_minutes=180),)
    assert desk.bookings.resource("room").location.where_en == "2nd floor"
    # The kiosk's slot grid follows: closed date and Sunday empty, Wednesday 10-12 only.
    assert not any(s.bookable for s in desk.bookings.availability("room", date(2026, 11, 26)))
    assert not any(s.bookable for s in desk.bookings.availability("room", date(2026, 11, 29)))
    wednesday = [s.start.astimezone(SEOUL).strftime("%H:%M")
                 for s in desk.bookings.availability("room", date(2026, 11, 25)) if s.bookable]
    assert wednesday == ["10:00", "10:30", "11:00", "11:30"]
    saturday = [s.start.astimezone(SEOUL).strftime("%H:%M")
                for s in desk.bookings.availability("room", date(2026, 11, 28)) if s.bookable]
    assert saturday[:4] == ["00:00", "00:30", "01:00", "01:30"] and "02:00" not in saturday
    with desk.bookings.uow() as uow:
        entry = uow.audit.for_entity("resource", "room")[-1]
    assert entry.actor == "admin:kim" and entry.action == "resource.update"
    assert entry.details["changed"]["rules.closed_dates"] == [[], ["2026-11-26"]]
    assert entry.details["changed"]["rules.hours"][1]["sun"] == []
    # Reopening the dialog shows what was stored; removing the date works.
    again = ResourceDialog(desk.bookings.resource("room"))
    qtbot.addWidget(again)
    assert again.day_hours[4].text() == "22:00-24:00" and again.closed_list.count() == 1
    again.closed_list.setCurrentRow(0)
    again.remove_closed_date()
    assert again.build().rules.hours.closed_dates == frozenset()


def test_a_refused_rule_edit_changes_nothing(qtbot: Any, desk: Any, manager: AdminAccount,
                                             staff: AdminAccount) -> None:
    add_resource(desk.services)
    session, notes = session_for(desk, staff)
    dialog = ResourceDialog(desk.bookings.resource("room"))
    qtbot.addWidget(dialog)
    dialog.day_hours[0].setText("")
    dialog.day_hours[1].setText("25:00-26:00")
    assert "화요일" in dialog.error.text() and not dialog.ok_button.isEnabled()
    dialog.submit()
    assert dialog.result_resource is None
    dialog.day_hours[1].setText("09:00-18:00")
    dialog.submit()
    assert dialog.result_resource is not None
    manager_session, _ = session_for(desk, manager)
    tab = ResourcesTab(manager_session)
    qtbot.addWidget(tab)
    tab.session = session  # a volunteer's session may not save rules
    assert not tab.save(dialog.result_resource, new=False)
    assert notes.seen[-1][1]
    assert desk.bookings.resource("room").rules.hours.weekly[0] != ()


def test_out_of_service_and_move_out_from_the_tabs(qtbot: Any, desk: Any,
                                                   manager: AdminAccount) -> None:
    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    made = desk.bookings.book(BookingRequest("room", at(10), at(11)), household, KIOSK)
    session, notes = session_for(desk, manager)
    resources = ResourcesTab(session)
    qtbot.addWidget(resources)
    resources.take_out_with(resources.items[0], "보일러 고장", UpcomingChoice.KEEP)
    assert "취소된 예약 0건" in notes.seen[-1][0]
    assert desk.bookings.get(made.code).status is BookingStatus.CONFIRMED
    households = HouseholdsTab(session)
    qtbot.addWidget(households)
    households.deactivate_with(households.items[0], UpcomingChoice.CANCEL, "전출")
    assert "취소된 예약 1건" in notes.seen[-1][0]
    assert desk.bookings.get(made.code).status is BookingStatus.CANCELLED
    assert not desk.households.households()[0].active


def test_csv_import_previews_refuses_bad_rows_and_writes_nothing(
        qtbot: Any, desk: Any, manager: AdminAccount, tmp_path: Path) -> None:
    add_household(desk.services, "101", "1203")
    session, _ = session_for(desk, manager)
    bad = tmp_path / "bad.csv"
    bad.write_text("building,unit,pin,plates,active\n101,1204,4821,12가3456,yes\n"
                   "102,302,12,,yes\n103,1,,,yes\n101,1204,1111,,yes\n", encoding="utf-8")
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load(bad)
    errors = [dialog.errors.item(i).text() for i in range(dialog.errors.count())]
    assert errors == ["3번째 줄: PIN은 숫자 4자리여야 합니다",
                      "4번째 줄: 103-1은 새 세대라 PIN이 필요합니다",
                      "5번째 줄: 101-1204가 2번째 줄과 겹칩니다"]
    assert not dialog.ok_button.isEnabled()
    dialog.submit()
    assert [h.label for h in desk.households.households()] == ["101-1203"]
    good = tmp_path / "good.csv"
    good.write_bytes("building,unit,pin,plates,active\n101,1203,,12가3456,yes\n"
                     "102,302,0302,,yes\n".encode("cp949"))
    dialog.load(good)
    assert dialog.table.rowCount() == 2 and dialog.table.item(0, 2).text() == "고침"
    assert dialog.ok_button.isEnabled()
    dialog.submit()
    assert dialog.result_counts == (1, 1)
    assert {h.label: h.plates for h in desk.households.households()} == {
        "101-1203": ("12가3456",), "102-302": ()}


def test_table_over_100000_bookings_reads_only_the_pages_shown(
        qtbot: Any, desk: Any) -> None:
    from bench.admin_bench import fill_bookings

    add_resource(desk.services, capacity=5)
    for unit in ("1203", "1204", "1205"):
        add_household(desk.services, "101", unit)
    add_household(desk.services, "102", "302")
    fill_bookings(desk.services.engine, 100_000, around=at(9))
    model = BookingTableModel(desk.search, page_size=100, max_pages=6)
    view = QTableView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.setModel(model)
    view.show()

    def settle() -> None:
        qtbot.waitUntil(lambda: model.idle, timeout=20_000)
        qtbot.wait(20)
        qtbot.waitUntil(lambda: model.idle, timeout=20_000)

    model.set_query(BookingQuery())
    assert model.rowCount() == 0 and not model.idle  # the count arrives from a worker
    settle()
    assert model.rowCount() == 100_000
    assert 1 <= model.fetches <= 2
    view.scrollToBottom()
    settle()
    view.scrollTo(model.index(50_000, 0))
    settle()
    assert model.fetches <= 8  # a few pages, not a thousand
    assert len(model.pages) <= 6 and sum(len(p) for p in model.pages.values()) <= 600
    assert model.index(99_999, 0).data() != "…"
    before = model.fetches
    model.sort(2, Qt.SortOrder.DescendingOrder)
    settle()
    assert model.row_at(0).household == "102-302"  # type: ignore[union-attr]
    assert model.fetches - before <= 2
    model.set_query(BookingQuery(household="101-1204"))
    settle()
    assert 20_000 < model.rowCount() < 30_000


def test_reports_run_off_the_gui_thread_and_export_readable_files(
        qtbot: Any, desk: Any, manager: AdminAccount, clock: Any, tmp_path: Path) -> None:
    from openpyxl import load_workbook
    from PySide6.QtPdf import QPdfDocument

    codes = known_week(desk, clock)
    session, _ = session_for(desk, manager)
    tab = ReportsTab(session)
    qtbot.addWidget(tab)
    tab.first.setDate(QDate(2026, 11, 23))
    tab.last.setDate(QDate(2026, 11, 29))
    tab.start()
    qtbot.waitUntil(lambda: tab.report is not None, timeout=10_000)
    assert tab.usage.rowCount() == 1
    assert [tab.usage.item(0, c).text() for c in range(7)] == [
        "커뮤니티룸", "2026-11-23", "3", "4.0", str(round(400 / 336, 1)), "1", "1"]
    assert tab.heat.item(1, 14).text() == "2"
    assert tab.export(tmp_path / "r.xlsx", "xlsx")
    book = load_workbook(tmp_path / "r.xlsx")
    assert book.sheetnames == ["자원별 이용", "붐비는 시간", "세대별 비율"]
    assert list(book["자원별 이용"].iter_rows(min_row=2, values_only=True)) == [
        ("커뮤니티룸", "2026-11-23", 3, 4.0, round(400 / 336, 1), 1, 1)]
    assert list(book["세대별 비율"].iter_rows(min_row=2, values_only=True)) == [
        ("101-1203", 1, 2.0, 50.0), ("102-302", 1, 2.0, 50.0)]
    assert tab.export(tmp_path / "r.csv", "csv")
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()[1].startswith(
        "커뮤니티룸,2026-11-23,3,4.0")
    pdf = tab.daily_sheet(tmp_path / "today.pdf")
    assert pdf is not None and pdf.read_bytes()[:5] == b"%PDF-"
    document = QPdfDocument()
    assert document.load(str(pdf)) == QPdfDocument.Error.None_
    assert document.pageCount() == 1
    text = "".join(document.getAllText(0).text().split())
    assert codes["b1"] in text and codes["b4"] in text and codes["b3"] not in text
    document.close()


def test_pin_slip_is_a_one_page_pdf_with_the_new_pin(qtbot: Any, desk: Any,
                                                      manager: AdminAccount,
                                                      tmp_path: Path) -> None:
    from PySide6.QtPdf import QPdfDocument

    add_household(desk.services)
    session, _ = session_for(desk, manager)
    tab = HouseholdsTab(session)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    slip = tab.reset_pin(tmp_path / "slip.pdf")
    assert slip is not None and slip.read_bytes()[:5] == b"%PDF-"
    document = QPdfDocument()
    document.load(str(slip))
    assert document.pageCount() == 1
    text = "".join(document.getAllText(0).text().split())
    assert "101-1203" in text
    found = re.search(r"새PIN(\d{4})", text)
    assert found is not None
    pin = found.group(1)
    assert desk.bookings.verify_household("101", "1203", pin).label == "101-1203"
    document.close()


def test_screenshots_render_every_screen_in_both_languages(
        qtbot: Any, desk: Any, clock: Any, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from kiosk.admin.screenshots import render_all
    from kiosk.admin.window import DeskLanguage

    known_week(desk, clock)
    language = DeskLanguage(QApplication.instance())  # type: ignore[arg-type]
    made = render_all(desk, language, tmp_path)
    names = {p.name for p in made}
    for lang in ("ko", "en"):
        for screen in ("01-setup", "02-signin", "03-bookings", "04-calendar", "05-resources",
                       "06-households", "07-reports", "08-status", "09-accounts", "15-staff"):
            assert f"{lang}-{screen}.png" in names
    image = QImage(str(tmp_path / "en-03-bookings.png"))
    assert (image.width(), image.height()) == (1600, 1000)
    assert (tmp_path / "ko-03-bookings.png").read_bytes() != \
        (tmp_path / "en-03-bookings.png").read_bytes()
    assert desk.accounts.needs_setup()  # rendering wrote nothing


def test_blackout_dialog_and_calendar_show_bookings_and_closures(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    from kiosk.admin.calendar_tab import CalendarTab
    from kiosk.admin.resources_tab import BlackoutDialog

    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    kept = desk.bookings.book(BookingRequest("room", at(10, day=24), at(11, day=24)),
                              household, KIOSK)
    session, _ = session_for(desk, manager)
    dialog = BlackoutDialog(desk.resources.resources(), datetime(2026, 11, 24).date())
    qtbot.addWidget(dialog)
    dialog.submit()
    assert dialog.result_blackout is None and "자원" in dialog.error.text()
    dialog.which.item(0).setSelected(True)
    dialog.submit()
    assert dialog.result_blackout is None and "사유" in dialog.error.text()
    dialog.reason.setText("바닥 공사")
    dialog.submit()
    blackout = dialog.result_blackout
    assert blackout is not None and not blackout.cancel_overlapping
    assert blackout.start == at(9, day=24) and blackout.end == at(18, day=24)
    _, cancelled = desk.resources.add_blackout(blackout, session.actor)
    assert cancelled == [] and desk.bookings.get(kept.code).status is BookingStatus.CONFIRMED
    calendar = CalendarTab(session)
    qtbot.addWidget(calendar)
    calendar.anchor = at(9, day=24).date()
    calendar.reload()
    assert calendar.title.text() == "2026-11-23 ~ 11-29"
    assert [b.code for b in calendar.canvas.bookings] == [kept.code]
    assert [b.reason for b in calendar.canvas.blackouts] == ["바닥 공사"]
    calendar.day_mode.setChecked(True)
    calendar.move(1)
    assert calendar.title.text() == "2026-11-25" and calendar.canvas.bookings == []
    image = calendar.grab()
    assert not image.isNull()


class RecordedSync:
    """The sync and heartbeat protocols over fixed records, as other parts provide them."""

    def __init__(self) -> None:
        from kiosk.services.status import KioskHeartbeat, SourceStatus

        self.requested: list[str] = []
        self.rows = [SourceStatus("gbfs-ttareungyi", at(8), "HTTP 503", at(8, 30), 2)]
        self.beats = [KioskHeartbeat("lobby-101", "101동 로비", at(8, 59), "0.1.0", 7260)]

    def sources(self) -> list[Any]:
        return self.rows

    def sync_now(self, name: str) -> None:
        self.requested.append(name)

    def heartbeats(self) -> list[Any]:
        return self.beats


def test_status_panel_reads_the_protocols_and_says_when_not_connected(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    from kiosk.admin.status_tab import StatusTab

    session, notes = session_for(desk, manager)
    unplugged = StatusTab(session)
    qtbot.addWidget(unplugged)
    assert not unplugged.banner.isHidden() and not unplugged.sync_button.isEnabled()
    recorded = RecordedSync()
    desk.sync = desk.heartbeats = recorded
    from dataclasses import replace

    from kiosk.sync.config import SourceConfig

    desk.services.settings = replace(desk.services.settings, hub_sources=(
        SourceConfig("gbfs-ttareungyi", "gbfs", "http://hub.invalid/gbfs.json"),))
    panel = StatusTab(session)
    qtbot.addWidget(panel)
    assert panel.banner.isHidden()
    # Names a volunteer reads; the ids stay in the tooltips.
    assert [panel.sources.item(0, c).text() for c in range(4)] == [
        "공유 자전거 정보 (GBFS)", "2026-11-23 08:00", "2026-11-23 08:30 HTTP 503", "2"]
    assert panel.sources.item(0, 0).toolTip() == "gbfs-ttareungyi"
    assert panel.heartbeats.item(0, 0).text() == "101동 로비 키오스크"
    assert panel.heartbeats.item(0, 0).toolTip() == "lobby-101"
    assert panel.heartbeats.item(0, 4).text() == "2시간 1분"
    panel.sync_now()
    assert recorded.requested == [] and notes.seen[-1][1]  # nothing chosen yet
    panel.sources.selectRow(0)
    panel.sync_now()
    assert recorded.requested == ["gbfs-ttareungyi"]


def test_accounts_tab_creates_volunteers_and_unlocks(qtbot: Any, desk: Any,
                                                     manager: AdminAccount) -> None:
    from kiosk.admin.accounts_tab import AccountDialog, AccountsTab

    session, _ = session_for(desk, manager)
    tab = AccountsTab(session)
    qtbot.addWidget(tab)
    dialog = AccountDialog(session)
    qtbot.addWidget(dialog)
    dialog.username.setText("lee")
    dialog.display.setText("이봉사")
    dialog.password.setText("short")
    dialog.submit()
    assert dialog.created is None and "8" in dialog.error.text()
    dialog.password.setText(PASSWORD)
    dialog.submit()
    assert dialog.created is not None and not dialog.created.is_manager
    for _ in range(5):
        with pytest.raises(DeskRefused):
            desk.accounts.sign_in("lee", "nope nope")
    tab.reload()
    assert [tab.table.item(r, 0).text() for r in range(tab.table.rowCount())] == ["kim", "lee"]
    assert tab.table.item(1, 3).text().startswith("잠김")
    tab.table.selectRow(1)
    tab.unlock()
    assert desk.accounts.sign_in("lee", PASSWORD).username == "lee"


def test_audit_tab_lists_who_did_what_and_filters(qtbot: Any, desk: Any,
                                                  manager: AdminAccount) -> None:
    from kiosk.admin.audit_tab import AuditTab

    add_resource(desk.services, capacity=2)
    household = add_household(desk.services)
    made = desk.bookings.book(BookingRequest("room", at(10), at(11)), household, KIOSK)
    session, _ = session_for(desk, manager)
    desk.bookings.cancel(made.code, session.actor, reason="세대 요청")
    tab = AuditTab(session)
    qtbot.addWidget(tab)
    first = [tab.table.item(0, c).text() for c in range(5)]
    assert first[1:4] == ["admin:kim", "booking.cancel", f"booking {made.code}"]
    assert "세대 요청" in first[4]
    tab.search.setText("kiosk:lobby-1")
    assert tab.table.rowCount() == 1 and tab.table.item(0, 2).text() == "booking.create"


def test_desk_signs_out_by_itself_when_left_alone(qtbot: Any, desk: Any,
                                                  manager: AdminAccount) -> None:
    window = DeskWindow(desk, idle_ms=60_000)
    qtbot.addWidget(window)
    window.signed_in(manager)
    assert window.main is not None and window.idle.isActive()
    window.idle.start(50)  # as if almost the whole quarter of an hour had passed
    qtbot.keyClick(window.main.bookings.code, Qt.Key.Key_A)  # activity: the wait restarts
    assert window.main is not None and window.idle.remainingTime() > 50_000
    window.idle.start(10)
    qtbot.waitUntil(lambda: window.main is None, timeout=5000)
    signin = window.screen()
    assert isinstance(signin, SignInScreen) and "로그아웃" in signin.error.text()
    assert not window.idle.isActive()


def test_settings_are_validated_and_written_back_keeping_the_file(
        qtbot: Any, desk: Any, manager: AdminAccount, tmp_path: Path) -> None:
    from dataclasses import replace

    from PySide6.QtWidgets import QLineEdit, QSpinBox

    from kiosk.admin.settings_tab import SettingsTab
    from kiosk.config import load_settings

    config = tmp_path / "kiosk.toml"
    original = '# 길음 village\n[kiosk]\nid = "lobby-7"\nidle_timeout_s = 60\n'
    config.write_text(original, encoding="utf-8")
    desk.services.settings = replace(load_settings(config, environ={}))
    session, notes = session_for(desk, manager)
    tab = SettingsTab(session)
    qtbot.addWidget(tab)
    idle = tab.fields["kiosk", "idle_timeout_s"]
    assert isinstance(idle, QSpinBox) and idle.value() == 60
    idle.setValue(0)
    assert tab.save() is None and notes.seen[-1][1]
    assert "idle_timeout_s must be a whole number above 0" in notes.seen[-1][0]
    assert config.read_text(encoding="utf-8") == original
    idle.setValue(90)
    name = tab.fields["village", "name"]
    assert isinstance(name, QLineEdit)
    name.setText("정릉 나눔마을")
    extra = tab.fields["holidays", "extra"]
    assert isinstance(extra, QLineEdit)
    extra.setText("2026-12-31, 2027-01-02")
    saved = tab.save()
    assert saved is not None and not notes.seen[-1][1]
    text = config.read_text(encoding="utf-8")
    assert text.startswith("# 길음 village\n[kiosk]\nid = \"lobby-7\"\nidle_timeout_s = 90\n")
    again = load_settings(config, environ={})
    assert (again.village_name, again.idle_timeout_s, again.kiosk_id) == (
        "정릉 나눔마을", 90, "lobby-7")
    assert [d.isoformat() for d in again.extra_holidays] == ["2026-12-31", "2027-01-02"]
    assert tab.save() is None and notes.seen[-1][0] == "바뀐 설정이 없습니다."
    extra.setText("31.12.2026")
    assert tab.save() is None and "holidays.extra" in notes.seen[-1][0]
    assert load_settings(config, environ={}).extra_holidays == again.extra_holidays


def test_reports_and_daily_sheet_name_resources_in_english_mode(
        qtbot: Any, desk: Any, manager: AdminAccount, clock: Any, tmp_path: Path) -> None:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtWidgets import QApplication

    from kiosk.admin.window import DeskLanguage

    known_week(desk, clock)
    language = DeskLanguage(QApplication.instance())  # type: ignore[arg-type]
    language.set("en")
    try:
        session, _ = session_for(desk, manager)
        tab = ReportsTab(session)
        qtbot.addWidget(tab)
        tab.first.setDate(QDate(2026, 11, 23))
        tab.last.setDate(QDate(2026, 11, 29))
        tab.start()
        qtbot.waitUntil(lambda: tab.report is not None, timeout=10_000)
        assert tab.usage.item(0, 0).text() == "Community room"
        assert tab.usage_rows()[0][0] == "Community room"
        pdf = tab.daily_sheet(tmp_path / "today.pdf")
        assert pdf is not None
        document = QPdfDocument()
        document.load(str(pdf))
        text = "".join(document.getAllText(0).text().split())
        assert "Communityroom" in text and "커뮤니티룸" not in text
        document.close()
    finally:
        language.set("ko")


def test_an_import_refused_at_write_time_is_explained_in_korean(
        qtbot: Any, desk: Any, manager: AdminAccount, tmp_path: Path) -> None:
    session, notes = session_for(desk, manager)
    dialog = ImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load(tmp_path / "missing.csv")
    assert dialog.error.text().startswith("파일을 읽을 수 없습니다")
    good = tmp_path / "h.csv"
    good.write_text("building,unit,pin\n101,1203,1234\n", encoding="utf-8")
    dialog.load(good)
    assert dialog.ok_button.isEnabled()
    dialog.raw = b"building,unit,pin\n101,1203,12\n"  # the file changed after the preview
    dialog.submit()
    assert notes.seen[-1][1]
    assert "2번째 줄: PIN은 숫자 4자리여야 합니다" in notes.seen[-1][0]
    assert desk.households.households() == []


def pdf_printer(path: Path) -> Any:
    """A printer that writes its pages to a PDF: the print path without the dialog."""
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    return printer


def test_pin_slip_and_daily_sheet_go_to_a_printer_as_well(
        qtbot: Any, desk: Any, manager: AdminAccount, clock: Any, tmp_path: Path) -> None:
    from PySide6.QtPdf import QPdfDocument

    codes = known_week(desk, clock)
    session, notes = session_for(desk, manager)
    households = HouseholdsTab(session)
    qtbot.addWidget(households)
    households.table.selectRow(0)
    assert households.print_pin(pdf_printer(tmp_path / "slip.pdf"))
    assert "인쇄했습니다" in notes.seen[-1][0]
    document = QPdfDocument()
    assert document.load(str(tmp_path / "slip.pdf")) == QPdfDocument.Error.None_
    found = re.search(r"새PIN(\d{4})", "".join(document.getAllText(0).text().split()))
    assert found is not None
    assert desk.bookings.verify_household("101", "1203", found.group(1)).label == "101-1203"
    document.close()
    reports = ReportsTab(session)
    qtbot.addWidget(reports)
    assert reports.print_sheet(pdf_printer(tmp_path / "sheet.pdf"))
    sheet = QPdfDocument()
    sheet.load(str(tmp_path / "sheet.pdf"))
    assert sheet.pageCount() == 1
    assert codes["b1"] in "".join(sheet.getAllText(0).text().split())
    sheet.close()


def test_a_slip_that_cannot_be_written_still_tells_the_new_pin(
        qtbot: Any, desk: Any, manager: AdminAccount, tmp_path: Path) -> None:
    add_household(desk.services)
    session, notes = session_for(desk, manager)
    tab = HouseholdsTab(session)
    qtbot.addWidget(tab)
    tab.table.selectRow(0)
    assert tab.reset_pin(tmp_path / "no-such-folder" / "slip.pdf") is None
    text, error = notes.seen[-1]
    found = re.search(r"새 PIN은 (\d{4})입니다", text)
    assert error and found is not None
    assert desk.bookings.verify_household("101", "1203", found.group(1)).label == "101-1203"
    assert not (tmp_path / "no-such-folder").exists()
