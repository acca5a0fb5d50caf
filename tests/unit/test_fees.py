"""Fee rules: prices per group, free minutes, penalties by notice, the rule in words, and
the stored form (codec) of all of it."""

from __future__ import annotations

import tomllib
from datetime import datetime, timedelta

import pytest

from kiosk.app import DEMO_DIR
from kiosk.domain.clock import SEOUL
from kiosk.domain.fees import (
    FeeAmounts,
    FeeCorrection,
    FeeRule,
    NeighbourFees,
    PenaltyTier,
    booking_fee,
    fee_lines,
    fee_summary,
    month_key,
    penalty_amount,
    penalty_percent,
    penalty_text,
    won,
)
from kiosk.domain.rules import BookingRules
from kiosk.domain.rules_codec import fees_from_dict, rules_from_dict, rules_to_dict

WEEK = 7 * 24 * 60
PENALTIES = (PenaltyTier(10), PenaltyTier(30, within_minutes=WEEK), PenaltyTier(50, same_day=True))
ROOM = FeeRule(residents=FeeAmounts(per_hour=5000, free_minutes=30),
               neighbours=NeighbourFees(per_hour=10000), penalties=PENALTIES,
               free_cancel_minutes=10, deposit_note="보증금 50,000원",
               deposit_note_en="₩50,000 deposit")
KITCHEN = FeeRule(residents=FeeAmounts(per_booking=3000), penalties=PENALTIES,
                  free_cancel_minutes=10)
START = datetime(2026, 12, 10, 19, 0, tzinfo=SEOUL)  # a Thursday evening


def test_fee_per_hour_after_the_free_minutes_per_group() -> None:
    assert booking_fee(ROOM, 120) == 7500            # 1.5 h × 5,000원
    assert booking_fee(ROOM, 120, neighbour=True) == 15000  # 1.5 h × 10,000원
    assert booking_fee(ROOM, 30) == 0 and booking_fee(ROOM, 20) == 0  # all free
    assert booking_fee(ROOM, 60, units=2) == 5000    # per unit-hour
    assert booking_fee(KITCHEN, 180) == 3000         # per booking, whatever the length
    assert booking_fee(KITCHEN, 60, neighbour=True) == 3000  # neighbours follow residents
    both = FeeRule(FeeAmounts(per_booking=1000, per_hour=3000))
    assert booking_fee(both, 90) == 1000 + 4500
    assert booking_fee(FeeRule(FeeAmounts(per_hour=1000)), 1) == 17  # 16.7 → 17, whole won
    assert booking_fee(FeeRule(), 600) == 0 and not FeeRule().charges


def test_penalty_by_notice_takes_the_highest_that_applies() -> None:
    booked = START - timedelta(days=20)
    assert penalty_percent(ROOM, START, booked, START - timedelta(days=8)) == 10
    assert penalty_percent(ROOM, START, booked, START - timedelta(days=6)) == 30
    assert penalty_percent(ROOM, START, booked, START - timedelta(days=7, minutes=-1)) == 30
    morning = START.replace(hour=8)
    assert penalty_percent(ROOM, START, booked, morning) == 50  # the same local day
    late_evening_before = START - timedelta(hours=20)  # 23:00 the day before: not same day
    assert penalty_percent(ROOM, START, booked, late_evening_before) == 30
    # Within ten minutes of booking, a change of mind costs nothing, even on the day.
    assert penalty_percent(ROOM, START, morning, morning + timedelta(minutes=10)) == 0
    assert penalty_percent(ROOM, START, morning, morning + timedelta(minutes=11)) == 50
    assert penalty_percent(FeeRule(FeeAmounts(per_booking=1)), START, booked, morning) == 0
    assert penalty_amount(7500, 30) == 2250 and penalty_amount(3000, 10) == 300
    assert penalty_amount(7500, 0) == 0 and penalty_amount(15, 50) == 8  # 7.5 → 8


def test_bad_fee_rules_are_refused() -> None:
    for bad in (lambda: FeeAmounts(per_hour=-1), lambda: FeeAmounts(per_hour=1.5),  # type: ignore[arg-type]
                lambda: FeeAmounts(per_booking=True),  # type: ignore[arg-type]
                lambda: PenaltyTier(101), lambda: PenaltyTier(10, within_minutes=0),
                lambda: PenaltyTier(10, within_minutes=60, same_day=True),
                lambda: FeeAmounts(per_booking=20_000_000)):
        with pytest.raises(ValueError):
            bad()


