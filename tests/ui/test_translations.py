"""Korean sources, complete English: the compiled file matches, and nothing is untranslated."""

from __future__ import annotations

import ast
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from kiosk.ui.i18n import TRANSLATIONS

UI = Path(__file__).resolve().parents[2] / "kiosk" / "ui"


def test_compiled_translations_match_their_source(tmp_path: Path) -> None:
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    out = tmp_path / "kiosk_en.qm"
    subprocess.run([str(lrelease), str(TRANSLATIONS / "kiosk_en.ts"), "-qm", str(out)],
                   check=True, capture_output=True)
    assert out.read_bytes() == (TRANSLATIONS / "kiosk_en.qm").read_bytes()


def test_every_screen_text_has_an_english_translation() -> None:
    sources: set[str] = set()
    for path in UI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "tr":
                argument = node.args[0]
                assert isinstance(argument, ast.Constant), f"{path}: tr() needs a literal"
                sources.add(argument.value)
    root = ET.parse(TRANSLATIONS / "kiosk_en.ts").getroot()
    translated = {m.findtext("source"): m.findtext("translation") or ""
                  for m in root.iter("message")}
    missing = sorted(s for s in sources if not translated.get(s))
    assert not missing, f"untranslated: {missing}"
    for source in sources:
        # Same placeholders on both sides, so .format() never fails in English.
        assert sorted(_fields(source)) == sorted(_fields(translated[source])), source
        assert not any("\uac00" <= ch <= "\ud7a3" for ch in translated[source].replace(
            "12가3456", "").replace("123가4567", "")), f"Hangul left in: {translated[source]}"


def _fields(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]
