"""The audit passes a screen built to the criteria and catches each rule broken on purpose."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPropertyAnimation, Qt, QTimer
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.accessibility.audit import AuditMode, audit
from kiosk.ui.accessibility.findings import describe
from kiosk.ui.accessibility.flashing import Blinker, measured_flash_rate
from kiosk.ui.accessibility.geometry import PanelGeometry
from kiosk.ui.accessibility.themes import AccessibilitySettings, apply
from tests.ui.a11y.sample import SampleScreen


def rules(findings) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.rule for f in findings}


def base(settings: AccessibilitySettings, geometry: PanelGeometry) -> tuple[QWidget, QVBoxLayout]:
    """A window styled by the theme, with one good button so the focus chain is not empty."""
    window = QWidget()
    metrics = apply(window, settings, geometry)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(metrics.margin_px, metrics.margin_px, metrics.margin_px,
                              metrics.margin_px)
    layout.setSpacing(metrics.gap_px)
    good = QPushButton("확인")
    layout.addWidget(good)
    return window, layout


def mode_of(settings: AccessibilitySettings, geometry: PanelGeometry) -> AuditMode:
    return AuditMode.from_settings(settings, geometry)


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("high_contrast", [False, True], ids=["normal", "high-contrast"])
@pytest.mark.parametrize("scale", [100, 150, 200])
@pytest.mark.parametrize("low_screen", [False, True], ids=["", "low-screen"])
def test_sample_screen_passes_in_every_mode(shown, settings, request, orientation,  # type: ignore[no-untyped-def]
                                           high_contrast, scale, low_screen) -> None:
    geometry = request.getfixturevalue(orientation)
    settings.update(high_contrast=high_contrast, text_scale=scale, low_screen=low_screen)
    screen = shown(SampleScreen(settings, geometry), geometry)
    assert [str(f) for f in audit(screen, mode_of(settings, geometry))] == []


@pytest.mark.parametrize("language", ["ko", "en"])
def test_sample_screen_passes_in_both_languages_on_a_tall_panel(  # type: ignore[no-untyped-def]
        shown, settings, tall, request, language) -> None:
    if language == "en":
        request.getfixturevalue("english")
    settings.update(language=language, low_screen=True, text_scale=200, voice=True)
    screen = shown(SampleScreen(settings, tall), tall)
    assert screen.panel.title.text() == ("Accessibility" if language == "en" else "접근성")
    assert [str(f) for f in audit(screen, mode_of(settings, tall))] == []


def test_small_control(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    tiny = QPushButton()
    tiny.setAccessibleName("작은 단추")
    tiny.setStyleSheet("min-height: 0px; min-width: 0px;")
    tiny.setFixedSize(40, 60)  # under 12 mm wide
    layout.addWidget(tiny)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"size"}
    assert tiny.width() < landscape.mm_to_px(12)
    assert f"{landscape.width_mm_of(tiny.width()):.1f} ×" in found[0].detail


def test_controls_too_close(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    row = QHBoxLayout()
    row.setSpacing(4)  # 1 mm
    row.addWidget(QPushButton("가"))
    row.addWidget(QPushButton("나"))
    layout.addLayout(row)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"gap"}
    assert "0.99 mm apart" in found[0].detail


def test_small_text(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    small = QLabel("작은 글씨")
    small.setStyleSheet("font-size: 24px;")
    layout.addWidget(small)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"ink"}
    # At 200 % the normal body size is too small as well.
    settings.update(text_scale=200)
    big_mode = AuditMode(landscape, text_scale=200)
    window2, layout2 = base(AccessibilitySettings(), landscape)
    layout2.addWidget(QLabel("보통 글씨"))
    assert "ink" in rules(audit(shown(window2, landscape), big_mode))


def test_low_contrast_text(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    grey = QLabel("흐린 글씨")
    grey.setStyleSheet("color: #999999;")
    layout.addWidget(grey)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"contrast"}
    assert "#999999 on #f7f7f5" in found[0].detail


def test_checked_state_colours_are_read_from_the_painting(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    chosen = QPushButton("선택됨")
    chosen.setCheckable(True)
    chosen.setChecked(True)
    # The palette keeps the unchecked navy text; the painting is white on navy.
    chosen.setStyleSheet("QPushButton { color: #10324A; background: #FFFFFF; }"
                         "QPushButton:checked { color: #FFFFFF; background: #10324A; }")
    layout.addWidget(chosen)
    screen = shown(window, landscape)
    assert audit(screen, mode_of(settings, landscape)) == []
    # Navy on navy when checked: unreadable, and the painting shows it.
    chosen.setStyleSheet("QPushButton { color: #10324A; background: #FFFFFF; }"
                         "QPushButton:checked { color: #1F4460; background: #10324A; }")
    assert rules(audit(screen, mode_of(settings, landscape))) == {"contrast"}


def test_high_contrast_needs_seven_to_one(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    settings.update(high_contrast=True)
    window, layout = base(settings, landscape)
    grey = QLabel("회색 글씨")
    grey.setStyleSheet("color: #808080;")  # 5.3:1 on black
    layout.addWidget(grey)
    window = shown(window, landscape)
    assert rules(audit(window, mode_of(settings, landscape))) == {"contrast"}
    assert audit(window, AuditMode(landscape, high_contrast=False)) == []


def test_control_without_visible_boundary(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    flat = QPushButton("경계 없음")
    flat.setStyleSheet("QPushButton { background: #F7F7F5; color: #1A1A1A; border: none; }"
                       "QPushButton:focus { background: #10324A; color: #FFFFFF; }")
    layout.addWidget(flat)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"boundary"}


def test_faint_icon(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    pixmap = QPixmap(48, 48)
    pixmap.fill(QColor("#24465E"))  # 1.3:1 on the navy button
    button = QPushButton(QIcon(pixmap), "아이콘")
    layout.addWidget(button)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"icon"}


def test_controls_out_of_reach_in_low_screen_mode(shown, settings, portrait) -> None:  # type: ignore[no-untyped-def]
    settings.update(low_screen=True)
    window, layout = base(settings, portrait)  # the good button sits at the very top
    layout.addStretch(1)
    window = shown(window, portrait)
    found = audit(window, mode_of(settings, portrait))
    assert rules(found) == {"reach"}
    assert "1,220 mm" in found[0].detail
    settings.update(low_screen=False)
    assert audit(window, mode_of(settings, portrait)) == []


def test_information_too_high_in_low_screen_mode(shown, settings, tall) -> None:  # type: ignore[no-untyped-def]
    settings.update(low_screen=True)
    window = QWidget()
    metrics = apply(window, settings, tall)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(metrics.margin_px, 10, metrics.margin_px, metrics.margin_px)
    layout.addWidget(QLabel("맨 위 안내"))
    layout.addStretch(1)
    layout.addWidget(QPushButton("확인"))
    found = audit(shown(window, tall), mode_of(settings, tall))
    assert rules(found) == {"information"}


def test_control_that_tab_skips(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    skipped = QPushButton("건너뜀")
    skipped.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    layout.addWidget(skipped)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"focus-order"}


def test_focus_without_visible_change(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    plain = QPushButton("초점 표시 없음")
    plain.setStyleSheet("QPushButton { outline: none; } "
                        "QPushButton:focus { border-color: #10324A; }")
    layout.addWidget(plain)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"focus-visible"}


def test_focused_control_clipped(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    box = QWidget()
    box.setFixedHeight(60)
    inner = QPushButton("잘림", box)
    inner.setGeometry(0, 20, 400, 80)  # its lower part hangs out of the box
    layout.addWidget(box)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"focus-clipped", "clipped"}
    # Unfocused it is cut off as well: its lower part lies past the box's bottom edge.
    assert [f.detail for f in found if f.rule == "clipped"] == [
        f"cut off: 40 px past the bottom edge of {describe(box)}"]


def test_fast_timer_and_fast_blink_animation(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, _layout = base(settings, landscape)
    window = shown(window, landscape)
    mode = mode_of(settings, landscape)
    timer = QTimer(window)
    timer.start(50)
    assert rules(audit(window, mode)) == {"flashing"}
    timer.setProperty("a11y_no_flash", True)
    assert audit(window, mode) == []
    timer.stop()
    blink = QPropertyAnimation(window, b"windowOpacity", window)
    blink.setDuration(200)
    blink.setLoopCount(-1)
    blink.setStartValue(1.0)
    blink.setEndValue(0.2)
    found = audit(window, mode)
    assert rules(found) == {"flashing"} and "5.0 times" in found[0].detail
    blink.setDuration(1000)
    assert audit(window, mode) == []
    with pytest.raises(ValueError, match="3 times a second"):
        Blinker(100)
    slow = Blinker(500, window)
    slow.start()
    assert audit(window, mode) == []


def test_audit_needs_a_shown_window_and_restores_focus(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    second = QPushButton("둘째")
    layout.addWidget(second)
    with pytest.raises(ValueError, match="show the window"):
        audit(window, mode_of(settings, landscape))
    window = shown(window, landscape)
    second.setFocus()
    assert audit(window, mode_of(settings, landscape)) == []
    assert second.hasFocus()


def test_measured_flash_rate_sees_a_fast_blink_and_passes_a_slow_one(shown, settings,  # type: ignore[no-untyped-def]
                                                                      landscape) -> None:
    window, layout = base(settings, landscape)
    box = QWidget()  # measured on its own: small frames keep up with the blink
    box.setFixedSize(400, 200)
    lamp = QLabel("깜빡임", box)
    lamp.setStyleSheet("background: #000000; color: #FFFFFF;")
    lamp.setGeometry(0, 0, 400, 200)
    layout.addWidget(box)
    shown(window, landscape)
    fast = QTimer(window)
    fast.timeout.connect(lambda: lamp.setVisible(not lamp.isVisible()))
    fast.start(100)  # 5 flashes a second
    assert measured_flash_rate(box) > 3.0
    fast.stop()
    lamp.show()
    slow = Blinker(500, window)
    slow.toggled.connect(lamp.setVisible)
    slow.start()
    assert measured_flash_rate(box) <= 1.5
    slow.stop()
    assert measured_flash_rate(box, seconds=0.3) == 0.0


def scrolling(content: QWidget) -> QScrollArea:
    """A vertical-only scroll area like a kiosk screen's pane."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    return area


