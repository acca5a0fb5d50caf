"""Notices in and out of their table; the board's order is the domain's."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from kiosk.domain.notices import Notice
from kiosk.storage.notice_models import NoticeRow


def notice_from_row(row: NoticeRow) -> Notice:
    return Notice(title_ko=row.title_ko, body_ko=row.body_ko, first_day=row.first_day,
                  last_day=row.last_day, title_en=row.title_en, body_en=row.body_en,
                  pinned=row.pinned, image=row.image, created_by=row.created_by,
                  created_at=row.created_at, id=row.id)


class SqlNoticeRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, notice: Notice, now: datetime) -> Notice:
        row = NoticeRow(title_ko=notice.title_ko, body_ko=notice.body_ko,
                        title_en=notice.title_en, body_en=notice.body_en,
                        first_day=notice.first_day, last_day=notice.last_day,
                        pinned=notice.pinned, image=notice.image,
                        created_by=notice.created_by, created_at=now)
        self.session.add(row)
        self.session.flush()
        return notice_from_row(row)

    def get(self, notice_id: int) -> Notice | None:
        row = self.session.get(NoticeRow, notice_id)
        return notice_from_row(row) if row else None

    def remove(self, notice_id: int) -> bool:
        result = self.session.execute(delete(NoticeRow).where(NoticeRow.id == notice_id))
        return bool(getattr(result, "rowcount", 0))

    def list(self, showing_on: date | None = None) -> list[Notice]:
        """All notices, or those still to be shown on or after ``showing_on``."""
        query = select(NoticeRow).order_by(NoticeRow.first_day.desc(), NoticeRow.id.desc())
        if showing_on is not None:
            query = query.where(or_(NoticeRow.last_day.is_(None),
                                    NoticeRow.last_day >= showing_on))
        return [notice_from_row(r) for r in self.session.scalars(query)]
