"""Home (category tiles) and the attract view shown when nobody is using the kiosk."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QMouseEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout

from kiosk.domain.notices import NewsItem, Notice
from kiosk.domain.resources import ResourceKind
from kiosk.services.booking import ResourceOverview
from kiosk.ui.context import Screen, UiContext
from kiosk.ui.screens.entries import KIND_ORDER, Entry, build_entries
from kiosk.ui.screens.news import NoticeBoard
from kiosk.ui.text import distance_text, kind_label, tr, when_text
from kiosk.ui.touch import TouchMetrics
from kiosk.ui.widgets import CardButton, ReflowGrid, clear_layout, icon_for, label


class HomeTile(CardButton):
    """A category tile: icon, a big name and a smaller line that wraps."""

    def __init__(self, metrics: TouchMetrics, icon: QIcon) -> None:
        super().__init__(metrics, "tile")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(max(240, metrics.target), max(150, metrics.target))
        row = QHBoxLayout()
        row.setSpacing(24)
        picture = QLabel()
        picture.setPixmap(icon.pixmap(QSize(80, 80)))
        picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        row.addWidget(picture, 0, Qt.AlignmentFlag.AlignVCenter)
        lines = QVBoxLayout()
        lines.setSpacing(6)
        self.name = label(name="tileName")
        self.line = label(name="tileLine")
        for widget in (self.name, self.line):
            widget.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            lines.addWidget(widget)
        row.addLayout(lines, 1)
        self.box.addStretch(1)
        self.box.addLayout(row)
        self.box.addStretch(1)

    def set_texts(self, name: str, line: str) -> None:
        self.name.setText(name)
        self.line.setText(line)

    def text(self) -> str:  # what a screen reader or a test reads
        return f"{self.name.text()} {self.line.text()}"


def closed_until(entries: list[Entry], kind: str) -> datetime | None:
    """When every village resource of a kind is closed by its hours (night, a holiday)
    and nothing of the kind is usable: the earliest next opening. Otherwise None."""
    mine = [e for e in entries if e.kind == kind]
    if not mine or any(e.usable_now for e in mine):
        return None
    closed = [e.overview for e in mine if e.overview is not None
              and e.overview.resource.bookable and e.overview.resource.in_service
              and not e.overview.open_now]
    openings = [o.opens_at for o in closed if o.opens_at is not None]
    return min(openings) if openings else None


class HomeScreen(Screen):
    """Big tiles: 주차, 자전거, 공간, 물품, 지도, 검색, 마을 소식, 내 예약."""

    name = "home"
    shows_back = False

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(ctx.metrics.spacing(20))
        self.prompt = label(name="screenTitle")
        outer.addWidget(self.prompt)
        # Three tiles a row (two upright); fewer when large text makes a tile wider.
        self.grid = ReflowGrid(max_columns=3, spacing=ctx.metrics.spacing(24))
        outer.addLayout(self.grid, 1)
        self.tiles: dict[str, HomeTile] = {}
        for kind in KIND_ORDER:
            self.tiles[kind.value] = self._tile(kind.value, icon_for(kind.value),
                                                lambda k=kind.value: ctx.nav.go("browse", kind=k))
        self.tiles["map"] = self._tile("map", icon_for("here"), lambda: ctx.nav.go("map"))
        self.tiles["search"] = self._tile("search", icon_for("search"),
                                          lambda: ctx.nav.go("search"))
        self.tiles["news"] = self._tile("news", icon_for("news"), lambda: ctx.nav.go("news"))
        self.tiles["mine"] = self._tile("mine", icon_for("recenter"), self._mine)
        self.free: dict[str, int] = {}
        self.opens: dict[str, datetime] = {}
        self.notices: list[Notice | NewsItem] | None = None
        """The association's notices first, then the hubs' news."""
        self._layout_tiles()

    def _tile(self, key: str, icon: Any, on_click: Any) -> HomeTile:
        tile = HomeTile(self.ctx.metrics, icon)
        tile.clicked.connect(lambda _checked=False: on_click())
        tile.setProperty("tileKey", key)
        return tile

    def _mine(self) -> None:
        self.ctx.session.purpose = "mine"
        self.ctx.nav.go("identify", purpose="mine")

    def _layout_tiles(self) -> None:
        if not self.grid.count():
            for tile in self.tiles.values():
                self.grid.addWidget(tile)
        self.grid.set_max_columns(2 if self.portrait else 3)

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self._layout_tiles()

    def enter(self, **params: Any) -> None:
        self.retranslate()
        self.ctx.background.run(self.ctx.bookings.overview, self._got_overview,
                                lambda _exc: None)
        source = self.ctx.notices
        self.ctx.background.run(lambda: [*source.current(), *source.news()],
                                self._got_notices, lambda _exc: None)

    def _got_notices(self, notices: list[Notice | NewsItem]) -> None:
        self.notices = notices
        self.retranslate()

    def _got_overview(self, overviews: list[ResourceOverview]) -> None:
        listings = list(self.ctx.hub.nearby())
        entries = build_entries(overviews, listings, self._kiosk())
        self.free = {kind.value: sum(1 for e in entries if e.kind == kind.value and e.usable_now)
                     for kind in KIND_ORDER}
        self.opens = {kind.value: opens for kind in KIND_ORDER
                      if (opens := closed_until(entries, kind.value)) is not None}
        self.retranslate()

    def _kiosk(self) -> tuple[float, float]:
        return (self.ctx.settings.kiosk_lat, self.ctx.settings.kiosk_lon)

    def retranslate(self) -> None:
        self.prompt.setText(tr("무엇을 찾으세요? 화면을 눌러 고르세요."))
        for kind in KIND_ORDER:
            count = self.free.get(kind.value)
            opens = self.opens.get(kind.value)
            if not count and opens is not None:
                line = tr("지금은 운영 시간이 아닙니다 · {when}부터").format(
                    when=when_text(opens, self.ctx.today()))
            elif count is not None:
                line = tr("지금 {n}곳 이용 가능").format(n=count)
            else:
                line = tr("살펴보기")
            self.tiles[kind.value].set_texts(kind_label(kind), line)
        self.tiles["map"].set_texts(tr("지도"), tr("가까운 곳을 지도로 보기"))
        self.tiles["search"].set_texts(tr("검색"), tr("이름이나 초성으로 찾기"))
        if self.notices:
            news = tr("{n}건 · {t}").format(n=len(self.notices),
                                            t=self.notices[0].title(self.ctx.language()))
        else:
            news = tr("새 소식 없음") if self.notices is not None else tr("살펴보기")
        self.tiles["news"].set_texts(tr("마을 소식"), news)
        self.tiles["mine"].set_texts(tr("내 예약"), tr("확인 · 체크인 · 취소"))


ATTRACT_WITH_NOTICES = {False: 2, True: 4}
"""Places shown beside the board, landscape and portrait: one row and two rows."""


class AttractScreen(Screen):
    """What is free right now nearby, in big type; any touch wakes the kiosk."""

    name = "attract"
    shows_back = False

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(ctx.metrics.spacing(20))
        self.title = label(name="attractTitle")
        outer.addWidget(self.title)
        self.board = NoticeBoard(ctx)
        outer.addWidget(self.board)
        self.list_box = ReflowGrid(max_columns=2, spacing=ctx.metrics.spacing(16))
        outer.addLayout(self.list_box)
        outer.addStretch(1)
        self.touch = label(name="attractTouch")
        self.touch.setAlignment(Qt.AlignmentFlag.AlignCenter)
        outer.addWidget(self.touch)
        self.entries: list[Entry] = []

    def enter(self, **params: Any) -> None:
        self.retranslate()
        self.ctx.background.run(self.ctx.bookings.overview, self._got, lambda _exc: None)
        self.ctx.background.run(self.ctx.notices.current, self._got_notices,
                                lambda _exc: None)

    def _got_notices(self, notices: list[Notice]) -> None:
        self.board.show_notices(notices)
        self.retranslate()

    def leave(self) -> None:
        self.board.stop()

    def _got(self, overviews: list[ResourceOverview]) -> None:
        entries = build_entries(overviews, list(self.ctx.hub.nearby()),
                                (self.ctx.settings.kiosk_lat, self.ctx.settings.kiosk_lon))
        self.entries = [e for e in entries if e.usable_now and e.kind != ResourceKind.OTHER][:6]
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(tr("지금 바로 이용할 수 있어요"))
        self.touch.setText(tr("화면을 누르면 시작합니다"))
        clear_layout(self.list_box)
        language = self.ctx.language()
        today = self.ctx.today()
        # With notices on the board, fewer places: both stay readable, nothing overlaps.
        shown = (ATTRACT_WITH_NOTICES[self.portrait] if self.board.notices else None)
        for entry in self.entries[:shown]:
            row = CardButton(self.ctx.metrics, "attractCard")
            row.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            row.add_line(f"{kind_label(ResourceKind(entry.kind))} · {entry.name(language)}",
                         "cardTitle")
            row.add_line(f"{entry.free_text(today)} · {distance_text(entry.metres)}", "cardFree")
            self.list_box.addWidget(row)
        self.list_box.set_max_columns(1 if self.portrait else 2)
        if not self.entries:
            self.list_box.addWidget(label(tr("지금은 비어 있는 곳이 없습니다"), "cardWhere"))

    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self.retranslate()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.ctx.nav.go_home()
        event.accept()


