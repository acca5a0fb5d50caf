"""Builds a kiosk's installer-PIN gate on the database (called when the kiosk starts)."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Engine

from kiosk.config import Settings
from kiosk.domain.clock import utc_now
from kiosk.services.lockouts import InstallerGate
from kiosk.services.ports import UnitOfWorkFactory
from kiosk.storage.engine import session_factories
from kiosk.storage.unit_of_work import SqlUnitOfWorkFactory


def build_installer_gate(settings: Settings, engine: Engine) -> InstallerGate:
    """Wrong installer PINs are counted per kiosk in the shared database."""
    # The SQL repositories satisfy the ports structurally; mypy reads protocol attributes
    # as invariant, so the factory is named by its port here.
    uow = cast(UnitOfWorkFactory, SqlUnitOfWorkFactory(*session_factories(engine)))
    return InstallerGate(uow, utc_now,
                         settings.kiosk_id, settings.admin_pin_hash,
                         settings.admin_pin_max_attempts, settings.admin_lock_minutes)
