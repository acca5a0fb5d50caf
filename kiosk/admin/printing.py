"""Printed paper for the desk: the PIN slip handed to a household, the daily sheet, an
event's attendance sheet.

Each is a ``Paper`` (HTML and a page size) that goes either to a PDF file (any PC
can print it later) or straight to a printer chosen in the print dialog; the text is
laid out by QTextDocument both ways, so both look the same.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPagedPaintDevice, QPageLayout, QPageSize, QPdfWriter, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QWidget

from kiosk.admin.text import in_language, status_label, tr
from kiosk.domain.clock import to_local
from kiosk.domain.events import Event, Signup
from kiosk.services.reports import SheetLine


@dataclass(frozen=True)
class Paper:
    """One printed page's content and its paper."""

    body: str
    size: QPageSize.PageSizeId
    landscape: bool = False


def _lay_out(device: QPagedPaintDevice, paper: Paper, resolution: int) -> QTextDocument:
    device.setPageSize(QPageSize(paper.size))
    device.setPageOrientation(QPageLayout.Orientation.Landscape if paper.landscape
                              else QPageLayout.Orientation.Portrait)
    device.setPageMargins(QMarginsF(12, 12, 12, 12), QPageLayout.Unit.Millimeter)
    document = QTextDocument()
    document.setDefaultStyleSheet("body { font-family: 'Noto Sans CJK KR', sans-serif; }"
                                  " td, th { padding: 4px 6px; }"
                                  " th { background: #eeeeee; text-align: left; }")
    document.setHtml(paper.body)
    rect = device.pageLayout().paintRectPixels(resolution)
    document.setPageSize(QSizeF(rect.width(), rect.height()))
    return document


def write_pdf(path: Path, paper: Paper) -> None:
    """Write next to the target and rename, so a failed write leaves no half file."""
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(b"")  # a missing folder or full disk is an OSError here, not a Qt warning
    writer = QPdfWriter(str(tmp))
    writer.setResolution(300)
    document = _lay_out(writer, paper, writer.resolution())
    document.print_(writer)
    del writer
    tmp.replace(path)


def print_on(printer: QPrinter, paper: Paper) -> None:
    """Send the paper to a printer already chosen (or a PDF-format QPrinter)."""
    document = _lay_out(printer, paper, printer.resolution())
    document.print_(printer)


def choose_printer(parent: QWidget | None, title: str) -> QPrinter | None:
    """The system print dialog; None when the volunteer cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(title)
    return printer if dialog.exec() else None


def pin_slip(village: str, household: str, pin: str, issued: datetime, by: str) -> Paper:
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
    return Paper(body, QPageSize.PageSizeId.A6)


def neighbour_slip(village: str, member: str, name_masked: str, pin: str,
                   expires_on: date | None, issued: datetime, by: str) -> Paper:
    """The household slip's twin for a neighbour member: member id instead of 동·호, and
    how to sign in with it (or the phone's last four digits) at the kiosk."""
    until = expires_on.isoformat() if expires_on else tr("해지할 때까지")
    body = f"""
    <h2>{html.escape(village)}</h2>
    <p style="font-size: 14pt;">{html.escape(tr("이웃 회원 예약 PIN 안내"))}</p>
    <table border="1" cellspacing="0" width="100%">
    <tr><th>{html.escape(tr("회원번호"))}</th><td style="font-size: 16pt;">{html.escape(member)}
    {html.escape(name_masked)}</td></tr>
    <tr><th>{html.escape(tr("새 PIN"))}</th>
    <td style="font-size: 28pt; font-weight: bold; letter-spacing: 6px;">{html.escape(pin)}</td>
    </tr>
    <tr><th>{html.escape(tr("유효기간"))}</th><td>{html.escape(until)}</td></tr></table>
    <p>{html.escape(tr("로비 키오스크에서 '이웃 회원'을 고르고 회원번호(또는 전화번호 끝 "
                       "4자리)와 이 PIN 4자리를 누르면 이웃에게 열린 공간을 예약할 수 "
                       "있습니다. 이 종이는 다른 사람에게 보이지 마세요."))}</p>
    <p style="color: #555;">{html.escape(tr("발급"))}: {to_local(issued):%Y-%m-%d %H:%M}
    · {html.escape(by)}</p>
    """
    return Paper(body, QPageSize.PageSizeId.A6)


def daily_sheet(village: str, day: date, lines: list[SheetLine], printed: datetime) -> Paper:
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
    return Paper(body, QPageSize.PageSizeId.A4, landscape=True)


def attendance_sheet(village: str, event: Event, signups: list[Signup],
                     printed: datetime) -> Paper:
    """An event's households by 동·호 with a box to tick at the door, on A4 portrait; the
    event's title, time and place on top. No PIN and no phone number is ever printed."""
    start = to_local(event.start)
    time = f"{start:%Y-%m-%d %H:%M}"
    if event.end is not None:
        end = to_local(event.end)
        time += f"–{end:%H:%M}" if end.date() == start.date() else f" – {end:%Y-%m-%d %H:%M}"
    # Big enough to read and tick standing at the door: 16 pt households, 22 pt boxes.
    rows = "".join(
        f"<tr><td width='8%'>{i}</td><td width='32%' style='font-size: 16pt;'>"
        f"{html.escape(s.household)}</td>"
        f"<td width='18%' align='center' style='font-size: 22pt;'>&#9744;</td>"
        f"<td width='42%'></td></tr>"
        for i, s in enumerate(signups, start=1))
    if not rows:
        rows = f"<tr><td colspan='4'>{html.escape(tr('신청한 세대가 없습니다.'))}</td></tr>"
    headers = ("#", tr("동·호"), tr("출석"), tr("메모"))
    facts = [tr("시간") + ": " + time]
    if event.place:
        facts.append(tr("장소") + ": " + event.place)
    facts.append(tr("신청 {n}세대 / {seats}자리").format(n=len(signups), seats=event.seats))
    body = f"""
    <h1 style="font-size: 22pt;">{html.escape(event.title_ko)}</h1>
    <p style="font-size: 12pt;">{html.escape(village)} — {html.escape(tr("출석부"))}</p>
    <p style="font-size: 14pt;">{"<br>".join(html.escape(f) for f in facts)}</p>
    <table border="1" cellspacing="0" cellpadding="8" width="100%" style="font-size: 13pt;">
    <tr>{"".join(f"<th>{html.escape(h)}</th>" for h in headers)}</tr>
    {rows}
    </table>
    <p style="color: #555;">{html.escape(tr("출력"))} {to_local(printed):%Y-%m-%d %H:%M}</p>
    """
    return Paper(body, QPageSize.PageSizeId.A4)
