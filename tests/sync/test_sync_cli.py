"""`kiosk sync now|status` and `kiosk listings list` against the demo hub on 127.0.0.1:
output, exit codes (0 ok, 2 settings, 3 offline) and keys kept out of the output."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.sync.demo_hub import DEMO_KEY, DemoHub, seoul_error
from kiosk.sync.loopback import LoopbackServer, Reply, Request
from tests.sync.conftest import json_reply


def toml_value(value: object) -> str:
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(value, ensure_ascii=False)


def write_config(path: Path, database_url: str, sources: list[dict[str, object]]) -> Path:
    lines = ["[database]", f"url = {toml_value(database_url)}", ""]
    for source in sources:
        lines.append("[[hub.sources]]")
        lines += [f"{k} = {toml_value(v)}" for k, v in source.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sync_status_and_listings_against_the_demo_hub(
    database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hub = DemoHub().start()
    try:
        cfg = str(write_config(tmp_path / "k.toml", database_url, hub.source_configs()))
        code, out, _ = run(capsys, "--config", cfg, "sync", "now")
        assert code == 0
        assert "demo-hub: applied: 14 listings (+14 new" in out
        assert out.count("applied") == 5
        code, out, _ = run(capsys, "--config", cfg, "sync", "now", "--source", "demo-hub")
        assert (code, out.strip()) == (0, "demo-hub: unchanged since the last sync")
    finally:
        hub.stop()
    code, out, _ = run(capsys, "--config", cfg, "listings", "list", "--kind", "bike",
                       "--near", "37.6063,127.0256", "--limit", "5", "--json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 5 and {r["kind"] for r in rows} == {"bike"}
    assert [r["distance_m"] for r in rows] == sorted(r["distance_m"] for r in rows)
    assert all(r["as_of"] and r["stale"] is False for r in rows)
    code, out, _ = run(capsys, "--config", cfg, "listings", "list", "--radius", "150")
    assert code == 0 and "마을 옥상 텃밭" in out and "as of" in out
    # Offline now: exit 3, the reason is stored and shown, listings stay.
    code, out, _ = run(capsys, "--config", cfg, "sync", "now", "--source", "demo-seoul-bikes")
    assert code == 3 and "demo-seoul-bikes: failed: cannot connect" in out
    assert DEMO_KEY not in out and "/***/json/bikeList" in out
    code, out, _ = run(capsys, "--config", cfg, "sync", "status", "--json")
    status = {s["source"]: s for s in json.loads(out)}
    assert code == 0 and status["demo-seoul-bikes"]["health"] == "offline"
    assert status["demo-seoul-bikes"]["listings"] == 16
    assert status["demo-hub"]["health"] == "ok" and status["demo-hub"]["last_success"]
    code, out, _ = run(capsys, "--config", cfg, "sync", "status")
    assert code == 0 and "demo-seoul-bikes (seoul_bike): offline" in out
    assert "last error" in out and "next attempt" in out


def test_user_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'k.db'}"
    empty = str(write_config(tmp_path / "empty.toml", db, []))
    code, _, err = run(capsys, "--config", empty, "sync", "now")
    assert code == 2 and "no hub sources" in err
    one = str(write_config(tmp_path / "one.toml", db, [
        {"id": "hub", "kind": "sharehub", "url": "http://127.0.0.1:9/hub/v1/listings"}]))
    code, _, err = run(capsys, "--config", one, "sync", "now", "--source", "nope")
    assert code == 2 and "unknown source 'nope'" in err
    with pytest.raises(SystemExit) as bad:
        main(["--config", one, "listings", "list", "--near", "north"])
    assert bad.value.code == 2


def test_a_bad_key_exits_2_without_showing_the_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str],
    serve: Callable[[Callable[[Request], Reply]], LoopbackServer],
) -> None:
    key = "Zz9SecretKey77"
    server = serve(lambda r: json_reply(seoul_error("INFO-100", f"인증키 {key} 오류")))
    cfg = str(write_config(tmp_path / "k.toml", f"sqlite:///{tmp_path / 'k.db'}", [
        {"id": "seoul-bikes", "kind": "seoul_bike", "url": server.base_url, "key": key}]))
    code, out, err = run(capsys, "--config", cfg, "sync", "now")
    assert code == 2 and "INFO-100" in out
    code2, status, _ = run(capsys, "--config", cfg, "sync", "status")
    assert code2 == 0 and "attention" in status
    assert key not in out + err + status


def test_listings_list_on_an_empty_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cfg = str(write_config(tmp_path / "k.toml", f"sqlite:///{tmp_path / 'k.db'}", []))
    code, out, _ = run(capsys, "--config", cfg, "listings", "list")
    assert (code, out.strip()) == (0, "0 listing(s)")
    code, out, _ = run(capsys, "--config", cfg, "sync", "status")
    assert (code, out.strip()) == (0, "no hub sources configured or synced")


def test_listings_search_includes_the_villages_resources_with_owners(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = f"sqlite:///{tmp_path / 'k.db'}"
    hub = DemoHub().start()
    try:
        cfg = str(write_config(tmp_path / "k.toml", db, hub.source_configs()))
        assert run(capsys, "--config", cfg, "demo", "--no-bookings")[0] == 0
        assert run(capsys, "--config", cfg, "sync", "now")[0] == 0
    finally:
        hub.stop()
    code, out, _ = run(capsys, "--config", cfg, "listings", "list", "--search", "주차",
                       "--near", "37.6063,127.0256", "--json")
    rows = json.loads(out)
    assert code == 0 and rows
    # Parking by kind, and what has 주차 in its name (나눔카 at a public car park).
    assert all(r["kind"] == "parking" or "주차" in r["name"] for r in rows)
    assert [r["distance_m"] for r in rows] == sorted(r["distance_m"] for r in rows)
    by_source = {r["source"] for r in rows}
    assert "local" in by_source and "demo-seoul-parking" in by_source
    local = next(r for r in rows if r["source"] == "local")
    assert set(local) >= {"id", "name", "kind", "distance_m", "owner", "source"}
    assert local["owner"] == {"kind": "village", "name": "길음 나눔마을",
                              "name_en": "Gireum Sharing Village"}
    city = next(r for r in rows if r["source"] == "demo-seoul-parking")
    assert city["owner"]["kind"] == "city" and city["owner"]["name"] == "서울특별시"
    # Initials, and only the owners asked for.
    code, out, _ = run(capsys, "--config", cfg, "listings", "list", "--search", "ㄱㅇㅇ",
                       "--owner", "city", "--json")
    rows = json.loads(out)
    assert code == 0 and rows and all(r["owner"]["kind"] == "city" for r in rows)
    assert any(r["name"].startswith("길음역") for r in rows)
    code, out, _ = run(capsys, "--config", cfg, "listings", "list", "--search", "공구",
                       "--owner", "group")
    assert code == 0 and "[group: 길음 공구도서관 모임]" in out and "(local/tool-drill)" in out
    assert out.strip().endswith("2 match(es)")
