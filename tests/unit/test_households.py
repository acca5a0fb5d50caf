from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kiosk.domain.bookings import CODE_ALPHABET, new_booking_code, normalise_code
from kiosk.domain.households import Household, LockoutPolicy, PinHasher, parse_household_label
from kiosk.domain.plates import is_valid_plate

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def test_pin_hash_is_salted_and_verifies() -> None:
    hasher = PinHasher()
    first, second = hasher.hash("1234"), hasher.hash("1234")
    assert first != second
    assert first.startswith("scrypt$16384$8$1$")
    assert PinHasher.verify("1234", first)
    assert not PinHasher.verify("1235", first)
    assert not PinHasher.verify("1234", "garbage")


@pytest.mark.parametrize("pin", ["123", "12345", "12a4", ""])
def test_pin_must_be_four_digits(pin: str) -> None:
    with pytest.raises(ValueError):
        PinHasher(n=2**4).hash(pin)


def test_lockout_after_the_last_allowed_wrong_pin() -> None:
    policy = LockoutPolicy(max_attempts=3, lock_minutes=10)
    h = Household("101", "1203", "x")
    h = h.after_failed_pin(NOW, policy).after_failed_pin(NOW, policy)
    assert h.attempts_left(policy) == 1 and not h.is_locked(NOW)
    h = h.after_failed_pin(NOW, policy)
    assert h.is_locked(NOW + timedelta(minutes=9, seconds=59))
    assert not h.is_locked(NOW + timedelta(minutes=10))
    assert h.after_good_pin().locked_until is None


def test_masked_label_hides_the_last_digits() -> None:
    h = Household("101", "1203", "x")
    assert h.masked() == "101동 12**호"
    assert h.masked("en") == "Bldg 101, Unit 12**"
    assert h.label == "101-1203"


def test_household_labels() -> None:
    assert parse_household_label("101-1203") == ("101", "1203")
    assert parse_household_label("101동 1203호") == ("101", "1203")
    with pytest.raises(ValueError):
        parse_household_label("101")


@pytest.mark.parametrize("plate,ok", [
    ("12가3456", True), ("123가4567", True), ("서울12가3456", True), ("12 가 3456", True),
    ("12가345", False), ("1234가5678", False), ("12A3456", False), ("12힣3456", False),
])
def test_plates(plate: str, ok: bool) -> None:
    assert is_valid_plate(plate) is ok


def test_booking_codes_avoid_ambiguous_letters() -> None:
    codes = {new_booking_code() for _ in range(500)}
    assert all(len(c) == 6 and set(c) <= set(CODE_ALPHABET) for c in codes)
    assert not set("01OI") & set("".join(codes))
    assert len(codes) > 490
    assert normalise_code(" ab-cdef ") == "ABCDEF"
