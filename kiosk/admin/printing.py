"""Printed paper for the desk: the PIN slip handed to a household, the daily sheet.

Both are PDF files (any PC can print them); the text is laid out by QTextDocument.
"""

from __future__ import annotations

import html
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from kiosk.admin.text import in_language, status_label, tr
from kiosk.domain.clock import to_local
from kiosk.services.reports import SheetLine


def _write(path: Path, body: str, size: QPageSize.PageSizeId, landscape: bool = False) -> None:
    tmp = path.with_name(path.name + ".part")
    writer = QPdfWriter(str(tmp))
    writer.setResolution(300)
    writer.setPageSize(QPageSize(size))
    writer.setPageOrientation(QPageLayout.Orientation.Landscape if landscape
                              else QPageLayout.Orientation.Portrait)
    writer.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    document = QTextDocument()
    document.setDefaultStyleSheet("body { font-family: 'Noto Sans CJK KR', sans-serif; }"
                                  " td, th { padding: 4px 6px; }"
                                  " th { background: #eeeeee; text-align: left; }")
    document.setHtml(body)
    rect = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    document.print_(writer)
    del writer
    tmp.replace(path)


def write_pin_slip(path: Path, village: str, household: str, pin: str,
                   issued: datetime, by: str) -> None:
    """An A6 slip: the new PIN, how to use it, and a reminder to change nothing else."""
    body = f"""
    <h2>{html.escape(village)}</h2>
    <p style="font-size: 14pt;">{html.escape(tr("키오스크 예약 PIN 안내"))}</p>
    <table border="1" cellspacing="0" width="100%">
    <tr><th>{html.escape(tr("세대"))}</th><td style="font-size: 16pt;">{html.escape(household)}
    </td></tr>
    <tr><th>{html.escape(tr("새 PIN"))}</th>
    <td style="font-size: 28pt; font-weight: bold; letter-spacing: 6px;">{html.escape(pin)}</td>
    </tr></table>
    <p>{html.escape(tr("로비 키오스크에서 동·호와 이 PIN 4자리를 누르면 예약할 수 있습니다. "
                       "이전 PIN은 더 이상 쓰이지 않습니다. 이 종이는 다른 사람에게 "
                       "보이지 마세요."))}</p>
    <p style="color: #555;">{html.escape(tr("발급"))}: {to_local(issued):%Y-%m-%d %H:%M}
    · {html.escape(by)}</p>
    """
    _write(path, body, QPageSize.PageSizeId.A6)


def write_daily_sheet(path: Path, village: str, day: date, lines: list[SheetLine],
                      printed: datetime) -> None:
    """Today's bookings for the management office, in time order, on A4 landscape."""
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in (
            f"{to_local(s.start):%H:%M}-{to_local(s.end):%H:%M}",
            in_language(s.resource, s.resource_en), s.household,
            s.code, status_label(s.status), s.plate or "", str(s.units))) + "<td></td></tr>"
        for s in sorted(lines, key=lambda s: (s.start, s.resource, s.code)))
    if not rows:
        rows = f"<tr><td colspan='8'>{html.escape(tr('오늘은 예약이 없습니다.'))}</td></tr>"
    headers = (tr("시간"), tr("자원"), tr("세대"), tr("코드"), tr("상태"), tr("차량번호"),
               tr("수량"), tr("확인"))
    body = f"""
    <h2>{html.escape(village)} — {html.escape(tr("오늘의 예약"))} {day:%Y-%m-%d}</h2>
    <p>{html.escape(tr("{n}건").format(n=len(lines)))} · {html.escape(tr("출력"))}
    {to_local(printed):%Y-%m-%d %H:%M}</p>
    <table border="1" cellspacing="0" width="100%">
    <tr>{"".join(f"<th>{html.escape(h)}</th>" for h in headers)}</tr>
    {rows}
    </table>
    """
    _write(path, body, QPageSize.PageSizeId.A4, landscape=True)
