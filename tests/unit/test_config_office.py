"""The ``[office]`` settings the help screen shows: validated, with their origins, and the
demo village's office filling in only what a kiosk's own config leaves unset."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.app import DEMO_DIR
from kiosk.config import ConfigError, Office, describe, load_settings, with_office_from


def write(tmp_path: Path, text: str, name: str = "kiosk.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_office_settings_are_read_and_shown_with_their_origin(tmp_path: Path) -> None:
    path = write(tmp_path, """[village]
name = "길음 나눔마을"

[office]
name = "관리사무소"
name_en = "Management office"
phone = "02-1234-5678"
hours = "평일 09:00–18:00"
""")
    settings = load_settings(path, environ={})
    office = settings.office
    assert (office.name, office.name_en, office.phone, office.hours, office.url) == (
        "관리사무소", "Management office", "02-1234-5678", "평일 09:00–18:00", "")
    rows = {key: (value, origin) for key, value, origin in describe(settings)}
    assert rows["office.phone"] == ("02-1234-5678", f"{path}:7")
    assert rows["office.url"] == ("(none)", "default")
    assert office.qr_target == "tel:0212345678"


@pytest.mark.parametrize(("phone", "url", "target"), [
    ("02-1234-5678", "", "tel:0212345678"),
    ("+82 2 1234 5678", "", "tel:+82212345678"),
    ("(02) 120", "https://example.org/help", "https://example.org/help"),
    ("", "", ""),
])
def test_the_qr_code_opens_the_page_or_calls(phone: str, url: str, target: str) -> None:
    assert Office(phone=phone, url=url).qr_target == target


@pytest.mark.parametrize(("text", "message"), [
    ('[office]\nphone = "call us"\n', ":2: office.phone must be a phone number"),
    ('[office]\nphone = "12"\n', ":2: office.phone must be a phone number"),
    ('[office]\n\nurl = "javascript:alert(1)"\n', ":3: office.url must start with https://"),
    ('[office]\nfax = "02-1234-5679"\n', ":2: unknown setting office.fax"),
])
def test_bad_office_values_name_key_file_and_line(tmp_path: Path, text: str,
                                                  message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as excinfo:
        load_settings(path, environ={})
    assert str(path) in str(excinfo.value) and message in str(excinfo.value)


def test_the_demo_office_fills_only_what_the_config_leaves_unset(tmp_path: Path) -> None:
    path = write(tmp_path, '[office]\nphone = "031-555-0101"\n')
    settings = with_office_from(load_settings(path, environ={}), DEMO_DIR / "village.toml")
    assert settings.office.phone == "031-555-0101"  # the kiosk's own config wins
    assert settings.office.name == "길음 나눔마을 관리사무소"
    origins = {key: origin for key, _, origin in describe(settings)}
    assert origins["office.phone"] == f"{path}:2"
    assert origins["office.name"].startswith(str(DEMO_DIR / "village.toml") + ":")


def test_a_bad_demo_office_is_reported_with_its_line(tmp_path: Path) -> None:
    demo = write(tmp_path, '[office]\nname = "x"\nphone = "none"\n', "village.toml")
    with pytest.raises(ConfigError, match=r"village.toml:3: office.phone must be"):
        with_office_from(load_settings(write(tmp_path, ""), environ={}), demo)
