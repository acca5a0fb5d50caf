"""HTTP GET for feeds, hardened for a kiosk that runs unattended for months.

Built on the standard library's http.client so every limit is explicit: separate
connect and read timeouts plus a total deadline (a server that drips one byte a
second cannot hold a sync forever), a body size limit enforced while streaming
(also after gzip decompression), redirects only within the same host, conditional
requests, and failures mapped onto the typed errors in `kiosk.sync.errors` with
secrets removed from every message.
"""

from __future__ import annotations

import email.utils
import http.client
import logging
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import urljoin, urlsplit

from kiosk.domain.clock import utc_now
from kiosk.sync.errors import (
    BadResponse,
    ConfigError,
    FetchTimeout,
    OfflineError,
    RedirectRefused,
    ResponseTooLarge,
    RetryLater,
    SyncError,
    redact,
)

log = logging.getLogger("kiosk.sync.http")

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
USER_AGENT = "SharingVillageKiosk/0.1 (feed sync)"
_CHUNK = 64 * 1024
_ERROR_BODY_LIMIT = 64 * 1024
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class HttpLimits:
    """Per-request limits; the defaults suit a building's ordinary uplink."""

    connect_timeout_s: float = 5.0
    read_timeout_s: float = 20.0
    total_timeout_s: float = 90.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 3


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """A finished response: status 200 (with body) or 304 (empty body)."""

    url: str = field(repr=False)  # may hold a key in its path: never printed
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = field(default=b"", repr=False)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    def max_age(self) -> int | None:
        """`Cache-Control: max-age` in seconds, if the server sent one."""
        for part in self.headers.get("cache-control", "").split(","):
            name, _, value = part.strip().partition("=")
            if name.lower() == "max-age" and value.strip().isdigit():
                return min(int(value.strip()), 7 * 24 * 3600)
        return None


_shared = threading.local()


@contextmanager
def fetch_deadline(seconds: float) -> Iterator[None]:
    """Every request this thread makes inside the block ends within `seconds` from now.

    One sync of one source makes several requests (GBFS files, Seoul windows); each
    has its own limits, but a feed that drips just fast enough could hold a sync for
    the sum of them. The runner wraps each sync in one total deadline (nested blocks
    keep the earlier end).
    """
    previous: float | None = getattr(_shared, "deadline", None)
    end = time.monotonic() + seconds
    _shared.deadline = end if previous is None else min(previous, end)
    try:
        yield
    finally:
        _shared.deadline = previous


def _shared_remaining() -> float | None:
    end: float | None = getattr(_shared, "deadline", None)
    return None if end is None else end - time.monotonic()


class Fetcher(Protocol):
    """What sources need from HTTP; tests and the engine may supply their own."""

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        secrets: Sequence[str] = (),
    ) -> HttpResponse: ...


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), 24 * 3600.0)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    delta = (when - (now or utc_now())).total_seconds()
    return max(0.0, min(delta, 24 * 3600.0))


def same_origin_allowed(current: str, target: str) -> bool:
    """A redirect may stay on the same host, or upgrade http to https on it."""
    a, b = urlsplit(current), urlsplit(target)
    if b.scheme not in ("http", "https"):
        return False
    if (a.hostname or "").lower() != (b.hostname or "").lower():
        return False
    if a.scheme == "https" and b.scheme == "http":
        return False
    if a.scheme == b.scheme:
        return _port(a.scheme, a.port) == _port(b.scheme, b.port)
    return True


def _port(scheme: str, port: int | None) -> int:
    return port if port is not None else (443 if scheme == "https" else 80)


