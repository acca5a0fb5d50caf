"""Layouts that reflow at large text: equal columns that wrap, lists that lie flat."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.widgets import ListArea, ReflowGrid


def shown(qtbot: Any, widget: QWidget, width: int, height: int) -> QWidget:
    """Inside a plain top-level host, as screens sit in the kiosk window (a top-level
    window with a layout would make the offscreen platform warn)."""
    frame = QWidget()
    widget.setParent(frame)
    frame.resize(2000, 2000)
    widget.setGeometry(0, 0, width, height)
    qtbot.addWidget(frame)
    frame.show()
    qtbot.waitExposed(frame)
    return frame  # the caller keeps it: the widget lives as long as its frame


def grid_of(count: int, min_width: int, max_columns: int) -> tuple[QWidget, ReflowGrid,
                                                                     list[QPushButton]]:
    host = QWidget()
    grid = ReflowGrid(host, max_columns=max_columns, spacing=10)
    buttons = []
    for index in range(count):
        key = QPushButton(str(index))
        key.setMinimumSize(min_width, 50)
        grid.addWidget(key)
        buttons.append(key)
    return host, grid, buttons


def test_columns_follow_the_width_and_rows_wrap(qtbot: Any) -> None:
    host, grid, buttons = grid_of(6, 200, 4)
    assert grid.columns_for(4 * 200 + 3 * 10) == 4
    assert grid.columns_for(4 * 200 + 3 * 10 - 1) == 3
    assert grid.columns_for(399) == 1
    _frame = shown(qtbot, host, 650, 400)  # three columns of 210 px, two rows
    qtbot.waitUntil(lambda: buttons[0].width() == 210)
    assert [b.x() for b in buttons[:3]] == [0, 220, 440]
    assert buttons[3].x() == 0 and buttons[3].y() > buttons[0].y()
    assert all(b.width() == 210 for b in buttons)
    # Narrower than two minimums: one column, never narrower than an item needs.
    assert grid.minimumSize().width() == 200
    assert grid.heightForWidth(300) > grid.heightForWidth(650)
    host.resize(300, grid.heightForWidth(300))
    qtbot.waitUntil(lambda: buttons[1].y() > buttons[0].y())
    assert all(b.x() == 0 and b.width() == 300 for b in buttons)
    assert buttons[-1].y() + buttons[-1].height() <= host.height()


def test_grid_never_squeezes_text_below_an_explicit_minimum(qtbot: Any) -> None:
    host, grid, buttons = grid_of(2, 40, 2)
    _frame = shown(qtbot, host, 400, 200)
    buttons[1].setText("a much longer caption than forty pixels")
    need = buttons[1].minimumSizeHint().width()
    assert need > 40
    assert grid.columns_for(2 * need + 10) == 2
    assert grid.columns_for(2 * need + 9) == 1


def test_list_area_lies_flat_at_its_contents_height(qtbot: Any) -> None:
    content = QWidget()
    rows = QVBoxLayout(content)
    for _ in range(20):
        line = QLabel("긴 목록의 한 줄은 좁은 폭에서 두 줄로 줄바꿈됩니다 " * 2)
        line.setWordWrap(True)
        rows.addWidget(line)
    area = ListArea(content)
    host = QWidget()
    outer = QVBoxLayout(host)
    outer.addWidget(area)
    _frame = shown(qtbot, host, 500, 300)
    qtbot.waitUntil(lambda: area.height() > 0)
    assert area.verticalScrollBar().maximum() > 0  # scrolls on its own
    area.set_flat(True)
    wanted = content.heightForWidth(area.width())
    assert area.hasHeightForWidth() and area.heightForWidth(area.width()) >= wanted
    host.resize(500, outer.totalHeightForWidth(500))
    qtbot.waitUntil(lambda: area.height() >= wanted)
    assert area.verticalScrollBar().maximum() == 0
    assert content.width() == area.viewport().width() == area.width()
