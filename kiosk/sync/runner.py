"""The sync engine: runs every configured source on its schedule off the GUI thread,
hands each fetch to the apply service, and tells the UI when data changed.

Sources run independently, each sync in its own worker thread and within one total
deadline (`deadline_s`, all its requests together): a slow or dripping feed delays
only itself, never the other sources.

No Qt here: the composition root passes `on_applied`, which runs on the sync thread;
a Qt caller re-posts it to the GUI thread (e.g. with a queued signal).

Offline is normal: a failed fetch leaves the stored listings as they are (the read
side marks their figures stale), and the source is retried with backoff and jitter.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from kiosk.domain.clock import utc_now
from kiosk.domain.hub import LeaseLost, SyncState
from kiosk.sync.base import Source
from kiosk.sync.config import SourceConfig
from kiosk.sync.errors import ConfigError, SyncError, redact
from kiosk.sync.http import Fetcher, fetch_deadline
from kiosk.sync.records import FetchResult
from kiosk.sync.registry import build_source
from kiosk.sync.scheduler import backoff_delay, failure_delay, next_attempt

log = logging.getLogger("kiosk.sync")

Clock = Callable[[], datetime]
UNEXPECTED_LABEL = "unexpected"
BUSY_RETRY_S = 30.0
DEFAULT_DEADLINE_S = 60.0


class ClaimLike(Protocol):
    @property
    def acquired(self) -> bool: ...
    @property
    def state(self) -> SyncState: ...
    @property
    def reason(self) -> str | None: ...


class ReportLike(Protocol):
    @property
    def source_id(self) -> str: ...
    @property
    def applied(self) -> bool: ...
    @property
    def changed(self) -> bool: ...
    @property
    def refused(self) -> str | None: ...
    @property
    def attention(self) -> bool: ...


class Applier(Protocol):
    """What the runner needs from the hub sync service (kiosk.services.hub_sync)."""

    def claim(
        self, source_id: str, owner: str, *, kind: str = "", interval_s: int = 60,
        if_due: bool = True,
    ) -> ClaimLike: ...

    def apply(
        self, batch: FetchResult, *, owner: str, next_attempt_at: datetime,
        retry_at: datetime, accept_shrink: bool = False,
    ) -> ReportLike: ...

    def record_failure(
        self, source_id: str, *, owner: str, label: str, message: str,
        next_attempt_at: datetime, needs_attention: bool = False,
    ) -> SyncState: ...

    def release(self, source_id: str, owner: str) -> None: ...


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """The result of one attempt at one source.

    `outcome`: "applied", "not_modified", "refused", "failed", "busy" (another kiosk is
    syncing it), "not_due" (another kiosk synced it recently) or "lease_lost".
    `error_label` / `message` are set for failures; messages never contain a key.
    """

    source_id: str
    outcome: str
    message: str = ""
    error_label: str | None = None
    config_error: bool = False
    report: ReportLike | None = None
    next_at: datetime | None = None

    @property
    def ok(self) -> bool:
        return self.outcome in ("applied", "not_modified", "not_due")


def default_owner(kiosk_id: str = "kiosk") -> str:
    """A lease owner name unique to this process: kiosk id, host, pid, random suffix."""
    return f"{kiosk_id}@{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class SyncRunner:
    """Runs sources off the GUI thread. `start()` / `stop()`; `sync_now()` to hurry.

    `run_once()` does one synchronous pass (the CLI's `kiosk sync now`).
    """

    def __init__(
        self,
        sources: Sequence[Source],
        applier: Applier,
        *,
        owner: str | None = None,
        on_applied: Callable[[SyncOutcome], None] | None = None,
        clock: Clock = utc_now,
        jitter: Callable[[], float] = random.random,
        deadline_s: float = DEFAULT_DEADLINE_S,
    ) -> None:
        if not deadline_s > 0:
            raise ValueError("deadline_s must be positive")
        ids = [s.config.id for s in sources]
        if len(set(ids)) != len(ids):
            raise ValueError("source ids must be unique")
        self._sources = {s.config.id: s for s in sources if s.config.enabled}
        self._applier = applier
        self.owner = owner or default_owner()
        self._on_applied = on_applied
        self._clock = clock
        self._jitter = jitter
        self._next: dict[str, datetime | None] = dict.fromkeys(self._sources)
        self._urgent: set[str] = set()
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._deadline_s = deadline_s
        self._running: set[str] = set()
        self._workers: dict[str, threading.Thread] = {}
        self.last_outcomes: dict[str, SyncOutcome] = {}

    @property
    def source_ids(self) -> list[str]:
        return list(self._sources)

    # -- lifecycle ---------------------------------------------------------------

    def start(self) -> None:
        """Start the background thread (idempotent)."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._loop, name="kiosk-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> bool:
        """Ask the thread to finish and wait; True when it ended within `timeout`.

        A fetch in progress ends at the fetcher's own time limits; nothing half-applied
        is left either way, since an apply is one transaction.
        """
        self._stopping.set()
        self._wake.set()
        end = time.monotonic() + timeout
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                return False
            self._thread = None
        with self._lock:
            workers = list(self._workers.values())
        for worker in workers:
            worker.join(max(0.0, end - time.monotonic()))
        return not any(w.is_alive() for w in workers)

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def sync_now(self, source_id: str | None = None) -> None:
        """Fetch `source_id` (or every source) as soon as the thread is free."""
        if source_id is not None and source_id not in self._sources:
            raise KeyError(source_id)
        with self._lock:
            self._urgent |= {source_id} if source_id else set(self._sources)
        self._wake.set()

    # -- one pass ------------------------------------------------------------------

    def run_once(
        self, source_id: str | None = None, *, force: bool = True, full: bool = False,
        accept_shrink: bool = False,
    ) -> list[SyncOutcome]:
        """Sync one or every source now, in this thread. `force` ignores the schedule;
        `full` ignores stored ETags and cursors (a complete re-read)."""
        if source_id is not None and source_id not in self._sources:
            raise KeyError(source_id)
        ids = [source_id] if source_id else list(self._sources)
        if len(ids) == 1:
            return [self.sync_source(ids[0], force=force, full=full,
                                     accept_shrink=accept_shrink)]
        # Side by side: the pass takes as long as the slowest source, not their sum.
        outcomes: dict[str, SyncOutcome] = {}

        def one(sid: str) -> None:
            outcomes[sid] = self.sync_source(sid, force=force, full=full,
                                             accept_shrink=accept_shrink)

        threads = [threading.Thread(target=one, args=(i,), name=f"kiosk-sync-{i}",
                                    daemon=True) for i in ids]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return [outcomes[i] for i in ids]

    def sync_source(
        self, source_id: str, *, force: bool = False, full: bool = False,
        accept_shrink: bool = False,
    ) -> SyncOutcome:
        """Claim, fetch, apply (or record the failure). Never raises for feed problems."""
        source = self._sources[source_id]
        with self._lock:
            if source_id in self._running:
                return SyncOutcome(source_id, "busy", "this source is already being synced")
            self._running.add(source_id)
        return self._run_marked(source, force=force, full=full, accept_shrink=accept_shrink)

    def _run_marked(
        self, source: Source, *, force: bool, full: bool = False, accept_shrink: bool = False
    ) -> SyncOutcome:
        """Sync a source already marked running; unmark it and wake the loop after."""
        try:
            return self._sync_claimed(source, force=force, full=full,
                                      accept_shrink=accept_shrink)
        finally:
            with self._lock:
                self._running.discard(source.config.id)
            self._wake.set()

    def _sync_claimed(
        self, source: Source, *, force: bool, full: bool, accept_shrink: bool
    ) -> SyncOutcome:
        cfg = source.config
        source_id = cfg.id
        try:
            outcome = self._sync(source, force=force, full=full, accept_shrink=accept_shrink)
        except Exception as exc:  # storage trouble: keep the thread alive, retry later
            message = redact(f"{type(exc).__name__}: {exc}", cfg.secrets)
            log.error("sync %s: %s", source_id, message)
            outcome = SyncOutcome(
                source_id, "failed", message, UNEXPECTED_LABEL,
                next_at=self._clock() + timedelta(seconds=backoff_delay(3, jitter=self._jitter())),
            )
        with self._lock:
            self._next[source_id] = outcome.next_at
            self.last_outcomes[source_id] = outcome
        if outcome.outcome == "applied" and self._on_applied is not None:
            try:
                self._on_applied(outcome)
            except Exception:
                log.exception("sync %s: the on_applied callback failed", source_id)
        return outcome

    def _sync(
        self, source: Source, *, force: bool, full: bool, accept_shrink: bool
    ) -> SyncOutcome:
        cfg = source.config
        sid = cfg.id
        claim = self._applier.claim(
            sid, self.owner, kind=cfg.kind, interval_s=cfg.interval_s, if_due=not force
        )
        state = claim.state
        if not claim.acquired:
            if claim.reason == "not_due":
                return SyncOutcome(sid, "not_due", next_at=state.next_attempt_at)
            later = self._clock() + timedelta(seconds=BUSY_RETRY_S)
            log.info("sync %s: another kiosk is syncing it", sid)
            return SyncOutcome(sid, "busy", "another kiosk is syncing this source", next_at=later)
        try:
            with fetch_deadline(self._deadline_s):
                result = source.fetch(
                    etag=None if full else state.etag,
                    last_modified=None if full else state.last_modified,
                    cursor=None if full else state.cursor,
                )
        except SyncError as exc:
            return self._failed(sid, state, exc, str(exc), cfg.secrets)
        except Exception as exc:  # a defect, not a feed problem: still shown and retried
            log.exception("sync %s: unexpected failure while fetching", sid)
            message = redact(f"{type(exc).__name__}: {exc}", cfg.secrets)
            next_at = self._clock() + timedelta(
                seconds=backoff_delay(state.failures + 1, jitter=self._jitter())
            )
            self._applier.record_failure(
                sid, owner=self.owner, label=UNEXPECTED_LABEL, message=message,
                next_attempt_at=next_at,
            )
            return SyncOutcome(sid, "failed", message, UNEXPECTED_LABEL, next_at=next_at)
        now = self._clock()
        ok_at = next_attempt(now, interval_s=cfg.interval_s, ttl_s=result.ttl_s)
        retry_at = now + timedelta(
            seconds=backoff_delay(state.failures + 1, jitter=self._jitter())
        )
        try:
            report = self._applier.apply(
                result, owner=self.owner, next_attempt_at=ok_at, retry_at=retry_at,
                accept_shrink=accept_shrink,
            )
        except LeaseLost as exc:
            log.warning("sync %s: %s", sid, exc)
            return SyncOutcome(sid, "lease_lost", str(exc), next_at=ok_at)
        if report.refused and report.attention:
            log.warning("sync %s: %s", sid, report.refused)
            return SyncOutcome(sid, "failed", report.refused, "no usable rows",
                               config_error=True, report=report, next_at=ok_at)
        if report.refused:
            log.warning("sync %s: %s", sid, report.refused)
            return SyncOutcome(sid, "refused", report.refused, "refused", report=report,
                               next_at=retry_at)
        kind = "not_modified" if result.not_modified else "applied"
        log.info("sync %s: %s %s", sid, kind, dict(result.summary()))
        return SyncOutcome(sid, kind, report=report, next_at=ok_at)

    def _failed(
        self, sid: str, state: SyncState, exc: SyncError, text: str, secrets: Sequence[str]
    ) -> SyncOutcome:
        message = redact(text, secrets)
        failures = state.failures + 1
        now = self._clock()
        next_at = now + timedelta(seconds=failure_delay(exc, failures, jitter=self._jitter()))
        config = isinstance(exc, ConfigError)
        self._applier.record_failure(
            sid, owner=self.owner, label=exc.label, message=message, next_attempt_at=next_at,
            needs_attention=config,
        )
        log.warning("sync %s: %s: %s (retry at %s)", sid, exc.label, message,
                    next_at.isoformat(timespec="seconds"))
        return SyncOutcome(sid, "failed", message, exc.label, config, next_at=next_at)

    # -- the thread ------------------------------------------------------------------

    def _due(self, now: datetime) -> list[tuple[str, bool]]:
        """(source id, forced) pairs: "sync now" requests first, then scheduled ones."""
        with self._lock:
            running = set(self._running)
            urgent = self._urgent - running
            self._urgent -= urgent  # a running source's "sync now" waits for its end
            due = [s for s, at in self._next.items()
                   if (at is None or at <= now) and s not in running]
        order = dict.fromkeys([*sorted(urgent), *due])
        return [(sid, sid in urgent) for sid in order]

    def _wait_s(self, now: datetime) -> float:
        with self._lock:
            running = set(self._running)
            if self._urgent - running:
                return 0.0
            idle = {s: at for s, at in self._next.items() if s not in running}
            times = [at for at in idle.values() if at is not None]
            if len(times) < len(idle):
                return 0.0
        if not times:
            return 60.0
        return max(0.0, min(60.0, (min(times) - now).total_seconds()))

    def _loop(self) -> None:
        while not self._stopping.is_set():
            for sid, forced in self._due(self._clock()):
                if self._stopping.is_set():
                    break
                with self._lock:
                    if sid in self._running:
                        continue
                    self._running.add(sid)
                    worker = threading.Thread(
                        target=self._run_marked, args=(self._sources[sid],),
                        kwargs={"force": forced}, name=f"kiosk-sync-{sid}", daemon=True,
                    )
                    self._workers[sid] = worker
                worker.start()
            if self._stopping.is_set():
                break
            self._wake.wait(self._wait_s(self._clock()))
            self._wake.clear()


def build_runner(
    configs: Sequence[SourceConfig],
    applier: Applier,
    *,
    kiosk_id: str = "kiosk",
    on_applied: Callable[[SyncOutcome], None] | None = None,
    fetcher: Fetcher | None = None,
) -> SyncRunner:
    """A runner for the configured sources (disabled ones are left out)."""
    sources = [build_source(cfg, fetcher) for cfg in configs if cfg.enabled]
    return SyncRunner(sources, applier, owner=default_owner(kiosk_id), on_applied=on_applied)
