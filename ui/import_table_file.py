"""The file step of the *Bảng chỉ tiêu* tab: the upload, its sheet and header row, read as text.

The file is read once per upload (:func:`userdata.table_reader.read_workbook` keeps it by its
SHA-256), with a progress bar; a large file waits its turn when another is being read. When the
workbook has several sheets the user picks one (the first with data to begin with); the header
row is picked from the first rows as the file numbers them (the guessed one to begin with).

What comes out is an :class:`UploadedTable`; matching its rows to communes is
:mod:`ui.import_table`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import streamlit as st

from geo.errors import UserInputError
from i18n.numbers import format_count, format_percent
from ui.import_common import show_error
from ui.language import keep_choices, lang, t
from ui.pages import show_incident
from userdata import table_reader

PREVIEW_ROWS = 20
"""Rows of the table shown under the header choice."""
ROW_TEXT_CELLS = 4
"""Cells of a row quoted in the header-row choice."""


@dataclass(frozen=True)
class UploadedTable:
    """The table the user uploaded (text cells, header applied), the file's name, the SHA-256 of
    its bytes (``digest``: one upload, one value, for caching later steps), the sheet and header
    row chosen, and each table row's number in the file (for messages about rows)."""

    frame: pd.DataFrame
    filename: str
    digest: str
    sheet: str = ""
    header_row: int = 1
    row_numbers: np.ndarray = field(default_factory=lambda: np.array([], dtype=int))


def _read(data: bytes, filename: str) -> table_reader.Workbook:
    """The upload read (or found read), with a progress bar while it is read."""
    bar = st.empty()

    def progress(done: float, stage: str) -> None:
        if stage == "waiting":
            bar.progress(0.0, text=t("upload.waiting_turn"))
        else:
            percent = format_percent(100 * done, lang=lang(), decimals=0)
            bar.progress(min(1.0, max(0.0, done)), text=t("upload.reading", percent=percent))

    try:
        return table_reader.read_workbook(data, filename=filename, progress=progress)
    finally:
        bar.empty()


def _choose_sheet(book: table_reader.Workbook) -> int:
    if len(book.sheets) < 2:
        return 0

    def label(index: int) -> str:
        sheet = book.sheets[index]
        if sheet.empty:
            return t("upload.sheet_option_empty", name=sheet.name)
        rows = format_count(len(sheet.cells), lang=lang(), noun="upload.count_rows")
        return t("upload.sheet_option", name=sheet.name, rows=rows)

    key = f"u_sheet_{book.digest[:16]}"
    keep_choices(key)
    return st.selectbox(
        t("upload.sheet"),
        range(len(book.sheets)),
        index=book.default_sheet,
        format_func=label,
        key=key,
    )


def column_letter(index: int) -> str:
    """Excel's name of column ``index`` (0 → ``A``, 26 → ``AA``), for the preview of raw rows.

    Examples
    --------
    >>> [column_letter(i) for i in (0, 25, 26, 701, 702)]
    ['A', 'Z', 'AA', 'ZZ', 'AAA']
    """
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def _row_text(cells: pd.DataFrame, row: int) -> str:
    values = [value for value in cells.loc[row].tolist() if value][:ROW_TEXT_CELLS]
    return " | ".join(value if len(value) <= 24 else value[:23] + "…" for value in values)


def _choose_header(book: table_reader.Workbook, sheet: int) -> int:
    chosen = book.sheets[sheet]
    cells = chosen.cells
    first = cells.head(table_reader.GUESS_ROWS)
    with st.expander(t("upload.first_rows"), expanded=chosen.header_guess != cells.index[0]):
        shown = first.head(PREVIEW_ROWS)
        st.dataframe(shown.set_axis([column_letter(i) for i in shown.columns], axis=1))
    rows = [int(row) for row in first.index]
    guess = chosen.header_guess if chosen.header_guess in rows else rows[0]
    key = f"u_header_{book.digest[:16]}_{sheet}"
    keep_choices(key)
    row = st.selectbox(
        t("upload.header_row"),
        rows,
        index=rows.index(guess),
        format_func=lambda n: t("upload.row_option", row=n, cells=_row_text(cells, n)),
        key=key,
    )
    if row == guess:
        st.caption(t("upload.header_guessed", row=row))
    return row


def uploaded_table() -> UploadedTable | None:
    """The uploader, the sheet and header-row choices and a preview of what was read; ``None``
    until a readable table is there.

    Every file type is let through the uploader, so that a wrong one is refused in the user's
    words (Streamlit's own refusal is in English only).
    """
    upload = st.file_uploader(t("upload.table_file"), key="u_table")
    if upload is None:
        return None
    data = upload.getvalue()
    try:
        book = _read(data, upload.name)
        for note in book.notes:
            st.info(t(note))
        if all(sheet.empty for sheet in book.sheets):
            raise UserInputError.of("upload.empty")
        sheet = _choose_sheet(book)
        if book.sheets[sheet].empty:
            raise UserInputError.of("upload.sheet_empty", name=book.sheets[sheet].name)
        header_row = _choose_header(book, sheet)
        table = book.table(sheet, header_row=header_row)
    except UserInputError as error:
        show_error(error)
        return None
    except Exception as error:  # said by its id, logged in full
        show_incident(error, where="import table file")
        return None
    st.caption(t("preview"))
    st.dataframe(table.frame.head(PREVIEW_ROWS), hide_index=True, width="stretch")
    return UploadedTable(
        table.frame,
        upload.name,
        book.digest,
        sheet=table.sheet,
        header_row=table.header_row,
        row_numbers=table.row_numbers,
    )
