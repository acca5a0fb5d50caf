"""Help: a button beside the accessibility button on every screen, opening the management
office's name, phone (large), hours and a QR code; spoken in voice mode, reachable with
keys, audited in every mode, and closing it returns to the visit exactly as it was."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
import qrcode
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from kiosk.config import Office
from kiosk.ui.accessibility.audit import AuditMode, audit
from kiosk.ui.accessibility.speech import Status
from kiosk.ui.i18n import LanguageSwitcher
from kiosk.ui.window import KioskWindow, Timeouts
from tests.ui.a11y.test_speech import FakeEngine
from tests.ui.conftest import LANDSCAPE, PORTRAIT, RESIDENT, settle, tap, type_digits
from tests.ui.test_keyboard import enter, key, tab_to
from tests.ui.test_layout import visit_every_screen
from tests.ui.test_screen_audit import MODES

OFFICE = Office(name="길음 나눔마을 관리사무소", name_en="Gireum Village office",
                phone="02-1234-5678", hours="평일 09:00–18:00", hours_en="Weekdays 09:00–18:00")
SPOKEN_KO = "공 이, 일 이 삼 사, 오 육 칠 팔"
SPOKEN_EN = "zero two, one two three four, five six seven eight"


def office_window(qtbot: Any, demo_services: Any, office: Office = OFFICE,
                  size: tuple[int, int] = LANDSCAPE, engine: FakeEngine | None = None,
                  timeouts: Timeouts | None = None) -> KioskWindow:
    settings = replace(demo_services.settings, office=office)
    window = KioskWindow(settings, demo_services.bookings,
                         LanguageSwitcher(QApplication.instance()), screen_px=size,
                         timeouts=timeouts or Timeouts(idle_s=600, home_idle_s=600,
                                                       receipt_s=600),
                         speech=(engine, Status.READY if engine else Status.NO_ENGINE, ""))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    return window


@pytest.fixture
def windows(qtbot: Any, demo_services: Any) -> Any:
    made: list[KioskWindow] = []

    def make(**kwargs: Any) -> KioskWindow:
        window = office_window(qtbot, demo_services, **kwargs)
        made.append(window)
        return window

    yield make
    for window in made:
        window.languages.set_language("ko")
        window.background.shutdown()


def window_rect(widget: Any, window: KioskWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def qr_modules(image: QImage, side: int) -> list[list[bool]]:
    """Read a QR image back into its module matrix (dark = True) by sampling centres."""
    scale = image.width() // side
    assert scale >= 1 and image.width() == image.height() == side * scale
    return [[image.pixelColor(x * scale + scale // 2, y * scale + scale // 2).lightness() < 128
             for x in range(side)] for y in range(side)]


def expected_matrix(target: str) -> list[list[bool]]:
    code = qrcode.QRCode(border=4, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(target)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


def test_help_button_sits_beside_accessibility_on_every_screen_and_opens_help(
        qtbot: Any, windows: Any) -> None:
    window = windows()
    seen = []
    for name in visit_every_screen(qtbot, window):
        if name in ("accessibility", "idle-warning"):
            continue  # overlays cover the button bar
        seen.append(name)
        qtbot.wait(1)
        help_button, a11y = window.help_button, window.a11y_button
        assert help_button.isVisible() and help_button.text() == "도움말 · 전화", name
        rect, beside = window_rect(help_button, window), window_rect(a11y, window)
        assert rect.top() == beside.top() and rect.left() > beside.right(), name
        assert rect.top() >= window_rect(window.stack, window).bottom(), name  # in the bar
        current = window.current
        tap(qtbot, help_button)
        assert window.help.isVisible() and not window.body.isVisible(), name
        assert window.help.phone_label.text() == "02-1234-5678"
        tap(qtbot, window.help.close_button)
        assert not window.help.isVisible() and window.current is current, name
    assert len(seen) == 12  # the confirm screen twice: with the chosen car, then another


def test_help_shows_the_office_and_a_qr_code_that_calls_it(qtbot: Any, windows: Any) -> None:
    window = windows()
    window.open_help()
    content = window.help.content
    assert content.office_label.text() == "길음 나눔마을 관리사무소"
    assert content.phone.text() == "02-1234-5678" and content.phone.isVisible()
    assert content.hours.text() == "운영 시간: 평일 09:00–18:00"
    assert content.qr_caption.text() == "휴대전화로 찍으면 바로 전화를 걸 수 있습니다"
    # The phone's digits are larger than the title's.
    assert content.phone.fontInfo().pixelSize() > content.title.fontInfo().pixelSize()
    image = content.qr.pixmap().toImage()
    wanted = expected_matrix("tel:0212345678")
    assert qr_modules(image, len(wanted)) == wanted
    assert expected_matrix("tel:0212345679") != wanted  # the comparison tells numbers apart
    window.help.close_button.click()
    window.set_language("en")
    window.open_help()
    assert content.title.text() == "Need help?"
    assert content.office_label.text() == "Gireum Village office"
    assert content.hours.text() == "Opening hours: Weekdays 09:00–18:00"
    assert window.help_button.text() == "Help"


def test_a_configured_page_is_what_the_qr_code_opens(qtbot: Any, windows: Any) -> None:
    url = "https://example.org/village/help"
    window = windows(office=replace(OFFICE, url=url))
    window.open_help()
    content = window.help.content
    wanted = expected_matrix(url)
    assert qr_modules(content.qr.pixmap().toImage(), len(wanted)) == wanted
    assert content.qr_caption.text() == "휴대전화로 찍으면 안내 페이지가 열립니다"


def test_without_a_phone_help_still_opens_with_what_is_configured(
        qtbot: Any, windows: Any) -> None:
    engine = FakeEngine()
    window = windows(office=Office(hours="평일 09:00–18:00"), engine=engine)
    assert window.help_button.isVisible()
    window.accessibility.update(voice=True)
    window.open_help()
    content = window.help.content
    assert not content.phone.isVisible() and not content.qr.isVisible()
    assert "전화번호가 설정되지 않았습니다" in content.phone_caption.text()
    assert content.office_label.text() == "관리사무소"
    assert engine.said[-1] == ("도움말 화면입니다. 관리사무소에 직접 문의하세요. "
                               "운영 시간은 평일 09:00–18:00입니다. "
                               "다 보셨으면 닫기를 누르세요. 보던 화면으로 돌아갑니다.")


def test_voice_mode_announces_help_with_the_phone_digit_by_digit(
        qtbot: Any, windows: Any) -> None:
    engine = FakeEngine()
    window = windows(engine=engine)
    window.accessibility.update(voice=True)
    tap(qtbot, window.help_button)  # the first tap says what it is
    assert engine.said[-1] == "도움말 · 전화, 버튼. 한 번 더 누르면 선택됩니다."
    assert not window.help.isVisible()
    tap(qtbot, window.help_button)
    assert window.help.isVisible()
    assert engine.said[-1] == ("도움말 화면입니다. 길음 나눔마을 관리사무소 전화번호는 "
                               f"{SPOKEN_KO}입니다. 운영 시간은 평일 09:00–18:00입니다. "
                               "다 보셨으면 닫기를 누르세요. 보던 화면으로 돌아갑니다.")
    count = len(engine.said)
    window.a11y.content.replay.click()  # replay repeats the help, number included
    assert engine.said[count:] == [engine.said[count - 1]]
    tap(qtbot, window.help.close_button)  # Close too is said before it acts
    assert window.help.isVisible() and engine.said[-1].startswith("닫기, 버튼.")
    tap(qtbot, window.help.close_button)
    assert not window.help.isVisible()
    window.accessibility.update(language="en")
    window.open_help()
    assert engine.said[-1] == (f"Help screen. Gireum Village office, phone number: {SPOKEN_EN}. "
                               "Opening hours: Weekdays 09:00–18:00. "
                               "When you are done, press Close to go back to where you were.")


def test_english_voice_without_english_names_never_speaks_hangul(
        qtbot: Any, windows: Any) -> None:
    engine = FakeEngine()
    window = windows(office=replace(OFFICE, name_en="", hours_en=""), engine=engine)
    window.accessibility.update(voice=True, language="en")
    window.open_help()
    assert engine.said[-1] == (f"Help screen. Management office, phone number: {SPOKEN_EN}. "
                               "When you are done, press Close to go back to where you were.")


def test_help_opens_and_closes_with_keys_only(qtbot: Any, windows: Any) -> None:
    window = windows()
    window.activateWindow()
    tab_to(qtbot, window, window.help_button)
    enter(qtbot, window)
    assert window.help.isVisible()
    assert QApplication.focusWidget() is window.help.close_button
    key(qtbot, window, Qt.Key.Key_Tab)  # the focus stays inside help
    assert window.help.isAncestorOf(QApplication.focusWidget())
    tab_to(qtbot, window, window.help.close_button)
    enter(qtbot, window)
    assert not window.help.isVisible()
    assert QApplication.focusWidget() is window.help_button  # back where the resident was
    enter(qtbot, window)
    assert window.help.isVisible()
    key(qtbot, window, Qt.Key.Key_Escape)
    assert not window.help.isVisible()


def test_help_keeps_the_booking_in_progress(qtbot: Any, windows: Any) -> None:
    window = windows()
    window.go("browse", kind="parking")
    window.go("detail", resource_id="parking-b2-north")
    settle(qtbot, window)
    detail = window.screens["detail"]
    free = [s for s, cell in detail.slot_buttons.items() if cell.isEnabled()]  # type: ignore[attr-defined]
    tap(qtbot, detail.slot_buttons[free[1]])  # type: ignore[attr-defined]
    tap(qtbot, detail.book_button)  # type: ignore[attr-defined]
    screen = window.screens["identify"]
    assert window.current is screen
    settle(qtbot, window)
    assert screen.values["building"] == "101"  # type: ignore[attr-defined]  # the kiosk's own
    type_digits(qtbot, window, "13")
    session = window.ctx.session
    before = (session.resource, session.start, session.end, list(window.history),
              dict(screen.values), screen.active)  # type: ignore[attr-defined]
    tap(qtbot, window.help_button)
    assert window.help.isVisible()
    tap(qtbot, window.help.close_button)
    assert window.current is screen
    assert (session.resource, session.start, session.end, list(window.history),
            dict(screen.values), screen.active) == before  # type: ignore[attr-defined]
    type_digits(qtbot, window, "04")  # and the resident carries on where they were
    assert screen.active == "pin"  # type: ignore[attr-defined]
    type_digits(qtbot, window, RESIDENT[2])
    settle(qtbot, window)
    assert window.current is window.screens["confirm"]
    assert session.start == free[1]


def test_the_idle_reset_still_applies_with_help_open(qtbot: Any, windows: Any) -> None:
    window = windows(timeouts=Timeouts(idle_s=0.3, home_idle_s=600, warning_s=1))
    tap(qtbot, window.screens["home"].tiles["mine"])  # type: ignore[attr-defined]
    type_digits(qtbot, window, "101")
    tap(qtbot, window.help_button)
    assert window.help.isVisible()
    qtbot.waitUntil(window.warning.isVisible, timeout=3000)
    qtbot.waitUntil(lambda: window.current is window.screens["home"], timeout=4000)
    assert not window.help.isVisible() and window.body.isVisible()
    assert window.screens["identify"].values == {  # type: ignore[attr-defined]
        "building": "101", "unit": "", "pin": ""}


@pytest.mark.parametrize(("mode", "size", "language"), [
    pytest.param(mode, size, language, id=f"{mode}-{orientation}-{language}")
    for mode in MODES for orientation, size in (("landscape", LANDSCAPE),
                                                 ("portrait", PORTRAIT))
    for language in ("ko", "en")])
def test_help_and_its_button_pass_the_audit(qtbot: Any, windows: Any, mode: str,
                                            size: tuple[int, int], language: str) -> None:
    window = windows(size=size)
    window.accessibility.update(language=language, **MODES[mode])
    audit_mode = AuditMode.from_settings(window.accessibility, window.geometry_)
    window.go("browse", kind="parking")
    settle(qtbot, window)
    qtbot.wait(1)
    # The whole screen is audited in tests/ui/test_screen_audit.py; here, in both
    # languages, nothing the audit finds may concern the help button.
    found = [str(f) for f in audit(window, audit_mode)]
    assert [f for f in found if "helpButton" in f] == []
    assert window.help_button.isVisible()
    window.open_help()
    qtbot.wait(1)
    assert [str(f) for f in audit(window, audit_mode)] == []
    assert window.help.phone_label.isVisible()
    shown = window_rect(window.help.phone_label, window)
    assert window.rect().contains(shown)  # the number is never cut, also at 200 %
    assert window.help.phone_label.sizeHint().width() <= window.help.phone_label.width()


def test_spoken_help_sentences_are_translated_in_their_context() -> None:
    import string
    import xml.etree.ElementTree as ET

    from kiosk.ui import help as help_module
    from kiosk.ui.i18n import TRANSLATIONS

    root = ET.parse(TRANSLATIONS / "kiosk_en.ts").getroot()
    [context] = [c for c in root.iter("context") if c.findtext("name") == help_module.CONTEXT]
    translated = {m.findtext("source"): m.findtext("translation") or ""
                  for m in context.iter("message")}
    spoken = [help_module.CALL, help_module.ASK, help_module.HOURS, help_module.CLOSE,
              "도움말", "관리사무소"]
    for source in spoken:
        english = translated.get(source, "")
        assert english and not any("\uac00" <= ch <= "\ud7a3" for ch in english), source
        fields = [sorted(f for _, f, _, _ in string.Formatter().parse(t) if f)
                  for t in (source, english)]
        assert fields[0] == fields[1], source


@pytest.mark.parametrize("scale", [100, 200])
def test_the_focus_ring_never_covers_a_filled_buttons_text(qtbot: Any, windows: Any,
                                                            scale: int) -> None:
    """The ring takes its width from the padding: the white label is whole when focused."""
    window = windows()
    window.accessibility.update(text_scale=scale)
    window.activateWindow()

    def white_pixels(button: Any) -> int:
        image = button.grab().toImage()
        return sum(1 for x in range(image.width()) for y in range(0, image.height(), 2)
                   if image.pixelColor(x, y).lightness() > 200)

    for button in (window.help_button, window.a11y_button):
        window.setFocus()
        QApplication.processEvents()
        unfocused = white_pixels(button)
        button.setFocus(Qt.FocusReason.TabFocusReason)
        QApplication.processEvents()
        assert unfocused > 100 and white_pixels(button) >= 0.98 * unfocused, button.text()
