"""Notices in and out of their table; the board's order is the domain's."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from kiosk.domain.notices import NewsItem, Notice
from kiosk.storage.notice_models import HubNewsRow, NoticeRow


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


class SqlHubNewsRepository:
    """A feed's news: a full snapshot replaces the source's items, a change set upserts
    and deletes; written in the sync's own transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def apply(self, source_id: str, items: Sequence[NewsItem], deleted: Sequence[str],
              complete: bool, now: datetime) -> None:
        sent = {i.external_id for i in items}
        gone = delete(HubNewsRow).where(HubNewsRow.source_id == source_id)
        if complete:
            self.session.execute(gone.where(HubNewsRow.external_id.not_in(sent))
                                 if sent else gone)
        elif deleted:
            self.session.execute(gone.where(HubNewsRow.external_id.in_(list(deleted))))
        for item in items:
            row = self.session.get(HubNewsRow, (source_id, item.external_id))
            if row is None:
                row = HubNewsRow(source_id=source_id, external_id=item.external_id)
                self.session.add(row)
            row.title_ko, row.title_en = item.title_ko, item.title_en
            row.summary_ko, row.summary_en = item.summary_ko, item.summary_en
            row.published, row.link, row.provider = item.published, item.link, item.provider
            row.updated_at = now
        self.session.flush()

    def latest(self, limit: int) -> list[NewsItem]:
        rows = self.session.scalars(select(HubNewsRow).order_by(
            HubNewsRow.published.desc(), HubNewsRow.source_id, HubNewsRow.external_id
        ).limit(limit))
        return [NewsItem(source_id=r.source_id, external_id=r.external_id,
                         title_ko=r.title_ko, summary_ko=r.summary_ko, published=r.published,
                         title_en=r.title_en, summary_en=r.summary_en, link=r.link,
                         provider=r.provider) for r in rows]
