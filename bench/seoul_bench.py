"""Benchmark of a whole-city Seoul sync: every Ttareungyi station and public parking lot.

A local fake of the Seoul Open API (openapi.seoul.go.kr:8088) serves, in a child process,
``bikeList`` (about 2,700 stations) and ``GetParkInfo`` + ``GetParkingInfo`` (about
1,000 lots) the way the live services answer: `/{KEY}/json/{SERVICE}/{START}/{END}/`,
windows of at most 1,000 rows (ERROR-336 above that), every bikeList value a string,
station names with their number ("102. 망원역 1번출구 앞"), `list_total_count` counting
the rows of that window only, lots repeated once per fee/operating variant, and INFO-200
past the last row. The kiosk's two sources cover all of Seoul (30 km around City Hall)
and sync through `SyncRunner.run_once` (fetch, then apply in one transaction) into a
fresh SQLite file, as a single kiosk keeps it.

Figures (seconds and MB):

* initial sync of both sources, fetch + apply (the target: ≤ 2 s);
* the sync after it (bikes and live parking figures re-read; the lot list is cached
  for a day, so GetParkInfo is not asked again);
* peak memory: the process's peak RSS growth during the initial sync (the target:
  ≤ 100 MB), and the process's peak RSS in all (Python, SQLAlchemy, the data).

    .venv/bin/python -m bench.seoul_bench [--stations 2700] [--lots 1000] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import re
import resource
import tempfile
import time
from multiprocessing.connection import Connection
from pathlib import Path

import psutil

from kiosk.domain.clock import utc_now
from kiosk.services.hub_sync import HubSyncService
from kiosk.storage import migrate
from kiosk.storage.engine import create_db_engine, session_factories
from kiosk.storage.unit_of_work import SqlUnitOfWorkFactory
from kiosk.sync.config import SourceConfig
from kiosk.sync.loopback import LoopbackServer, Reply, Request
from kiosk.sync.registry import build_source
from kiosk.sync.runner import SyncRunner

KEY = "BENCHKEY0123456789"
CITY_HALL = (37.5665, 126.9780)
WINDOW = 1000
_PATH = re.compile(r"^/(?P<key>[^/]+)/json/(?P<service>[^/]+)/(?P<start>\d+)/(?P<end>\d+)/")
_ROOT = {"bikeList": "rentBikeStatus"}


def _spot(n: int) -> tuple[float, float]:
    """Spread over Seoul's extent (about 37.43–37.70 N, 126.80–127.18 E)."""
    return 37.43 + (n * 7919 % 2700) / 2700 * 0.27, 126.80 + (n * 104729 % 3001) / 3001 * 0.38


