"""Indicator tables as users have them (CSV, Excel's Unicode text, XLSX), read safely as text.

Reading is two steps, as on the page: :func:`read_workbook` reads every sheet's cells (a CSV or
text file is one sheet) and guesses each sheet's header row; :func:`table_from_rows` (or
:meth:`Workbook.table`) then applies the header row the user chose. :func:`read_table` does both
with the guesses.

* Text files: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text", with BOM or not),
  Windows-1258; text garbled by a wrong encoding (``Ã``, ``á»``) is repaired and said so.
  Separator ``,``, ``;``, tab or ``|``, sniffed.
* XLSX: stored values only (``data_only``, no formulas, no macros), through defusedxml.
* Each sheet keeps its rows' numbers as in the file (Excel's row numbers), so a user can pick
  the header row they see in Excel; blank rows and trailing empty columns are dropped, and a
  title row above the header does not win the guess (:func:`guess_header_row`).
* Big files: read in chunks by pandas' C parser; over :data:`userdata.uploads.LARGE_PARSE_BYTES`
  in a child process, one at a time; at most :data:`MAX_CELLS` cells; each upload is read once
  (kept by its SHA-256 in a cache of at most :data:`CACHE_BYTES`).

Nothing here evaluates what it reads. Every refusal is a :class:`geo.errors.UserInputError`
with Vietnamese and English words saying what is wrong and how to fix it. Matching the rows to
communes is :mod:`userdata.tables`.

Examples
--------
>>> book = read_workbook("Báo cáo hộ nghèo\\nTên xã,Tỷ lệ\\nMỹ Lý,30\\n".encode(), filename="a.csv")
>>> book.sheets[0].header_guess
2
>>> book.table(0).frame.to_dict("records")
[{'Tên xã': 'Mỹ Lý', 'Tỷ lệ': '30'}]
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import re
import sys
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import numpy as np
import pandas as pd

from geo.errors import UserInputError
from i18n.messages import message
from i18n.numbers import format_number
from userdata import uploads

Progress = Callable[[float, str], None]
"""``progress(done, stage)``: ``done`` from 0 to 1; ``stage`` is ``"waiting"`` (another large
file is being read) or ``"reading"``."""

MAX_CELLS = 12_000_000
"""Most cells (rows × columns) one upload may hold: 1.7 million rows of seven columns, more than
a 50 MB CSV of commune figures has. Past it the user is asked to split the file."""
CHUNK_ROWS = 100_000
"""Rows read at a time from a text file (progress is reported after each chunk)."""
GUESS_ROWS = 30
"""Rows looked at to guess the header row (and shown to choose it)."""
CACHE_BYTES = 320 << 20
"""Most memory the cells of recently read uploads may hold (a 47 MB CSV takes about 110 MB)."""
CACHE_ENTRIES = 8
"""Most uploads kept read at once."""

_OLD_EXCEL = (".xls", ".xlsm", ".xlsb")
_NUMBER = re.compile(r"[-+−]?[\d\s.,]*\d[\d\s.,]*%?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}(\s.*)?")
_MOJIBAKE = re.compile("[ÂÃÄÅÆ][\u0080-\u00bf\u0152-\u2122]|á[º»]|Ä[‘�]")


def _latin1_fallback(error: UnicodeError) -> tuple[bytes, int]:
    """Encode error handler: a character cp1252 lacks but Latin-1 has keeps its byte."""
    assert isinstance(error, UnicodeEncodeError)
    chunk = error.object[error.start : error.end]
    if all(ord(char) < 256 for char in chunk):
        return bytes(ord(char) for char in chunk), error.end
    raise error


codecs.register_error("border_atlas_latin1", _latin1_fallback)


@dataclass(frozen=True)
class Sheet:
    """One sheet's cells as text: columns ``0 … n-1``; the index is each row's number in the
    file (1 = first line or Excel row 1); blank rows and trailing empty columns are left out."""

    name: str
    cells: pd.DataFrame
    header_guess: int | None

    @property
    def empty(self) -> bool:
        """Whether the sheet has no cell with text."""
        return self.cells.empty


@dataclass(frozen=True)
class Table:
    """A sheet read with a header row: the table, and each of its rows' number in the file."""

    frame: pd.DataFrame
    row_numbers: np.ndarray
    sheet: str
    header_row: int


