"""Tables as downloadable files: CSV (UTF-8 with BOM, so Excel shows Vietnamese) and XLSX.

Every text cell and column name goes through :func:`i18n.cells.safe_frame` first, so a name
such as ``=HYPERLINK(…)`` from data or a user's import is shown by a spreadsheet as typed,
never run.
"""

from __future__ import annotations

import io

import pandas as pd

from i18n.cells import safe_frame


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as CSV, UTF-8 with a byte-order mark for Excel; formulas neutralised.

    Examples
    --------
    >>> data = csv_bytes(pd.DataFrame({"xã": ["Na Mèo", "=1+1"], "rate": [-5, 3]}))
    >>> data[:3] == b"\\xef\\xbb\\xbf"
    True
    >>> data.decode("utf-8-sig").split("\\r\\n")[:3]
    ['xã,rate', 'Na Mèo,-5', "'=1+1,3"]
    """
    # CRLF ends the rows (as Excel writes them); a cell holding a CR is then quoted too.
    return safe_frame(frame).to_csv(index=False, lineterminator="\r\n").encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, *, sheet: str = "data") -> bytes:
    """``frame`` as an Excel workbook with one sheet; a text cell is never a formula.

    Examples
    --------
    >>> import openpyxl
    >>> data = xlsx_bytes(pd.DataFrame({"xã": ["=1+1"], "rate": [-5]}))
    >>> cells = openpyxl.load_workbook(io.BytesIO(data))["data"]["A2":"B2"][0]
    >>> [(cell.value, cell.data_type) for cell in cells]
    [("'=1+1", 's'), (-5, 'n')]
    """
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe_frame(frame).to_excel(writer, index=False, sheet_name=sheet[:31])
    return buffer.getvalue()
