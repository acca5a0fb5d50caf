"""Neighbour members in plain Python: masking, ids, and the rules per group."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk.domain.errors import Refusal
from kiosk.domain.households import Household, LockoutPolicy
from kiosk.domain.neighbours import (
    Neighbour,
    mask_name,
    mask_phone,
    normalise_phone,
    parse_member_id,
)
from kiosk.domain.policy import BookingRequest, check_booking
from kiosk.domain.resources import Location, Resource, ResourceKind
from kiosk.domain.rules import Audience, BookingRules, NeighbourRules, Quota, QuotaPeriod
from kiosk.domain.rules_codec import rules_from_dict, rules_to_dict

NOW = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # Monday 09:00 in Seoul


def test_phone_is_kept_as_digits_and_shown_masked() -> None:
    assert normalise_phone("010-1234-5678") == "01012345678"
    assert normalise_phone("+82 10 1234 5678") == "01012345678"
    assert mask_phone("01012345678") == "010-****-5678"
    assert mask_phone("0212345678") == "02-****-5678"
    for bad in ("1234", "010-12a4-5678", "11012345678"):
        with pytest.raises(ValueError):
            normalise_phone(bad)


def test_names_are_masked_between_the_first_and_last_letters() -> None:
    assert mask_name("홍길동") == "홍*동"
    assert mask_name("김영") == "김*"
    assert mask_name("남궁민수") == "남**수"
    n = Neighbour("홍길동", "01012345678", "x", id=3)
    assert n.label("ko") == "이웃 N-0003 홍*동" and n.label("en") == "Neighbour N-0003 홍*동"


def test_member_ids_are_read_as_people_type_them() -> None:
    assert [parse_member_id(t) for t in ("N-0003", "n3", "3", " 이웃 N-0012 ")] == [3, 3, 3, 12]
    for bad in ("", "N-", "0", "101-1203"):
        with pytest.raises(ValueError):
            parse_member_id(bad)


def test_neighbour_lockout_follows_the_households_rule() -> None:
    policy = LockoutPolicy(max_attempts=3, lock_minutes=10)
    n = Neighbour("홍길동", "01012345678", "x")
    h = Household("101", "1203", "x")
    for _ in range(3):
        n, h = n.after_failed_pin(NOW, policy), h.after_failed_pin(NOW, policy)
    assert n.locked_until == h.locked_until == NOW + timedelta(minutes=10)
    assert n.after_good_pin().locked_until is None


def test_membership_ends_on_its_last_day() -> None:
    n = Neighbour("홍길동", "01012345678", "x", expires_on=date(2026, 11, 30))
    assert n.is_current(date(2026, 11, 30)) and not n.is_current(date(2026, 12, 1))


def test_rules_per_group_round_trip_and_apply() -> None:
    rules = BookingRules(max_days_ahead=14, quotas=(Quota(QuotaPeriod.WEEK, max_bookings=3),),
                         open_to=Audience.NEIGHBOURS,
                         neighbours=NeighbourRules(max_days_ahead=3, quotas=(
                             Quota(QuotaPeriod.MONTH, max_bookings=1),)))
    data = rules_to_dict(rules)
    assert data["open_to"] == "neighbours"
    assert data["neighbours"] == {"max_days_ahead": 3,
                                  "quotas": [{"period": "month", "max_bookings": 1}]}
    assert rules_from_dict(data) == rules
    theirs = rules.for_audience(Audience.NEIGHBOURS)
    assert theirs.max_days_ahead == 3 and theirs.quotas == (Quota(QuotaPeriod.MONTH, 1),)
    assert rules.for_audience(Audience.RESIDENTS) is rules
    assert rules_from_dict({}).open_to is Audience.RESIDENTS  # stored rules before neighbours
    with pytest.raises(ValueError, match="open_to must be residents or neighbours"):
        rules_from_dict({"open_to": "everyone"})
    with pytest.raises(ValueError, match="unknown rule"):
        rules_from_dict({"neighbours": {"colour": 1}})


def _room(open_to: Audience) -> Resource:
    return Resource("room", ResourceKind.SPACE, "방", "Room", Location(37.6, 127.0),
                    rules=BookingRules(slot_minutes=60, min_duration=60, max_days_ahead=14,
                                       open_to=open_to,
                                       neighbours=NeighbourRules(max_days_ahead=3)))


def _request(days: int) -> BookingRequest:
    start = NOW + timedelta(days=days, hours=1)
    return BookingRequest("room", start, start + timedelta(hours=1))


def test_a_neighbour_is_refused_a_residents_only_resource() -> None:
    neighbour = Neighbour("홍길동", "01012345678", "x", id=1)
    found = check_booking(_request(1), _room(Audience.RESIDENTS), neighbour, NOW, [], [])
    assert [r.reason for r in found] == [Refusal.RESIDENTS_ONLY]


def test_neighbours_book_fewer_days_ahead_than_residents() -> None:
    neighbour = Neighbour("홍길동", "01012345678", "x", id=1)
    household = Household("101", "1203", "x", id=1)
    room = _room(Audience.NEIGHBOURS)
    assert check_booking(_request(3), room, neighbour, NOW, [], []) == []
    late = check_booking(_request(5), room, neighbour, NOW, [], [])
    assert [(r.reason, r.details["days"]) for r in late] == [(Refusal.TOO_FAR_AHEAD, 3)]
    assert check_booking(_request(5), room, household, NOW, [], []) == []


def test_an_expired_neighbour_cannot_book_past_the_last_day() -> None:
    neighbour = Neighbour("홍길동", "01012345678", "x", id=1, expires_on=date(2026, 11, 24))
    room = _room(Audience.NEIGHBOURS)
    assert check_booking(_request(1), room, neighbour, NOW, [], []) == []
    found = check_booking(_request(2), room, neighbour, NOW, [], [])
    assert [r.reason for r in found] == [Refusal.HOUSEHOLD_INACTIVE]
