"""Voice guidance: engine and voice status, announcements, tap-to-hear, secret entry."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.accessibility.speech import (
    Status,
    TapToHear,
    VoiceGuide,
    create_engine,
    phrase,
    speechd_responds,
    speechd_socket,
    status_message,
)
from kiosk.ui.accessibility.themes import AccessibilitySettings
from tests.processes import child_env

ROOT = Path(__file__).resolve().parents[3]


class FakeEngine:
    """Records what the guide asks of a speech engine."""

    def __init__(self, languages: tuple[str, ...] = ("ko_KR", "en_US")) -> None:
        self.locales = [QLocale(name) for name in languages]
        self.said: list[str] = []
        self.stops = 0
        self.rate = self.volume = -99.0
        self.locale: QLocale | None = None

    def say(self, text: str) -> None:
        self.said.append(text)

    def stop(self) -> None:
        self.stops += 1

    def setRate(self, rate: float) -> None:
        self.rate = rate

    def setVolume(self, volume: float) -> None:
        self.volume = volume

    def setLocale(self, locale: QLocale) -> None:
        self.locale = locale

    def availableLocales(self) -> list[QLocale]:
        return self.locales


def guide_with(settings: AccessibilitySettings, *languages: str) -> tuple[VoiceGuide, FakeEngine]:
    engine = FakeEngine(languages)
    return VoiceGuide(settings, engine), engine


@pytest.mark.parametrize(("languages", "ui", "status", "voice"), [
    (("ko_KR", "en_US"), "ko", Status.READY, "ko"),
    (("ko_KR", "en_US"), "en", Status.READY, "en"),
    (("en_GB",), "ko", Status.FALLBACK_ENGLISH, "en"),
    (("ko_KR",), "en", Status.FALLBACK_KOREAN, "ko"),
    (("fi_FI",), "ko", Status.NO_VOICE, None),
])
def test_voice_follows_the_language_and_says_what_is_missing(  # type: ignore[no-untyped-def]
        settings, languages, ui, status, voice) -> None:
    settings.update(language=ui)
    guide, engine = guide_with(settings, *languages)
    assert (guide.status, guide.voice_language) == (status, voice)
    if voice is not None:
        assert engine.locale is not None
        assert QLocale.languageToCode(engine.locale.language()) == voice
    assert guide.status_text() == status_message(status, voice)


def test_status_texts_are_korean_first_and_translated(settings, request) -> None:  # type: ignore[no-untyped-def]
    no_engine = VoiceGuide(settings, None, Status.NO_ENGINE)
    assert no_engine.status_text().startswith("음성 안내를 할 수 없습니다: 음성 엔진이")
    assert not no_engine.active
    english_only, _ = guide_with(settings, "en_US")
    assert english_only.status_text().startswith("한국어 음성이 설치되지 않아")
    request.getfixturevalue("english")
    assert no_engine.status_text() == ("Voice guidance is unavailable: no speech engine is "
                                       "installed. Please tell the management office.")
    assert english_only.status_text().startswith("No Korean voice is installed")
    # Without an engine the guide never pretends to be ready, and says so when asked to speak.
    assert VoiceGuide(settings, None).status is Status.NO_ENGINE
    told: list[str] = []
    no_engine.silenced.connect(told.append)
    settings.update(voice=True)
    assert told == [no_engine.status_text()]


def test_silent_until_voice_is_on_then_announces_replays_and_stops(settings) -> None:  # type: ignore[no-untyped-def]
    guide, engine = guide_with(settings, "ko_KR", "en_US")
    assert guide.announce_screen("예약 확인") is None and engine.said == []
    settings.update(voice=True)
    assert engine.said == ["음성 안내를 켰습니다."]
    assert guide.announce_screen("예약 확인") == "예약 확인 화면입니다."
    assert guide.replay() == "예약 확인 화면입니다."
    assert engine.said[-2:] == ["예약 확인 화면입니다."] * 2
    stops = engine.stops
    guide.stop()
    assert engine.stops == stops + 1
    settings.update(voice=False)
    assert guide.replay() is None and guide.last is None


def test_english_voice_speaks_english_sentences_and_skips_korean_words(settings) -> None:  # type: ignore[no-untyped-def]
    settings.update(voice=True)
    guide, engine = guide_with(settings, "en_US")  # Korean screen, no Korean voice
    assert engine.said == []  # voice was already on: nothing to announce yet
    assert guide.announce_screen("Booking") == "Booking screen."
    assert guide.say(phrase("숫자 입력됨")) == "Digit entered"
    assert guide.announce_screen("예약 확인") is None  # an English voice cannot read it
    assert engine.said == ["Booking screen.", "Digit entered"]


def test_rate_and_volume_steps_reach_the_engine_and_reset(settings) -> None:  # type: ignore[no-untyped-def]
    guide, engine = guide_with(settings, "ko_KR")
    assert (engine.rate, engine.volume) == (0.0, 0.85)
    settings.step_rate(+1)
    settings.step_volume(-2)
    assert (engine.rate, engine.volume) == (0.2, 0.55)
    settings.reset()
    assert (engine.rate, engine.volume) == (0.0, 0.85)
    assert guide.settings.voice is False


@pytest.fixture
def keypad_screen(qtbot, settings) -> Iterator[tuple[QWidget, VoiceGuide, FakeEngine, TapToHear]]:  # type: ignore[no-untyped-def]
    """A PIN field, a secret keypad (1, 2, 0, 3) and a confirm button, all tap-to-hear."""
    guide, engine = guide_with(settings, "ko_KR", "en_US")
    window = QWidget()
    layout = QVBoxLayout(window)
    window.pin = QLineEdit()  # type: ignore[attr-defined]
    window.pin.setEchoMode(QLineEdit.EchoMode.Password)  # type: ignore[attr-defined]
    layout.addWidget(window.pin)  # type: ignore[attr-defined]
    window.keys = {}  # type: ignore[attr-defined]
    for digit in "1203":
        key = QPushButton(digit)
        key.setProperty("a11y_secret", True)
        key.clicked.connect(lambda _=False, d=digit: window.pin.insert(d))  # type: ignore[attr-defined]
        window.keys[digit] = key  # type: ignore[attr-defined]
        layout.addWidget(key)
    window.confirm = QPushButton("확인")  # type: ignore[attr-defined]
    window.confirmed = []  # type: ignore[attr-defined]
    window.confirm.clicked.connect(lambda: window.confirmed.append(1))  # type: ignore[attr-defined]
    layout.addWidget(window.confirm)  # type: ignore[attr-defined]
    taps = TapToHear(guide, window)
    taps.install(window.pin, *window.keys.values(), window.confirm)  # type: ignore[attr-defined]
    qtbot.addWidget(window)
    yield window, guide, engine, taps


def test_first_tap_announces_second_tap_activates(qtbot, keypad_screen) -> None:  # type: ignore[no-untyped-def]
    window, guide, engine, _taps = keypad_screen
    guide.settings.update(voice=True)
    left = Qt.MouseButton.LeftButton
    QTest.mouseClick(window.confirm, left)
    assert window.confirmed == []
    assert engine.said[-1] == "확인, 버튼. 한 번 더 누르면 선택됩니다."
    QTest.mouseClick(window.confirm, left)
    assert window.confirmed == [1]
    # Voice off: one tap is enough again.
    guide.settings.update(voice=False)
    QTest.mouseClick(window.confirm, left)
    assert window.confirmed == [1, 1]


def test_enter_activates_a_focused_button(qtbot, shown, landscape, keypad_screen) -> None:  # type: ignore[no-untyped-def]
    window, guide, engine, _taps = keypad_screen
    shown(window, landscape)
    window.activateWindow()
    window.confirm.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(window.confirm, Qt.Key.Key_Enter)
    qtbot.waitUntil(lambda: window.confirmed == [1])
    guide.settings.update(voice=True)
    window.pin.setFocus(Qt.FocusReason.TabFocusReason)
    QTest.keyClick(window.pin, Qt.Key.Key_Tab)  # focus moves to the first key: announced
    assert engine.said[-1] == "숫자 키. 한 번 더 누르면 입력됩니다."
    QTest.keyClick(QWidget.focusWidget(window) or window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pin.text() == "1")
    assert engine.said[-1] == "숫자 입력됨"


def test_pin_digits_are_never_spoken(qtbot, keypad_screen) -> None:  # type: ignore[no-untyped-def]
    window, guide, engine, _taps = keypad_screen
    guide.settings.update(voice=True)
    engine.said.clear()
    left = Qt.MouseButton.LeftButton
    for digit in "12":  # on-screen keypad: tap to hear, tap to enter
        QTest.mouseClick(window.keys[digit], left)
        QTest.mouseClick(window.keys[digit], left)
    QTest.keyClicks(window.pin, "03")  # a USB keypad typing into the field
    assert window.pin.text() == "1203"
    QTest.keyClick(window.pin, Qt.Key.Key_Backspace)
    QTest.mouseClick(window.pin, left)  # first tap on the field describes it
    window.pin.clear()
    assert engine.said == ["숫자 키. 한 번 더 누르면 입력됩니다.", "숫자 입력됨"] * 2 + [
        "숫자 입력됨", "숫자 입력됨", "한 자리 지움",
        "비밀번호 입력란. 숫자는 소리 내어 읽지 않습니다.", "모두 지움"]
    assert not any(ch.isdigit() for text in engine.said for ch in text)
    assert guide.replay() == "비밀번호 입력란. 숫자는 소리 내어 읽지 않습니다."


def test_qt_mock_engine_speaks_the_screen_and_no_pin_digit(qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    engine, status, _detail = create_engine("mock")
    assert isinstance(engine, QTextToSpeech) and status is Status.READY
    settings.update(voice=True, language="en")
    guide = VoiceGuide(settings, engine)
    assert guide.status is Status.READY and guide.voice_language == "en"
    spoken: list[str] = []
    guide.spoken.connect(spoken.append)
    pin = QLineEdit()
    pin.setEchoMode(QLineEdit.EchoMode.Password)
    qtbot.addWidget(pin)
    TapToHear(guide, pin).install(pin)
    guide.announce_screen("Enter your PIN")
    QTest.keyClicks(pin, "4821")
    assert spoken == ["Enter your PIN screen."] + ["Digit entered"] * 4
    assert not any(d in text for text in spoken for d in "4821")
    qtbot.waitUntil(lambda: engine.state() in (QTextToSpeech.State.Speaking,
                                               QTextToSpeech.State.Ready))
    # Qt's mock engine has no Korean voice: a Korean screen falls back and says so.
    settings.update(language="ko")
    assert guide.status is Status.FALLBACK_ENGLISH
    engine.stop()


def test_unknown_engine_is_reported(qapp) -> None:  # type: ignore[no-untyped-def]
    engine, status, detail = create_engine("no-such-engine")
    assert engine is None and status is Status.NO_ENGINE and detail == "no-such-engine"


def test_speechd_socket_location() -> None:
    assert speechd_socket({"SPEECHD_ADDRESS": "unix_socket:/run/x.sock"}) == Path("/run/x.sock")
    assert speechd_socket({"XDG_RUNTIME_DIR": "/run/user/7"}) == \
        Path("/run/user/7/speech-dispatcher/speechd.sock")


def _serve(path: Path, voices: bytes | None) -> tuple[socket.socket, threading.Thread]:
    """A speech-dispatcher stand-in: greets, then lists voices (or, wedged, never does)."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)

    def run() -> None:
        connection, _ = server.accept()
        with connection:
            connection.recv(256)
            connection.sendall(b"208 OK CLIENT NAME SET\r\n")
            connection.recv(256)
            if voices is not None:
                connection.sendall(voices)
            connection.recv(256)  # QUIT, or the probe giving up

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return server, thread


