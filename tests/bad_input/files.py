"""Bad-input cases for reading table files (see :mod:`tests.bad_input`).

Each check reads the file as the *Bảng chỉ tiêu* tab does (:func:`userdata.table_reader.
read_workbook`, then the sheet and header row through :meth:`~userdata.table_reader.Workbook.
table`) and asserts what the user gets: the table, or a refusal in both languages whose words
are the catalogue's.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections.abc import Callable

from geo.errors import UserInputError
from i18n.messages import message
from tests.bad_input import Case
from tests.table_files import POVERTY_ROWS, report_workbook, unicode_text, xlsx_of_sheets
from userdata import table_reader

COLUMNS = ["Tên xã", "Mã xã", "Năm", "Tỷ lệ hộ nghèo (%)", "Số hộ"]
FIRST = ["Mường Xén", "16816", "2024", "30.02", "1234"]
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def _text(rows: list[list[object]], separator: str = ",") -> str:
    return "\n".join(separator.join(str(cell) for cell in row) for row in rows) + "\n"


def _cp1258(text: str) -> bytes:
    """As Windows-1258 encodes: vowels with their marks precomposed, tones as combining marks."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return out


def _garbled(text: str) -> bytes:
    """UTF-8 read as Windows-1252 (Latin-1 for the bytes it lacks) and saved again as UTF-8."""
    chars = []
    for byte in text.encode("utf-8"):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars).encode("utf-8")


