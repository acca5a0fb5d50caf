"""When a closed resource opens next: later today, tomorrow, after closed days, or never."""

from __future__ import annotations

from datetime import date, datetime

from kiosk.domain.availability import next_opening
from kiosk.domain.clock import SEOUL
from kiosk.domain.rules import OpeningHours, TimeWindow


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=SEOUL)


def test_the_next_window_later_today_or_tomorrow() -> None:
    hours = OpeningHours.daily("09:00-22:00")
    assert next_opening(hours, at(23, 7, 30)) == at(23, 9)
    assert next_opening(hours, at(23, 22, 30)) == at(24, 9)
    assert next_opening(hours, at(23, 9)) == at(24, 9)  # 09:00 itself is not "next"


def test_closed_days_and_holidays_are_skipped() -> None:
    hours = OpeningHours(weekly=((TimeWindow.parse("09:00-18:00"),),) * 7,
                         closed_dates=frozenset({date(2026, 11, 24)}),
                         closed_on_public_holidays=True)
    holiday = frozenset({date(2026, 11, 25)})
    assert next_opening(hours, at(23, 20), holiday) == at(26, 9)


def test_a_resource_closed_for_weeks_has_no_next_opening_to_show() -> None:
    never = OpeningHours(weekly=((),) * 7)
    assert next_opening(never, at(23, 12)) is None
