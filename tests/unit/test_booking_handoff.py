"""The booking as an iCalendar event, taken home through a QR code on the kiosk."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import zxingcpp
from icalendar import Calendar
from PySide6.QtGui import QImage

from kiosk.domain.bookings import Booking, BookingStatus
from kiosk.domain.clock import SEOUL
from kiosk.domain.resources import Location, Resource, ResourceKind
from kiosk.domain.rules import BookingRules
from kiosk.services.handoff import booking_ics, cancel_rule
from kiosk.ui.qr import qr_pixmap

NOW = datetime(2026, 11, 30, 23, 0, tzinfo=UTC)  # 08:00 on 1 December in Seoul


def parking(cutoff: int = 30) -> Resource:
    return Resource(
        id="parking-b2-north", kind=ResourceKind.PARKING, name_ko="공유주차장 B2 북측",
        name_en="Shared parking B2 north",
        location=Location(37.60702, 127.02391, "서울특별시 성북구 길음동 1287",
                          "지하 2층 북측, 14–17번 주차면", "Basement 2 north"),
        capacity=4, rules=BookingRules(cancel_cutoff=cutoff))


def booking(status: BookingStatus = BookingStatus.CONFIRMED) -> Booking:
    start = datetime(2026, 12, 1, 10, 0, tzinfo=SEOUL)
    return Booking(code="K7M3XA", resource_id="parking-b2-north", household_id=1,
                   start=start, end=start + timedelta(hours=2), units=1, status=status,
                   created_by="kiosk:lobby-1", created_at=NOW, updated_at=NOW,
                   plate="12가3456")


def decode(image: QImage) -> bytes:
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    pixels = np.frombuffer(gray.constBits(), dtype=np.uint8, count=stride * height)
    array = pixels.reshape(height, stride)[:, :width].copy()
    results = zxingcpp.read_barcodes(array)
    assert len(results) == 1 and results[0].format == zxingcpp.BarcodeFormat.QRCode
    data: bytes = results[0].bytes
    return data


def test_the_event_scanned_from_the_qr_code_has_the_booking(qapp: Any) -> None:
    text = booking_ics(booking(), parking(), now=NOW, village="길음 나눔마을")
    scanned = decode(qr_pixmap(text, 600).toImage()).decode("utf-8")
    assert scanned == text
    cal = Calendar.from_ical(scanned)
    events = cal.walk("VEVENT")
    assert cal.get("version") == "2.0" and len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    assert event.decoded("dtend") == datetime(2026, 12, 1, 3, 0, tzinfo=UTC)
    assert event.decoded("dtstart").astimezone(SEOUL).hour == 10
    assert str(event.get("summary")) == "공유주차장 B2 북측 예약 K7M3XA"
    assert str(event.get("location")) == (
        "지하 2층 북측, 14–17번 주차면, 서울특별시 성북구 길음동 1287")
    description = str(event.get("description"))
    assert "K7M3XA" in description and "12가3456" in description
    assert "취소는 시작 30분 전(12/01 09:30)까지" in description
    assert "Cancel until 12/01 09:30" in description
    assert str(event.get("uid")) == "K7M3XA-20261201T0100Z@sharing-village.kiosk"
    assert str(event.get("status")) == "CONFIRMED"
    assert event.decoded("dtstamp") == NOW


def test_a_pending_booking_is_tentative_and_a_rule_without_cutoff_says_so() -> None:
    text = booking_ics(booking(BookingStatus.PENDING), parking(cutoff=0), now=NOW)
    event = Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event.get("status")) == "TENTATIVE"
    assert "시작 전까지 언제든 취소할 수 있습니다." in str(event.get("description"))
    assert cancel_rule(parking(cutoff=60), booking())[1].startswith("Cancel until 12/01 09:00")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") == 1
