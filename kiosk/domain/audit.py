"""Audit log entries: who changed what, when, and why."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class AuditEntry:
    """One change. ``details`` never holds a PIN or a full plate list."""

    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    details: dict[str, Any] = field(default_factory=dict)
    id: int | None = None
