"""Desk wording in Korean (the source language) with English from the "admin" context."""

from __future__ import annotations

import re
from datetime import datetime

from PySide6.QtCore import QCoreApplication

from kiosk.domain.bookings import BookingStatus
from kiosk.domain.clock import to_local
from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.domain.fees import fee_lines
from kiosk.domain.resources import Resource, ResourceKind
from kiosk.domain.rules import Audience, BookingRules, QuotaPeriod, TimeWindow
from kiosk.services.admin_accounts import DeskRefusal, DeskRefused
from kiosk.services.importing import ImportRefused

LANGUAGE = {"current": "ko"}  # set by the window's language switch


def tr(text: str) -> str:
    return QCoreApplication.translate("admin", text)


def name_of(resource: Resource) -> str:
    """A resource's name in the desk's language (English falls back to Korean)."""
    return resource.name(LANGUAGE["current"])


def in_language(korean: str, english: str) -> str:
    """A name stored in both languages, in the desk's (English falls back to Korean)."""
    return english if LANGUAGE["current"] == "en" and english else korean


# The sound a final digit or Latin letter ends on decides the particle after it:
# 일 삼 육 칠 팔 영 (and 십, 백, 천) end on a consonant; 이 사 오 구 on a vowel.
_DIGIT_HAS_FINAL = {"0": True, "1": True, "2": False, "3": True, "4": False, "5": False,
                    "6": True, "7": True, "8": True, "9": False}
_LATIN_HAS_FINAL = set("lmnrLMNR")
_PARTICLES = {"을(를)": ("을", "를"), "를(을)": ("을", "를"), "이(가)": ("이", "가"),
              "가(이)": ("이", "가"), "은(는)": ("은", "는"), "는(은)": ("은", "는"),
              "과(와)": ("과", "와"), "와(과)": ("과", "와")}
_PARTICLE = re.compile(r"(\S)(을\(를\)|를\(을\)|이\(가\)|가\(이\)|은\(는\)|는\(은\)"
                       r"|과\(와\)|와\(과\))")


def _has_final(char: str) -> bool | None:
    if "\uac00" <= char <= "\ud7a3":
        return (ord(char) - 0xAC00) % 28 != 0
    if char in _DIGIT_HAS_FINAL:
        return _DIGIT_HAS_FINAL[char]
    if char.isascii() and char.isalpha():
        return char in _LATIN_HAS_FINAL
    return None


def particles(text: str) -> str:
    """"커뮤니티룸을(를)" → "커뮤니티룸을": the particle that fits the word before it,
    so no message shows both forms."""
    def pick(found: re.Match[str]) -> str:
        final = _has_final(found.group(1))
        with_final, without = _PARTICLES[found.group(2)]
        if final is None:
            return found.group(0)
        return found.group(1) + (with_final if final else without)
    return _PARTICLE.sub(pick, text)


def plain_actor(label: str, kiosks: dict[str, str] | None = None) -> str:
    """Who did something, without the storage prefix: "admin:kim" → "관리자 kim",
    "kiosk:lobby-1" → "키오스크 101동 로비" when ``kiosks`` knows where it stands."""
    kind, _, name = label.partition(":")
    if not name:
        return label
    if kind == "kiosk" and kiosks and name in kiosks:
        name = kiosks[name]
    return {"admin": tr("관리자 {n}"), "kiosk": tr("키오스크 {n}"),
            "system": tr("자동 처리"), "sync": tr("허브 동기화")}.get(
                kind, "{n}").format(n=name)


def cancel_reasons() -> list[str]:
    """The reasons a volunteer gives most often, one click each (free text stays open)."""
    return [tr("본인 요청"), tr("시설 점검"), tr("중복 예약"), tr("이용 규칙 위반"),
            tr("행사·공사로 이용 불가")]


def reject_reasons() -> list[str]:
    return [tr("시설 점검"), tr("중복 예약"), tr("이용 규칙 위반"), tr("신청 정보 부족"),
            tr("행사·공사로 이용 불가")]