def bike_rows(count: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    for n in range(count):
        lat, lon = _spot(n)
        racks = 10 + n % 11
        bikes = (n * 13) % (racks + 6)  # some stations hold more bikes than racks
        rows.append({
            "rackTotCnt": str(racks),
            "stationName": f"{101 + n}. 정류소 {n}번 앞",
            "parkingBikeTotCnt": str(bikes),
            "shared": str(round(bikes / racks * 100)),
            "stationLatitude": f"{lat:.8f}",
            "stationLongitude": f"{lon:.8f}",
            "stationId": f"ST-{n + 1}",
        })
    return rows


def lot_rows(count: int) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """GetParkInfo rows (a second row for every other lot, as the service repeats lots
    per fee or operating variant) and GetParkingInfo rows (one per lot)."""
    info: list[dict[str, object]] = []
    live: list[dict[str, object]] = []
    for n in range(count):
        lat, lon = _spot(n + 5000)
        code = f"{1000000 + n}"
        total = 20 + n % 200
        row: dict[str, object] = {
            "PKLT_CD": code, "PKLT_NM": f"공영주차장 {n}", "ADDR": f"서울특별시 구 동 {n}",
            "PKLT_TYPE": "NW", "PRK_TYPE_NM": "노외 주차장", "OPER_SE": "1",
            "OPER_SE_NM": "시간제 주차장", "TELNO": f"02-2241-{n % 10000:04d}",
            "PRK_STTS_YN": "1", "PRK_STTS_NM": "현재~20분이내 연계데이터 존재(현재 주차대수 표현)",
            "TPKCT": float(total), "NOW_PRK_VHCL_CNT": 0.0, "NOW_PRK_VHCL_UPDT_TM": "",
            "PAY_YN": "Y", "PAY_YN_NM": "유료", "NGHT_PAY_YN": "N", "NGHT_PAY_YN_NM": "야간 미개방",
            "WD_OPER_BGNG_TM": "0900", "WD_OPER_END_TM": "2100", "WE_OPER_BGNG_TM": "0900",
            "WE_OPER_END_TM": "1800", "LHLDY_OPER_BGNG_TM": "", "LHLDY_OPER_END_TM": "",
            "SAT_CHGD_FREE_SE": "N", "SAT_CHGD_FREE_NM": "무료", "LHLDY_CHGD_FREE_SE": "N",
            "LHLDY_CHGD_FREE_SE_NAME": "무료", "PRD_AMT": "176000", "STRT_PKLT_MNG_NO": "",
            "BSC_PRK_CRG": 150.0, "BSC_PRK_HR": 5.0, "ADD_PRK_CRG": 150.0, "ADD_PRK_HR": 5.0,
            "BUS_BSC_PRK_CRG": 0.0, "BUS_BSC_PRK_HR": 0.0, "BUS_ADD_PRK_HR": 0.0,
            "BUS_ADD_PRK_CRG": 0.0, "DAY_MAX_CRG": 9000.0, "LAT": lat, "LOT": lon,
            "SHRN_PKLT_MNG_NM": "", "SHRN_PKLT_MNG_URL": "", "SHRN_PKLT_YN": "N",
            "SHRN_PKLT_ETC": "",
        }
        info.append(row)
        if n % 2:
            info.append({**row, "LHLDY_OPER_BGNG_TM": "0900", "LHLDY_OPER_END_TM": "1800"})
        live.append({**row, "NOW_PRK_VHCL_CNT": float(n * 7 % (total + 1)),
                     "NOW_PRK_VHCL_UPDT_TM": "2026-11-23 08:59:41"})
    return info, live


def windows(service: str, rows: list[dict[str, object]]) -> dict[int, bytes]:
    """Every 1,000-row window's answer, encoded once (the fake's cost is not the kiosk's)."""
    root = _ROOT.get(service, service)
    out: dict[int, bytes] = {}
    for start in range(1, len(rows) + 1, WINDOW):
        part = rows[start - 1:start - 1 + WINDOW]
        doc = {root: {"list_total_count": len(part),
                      "RESULT": {"CODE": "INFO-000", "MESSAGE": "정상 처리되었습니다"},
                      "row": part}}
        out[start] = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    return out


def _serve(stations: int, lots: int, conn: Connection) -> None:
    """Child process: the fake Seoul Open API until told to stop."""
    info, live = lot_rows(lots)
    pages = {"bikeList": windows("bikeList", bike_rows(stations)),
             "GetParkInfo": windows("GetParkInfo", info),
             "GetParkingInfo": windows("GetParkingInfo", live)}
    asked: dict[str, int] = {name: 0 for name in pages}
    empty = {"RESULT": {"CODE": "INFO-200", "MESSAGE": "해당하는 데이터가 없습니다."}}

    def respond(request: Request) -> Reply:
        match = _PATH.match(request.path)
        if not match or match["key"] != KEY or match["service"] not in pages:
            return Reply(200, json.dumps({"RESULT": {"CODE": "INFO-100",
                                                     "MESSAGE": "인증키가 유효하지 않습니다."}}
                                         ).encode())
        start, end = int(match["start"]), int(match["end"])
        if end - start + 1 > WINDOW:
            return Reply(200, json.dumps({"RESULT": {"CODE": "ERROR-336"}}).encode())
        asked[match["service"]] += 1
        body = pages[match["service"]].get(start)
        if body is None:
            root = _ROOT.get(match["service"], match["service"])
            return Reply(200, json.dumps({root: empty}, ensure_ascii=False).encode())
        return Reply(200, body)

    with LoopbackServer(respond) as server:
        conn.send(server.port)
        while conn.recv() != "stop":
            conn.send(dict(asked))


def _rss_mb() -> float:
    return float(psutil.Process().memory_info().rss) / 2**20


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def run(stations: int, lots: int) -> dict[str, float | int]:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    server = ctx.Process(target=_serve, args=(stations, lots, child), daemon=True)
    server.start()
    figures: dict[str, float | int] = {"stations": stations, "lots": lots}
    try:
        port = parent.recv()
        base = f"http://127.0.0.1:{port}"
        area = {"center": list(CITY_HALL), "radius_m": 30_000}
        configs = [SourceConfig.from_mapping({"id": "seoul-bikes", "kind": "seoul_bike",
                                              "key": KEY, "url": base, **area}),
                   SourceConfig.from_mapping({"id": "seoul-parking", "kind": "seoul_parking",
                                              "key": KEY, "url": base, **area})]
        with tempfile.TemporaryDirectory(prefix="seoul-bench-") as tmp:
            engine = create_db_engine(f"sqlite:///{Path(tmp) / 'kiosk.db'}")
            try:
                migrate.upgrade(engine)
                reader, writer = session_factories(engine)
                hub = HubSyncService(uow=SqlUnitOfWorkFactory(reader, writer), clock=utc_now)
                runner = SyncRunner([build_source(c) for c in configs], hub, owner="bench")
                rss_before = _rss_mb()
                t0 = time.perf_counter()
                outcomes = runner.run_once()
                figures["initial_sync_s"] = time.perf_counter() - t0
                figures["initial_peak_rss_growth_mb"] = _peak_rss_mb() - rss_before
                figures["process_peak_rss_mb"] = _peak_rss_mb()
                bad = [o for o in outcomes if o.outcome != "applied"]
                if bad:
                    raise RuntimeError(f"sync did not apply: {bad}")
                stored = {c.id: len(hub.listings_of(c.id)) for c in configs}
                figures["stations_stored"] = stored["seoul-bikes"]
                figures["lots_stored"] = stored["seoul-parking"]
                t0 = time.perf_counter()
                outcomes = runner.run_once()
                figures["next_sync_s"] = time.perf_counter() - t0
                if any(o.outcome not in ("applied", "not_modified") for o in outcomes):
                    raise RuntimeError(f"second sync failed: {outcomes}")
            finally:
                engine.dispose()
        parent.send("asked")
        asked = parent.recv()
        figures["requests"] = sum(asked.values())
    finally:
        parent.send("stop")
        server.join(timeout=30)
        if server.is_alive():
            server.terminate()
            server.join()
        parent.close()
        child.close()
    if figures["stations_stored"] != stations or figures["lots_stored"] != lots:
        raise RuntimeError(f"stored {figures['stations_stored']} stations and "
                           f"{figures['lots_stored']} lots, expected {stations} and {lots}")
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stations", type=int, default=2700)
    parser.add_argument("--lots", type=int, default=1000)
    parser.add_argument("--json", action="store_true", help="print figures as JSON")
    args = parser.parse_args(argv)
    figures = run(args.stations, args.lots)
    if args.json:
        print(json.dumps(figures))
        return 0
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        text = f"{value:,.3f}" if isinstance(value, float) else f"{value:,}"
        print(f"{key:<{width}}  {text}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
