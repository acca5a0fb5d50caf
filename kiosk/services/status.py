"""What the desk shows about hub sync and kiosk heartbeats, as protocols others implement.

The desk only reads through these; until a source is wired in ``kiosk.app`` the panel
says plainly that nothing is connected.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True)
class SourceStatus:
    """One hub source (GBFS feed, Seoul Open API service, hub listings)."""

    name: str
    last_success: datetime | None
    last_error: str | None = None
    last_error_at: datetime | None = None
    quarantined_rows: int = 0


@dataclass(frozen=True)
class KioskHeartbeat:
    """One kiosk that shares the database: when it was last seen and what it runs."""

    kiosk_id: str
    label: str
    last_seen: datetime
    version: str
    uptime_s: int


class SyncStatusSource(Protocol):
    def sources(self) -> list[SourceStatus]: ...
    def sync_now(self, name: str) -> None: ...


class HeartbeatSource(Protocol):
    def heartbeats(self) -> list[KioskHeartbeat]: ...


class NotConnected:
    """The stand-in until sync and heartbeats are wired: empty, and says so."""

    connected = False

    def sources(self) -> list[SourceStatus]:
        return []

    def sync_now(self, name: str) -> None:
        raise RuntimeError("hub sync is not connected on this PC")

    def heartbeats(self) -> list[KioskHeartbeat]:
        return []
