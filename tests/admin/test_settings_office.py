"""The association sets the office the kiosk's help shows from the desk's settings tab."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLineEdit

from kiosk.admin.settings_tab import SettingsTab
from kiosk.config import load_settings
from kiosk.domain.admin_accounts import AdminAccount
from tests.admin.test_ui import session_for


def test_office_phone_and_hours_are_edited_validated_and_written(
        qtbot: Any, desk: Any, manager: AdminAccount, tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    original = '[village]\nname = "길음 나눔마을"\n'
    config.write_text(original, encoding="utf-8")
    desk.services.settings = replace(load_settings(config, environ={}))
    session, notes = session_for(desk, manager)
    tab = SettingsTab(session)
    qtbot.addWidget(tab)
    phone = tab.fields["office", "phone"]
    assert isinstance(phone, QLineEdit) and phone.text() == ""
    phone.setText("관리사무소로 전화")
    assert tab.save() is None and "office.phone must be a phone number" in notes.seen[-1][0]
    assert config.read_text(encoding="utf-8") == original
    phone.setText("02-940-1234")
    hours = tab.fields["office", "hours"]
    assert isinstance(hours, QLineEdit)
    hours.setText("평일 09:00–18:00")
    assert tab.save() is not None and not notes.seen[-1][1]
    again = load_settings(config, environ={})
    assert (again.office.phone, again.office.hours) == ("02-940-1234", "평일 09:00–18:00")
    assert again.office.qr_target == "tel:029401234"
    assert again.village_name == "길음 나눔마을"
