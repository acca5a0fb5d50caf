"""Everything a kiosk in a lobby needs around its window, in two calls.

``prepare(settings)`` runs before the services are built: logs, the run marker (was the
last shutdown clean?) and the database integrity check. ``FieldRuntime.start(...)`` runs
once the window is up: lockdown, heartbeat and backup timers (their work runs on one
worker thread, never on the GUI thread), SIGTERM handling and READY=1 plus watchdog
pings to systemd. ``stop()`` undoes it all and records a clean shutdown.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import Engine

from kiosk import __version__
from kiosk.backup.backups import clean_partials
from kiosk.backup.schedule import BackupSchedule
from kiosk.config import Settings, data_dir
from kiosk.domain.clock import utc_now
from kiosk.field.gate import build_installer_gate
from kiosk.field.memory import FreeMemoryRelease
from kiosk.health.heartbeat import build_heartbeat
from kiosk.health.startup import (
    IntegrityReport,
    PreviousRun,
    RunMarker,
    check_integrity,
    sqlite_path,
)
from kiosk.logs.setup import LogSetup, configure_logging
from kiosk.services.heartbeat import HeartbeatService
from kiosk.storage.private import secure_tree
from kiosk.ui.lockdown import AdminGate, KioskLockdown
from kiosk.ui.widget_tree import WidgetTreeFilter
from kiosk.watchdog.notify import SystemdNotifier
from kiosk.watchdog.pinger import WatchdogPinger
from kiosk.watchdog.restart import NightlyRestart, parse_window
from kiosk.watchdog.signals import QuitOnSignals

log = logging.getLogger(__name__)

BACKUP_CHECK_MS = 5 * 60_000
BUSY_FOR = timedelta(minutes=2)


@dataclass
class Prepared:
    """What start-up found before anything was opened."""

    marker: RunMarker
    previous_run: PreviousRun | None
    integrity: IntegrityReport
    logs: LogSetup | None


def prepare(settings: Settings, console_log: bool = True) -> Prepared:
    """Logs, run marker, integrity check. If ``integrity.ok`` is False, do not open the
    booking screens: show ``integrity.advice()`` (it names the last backup) instead."""
    logs: LogSetup | None
    # Everything this process makes (log files after a rotation, SQLite's side files, the
    # run marker) is the owner's alone, whatever umask the session started with.
    os.umask(0o077)
    try:
        logs = configure_logging(settings.log_dir, settings.kiosk_id, settings.log_max_bytes,
                                 settings.log_keep_files, console=console_log)
    except OSError as exc:
        logs = None
        logging.getLogger(__name__).error("no log file (%s): logging to the console only", exc)
    database = sqlite_path(settings.effective_database_url)
    secure_tree([data_dir(), settings.effective_backup_dir, settings.log_dir], database)
    clean_partials(settings.effective_backup_dir)
    marker = RunMarker(data_dir())
    previous = marker.begin(__version__)
    integrity = check_integrity(settings.effective_database_url, settings.effective_backup_dir)
    log.info("kiosk starting", extra={"event": "start", "version": __version__,
                                      "unclean_before": previous is not None,
                                      "integrity_ok": integrity.ok})
    return Prepared(marker, previous, integrity, logs)


class TouchTracker(WidgetTreeFilter):
    """Notes every press anywhere in the window as the heartbeat's "last touch"."""

    def __init__(self, heartbeat: HeartbeatService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.heartbeat = heartbeat

    def on_event(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.heartbeat.touched()
        return False


@dataclass
class FieldRuntime:
    """The running pieces; build with ``start`` and end with ``stop``."""

    prepared: Prepared
    heartbeat: HeartbeatService
    backups: BackupSchedule
    pinger: WatchdogPinger
    signals: QuitOnSignals
    tracker: TouchTracker
    lockdown: KioskLockdown | None
    window: QWidget
    timers: list[QTimer] = field(default_factory=list)
    worker: ThreadPoolExecutor = field(
        default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="kiosk-field"))
    pending: dict[str, Future[object]] = field(default_factory=dict)
    is_busy: Callable[[], bool] = lambda: False
    first_round_done: bool = False
    release_memory: FreeMemoryRelease = field(default_factory=FreeMemoryRelease)

    @classmethod
    def start(cls, prepared: Prepared, settings: Settings, engine: Engine, app: QApplication,
              window: QWidget, lock: bool = True, sync_state: Callable[[], str] = lambda: "",
              busy: Callable[[], bool] | None = None,
              notifier: SystemdNotifier | None = None,
              first_round_now: bool = True,
              status: Callable[[], str] = lambda: "") -> FieldRuntime:
        """Call after the window is shown; sends READY=1 to systemd. Without
        ``first_round_now`` the first heartbeat and backup check wait for
        ``first_round()`` (the kiosk calls it once its first frame is painted). ``status``
        is the heartbeat's short health note (e.g. whether voice guidance can speak)."""
        heartbeat = build_heartbeat(settings, engine, sync_state, status)
        tracker = TouchTracker(heartbeat, app)
        tracker.watch(window)
        lockdown: KioskLockdown | None = None
        if lock:

            gate = AdminGate(settings.admin_pin_hash, settings.admin_pin_max_attempts,
                             settings.admin_lock_minutes,
                             stored=build_installer_gate(settings, engine))
            kiosk_lock = KioskLockdown(window, gate, settings.exit_gesture_taps,
                                       settings.exit_gesture_window_s)
            kiosk_lock.install()
            lockdown = kiosk_lock
        # The lock lets the program's own quit through (SIGTERM, nightly restart).
        quit_app = lockdown.quit_application if lockdown is not None else app.quit
        runtime = cls(prepared, heartbeat, BackupSchedule.from_settings(settings),
                      WatchdogPinger(notifier or SystemdNotifier(), app),
                      QuitOnSignals(quit_app, parent=app), tracker, lockdown, window)
        is_busy = busy or runtime._recently_touched
        runtime._every(settings.heartbeat_interval_s * 1000, "heartbeat", heartbeat.beat, app)
        runtime._every(BACKUP_CHECK_MS, "backup",
                       lambda: runtime.backups.run_if_due(utc_now(), is_busy()), app)
        window_times = parse_window(settings.nightly_restart)
        if window_times is not None and runtime.pinger.notifier.enabled:
            # Only under systemd, which starts the kiosk again after the clean exit.
            restart = NightlyRestart(*window_times, started_at=heartbeat.started_at)
            timer = QTimer(app)
            timer.setObjectName("field-nightly-restart")

            def maybe_restart() -> None:
                if restart.due(utc_now(), heartbeat.last_touch):
                    log.info("nightly restart", extra={"event": "nightly_restart"})
                    quit_app()

            timer.timeout.connect(maybe_restart)
            timer.start(60_000)
            runtime.timers.append(timer)
        runtime.is_busy = is_busy
        # Between residents, free C heap goes back to the system (off the GUI thread).
        session_ended = getattr(window, "sessionEnded", None)
        if runtime.release_memory.available and session_ended is not None:
            session_ended.connect(lambda: runtime._submit("memory", runtime.release_memory))
        if first_round_now:
            runtime.first_round()
        runtime.pinger.start(f"kiosk {settings.kiosk_id} ready")
        return runtime

    def first_round(self) -> None:
        """The first heartbeat and backup check, on the worker (then on their timers)."""
        if self.first_round_done:
            return
        self.first_round_done = True
        log.info("kiosk ready", extra={"event": "ready"})
        self._submit("heartbeat", self.heartbeat.beat)
        self._submit("backup", lambda: self.backups.run_if_due(utc_now(), self.is_busy()))

    def _recently_touched(self) -> bool:
        touched = self.heartbeat.last_touch
        return touched is not None and utc_now() - touched < BUSY_FOR

    def _every(self, interval_ms: int, name: str, work: Callable[[], object],
               parent: QObject) -> None:
        timer = QTimer(parent)
        timer.setObjectName(f"field-{name}")
        timer.timeout.connect(lambda: self._submit(name, work))
        timer.start(interval_ms)
        self.timers.append(timer)

    def _submit(self, name: str, work: Callable[[], object]) -> None:
        """Run on the worker thread, skipping a round while the previous one still runs."""
        running = self.pending.get(name)
        if running is not None and not running.done():
            return

        def guarded() -> object:
            try:
                return work()
            except Exception:  # logged, never fatal: the next round tries again
                log.exception("%s failed", name)
                return None

        self.pending[name] = self.worker.submit(guarded)

    def wait_idle(self, timeout: float = 30) -> None:
        """Wait for the worker's current jobs (tests and shutdown)."""
        for future in list(self.pending.values()):
            future.result(timeout=timeout)

    def stop(self) -> None:
        """STOPPING=1, timers off, last heartbeat, clean-shutdown marker, logs closed."""
        self.pinger.stop()
        for timer in self.timers:
            timer.stop()
        self.wait_idle()
        try:
            self.heartbeat.beat()
        except Exception:
            log.exception("last heartbeat failed")
        self.worker.shutdown(wait=True)
        self.tracker.unwatch(self.window)
        if self.lockdown is not None:
            self.lockdown.uninstall()
        self.signals.close()
        log.info("kiosk stopped cleanly", extra={"event": "stop"})
        self.prepared.marker.end()
        if self.prepared.logs is not None:
            self.prepared.logs.close()
