"""Masks what must never reach a log file: PINs, PIN hashes, full unit numbers, plates.

The filter sits on every handler the kiosk installs, so a careless ``log.info`` in any
module is masked too. Masking follows the screen's own form (``101동 12**호``).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from kiosk.domain.plates import PLATE_SYLLABLES

MASK = "****"

# Keys whose values are secrets whatever they look like (pin, admin_pin, pin_hash, 비밀번호).
_SECRET_KEY = re.compile(r"(?i)(?:^|_)(?:pin|password|passwd|secret)(?:_|$)|비밀번호")
_SECRET_WORD = r"(?i)(\b(?:\w+_)?(?:pin|password|passwd|secret)(?:_\w+)?\b|비밀번호)"
# ``pin=1234``, ``"pin": "1234"``, ``pin_hash: …``: whatever follows the separator.
_KEYED_SECRET = re.compile(_SECRET_WORD + r"([\"']?\s*[:=]\s*[\"']?)([^\s,;\"'}\])]+)")
# ``PIN 1234``, ``wrong pin was 0302``: digits after the word.
_SPOKEN_SECRET = re.compile(_SECRET_WORD + r"(\s+(?:is\s+|was\s+)?)(\d+)")
_SCRYPT = re.compile(r"scrypt\$[^\s,;\"'}]+")
_UNIT_KO = re.compile(r"(\d{1,5})\s*동\s*(\d{1,5})\s*호")
_UNIT_EN = re.compile(r"(?i)\b(unit\s*#?\s*)(\d{1,5})\b")
_UNIT_LABEL = re.compile(r"(?<![\d\-:./])(\d{1,5})-(\d{3,5})(?![\d\-:./])")
_PLATE = re.compile(
    r"(?<!\d)((?:[가-힣]{2})?\d{2,3})\s?([" + "".join(PLATE_SYLLABLES) + r"])\s?(\d{4})(?!\d)")


def _unit(unit: str) -> str:
    return unit[:-2] + "**" if len(unit) > 2 else "*" * len(unit)


def mask_text(text: str) -> str:
    """The text with PINs, hashes, unit numbers and plates masked."""
    text = _SCRYPT.sub("scrypt$" + MASK, text)
    text = _KEYED_SECRET.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
    text = _SPOKEN_SECRET.sub(lambda m: m.group(1) + m.group(2) + MASK, text)
    text = _UNIT_KO.sub(lambda m: f"{m.group(1)}동 {_unit(m.group(2))}호", text)
    text = _UNIT_EN.sub(lambda m: m.group(1) + _unit(m.group(2)), text)
    text = _UNIT_LABEL.sub(lambda m: f"{m.group(1)}-{_unit(m.group(2))}", text)
    return _PLATE.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)


def mask_value(key: str, value: Any) -> Any:
    """A structured field's value, masked by its name and its content."""
    if _SECRET_KEY.search(key):
        return MASK
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {k: mask_value(str(k), v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [mask_value(key, v) for v in value]
    return value


# Attributes every LogRecord has; anything else came from ``extra=``.
STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message", "asctime", "taskName"}


class PrivacyFilter(logging.Filter):
    """Rewrites each record in place so every formatter downstream sees masked text."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_text(record.getMessage())
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_text(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_text(record.stack_info)
        for key in set(vars(record)) - STANDARD_ATTRIBUTES:
            setattr(record, key, mask_value(key, getattr(record, key)))
        return True
