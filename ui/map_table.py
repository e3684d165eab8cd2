"""The table under the map and its CSV/XLSX: each commune with its figures and their provenance.

Every indicator the table shows (the poverty rate, which the filters use, and the indicator the
map is coloured by) comes with its value, unit, year, level, method, poverty standard, source,
link and notes (:func:`layers.commune_view.provenance_table`), so a downloaded row says where
each figure comes from. Column headers are in the page's language.

Two forms of one table: :func:`commune_table` for the screen (every figure written as the page's
language writes it, ``30,02`` in Vietnamese, as in the legend and popup) and
:func:`download_table` for CSV/XLSX (the same columns, figures and years as numbers a
spreadsheet can sum, the figure as the source states it beside them).
:func:`table_columns` gives the columns a phone shows by default: name, former district and
the figure the map is coloured by with its year and level.

Examples
--------
>>> import pandas as pd
>>> view = pd.DataFrame({"code": ["15013"], "name": ["Na Mèo"], "edition": ["2025"],
...     "former_district": ["Quan Sơn"], "risk_class": ["very_high"], "is_border": [True],
...     "poverty_rate_pct": [30.02], "poverty_rate_pct_level": ["district"],
...     "poverty_rate_pct_year": pd.array([None], dtype="Int64"),
...     "poverty_rate_pct_standard": ["2021-2025"]})
>>> table = commune_table(view, indicators=[indicator("poverty_rate_pct")], lang="en")
>>> table.iloc[0][["Name", "Poor-household rate"]].tolist()
['Na Mèo', '30.02']
>>> table_columns(table, indicators=[indicator("poverty_rate_pct")], lang="en", full=False)
['Name', 'Former district', 'Poor-household rate', 'Year', 'Level']
>>> row = download_table(view, indicators=[indicator("poverty_rate_pct")], lang="vi").iloc[0]
>>> float(row["Tỷ lệ hộ nghèo"]), row["Năm"]
(30.02, 'không nêu năm')
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from i18n.messages import message, risk_label
from layers.commune_view import indicator, provenance_table
from layers.provenance import PROVENANCE_COLUMNS

BASE_COLUMNS = ("code", "name", "former_district", "risk_class", "is_border")
"""The commune's own columns, before the figures."""

FIGURE_COLUMNS = tuple(c for c in PROVENANCE_COLUMNS if c not in {"code", "name", "detail"})
"""What each indicator brings to the table (see :data:`layers.provenance.PROVENANCE_COLUMNS`)."""

__all__ = [
    "BASE_COLUMNS",
    "FIGURE_COLUMNS",
    "commune_table",
    "download_table",
    "indicator",
    "table_columns",
]


def _label(item: Any, lang: str) -> str:
    return item.label_vi if lang == "vi" else item.label_en


def _shown(indicators: Sequence[Any]) -> list[Any]:
    """The indicators once each, in order (the poverty rate and the colour-by may be one)."""
    return list({item.key: item for item in indicators}.values())


def _header(item: Any, column: str, *, lang: str, several: bool) -> str:
    if column == "value":
        return _label(item, lang)
    header = message(f"provenance.col.{column}", lang)
    return f"{_label(item, lang)}: {header}" if several else header


def _numbers(values: pd.Series) -> pd.Series:
    """Figures as numbers for a spreadsheet: whole numbers as integers, missing left empty."""
    numeric = pd.to_numeric(values, errors="coerce")
    finite = numeric.dropna()
    if len(finite) and (finite == finite.round()).all():
        return numeric.round().astype("Int64")
    return numeric


def _years(years: pd.Series, words: pd.Series) -> list[object]:
    """A year as a number; where there is none, the words that say so ("không nêu năm")."""
    numeric = pd.to_numeric(years, errors="coerce") if years is not None else None
    out: list[object] = []
    for index, text in enumerate(words):
        year = None if numeric is None else numeric.iloc[index]
        out.append(int(year) if year is not None and pd.notna(year) else text)
    return out


def _build(
    view: pd.DataFrame, *, indicators: Sequence[Any], lang: str, numeric: bool
) -> pd.DataFrame:
    table = pd.DataFrame(
        {
            message("map.field.code", lang): view["code"].astype(str).to_numpy(),
            message("map.field.name", lang): view["name"].astype(str).to_numpy(),
            message("map.field.former_district", lang): view["former_district"]
            .astype(str)
            .to_numpy(),
            message("map.field.risk_class", lang): [
                risk_label(str(value), lang) for value in view["risk_class"]
            ],
            message("map.field.is_border", lang): [
                message("yes" if bool(value) else "no", lang) for value in view["is_border"]
            ],
        }
    )
    shown = _shown(indicators)
    several = len(shown) > 1
    for item in shown:
        figures = provenance_table(view, indicator=item.key, lang=lang, unit=item.unit)
        if item.key != "poverty_rate_pct":
            figures = figures.drop(columns="standard")
        for column in FIGURE_COLUMNS:
            if column not in figures.columns:
                continue
            header = _header(item, column, lang=lang, several=several)
            if column == "mirror":
                values = [message("yes" if flag else "no", lang) for flag in figures[column]]
            elif numeric and column == "value" and item.kind == "number":
                values = _numbers(view[item.key].reset_index(drop=True)).array
                stated = _header(item, "figure", lang=lang, several=True)
                table[header] = values
                table[stated] = figures["value"].astype(str).to_numpy()
                continue
            elif numeric and column == "year":
                year_column = "population_year" if item.key in {"population", "density"} else ""
                year_column = year_column or f"{item.key}_year"
                years = view[year_column].reset_index(drop=True) if year_column in view else None
                values = _years(years, figures["year"].astype(str))
            else:
                values = figures[column].astype(str).to_numpy()
            table[header] = values
    return table


def commune_table(view: pd.DataFrame, *, indicators: Sequence[Any], lang: str) -> pd.DataFrame:
    """One row per commune of ``view``, for the screen: its names, risk, border flag and, for
    each indicator of ``indicators`` (``Indicator``-like: ``key``, ``label_vi``, ``label_en``,
    ``unit``, ``kind``), the figure (headed by the indicator's name, written as ``lang`` writes
    it) and its provenance. Headers are in ``lang``; with several indicators each provenance
    column is headed "<indicator>: <column>". Every cell is text.
    """
    return _build(view, indicators=indicators, lang=lang, numeric=False)


def download_table(view: pd.DataFrame, *, indicators: Sequence[Any], lang: str) -> pd.DataFrame:
    """The table of :func:`commune_table` for CSV/XLSX: the same columns with each figure a
    number (integers stay integers, missing is empty) followed by "<indicator>: Số liệu (như
    nguồn ghi)", the figure as the source states it ("trên 32 (ước tính 2025)"), and each year
    a number (or the words saying there is none)."""
    return _build(view, indicators=indicators, lang=lang, numeric=True)


def table_columns(
    table: pd.DataFrame, *, indicators: Sequence[Any], lang: str, full: bool
) -> list[str]:
    """The columns of ``table`` (from :func:`commune_table` with the same ``indicators`` and
    ``lang``) to show: all of them with ``full``, else the few a phone can show: name, former
    district and the last indicator's figure (the one the map is coloured by), year and level.
    """
    if full:
        return list(table.columns)
    shown = _shown(indicators)
    key = [message("map.field.name", lang), message("map.field.former_district", lang)]
    if shown:
        item = shown[-1]
        several = len(shown) > 1
        key += [_header(item, c, lang=lang, several=several) for c in ("value", "year", "level")]
    return [column for column in table.columns if column in key]
