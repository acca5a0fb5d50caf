"""The accessibility panel changes the settings, says states in words, and reads in order."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.ui.accessibility.audit import AuditMode, audit
from kiosk.ui.accessibility.panel import AccessibilityPanel
from kiosk.ui.accessibility.speech import Status, VoiceGuide
from kiosk.ui.accessibility.themes import apply


def test_panel_buttons_change_settings_and_reset(qtbot, settings, request) -> None:  # type: ignore[no-untyped-def]
    panel = AccessibilityPanel(settings, VoiceGuide(settings, None, Status.NO_ENGINE))
    qtbot.addWidget(panel)
    click = Qt.MouseButton.LeftButton
    assert panel.voice.text() == "음성 안내: 꺼짐" and panel.replay.isHidden()
    QTest.mouseClick(panel.voice, click)
    assert settings.voice and panel.voice.text() == "음성 안내: 켜짐"
    assert not panel.replay.isHidden()
    QTest.mouseClick(panel.text_size, click)
    QTest.mouseClick(panel.text_size, click)
    assert settings.text_scale == 200 and panel.text_size.text() == "글자 크기 200 %"
    QTest.mouseClick(panel.contrast, click)
    QTest.mouseClick(panel.low_screen, click)
    QTest.mouseClick(panel.faster, click)
    QTest.mouseClick(panel.quieter, click)
    assert (settings.high_contrast, settings.low_screen) == (True, True)
    assert panel.rate_label.text() == "말하기 속도 4/5" and panel.volume_label.text() == "음량 3/5"
    assert panel.status.text().startswith("음성 안내를 할 수 없습니다")
    request.getfixturevalue("english")
    QTest.mouseClick(panel.language, click)
    assert settings.language == "en" and panel.language.text() == "한국어"
    assert panel.contrast.text() == "High contrast: on"
    QTest.mouseClick(panel.reset, click)
    assert (settings.voice, settings.text_scale, settings.high_contrast, settings.low_screen,
            settings.language) == (False, 100, False, False, "ko")
    assert panel.replay.isHidden()


def test_tab_order_follows_reading_order(qtbot, shown, settings, landscape) -> None:  # type: ignore[no-untyped-def]
    settings.update(voice=True)
    panel = AccessibilityPanel(settings, VoiceGuide(settings, None, Status.NO_ENGINE))
    apply(panel, settings, landscape)
    panel.set_metrics(settings.metrics(landscape), landscape.width_px)
    shown(panel, landscape)
    assert panel.columns == 3
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    panel.voice.setFocus(Qt.FocusReason.TabFocusReason)
    expected = [w for w in panel.order if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert len(expected) == 12
    order = []
    for _ in expected:
        order.append(QApplication.focusWidget())
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert order == expected
    positions = [(w.y(), w.x()) for w in order]
    assert positions == sorted(positions)  # top to bottom, left to right
    assert audit(panel, AuditMode(landscape)) == []
