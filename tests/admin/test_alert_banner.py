"""The desk's red banner, seen through the real desk window: signed in by typing and
clicking, each problem made the way it happens in the field, the banner read after its
own timer ran the check off the GUI thread. Also the escalating lockouts it reports."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.admin.signin import SignInScreen
from kiosk.admin.window import DeskWindow
from kiosk.domain.credentials import LONG_LOCK
from kiosk.domain.errors import BookingRefused, Refusal
from kiosk.services.admin_accounts import DeskRefused
from kiosk.services.heartbeat import HeartbeatService, Measurements
from kiosk.storage.heartbeats import SqlHeartbeatStore
from tests.admin.conftest import PASSWORD
from tests.admin.test_desk_clicks import OFFSCREEN_LIMITS, type_text
from tests.builders import add_household

pytestmark = [
    pytest.mark.parametrize("database_url", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore(*OFFSCREEN_LIMITS),
]


def kiosk_beat(services: Any, clock: Any, kiosk_id: str, status: str = "") -> None:
    """One heartbeat as a kiosk's runtime writes it."""
    HeartbeatService(SqlHeartbeatStore(services.engine), clock, kiosk_id, "0.1.0",
                     lambda: Measurements(None, None), interval_s=60,
                     status=lambda: status).beat()


def open_desk(qtbot: Any, desk: Any) -> DeskWindow:
    window = DeskWindow(desk, alert_ms=40)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    qtbot.waitExposed(window)
    signin = window.screen()
    assert isinstance(signin, SignInScreen)
    type_text(qtbot, signin.username, "kim")
    type_text(qtbot, signin.password, PASSWORD)
    qtbot.mouseClick(signin.button, Qt.MouseButton.LeftButton)
    assert window.main is not None
    return window


def settled(qtbot: Any, window: DeskWindow) -> str:
    """The banner's text after two more checks have finished (so it is current)."""
    assert window.main is not None
    banner = window.main.alerts
    seen = banner.checked
    qtbot.waitUntil(lambda: banner.checked >= seen + 2, timeout=5000)
    return banner.text.text()


def test_a_silent_kiosk_turns_the_banner_red_on_every_tab_without_moving_them(
        qtbot: Any, services: Any, desk: Any, manager: Any, clock: Any) -> None:
    kiosk_beat(services, clock, "lobby-102")
    window = open_desk(qtbot, desk)
    main = window.main
    assert main is not None
    assert settled(qtbot, window) == "키오스크와 동기화에 이상이 없습니다."
    assert not main.alerts.alarming
    tabs_at = main.tabs.geometry()
    clock.advance(minutes=3, seconds=30)  # three 60 s intervals and a bit
    text = settled(qtbot, window)
    assert main.alerts.alarming
    assert text == ("⚠ 키오스크 lobby-102의 신호가 2026-11-23 09:00 이후 끊겼습니다 — 전원과 "
                    "네트워크를 확인하고, 화면이 멈췄으면 키오스크를 다시 켜세요.")
    assert main.tabs.geometry() == tabs_at  # the banner's place was kept for it
    bar = main.tabs.tabBar()
    for index in range(main.tabs.count()):
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        assert main.tabs.currentIndex() == index
        assert main.alerts.isVisible() and main.alerts.alarming
        assert main.tabs.geometry() == tabs_at
    kiosk_beat(services, clock, "lobby-102")  # back on line
    assert settled(qtbot, window) == "키오스크와 동기화에 이상이 없습니다."
    keep_picture(window, "silent-kiosk-calm.png")


