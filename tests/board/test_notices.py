"""The association's notices: what the board shows on which day, and who wrote what."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.domain.bookings import Actor
from kiosk.domain.clock import CLOCK_START_ENV, SEOUL
from kiosk.domain.notices import (
    MAX_SHOWN_S,
    MIN_SHOWN_S,
    Notice,
    NoticeInvalid,
    NoticeProblem,
    board_order,
)
from kiosk.services.notices import NoticeBoard, NoticeRefused

DESK = Actor("admin", "kim", is_manager=True)
TODAY = date(2026, 11, 23)  # the suite's clock, in Seoul
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def notice(title: str = "엘리베이터 점검", first: date = TODAY, last: date | None = None,
           **kw: Any) -> Notice:
    return Notice(title_ko=title, body_ko="10시부터 12시까지 101동 엘리베이터를 점검합니다.",
                  first_day=first, last_day=last, **kw)


@pytest.mark.parametrize(("change", "problem"), [
    ({"title_ko": "  "}, NoticeProblem.NO_TITLE),
    ({"body_ko": ""}, NoticeProblem.NO_BODY),
    ({"title_en": "x" * 61}, NoticeProblem.TITLE_TOO_LONG),
    ({"body_ko": "가" * 601}, NoticeProblem.BODY_TOO_LONG),
    ({"last_day": TODAY - timedelta(days=1)}, NoticeProblem.DAYS_REVERSED),
    ({"image": b"GIF89a" + b"\0" * 10}, NoticeProblem.NOT_A_PICTURE),
    ({"image": PNG + b"\0" * (2 * 1024 * 1024)}, NoticeProblem.IMAGE_TOO_LARGE),
])
def test_a_notice_that_cannot_be_shown_is_refused_with_its_reason(
        change: dict[str, Any], problem: NoticeProblem) -> None:
    fields = {"title_ko": "점검", "body_ko": "내용", "first_day": TODAY} | change
    with pytest.raises(NoticeInvalid) as refused:
        Notice(**fields)
    assert refused.value.problem is problem


def test_the_board_shows_notices_on_their_days_pinned_first_then_newest() -> None:
    old = notice("지난 공지", TODAY - timedelta(days=10), TODAY - timedelta(days=1), id=1)
    ends_today = notice("오늘까지", TODAY - timedelta(days=3), TODAY, id=2)
    pinned = notice("고정 공지", TODAY - timedelta(days=5), None, pinned=True, id=3)
    newest = notice("새 공지", TODAY, TODAY + timedelta(days=7), id=4)
    later = notice("다음 주", TODAY + timedelta(days=7), None, id=5)
    shown = board_order([old, ends_today, pinned, newest, later], TODAY)
    assert [n.title_ko for n in shown] == ["고정 공지", "새 공지", "오늘까지"]
    tomorrow = board_order([old, ends_today, pinned, newest, later], TODAY + timedelta(days=1))
    assert "오늘까지" not in [n.title_ko for n in tomorrow]


def test_every_notice_stays_long_enough_to_read_and_longer_ones_longer() -> None:
    short = Notice(title_ko="휴무", body_ko="오늘 휴무", first_day=TODAY)
    long = Notice(title_ko="안내", body_ko="가" * 200, first_day=TODAY)
    longest = Notice(title_ko="안내", body_ko="가" * 600, first_day=TODAY)
    assert short.shown_for_s() == MIN_SHOWN_S >= 8
    assert MIN_SHOWN_S < long.shown_for_s() < MAX_SHOWN_S
    assert longest.shown_for_s() == MAX_SHOWN_S
    english = Notice(title_ko="휴무", body_ko="오늘 휴무", title_en="Closed",
                     body_en="Closed today", first_day=TODAY)
    assert english.title("en") == "Closed" and short.title("en") == "휴무"


@pytest.fixture
def board(services: Any, clock: Any) -> NoticeBoard:
    return replace(services.notices, clock=clock)


def test_posted_notices_reach_the_board_and_the_audit_log(
        board: NoticeBoard, services: Any, clock: Any) -> None:
    stored = board.post(notice(last=TODAY + timedelta(days=2), image=PNG,
                               title_en="Lift check"), DESK)
    assert stored.id is not None and stored.created_by == "admin:kim" and stored.image == PNG
    assert [n.title_ko for n in board.current()] == ["엘리베이터 점검"]
    assert board.current()[0].title("en") == "Lift check"
    with services.bookings.uow() as uow:
        [entry] = uow.audit.for_entity("notice", str(stored.id))
    assert entry.action == "notice.add" and entry.details["image"] is True
    clock.now += timedelta(days=3)  # past its last day
    assert board.current() == []
    assert board.all() == [] and len(board.all(include_past=True)) == 1


def test_removing_a_notice_takes_it_down_once(board: NoticeBoard, services: Any) -> None:
    stored = board.post(notice(), DESK)
    assert stored.id is not None
    board.remove(stored.id, DESK)
    assert board.current() == []
    with pytest.raises(NoticeRefused, match="no notice"):
        board.remove(stored.id, DESK)
    with services.bookings.uow() as uow:
        actions = [e.action for e in uow.audit.for_entity("notice", str(stored.id))]
    assert actions == ["notice.add", "notice.remove"]


def test_a_kiosk_cannot_post_or_remove(board: NoticeBoard) -> None:
    kiosk = Actor("kiosk", "lobby-1")
    with pytest.raises(NoticeRefused):
        board.post(notice(), kiosk)
    stored = board.post(notice(), DESK)
    assert stored.id is not None
    with pytest.raises(NoticeRefused):
        board.remove(stored.id, kiosk)
    assert len(board.current()) == 1


# ------------------------------------------------------------------ the command
@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CLOCK_START_ENV, datetime(2026, 11, 23, 9, 0, tzinfo=SEOUL).isoformat())
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    (tmp_path / "kiosk.toml").write_text('[kiosk]\nid = "lobby-test"\n', encoding="utf-8")
    return tmp_path


def test_notices_from_the_command_line(cli_env: Path, capsys: pytest.CaptureFixture[str]
                                       ) -> None:
    picture = cli_env / "lift.png"
    picture.write_bytes(PNG)
    assert main(["notices", "add", "--title", "엘리베이터 점검", "--body", "10시~12시",
                 "--until", "2026-11-25", "--pinned", "--image", str(picture)]) == 0
    first = int(capsys.readouterr().out.strip())
    assert main(["notices", "add", "--title", "장터", "--body", "토요일", "--from",
                 "2026-12-01"]) == 0
    capsys.readouterr()
    assert main(["notices", "list", "--json"]) == 0
    import json

    listed = json.loads(capsys.readouterr().out)
    assert [(n["title"], n["from"], n["until"], n["pinned"], n["image"]) for n in listed] == [
        ("장터", "2026-12-01", None, False, False),
        ("엘리베이터 점검", "2026-11-23", "2026-11-25", True, True)]
    # Bad input changes nothing and says why (exit 2).
    assert main(["notices", "add", "--title", "", "--body", "x"]) == 2
    assert "needs a title" in capsys.readouterr().err
    assert main(["notices", "add", "--title", "t", "--body", "b", "--until", "2026-11-01"]) == 2
    assert main(["notices", "add", "--title", "t", "--body", "b", "--until", "내일"]) == 2
    assert main(["notices", "add", "--title", "t", "--body", "b", "--image",
                 str(cli_env / "missing.png")]) == 2
    capsys.readouterr()
    assert main(["notices", "remove", str(first)]) == 0
    assert main(["notices", "remove", str(first)]) == 2
    capsys.readouterr()
    assert main(["notices", "list"]) == 0
    out = capsys.readouterr().out
    assert "장터" in out and "엘리베이터" not in out and "1 notice(s)" in out
