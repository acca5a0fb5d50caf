"""The secret PIN key on real databases: created 0600 at first start, matched against the
database's key id, sealing old hashes, shared by every service on one database."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from kiosk.app import Services, build_services
from kiosk.config import PIN_KEY_ENV, Settings
from kiosk.domain.bookings import Actor
from kiosk.domain.credentials import KEYED_SCHEME, key_fingerprint
from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.domain.households import Household, PinHasher
from kiosk.storage import migrate
from kiosk.storage.engine import create_db_engine
from kiosk.storage.models import HouseholdRow
from kiosk.storage.pin_key import read_key, stored_key_id

CHEAP = 2**4
WHEN = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _key_from_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests name the key file in the settings, as an installation does."""
    monkeypatch.delenv(PIN_KEY_ENV, raising=False)


def start(url: str, key: Path) -> Services:
    """A kiosk's start on ``url`` with its key at ``key``, hashing at the cheap cost."""
    svc = build_services(Settings(database_url=url, pin_key_file=key))
    svc.bookings = replace(svc.bookings, clock=lambda: WHEN,
                           hasher=replace(svc.bookings.hasher, n=CHEAP))
    svc.village = replace(svc.village, clock=lambda: WHEN,
                          hasher=replace(svc.village.hasher, n=CHEAP))
    return svc


def add_household(svc: Services, unit: str, pin: str) -> None:
    with svc.bookings.uow(write=True) as uow:
        uow.households.add(Household("101", unit, svc.village.hasher.hash(pin)), WHEN)
        uow.commit()


def stored_hashes(url: str) -> dict[str, str]:
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            return {u: h for u, h in connection.execute(
                select(HouseholdRow.unit, HouseholdRow.pin_hash))}
    finally:
        engine.dispose()


def failed_attempts(svc: Services, unit: str) -> int:
    with svc.bookings.uow() as uow:
        household = uow.households.find("101", unit)
        assert household is not None
        return household.failed_attempts


def test_first_start_creates_a_private_key_whatever_the_umask(
        database_url: str, tmp_path: Path) -> None:
    key_path = tmp_path / "config" / "pin.key"
    old = os.umask(0)
    try:
        svc = start(database_url, key_path)
    finally:
        os.umask(old)
    try:
        assert stat.S_IMODE(key_path.stat().st_mode) == 0o600
        assert stat.S_IMODE(key_path.parent.stat().st_mode) == 0o700
        key = read_key(key_path)
        assert key is not None and len(key) == 32
        assert svc.pin_key is not None and svc.pin_key.created and not svc.pin_key.problem
        assert stored_key_id(svc.engine) == key_fingerprint(key)
        assert key.hex() not in str(stored_key_id(svc.engine))
        add_household(svc, "1203", "4821")
        assert stored_hashes(database_url)["1203"].startswith(KEYED_SCHEME + "$")
        assert svc.bookings.verify_household("101", "1203", "4821").label == "101-1203"
    finally:
        svc.close()
    again = start(database_url, key_path)  # the second start keeps the same key
    try:
        assert again.pin_key is not None and not again.pin_key.created
        assert read_key(key_path) == key
        assert again.bookings.verify_household("101", "1203", "4821").label == "101-1203"
    finally:
        again.close()


def test_plain_hashes_of_an_older_database_are_sealed_and_still_verify(
        database_url: str, tmp_path: Path) -> None:
    engine = create_db_engine(database_url)
    migrate.upgrade(engine, "0005")  # a village from before the key
    plain = PinHasher(n=CHEAP)
    rows: list[dict[str, Any]] = [
        {"building": "101", "unit": unit, "pin_hash": plain.hash(pin), "active": True,
         "failed_attempts": 0, "locked_until": None, "plates": [], "created_at": WHEN,
         "updated_at": WHEN}
        for unit, pin in (("1203", "1203"), ("302", "0302"))]
    with engine.begin() as connection:
        connection.execute(insert(HouseholdRow), rows)
    engine.dispose()

    svc = start(database_url, tmp_path / "pin.key")
    try:
        assert svc.pin_key is not None and svc.pin_key.sealed == 2
        hashes = stored_hashes(database_url)
        assert all(h.startswith(KEYED_SCHEME + "$") for h in hashes.values())
        assert svc.bookings.verify_household("101", "1203", "1203").label == "101-1203"
        assert svc.bookings.verify_household("101", "302", "0302").label == "101-302"
        with pytest.raises(BookingRefused) as wrong:
            svc.bookings.verify_household("101", "302", "0303")
        assert wrong.value.reason is Refusal.WRONG_PIN
    finally:
        svc.close()
    # The old plain values no longer open anything, and the key alone cannot find PINs.
    key = read_key(tmp_path / "pin.key")
    assert key is not None
    for unit, old in zip(("1203", "302"), (r["pin_hash"] for r in rows), strict=True):
        assert not PinHasher(n=CHEAP, key=key).matches(unit.zfill(4), old)


