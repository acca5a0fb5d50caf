"""Keyed PIN hashes: without the key a stored hash cannot be searched, with it it verifies."""

from __future__ import annotations

import pytest

from kiosk.domain.credentials import KEYED_SCHEME, key_fingerprint, seal_scrypt_hash
from kiosk.domain.households import PinHasher, PinKeyUnavailable

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
CHEAP = 2**4  # the cheap cost the tests use; the production cost is tested elsewhere


def test_a_keyed_hash_carries_its_version_and_verifies_only_its_pin() -> None:
    hasher = PinHasher(n=CHEAP, key=KEY)
    stored = hasher.hash("4821")
    assert stored.startswith(KEYED_SCHEME + "$")
    assert hasher.matches("4821", stored)
    assert not hasher.matches("4822", stored)


def test_without_the_key_no_pin_of_the_10000_matches_a_stored_hash() -> None:
    stored = PinHasher(n=CHEAP, key=KEY).hash("4821")
    wrong = PinHasher(n=CHEAP, key=OTHER_KEY)
    found = [f"{i:04d}" for i in range(10_000) if wrong.matches(f"{i:04d}", stored)]
    assert found == []
    # nor does a plain (unkeyed) search of the stored value
    plain = PinHasher(n=CHEAP)
    assert not any(plain.matches(f"{i:04d}", stored) for i in range(10_000))


def test_a_plain_hash_is_sealed_without_the_pin_and_still_verifies() -> None:
    old = PinHasher(n=CHEAP).hash("0302")
    assert old.startswith("scrypt$")
    keyed = PinHasher(n=CHEAP, key=KEY)
    sealed = keyed.sealed(old)
    assert sealed is not None and sealed.startswith(KEYED_SCHEME + "$")
    assert keyed.matches("0302", sealed)
    assert not keyed.matches("0303", sealed)
    assert not PinHasher(n=CHEAP, key=OTHER_KEY).matches("0302", sealed)
    assert keyed.sealed(sealed) is None  # already keyed: nothing to do


def test_a_keyed_hasher_refuses_plain_hashes() -> None:
    old = PinHasher(n=CHEAP).hash("0302")
    assert not PinHasher(n=CHEAP, key=KEY).matches("0302", old)


@pytest.mark.parametrize("stored", ["", "garbage", "scrypt$16$8$1$!!$!!", "scrypt$x$8$1$AA==$AA==",
                                    "scrypt$16$8$1$AAAA$AAAA"])
def test_malformed_hashes_are_neither_sealed_nor_matched(stored: str) -> None:
    assert seal_scrypt_hash(stored, KEY) is None
    keyed = PinHasher(n=CHEAP, key=KEY)
    assert not keyed.matches("1234", stored)
    assert not keyed.matches("1234", stored.replace("scrypt$", KEYED_SCHEME + "$"))


def test_a_hasher_without_its_key_refuses_instead_of_guessing() -> None:
    broken = PinHasher(n=CHEAP, key_problem="the PIN key file /x/pin.key is missing")
    with pytest.raises(PinKeyUnavailable, match=r"pin\.key is missing"):
        broken.matches("1234", PinHasher(n=CHEAP, key=KEY).hash("1234"))
    with pytest.raises(PinKeyUnavailable):
        broken.hash("1234")


def test_the_key_id_names_the_key_without_being_it() -> None:
    assert key_fingerprint(KEY) == key_fingerprint(bytes(KEY))
    assert key_fingerprint(KEY) != key_fingerprint(OTHER_KEY)
    assert KEY.hex()[:16] not in key_fingerprint(KEY)
    shown = repr(PinHasher(key=KEY))
    assert KEY.hex() not in shown and repr(KEY) not in shown


def test_the_resident_is_sent_to_the_office_when_pins_cannot_be_checked() -> None:
    from datetime import date

    from kiosk.domain.errors import BookingRefused, Refusal
    from kiosk.refusal_text import explain
    from kiosk.ui.wording import refusal_text

    refused = BookingRefused(Refusal.PIN_KEY_UNAVAILABLE, "the PIN key file /x/pin.key is missing")
    assert "관리사무소에 문의" in refusal_text(refused, date(2026, 11, 23))
    assert "pin.key is missing" not in refusal_text(refused, date(2026, 11, 23))
    assert "ask the management office" in explain(refused)
