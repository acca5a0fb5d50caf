"""Voice guidance: announcements, tap-to-hear controls, secret entry that is never spoken.

Speech goes through QtTextToSpeech. On Linux the wheel's ``speechd`` plugin loads
``libspeechd.so.2`` and talks to speech-dispatcher, which speaks Korean with espeak-ng
(``libspeechd2 speech-dispatcher speech-dispatcher-espeak-ng``). When the engine, the
service or a Korean voice is missing the guide says so in ``status_text()``, in the
screen's language, instead of staying silent.

The live kiosk hands the guide an engine *factory*: the engine is then opened and driven
on a speech thread of its own, and every call to it is watched by a timeout. A
speech-dispatcher without an audio output can block inside libspeechd for minutes; the
guide then reports the voice unavailable (once) and the screen never waits for it.
"""

from __future__ import annotations

import enum
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import (
    QEvent,
    QEventLoop,
    QLocale,
    QObject,
    Qt,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget

from kiosk.ui.accessibility.findings import text_of
from kiosk.ui.accessibility.text import CONTEXT, tr
from kiosk.ui.accessibility.themes import AccessibilitySettings

TRANSLATIONS = Path(__file__).resolve().parents[3] / "assets" / "translations" / "kiosk_en.qm"
HANGUL_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xAC00, 0xD7A3))
PROBE_TIMEOUT_S = 2.0
OPEN_TIMEOUT_S = 10.0
"""Opening an engine: the speechd probe (2 s) plus QTextToSpeech's constructor."""
CALL_TIMEOUT_S = 3.0
"""Any other engine call (say, stop, set...) returns at once when the engine works."""
SHUTDOWN_TIMEOUT_S = 1.0

log = logging.getLogger(__name__)


class SpeechEngine(Protocol):
    """What the guide needs from QTextToSpeech (tests pass a recording fake)."""

    def say(self, text: str) -> None: ...
    def stop(self) -> None: ...
    def setRate(self, rate: float) -> None: ...
    def setVolume(self, volume: float) -> None: ...
    def setLocale(self, locale: QLocale) -> None: ...
    def availableLocales(self) -> list[QLocale]: ...


class Status(enum.Enum):
    """``value`` is a stable identifier for logs and the heartbeat."""

    STARTING = "starting"
    READY = "ready"
    FALLBACK_ENGLISH = "fallback_english"
    FALLBACK_KOREAN = "fallback_korean"
    NO_VOICE = "no_voice"
    NO_ENGINE = "no_engine"
    NOT_RESPONDING = "not_responding"
    ENGINE_ERROR = "engine_error"


def status_message(status: Status, voice_language: str | None, detail: str = "") -> str:
    """What the screen shows about voice guidance, in the current language."""
    if status is Status.STARTING:
        return tr("음성 안내를 준비하고 있습니다.")
    if status is Status.READY:
        return (tr("음성 안내: 한국어 음성으로 안내합니다") if voice_language == "ko"
                else tr("음성 안내: 영어 음성으로 안내합니다"))
    return {
        Status.FALLBACK_ENGLISH: tr("한국어 음성이 설치되지 않아 영어로 안내합니다. "
                                    "관리사무소에 알려 주세요."),
        Status.FALLBACK_KOREAN: tr("영어 음성이 설치되지 않아 한국어로 안내합니다."),
        Status.NO_VOICE: tr("음성 안내를 할 수 없습니다: 한국어와 영어 음성이 모두 없습니다. "
                            "관리사무소에 알려 주세요."),
        Status.NO_ENGINE: tr("음성 안내를 할 수 없습니다: 음성 엔진이 설치되지 않았습니다. "
                             "관리사무소에 알려 주세요."),
        Status.NOT_RESPONDING: tr("음성 안내를 할 수 없습니다: 음성 서비스가 응답하지 않습니다. "
                                  "관리사무소에 알려 주세요."),
        Status.ENGINE_ERROR: tr("음성 안내 오류: {detail}").format(detail=detail),
    }[status]


@dataclass(frozen=True)
class Phrase:
    """A Korean source sentence of this package, rendered in the voice's language; text
    made elsewhere (configured names) brings its own ``english`` instead."""

    source: str
    args: dict[str, Phrase | str] = field(default_factory=dict)
    english: str | None = None


def phrase(source: str, **args: Phrase | str) -> Phrase:
    return Phrase(source, args)


def literal(korean: str, english: str) -> Phrase:
    """Sentences rendered elsewhere, in both languages, spoken as given in the voice's."""
    def escaped(text: str) -> str:
        return text.replace("{", "{{").replace("}", "}}")

    return Phrase(escaped(korean), english=escaped(english))


