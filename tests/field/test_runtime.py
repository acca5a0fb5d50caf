"""The whole field sequence around a stand-in window: prepare → start → stop."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.backup.files import list_backups
from kiosk.config import Settings
from kiosk.field.runtime import FieldRuntime, prepare
from kiosk.storage import migrate
from kiosk.storage.engine import create_db_engine
from kiosk.storage.heartbeats import SqlHeartbeatStore
from kiosk.watchdog.notify import SystemdNotifier


def test_start_and_stop(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kiosk.db'}", kiosk_id="lobby-7")
    engine = create_db_engine(settings.effective_database_url)
    migrate.upgrade(engine)
    manager = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    manager.bind(str(tmp_path / "notify"))
    manager.settimeout(5)
    (tmp_path / "kiosk.running").write_text('{"pid": 999999999, "started_at": "x"}')

    prepared = prepare(settings, console_log=False)
    assert prepared.integrity.ok and prepared.previous_run is not None
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    app = QApplication.instance()
    runtime = FieldRuntime.start(prepared, settings, engine, app, window,
                                 notifier=SystemdNotifier({"NOTIFY_SOCKET":
                                                           str(tmp_path / "notify")}))
    try:
        assert manager.recv(4096) == b"READY=1\nSTATUS=kiosk lobby-7 ready"
        runtime.wait_idle()
        beat = SqlHeartbeatStore(engine).get("lobby-7")
        assert beat is not None and beat.last_touch is None
        assert len(list_backups(settings.effective_backup_dir, "lobby-7")) == 1
        assert not window.close() and window.isVisible()  # locked down
        qtbot.mouseClick(window, Qt.MouseButton.LeftButton)
        assert runtime.heartbeat.last_touch is not None
    finally:
        runtime.stop()
    assert manager.recv(4096) == b"STOPPING=1"
    manager.close()
    assert not (tmp_path / "kiosk.running").exists()
    beat = SqlHeartbeatStore(engine).get("lobby-7")
    assert beat is not None and beat.last_touch is not None
    engine.dispose()
    entries = [json.loads(line) for line in
               (tmp_path / "logs" / "kiosk.log").read_text(encoding="utf-8").splitlines()]
    events = [e.get("event") for e in entries]
    assert events[0] == "unclean_shutdown" and "start" in events and events[-1] == "stop"
    assert window.close()  # lockdown removed


def test_first_round_can_wait_for_the_first_paint(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kiosk.db'}", kiosk_id="lobby-8")
    engine = create_db_engine(settings.effective_database_url)
    migrate.upgrade(engine)
    prepared = prepare(settings, console_log=False)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    runtime = FieldRuntime.start(prepared, settings, engine, QApplication.instance(), window,
                                 lock=False, notifier=SystemdNotifier({}),
                                 first_round_now=False)
    try:
        runtime.wait_idle()
        assert SqlHeartbeatStore(engine).get("lobby-8") is None  # nothing before the paint
        assert list_backups(settings.effective_backup_dir, "lobby-8") == []
        runtime.first_round()
        runtime.first_round()  # once only
        runtime.wait_idle()
        assert SqlHeartbeatStore(engine).get("lobby-8") is not None
        assert len(list_backups(settings.effective_backup_dir, "lobby-8")) == 1
    finally:
        runtime.stop()
        engine.dispose()


def test_memory_goes_back_to_the_system_when_a_session_ends(  # type: ignore[no-untyped-def]
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import Signal

    from kiosk.field.memory import FreeMemoryRelease

    class Window(QWidget):
        sessionEnded = Signal()

    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path))
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'kiosk.db'}", kiosk_id="lobby-9")
    engine = create_db_engine(settings.effective_database_url)
    migrate.upgrade(engine)
    prepared = prepare(settings, console_log=False)
    window = Window()
    qtbot.addWidget(window)
    runtime = FieldRuntime.start(prepared, settings, engine, QApplication.instance(), window,
                                 lock=False, notifier=SystemdNotifier({}))
    try:
        assert runtime.release_memory.available  # glibc, as on every supported system
        runtime.wait_idle()
        assert runtime.release_memory.released == 0
        blocks = [bytearray(64 * 1024) for _ in range(2000)]  # 128 MB, then freed
        del blocks
        window.sessionEnded.emit()
        runtime.wait_idle()
        assert runtime.release_memory.released == 1
    finally:
        runtime.stop()
        engine.dispose()
    assert isinstance(FreeMemoryRelease()(), bool)


def test_a_kiosk_restarts_once_a_night_unless_told_not_to(tmp_path: Path) -> None:
    from kiosk.config import load_settings

    assert Settings().nightly_restart == "04:00-05:00"
    never = tmp_path / "kiosk.toml"
    never.write_text('[health]\nnightly_restart = ""\n', encoding="utf-8")
    assert load_settings(never, environ={}).nightly_restart == ""
