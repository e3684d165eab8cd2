"""Tables as downloadable files: CSV (UTF-8 with BOM, so Excel shows Vietnamese) and XLSX."""

from __future__ import annotations

import io

import pandas as pd


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV, UTF-8 with a byte-order mark for Excel.

    Examples
    --------
    >>> csv_bytes(pd.DataFrame({"xã": ["Na Mèo"]}))[:3] == b"\\xef\\xbb\\xbf"
    True
    """
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, *, sheet: str = "data") -> bytes:
    """``frame`` as an Excel workbook with one sheet."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
