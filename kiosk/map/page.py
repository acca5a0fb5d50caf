"""Builds the map page's HTML with folium. No Qt: `map export` uses it too.

folium only lays out the page and the Leaflet map; markers, legend, chips and buttons
are built by assets/map/kiosk_map.js from one JSON array, because one folium.Marker per
listing costs seconds and hundreds of megabytes at 10,000 listings. Every script and
style sheet URL is rewritten to ``base_url`` (the kiosk:// scheme, or a relative path for
an exported folder), so the page never reaches a CDN.

folium (with branca, jinja2 and numpy, about half a second to import) is imported only
when a page is generated, never by the modules the kiosk loads before its first paint.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from kiosk.map.assets import NPM_PACKAGES, VENDOR_PACKAGES

if TYPE_CHECKING:
    import folium
    from branca.element import MacroElement

    from kiosk.map.tiles import TileSet
    from kiosk.map.vector import VectorSet

SCHEME = "kiosk"
HOST = "app"
BASE_URL = f"{SCHEME}://{HOST}/"
PAGE_PATH = "index.html"
QWEBCHANNEL_JS = "qrc:///qtwebchannel/qwebchannel.js"

# CSS pixels per millimetre of a 96-dpi reference screen; pass the panel's real value.
DEFAULT_PX_PER_MM = 96 / 25.4
MIN_BUTTON_MM = 12.0
MIN_BADGE_MM = 5.0
LANGUAGES = ("ko", "en")


@dataclass(frozen=True)
class TileOptions:
    """The tile layer the page asks for, from the installed packs."""

    url: str
    min_zoom: int
    max_native_zoom: int
    bounds: list[list[float]]  # [[south, west], [north, east]]
    attributions: list[str]

    @classmethod
    def from_tile_set(cls, tiles: TileSet, url: str) -> TileOptions:
        b = tiles.bounds
        return cls(
            url=url,
            min_zoom=tiles.minzoom,
            max_native_zoom=tiles.maxzoom,
            bounds=[[b.south, b.west], [b.north, b.east]],
            attributions=tiles.attributions,
        )


VECTOR_PATH = "vpack/"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


@dataclass(frozen=True)
class VectorOptions:
    """The vector street pack the page draws with protomaps-leaflet.

    ``url`` is the prefix the page's pmtiles reader appends ``<offset>-<length>`` to;
    an exported page has no server and reads the pack from ``global_name`` instead.
    """

    url: str
    key: str
    min_zoom: int
    max_zoom: int
    bounds: list[list[float]]  # [[south, west], [north, east]]
    attributions: list[str]
    global_name: str | None = None

    @classmethod
    def from_vector_set(cls, vectors: VectorSet, url: str = VECTOR_PATH,
                        global_name: str | None = None) -> VectorOptions:
        info = vectors.info
        assert info is not None
        b = info.bounds
        attributions = [info.attribution] if info.attribution else []
        if not any("openstreetmap" in a.lower() for a in attributions):
            attributions.append(OSM_ATTRIBUTION)
        return cls(url=url, key=f"{info.path.name}:{info.size_bytes}",
                   min_zoom=info.minzoom, max_zoom=info.maxzoom,
                   bounds=[[b.south, b.west], [b.north, b.east]],
                   attributions=attributions, global_name=global_name)


@dataclass(frozen=True)
class MapDisplay:
    """How the page's own controls look: the kiosk's text size, control size, gap and
    theme for the current accessibility settings, so the map follows 200 % and high
    contrast like every other screen."""

    text_px: int
    button_px: int
    gap_px: int
    high_contrast: bool = False
    compact: bool = False  # large text: chips show icon and count, the legend names kinds
    voice: bool = False  # voice guidance: a first tap announces, a second one acts

    def __post_init__(self) -> None:
        if min(self.text_px, self.button_px, self.gap_px) <= 0:
            raise ValueError(f"display sizes must be positive: {self}")

    def to_js(self) -> dict[str, Any]:
        return {"textPx": self.text_px, "buttonPx": self.button_px, "gapPx": self.gap_px,
                "highContrast": self.high_contrast, "compact": self.compact,
                "voice": self.voice}


@dataclass(frozen=True)
class PageOptions:
    """Everything the page needs at start; sent to the page script as one JSON object."""

    center: tuple[float, float]
    center_label: str
    center_label_en: str = ""
    language: str = "ko"
    px_per_mm: float = DEFAULT_PX_PER_MM
    zoom: int = 16
    min_zoom: int = 11
    max_zoom: int = 19
    radius_km: float = 3.0
    tiles: TileOptions | None = None
    vector: VectorOptions | None = None
    listings_url: str | None = "listings.json"
    basemap_url: str | None = "basemap.json"
    bridge: bool = True
    data_scripts: tuple[str, ...] = ()
    attributions: tuple[str, ...] = ()
    visible_limit: int = 200
    kinds: tuple[str, ...] = field(default=("parking", "bike", "space", "item", "other"))
    display: MapDisplay | None = None

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}: {self.language!r}")
        if not (self.px_per_mm > 0 and math.isfinite(self.px_per_mm)):
            raise ValueError(f"px_per_mm must be positive: {self.px_per_mm}")

    @property
    def button_px(self) -> int:
        """Touch targets of at least 12 mm on the panel, never below 44 CSS px."""
        return max(44, math.ceil(MIN_BUTTON_MM * self.px_per_mm))

    def page_config(self, base_url: str) -> dict[str, Any]:
        tiles: dict[str, Any] | None = None
        if self.tiles is not None:
            tiles = asdict(self.tiles)
            tiles["url"] = base_url + self.tiles.url
        vector: dict[str, Any] | None = None
        if self.vector is not None:
            vector = asdict(self.vector)
            vector["url"] = base_url + self.vector.url
        return {
            "center": list(self.center),
            "centerLabel": self.center_label,
            "centerLabelEn": self.center_label_en,
            "language": self.language,
            "buttonPx": self.button_px,
            "markerPx": max(36, round(self.button_px * 0.8)),
            "zoom": self.zoom,
            "radiusKm": self.radius_km,
            "tiles": tiles,
            "vector": vector,
            "badgePx": max(20, math.ceil(MIN_BADGE_MM * self.px_per_mm)),
            "listingsUrl": base_url + self.listings_url if self.listings_url else None,
            "basemapUrl": base_url + self.basemap_url if self.basemap_url else None,
            "iconBase": base_url + "map/icons/",
            "bridge": self.bridge,
            "attributions": list(self.attributions),
            "visibleLimit": self.visible_limit,
            "kinds": list(self.kinds),
            "display": self.display.to_js() if self.display is not None else None,
        }


KIOSK_LAYER_SCRIPT = """
        {% macro script(this, kwargs) %}
            window.KioskMap.start({{ this._parent.get_name() }}, {{ this.config|tojson }});
        {% endmacro %}
        """


@cache
def _kiosk_layer_class() -> Callable[[dict[str, Any]], MacroElement]:
    """The element that hands the folium-made Leaflet map to the page script, with the
    start config; defined on first use so importing this module never loads folium."""
    from branca.element import MacroElement
    from folium.template import Template

    class KioskLayer(MacroElement):
        _template = Template(KIOSK_LAYER_SCRIPT)

        def __init__(self, config: dict[str, Any]) -> None:
            super().__init__()
            self._name = "KioskLayer"
            self.config = config

    return KioskLayer


def page_links(
    options: PageOptions, base_url: str = BASE_URL
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The page's scripts and style sheets, in load order, as (name, URL) pairs."""
    js: list[tuple[str, str]] = []
    css: list[tuple[str, str]] = []
    for pkg in VENDOR_PACKAGES:
        js.extend(
            (f"{pkg.mount}_{i}", f"{base_url}vendor/{pkg.mount}/{f}") for i, f in enumerate(pkg.js)
        )
        css.extend(
            (f"{pkg.mount}_css_{i}", f"{base_url}vendor/{pkg.mount}/{f}")
            for i, f in enumerate(pkg.css)
        )
    if options.vector is not None:
        js.extend((f"npm_{i}", f"{base_url}npm/{pkg.name}/{pkg.file}")
                  for i, pkg in enumerate(NPM_PACKAGES))
    if options.bridge:
        js.append(("qwebchannel", QWEBCHANNEL_JS))
    js.extend((f"data_{i}", base_url + path) for i, path in enumerate(options.data_scripts))
    js.append(("kiosk_map", base_url + "map/kiosk_map.js"))
    css.append(("kiosk_map_css", base_url + "map/kiosk_map.css"))
    return js, css


