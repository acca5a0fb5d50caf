"""Neighbour members from outside the complex at the kiosk: identify, book, 내 예약."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from kiosk.domain.bookings import Actor, BookingStatus
from kiosk.ui.window import KioskWindow
from tests.ui.conftest import RESIDENT, identify, settle, tap, type_digits

# The demo's neighbour members (kiosk/app.py DEMO_NEIGHBOURS): the PIN is the phone's tail.
HONG = ("1234", "1234")  # N-0001 홍길동, 010-0000-1234
KIM_MEMBER, KIM_PIN = "2", "5678"  # N-0002 김영희, 010-0000-5678


def open_detail(qtbot: Any, window: KioskWindow, kind: str, resource_id: str) -> Any:
    tap(qtbot, window.screens["home"].tiles[kind], window)  # type: ignore[attr-defined]
    browse = window.screens["browse"]
    tap(qtbot, browse.rows[resource_id], window)  # type: ignore[attr-defined]
    detail = window.screens["detail"]
    assert window.current is detail and detail.resource.id == resource_id  # type: ignore[attr-defined]
    return detail


def pick(qtbot: Any, detail: Any, index: int, minutes: int) -> Any:
    free = [start for start, cell in detail.slot_buttons.items() if cell.isEnabled()]
    tap(qtbot, detail.slot_buttons[free[index]])
    tap(qtbot, detail.duration_buttons[minutes])
    return free[index]


def as_neighbour(qtbot: Any, window: KioskWindow, typed: str, pin: str) -> None:
    """On the identify screen: 이웃 회원, the member number or phone tail, then the PIN."""
    screen: Any = window.screens["identify"]
    assert window.current is screen
    settle(qtbot, window)
    tap(qtbot, screen.neighbour_choice)
    assert screen.neighbour_choice.isChecked() and not screen.fields["unit"].isVisible()
    assert screen.active == "member"
    type_digits(qtbot, window, typed)
    if screen.active == "member":  # a member number is shorter than four digits
        tap(qtbot, screen.keypad.confirm_key)
    assert screen.active == "pin"
    type_digits(qtbot, window, pin)
    settle(qtbot, window)


def texts(screen: Any) -> str:
    return " ".join(w.text() for w in screen.findChildren(QLabel) if w.isVisible())


def neighbour_id(services: Any, member: str) -> int:
    with services.bookings.uow() as uow:
        found = [n for n in uow.neighbours.list() if n.member_id == member]
    assert len(found) == 1 and found[0].id is not None
    return found[0].id


def test_a_neighbour_books_the_rooftop_garden_and_cancels_it_in_my_bookings(
        qtbot: Any, make_window: Any, demo_services: Any) -> None:
    window = make_window()
    # 내 예약 once on the home screen: its tile, not the bar's button as well.
    assert window.current is window.screens["home"] and window.mine_button.isHidden()
    assert window.screens["home"].tiles["mine"].isVisible()  # type: ignore[attr-defined]
    detail = open_detail(qtbot, window, "space", "rooftop-garden")
    assert window.mine_button.isVisible()  # elsewhere the bar offers it
    start = pick(qtbot, detail, 1, 60)
    tap(qtbot, detail.book_button)
    as_neighbour(qtbot, window, *HONG)  # the phone's last four digits
    confirm: Any = window.screens["confirm"]
    assert window.current is confirm, window.banner.text()
    assert window.ctx.session.household is None
    settle(qtbot, window)  # the summary is filled once the confirm screen's read is back
    qtbot.waitUntil(lambda: "이웃 N-0001 홍*동" in texts(confirm), timeout=5000)
    shown = texts(confirm)
    assert "이웃 N-0001 홍*동" in shown and "옥상 텃밭 정원" in shown
    assert not confirm.fee.isVisible() and "이용료" not in shown  # the garden is free
    tap(qtbot, confirm.confirm_button, window)
    receipt: Any = window.screens["receipt"]
    assert window.current is receipt, window.banner.text()
    booking = demo_services.bookings.get(receipt.code.text())
    member = neighbour_id(demo_services, "N-0001")
    assert (booking.neighbour_id, booking.household_id, booking.start) == (member, None, start)
    assert booking.status is BookingStatus.CONFIRMED
    # From the receipt, 내 예약 shows the member's bookings without asking again.
    tap(qtbot, window.mine_button, window)
    mine: Any = window.screens["mine"]
    assert window.current is mine
    assert mine.title.text() == "이웃 N-0001 홍*동 님의 예약"
    assert list(mine.cancel_buttons) == [booking.code]
    tap(qtbot, mine.cancel_buttons[booking.code])
    tap(qtbot, mine.cancel_yes, window)
    assert demo_services.bookings.get(booking.code).status is BookingStatus.CANCELLED
    assert demo_services.bookings.bookings_of_neighbour(member) == []
    qtbot.waitUntil(lambda: "다가오는 예약이 없습니다." in texts(mine), timeout=2000)
    # Home wipes the member like a household.
    tap(qtbot, window.home_button, window)
    assert window.ctx.session.neighbour is None


def test_a_neighbour_by_member_number_is_told_parking_is_for_residents(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "parking", "parking-b2-north")
    pick(qtbot, detail, 1, 60)
    tap(qtbot, detail.book_button)
    tap(qtbot, window.language_buttons["en"], window)
    as_neighbour(qtbot, window, KIM_MEMBER, KIM_PIN)
    # Said at once, back where the time was chosen; no plate is asked for.
    assert window.current is detail
    assert window.banner.isVisible()
    assert window.banner.text().startswith("Only residents of the complex can book this.")
    assert window.ctx.session.neighbour is not None
    assert window.ctx.session.neighbour.member_id == "N-0002"


def test_a_neighbour_with_a_wrong_pin_or_a_shared_phone_tail_is_told_what_to_do(
        qtbot: Any, make_window: Any, demo_services: Any) -> None:
    admin = demo_services.neighbours
    admin.add("박철수", "010-9999-1234", "4321", Actor("admin", "office", is_manager=True),
              admin.default_expiry())
    window = make_window()
    tap(qtbot, window.screens["home"].tiles["mine"], window)  # type: ignore[attr-defined]
    screen: Any = window.screens["identify"]
    as_neighbour(qtbot, window, "5678", "0000")
    assert "4번 더 틀리면" in window.banner.text()
    assert window.current is screen and screen.active == "pin"
    assert screen.values["member"] == "5678"  # only the PIN is typed again
    # Two members' phones end in 1234: the member number is asked for.
    tap(qtbot, screen.fields["member"])
    type_digits(qtbot, window, "1234")
    type_digits(qtbot, window, "1234")
    settle(qtbot, window)
    assert "회원번호를 눌러 주세요" in window.banner.text()
    assert screen.active == "member" and screen.values["member"] == ""
    type_digits(qtbot, window, "1")
    tap(qtbot, screen.keypad.confirm_key)
    type_digits(qtbot, window, "1234")
    settle(qtbot, window)
    assert window.current is window.screens["mine"], window.banner.text()
    # Nobody registered: said in the member's words, not 동·호.
    tap(qtbot, window.home_button, window)
    tap(qtbot, window.screens["home"].tiles["mine"], window)  # type: ignore[attr-defined]
    as_neighbour(qtbot, window, "7", "1234")
    assert "등록된 이웃 회원을 찾을 수 없습니다" in window.banner.text()
    # A membership the office ended: said so, with where to renew it.
    admin.deactivate(neighbour_id(demo_services, "N-0002"),
                     Actor("admin", "office", is_manager=True))
    tap(qtbot, window.screens["identify"].fields["member"])  # type: ignore[attr-defined]
    type_digits(qtbot, window, KIM_MEMBER)
    tap(qtbot, screen.keypad.confirm_key)
    type_digits(qtbot, window, KIM_PIN)
    settle(qtbot, window)
    assert "이웃 회원 기간이 끝났거나 쉬고 있습니다" in window.banner.text()
    assert window.current is screen and window.ctx.session.neighbour is None


def test_a_neighbour_sees_the_neighbours_price_before_confirming(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "space", "room-community")
    pick(qtbot, detail, 0, 120)
    tap(qtbot, detail.book_button)
    as_neighbour(qtbot, window, *HONG)
    confirm: Any = window.screens["confirm"]
    assert window.current is confirm, window.banner.text()
    # 30 minutes free, then 10,000원 an hour for neighbours (residents pay 5,000원).
    assert confirm.fee.text() == "이용료 15,000원 (관리비에 청구)"
    assert "취소 수수료:" in confirm.notes.text()


def test_a_resident_sees_the_fee_and_the_cancellation_fee_in_english(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "space", "kitchen-shared")
    tap(qtbot, detail.day_buttons[sorted(detail.day_buttons)[1]], window)  # closed Mondays
    pick(qtbot, detail, 0, 60)
    tap(qtbot, detail.book_button)
    identify(qtbot, window, *RESIDENT)
    confirm: Any = window.screens["confirm"]
    assert window.current is confirm
    qtbot.waitUntil(confirm.fee.isVisible, timeout=2000)  # shown on the next turn
    assert confirm.fee.text() == "이용료 3,000원 (관리비에 청구)"
    tap(qtbot, window.language_buttons["en"], window)
    assert confirm.fee.text() == "Fee ₩3,000 (on the maintenance bill)"
    assert "Cancellation fee: 10% at any time" in confirm.notes.text()
