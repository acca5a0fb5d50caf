"""Search by name on an on-screen Korean keypad: the village's resources and the hub's
listings, nearest first, found as the resident types (initial consonants work too)."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.domain.hangul import HangulComposer
from kiosk.domain.owners import Owner
from kiosk.domain.resources import ResourceKind
from kiosk.domain.search import Candidate, search
from kiosk.map.listing import KINDS
from kiosk.services.booking import ResourceOverview
from kiosk.ui.context import Screen, UiContext
from kiosk.ui.hangul_keypad import HangulKeypad
from kiosk.ui.screens.entries import Entry, build_entries
from kiosk.ui.text import distance_text, kind_label, tr
from kiosk.ui.widgets import CardButton, clear_layout, label, scroll_area

MAX_SHOWN = 30
"""Cards drawn at once; more letters narrow the list (a long list only scrolls)."""
MAX_SHOWN_LARGE = 6
"""With large text a card is several times taller and the whole screen scrolls."""
LISTING_WORDS = ("service_ko", "service_en", "system", "station_no", "category", "kind",
                 "address")
"""What else a hub listing is found by (as ``kiosk.services.search`` does)."""


def owner_of(entry: Entry) -> Owner | None:
    if entry.overview is not None:
        return entry.overview.owner or entry.overview.resource.owner
    return entry.listing.owner if entry.listing is not None else None


def candidate(entry: Entry) -> Candidate[Entry]:
    """One place of the list as the search sees it: names, kind, owner, address, words."""
    if entry.overview is not None:
        resource = entry.overview.resource
        where = resource.location
        return Candidate(item=entry, id=entry.id, source=resource.source, kind=entry.kind,
                         name_ko=resource.name_ko, name_en=resource.name_en,
                         address=where.address, owner=owner_of(entry),
                         distance_m=entry.metres,
                         words=tuple(w for w in (where.where_ko, where.where_en) if w))
    assert entry.listing is not None
    listing = entry.listing
    facts = listing.facts
    return Candidate(item=entry, id=entry.id, source="hub", kind=entry.kind,
                     name_ko=listing.name_ko, name_en=listing.name_en, owner=listing.owner,
                     distance_m=entry.metres,
                     words=tuple(str(facts[k]) for k in LISTING_WORDS if facts.get(k)))


class SearchScreen(Screen):
    """The typed text above the keypad; the places found beside it (below it, upright)."""

    name = "search"

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx)
        m = ctx.metrics
        self.composer = HangulComposer(max_keys=40)
        self.candidates: list[Candidate[Entry]] | None = None
        self.found: list[Entry] = []
        self.rows: dict[str, CardButton] = {}
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(m.spacing(32))
        self.typing = QVBoxLayout()
        self.typing.setSpacing(m.spacing(16))
        self.title = label(name="screenTitle")
        self.field = QLabel()
        self.field.setObjectName("plateDisplay")
        self.field.setTextFormat(Qt.TextFormat.RichText)  # only keypad text, escaped
        self.field.setWordWrap(True)
        self.field.setMinimumHeight(m.target)
        self.keypad = HangulKeypad(m)
        self.keypad.typed.connect(self._typed)
        self.keypad.erase.connect(self._erase)
        self.keypad.clear_all.connect(self._clear_all)
        self.keypad.relabelled.connect(self.ctx.nav.refit)
        self.typing.addWidget(self.title)
        self.typing.addWidget(self.field)
        self.typing.addWidget(self.keypad)
        self.typing.addStretch(1)
        self.summary = label(name="sectionHeading")
        body = QWidget()
        self.list_box = QVBoxLayout(body)
        self.list_box.setContentsMargins(0, 0, 0, 0)
        self.list_box.setSpacing(m.spacing(16))
        self.scroll = scroll_area(body)
        # Beside the keys in landscape; between the field and the keys upright.
        self.side = QVBoxLayout()
        self.side.setSpacing(m.spacing(12))
        self.side.addWidget(self.summary)
        self.side.addWidget(self.scroll, 1)
        self.box.addLayout(self.typing, 3)
        self.box.addLayout(self.side, 2)
        self.stacked = (False, False)

    # ---------------------------------------------------------------- layout
    def set_portrait(self, portrait: bool) -> None:
        super().set_portrait(portrait)
        self._arrange()

    def _arrange(self) -> None:
        """Landscape: the places in a column beside the keys. Upright they come between
        the field and the keypad (the eyes go from the words to what they found, the hands
        stay low); with large text, on any panel, under the keys (a column beside them
        would make each card too tall to read whole)."""
        large = self.ctx.text_scale > 1
        stacked = self.portrait or large
        if (stacked, large) == self.stacked:
            return
        self.stacked = (stacked, large)
        for widget in (self.summary, self.scroll):
            self.side.removeWidget(widget)
            self.typing.removeWidget(widget)
        if stacked:
            # With large text not everything fits the glass: the field and the keys stay
            # together at the top, the places follow (the screen scrolls to them).
            at = 3 if large else 2
            self.box.setDirection(QBoxLayout.Direction.TopToBottom)
            self.typing.insertWidget(at, self.summary)
            self.typing.insertWidget(at + 1, self.scroll, 1)
        else:
            self.box.setDirection(QBoxLayout.Direction.LeftToRight)
            self.side.addWidget(self.summary)
            self.side.addWidget(self.scroll, 1)
        # The room left over goes to the places when stacked, under the keys otherwise.
        self.typing.setStretch(self.typing.count() - 1, 0 if stacked else 1)
        self.scroll.setMinimumHeight(self.ctx.metrics.mm(70) if stacked else 0)

    # ------------------------------------------------------------ life cycle
    def enter(self, **params: Any) -> None:
        if not params.get("keep"):
            self.composer.clear()
            self.keypad.set_mode("en" if self.ctx.language() == "en" else "ko")
        self.candidates = None
        self.retranslate()
        self.ctx.background.run(self.ctx.bookings.overview, self._got, self._failed)

    def _got(self, overviews: list[ResourceOverview]) -> None:
        kiosk = (self.ctx.settings.kiosk_lat, self.ctx.settings.kiosk_lon)
        entries = build_entries(overviews, list(self.ctx.hub.nearby()), kiosk)
        self.candidates = [candidate(e) for e in entries]
        self._search()

    def _failed(self, _exc: BaseException) -> None:
        from kiosk.ui.wording import unexpected_text

        self.candidates = []
        self.ctx.nav.notify(unexpected_text())
        self._search()

    def clear(self) -> None:
        self.composer.clear()
        self.found = []
        self.keypad.set_mode("ko")

    # ----------------------------------------------------------------- typing
    def _typed(self, key: str) -> None:
        self.composer.type(key)
        self._search()

    def _erase(self) -> None:
        self.composer.backspace()
        self._search()

    def _clear_all(self) -> None:
        self.composer.clear()
        self._search()

    @property
    def query(self) -> str:
        return self.composer.text

    def _search(self) -> None:
        if self.candidates is not None:
            self.found = [hit.item for hit in search(self.candidates, self.query)]
        self.retranslate()
        self.ctx.nav.refit()

    # ----------------------------------------------------------------- texts
    def _show_field(self) -> None:
        """The text typed so far; the syllable still being composed is underlined."""
        composing = self.composer.composing
        done = self.query[:len(self.query) - len(composing)]
        if not self.query:
            hint = escape(tr("이름이나 초성을 누르세요 (예: ㄱㅇ)"))
            self.field.setText(f'<span style="font-weight:400">{hint}</span>')
            return
        shown = escape(done).replace(" ", "&nbsp;")
        if composing:
            shown += f"<u>{escape(composing)}</u>"
        self.field.setText(shown + "▏")

    def retranslate(self) -> None:
        self._arrange()  # the text size may have changed
        self.title.setText(tr("이름으로 찾기"))
        self.keypad.set_scale(self.ctx.text_scale)
        self.keypad.retranslate()
        self._show_field()
        clear_layout(self.list_box)
        self.rows = {}
        if self.candidates is None:
            self.summary.setText(tr("불러오는 중…"))
            return
        if not self.found:
            self.summary.setText(tr("찾는 곳이 없습니다"))
            self.list_box.addWidget(label(tr("글자를 지우거나 초성만 눌러 보세요."),
                                          "cardWhere"))
            self.list_box.addStretch(1)
            return
        if self.query.strip():
            self.summary.setText(tr("{n}곳 찾음 · 가까운 순").format(n=len(self.found)))
        else:
            self.summary.setText(tr("가까운 곳 {n}곳 · 글자를 누르면 좁혀집니다").format(
                n=len(self.found)))
        language = self.ctx.language()
        today = self.ctx.today()
        shown = MAX_SHOWN if self.ctx.text_scale <= 1 else MAX_SHOWN_LARGE
        for entry in self.found[:shown]:
            row = CardButton(self.ctx.metrics, "resourceCard")
            row.add_line(entry.name(language), "cardTitle")
            kind = kind_label(ResourceKind(entry.kind if entry.kind in KINDS else "other"))
            owner = owner_of(entry)
            parts = [kind, *([owner.display_name(language)] if owner else []),
                     distance_text(entry.metres)]
            row.add_line(" · ".join(parts), "cardWhere")
            row.add_line(entry.free_text(today), "cardStale" if entry.stale
                         else "cardFree" if entry.usable_now else "cardUnavailable")
            row.clicked.connect(lambda _=False, e=entry: self._open(e))
            self.rows[entry.id] = row
            self.list_box.addWidget(row)
        if len(self.found) > shown:
            self.list_box.addWidget(label(tr("{n}곳 더 있습니다. 글자를 더 누르면 좁혀집니다.")
                                          .format(n=len(self.found) - shown), "cardWhere"))
        self.list_box.addStretch(1)

    def _open(self, entry: Entry) -> None:
        self.ctx.nav.go("detail", resource_id=entry.id)