def status_label(status: BookingStatus) -> str:
    return {
        BookingStatus.PENDING: tr("승인 대기"),
        BookingStatus.CONFIRMED: tr("확정"),
        BookingStatus.CHECKED_IN: tr("이용 중"),
        BookingStatus.COMPLETED: tr("이용 완료"),
        BookingStatus.CANCELLED: tr("취소"),
        BookingStatus.REJECTED: tr("거절"),
        BookingStatus.NO_SHOW: tr("노쇼"),
    }[status]


def kind_label(kind: ResourceKind) -> str:
    return {
        ResourceKind.PARKING: tr("주차"),
        ResourceKind.BIKE: tr("자전거"),
        ResourceKind.SPACE: tr("공간"),
        ResourceKind.ITEM: tr("물품"),
        ResourceKind.OTHER: tr("기타"),
    }[kind]


def when(moment: datetime | None) -> str:
    return "" if moment is None else to_local(moment).strftime("%Y-%m-%d %H:%M")


def duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return tr("{h}시간 {m}분").format(h=hours, m=rest)
    if hours:
        return tr("{h}시간").format(h=hours)
    return tr("{m}분").format(m=rest)


def action_label(action: str) -> str:
    """Audit log actions ("booking.cancel") as words."""
    return {
        "booking.create": tr("예약함"),
        "booking.approve": tr("승인"),
        "booking.reject": tr("거절"),
        "booking.cancel": tr("취소"),
        "booking.check_in": tr("체크인"),
        "booking.no_show": tr("노쇼"),
        "booking.rejected": tr("승인 없이 시작되어 거절됨"),
        "notice.add": tr("소식 게시"),
        "notice.remove": tr("소식 내림"),
        "event.add": tr("행사 올림"),
        "event.signup": tr("행사 신청"),
        "event.cancel": tr("행사 신청 취소"),
    }.get(action, action)


def _period(period: QuotaPeriod) -> str:
    return {QuotaPeriod.DAY: tr("하루"), QuotaPeriod.WEEK: tr("한 주"),
            QuotaPeriod.MONTH: tr("한 달")}[period]


def weekday_label(index: int) -> str:
    """Monday = 0, as one short word in the desk's language."""
    return (tr("월"), tr("화"), tr("수"), tr("목"), tr("금"), tr("토"), tr("일"))[index]


def week_summary(weekly: tuple[tuple[TimeWindow, ...], ...]) -> str:
    """Opening hours in words, runs of equal days joined: "월~금 09:00-22:00 · 일 휴무".

    Empty when open all day every day (nothing worth saying).
    """
    texts = [", ".join(w.format() for w in day) for day in weekly]
    if set(texts) == {"00:00-24:00"}:
        return ""
    if len(set(texts)) == 1:
        return tr("운영 {h}").format(h=texts[0] or tr("없음"))
    runs: list[tuple[int, int, str]] = []
    for index, text in enumerate(texts):
        if runs and runs[-1][2] == text:
            runs[-1] = (runs[-1][0], index, text)
        else:
            runs.append((index, index, text))
    words = []
    for first, last, text in runs:
        days = weekday_label(first) if first == last else \
            f"{weekday_label(first)}~{weekday_label(last)}"
        words.append(f"{days} {text or tr('휴무')}")
    return tr("운영 {h}").format(h=" · ".join(words))