# Sentences the guide speaks (sources are Korean; English comes from the .qm file).
SCREEN = "{title} 화면입니다."
BUTTON = "{name}, 버튼. 한 번 더 누르면 선택됩니다."
FIELD = "{name}, 입력란."
SECRET_FIELD = "비밀번호 입력란. 숫자는 소리 내어 읽지 않습니다."
SECRET_KEY = "숫자 키. 한 번 더 누르면 입력됩니다."
DIGIT_ENTERED = "숫자 입력됨"
DIGIT_DELETED = "한 자리 지움"
ALL_CLEARED = "모두 지움"
VOICE_ON = "음성 안내를 켰습니다."


def _has_hangul(text: str) -> bool:
    return any(lo <= ord(ch) <= hi for ch in text for lo, hi in HANGUL_RANGES)


def speechd_socket(environ: dict[str, str] | None = None) -> Path:
    """Where libspeechd connects: SPEECHD_ADDRESS, else the per-user runtime socket."""
    env = os.environ if environ is None else environ
    address = env.get("SPEECHD_ADDRESS", "")
    if address.startswith("unix_socket:"):
        return Path(address.split(":", 1)[1])
    runtime = env.get("XDG_RUNTIME_DIR")
    base = Path(runtime) if runtime else Path.home() / ".cache"
    return base / "speech-dispatcher" / "speechd.sock"


def _ssip(connection: socket.socket, command: bytes) -> bytes:
    """Send one SSIP command and read up to its final reply line ("NNN text")."""
    connection.sendall(command + b"\r\n")
    reply = b""
    while True:
        chunk = connection.recv(65536)
        if not chunk:
            return reply
        reply += chunk
        if any(len(line) > 3 and line[3:4] == b" " for line in reply.split(b"\r\n")):
            return reply


def speechd_responds(path: Path, timeout_s: float = PROBE_TIMEOUT_S) -> bool | None:
    """True if a running speech-dispatcher answers; None if none runs (it will be started).

    A speech-dispatcher stuck on its audio output still greets clients but never lists
    its voices, and QTextToSpeech's constructor then waits forever, freezing the kiosk;
    asking for the voice list first keeps the screen alive and lets the guide say why.
    """
    if not path.exists():
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
            probe.settimeout(timeout_s)
            probe.connect(str(path))
            greeting = _ssip(probe, b"SET SELF CLIENT_NAME kiosk:kiosk:probe")
            voices = _ssip(probe, b"LIST SYNTHESIS_VOICES")
            probe.sendall(b"QUIT\r\n")
    except (ConnectionRefusedError, FileNotFoundError):
        return None  # stale socket of a stopped service: libspeechd starts a new one
    except OSError:
        return False
    return greeting.startswith(b"2") and voices.split(b"\r\n")[-2:][0][:1] == b"2"


def create_engine(name: str | None = None) -> tuple[QTextToSpeech | None, Status, str]:
    """Open a speech engine: ``name``, or the first real one (never the test-only mock)."""
    available = QTextToSpeech.availableEngines()
    if name is None:
        real = [e for e in available if e != "mock"]
        if not real:
            return None, Status.NO_ENGINE, ""
        name = "speechd" if "speechd" in real else real[0]
    elif name not in available:
        return None, Status.NO_ENGINE, name
    if name == "speechd" and speechd_responds(speechd_socket()) is False:
        return None, Status.NOT_RESPONDING, ""
    engine = QTextToSpeech(name)
    if engine.state() == QTextToSpeech.State.Error:
        detail = engine.errorString() or name
        engine.deleteLater()
        return None, Status.ENGINE_ERROR, detail
    return engine, Status.READY, ""


EngineFactory = Callable[[], "tuple[SpeechEngine | None, Status, str]"]
"""Opens an engine (``create_engine``); called on the speech thread, may block there."""
SPEAKING = frozenset({Status.READY, Status.FALLBACK_ENGLISH, Status.FALLBACK_KOREAN})


