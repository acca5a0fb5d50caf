"""Records, distance maths, source configuration and the source registry."""

from __future__ import annotations

import math
from dataclasses import FrozenInstanceError, replace
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.sync import build_source
from kiosk.sync.config import SourceConfig, SourceConfigError
from kiosk.sync.gbfs import GbfsSource
from kiosk.sync.geo import Area, haversine_m
from kiosk.sync.records import FeedListing, FetchResult
from kiosk.sync.seoul_openapi import SeoulBikeSource, SeoulParkingSource
from kiosk.sync.sharehub import SharehubSource

NOW = datetime(2025, 5, 17, tzinfo=UTC)


def listing(**changes: object) -> FeedListing:
    base = FeedListing("s", "x", "bike", "이름", "Name", "", "", 37.6, 127.0, "", 10, 3, NOW)
    return replace(base, **changes)  # type: ignore[arg-type]


def test_listing_invariants() -> None:
    item = listing()
    assert item.key == ("s", "x")
    assert item.display_name("en") == "Name" and item.display_name("ko") == "이름"
    assert listing(name_en="").display_name("en") == "이름"
    with pytest.raises(FrozenInstanceError):
        item.name_ko = "다른"  # type: ignore[misc]
    for bad in (
        {"kind": "car"},
        {"lat": math.nan},
        {"units_free": -1},
        {"units_free": 11},
        {"as_of": datetime(2025, 5, 17)},
        {"external_id": ""},
    ):
        with pytest.raises(ValueError):
            listing(**bad)


def test_fetch_result_summary() -> None:
    result = FetchResult((listing(),), (), (), True, False, None, None, 0, NOW, source_id="s")
    assert result.summary()["listings"] == 1 and result.summary()["source_id"] == "s"


# -- geo --------------------------------------------------------------------------------------


def test_haversine_known_distances() -> None:
    # Gireum station to Seoul City Hall: about 6.0 km.
    assert haversine_m(37.6034, 127.0251, 37.5663, 126.9779) == pytest.approx(5_860, rel=0.02)
    assert haversine_m(37.6, 127.0, 37.6, 127.0) == 0
    assert haversine_m(0, 0, 0, 1) == pytest.approx(111_195, rel=0.001)


def test_area() -> None:
    area = Area(37.6063, 127.0256, 500)
    assert area.contains(37.6063, 127.0256)
    assert area.contains(37.6035, 127.0253)  # Gireum Stn. Exit 1, ~310 m
    assert not area.contains(37.5929, 127.0170)  # ~1.6 km
    for bad in ((91, 0, 1), (37, 127, 0), (37, 127, -5), (37, 127, math.inf)):
        with pytest.raises(ValueError):
            Area(*bad)


@settings(derandomize=True, database=None, max_examples=300)
@given(
    st.floats(33, 39),
    st.floats(124, 132),
    st.floats(33, 39),
    st.floats(124, 132),
    st.floats(1, 50_000),
)
def test_area_box_shortcut_agrees_with_haversine(
    clat: float, clon: float, lat: float, lon: float, radius: float
) -> None:
    area = Area(clat, clon, radius)
    assert area.contains(lat, lon) == (haversine_m(clat, clon, lat, lon) <= radius)


# -- config -----------------------------------------------------------------------------------


