"""Cells that leave the kiosk for a spreadsheet never carry a live formula.

Resource names, household labels, plates and reasons are typed by people; a value such
as ``=cmd|' /C calc'!A0`` would run in Excel or LibreOffice if written raw. CSV cells
that a spreadsheet would read as a formula get a leading ``'``; XLSX text is stored as
text, never as a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes Excel, LibreOffice or Google Sheets read a cell as a formula (OWASP)."""


def csv_cell(value: object) -> object:
    """A text cell that would start a formula, prefixed with ``'``; other cells as given."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_row(row: Iterable[object]) -> list[object]:
    return [csv_cell(value) for value in row]


def write_xlsx(path: Path, sheets: Sequence[tuple[str, Sequence[str],
                                                  Sequence[Sequence[object]]]]) -> None:
    """One worksheet per table, header row bold and frozen; every text cell is text."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    first = True
    for title, header, rows in sheets:
        sheet = book.active if first else book.create_sheet()
        assert sheet is not None
        first = False
        sheet.title = title[:31]
        table: list[list[object]] = [list(header), *(list(r) for r in rows)]
        for number, values in enumerate(table, start=1):
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=number, column=column)
                cell.value = value
                if isinstance(value, str):
                    # openpyxl turns any "=..." string into a formula; text stays text,
                    # and Excel keeps it text when someone edits the cell.
                    cell.data_type = "s"
                    if value.startswith(FORMULA_STARTS):
                        cell.quotePrefix = True
                if number == 1:
                    cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    tmp = path.with_name(path.name + ".part")
    book.save(tmp)
    tmp.replace(path)