def build_map(options: PageOptions, base_url: str = BASE_URL) -> folium.Map:
    """The folium map with every resource link pointing at ``base_url``."""
    import folium

    m = folium.Map(
        location=list(options.center),
        tiles=None,
        zoom_start=options.zoom,
        zoom_control=False,
        maxZoom=options.max_zoom,
        minZoom=options.min_zoom,
        attributionControl=False,
        zoomSnap=1,
        inertia=True,
        tapTolerance=20,
    )
    m._id = "kiosk"
    # Instance attributes: the class-level lists are shared by every map in the process.
    js, css = page_links(options, base_url)
    m.default_js = js
    m.default_css = css
    _kiosk_layer_class()(options.page_config(base_url)).add_to(m)
    return m


def build_page(options: PageOptions, base_url: str = BASE_URL) -> str:
    """The complete HTML document of the map page."""
    html = build_map(options, base_url).get_root().render()
    lang = options.language
    return html.replace("<html>", f'<html lang="{lang}">', 1)


# The document build_page renders, laid out as folium lays it out, so the kiosk can serve
# its page without importing folium (half a second before the map can show). Only the
# values vary; tests/map/test_page.py checks this is byte for byte what folium makes, so
# a folium upgrade that changes its layout shows up there.
_SHELL = """<!DOCTYPE html>
<html lang="{lang}">
<head>
{s4}
    <meta http-equiv="content-type" content="text/html; charset=UTF-8" />
{links}{s4}
            <meta name="viewport" content="width=device-width,
                initial-scale=1.0, maximum-scale=1.0, user-scalable=no" />
            <style>
                #map_kiosk {{
                    position: relative;
                    width: 100.0%;
                    height: 100.0%;
                    left: 0.0%;
                    top: 0.0%;
                }}
                .leaflet-container {{ font-size: 1rem; }}
            </style>

            <style>html, body {{
                width: 100%;
                height: 100%;
                margin: 0;
                padding: 0;
            }}
            </style>

            <style>#map {{
                position:absolute;
                top:0;
                bottom:0;
                right:0;
                left:0;
                }}
            </style>

            <script>
                L_NO_TOUCH = false;
                L_DISABLE_3D = false;
            </script>

{s8}
</head>
<body>
{s4}
{s4}
            <div class="folium-map" id="map_kiosk" ></div>
{s8}
</body>
<script>
{s4}
{s4}
            var map_kiosk = L.map(
                "map_kiosk",
                {{
                    center: {center},
                    crs: L.CRS.EPSG3857,
                    ...{{
{map_options}}}

                }}
            );

{s12}

{s8}
{s4}
            window.KioskMap.start(map_kiosk, {config});
{s8}
</script>
</html>"""


