"""Where the page's static files live: our assets/map folder and the XStatic packages.

Third-party browser libraries are never copied into the repository; they are read from
the installed XStatic wheels at run time, so upgrading a wheel upgrades the page.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath

MIME_TYPES: dict[str, str] = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".map": "application/json",
}

ASSETS_ENV = "KIOSK_ASSETS_DIR"


@cache
def assets_root() -> Path:
    """The project's assets folder (overridable for frozen builds via KIOSK_ASSETS_DIR)."""
    override = os.environ.get(ASSETS_ENV)
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "assets"
    return Path(__file__).resolve().parents[2] / "assets"


def map_assets_dir() -> Path:
    """Our own page script, style sheet and SVG icons."""
    return assets_root() / "map"


@dataclass(frozen=True)
class VendorPackage:
    """One XStatic package mounted under /vendor/<mount>/ on the page."""

    mount: str
    module: str
    js: tuple[str, ...]
    css: tuple[str, ...]


VENDOR_PACKAGES: tuple[VendorPackage, ...] = (
    VendorPackage("leaflet", "xstatic.pkg.leaflet", ("leaflet.js",), ("leaflet.css",)),
    VendorPackage("jquery", "xstatic.pkg.jquery", ("jquery.min.js",), ()),
    VendorPackage(
        "markercluster",
        "xstatic.pkg.leaflet_markercluster",
        ("leaflet.markercluster.js",),
        ("MarkerCluster.css", "MarkerCluster.Default.css"),
    ),
)


@cache
def vendor_dirs() -> dict[str, Path]:
    """Mount name -> the XStatic package's BASE_DIR."""
    import importlib

    dirs: dict[str, Path] = {}
    for pkg in VENDOR_PACKAGES:
        module = importlib.import_module(pkg.module)
        dirs[pkg.mount] = Path(module.BASE_DIR)
    return dirs


def mime_type(path: str) -> str:
    return MIME_TYPES.get(PurePosixPath(path).suffix.lower(), "application/octet-stream")


def safe_join(base: Path, relative: str) -> Path | None:
    """Join a URL path below ``base``; None for anything that would escape it."""
    parts = PurePosixPath(relative).parts
    if not parts or any(p in ("..", "") or p.startswith(("/", "\\")) for p in parts):
        return None
    candidate = (base / Path(*parts)).resolve()
    try:
        candidate.relative_to(base.resolve())
    except ValueError:
        return None
    return candidate if candidate.is_file() else None


def static_file(url_path: str) -> Path | None:
    """Map a page URL path (``vendor/leaflet/leaflet.js``, ``map/kiosk_map.js``) to a file."""
    path = url_path.lstrip("/")
    if path.startswith("vendor/"):
        mount, _, rest = path[len("vendor/") :].partition("/")
        base = vendor_dirs().get(mount)
        return safe_join(base, rest) if base is not None and rest else None
    if path.startswith("map/"):
        return safe_join(map_assets_dir(), path[len("map/") :])
    return None
