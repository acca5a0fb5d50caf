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
