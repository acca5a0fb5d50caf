"""What every screen shares: services, the session being entered, and navigation."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from PySide6.QtWidgets import QWidget

from kiosk.config import Settings
from kiosk.domain.bookings import Actor
from kiosk.domain.clock import to_local
from kiosk.domain.events import EventSeats, SignupRefusal, SignupRefused
from kiosk.domain.notices import NewsItem, Notice
from kiosk.domain.resources import Resource
from kiosk.services.booking import BookingService, VerifiedHousehold, VerifiedNeighbour
from kiosk.ui.background import Background
from kiosk.ui.hub import HubListings
from kiosk.ui.touch import TouchMetrics


class NoticeSource(Protocol):
    """Where the kiosk reads the association's board (the notice service)."""

    def current(self) -> list[Notice]: ...

    def news(self) -> list[NewsItem]: ...


class NoNotices:
    """A kiosk built without a board (tests of other screens)."""

    def current(self) -> list[Notice]:
        return []

    def news(self) -> list[NewsItem]:
        return []


class EventSource(Protocol):
    """Village events with seats (the event service)."""

    def upcoming(self) -> list[EventSeats]: ...
    def seats(self, event_id: int) -> EventSeats: ...
    def signed_up(self, household_id: int) -> set[int]: ...
    def sign_up(self, event_id: int, household_id: int, actor: Actor) -> EventSeats: ...
    def withdraw(self, event_id: int, household_id: int, actor: Actor) -> EventSeats: ...


class NoEvents:
    """A kiosk built without events (tests of other screens)."""

    def upcoming(self) -> list[EventSeats]:
        return []

    def seats(self, event_id: int) -> EventSeats:
        raise SignupRefused(SignupRefusal.NO_EVENT, str(event_id))

    def signed_up(self, household_id: int) -> set[int]:
        return set()

    def sign_up(self, event_id: int, household_id: int, actor: Actor) -> EventSeats:
        raise SignupRefused(SignupRefusal.NO_EVENT, str(event_id))

    def withdraw(self, event_id: int, household_id: int, actor: Actor) -> EventSeats:
        raise SignupRefused(SignupRefusal.NO_EVENT, str(event_id))


@dataclass
class Session:
    """Everything one resident entered; wiped on idle and after each receipt.

    The PIN is never stored here: the keypad hands it to the service and clears it.
    """

    purpose: str = "book"  # "book", "mine" or "event"
    resource: Resource | None = None
    start: datetime | None = None
    end: datetime | None = None
    household: VerifiedHousehold | None = None
    neighbour: VerifiedNeighbour | None = None
    """A neighbour member from outside the complex, verified instead of a household."""
    plate: str | None = None
    event_id: int | None = None

    @property
    def verified(self) -> bool:
        """A household or a neighbour member has typed a correct PIN."""
        return self.household is not None or self.neighbour is not None

    def party_name(self, language: str) -> str:
        """How the screens name who is booking: ``101동 13**호`` or ``이웃 N-0001 홍*동``."""
        if self.household is not None:
            return self.household.masked_en if language == "en" else self.household.masked_ko
        if self.neighbour is not None:
            return self.neighbour.label_en if language == "en" else self.neighbour.label_ko
        return ""

    def clear(self) -> None:
        self.purpose = "book"
        self.resource = None
        self.start = None
        self.end = None
        self.household = None
        self.neighbour = None
        self.plate = None
        self.event_id = None


class Navigator(Protocol):
    def go(self, name: str, **params: Any) -> None: ...

    def back(self) -> None: ...

    def go_home(self) -> None: ...

    def end_session(self) -> None: ...

    def notify(self, text: str, kind: str = "error") -> None: ...

    def clear_notice(self) -> None: ...

    def poke(self) -> None: ...

    def refit(self) -> None:
        """A screen's content arrived: size its controls for the current text scale."""


@dataclass
class UiContext:
    settings: Settings
    bookings: BookingService
    hub: HubListings
    metrics: TouchMetrics
    background: Background
    nav: Navigator
    language: Callable[[], str]
    notices: NoticeSource = field(default_factory=NoNotices)
    events: EventSource = field(default_factory=NoEvents)
    session: Session = field(default_factory=Session)
    text_scale: float = 1.0

    def scaled(self, px: int) -> int:
        """A height that grows with the text-size setting, so bigger text is not clipped."""
        return round(px * self.text_scale)

    @property
    def actor(self) -> Actor:
        return Actor("kiosk", self.settings.kiosk_id)

    def now(self) -> datetime:
        return self.bookings.clock()

    def today(self) -> date:
        return to_local(self.now()).date()


class Screen(QWidget):
    """One page of the stack. Subclasses fill ``enter``, ``retranslate`` and ``clear``."""

    name = ""
    shows_back = True

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName(f"screen_{self.name}")
        self.portrait = False

    def enter(self, **params: Any) -> None:
        """Called each time the screen is shown; ``params`` come from ``Navigator.go``."""
        self.retranslate()

    def leave(self) -> None:
        """Called when another screen takes this one's place (timers stop here)."""

    def retranslate(self) -> None:
        """Set every visible text again in the current language."""

    def clear(self) -> None:
        """Forget everything entered (idle reset)."""

    def set_portrait(self, portrait: bool) -> None:
        self.portrait = portrait