def rules_preview(rules: BookingRules) -> str:
    """The rules as a volunteer would say them: "최대 2시간, 하루 1회, 승인 필요"."""
    parts = [tr("최대 {d}").format(d=duration_text(rules.max_duration))]
    if rules.min_duration > rules.slot_minutes:
        parts.append(tr("최소 {d}").format(d=duration_text(rules.min_duration)))
    for quota in rules.quotas:
        if quota.max_bookings is not None:
            parts.append(tr("{p} {n}회").format(p=_period(quota.period), n=quota.max_bookings))
        if quota.max_minutes is not None:
            parts.append(tr("{p} {d}까지").format(p=_period(quota.period),
                                                 d=duration_text(quota.max_minutes)))
    if rules.max_upcoming_per_household is not None:
        parts.append(tr("예정 예약 {n}건까지").format(n=rules.max_upcoming_per_household))
    parts.append(tr("{n}일 앞까지").format(n=rules.max_days_ahead))
    if rules.min_notice:
        parts.append(tr("{d} 전까지 예약").format(d=duration_text(rules.min_notice)))
    if rules.cancel_cutoff:
        parts.append(tr("시작 {d} 전까지 취소").format(d=duration_text(rules.cancel_cutoff)))
    if rules.max_units_per_booking > 1:
        parts.append(tr("한 번에 {n}개까지").format(n=rules.max_units_per_booking))
    if rules.approval_required:
        parts.append(tr("승인 필요"))
    if rules.checkin_required:
        parts.append(tr("체크인 필요(시작 {b}분 전부터, {m}분 지나면 자동 취소)").format(
            b=rules.checkin_opens_before, m=rules.auto_release_after))
    if rules.plate_required:
        parts.append(tr("차량번호 필요"))
    if rules.buffer_minutes:
        parts.append(tr("예약 사이 {m}분 정리 시간").format(m=rules.buffer_minutes))
    hours = week_summary(rules.hours.weekly)
    if hours:
        parts.append(hours)
    if rules.hours.closed_on_public_holidays:
        parts.append(tr("공휴일 휴무"))
    closed = sorted(rules.hours.closed_dates)
    if closed:
        shown = ", ".join(f"{d:%m/%d}" for d in closed[:3])
        if len(closed) > 3:
            shown = tr("{d} 외 {n}일").format(d=shown, n=len(closed) - 3)
        parts.append(tr("쉬는 날 {d}").format(d=shown))
    parts.append(neighbours_preview(rules))
    if rules.fees.charges:
        # The domain words the fees in both languages, as the kiosk will show them.
        parts.extend(fee_lines(rules.fees, LANGUAGE["current"])[:-1])
    return ", ".join(parts)


def neighbours_preview(rules: BookingRules) -> str:
    """Who may book, and what differs for neighbour members: "이웃 회원도: 3일 앞까지,
    한 달에 1회"."""
    if rules.open_to is not Audience.NEIGHBOURS:
        return tr("단지 주민만")
    extra = rules.neighbours
    differs = []
    if extra.max_days_ahead is not None:
        differs.append(tr("{n}일 앞까지").format(n=extra.max_days_ahead))
    for quota in extra.quotas or ():
        if quota.max_bookings is not None:
            differs.append(tr("{p} {n}회").format(p=_period(quota.period), n=quota.max_bookings))
    if extra.max_upcoming is not None:
        differs.append(tr("예정 예약 {n}건까지").format(n=extra.max_upcoming))
    if not differs:
        return tr("이웃 회원도 같은 규칙으로")
    return tr("이웃 회원도: {r}").format(r=" · ".join(differs))