@dataclass(frozen=True)
class Workbook:
    """What :func:`read_workbook` read: the sheets, the upload's SHA-256, and ``notes`` (message
    keys of what was repaired while reading, for the page to say)."""

    digest: str
    sheets: tuple[Sheet, ...]
    notes: tuple[str, ...] = ()
    _tables: dict[tuple[int, int | None], Table] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def default_sheet(self) -> int:
        """The first sheet with data (0 when every sheet is empty)."""
        return next((i for i, sheet in enumerate(self.sheets) if not sheet.empty), 0)

    def table(self, sheet: int | None = None, *, header_row: int | None = None) -> Table:
        """Sheet number ``sheet`` (default: :attr:`default_sheet`) as a table whose header is
        row ``header_row`` (default: the guess). Kept, so a page's reruns do not redo it."""
        index = self.default_sheet if sheet is None else sheet
        key = (index, header_row)
        if key not in self._tables:
            chosen = self.sheets[index]
            if chosen.empty:
                if len(self.sheets) == 1:
                    raise UserInputError.of("upload.empty")
                raise UserInputError.of("upload.sheet_empty", name=chosen.name)
            row = chosen.header_guess if header_row is None else header_row
            frame, numbers = _apply_header(chosen.cells, header_row=row)
            with _cache_lock:  # two sessions may read the same upload
                while len(self._tables) >= 4:
                    self._tables.pop(next(iter(self._tables)))
                self._tables[key] = Table(frame, numbers, chosen.name, int(row or 0))
        return self._tables[key]


# The header row --------------------------------------------------------------------------------


def _is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text))


