"""Validation of untrusted feed content, shared by every source.

Rules (documented in docs/hub-feed.md, "Validation"):

* Text is kept as text, never interpreted as markup: `<script>` stays the literal
  characters and the UI escapes on display. Control characters, zero-width and
  bidirectional-override characters, lone surrogates and non-characters are removed
  (they can hide or reorder what a resident reads); whitespace is collapsed; text is
  cut to a per-field length with "…".
* Coordinates must be finite numbers inside Korea (lat 33–39, lon 124–132).
* Counts must be whole, non-negative and at most 100,000; NaN, infinity, fractions,
  booleans and huge numbers quarantine the row.
* free > total is clamped to total; the reported figure is kept in
  `extra["reported_free"]` (Seoul bike stations really do hold more bikes than racks).
* A duplicated id within one fetch keeps the first row and quarantines the others.
* Whole-document problems (truncated or invalid JSON) fail the whole fetch.
"""

from __future__ import annotations

import json
import math
import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache
from typing import Final

from kiosk.sync.config import KOREA_LAT, KOREA_LON
from kiosk.sync.errors import BadResponse
from kiosk.sync.geo import Area
from kiosk.sync.records import FeedListing, FeedNews, FetchResult, Quarantined, Tombstone

KST: Final = timezone(timedelta(hours=9), "KST")

MAX_UNITS: Final = 100_000
NAME_MAX: Final = 120
DESCRIPTION_MAX: Final = 2000
ADDRESS_MAX: Final = 200
ID_MAX: Final = 128
EXTRA_KEY_MAX: Final = 40
EXTRA_VALUE_MAX: Final = 300
EXTRA_MAX_ITEMS: Final = 32
EXCERPT_MAX: Final = 300
CACHED_TEXT_MAX: Final = 400
QUARANTINE_DETAIL_MAX: Final = 500

# Zero-width, joiners, bidi embeddings/overrides/isolates, word joiner, invisible
# operators, BOM, Arabic letter mark, Mongolian vowel separator, interlinear marks,
# and the Hangul fillers (invisible letters often used to fake a blank name).
_INVISIBLE_CHARS = (
    "\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u206f\u3164\ufeff\uffa0\ufff9-\ufffb"
)
# Lone surrogates, non-characters and Unicode tag characters (invisible text).
_DROP_CHARS = (
    _INVISIBLE_CHARS
    + "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U000e0000-\U000e007f"
    + "".join(chr(p * 0x10000 + 0xFFFE) + chr(p * 0x10000 + 0xFFFF) for p in range(1, 17))
)
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_DROP = re.compile(f"[{_DROP_CHARS}]")
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_OR_NEWLINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Text that needs no cleaning at all: runs of safe characters joined by single spaces
# (or, in multi-line text, by one or two line breaks). Most feed text is like this.
_SAFE = f"[^\\s\x00-\x1f\x7f-\x9f{_DROP_CHARS}]+"
_PLAIN_LINE = re.compile(f"{_SAFE}(?: {_SAFE})*")
_PLAIN_TEXT = re.compile(f"{_SAFE}(?:(?: |\n\n?){_SAFE})*")
_NUMBER_TEXT = re.compile(r"^[+-]?(\d{1,15}(\.\d{0,12})?|\.\d{1,12})$")
_INT_TEXT = re.compile(r"^[+-]?\d{1,15}(\.0*)?$")


class RowError(ValueError):
    """A row is unusable; the message is the quarantine reason."""


# -- text -------------------------------------------------------------------------


def clean_text(
    value: object,
    *,
    field: str,
    max_len: int,
    multiline: bool = False,
    required: bool = False,
) -> str:
    """Untrusted text made safe to show: printable, visible, bounded."""
    if value is None:
        if required:
            raise RowError(f"{field} is missing")
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool) or not isinstance(value, int | float):
        raise RowError(f"{field} must be text")
    else:
        text = str(value)
    if len(text) <= CACHED_TEXT_MAX:
        text = _clean_short(text, max_len, multiline)
    else:
        text = _clean(text, max_len, multiline)
    if required and not text:
        raise RowError(f"{field} is empty")
    return text


