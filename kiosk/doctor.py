"""``kiosk doctor``: what is wrong with this installation, and what to do about it."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from kiosk.config import Settings
from kiosk.domain.clock import utc_now

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def run_checks(settings: Settings, render: bool = False) -> list[Check]:
    """Every check; ``render`` also draws the map page in a hidden browser (a few seconds)."""
    modes = file_modes(settings)  # before opening the database, which makes it private
    return [
        _config(settings),
        *_database(settings),
        pin_key_check(settings),
        _integrity(settings),
        _backups(settings),
        _heartbeat(settings),
        _disk(),
        _logs(settings),
        modes,
        _assets(),
        desk_translation(),
        _fonts(),
        _display(),
        *([_render(settings)] if render else []),
    ]


def _render(settings: Settings, timeout_s: float = 45) -> Check:
    """Load the real map page in QtWebEngine: proves the engine, its helper process, the
    kiosk:// scheme and the map libraries work on this machine (or in this bundle)."""
    import time

    if not (os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        from PySide6.QtWidgets import QApplication

        from kiosk.map.scheme import register_url_scheme

        if QApplication.instance() is None:
            register_url_scheme()
        else:
            from PySide6.QtWebEngineCore import QWebEngineUrlScheme

            if not QWebEngineUrlScheme.schemeByName(b"kiosk").name():
                return Check("map render", False, "the kiosk:// scheme was not registered "
                             "before Qt started", "run `kiosk doctor --render` on its own")
        app = QApplication.instance() or QApplication(["kiosk-doctor"])
        from kiosk.map.view import MapView

        began = time.perf_counter()
        view = MapView((settings.kiosk_lat, settings.kiosk_lon), settings.kiosk_label,
                       tile_packs=settings.tile_packs, include_dongs=False)
        view.resize(1280, 800)
        view.show()
        while not view.is_ready and time.perf_counter() - began < timeout_s:
            app.processEvents()
            time.sleep(0.02)
        ready, took = view.is_ready, time.perf_counter() - began
        errors, blocked = list(view.console_errors), list(view.blocked_requests)
        view.close()
        view.deleteLater()
        from PySide6.QtCore import QEvent

        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # page before its profile
        app.processEvents()
    except Exception as exc:  # doctor reports every failure
        return Check("map render", False, f"{type(exc).__name__}: {exc}",
                     "reinstall the kiosk; on a bare machine run as root add "
                     "QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox")
    if not ready:
        return Check("map render", False, f"the map page did not become ready in {timeout_s:.0f} s"
                     + (f"; page errors: {errors[:2]}" if errors else ""),
                     "run `kiosk doctor --render` from a terminal and read the messages above")
    detail = f"map page ready in {took:.1f} s"
    if blocked:
        return Check("map render", False, f"{detail}, but it asked the internet for "
                     f"{len(blocked)} file(s): {blocked[:2]}", "report this: the page must "
                     "work offline")
    return Check("map render", True, detail + (f"; page messages: {errors[:1]}" if errors else ""))


LOW_DISK_BYTES = 500_000_000
BACKUP_MAX_AGE = timedelta(hours=36)


def _ago(moment: datetime) -> str:
    seconds = max(0, int((utc_now() - moment).total_seconds()))
    if seconds < 120:
        return f"{seconds} s ago"
    if seconds < 7200:
        return f"{seconds // 60} min ago"
    if seconds < 172800:
        return f"{seconds // 3600} h ago"
    return f"{seconds // 86400} days ago"


def _integrity(settings: Settings) -> Check:
    from kiosk.health.startup import check_integrity

    try:
        report = check_integrity(settings.effective_database_url, settings.effective_backup_dir)
    except Exception as exc:  # doctor reports every failure
        return Check("integrity", False, f"could not check: {exc}")
    if report.ok:
        return Check("integrity", True, report.detail)
    return Check("integrity", False, report.detail, report.advice())


def _backups(settings: Settings) -> Check:
    from kiosk.backup.files import list_backups

    directory = settings.effective_backup_dir
    backups = list_backups(directory, settings.kiosk_id)
    if not backups:
        return Check("backups", False, f"no backup of kiosk {settings.kiosk_id} in {directory}",
                     "run `kiosk backup` now; the running kiosk takes one every day at "
                     f"{settings.backup_time}" + ("" if settings.backup_enabled else
                                                  " once [backup] enabled = true"))
    latest = backups[0]
    detail = (f"last {latest.path.name} ({_ago(latest.taken_at)}), {len(backups)} kept in "
              f"{directory}")
    if utc_now() - latest.taken_at > BACKUP_MAX_AGE:
        return Check("backups", False, detail,
                     "the daily backup is not happening: check the log for 'backup_failed', "
                     "free disk space, or run `kiosk backup`")
    return Check("backups", True, detail)


def _heartbeat(settings: Settings) -> Check:
    from kiosk.config import data_dir
    from kiosk.health.startup import RunMarker
    from kiosk.storage.engine import create_db_engine
    from kiosk.storage.heartbeats import SqlHeartbeatStore

    marker = RunMarker(data_dir())
    running = marker.held_by_other_process()
    previous = marker.read()
    try:
        engine = create_db_engine(settings.effective_database_url, settings.busy_timeout_ms)
        try:
            beats = SqlHeartbeatStore(engine).list()
        finally:
            engine.dispose()
    except Exception as exc:  # e.g. migrations not applied yet
        return Check("heartbeat", False, f"cannot read heartbeats: {str(exc).splitlines()[0]}",
                     "run `kiosk db upgrade`")
    now = utc_now()
    limit = timedelta(seconds=3 * settings.heartbeat_interval_s)
    others = [b for b in beats if b.kiosk_id != settings.kiosk_id and now - b.last_seen > limit]
    silent = f"; silent: {', '.join(b.kiosk_id for b in others)}" if others else ""
    mine = next((b for b in beats if b.kiosk_id == settings.kiosk_id), None)
    if mine is None:
        return Check("heartbeat", running is None,
                     f"no heartbeat from {settings.kiosk_id} yet{silent}",
                     "the kiosk is running but not writing heartbeats: see its log")
    state = (f"kiosk {settings.kiosk_id} {mine.version}: last seen {_ago(mine.last_seen)}, "
             f"up {mine.uptime_s // 3600} h, sync {mine.sync_state or '-'}{silent}")
    if running is not None and now - mine.last_seen > limit:
        return Check("heartbeat", False, state + f" (process {running} running)",
                     "the kiosk seems frozen; systemd's watchdog should restart it: "
                     "journalctl --user -u sharing-village-kiosk")
    if running is None and previous is not None:
        state += "; the last run did not shut down cleanly (crash or power loss)"
    return Check("heartbeat", True, state)


def _disk() -> Check:
    from kiosk.config import data_dir
    from kiosk.health.probe import free_disk_bytes

    free = free_disk_bytes(data_dir())
    if free is None:
        return Check("disk", False, f"cannot measure free space at {data_dir()}")
    detail = f"{free / 1e9:.1f} GB free at {data_dir()}"
    if free < LOW_DISK_BYTES:
        return Check("disk", False, detail, "free space: remove old backups or logs; the "
                     "kiosk needs room for its database, backups and logs")
    return Check("disk", True, detail)


def _logs(settings: Settings) -> Check:
    directory = settings.log_dir
    if not directory.exists():
        return Check("logs", True, f"{directory} (created when the kiosk starts)")
    if not os.access(directory, os.W_OK):
        return Check("logs", False, f"{directory} is not writable",
                     f"chown the folder to the kiosk user: chown -R kiosk {directory}")
    files = [p for p in directory.iterdir() if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    return Check("logs", True, f"{len(files)} file(s), {size / 1e6:.1f} MB in {directory}")


def file_modes(settings: Settings) -> Check:
    """The data folder, database, backups and logs must be the kiosk user's alone: a
    readable database or backup gives away every household's PIN hash."""
    from kiosk.config import data_dir
    from kiosk.health.startup import sqlite_path
    from kiosk.storage.private import mode_problems

    folders = [data_dir(), settings.effective_backup_dir, settings.log_dir]
    problems = mode_problems(folders, sqlite_path(settings.effective_database_url))
    if not problems:
        return Check("file modes", True, "data, database, backups and logs are private "
                                         "(folders 0700, files 0600)")
    shown = "; ".join(str(p) for p in problems[:3])
    more = f" and {len(problems) - 3} more" if len(problems) > 3 else ""
    paths = " ".join(sorted({str(p.path) for p in problems if p.wanted == 0o700}))
    return Check("file modes", False, f"readable by other users: {shown}{more}",
                 "start the kiosk once (it fixes its own files), or run "
                 f"chmod 0700 {paths or '<folder>'} and chmod 0600 on the files")


def pin_key_check(settings: Settings) -> Check:
    """The secret PIN key file is there, private, and the one the database's PIN hashes
    were sealed with (compared by key id; the key itself is never in the database)."""
    from kiosk.domain.credentials import key_fingerprint
    from kiosk.storage.engine import create_db_engine
    from kiosk.storage.pin_key import (
        PinKeyFileError,
        is_private,
        missing_key_problem,
        read_key,
        stored_key_id,
        wrong_key_problem,
    )

    path = settings.effective_pin_key_path
    try:
        engine = create_db_engine(settings.effective_database_url, settings.busy_timeout_ms)
        try:
            recorded = stored_key_id(engine)
        finally:
            engine.dispose()
    except Exception as exc:  # doctor reports every failure
        return Check("pin key", False, f"cannot read the key id from the database: "
                     f"{str(exc).splitlines()[0]}", "run `kiosk db upgrade`")
    try:
        key = read_key(path)
    except PinKeyFileError as exc:
        return Check("pin key", False, str(exc), f"restore {path} from the backup of the "
                     "config folder, or copy it from another kiosk of this village")
    if key is None:
        if recorded is None:
            return Check("pin key", True, f"{path} not created yet (the kiosk creates it on "
                                          "its first start)")
        return Check("pin key", False, missing_key_problem(path, recorded),
                     f"restore {path} (mode 0600); until then the kiosk refuses every PIN")
    if recorded is not None and key_fingerprint(key) != recorded:
        return Check("pin key", False, wrong_key_problem(path, key_fingerprint(key), recorded),
                     f"restore the right {path}; until then the kiosk refuses every PIN")
    if not is_private(path):
        return Check("pin key", False, f"{path} can be read by other users",
                     f"chmod 0600 {path} (the kiosk also fixes it on start)")
    detail = f"{path} (key {key_fingerprint(key)})"
    if recorded is None:
        return Check("pin key", True, detail + "; the database records it on the next start")
    return Check("pin key", True, detail + " matches the database; keep a copy apart from "
                                           "the database backups")


def _config(settings: Settings) -> Check:
    where = settings.config_path or "built-in defaults"
    return Check("config", True, f"{where}; kiosk {settings.kiosk_id} at "
                                 f"{settings.kiosk_lat:.5f},{settings.kiosk_lon:.5f}")


def _database(settings: Settings) -> list[Check]:
    from sqlalchemy import text

    from kiosk.storage import migrate
    from kiosk.storage.engine import create_db_engine

    url = settings.effective_database_url
    try:
        engine = create_db_engine(url, settings.busy_timeout_ms)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # doctor reports every failure
        return [Check("database", False, f"cannot open {url.split('@')[-1]}: {exc}",
                      "check [database] url in the config, or that PostgreSQL is running")]
    try:
        current, head = migrate.current_revision(engine), migrate.head_revision()
    finally:
        engine.dispose()
    checks = [Check("database", True, f"reachable ({engine.dialect.name})")]
    if current == head:
        checks.append(Check("migrations", True, f"at revision {current}"))
    else:
        checks.append(Check("migrations", False, f"at {current or 'empty'}, code expects {head}",
                            "run `kiosk db upgrade` (the kiosk also upgrades on start)"))
    return checks


def _assets() -> Check:
    needed = [ROOT / "assets" / "translations" / "kiosk_en.qm",
              ROOT / "assets" / "styles" / "kiosk.qss"]
    missing = [str(p.relative_to(ROOT)) for p in needed if not p.exists()]
    try:
        import xstatic.pkg.leaflet
        import xstatic.pkg.leaflet_markercluster  # noqa: F401
    except ImportError:
        missing.append("XStatic-Leaflet / XStatic-Leaflet-MarkerCluster packages")
    if missing:
        return Check("assets", False, "missing: " + ", ".join(missing),
                     "reinstall the kiosk (bash scripts/setup.sh)")
    return Check("assets", True, "translations, style sheet and map libraries present")


def desk_translation(folder: Path = ROOT / "assets" / "translations") -> Check:
    """The desk's English ``admin_en.qm`` exists and says what ``admin_en.ts`` says.

    A stale .qm shows Korean (or old wording) in English mode without any error, so
    every message of the .ts is looked up in the compiled file.
    """
    import xml.etree.ElementTree as ET

    from PySide6.QtCore import QTranslator

    compiled, source = folder / "admin_en.qm", folder / "admin_en.ts"
    fix = "rebuild it: pyside6-lrelease assets/translations/admin_en.ts (or reinstall)"
    translator = QTranslator()
    if not compiled.exists() or not translator.load(str(compiled)):
        return Check("desk translation", False, f"missing or unreadable: {compiled.name}", fix)
    if not source.exists():
        return Check("desk translation", True, f"{compiled.name} present (no .ts to compare)")
    try:
        messages = [(m.findtext("source") or "", m.findtext("translation") or "")
                    for m in ET.parse(source).getroot().iter("message")]
    except ET.ParseError as exc:
        return Check("desk translation", False, f"{source.name} is not readable: {exc}", fix)
    stale = [text for text, english in messages
             if english and translator.translate("admin", text) != english]
    if stale:
        return Check("desk translation", False,
                     f"{compiled.name} is older than {source.name}: {len(stale)} of "
                     f"{len(messages)} messages differ (first: {stale[0]!r})", fix)
    return Check("desk translation", True,
                 f"{compiled.name} matches {source.name} ({len(messages)} messages)")


def _fonts() -> Check:
    if shutil.which("fc-list") is None:
        return Check("fonts", False, "fontconfig not found", "apt-get install fontconfig")
    result = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True,
                            check=False)
    families = {line.split(",")[0] for line in result.stdout.splitlines() if line}
    if not families:
        return Check("fonts", False, "no Korean font installed",
                     "apt-get install fonts-noto-cjk")
    preferred = sorted(f for f in families if "Noto" in f) or sorted(families)
    return Check("fonts", True, f"Korean fonts: {', '.join(preferred[:2])}")


def _display() -> Check:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform == "offscreen":
        return Check("display", True, "offscreen (tests or headless run)")
    if os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY"):
        return Check("display", True,
                     f"display {os.environ.get('WAYLAND_DISPLAY') or os.environ.get('DISPLAY')}")
    return Check("display", False, "no DISPLAY or WAYLAND_DISPLAY set",
                 "start the kiosk from the kiosk user's graphical session (or use Xvfb)")