class _SpeechWorker(QObject):
    """Owns the engine on the speech thread; every call it finishes is ``answered``."""

    opened = Signal(list)
    """The engine is open: its voices as locale names."""
    failed = Signal(str, str)
    """Status value and detail: the engine could not be opened or reported an error."""
    answered = Signal()

    def __init__(self, factory: EngineFactory, loop: QEventLoop) -> None:
        super().__init__()
        self.factory = factory
        self.loop = loop
        self.engine: SpeechEngine | None = None

    def open(self) -> None:
        try:
            engine, status, detail = self.factory()
            names = [lc.name() for lc in engine.availableLocales()] if engine else []
        except Exception as exc:  # a broken plugin must only cost the voice
            engine, status, detail, names = None, Status.ENGINE_ERROR, str(exc), []
        self.engine = engine
        if isinstance(engine, QTextToSpeech):
            engine.errorOccurred.connect(
                lambda _reason, message: self.failed.emit(Status.ENGINE_ERROR.value, message))
        if engine is None:
            self.failed.emit(status.value, detail)
        else:
            self.opened.emit(names)
        self.answered.emit()

    @Slot(str, object)
    def call(self, method: str, args: tuple[object, ...]) -> None:
        if self.engine is not None:
            try:
                getattr(self.engine, method)(*args)
            except Exception as exc:  # reported as the engine error
                self.failed.emit(Status.ENGINE_ERROR.value, str(exc))
        self.answered.emit()

    @Slot()
    def close(self) -> None:
        engine, self.engine = self.engine, None
        if engine is not None:
            engine.stop()
        self.loop.quit()


