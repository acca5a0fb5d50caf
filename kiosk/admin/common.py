"""What every desk screen shares: the signed-in account, the services, a message bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Signal
from PySide6.QtWidgets import QLabel

from kiosk.admin.text import particles, refusal_text, tr
from kiosk.domain.admin_accounts import AdminAccount
from kiosk.domain.bookings import Actor
from kiosk.services.admin_accounts import actor_of

if TYPE_CHECKING:
    from kiosk.app import DeskServices


@dataclass
class DeskSession:
    """One signed-in person at the desk."""

    desk: DeskServices
    account: AdminAccount
    notify: Callable[[str, bool], None] = field(default=lambda text, error: None)

    @property
    def actor(self) -> Actor:
        return actor_of(self.account)

    @property
    def is_manager(self) -> bool:
        return self.account.is_manager

    def attempt(self, work: Callable[[], Any], done: str = "") -> Any:
        """Run an action; a refusal becomes a message instead of an exception."""
        try:
            result = work()
        except Exception as exc:  # every refusal is shown, nothing is half-done
            self.notify(refusal_text(exc), True)
            return None
        if done:
            self.notify(done, False)
        return result if result is not None else True


MESSAGE_HEIGHT = 40


class MessageBar(QLabel):
    """The line above the tabs that says what just happened (green) or what went wrong.

    Its place is always kept, empty or not, so a message never moves what is under the
    pointer; a message of several lines shows its first and keeps the rest in a tooltip.
    """

    def __init__(self) -> None:
        super().__init__("")
        self.setWordWrap(False)
        self.setFixedHeight(MESSAGE_HEIGHT)
        self.full = ""
        self.error = False
        self.show_message("", False)

    def show_message(self, text: str, error: bool) -> None:
        text = particles(text)
        self.full, self.error = text, error
        lines = [line for line in text.splitlines() if line.strip()]
        shown = lines[0] if lines else ""
        if len(lines) > 1:
            shown += "  " + tr("(외 {n}줄: 마우스를 올리면 모두 보입니다)").format(
                n=len(lines) - 1)
        self.setText(shown)
        self.setToolTip(text if len(lines) > 1 else "")
        colour = "#b3261e" if error else "#1b5e20"
        back = "#fdecea" if error else "#e8f5e9"
        self.setStyleSheet(f"QLabel {{ color: {colour}; background: {back if text else 'none'};"
                           f" padding: 6px 10px; border-radius: 4px; font-size: 15px; }}")


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class Job(QRunnable):
    """Work off the GUI thread; the result comes back through a queued signal."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:
            self.signals.failed.emit(refusal_text(exc))
            return
        self.signals.finished.emit(result)
