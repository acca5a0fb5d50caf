"""sd_notify over a real AF_UNIX datagram socket, and pings that stop when the loop does."""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.watchdog.notify import SystemdNotifier
from kiosk.watchdog.pinger import WatchdogPinger


@pytest.fixture
def manager(tmp_path: Path) -> Iterator[socket.socket]:
    """Plays systemd: a datagram socket the kiosk writes to."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(tmp_path / "notify"))
    sock.settimeout(2)
    yield sock
    sock.close()


def received(sock: socket.socket) -> list[str]:
    found = []
    sock.setblocking(False)
    try:
        while True:
            found.append(sock.recv(4096).decode())
    except BlockingIOError:
        pass
    finally:
        sock.setblocking(True)
        sock.settimeout(2)
    return found


def env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"NOTIFY_SOCKET": str(tmp_path / "notify"), **extra}


def test_messages_arrive(manager: socket.socket, tmp_path: Path) -> None:
    notifier = SystemdNotifier(env(tmp_path, WATCHDOG_USEC="20000000",
                                   WATCHDOG_PID=str(os.getpid())))
    assert notifier.enabled and notifier.ping_interval_ms() == 10_000
    assert notifier.ready("키오스크 준비됨")
    assert manager.recv(4096).decode() == "READY=1\nSTATUS=키오스크 준비됨"
    assert notifier.watchdog() and manager.recv(4096) == b"WATCHDOG=1"
    assert notifier.stopping() and manager.recv(4096) == b"STOPPING=1"


def test_abstract_socket_address() -> None:
    name = f"kiosk-test-{os.getpid()}"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind("\0" + name)
    sock.settimeout(2)
    try:
        assert SystemdNotifier({"NOTIFY_SOCKET": "@" + name}).watchdog()
        assert sock.recv(64) == b"WATCHDOG=1"
    finally:
        sock.close()


def test_outside_systemd_everything_is_a_quiet_no_op(tmp_path: Path) -> None:
    notifier = SystemdNotifier({})
    assert not notifier.enabled and notifier.ping_interval_ms() is None
    assert notifier.ready() is False
    gone = SystemdNotifier(env(tmp_path))  # socket path with nobody listening
    assert gone.watchdog() is False


def test_watchdog_meant_for_another_process_is_ignored(tmp_path: Path) -> None:
    notifier = SystemdNotifier(env(tmp_path, WATCHDOG_USEC="1000000", WATCHDOG_PID="1"))
    assert notifier.ping_interval_ms() is None
    # ... unless that process is our parent, as when cage runs the kiosk.
    child = SystemdNotifier(env(tmp_path, WATCHDOG_USEC="1000000",
                                WATCHDOG_PID=str(os.getppid())))
    assert child.ping_interval_ms() == 500


def test_pinger_pings_from_the_event_loop_and_stops_when_it_freezes(
        qtbot, manager: socket.socket, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    notifier = SystemdNotifier(env(tmp_path, WATCHDOG_USEC="100000"))  # 0.1 s → ping each 50 ms
    pinger = WatchdogPinger(notifier)
    pinger.start("ready")
    assert manager.recv(4096) == b"READY=1\nSTATUS=ready"
    qtbot.waitUntil(lambda: pinger.pings >= 3, timeout=2000)
    received(manager)
    time.sleep(0.5)  # the GUI thread is stuck: no event loop, no pings
    assert received(manager) == []
    QApplication.processEvents()  # the loop runs again: pings resume
    qtbot.waitUntil(lambda: "WATCHDOG=1" in received(manager), timeout=2000)
    pinger.stop()
    assert not pinger.active
    assert "STOPPING=1" in received(manager)


def test_unhealthy_kiosk_withholds_pings(qtbot, manager: socket.socket, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    healthy = [True]
    pinger = WatchdogPinger(SystemdNotifier(env(tmp_path)), healthy=lambda: healthy[0],
                            interval_ms=20)
    pinger.start()
    qtbot.waitUntil(lambda: pinger.pings >= 2, timeout=2000)
    healthy[0] = False
    count = pinger.pings
    qtbot.wait(150)
    assert pinger.pings == count
    pinger.stop()


def test_sigterm_ends_the_event_loop_cleanly(qtbot) -> None:  # type: ignore[no-untyped-def]
    import signal

    from PySide6.QtCore import QEventLoop, QTimer

    from kiosk.watchdog.signals import QuitOnSignals

    loop = QEventLoop()
    guard = QuitOnSignals(loop.quit)
    try:
        QTimer.singleShot(50, lambda: os.kill(os.getpid(), signal.SIGTERM))
        QTimer.singleShot(5000, lambda: loop.exit(1))  # safety net: fail, don't hang
        assert loop.exec() == 0
        assert guard.received == [signal.SIGTERM]
    finally:
        guard.close()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_nightly_restart_waits_for_the_window_uptime_and_quiet() -> None:
    from datetime import UTC, datetime, timedelta

    from kiosk.watchdog.restart import NightlyRestart, parse_window

    assert parse_window("") is None
    with pytest.raises(ValueError, match="time window"):
        parse_window("4-5")
    start, end = parse_window("04:00-05:00") or pytest.fail("window expected")
    booted = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)  # 18:00 Seoul
    restart = NightlyRestart(start, end, booted)
    night = datetime(2026, 11, 22, 19, 10, tzinfo=UTC)  # 04:10 Seoul next day
    assert restart.due(night, last_touch=None)
    assert not restart.due(night, last_touch=night - timedelta(minutes=1))  # in use
    assert restart.due(night, last_touch=night - timedelta(minutes=6))
    assert not restart.due(night + timedelta(hours=1), None)  # 05:10: window over
    fresh = NightlyRestart(start, end, night - timedelta(minutes=5))
    assert not fresh.due(night, None)  # just restarted: not again tonight
    across = NightlyRestart(*(parse_window("23:30-00:30") or pytest.fail()), booted)
    assert across.in_window(datetime(2026, 11, 22, 15, 15, tzinfo=UTC))  # 00:15 Seoul
    assert not across.in_window(datetime(2026, 11, 22, 15, 45, tzinfo=UTC))  # 00:45