class VoiceGuide(QObject):
    """Speaks announcements when voice guidance is on; knows and tells why it cannot.

    Given an ``engine`` the guide drives it where it is (tests' recording fakes, Qt's
    mock). Given a ``factory`` it opens the engine on a speech thread and never waits for
    it: each call must be answered within ``timeout_s`` (opening within
    ``open_timeout_s``), otherwise the voice is reported unavailable, once, until the
    engine answers again. For the desk and the heartbeat: ``status`` (``Status``; its
    ``value`` is a stable name), ``available`` (something can speak), ``status_text()``
    (the sentence the panel shows) and ``statusChanged`` whenever one of them changes.
    """

    spoken = Signal(str)
    """Every sentence handed to the engine (captions and tests read it)."""
    statusChanged = Signal()
    silenced = Signal(str)
    """Voice guidance was turned on but cannot speak: the reason, to show on screen."""
    _calls = Signal(str, object)
    _closing = Signal()

    def __init__(self, settings: AccessibilitySettings, engine: SpeechEngine | None,
                 status: Status = Status.READY, detail: str = "",
                 parent: QObject | None = None, *, factory: EngineFactory | None = None,
                 timeout_s: float = CALL_TIMEOUT_S,
                 open_timeout_s: float = OPEN_TIMEOUT_S) -> None:
        super().__init__(parent)
        self.settings = settings
        self.engine = engine
        self.factory = factory
        if factory is not None:
            status = Status.STARTING
        self._engine_status = status if engine is not None or status is not Status.READY \
            else Status.NO_ENGINE
        self.detail = detail
        self.voice_language: str | None = None
        self.status = self._engine_status
        self.available = False
        self.last: Phrase | str | None = None
        self.english = QTranslator(self)
        if not self.english.load(str(TRANSLATIONS)):
            raise FileNotFoundError(f"missing translation {TRANSLATIONS}")
        if isinstance(engine, QTextToSpeech):
            engine.errorOccurred.connect(self._engine_failed)
        self._locales: list[QLocale] = []
        self._outstanding = 0
        self._wedged = False
        self._thread: threading.Thread | None = None
        self._wired = threading.Event()
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._not_answering)
        self.timeout_ms = round(timeout_s * 1000)
        self._was_on = settings.voice
        settings.changed.connect(self._settings_changed)
        self._configure()
        if factory is not None:
            self._start(factory, round(open_timeout_s * 1000))

    # --- the speech thread -----------------------------------------------------------

    def _start(self, factory: EngineFactory, open_timeout_ms: int) -> None:
        """One speech thread per guide. A daemon thread, not a QThread: one stuck in the
        speech library forever must neither block the kiosk's exit nor abort it (Qt
        aborts when a running QThread object is destroyed)."""
        self._outstanding = 1
        self._watchdog.start(open_timeout_ms)
        self._thread = threading.Thread(target=self._serve, args=(factory,),
                                        name="speech", daemon=True)
        self._thread.start()

    def _serve(self, factory: EngineFactory) -> None:
        """The speech thread: the engine is made and used here, reached by queued signals."""
        loop = QEventLoop()
        worker = _SpeechWorker(factory, loop)
        self._calls.connect(worker.call)
        self._closing.connect(worker.close)
        worker.opened.connect(self._opened)
        worker.failed.connect(self._worker_failed)
        worker.answered.connect(self._answered)
        self._wired.set()
        worker.open()
        loop.exec()
        worker.engine = None

    @property
    def thread_alive(self) -> bool:
        """The speech thread still runs (stuck or serving)."""
        return self._thread is not None and self._thread.is_alive()

    def _call(self, method: str, *args: object) -> None:
        """Run one engine call: here for a given engine, else queued to the speech thread."""
        if self.factory is None:
            if self.engine is not None:
                getattr(self.engine, method)(*args)
            return
        if self._wedged or self._engine_status not in SPEAKING:
            return
        self._outstanding += 1
        if not self._watchdog.isActive():
            self._watchdog.start(self.timeout_ms)
        self._calls.emit(method, args)

    @Slot()
    def _answered(self) -> None:
        self._outstanding = max(0, self._outstanding - 1)
        if self._outstanding:
            self._watchdog.start(self.timeout_ms)  # the next call gets its own time
            return
        self._watchdog.stop()
        if self._wedged:
            log.warning("speech engine answers again; voice guidance is back")
            self._wedged = False
            self._configure()

    def _not_answering(self) -> None:
        """The engine kept a call longer than the timeout: say so once, stop using it."""
        if self._wedged:
            return
        self._wedged = True
        log.warning("speech engine did not answer within its timeout (status was %s); "
                    "voice guidance is unavailable", self._engine_status.value)
        self._report_lost()

    @Slot(list)
    def _opened(self, names: list[str]) -> None:
        self._locales = [QLocale(name) for name in names]
        self._engine_status = Status.READY
        self._configure()
        if self.settings.voice and self.active and not self._wedged:
            self.say(phrase(VOICE_ON))  # turned on while the engine was opening

    @Slot(str, str)
    def _worker_failed(self, status: str, detail: str) -> None:
        if self._engine_status is not Status.STARTING and self._engine_status not in SPEAKING:
            return  # already reported
        self._engine_status = Status(status)
        self.detail = detail
        log.warning("voice guidance is unavailable: %s %s", status, detail)
        self._report_lost()

    def _report_lost(self) -> None:
        """The panel (``statusChanged``) and, when voice is on, the screen (``silenced``)."""
        self._configure()
        if self.settings.voice:
            self.silenced.emit(self.status_text())

    def shutdown(self, timeout_s: float = SHUTDOWN_TIMEOUT_S) -> bool:
        """Stop the speech thread; waits at most ``timeout_s``. False: the thread is stuck
        in the engine and is left behind (a daemon thread: the process still exits)."""
        self._watchdog.stop()
        thread, self._thread = self._thread, None
        if thread is None:
            return True
        deadline = time.monotonic() + timeout_s
        if self._wired.wait(timeout_s):
            self._closing.emit()
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            log.warning("speech thread did not stop within %.1f s; left behind", timeout_s)
            return False
        return True

    # --- state -----------------------------------------------------------------------

    @property
    def active(self) -> bool:
        """Voice guidance is on and something can speak."""
        return self.settings.voice and self.available and self.voice_language is not None

    def status_text(self) -> str:
        return status_message(self.status, self.voice_language, self.detail)

    def _locales_now(self) -> list[QLocale]:
        if self.factory is None:
            return self.engine.availableLocales() if self.engine is not None else []
        return self._locales

    def _configure(self) -> None:
        previous = (self.status, self.voice_language, self.available)
        if self._wedged:
            self.voice_language, self.status = None, Status.NOT_RESPONDING
        elif self._engine_status is not Status.READY or \
                (self.factory is None and self.engine is None):
            self.voice_language = None
            self.status = self._engine_status
        else:
            locales = self._locales_now()
            korean = [lc for lc in locales if lc.language() == QLocale.Language.Korean]
            english = sorted((lc for lc in locales if lc.language() == QLocale.Language.English),
                             key=lambda lc: lc.territory() != QLocale.Country.UnitedStates)
            wanted = self.settings.language
            if wanted == "ko" and korean:
                chosen, self.voice_language, self.status = korean[0], "ko", Status.READY
            elif wanted == "en" and english:
                chosen, self.voice_language, self.status = english[0], "en", Status.READY
            elif wanted == "ko" and english:
                chosen, self.voice_language, self.status = english[0], "en", \
                    Status.FALLBACK_ENGLISH
            elif wanted == "en" and korean:
                chosen, self.voice_language, self.status = korean[0], "ko", \
                    Status.FALLBACK_KOREAN
            else:
                chosen, self.voice_language, self.status = None, None, Status.NO_VOICE
            if chosen is not None:
                self._call("setLocale", chosen)
            self._call("setRate", self.settings.speech_rate)
            self._call("setVolume", self.settings.speech_volume)
        self.available = self.status in SPEAKING
        if (self.status, self.voice_language, self.available) != previous:
            self.statusChanged.emit()

    def _settings_changed(self) -> None:
        self._configure()
        if self._was_on and not self.settings.voice:
            self.stop()
            self.last = None
        elif not self._was_on and self.settings.voice:
            if self.active:
                self.say(phrase(VOICE_ON))
            elif self.status is not Status.STARTING:  # else said once the engine is open
                self.silenced.emit(self.status_text())
        self._was_on = self.settings.voice

    def _engine_failed(self, _reason: object, message: str) -> None:
        self.detail = message
        self._engine_status = Status.ENGINE_ERROR
        self._configure()

    # --- speaking --------------------------------------------------------------------

    def render(self, prompt: Phrase | str) -> str:
        """The sentence in the voice's language; plain strings are spoken as given."""
        if isinstance(prompt, str):
            return prompt
        template = prompt.source
        if self.voice_language == "en":
            template = prompt.english if prompt.english is not None else \
                self.english.translate(CONTEXT, prompt.source) or prompt.source
        return template.format(**{k: self.render(v) for k, v in prompt.args.items()})

    def say(self, prompt: Phrase | str, remember: bool = True) -> str | None:
        """Speak (interrupting what is being said); returns the sentence or None if silent."""
        if not self.active:
            return None
        text = self.render(prompt)
        if self.voice_language == "en" and _has_hangul(text):
            return None  # an English voice cannot read Korean words; the status says why
        self._call("stop")
        self._call("say", text)
        if remember:
            self.last = prompt
        self.spoken.emit(text)
        return text

    def announce_screen(self, title: Phrase | str) -> str | None:
        """Every screen calls this when it is shown."""
        return self.say(phrase(SCREEN, title=title))

    def replay(self) -> str | None:
        return self.say(self.last) if self.last is not None else None

    def stop(self) -> None:
        self._call("stop")


