"""The table under the map and its CSV/XLSX: each commune with its figures and their provenance.

Every indicator the table shows (the poverty rate, which the filters use, and the indicator the
map is coloured by) comes with its value, unit, year, level, method, poverty standard, source,
link and notes (:func:`layers.commune_view.provenance_table`), so a downloaded row says where
each figure comes from. Column headers are in the page's language.

Examples
--------
>>> import pandas as pd
>>> view = pd.DataFrame({"code": ["15013"], "name": ["Na Mèo"], "edition": ["2025"],
...     "former_district": ["Quan Sơn"], "risk_class": ["very_high"], "is_border": [True],
...     "poverty_rate_pct": [30.02], "poverty_rate_pct_level": ["district"],
...     "poverty_rate_pct_year": pd.array([None], dtype="Int64"),
...     "poverty_rate_pct_standard": ["2021-2025"]})
>>> table = commune_table(view, indicators=[indicator("poverty_rate_pct")], lang="en")
>>> table.iloc[0][["Name", "Poverty standard"]].tolist()
['Na Mèo', 'multidimensional standard 2021–2025 (Decree 07/2021/NĐ-CP)']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from i18n.messages import message, risk_label
from layers.commune_view import indicator, provenance_table
from layers.provenance import PROVENANCE_COLUMNS, provenance_headers

BASE_COLUMNS = ("code", "name", "former_district", "risk_class", "is_border")
"""The commune's own columns, before the figures."""

FIGURE_COLUMNS = tuple(c for c in PROVENANCE_COLUMNS if c not in {"code", "name", "detail"})
"""What each indicator brings to the table (see :data:`layers.provenance.PROVENANCE_COLUMNS`)."""

__all__ = ["BASE_COLUMNS", "FIGURE_COLUMNS", "commune_table", "indicator"]


def _label(item: Any, lang: str) -> str:
    return item.label_vi if lang == "vi" else item.label_en


def commune_table(view: pd.DataFrame, *, indicators: Sequence[Any], lang: str) -> pd.DataFrame:
    """One row per commune of ``view``: its names, risk, border flag and, for each indicator of
    ``indicators`` (``Indicator``-like: ``key``, ``label_vi``, ``label_en``, ``unit``), the
    figure (headed by the indicator's name) and its provenance. Headers are in ``lang``; with
    several indicators each provenance column is headed "<indicator>: <column>".
    """
    headers = provenance_headers(lang)
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
    shown = list({item.key: item for item in indicators}.values())
    for item in shown:
        figures = provenance_table(view, indicator=item.key, lang=lang, unit=item.unit)
        if item.key != "poverty_rate_pct":
            figures = figures.drop(columns="standard")
        for column in FIGURE_COLUMNS:
            if column not in figures.columns:
                continue
            header = headers[column]
            if column == "value":
                header = _label(item, lang)
            elif len(shown) > 1:
                header = f"{_label(item, lang)}: {header}"
            if column == "mirror":
                values = [message("yes" if flag else "no", lang) for flag in figures[column]]
            else:
                values = figures[column].astype(str).to_numpy()
            table[header] = values
    return table
