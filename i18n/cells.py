"""Cells a spreadsheet could run: the one rule every CSV and XLSX the app writes goes through.

A text cell that starts with ``=``, ``+``, ``-`` or ``@`` (also after leading spaces), or with a
tab or a carriage return, is run by Excel or LibreOffice as a formula (``=HYPERLINK(…)`` sends
whoever clicks it elsewhere; ``=cmd|…`` used to run programs). Such a cell gets a leading ``'``,
so it is shown as typed. Numbers stay numbers: a float or int is never touched, and a text that
is a plain number (``"-5"``, ``"-17,5"``) is left as it is, since no spreadsheet runs it.

Examples
--------
>>> safe_cell('=HYPERLINK("http://evil.example","x")')
'\\'=HYPERLINK("http://evil.example","x")'
>>> safe_cell("  @SUM(A1)"), safe_cell("\\tx"), safe_cell("Na Mèo")
("'  @SUM(A1)", "'\\tx", 'Na Mèo')
>>> safe_cell(-5), safe_cell("-5"), safe_cell("-104.5"), safe_cell("-")
(-5, '-5', '-104.5', '-')
"""

from __future__ import annotations

import re

import pandas as pd

FORMULA_START = ("=", "+", "-", "@")
"""What starts a formula, after any leading spaces."""

CONTROL_START = ("\t", "\r", "\n")
"""Characters that spreadsheets treat as the start of a formula cell when they come first."""

_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d[\d.,]*|[.,]\d+)(?:[eE][+-]?\d+)?")


def is_formula(text: str) -> bool:
    """Whether a spreadsheet could run ``text`` as a formula.

    Examples
    --------
    >>> is_formula(" =1+1"), is_formula("+84 912"), is_formula("-3,5"), is_formula("Bản A")
    (True, True, False, False)
    """
    if text.startswith(CONTROL_START):
        return True
    stripped = text.strip()
    if not stripped.startswith(FORMULA_START) or stripped in FORMULA_START[1:3]:
        return False
    return not _PLAIN_NUMBER.fullmatch(stripped)


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet may hold it: a text that could run gets a leading ``'``."""
    if isinstance(value, str) and is_formula(value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell and column name made safe (:func:`safe_cell`).

    Examples
    --------
    >>> frame = pd.DataFrame({"=name": ["=1+1", "Na Mèo"], "rate": [-5.0, 30.02]})
    >>> out = safe_frame(frame)
    >>> list(out.columns), out["'=name"].tolist(), out["rate"].tolist()
    (["'=name", 'rate'], ["'=1+1", 'Na Mèo'], [-5.0, 30.02])
    """
    out = frame.copy()
    out.columns = [safe_cell(column) for column in frame.columns]
    for position, dtype in enumerate(out.dtypes):
        if not pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype):
            out.isetitem(position, out.iloc[:, position].map(safe_cell))
    return out
