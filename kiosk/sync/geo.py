"""Distance on the earth and the kiosk's area of interest.

A lobby kiosk shows what residents can walk or cycle to, so each source keeps only
listings within a configured radius of the kiosk; the city's feeds cover all of Seoul.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kiosk.domain.hub import EARTH_RADIUS_M, haversine_m

__all__ = ["EARTH_RADIUS_M", "Area", "haversine_m"]


@dataclass(frozen=True, slots=True)
class Area:
    """A circle around the kiosk. Points on the boundary are inside."""

    lat: float
    lon: float
    radius_m: float

    def __post_init__(self) -> None:
        if not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise ValueError("area centre is not a valid coordinate")
        if not (math.isfinite(self.radius_m) and self.radius_m > 0):
            raise ValueError("area radius must be a positive number of metres")

    def contains(self, lat: float, lon: float) -> bool:
        # A cheap box test first: most of Seoul is far outside a walking radius.
        dlat = abs(lat - self.lat) * 111_320.0
        if dlat > self.radius_m * 1.01:
            return False
        dlon = abs(lon - self.lon) * 111_320.0 * math.cos(math.radians(self.lat))
        if dlon > self.radius_m * 1.01 + 1.0:
            return False
        return haversine_m(self.lat, self.lon, lat, lon) <= self.radius_m
