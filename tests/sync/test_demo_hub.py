"""The demo hub, the `kiosk hub serve` command, and the hub feed's published contract."""

from __future__ import annotations

import argparse
import io
import json
import threading
import urllib.request
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from kiosk.sync import cli
from kiosk.sync.demo_hub import DEMO_KEY, HUB_PATH, DemoHub, seoul_url
from kiosk.sync.errors import ConfigError
from kiosk.sync.http import HttpFetcher
from kiosk.sync.registry import build_source
from tests.sync.conftest import FIXTURES
from tests.sync.gbfs_schemas import schemas

DOCS = Path(__file__).resolve().parents[2] / "docs"


@pytest.fixture
def demo() -> Any:
    hub = DemoHub(hub_tick_s=0).start()
    yield hub
    hub.stop()


def get_json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=5) as resp:
        return json.loads(resp.read())


def test_every_demo_source_syncs_cleanly(demo: DemoHub) -> None:
    fetcher = HttpFetcher()
    counts = {}
    for cfg in demo.source_configs():
        result = build_source(cfg, fetcher).fetch()
        assert result.quarantined == (), cfg["id"]
        counts[cfg["id"]] = len(result.listings)
        names = [x.name_ko for x in result.listings]
        assert all(names) and len(set(x.external_id for x in result.listings)) == len(names)
    assert counts == {
        "demo-gbfs-v3": 21,
        "demo-gbfs-v2": 21,
        "demo-seoul-bikes": 16,
        "demo-seoul-parking": 8,
        "demo-hub": 14,
    }


def test_live_counts_move(demo: DemoHub) -> None:
    src = build_source(demo.source_configs()[2], HttpFetcher())
    seen = set()
    for _ in range(4):
        seen.add(tuple(x.units_free for x in src.fetch().listings))
    assert len(seen) > 1
    for x in src.fetch().listings:
        assert x.units_free is not None and x.units_total is not None
        assert 0 <= x.units_free <= x.units_total


def test_hub_changes_arrive_incrementally_with_tombstones(demo: DemoHub) -> None:
    src = build_source(demo.source_configs()[4], HttpFetcher())
    first = src.fetch()
    cursor, etag = first.cursor, first.etag
    deleted: set[str] = set()
    added: set[str] = set()
    for _ in range(6):
        result = src.fetch(cursor=cursor, etag=etag)
        assert not result.complete
        added |= {x.external_id for x in result.listings}
        deleted |= {t.external_id for t in result.tombstones}
        cursor, etag = result.cursor, result.etag
    assert "popup-market" in added and "popup-market" in deleted


def test_hub_answers_304_between_changes() -> None:
    with DemoHub(hub_tick_s=3600) as hub:
        src = build_source(hub.source_configs()[4], HttpFetcher())
        first = src.fetch()
        assert src.fetch(cursor=first.cursor, etag=first.etag).not_modified


def test_demo_gbfs_follows_the_spec(demo: DemoHub) -> None:
    for version, prefix, files in (
        (
            "3.0",
            "/gbfs/v3/",
            [
                "gbfs",
                "system_information",
                "station_information",
                "station_status",
                "vehicle_status",
                "vehicle_types",
            ],
        ),
        (
            "2.3",
            "/gbfs/v2/",
            [
                "gbfs",
                "ko/system_information",
                "en/station_information",
                "ko/station_status",
                "ko/free_bike_status",
                "ko/vehicle_types",
            ],
        ),
    ):
        checks = schemas(version)
        for name in files:
            doc = get_json(f"{demo.base_url}{prefix}{name}.json")
            jsonschema.Draft202012Validator(checks[name.split("/")[-1]]).validate(doc)


