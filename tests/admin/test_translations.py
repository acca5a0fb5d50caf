"""The desk's English translation is complete and its compiled form is current."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
