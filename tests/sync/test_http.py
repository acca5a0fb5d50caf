"""The HTTP fetcher's limits and error taxonomy, with faults injected by a loopback server."""

from __future__ import annotations

import gzip
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from kiosk.sync.errors import (
    BadResponse,
    ConfigError,
    FetchTimeout,
    OfflineError,
    RedirectRefused,
    ResponseTooLarge,
    RetryLater,
    redact,
)
from kiosk.sync.http import (
    HttpFetcher,
    HttpLimits,
    describe,
    parse_retry_after,
    same_origin_allowed,
)
from kiosk.sync.loopback import Reply, Request

MB = 1024 * 1024


def fast(**limits: Any) -> HttpFetcher:
    base: dict[str, Any] = {"connect_timeout_s": 1.0, "read_timeout_s": 1.0, "total_timeout_s": 5.0}
    base.update(limits)
    return HttpFetcher(HttpLimits(**base))


def test_ok_and_headers(serve: Any) -> None:
    seen: list[Request] = []

    def handler(request: Request) -> Reply:
        seen.append(request)
        return Reply(200, b'{"ok": true}', {"ETag": '"abc"', "Cache-Control": "max-age=30"})

    server = serve(handler)
    resp = fast().get(f"{server.base_url}/feed?x=1", headers={"Authorization": "Bearer t0k3n"})
    assert resp.status == 200 and resp.body == b'{"ok": true}'
    assert resp.etag == '"abc"' and resp.max_age() == 30
    assert seen[0].query == {"x": ["1"]}
    assert seen[0].headers["authorization"] == "Bearer t0k3n"
    assert "SharingVillageKiosk" in seen[0].headers["user-agent"]


def test_conditional_requests(serve: Any) -> None:
    def handler(request: Request) -> Reply:
        if request.headers.get("if-none-match") == '"v2"':
            return Reply(304, b"", {"ETag": '"v2"'})
        if request.headers.get("if-modified-since") == "Sat, 17 May 2025 00:00:00 GMT":
            return Reply(304, b"")
        return Reply(200, b"{}", {"ETag": '"v2"', "Last-Modified": "Sat, 17 May 2025 00:00:00 GMT"})

    server = serve(handler)
    f = fast()
    first = f.get(server.base_url)
    assert first.status == 200 and first.last_modified
    assert f.get(server.base_url, etag=first.etag).not_modified
    assert f.get(server.base_url, last_modified=first.last_modified).not_modified


def test_gzip_bodies_are_inflated(serve: Any) -> None:
    payload = b'{"rows": [' + b",".join(b"1" for _ in range(10000)) + b"]}"
    server = serve(lambda _r: Reply(200, gzip.compress(payload), {"Content-Encoding": "gzip"}))
    assert fast().get(server.base_url).body == payload


def test_gzip_bomb_stops_at_the_limit(serve: Any) -> None:
    bomb = gzip.compress(b"\0" * (30 * MB))  # ~30 kB on the wire
    server = serve(lambda _r: Reply(200, bomb, {"Content-Encoding": "gzip"}))
    with pytest.raises(ResponseTooLarge):
        fast(max_bytes=1 * MB).get(server.base_url)


def test_corrupt_and_cut_gzip(serve: Any) -> None:
    good = gzip.compress(b'{"a": 1}' * 1000)
    server = serve(
        lambda r: Reply(
            200,
            b"garbage!" * 10 if r.path == "/corrupt" else good[: len(good) // 2],
            {"Content-Encoding": "gzip"},
        )
    )
    with pytest.raises(BadResponse, match="corrupt gzip"):
        fast().get(f"{server.base_url}/corrupt")
    with pytest.raises(BadResponse, match="cut short"):
        fast().get(f"{server.base_url}/cut")


# -- size limits ----------------------------------------------------------------------------


def endless(total: int, chunk: int = 256 * 1024) -> Iterator[bytes]:
    block = b"x" * chunk
    sent = 0
    while sent < total:
        yield block
        sent += chunk


def test_declared_oversize_is_refused_before_reading(serve: Any) -> None:
    sent: list[int] = []

    def handler(_r: Request) -> Reply:
        def body() -> Iterator[bytes]:
            for block in endless(50 * MB):
                sent.append(len(block))
                yield block

        return Reply(200, body(), {"Content-Length": str(50 * MB)})

    server = serve(handler)
    with pytest.raises(ResponseTooLarge, match="declares"):
        fast().get(server.base_url)
    server.stop()
    assert sum(sent) < 50 * MB


def test_streamed_50mb_stops_early_without_allocating_it(serve: Any) -> None:
    sent: list[int] = []

    def handler(request: Request) -> Reply:
        def body() -> Iterator[bytes]:
            for block in endless(50 * MB):
                if request.stopping.is_set():
                    return
                sent.append(len(block))
                yield block

        return Reply(200, body())  # no Content-Length: only streaming reveals the size

    server = serve(handler)
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLarge, match="limit of 20971520"):
            HttpFetcher().get(server.base_url)  # default limit: 20 MB
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    server.stop()
    assert peak < 30 * MB
    assert sum(sent) < 40 * MB  # the server was cut off long before 50 MB


# -- timeouts and the network ----------------------------------------------------------------


def test_slow_server_read_timeout(serve: Any) -> None:
    def slow(request: Request) -> Reply:
        request.stopping.wait(5)
        return Reply(200, b"{}")

    server = serve(slow)
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as caught:
        fast(read_timeout_s=0.2).get(server.base_url)
    assert time.monotonic() - started < 2
    assert isinstance(caught.value, OfflineError) and caught.value.retryable


