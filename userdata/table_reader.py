"""Indicator tables as users have them (CSV or XLSX), read safely into a table of text cells.

Nothing here evaluates what it reads: XLSX cells are read as stored values (``data_only``,
no formulas, no macros), CSV as text. Every failure is a :class:`geo.errors.UserInputError`
with a Vietnamese and an English message saying what is wrong and how to fix it. Matching the
rows to communes is :mod:`userdata.tables`.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import PurePosixPath

import pandas as pd

from geo.errors import UserInputError
from userdata import uploads


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        raise UserInputError.of("upload.encoding_unknown") from None
    return unicodedata.normalize("NFC", text)


def _read_csv(data: bytes) -> pd.DataFrame:
    text = _decode(data)
    if "\x00" in text:
        raise UserInputError.of("upload.not_csv")
    sample = text[:8192]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(",;\t", key=sample.count)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise UserInputError.of("upload.csv_malformed") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    return _frame(rows)


def _read_xlsx(data: bytes) -> pd.DataFrame:
    import openpyxl

    if not openpyxl.DEFUSEDXML:
        # Without defusedxml openpyxl parses with the standard library's XML parsers, which its
        # documentation does not consider safe for untrusted files: refuse rather than risk it.
        raise UserInputError.of("upload.xml_unprotected")
    from defusedxml import DefusedXmlException

    try:
        archive = uploads.open_zip(data)
    except uploads.DamagedArchive:
        raise UserInputError.of("upload.xlsx_damaged") from None
    if any(PurePosixPath(n).name.lower() == "vbaproject.bin" for n in archive.namelist()):
        raise UserInputError.of("upload.xlsx_macros")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            # read-only sheets are parsed while iterating, so a hostile sheet fails here
            rows = [
                ["" if cell is None else str(cell) for cell in row]
                for row in workbook.worksheets[0].iter_rows(values_only=True)
            ]
        finally:
            workbook.close()
    except Exception as exc:
        # openpyxl wraps the parser's refusal in its own ValueError: look down the chain.
        cause: BaseException | None = exc
        while cause is not None and not isinstance(cause, DefusedXmlException):
            cause = cause.__cause__ or cause.__context__
        key = "upload.xml_entities" if cause is not None else "upload.xlsx_damaged"
        raise UserInputError.of(key) from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    return _frame(rows)


def _frame(rows: list[list[str]]) -> pd.DataFrame:
    if not rows:
        raise UserInputError.of("upload.empty")
    header = [unicodedata.normalize("NFC", cell).strip() for cell in rows[0]]
    while header and not header[-1]:
        header.pop()
    if not header or len(rows) < 2:
        raise UserInputError.of("upload.header_only")
    header = [name or f"cột {i + 1}" for i, name in enumerate(header)]
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        raise UserInputError.of("upload.duplicate_columns", names=", ".join(duplicates))
    width = len(header)
    body = [(row + [""] * width)[:width] for row in rows[1:]]
    frame = pd.DataFrame(body, columns=header, dtype=object)
    return frame.map(lambda v: unicodedata.normalize("NFC", str(v)).strip())


def read_table(data: bytes, *, filename: str) -> pd.DataFrame:
    """Read an uploaded CSV or XLSX into a table of text cells.

    Raises
    ------
    UserInputError
        For an empty, oversized, damaged, macro-enabled, hostile or unreadable file (the checks
        of :mod:`userdata.uploads`, which an XLSX, being a zip, goes through in full).
    """
    uploads.check_upload(data)
    name = filename.lower()
    if name.endswith((".xls", ".xlsm", ".xlsb")):
        raise UserInputError.of("upload.table_format")
    if name.endswith(".xlsx") or data[:4] == b"PK\x03\x04":
        return _read_xlsx(data)
    return _read_csv(data)
