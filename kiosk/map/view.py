"""MapView: the map widget the kiosk UI embeds.

It owns one off-the-record browser profile (so nothing is written to disk and no
state leaks between views), the kiosk:// handler, the request guard, one bridge
object, and the queue of page calls made before the page said it was ready.

Start-up order: the listings are read and encoded on a worker thread while QtWebEngine
starts its processes, and the page's request for them waits until they are done; the
vector basemap is made only once the markers are shown, so its boundary data never
competes with the markers for the interpreter.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, QUrl, Signal
from PySide6.QtWebChannel import QWebChannel
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineSettings,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.map.basemap import build_basemap
from kiosk.map.bridge import BRIDGE_NAME, MapBridge
from kiosk.map.listing import KINDS, Counts, MapListing
from kiosk.map.messages import (
    ControlAnnounced,
    FilterChanged,
    MarkerTapped,
    PageLog,
    PageMessage,
    PageReady,
    VisibleChanged,
)
from kiosk.map.page import (
    BASE_URL,
    DEFAULT_PX_PER_MM,
    HOST,
    LANGUAGES,
    PAGE_PATH,
    SCHEME,
    MapDisplay,
    PageOptions,
    TileOptions,
    VectorOptions,
)
from kiosk.map.resources import MapResources
from kiosk.map.scheme import SCHEME_BYTES, RequestGuard, SchemeHandler
from kiosk.map.tiles import TileSet
from kiosk.map.vector import VectorSet, split_packs

log = logging.getLogger("kiosk.map")

PAGE_URL = BASE_URL + PAGE_PATH
# Page functions Python may call; the page script enforces the same list.
PAGE_FUNCTIONS = frozenset(
    {
        "setListingsVersion",
        "closeList",
        "updateCounts",
        "setFilter",
        "setLanguage",
        "recenter",
        "zoomIn",
        "zoomOut",
        "select",
        "showListing",
        "stats",
        "setDisplay",
        "controls",
    }
)
MAX_QUEUED_CALLS = 1000
_JS_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,63}$")
_CRASH_STATUSES = (
    QWebEnginePage.RenderProcessTerminationStatus.AbnormalTerminationStatus,
    QWebEnginePage.RenderProcessTerminationStatus.CrashedTerminationStatus,
    QWebEnginePage.RenderProcessTerminationStatus.KilledTerminationStatus,
)

_executor: ThreadPoolExecutor | None = None


def _background() -> ThreadPoolExecutor:
    """One worker for slow local work (page, listings, boundary geometry); created on
    first use."""
    global _executor
    if _executor is None:
        _executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kiosk-map")
    return _executor


def _pass_on(target: Future[Any], done: Future[Any]) -> None:
    """Copy a finished job's outcome into the future the scheme handler waits on."""
    error = done.exception()
    if error is not None:
        target.set_exception(error)
    else:
        target.set_result(done.result())


