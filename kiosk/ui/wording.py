"""Refusals in plain words, each with the way forward, in the resident's language."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.domain.events import SignupRefusal, SignupRefused
from kiosk.ui.text import duration_text, tr, when_text


def _when(value: Any, today: date) -> str:
    return when_text(value, today) if isinstance(value, datetime) else str(value)


def refusal_text(refusal: BookingRefused, today: date, *, neighbour: bool = False) -> str:
    """One or two sentences: what happened, and what to do now (``neighbour``: the party
    is a neighbour member, who has a member id and no 동·호)."""
    d = refusal.details
    r = refusal.reason
    if r is Refusal.WRONG_PIN:
        left = int(d.get("attempts_left", 0))
        return tr("비밀번호가 맞지 않습니다. {n}번 더 틀리면 잠시 잠깁니다. "
                  "다시 눌러 주세요.").format(n=left)
    if r is Refusal.HOUSEHOLD_LOCKED:
        return tr("비밀번호를 여러 번 틀려 {time}까지 잠겼습니다. 그 뒤에 다시 하시거나 "
                  "관리사무소에 문의하세요.").format(time=_when(d.get("until"), today))
    if r is Refusal.NOT_FOUND:
        if neighbour:
            return tr("등록된 이웃 회원을 찾을 수 없습니다. 회원번호나 전화번호 끝 네 자리를 "
                      "확인하고 다시 눌러 주세요.")
        return tr("찾을 수 없습니다. 동과 호수를 확인하고 다시 눌러 주세요.")
    if r is Refusal.HOUSEHOLD_INACTIVE:
        if neighbour or d.get("party") == "neighbour":
            return tr("이웃 회원 기간이 끝났거나 쉬고 있습니다. 관리사무소에서 회원을 "
                      "다시 이어 주세요.")
        return tr("이 세대는 지금 예약할 수 없습니다. 관리사무소에 문의하세요.")
    if r is Refusal.NEIGHBOUR_AMBIGUOUS:
        return tr("전화번호 끝 네 자리가 같은 회원이 여럿입니다. 회원증의 회원번호를 "
                  "눌러 주세요. 예: N-0003이면 3")
    if r is Refusal.RESIDENTS_ONLY:
        return tr("이곳은 단지 주민만 예약할 수 있습니다. 이웃 회원은 이웃에게 열린 공간과 "
                  "물품을 예약할 수 있습니다. 다른 곳을 골라 주세요.")
    if r is Refusal.TAKEN:
        return tr("고르시는 사이에 다른 분이 그 시간을 예약했습니다. 다른 시간을 골라 주세요.")
    if r in (Refusal.QUOTA_BOOKINGS, Refusal.QUOTA_MINUTES, Refusal.MAX_UPCOMING):
        if neighbour:
            return tr("이웃 회원이 쓸 수 있는 횟수나 시간을 모두 썼습니다. 다른 날을 "
                      "고르시거나 '내 예약'에서 예약을 취소한 뒤 다시 하세요.")
        return tr("이 세대가 쓸 수 있는 횟수나 시간을 모두 썼습니다. 다른 날을 고르시거나 "
                  "'내 예약'에서 예약을 취소한 뒤 다시 하세요.")
    if r is Refusal.OUT_OF_SERVICE:
        return tr("지금은 사용 중지 상태입니다. 같은 종류의 다른 곳을 골라 주세요.")
    if r in (Refusal.CLOSED, Refusal.BLACKOUT):
        return tr("그 시간에는 문을 닫습니다. 다른 시간을 골라 주세요.")
    if r in (Refusal.IN_PAST, Refusal.NOTICE):
        return tr("그 시간은 이미 지났거나 너무 가깝습니다. 조금 뒤의 시간을 골라 주세요.")
    if r is Refusal.TOO_FAR_AHEAD:
        return tr("그렇게 먼 날은 아직 예약할 수 없습니다. 더 가까운 날을 골라 주세요.")
    if r in (Refusal.TOO_SHORT, Refusal.TOO_LONG, Refusal.BAD_TIME):
        return tr("이용 시간이 규칙에 맞지 않습니다. 다른 길이를 골라 주세요.")
    if r is Refusal.TOO_MANY_UNITS:
        return tr("한 번에 예약할 수 있는 수를 넘었습니다.")
    if r in (Refusal.PLATE_REQUIRED, Refusal.PLATE_INVALID):
        return tr("차량 번호를 확인해 주세요. 예: 12가3456 또는 123가4567")
    if r is Refusal.CANCEL_CLOSED:
        return tr("취소 마감 시간({time})이 지나 여기서는 취소할 수 없습니다. "
                  "관리사무소에 문의하세요.").format(time=_when(d.get("cutoff"), today))
    if r is Refusal.CHECKIN_NOT_OPEN:
        return tr("체크인은 {time}부터 할 수 있습니다. 그때 다시 와 주세요.").format(
            time=_when(d.get("opens"), today))
    if r is Refusal.CHECKIN_CLOSED:
        return tr("체크인 시간({time})이 지나 예약이 풀렸습니다. 다시 예약해 주세요.").format(
            time=_when(d.get("closed"), today))
    if r is Refusal.NOT_BOOKABLE:
        return tr("안내 전용이라 여기서 예약하지 않습니다.")
    if r is Refusal.BUSY:
        return tr("잠시 처리가 밀렸습니다. 입력하신 내용은 그대로입니다. 다시 눌러 주세요.")
    return tr("지금은 할 수 없습니다. 다시 해 보시거나 관리사무소에 문의하세요.")


def signup_refusal_text(refusal: SignupRefused) -> str:
    """Why a sign-up (or its cancellation) did not happen, and what to do now."""
    r = refusal.reason
    if r is SignupRefusal.FULL:
        return tr("자리가 모두 찼습니다. 취소가 생기면 다시 신청할 수 있습니다.")
    if r is SignupRefusal.CLOSED:
        return tr("신청 마감이 지났습니다. 바꾸시려면 관리사무소에 문의하세요.")
    if r is SignupRefusal.OVER:
        return tr("이미 끝난 행사입니다.")
    if r is SignupRefusal.ALREADY:
        return tr("이 세대는 이미 신청했습니다.")
    if r is SignupRefusal.NOT_SIGNED_UP:
        return tr("이 세대의 신청 내역이 없습니다.")
    if r is SignupRefusal.HOUSEHOLD_INACTIVE:
        return tr("이 세대는 지금 신청할 수 없습니다. 관리사무소에 문의하세요.")
    if r is SignupRefusal.NO_EVENT:
        return tr("이 행사는 더 이상 없습니다. 마을 소식을 다시 확인해 주세요.")
    if r is SignupRefusal.BUSY:
        return tr("잠시 처리가 밀렸습니다. 입력하신 내용은 그대로입니다. 다시 눌러 주세요.")
    return tr("지금은 할 수 없습니다. 다시 해 보시거나 관리사무소에 문의하세요.")


def cancel_rule_text(cutoff_minutes: int) -> str:
    """The rule to show when cancelling here is closed."""
    if cutoff_minutes:
        return tr("취소는 시작 {cutoff} 전까지만 할 수 있습니다.").format(
            cutoff=duration_text(cutoff_minutes))
    return tr("시작한 예약은 취소할 수 없습니다.")


def unexpected_text() -> str:
    return tr("문제가 생겼습니다. 입력하신 내용은 그대로입니다. 다시 눌러 주시거나 "
              "관리사무소에 문의하세요.")
