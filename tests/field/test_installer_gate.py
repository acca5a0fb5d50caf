"""The installer PIN's lock is kept in the database per kiosk: a restart does not reset
it, and repeated lockouts escalate to a day like every other secret."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt

from kiosk.config import Settings
from kiosk.domain.credentials import LONG_LOCK
from kiosk.domain.households import PinHasher
from kiosk.field.gate import build_installer_gate
from kiosk.services.lockouts import GateOutcome
from kiosk.ui.lockdown import AdminGate, AdminPinDialog

HASH = PinHasher(n=2**4).hash("2580")


def kiosk_gate(services: Any, clock: Any, kiosk_id: str = "lobby-101") -> AdminGate:
    """What a kiosk process builds at start (``FieldRuntime.start``), on the test clock."""
    settings = Settings(database_url=services.settings.effective_database_url,
                        kiosk_id=kiosk_id, admin_pin_hash=HASH)
    stored = build_installer_gate(settings, services.engine)
    stored.clock = clock
    return AdminGate(settings.admin_pin_hash, settings.admin_pin_max_attempts,
                     settings.admin_lock_minutes, clock=clock, stored=stored)


def test_wrong_tries_and_the_lock_survive_a_restart(services: Any, clock: Any) -> None:
    first = kiosk_gate(services, clock)
    assert first.try_pin("0000").remaining == 2
    assert first.try_pin("1111").remaining == 1
    restarted = kiosk_gate(services, clock)  # the plug was pulled: a new process
    result = restarted.try_pin("2222")
    assert result.outcome is GateOutcome.LOCKED
    assert result.locked_until == clock() + timedelta(minutes=15)
    again = kiosk_gate(services, clock)
    assert again.try_pin("2580").outcome is GateOutcome.LOCKED  # even the right PIN waits
    # Another kiosk on the same database keeps its own count.
    assert kiosk_gate(services, clock, "lobby-102").try_pin("2580").outcome is GateOutcome.OPEN
    clock.advance(minutes=16)
    assert kiosk_gate(services, clock).try_pin("2580").outcome is GateOutcome.OPEN
    # A good PIN clears the count: three fresh tries after it.
    assert kiosk_gate(services, clock).try_pin("0000").remaining == 2


def test_the_third_lock_in_a_day_lasts_a_day_across_restarts(services: Any,
                                                            clock: Any) -> None:
    for round_ in range(3):
        gate = kiosk_gate(services, clock)  # a restart before every round
        for _ in range(3):
            result = gate.try_pin("0000")
        assert result.outcome is GateOutcome.LOCKED and result.locked_until is not None
        length = result.locked_until - clock()
        assert length == (LONG_LOCK if round_ == 2 else timedelta(minutes=15)), round_
        clock.advance(minutes=20)
    clock.advance(hours=23)
    assert kiosk_gate(services, clock).try_pin("2580").outcome is GateOutcome.LOCKED
    clock.advance(hours=1)
    assert kiosk_gate(services, clock).try_pin("2580").outcome is GateOutcome.OPEN
    from kiosk.domain.lockouts import LockoutKind

    with services.bookings.uow() as uow:
        events = uow.lockouts.relevant(clock() - timedelta(days=2), clock())
    assert [(e.kind, e.subject, e.kiosk_id, e.long) for e in events] == [
        (LockoutKind.INSTALLER, "lobby-101", "lobby-101", False),
        (LockoutKind.INSTALLER, "lobby-101", "lobby-101", False),
        (LockoutKind.INSTALLER, "lobby-101", "lobby-101", True)]


def test_the_pin_pad_names_the_day_of_a_day_long_lock(qtbot: Any, services: Any,
                                                      clock: Any) -> None:
    for _ in range(2):
        gate = kiosk_gate(services, clock)
        for _ in range(3):
            gate.try_pin("0000")
        clock.advance(minutes=20)
    pad = AdminPinDialog(kiosk_gate(services, clock))
    qtbot.addWidget(pad)
    for _ in range(3):
        pad.enter("1234")
        qtbot.mouseClick(pad.ok, Qt.MouseButton.LeftButton)
    # 2026-11-23 09:40 Seoul + 24 h
    assert pad.message.text() == "너무 많이 틀렸습니다. 11-24 09:40까지 잠겼습니다."




def test_lockout_migration_keeps_heartbeats_and_downgrades(database_url: str) -> None:
    from alembic import command
    from sqlalchemy import inspect, text

    from kiosk.storage import migrate
    from kiosk.storage.engine import create_db_engine

    engine = create_db_engine(database_url)
    try:
        migrate.upgrade(engine, "0004")
        with engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO kiosk_heartbeat (kiosk_id, version, started_at, uptime_s, "
                "sync_state, last_seen) VALUES ('lobby-1', '0.1', '2026-11-23 00:00:00', 5, "
                "'', '2026-11-23 00:01:00')"))
        migrate.upgrade(engine, "0005")
        tables = set(inspect(engine).get_table_names())
        assert {"lockout_events", "installer_gates"} <= tables
        with engine.connect() as connection:
            assert connection.execute(text("SELECT status FROM kiosk_heartbeat")).all() == [("",)]
        config = migrate.alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0004")
        assert not {"lockout_events", "installer_gates"} & set(inspect(engine).get_table_names())
        columns = {c["name"] for c in inspect(engine).get_columns("kiosk_heartbeat")}
        assert "status" not in columns and "last_seen" in columns
    finally:
        engine.dispose()
