"""Spreadsheet files made in memory for the tests (not a test module itself)."""

from __future__ import annotations

import io

from openpyxl import Workbook


def xlsx_of(rows: list[list[object]]) -> bytes:
    """An XLSX workbook whose first sheet holds ``rows`` (the first row as the header)."""
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
