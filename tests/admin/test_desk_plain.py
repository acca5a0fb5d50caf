"""Desk pieces that need no database: typed days, particles, framed dialogs, and the
desk's pictures rendered on a machine with no display."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.admin.dates import parse_day
from kiosk.admin.dialogs import ReasonDialog
from kiosk.admin.text import particles
from kiosk.admin.window import headless_platform


@pytest.mark.parametrize(("text", "day"), [
    ("2026-11-24", date(2026, 11, 24)), ("2026.11.24", date(2026, 11, 24)),
    ("2026/11/24", date(2026, 11, 24)), ("20261124", date(2026, 11, 24)),
    ("2026년 11월 24일", date(2026, 11, 24)), ("11-24", date(2026, 11, 24)),
    ("1124", date(2026, 11, 24)), ("26.11.24", date(2026, 11, 24)),
    ("2026-02-30", None), ("24", None), ("", None), ("abc", None)])
def test_typed_days(text: str, day: date | None) -> None:
    assert parse_day(text, date(2026, 11, 23)) == day


def test_dialogs_are_framed_modal_windows(qtbot: Any) -> None:
    dialog = ReasonDialog("예약 취소", "?")
    qtbot.addWidget(dialog)
    flags = dialog.windowFlags()
    assert not flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowTitleHint and flags & Qt.WindowType.WindowCloseButtonHint
    assert dialog.isModal()


def test_particles_fit_the_word_before_them() -> None:
    assert particles("커뮤니티룸을(를) 저장") == "커뮤니티룸을 저장"
    assert particles("마을 자전거을(를) 저장") == "마을 자전거를 저장"
    assert particles("101-1204이(가) 겹칩니다, 103-1은(는) 새 세대") == \
        "101-1204가 겹칩니다, 103-1은 새 세대"
    assert particles("Saved the room.") == "Saved the room."


def test_headless_platform_only_when_rendering() -> None:
    env: dict[str, str] = {}
    headless_platform(None, env)
    assert env == {}  # the live desk needs a real display
    headless_platform(Path("shots"), env)
    assert env == {"QT_QPA_PLATFORM": "offscreen"}
    chosen = {"QT_QPA_PLATFORM": "xcb"}
    headless_platform(Path("shots"), chosen)
    assert chosen == {"QT_QPA_PLATFORM": "xcb"}  # a platform asked for is kept


def test_admin_screenshots_run_without_a_display(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env |= {"KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_CONFIG": str(tmp_path / "k.toml")}
    (tmp_path / "k.toml").write_text('[kiosk]\nid = "desk-test"\n', encoding="utf-8")
    shots = tmp_path / "shots"
    done = subprocess.run([sys.executable, "-m", "kiosk.cli", "admin", "--screenshots",
                           str(shots)], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert (shots / "ko-03-bookings.png").stat().st_size > 10_000
