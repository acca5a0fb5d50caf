"""Desk fixtures: the desk's services over the shared ``services`` fixture, cheap hashes."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.domain.admin_accounts import AdminAccount, PasswordHasher, Role

CHEAP_PASSWORDS = PasswordHasher(n=2**8)
PASSWORD = "correct horse"


@pytest.fixture
def desk(services: Any) -> Any:
    from kiosk.app import build_desk

    return build_desk(services, hasher=CHEAP_PASSWORDS)


@pytest.fixture
def manager(desk: Any) -> AdminAccount:
    account: AdminAccount = desk.accounts.create_first_manager("kim", "김관리", PASSWORD)
    return account


@pytest.fixture
def staff(desk: Any, manager: AdminAccount) -> AdminAccount:
    from kiosk.services.admin_accounts import actor_of

    account: AdminAccount = desk.accounts.create_account(
        actor_of(manager), "lee", "이봉사", Role.STAFF, PASSWORD)
    return account
