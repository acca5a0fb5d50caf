"""Voice guidance never freezes the kiosk: the engine lives on a speech thread, every call
to it is timed, a stuck or failing engine is reported once, and closing never waits on it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QApplication

from kiosk.ui.accessibility.speech import (
    SpeechEngine,
    Status,
    VoiceGuide,
    create_engine,
    status_message,
)
from kiosk.ui.accessibility.themes import AccessibilitySettings
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.window import KioskWindow, Timeouts
from tests.ui.a11y.test_speech import FakeEngine
from tests.ui.conftest import LANDSCAPE, settle, tap

SHOTS = Path("/tmp/kiosk-shots")
Opened = tuple[SpeechEngine | None, Status, str]


class StuckEngine(FakeEngine):
    """say() blocks on an Event the test sets only at its end, as libspeechd does when the
    speech service has no audio output."""

    def __init__(self, release: threading.Event) -> None:
        super().__init__()
        self.release = release
        self.entered = threading.Event()

    def say(self, text: str) -> None:
        self.entered.set()
        self.release.wait()
        super().say(text)


@pytest.fixture
def release() -> Iterator[threading.Event]:
    """Set at the end of each test, so every stuck speech thread can finish."""
    event = threading.Event()
    yield event
    event.set()


@pytest.fixture
def guides(qapp: QApplication) -> Iterator[list[VoiceGuide]]:
    made: list[VoiceGuide] = []
    yield made
    for guide in made:
        thread = guide._thread
        guide.shutdown(5.0)
        assert thread is None or not thread.is_alive()


def speech_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name == "speech")


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records
            if r.name == "kiosk.ui.accessibility.speech" and r.levelno == logging.WARNING]


def test_an_engine_that_never_opens_is_reported_once_and_the_gui_keeps_running(
        qtbot: Any, settings: AccessibilitySettings, release: threading.Event,
        guides: list[VoiceGuide], caplog: pytest.LogCaptureFixture) -> None:
    def factory() -> Opened:
        release.wait()  # QTextToSpeech's constructor waiting on a wedged speech service
        return FakeEngine(), Status.READY, ""

    threads_before = speech_threads()
    guide = VoiceGuide(settings, None, factory=factory, open_timeout_s=0.5)
    guides.append(guide)
    assert (guide.status, guide.available) == (Status.STARTING, False)
    told: list[str] = []
    changes: list[Status] = []
    guide.silenced.connect(told.append)
    guide.statusChanged.connect(lambda: changes.append(guide.status))
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    settings.update(voice=True)  # the resident turns voice on while the engine is opening
    assert told == []  # not yet known: said when the engine opens or is given up
    qtbot.waitUntil(lambda: guide.status is Status.NOT_RESPONDING, timeout=5000)
    timer.stop()
    assert len(ticks) >= 5  # the GUI thread went on turning while the engine was stuck
    assert guide.available is False and not guide.active
    assert guide.status_text() == status_message(Status.NOT_RESPONDING, None)
    assert told == [guide.status_text()]
    assert changes == [Status.NOT_RESPONDING]
    assert len(warnings_of(caplog)) == 1
    for _ in range(3):  # off and on again: no new thread, no new report in the log
        settings.update(voice=False)
        settings.update(voice=True)
    assert speech_threads() == threads_before + 1
    assert changes == [Status.NOT_RESPONDING] and len(warnings_of(caplog)) == 1
    assert guide.say("안녕하세요") is None
    # The service comes back: the same thread opens the engine and the voice returns.
    release.set()
    qtbot.waitUntil(lambda: guide.available, timeout=5000)
    assert guide.status is Status.READY and guide.active


def test_a_say_that_never_returns_is_timed_out_and_later_calls_are_not_queued(
        qtbot: Any, settings: AccessibilitySettings, release: threading.Event,
        guides: list[VoiceGuide], caplog: pytest.LogCaptureFixture) -> None:
    engine = StuckEngine(release)
    guide = VoiceGuide(settings, None, factory=lambda: (engine, Status.READY, ""),
                       timeout_s=0.3)
    guides.append(guide)
    qtbot.waitUntil(lambda: guide.available, timeout=5000)
    started = time.monotonic()
    settings.update(voice=True)  # "voice is on" goes to the engine, whose say() blocks
    assert guide.say("화면") == "화면"  # handed over at once: the GUI thread never waits
    qtbot.waitUntil(lambda: guide.status is Status.NOT_RESPONDING, timeout=5000)
    assert time.monotonic() - started < 3.0
    assert engine.entered.is_set() and engine.said == []
    assert guide._outstanding > 0  # the stuck call and what was queued behind it
    queued = guide._outstanding
    assert guide.say("화면") is None and guide._outstanding == queued
    assert len(warnings_of(caplog)) == 1
    release.set()
    qtbot.waitUntil(lambda: guide.status is Status.READY, timeout=5000)
    assert engine.said[0] == "음성 안내를 켰습니다."


@pytest.mark.parametrize(("opened", "status", "detail"), [
    (lambda: (None, Status.NO_ENGINE, ""), Status.NO_ENGINE, ""),
    (lambda: (None, Status.NOT_RESPONDING, ""), Status.NOT_RESPONDING, ""),
    (lambda: 1 / 0, Status.ENGINE_ERROR, "division by zero"),
])
def test_an_engine_that_fails_to_open_is_reported_once(
        qtbot: Any, settings: AccessibilitySettings, guides: list[VoiceGuide],
        caplog: pytest.LogCaptureFixture, opened: Callable[[], Opened], status: Status,
        detail: str) -> None:
    settings.update(voice=True)
    guide = VoiceGuide(settings, None, factory=opened)
    guides.append(guide)
    told: list[str] = []
    guide.silenced.connect(told.append)
    qtbot.waitUntil(lambda: guide.status is status, timeout=5000)
    assert (guide.available, guide.detail) == (False, detail)
    assert told == [status_message(status, None, detail)]
    assert len(warnings_of(caplog)) == 1


def test_qt_mock_engine_is_made_and_used_on_the_speech_thread(
        qtbot: Any, settings: AccessibilitySettings, guides: list[VoiceGuide]) -> None:
    made: list[tuple[QTextToSpeech, threading.Thread]] = []

    def factory() -> Opened:
        engine, status, detail = create_engine("mock")
        assert engine is not None
        made.append((engine, threading.current_thread()))
        return engine, status, detail

    settings.update(language="en")
    guide = VoiceGuide(settings, None, factory=factory)
    guides.append(guide)
    qtbot.waitUntil(lambda: guide.available, timeout=5000)
    engine, thread = made[0]
    assert thread is not threading.main_thread()
    assert engine.thread() is not QApplication.instance().thread()  # type: ignore[union-attr]
    with qtbot.waitSignal(guide.spoken, timeout=2000) as spoken:
        settings.update(voice=True)
    assert spoken.args == ["Voice guidance is on."]
    qtbot.waitUntil(lambda: guide._outstanding == 0, timeout=5000)
    assert guide.status is Status.READY


def test_shutdown_never_waits_for_a_stuck_engine(
        qtbot: Any, settings: AccessibilitySettings, release: threading.Event,
        caplog: pytest.LogCaptureFixture) -> None:
    def factory() -> Opened:
        release.wait()
        return None, Status.NO_ENGINE, ""

    guide = VoiceGuide(settings, None, factory=factory)
    thread = guide._thread
    assert thread is not None
    qtbot.waitUntil(lambda: guide._wired.is_set(), timeout=5000)
    started = time.monotonic()
    assert guide.shutdown(0.2) is False
    assert time.monotonic() - started < 2.0
    assert thread.is_alive() and thread.daemon  # left behind; the process can still exit
    assert any("did not stop" in m for m in warnings_of(caplog))
    release.set()
    thread.join(5.0)
    assert not thread.is_alive()  # the close it was sent ends it once the engine lets go


def stuck_window(qtbot: Any, demo_services: Any, engine: FakeEngine) -> KioskWindow:
    window = KioskWindow(demo_services.settings, demo_services.bookings,
                         LanguageSwitcher(QApplication.instance()), screen_px=LANDSCAPE,
                         timeouts=Timeouts(idle_s=600, home_idle_s=600, receipt_s=600),
                         speech=lambda: (engine, Status.READY, ""))
    qtbot.addWidget(window)
    window.resize(*LANDSCAPE)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    return window


def test_the_kiosk_stays_usable_while_the_engine_hangs_and_the_panel_says_why(
        qtbot: Any, demo_services: Any, release: threading.Event,
        caplog: pytest.LogCaptureFixture) -> None:
    engine = StuckEngine(release)
    window = stuck_window(qtbot, demo_services, engine)
    guide = window.guide
    try:
        qtbot.waitUntil(lambda: guide.available, timeout=5000)
        guide.timeout_ms = 2000
        threads = speech_threads()
        changes: list[Status] = []
        guide.statusChanged.connect(lambda: changes.append(guide.status))
        ticks: list[int] = []
        timer = QTimer(window)
        timer.setInterval(20)
        timer.timeout.connect(lambda: ticks.append(1))
        timer.start()
        window.accessibility.update(voice=True)
        qtbot.waitUntil(engine.entered.is_set, timeout=5000)  # stuck inside say()
        # Voice mode: the first tap names the tile, the second opens it.
        tile = window.screens["home"].tiles["parking"]  # type: ignore[attr-defined]
        tap(qtbot, tile)
        tap(qtbot, tile, window)
        assert window.current is window.screens["browse"]
        assert guide.available  # all of that happened before the timeout, engine stuck
        qtbot.waitUntil(lambda: guide.status is Status.NOT_RESPONDING, timeout=5000)
        assert len(ticks) >= 10
        assert "음성 서비스가 응답하지 않습니다" in window.banner.text()
        tap(qtbot, window.a11y_button)  # voice cannot speak: one tap opens the panel
        panel = window.a11y.content
        assert panel.status.isVisible()
        assert panel.status.text() == status_message(Status.NOT_RESPONDING, None)
        for _ in range(2):  # off and on again from the panel
            tap(qtbot, panel.voice)
            tap(qtbot, panel.voice)
        assert window.accessibility.voice and speech_threads() == threads
        assert changes == [Status.NOT_RESPONDING]
        assert len(warnings_of(caplog)) == 1
        SHOTS.mkdir(exist_ok=True)
        window.grab().save(str(SHOTS / "voice_not_responding.png"))
        # Closing the window does not wait for the stuck engine.
        started = time.monotonic()
        window.close()
        assert time.monotonic() - started < 5.0
        assert any("did not stop" in m for m in warnings_of(caplog))
    finally:
        window.background.shutdown()
