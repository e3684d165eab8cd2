"""The commune crosswalk of the 1 July 2025 merger, and everything moved across it.

``boundaries/crosswalk_2024_2025.csv`` has one row per (2020–2025 commune, 2025 commune) pair:
55 rows for 54 old and 27 new communes. Every old commune went wholly into one new commune,
except Thị trấn Sơn Lư, split between the new communes Quan Sơn and Tam Lư.

This module is the only place that reads the crosswalk or derives anything from it:

* the code lists old → new (:func:`new_codes`) and new → old (:func:`old_codes`);
* which communes are the same unit in both editions (:func:`unchanged_communes`) and which
  lie wholly inside one commune of the other edition (:func:`lies_within`);
* the area share of each old commune in each new one (:func:`crosswalk_weights`) and the
  population weight of each row, 2019 population × area share (:func:`population_weights`);
* moving figures of old communes onto the new ones (:func:`to_2025`).

Examples
--------
>>> tiny = pd.DataFrame(
...     {"code_2024": ["1", "2", "3", "3"], "code_2025": ["10", "10", "30", "40"]}
... )
>>> new_codes(tiny)
{'1': ['10'], '2': ['10'], '3': ['30', '40']}
>>> old_codes(tiny)
{'10': ['1', '2'], '30': ['3'], '40': ['3']}
"""

from __future__ import annotations

from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.catalogue import Catalogue
from geo.errors import UserInputError
from geo.vocabulary import METRIC_CRS
from i18n.messages import EN, VI, message

CROSSWALK_COLUMNS = ("code_2024", "name_2024", "district_2024", "code_2025", "name_2025")


def read_crosswalk(*, catalogue: Catalogue) -> pd.DataFrame:
    """Return the crosswalk old commune → new commune (55 rows), codes as text."""
    crosswalk = pd.read_csv(catalogue.path("crosswalk"), dtype=str)
    return crosswalk.loc[:, list(CROSSWALK_COLUMNS)]


def _codes(crosswalk: pd.DataFrame, *, key: str, value: str) -> dict[str, list[str]]:
    grouped = crosswalk.groupby(key)[value].agg(lambda codes: sorted(set(codes)))
    return {str(code): list(targets) for code, targets in grouped.items()}


def new_codes(crosswalk: pd.DataFrame) -> dict[str, list[str]]:
    """Map each 2020–2025 commune code to the sorted codes of the 2025 communes it went into."""
    return _codes(crosswalk, key="code_2024", value="code_2025")


def old_codes(crosswalk: pd.DataFrame) -> dict[str, list[str]]:
    """Map each 2025 commune code to the sorted codes of the old communes it was made from."""
    return _codes(crosswalk, key="code_2025", value="code_2024")


def unchanged_communes(crosswalk: pd.DataFrame) -> dict[tuple[str, str], tuple[str, str]]:
    """Map (edition, code) → (other edition, code) for communes the 2025 merger left whole.

    A 2024 commune is the same unit as a 2025 commune when it went wholly into it and
    nothing else did (Sơn Điện 15022 → 15022). Split or merged communes are not listed.

    Examples
    --------
    >>> tiny = pd.DataFrame({"code_2024": ["1", "2", "3"], "code_2025": ["10", "10", "30"]})
    >>> unchanged_communes(tiny)
    {('2024', '3'): ('2025', '30'), ('2025', '30'): ('2024', '3')}
    """
    old_count = crosswalk["code_2024"].value_counts()
    new_count = crosswalk["code_2025"].value_counts()
    pairs: dict[tuple[str, str], tuple[str, str]] = {}
    for old, new in zip(crosswalk["code_2024"], crosswalk["code_2025"], strict=True):
        if old_count[old] == 1 and new_count[new] == 1:
            pairs[("2024", str(old))] = ("2025", str(new))
            pairs[("2025", str(new))] = ("2024", str(old))
    return pairs


def lies_within(crosswalk: pd.DataFrame, *, edition: Literal["2024", "2025"]) -> dict[str, str]:
    """Map codes of the other edition to the one commune of ``edition`` they lie wholly inside.

    Seen from 2025, every old commune lies inside its new commune except a split one. Seen
    from 2024, a new commune lies inside one old commune only when the merger left it unchanged.

    Examples
    --------
    >>> tiny = pd.DataFrame(
    ...     {"code_2024": ["1", "2", "3", "3"], "code_2025": ["10", "10", "30", "40"]}
    ... )
    >>> lies_within(tiny, edition="2025")
    {'1': '10', '2': '10'}
    >>> lies_within(tiny, edition="2024")
    {}
    """
    if edition == "2025":
        return {old: new[0] for old, new in new_codes(crosswalk).items() if len(new) == 1}
    return {
        code: other
        for (own, code), (_, other) in unchanged_communes(crosswalk).items()
        if own == "2025"
    }


