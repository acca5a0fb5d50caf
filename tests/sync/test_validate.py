"""Validation rules for untrusted feed content."""

from __future__ import annotations

import math
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.sync.errors import BadResponse
from kiosk.sync.geo import Area
from kiosk.sync.records import FeedListing
from kiosk.sync.validate import _INVISIBLE as INVISIBLE
from kiosk.sync.validate import (
    KST,
    ResultBuilder,
    RowError,
    clamp_free,
    clean_extra,
    clean_id,
    clean_text,
    drain,
    excerpt,
    load_json,
    parse_bool,
    parse_coordinates,
    parse_count,
    parse_time,
    sane_as_of,
)

NOW = datetime(2025, 5, 17, 0, 0, tzinfo=UTC)


def listing(ident: str, lat: float = 37.6063, lon: float = 127.0256) -> FeedListing:
    return FeedListing("s", ident, "space", "이름", "", "", "", lat, lon, "", 1, 1, None)


# -- text -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("  길음역   1번출구 ", "길음역 1번출구"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        ("a\u200bb\u200c\u200dc\u2060d\ufeffe", "abcde"),
        ("\u202eevil\u202c name\u2066x\u2069", "evil namex"),
        ("tab\tnew\nline\x00nul\x7fdel\x85nel", "tab new line nul del nel"),
        ("line\u2028sep", "line sep"),
        ("tag\U000e0041\U000e0042s", "tags"),
        ("lone\ud800surrogate\udfff", "lonesurrogate"),
        ("non\ufffechar\U0001ffff", "nonchar"),
        ("soft\u00adhyphen", "softhyphen"),
        ("\u3164\u115f\u1160", ""),  # Hangul fillers: a "blank" name
        (
            "Ｈａｎｇｕｌ　ｗｉｄｅ",
            "Ｈａｎｇｕｌ ｗｉｄｅ",
        ),  # full-width stays, its space collapses
        ("\u1100\u1161\u11a8", "각"),  # decomposed Hangul is recomposed (NFC)
        ("", ""),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw, field="name", max_len=120) == clean


def test_clean_text_multiline_keeps_line_breaks() -> None:
    text = "첫 줄\r\n\r\n\r\n\r\n  둘째   줄 \n셋째\u2029줄"
    assert clean_text(text, field="d", max_len=100, multiline=True) == "첫 줄\n\n둘째 줄\n셋째\n줄"


def test_clean_text_length_and_types() -> None:
    assert clean_text("가" * 500, field="n", max_len=10) == "가" * 9 + "…"
    assert clean_text(12, field="n", max_len=10) == "12"
    assert clean_text(None, field="n", max_len=10) == ""
    for bad in (True, [1], {"a": 1}):
        with pytest.raises(RowError, match="must be text"):
            clean_text(bad, field="n", max_len=10)
    with pytest.raises(RowError, match="n is missing"):
        clean_text(None, field="n", max_len=10, required=True)
    with pytest.raises(RowError, match="n is empty"):
        clean_text("\u200b", field="n", max_len=10, required=True)


def test_clean_text_is_fast_on_megabytes() -> None:
    hostile = "\u202e<img onerror=x>" * 200_000  # 3.2 MB
    assert len(clean_text(hostile, field="n", max_len=120)) == 120


@settings(derandomize=True, database=None, max_examples=300)
@given(st.text())
def test_clean_text_never_leaves_invisible_or_control_characters(raw: str) -> None:
    out = clean_text(raw, field="n", max_len=200)
    assert len(out) <= 200 and out == out.strip()
    for ch in out:
        assert unicodedata.category(ch) not in ("Cc", "Cs", "Zl", "Zp"), repr(ch)
        assert not INVISIBLE.match(ch), repr(ch)
        assert (ord(ch) & 0xFFFE) != 0xFFFE and not 0xE0000 <= ord(ch) <= 0xE007F, repr(ch)
    out.encode("utf-8")  # always storable


def test_ids() -> None:
    assert clean_id(" ST-4 ") == "ST-4"
    assert clean_id(102) == "102"
    assert clean_id(102.0) == "102"
    for bad, reason in (
        (None, "missing"),
        (True, "missing"),
        (1.5, "must be text"),
        ([1], "must be text"),
        ("", "empty"),
        ("x" * 129, "longer"),
    ):
        with pytest.raises(RowError, match=reason):
            clean_id(bad)


def test_extra() -> None:
    extra = clean_extra(
        {
            "fee": "무료",
            "n": 3,
            "ok": True,
            "nan": math.nan,
            "nested": {"a": 1},
            5: "x",
            "\u200b": "empty key",
            "long": "가" * 1000,
        }
    )
    assert extra == {"fee": "무료", "n": "3", "ok": "true", "long": "가" * 299 + "…"}
    assert len(clean_extra({f"k{i}": "v" for i in range(100)})) == 32
    with pytest.raises(RowError):
        clean_extra(["a"])


# -- numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0),
        (12, 12),
        (12.0, 12),
        ("12", 12),
        (" 7 ", 7),
        ("12.0", 12),
        ("", None),
        (None, None),
        (100_000, 100_000),
    ],
)
def test_counts(value: object, expected: int | None) -> None:
    assert parse_count(value, field="n") == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (-1, "negative"),
        ("-3", "negative"),
        (2.5, "not a whole number"),
        ("2.5", "not a whole number"),
        (math.nan, "not a finite number"),
        (math.inf, "not a finite number"),
        (100_001, "implausibly large"),
        (10**30, "out of range"),
        (True, "must be a number"),
        ("12개", "not a whole number"),
        ("1e3", "not a whole number"),
        ([3], "must be a number"),
    ],
)
def test_bad_counts(value: object, reason: str) -> None:
    with pytest.raises(RowError, match=reason):
        parse_count(value, field="n")


