"""Plain-language text for kinds, times, rules and durations, through Qt's translation system.

Korean is the source language of every string; English comes from the .qm file.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

from kiosk.domain.clock import to_local
from kiosk.domain.resources import ResourceKind
from kiosk.domain.rules import BookingRules, QuotaPeriod

WALK_M_PER_MIN = 67.0  # an unhurried older walker, about 4 km/h


def tr(text: str) -> str:
    return QCoreApplication.translate("kiosk", text)


def kind_label(kind: ResourceKind) -> str:
    return {
        ResourceKind.PARKING: tr("주차"),
        ResourceKind.BIKE: tr("자전거"),
        ResourceKind.SPACE: tr("공간"),
        ResourceKind.ITEM: tr("물품"),
        ResourceKind.OTHER: tr("기타 안내"),
    }[kind]


def clock_text(moment: datetime) -> str:
    return to_local(moment).strftime("%H:%M")


def weekday_text(day: date) -> str:
    names = (tr("월"), tr("화"), tr("수"), tr("목"), tr("금"), tr("토"), tr("일"))
    return names[day.weekday()]


def day_text(day: date, today: date) -> str:
    """``오늘``, ``내일`` or ``11월 25일 (수)``."""
    offset = (day - today).days
    if offset == 0:
        return tr("오늘")
    if offset == 1:
        return tr("내일")
    return tr("{month}월 {day}일 ({weekday})").format(
        month=day.month, day=day.day, weekday=weekday_text(day))


def when_text(moment: datetime, today: date) -> str:
    """``오늘 14:30`` / ``11월 25일 (수) 09:00``."""
    local = to_local(moment)
    return f"{day_text(local.date(), today)} {local:%H:%M}"


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return tr("{h}시간 {m}분").format(h=hours, m=rest)
    if hours:
        return tr("{h}시간").format(h=hours)
    return tr("{m}분").format(m=rest)


def distance_text(metres: float) -> str:
    """``120 m · 걸어서 2분``."""
    minutes = max(1, round(metres / WALK_M_PER_MIN))
    metres = max(metres, 10.0)  # "0 m" reads as a mistake
    shown = f"{round(metres / 10) * 10:.0f} m" if metres < 1000 else f"{metres / 1000:.1f} km"
    return tr("{distance} · 걸어서 {minutes}분").format(distance=shown, minutes=minutes)


def _period(period: QuotaPeriod) -> str:
    return {QuotaPeriod.DAY: tr("하루"), QuotaPeriod.WEEK: tr("일주일"),
            QuotaPeriod.MONTH: tr("한 달")}[period]


def rules_lines(rules: BookingRules, plate_needed: bool | None = None) -> list[str]:
    """The rules a resident must know, each as one short sentence."""
    lines = [tr("한 번에 {min}부터 최대 {max}까지").format(
        min=duration_text(rules.min_duration), max=duration_text(rules.max_duration))]
    for quota in rules.quotas:
        if quota.max_bookings is not None:
            lines.append(tr("{period}에 {n}번까지").format(period=_period(quota.period),
                                                         n=quota.max_bookings))
        if quota.max_minutes is not None:
            lines.append(tr("{period}에 모두 {total}까지").format(
                period=_period(quota.period), total=duration_text(quota.max_minutes)))
    if rules.max_upcoming_per_household is not None:
        lines.append(tr("다가오는 예약은 한 집에 {n}건까지").format(
            n=rules.max_upcoming_per_household))
    if rules.min_notice:
        lines.append(tr("시작 {notice} 전까지 예약").format(notice=duration_text(rules.min_notice)))
    lines.append(tr("{days}일 뒤까지 예약할 수 있습니다").format(days=rules.max_days_ahead))
    if rules.cancel_cutoff:
        lines.append(tr("취소는 시작 {cutoff} 전까지").format(
            cutoff=duration_text(rules.cancel_cutoff)))
    else:
        lines.append(tr("시작 전까지 언제든 취소할 수 있습니다"))
    if rules.checkin_required:
        lines.append(tr("시작 후 {minutes}분 안에 체크인하지 않으면 예약이 풀립니다").format(
            minutes=rules.auto_release_after))
    if rules.approval_required:
        lines.append(tr("관리사무소가 승인하면 확정됩니다"))
    if plate_needed if plate_needed is not None else rules.plate_required:
        lines.append(tr("차량 번호가 필요합니다"))
    return lines


SEOUL_DISTRICTS = {
    "종로구": "Jongno-gu", "중구": "Jung-gu", "용산구": "Yongsan-gu", "성동구": "Seongdong-gu",
    "광진구": "Gwangjin-gu", "동대문구": "Dongdaemun-gu", "중랑구": "Jungnang-gu",
    "성북구": "Seongbuk-gu", "강북구": "Gangbuk-gu", "도봉구": "Dobong-gu", "노원구": "Nowon-gu",
    "은평구": "Eunpyeong-gu", "서대문구": "Seodaemun-gu", "마포구": "Mapo-gu",
    "양천구": "Yangcheon-gu", "강서구": "Gangseo-gu", "구로구": "Guro-gu",
    "금천구": "Geumcheon-gu", "영등포구": "Yeongdeungpo-gu", "동작구": "Dongjak-gu",
    "관악구": "Gwanak-gu", "서초구": "Seocho-gu", "강남구": "Gangnam-gu", "송파구": "Songpa-gu",
    "강동구": "Gangdong-gu",
}
"""Seoul's 25 districts in the official romanisation."""
SEOUL = ("서울특별시", "서울시", "서울")


def address_text(address: str, language: str, address_en: str = "") -> str:
    """An address in the kiosk's language. In English: the English address when the data
    has one, else the district of a Seoul address romanised ("Seongbuk-gu, Seoul"), else
    nothing (a Korean street name means little to someone who cannot read it; the place's
    own English directions are shown beside it)."""
    if language != "en":
        return address
    if address_en:
        return address_en
    words = address.split()
    city = words[0] if words and words[0] in SEOUL else ""
    rest = words[1:] if city else words
    district = SEOUL_DISTRICTS.get(rest[0]) if rest else None
    if district is not None:
        return f"{district}, Seoul"
    return "Seoul" if city else ""
