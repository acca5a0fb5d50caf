"""The map screen: the map widget with big zoom buttons; a tapped marker opens its detail."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.services.booking import ResourceOverview
from kiosk.ui.context import Screen, UiContext
from kiosk.ui.screens.entries import map_listings
from kiosk.ui.text import tr
from kiosk.ui.widgets import button, icon_for, label

if TYPE_CHECKING:
    from kiosk.map.view import MapView
    from kiosk.ui.accessibility.speech import Phrase
    from kiosk.ui.accessibility.themes import Metrics

MapFactory = Callable[[float], "MapView"]
COMPACT_SCALE = 1.5
"""From this text scale the page's kind chips show icon and count only, so they fit."""
PAGE_INPUT = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin,
                        QEvent.Type.TouchUpdate, QEvent.Type.KeyPress, QEvent.Type.Wheel})


class PageInput(QObject):
    """Real presses, touches, keys and wheel turns on the map page count as activity.

    The page renders into a widget the web view makes (and remakes after a renderer
    restart) on its own, so the window's tree filter never sees it; this filter sits on
    the view and on each of its widgets. Nothing the page reports by itself (its visible
    list changes after every sync) counts: only input does."""

    def __init__(self, view: QWidget, poke: Callable[[], None]) -> None:
        super().__init__(view)
        self.poke = poke
        self.watch(view)

    def watch(self, widget: QWidget) -> None:
        for part in [widget, *widget.findChildren(QWidget)]:
            part.removeEventFilter(self)
            part.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in PAGE_INPUT:
            self.poke()
        elif kind == QEvent.Type.ChildAdded:
            child = event.child()  # type: ignore[attr-defined]
            if isinstance(child, QWidget):
                self.watch(child)
        return False


class MapScreen(Screen):
    name = "map"

    def __init__(self, ctx: UiContext, factory: MapFactory | None) -> None:
        super().__init__(ctx)
        m = ctx.metrics
        self.factory = factory
        self.view: MapView | None = None
        self.input: PageInput | None = None
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(m.spacing(16))
        # The page draws its own zoom, recenter and filter buttons at the panel's 12 mm.
        self.placeholder = label(name="detailState")
        self.box.addWidget(self.placeholder, 1)
        # Search by name sits beside the page (not in it), where a finger finds it at once.
        self.side = QVBoxLayout()
        self.side.setContentsMargins(0, 0, 0, 0)
        self.search_button = button(m, "", "mapButton", lambda: ctx.nav.go("search"))
        self.search_button.setIcon(icon_for("search"))
        self.search_button.setIconSize(QSize(m.mm(9), m.mm(9)))
        self.side.addWidget(self.search_button)
        self.side.addStretch(1)
        self.box.addLayout(self.side)
        self.look: tuple[Metrics, bool, bool] | None = None
        # Voice guidance's say(); set by the window. The page's first taps end up here.
        self.speak: Callable[[Phrase], object] | None = None

    def set_look(self, metrics: Metrics, high_contrast: bool, voice: bool = False) -> None:
        """Text scale, theme and voice mode of the window: the page's chips, buttons and
        legend follow them like every Qt control (the page is told once it exists)."""
        self.look = (metrics, high_contrast, voice)
        self._push_look()

    def _push_look(self) -> None:
        if self.view is None or self.look is None:
            return
        from kiosk.map.page import MapDisplay  # the map is loaded once a view exists

        metrics, high_contrast, voice = self.look
        self.view.set_display(MapDisplay(text_px=metrics.body_px, button_px=metrics.control_px,
                                         gap_px=metrics.gap_px, high_contrast=high_contrast,
                                         compact=metrics.scale >= COMPACT_SCALE, voice=voice))

    def _announce(self, control: str, ident: str) -> None:
        """Voice mode: the page's first tap on a control or marker, said by the kiosk."""
        self.ctx.nav.poke()
        if self.view is None or self.speak is None:
            return
        from kiosk.ui.accessibility.map_voice import map_control_phrase

        sentence = map_control_phrase(control, ident, self.view.listings, self.view.filter,
                                      self.ctx.language())
        if sentence is not None:
            self.speak(sentence)

    def ensure_view(self) -> MapView | None:
        """Build the map once (the page then loads in the background, ready before use)."""
        if self.view is None and self.factory is not None:
            self.view = self.factory(self.ctx.metrics.px_per_mm)
            self.view.resourceTapped.connect(self._tapped)
            # A tap on a filter chip is a resident's; the visible list also changes when a
            # sync or a booking reloads the listings, so it never counts as activity (the
            # window sees real presses on the page's widget itself).
            self.view.filterChanged.connect(lambda _kinds: self.ctx.nav.poke())
            self.input = PageInput(self.view, lambda: self.ctx.nav.poke())
            self.view.controlAnnounced.connect(self._announce)
            self.placeholder.hide()
            self.box.insertWidget(0, self.view, 1)
            self._push_look()
        return self.view

    def enter(self, **params: Any) -> None:
        self.ensure_view()
        self.retranslate()
        self.refresh_listings()

    def refresh_listings(self) -> None:
        if self.view is None:
            return
        self.ctx.background.run(self.ctx.bookings.overview, self._got, lambda _exc: None)

    def _got(self, overviews: list[ResourceOverview]) -> None:
        if self.view is not None:
            self.view.set_listings(map_listings(overviews, list(self.ctx.hub.nearby())))

    def retranslate(self) -> None:
        self.placeholder.setText(tr("지도를 준비하고 있습니다…"))
        self.search_button.setText(tr("검색"))
        if self.view is not None and self.view.language != self.ctx.language():
            self.view.set_language(self.ctx.language())

    def set_portrait(self, portrait: bool) -> None:
        """Upright, the search button goes under the map (the page keeps the full width)."""
        super().set_portrait(portrait)
        self.box.setDirection(QBoxLayout.Direction.TopToBottom if portrait
                              else QBoxLayout.Direction.LeftToRight)
        self.side.setDirection(QBoxLayout.Direction.RightToLeft if portrait
                               else QBoxLayout.Direction.TopToBottom)

    def _tapped(self, resource_id: str) -> None:
        self.ctx.nav.go("detail", resource_id=resource_id)

    def clear(self) -> None:
        if self.view is not None:
            self.view.reset(self.ctx.settings.language)


