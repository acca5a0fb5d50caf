"""Plain-language text for refusals, kinds and times, through Qt's translation system."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from kiosk.domain.clock import to_local
from kiosk.domain.resources import ResourceKind


def tr(text: str) -> str:
    return QCoreApplication.translate("kiosk", text)


def kind_label(kind: ResourceKind) -> str:
    return {
        ResourceKind.PARKING: tr("주차"),
        ResourceKind.BIKE: tr("자전거"),
        ResourceKind.SPACE: tr("공간"),
        ResourceKind.ITEM: tr("물품"),
        ResourceKind.OTHER: tr("기타 안내"),
    }[kind]


def clock_text(moment: datetime) -> str:
    return to_local(moment).strftime("%H:%M")
