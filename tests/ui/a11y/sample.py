"""A small screen built the way kiosk screens must be: sizes from Metrics, roles, no pixels."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.accessibility.geometry import PanelGeometry
from kiosk.ui.accessibility.panel import AccessibilityPanel
from kiosk.ui.accessibility.speech import VoiceGuide
from kiosk.ui.accessibility.text import tr
from kiosk.ui.accessibility.themes import AccessibilitySettings, apply


class SampleScreen(QWidget):
    """Title, instructions, a PIN field, two buttons and the accessibility panel; in
    low-screen mode the controls move down into the reach band."""

    def __init__(self, settings: AccessibilitySettings, geometry: PanelGeometry,
                 guide: VoiceGuide | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.geometry_ = geometry
        self.title = QLabel()
        self.title.setProperty("a11y_role", "title")
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setMaxLength(4)
        self.ok = QPushButton()
        self.cancel = QPushButton()
        self.cancel.setProperty("a11y_role", "secondary")
        self.panel = AccessibilityPanel(settings, guide)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.panel)
        self.controls = QWidget()
        below = QVBoxLayout(self.controls)
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.pin)
        row = QHBoxLayout()
        row.addWidget(self.ok)
        row.addWidget(self.cancel)
        below.addLayout(row)
        below.addWidget(self.scroll, 1)
        outer = QVBoxLayout(self)
        outer.addWidget(self.title)
        outer.addWidget(self.body)
        outer.addStretch(0)
        outer.addWidget(self.controls, 1)
        self.outer, self.row, self.below = outer, row, below
        settings.changed.connect(self.restyle)
        self.restyle()

    def restyle(self) -> None:
        metrics = apply(self, self.settings, self.geometry_)
        m = metrics.margin_px
        self.outer.setContentsMargins(m, max(m, metrics.information.top()), m, m)
        for layout in (self.outer, self.below, self.row):
            layout.setSpacing(metrics.gap_px)
        korean = self.settings.language == "ko"
        self.title.setText(tr("접근성"))
        self.body.setText("동·호와 비밀번호를 입력하세요" if korean else "Enter your unit and PIN")
        self.pin.setPlaceholderText("비밀번호" if korean else "PIN")
        self.ok.setText("확인" if korean else "OK")
        self.cancel.setText("취소" if korean else "Cancel")
        self.panel.set_metrics(metrics, self.geometry_.width_px - 2 * m - metrics.control_px)
        # Low-screen mode: the controls fill exactly the part of the panel within reach.
        if metrics.reach.top() > 0:
            self.controls.setFixedHeight(metrics.reach.height() - m)
        else:
            self.controls.setMinimumHeight(0)
            self.controls.setMaximumHeight(16777215)
