"""Every flow driven with taps like a resident, on the demo village."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from kiosk.domain.bookings import BookingStatus
from kiosk.domain.clock import to_local
from kiosk.domain.policy import BookingRequest
from kiosk.ui.window import KioskWindow, Timeouts
from tests.builders import KIOSK
from tests.processes import child_env
from tests.ui.conftest import PORTRAIT, RESIDENT, RESIDENT_PLATE, identify, settle, tap, type_digits

PROJECT = Path(__file__).resolve().parents[2]


def household_id(services: Any, building: str, unit: str) -> int:
    with services.bookings.uow() as uow:
        found = uow.households.find(building, unit)
    assert found is not None and found.id is not None
    return found.id


def open_detail(qtbot: Any, window: KioskWindow, kind: str, resource_id: str) -> Any:
    tap(qtbot, window.screens["home"].tiles[kind], window)  # type: ignore[attr-defined]
    browse = window.screens["browse"]
    assert window.current is browse
    tap(qtbot, browse.rows[resource_id], window)  # type: ignore[attr-defined]
    detail = window.screens["detail"]
    assert window.current is detail and detail.resource.id == resource_id  # type: ignore[attr-defined]
    return detail


def pick(qtbot: Any, window: KioskWindow, detail: Any, index: int, minutes: int) -> Any:
    free = [start for start, cell in detail.slot_buttons.items() if cell.isEnabled()]
    start = free[index]
    tap(qtbot, detail.slot_buttons[start])
    tap(qtbot, detail.duration_buttons[minutes])
    return start


def test_book_parking_with_a_typed_plate_and_receipt_returns_home(
        qtbot: Any, make_window: Any, demo_services: Any) -> None:
    window = make_window(timeouts=Timeouts(idle_s=600, home_idle_s=600, receipt_s=1))
    detail = open_detail(qtbot, window, "parking", "parking-b2-north")
    names = [detail.title.text(), detail.rules.text()]
    assert names[0] == "공유주차장 B2 북측"
    assert "하루에 1번까지" in names[1] and "최대 4시간" in names[1]
    start = pick(qtbot, window, detail, 1, 60)
    assert detail.summary.text().endswith("까지, 1시간")
    tap(qtbot, detail.book_button)
    assert window.current is window.screens["identify"]
    identify(qtbot, window, *RESIDENT)
    # The household's one registered car is chosen for it, and the confirm screen says so
    # with a way to change it.
    confirm = window.screens["confirm"]
    assert window.current is confirm
    assert window.ctx.session.plate == RESIDENT_PLATE
    tap(qtbot, confirm.plate_button)  # type: ignore[attr-defined]
    plate = window.screens["plate"]
    assert window.current is plate
    assert list(plate.registered) == [RESIDENT_PLATE]  # type: ignore[attr-defined]
    # A plate the household has not registered, typed on the plate keypad.
    # A syllable before the digits is refused in words, and nothing is typed.
    tap(qtbot, plate.syllables.keys["가"])  # type: ignore[attr-defined]
    assert plate.display.text() == "—" and "숫자 2~3자리 다음에" in window.banner.text()  # type: ignore[attr-defined]
    for key in "12":
        tap(qtbot, plate.digits.keys[key])  # type: ignore[attr-defined]
    tap(qtbot, plate.syllables.keys["가"])  # type: ignore[attr-defined]
    for key in "345":
        tap(qtbot, plate.digits.keys[key])  # type: ignore[attr-defined]
    assert plate.display.text() == "12가345"  # type: ignore[attr-defined]
    assert window.current is plate
    tap(qtbot, plate.digits.keys["6"])  # type: ignore[attr-defined]
    # The whole plate moves on by itself.
    assert window.current is confirm
    rows = " ".join(w.text() for w in confirm.findChildren(type(detail.title)))
    assert "12가3456" in rows and "101동 13**호" in rows and "공유주차장 B2 북측" in rows
    tap(qtbot, confirm.confirm_button, window)  # type: ignore[attr-defined]
    receipt = window.screens["receipt"]
    assert window.current is receipt
    mine = demo_services.bookings.bookings_of(household_id(demo_services, "101", "1304"))
    assert len(mine) == 1
    booking = mine[0]
    assert (booking.start, booking.plate, booking.status) == (start, "12가3456",
                                                               BookingStatus.CONFIRMED)
    assert receipt.code.text() == booking.code  # type: ignore[attr-defined]
    assert not receipt.qr.pixmap().isNull()  # type: ignore[attr-defined]
    assert "체크인" in receipt.next_steps.text()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.current is window.screens["home"], timeout=5000)
    assert window.ctx.session.household is None and window.ctx.session.plate is None


def test_book_a_room_with_the_registered_plate_step_skipped(
        qtbot: Any, make_window: Any, demo_services: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "space", "room-community")
    # The room needs an hour's notice: 09:00 and 09:30 are not offered at 09:00.
    first = min(start for start, cell in detail.slot_buttons.items() if cell.isEnabled())
    assert to_local(first).hour >= 10
    assert not detail.slot_buttons[min(detail.slot_buttons)].isEnabled()
    pick(qtbot, window, detail, 0, 120)
    tap(qtbot, detail.book_button)
    identify(qtbot, window, "101", "102", "0102")
    confirm = window.screens["confirm"]
    assert window.current is confirm  # no plate step for a room
    assert "승인" in confirm.notes.text()  # type: ignore[attr-defined]
    tap(qtbot, confirm.confirm_button, window)  # type: ignore[attr-defined]
    receipt = window.screens["receipt"]
    assert window.current is receipt
    assert receipt.title.text() == "예약 신청을 받았습니다"  # type: ignore[attr-defined]
    booking = demo_services.bookings.get(receipt.code.text())  # type: ignore[attr-defined]
    assert booking.status is BookingStatus.PENDING and booking.minutes == 120


def test_wrong_pin_counts_down_then_locks_with_the_time(
        qtbot: Any, make_window: Any, demo_services: Any) -> None:
    window = make_window()
    tap(qtbot, window.screens["home"].tiles["mine"])  # type: ignore[attr-defined]
    screen = window.screens["identify"]
    for left in (4, 3, 2, 1):
        identify(qtbot, window, "101", "1304", "9999")
        assert window.banner.isVisible()
        assert f"{left}번 더 틀리면" in window.banner.text()
        assert screen.pin_entered == ""  # type: ignore[attr-defined]
        assert "●" not in "".join(b.text() for b in screen.fields.values())  # type: ignore[attr-defined]
        # The resident retypes only the PIN: 동 and 호 stay.
        tap(qtbot, screen.fields["building"])  # type: ignore[attr-defined]
        for _ in range(3):
            tap(qtbot, screen.keypad.erase_key)  # type: ignore[attr-defined]
        tap(qtbot, screen.fields["unit"])  # type: ignore[attr-defined]
        for _ in range(4):
            tap(qtbot, screen.keypad.erase_key)  # type: ignore[attr-defined]
        tap(qtbot, screen.fields["building"])  # type: ignore[attr-defined]
    identify(qtbot, window, "101", "1304", "9999")
    assert "09:10까지 잠겼습니다" in window.banner.text()
    for name in ("building", "unit"):
        tap(qtbot, screen.fields[name])  # type: ignore[attr-defined]
        for _ in range(4):
            tap(qtbot, screen.keypad.erase_key)  # type: ignore[attr-defined]
    tap(qtbot, screen.fields["building"])  # type: ignore[attr-defined]
    identify(qtbot, window, *RESIDENT)  # even the right PIN waits for the lock
    assert window.current is screen and "잠겼습니다" in window.banner.text()


def test_slot_taken_by_another_process_keeps_the_resident_in_the_flow(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "space", "kitchen-shared")
    tomorrow = sorted(detail.day_buttons)[1]
    tap(qtbot, detail.day_buttons[tomorrow])
    start = pick(qtbot, window, detail, 2, 60)
    tap(qtbot, detail.book_button)
    identify(qtbot, window, "101", "102", "0102")
    confirm = window.screens["confirm"]
    assert window.current is confirm
    end = start + timedelta(hours=1)
    env = child_env(clock, KIOSK_DATABASE_URL=demo_services.settings.database_url)
    other = subprocess.run(
        [sys.executable, "-m", "kiosk.cli", "bookings", "create", "--resource",
         "kitchen-shared", "--household", "101-303", "--start", start.isoformat(),
         "--end", end.isoformat()], env=env, capture_output=True, text=True, timeout=60)
    assert other.returncode == 0, other.stderr
    tap(qtbot, confirm.confirm_button, window)  # type: ignore[attr-defined]
    assert window.current is detail
    assert "다른 분이 그 시간을 예약했습니다" in window.banner.text()
    assert detail.day == tomorrow and not detail.slot_buttons[start].isEnabled()
    assert window.ctx.session.household is not None  # no need to type the PIN again
    pick(qtbot, window, detail, 3, 60)
    tap(qtbot, detail.book_button)
    assert window.current is confirm
    tap(qtbot, confirm.confirm_button, window)  # type: ignore[attr-defined]
    assert window.current is window.screens["receipt"]


def test_quota_reached_says_what_to_do_and_keeps_the_choice(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    hid = household_id(demo_services, "101", "1304")
    start = clock.now + timedelta(hours=3)
    demo_services.bookings.book(BookingRequest("parking-b2-north", start,
                                               start + timedelta(hours=1), 1, RESIDENT_PLATE),
                                hid, KIOSK)
    window = make_window()
    detail = open_detail(qtbot, window, "parking", "parking-b2-north")
    pick(qtbot, window, detail, 0, 30)
    tap(qtbot, detail.book_button)
    identify(qtbot, window, *RESIDENT)
    confirm = window.screens["confirm"]
    tap(qtbot, confirm.confirm_button, window)  # type: ignore[attr-defined]
    assert window.current is confirm
    assert "횟수나 시간을 모두 썼습니다" in window.banner.text()
    assert window.ctx.session.plate == RESIDENT_PLATE


def test_check_in_and_cancel_from_my_bookings(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    hid = household_id(demo_services, "101", "1304")
    now = clock.now
    soon = demo_services.bookings.book(
        BookingRequest("parking-b2-north", now, now + timedelta(hours=1), 1, RESIDENT_PLATE),
        hid, KIOSK)
    later = demo_services.bookings.book(
        BookingRequest("bike-village", now + timedelta(days=1),
                       now + timedelta(days=1, hours=1), 1), hid, KIOSK)
    window = make_window()
    tap(qtbot, window.screens["home"].tiles["mine"])  # type: ignore[attr-defined]
    identify(qtbot, window, *RESIDENT)
    mine = window.screens["mine"]
    assert window.current is mine
    assert mine.title.text() == "101동 13**호 세대의 예약"  # type: ignore[attr-defined]
    # The parking booking has started: cancelling is closed and the rule is shown.
    assert soon.code not in mine.cancel_buttons  # type: ignore[attr-defined]
    texts = " ".join(label.text() for label in mine.findChildren(type(mine.title)))
    assert "취소는 시작 30분 전까지만 할 수 있습니다" in texts
    tap(qtbot, mine.checkin_buttons[soon.code], window)  # type: ignore[attr-defined]
    assert "체크인했습니다" in window.banner.text()
    assert demo_services.bookings.get(soon.code).status is BookingStatus.CHECKED_IN
    tap(qtbot, mine.cancel_buttons[later.code])  # type: ignore[attr-defined]
    assert demo_services.bookings.get(later.code).status is BookingStatus.CONFIRMED
    tap(qtbot, mine.cancel_yes, window)  # type: ignore[attr-defined]
    assert demo_services.bookings.get(later.code).status is BookingStatus.CANCELLED
    assert "예약을 취소했습니다" in window.banner.text()
    assert later.code not in mine.cancel_buttons  # type: ignore[attr-defined]


def test_out_of_service_and_information_only_offer_no_booking(
        qtbot: Any, make_window: Any, demo_services: Any, clock: Any) -> None:
    with demo_services.bookings.uow(write=True) as uow:
        resource = uow.resources.get("parking-ev")
        uow.resources.save(resource.take_out_of_service("충전기 점검"), clock.now)
        uow.commit()
    window = make_window()
    detail = open_detail(qtbot, window, "parking", "parking-ev")
    assert "충전기 점검" in detail.state.text() and "다른 곳" in detail.state.text()
    assert not detail.book_button.isVisible() and detail.other_button.isVisible()
    tap(qtbot, detail.other_button, window)
    assert window.current is window.screens["browse"]
    window.go("detail", resource_id="seongbuk-sharing-center")
    settle(qtbot, window)
    assert "안내 전용" in detail.state.text()
    assert "전화로 예약하세요" in detail.description.text()
    assert not detail.book_button.isVisible()


def test_browse_lists_nearest_first_with_walking_minutes(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    tap(qtbot, window.screens["home"].tiles["parking"], window)  # type: ignore[attr-defined]
    browse = window.screens["browse"]
    entries = browse.entries  # type: ignore[attr-defined]
    assert [e.kind for e in entries] == ["parking"] * 3
    assert [e.metres for e in entries] == sorted(e.metres for e in entries)
    card = browse.rows["parking-b2-north"]  # type: ignore[attr-defined]
    texts = [label.text() for label in card.findChildren(type(browse.title))]
    assert any("걸어서" in t and " m" in t for t in texts)
    assert "지금 4 / 4 이용 가능" in texts


def test_idle_warns_then_wipes_the_pin_and_resets_language(
        qtbot: Any, make_window: Any) -> None:
    window = make_window(timeouts=Timeouts(idle_s=0.3, home_idle_s=600, warning_s=1))
    tap(qtbot, window.screens["home"].tiles["mine"])  # type: ignore[attr-defined]
    identify_screen = window.screens["identify"]
    settle(qtbot, window)
    type_digits(qtbot, window, "1304")  # in 101동, where the kiosk stands
    assert identify_screen.active == "pin"  # type: ignore[attr-defined]
    type_digits(qtbot, window, "13")
    tap(qtbot, window.language_buttons["en"])
    qtbot.waitUntil(window.warning.isVisible, timeout=3000)
    assert "Still there?" in window.warning.title.text()
    tap(qtbot, window.warning.extend_button)  # one tap extends
    assert not window.warning.isVisible()
    assert identify_screen.pin_entered == "13"  # type: ignore[attr-defined]
    qtbot.waitUntil(window.warning.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: window.current is window.screens["home"], timeout=4000)
    assert not window.warning.isVisible()
    assert identify_screen.values == {"building": "101", "unit": "", "pin": ""}  # type: ignore[attr-defined]
    assert window.languages.language == "ko" and window.title.text() == "길음 나눔마을"
    assert window.ctx.session.household is None


def test_home_idle_shows_attract_view_and_a_touch_wakes_it(
        qtbot: Any, make_window: Any) -> None:
    window = make_window(timeouts=Timeouts(idle_s=600, home_idle_s=0.2, warning_s=20))
    attract = window.screens["attract"]
    qtbot.waitUntil(lambda: window.current is attract, timeout=3000)
    settle(qtbot, window)
    assert attract.entries and all(e.usable_now for e in attract.entries)  # type: ignore[attr-defined]
    assert attract.title.text() == "지금 바로 이용할 수 있어요"  # type: ignore[attr-defined]
    qtbot.mouseClick(attract, __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton)
    assert window.current is window.screens["home"]


def test_language_switch_mid_flow_keeps_the_screen_and_entries(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    detail = open_detail(qtbot, window, "parking", "parking-b2-north")
    pick(qtbot, window, detail, 0, 60)
    tap(qtbot, window.language_buttons["en"])
    assert window.current is detail
    assert detail.title.text() == "Shared parking B2 north"
    assert detail.summary.text().endswith(", 1 hour")
    assert "Bookings per day: 1" in detail.rules.text()
    assert window.home_button.text() == "Home"
    tap(qtbot, detail.book_button)
    screen = window.screens["identify"]
    type_digits(qtbot, window, "13")
    assert screen.title.text() == "Confirm your household to book"  # type: ignore[attr-defined]
    tap(qtbot, window.language_buttons["ko"])
    assert window.current is screen
    assert screen.title.text() == "예약하려면 세대를 확인합니다"  # type: ignore[attr-defined]
    assert screen.values["building"] == "101"  # type: ignore[attr-defined]
    assert screen.values["unit"] == "13"  # type: ignore[attr-defined]


def test_accessibility_panel_changes_language_and_text_size(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    tap(qtbot, window.a11y_button)
    panel = window.a11y
    assert panel.isVisible()
    before = window.screens["home"].prompt.font().pixelSize()  # type: ignore[attr-defined]
    tap(qtbot, panel.content.text_size)
    assert window.accessibility.text_scale == 150
    after = window.screens["home"].prompt.font().pixelSize()  # type: ignore[attr-defined]
    assert after > before
    tap(qtbot, panel.content.language)
    assert panel.content.title.text() == "Accessibility"
    tap(qtbot, panel.close_button)
    assert not panel.isVisible()
    tap(qtbot, window.screens["home"].tiles["item"], window)  # type: ignore[attr-defined]
    tap(qtbot, window.home_button, window)
    assert window.languages.language == "en"  # kept until the session ends
    assert window.screens["home"].prompt.font().pixelSize() == after  # type: ignore[attr-defined]


def choose_everything(qtbot: Any, window: Any) -> None:
    """Turn every accessibility setting away from its default from the panel."""
    tap(qtbot, window.a11y_button)
    content = window.a11y.content
    tap(qtbot, content.voice)
    for control in (content.text_size, content.text_size, content.contrast,
                    content.low_screen, content.language, content.faster, content.louder):
        tap(qtbot, control)
    a11y = window.accessibility
    assert (a11y.voice, a11y.text_scale, a11y.high_contrast, a11y.low_screen, a11y.language,
            a11y.speech_rate_step, a11y.speech_volume_step) == (True, 200, True, True, "en", 3, 4)
    tap(qtbot, window.a11y.close_button)


def assert_defaults(window: Any) -> None:
    a11y = window.accessibility
    assert (a11y.voice, a11y.text_scale, a11y.high_contrast, a11y.low_screen, a11y.language,
            a11y.speech_rate_step, a11y.speech_volume_step) == (False, 100, False, False, "ko",
                                                                2, 3)
    assert window.languages.language == "ko"
    assert window.outer.contentsMargins().top() == window.a11y_metrics.margin_px
    assert window.a11y_button.text() == "접근성 · 음성"


def test_idle_reset_restores_every_accessibility_setting(qtbot: Any, make_window: Any) -> None:
    from kiosk.ui.window import Timeouts

    # Every tap restarts the idle time (doubled once voice is on), so choosing fits in it.
    window = make_window(PORTRAIT, timeouts=Timeouts(idle_s=2, home_idle_s=2,
                                                     warning_s=1, receipt_s=600))
    tap(qtbot, window.screens["home"].tiles["item"], window)  # type: ignore[attr-defined]
    choose_everything(qtbot, window)
    assert window.outer.contentsMargins().top() == window.a11y_metrics.reach.top()
    qtbot.waitUntil(lambda: window.warning.isVisible(), timeout=10000)
    qtbot.waitUntil(lambda: window.current is window.screens["home"], timeout=10000)
    assert_defaults(window)


def test_going_home_after_a_receipt_restores_every_setting(
        qtbot: Any, make_window: Any) -> None:
    window = make_window()
    choose_everything(qtbot, window)
    window.go("receipt")
    window.screens["receipt"].timer.stop()  # type: ignore[attr-defined]
    tap(qtbot, window.home_button, window)
    assert_defaults(window)
    choose_everything(qtbot, window)
    window.go("receipt")
    tap(qtbot, window.screens["receipt"].done_button, window)  # type: ignore[attr-defined]
    assert window.current is window.screens["home"]
    assert_defaults(window)


def test_going_home_mid_visit_keeps_the_settings(qtbot: Any, make_window: Any) -> None:
    window = make_window()
    choose_everything(qtbot, window)
    tap(qtbot, window.screens["home"].tiles["item"], window)  # type: ignore[attr-defined]
    tap(qtbot, window.home_button, window)
    assert window.accessibility.high_contrast and window.accessibility.text_scale == 200


class StationFeed:
    """A hub that synced a Ttareungyi station five minutes ago."""

    def __init__(self, as_of: Any) -> None:
        from kiosk.map.listing import MapListing

        self.as_of = as_of
        self.station = MapListing(
            id="seoul-bike-ST-1234", kind="bike", name_ko="따릉이 길음역 3번 출구",
            name_en="Ttareungyi Gireum Stn exit 3", lat=37.6035, lon=127.0251, units_free=7,
            units_total=15, as_of=as_of, status="available")

    def nearby(self) -> list[Any]:
        return [self.station]

    def status(self) -> Any:
        from kiosk.ui.hub import HubStatus

        return HubStatus(online=True, listings_as_of=self.as_of)


def test_hub_listings_show_live_counts_with_their_time(
        qtbot: Any, make_window: Any, clock: Any) -> None:
    feed = StationFeed(clock.now - timedelta(minutes=5))
    window = make_window(hub=feed)
    assert window.status.text() == "온라인 · 공공 목록 08:55 기준"
    tap(qtbot, window.screens["home"].tiles["bike"], window)  # type: ignore[attr-defined]
    browse = window.screens["browse"]
    entries = browse.entries  # type: ignore[attr-defined]
    assert [e.id for e in entries] == ["bike-village", "seoul-bike-ST-1234"]  # nearest first
    row = browse.rows["seoul-bike-ST-1234"]  # type: ignore[attr-defined]
    texts = [label.text() for label in row.findChildren(type(browse.title))]
    assert "지금 7 / 15 이용 가능 · 08:55 기준" in texts
    tap(qtbot, row, window)
    detail = window.screens["detail"]
    assert window.current is detail
    assert detail.title.text() == "따릉이 길음역 3번 출구"  # type: ignore[attr-defined]
    assert "예약하지 않습니다" in detail.state.text()  # type: ignore[attr-defined]
    assert not detail.book_button.isVisible()  # type: ignore[attr-defined]


def test_database_work_runs_off_the_gui_thread(qtbot: Any, make_window: Any,
                                               demo_services: Any) -> None:
    import threading

    threads: list[str] = []
    service = demo_services.bookings
    real_days = service.availability_days
    real_verify = service.verify_household

    def days(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real_days(*args, **kwargs)

    def verify(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real_verify(*args, **kwargs)

    window = make_window()
    window.ctx.bookings = type(service)(**{**service.__dict__})
    window.ctx.bookings.availability_days = days  # type: ignore[method-assign]
    window.ctx.bookings.verify_household = verify  # type: ignore[method-assign]
    window.go("detail", resource_id="room-community")
    assert window.background.pending == 1  # asked, not waited for
    settle(qtbot, window)
    detail = window.screens["detail"]
    assert len(detail.days) == 31  # type: ignore[attr-defined]  # today and 30 days ahead
    pick(qtbot, window, detail, 0, 60)
    tap(qtbot, detail.book_button)  # type: ignore[attr-defined]
    identify(qtbot, window, *RESIDENT)
    assert threads and all(name.startswith("kiosk-ui") for name in threads)
    assert threading.current_thread().name not in threads


def readme_demo_households() -> list[tuple[str, str, str]]:
    """The demo households a newcomer is told about: the README and `kiosk demo`'s output."""
    from kiosk import cli

    said = (PROJECT / "README.md").read_text(encoding="utf-8") + Path(cli.__file__).read_text(
        encoding="utf-8")
    found = re.findall(r"(\d{3})-(\d{3,4}) → `?(\d{4})`?", said)
    return sorted(set(found))


def test_the_readme_demo_households_sign_in_on_the_kiosk(
        qtbot: Any, make_window: Any, demo_services: Any) -> None:
    households = readme_demo_households()
    assert ("101", "1203", "1203") in households and ("101", "302", "0302") in households
    window = make_window()
    for building, unit, pin in households:
        tap(qtbot, window.screens["home"].tiles["mine"])  # type: ignore[attr-defined]
        identify(qtbot, window, building, unit, pin)
        mine = window.screens["mine"]
        assert window.current is mine, window.banner.text()
        signed_in = window.ctx.session.household
        assert signed_in is not None and signed_in.label == f"{building}-{unit}"
        tap(qtbot, window.home_button, window)
        assert window.current is window.screens["home"]
        assert window.ctx.session.household is None