def test_text_cut_by_a_scroll_areas_width(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    content = QWidget()
    inner = QVBoxLayout(content)
    long_line = QLabel("줄바꿈 없이 아주 길게 이어지는 안내 문장이 스크롤 영역보다 넓습니다 " * 2)
    inner.addWidget(long_line)
    area = scrolling(content)
    area.setFixedSize(900, 400)
    layout.addWidget(area)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"clipped"}
    # The content is laid out wider than the viewport, which does not scroll sideways: the
    # label itself has room inside its parent, so the content widget is what is cut.
    assert len(found) == 1 and found[0].widget == describe(content)
    assert "past the right edge" in found[0].detail
    assert content.width() > area.viewport().width()


def test_text_in_too_narrow_a_parent(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    box = QWidget()
    box.setFixedSize(600, 200)
    title = QLabel("상자보다 긴 제목 글자입니다 상자보다 긴 제목", box)
    title.setGeometry(0, 0, 1400, 150)  # placed past the box's right edge
    layout.addWidget(box)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert [(f.rule, f.widget) for f in found] == [("clipped", describe(title))]
    assert "800 px past the right edge" in found[0].detail


def test_wrapped_text_taller_than_its_label(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    body = QLabel("여러 줄로 줄바꿈되는 안내 문장입니다. " * 6)
    body.setWordWrap(True)
    body.setFixedSize(700, 80)  # room for one line of the wrapped text
    layout.addWidget(body)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"clipped"}
    assert "wrapped to 700 px" in found[0].detail
    assert body.heightForWidth(700) > 80


def test_word_wider_than_its_wrapping_label(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    word = QLabel("Accessibility·Accessibility·Accessibility")  # one unbreakable word
    word.setWordWrap(True)
    word.setFixedSize(300, 400)
    layout.addWidget(word)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert rules(found) == {"clipped"}
    assert "longest word" in found[0].detail


def test_text_that_reflows_in_a_scroll_area_is_not_clipped(shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    window, layout = base(settings, landscape)
    content = QWidget()
    inner = QVBoxLayout(content)
    for _ in range(12):  # taller than the area: it scrolls up and down, which is allowed
        line = QLabel("줄바꿈하면 스크롤 영역의 너비에 맞게 흐르는 긴 안내 문장입니다 " * 2)
        line.setWordWrap(True)
        inner.addWidget(line)
    area = scrolling(content)
    area.setFixedSize(900, 400)
    layout.addWidget(area)
    found = audit(shown(window, landscape), mode_of(settings, landscape))
    assert found == []
    assert content.width() <= area.viewport().width()
    assert content.height() > area.viewport().height()
