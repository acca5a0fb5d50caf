"""Panels, settings and an English translator for the accessibility tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config import Panel
from kiosk.ui.accessibility.geometry import PanelGeometry
from kiosk.ui.accessibility.speech import TRANSLATIONS
from kiosk.ui.accessibility.themes import AccessibilitySettings

LANDSCAPE = (1920, 1080)
PORTRAIT = (1080, 1920)


@pytest.fixture
def landscape(qapp: QApplication) -> PanelGeometry:
    """A 21.5-inch panel, bottom edge 900 mm above the floor."""
    return PanelGeometry.from_panel(Panel(), LANDSCAPE)


@pytest.fixture
def portrait(qapp: QApplication) -> PanelGeometry:
    """A 21.5-inch panel turned upright, bottom edge 900 mm up: its top 1,376 mm is out of
    reach in low-screen mode."""
    return PanelGeometry.from_panel(Panel(bottom_edge_mm=900.0), PORTRAIT)


@pytest.fixture
def tall(qapp: QApplication) -> PanelGeometry:
    """Portrait, bottom edge 1,000 mm up: its top is above the 1,400 mm information limit."""
    return PanelGeometry.from_panel(Panel(bottom_edge_mm=1000.0), PORTRAIT)


@pytest.fixture
def settings(qapp: QApplication) -> AccessibilitySettings:
    return AccessibilitySettings()


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """Install the English translator for one test."""
    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def shown(qtbot) -> Iterator[Callable[[QWidget, PanelGeometry], QWidget]]:  # type: ignore[no-untyped-def]
    """Show a screen filling a panel-sized host, as screens sit in the kiosk's main window
    (a top-level window with a layout would make the offscreen platform warn)."""
    hosts: list[QWidget] = []

    def show(window: QWidget, geometry: PanelGeometry) -> QWidget:
        host = QWidget()
        window.setParent(host)
        host.resize(geometry.width_px, geometry.height_px)
        window.setGeometry(0, 0, geometry.width_px, geometry.height_px)
        qtbot.addWidget(host)
        host.show()
        qtbot.waitExposed(host)
        hosts.append(host)
        return window

    yield show
    hosts.clear()
