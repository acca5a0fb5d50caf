"""Tables of lockouts: every lockout as an event, and each kiosk's installer-PIN count."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.storage.models import Base


class LockoutEventRow(Base):
    """Kept so repeated lockouts escalate and the desk can see patterns across secrets."""

    __tablename__ = "lockout_events"
    __table_args__ = (
        Index("ix_lockout_events_subject", "kind", "subject", "locked_at"),
        Index("ix_lockout_events_locked_at", "locked_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))
    subject: Mapped[str] = mapped_column(String(60))
    kiosk_id: Mapped[str] = mapped_column(String(60))
    locked_at: Mapped[datetime]
    locked_until: Mapped[datetime]


class InstallerGateRow(Base):
    """Wrong installer PINs per kiosk: the count and lock survive a restart."""

    __tablename__ = "installer_gates"

    kiosk_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None]


__all__ = ["Base", "InstallerGateRow", "LockoutEventRow"]
