"""The association's notices: written at the desk or the command line, read by kiosks."""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.domain.audit import AuditEntry
from kiosk.domain.bookings import Actor
from kiosk.domain.clock import to_local
from kiosk.domain.notices import NewsItem, Notice, board_order
from kiosk.services.ports import Clock, UnitOfWorkFactory

NEWS_SHOWN = 20
"""The newest hub news items a kiosk shows; older ones stay in the feed."""


class NoticeRefused(Exception):
    """A notice could not be written or removed; the message says why."""


@dataclass
class NoticeBoard:
    uow: UnitOfWorkFactory
    clock: Clock

    def post(self, notice: Notice, actor: Actor) -> Notice:
        """Store a notice (checked by the domain when it was made); audited."""
        if not actor.is_admin:
            raise NoticeRefused("only the association's desk may post notices")
        now = self.clock()
        with self.uow(write=True) as uow:
            stored = uow.notices.add(replace(notice, created_by=actor.label), now)
            assert stored.id is not None
            uow.audit.add(AuditEntry(now, actor.label, "notice.add", "notice", str(stored.id), {
                "title": stored.title_ko, "first_day": stored.first_day.isoformat(),
                "last_day": stored.last_day.isoformat() if stored.last_day else None,
                "pinned": stored.pinned, "image": stored.image is not None}))
            uow.commit()
        return stored

    def remove(self, notice_id: int, actor: Actor) -> Notice:
        if not actor.is_admin:
            raise NoticeRefused("only the association's desk may remove notices")
        now = self.clock()
        with self.uow(write=True) as uow:
            notice = uow.notices.get(notice_id)
            if notice is None or not uow.notices.remove(notice_id):
                raise NoticeRefused(f"there is no notice {notice_id}")
            uow.audit.add(AuditEntry(now, actor.label, "notice.remove", "notice",
                                     str(notice_id), {"title": notice.title_ko}))
            uow.commit()
        return notice

    def all(self, include_past: bool = False) -> list[Notice]:
        """Every notice not yet over (or all of them), newest first."""
        today = to_local(self.clock()).date()
        with self.uow() as uow:
            return uow.notices.list(None if include_past else today)

    def current(self) -> list[Notice]:
        """What the lobby shows today, in board order."""
        today = to_local(self.clock()).date()
        with self.uow() as uow:
            notices = uow.notices.list(today)
        return board_order(notices, today)

    def news(self, limit: int = NEWS_SHOWN) -> list[NewsItem]:
        """The hubs' newsletter items, newest first (synced with the listings)."""
        with self.uow() as uow:
            return uow.hub_news.latest(limit)
