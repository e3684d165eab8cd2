"""The commune crosswalk of the 1 July 2025 merger, and everything moved across it.

``boundaries/crosswalk_2024_2025.csv`` has one row per (2020–2025 commune, 2025 commune) pair:
55 rows for 54 old and 27 new communes. Every old commune went wholly into one new commune,
except Thị trấn Sơn Lư, split between the new communes Quan Sơn and Tam Lư.

This module is the only place that reads the crosswalk or derives anything from it:

* the code lists old → new (:func:`new_codes`) and new → old (:func:`old_codes`);
* which communes are the same unit in both editions (:func:`unchanged_communes`) and which
  lie wholly inside one commune of the other edition (:func:`lies_within`);
* what one edition's official areas and border flags tell about the other
  (:func:`official_area_2024`, :func:`border_2024_from_2025`, :func:`listed_2025`);
* the area share of each old commune in each new one (:func:`crosswalk_weights`) and the
  population weight of each row, 2019 population × area share (:func:`population_weights`);
* the 2019 population of each new commune and how it was obtained (:func:`population_2025`,
  :func:`population_2025_method`);
* moving figures of old communes onto the new ones (:func:`to_2025`).

A count of people is never fractional: a count with a part split by area share is an estimate
and is rounded (population to :data:`SPLIT_POPULATION_STEP`, other counts to a whole number).

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

SPLIT_POPULATION_STEP = 10
"""A 2019 population with a part split by area share is rounded to this many people.