def _script_json(value: Any, sort_keys: bool = False) -> str:
    """JSON safe inside a <script> element, escaped as folium and Jinja escape it."""
    text = json.dumps(value, sort_keys=sort_keys)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("'", "\\u0027"))


def kiosk_page(options: PageOptions, base_url: str = BASE_URL) -> str:
    """The same document as ``build_page``, without importing folium."""
    js, css = page_links(options, base_url)
    links = "".join(f'    <script src="{url}"></script>\n' for _name, url in js)
    links += "".join(f'    <link rel="stylesheet" href="{url}"/>\n' for _name, url in css)
    map_options = {
        "zoom": options.zoom,
        "zoomControl": False,
        "preferCanvas": False,
        "maxZoom": options.max_zoom,
        "minZoom": options.min_zoom,
        "attributionControl": False,
        "zoomSnap": 1,
        "inertia": True,
        "tapTolerance": 20,
    }
    return _SHELL.format(
        s4=" " * 4, s8=" " * 8, s12=" " * 12,  # folium's indentation of empty lines
        lang=options.language,
        links=links,
        center=_script_json([float(options.center[0]), float(options.center[1])]),
        map_options="".join(f'  "{key}": {_script_json(value)},\n'
                            for key, value in map_options.items()),
        config=_script_json(options.page_config(base_url), sort_keys=True),
    )
