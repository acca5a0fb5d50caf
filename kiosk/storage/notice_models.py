"""The notices table: the association's board, shared by every kiosk on the database."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.storage.models import Base


class NoticeRow(Base):
    """A picture is kept in the row itself: kiosks share the database, not a folder."""

    __tablename__ = "notices"
    __table_args__ = (Index("ix_notices_days", "first_day", "last_day"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    title_ko: Mapped[str] = mapped_column(String(80))
    body_ko: Mapped[str] = mapped_column(Text)
    title_en: Mapped[str] = mapped_column(String(80), default="")
    body_en: Mapped[str] = mapped_column(Text, default="")
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date | None] = mapped_column(Date, nullable=True)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    image: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime]


class HubNewsRow(Base):
    """News items of hub feeds, kept per source as the feed last said them."""

    __tablename__ = "hub_news"
    __table_args__ = (Index("ix_hub_news_published", "published"),)

    source_id: Mapped[str] = mapped_column(String(60), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    title_ko: Mapped[str] = mapped_column(String(200))
    title_en: Mapped[str] = mapped_column(String(200), default="")
    summary_ko: Mapped[str] = mapped_column(Text, default="")
    summary_en: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[date] = mapped_column(Date)
    link: Mapped[str] = mapped_column(String(500), default="")
    provider: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[datetime]


__all__ = ["Base", "HubNewsRow", "NoticeRow"]
