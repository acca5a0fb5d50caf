"""`kiosk tiles ...` and `kiosk map export` subcommands.

The `kiosk` command wires these in with ``register(subparsers)``; every handler is
stored as both ``func`` and ``handler`` on the parsed arguments and returns an exit code
(0 ok, 1 failed, 2 bad input). When the caller has put its settings on the arguments
(``args.settings``: kiosk position, label, language, tile packs), they are the defaults.
No Qt is imported here: these run on machines without a display.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from kiosk.map.listing import MapListing, listing_from_dict
from kiosk.map.tiles import TilePackError, installed_packs, pack_info

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_BAD_INPUT = 2

TILES_DIR_ENV = "KIOSK_TILES_DIR"
ExportData = tuple[tuple[float, float], str, list[MapListing]]
ExportSource = Callable[[], ExportData]
# Given the caller's settings (args.settings): what the kiosk itself shows, e.g. the
# listings hub sync stored in its database.
SettingsExportSource = Callable[[object], ExportData]


def default_tiles_dir() -> Path:
    """Where imported packs live: $KIOSK_TILES_DIR, else tiles/ in the kiosk's data folder."""
    override = os.environ.get(TILES_DIR_ENV)
    if override:
        return Path(override)
    try:
        from kiosk.config import data_dir
    except ImportError:
        from platformdirs import user_data_dir

        return Path(user_data_dir("sharing-village-kiosk")) / "tiles"
    return data_dir() / "tiles"


def configured_packs(settings: object | None, tiles_dir: Path) -> list[Path]:
    """Packs listed in the settings first (most detailed first), then installed ones."""
    listed = [Path(p) for p in getattr(settings, "tile_packs", ()) or ()]
    return listed + [p for p in installed_packs(tiles_dir) if p not in listed]


def parse_center(text: str) -> tuple[float, float]:
    try:
        lat_text, lon_text = text.split(",")
        lat, lon = float(lat_text), float(lon_text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected LAT,LON, got {text!r}") from exc
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"coordinates out of range: {text!r}")
    return lat, lon


def parse_zoom_range(text: str) -> range:
    try:
        low_text, _, high_text = text.partition("-")
        low = int(low_text)
        high = int(high_text) if high_text else low
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"expected A-B, got {text!r}") from exc
    if not 0 <= low <= high <= 22:
        raise argparse.ArgumentTypeError(f"zoom range must be within 0-22: {text!r}")
    return range(low, high + 1)


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be positive: {text!r}")
    return value


