"""Text of tooltips and popups: cell values per language, field labels, tables; all escaped.

Examples
--------
>>> table([(field_label("name", "en"), cell("<b>Na Mèo</b>", "en"))])
'<table><tr><th>Name</th><td>&lt;b&gt;Na Mèo&lt;/b&gt;</td></tr></table>'
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from i18n.messages import Lang, message, message_or
from i18n.numbers import format_number


def format_value(value: Any, *, lang: Lang) -> str:
    """Plain text for a cell: numbers per language, booleans as yes/no, missing as no data.

    Examples
    --------
    >>> format_value(float("nan"), lang="vi"), format_value(True, lang="en")
    ('không có số liệu', 'yes')
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return message("map.no_data", lang)
    if isinstance(value, bool | np.bool_):
        return message("yes" if value else "no", lang)
    if isinstance(value, int | np.integer):
        return format_number(float(value), lang=lang)
    if isinstance(value, float | np.floating):
        if not math.isfinite(value):
            return message("map.no_data", lang)
        return format_number(float(value), lang=lang)
    text = str(value).strip()
    return text if text else message("map.no_data", lang)


def is_missing(value: Any) -> bool:
    """True for ``None``, NA, NaT, NaN, infinities and blank text."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return not math.isfinite(value)
    return isinstance(value, str) and not value.strip()


def field_label(column: str, lang: Lang) -> str:
    """The catalogue's label of a popup column (``map.field.<column>``), else the column name."""
    return message_or(f"map.field.{column}", lang, column)


def cell(value: Any, lang: Lang) -> str:
    """Escaped cell text; a bare ``http(s)://`` address becomes a link opening a new tab, and
    text of several lines (a commune's risk reasons, one per line) keeps its lines.

    Examples
    --------
    >>> cell("a <b>" + chr(10) + "c", "vi")
    'a &lt;b&gt;<br>c'
    """
    text = html.escape(format_value(value, lang=lang))
    raw = str(value) if isinstance(value, str) else ""
    if raw.startswith(("https://", "http://")) and " " not in raw:
        return f'<a href="{html.escape(raw)}" target="_blank" rel="noopener">{text}</a>'
    return text.replace("\n", "<br>")


def table(rows: Sequence[tuple[str, str]]) -> str:
    """A two-column table of ``(label, value)`` rows, both already escaped."""
    body = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    return f"<table>{body}</table>"
