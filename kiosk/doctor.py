"""``kiosk doctor``: what is wrong with this installation, and what to do about it."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from kiosk.config import Settings

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def run_checks(settings: Settings) -> list[Check]:
    return [
        _config(settings),
        *_database(settings),
        _assets(),
        _fonts(),
        _display(),
    ]


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