def test_speechd_probe_tells_alive_wedged_and_absent(tmp_path: Path) -> None:
    assert speechd_responds(tmp_path / "none.sock") is None
    alive = tmp_path / "alive.sock"
    server, thread = _serve(alive, b"249-Korean\tko\tnone\r\n249 OK VOICE LIST SENT\r\n")
    assert speechd_responds(alive) is True
    thread.join(5)
    server.close()
    wedged = tmp_path / "wedged.sock"
    server, thread = _serve(wedged, None)
    assert speechd_responds(wedged, timeout_s=0.3) is False
    server.close()
    thread.join(5)
    stale = tmp_path / "stale.sock"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(stale))
    server.close()  # the file stays, nobody listens
    assert speechd_responds(stale) is None


REAL_ENGINE_PROBE = """
import json
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtTextToSpeech import QTextToSpeech
app = QCoreApplication([])
from kiosk.ui.accessibility.speech import create_engine
real = [name for name in QTextToSpeech.availableEngines() if name != "mock"]
languages = []
broken = False
if real:
    engine = QTextToSpeech("speechd" if "speechd" in real else real[0])
    broken = engine.state() == QTextToSpeech.State.Error
    languages = sorted({QLocale.languageToCode(loc.language())
                        for loc in engine.availableLocales()})
    del engine
_engine, status, detail = create_engine()
print(json.dumps({"real": real, "broken": broken, "languages": languages,
                  "status": status.value}))
"""


