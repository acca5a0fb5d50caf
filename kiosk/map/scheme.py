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
from kiosk.map.resources import BASEMAP_PATH, MapResources

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
    """Carries a finished background result onto the GUI thread."""

    done = Signal(object)


class SchemeHandler(QWebEngineUrlSchemeHandler):
    """Answers kiosk://app/... from a MapResources; the basemap may arrive later."""

    def __init__(self, resources: MapResources, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.resources = resources
        self._pending: list[QWebEngineUrlRequestJob] = []
        self._basemap: bytes | None = None
        self._relay = _Relay(self)
        self._relay.done.connect(self._basemap_done)
        future = resources.basemap
        if future is not None:
            future.add_done_callback(self._from_worker)

    def _from_worker(self, future: Future[dict[str, Any]]) -> None:
        # RuntimeError: the view was closed before the basemap was ready.
        with contextlib.suppress(RuntimeError):
            self._relay.done.emit(future)

    def _basemap_done(self, future: Future[dict[str, Any]]) -> None:
        try:
            basemap = future.result()
        except Exception:
            log.exception("vector basemap failed; the map shows no boundaries")
            basemap = {"type": "FeatureCollection", "features": []}
        self._basemap = MapResources.basemap_document(basemap)
        pending, self._pending = self._pending, []
        for job in pending:
            self._reply(job, self._basemap, "application/json")

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:
        url = job.requestUrl()
        if url.host().lower() != HOST:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        if bytes(job.requestMethod().data()) != b"GET":
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        path = url.path().lstrip("/")
        if path == BASEMAP_PATH:
            self._serve_basemap(job)
            return
        try:
            resource = self.resources.resolve(path)
        except Exception:
            log.exception("failed to answer %s", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        if resource is None:
            log.warning("not found: %s", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self._reply(job, resource.data, resource.mime)

    def _serve_basemap(self, job: QWebEngineUrlRequestJob) -> None:
        if self._basemap is not None:
            self._reply(job, self._basemap, "application/json")
        elif self.resources.basemap is None:
            self._reply(job, b'{"type":"FeatureCollection","features":[]}', "application/json")
        else:
            self._pending.append(job)

    @staticmethod
    def _reply(job: QWebEngineUrlRequestJob, data: bytes, mime: str) -> None:
        try:
            buffer = QBuffer(job)
            buffer.setData(QByteArray(data))
            buffer.open(QIODevice.OpenModeFlag.ReadOnly)
            job.reply(QByteArray(mime.encode("ascii")), buffer)
        except RuntimeError:  # the page went away while we were answering
            pass
