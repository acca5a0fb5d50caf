"""Desk accounts (managers only): who can sign in, with which role."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession
from kiosk.admin.dialogs import _Form
from kiosk.admin.text import refusal_text, tr, when
from kiosk.domain.admin_accounts import AdminAccount, Role
from kiosk.services.admin_accounts import DeskRefused


def role_label(role: Role) -> str:
    return tr("관리자 (모든 기능)") if role is Role.MANAGER else tr("봉사자 (예약만)")


class AccountDialog(_Form):
    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(tr("새 계정"), parent)
        self.session = session
        self.username = QLineEdit()
        self.display = QLineEdit()
        self.role = QComboBox()
        for role in (Role.STAFF, Role.MANAGER):
            self.role.addItem(role_label(role), role.value)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("8자 이상"))
        self.form.addRow(tr("아이디 (영문)"), self.username)
        self.form.addRow(tr("이름"), self.display)
        self.form.addRow(tr("역할"), self.role)
        self.form.addRow(tr("처음 비밀번호"), self.password)
        self.created: AdminAccount | None = None
        self.finish_layout()

    def submit(self) -> None:
        try:
            self.created = self.session.desk.accounts.create_account(
                self.session.actor, self.username.text(), self.display.text(),
                Role(self.role.currentData()), self.password.text())
        except DeskRefused as exc:
            self.error.setText(refusal_text(exc))
            return
        self.accept()


class PasswordDialog(_Form):
    def __init__(self, username: str, parent: QWidget | None = None) -> None:
        super().__init__(tr("비밀번호 바꾸기: {u}").format(u=username), parent)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(tr("8자 이상"))
        self.form.addRow(tr("새 비밀번호"), self.password)
        self.finish_layout()


class AccountsTab(QWidget):
    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels([tr("아이디"), tr("이름"), tr("역할"), tr("상태"),
                                              tr("마지막 로그인")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(tr("+ 새 계정"))
        self.password_button = QPushButton(tr("비밀번호 바꾸기…"))
        self.unlock_button = QPushButton(tr("잠금 해제"))
        self.toggle_button = QPushButton(tr("사용 중지 / 다시 사용"))
        for button in (self.new_button, self.password_button, self.unlock_button,
                       self.toggle_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.new_button.clicked.connect(self.add)
        self.password_button.clicked.connect(self.change_password)
        self.unlock_button.clicked.connect(self.unlock)
        self.toggle_button.clicked.connect(self.toggle)
        self.reload()

    def reload(self) -> None:
        now = self.session.desk.bookings.clock()
        self.items = self.session.desk.accounts.accounts()
        self.table.setRowCount(len(self.items))
        for row, a in enumerate(self.items):
            state = tr("사용") if a.active else tr("사용 중지")
            if a.is_locked(now):
                state = tr("잠김 ({t}까지)").format(t=when(a.locked_until))
            for column, value in enumerate((a.username, a.display_name, role_label(a.role),
                                            state, when(a.last_sign_in))):
                self.table.setItem(row, column, QTableWidgetItem(value))

    def selected(self) -> AdminAccount | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()] if rows else None

    def add(self) -> None:
        dialog = AccountDialog(self.session, self)
        if dialog.exec() and dialog.created:
            self.session.notify(tr("{u} 계정을 만들었습니다.").format(u=dialog.created.username),
                                False)
            self.reload()

    def change_password(self) -> None:
        account = self.selected()
        if account is None:
            return
        dialog = PasswordDialog(account.username, self)
        if dialog.exec():
            self.session.attempt(lambda: self.session.desk.accounts.set_password(
                self.session.actor, account.username, dialog.password.text()),
                tr("비밀번호를 바꿨습니다."))

    def unlock(self) -> None:
        account = self.selected()
        if account is None:
            return
        self.session.attempt(lambda: self.session.desk.accounts.unlock(
            self.session.actor, account.username), tr("잠금을 풀었습니다."))
        self.reload()

    def toggle(self) -> None:
        account = self.selected()
        if account is None:
            return
        self.session.attempt(lambda: self.session.desk.accounts.set_active(
            self.session.actor, account.username, not account.active), tr("바꿨습니다."))
        self.reload()