@pytest.mark.logs_errors(r"pin_key_unavailable: the PIN key file .*missing.* restore pin\.key",
                         r"pin_key_unavailable: the PIN key file .*holds key")
def test_a_copied_database_without_its_key_refuses_every_pin_and_counts_none(
        database_url: str, tmp_path: Path) -> None:
    svc = start(database_url, tmp_path / "village" / "pin.key")
    add_household(svc, "1203", "4821")
    svc.close()

    copied = start(database_url, tmp_path / "thief" / "pin.key")  # no key there
    try:
        assert copied.pin_key is not None and "missing" in copied.pin_key.problem
        assert not (tmp_path / "thief" / "pin.key").exists()  # never a new, wrong key
        with pytest.raises(BookingRefused) as refused:
            copied.bookings.verify_household("101", "1203", "4821")
        assert refused.value.reason is Refusal.PIN_KEY_UNAVAILABLE
        assert "restore pin.key" in str(refused.value)
        assert failed_attempts(copied, "1203") == 0  # a resident is not locked out for it
    finally:
        copied.close()

    other = tmp_path / "other" / "pin.key"
    other.parent.mkdir()
    other.write_text(os.urandom(32).hex())
    wrong = start(database_url, other)
    try:
        assert wrong.pin_key is not None and "holds key" in wrong.pin_key.problem
        with pytest.raises(BookingRefused) as refused:
            wrong.bookings.verify_household("101", "1203", "4821")
        assert refused.value.reason is Refusal.PIN_KEY_UNAVAILABLE
    finally:
        wrong.close()


def test_two_services_over_one_database_with_the_same_key_agree(
        database_url: str, tmp_path: Path) -> None:
    key_path = tmp_path / "pin.key"
    lobby = start(database_url, key_path)
    copy = tmp_path / "desk" / "pin.key"  # what the installer copies to the desk PC
    copy.parent.mkdir()
    copy.write_bytes(key_path.read_bytes())
    copy.chmod(0o600)
    desk = start(database_url, copy)
    try:
        assert desk.pin_key is not None and not desk.pin_key.problem
        assert lobby.pin_key is not None and desk.pin_key.key_id == lobby.pin_key.key_id
        add_household(lobby, "1203", "4821")
        add_household(desk, "302", "0302")
        assert desk.bookings.verify_household("101", "1203", "4821").label == "101-1203"
        assert lobby.bookings.verify_household("101", "302", "0302").label == "101-302"
        desk.village.reset_pin("101", "1203", "1111", _desk_actor())  # at the desk
        assert lobby.bookings.verify_household("101", "1203", "1111").label == "101-1203"
        with pytest.raises(BookingRefused):
            lobby.bookings.verify_household("101", "1203", "4821")
    finally:
        desk.close()
        lobby.close()


def _desk_actor() -> Actor:
    return Actor("admin", "desk", is_manager=True)


def test_doctor_names_a_missing_loose_or_wrong_key_file(database_url: str,
                                                        tmp_path: Path) -> None:
    from kiosk.doctor import pin_key_check

    key_path = tmp_path / "pin.key"
    settings = Settings(database_url=database_url, pin_key_file=key_path)
    start(database_url, key_path).close()
    good = pin_key_check(settings)
    assert good.ok and "matches the database" in good.detail

    key_path.chmod(0o644)
    loose = pin_key_check(settings)
    assert not loose.ok and f"chmod 0600 {key_path}" in loose.fix

    saved = key_path.read_bytes()
    key_path.unlink()
    missing = pin_key_check(settings)
    assert not missing.ok
    assert f"restore {key_path}" in missing.fix and "missing" in missing.detail

    key_path.write_text(os.urandom(32).hex())
    wrong = pin_key_check(settings)
    assert not wrong.ok and "holds key" in wrong.detail
    key_path.write_bytes(saved)  # restored from the backup, then made private
    key_path.chmod(0o600)
    assert pin_key_check(settings).ok


def test_the_pin_key_command_creates_the_key_beside_the_config_and_reports_it(
        database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import main

    config = tmp_path / "etc" / "kiosk.toml"
    config.parent.mkdir()
    config.write_text(f'[database]\nurl = "{database_url}"\n', encoding="utf-8")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    monkeypatch.delenv("KIOSK_DATABASE_URL", raising=False)
    assert main(["pin-key"]) == 0
    out = capsys.readouterr().out
    key = read_key(config.parent / "pin.key")
    assert key is not None and key_fingerprint(key) in out and "created now" in out
    assert main(["pin-key"]) == 0
    assert "created now" not in capsys.readouterr().out
