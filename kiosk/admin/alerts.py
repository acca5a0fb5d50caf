"""The desk's alert banner: kiosks gone quiet, failing hub sources, silent voices, PIN
guessing. Above every tab, in a place of its own, so nothing under it moves when a
problem comes or goes; read on a timer off the GUI thread."""

from __future__ import annotations

from PySide6.QtCore import Qt, QThreadPool, QTimer
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout

from kiosk.admin.bookings_model import IN_FLIGHT
from kiosk.admin.common import DeskSession, Job
from kiosk.admin.text import tr, when
from kiosk.domain.lockouts import LockoutKind
from kiosk.services.desk_alerts import AlertKind, DeskAlert

ALERT_REFRESH_MS = 60_000
BANNER_HEIGHT = 76
"""Room for three lines of problems, more scroll inside; small enough that an all-is-well
line does not push the tabs halfway down a laptop screen."""

_CALM = ("QFrame#alertBanner { background: #eef3f6; border: 1px solid #c9d4db; "
         "border-radius: 4px; } QLabel { color: #37474f; font-size: 14px; }")
_ALARM = ("QFrame#alertBanner { background: #b3261e; border: 1px solid #7f1d17; "
          "border-radius: 4px; } QLabel { color: #ffffff; font-size: 15px; "
          "font-weight: bold; }")


def voice_reason(status: str) -> str:
    return {
        "no_voice": tr("한국어·영어 음성이 모두 없음"),
        "fallback_english": tr("한국어 음성이 없음"),
        "no_engine": tr("음성 엔진이 없음"),
        "not_responding": tr("음성 서비스가 응답하지 않음"),
        "engine_error": tr("음성 엔진 오류"),
    }.get(status, status)


def alert_text(alert: DeskAlert) -> str:
    """One problem and what to do about it, in the desk's language."""
    if alert.kind is AlertKind.SILENT_KIOSK:
        return tr("키오스크 {k}의 신호가 {t} 이후 끊겼습니다 — 전원과 네트워크를 확인하고, "
                  "화면이 멈췄으면 키오스크를 다시 켜세요.").format(k=alert.subject,
                                                                t=when(alert.since))
    if alert.kind is AlertKind.SYNC_FAILING:
        return tr("허브 출처 {s}의 동기화가 {t} 이후 성공하지 못했습니다 ({e}) — 인터넷 연결을 "
                  "확인하고 '동기화·키오스크' 탭에서 지금 동기화를 누르세요.").format(
            s=alert.subject, t=when(alert.since) or tr("처음부터"), e=alert.detail)
    if alert.kind is AlertKind.VOICE_UNAVAILABLE:
        return tr("키오스크 {k}에서 음성 안내를 할 수 없습니다 ({r}) — 스피커와 음성 엔진을 "
                  "확인하고 키오스크를 다시 켜세요.").format(k=alert.subject,
                                                          r=voice_reason(alert.detail))
    if alert.kind is AlertKind.GUESSING:
        return tr("키오스크 {k}에서 PIN 추측 공격이 의심됩니다: {a}~{b}에 {n}세대가 잠겼습니다 "
                  "({h}) — 로비의 키오스크 주변을 확인하세요.").format(
            k=alert.subject, a=when(alert.since), b=when(alert.until)[-5:], n=alert.count,
            h=alert.detail)
    if alert.lock_kind is LockoutKind.HOUSEHOLD:
        return tr("세대 {h}의 PIN이 하루 세 번 이상 잠겨 {t}까지 잠겼습니다 (키오스크 {k}) — "
                  "세대에 연락해 본인이면 '세대 관리'에서 잠금을 푸세요.").format(
            h=alert.subject, t=when(alert.until), k=alert.place)
    if alert.lock_kind is LockoutKind.NEIGHBOUR:
        return tr("이웃 회원 {h}의 PIN이 하루 세 번 이상 잠겨 {t}까지 잠겼습니다 (키오스크 {k}) — "
                  "회원에게 연락해 본인이면 '이웃 회원'에서 잠금을 푸세요.").format(
            h=alert.subject, t=when(alert.until), k=alert.place)
    if alert.lock_kind is LockoutKind.ACCOUNT:
        return tr("계정 {u}의 비밀번호가 하루 세 번 이상 잠겨 {t}까지 잠겼습니다 ({k}) — "
                  "본인에게 확인하고, 본인이 아니면 비밀번호를 바꾸세요.").format(
            u=alert.subject, t=when(alert.until), k=alert.place)
    return tr("키오스크 {k}의 관리자 PIN이 하루 세 번 이상 잠겨 {t}까지 잠겼습니다 — "
              "설치 담당자가 아니라면 누군가 키오스크를 열려고 한 것입니다. 현장을 "
              "확인하세요.").format(k=alert.subject, t=when(alert.until))


class AlertBanner(QFrame):
    """Red with one line per problem, or a calm line saying all is well; always the same
    height."""

    def __init__(self, session: DeskSession, refresh_ms: int = ALERT_REFRESH_MS,
                 pool: QThreadPool | None = None) -> None:
        super().__init__()
        self.session = session
        self.pool = pool or QThreadPool.globalInstance()
        self.setObjectName("alertBanner")
        self.setFixedHeight(BANNER_HEIGHT)
        self.text = QLabel(tr("키오스크와 동기화 상태를 확인하는 중…"))
        self.text.setWordWrap(True)
        self.text.setObjectName("alertText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setStyleSheet("QScrollArea, QScrollArea > QWidget > QWidget "
                             "{ background: transparent; }")
        scroll.setWidget(self.text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(scroll)
        self.setStyleSheet(_CALM)
        self.alerts: list[DeskAlert] = []
        self.checked = 0
        self._job: Job | None = None
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.refresh)
        self.timer.start(refresh_ms)
        self.refresh()

    @property
    def alarming(self) -> bool:
        return bool(self.alerts)

    def refresh(self) -> None:
        """Read on the thread pool; a read still running is not doubled."""
        if self._job is not None:
            return
        job = Job(self.session.desk.alerts.current)
        job.signals.finished.connect(self.show_alerts)
        job.signals.failed.connect(self.show_failure)
        self._job = job
        IN_FLIGHT.add(job)
        self.pool.start(job)

    def _done(self) -> None:
        IN_FLIGHT.discard(self._job)
        self._job = None
        self.checked += 1

    def show_alerts(self, alerts: list[DeskAlert]) -> None:
        self._done()
        self.alerts = alerts
        if alerts:
            self.setStyleSheet(_ALARM)
            self.text.setText("\n".join("⚠ " + alert_text(a) for a in alerts))
        else:
            self.setStyleSheet(_CALM)
            self.text.setText(tr("키오스크와 동기화에 이상이 없습니다."))

    def show_failure(self, reason: str) -> None:
        self._done()
        self.alerts = []
        self.setStyleSheet(_ALARM)
        self.text.setText(tr("키오스크 상태를 읽지 못했습니다 ({r}) — 데이터베이스 연결을 "
                             "확인하세요.").format(r=reason))