def refusal_text(exc: Exception) -> str:
    """A refused action in words a volunteer can act on."""
    if isinstance(exc, DeskRefused):
        if exc.reason is DeskRefusal.WRONG_PASSWORD:
            if exc.attempts_left is not None:
                return tr("아이디 또는 비밀번호가 맞지 않습니다. {n}번 더 틀리면 잠깁니다.").format(
                    n=exc.attempts_left)
            return tr("아이디 또는 비밀번호가 맞지 않습니다.")
        if exc.reason is DeskRefusal.LOCKED:
            return tr("여러 번 틀려 잠겼습니다. {t}에 다시 시도하세요.").format(
                t=to_local(exc.until).strftime("%H:%M") if exc.until else "?")
        return {
            DeskRefusal.INACTIVE: tr("사용이 중지된 계정입니다. 관리자에게 문의하세요."),
            DeskRefusal.NOT_MANAGER: tr("관리자만 할 수 있습니다."),
            DeskRefusal.EXISTS: tr("이미 있습니다: {m}").format(m=import_error_text(str(exc))),
            DeskRefusal.INVALID: tr("입력을 확인하세요: {m}").format(
                m=import_error_text(str(exc))),
            DeskRefusal.NOT_FOUND: tr("찾을 수 없습니다: {m}").format(
                m=import_error_text(str(exc))),
            DeskRefusal.ALREADY_SET_UP: tr("이미 설정되었습니다."),
        }.get(exc.reason, str(exc))
    if isinstance(exc, BookingRefused):
        d = exc.details
        texts = {
            Refusal.NOT_FOUND: tr("찾을 수 없습니다."),
            Refusal.NOT_BOOKABLE: tr("예약할 수 없는 자원입니다."),
            Refusal.OUT_OF_SERVICE: tr("사용 중지된 자원입니다."),
            Refusal.HOUSEHOLD_INACTIVE: tr("사용 중지된 세대입니다."),
            Refusal.HOUSEHOLD_LOCKED: tr("PIN 오류로 잠긴 세대입니다."),
            Refusal.BAD_TIME: tr("시간이 예약 단위에 맞지 않습니다."),
            Refusal.IN_PAST: tr("이미 지난 시간입니다."),
            Refusal.TOO_SHORT: tr("너무 짧습니다 (최소 {m}분).").format(m=d.get("minutes", "?")),
            Refusal.TOO_LONG: tr("너무 깁니다 (최대 {m}분).").format(m=d.get("minutes", "?")),
            Refusal.NOTICE: tr("시작이 너무 임박했습니다."),
            Refusal.TOO_FAR_AHEAD: tr("너무 먼 날짜입니다 ({n}일 앞까지).").format(
                n=d.get("days", "?")),
            Refusal.CLOSED: tr("운영 시간이 아닙니다."),
            Refusal.BLACKOUT: tr("이용 중단 기간입니다: {w}").format(w=d.get("why", "")),
            Refusal.QUOTA_BOOKINGS: tr("세대 이용 횟수 한도를 넘습니다."),
            Refusal.QUOTA_MINUTES: tr("세대 이용 시간 한도를 넘습니다."),
            Refusal.MAX_UPCOMING: tr("세대의 예정 예약이 이미 한도만큼 있습니다."),
            Refusal.TOO_MANY_UNITS: tr("한 번에 예약할 수 있는 수량을 넘습니다."),
            Refusal.PLATE_REQUIRED: tr("차량번호가 필요합니다."),
            Refusal.PLATE_INVALID: tr("차량번호 형식이 맞지 않습니다."),
            Refusal.TAKEN: tr("그 시간은 이미 찼습니다."),
            Refusal.CANCEL_CLOSED: tr("취소 가능 시간이 지났습니다."),
            Refusal.CHECKIN_NOT_OPEN: tr("아직 체크인 시간이 아닙니다."),
            Refusal.CHECKIN_CLOSED: tr("체크인 시간이 지났습니다."),
            Refusal.BAD_STATE: tr("지금 상태에서는 할 수 없습니다."),
            Refusal.BUSY: tr("데이터베이스가 바쁩니다. 잠시 후 다시 시도하세요."),
            Refusal.RESIDENTS_ONLY: tr("단지 주민만 쓸 수 있는 자원입니다. 이웃 회원은 "
                                       "이웃에게 열린 자원만 예약할 수 있습니다."),
            Refusal.NEIGHBOUR_AMBIGUOUS: tr("전화번호 끝자리가 같은 회원이 여럿입니다. "
                                            "회원번호로 찾으세요."),
        }
        return texts.get(exc.reason, str(exc))
    if isinstance(exc, ImportRefused):
        return import_refusal_text([(e.line, e.message) for e in exc.errors])
    if isinstance(exc, (LookupError, ValueError)):
        return import_error_text(str(exc))
    return str(exc)


