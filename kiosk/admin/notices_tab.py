"""소식: the association's notices, written here and shown on every kiosk's lobby screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.admin.common import DeskSession, MessageBar
from kiosk.admin.dates import DateField
from kiosk.admin.text import tr
from kiosk.domain.clock import to_local
from kiosk.domain.notices import (
    BODY_MAX,
    IMAGE_MAX_BYTES,
    TITLE_MAX,
    Notice,
    NoticeInvalid,
    NoticeProblem,
)
from kiosk.services.notices import NoticeRefused

PREVIEW_HEIGHT = 120


def problem_text(problem: NoticeProblem) -> str:
    return {
        NoticeProblem.NO_TITLE: tr("제목을 적어 주세요."),
        NoticeProblem.NO_BODY: tr("내용을 적어 주세요."),
        NoticeProblem.TITLE_TOO_LONG: tr("제목은 {n}자까지입니다.").format(n=TITLE_MAX),
        NoticeProblem.BODY_TOO_LONG: tr("내용은 {n}자까지입니다.").format(n=BODY_MAX),
        NoticeProblem.DAYS_REVERSED: tr("마지막 날이 첫날보다 앞섭니다."),
        NoticeProblem.IMAGE_TOO_LARGE: tr("그림이 {n}MB보다 큽니다.").format(
            n=IMAGE_MAX_BYTES // (1024 * 1024)),
        NoticeProblem.NOT_A_PICTURE: tr("PNG나 JPEG 그림이 아닙니다."),
    }[problem]


@dataclass
class PickedImage:
    name: str
    data: bytes


class NoticesTab(QWidget):
    """Left: what is posted (current and coming). Right: a new notice, posted with one
    button; the form keeps what was typed when something is wrong."""

    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        self.message = MessageBar()
        today = self._today()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([tr("기간"), tr("제목"), tr("고정"), tr("그림")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.remove_button = QPushButton(tr("내리기"))
        self.remove_button.setObjectName("removeNotice")
        self.remove_button.setEnabled(False)
        self.remove_button.clicked.connect(self.remove_selected)
        self.notices: list[Notice] = []

        self.title = QLineEdit()
        self.title.setMaxLength(TITLE_MAX)
        self.title.setPlaceholderText(tr("예: 101동 엘리베이터 점검"))
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(tr("예: 12월 10일 10시부터 12시까지 점검합니다."))
        self.body.setMinimumHeight(110)
        self.title_en = QLineEdit()
        self.title_en.setMaxLength(TITLE_MAX)
        self.title_en.setPlaceholderText(tr("영어 제목 (없으면 한국어로 보입니다)"))
        self.body_en = QPlainTextEdit()
        self.body_en.setPlaceholderText(tr("영어 내용 (선택)"))
        self.body_en.setMaximumHeight(80)
        self.first_day = DateField(today, today)
        self.last_day = DateField(today + timedelta(days=7), today)
        self.no_end = QCheckBox(tr("내릴 때까지 계속"))
        self.no_end.toggled.connect(self.last_day.setDisabled)
        for field in (self.first_day, self.last_day):
            field.refused.connect(lambda text: self.message.show_message(text, True))
        days = QHBoxLayout()
        days.addWidget(self.first_day)
        days.addWidget(QLabel("~"))
        days.addWidget(self.last_day)
        days.addWidget(self.no_end)
        days.addStretch(1)
        self.pinned = QCheckBox(tr("맨 앞에 고정"))
        self.image: PickedImage | None = None
        self.image_label = QLabel(tr("그림 없음"))
        self.image_preview = QLabel()
        self.image_preview.setFixedHeight(PREVIEW_HEIGHT)
        self.image_preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.pick_image_button = QPushButton(tr("그림 고르기…"))
        self.pick_image_button.clicked.connect(self.pick_image)
        self.drop_image_button = QPushButton(tr("그림 빼기"))
        self.drop_image_button.setEnabled(False)
        self.drop_image_button.clicked.connect(self.drop_image)
        image_row = QHBoxLayout()
        image_row.addWidget(self.pick_image_button)
        image_row.addWidget(self.drop_image_button)
        image_row.addWidget(self.image_label, 1)
        self.post_button = QPushButton(tr("게시하기"))
        self.post_button.setObjectName("postNotice")
        self.post_button.setDefault(True)
        self.post_button.clicked.connect(self.post)

        form = QFormLayout()
        form.addRow(tr("제목"), self.title)
        form.addRow(tr("내용"), self.body)
        form.addRow(tr("제목 (영어)"), self.title_en)
        form.addRow(tr("내용 (영어)"), self.body_en)
        form.addRow(tr("기간"), days)
        form.addRow("", self.pinned)
        form.addRow(tr("그림"), image_row)
        form.addRow("", self.image_preview)
        new_box = QGroupBox(tr("새 소식"))
        new_layout = QVBoxLayout(new_box)
        new_layout.addLayout(form)
        new_layout.addWidget(self.post_button, 0, Qt.AlignmentFlag.AlignRight)
        new_layout.addStretch(1)

        left = QVBoxLayout()
        hint = QLabel(tr("키오스크 첫 화면에 차례로 보입니다. 고정한 소식이 맨 앞입니다."))
        hint.setWordWrap(True)
        left.addWidget(hint)
        left.addWidget(self.table, 1)
        left.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addWidget(new_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(columns, 1)
        self.refresh()

    def _today(self) -> date:
        return to_local(self.session.desk.bookings.clock()).date()

    # ------------------------------------------------------------------ the list
    def refresh(self) -> None:
        self.notices = self.session.desk.notices.all()
        self.table.setRowCount(len(self.notices))
        today = self._today()
        for row, notice in enumerate(self.notices):
            until = notice.last_day.isoformat() if notice.last_day else tr("계속")
            period = f"{notice.first_day.isoformat()} ~ {until}"
            if not notice.is_current(today):
                period += "  " + tr("(예정)")
            cells = [period, notice.title_ko, tr("고정") if notice.pinned else "",
                     tr("있음") if notice.image else ""]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(notice.body_ko)
                self.table.setItem(row, column, item)
        self._selection_changed()

    def _selected(self) -> Notice | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.notices[rows.pop()] if rows else None

    def _selection_changed(self) -> None:
        self.remove_button.setEnabled(self._selected() is not None)

    def remove_selected(self) -> None:
        notice = self._selected()
        if notice is None or notice.id is None:
            return
        try:
            self.session.desk.notices.remove(notice.id, self.session.actor)
        except NoticeRefused:
            self.message.show_message(tr("이미 내려진 소식입니다."), True)
        else:
            self.message.show_message(tr("소식을 내렸습니다: {t}").format(t=notice.title_ko),
                                      False)
        self.refresh()

    # ------------------------------------------------------------------ the form
    def pick_image(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, tr("소식 그림"), "",
                                              tr("그림") + " (*.png *.jpg *.jpeg)")
        if not name:
            return
        path = Path(name)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.message.show_message(tr("그림을 읽지 못했습니다: {p} ({e})").format(
                p=path.name, e=exc.strerror or exc), True)
            return
        image = QImage.fromData(data)
        problem = None
        if len(data) > IMAGE_MAX_BYTES:
            problem = NoticeProblem.IMAGE_TOO_LARGE
        elif image.isNull() or not data.startswith((b"\x89PNG", b"\xff\xd8\xff")):
            problem = NoticeProblem.NOT_A_PICTURE
        if problem is not None:
            self.message.show_message(f"{path.name}: {problem_text(problem)}", True)
            return
        self.image = PickedImage(path.name, data)
        self.image_label.setText(path.name)
        self.image_preview.setPixmap(QPixmap.fromImage(image).scaledToHeight(
            PREVIEW_HEIGHT, Qt.TransformationMode.SmoothTransformation))
        self.drop_image_button.setEnabled(True)

    def drop_image(self) -> None:
        self.image = None
        self.image_label.setText(tr("그림 없음"))
        self.image_preview.clear()
        self.drop_image_button.setEnabled(False)

    def post(self) -> None:
        try:
            notice = Notice(
                title_ko=self.title.text().strip(), body_ko=self.body.toPlainText().strip(),
                title_en=self.title_en.text().strip(),
                body_en=self.body_en.toPlainText().strip(),
                first_day=self.first_day.day(),
                last_day=None if self.no_end.isChecked() else self.last_day.day(),
                pinned=self.pinned.isChecked(),
                image=self.image.data if self.image else None)
        except NoticeInvalid as exc:
            self.message.show_message(problem_text(exc.problem), True)
            return
        try:
            stored = self.session.desk.notices.post(notice, self.session.actor)
        except NoticeRefused as exc:
            self.message.show_message(str(exc), True)
            return
        self.message.show_message(tr("게시했습니다: {t}").format(t=stored.title_ko), False)
        for field in (self.title, self.title_en):
            field.clear()
        for text in (self.body, self.body_en):
            text.clear()
        self.pinned.setChecked(False)
        self.drop_image()
        self.refresh()