def guess_header_row(cells: pd.DataFrame) -> int | None:
    """The row number that looks like the header: among the first :data:`GUESS_ROWS` rows, the
    first whose cells are mostly text (not numbers) and that is about as wide as the table, so a
    title row (one merged cell) above the header does not win. ``None`` for no rows.

    Examples
    --------
    >>> rows = [["Báo cáo năm 2024", ""], ["", ""], ["Tên xã", "Tỷ lệ"], ["Mỹ Lý", "30,5"]]
    >>> guess_header_row(cells_of(rows))
    3
    >>> guess_header_row(cells_of([["2024", "30"], ["Mỹ Lý", "5"]]))
    1
    """
    head = cells.head(GUESS_ROWS)
    if head.empty:
        return None
    filled = [[cell for cell in row if cell] for row in head.itertuples(index=False)]
    widest = max(len(row) for row in filled)
    enough = max(1, -(-widest * 3 // 5)) if widest > 1 else 1
    for number, row in zip(head.index, filled, strict=True):
        text = [cell for cell in row if not _is_number(cell)]
        if len(row) >= enough and len(text) * 2 > len(row):
            return int(number)
    return int(head.index[0])


def cells_of(rows: list[list[str]]) -> pd.DataFrame:
    """Rows of text cells (the first is row 1) as a sheet's cells (see :class:`Sheet`).

    Examples
    --------
    >>> cells_of([["a", " b ", ""], ["", "", ""], ["c", "", ""]]).to_dict("index")
    {1: {0: 'a', 1: 'b'}, 3: {0: 'c', 1: ''}}
    """
    width = max((len(row) for row in rows), default=0)
    frame = pd.DataFrame([row + [""] * (width - len(row)) for row in rows], dtype="str")
    return _tidy(frame, first_row=1)


def _apply_header(
    cells: pd.DataFrame, *, header_row: int | None
) -> tuple[pd.DataFrame, np.ndarray]:
    if cells.empty or header_row is None:
        raise UserInputError.of("upload.empty")
    if header_row not in cells.index:
        raise UserInputError.of("upload.no_such_row", row=header_row)
    position = cells.index.get_loc(header_row)
    header = [unicodedata.normalize("NFC", str(cell)).strip() for cell in cells.iloc[position]]
    while header and not header[-1]:
        header.pop()
    width = len(header)
    body = cells.iloc[position + 1 :, :width]
    rows = (body != "").any(axis=1).to_numpy()
    body = body if rows.all() else body[rows]
    if body.empty:
        if position == 0:
            raise UserInputError.of("upload.header_only")
        raise UserInputError.of("upload.no_rows_below_header", row=header_row)
    names = [name or f"cột {i + 1}" for i, name in enumerate(header)]
    duplicates = sorted({name for name in names if names.count(name) > 1})
    if duplicates:
        raise UserInputError.of(
            "upload.duplicate_columns_row", row=header_row, names=", ".join(duplicates)
        )
    numbers = body.index.to_numpy()
    return body.set_axis(names, axis=1).reset_index(drop=True), numbers


def table_from_rows(
    rows: pd.DataFrame | list[list[str]], *, header_row: int | None = None
) -> pd.DataFrame:
    """The table under row ``header_row`` (its number in the file), whose cells name the columns.

    ``rows`` is a sheet's cells (:attr:`Sheet.cells`) or plain rows (the first is row 1). With no
    ``header_row`` the guess (:func:`guess_header_row`) is used.

    Raises
    ------
    UserInputError
        No data below the header row, no such row, or two columns named alike.

    Examples
    --------
    >>> rows = [["Danh sách xã"], ["Tên xã", "Năm"], ["Mỹ Lý", "2024"]]
    >>> table_from_rows(rows).to_dict("records")
    [{'Tên xã': 'Mỹ Lý', 'Năm': '2024'}]
    >>> table_from_rows(rows, header_row=1).columns.tolist()
    ['Danh sách xã']
    """
    cells = rows if isinstance(rows, pd.DataFrame) else cells_of(rows)
    row = guess_header_row(cells) if header_row is None else header_row
    return _apply_header(cells, header_row=row)[0]


# Reading the cells -----------------------------------------------------------------------------


def _tidy(frame: pd.DataFrame, *, first_row: int) -> pd.DataFrame:
    """Cells stripped, rows numbered from ``first_row``, blank rows and empty right columns out."""
    frame = frame.fillna("").astype("str")
    frame = frame.apply(lambda column: column.str.strip())
    frame.index = pd.RangeIndex(first_row, first_row + len(frame))
    if frame.empty:
        return frame
    filled = frame != ""
    rows = filled.any(axis=1).to_numpy()
    frame = frame if rows.all() else frame[rows]
    used = np.flatnonzero(filled.any(axis=0).to_numpy())
    width = int(used[-1]) + 1 if len(used) else 0
    frame = frame.iloc[:, :width]
    frame.columns = pd.RangeIndex(width)
    return frame


def _too_many_cells(max_cells: int) -> UserInputError:
    return UserInputError(
        message("upload.table_too_big", "vi", limit=format_number(max_cells, lang="vi")),
        message("upload.table_too_big", "en", limit=format_number(max_cells, lang="en")),
    )


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _utf8(data: bytes) -> tuple[bytes, tuple[str, ...]]:
    """A text file's bytes as UTF-8 in NFC (``data`` itself when it is so already), and the notes
    of what was repaired."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    encoding = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else None
    encoding = encoding or _utf16_without_bom(data)
    if encoding is None and b"\x00" in data:
        raise UserInputError.of("upload.not_csv")
    try:
        text = data.decode(encoding or "utf-8")
    except UnicodeDecodeError:
        if encoding:
            raise UserInputError.of("upload.encoding_unknown") from None
        try:
            text = data.decode("cp1258")
        except UnicodeDecodeError:
            raise UserInputError.of("upload.encoding_unknown") from None
        encoding = "cp1258"
    if "\x00" in text:
        raise UserInputError.of("upload.not_csv")
    notes: tuple[str, ...] = ()
    if _MOJIBAKE.search(text[:65536]):
        try:
            text = text.encode("cp1252", errors="border_atlas_latin1").decode("utf-8")
            notes, encoding = ("upload.mojibake_repaired",), "repaired"
        except UnicodeError:
            pass
    if not unicodedata.is_normalized("NFC", text):
        text, encoding = unicodedata.normalize("NFC", text), "normalized"
    return (data if encoding is None else text.encode("utf-8")), notes


def _delimiter(sample: str) -> str:
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t|").delimiter
    except csv.Error:
        return max(",;\t|", key=sample.count)


def _read_text(data: bytes, *, report: Progress, max_cells: int) -> tuple[list[Sheet], tuple]:
    encoded, notes = _utf8(data)
    del data
    sample = encoded[:65536].decode("utf-8", errors="ignore")
    if len(encoded) > 65536 and "\n" in sample:
        sample = sample[: sample.rindex("\n")]
    delimiter = _delimiter(sample)
    try:
        width = max(len(row) for row in csv.reader(io.StringIO(sample), delimiter=delimiter))
    except (csv.Error, ValueError):
        width = 1
    try:
        frame = _pandas_chunks(encoded, delimiter, width, report=report, max_cells=max_cells)
    except pd.errors.ParserError:
        # a row wider than the first ones, or quotes pandas will not take: the csv module reads
        # them as a spreadsheet would (slower, only for such files)
        frame = _csv_chunks(encoded, delimiter, report=report, max_cells=max_cells)
    cells = _tidy(frame, first_row=1)
    return [Sheet("", cells, guess_header_row(cells))], notes


def _pandas_chunks(
    data: bytes, delimiter: str, width: int, *, report: Progress, max_cells: int
) -> pd.DataFrame:
    buffer = io.BytesIO(data)
    chunks: list[pd.DataFrame] = []
    rows = 0
    reader = pd.read_csv(
        buffer,
        sep=delimiter,
        header=None,
        names=range(width),
        dtype=str,
        keep_default_na=False,
        na_filter=False,
        skip_blank_lines=False,
        chunksize=CHUNK_ROWS,
        engine="c",
        encoding="utf-8",
    )
    with reader:
        for chunk in reader:
            rows += len(chunk)
            if rows * width > max_cells:
                raise _too_many_cells(max_cells)
            chunks.append(chunk)
            report(min(0.99, buffer.tell() / max(1, len(data))), "reading")
    return pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame(dtype="str")


def _csv_chunks(data: bytes, delimiter: str, *, report: Progress, max_cells: int) -> pd.DataFrame:
    stream = io.StringIO(data.decode("utf-8"), newline="")
    reader = csv.reader(stream, delimiter=delimiter)
    chunks: list[pd.DataFrame] = []
    rows = width = 0
    try:
        while True:
            batch = [row for _, row in zip(range(CHUNK_ROWS), reader, strict=False)]
            if not batch:
                break
            width = max(width, *(len(row) for row in batch))
            rows += len(batch)
            if rows * width > max_cells:
                raise _too_many_cells(max_cells)
            widest = max(len(row) for row in batch)
            batch = [row + [""] * (widest - len(row)) for row in batch]
            chunks.append(pd.DataFrame(batch, dtype="str"))
            report(min(0.99, stream.tell() / max(1, len(data))), "reading")
    except csv.Error:
        raise UserInputError.of("upload.csv_malformed") from None
    return pd.concat(chunks, ignore_index=True) if chunks else pd.DataFrame(dtype="str")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    return unicodedata.normalize("NFC", str(value))


def _read_xlsx(data: bytes, *, report: Progress, max_cells: int) -> tuple[list[Sheet], tuple]:
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
    sheets: list[Sheet] = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            # read-only sheets are parsed while iterating, so a hostile sheet fails here
            cells_seen = 0
            for number, worksheet in enumerate(workbook.worksheets):
                expected = worksheet.max_row or 0
                worksheet.reset_dimensions()
                rows: list[list[str]] = []
                for row in worksheet.iter_rows(values_only=True):
                    rows.append([_cell_text(value) for value in row])
                    cells_seen += len(row)
                    if cells_seen > max_cells:
                        raise _too_many_cells(max_cells)
                    if len(rows) % 20_000 == 0:
                        done = (number + min(1.0, len(rows) / max(1, expected))) / len(
                            workbook.worksheets
                        )
                        report(min(0.99, done), "reading")
                cells = cells_of(rows)
                sheets.append(Sheet(worksheet.title, cells, guess_header_row(cells)))
        finally:
            workbook.close()
    except UserInputError:
        raise
    except Exception as exc:
        # openpyxl wraps the parser's refusal in its own ValueError: look down the chain.
        cause: BaseException | None = exc
        while cause is not None and not isinstance(cause, DefusedXmlException):
            cause = cause.__cause__ or cause.__context__
        key = "upload.xml_entities" if cause is not None else "upload.xlsx_damaged"
        raise UserInputError.of(key) from None
    return sheets, ()


def _parse(
    data: bytes, *, filename: str, report: Progress, max_cells: int
) -> tuple[list[Sheet], tuple]:
    """Read ``data`` (the same in the server and in a child process)."""
    name = filename.lower()
    if name.endswith(_OLD_EXCEL) or data.startswith(uploads.OLE2_MAGIC):
        raise UserInputError.of("upload.table_format")
    if name.endswith(".xlsx") or data.startswith(uploads.ZIP_MAGIC[0]):
        return _read_xlsx(data, report=report, max_cells=max_cells)
    if (kind := uploads.file_kind(data)) is not None:
        raise UserInputError.of("upload.not_a_table", kind=kind[0])
    return _read_text(data, report=report, max_cells=max_cells)


def _parse_payload(payload: tuple[bytes, str, int], report: Callable[[object], None]) -> object:
    """The child process's parse: plain tuples back (the classes are the parent's to make)."""
    import pyarrow

    pyarrow.set_cpu_count(1)  # one core for the parse: the other is the server's
    data, filename, max_cells = payload
    sheets, notes = _parse(
        data, filename=filename, report=lambda done, stage: report(done), max_cells=max_cells
    )
    return [(sheet.name, sheet.cells, sheet.header_guess) for sheet in sheets], notes


# Reading once per upload -----------------------------------------------------------------------

_cache: OrderedDict[tuple[str, str], tuple[Workbook, int]] = OrderedDict()
_cache_lock = threading.Lock()


def _cached(key: tuple[str, str]) -> Workbook | None:
    with _cache_lock:
        if key not in _cache:
            return None
        _cache.move_to_end(key)
        return _cache[key][0]


def _remember(key: tuple[str, str], book: Workbook) -> None:
    size = sum(int(sheet.cells.memory_usage(deep=True).sum()) for sheet in book.sheets)
    if size > CACHE_BYTES:
        return
    with _cache_lock:
        _cache[key] = (book, size)
        _cache.move_to_end(key)
        while len(_cache) > CACHE_ENTRIES or sum(s for _, s in _cache.values()) > CACHE_BYTES:
            _cache.popitem(last=False)


def forget_all() -> None:
    """Empty the cache of read uploads (for tests and benchmarks)."""
    with _cache_lock:
        _cache.clear()


def digest_of(data: bytes) -> str:
    """The SHA-256 of an upload, in hex: what the cache (and the page's later steps) key on.

    Examples
    --------
    >>> digest_of(b"a,b\\n")[:12]
    '5be08c9684a1'
    """
    return hashlib.sha256(data).hexdigest()


def read_workbook(data: bytes, *, filename: str, progress: Progress | None = None) -> Workbook:
    """Read every sheet of an uploaded table file (CSV, TXT, TSV or XLSX) as text cells.

    The same bytes under the same kind of name are read once: later calls return the kept
    :class:`Workbook`. A file over :data:`userdata.uploads.LARGE_PARSE_BYTES` is read in a child
    process, one at a time in the server (``progress(0, "waiting")`` while another runs);
    ``progress(done, "reading")`` follows the reading.

    Raises
    ------
    UserInputError
        An empty, oversized, damaged, macro-enabled, hostile, unreadable or too large file.
    userdata.uploads.ParseFailed
        The child process failed unexpectedly (log it; it says nothing to a user).
    """
    uploads.check_upload(data)
    report: Progress = progress or (lambda done, stage: None)
    suffix = PurePosixPath(filename.lower()).suffix
    key = (digest_of(data), suffix if suffix in (".xlsx", *_OLD_EXCEL) else "")
    if (book := _cached(key)) is not None:
        return book
    if len(data) <= uploads.LARGE_PARSE_BYTES:
        sheets, notes = _parse(data, filename=filename, report=report, max_cells=MAX_CELLS)
    else:
        with uploads.large_parse_turn(on_wait=lambda: report(0.0, "waiting")):
            if (book := _cached(key)) is not None:
                return book
            report(0.0, "reading")
            parsed = uploads.run_child(
                "userdata.table_reader",
                (data, filename, MAX_CELLS),
                on_progress=lambda done: report(float(done), "reading"),  # type: ignore[arg-type]
            )
            plain, notes = parsed  # type: ignore[misc]
            sheets = [Sheet(name, cells, guess) for name, cells, guess in plain]
    report(1.0, "reading")
    book = Workbook(key[0], tuple(sheets), tuple(notes))
    _remember(key, book)
    return book


def read_table(data: bytes, *, filename: str) -> pd.DataFrame:
    """Read an uploaded table file into a table of text cells: the first sheet with data, under
    its guessed header row (see :func:`read_workbook` and :func:`guess_header_row`).

    Raises
    ------
    UserInputError
        For an empty, oversized, damaged, macro-enabled, hostile or unreadable file (the checks
        of :mod:`userdata.uploads`, which an XLSX, being a zip, goes through in full).
    """
    return read_workbook(data, filename=filename).table().frame


if __name__ == "__main__":
    uploads.serve_child(_parse_payload)
    sys.exit(0)