def test_real_engine_status_matches_what_is_installed(tmp_path: Path, settings) -> None:  # type: ignore[no-untyped-def]
    """Ask this machine's real engines (in a child process with its own speech service) and
    check the guide's status against what they actually offer."""
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = child_env(XDG_RUNTIME_DIR=str(runtime), QT_QPA_PLATFORM="offscreen")
    env.pop("SPEECHD_ADDRESS", None)
    try:
        result = subprocess.run([sys.executable, "-c", REAL_ENGINE_PROBE], env=env, cwd=ROOT,
                                capture_output=True, text=True, timeout=120, check=True)
    finally:
        for pid_file in runtime.glob("speech-dispatcher/pid/*.pid"):
            pid = int(pid_file.read_text().strip())
            cmdline = Path(f"/proc/{pid}/cmdline")
            if cmdline.exists() and str(runtime) in cmdline.read_text(errors="replace"):
                os.kill(pid, signal.SIGTERM)
    found = json.loads(result.stdout.strip().splitlines()[-1])
    if not found["real"]:
        expected, voice = Status.NO_ENGINE, None
    elif found["broken"]:
        expected, voice = Status.ENGINE_ERROR, None
    elif "ko" in found["languages"]:
        expected, voice = Status.READY, "ko"
    elif "en" in found["languages"]:
        expected, voice = Status.FALLBACK_ENGLISH, "en"
    else:
        expected, voice = Status.NO_VOICE, None
    assert found["status"] == expected.value
    if expected is Status.ENGINE_ERROR:
        return  # the message carries the engine's own words, checked in the child's status
    guide = VoiceGuide(settings, FakeEngine(tuple(f"{lang}_KR" if lang == "ko" else lang
                                                  for lang in found["languages"]))
                       if found["real"] else None, expected)
    assert guide.status_text() == status_message(expected, voice)
