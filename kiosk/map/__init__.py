"""The kiosk's offline map: page builder, local tile packs, and the Qt web view.

``view``, ``scheme`` (QtWebEngine) and ``bridge`` (QtCore) import Qt; ``view`` and
``scheme`` are the only modules of the product that import QtWebEngine/QtWebChannel.
Everything else here works without a display, for the CLI and for services.
"""

from kiosk.map.listing import KINDS, MapListing

__all__ = ["KINDS", "MapListing"]