_IMPORT_ERRORS: tuple[tuple[str, str], ...] = (
    (r"PIN must be 4 digits$", "PIN은 숫자 4자리여야 합니다"),
    (r"(?P<h>[\d-]+) is new and needs a PIN$", "{h}은(는) 새 세대라 PIN이 필요합니다"),
    (r"(?P<h>[\d-]+) repeats line (?P<n>\d+)$", "{h}이(가) {n}번째 줄과 겹칩니다"),
    (r"building and unit must be numbers: (?P<v>.*)$", "동과 호는 숫자여야 합니다: {v}"),
    (r"not a Korean vehicle plate: (?P<v>.*)$", "차량번호 형식이 아닙니다: {v}"),
    (r"active must be yes or no, got (?P<v>.*)$", "사용 열은 예 또는 아니오여야 합니다: {v}"),
    (r"missing column\(s\): (?P<v>[^;]*);.*$", "빠진 열이 있습니다: {v}"),
    (r"unknown column\(s\): (?P<v>.*)$", "모르는 열이 있습니다: {v}"),
    (r"more values than columns$", "값이 열보다 많습니다"),
    (r"the file is neither UTF-8 nor CP949 text.*$",
     "UTF-8이나 CP949 글자가 아닙니다. 엑셀에서 'CSV UTF-8'로 저장하세요"),
    (r"household must look like 101-1203, got (?P<v>.*)$",
     "세대는 101-1203처럼 적어야 합니다: {v}"),
    (r"dates need a time zone.*$", "날짜에 시간대를 붙여 주세요. 예: 2026-12-01T10:00+09:00"),
    (r"unknown resource (?P<v>.*)$", "모르는 자원입니다: {v}"),
    (r"unknown household (?P<v>.*)$", "등록되지 않은 세대입니다: {v}"),
    (r"no household (?P<v>.*)$", "등록되지 않은 세대입니다: {v}"),
    (r"no resource (?P<v>.*)$", "없는 자원입니다: {v}"),
    (r"resource (?P<v>\S+) already exists$", "이미 있는 자원 id입니다: {v}"),
    (r"resource id (?P<v>.*) repeats$", "자원 id {v}이(가) 두 번 나옵니다"),
    (r"unknown rule\(s\): (?P<v>.*)$", "모르는 규칙이 있습니다: {v}"),
    (r"unknown weekday\(s\) in hours: (?P<v>.*)$", "모르는 요일이 있습니다: {v}"),
    (r"opening window must look like 09:00-22:00, got (?P<v>.*)$",
     "운영 시간은 09:00-22:00처럼 적어야 합니다: {v}"),
    (r"a reason is needed$", "사유를 적어 주세요"),
    (r"password must be at least (?P<n>\d+) characters$", "비밀번호는 {n}자 이상이어야 합니다"),
    (r"username must be 2-40 .*$", "아이디는 영문·숫자·'.'·'-'·'_' 2~40자여야 합니다"),
    (r".*building and unit must be numbers of 1-5 digits: (?P<b>'[^']*'), (?P<u>'[^']*')$",
     "동과 호는 1~5자리 숫자여야 합니다: {b}, {u}"),
    (r"household (?P<v>[\d-]+)$", "{v} 세대"),
    (r"a display name is needed$", "이름을 적어 주세요"),
    (r"you cannot deactivate your own account$", "자기 계정은 사용 중지할 수 없습니다"),
    (r"(?P<v>\S+) already exists$", "{v}"),
    (r"no account (?P<v>.*)$", "없는 계정입니다: {v}"),
)


def _not_bookable(reason: str) -> str:
    try:
        return refusal_text(BookingRefused(Refusal(reason)))
    except ValueError:
        return reason


_NESTED: tuple[tuple[str, str], ...] = (
    (r"resource (?P<v>[^:\s]+): (?P<m>.*)$", "자원 {v}: {m}"),
    (r"not bookable: (?P<m>.*)$", "예약할 수 없습니다: {m}"),
)


def import_error_text(message: str) -> str:
    """A line-level import error from the import service, in the desk's language."""
    for pattern, wording in _IMPORT_ERRORS:
        found = re.match(pattern, message)
        if found:
            parts = found.groupdict()
            if pattern.startswith("missing column"):
                parts["v"] = ", ".join(_column_name(c) for c in parts["v"].split(", "))
            return particles(tr(wording).format(**parts))
    for pattern, wording in _NESTED:
        found = re.match(pattern, message)
        if found:
            inner = found.group("m")
            parts = found.groupdict()
            parts["m"] = _not_bookable(inner) if pattern.startswith("not bookable") \
                else import_error_text(inner)
            return tr(wording).format(**parts)
    return message


def _column_name(column: str) -> str:
    """A households file's column as the Korean template names it."""
    return {"building": tr("동"), "unit": tr("호"), "pin": tr("비밀번호"),
            "plates": tr("차량번호"), "active": tr("사용")}.get(column, column)


def import_refusal_text(errors: list[tuple[int, str]]) -> str:
    """A file refused as a whole: each bad line in the desk's language."""
    return tr("파일을 가져오지 않았습니다. 고칠 줄:") + "\n" + "\n".join(
        tr("{n}번째 줄: {m}").format(n=line, m=import_error_text(message))
        for line, message in errors)
