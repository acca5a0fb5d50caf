"""Lockouts as events: what the desk is told, and the village-wide guessing rule.

A lockout of one secret is handled by ``kiosk.domain.credentials.after_wrong_try``. Two
patterns are not visible from one secret alone, so every lockout is also kept as an event:

- the same household, account or installer PIN locked again and again (escalated to a
  day-long lock, and the desk is told which one, where);
- many different households locked from one kiosk in a short time: someone is spreading
  guesses over the village (3-4 tries per household stay under each household's limit),
  so the desk is told that kiosk may be under a guessing attack.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from kiosk.domain.credentials import is_long_lock

SUSPECT_HOUSEHOLDS = 5
"""Different households locked from one kiosk within ``SUSPECT_WINDOW`` that make the
desk warn of a guessing attack. A family forgetting its PIN locks one household; five in
an hour at one lobby is not forgetfulness."""
SUSPECT_WINDOW = timedelta(hours=1)


class LockoutKind(StrEnum):
    HOUSEHOLD = "household"
    ACCOUNT = "account"
    INSTALLER = "installer"
    NEIGHBOUR = "neighbour"


@dataclass(frozen=True)
class LockoutEvent:
    """One lockout: of which secret (``subject``: 101-1203, a username, or the kiosk id
    for its installer PIN), where it happened, and for how long."""

    kind: LockoutKind
    subject: str
    kiosk_id: str
    locked_at: datetime
    locked_until: datetime

    @property
    def long(self) -> bool:
        return is_long_lock(self.locked_at, self.locked_until)


@dataclass(frozen=True)
class SuspectedKiosk:
    """A kiosk where ``SUSPECT_HOUSEHOLDS`` or more households were locked within
    ``SUSPECT_WINDOW``."""

    kiosk_id: str
    households: tuple[str, ...]
    first: datetime
    last: datetime


def running_long_locks(events: list[LockoutEvent], now: datetime) -> list[LockoutEvent]:
    """Escalated lockouts that still hold, newest first."""
    return sorted((e for e in events if e.long and e.locked_until > now),
                  key=lambda e: e.locked_at, reverse=True)


def suspected_kiosks(events: list[LockoutEvent], now: datetime) -> list[SuspectedKiosk]:
    """Kiosks with many different households locked in one window ending in the last
    ``SUSPECT_WINDOW`` (a sliding window, so a burst across the hour boundary counts)."""
    found: list[SuspectedKiosk] = []
    # Neighbour members type PINs at the same keypad: a guesser spreading tries over
    # them is the same attack (their subjects, N-0003, never collide with 101-1203).
    recent = [e for e in events if e.kind in (LockoutKind.HOUSEHOLD, LockoutKind.NEIGHBOUR)
              and now - e.locked_at <= 2 * SUSPECT_WINDOW]
    for kiosk_id in sorted({e.kiosk_id for e in recent}):
        here = sorted((e for e in recent if e.kiosk_id == kiosk_id), key=lambda e: e.locked_at)
        best: list[LockoutEvent] = []
        for index, last in enumerate(here):
            if now - last.locked_at > SUSPECT_WINDOW:
                continue
            window = [e for e in here[:index + 1]
                      if last.locked_at - e.locked_at <= SUSPECT_WINDOW]
            if len({e.subject for e in window}) > len({e.subject for e in best}):
                best = window
        households = tuple(dict.fromkeys(e.subject for e in best))
        if len(households) >= SUSPECT_HOUSEHOLDS:
            found.append(SuspectedKiosk(kiosk_id, households, best[0].locked_at,
                                        best[-1].locked_at))
    return found
