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


def xlsx_of_sheets(
    sheets: dict[str, list[list[object]]], *, merge: dict[str, str] | None = None
) -> bytes:
    """An XLSX workbook with one sheet per item of ``sheets`` (name → rows, from row 1);
    ``merge`` maps a sheet's name to a range of cells to merge (e.g. a title ``"A1:E1"``)."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        if merge and name in merge:
            sheet.merge_cells(merge[name])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


POVERTY_ROWS: list[list[object]] = [
    ["Tên xã", "Mã xã", "Năm", "Tỷ lệ hộ nghèo (%)", "Số hộ"],
    ["Mường Xén", "16816", 2024, 30.02, 1234],
    ["Nậm Cắn", "16837", 2024, 12.5, 876],
    ["Mỹ Lý", "16846", 2024, 55.1, 512],
]
"""A small indicator table as staff keep it (header first)."""


def report_workbook() -> bytes:
    """A report as provinces send it: a merged title row and a blank row above the header, a
    notes sheet first, the table on the second sheet, and a third sheet left empty."""
    title = [["BÁO CÁO TỶ LỆ HỘ NGHÈO NĂM 2024", None, None, None, None], [None] * 5]
    return xlsx_of_sheets(
        {"Ghi chú": [], "Số liệu": title + POVERTY_ROWS, "Trống": []},
        merge={"Số liệu": "A1:E1"},
    )


def unicode_text(rows: list[list[object]], *, encoding: str = "utf-16") -> bytes:
    """``rows`` as Excel's "Unicode text" saves them: tab-separated, CRLF, UTF-16 with BOM
    (``encoding="utf-16-le"`` or ``"utf-16-be"`` for no BOM)."""
    text = "\r\n".join("\t".join("" if v is None else str(v) for v in row) for row in rows)
    return (text + "\r\n").encode(encoding)
