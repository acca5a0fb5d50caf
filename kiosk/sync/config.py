"""Configuration of one hub source, as the association writes it in the settings file.

Example (TOML, one table per source)::

    [[sync.sources]]
    id = "seoul-bikes"
    kind = "seoul_bike"
    url = "http://openapi.seoul.go.kr:8088"
    key = "…"
    interval_s = 120
    center = [37.6063, 127.0256]
    radius_m = 1500
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final, Literal, get_args
from urllib.parse import urlsplit

from kiosk.sync.geo import Area

# Korea's bounding box (the same one feed coordinates are checked against).
KOREA_LAT: Final = (33.0, 39.0)
KOREA_LON: Final = (124.0, 132.0)

SourceKind = Literal["gbfs", "seoul_bike", "seoul_parking", "sharehub"]
SOURCE_KINDS: Final[frozenset[str]] = frozenset(get_args(SourceKind))
SEOUL_OPENAPI_URL: Final = "http://openapi.seoul.go.kr:8088"

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_KNOWN_KEYS: Final = frozenset(
    {
        "id",
        "kind",
        "url",
        "key",
        "interval_s",
        "center",
        "center_lat",
        "center_lon",
        "radius_m",
        "enabled",
        "options",
    }
)


class SourceConfigError(ValueError):
    """The settings for a source are invalid; the message says which field."""


@dataclass(frozen=True, slots=True)
class SourceConfig:
    """Settings of one source. `key` is a secret: it is excluded from repr()."""

    id: str
    kind: SourceKind
    url: str
    key: str | None = field(default=None, repr=False)
    interval_s: int = 60
    area: Area | None = None
    enabled: bool = True
    options: Mapping[str, object] = field(default_factory=dict)

    @property
    def secrets(self) -> tuple[str, ...]:
        return (self.key,) if self.key else ()

    def option_int(self, name: str, default: int, *, low: int, high: int) -> int:
        value = self.options.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise SourceConfigError(
                f"source {self.id}: option {name} must be a whole number {low}..{high}"
            )
        return value

    def option_bool(self, name: str, default: bool) -> bool:
        value = self.options.get(name, default)
        if not isinstance(value, bool):
            raise SourceConfigError(f"source {self.id}: option {name} must be true or false")
        return value

    def option_str(self, name: str, default: str | None = None) -> str | None:
        value = self.options.get(name, default)
        if value is not None and not isinstance(value, str):
            raise SourceConfigError(f"source {self.id}: option {name} must be text")
        return value

    @classmethod
    def from_mapping(cls, data: Mapping[str, object]) -> SourceConfig:
        """Build and check a config from a settings-file table (or any mapping).

        Unknown keys are refused so that a typo ("radius" for "radius_m") does not
        silently switch a filter off.
        """
        unknown = sorted(set(data) - _KNOWN_KEYS)
        if unknown:
            raise SourceConfigError(f"unknown source setting(s): {', '.join(unknown)}")
        sid = data.get("id")
        if not isinstance(sid, str) or not _ID.match(sid):
            raise SourceConfigError(
                "source id must be 1-64 characters of a-z, 0-9, '.', '_' or '-'"
            )
        kind = data.get("kind")
        if not isinstance(kind, str) or kind not in SOURCE_KINDS:
            raise SourceConfigError(
                f"source {sid}: kind must be one of {', '.join(sorted(SOURCE_KINDS))}"
            )
        url = data.get("url", SEOUL_OPENAPI_URL if kind.startswith("seoul") else None)
        if not isinstance(url, str):
            raise SourceConfigError(f"source {sid}: url is required")
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SourceConfigError(f"source {sid}: url must start with http:// or https://")
        key = data.get("key")
        if key is not None and (not isinstance(key, str) or not key.strip()):
            raise SourceConfigError(f"source {sid}: key must be non-empty text")
        if isinstance(key, str) and (len(key) < 3 or any(ch.isspace() for ch in key)):
            raise SourceConfigError(f"source {sid}: key looks malformed")
        if kind.startswith("seoul") and not key:
            raise SourceConfigError(f"source {sid}: the Seoul Open API needs a key")
        interval = data.get("interval_s", 60)
        if isinstance(interval, bool) or not isinstance(interval, int) or interval < 1:
            raise SourceConfigError(f"source {sid}: interval_s must be a positive whole number")
        enabled = data.get("enabled", True)
        if not isinstance(enabled, bool):
            raise SourceConfigError(f"source {sid}: enabled must be true or false")
        options = data.get("options", {})
        if not isinstance(options, Mapping):
            raise SourceConfigError(f"source {sid}: options must be a table")
        return cls(
            id=sid,
            kind=kind,  # type: ignore[arg-type]  # checked against SOURCE_KINDS above
            url=url.rstrip("/") if kind.startswith("seoul") else url,
            key=key,
            interval_s=interval,
            area=_area(sid, data),
            enabled=enabled,
            options=dict(options),
        )


def _area(sid: str, data: Mapping[str, object]) -> Area | None:
    radius = data.get("radius_m")
    center = data.get("center")
    lat: object
    lon: object
    if center is not None:
        if not isinstance(center, list | tuple) or len(center) != 2:
            raise SourceConfigError(f"source {sid}: center must be [lat, lon]")
        lat, lon = center
    else:
        lat, lon = data.get("center_lat"), data.get("center_lon")
    if radius is None and lat is None and lon is None:
        return None
    if radius is None or lat is None or lon is None:
        raise SourceConfigError(f"source {sid}: a radius filter needs center and radius_m")
    values: list[float] = []
    for name, value in (("latitude", lat), ("longitude", lon), ("radius_m", radius)):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SourceConfigError(f"source {sid}: {name} must be a number")
        if not math.isfinite(value):
            raise SourceConfigError(f"source {sid}: {name} must be finite")
        values.append(float(value))
    if not (KOREA_LAT[0] <= values[0] <= KOREA_LAT[1]
            and KOREA_LON[0] <= values[1] <= KOREA_LON[1]):
        # Every listing would fall outside the area and the map would stay empty.
        raise SourceConfigError(
            f"source {sid}: center {values[0]:g}, {values[1]:g} is not in Korea "
            f"(latitude {KOREA_LAT[0]:g}–{KOREA_LAT[1]:g}, longitude "
            f"{KOREA_LON[0]:g}–{KOREA_LON[1]:g}); is it [lat, lon] in that order?"
        )
    try:
        return Area(values[0], values[1], values[2])
    except ValueError as exc:
        raise SourceConfigError(f"source {sid}: {exc}") from None
