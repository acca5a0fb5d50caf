"""Sharing-hub listings feed: sharing spaces, items and services of the district and
of sharing companies (protocol in docs/hub-feed.md and docs/hub-feed.openapi.yaml).

One fetch walks the pages of `GET {url}?updated_since={cursor}&page_size={n}`
by following `next` links; the last page carries the `cursor` to send next time.
Without a cursor the answer is a full snapshot (`complete: true`); with one it is
the change set since then, deletions included as `deleted` ids. The first page is
requested with If-None-Match, and a 304 means nothing changed.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import datetime
from typing import Final, cast
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from kiosk.domain.clock import to_local, utc_now
from kiosk.domain.owners import FACT_KIND, FACT_NAME, FACT_NAME_EN, Owner, OwnerKind, guess_kind
from kiosk.sync.base import Clock, Monotonic, SourceBase
from kiosk.sync.config import SourceConfig
from kiosk.sync.errors import BadResponse
from kiosk.sync.http import Fetcher, same_origin_allowed
from kiosk.sync.records import LISTING_KINDS, FeedListing, FeedNews, FetchResult, ListingKind
from kiosk.sync.validate import (
    ADDRESS_MAX,
    DESCRIPTION_MAX,
    EXTRA_VALUE_MAX,
    NAME_MAX,
    ResultBuilder,
    RowError,
    clamp_free,
    clean_extra,
    clean_id,
    clean_text,
    drain,
    not_modified_result,
    parse_coordinates,
    parse_count,
    parse_time,
    sane_as_of,
)

FEED_MAJOR: Final = "1"
_TEXT_FACTS: Final = ("category", "provider", "hours", "fee", "contact", "url")


def with_query(url: str, **params: str) -> str:
    """`url` with query parameters added or replaced."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query.extend((k, v) for k, v in params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))


NEWS_SUMMARY_MAX: Final = 400
NEWS_LINK_MAX: Final = 500


def news_link(value: object) -> str:
    """An http(s) link for the phone QR code; anything else (a script: link, a relative
    path, an over-long text) is dropped and the item shown without a QR code."""
    if not isinstance(value, str):
        return ""
    link = value.strip()
    parts = urlsplit(link)
    if len(link) > NEWS_LINK_MAX or parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    if any(ch.isspace() or ord(ch) < 32 for ch in link):
        return ""
    return link


def _text_pair(value: object, field: str, max_len: int, *, multiline: bool) -> tuple[str, str]:
    """(ko, en) from {"ko": …, "en": …} or from plain (Korean) text."""
    if value is None:
        return "", ""
    if isinstance(value, str):
        return clean_text(value, field=field, max_len=max_len, multiline=multiline), ""
    if not isinstance(value, Mapping):
        raise RowError(f"{field} must be an object with ko/en text")
    ko = clean_text(value.get("ko"), field=f"{field}.ko", max_len=max_len, multiline=multiline)
    en = clean_text(value.get("en"), field=f"{field}.en", max_len=max_len, multiline=multiline)
    return ko, en


# Facts the kiosk writes itself: a feed's free-form `extra` cannot set them.
_RESERVED_FACTS: Final = frozenset({FACT_KIND, FACT_NAME, FACT_NAME_EN, "rental_uri_web",
                                    "rental_uri_ios", "rental_uri_android"})
_OWNER_KINDS: Final = frozenset(k.value for k in OwnerKind)


def _owner(value: object, provider: str | None) -> Owner | None:
    """The listing's `owner` ({"kind", "name"[, "name_en"]}), else one made from the
    `provider` text. An owner kind this kiosk does not know yet is guessed from the
    name, as unknown listing kinds show as "other"."""
    if value is None:
        if not provider:
            return None
        return Owner(guess_kind(provider), provider[:120])
    if not isinstance(value, Mapping):
        raise RowError("owner must be an object with kind and name")
    kind, raw_name = value.get("kind"), value.get("name")
    if not isinstance(kind, str):
        raise RowError("owner.kind must be text")
    name = clean_text(raw_name, field="owner.name", max_len=120, required=True)
    name_en = clean_text(value.get("name_en"), field="owner.name_en", max_len=120)
    owner_kind = OwnerKind(kind) if kind in _OWNER_KINDS else guess_kind(name)
    return Owner(owner_kind, name, name_en)


