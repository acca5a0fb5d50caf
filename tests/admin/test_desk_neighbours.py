"""The neighbours tab and the resource dialog's "open to" fields, clicked as at the desk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.admin.dialogs import UpcomingDialog
from kiosk.admin.neighbours_tab import NeighbourDialog, NeighboursTab
from kiosk.admin.resources_tab import ResourceDialog, ResourcesTab
from kiosk.domain.admin_accounts import AdminAccount
from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.domain.rules import Audience
from tests.admin.test_desk_clicks import (
    OFFSCREEN_LIMITS,
    FilePicker,
    answering,
    click,
    click_row,
    shown,
    type_text,
)
from tests.admin.test_ui import Notes, session_for
from tests.builders import MANAGER, add_resource

pytestmark = [
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore(*OFFSCREEN_LIMITS),
]


@pytest.fixture
def neighbours(qtbot: Any, desk: Any, manager: AdminAccount,
               tmp_path: Path) -> Callable[[], tuple[NeighboursTab, Notes]]:
    def make() -> tuple[NeighboursTab, Notes]:
        session, notes = session_for(desk, manager)
        return shown(qtbot, NeighboursTab(session, slips_dir=tmp_path)), notes
    return make


def test_register_button_refuses_a_bad_phone_then_registers_with_a_typed_pin(
        qtbot: Any, desk: Any, neighbours: Any) -> None:
    tab, notes = neighbours()

    def fill_in(dialog: NeighbourDialog) -> None:
        assert dialog.windowTitle() == "이웃 회원 등록"
        type_text(qtbot, dialog.name, "홍길동")
        type_text(qtbot, dialog.phone, "1234")
        click(qtbot, dialog.pin_type)
        type_text(qtbot, dialog.pin, "4821")
        click(qtbot, dialog.ok_button)
        assert dialog.isVisible() and "phone" in dialog.error.text()
        type_text(qtbot, dialog.phone, "010-0000-1234")
        click(qtbot, dialog.ok_button)

    with answering(NeighbourDialog, fill_in):
        click(qtbot, tab.add_button)
    [member] = desk.neighbours.neighbours()
    assert notes.seen == [("이웃 N-0001 홍*동을 등록했습니다.", False)]
    assert [tab.table.item(0, c).text() for c in range(4)] == [
        "N-0001", "홍길동", "010-****-1234", "사용"]
    assert desk.bookings.verify_neighbour("N-0001", "4821").id == member.id


def test_register_with_a_made_pin_saves_its_slip(qtbot: Any, desk: Any, neighbours: Any,
                                                 tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    picker = FilePicker(monkeypatch)
    picker.answers.append(tmp_path / "slip.pdf")
    tab, notes = neighbours()

    def fill_in(dialog: NeighbourDialog) -> None:
        type_text(qtbot, dialog.name, "김영희")
        type_text(qtbot, dialog.phone, "01000005678")
        click(qtbot, dialog.ok_button)

    with answering(NeighbourDialog, fill_in):
        click(qtbot, tab.add_button)
    assert (tmp_path / "slip.pdf").read_bytes().startswith(b"%PDF")
    assert notes.seen == [("이웃 N-0001 김*희를 등록했습니다. PIN 안내문: slip.pdf", False)]


def test_deactivate_button_cancels_the_bookings_ahead(qtbot: Any, desk: Any,
                                                      neighbours: Any) -> None:
    from datetime import timedelta

    from kiosk.domain.clock import local_midnight, to_local
    from kiosk.domain.policy import BookingRequest

    member = desk.neighbours.add("홍길동", "010-0000-1234", "4821", MANAGER)
    add_resource(desk.services, "room", open_to=Audience.NEIGHBOURS)
    start = local_midnight(to_local(desk.bookings.clock()).date() + timedelta(days=1)) \
        + timedelta(hours=10)
    made = desk.bookings.book_neighbour(BookingRequest("room", start, start + timedelta(hours=1)),
                                        member.id, MANAGER)
    tab, notes = neighbours()
    click_row(qtbot, tab.table, 0)

    def cancel_them(dialog: UpcomingDialog) -> None:
        assert dialog.windowTitle() == "사용 중지: 이웃 N-0001 홍*동"
        click(qtbot, dialog.cancel_all)
        click(qtbot, dialog.ok_button)

    with answering(UpcomingDialog, cancel_them):
        click(qtbot, tab.deactivate_button)
    assert desk.bookings.get(made.code).status == "cancelled"
    assert notes.seen == [("N-0001 사용을 중지했습니다. 취소된 예약 1건.", False)]
    assert tab.table.item(0, 3).text() == "사용 중지"
    with pytest.raises(BookingRefused) as refused:
        desk.bookings.verify_neighbour("N-0001", "4821")
    assert refused.value.reason is Refusal.HOUSEHOLD_INACTIVE


def test_resource_dialog_opens_a_room_to_neighbours_with_their_own_days_ahead(
        qtbot: Any, desk: Any, manager: AdminAccount) -> None:
    add_resource(desk.services, "room", max_days_ahead=14)
    session, notes = session_for(desk, manager)
    tab = shown(qtbot, ResourcesTab(session))
    click_row(qtbot, tab.table, 0)

    def open_it(dialog: ResourceDialog) -> None:
        bar = dialog.tabs.tabBar()
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
        assert not dialog.nb_days_ahead.isEnabled()
        dialog.open_to.setCurrentIndex(dialog.open_to.findData("neighbours"))
        assert dialog.nb_days_ahead.isEnabled()
        type_text(qtbot, dialog.nb_days_ahead, "3")
        assert "이웃 회원도: 3일 앞까지" in dialog.preview.text()
        click(qtbot, dialog.ok_button)

    with answering(ResourceDialog, open_it):
        click(qtbot, tab.edit_button)
    rules = desk.bookings.resource("room").rules
    assert rules.open_to is Audience.NEIGHBOURS and rules.neighbours.max_days_ahead == 3
    assert rules.neighbours.quotas is None and rules.max_days_ahead == 14
    with desk.bookings.uow() as uow:
        [entry] = [e for e in uow.audit.recent(10) if e.action == "resource.update"]
    assert notes.errors == []
    assert entry.details["changed"]["rules.open_to"] == ["residents", "neighbours"]