def crosswalk_weights(
    *, catalogue: Catalogue, communes_2024: gpd.GeoDataFrame, communes_2025: gpd.GeoDataFrame
) -> pd.DataFrame:
    """Crosswalk rows with ``area_share``: the share of the old commune in each new one.

    A commune that went whole into one new commune has share 1. A split commune (Thị trấn
    Sơn Lư) gets the share of its area inside each new commune, normalised to sum to 1
    (the two editions come from different surveys, so their edges do not agree exactly).
    """
    crosswalk = read_crosswalk(catalogue=catalogue)
    crosswalk["area_share"] = 1.0
    old = communes_2024.set_index("code").to_crs(METRIC_CRS).geometry
    new = communes_2025.set_index("code").to_crs(METRIC_CRS).geometry
    for code_2024, rows in crosswalk.groupby("code_2024"):
        if len(rows) < 2:
            continue
        overlaps = np.array(
            [old[code_2024].intersection(new[c]).area for c in rows["code_2025"]], dtype=float
        )
        crosswalk.loc[rows.index, "area_share"] = overlaps / overlaps.sum()
    return crosswalk


def population_weights(weights: pd.DataFrame, *, population_2019: pd.Series) -> pd.DataFrame:
    """Add the old commune's ``population_2019`` and ``population_weight`` (× area share).

    ``population_2019`` maps old commune codes to their 2019 census population. The weight
    is the part of that population that went into the row's new commune.

    Examples
    --------
    >>> weights = pd.DataFrame(
    ...     {"code_2024": ["1", "3", "3"], "code_2025": ["10", "30", "40"],
    ...      "area_share": [1.0, 0.25, 0.75]}
    ... )
    >>> population_weights(weights, population_2019=pd.Series({"1": 100.0, "3": 400.0}))[
    ...     "population_weight"
    ... ].tolist()
    [100.0, 100.0, 300.0]
    """
    weights = weights.copy()
    weights["population_2019"] = weights["code_2024"].map(population_2019).astype(float)
    weights["population_weight"] = weights["population_2019"] * weights["area_share"]
    return weights


def transfer_weights(
    *, catalogue: Catalogue, communes_2024: gpd.GeoDataFrame, communes_2025: gpd.GeoDataFrame
) -> pd.DataFrame:
    """Area shares and population weights of every crosswalk row.

    Columns: ``code_2024``, ``code_2025``, ``area_share``, ``population_2019`` and
    ``population_weight``.

    ``communes_2024`` needs ``code``, ``population_2019`` and its polygons; ``communes_2025``
    its ``code`` and polygons.
    """
    weights = crosswalk_weights(
        catalogue=catalogue, communes_2024=communes_2024, communes_2025=communes_2025
    )
    population = communes_2024.set_index("code")["population_2019"]
    return population_weights(weights, population_2019=population)


def population_2025(weights: pd.DataFrame) -> pd.Series:
    """The 2019 population of each 2025 commune: the sum of its population weights.

    Missing only when no part of it has a population.
    """
    return weights.groupby("code_2025")["population_weight"].sum(min_count=1)


def to_2025(
    rows: pd.DataFrame, *, weights: pd.DataFrame, kind: str
) -> tuple[pd.DataFrame, str, str]:
    """Move figures of 2020–2025 communes onto the 2025 communes.

    ``rows`` has ``unit_code`` (2024 code), ``indicator``, ``year`` and ``value``; ``weights``
    has ``code_2025``, ``code_2024``, ``area_share`` and ``population_weight``
    (:func:`transfer_weights`). Counts are summed (a split commune
    by its area share); rates are weighted by the population weights. A 2025 commune gets a
    value only when every old commune it is made of has one; otherwise it stays missing, and
    ``note`` names the missing parts.

    Returns the rows (``unit_code`` 2025, ``value``, ``note``) and the method in both languages.

    Examples
    --------
    >>> weights = pd.DataFrame(
    ...     {"code_2024": ["1", "2"], "code_2025": ["10", "10"], "area_share": [1.0, 1.0],
    ...      "population_weight": [100.0, 300.0]}
    ... )
    >>> rows = pd.DataFrame(
    ...     {"unit_code": ["1", "2"], "indicator": "poverty", "year": 2024, "value": [40.0, 20.0]}
    ... )
    >>> to_2025(rows, weights=weights, kind="rate")[0]["value"].tolist()
    [25.0]
    >>> to_2025(rows, weights=weights, kind="count")[0]["value"].tolist()
    [60.0]
    """
    if kind not in ("count", "rate"):
        raise UserInputError.of("upload.choose_kind")
    out = []
    for (indicator, year), group in rows.groupby(["indicator", "year"], dropna=False):
        values = group.set_index("unit_code")["value"]
        for code_2025, parts in weights.groupby("code_2025"):
            have = parts["code_2024"].map(values).notna()
            if not have.any():
                continue
            if not have.all():
                missing = ", ".join(parts.loc[~have, "code_2024"])
                out.append(
                    {
                        "unit_code": code_2025,
                        "indicator": indicator,
                        "year": year,
                        "value": np.nan,
                        "note": message("upload.missing_parts", VI, codes=missing),
                    }
                )
                continue
            part_values = parts["code_2024"].map(values).astype(float)
            if kind == "count":
                value = float((part_values * parts["area_share"]).sum())
            else:
                population = parts["population_weight"]
                value = float((part_values * population).sum() / population.sum())
            out.append(
                {
                    "unit_code": code_2025,
                    "indicator": indicator,
                    "year": year,
                    "value": value,
                    "note": "",
                }
            )
    method_vi, method_en = (message(f"upload.method_{kind}", lang) for lang in (VI, EN))
    return (
        pd.DataFrame(out, columns=["unit_code", "indicator", "year", "value", "note"]),
        method_vi,
        method_en,
    )
