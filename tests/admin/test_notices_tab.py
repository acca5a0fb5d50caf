"""소식 at the desk: a volunteer posts a notice with a picture and takes one down, with
the real buttons; what is wrong is said in Korean and what was typed stays."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QColor, QImage

from kiosk.admin.notices_tab import NoticesTab
from kiosk.domain.admin_accounts import AdminAccount
from tests.admin.test_desk_clicks import (
    OFFSCREEN_LIMITS,
    FilePicker,
    click,
    click_row,
    shown,
    type_text,
)
from tests.admin.test_ui import session_for

pytestmark = [
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore(*OFFSCREEN_LIMITS),
]



def png() -> bytes:
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#2e7d32"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def test_a_volunteer_posts_a_notice_with_a_picture_and_takes_it_down(
        qtbot: Any, desk: Any, staff: AdminAccount, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    session, _notes = session_for(desk, staff)  # a volunteer, not only managers
    tab = shown(qtbot, NoticesTab(session))
    click(qtbot, tab.post_button)
    assert tab.message.full == "제목을 적어 주세요." and tab.message.error
    type_text(qtbot, tab.title, "엘리베이터 점검")
    click(qtbot, tab.post_button)
    assert tab.message.full == "내용을 적어 주세요."
    assert tab.title.text() == "엘리베이터 점검"  # kept
    type_text(qtbot, tab.body, "12월 10일 10시부터 12시까지 점검합니다.")
    type_text(qtbot, tab.last_day, "2026-11-20")
    qtbot.keyClick(tab.last_day, Qt.Key.Key_Return)
    click(qtbot, tab.post_button)
    assert tab.message.full == "마지막 날이 첫날보다 앞섭니다."
    type_text(qtbot, tab.last_day, "2026-11-30")
    qtbot.keyClick(tab.last_day, Qt.Key.Key_Return)
    click(qtbot, tab.pinned)
    picker = FilePicker(monkeypatch)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not a picture")
    picker.answers.append(broken)
    click(qtbot, tab.pick_image_button)
    assert "PNG나 JPEG 그림이 아닙니다" in tab.message.full and tab.image is None
    picture = tmp_path / "lift.png"
    picture.write_bytes(data := png())
    picker.answers.append(picture)
    click(qtbot, tab.pick_image_button)
    assert tab.image is not None and tab.image_label.text() == "lift.png"
    click(qtbot, tab.post_button)
    assert tab.message.full == "게시했습니다: 엘리베이터 점검" and not tab.message.error
    assert tab.title.text() == "" and tab.image is None  # ready for the next one
    [posted] = desk.notices.current()
    assert (posted.title_ko, posted.last_day, posted.pinned, posted.image) == (
        "엘리베이터 점검", date(2026, 11, 30), True, data)
    assert posted.created_by == "admin:lee"
    assert tab.table.rowCount() == 1 and tab.table.item(0, 1).text() == "엘리베이터 점검"
    assert not tab.remove_button.isEnabled()
    click_row(qtbot, tab.table, 0)
    assert tab.remove_button.isEnabled()
    click(qtbot, tab.remove_button)
    assert desk.notices.current() == [] and tab.table.rowCount() == 0
    assert tab.message.full == "소식을 내렸습니다: 엘리베이터 점검"


def test_a_notice_without_end_runs_until_taken_down(
        qtbot: Any, desk: Any, manager: AdminAccount, clock: Any) -> None:
    session, _notes = session_for(desk, manager)
    tab = shown(qtbot, NoticesTab(session))
    type_text(qtbot, tab.title, "분리수거 요일")
    type_text(qtbot, tab.body, "화요일과 금요일입니다.")
    click(qtbot, tab.no_end)
    assert not tab.last_day.isEnabled()
    click(qtbot, tab.post_button)
    [posted] = desk.notices.current()
    assert posted.last_day is None
    assert "계속" in tab.table.item(0, 0).text()
