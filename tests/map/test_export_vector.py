"""An exported map folder carries its vector street pack and the npm bundles that draw
it, and shows the streets from files alone (no server, no network)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineProfile,
    QWebEngineUrlRequestInterceptor,
)
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.map.assets import NPM_PACKAGES
from kiosk.map.export import export_map
from tests.map.conftest import page_js, wait_for
from tests.map.vector_pack import CENTER, build_vector_pack


class Page(QWebEnginePage):
    """Keeps the page's console to itself: errors fail the test, Chromium's performance
    hints (a canvas read back by the test's own probe) do not."""

    def __init__(self, profile: QWebEngineProfile, parent: QWidget) -> None:
        super().__init__(profile, parent)
        self.errors: list[str] = []

    def javaScriptConsoleMessage(self, level: Any, message: str, line: int,
                                 source: str) -> None:
        if level == QWebEnginePage.JavaScriptConsoleMessageLevel.ErrorMessageLevel:
            self.errors.append(f"{source}:{line}: {message}")


class FilesOnly(QWebEngineUrlRequestInterceptor):
    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def interceptRequest(self, info: Any) -> None:
        self.seen.append(info.requestUrl().toString())
        info.block(info.requestUrl().scheme() != "file")


def test_an_exported_folder_draws_its_street_pack_from_files(tmp_path: Path, qapp: Any) -> None:
    pack = build_vector_pack(tmp_path / "streets.pmtiles")
    report = export_map(tmp_path / "site", center=CENTER, center_label="101동 로비",
                        tile_packs=[pack], include_dongs=False)
    site = report.directory
    assert (site / "data" / "vpack.js").is_file()
    for pkg in NPM_PACKAGES:
        assert (site / "npm" / pkg.name / pkg.file).is_file()
    assert not (site / "tiles").exists()  # a vector pack is not cut into raster files

    holder = QWidget()
    profile = QWebEngineProfile()
    guard = FilesOnly()
    guard.setParent(profile)
    profile.setUrlRequestInterceptor(guard)
    view = QWebEngineView(holder)
    page = Page(profile, view)
    view.setPage(page)
    profile.setParent(holder)
    view.resize(1024, 700)
    holder.show()
    view.load(QUrl.fromLocalFile(str(site / "index.html")))

    class Wrapped:
        web_view = view

    try:
        wait_for(lambda: page_js(Wrapped, "document.documentElement.dataset.kioskReady || ''",
                                 30000) == "true", 60000)
        wait_for(lambda: page_js(Wrapped, "KioskMap.vectorInfo().drawn", 30000) >= 4, 30000)
        assert page_js(Wrapped, "KioskMap.vectorInfo().layer", 30000) is True
        assert guard.seen and all(url.startswith("file://") for url in guard.seen)
        assert page.errors == []
    finally:
        holder.close()
        holder.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
