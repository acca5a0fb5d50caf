"""The kiosk:// URL scheme: everything the page loads is answered from this process.

``register_url_scheme()`` must run before the QApplication exists (Chromium reads the
scheme list once at start-up). The request guard blocks and reports every request
that would leave the machine, so a regression shows up as a signal, not as traffic.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections import deque
from concurrent.futures import Future
from functools import partial
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from kiosk.map.page import HOST, QWEBCHANNEL_JS, SCHEME
from kiosk.map.resources import MapResources

log = logging.getLogger("kiosk.map.scheme")

SCHEME_BYTES = SCHEME.encode("ascii")
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})
_registered = False


def _strip_flags(flags: str, drop_prefixes: tuple[str, ...]) -> str:
    return " ".join(f for f in flags.split() if not f.startswith(drop_prefixes))


def register_url_scheme(*, disable_pinch: bool = True, allow_devtools: bool = False) -> None:
    """Register kiosk:// with Chromium and set kiosk-safe engine flags.

    Call from the composition root before creating the QApplication. Idempotent.
    ``disable_pinch`` stops the browser's own pinch zoom (the map zooms by Leaflet);
    unless ``allow_devtools``, remote debugging switches are removed from the process.
    """
    global _registered
    flags = os.environ.get("QTWEBENGINE_CHROMIUM_FLAGS", "")
    if not allow_devtools:
        os.environ.pop("QTWEBENGINE_REMOTE_DEBUGGING", None)
        flags = _strip_flags(flags, ("--remote-debugging", "--auto-open-devtools"))
    if disable_pinch and "--disable-pinch" not in flags.split():
        flags = (flags + " --disable-pinch").strip()
    os.environ["QTWEBENGINE_CHROMIUM_FLAGS"] = flags
    if _registered or QWebEngineUrlScheme.schemeByName(QByteArray(SCHEME_BYTES)).name():
        _registered = True
        return
    scheme = QWebEngineUrlScheme(SCHEME_BYTES)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setDefaultPort(QWebEngineUrlScheme.SpecialPort.PortUnspecified.value)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalAccessAllowed
        | QWebEngineUrlScheme.Flag.CorsEnabled
        | QWebEngineUrlScheme.Flag.FetchApiAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)
    _registered = True


def is_local_url(url: QUrl) -> bool:
    """True for URLs that never leave the machine: our scheme, the channel script, data."""
    scheme = url.scheme().lower()
    if scheme == SCHEME:
        return url.host().lower() == HOST
    if scheme == "qrc":
        return url.toString() == QWEBCHANNEL_JS
    return scheme in LOCAL_SCHEMES


class RequestGuard(QWebEngineUrlRequestInterceptor):
    """Blocks and reports every request that is not answered locally."""

    blocked = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.seen: deque[str] = deque(maxlen=2000)
        self.blocked_urls: list[str] = []

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:
        url = info.requestUrl()
        text = url.toString()
        self.seen.append(text)
        if is_local_url(url):
            return
        info.block(True)
        self.blocked_urls.append(text[:500])
        del self.blocked_urls[:-200]
        log.warning("blocked a request leaving the kiosk: %s", text[:200])
        self.blocked.emit(text)


class _Relay(QObject):
    """Carries "this path's answer is done" from a worker onto the GUI thread."""

    done = Signal(str)


class SchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers kiosk://app/... from a MapResources. What is still being made on a worker
    (the page, the listings, the basemap) is answered once it is done; the GUI thread
    never waits for it."""

    def __init__(self, resources: MapResources, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.resources = resources
        self._waiting: dict[str, list[QWebEngineUrlRequestJob]] = {}
        self._relay = _Relay(self)
        self._relay.done.connect(self._work_done)

    def _from_worker(self, path: str, _done: Future[Any]) -> None:
        # RuntimeError: the view was closed before the work was done.
        with contextlib.suppress(RuntimeError):
            self._relay.done.emit(path)

    def _work_done(self, path: str) -> None:
        for job in self._waiting.pop(path, []):
            self._answer(job, path)

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        if url.host().lower() != HOST:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        if bytes(job.requestMethod().data()) != b"GET":
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        self._answer(job, url.path().lstrip("/"))

    def _answer(self, job: QWebEngineUrlRequestJob, path: str) -> None:
        try:
            work = self.resources.pending(path)
            if work is not None:
                jobs = self._waiting.setdefault(path, [])
                jobs.append(job)
                if len(jobs) == 1:
                    work.add_done_callback(partial(self._from_worker, path))
                return
            resource = self.resources.resolve(path)
        except RuntimeError:  # the page went away while it waited
            return
        except Exception:
            log.exception("failed to answer kiosk://%s/%s", HOST, path[:200])
            with contextlib.suppress(RuntimeError):
                job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        if resource is None:
            log.warning("not found: kiosk://%s/%s", HOST, path[:200])
            with contextlib.suppress(RuntimeError):
                job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self._reply(job, resource.data, resource.mime)

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, data: bytes, mime: str) -> None:
        try:
            buffer = QBuffer(job)
            buffer.setData(QByteArray(data))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            job.reply(QByteArray(mime.encode("ascii")), buffer)
        except RuntimeError:  # the page went away while we were answering
            pass