class HttpFetcher:
    """Standard-library HTTP client with the limits of `HttpLimits`.

    Safe to share between threads: it holds no connection state; each request opens
    and closes its own connection (feeds are polled at most every few seconds).
    """

    def __init__(
        self,
        limits: HttpLimits | None = None,
        *,
        user_agent: str = USER_AGENT,
        ssl_context: ssl.SSLContext | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limits = limits or HttpLimits()
        self._user_agent = user_agent
        self._ssl_context = ssl_context
        self._monotonic = monotonic

    def get(
        self,
        url: str,
        *,
        headers: Mapping[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        secrets: Sequence[str] = (),
    ) -> HttpResponse:
        request_headers = {
            "User-Agent": self._user_agent,
            "Accept": "application/json, text/xml;q=0.5, */*;q=0.1",
            "Accept-Encoding": "gzip",
            "Connection": "close",
        }
        if headers:
            request_headers.update(headers)
        if etag:
            request_headers["If-None-Match"] = etag
        if last_modified:
            request_headers["If-Modified-Since"] = last_modified
        budget = self.limits.total_timeout_s
        shared = _shared_remaining()
        if shared is not None:
            if shared <= 0:
                raise FetchTimeout("this sync ran out of time", url=redact(url, secrets))
            budget = min(budget, shared)
        deadline = self._monotonic() + budget
        current = url
        for _hop in range(self.limits.max_redirects + 1):
            status, resp_headers, body = self._once(current, request_headers, secrets, deadline)
            if status in _REDIRECTS:
                location = resp_headers.get("location")
                if not location:
                    raise BadResponse(
                        f"HTTP {status} redirect without a location",
                        url=redact(current, secrets),
                    )
                target = urljoin(current, location.strip())
                if not same_origin_allowed(current, target):
                    raise RedirectRefused(
                        f"refused redirect to another host ({urlsplit(target).hostname or '?'})",
                        url=redact(current, secrets),
                    )
                log.debug("redirect %s -> %s", redact(current, secrets), redact(target, secrets))
                current = target
                continue
            return self._classify(current, status, resp_headers, body, secrets)
        raise BadResponse("too many redirects", url=redact(url, secrets))

    # -- one request ---------------------------------------------------------------

    def _once(
        self,
        url: str,
        headers: Mapping[str, str],
        secrets: Sequence[str],
        deadline: float,
    ) -> tuple[int, dict[str, str], bytes]:
        shown = redact(url, secrets)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError("feed URL must be http:// or https:// with a host", url=shown)
        try:
            port = parts.port
        except ValueError:
            raise ConfigError("feed URL has an invalid port", url=shown) from None
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        remaining = deadline - self._monotonic()
        if remaining <= 0:
            raise FetchTimeout("fetch took longer than allowed", url=shown)
        connect_timeout = min(self.limits.connect_timeout_s, remaining)
        conn: http.client.HTTPConnection
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(
                parts.hostname,
                port,
                timeout=connect_timeout,
                context=self._ssl_context or ssl.create_default_context(),
            )
        else:
            conn = http.client.HTTPConnection(parts.hostname, port, timeout=connect_timeout)
        conn._create_connection = _create_connection  # type: ignore[attr-defined]
        resp: http.client.HTTPResponse | None = None
        try:
            try:
                conn.connect()
            except TimeoutError:
                raise FetchTimeout("connecting timed out", url=shown) from None
            except socket.gaierror:
                raise OfflineError("cannot resolve the host name", url=shown) from None
            except ssl.SSLError as exc:
                raise BadResponse(f"TLS failure: {exc.reason or 'handshake'}", url=shown) from None
            except OSError as exc:
                raise OfflineError(_os_reason(exc, "cannot connect"), url=shown) from None
            if conn.sock is not None:
                remaining = max(0.01, deadline - self._monotonic())
                conn.sock.settimeout(min(self.limits.read_timeout_s, remaining))
            try:
                conn.request("GET", path, headers=dict(headers))
                resp = conn.getresponse()
            except TimeoutError:
                raise FetchTimeout("no response in time", url=shown) from None
            except http.client.HTTPException:
                raise BadResponse("malformed HTTP response", url=shown) from None
            except OSError as exc:
                raise OfflineError(_os_reason(exc, "connection failed"), url=shown) from None
            resp_headers = {k.lower(): v for k, v in resp.getheaders()}
            status = resp.status
            if status in _REDIRECTS or status == 304:
                return status, resp_headers, b""
            limit = self.limits.max_bytes if status < 400 else _ERROR_BODY_LIMIT
            body = self._read_body(resp, resp_headers, limit, deadline, shown, status < 400)
            return status, resp_headers, body
        finally:
            # With "Connection: close" the response owns the socket: close both.
            if resp is not None:
                resp.close()
            conn.close()

    def _read_body(
        self,
        resp: http.client.HTTPResponse,
        headers: Mapping[str, str],
        limit: int,
        deadline: float,
        shown: str,
        strict: bool,
    ) -> bytes:
        """Stream the body, stopping as soon as it passes `limit` or the deadline.

        For error responses (strict=False) an oversize body is simply cut: only a
        short excerpt is ever wanted from those.
        """
        declared = headers.get("content-length", "").strip()
        if strict and declared.isdigit() and int(declared) > limit:
            raise ResponseTooLarge(
                f"response declares {int(declared)} bytes, limit is {limit}", url=shown
            )
        encoding = headers.get("content-encoding", "").strip().lower()
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if encoding == "gzip" else None
        chunks: list[bytes] = []
        size = 0
        raw_size = 0
        try:
            while True:
                if self._monotonic() > deadline:
                    raise FetchTimeout("fetch took longer than allowed", url=shown)
                chunk = resp.read1(_CHUNK)  # whatever arrived: keeps the deadline checks live
                if not chunk:
                    break
                raw_size += len(chunk)
                over = raw_size > limit
                if inflater is not None and not inflater.eof:
                    try:
                        chunk = inflater.decompress(chunk, limit - size + 1)
                    except zlib.error:
                        raise BadResponse("corrupt gzip body", url=shown) from None
                    # Output still pending means the inflated body is past the limit.
                    over = over or bool(inflater.unconsumed_tail)
                elif inflater is not None:
                    chunk = b""  # data after the gzip end: ignored
                if over or size + len(chunk) > limit:
                    if not strict:
                        chunks.append(chunk[: limit - size])
                        break
                    raise ResponseTooLarge(
                        f"response exceeds the limit of {limit} bytes", url=shown
                    )
                chunks.append(chunk)
                size += len(chunk)
        except TimeoutError:
            raise FetchTimeout("reading the response timed out", url=shown) from None
        except http.client.IncompleteRead:
            if not strict:
                return b"".join(chunks)
            raise BadResponse("response body was cut short", url=shown) from None
        except http.client.HTTPException:
            raise BadResponse("malformed HTTP body", url=shown) from None
        except OSError as exc:
            if not strict:
                return b"".join(chunks)
            raise OfflineError(
                _os_reason(exc, "connection lost while reading"), url=shown
            ) from None
        if strict and declared.isdigit() and raw_size < int(declared):
            raise BadResponse("response body was cut short", url=shown)
        if inflater is not None and strict:
            tail = inflater.flush()
            if size + len(tail) > limit:
                raise ResponseTooLarge(f"response exceeds the limit of {limit} bytes", url=shown)
            chunks.append(tail)
            if not inflater.eof:
                raise BadResponse("gzip body was cut short", url=shown)
        return b"".join(chunks)

    # -- status mapping ------------------------------------------------------------

    def _classify(
        self,
        url: str,
        status: int,
        headers: dict[str, str],
        body: bytes,
        secrets: Sequence[str],
    ) -> HttpResponse:
        shown = redact(url, secrets)
        if status in (200, 203, 304):
            return HttpResponse(url=url, status=status, headers=headers, body=body)
        code = f"HTTP {status}"
        if status in (408, 425, 429) or 500 <= status <= 599:
            raise RetryLater(
                "the source is busy or failing; will retry",
                url=shown,
                code=code,
                retry_after_s=parse_retry_after(headers.get("retry-after")),
            )
        if status in (401, 403):
            raise ConfigError("the source refused access: check the key", url=shown, code=code)
        if status in (400, 404, 405, 410, 414):
            raise ConfigError("the source does not know this URL", url=shown, code=code)
        raise BadResponse("unexpected HTTP status", url=shown, code=code)


_AddrInfo = tuple[socket.AddressFamily, socket.SocketKind, int, str, tuple[Any, ...]]


def _resolve(host: str, port: int, timeout: float) -> Sequence[_AddrInfo]:
    """getaddrinfo with a time limit: a dead DNS server must not stall a sync for the
    resolver's own (long) timeouts. A lookup still running is left to finish alone."""
    outcome: list[Sequence[_AddrInfo] | OSError] = []

    def lookup() -> None:
        try:
            outcome.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
        except OSError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=lookup, name="feed-dns", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise TimeoutError("name resolution timed out")
    result = outcome[0]
    if isinstance(result, OSError):
        raise result
    return result


def _create_connection(
    address: tuple[str, int],
    timeout: float | None = None,
    source_address: tuple[str, int] | None = None,
) -> socket.socket:
    """socket.create_connection, but with bounded name resolution."""
    host, port = address
    last: OSError | None = None
    for family, kind, proto, _name, sockaddr in _resolve(host, port, timeout or 10.0):
        sock = socket.socket(family, kind, proto)
        try:
            sock.settimeout(timeout)
            if source_address:
                sock.bind(source_address)
            sock.connect(sockaddr)
            return sock
        except OSError as exc:
            sock.close()
            last = exc
    raise last or OSError("no address to connect to")


def _os_reason(exc: OSError, prefix: str) -> str:
    # strerror never contains the URL; str(exc) sometimes does, so it is not used.
    name = type(exc).__name__
    detail = exc.strerror or ""
    return f"{prefix} ({name}{': ' + detail if detail else ''})"


def describe(error: SyncError) -> str:
    """One line for the association's screen: kind, message, code."""
    return f"{error.label}: {error}"