class _Cli:
    def __init__(
        self,
        tiles_dir: Path | Callable[[], Path] | None,
        export_source: ExportSource | None,
        out: TextIO | None,
        err: TextIO | None,
        settings_export_source: SettingsExportSource | None = None,
    ) -> None:
        self._tiles_dir = tiles_dir
        self._export_source = export_source
        self._settings_export_source = settings_export_source
        self._out = out
        self._err = err

    @property
    def out(self) -> TextIO:
        return self._out or sys.stdout

    @property
    def err(self) -> TextIO:
        return self._err or sys.stderr

    def tiles_dir(self, args: argparse.Namespace) -> Path:
        if getattr(args, "tiles_dir", None):
            return Path(args.tiles_dir)
        if callable(self._tiles_dir):
            return self._tiles_dir()
        return self._tiles_dir if self._tiles_dir is not None else default_tiles_dir()

    def fail(self, message: str, code: int = EXIT_BAD_INPUT) -> int:
        print(f"error: {message}", file=self.err)
        return code

    # -- handlers ---------------------------------------------------------------------

    def tiles_import(self, args: argparse.Namespace) -> int:
        from kiosk.map.vector import import_any_pack

        try:
            info = import_any_pack(args.file, self.tiles_dir(args), replace=args.replace)
        except TilePackError as exc:
            return self.fail(str(exc))
        print(f"imported {info.summary()}", file=self.out)
        return EXIT_OK

    def tiles_info(self, args: argparse.Namespace) -> int:
        settings = getattr(args, "settings", None)
        paths = [Path(p) for p in args.files] or configured_packs(settings, self.tiles_dir(args))
        if not paths:
            print(f"no tile packs in {self.tiles_dir(args)}", file=self.out)
            return EXIT_OK
        from kiosk.map.vector import any_pack_info

        code = EXIT_OK
        for path in paths:
            try:
                info = any_pack_info(path)
            except TilePackError as exc:
                print(f"error: {exc}", file=self.err)
                code = EXIT_BAD_INPUT
                continue
            print(info.summary(), file=self.out)
            attribution = info.attribution or (
                "(none in the pack; the map shows © OpenStreetMap contributors)"
                if info.kind == "vector" else "")
            if attribution:
                print(f"  attribution: {attribution}", file=self.out)
        return code

    def tiles_extract(self, args: argparse.Namespace) -> int:
        from kiosk.map.vector import ExtractProgress, extract_pack

        width = 30

        def progress(p: ExtractProgress) -> None:
            if p.done == p.total or p.done % 50 == 0:
                filled = width * p.done // max(1, p.total)
                print(f"\r[{'#' * filled}{'.' * (width - filled)}] {p.done}/{p.total} tiles "
                      f"looked up, {p.written} written", end="\n" if p.done == p.total else "",
                      file=self.out, flush=True)

        try:
            info = extract_pack(args.source, args.out, center=args.around,
                                radius_km=args.radius_km, maxzoom=args.maxzoom,
                                progress=progress)
        except TilePackError as exc:
            return self.fail(str(exc))
        except ValueError as exc:
            return self.fail(str(exc))
        except OSError as exc:
            return self.fail(f"cannot write {args.out}: {exc}", EXIT_FAILED)
        print(f"wrote {info.summary()}", file=self.out)
        print(f"install it with: kiosk tiles import {args.out}", file=self.out)
        return EXIT_OK

    def tiles_fetch(self, args: argparse.Namespace) -> int:
        from kiosk.map.fetch import FetchError, FetchProgress, check_template, fetch_pack

        try:
            check_template(args.url)
        except FetchError as exc:
            return self.fail(str(exc))
        dest = Path(args.out) if args.out else self.tiles_dir(args) / "fetched.mbtiles"

        def progress(p: FetchProgress) -> None:
            if p.done == p.total or p.done % 100 == 0:
                print(
                    f"\r{p.done}/{p.total} tiles (zoom {p.zoom}): {p.fetched} new, "
                    f"{p.skipped} already there, {p.missing} missing",
                    end="\n" if p.done == p.total else "",
                    file=self.out,
                    flush=True,
                )

        try:
            report = fetch_pack(
                args.center,
                args.radius_km,
                args.zoom,
                args.url,
                dest,
                name=args.name,
                attribution=args.attribution or "",
                contact=args.contact,
                rate_per_second=args.rate,
                max_tiles=args.max_tiles,
                progress=progress,
            )
        except FetchError as exc:
            bad_input = "template" in str(exc) or "policy" in str(exc) or "limit" in str(exc)
            return self.fail(str(exc), EXIT_BAD_INPUT if bad_input else EXIT_FAILED)
        except ValueError as exc:
            return self.fail(str(exc))
        if report.fetched + report.skipped == 0:
            return self.fail("the server returned no tiles for this area", EXIT_FAILED)
        try:
            info = pack_info(dest)
        except TilePackError as exc:
            return self.fail(str(exc), EXIT_FAILED)
        print(f"wrote {info.summary()}", file=self.out)
        return EXIT_OK

    def map_export(self, args: argparse.Namespace) -> int:
        from kiosk.map.export import export_map

        try:
            center, label, listings = self._export_data(args)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            return self.fail(f"cannot read listings: {exc}")
        settings = getattr(args, "settings", None)
        language = args.language or getattr(settings, "language", "ko")
        if args.center:
            center = args.center
        if args.label:
            label = args.label
        elif not label and settings is not None:
            label = getattr(settings, "kiosk_label_en" if language == "en" else "kiosk_label", "")
        if args.tiles is not None:
            packs = [Path(p) for p in args.tiles]
        else:
            packs = configured_packs(settings, self.tiles_dir(args))
        try:
            report = export_map(
                args.directory,
                center=center,
                center_label=label,
                listings=listings,
                tile_packs=packs,
                basemap_geojson=[Path(p) for p in args.basemap],
                language=language if language in ("ko", "en") else "ko",
                px_per_mm=args.px_per_mm,
                include_dongs=not args.no_dongs,
            )
        except OSError as exc:
            return self.fail(f"cannot write {args.directory}: {exc}", EXIT_FAILED)
        print(
            f"exported {report.listings} listings and {report.tiles} tiles to "
            f"{report.directory / 'index.html'}",
            file=self.out,
        )
        return EXIT_OK

    def _export_data(
        self, args: argparse.Namespace
    ) -> tuple[tuple[float, float], str, list[MapListing]]:
        if args.listings:
            doc = json.loads(Path(args.listings).read_text(encoding="utf-8"))
            items = doc["listings"] if isinstance(doc, dict) else doc
            listings = [listing_from_dict(item) for item in items]
            center = tuple(doc.get("center", ())) if isinstance(doc, dict) else ()
            label = str(doc.get("label", "")) if isinstance(doc, dict) else ""
            if len(center) != 2:
                if not args.center and not listings:
                    raise ValueError("give --center or a listings file with a centre")
                center = args.center or (listings[0].lat, listings[0].lon)
            return (float(center[0]), float(center[1])), label, listings
        if self._export_source is not None:
            return self._export_source()
        settings = getattr(args, "settings", None)
        if self._settings_export_source is not None and settings is not None:
            return self._settings_export_source(settings)
        if args.center:
            return args.center, "", []
        if settings is not None and hasattr(settings, "kiosk_lat"):
            return (float(settings.kiosk_lat), float(settings.kiosk_lon)), "", []
        raise ValueError("give --center LAT,LON or --listings FILE")


