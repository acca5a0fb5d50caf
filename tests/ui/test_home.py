"""The first kiosk window, driven with pytest-qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from kiosk.domain.resources import ResourceKind
from kiosk.ui.home import HomeWindow
from kiosk.ui.i18n import TRANSLATIONS, LanguageSwitcher
from tests.builders import add_resource


def labels(widget) -> list[str]:  # type: ignore[no-untyped-def]
    return [label.text() for label in widget.findChildren(QLabel)]


def test_home_lists_resources_by_category_and_switches_language(qtbot, services, clock) -> None:  # type: ignore[no-untyped-def]
    add_resource(services, "room", capacity=1)
    add_resource(services, "spots", capacity=4, kind=ResourceKind.PARKING)
    app = QApplication.instance()
    languages = LanguageSwitcher(app)
    window = HomeWindow(services.settings, services.bookings, languages)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    texts = labels(window)
    assert "길음 나눔마을" in texts
    assert {"주차", "공간"} <= set(texts)
    assert set(window.cards) == {"room", "spots"}
    assert window.cards["spots"].free_label.text() == "지금 4 / 4 이용 가능"
    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    texts = labels(window)
    assert {"Parking", "Spaces", "Gireum Sharing Village"} <= set(texts)
    assert window.cards["spots"].free_label.text() == "4 of 4 free now"
    assert window.language_button.text() == "한국어"
    qtbot.mouseClick(window.language_button, Qt.MouseButton.LeftButton)
    assert "주차" in labels(window)


def test_compiled_translations_match_their_source(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    out = tmp_path / "kiosk_en.qm"
    subprocess.run([str(lrelease), str(TRANSLATIONS / "kiosk_en.ts"), "-qm", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (TRANSLATIONS / "kiosk_en.qm").read_bytes()
