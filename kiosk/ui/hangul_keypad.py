"""The on-screen keyboard of the search screen: 두벌식 Hangul, English letters, digits.

Keys only say what was pressed (``typed`` with one jamo, letter, digit or space, and
``erase`` / ``clear_all``); the screen's ``HangulComposer`` turns them into text. Every key
is at least the panel's touch target, and rows wrap (instead of running off the glass)
when large text makes the keys wider than a row holds.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk.ui.text import tr
from kiosk.ui.touch import TouchMetrics
from kiosk.ui.widgets import ReflowGrid, button

KOREAN_ROWS: Final = ("ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", "ㅋㅌㅊㅍㅠㅜㅡ")
SHIFTED: Final = {"ㅂ": "ㅃ", "ㅈ": "ㅉ", "ㄷ": "ㄸ", "ㄱ": "ㄲ", "ㅅ": "ㅆ", "ㅐ": "ㅒ",
                  "ㅔ": "ㅖ"}
ENGLISH_ROWS: Final = ("QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM")
DIGIT_ROWS: Final = ("1234567890", "", "")
COLUMNS: Final = 10
LETTER_PX: Final = 56
KEY_PX: Final = 84
MODES: Final = ("ko", "en", "digits")

# What voice guidance says for a jamo key (a speech engine reads a lone jamo poorly).
JAMO_NAMES: Final = {
    "ㄱ": "기역", "ㄲ": "쌍기역", "ㄴ": "니은", "ㄷ": "디귿", "ㄸ": "쌍디귿", "ㄹ": "리을",
    "ㅁ": "미음", "ㅂ": "비읍", "ㅃ": "쌍비읍", "ㅅ": "시옷", "ㅆ": "쌍시옷", "ㅇ": "이응",
    "ㅈ": "지읒", "ㅉ": "쌍지읒", "ㅊ": "치읓", "ㅋ": "키읔", "ㅌ": "티읕", "ㅍ": "피읖",
    "ㅎ": "히읗", "ㅏ": "아", "ㅐ": "애", "ㅑ": "야", "ㅒ": "얘", "ㅓ": "어", "ㅔ": "에",
    "ㅕ": "여", "ㅖ": "예", "ㅗ": "오", "ㅛ": "요", "ㅜ": "우", "ㅠ": "유", "ㅡ": "으",
    "ㅣ": "이",
}


class HangulKeypad(QWidget):
    """Three rows of letter keys (relabelled for each mode) and two rows of function keys.

    ``keys`` maps what each shown key types to its button. The shift key (쌍자음) turns
    the next key into its tense consonant or ㅒ ㅖ, then lets go by itself.
    """

    typed = Signal(str)
    erase = Signal()
    clear_all = Signal()
    relabelled = Signal()  # other keys shown (mode or shift): sizes to fit again

    def __init__(self, metrics: TouchMetrics, key_px: int = 88,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hangulKeypad")
        spacing = metrics.spacing(12)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(spacing)
        self.mode = "ko"
        self.letters_mode = "ko"  # where 123 comes back to
        self.shifted = False
        self.keys: dict[str, QPushButton] = {}
        self.rows = [ReflowGrid(max_columns=COLUMNS, spacing=spacing, fill=False)
                     for _ in range(3)]
        self.row_keys: list[list[QPushButton]] = []
        for row, length in zip(self.rows, (10, 9, 7), strict=True):
            rows.addLayout(row)
            keys = []
            for _ in range(length):
                key = button(metrics, "", "keyLetter", None, key_px, key_px)
                key.clicked.connect(lambda _checked=False, k=key: self._pressed(k))
                row.addWidget(key)
                keys.append(key)
            self.row_keys.append(keys)
        # Two rows of three wide keys: the modes, then space and the two erasers. They
        # stay three across in both orientations (and wrap only with very large text).
        self.functions = [ReflowGrid(max_columns=3, spacing=spacing) for _ in range(2)]
        for row in self.functions:
            rows.addLayout(row)
        self.shift_key = button(metrics, "", "keyShift", self._toggle_shift, key_px, key_px)
        self.shift_key.setCheckable(True)
        self.language_key = button(metrics, "", "keyMode", self._switch_language, key_px,
                                   key_px)
        self.digits_key = button(metrics, "", "keyMode", self._switch_digits, key_px, key_px)
        self.space_key = button(metrics, "", "keySpace", lambda: self.typed.emit(" "),
                                key_px, key_px)
        self.erase_key = button(metrics, "", "keyErase", self.erase.emit, key_px, key_px)
        self.clear_key = button(metrics, "", "keyErase", self.clear_all.emit, key_px, key_px)
        for key in (self.shift_key, self.language_key, self.digits_key):
            self.functions[0].addWidget(key)
        for key in (self.space_key, self.erase_key, self.clear_key):
            self.functions[1].addWidget(key)
        self.set_mode("ko")

    def set_scale(self, scale: float) -> None:
        """Letters larger than body text (a key is read at a glance), growing with the
        text-size setting; colours and borders stay the window theme's."""
        sheet = (f"QPushButton#keyLetter {{ font-size: {round(LETTER_PX * scale)}px; "
                 f"font-weight: 700; padding: 0px; min-height: {round(KEY_PX * scale)}px; }}")
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)

    # ------------------------------------------------------------------ modes
    def set_mode(self, mode: str) -> None:
        """"ko" (두벌식), "en" (A–Z) or "digits"; the shift lets go."""
        if mode not in MODES:
            raise ValueError(f"unknown keypad mode {mode!r}")
        self.mode = mode
        if mode != "digits":
            self.letters_mode = mode
        self.shifted = False
        self._label()

    def _switch_language(self) -> None:
        """한글 ↔ ABC (from the digits, back to the other letters than before)."""
        self.set_mode("en" if self.letters_mode == "ko" else "ko")

    def _switch_digits(self) -> None:
        self.set_mode(self.letters_mode if self.mode == "digits" else "digits")

    def _toggle_shift(self) -> None:
        self.shifted = not self.shifted
        self._label()

    def _pressed(self, key: QPushButton) -> None:
        text = key.property("types")
        if not text:
            return
        self.typed.emit(str(text))
        if self.shifted:
            self.shifted = False  # the shift holds for one key, as on a phone
            self._label()

    def _label(self) -> None:
        rows = {"ko": KOREAN_ROWS, "en": ENGLISH_ROWS, "digits": DIGIT_ROWS}[self.mode]
        self.keys = {}
        for keys, letters in zip(self.row_keys, rows, strict=True):
            for index, key in enumerate(keys):
                letter = letters[index] if index < len(letters) else ""
                if self.mode == "ko" and self.shifted:
                    letter = SHIFTED.get(letter, letter)
                key.setProperty("types", letter)
                key.setText(letter)
                key.setAccessibleName(JAMO_NAMES.get(letter, ""))
                key.setVisible(bool(letter))
                if letter:
                    self.keys[letter] = key
        self.shift_key.setVisible(self.mode == "ko")
        self.shift_key.setChecked(self.shifted)
        self.retranslate()
        self.relabelled.emit()

    def retranslate(self) -> None:
        self.shift_key.setText(tr("쌍자음"))
        self.erase_key.setText(tr("지우기"))
        self.space_key.setText(tr("띄어쓰기"))
        self.clear_key.setText(tr("모두 지우기"))
        # "ABC" and "123" read the same in both languages.
        self.language_key.setText("ABC" if self.letters_mode == "ko" else tr("한글"))
        self.language_key.setAccessibleName(tr("영문으로 바꾸기") if self.letters_mode == "ko"
                                            else tr("한글로 바꾸기"))
        back = "ABC" if self.letters_mode == "en" else tr("한글")
        self.digits_key.setText("123" if self.mode != "digits" else back)
        self.digits_key.setAccessibleName(tr("숫자로 바꾸기") if self.mode != "digits"
                                          else tr("글자로 바꾸기"))