def _clean(text: str, max_len: int, multiline: bool) -> str:
    if len(text) > max_len * 8:
        text = text[: max_len * 8]  # bound the work below for hostile megabyte strings
    plain = _PLAIN_TEXT if multiline else _PLAIN_LINE
    if not (plain.fullmatch(text) and unicodedata.is_normalized("NFC", text)):
        text = _clean_slow(text, multiline)  # the common case needs no change at all
    if len(text) > max_len:
        text = text[: max_len - 1].rstrip() + "…"
    return text


# Feeds repeat short texts across thousands of rows (providers, fees, hours, categories,
# boilerplate descriptions): clean each distinct one once. Bounded in entries and in
# length, so a hostile feed cannot make it large.
_clean_short = lru_cache(maxsize=8192)(_clean)


def _clean_slow(text: str, multiline: bool) -> str:
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    if multiline:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _DROP.sub("", text)
    text = (_CONTROL if multiline else _CONTROL_OR_NEWLINE).sub(" ", text)
    if multiline:
        lines = [" ".join(line.split()) for line in text.split("\n")]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    else:
        text = " ".join(text.split())
    return text


def clean_id(value: object, field: str = "id") -> str:
    """An external id: text or a whole number, single line, at most 128 characters."""
    if isinstance(value, bool) or value is None:
        raise RowError(f"{field} is missing")
    if isinstance(value, float):
        if not (math.isfinite(value) and value.is_integer()):
            raise RowError(f"{field} must be text")
        value = int(value)
    if not isinstance(value, str | int):
        raise RowError(f"{field} must be text")
    raw = str(value)
    if len(raw) > ID_MAX:
        raise RowError(f"{field} is longer than {ID_MAX} characters")
    text = clean_text(raw, field=field, max_len=ID_MAX, required=True)
    return text