def register(
    subparsers: argparse._SubParsersAction,  # type: ignore[type-arg]
    *,
    tiles_dir: Path | Callable[[], Path] | None = None,
    export_source: ExportSource | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    settings_export_source: SettingsExportSource | None = None,
) -> None:
    """Add `tiles import|fetch|info` and `map export` to the `kiosk` command.

    ``tiles_dir`` is where packs are installed (default: $KIOSK_TILES_DIR or the user
    data folder); ``export_source`` supplies (centre, label, listings) for `map export`
    when no --listings file is given; ``settings_export_source`` does the same from the
    settings the caller put on the arguments (the `kiosk` command: the synced listings in
    the kiosk's database).
    """
    cli = _Cli(tiles_dir, export_source, out, err, settings_export_source)

    tiles = subparsers.add_parser(
        "tiles", help="manage offline map packs (raster MBTiles, vector PMTiles)")
    tiles_sub = tiles.add_subparsers(dest="tiles_command", required=True, metavar="COMMAND")

    p = tiles_sub.add_parser(
        "import", help="validate a .mbtiles (raster) or .pmtiles (vector) pack and install it")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--replace", action="store_true", help="replace an installed pack of that name")
    p.add_argument("--tiles-dir", type=Path, help="install folder (default: the kiosk's)")
    p.set_defaults(func=cli.tiles_import, handler=cli.tiles_import)

    p = tiles_sub.add_parser(
        "fetch", help="download tiles around a point from a server that allows it"
    )
    p.add_argument("--center", type=parse_center, required=True, metavar="LAT,LON")
    p.add_argument("--radius-km", type=_positive, required=True, metavar="R")
    p.add_argument("--zoom", type=parse_zoom_range, required=True, metavar="A-B")
    p.add_argument(
        "--url", required=True, metavar="TEMPLATE", help="e.g. https://host/{z}/{x}/{y}.png"
    )
    p.add_argument("--out", type=Path, metavar="FILE", help="destination .mbtiles (resumable)")
    p.add_argument("--name", help="pack name stored in its metadata")
    p.add_argument("--attribution", help="attribution text the tile provider requires")
    p.add_argument("--contact", help="e-mail or URL sent in the User-Agent")
    p.add_argument("--rate", type=_positive, default=2.0, help="requests per second (default 2)")
    p.add_argument("--max-tiles", type=int, default=20_000, help="refuse larger areas")
    p.add_argument("--tiles-dir", type=Path, help="folder for the default --out")
    p.set_defaults(func=cli.tiles_fetch, handler=cli.tiles_fetch)

    p = tiles_sub.add_parser("info", help="describe installed packs, or the given files")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--tiles-dir", type=Path)
    p.set_defaults(func=cli.tiles_info, handler=cli.tiles_info)

    p = tiles_sub.add_parser(
        "extract", help="cut a village's vector pack from a bigger .pmtiles file")
    p.add_argument("--from", dest="source", type=Path, required=True, metavar="SOURCE.pmtiles")
    p.add_argument("--around", type=parse_center, required=True, metavar="LAT,LON")
    p.add_argument("--radius-km", type=_positive, default=3.0, metavar="R",
                   help="radius around the point (default 3)")
    p.add_argument("--maxzoom", type=int, choices=range(0, 23), default=None, metavar="Z",
                   help="highest zoom to keep (default: the source's)")
    p.add_argument("out", type=Path, metavar="OUT.pmtiles")
    p.set_defaults(func=cli.tiles_extract, handler=cli.tiles_extract)

    map_parser = subparsers.add_parser("map", help="map page tools")
    map_sub = map_parser.add_subparsers(dest="map_command", required=True, metavar="COMMAND")
    p = map_sub.add_parser("export", help="write the map as static files that open offline")
    p.add_argument("directory", type=Path, metavar="DIR")
    p.add_argument("--listings", type=Path, metavar="FILE", help="listings as JSON")
    p.add_argument("--center", type=parse_center, metavar="LAT,LON")
    p.add_argument("--label", help="name shown at the 'you are here' marker")
    p.add_argument("--language", choices=("ko", "en"), default=None)
    p.add_argument("--tiles", nargs="*", default=None, metavar="PACK", help="packs to include")
    p.add_argument("--basemap", nargs="*", default=[], metavar="GEOJSON")
    p.add_argument("--no-dongs", action="store_true", help="leave out dong boundaries")
    p.add_argument("--px-per-mm", type=_positive, default=None)
    p.add_argument("--tiles-dir", type=Path)
    p.set_defaults(func=cli.map_export, handler=cli.map_export)


def main(argv: Sequence[str] | None = None) -> int:
    """Stand-alone entry (``python -m kiosk.map.cli``) for the map subcommands."""
    parser = argparse.ArgumentParser(prog="kiosk")
    register(parser.add_subparsers(dest="command", required=True, metavar="COMMAND"))
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
