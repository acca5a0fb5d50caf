"""The desk's English translation is complete and its compiled form is current."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.admin.window import TRANSLATIONS


def test_compiled_desk_translation_matches_its_source(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    out = tmp_path / "admin_en.qm"
    subprocess.run([str(lrelease), str(TRANSLATIONS / "admin_en.ts"), "-qm", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (TRANSLATIONS / "admin_en.qm").read_bytes()
    assert 'type="unfinished"' not in (TRANSLATIONS / "admin_en.ts").read_text("utf-8")


def test_every_desk_string_has_an_english_translation() -> None:
    """Each ``tr("…")`` literal in kiosk/admin is in the .ts with a translation."""
    import ast
    import xml.etree.ElementTree as ET

    root = ET.parse(TRANSLATIONS / "admin_en.ts").getroot()
    translated = {m.findtext("source"): m.findtext("translation")
                  for m in root.iter("message")}
    admin = Path(__file__).resolve().parents[2] / "kiosk" / "admin"
    used: set[str] = set()
    for path in admin.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "tr" and node.args
                    and isinstance(node.args[0], ast.Constant)):
                used.add(node.args[0].value)
    assert len(used) > 300
    missing = sorted(s for s in used if not translated.get(s))
    assert missing == []


@pytest.fixture
def english(qapp: Any) -> Iterator[Any]:
    from kiosk.admin.window import DeskLanguage

    language = DeskLanguage(qapp)
    language.set("en")
    yield language
    language.set("ko")


def test_refused_imports_read_in_the_desk_language(qapp: Any) -> None:
    from kiosk.admin.text import refusal_text
    from kiosk.services.importing import ImportRefused, RowError

    refused = ImportRefused([RowError(2, "resource room: unknown rule(s): colour"),
                             RowError(3, "unknown household 999-1"),
                             RowError(4, "not bookable: closed")])
    korean = refusal_text(refused)
    assert "2번째 줄: 자원 room: 모르는 규칙이 있습니다: colour" in korean
    assert "3번째 줄: 등록되지 않은 세대입니다: 999-1" in korean
    assert "4번째 줄: 예약할 수 없습니다: 운영 시간이 아닙니다." in korean
    assert "unknown" not in korean and "line" not in korean


def test_refused_imports_read_in_english_too(english: Any) -> None:
    from kiosk.admin.text import refusal_text
    from kiosk.services.importing import ImportRefused, RowError

    text = refusal_text(ImportRefused([RowError(2, "resource id room repeats")]))
    assert text.startswith("Nothing was imported") and "resource id room appears twice" in text
    assert not any("\uac00" <= ch <= "\ud7a3" for ch in text)


def test_doctor_checks_the_desk_translation_is_present_and_current(tmp_path: Path) -> None:
    import shutil

    from kiosk.doctor import desk_translation

    check = desk_translation(TRANSLATIONS)
    assert check.ok and "matches" in check.detail
    assert not desk_translation(tmp_path).ok  # no .qm at all
    shutil.copy(TRANSLATIONS / "admin_en.qm", tmp_path / "admin_en.qm")
    source = (TRANSLATIONS / "admin_en.ts").read_text("utf-8")
    changed = source.replace("<translation>Closed days</translation>",
                             "<translation>Days off</translation>")
    assert changed != source
    (tmp_path / "admin_en.ts").write_text(changed, "utf-8")
    stale = desk_translation(tmp_path)
    assert not stale.ok and "1 of" in stale.detail and "lrelease" in stale.fix