def test_config_from_mapping() -> None:
    cfg = SourceConfig.from_mapping(
        {
            "id": "hub",
            "kind": "sharehub",
            "url": "https://hub.example.org/v1/listings",
            "key": "tok-123",
            "interval_s": 30,
            "center": [37.6063, 127.0256],
            "radius_m": 1500,
            "options": {"page_size": 100},
        }
    )
    assert cfg.area == Area(37.6063, 127.0256, 1500.0)
    assert cfg.secrets == ("tok-123",) and "tok-123" not in repr(cfg)
    assert cfg.option_int("page_size", 500, low=1, high=5000) == 100
    flat = SourceConfig.from_mapping(
        {
            "id": "g",
            "kind": "gbfs",
            "url": "http://h/gbfs.json",
            "center_lat": 37.6,
            "center_lon": 127.0,
            "radius_m": 800,
        }
    )
    assert flat.area is not None and flat.area.radius_m == 800
    assert (
        flat.area is not None
        and SourceConfig.from_mapping({"id": "g", "kind": "gbfs", "url": "http://h/gbfs.json"}).area
        is None
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": "Bad Id", "kind": "gbfs", "url": "http://h"}, "source id"),
        ({"id": "a", "kind": "ftp", "url": "http://h"}, "kind must be"),
        ({"id": "a", "kind": "gbfs"}, "url is required"),
        ({"id": "a", "kind": "gbfs", "url": "file:///x"}, "url must start"),
        ({"id": "a", "kind": "gbfs", "url": "http://h", "radius": 5}, "unknown source setting"),
        ({"id": "a", "kind": "gbfs", "url": "http://h", "radius_m": 5}, "needs center"),
        (
            {"id": "a", "kind": "gbfs", "url": "http://h", "center": [37.6], "radius_m": 5},
            "center must be",
        ),
        (
            {"id": "a", "kind": "gbfs", "url": "http://h", "center": [37.6, "x"], "radius_m": 5},
            "longitude must be a number",
        ),
        (
            {"id": "a", "kind": "gbfs", "url": "http://h", "center": [37.6, 127], "radius_m": 0},
            "positive",
        ),
        (  # swapped: [lon, lat]
            {"id": "a", "kind": "gbfs", "url": "http://h", "center": [127.02, 37.6], "radius_m": 5},
            "center 127.02, 37.6 is not in Korea",
        ),
        (  # Tokyo
            {"id": "a", "kind": "gbfs", "url": "http://h", "center_lat": 35.68,
             "center_lon": 139.76, "radius_m": 500},
            "is not in Korea",
        ),
        ({"id": "a", "kind": "gbfs", "url": "http://h", "interval_s": 0}, "interval_s"),
        ({"id": "a", "kind": "gbfs", "url": "http://h", "interval_s": True}, "interval_s"),
        ({"id": "a", "kind": "gbfs", "url": "http://h", "key": "a b c"}, "malformed"),
        ({"id": "a", "kind": "gbfs", "url": "http://h", "key": ""}, "non-empty"),
        ({"id": "a", "kind": "gbfs", "url": "http://h", "options": []}, "options"),
        ({"id": "a", "kind": "gbfs", "url": "http://h", "enabled": "yes"}, "enabled"),
        ({"id": "a", "kind": "seoul_parking"}, "needs a key"),
    ],
)
def test_config_errors(data: dict[str, object], message: str) -> None:
    with pytest.raises(SourceConfigError, match=message):
        SourceConfig.from_mapping(data)


def test_option_errors() -> None:
    cfg = SourceConfig.from_mapping(
        {"id": "a", "kind": "gbfs", "url": "http://h", "options": {"n": "5", "b": 1, "s": 2}}
    )
    with pytest.raises(SourceConfigError):
        cfg.option_int("n", 1, low=0, high=10)
    with pytest.raises(SourceConfigError):
        cfg.option_bool("b", True)
    with pytest.raises(SourceConfigError):
        cfg.option_str("s")


def test_registry_builds_each_kind() -> None:
    kinds = {
        "gbfs": GbfsSource,
        "seoul_bike": SeoulBikeSource,
        "seoul_parking": SeoulParkingSource,
        "sharehub": SharehubSource,
    }
    for kind, cls in kinds.items():
        data = {"id": kind.replace("_", "-"), "kind": kind, "url": "http://127.0.0.1:9/x"}
        if kind.startswith("seoul"):
            data["key"] = "KEY123"
        source = build_source(data)
        assert isinstance(source, cls) and source.config.kind == kind
    with pytest.raises(ValueError):
        GbfsSource(SourceConfig.from_mapping({"id": "a", "kind": "sharehub", "url": "http://h"}))


def test_adapters_accept_a_plain_mapping() -> None:
    source = SharehubSource({"id": "hub", "kind": "sharehub", "url": "http://127.0.0.1:9/x"})
    assert isinstance(source.config, SourceConfig) and source.config.id == "hub"
    with pytest.raises(SourceConfigError):
        SeoulBikeSource({"id": "s", "kind": "seoul_bike"})