def keep_picture(window: DeskWindow, name: str) -> None:
    """With ``KIOSK_TEST_SHOTS=DIR`` the banner's states are saved there to look at."""
    import os
    from pathlib import Path

    folder = os.environ.get("KIOSK_TEST_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        assert window.grab().save(str(Path(folder) / name))


def test_voice_unavailable_is_reported_in_both_languages(
        qtbot: Any, services: Any, desk: Any, manager: Any, clock: Any) -> None:
    from kiosk.admin.window import DeskLanguage

    kiosk_beat(services, clock, "lobby-101", "voice=ready")
    kiosk_beat(services, clock, "lobby-103", "voice=no_voice")
    window = DeskWindow(desk, language=DeskLanguage(qtbot_app()), alert_ms=40)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    signin = window.screen()
    assert isinstance(signin, SignInScreen)
    type_text(qtbot, signin.username, "kim")
    type_text(qtbot, signin.password, PASSWORD)
    qtbot.mouseClick(signin.button, Qt.MouseButton.LeftButton)
    assert settled(qtbot, window) == (
        "⚠ 키오스크 lobby-103에서 음성 안내를 할 수 없습니다 (한국어·영어 음성이 모두 없음) — "
        "스피커와 음성 엔진을 확인하고 키오스크를 다시 켜세요.")
    keep_picture(window, "voice-ko.png")
    assert window.main is not None
    qtbot.mouseClick(window.main.language_button, Qt.MouseButton.LeftButton)
    try:
        assert settled(qtbot, window) == (
            "⚠ Kiosk lobby-103 cannot give voice guidance (no Korean or English voice) — "
            "check the speakers and the speech engine, then restart the kiosk.")
        keep_picture(window, "voice-en.png")
    finally:
        assert window.main is not None
        qtbot.mouseClick(window.main.language_button, Qt.MouseButton.LeftButton)


def qtbot_app() -> Any:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert app is not None
    return app


def test_a_hub_source_failing_for_over_an_hour(qtbot: Any, services: Any, manager: Any,
                                               clock: Any) -> None:
    from kiosk.app import DeskSyncStatus, build_desk
    from tests.admin.conftest import CHEAP_PASSWORDS

    services.hub = replace(services.hub, clock=clock)
    desk = build_desk(services, hasher=CHEAP_PASSWORDS, sync=DeskSyncStatus(services))
    services.hub.record_failure("gbfs-ttareungyi", owner="lobby-1", label="http",
                                message="HTTP 503", next_attempt_at=clock())
    window = open_desk(qtbot, desk)
    clock.advance(minutes=59)  # failing, but not for an hour yet
    assert settled(qtbot, window) == "키오스크와 동기화에 이상이 없습니다."
    clock.advance(minutes=2)
    assert settled(qtbot, window) == (
        "⚠ 허브 출처 gbfs-ttareungyi의 동기화가 2026-11-23 09:00 이후 성공하지 못했습니다 "
        "(HTTP 503) — 인터넷 연결을 확인하고 '동기화·키오스크' 탭에서 지금 동기화를 누르세요.")


def wrong_pins(services: Any, unit: str, times: int) -> BookingRefused:
    refused: BookingRefused | None = None
    for _ in range(times):
        with pytest.raises(BookingRefused) as caught:
            services.bookings.verify_household("101", unit, "9999")
        refused = caught.value
    assert refused is not None
    return refused


def test_a_household_locked_three_times_in_a_day_is_locked_a_day_and_listed(
        qtbot: Any, services: Any, desk: Any, manager: Any, clock: Any) -> None:
    add_household(services, "101", "1203", "1234")
    for round_ in range(3):
        refused = wrong_pins(services, "1203", 5)
        assert refused.reason is Refusal.HOUSEHOLD_LOCKED
        assert refused.details["until"] == clock() + (
            LONG_LOCK if round_ == 2 else timedelta(minutes=10))
        clock.advance(minutes=11)
    with pytest.raises(BookingRefused) as still:
        services.bookings.verify_household("101", "1203", "1234")
    assert still.value.reason is Refusal.HOUSEHOLD_LOCKED
    window = open_desk(qtbot, desk)
    assert settled(qtbot, window) == (
        "⚠ 세대 101-1203의 PIN이 하루 세 번 이상 잠겨 2026-11-24 09:22까지 잠겼습니다 "
        "(키오스크 lobby-1) — 세대에 연락해 본인이면 '세대 관리'에서 잠금을 푸세요.")
    keep_picture(window, "household-long-lock.png")
    # A day later the count starts again: the next lock is a short one.
    clock.advance(hours=24)
    services.bookings.verify_household("101", "1203", "1234")
    refused = wrong_pins(services, "1203", 5)
    assert refused.details["until"] == clock() + timedelta(minutes=10)
    assert settled(qtbot, window) == "키오스크와 동기화에 이상이 없습니다."


def test_guesses_spread_over_households_are_flagged_as_an_attack(
        qtbot: Any, services: Any, desk: Any, manager: Any, clock: Any) -> None:
    units = ["101", "102", "103", "104", "105"]
    for unit in units:
        add_household(services, "101", unit, "1234")
    window = open_desk(qtbot, desk)
    for unit in units[:4]:
        assert wrong_pins(services, unit, 5).reason is Refusal.HOUSEHOLD_LOCKED
        clock.advance(minutes=10)
    assert settled(qtbot, window) == "키오스크와 동기화에 이상이 없습니다."  # four is not yet
    wrong_pins(services, units[4], 5)
    assert settled(qtbot, window) == (
        "⚠ 키오스크 lobby-1에서 PIN 추측 공격이 의심됩니다: 2026-11-23 09:00~09:40에 5세대가 "
        "잠겼습니다 (101-101, 101-102, 101-103, 101-104, 101-105) — 로비의 키오스크 주변을 "
        "확인하세요.")
    keep_picture(window, "guessing.png")


def test_a_desk_account_locked_three_times_is_listed_with_the_desk(
        qtbot: Any, services: Any, desk: Any, manager: Any, clock: Any) -> None:
    for round_ in range(3):
        for _ in range(5):
            with pytest.raises(DeskRefused) as caught:
                desk.accounts.sign_in("kim", "not it at all")
        assert caught.value.until == clock() + (LONG_LOCK if round_ == 2
                                                else timedelta(minutes=15))
        clock.advance(minutes=16)
    with pytest.raises(DeskRefused):
        desk.accounts.sign_in("kim", PASSWORD)  # the right password waits a day too
    clock.advance(hours=24)
    desk.accounts.sign_in("kim", PASSWORD)
    clock.advance(hours=-24)  # read the banner while the long lock still holds
    window = open_desk_at(qtbot, desk, clock)
    assert settled(qtbot, window) == (
        "⚠ 계정 kim의 비밀번호가 하루 세 번 이상 잠겨 2026-11-24 09:32까지 잠겼습니다 "
        "(lobby-1-desk) — 본인에게 확인하고, 본인이 아니면 비밀번호를 바꾸세요.")


def open_desk_at(qtbot: Any, desk: Any, clock: Any) -> DeskWindow:
    """The manager's account is locked, so a volunteer signs in to see the banner."""
    from kiosk.domain.admin_accounts import Role
    from kiosk.services.admin_accounts import actor_of

    manager = desk.accounts.accounts()[0]
    desk.accounts.create_account(actor_of(manager), "lee", "이봉사", Role.STAFF, PASSWORD)
    window = DeskWindow(desk, alert_ms=40)
    qtbot.addWidget(window)
    window.resize(1600, 1000)
    window.show()
    signin = window.screen()
    assert isinstance(signin, SignInScreen)
    type_text(qtbot, signin.username, "lee")
    type_text(qtbot, signin.password, PASSWORD)
    qtbot.mouseClick(signin.button, Qt.MouseButton.LeftButton)
    assert window.main is not None
    return window