def js_call(function_name: str, *args: Any) -> str:
    """The JavaScript text that calls a page function with JSON-encoded arguments.

    The only place Python writes JavaScript: names are checked against the allow-list
    and every argument goes through json.dumps (ASCII-only, so no raw U+2028 or quotes
    reach the script), never through string concatenation.
    """
    if not _JS_NAME.fullmatch(function_name) or function_name not in PAGE_FUNCTIONS:
        raise ValueError(f"not a page function: {function_name!r}")
    payload = json.dumps(list(args), ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return f"window.KioskMap.invoke({json.dumps(function_name)},{payload})"


class KioskPage(QWebEnginePage):
    """A page that stays on kiosk://, opens nothing, and reports its console errors."""

    consoleError = Signal(str)

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.console_errors: list[str] = []
        # A refused navigation ends in loadFinished(False) while the map stays shown.
        self.refused_navigation = False
        self.permissionRequested.connect(self._deny_permission)
        self.fullScreenRequested.connect(lambda request: request.reject())
        self.fileSystemAccessRequested.connect(lambda request: request.reject())
        self.desktopMediaRequested.connect(lambda request: request.cancel())
        self.registerProtocolHandlerRequested.connect(lambda request: request.reject())
        self.newWindowRequested.connect(
            lambda request: log.warning("page asked for a new window: %s", request.requestedUrl())
        )

    @staticmethod
    def _deny_permission(permission: Any) -> None:
        log.info("denied page permission %s", permission.permissionType())
        permission.deny()

    def acceptNavigationRequest(
        self, url: QUrl | str, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        url = QUrl(url)
        ok = (
            url.scheme() == SCHEME
            and url.host() == HOST
            and url.path() in ("", "/", "/" + PAGE_PATH)
        )
        if not ok:
            self.refused_navigation = True
            log.warning("blocked navigation away from the map: %s", url.toString()[:200])
        return ok

    def createWindow(self, _type: QWebEnginePage.WebWindowType) -> None:
        log.warning("blocked a new window from the map page")
        return None

    def javaScriptAlert(self, _origin: QUrl, message: str) -> None:
        log.warning("page alert suppressed: %s", message[:200])

    def javaScriptConfirm(self, _origin: QUrl, message: str) -> bool:
        log.warning("page confirm suppressed: %s", message[:200])
        return False

    def javaScriptPrompt(self, _origin: QUrl, message: str, default: str) -> tuple[bool, str]:
        log.warning("page prompt suppressed: %s", message[:200])
        return False, ""

    def chooseFiles(self, *_args: Any) -> list[str]:
        return []

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        text = f"{source}:{line}: {message}"[:1000]
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            log.error("map page: %s", text)
            if source.startswith(SCHEME + ":") or not source:
                self.console_errors.append(text)
                del self.console_errors[:-100]
                self.consoleError.emit(text)
        elif level == QWebEnginePage.JavaScriptConsoleMessageLevel.WarningMessageLevel:
            log.warning("map page: %s", text)
        else:
            log.debug("map page: %s", text)


def _configure_profile(profile: QWebEngineProfile) -> None:
    settings = profile.settings()
    attr = QWebEngineSettings.WebAttribute
    for name, value in (
        (attr.JavascriptCanOpenWindows, False),
        (attr.JavascriptCanAccessClipboard, False),
        (attr.JavascriptCanPaste, False),
        (attr.LocalContentCanAccessRemoteUrls, False),
        (attr.LocalContentCanAccessFileUrls, False),
        (attr.AllowRunningInsecureContent, False),
        (attr.AllowGeolocationOnInsecureOrigins, False),
        (attr.AllowWindowActivationFromJavaScript, False),
        (attr.PluginsEnabled, False),
        (attr.PdfViewerEnabled, False),
        (attr.FullScreenSupportEnabled, False),
        (attr.ScreenCaptureEnabled, False),
        (attr.WebRTCPublicInterfacesOnly, True),
        (attr.DnsPrefetchEnabled, False),
        (attr.HyperlinkAuditingEnabled, False),
        (attr.NavigateOnDropEnabled, False),
        (attr.TouchIconsEnabled, False),
        (attr.AutoLoadIconsForPage, False),
        (attr.ErrorPageEnabled, False),
        (attr.ShowScrollBars, False),
        (attr.LocalStorageEnabled, False),
        (attr.FocusOnNavigationEnabled, True),
    ):
        settings.setAttribute(name, value)
    profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
    profile.setPersistentCookiesPolicy(
        QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
    )


class MapView(QWidget):
    """The kiosk map: listings as markers around the kiosk, with legend and filters."""

    ready = Signal()
    resourceTapped = Signal(str)
    externalRequestBlocked = Signal(str)
    visibleListingsChanged = Signal(list)  # list[MapListing], nearest first
    filterChanged = Signal(object)  # set[str], when a resident taps a chip
    controlAnnounced = Signal(str, str)  # voice mode: control, kind or listing id (or "")

    def __init__(
        self,
        center: tuple[float, float],
        center_label: str,
        listings: Sequence[MapListing] | Callable[[], Sequence[MapListing]] = (),
        tile_packs: Iterable[Path] = (),
        basemap_geojson: Iterable[Path] = (),
        language: str = "ko",
        px_per_mm: float = DEFAULT_PX_PER_MM,
        parent: QWidget | None = None,
        *,
        radius_km: float = 3.0,
        include_dongs: bool = True,
        center_label_en: str = "",
    ) -> None:
        super().__init__(parent)
        raster, vector = split_packs(tile_packs)
        self._tiles = TileSet(raster)
        self._vector = VectorSet(vector)
        for problem in [*self._tiles.errors, *self._vector.errors]:
            log.warning("tile pack skipped: %s", problem)
        if self._vector:
            from kiosk.map.assets import NPM_HINT, npm_problems

            missing = npm_problems()
            if missing:
                log.warning("the street map cannot be drawn, its page libraries are missing "
                            "(%s): %s", "; ".join(missing), NPM_HINT)
                self._vector.close()
        options = PageOptions(
            center=(float(center[0]), float(center[1])),
            center_label=center_label,
            center_label_en=center_label_en,
            language=language,
            px_per_mm=px_per_mm,
            radius_km=radius_km,
            tiles=TileOptions.from_tile_set(self._tiles, "tiles/{z}/{x}/{y}")
            if self._tiles
            else None,
            vector=VectorOptions.from_vector_set(self._vector) if self._vector else None,
        )
        # ``listings`` as a callable: read on the worker (e.g. from the database).
        work = _background()
        self._basemap: Future[dict[str, Any]] = Future()
        self._make_basemap = partial(
            build_basemap,
            options.center,
            [Path(p) for p in basemap_geojson],
            radius_km=radius_km,
            include_dongs=include_dongs,
        )
        self._basemap_started = False
        loader: Callable[[], Sequence[MapListing]] | None = None
        initial: Sequence[MapListing] = ()
        if callable(listings):
            loader = listings
        else:
            initial = listings
        self._resources = MapResources(options, initial, self._tiles, self._basemap,
                                       self._vector)
        self._resources.load_in(work, loader)
        self._filter: set[str] = set(KINDS)
        self._language = language
        self._page_ready = False
        self._queue: list[tuple[str, Callable[[Any], None] | None]] = []
        self._visible: tuple[str, ...] = ()
        self._visible_total = 0
        self._crashes: list[float] = []
        self.load_started_at = 0.0
        self.ready_at = 0.0

        # Profile first, then the view and page; the profile is re-parented last so Qt
        # destroys the page before the profile it belongs to.
        profile = QWebEngineProfile()
        _configure_profile(profile)
        self._handler = SchemeHandler(self._resources, profile)
        profile.installUrlSchemeHandler(SCHEME_BYTES, self._handler)
        self._guard = RequestGuard(profile)
        self._guard.blocked.connect(self.externalRequestBlocked)
        profile.setUrlRequestInterceptor(self._guard)

        self._web = QWebEngineView(self)
        self._web.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self._web.setAcceptDrops(False)
        self._web.setAccessibleName("지도 / Map")
        self._page = KioskPage(profile, self._web)
        self._web.setPage(self._page)
        self._page.setBackgroundColor(Qt.GlobalColor.white)
        self._bridge = MapBridge(self._on_message, self)
        self._channel = QWebChannel(self._page)
        self._channel.registerObject(BRIDGE_NAME, self._bridge)
        self._page.setWebChannel(self._channel)
        self._page.renderProcessTerminated.connect(self._on_renderer_gone)
        self._page.loadFinished.connect(self._on_load_finished)
        self._web.installEventFilter(self)
        for child in self._web.findChildren(QWidget):
            child.installEventFilter(self)
        profile.setParent(self)
        self.destroyed.connect(self._tiles.close)
        self.destroyed.connect(self._vector.close)
        self._profile = profile

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._web)
        self._load()

    # -- public API -------------------------------------------------------------------

    @property
    def is_ready(self) -> bool:
        return self._page_ready

    @property
    def web_view(self) -> QWebEngineView:
        return self._web

    @property
    def console_errors(self) -> list[str]:
        """Error messages our page wrote to its console (tests assert this stays empty)."""
        return self._page.console_errors

    @property
    def blocked_requests(self) -> list[str]:
        return list(self._guard.blocked_urls)

    @property
    def requests_seen(self) -> list[str]:
        return list(self._guard.seen)

    @property
    def listings(self) -> list[MapListing]:
        return self._resources.listings

    @property
    def filter(self) -> set[str]:
        return set(self._filter)

    @property
    def language(self) -> str:
        return self._language

    @property
    def tile_set(self) -> TileSet:
        return self._tiles

    @property
    def vector_set(self) -> VectorSet:
        return self._vector

    def set_listings(self, listings: Sequence[MapListing]) -> None:
        """Replace all listings; the page refetches one JSON document and rebuilds markers."""
        version = self._resources.set_listings(listings)
        self._visible = tuple(i for i in self._visible if self._resources.has_listing(i))
        self.run_js("setListingsVersion", version)

    def update_counts(self, counts: Mapping[str, Counts]) -> None:
        """Change free/total counts in place (after a sync or a booking); unknown ids ignored.

        Only counts that differ from what the page shows cross to it, as JSON text (the
        page parses that far faster than a script literal of thousands of entries).
        """
        shown = {key: self._resources.counts_of(key) for key in counts}
        accepted = self._resources.update_counts(counts)
        changed = {key: pair for key, pair in accepted.items() if tuple(pair) != shown[key]}
        if changed:
            self.run_js("updateCounts", json.dumps(changed, separators=(",", ":")))

    def set_filter(self, kinds: Iterable[str]) -> None:
        wanted = set(kinds)
        unknown = wanted - set(KINDS)
        if unknown:
            raise ValueError(f"unknown kinds: {sorted(unknown)}")
        self._filter = wanted
        self.run_js("setFilter", [k for k in KINDS if k in wanted])

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}: {language!r}")
        self._language = language
        self._resources.set_options(replace(self._resources.options, language=language))
        self.run_js("setLanguage", language)

    def set_display(self, display: MapDisplay) -> None:
        """Text size, control size and theme of the page's own controls (kept on reload)."""
        if self._resources.options.display == display:
            return
        self._resources.set_options(replace(self._resources.options, display=display))
        self.run_js("setDisplay", display.to_js())

    @property
    def display(self) -> MapDisplay | None:
        return self._resources.options.display

    def recenter(self) -> None:
        self.run_js("recenter")

    def zoom_in(self) -> None:
        self.run_js("zoomIn")

    def zoom_out(self) -> None:
        self.run_js("zoomOut")

    def show_listing(self, listing_id: str) -> None:
        """Zoom to and highlight a listing (e.g. when it is tapped in the list)."""
        self.run_js("showListing", listing_id)

    def reset(self, language: str | None = None) -> None:
        """Back to the start state after idle: every kind, kiosk centred, nothing selected."""
        self.set_filter(KINDS)
        self.run_js("closeList")
        self.run_js("select", None)
        self.recenter()
        if language is not None:
            self.set_language(language)

    def visible_listings(self) -> list[MapListing]:
        """Listings in view and in the filter, nearest to the kiosk first."""
        found = (self._resources.listing(i) for i in self._visible)
        return [item for item in found if item is not None]

    @property
    def visible_total(self) -> int:
        return self._visible_total

    def run_js(
        self, function_name: str, *args: Any, callback: Callable[[Any], None] | None = None
    ) -> None:
        """Call a page function with JSON arguments; queued until the page is ready.

        ``callback`` receives the function's result decoded from JSON (None for none).
        """
        code = js_call(function_name, *args)
        if self._page_ready:
            self._run(code, callback)
            return
        if len(self._queue) >= MAX_QUEUED_CALLS:
            # State lives in Python and is re-sent on load; old view moves can go.
            del self._queue[: len(self._queue) // 2]
            log.warning("map page not ready; dropped old queued calls")
        self._queue.append((code, callback))

    def reload(self) -> None:
        """Rebuild the page from current state (listings, counts, language, filter)."""
        self._load()

    # -- internals --------------------------------------------------------------------

    def _run(self, code: str, callback: Callable[[Any], None] | None) -> None:
        if callback is None:
            self._page.runJavaScript(code, 0)
            return

        # Results cross as JSON text: Qt hands JS objects back as empty strings otherwise.
        def decode(raw: Any) -> None:
            callback(json.loads(raw) if isinstance(raw, str) and raw else None)

        self._page.runJavaScript(f"JSON.stringify({code})", 0, decode)

    def _load(self) -> None:
        self._page_ready = False
        self._page.refused_navigation = False
        self.load_started_at = time.perf_counter()
        self._web.load(QUrl(PAGE_URL))

    def _on_load_finished(self, ok: bool) -> None:
        if ok:
            return
        if self._page.refused_navigation:
            self._page.refused_navigation = False  # the map is still there; warned already
            return
        log.error("map page failed to load")

    def _on_message(self, message: PageMessage) -> None:
        if isinstance(message, PageReady):
            self._on_ready()
        elif isinstance(message, MarkerTapped):
            if self._resources.has_listing(message.id):
                self.resourceTapped.emit(message.id)
            else:
                log.warning("page tapped an unknown listing id")
        elif isinstance(message, PageLog):
            level = logging.getLevelNamesMapping()[message.level.upper()]
            log.log(level, "map page: %s", message.text)
        elif isinstance(message, FilterChanged):
            self._filter = set(message.kinds)
            self.filterChanged.emit(set(message.kinds))
        elif isinstance(message, ControlAnnounced):
            if message.control != "marker" or (
                    message.id is not None and self._resources.has_listing(message.id)):
                self.controlAnnounced.emit(message.control, message.id or "")
        elif isinstance(message, VisibleChanged):
            self._visible = message.ids
            self._visible_total = message.total
            self.visibleListingsChanged.emit(self.visible_listings())

    def _start_basemap(self) -> None:
        """The boundary data, on the worker, once the markers are on the page."""
        if not self._basemap_started:
            self._basemap_started = True
            job = _background().submit(self._make_basemap)
            job.add_done_callback(partial(_pass_on, self._basemap))

    def _on_ready(self) -> None:
        self._page_ready = True
        self.ready_at = time.perf_counter()
        self._start_basemap()
        restore: list[tuple[str, Callable[[Any], None] | None]] = []
        if self._filter != set(KINDS):
            restore.append((js_call("setFilter", [k for k in KINDS if k in self._filter]), None))
        pending, self._queue = restore + self._queue, []
        for code, callback in pending:
            self._run(code, callback)
        log.info("map page ready", extra={"event": "map_ready"})
        self.ready.emit()

    def _on_renderer_gone(
        self, status: QWebEnginePage.RenderProcessTerminationStatus, exit_code: int
    ) -> None:
        self._page_ready = False
        if status not in _CRASH_STATUSES:
            return
        now = time.monotonic()
        self._crashes = [t for t in self._crashes if now - t < 300] + [now]
        delay_ms = min(30_000, 250 * 2 ** (len(self._crashes) - 1))
        log.error(
            "map renderer ended (%s, exit code %s); reloading in %d ms",
            status.name,
            exit_code,
            delay_ms,
        )
        QTimer.singleShot(delay_ms, self, self._load)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+wheel and pinch gestures would scale the page; the map zooms by Leaflet.
        if event.type() == QEvent.Type.ChildAdded:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                child.installEventFilter(self)
        elif event.type() == QEvent.Type.Wheel:
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier:  # type: ignore[attr-defined]
                return True
        elif event.type() in (QEvent.Type.NativeGesture, QEvent.Type.Gesture):
            return True
        return super().eventFilter(watched, event)
