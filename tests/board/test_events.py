"""Village events with seats: what an event must say, who gets a seat and when, every
refusal with its reason, the audit log, and the command line."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main
from kiosk.domain.bookings import Actor
from kiosk.domain.clock import CLOCK_START_ENV, SEOUL
from kiosk.domain.events import (
    Event,
    EventInvalid,
    EventProblem,
    SignupRefusal,
    SignupRefused,
)
from kiosk.services.events import EventBoard
from tests.builders import KIOSK, add_household

DESK = Actor("admin", "kim", is_manager=True)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=SEOUL)  # the suite's clock
SATURDAY = datetime(2026, 11, 28, 10, 0, tzinfo=SEOUL)


def event(title: str = "옥상 텃밭 모종 나눔", start: datetime = SATURDAY, seats: int = 2,
          **kw: Any) -> Event:
    return Event(title_ko=title, start=start, seats=seats, place="102동 옥상", **kw)


@pytest.mark.parametrize(("change", "problem"), [
    ({"title_ko": " "}, EventProblem.NO_TITLE),
    ({"title_en": "x" * 61}, EventProblem.TITLE_TOO_LONG),
    ({"place": "가" * 81}, EventProblem.PLACE_TOO_LONG),
    ({"seats": 0}, EventProblem.NO_SEATS),
    ({"seats": 501}, EventProblem.TOO_MANY_SEATS),
    ({"fee_won": -1000}, EventProblem.BAD_FEE),
    ({"end": SATURDAY - timedelta(hours=1)}, EventProblem.ENDS_BEFORE_START),
    ({"signup_until": SATURDAY + timedelta(minutes=1)}, EventProblem.DEADLINE_AFTER_START),
    ({"start": datetime(2026, 11, 28, 10, 0)}, EventProblem.NO_TIME_ZONE),
])
def test_an_event_that_cannot_be_offered_is_refused_with_its_reason(
        change: dict[str, Any], problem: EventProblem) -> None:
    fields = {"title_ko": "수리의 날", "start": SATURDAY, "seats": 10} | change
    with pytest.raises(EventInvalid) as refused:
        Event(**fields)
    assert refused.value.problem is problem


def test_the_deadline_is_the_start_unless_one_is_given() -> None:
    assert event().deadline == SATURDAY
    friday = SATURDAY - timedelta(days=1)
    assert event(signup_until=friday).deadline == friday
    assert event().free and not event(fee_won=5000).free
    assert event(title_en="Seedling swap").title("en") == "Seedling swap"
    assert event().title("en") == "옥상 텃밭 모종 나눔"


@pytest.fixture
def board(services: Any) -> EventBoard:
    board: EventBoard = services.events
    return board


def refusal(call: Any) -> SignupRefusal:
    with pytest.raises(SignupRefused) as refused:
        call()
    return refused.value.reason


def test_households_take_seats_until_full_and_only_one_each(
        board: EventBoard, services: Any) -> None:
    stored = board.add(event(seats=2, fee_won=3000, title_en="Seedling swap"), DESK)
    assert stored.id is not None and stored.created_by == "admin:kim"
    first, second, third = (add_household(services, "101", u) for u in ("1203", "302", "704"))
    assert board.sign_up(stored.id, first, KIOSK).taken == 1
    assert refusal(lambda: board.sign_up(stored.id, first, KIOSK)) is SignupRefusal.ALREADY
    assert board.sign_up(stored.id, second, DESK).left == 0
    assert refusal(lambda: board.sign_up(stored.id, third, KIOSK)) is SignupRefusal.FULL
    assert [s.household for s in board.attendees(stored.id)] == ["101-302", "101-1203"]
    [upcoming] = board.upcoming()
    assert (upcoming.taken, upcoming.left, upcoming.full) == (2, 0, True)
    assert board.signed_up(first) == {stored.id} and board.signed_up(third) == set()
    # A seat given back is free again, and the same household may take it again.
    assert board.withdraw(stored.id, first, KIOSK).taken == 1
    assert refusal(lambda: board.withdraw(stored.id, first, KIOSK)) is \
        SignupRefusal.NOT_SIGNED_UP
    assert board.sign_up(stored.id, third, KIOSK).taken == 2
    assert refusal(lambda: board.sign_up(stored.id, first, KIOSK)) is SignupRefusal.FULL
    board.withdraw(stored.id, third, DESK)
    assert board.sign_up(stored.id, first, KIOSK).taken == 2
    with services.bookings.uow() as uow:
        log = [(e.actor, e.action, e.details.get("household"))
               for e in uow.audit.for_entity("event", str(stored.id))]
    assert log == [
        ("admin:kim", "event.add", None),
        ("kiosk:lobby-1", "event.signup", "101-1203"),
        ("admin:kim", "event.signup", "101-302"),
        ("kiosk:lobby-1", "event.cancel", "101-1203"),
        ("kiosk:lobby-1", "event.signup", "101-704"),
        ("admin:kim", "event.cancel", "101-704"),
        ("kiosk:lobby-1", "event.signup", "101-1203"),
    ]


def test_after_the_deadline_sign_up_closes_and_only_the_desk_may_cancel(
        board: EventBoard, services: Any, clock: Any) -> None:
    friday = SATURDAY - timedelta(days=1)
    stored = board.add(event(seats=5, signup_until=friday,
                             end=SATURDAY + timedelta(hours=2)), DESK)
    assert stored.id is not None
    early, late = add_household(services, "101", "1203"), add_household(services, "102", "501")
    board.sign_up(stored.id, early, KIOSK)
    clock.now = friday  # the deadline itself is already too late
    assert refusal(lambda: board.sign_up(stored.id, late, KIOSK)) is SignupRefusal.CLOSED
    assert refusal(lambda: board.sign_up(stored.id, late, DESK)) is SignupRefusal.CLOSED
    assert refusal(lambda: board.withdraw(stored.id, early, KIOSK)) is SignupRefusal.CLOSED
    assert board.upcoming()[0].can_sign_up(clock.now) is False
    assert board.withdraw(stored.id, early, DESK).taken == 0  # the office still may
    clock.now = SATURDAY + timedelta(hours=3)
    assert board.upcoming() == [] and len(board.all()) == 1
    assert refusal(lambda: board.sign_up(stored.id, late, DESK)) is SignupRefusal.OVER


def test_unknown_events_households_and_kiosks_offering_events_are_refused(
        board: EventBoard, services: Any) -> None:
    household = add_household(services)
    assert refusal(lambda: board.sign_up(999, household, KIOSK)) is SignupRefusal.NO_EVENT
    assert refusal(lambda: board.attendees(999)) is SignupRefusal.NO_EVENT
    assert refusal(lambda: board.add(event(), KIOSK)) is SignupRefusal.NOT_ALLOWED
    stored = board.add(event(), DESK)
    assert stored.id is not None
    assert refusal(lambda: board.sign_up(stored.id, household + 99, KIOSK)) is \
        SignupRefusal.NO_HOUSEHOLD
    assert refusal(lambda: board.find_household("101동")) is SignupRefusal.NO_HOUSEHOLD
    assert refusal(lambda: board.find_household("909-909")) is SignupRefusal.NO_HOUSEHOLD
    assert board.find_household("101동 1203호").id == household
    assert board.attendees(stored.id) == []


# ------------------------------------------------------------------ the command
@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CLOCK_START_ENV, NOW.isoformat())
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_CONFIG", str(tmp_path / "kiosk.toml"))
    (tmp_path / "kiosk.toml").write_text('[kiosk]\nid = "lobby-test"\n', encoding="utf-8")
    return tmp_path


def test_events_from_the_command_line(cli_env: Path, capsys: pytest.CaptureFixture[str]
                                      ) -> None:
    assert main(["demo", "--no-bookings"]) == 0
    capsys.readouterr()
    assert main(["events", "add", "--title", "자전거 수리의 날", "--title-en", "Bike repair day",
                 "--start", "2026-11-28T10:00", "--end", "2026-11-28T12:00",
                 "--seats", "2", "--place", "101동 자전거 보관소", "--until",
                 "2026-11-27T18:00", "--fee", "2000"]) == 0
    event_id = int(capsys.readouterr().out.strip())
    assert main(["events", "list", "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert (listed["id"], listed["title"], listed["seats"], listed["left"], listed["fee_won"],
            listed["start"], listed["signup_until"], listed["open_to"]) == (
        event_id, "자전거 수리의 날", 2, 2, 2000, "2026-11-28T01:00:00+00:00",
        "2026-11-27T09:00:00+00:00", "residents")
    for unit in ("101-1203", "101-302"):
        assert main(["events", "signup", str(event_id), "--household", unit]) == 0
    assert "2/2 seats taken" in capsys.readouterr().out
    # Full: exit 3; already signed up, unknown household or event: bad input, exit 2.
    assert main(["events", "signup", str(event_id), "--household", "102-502"]) == 3
    assert "full" in capsys.readouterr().err
    assert main(["events", "signup", str(event_id), "--household", "101-1203"]) == 2
    assert main(["events", "signup", str(event_id), "--household", "999-1"]) == 2
    assert main(["events", "signup", "999", "--household", "101-1203"]) == 2
    assert main(["events", "signup", str(event_id), "--household", "엉뚱"]) == 2
    capsys.readouterr()
    assert main(["events", "attendees", str(event_id), "--csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows == [["household", "building", "unit"], ["101-302", "101", "302"],
                    ["101-1203", "101", "1203"]]  # 동·호 only: no PIN, no phone
    assert main(["events", "cancel", str(event_id), "--household", "101-1203"]) == 0
    assert main(["events", "cancel", str(event_id), "--household", "101-1203"]) == 2
    assert main(["events", "signup", str(event_id), "--household", "102-502"]) == 0
    capsys.readouterr()
    assert main(["events", "attendees", str(event_id)]) == 0
    assert capsys.readouterr().out.split() == ["101-302", "102-502"]
    assert main(["events", "list"]) == 0
    out = capsys.readouterr().out
    assert "2/2 taken" in out and "2,000 won" in out and "1 event(s)" in out
    # Bad input adds nothing (exit 2); a closed event refuses sign-ups (exit 3).
    assert main(["events", "add", "--title", "", "--start", "2026-11-28T10:00",
                 "--seats", "5"]) == 2
    assert "needs a title" in capsys.readouterr().err
    assert main(["events", "add", "--title", "t", "--start", "토요일", "--seats", "5"]) == 2
    assert main(["events", "add", "--title", "t", "--start", "2026-11-28T10:00",
                 "--seats", "0"]) == 2
    capsys.readouterr()
    assert main(["events", "add", "--title", "김장 나눔", "--start", "2026-11-23T08:00",
                 "--end", "2026-11-23T18:00", "--seats", "20"]) == 0
    started = int(capsys.readouterr().out.strip())
    assert main(["events", "signup", str(started), "--household", "101-1203"]) == 3
    assert "closed" in capsys.readouterr().err
