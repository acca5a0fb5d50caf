"""The sharing newsletter in the hub feed: parsed with the listings, checked like them,
synced in the same transaction (added, changed, removed) and read back newest first."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from kiosk.services.hub_sync import HubSyncService
from kiosk.services.notices import NoticeBoard
from kiosk.sync.demo_hub import HubFeedModel
from kiosk.sync.http import HttpFetcher
from kiosk.sync.records import FeedNews
from kiosk.sync.sharehub import SharehubSource
from tests.sync.conftest import make_config
from tests.sync.hub_helpers import hub_service, listing, result
from tests.sync.test_hub_apply import sync
from tests.sync.test_sharehub import PATH, row


def news(n: int, **over: Any) -> dict[str, object]:
    item: dict[str, object] = {
        "id": f"news-{n}", "title": {"ko": f"공유 소식 {n}", "en": f"Sharing news {n}"},
        "summary": {"ko": "요약입니다.", "en": "A summary."},
        "date": f"2026-11-{10 + n:02d}", "link": f"https://example.org/news/{n}",
        "provider": "서울시 공유허브",
    }
    item.update(over)
    return item


@pytest.fixture
def feed(serve: Any) -> tuple[HubFeedModel, SharehubSource]:
    model = HubFeedModel()
    for n in range(3):
        model.upsert(row(n))
    server = serve(model.respond)
    return model, SharehubSource(make_config("sharehub", f"{server.base_url}{PATH}",
                                             options={"page_size": 2}))


def test_news_come_whole_with_the_snapshot_and_as_changes_after(
        feed: tuple[HubFeedModel, SharehubSource], fetcher: HttpFetcher) -> None:
    model, _ = feed
    src = SharehubSource(feed[1].config, fetcher)
    for n in (1, 2):
        model.upsert_news(news(n))
    full = src.fetch()
    assert full.complete and full.pages == 2  # news ride on the first page only
    assert [(n.external_id, n.title_ko, n.title_en, n.published, n.link, n.provider)
            for n in full.news] == [
        ("news-2", "공유 소식 2", "Sharing news 2", date(2026, 11, 12),
         "https://example.org/news/2", "서울시 공유허브"),
        ("news-1", "공유 소식 1", "Sharing news 1", date(2026, 11, 11),
         "https://example.org/news/1", "서울시 공유허브")]
    model.upsert_news(news(1, title={"ko": "고친 소식"}))
    model.delete_news("news-2")
    model.upsert_news(news(3))
    changes = src.fetch(etag=full.etag, cursor=full.cursor)
    assert not changes.complete and not changes.not_modified  # news alone change the ETag
    assert {(n.external_id, n.title_ko) for n in changes.news} == {
        ("news-1", "고친 소식"), ("news-3", "공유 소식 3")}
    assert changes.news_deleted == ("news-2",)
    same = src.fetch(etag=changes.etag, cursor=changes.cursor)
    assert same.not_modified


def test_bad_news_rows_are_quarantined_and_unsafe_links_dropped(
        feed: tuple[HubFeedModel, SharehubSource], fetcher: HttpFetcher) -> None:
    model, _ = feed
    src = SharehubSource(feed[1].config, fetcher)
    model.upsert_news(news(1, title=""))
    model.upsert_news(news(2, date="어제"))
    model.upsert_news(news(3, link="javascript:alert(1)"))
    model.upsert_news(news(4, link="/relative/article"))
    model.upsert_news(news(5, summary="<script>x</script>\u202eevil"))
    fetched = src.fetch()
    assert {n.external_id for n in fetched.news} == {"news-3", "news-4", "news-5"}
    reasons = {q.external_id: q.reason for q in fetched.quarantined}
    assert reasons == {"news-1": "news: title is missing",
                       "news-2": "news: date is missing or not a date (RFC 3339)"}
    by_id = {n.external_id: n for n in fetched.news}
    assert by_id["news-3"].link == "" and by_id["news-4"].link == ""
    assert by_id["news-5"].summary_ko == "<script>x</script>evil"  # text, never markup
    assert len(fetched.listings) == 3  # the listings are untouched by bad news


def feed_news(n: int, **over: Any) -> FeedNews:
    base = FeedNews(source_id="src", external_id=f"news-{n}", title_ko=f"소식 {n}",
                    title_en="", summary_ko="요약", summary_en="",
                    published=date(2026, 11, 10 + n), link=f"https://example.org/{n}",
                    provider="성북구청")
    return replace(base, **over)


@pytest.fixture
def service(database_url: str, clock: Any):  # type: ignore[no-untyped-def]
    with hub_service(database_url, clock) as svc:
        yield svc


def test_synced_news_are_added_changed_and_removed(service: HubSyncService, clock: Any) -> None:
    board = NoticeBoard(uow=service.uow, clock=clock)  # type: ignore[arg-type]
    now = clock.now
    first = replace(result([listing(1)], fetched_at=now),
                    news=(feed_news(1), feed_news(2), feed_news(3)))
    sync(service, first)
    assert [(n.external_id, n.published) for n in board.news()] == [
        ("news-3", date(2026, 11, 13)), ("news-2", date(2026, 11, 12)),
        ("news-1", date(2026, 11, 11))]
    clock.now += timedelta(minutes=1)
    changes = replace(result([], complete=False, fetched_at=clock.now),
                      news=(feed_news(2, title_ko="고친 소식 2"),), news_deleted=("news-3",))
    sync(service, changes)
    assert [(n.external_id, n.title_ko) for n in board.news()] == [
        ("news-2", "고친 소식 2"), ("news-1", "소식 1")]
    clock.now += timedelta(minutes=1)
    snapshot = replace(result([listing(1)], fetched_at=clock.now), news=(feed_news(4),))
    sync(service, snapshot)  # a full snapshot: what it does not carry is gone
    assert [n.external_id for n in board.news()] == ["news-4"]
    assert board.news(limit=0) == []


def test_news_of_a_refused_snapshot_are_not_applied(service: HubSyncService,
                                                    clock: Any) -> None:
    board = NoticeBoard(uow=service.uow, clock=clock)  # type: ignore[arg-type]
    sync(service, replace(result([listing(n) for n in range(40)], fetched_at=clock.now),
                          news=(feed_news(1),)))
    clock.now += timedelta(minutes=1)
    shrunk = replace(result([listing(1)], fetched_at=clock.now), news=(feed_news(2),))
    report = sync(service, shrunk)
    assert report.refused  # the shrink guard kept the old listings ...
    assert [n.external_id for n in board.news()] == ["news-1"]  # ... and the old news