def test_drip_feed_hits_the_total_deadline(serve: Any) -> None:
    def drip(request: Request) -> Reply:
        def body() -> Iterator[bytes]:
            while not request.stopping.wait(0.02):
                yield b" "

        return Reply(200, body())

    server = serve(drip)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="longer than allowed"):
        fast(read_timeout_s=1.0, total_timeout_s=0.4).get(server.base_url)
    assert time.monotonic() - started < 2


def test_connection_refused_is_offline() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(OfflineError, match="cannot connect"):
        fast().get(f"http://127.0.0.1:{port}/feed")


def test_unresolvable_host_is_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_dns(*_args: object, **_kwargs: object) -> object:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)  # no real resolver in tests
    with pytest.raises(OfflineError, match="resolve"):
        fast().get("http://sharing-hub.example/feed")


def test_stuck_name_resolution_is_a_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()

    def stuck_dns(*_args: object, **_kwargs: object) -> object:
        release.wait(5)
        raise socket.gaierror(socket.EAI_AGAIN, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", stuck_dns)
    started = time.monotonic()
    try:
        with pytest.raises(FetchTimeout, match="connecting timed out"):
            fast(connect_timeout_s=0.2).get("http://sharing-hub.example/feed")
        assert time.monotonic() - started < 2
    finally:
        release.set()


def test_server_that_hangs_up_is_reported(serve: Any) -> None:
    server = serve(lambda _r: Reply(200, b'{"rows": [1, 2', {"Content-Length": "5000"}))
    with pytest.raises(BadResponse, match="cut short"):
        fast().get(server.base_url)


def test_bad_urls_are_configuration_errors() -> None:
    for url in ("ftp://example.org/x", "file:///etc/passwd", "http:///nohost", "http://h:99999/"):
        with pytest.raises(ConfigError):
            fast().get(url)


# -- statuses ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "error"),
    [
        (500, RetryLater),
        (502, RetryLater),
        (503, RetryLater),
        (429, RetryLater),
        (408, RetryLater),
        (401, ConfigError),
        (403, ConfigError),
        (404, ConfigError),
        (410, ConfigError),
        (418, BadResponse),
        (204, BadResponse),
    ],
)
def test_status_taxonomy(serve: Any, status: int, error: type[Exception]) -> None:
    server = serve(lambda _r: Reply(status, b"x" * 200_000, {"Retry-After": "120"}))
    with pytest.raises(error) as caught:
        fast().get(server.base_url)
    if isinstance(caught.value, RetryLater):
        assert caught.value.retry_after_s == 120
        assert caught.value.code == f"HTTP {status}"


def test_retry_after_forms() -> None:
    now = datetime(2025, 5, 17, tzinfo=UTC)
    assert parse_retry_after("30") == 30
    later = (now + timedelta(seconds=90)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert parse_retry_after(later, now) == pytest.approx(90)
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
    assert parse_retry_after("99999999") == 24 * 3600


# -- redirects --------------------------------------------------------------------------------


def test_same_host_redirect_is_followed(serve: Any) -> None:
    def handler(request: Request) -> Reply:
        if request.path == "/old":
            return Reply(301, b"", {"Location": "/new"})
        return Reply(200, b"{}")

    server = serve(handler)
    resp = fast().get(f"{server.base_url}/old")
    assert resp.status == 200 and resp.url.endswith("/new")


def test_redirect_to_another_host_is_refused(serve: Any) -> None:
    other = serve(lambda _r: Reply(200, b'{"captive": "portal"}'))
    # 127.0.0.2 is another host even though it is also loopback.
    target = other.base_url.replace("127.0.0.1", "localhost")
    server = serve(lambda _r: Reply(302, b"", {"Location": f"{target}/login"}))
    with pytest.raises(RedirectRefused, match="localhost"):
        fast().get(server.base_url)


def test_redirect_loops_and_missing_location(serve: Any) -> None:
    server = serve(lambda r: Reply(302, b"", {"Location": "/again"} if r.path != "/bare" else {}))
    with pytest.raises(BadResponse, match="too many redirects"):
        fast().get(f"{server.base_url}/start")
    with pytest.raises(BadResponse, match="without a location"):
        fast().get(f"{server.base_url}/bare")


def test_same_origin_rules() -> None:
    assert same_origin_allowed("http://a.kr/x", "https://a.kr/y")
    assert same_origin_allowed("http://a.kr:80/x", "http://A.KR/y")
    assert not same_origin_allowed("https://a.kr/x", "http://a.kr/y")
    assert not same_origin_allowed("http://a.kr/x", "http://b.kr/y")
    assert not same_origin_allowed("http://a.kr:8088/x", "http://a.kr:9999/y")
    assert not same_origin_allowed("http://a.kr/x", "file:///etc/passwd")


# -- secrets ------------------------------------------------------------------------------------


def test_redaction() -> None:
    assert redact("http://h:8088/S3CR3T/json/x", ["S3CR3T"]) == "http://h:8088/***/json/x"
    assert redact("http://h/x?serviceKey=abc%2Bdef&n=1") == "http://h/x?serviceKey=***&n=1"
    assert redact("key a+b/c", ["a+b/c"]) == "key ***"
    assert redact("http://h/a%2Bb%2Fc/", ["a+b/c"]) == "http://h/***/"


def test_errors_carry_redacted_urls(serve: Any) -> None:
    server = serve(lambda _r: Reply(500, b"oops"))
    with pytest.raises(RetryLater) as caught:
        fast().get(f"{server.base_url}/TOPSECRET/json/", secrets=["TOPSECRET"])
    assert "TOPSECRET" not in str(caught.value)
    assert describe(caught.value).startswith("retry later: ")
