"""Render every desk screen to PNG (Korean and English) to review them without a display."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.admin.dates import DeskCalendar
from kiosk.admin.dialogs import CreateBookingDialog, ReasonDialog, UpcomingDialog
from kiosk.admin.fees_tab import CorrectionDialog
from kiosk.admin.households_tab import HouseholdDialog, ImportDialog
from kiosk.admin.neighbours_tab import NeighbourDialog
from kiosk.admin.resources_tab import ResourceDialog
from kiosk.admin.signin import SetupScreen, SignInScreen
from kiosk.admin.text import cancel_reasons, tr
from kiosk.admin.window import DeskLanguage, DeskWindow
from kiosk.domain.admin_accounts import AdminAccount, Role
from kiosk.domain.clock import to_local
from kiosk.services.reports import Period

if TYPE_CHECKING:
    from kiosk.app import DeskServices

SIZE = (1600, 1000)
SAMPLE_CSV = ("동,호,비밀번호,차량번호,사용\n101,1203,4821,12가3456,예\n"
              "102,302,11,,예\n103,,1234,,예\n")


def _settle() -> None:
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents()


def _wait_for(ready: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let background queries finish so the picture shows data, not "…"."""
    app = QApplication.instance()
    assert app is not None
    deadline = time.monotonic() + seconds
    while not ready() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def _shot(widget: QWidget, path: Path, size: tuple[int, int] | None = None) -> Path:
    if size is not None:
        widget.resize(*size)
    # Rendered without a platform window: grab() lays the widget out and paints it.
    layout = widget.layout()
    if layout is not None:
        layout.activate()
    _settle()
    widget.grab().save(str(path))
    return path


def render_all(desk: DeskServices, language: DeskLanguage, folder: Path) -> list[Path]:
    """Sign-in, setup, every tab (manager and staff) and the main dialogs, per language.

    Rendering reads the database but never writes to it: the accounts shown are
    made up for the pictures, not stored.
    """
    folder.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []
    manager = AdminAccount("kim", "김관리", Role.MANAGER, "")
    staff = AdminAccount("lee", "이봉사", Role.STAFF, "")
    settings = desk.services.settings
    for lang in ("ko", "en"):
        language.set(lang)
        village = settings.village_name_en if lang == "en" and settings.village_name_en \
            else settings.village_name
        made.append(_shot(SetupScreen(desk, village), folder / f"{lang}-01-setup.png", SIZE))
        signin = SignInScreen(desk, village)
        signin.username.setText("kim")
        signin.error.setText(tr("아이디 또는 비밀번호가 맞지 않습니다. {n}번 더 틀리면 "
                                "잠깁니다.").format(n=3))
        made.append(_shot(signin, folder / f"{lang}-02-signin.png", SIZE))
        window = DeskWindow(desk, language, idle_ms=None)
        window.resize(*SIZE)
        window.setMinimumSize(*SIZE)
        window.signed_in(manager)
        main = window.main
        assert main is not None
        names = ["03-bookings", "04-calendar", "04-notices", "04-events", "05-resources",
                 "06-households", "06-neighbours", "07-reports", "07-fees", "08-status",
                 "09-accounts", "09-audit", "09-settings"]
        if main.reports is not None:
            today = to_local(desk.bookings.clock()).date()
            first = today - timedelta(days=today.weekday() + 21)
            main.reports.first.setDate(QDate(first.year, first.month, first.day))
            main.reports.last.setDate(QDate(today.year, today.month, today.day))
            main.reports.again.stop()
            main.reports.show_report(desk.reports.report(first, today, Period.WEEK))
        model = main.bookings.model
        idle = model.__class__.idle.fget
        assert idle is not None
        _wait_for(partial(idle, model))
        _wait_for(partial(lambda banner: banner.checked > 0, main.alerts))
        if model.total:
            main.bookings.select_row(0)
        if main.fees is not None:
            main.fees.reload()
            _wait_for(partial(lambda tab: bool(tab.ready), main.fees))
        for index, name in enumerate(names):
            main.tabs.setCurrentIndex(index)
            _wait_for(partial(idle, model))
            window.grab()  # the first paint asks for the rows on screen
            _wait_for(partial(idle, model))
            made.append(_shot(window, folder / f"{lang}-{name}.png"))
        if main.reports is not None:
            for page in (1, 2):
                main.tabs.setCurrentWidget(main.reports)
                main.reports.pages.setCurrentIndex(page)
                made.append(_shot(window, folder / f"{lang}-07-reports-{page}.png"))
        session = main.session
        resources = desk.resources.resources()
        made.append(_shot(CreateBookingDialog(session, resources),
                          folder / f"{lang}-10-create-booking.png", (820, 900)))
        bookable = [r for r in resources if r.bookable]
        if bookable:
            paid = next((r for r in bookable if r.rules.fees.charges), bookable[0])
            for page, suffix in ((0, ""), (1, "-rules"), (2, "-hours"), (3, "-fees")):
                editor = ResourceDialog(paid if page == 3 else bookable[0])
                editor.tabs.setCurrentIndex(page)
                made.append(_shot(editor, folder / f"{lang}-11-resource{suffix}.png",
                                  (900, 760)))
            made.append(_shot(UpcomingDialog(tr("사용 중지: {n}").format(n=bookable[0].name_ko),
                                             tr("사용 중지하면 새 예약을 받지 않습니다. 이미 "
                                                "받은 예약을 어떻게 할지 정해 주세요."),
                                             desk.resources.upcoming(bookable[0].id)),
                              folder / f"{lang}-12-out-of-service.png", (620, 320)))
        made.append(_shot(ReasonDialog(tr("예약 취소"), tr("{c} 예약을 취소합니다. 사유를 적어 "
                                                        "주세요.").format(c="AB12CD"),
                                       presets=cancel_reasons()),
                          folder / f"{lang}-13-reason.png", (620, 330)))
        correction = CorrectionDialog(to_local(desk.bookings.clock()).strftime("%Y-%m"),
                                      "101-1203", lambda items, reason: None)
        correction.add_row("N-0001")[1].setValue(-3000)
        correction.rows[0][1].setValue(5000)
        correction.reason.setText(tr("예: 10월 커뮤니티룸 중복 청구 환불"))
        made.append(_shot(correction, folder / f"{lang}-18-fee-correction.png", (640, 420)))
        dialog = ImportDialog(session)
        with tempfile.TemporaryDirectory() as tmp:
            sample = Path(tmp) / "households.csv"
            sample.write_text(SAMPLE_CSV, encoding="utf-8")
            dialog.load(sample)
            made.append(_shot(dialog, folder / f"{lang}-14-import.png", (900, 640)))
        made.append(_shot(HouseholdDialog(session), folder / f"{lang}-16-household-new.png",
                          (640, 420)))
        households = desk.households.households()
        if households:
            made.append(_shot(HouseholdDialog(session, households[0]),
                              folder / f"{lang}-16-household-edit.png", (640, 460)))
        made.append(_shot(NeighbourDialog(session), folder / f"{lang}-16-neighbour-new.png",
                          (640, 460)))
        today = to_local(desk.bookings.clock()).date()
        made.append(_shot(DeskCalendar(today), folder / f"{lang}-17-calendar.png", (360, 260)))
        window.signed_in(staff)
        assert window.main is not None
        model = window.main.bookings.model
        _wait_for(partial(idle, model))
        window.grab()
        _wait_for(partial(idle, model))
        made.append(_shot(window, folder / f"{lang}-15-staff.png"))
        for widget in QApplication.topLevelWidgets():
            widget.close()
            widget.deleteLater()
        _settle()
    language.set("ko")
    return made