def test_counts_as_text_can_be_refused() -> None:
    with pytest.raises(RowError, match="must be a number"):
        parse_count("3", field="n", allow_text=False)


def test_coordinates() -> None:
    assert parse_coordinates("37.55564880", "126.91062927") == (37.5556488, 126.91062927)
    assert parse_coordinates(33.0, 132.0) == (33.0, 132.0)
    for lat, lon, reason in (
        (0, 0, "outside Korea"),
        (127.02, 37.6, "outside Korea"),
        (48.85, 2.35, "outside Korea"),
        (math.nan, 127.0, "not a finite"),
        (37.6, math.inf, "not a finite"),
        (None, 127.0, "missing"),
        ("", "", "missing"),
        ("37,6", "127", "not a number"),
        (1e308, 127, "outside Korea"),
    ):
        with pytest.raises(RowError, match=reason):
            parse_coordinates(lat, lon)
    with pytest.raises(RowError, match="must be a number"):
        parse_coordinates("37.6", 127.0, allow_text=False)


def test_free_is_clamped_and_remembered() -> None:
    extra: dict[str, str] = {}
    assert clamp_free(10, 13, extra) == 10 and extra == {"reported_free": "13"}
    assert clamp_free(10, 3, {}) == 3
    assert clamp_free(None, 3, {}) == 3
    assert clamp_free(3, None, {}) is None


def test_bools() -> None:
    assert parse_bool("Y") and parse_bool("1") and parse_bool(True) and parse_bool("true")
    assert not parse_bool("N") and not parse_bool(0) and not parse_bool("false")
    assert parse_bool("maybe", default=True) and not parse_bool(None)


# -- time -----------------------------------------------------------------------------------


def test_times() -> None:
    assert parse_time("2025-05-17T09:00:00+09:00") == NOW
    assert parse_time("2025-05-17T00:00:00Z") == NOW
    assert parse_time("2025-05-17 09:00:00") == NOW  # Seoul local time
    assert parse_time("20250517090000") == NOW
    assert parse_time(1747440000) == NOW
    assert parse_time(1747440000.0) == NOW
    for bad in ("yesterday", "", True, None, 12, math.nan, 10**20, "1999-12-31T00:00:00Z", [1]):
        assert parse_time(bad) is None
    assert parse_time("2025-05-17 09:00:00").tzinfo == KST  # type: ignore[union-attr]


def test_future_times_are_distrusted() -> None:
    assert sane_as_of(NOW + timedelta(hours=23), NOW) is not None
    assert sane_as_of(NOW + timedelta(days=2), NOW) is None
    assert sane_as_of(None, NOW) is None


# -- documents ------------------------------------------------------------------------------


def test_load_json() -> None:
    assert load_json(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}
    doc = load_json(b'{"a": NaN, "b": Infinity, "c": 1e999, "d": 123456789012345678901234}')
    assert doc["a"] != doc["a"]  # NaN
    assert doc["b"] == doc["c"] == doc["d"] == math.inf
    for body, reason in (
        (b'{"a": [1, 2', "not valid JSON"),
        (b"", "empty"),
        (b"  \n", "empty"),
        (b"[1, 2]", "must be a JSON object"),
        (b'{"a": "\xff"}', "not valid UTF-8"),
        (b"[" * 100_000 + b"]" * 100_000, "not valid JSON"),
        (b'{"a": 1' + b"0" * 5000 + b"}", None),
    ):
        if reason is None:
            assert load_json(body)["a"] == math.inf
            continue
        with pytest.raises(BadResponse, match=reason):
            load_json(body, what="feed")


def test_drain_releases_rows() -> None:
    rows: list[object] = [{"a": 1}, {"b": 2}]
    seen = []
    for row in drain(rows):
        seen.append(row)
        assert rows[len(seen) - 1] is None
    assert seen == [{"a": 1}, {"b": 2}]


def test_excerpt_is_short_and_visible() -> None:
    text = excerpt({"name": "\u202e악성\u200b", "ctrl": "\x00", "long": "x" * 10_000})
    assert len(text) <= 300 and text.endswith("…")
    assert "\\u202e" in text and "\\u200b" in text and "\u202e" not in text
    assert excerpt(object()).startswith('"<object')


# -- collecting ---------------------------------------------------------------------------------


def test_builder_duplicates_and_area() -> None:
    area = Area(37.6063, 127.0256, 1000)
    builder = ResultBuilder("s", area, complete=True)
    builder.add(listing("a"))
    builder.add(listing("a"), {"id": "a"})
    builder.add(listing("far", 37.5133, 127.1001))
    result = builder.build(fetched_at=NOW, cursor="c")
    assert [x.external_id for x in result.listings] == ["a"]
    assert [(q.external_id, q.reason) for q in result.quarantined] == [
        ("a", "duplicate id in this fetch")
    ]
    assert result.out_of_area == 1 and result.tombstones == () and result.cursor == "c"


def test_builder_incremental_out_of_area_is_a_tombstone() -> None:
    builder = ResultBuilder("s", Area(37.6063, 127.0256, 1000), complete=False)
    builder.add(listing("far", 37.5133, 127.1001))
    result = builder.build(fetched_at=NOW)
    assert [t.external_id for t in result.tombstones] == ["far"]


def test_builder_caps_quarantine_detail() -> None:
    builder = ResultBuilder("s", None, complete=True)
    for n in range(2000):
        builder.quarantine(str(n), "bad", {"n": n})
    result = builder.build(fetched_at=NOW)
    assert len(result.quarantined) == 501
    assert result.quarantined[-1].reason == "1500 more rows quarantined"