The area share assumes people spread evenly over the split commune, which they do not (most
live in the town), so the estimate is good to a few hundred at best; rounding to 10 keeps it
from reading as a count while the district totals still agree with the census within 5 people
per estimated commune. The method code ``census_2019_area_share`` says it is an estimate.
"""


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


def official_area_2024(crosswalk: pd.DataFrame, *, official_2025: pd.Series) -> pd.Series:
    """By 2024 code: the official area of its 2025 unit when the merger left it whole, else NaN.

    ``official_2025`` maps 2025 codes to their official area.

    Examples
    --------
    >>> tiny = pd.DataFrame({"code_2024": ["1", "2", "3"], "code_2025": ["10", "10", "30"]})
    >>> official_area_2024(tiny, official_2025=pd.Series({"10": 5.0, "30": 7.5})).to_dict()
    {'1': nan, '2': nan, '3': 7.5}
    """
    same = unchanged_communes(crosswalk)
    codes = sorted(set(crosswalk["code_2024"].astype(str)))
    values = [
        official_2025.get(same[("2024", code)][1], np.nan) if ("2024", code) in same else np.nan
        for code in codes
    ]
    return pd.Series(values, index=pd.Index(codes, name="code_2024"), dtype=float)


def border_2024_from_2025(crosswalk: pd.DataFrame, *, is_border_2025: pd.Series) -> pd.Series:
    """By 2024 code, what the 2025 border flags tell about it: ``yes``, ``no`` or ``check``.

    A commune the merger left whole has its 2025 unit's flag; one that went only into
    communes off the border is off it too (a part cannot touch what the whole does not). A
    part of a merged or split border commune may or may not touch the border: ``check``.

    Examples
    --------
    >>> tiny = pd.DataFrame(
    ...     {"code_2024": ["1", "2", "3", "4"], "code_2025": ["10", "10", "30", "40"]}
    ... )
    >>> flags = pd.Series({"10": True, "30": True, "40": False})
    >>> border_2024_from_2025(tiny, is_border_2025=flags).to_dict()
    {'1': 'check', '2': 'check', '3': 'yes', '4': 'no'}
    """
    same = unchanged_communes(crosswalk)
    result = {}
    for code, targets in new_codes(crosswalk).items():
        if ("2024", code) in same:
            result[code] = "yes" if bool(is_border_2025[same[("2024", code)][1]]) else "no"
        elif not any(bool(is_border_2025[target]) for target in targets):
            result[code] = "no"
        else:
            result[code] = "check"
    return pd.Series(result, dtype=str)


def listed_2025(crosswalk: pd.DataFrame, *, listed_2024: set[str]) -> pd.Series:
    """By 2025 code: whether it holds a 2024 commune of ``listed_2024``; missing where unknown.

    A 2025 commune holds a listed commune when one lies wholly inside it, and holds none when
    none of its parts is listed. When its only listed part is a split commune, it may or may
    not hold the listed land: missing (NA).

    Examples
    --------
    >>> tiny = pd.DataFrame(
    ...     {"code_2024": ["1", "2", "3", "3"], "code_2025": ["10", "10", "30", "40"]}
    ... )
    >>> listed_2025(tiny, listed_2024={"2"}).tolist()
    [True, False, False]
    >>> listed_2025(tiny, listed_2024={"3"}).tolist()
    [False, <NA>, <NA>]
    """
    within = lies_within(crosswalk, edition="2025")
    result = {}
    for code, parts in old_codes(crosswalk).items():
        listed = [part for part in parts if part in listed_2024]
        if any(part in within for part in listed):
            result[code] = True
        else:
            result[code] = pd.NA if listed else False
    return pd.Series(result, dtype="boolean")


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


def round_to(value: float, step: float) -> float:
    """``value`` rounded to the nearest multiple of ``step``, halves away from zero.

    Examples
    --------
    >>> round_to(6689.54, 10), round_to(6475.46, 10), round_to(2.5, 1), round_to(-2.5, 1)
    (6690.0, 6480.0, 3.0, -3.0)
    """
    return float(np.sign(value) * np.floor(abs(value) / step + 0.5) * step)


def _has_split_part(weights: pd.DataFrame) -> pd.Series:
    """By 2025 code: whether any of its parts came from a split old commune (share < 1)."""
    return weights.groupby("code_2025")["area_share"].min() < 1


def population_2025(weights: pd.DataFrame) -> pd.Series:
    """The 2019 population of each 2025 commune, in whole people (nullable ``Int64``).

    The sum of its population weights: an exact census count when every part went whole into
    it, else an area-share estimate rounded to :data:`SPLIT_POPULATION_STEP`. Missing only
    when no part of it has a population.

    Examples
    --------
    >>> weights = pd.DataFrame(
    ...     {"code_2024": ["1", "2", "3", "3"], "code_2025": ["10", "10", "30", "40"],
    ...      "area_share": [1.0, 1.0, 0.22, 0.78],
    ...      "population_weight": [101.0, 6.0, 1236.45, 4282.54]}
    ... )
    >>> population_2025(weights).tolist()
    [107, 1240, 4280]
    """
    total = weights.groupby("code_2025")["population_weight"].sum(min_count=1)
    split = _has_split_part(weights).reindex(total.index, fill_value=False)
    step = np.where(split, SPLIT_POPULATION_STEP, 1)
    rounded = [np.nan if pd.isna(v) else round_to(v, s) for v, s in zip(total, step, strict=True)]
    return pd.Series(rounded, index=total.index, name="population_2019").astype("Int64")


def population_2025_method(weights: pd.DataFrame) -> pd.Series:
    """By 2025 code, how :func:`population_2025` got its figure.

    ``census_2019`` (a sum of whole census counts) or ``census_2019_area_share`` (a part of a
    split commune by area share: an estimate).

    Examples
    --------
    >>> weights = pd.DataFrame(
    ...     {"code_2024": ["1", "3", "3"], "code_2025": ["10", "30", "40"],
    ...      "area_share": [1.0, 0.3, 0.7]}
    ... )
    >>> population_2025_method(weights).to_dict()
    {'10': 'census_2019', '30': 'census_2019_area_share', '40': 'census_2019_area_share'}
    """
    split = _has_split_part(weights)
    return split.map({True: "census_2019_area_share", False: "census_2019"}).astype(str)


def to_2025(
    rows: pd.DataFrame, *, weights: pd.DataFrame, kind: str
) -> tuple[pd.DataFrame, str, str]:
    """Move figures of 2020–2025 communes onto the 2025 communes.

    ``rows`` has ``unit_code`` (2024 code), ``indicator``, ``year`` and ``value``; ``weights``
    has ``code_2025``, ``code_2024``, ``area_share`` and ``population_weight``
    (:func:`transfer_weights`). Counts are summed (a split commune
    by its area share); rates are weighted by the population weights. A count with a split part
    is an estimate: it is rounded to a whole number (never a fractional count) and ``note`` says
    which old commune was split. A 2025 commune gets a value only when every old commune it is
    made of has one; otherwise it stays missing, and ``note`` names the missing parts.

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
    >>> split = pd.DataFrame(
    ...     {"code_2024": ["3", "3"], "code_2025": ["30", "40"], "area_share": [0.3, 0.7],
    ...      "population_weight": [30.0, 70.0]}
    ... )
    >>> people = pd.DataFrame({"unit_code": ["3"], "indicator": "people", "year": 2024,
    ...                        "value": [105.0]})
    >>> moved = to_2025(people, weights=split, kind="count")[0]
    >>> moved["value"].tolist(), moved["note"].iloc[0]
    ([32.0, 74.0], 'ước tính: xã cũ 3 bị chia theo tỷ lệ diện tích, làm tròn')
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
            note = ""
            if kind == "count":
                value = float((part_values * parts["area_share"]).sum())
                split = parts.loc[parts["area_share"] < 1, "code_2024"]
                if len(split):
                    value = round_to(value, 1)
                    codes = ", ".join(split)
                    note = message("crosswalk.area_share_estimate", VI, codes=codes)
            else:
                population = parts["population_weight"]
                value = float((part_values * population).sum() / population.sum())
            out.append(
                {
                    "unit_code": code_2025,
                    "indicator": indicator,
                    "year": year,
                    "value": value,
                    "note": note,
                }
            )
    method_vi, method_en = (message(f"upload.method_{kind}", lang) for lang in (VI, EN))
    return (
        pd.DataFrame(out, columns=["unit_code", "indicator", "year", "value", "note"]),
        method_vi,
        method_en,
    )
