"""Typed messages from the page, parsed and checked before Python acts on them.

The page is treated as untrusted input: a compromised or buggy page can only send
these shapes, with bounded sizes, and anything else is dropped with a log line.
No Qt here, so the parsing rules are unit-tested without a browser.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from kiosk.map.listing import KINDS, MAX_ID_LENGTH

LOG_LEVELS = ("debug", "info", "warning", "error")
MAX_LOG_TEXT = 500
MAX_PAYLOAD = 64_000
MAX_VISIBLE_IDS = 1000


class BridgeMessageError(ValueError):
    """The page sent something outside the protocol."""


@dataclass(frozen=True)
class PageReady:
    pass


@dataclass(frozen=True)
class MarkerTapped:
    id: str


@dataclass(frozen=True)
class PageLog:
    level: str
    text: str


@dataclass(frozen=True)
class FilterChanged:
    kinds: frozenset[str]


@dataclass(frozen=True)
class VisibleChanged:
    ids: tuple[str, ...]
    total: int


@dataclass(frozen=True)
class ControlAnnounced:
    """Voice mode: a first tap on a page control or marker, to be spoken by the kiosk."""

    control: str
    id: str | None


PageMessage = (PageReady | MarkerTapped | PageLog | FilterChanged | VisibleChanged
               | ControlAnnounced)

# What the page may ask to have announced; the words are chosen in Python.
ANNOUNCED_CONTROLS = frozenset(
    {"chip", "zoomIn", "zoomOut", "recenter", "legendOpen", "legendClose", "marker"})


def _check_id(value: object) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ID_LENGTH:
        raise BridgeMessageError("listing id must be a short non-empty string")
    return value


def _load(payload: object) -> object:
    if not isinstance(payload, str) or len(payload) > MAX_PAYLOAD:
        raise BridgeMessageError("payload must be a JSON string under 64 kB")
    try:
        return json.loads(payload)
    except json.JSONDecodeError as exc:
        raise BridgeMessageError(f"payload is not JSON: {exc.msg}") from exc


def marker_tapped(listing_id: object) -> MarkerTapped:
    return MarkerTapped(_check_id(listing_id))


def page_log(level: object, text: object) -> PageLog:
    lvl = level if isinstance(level, str) and level in LOG_LEVELS else "warning"
    body = text if isinstance(text, str) else repr(text)
    return PageLog(lvl, body[:MAX_LOG_TEXT])


def filter_changed(payload: object) -> FilterChanged:
    data = _load(payload)
    if not isinstance(data, list) or not all(isinstance(k, str) for k in data):
        raise BridgeMessageError("filter must be a list of kinds")
    unknown = set(data) - set(KINDS)
    if unknown:
        raise BridgeMessageError(f"unknown kinds: {sorted(unknown)}")
    return FilterChanged(frozenset(data))


def visible_changed(payload: object) -> VisibleChanged:
    data = _load(payload)
    if not isinstance(data, dict):
        raise BridgeMessageError("visible list must be an object")
    ids = data.get("ids")
    total = data.get("total")
    if not isinstance(ids, list) or len(ids) > MAX_VISIBLE_IDS:
        raise BridgeMessageError("ids must be a list of at most 1000 ids")
    if not isinstance(total, int) or isinstance(total, bool) or total < len(ids):
        raise BridgeMessageError("total must be an integer >= len(ids)")
    return VisibleChanged(tuple(_check_id(i) for i in ids), total)


def control_announced(payload: object) -> ControlAnnounced:
    data = _load(payload)
    if not isinstance(data, dict) or data.get("control") not in ANNOUNCED_CONTROLS:
        raise BridgeMessageError("announce needs a known control")
    control = str(data["control"])
    ident = data.get("id")
    if control == "chip":
        if ident not in KINDS:
            raise BridgeMessageError("a chip is named by its kind")
        return ControlAnnounced(control, str(ident))
    if control == "marker":
        return ControlAnnounced(control, _check_id(ident))
    return ControlAnnounced(control, None)