def clean_extra(value: object) -> dict[str, str]:
    """A feed's free-form facts reduced to a small str→str mapping."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise RowError("extra must be an object")
    out: dict[str, str] = {}
    for key, item in value.items():
        if len(out) >= EXTRA_MAX_ITEMS:
            break
        if not isinstance(key, str) or item is None or isinstance(item, Mapping | list):
            continue
        k = clean_text(key, field="extra key", max_len=EXTRA_KEY_MAX)
        if not k:
            continue
        if isinstance(item, bool):
            out[k] = "true" if item else "false"
        elif isinstance(item, float) and not math.isfinite(item):
            continue
        else:
            out[k] = clean_text(item, field=f"extra {k}", max_len=EXTRA_VALUE_MAX)
    return out


# -- numbers ----------------------------------------------------------------------


def parse_number(value: object, *, field: str, allow_text: bool = True) -> float | None:
    """A finite number from a JSON number or (when allowed) numeric text."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise RowError(f"{field} must be a number")
    if isinstance(value, int):
        if abs(value) > 10**15:
            raise RowError(f"{field} is out of range")
        return float(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise RowError(f"{field} is not a finite number")
        return value
    if isinstance(value, str) and allow_text:
        text = value.strip()
        if text == "":
            return None
        if not _NUMBER_TEXT.match(text):
            raise RowError(f"{field} is not a number")
        return float(text)
    raise RowError(f"{field} must be a number")


def parse_count(value: object, *, field: str, allow_text: bool = True) -> int | None:
    """A whole, non-negative, plausible count (units of a resource)."""
    if isinstance(value, str) and allow_text:
        text = value.strip()
        if text == "":
            return None
        if not _INT_TEXT.match(text):
            raise RowError(f"{field} is not a whole number")
        number: float | None = float(text)
    else:
        number = parse_number(value, field=field, allow_text=allow_text)
    if number is None:
        return None
    if not number.is_integer():
        raise RowError(f"{field} is not a whole number")
    if number < 0:
        raise RowError(f"{field} is negative")
    if number > MAX_UNITS:
        raise RowError(f"{field} is implausibly large")
    return int(number)


def parse_coordinates(lat: object, lon: object, *, allow_text: bool = True) -> tuple[float, float]:
    """Latitude and longitude inside Korea, or RowError."""
    la = parse_number(lat, field="lat", allow_text=allow_text)
    lo = parse_number(lon, field="lon", allow_text=allow_text)
    if la is None or lo is None:
        raise RowError("coordinates are missing")
    if not (KOREA_LAT[0] <= la <= KOREA_LAT[1] and KOREA_LON[0] <= lo <= KOREA_LON[1]):
        raise RowError("coordinates are outside Korea")
    return la, lo


def clamp_free(total: int | None, free: int | None, extra: dict[str, str]) -> int | None:
    """Keep free ≤ total; remember the reported figure when it had to be cut."""
    if total is not None and free is not None and free > total:
        extra["reported_free"] = str(free)
        return total
    return free


def parse_bool(value: object, *, default: bool = False) -> bool:
    """Booleans as feeds spell them: true/false, "Y"/"N", "1"/"0"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("y", "yes", "true", "1"):
            return True
        if text in ("n", "no", "false", "0"):
            return False
    return default


# -- time -------------------------------------------------------------------------

_EPOCH_MIN = datetime(2000, 1, 1, tzinfo=UTC)


def parse_time(value: object, *, default_tz: timezone = KST) -> datetime | None:
    """A source time as an aware datetime, or None when absent or unusable.

    Accepts RFC 3339 text, "YYYY-MM-DD HH:MM:SS" (local Korean time, as the Seoul
    API writes it) and POSIX seconds (GBFS v2). Times before 2000 are rejected.
    """
    when: datetime | None = None
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if not math.isfinite(value) or not (946_684_800 <= value <= 32_503_680_000):
            return None
        when = datetime.fromtimestamp(float(value), UTC)
    elif isinstance(value, str):
        if len(value) <= 64:  # a feed stamps thousands of rows with the same few times
            return _parse_time_cached(value, default_tz)
        return _parse_time_text(value, default_tz)
    else:
        return None
    if when < _EPOCH_MIN:
        return None
    return when


def _parse_time_text(value: str, default_tz: timezone) -> datetime | None:
    text = value.strip()
    if not text or len(text) > 40:
        return None
    if text.isdigit() and len(text) == 14:  # YYYYMMDDHHMMSS
        text = f"{text[:4]}-{text[4:6]}-{text[6:8]}T{text[8:10]}:{text[10:12]}:{text[12:]}"
    try:
        when = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=default_tz)
    if when < _EPOCH_MIN:
        return None
    return when


_parse_time_cached = lru_cache(maxsize=1024)(_parse_time_text)


def sane_as_of(when: datetime | None, fetched_at: datetime) -> datetime | None:
    """Drop source times more than a day in the future (a broken clock, not news)."""
    if when is None or when > fetched_at + timedelta(days=1):
        return None
    return when


# -- documents ----------------------------------------------------------------------


def _parse_int(text: str) -> int | float:
    # Huge integer literals would raise deep inside json (or cost CPU); map them to
    # infinity so only the row that carries one is quarantined.
    if len(text.lstrip("-")) > 18:
        return -math.inf if text.startswith("-") else math.inf
    return int(text)


_CONSTANTS: Final = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def load_json(body: bytes, *, url: str | None = None, what: str = "feed") -> dict[str, object]:
    """Parse a whole document; any defect fails the fetch (nothing partial applies)."""
    if not body.strip():
        raise BadResponse(f"{what} is empty", url=url)
    try:
        doc = json.loads(body, parse_int=_parse_int, parse_constant=_CONSTANTS.__getitem__)
    except json.JSONDecodeError as exc:
        raise BadResponse(
            f"{what} is not valid JSON (line {exc.lineno}, column {exc.colno})", url=url
        ) from None
    except UnicodeDecodeError:
        raise BadResponse(f"{what} is not valid UTF-8 text", url=url) from None
    except (RecursionError, ValueError):
        raise BadResponse(f"{what} is not valid JSON", url=url) from None
    if not isinstance(doc, dict):
        raise BadResponse(f"{what} must be a JSON object", url=url)
    return doc


def drain(rows: list[object]) -> Iterator[object]:
    """Yield rows while dropping each from the list, so a large parsed page is not held
    alongside the records built from it."""
    for index in range(len(rows)):
        row = rows[index]
        rows[index] = None
        yield row


def excerpt(raw: object, limit: int = EXCERPT_MAX) -> str:
    """A short printable excerpt of a bad row for the association's screen."""
    try:
        text = json.dumps(raw, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        text = repr(raw)
    if len(text) > limit * 4:
        text = text[: limit * 4]
    # Make invisible and control characters visible instead of letting them act.
    text = _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    text = "".join(
        ch if unicodedata.category(ch) not in ("Cc", "Cs") else f"\\u{ord(ch):04x}" for ch in text
    )
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


# -- collecting a result ------------------------------------------------------------


class ResultBuilder:
    """Collects one fetch's rows: drops duplicates and rows outside the kiosk's area.

    In an incremental fetch a listing that moved out of the area becomes a tombstone,
    so it retires instead of staying where it last was.
    """

    def __init__(self, source_id: str, area: Area | None, *, complete: bool) -> None:
        self.source_id = source_id
        self.area = area
        self.complete = complete
        self._listings: list[FeedListing] = []
        self._quarantined: list[Quarantined] = []
        self._quarantined_more = 0
        self._tombstones: dict[str, Tombstone] = {}
        self._seen: set[str] = set()
        self.out_of_area = 0
        self._news: dict[str, FeedNews] = {}
        self._news_deleted: dict[str, None] = {}

    def seen(self, external_id: str) -> bool:
        return external_id in self._seen

    def add(self, listing: FeedListing, raw: object = None) -> None:
        if listing.external_id in self._seen:
            self.quarantine(listing.external_id, "duplicate id in this fetch", raw)
            return
        self._seen.add(listing.external_id)
        if self.area is not None and not self.area.contains(listing.lat, listing.lon):
            self.out_of_area += 1
            if not self.complete:
                self.tombstone(listing.external_id)
            return
        extra = listing.extra
        for key, value in extra.items():
            # Fees, hours, providers and categories repeat across thousands of
            # listings: share one copy of each short value.
            if len(value) <= 64:
                extra[key] = sys.intern(value)
        self._listings.append(listing)

    def quarantine(self, external_id: str | None, reason: str, raw: object) -> None:
        if len(self._quarantined) >= QUARANTINE_DETAIL_MAX:
            self._quarantined_more += 1
            return
        self._quarantined.append(
            Quarantined(
                self.source_id, external_id, reason, excerpt(raw) if raw is not None else ""
            )
        )

    def quarantine_more(self, count: int) -> None:
        """Count rejected rows whose details were not kept (a source's own cap)."""
        self._quarantined_more += max(0, count)

    def tombstone(self, external_id: str) -> None:
        self._tombstones.setdefault(external_id, Tombstone(self.source_id, external_id))

    def add_news(self, item: FeedNews, raw: object = None) -> None:
        if item.external_id in self._news:
            self.quarantine(item.external_id, "news: duplicate id in this fetch", raw)
            return
        self._news[item.external_id] = item

    def delete_news(self, external_id: str) -> None:
        self._news_deleted[external_id] = None

    @property
    def count(self) -> int:
        return len(self._listings)

    def build(
        self,
        *,
        fetched_at: datetime,
        etag: str | None = None,
        cursor: str | None = None,
        ttl_s: int | None = None,
        last_modified: str | None = None,
        pages: int = 1,
        note: str = "",
    ) -> FetchResult:
        listings = self._listings
        if self._tombstones:
            # An id both updated and deleted in one fetch counts as deleted.
            listings = [x for x in listings if x.external_id not in self._tombstones]
        quarantined = list(self._quarantined)
        if self._quarantined_more:
            quarantined.append(
                Quarantined(
                    self.source_id, None, f"{self._quarantined_more} more rows quarantined", ""
                )
            )
        result = FetchResult(
            listings=tuple(listings),
            quarantined=tuple(quarantined),
            tombstones=tuple(self._tombstones.values()),
            complete=self.complete,
            not_modified=False,
            etag=etag,
            cursor=cursor,
            ttl_s=ttl_s,
            fetched_at=fetched_at,
            source_id=self.source_id,
            last_modified=last_modified,
            out_of_area=self.out_of_area,
            pages=pages,
            rejected=len(self._quarantined) + self._quarantined_more,
            note=note,
            # An item both sent and deleted in one fetch counts as deleted.
            news=tuple(n for i, n in self._news.items() if i not in self._news_deleted),
            news_deleted=tuple(self._news_deleted),
        )
        self._listings = []
        return result


def not_modified_result(
    source_id: str,
    *,
    fetched_at: datetime,
    complete: bool = True,
    etag: str | None = None,
    cursor: str | None = None,
    ttl_s: int | None = None,
    last_modified: str | None = None,
) -> FetchResult:
    """The result for "nothing changed since last time"."""
    return FetchResult(
        listings=(),
        quarantined=(),
        tombstones=(),
        complete=complete,
        not_modified=True,
        etag=etag,
        cursor=cursor,
        ttl_s=ttl_s,
        fetched_at=fetched_at,
        source_id=source_id,
        last_modified=last_modified,
        pages=0,
    )
