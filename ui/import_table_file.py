"""The file step of the *Bảng chỉ tiêu* tab: the upload, read into a table of text cells.

What comes out is a :class:`UploadedTable`; matching its rows to communes is
:mod:`ui.import_table`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from geo.errors import UserInputError
from ui.import_common import show_error
from ui.language import t
from userdata import table_reader


@dataclass(frozen=True)
class UploadedTable:
    """The table the user uploaded (text cells, header applied) and the file's name."""

    frame: pd.DataFrame
    filename: str


def uploaded_table() -> UploadedTable | None:
    """The uploader and a preview of what was read; ``None`` until a readable file is there."""
    upload = st.file_uploader(t("upload_table"), type=["csv", "xlsx", "xls", "xlsm"], key="u_table")
    if upload is None:
        return None
    try:
        frame = table_reader.read_table(upload.getvalue(), filename=upload.name)
    except UserInputError as error:
        show_error(error)
        return None
    st.caption(t("preview"))
    st.dataframe(frame.head(20), hide_index=True, width="stretch")
    return UploadedTable(frame, upload.name)
