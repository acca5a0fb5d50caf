"""A tiny HTTP server bound to 127.0.0.1 for the demo hub and for feed tests.

It only ever listens on the loopback interface, picks a free port by default, runs
in background threads and shuts down completely (threads joined, sockets closed),
so it can run inside the kiosk process or a test without leaking anything.
Handlers are plain functions from `Request` to `Reply`; a reply body may be an
iterable of chunks, streamed as it is produced (for slow or huge test bodies).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger("kiosk.sync.loopback")

LOOPBACK = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class Request:
    method: str
    path: str
    query: Mapping[str, list[str]]
    headers: Mapping[str, str]
    stopping: threading.Event

    def param(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default


@dataclass(slots=True)
class Reply:
    status: int = 200
    body: bytes | Iterable[bytes] = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json; charset=utf-8"


Handler = Callable[[Request], Reply]


class _Server(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], app: Handler) -> None:
        self.app = app
        self.stopping = threading.Event()
        super().__init__(address, _RequestHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that hang up mid-body are routine in fault tests and kiosks alike.
        log.debug("loopback client %s went away", client_address, exc_info=True)


class _RequestHandler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "SharingVillageLoopback/1"
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        log.debug("%s %s", self.address_string(), format % args)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        request = Request(
            method="GET",
            path=parts.path,
            query=parse_qs(parts.query, keep_blank_values=True),
            headers={k.lower(): v for k, v in self.headers.items()},
            stopping=self.server.stopping,
        )
        try:
            reply = self.server.app(request)
        except Exception:
            log.exception("loopback handler failed for %s", parts.path)
            reply = Reply(500, b'{"error": "internal"}')
        try:
            self.send_response(reply.status)
            headers = {k.lower(): v for k, v in reply.headers.items()}
            if "content-type" not in headers and reply.status != 304:
                self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            body = reply.body
            if isinstance(body, bytes):
                if "content-length" not in headers and reply.status != 304:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if reply.status != 304:
                    self.wfile.write(body)
                return
            self.end_headers()
            for chunk in body:
                if self.server.stopping.is_set():
                    break
                self.wfile.write(chunk)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the client stopped reading (size limit, timeout): expected
        finally:
            if not isinstance(reply.body, bytes):
                close = getattr(reply.body, "close", None)  # generators: run their cleanup
                if callable(close):
                    close()


class LoopbackServer:
    """Serve `handler` on 127.0.0.1 in a background thread; use as a context manager."""

    def __init__(self, handler: Handler, *, port: int = 0, poll_interval: float = 0.05) -> None:
        self._handler = handler
        self._port = port
        self._poll = poll_interval
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("server is not running")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}"

    @property
    def stopping(self) -> threading.Event:
        if self._server is None:
            raise RuntimeError("server is not running")
        return self._server.stopping

    def start(self) -> LoopbackServer:
        if self._server is not None:
            return self
        self._server = _Server((LOOPBACK, self._port), self._handler)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": self._poll},
            name=f"loopback-{self.port}",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        server, thread = self._server, self._thread
        if server is None:
            return
        server.stopping.set()  # slow handlers watch this and finish at once
        server.shutdown()
        server.server_close()  # joins request threads, closes the listening socket
        if thread is not None:
            thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
