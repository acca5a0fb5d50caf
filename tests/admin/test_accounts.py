"""Desk accounts: first-run setup, sign-in, lockout, roles, all in the audit log."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.domain.admin_accounts import AdminAccount, PasswordHasher, Role
from kiosk.services.admin_accounts import DeskRefusal, DeskRefused, actor_of
from tests.admin.conftest import PASSWORD
from tests.conftest import FixedClock


def _audit(desk: Any) -> list[Any]:
    with desk.bookings.uow() as uow:
        return list(reversed(uow.audit.recent(100)))


def test_first_run_creates_one_manager_then_refuses(desk: Any) -> None:
    assert desk.accounts.needs_setup()
    first = desk.accounts.create_first_manager("Kim", "김관리", PASSWORD)
    assert first.username == "kim" and first.role is Role.MANAGER
    assert not desk.accounts.needs_setup()
    with pytest.raises(DeskRefused) as refused:
        desk.accounts.create_first_manager("park", "박", PASSWORD)
    assert refused.value.reason is DeskRefusal.ALREADY_SET_UP
    entries = _audit(desk)
    assert [(e.actor, e.action, e.entity_id) for e in entries] == [
        ("system:setup", "admin.create", "kim")]


def test_setup_refuses_a_short_password(desk: Any) -> None:
    with pytest.raises(DeskRefused) as refused:
        desk.accounts.create_first_manager("kim", "김관리", "short")
    assert refused.value.reason is DeskRefusal.INVALID
    assert desk.accounts.needs_setup()


def test_sign_in_and_wrong_password_lockout(desk: Any, manager: AdminAccount,
                                            clock: FixedClock) -> None:
    signed = desk.accounts.sign_in("KIM", PASSWORD)
    assert signed.username == "kim" and signed.last_sign_in == clock.now
    for left in (4, 3, 2, 1):
        with pytest.raises(DeskRefused) as refused:
            desk.accounts.sign_in("kim", "wrong password")
        assert refused.value.reason is DeskRefusal.WRONG_PASSWORD
        assert refused.value.attempts_left == left
    with pytest.raises(DeskRefused) as refused:
        desk.accounts.sign_in("kim", "wrong password")
    assert refused.value.reason is DeskRefusal.LOCKED
    # Locked: even the right password is refused until the lock runs out.
    clock.advance(minutes=14)
    with pytest.raises(DeskRefused) as refused:
        desk.accounts.sign_in("kim", PASSWORD)
    assert refused.value.reason is DeskRefusal.LOCKED
    clock.advance(minutes=2)
    assert desk.accounts.sign_in("kim", PASSWORD).failed_attempts == 0
    actions = [(e.actor, e.action) for e in _audit(desk)]
    assert ("system:desk", "admin.locked") in actions
    assert actions.count(("admin:kim", "admin.sign_in")) == 2


def test_unknown_user_is_refused_like_a_wrong_password(desk: Any, manager: AdminAccount) -> None:
    with pytest.raises(DeskRefused) as refused:
        desk.accounts.sign_in("nobody", PASSWORD)
    assert refused.value.reason is DeskRefusal.WRONG_PASSWORD


def test_staff_cannot_manage_accounts_and_manager_can(desk: Any, manager: AdminAccount,
                                                      staff: AdminAccount) -> None:
    with pytest.raises(DeskRefused) as refused:
        desk.accounts.create_account(actor_of(staff), "park", "박", Role.MANAGER, PASSWORD)
    assert refused.value.reason is DeskRefusal.NOT_MANAGER
    desk.accounts.set_active(actor_of(manager), "lee", False)
    with pytest.raises(DeskRefused) as refused:
        desk.accounts.sign_in("lee", PASSWORD)
    assert refused.value.reason is DeskRefusal.INACTIVE
    actions = [(e.actor, e.action, e.entity_id) for e in _audit(desk)]
    assert ("admin:kim", "admin.create", "lee") in actions
    assert ("admin:kim", "admin.deactivate", "lee") in actions


def test_password_hash_is_slow_scrypt_and_never_the_password(desk: Any) -> None:
    production = PasswordHasher()
    stored = production.hash(PASSWORD)
    scheme, n, *_ = stored.split("$")
    assert scheme == "scrypt" and int(n) >= 2**15
    assert PASSWORD not in stored
    assert production.verify(PASSWORD, stored)
    assert not production.verify(PASSWORD + "!", stored)
