"""Korean vehicle plates: ``12가3456`` (old) and ``123가4567`` (since 2019)."""

from __future__ import annotations

import re

# The Hangul syllables used on private, rental and commercial plates.
PLATE_SYLLABLES: tuple[str, ...] = (
    "가", "나", "다", "라", "마", "거", "너", "더", "러", "머", "버", "서", "어", "저",
    "고", "노", "도", "로", "모", "보", "소", "오", "조", "구", "누", "두", "루", "무",
    "부", "수", "우", "주", "하", "허", "호", "배", "아", "바", "사", "자",
)

_PLATE = re.compile(r"^(?:[가-힣]{2})?(\d{2,3})([가-힣])(\d{4})$")


def normalise_plate(text: str) -> str:
    """Remove spaces and dashes people type between the parts of a plate."""
    return re.sub(r"[\s\-]", "", text)


def is_valid_plate(text: str) -> bool:
    """True for ``12가3456``, ``123가4567`` and regional ``서울12가3456`` forms."""
    match = _PLATE.match(normalise_plate(text))
    return bool(match) and match.group(2) in PLATE_SYLLABLES  # type: ignore[union-attr]
