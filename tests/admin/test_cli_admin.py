"""`kiosk admin --screenshots DIR` renders the desk on the demo village and exits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main


def test_admin_screenshots_from_the_command_line(qtbot: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    (tmp_path / "kiosk.toml").write_text('[kiosk]\nid = "desk-test"\n', encoding="utf-8")
    assert main(["demo"]) == 0
    shots = tmp_path / "shots"
    assert main(["admin", "--screenshots", str(shots)]) == 0
    made = sorted(p.name for p in shots.glob("*.png"))
    assert "ko-05-resources.png" in made and "en-05-resources.png" in made
    assert "ko-16-household-new.png" in made and "en-17-calendar.png" in made
    assert "ko-06-neighbours.png" in made and "en-16-neighbour-new.png" in made
    assert len(made) == 62