def test_demo_seoul_speaks_the_city_dialect(demo: DemoHub) -> None:
    page = get_json(seoul_url(demo.base_url, "bikeList", 1, 5))
    rows = page["rentBikeStatus"]["row"]
    assert page["rentBikeStatus"]["RESULT"]["CODE"] == "INFO-000"
    assert len(rows) == 5 and all(isinstance(v, str) for v in rows[0].values())
    too_many = get_json(seoul_url(demo.base_url, "bikeList", 1, 1001))
    assert too_many["RESULT"]["CODE"] == "ERROR-336"
    cfg = dict(demo.source_configs()[2], key="NOTTHEKEY")
    with pytest.raises(ConfigError) as caught:
        build_source(cfg, HttpFetcher()).fetch()
    assert caught.value.code == "INFO-100"
    assert DEMO_KEY in seoul_url("http://h", "bikeList")


# -- the published contract ----------------------------------------------------------------


def openapi() -> dict[str, Any]:
    doc = yaml.safe_load((DOCS / "hub-feed.openapi.yaml").read_text(encoding="utf-8"))
    assert isinstance(doc, dict)
    return doc


def page_validator() -> jsonschema.Draft202012Validator:
    doc = openapi()
    schema = dict(doc, **{"$ref": "#/components/schemas/ListingsPage"})
    return jsonschema.Draft202012Validator(schema)


def test_openapi_document_is_well_formed() -> None:
    doc = openapi()
    assert doc["openapi"] == "3.1.0"
    assert "/v1/listings" in doc["paths"]
    for schema in doc["components"]["schemas"].values():
        jsonschema.Draft202012Validator.check_schema(schema)
    assert "hub-feed.openapi.yaml" in (DOCS / "hub-feed.md").read_text(encoding="utf-8")


def test_fixture_pages_follow_the_contract() -> None:
    validator = page_validator()
    for path in sorted((FIXTURES / "hub").glob("*.json")):
        validator.validate(json.loads(path.read_text(encoding="utf-8")))


def test_reference_server_follows_the_contract(demo: DemoHub) -> None:
    validator = page_validator()
    url: str | None = f"{demo.base_url}{HUB_PATH}?page_size=5"
    pages = 0
    while url:
        page = get_json(url)
        validator.validate(page)
        pages += 1
        url = f"{demo.base_url}{page['next']}" if page["next"] else None
    assert pages == 3
    changes = get_json(f"{demo.base_url}{HUB_PATH}?updated_since=v1")
    validator.validate(changes)
    assert changes["complete"] is False


def test_contract_rejects_a_broken_page() -> None:
    page = json.loads((FIXTURES / "hub/full_page1.json").read_text(encoding="utf-8"))
    page["listings"][0]["lat"] = "37.6"
    with pytest.raises(jsonschema.ValidationError):
        page_validator().validate(page)


# -- the command ----------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="kiosk")
    cli.register(root.add_subparsers(dest="command"))
    return root


def test_cli_serves_until_stopped() -> None:
    args = parser().parse_args(["hub", "serve", "--demo", "--port", "0"])
    assert args.handler is cli.serve_command
    stop = threading.Event()
    out = io.StringIO()
    ready: list[DemoHub] = []
    codes: list[int] = []

    def on_ready(hub: DemoHub) -> None:
        ready.append(hub)
        codes.append(len(get_json(f"{hub.base_url}/")))
        stop.set()

    code = cli.serve_command(args, stop=stop, out=out, on_ready=on_ready)
    assert code == 0 and codes == [4]
    assert "Demo hub serving on http://127.0.0.1:" in out.getvalue()
    assert '"kind": "seoul_parking"' in out.getvalue()
    with pytest.raises(RuntimeError):
        _ = ready[0].port  # stopped


def test_cli_needs_demo_and_a_valid_port(capsys: pytest.CaptureFixture[str]) -> None:
    args = parser().parse_args(["hub", "serve"])
    assert cli.serve_command(args) == 2
    assert "--demo" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        parser().parse_args(["hub", "serve", "--demo", "--port", "70000"])


def test_cli_reports_a_busy_port(capsys: pytest.CaptureFixture[str]) -> None:
    with DemoHub() as busy:
        args = parser().parse_args(["hub", "serve", "--demo", "--port", str(busy.port)])
        assert cli.serve_command(args) == 1
    assert "Cannot listen" in capsys.readouterr().err
