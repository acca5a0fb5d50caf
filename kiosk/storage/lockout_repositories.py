"""Repositories for lockout events and installer gates (rules live in the domain)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.lockouts import LockoutEvent, LockoutKind
from kiosk.storage.lockout_models import InstallerGateRow, LockoutEventRow


class SqlLockoutRepository:
    """Implements ``kiosk.services.ports.LockoutRepository``."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, event: LockoutEvent) -> None:
        self.session.add(LockoutEventRow(kind=event.kind.value, subject=event.subject,
                                         kiosk_id=event.kiosk_id, locked_at=event.locked_at,
                                         locked_until=event.locked_until))
        self.session.flush()

    def count_since(self, kind: LockoutKind, subject: str, since: datetime) -> int:
        return int(self.session.scalar(
            select(func.count()).select_from(LockoutEventRow).where(
                LockoutEventRow.kind == kind.value, LockoutEventRow.subject == subject,
                LockoutEventRow.locked_at >= since)) or 0)

    def relevant(self, since: datetime, now: datetime) -> list[LockoutEvent]:
        """Lockouts that began since ``since`` or still hold at ``now``."""
        rows = self.session.scalars(select(LockoutEventRow).where(
            (LockoutEventRow.locked_at >= since) | (LockoutEventRow.locked_until > now)
        ).order_by(LockoutEventRow.locked_at))
        return [LockoutEvent(LockoutKind(r.kind), r.subject, r.kiosk_id, r.locked_at,
                             r.locked_until) for r in rows]


class SqlInstallerGateRepository:
    """Implements ``kiosk.services.ports.InstallerGateRepository``."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, kiosk_id: str, for_update: bool = False) -> tuple[int, datetime | None]:
        query = select(InstallerGateRow).where(InstallerGateRow.kiosk_id == kiosk_id)
        if for_update:
            query = query.with_for_update()
        row = self.session.scalars(query).first()
        return (0, None) if row is None else (row.failed_attempts, row.locked_until)

    def save(self, kiosk_id: str, failed_attempts: int, locked_until: datetime | None) -> None:
        row = self.session.get(InstallerGateRow, kiosk_id)
        if row is None:
            row = InstallerGateRow(kiosk_id=kiosk_id)
            self.session.add(row)
        row.failed_attempts, row.locked_until = failed_attempts, locked_until
        self.session.flush()
