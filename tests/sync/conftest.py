"""Shared fixtures: loopback servers serving fixture feeds, fast fetchers, configs."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.sync.config import SourceConfig
from kiosk.sync.http import HttpFetcher, HttpLimits
from kiosk.sync.loopback import LoopbackServer, Reply, Request

FIXTURES = Path(__file__).parent / "fixtures"
KIOSK = (37.6063, 127.0256)

Handler = Callable[[Request], Reply]


def fixture_bytes(name: str, **subs: str) -> bytes:
    """A fixture file, with `{base}`-style placeholders filled in."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for key, value in subs.items():
        text = text.replace("{" + key + "}", value)
    return text.encode("utf-8")


def fixture_json(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def json_reply(doc: object, status: int = 200, **headers: str) -> Reply:
    body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return Reply(status, body, dict(headers))


@pytest.fixture
def serve() -> Iterator[Callable[[Handler], LoopbackServer]]:
    """Start loopback servers for a test; all are stopped (and joined) afterwards."""
    servers: list[LoopbackServer] = []

    def start(handler: Handler) -> LoopbackServer:
        server = LoopbackServer(handler, poll_interval=0.005).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def fetcher() -> HttpFetcher:
    """Short limits so fault tests finish quickly."""
    return HttpFetcher(HttpLimits(connect_timeout_s=2.0, read_timeout_s=2.0, total_timeout_s=10.0))


def make_config(kind: str, url: str, **extra: object) -> SourceConfig:
    data: dict[str, object] = {"id": f"test-{kind.replace('_', '-')}", "kind": kind, "url": url}
    if kind.startswith("seoul") and "key" not in extra:
        data["key"] = "TESTKEY1234"
    data.update(extra)
    return SourceConfig.from_mapping(data)
