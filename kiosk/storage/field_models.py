"""Tables for running kiosks in the field: one heartbeat row per kiosk."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.storage.models import Base


class KioskHeartbeatRow(Base):
    """Overwritten every minute by its kiosk; the association's app reads all of them."""

    __tablename__ = "kiosk_heartbeat"

    kiosk_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    started_at: Mapped[datetime]
    uptime_s: Mapped[int] = mapped_column(Integer)
    last_touch: Mapped[datetime | None]
    database_bytes: Mapped[int | None] = mapped_column(BigInteger)
    free_disk_bytes: Mapped[int | None] = mapped_column(BigInteger)
    sync_state: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(Text, default="", server_default="")
    last_seen: Mapped[datetime]
