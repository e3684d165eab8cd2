"""Text of tooltips and popups: cell values per language, field labels, tables, the compact
commune popup; all escaped.

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

from i18n.messages import MESSAGES, Lang, message, message_or
from i18n.numbers import format_number, format_percent
from layers.provenance import unit_words


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


def figure_text(value: Any, *, unit: str, lang: Lang, qualifier: Any = None) -> str:
    """A figure as ``lang`` writes it with its unit (``30,02 %`` / ``30.02%``, ``1.234 người``)
    and the source's qualifier (``trên 32``); "no data" when missing.

    Examples
    --------
    >>> figure_text(30.02, unit="%", lang="vi"), figure_text(30.02, unit="%", lang="en")
    ('30,02 %', '30.02%')
    >>> figure_text(32.0, unit="triệu đồng/năm · million VND/yr", lang="vi",
    ...             qualifier="lower_bound")
    'trên 32 triệu đồng/năm'
    """
    if is_missing(value):
        return message("map.no_data", lang)
    if not isinstance(value, int | float | np.integer | np.floating) or isinstance(value, bool):
        return format_value(value, lang=lang)
    words = unit_words(unit, lang) if unit else ""
    if words == "%":
        text = format_percent(float(value), lang=lang)
    else:
        text = f"{format_number(float(value), lang=lang)} {words}".strip()
    key = f"provenance.qualifier.{qualifier}"
    if isinstance(qualifier, str) and key in MESSAGES:
        text = message(key, lang, value=text)
    return text


def commune_popup(
    *,
    name: str,
    district: str,
    figure: str = "",
    figure_label: str = "",
    fill: str = "",
    meta: str = "",
    lines: Sequence[tuple[str, str]] = (),
    lang: Lang,
) -> str:
    """The compact popup of a commune: its name (and former district), the coloured figure with
    year and level, a few short lines and a "details" button for the full record.

    Every text is plain and escaped here; ``fill`` is a swatch colour or a hatch ``url(#...)``.
    The button carries ``data-ba-action="details"``: the runtime makes it scroll the page to
    the details panel (``BorderAtlas.showDetails``).

    Examples
    --------
    >>> html_text = commune_popup(name="Na <Mèo>", district="Quan Sơn", figure="30,02 %",
    ...     figure_label="Tỷ lệ hộ nghèo", fill="#de2d26", meta="2024 · cấp huyện cũ", lang="vi")
    >>> "Na &lt;Mèo&gt;" in html_text, 'data-ba-action="details"' in html_text
    (True, True)
    """
    head = f'<div class="ba-pc-name"><b>{html.escape(name)}</b>'
    if district:
        head += f' <span class="ba-pc-sub">({html.escape(district)})</span>'
    parts = [head + "</div>"]
    if figure_label:
        sample = (
            f'<svg width="14" height="14" aria-hidden="true"><rect x="1" y="1" width="12" '
            f'height="12" fill="{html.escape(fill)}" stroke="#333"/></svg>'
            if fill
            else ""
        )
        parts.append(
            f'<div class="ba-pc-fig">{sample}<b>{html.escape(figure)}</b> '
            f'<span class="ba-pc-what">{html.escape(figure_label)}</span></div>'
        )
        if meta:
            parts.append(f'<div class="ba-pc-meta">{html.escape(meta)}</div>')
    for label, text in lines:
        parts.append(f'<div class="ba-pc-line">{html.escape(label)}: {html.escape(text)}</div>')
    hint = html.escape(message("popup.details_hint", lang))
    parts.append(
        f'<button type="button" class="ba-more" data-ba-action="details" title="{hint}">'
        f"{html.escape(message('popup.details', lang))}</button>"
    )
    return f'<div class="ba-pc">{"".join(parts)}</div>'
