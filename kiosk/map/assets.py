"""Where the page's static files live: our assets/map folder, the XStatic packages and
the npm packages fetched at set-up.

Third-party browser libraries are never copied into the repository. Those with a Python
wheel (Leaflet, MarkerCluster, jQuery) are read from the installed XStatic wheels; the
vector-tile libraries (pmtiles, protomaps-leaflet and its basemap flavours) have none and
are fetched from npm at pinned versions by scripts/setup.sh into vendor/npm/.
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
NPM_ENV = "KIOSK_NPM_DIR"


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


@dataclass(frozen=True)
class NpmPackage:
    """One npm package whose browser bundle the page loads from /npm/<name>/<file>."""

    name: str
    version: str
    file: str
    global_name: str  # what the bundle defines on window


# The same pins as NPM_PACKAGES in scripts/setup.sh (tests/map check they agree).
NPM_PACKAGES: tuple[NpmPackage, ...] = (
    NpmPackage("pmtiles", "4.5.0", "dist/pmtiles.js", "pmtiles"),
    NpmPackage("@protomaps/basemaps", "5.7.2", "dist/basemaps.js", "basemaps"),
    NpmPackage("protomaps-leaflet", "5.1.0", "dist/protomaps-leaflet.js", "protomapsL"),
)
NPM_HINT = "run scripts/setup.sh (it fetches them from npm into vendor/npm/)"


def npm_dir() -> Path:
    """The folder holding node_modules/ (overridable via KIOSK_NPM_DIR; inside a bundle,
    vendor/npm next to the assets)."""
    override = os.environ.get(NPM_ENV)
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "vendor" / "npm"
    return Path(__file__).resolve().parents[2] / "vendor" / "npm"


def npm_file(pkg: NpmPackage) -> Path:
    return npm_dir() / "node_modules" / pkg.name / pkg.file


def npm_problems() -> list[str]:
    """What is missing or at the wrong version among the page's npm libraries."""
    import json

    problems: list[str] = []
    for pkg in NPM_PACKAGES:
        if not npm_file(pkg).is_file():
            problems.append(f"{pkg.name} {pkg.version} is missing ({npm_file(pkg)})")
            continue
        try:
            meta = json.loads((npm_file(pkg).parents[1] / "package.json").read_text("utf-8"))
        except (OSError, ValueError):
            meta = {}
        if meta.get("version") != pkg.version:
            problems.append(f"{pkg.name} is {meta.get('version', '?')}, the map needs "
                            f"{pkg.version}")
    return problems


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
    if path.startswith("npm/"):
        # Only the bundles the page loads, never anything else from node_modules.
        for pkg in NPM_PACKAGES:
            if path == f"npm/{pkg.name}/{pkg.file}":
                found = npm_file(pkg)
                return found if found.is_file() else None
    return None
