"""One category, nearest first: distance, walking minutes, what is free now, status."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.domain.resources import ResourceKind
from kiosk.services.booking import ResourceOverview
from kiosk.ui.context import Screen, UiContext
from kiosk.ui.screens.entries import Entry, build_entries
from kiosk.ui.text import distance_text, kind_label, tr
from kiosk.ui.widgets import CardButton, clear_layout, label, scroll_area


class BrowseScreen(Screen):
    name = "browse"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        self.kind = ResourceKind.PARKING.value
        self.entries: list[Entry] | None = None
        self.rows: dict[str, CardButton] = {}
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(ctx.metrics.spacing(16))
        self.title = label(name="screenTitle")
        outer.addWidget(self.title)
        body = QWidget()
        self.list_box = QVBoxLayout(body)
        self.list_box.setContentsMargins(0, 0, 0, 0)
        self.list_box.setSpacing(ctx.metrics.spacing(16))
        self.scroll = scroll_area(body)
        outer.addWidget(self.scroll, 1)

    def enter(self, **params: Any) -> None:
        self.kind = str(params.get("kind", self.kind))
        self.entries = None
        self.retranslate()
        kind = self.kind
        self.ctx.background.run(lambda: self.ctx.bookings.overview(ResourceKind(kind)),
                                self._got, self._failed)

    def _got(self, overviews: list[ResourceOverview]) -> None:
        kiosk = (self.ctx.settings.kiosk_lat, self.ctx.settings.kiosk_lon)
        self.entries = build_entries(overviews, list(self.ctx.hub.nearby()), kiosk, self.kind)
        self.retranslate()
        self.ctx.nav.refit()

    def _failed(self, _exc: BaseException) -> None:
        from kiosk.ui.wording import unexpected_text

        self.entries = []
        self.ctx.nav.notify(unexpected_text())
        self.retranslate()

    def retranslate(self) -> None:
        kind = kind_label(ResourceKind(self.kind))
        self.title.setText(tr("{kind} · 가까운 순").format(kind=kind))
        clear_layout(self.list_box)
        self.rows = {}
        if self.entries is None:
            self.list_box.addWidget(label(tr("불러오는 중…"), "cardWhere"))
            return
        language = self.ctx.language()
        today = self.ctx.today()
        for entry in self.entries:
            row = CardButton(self.ctx.metrics, "resourceCard")
            row.add_line(entry.name(language), "cardTitle")
            row.add_line(f"{entry.where(language)} · {distance_text(entry.metres)}", "cardWhere")
            row.add_line(entry.free_text(today), "cardStale" if entry.stale
                         else "cardFree" if entry.usable_now else "cardUnavailable")
            row.clicked.connect(lambda _=False, e=entry: self._open(e))
            self.rows[entry.id] = row
            self.list_box.addWidget(row)
        if not self.entries:
            self.list_box.addWidget(label(tr("이 종류는 아직 등록된 곳이 없습니다."), "cardWhere"))
        self.list_box.addStretch(1)

    def _open(self, entry: Entry) -> None:
        self.ctx.nav.go("detail", resource_id=entry.id)
