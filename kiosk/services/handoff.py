"""Taking a booking home on a phone: the booking as an iCalendar event (for a QR code
the resident scans with the phone's camera, which offers to add it to the calendar).

Times are written in UTC ("…Z"): every calendar shows them in the phone's own zone,
and the text stays short enough for a QR code a phone reads from arm's length (a
VTIMEZONE block for Asia/Seoul would add a third to it).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event, vGeo

from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.clock import to_local
from kiosk.domain.resources import Resource

PRODID = "-//Sharing Village Kiosk//Booking//KO"
UID_DOMAIN = "sharing-village.kiosk"


def cancel_rule(resource: Resource, booking: Booking) -> tuple[str, str]:
    """The cancel rule of one booking in Korean and English, with the local time."""
    minutes = resource.rules.cancel_cutoff
    if not minutes:
        return ("시작 전까지 언제든 취소할 수 있습니다.",
                "You can cancel any time before the start.")
    until = to_local(booking.start - timedelta(minutes=minutes))
    when = until.strftime("%m/%d %H:%M")
    return (f"취소는 시작 {minutes}분 전({when})까지 키오스크나 관리사무소에서 할 수 있습니다.",
            f"Cancel until {when} ({minutes} min before the start) at the kiosk or the office.")


def booking_ics(booking: Booking, resource: Resource, *, now: datetime,
                village: str = "") -> str:
    """A VCALENDAR with one VEVENT for `booking`: the resource's name and the booking
    code as title, where to find it as place, start and end in UTC, the code and the
    cancel rule in the description, and a UID stable for the booking (adding it twice
    updates the same event)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    event = Event()
    start, end = booking.start.astimezone(UTC), booking.end.astimezone(UTC)
    event.add("uid", f"{booking.code}-{start:%Y%m%dT%H%MZ}@{UID_DOMAIN}")
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"{resource.name_ko} 예약 {booking.code}")
    loc = resource.location
    place = ", ".join(p for p in (loc.where_ko, loc.address or village) if p)
    event.add("location", place or resource.name_ko)
    event.add("geo", vGeo((round(loc.lat, 6), round(loc.lon, 6))))
    cancel_ko, cancel_en = cancel_rule(resource, booking)
    lines = [f"예약 번호 {booking.code} (Booking code)"]
    if resource.name_en:
        lines.append(f"{resource.name_en}")
    if booking.plate:
        lines.append(f"차량 {booking.plate}")
    lines += [cancel_ko, cancel_en]
    event.add("description", "\n".join(lines))
    event.add("status", "TENTATIVE" if booking.status is BookingStatus.PENDING else "CONFIRMED")
    cal.add_component(event)
    text: str = cal.to_ical().decode("utf-8")
    return text
