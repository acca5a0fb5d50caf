"""The receipt's QR code is the booking as a calendar event; the code stays printed."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

import numpy as np
import zxingcpp
from icalendar import Calendar
from PySide6.QtGui import QImage

from tests.ui.conftest import PORTRAIT, RESIDENT, identify, tap
from tests.ui.test_neighbours_at_kiosk import HONG, as_neighbour, open_detail, pick


def scanned(image: QImage) -> str:
    """What a phone's camera reads from the QR code on the glass."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    pixels = np.frombuffer(gray.constBits(), dtype=np.uint8, count=stride * height)
    results = zxingcpp.read_barcodes(pixels.reshape(height, stride)[:, :width].copy())
    assert len(results) == 1 and results[0].format == zxingcpp.BarcodeFormat.QRCode
    text: str = results[0].bytes.decode("utf-8")
    return text


def test_the_receipt_qr_code_adds_the_booking_to_the_phone_calendar(
        qtbot: Any, make_window: Any, demo_services: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "space", "rooftop-garden")
    start = pick(qtbot, detail, 2, 60)
    tap(qtbot, detail.book_button)
    identify(qtbot, window, *RESIDENT)
    tap(qtbot, window.screens["confirm"].confirm_button, window)  # type: ignore[attr-defined]
    receipt: Any = window.screens["receipt"]
    assert window.current is receipt
    booking = demo_services.bookings.get(receipt.code.text())
    assert receipt.code.text() == booking.code and len(booking.code) == 6  # for the desk
    assert receipt.qr_caption.text() == "휴대폰 카메라로 찍으면 달력에 추가됩니다"
    calendar = Calendar.from_ical(scanned(receipt.qr.pixmap().toImage()))
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert event.decoded("dtstart") == start.astimezone(UTC)
    assert event.decoded("dtend") == (start + timedelta(hours=1)).astimezone(UTC)
    assert str(event.get("summary")) == f"옥상 텃밭 정원 예약 {booking.code}"
    assert booking.code in str(event.get("description"))
    assert str(event.get("status")) == "CONFIRMED"


def test_a_neighbours_receipt_in_english_portrait_carries_the_event_too(
        qtbot: Any, make_window: Any, demo_services: Any) -> None:
    window = make_window(PORTRAIT)
    tap(qtbot, window.language_buttons["en"], window)
    detail = open_detail(qtbot, window, "item", "tool-ladder")
    start = pick(qtbot, detail, 1, 60)
    tap(qtbot, detail.book_button)
    as_neighbour(qtbot, window, *HONG)
    tap(qtbot, window.screens["confirm"].confirm_button, window)  # type: ignore[attr-defined]
    receipt: Any = window.screens["receipt"]
    assert window.current is receipt, window.banner.text()
    assert receipt.qr_caption.text() == "Scan with your phone's camera to add it to your calendar"
    event = Calendar.from_ical(scanned(receipt.qr.pixmap().toImage())).walk("VEVENT")[0]
    assert event.decoded("dtstart") == start.astimezone(UTC)
    assert receipt.code.text() in str(event.get("summary"))
    assert demo_services.bookings.get(receipt.code.text()).neighbour_id is not None
