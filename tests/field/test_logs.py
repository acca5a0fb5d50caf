"""Logs are JSON lines, rotate, and never hold a PIN, a full unit number or a plate."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.logs.privacy import mask_text
from kiosk.logs.setup import LogSetup, configure_logging


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[LogSetup]:
    setup = configure_logging(tmp_path / "logs", "lobby-1", max_bytes=20_000, keep_files=3,
                              console=False)
    yield setup
    setup.close()


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("raw,expected", [
    ("pin=1234 for 101동 1203호", "pin=**** for 101동 12**호"),
    ("booked by 101-1203", "booked by 101-12**"),
    ("Bldg 101, Unit 1203", "Bldg 101, Unit 12**"),
    ("plate 12가3456 / 서울123가 4567", "plate 12가**** / 서울123가****"),
    ('{"pin": "0302"}', '{"pin": "****"}'),
    ("wrong PIN 0302", "wrong PIN ****"),
    ("비밀번호: 1234", "비밀번호: ****"),
    ("hash scrypt$16384$8$1$c2FsdA==$ZGlnZXN0", "hash scrypt$****"),
])
def test_masking(raw: str, expected: str) -> None:
    assert mask_text(raw) == expected


@pytest.mark.parametrize("text", [
    "sync at 2026-11-21T10:00:00+09:00 took 0.35 s",
    "slot 10:00-12:00 on 2026-11-21",
    "shipping mapping spinner 1234 items",
    "booking K7M-2Q4 confirmed for resource parking-b2-north",
])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert mask_text(text) == text


@pytest.mark.logs_errors('kiosk.test.privacy: refused')
def test_records_are_masked_on_the_way_to_the_file(logs: LogSetup) -> None:
    log = logging.getLogger("kiosk.test.privacy")
    log.info("household %s-%s entered PIN %s", "101", "1203", "4821")
    log.warning("plate check", extra={"plate": "49너3961", "pin": "4821", "unit": "101동 1203호",
                                      "event": "verify"})
    try:
        raise ValueError("bad pin=4821 for 101-1203")
    except ValueError:
        log.exception("refused")
    text = logs.path.read_text(encoding="utf-8")
    for secret in ("4821", "1203", "3961"):
        assert secret not in text
    first, second, third = lines(logs.path)
    assert first["msg"] == "household 101-12** entered PIN ****"
    assert first["level"] == "INFO" and first["kiosk"] == "lobby-1"
    assert first["logger"] == "kiosk.test.privacy" and str(first["ts"]).endswith("+00:00")
    assert second["plate"] == "49너****" and second["pin"] == "****"
    assert second["unit"] == "101동 12**호" and second["event"] == "verify"
    assert "ValueError: bad pin=**** for 101-12**" in str(third["exc"])


def test_logs_rotate_and_keep_a_bounded_number_of_files(logs: LogSetup) -> None:
    log = logging.getLogger("kiosk.test.rotate")
    for i in range(2000):
        log.info("heartbeat %d written", i)
    files = sorted(p.name for p in logs.path.parent.iterdir())
    assert files == ["kiosk.log", "kiosk.log.1", "kiosk.log.2", "kiosk.log.3"]
    assert all(p.stat().st_size <= 20_000 for p in logs.path.parent.iterdir())
    assert lines(logs.path)[-1]["msg"] == "heartbeat 1999 written"


def test_close_removes_the_handlers(tmp_path: Path) -> None:
    setup = configure_logging(tmp_path / "logs", "k", console=False)
    root = logging.getLogger()
    assert all(h in root.handlers for h in setup.handlers)
    setup.close()
    logging.getLogger("kiosk.test.after").warning("after close")
    assert not setup.handlers
    assert "after close" not in setup.path.read_text(encoding="utf-8")
