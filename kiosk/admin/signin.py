"""Sign-in, and the first-run screen that creates the first manager."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.text import refusal_text, tr
from kiosk.domain.admin_accounts import AdminAccount
from kiosk.services.admin_accounts import DeskRefused

if TYPE_CHECKING:
    from kiosk.app import DeskServices


class _Card(QWidget):
    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        self.card = QFrame()
        self.card.setObjectName("card")
        self.card.setFixedWidth(600)
        self.card.setStyleSheet("#card { background: white; border: 1px solid #ccc;"
                                " border-radius: 8px; } QLabel, QLineEdit, QPushButton"
                                " { font-size: 16px; } QLineEdit { min-height: 32px; }"
                                " QPushButton { min-height: 36px; }")
        self.layout_ = QVBoxLayout(self.card)
        self.layout_.setContentsMargins(32, 28, 32, 28)
        heading = QLabel(title)
        heading.setStyleSheet("font-size: 24px; font-weight: bold;")
        self.layout_.addWidget(heading)
        text = QLabel(intro)
        text.setWordWrap(True)
        text.setMinimumHeight(text.heightForWidth(536))
        self.layout_.addWidget(text)
        self.form = QFormLayout()
        self.layout_.addLayout(self.form)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setMinimumHeight(48)
        self.error.setStyleSheet("color: #b3261e;")
        self.layout_.addWidget(self.error)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)
        self.setObjectName("screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setStyleSheet("#screen { background: #f3f4f6; }")


class SignInScreen(_Card):
    signed_in = Signal(object)

    def __init__(self, desk: DeskServices, village: str) -> None:
        super().__init__(tr("{v} 관리 프로그램").format(v=village),
                         tr("관리 계정으로 로그인하세요."))
        self.desk = desk
        self.username = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(tr("아이디"), self.username)
        self.form.addRow(tr("비밀번호"), self.password)
        self.button = QPushButton(tr("로그인"))
        self.button.setDefault(True)
        self.button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.layout_.addWidget(self.button)

    def submit(self) -> AdminAccount | None:
        try:
            account = self.desk.accounts.sign_in(self.username.text(), self.password.text())
        except DeskRefused as exc:
            self.error.setText(refusal_text(exc))
            self.password.clear()
            return None
        self.error.clear()
        self.password.clear()
        self.signed_in.emit(account)
        return account


class SetupScreen(_Card):
    """Shown once, while no account exists: the first manager is created here."""

    created = Signal(object)

    def __init__(self, desk: DeskServices, village: str) -> None:
        super().__init__(tr("처음 설정"), tr(
            "{v}의 관리 프로그램을 처음 실행했습니다. 첫 관리자 계정을 만드세요. "
            "이 계정으로 다른 자원봉사자의 계정을 만들 수 있습니다.").format(v=village))
        self.desk = desk
        self.username = QLineEdit()
        self.username.setPlaceholderText("kim")
        self.display = QLineEdit()
        self.display.setPlaceholderText(tr("예: 김관리"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("8자 이상"))
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.addRow(tr("아이디 (영문)"), self.username)
        self.form.addRow(tr("이름"), self.display)
        self.form.addRow(tr("비밀번호"), self.password)
        self.form.addRow(tr("비밀번호 확인"), self.repeat)
        self.button = QPushButton(tr("관리자 계정 만들기"))
        self.button.clicked.connect(self.submit)
        self.layout_.addWidget(self.button)

    def submit(self) -> AdminAccount | None:
        if self.password.text() != self.repeat.text():
            self.error.setText(tr("두 비밀번호가 다릅니다."))
            return None
        try:
            account = self.desk.accounts.create_first_manager(
                self.username.text(), self.display.text(), self.password.text())
        except DeskRefused as exc:
            self.error.setText(refusal_text(exc))
            return None
        self.created.emit(account)
        return account