class SharehubSource(SourceBase):
    """Client of the sharing-hub feed. Options: `page_size` (default 500, max 5000),
    `max_pages` (default 1000). A configured `key` is sent as a bearer token."""

    source_kind = "sharehub"

    def __init__(
        self,
        config: SourceConfig | Mapping[str, object],
        fetcher: Fetcher | None = None,
        *,
        clock: Clock = utc_now,
        monotonic: Monotonic = time.monotonic,
    ) -> None:
        super().__init__(config, fetcher, clock=clock, monotonic=monotonic)
        self._page_size = self.config.option_int("page_size", 500, low=1, high=5000)
        self._max_pages = self.config.option_int("max_pages", 1000, low=1, high=100_000)

    def _headers(self) -> dict[str, str]:
        headers = {"Accept": "application/json"}
        if self.config.key:
            headers["Authorization"] = f"Bearer {self.config.key}"
        return headers

    def fetch(
        self,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        cursor: str | None = None,
    ) -> FetchResult:
        """Full snapshot when `cursor` is None, otherwise the changes since `cursor`."""
        fetched_at = self._clock()
        params = {"page_size": str(self._page_size)}
        if cursor:
            params["updated_since"] = cursor
        url = with_query(self.config.url, **params)
        headers = self._headers()
        resp = self._get(url, headers=headers, etag=etag, last_modified=last_modified)
        if resp.not_modified:
            return not_modified_result(
                self.config.id,
                fetched_at=fetched_at,
                complete=cursor is None,
                etag=etag,
                cursor=cursor,
                ttl_s=resp.max_age(),
                last_modified=last_modified,
            )
        first_etag, first_modified = resp.etag, resp.last_modified
        builder: ResultBuilder | None = None
        seen_urls = {url}
        pages = 0
        new_cursor: str | None = None
        ttl_s: int | None = None
        while True:
            pages += 1
            doc = self._json(resp, "hub feed page")
            shown = self._redact(resp.url)
            version = doc.get("version")
            if not isinstance(version, str) or version.split(".")[0] != FEED_MAJOR:
                raise BadResponse(
                    "unsupported hub feed version", url=shown, source_id=self.config.id
                )
            complete = doc.get("complete")
            if not isinstance(complete, bool):
                raise BadResponse(
                    "hub feed page lacks 'complete'", url=shown, source_id=self.config.id
                )
            if builder is None:
                builder = self._builder(complete=complete)
                ttl = doc.get("ttl")
                ttl_s = ttl if isinstance(ttl, int) and not isinstance(ttl, bool) else None
                ttl_s = resp.max_age() if ttl_s is None or ttl_s < 0 else min(ttl_s, 86_400)
            elif complete != builder.complete:
                raise BadResponse(
                    "hub feed pages disagree on 'complete'", url=shown, source_id=self.config.id
                )
            self._page(doc, builder, fetched_at, shown)
            next_link = doc.get("next")
            if next_link is None or next_link == "":
                raw_cursor = doc.get("cursor")
                if raw_cursor is not None:
                    if not isinstance(raw_cursor, str) or not 0 < len(raw_cursor) <= 512:
                        raise BadResponse(
                            "hub feed cursor is malformed", url=shown, source_id=self.config.id
                        )
                    new_cursor = raw_cursor
                break
            if not isinstance(next_link, str):
                raise BadResponse(
                    "hub feed 'next' must be a link", url=shown, source_id=self.config.id
                )
            next_url = urljoin(resp.url, next_link)
            if not same_origin_allowed(resp.url, next_url):
                raise BadResponse(
                    "hub feed 'next' points to another host", url=shown, source_id=self.config.id
                )
            if next_url in seen_urls:
                raise BadResponse("hub feed pages loop", url=shown, source_id=self.config.id)
            if pages >= self._max_pages:
                raise BadResponse(
                    f"hub feed has more than {self._max_pages} pages",
                    url=shown,
                    source_id=self.config.id,
                )
            seen_urls.add(next_url)
            del doc
            resp = self._get(next_url, headers=headers)
            if resp.not_modified:
                raise BadResponse(
                    "hub feed answered 304 for a later page", url=shown, source_id=self.config.id
                )
        assert builder is not None
        return builder.build(
            fetched_at=fetched_at,
            etag=first_etag,
            cursor=new_cursor if new_cursor is not None else cursor,
            ttl_s=ttl_s,
            last_modified=first_modified,
            pages=pages,
        )

    def _page(
        self, doc: dict[str, object], builder: ResultBuilder, fetched_at: datetime, shown: str
    ) -> None:
        listings = doc.get("listings", [])
        deleted = doc.get("deleted", [])
        if not isinstance(listings, list) or not isinstance(deleted, list):
            raise BadResponse(
                "hub feed 'listings' and 'deleted' must be lists",
                url=shown,
                source_id=self.config.id,
            )
        for row in drain(listings):
            external_id: str | None = None
            try:
                if not isinstance(row, dict):
                    raise RowError("listing is not an object")
                external_id = clean_id(row.get("id"))
                listing = self._listing(row, external_id, fetched_at)
            except RowError as exc:
                builder.quarantine(external_id, str(exc), row)
                continue
            builder.add(listing, row)
        for entry in drain(deleted):
            try:
                raw_id = entry.get("id") if isinstance(entry, dict) else entry
                builder.tombstone(clean_id(raw_id))
            except RowError as exc:
                builder.quarantine(None, f"deleted: {exc}", entry)
        news = doc.get("news", [])
        deleted_news = doc.get("deleted_news", [])
        if not isinstance(news, list) or not isinstance(deleted_news, list):
            raise BadResponse(
                "hub feed 'news' and 'deleted_news' must be lists",
                url=shown,
                source_id=self.config.id,
            )
        for row in drain(news):
            external_id = None
            try:
                if not isinstance(row, dict):
                    raise RowError("news item is not an object")
                external_id = clean_id(row.get("id"))
                builder.add_news(self._news(row, external_id), row)
            except RowError as exc:
                builder.quarantine(external_id, f"news: {exc}", row)
        for entry in drain(deleted_news):
            try:
                raw_id = entry.get("id") if isinstance(entry, dict) else entry
                builder.delete_news(clean_id(raw_id))
            except RowError as exc:
                builder.quarantine(None, f"deleted_news: {exc}", entry)

    def _news(self, row: Mapping[str, object], external_id: str) -> FeedNews:
        title_ko, title_en = _text_pair(row.get("title"), "title", NAME_MAX, multiline=False)
        if not title_ko:
            title_ko = title_en
        if not title_ko:
            raise RowError("title is missing")
        summary_ko, summary_en = _text_pair(
            row.get("summary"), "summary", NEWS_SUMMARY_MAX, multiline=True
        )
        published = parse_time(row.get("date"))
        if published is None:
            raise RowError("date is missing or not a date (RFC 3339)")
        return FeedNews(
            source_id=self.config.id,
            external_id=external_id,
            title_ko=title_ko,
            title_en=title_en,
            summary_ko=summary_ko,
            summary_en=summary_en,
            published=to_local(published).date(),
            link=news_link(row.get("link")),
            provider=clean_text(row.get("provider"), field="provider", max_len=EXTRA_VALUE_MAX),
        )

    def _listing(
        self, row: Mapping[str, object], external_id: str, fetched_at: datetime
    ) -> FeedListing:
        name_ko, name_en = _text_pair(row.get("name"), "name", NAME_MAX, multiline=False)
        if not name_ko:
            name_ko = name_en
        if not name_ko:
            raise RowError("name is missing")
        desc_ko, desc_en = _text_pair(
            row.get("description"), "description", DESCRIPTION_MAX, multiline=True
        )
        lat, lon = parse_coordinates(row.get("lat"), row.get("lon"), allow_text=False)
        raw_kind = row.get("kind")
        if not isinstance(raw_kind, str):
            raise RowError("kind must be text")
        extra = {k: v for k, v in clean_extra(row.get("extra")).items()
                 if k not in _RESERVED_FACTS}
        kind: ListingKind = "other"
        if raw_kind in LISTING_KINDS:
            kind = cast(ListingKind, raw_kind)
        else:
            extra["kind"] = clean_text(raw_kind, field="kind", max_len=40)
        for name in _TEXT_FACTS:
            value = row.get(name)
            if value is not None:
                text = clean_text(value, field=name, max_len=EXTRA_VALUE_MAX)
                if text:
                    extra[name] = text
        owner = _owner(row.get("owner"), extra.get("provider"))
        if owner is not None:
            extra.update(owner.as_facts())
        total = parse_count(row.get("units_total"), field="units_total", allow_text=False)
        free = parse_count(row.get("units_free"), field="units_free", allow_text=False)
        free = clamp_free(total, free, extra)
        bookable = row.get("bookable", False)
        if not isinstance(bookable, bool):
            raise RowError("bookable must be true or false")
        as_of = sane_as_of(parse_time(row.get("as_of")), fetched_at)
        return FeedListing(
            source_id=self.config.id,
            external_id=external_id,
            kind=kind,
            name_ko=name_ko,
            name_en=name_en,
            description_ko=desc_ko,
            description_en=desc_en,
            lat=lat,
            lon=lon,
            address=clean_text(row.get("address"), field="address", max_len=ADDRESS_MAX),
            units_total=total,
            units_free=free,
            as_of=as_of,
            bookable=bookable,
            extra=extra,
        )