def test_fee_rules_round_trip_through_the_stored_form() -> None:
    rules = BookingRules(fees=ROOM)
    data = rules_to_dict(rules)
    assert data["fees"] == {
        "per_hour": 5000, "free_minutes": 30, "neighbours": {"per_hour": 10000},
        "deposit_note": "보증금 50,000원", "deposit_note_en": "₩50,000 deposit",
        "free_cancel_minutes": 10,
        "penalties": [{"percent": 10}, {"within_days": 7, "percent": 30},
                      {"same_day": True, "percent": 50}]}
    assert rules_from_dict(data) == rules
    assert "fees" not in rules_to_dict(BookingRules())  # free resources keep their form
    assert rules_from_dict({}).fees == FeeRule()
    odd = FeeRule(FeeAmounts(per_hour=1), penalties=(PenaltyTier(5, within_minutes=90),
                                                     PenaltyTier(20, within_minutes=120)))
    assert rules_to_dict(BookingRules(fees=odd))["fees"]["penalties"] == [
        {"within_minutes": 90, "percent": 5}, {"within_hours": 2, "percent": 20}]
    assert rules_from_dict(rules_to_dict(BookingRules(fees=odd))).fees == odd


@pytest.mark.parametrize(("data", "message"), [
    ({"per_hours": 5000}, "unknown rule.*fees.per_hours"),
    ({"neighbours": {"per_day": 1}}, "unknown rule.*fees.neighbours.per_day"),
    ({"per_hour": 5000.5}, "fees.per_hour must be a whole number"),
    ({"per_hour": "5000"}, "fees.per_hour must be a whole number"),
    ({"penalties": [{"within_days": 7}]}, "needs a percent"),
    ({"penalties": [{"within_days": 7, "within_hours": 3, "percent": 5}]}, "one of"),
    ({"penalties": [{"percent": 5, "notice": "7d"}]}, "fees.penalties.notice"),
    ({"penalties": {"percent": 5}}, "list of tables"),
    ({"deposit_note": 5}, "must be text"),
    ("free", "table"),
])
def test_bad_stored_fee_rules_say_which_key(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        fees_from_dict(data)


def test_the_demo_village_charges_the_community_room_and_the_kitchen() -> None:
    village = tomllib.loads((DEMO_DIR / "village.toml").read_text(encoding="utf-8"))
    rules = {r["id"]: rules_from_dict(r.get("rules", {})) for r in village["resource"]}
    room, kitchen = rules["room-community"].fees, rules["kitchen-shared"].fees
    assert room.amounts(False) == FeeAmounts(per_hour=5000, free_minutes=30)
    assert room.amounts(True) == FeeAmounts(per_hour=10000, free_minutes=30)
    assert kitchen.amounts(False) == kitchen.amounts(True) == FeeAmounts(per_booking=3000)
    for fees in (room, kitchen):
        assert fees.penalties == PENALTIES and fees.free_cancel_minutes == 10
    assert [r for r, found in rules.items() if found.fees.charges] == [
        "room-community", "kitchen-shared"]


def test_the_rule_in_words_for_the_kiosk_in_korean_and_english() -> None:
    assert fee_lines(ROOM) == [
        "이용료 (주민): 시간당 5,000원 (처음 30분 무료)",
        "이용료 (이웃 회원): 시간당 10,000원 (처음 30분 무료)",
        "보증금: 보증금 50,000원",
        "취소 수수료: 언제 취소해도 10%, 7일 안 30%, 당일 50% · 예약 후 10분 안에는 무료",
        "월 관리비에 함께 청구됩니다"]
    assert fee_lines(ROOM, "en", neighbour=True) == [
        "Fee: ₩10,000 per hour (first 30 min free)",
        "Deposit: ₩50,000 deposit",
        "Cancellation fee: 10% at any time, 30% within 7 days of the start, 50% on the day;"
        " free within 10 min of booking",
        "Charged on the monthly maintenance bill"]
    assert fee_lines(KITCHEN, "ko", neighbour=False)[0] == "이용료: 1회 3,000원"
    assert fee_lines(FeeRule()) == ["이용료 없음"]
    assert fee_lines(FeeRule(), "en") == ["Free of charge"]
    assert penalty_text(FeeRule(FeeAmounts(per_booking=1))) == "취소 수수료 없음"
    assert fee_summary(ROOM, 120) == "이용료 7,500원 (관리비에 청구)"
    assert fee_summary(ROOM, 120, neighbour=True, language="en") == \
        "Fee ₩15,000 (on the maintenance bill)"
    assert fee_summary(ROOM, 30) == "이용료 없음"
    assert won(-5000) == "-5,000원" and won(1234567, "en") == "₩1,234,567"


def test_months_and_corrections_are_checked() -> None:
    assert month_key("2026-11") == month_key("202611") == month_key("2026.11") == "2026-11"
    assert month_key("2026-1") == "2026-01"
    for bad in ("2026-13", "11-2026", "next", "2026-00"):
        with pytest.raises(ValueError, match="month must look like"):
            month_key(bad)
    now = datetime(2026, 11, 23, 9, tzinfo=SEOUL)
    assert FeeCorrection("2026-11", 1, None, -3000, "환불", "admin:kim", now).amount == -3000
    for amount, reason in ((0, "x"), (20_000_000, "x"), (100, " ")):
        with pytest.raises(ValueError):
            FeeCorrection("2026-11", 1, None, amount, reason, "admin:kim", now)
    with pytest.raises(ValueError, match="exactly one"):
        FeeCorrection("2026-11", 1, 2, 100, "x", "admin:kim", now)