def with_members(xlsx: bytes, members: dict[str, bytes]) -> bytes:
    """``xlsx`` (any zip) with ``members`` replaced or added."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename not in members:
                target.writestr(info.filename, source.read(info))
        for name, data in members.items():
            target.writestr(name, data)
    return buffer.getvalue()


LAUGHS = '<!ENTITY a0 "lol">' + "".join(
    f'<!ENTITY a{i} "{10 * f"&a{i - 1};"}">' for i in range(1, 10)
)
"""A "billion laughs" DOCTYPE body: ``&a9;`` expands to 10⁹ × "lol"."""
_BOMB_SHEET = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f"<!DOCTYPE worksheet [{LAUGHS}]>"
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    '<row r="1"><c r="A1" t="inlineStr"><is><t>&a9;</t></is></c></row>'
    "</sheetData></worksheet>"
).encode()


def _read(data: bytes, filename: str, *, sheet: int | None = None, header_row: int | None = None):
    book = table_reader.read_workbook(data, filename=filename)
    return book, book.table(sheet, header_row=header_row)


def _table_is_read(data: bytes, filename: str) -> None:
    _, table = _read(data, filename)
    assert list(table.frame.columns) == COLUMNS, list(table.frame.columns)
    assert table.frame.iloc[0].tolist() == FIRST, table.frame.iloc[0].tolist()
    assert len(table.frame) == 3


def _accepted(make: Callable[[], bytes], filename: str) -> Callable[[], None]:
    return lambda: _table_is_read(make(), filename)


def _refused(
    make: Callable[[], bytes], filename: str, key: str, **values: object
) -> Callable[[], None]:
    def check() -> None:
        try:
            _read(make(), filename)
        except UserInputError as error:
            for lang in ("vi", "en"):
                assert error.message(lang) == message(key, lang, **values), error.message(lang)
            return
        raise AssertionError(f"{filename} was read; expected refusal {key}")

    return check


def _mojibake_repaired() -> None:
    book, table = _read(_garbled(_text(POVERTY_ROWS)), "loi_font.csv")
    assert book.notes == ("upload.mojibake_repaired",)
    assert list(table.frame.columns) == COLUMNS and table.frame.iloc[0].tolist() == FIRST


def _second_sheet() -> None:
    book, table = _read(report_workbook(), "bao_cao.xlsx")
    assert book.default_sheet == 1 and table.sheet == "Số liệu" and table.header_row == 3
    assert list(table.frame.columns) == COLUMNS and table.frame.iloc[0].tolist() == FIRST


def _empty_sheet_chosen() -> None:
    book = table_reader.read_workbook(report_workbook(), filename="bao_cao.xlsx")
    try:
        book.table(2)
    except UserInputError as error:
        for lang in ("vi", "en"):
            assert error.message(lang) == message("upload.sheet_empty", lang, name="Trống")
        return
    raise AssertionError("an empty sheet gave a table")


def _wrong_header_row_then_right() -> None:
    book = table_reader.read_workbook(report_workbook(), filename="bao_cao.xlsx")
    try:
        book.table(1, header_row=6)
    except UserInputError as error:
        assert error.message("en") == message("upload.no_rows_below_header", "en", row=6)
    else:
        raise AssertionError("the last row taken as the header gave a table")
    assert list(book.table(1, header_row=3).frame.columns) == COLUMNS


def _over_the_cap() -> None:
    kept = table_reader.MAX_CELLS
    table_reader.MAX_CELLS = 1000
    try:
        rows = [COLUMNS, *[FIRST] * 400]
        _read(_text(rows).encode(), "qua_lon.csv")
    except UserInputError as error:
        assert "1.000 ô" in error.message("vi") and "1,000 cells" in error.message("en")
        assert "Split it" in error.message("en")
        return
    finally:
        table_reader.MAX_CELLS = kept
    raise AssertionError("a table over the cap was read")


TITLE = [["Báo cáo tỷ lệ hộ nghèo năm 2024"], ["Đơn vị: %"], []]
_CSV = _text(POVERTY_ROWS)

CASES: list[Case] = [
    Case(
        "csv_utf8_bom",
        "CSV saved by Excel as “CSV UTF-8” (with a byte-order mark)",
        "read; the BOM is not part of the first column's name",
        _accepted(lambda: _CSV.encode("utf-8-sig"), "bom.csv"),
    ),
    Case(
        "csv_cp1258",
        "CSV in Windows-1258 (tones as combining marks)",
        "read; names in NFC",
        _accepted(lambda: _cp1258(_CSV), "cp1258.csv"),
    ),
    Case(
        "txt_utf16_le",
        "Excel's “Unicode text”: UTF-16 LE with BOM, tab-separated",
        "read",
        _accepted(lambda: unicode_text(POVERTY_ROWS, encoding="utf-16"), "unicode.txt"),
    ),
    Case(
        "txt_utf16_be",
        "UTF-16 BE with BOM, tab-separated",
        "read",
        _accepted(lambda: b"\xfe\xff" + unicode_text(POVERTY_ROWS, encoding="utf-16-be"), "be.txt"),
    ),
    Case(
        "txt_utf16_no_bom",
        "UTF-16 LE without a BOM",
        "read",
        _accepted(lambda: unicode_text(POVERTY_ROWS, encoding="utf-16-le"), "nobom.txt"),
    ),
    Case(
        "csv_latin1_mojibake",
        "UTF-8 opened as Latin-1/1252 and saved again (“TÃªn xÃ£”)",
        "read, repaired, and the page says so",
        _mojibake_repaired,
    ),
    *[
        Case(
            f"sep_{name}",
            f"values separated by {name}",
            "read with the right columns",
            _accepted(lambda sep=sep: _text(POVERTY_ROWS, sep).encode(), f"{name}.csv"),
        )
        for name, sep in (("semicolon", ";"), ("comma", ","), ("tab", "\t"), ("pipe", "|"))
    ],
    Case(
        "csv_title_rows",
        "CSV with a title, a unit line and a blank line above the header",
        "the header row is guessed under them",
        _accepted(lambda: _text(TITLE + POVERTY_ROWS).encode(), "title.csv"),
    ),
    Case(
        "xlsx_title_row_second_sheet",
        "XLSX: notes sheet first, merged title row above the header on the second sheet",
        "the second sheet and its row 3 are proposed; the table is read",
        _second_sheet,
    ),
    Case(
        "xlsx_empty_sheet_chosen",
        "the user chooses an empty sheet",
        "refused: the sheet is empty, choose another",
        _empty_sheet_chosen,
    ),
    Case(
        "xlsx_empty_workbook",
        "an XLSX whose only sheet is empty",
        "refused: the file is empty",
        _refused(lambda: xlsx_of_sheets({"Sheet1": []}), "trong.xlsx", "upload.empty"),
    ),
    Case(
        "header_row_with_nothing_below",
        "the user takes the last row as the header, then the right one",
        "refused with the row named and the way to fix it; then read",
        _wrong_header_row_then_right,
    ),
    Case(
        "csv_header_only",
        "a CSV with a header and no rows",
        "refused: a header but no data",
        _refused(lambda: b"Ten xa,Ty le\n", "header.csv", "upload.header_only"),
    ),
    Case(
        "png_renamed_csv",
        "a PNG image renamed .csv",
        "refused: this is a PNG file, not a table",
        _refused(
            lambda: b"\x89PNG\r\n\x1a\n" + bytes(64), "anh.csv", "upload.not_a_table", kind="PNG"
        ),
    ),
    Case(
        "xlsx_truncated",
        "an XLSX cut off half way (a broken download)",
        "refused: the Excel file is damaged",
        _refused(
            lambda: (data := report_workbook())[: len(data) // 2], "cut.xlsx", "upload.xlsx_damaged"
        ),
    ),
    Case(
        "xlsx_with_macros",
        "an .xlsx holding a vbaProject.bin",
        "refused: save as a plain .xlsx without macros",
        _refused(
            lambda: with_members(report_workbook(), {"xl/vbaProject.bin": b"\x00" * 64}),
            "macro.xlsx",
            "upload.xlsx_macros",
        ),
    ),
    Case(
        "xlsm_named",
        "a macro workbook (.xlsm)",
        "refused: only .xlsx, .csv or .txt",
        _refused(report_workbook, "macro.xlsm", "upload.table_format"),
    ),
    Case(
        "xlsx_entity_bomb",
        "an XLSX sheet declaring nested XML entities (billion laughs)",
        "refused at the declaration, nothing expanded",
        _refused(
            lambda: with_members(
                xlsx_of_sheets({"Sheet1": POVERTY_ROWS}), {"xl/worksheets/sheet1.xml": _BOMB_SHEET}
            ),
            "laughs.xlsx",
            "upload.xml_entities",
        ),
    ),
    Case(
        "csv_nul_bytes",
        "a CSV with NUL bytes inside",
        "refused: not a text table, save again as CSV UTF-8",
        _refused(lambda: _CSV.encode().replace(b"30.02", b"30\x0002"), "nul.csv", "upload.not_csv"),
    ),
    Case(
        "csv_over_the_cell_cap",
        "a table with more cells than the cap",
        "refused with the limit and how to split the file",
        _over_the_cap,
    ),
]
