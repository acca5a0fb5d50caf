"""What voice guidance says about the map page's controls and markers.

The page only names what was tapped (a control key, a kind or a listing id); the words
are chosen here, in Korean with English translations like every other prompt, so the
page can never make the kiosk say arbitrary text.
"""

from __future__ import annotations

from collections.abc import Iterable, Set

from kiosk.map.listing import MapListing
from kiosk.ui.accessibility.speech import BUTTON, Phrase, phrase

KIND_NAMES = {"parking": "주차", "bike": "자전거", "space": "공간", "item": "물품",
              "other": "기타"}
KIND_SHOWN = "{kind} 표시 중, {count}곳"
KIND_HIDDEN = "{kind} 숨김, {count}곳"
CONTROL_NAMES = {"zoomIn": "지도 확대", "zoomOut": "지도 축소",
                 "recenter": "현재 위치로 돌아가기", "legendOpen": "범례 펼치기",
                 "legendClose": "범례 접기"}
MARKER = "{name}, {state}. 한 번 더 누르면 자세히 봅니다."
FREE_OF = "지금 {free} / {total} 이용 가능"
FREE_ONLY = "지금 {free} 이용 가능"
NO_DATA = "이용 정보 없음"
OUT_OF_SERVICE = "이용 중지"

SENTENCES = (*KIND_NAMES.values(), KIND_SHOWN, KIND_HIDDEN, *CONTROL_NAMES.values(), MARKER,
             FREE_OF, FREE_ONLY, NO_DATA, OUT_OF_SERVICE)
"""Every sentence above, for the translation check."""


def _state(listing: MapListing) -> Phrase:
    if listing.status == "out_of_service":
        return phrase(OUT_OF_SERVICE)
    if listing.units_free is None:
        return phrase(NO_DATA)
    if listing.units_total is None:
        return phrase(FREE_ONLY, free=str(listing.units_free))
    return phrase(FREE_OF, free=str(listing.units_free), total=str(listing.units_total))


def map_control_phrase(control: str, ident: str, listings: Iterable[MapListing],
                       shown: Set[str], language: str) -> Phrase | None:
    """The sentence for a first tap on the map page; None for something unknown."""
    if control == "chip" and ident in KIND_NAMES:
        count = sum(1 for item in listings if item.kind == ident)
        state = KIND_SHOWN if ident in shown else KIND_HIDDEN
        return phrase(BUTTON, name=phrase(state, kind=phrase(KIND_NAMES[ident]),
                                          count=str(count)))
    if control in CONTROL_NAMES:
        return phrase(BUTTON, name=phrase(CONTROL_NAMES[control]))
    if control == "marker":
        listing = next((item for item in listings if item.id == ident), None)
        if listing is None:
            return None
        name = listing.name_en if language == "en" and listing.name_en else listing.name_ko
        return phrase(MARKER, name=name, state=_state(listing))
    return None