def is_secret(widget: QWidget) -> bool:
    """PIN and plate fields and the keys of a PIN pad: never spoken."""
    if widget.property("a11y_secret"):
        return True
    return isinstance(widget, QLineEdit) and widget.echoMode() != QLineEdit.EchoMode.Normal


def describe_control(widget: QWidget) -> Phrase:
    """What a first tap (or keyboard focus) says about a control."""
    name = widget.accessibleName() or text_of(widget)
    if isinstance(widget, QLineEdit):
        if is_secret(widget):
            return phrase(SECRET_FIELD)
        return phrase(FIELD, name=widget.accessibleName() or widget.placeholderText())
    if is_secret(widget):
        return phrase(SECRET_KEY)
    return phrase(BUTTON, name=name)


ACTIVATE_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select)


class TapToHear(QObject):
    """Event filter for a screen's controls: in voice mode the first tap announces a control
    and the second tap (or Enter) activates it; keyboard focus announces too; secret fields
    say only "digit entered". Enter activates a focused button in every mode.
    """

    def __init__(self, guide: VoiceGuide, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.guide = guide
        self.armed: QWidget | None = None
        self._swallowed: QWidget | None = None
        self._lengths: dict[int, int] = {}
        guide.settings.changed.connect(self._disarm_if_silent)

    def install(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)
            if isinstance(widget, QLineEdit) and is_secret(widget):
                self._lengths[id(widget)] = len(widget.text())
                widget.textChanged.connect(
                    lambda _text, w=widget: self._secret_changed(w))

    def _disarm_if_silent(self) -> None:
        if not self.guide.active:
            self.armed = None

    def _secret_changed(self, field: QLineEdit) -> None:
        before = self._lengths.get(id(field), 0)
        after = len(field.text())
        self._lengths[id(field)] = after
        if after > before:
            self.guide.say(phrase(DIGIT_ENTERED), remember=False)
        elif after == 0 and before > 0:
            self.guide.say(phrase(ALL_CLEARED), remember=False)
        elif after < before:
            self.guide.say(phrase(DIGIT_DELETED), remember=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(watched, QWidget):
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in ACTIVATE_KEYS and isinstance(watched, QAbstractButton):
            self.armed = None
            watched.animateClick()
            return True
        if not self.guide.active:
            return False
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
            if self.armed is watched:
                self.armed = None
                return False
            self.armed = watched
            self._swallowed = watched
            self.guide.say(describe_control(watched))
            return True
        if kind == QEvent.Type.MouseButtonRelease and self._swallowed is watched:
            self._swallowed = None
            return True
        if kind == QEvent.Type.FocusIn and isinstance(event, QFocusEvent) \
                and event.reason() != Qt.FocusReason.MouseFocusReason:
            self.armed = watched
            self.guide.say(describe_control(watched))
        return False
