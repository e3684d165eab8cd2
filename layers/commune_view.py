"""What the map page shows per commune: the commune layer joined with indicators and risk.

:data:`INDICATORS` lists the indicators a user can colour the map by. Each commune row carries,
for every cited indicator ``<key>``, the value and :data:`FIGURE_SUFFIXES`: ``<key>_year``,
``<key>_level`` (``commune``, ``district`` — the former district's — or ``none``),
``<key>_source`` (a citation a person can follow), ``<key>_source_link``,
``<key>_source_mirror``, ``<key>_quote``, ``<key>_note``, ``<key>_standard`` (poverty only),
``<key>_conflict`` (the sources disagree), ``<key>_qualifier`` / ``<key>_estimate`` ("trên 32",
"ước đạt") and ``<key>_method``.

Which figure a commune shows is decided here: :func:`latest_indicator` picks, from the
indicators table (:mod:`layers.indicators`), the commune's own latest figure (in either edition
when the 2025 merger left the commune whole) or else the latest figure of its former district,
and says which (``level``) — or leaves it missing. A figure read only on a copied page (mirror)
gives way to one that is not a copy. For the 2025 communes the population is the 2025 figure,
for the 2020–2025 communes the 2019 census; a user's imported figure is the commune's own and
replaces the bundle's. :func:`provenance_table` says, per commune, where the figure shown comes
from, in the user's language (columns :data:`PROVENANCE_COLUMNS`, headers
:func:`provenance_headers`).

Examples
--------
>>> table = pd.DataFrame(
...     {
...         "unit_code": ["Kỳ Sơn", "Kỳ Sơn"],
...         "unit_level": "district",
...         "indicator": "poverty_rate_pct",
...         "value": [45.0, 42.21],
...         "year": pd.array([2019, 2020], dtype="Int64"),
...         "source": "https://example.test",
...         "quote": "",
...         "note": "",
...     }
... )
>>> communes = pd.DataFrame(
...     {"code": ["16813"], "former_district": ["Kỳ Sơn"], "edition": ["2025"]}
... )
>>> row = poverty_for_communes(table=table, communes=communes).iloc[0]
>>> float(row["poverty_rate_pct"]), int(row["poverty_year"]), row["poverty_level"]
(42.21, 2020, 'district')
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.crosswalk import unchanged_communes
from layers.facts import district_name
from layers.provenance import PROVENANCE_COLUMNS, provenance_headers, provenance_rows
from layers.registry import Atlas

NO_FIGURE_NOTE = "no figure for the commune or its former district in the inputs"


@dataclass(frozen=True)
class Indicator:
    """An indicator the map can be coloured by."""

    key: str
    label_vi: str
    label_en: str
    unit: str
    kind: str = "number"  # "number" or "class"
    cited: bool = False  # has year / level / source columns


INDICATORS: tuple[Indicator, ...] = (
    Indicator("poverty_rate_pct", "Tỷ lệ hộ nghèo", "Poor-household rate", "%", cited=True),
    Indicator(
        "income_per_capita_mvnd_year",
        "Thu nhập bình quân đầu người",
        "Income per person",
        "triệu đồng/năm · million VND/yr",
        cited=True,
    ),
    Indicator("population", "Dân số", "Population", "người · people"),
    Indicator("density", "Mật độ dân số", "Population density", "người/km² · people/km²"),
    Indicator("forest_cover_pct", "Độ che phủ rừng", "Forest cover", "%", cited=True),
    Indicator(
        "risk_class", "Nguy cơ sạt lở – lũ quét", "Landslide / flash-flood risk", "", "class"
    ),
)

CITED = tuple(indicator.key for indicator in INDICATORS if indicator.cited)

FIGURE_SUFFIXES: dict[str, Any] = {
    "_year": pd.NA,
    "_level": "none",
    "_source": "",
    "_quote": "",
    "_note": "",
    "_standard": "",
    "_conflict": False,
    "_source_link": "",
    "_source_mirror": False,
    "_qualifier": "",
    "_estimate": False,
    "_method": "none",
    "_unit_level": "",
    "_fact_key": "",
    "_source_date": "",
}
"""The columns beside each cited indicator's value, and their value when there is no figure.

``_unit_level`` is the unit the figure is about (``commune_2024``, ``commune_2025``,
``district``); ``_fact_key`` links it to the cited fact."""


def indicator(key: str) -> Indicator:
    return next(item for item in INDICATORS if item.key == key)


def crosswalk_of(atlas: Atlas) -> pd.DataFrame | None:
    """The 2024→2025 crosswalk (``code_2024``, ``code_2025``) the atlas holds.

    The ``crosswalk`` layer when there is one, else the ``codes_2025`` of the 2024 communes
    (built from the same crosswalk); ``None`` when neither is available.
    """
    if atlas.available("crosswalk"):
        return atlas.get("crosswalk")
    if not atlas.available("communes_2024"):
        return None
    old = atlas.get("communes_2024")
    if "codes_2025" not in old.columns:
        return None
    pairs = pd.DataFrame(
        {"code_2024": old["code"].astype(str), "code_2025": old["codes_2025"].astype(str)}
    )
    pairs["code_2025"] = pairs["code_2025"].str.split(";")
    pairs = pairs.explode("code_2025")
    pairs["code_2025"] = pairs["code_2025"].str.strip()
    return pairs[pairs["code_2025"] != ""].reset_index(drop=True)


def commune_view(
    atlas: Atlas, *, edition: str, imported: dict[str, pd.DataFrame] | None = None
) -> gpd.GeoDataFrame:
    """The communes of ``edition`` with every indicator and the risk class attached.

    ``imported`` maps an indicator key to users' figures (``code, value, year, source, note``):
    they are commune figures and replace the bundle's figure for that commune. A commune the
    2025 merger left whole shows the same own figures in both editions (the crosswalk is read
    from the atlas, :func:`crosswalk_of`).
    """
    communes = atlas.get(f"communes_{edition}").copy()
    if edition == "2025":
        communes["population"] = communes["population_2025"]
        communes["population_year"] = 2025
        communes["density"] = communes["density_2025"]
        communes["density_year"] = 2025
    else:
        communes["population"] = communes["population_2019"]
        communes["population_year"] = 2019
        communes["density"] = communes["density_2019"]
        communes["density_year"] = 2019
    if atlas.available("indicators"):
        table = atlas.get("indicators")
        keys = communes[["code", "former_district", "edition"]]
        crosswalk = crosswalk_of(atlas)
        for key in CITED:
            latest = latest_indicator(
                table=table, communes=keys, indicator=key, crosswalk=crosswalk
            ).drop(columns=["edition"])
            communes = communes.merge(latest, on="code", how="left")
    else:
        for key in CITED:
            communes[key] = float("nan")
            for suffix, default in FIGURE_SUFFIXES.items():
                communes[f"{key}{suffix}"] = default
            communes[f"{key}_year"] = communes[f"{key}_year"].astype("Int64")
            communes[f"{key}_note"] = NO_FIGURE_NOTE
    for key, figures in (imported or {}).items():
        communes = _apply_imported(communes, key, figures)
    risk_name = f"risk_{edition}"
    if atlas.available(risk_name):
        risk = pd.DataFrame(atlas.get(risk_name).drop(columns="geometry"))
        keep = ["code", "risk_class", "risk_reasons", "risk_reasons_en", "risk_sources", "basis"]
        communes = communes.merge(risk[keep].rename(columns={"basis": "risk_basis"}), on="code")
    else:
        communes["risk_class"] = "unknown"
        communes["risk_reasons"] = ""
        communes["risk_reasons_en"] = ""
        communes["risk_sources"] = ""
        communes["risk_basis"] = ""
    return gpd.GeoDataFrame(communes, geometry="geometry", crs=atlas.get("communes_2025").crs)


def _year_column(values: pd.Series) -> pd.Series:
    """Years as whole numbers (Int64): ``2024.0`` and ``"2024"`` become 2024."""
    return pd.to_numeric(values, errors="coerce").round().astype("Int64")


def _apply_imported(communes: pd.DataFrame, key: str, figures: pd.DataFrame) -> pd.DataFrame:
    communes = communes.copy()
    if key not in communes.columns:
        communes[key] = float("nan")
    for suffix, default in FIGURE_SUFFIXES.items():
        if f"{key}{suffix}" not in communes.columns:
            communes[f"{key}{suffix}"] = default
    communes[f"{key}_year"] = _year_column(communes[f"{key}_year"])
    by_code = figures.assign(code=figures["code"].astype(str)).set_index("code")
    hit = communes["code"].astype(str).isin(by_code.index)
    codes = communes.loc[hit, "code"].astype(str)
    communes.loc[hit, key] = codes.map(by_code["value"]).astype(float).to_numpy()
    years = _year_column(codes.map(by_code["year"])) if "year" in by_code else pd.NA
    communes.loc[hit, f"{key}_year"] = years
    notes = codes.map(by_code["note"]) if "note" in by_code else ""
    values = {
        "_level": "commune",
        "_source": codes.map(by_code["source"]).fillna("").astype(str).to_numpy(),
        "_quote": "",
        "_note": notes,
        "_standard": "unknown" if key == "poverty_rate_pct" else "",
        "_conflict": False,
        "_source_link": "",
        "_source_mirror": False,
        "_qualifier": "",
        "_estimate": False,
        "_method": "user_import",
        "_unit_level": f"commune_{communes['edition'].iloc[0]}" if len(communes) else "",
        "_fact_key": "",
        "_source_date": "",
    }
    for suffix, value in values.items():
        communes.loc[hit, f"{key}{suffix}"] = value
    return communes


def _pick(candidates: pd.DataFrame, undated: str) -> tuple[pd.Series | None, str]:
    """Return the latest row of ``candidates`` and a note on other figures of that year."""
    dated = candidates[candidates["year"].notna()]
    if len(dated):
        latest = dated[dated["year"] == dated["year"].max()]
    elif undated == "fallback" and len(candidates):
        latest = candidates
    else:
        return None, ""
    chosen = latest.iloc[0]
    others = latest.iloc[1:]
    others = others[others["value"] != chosen["value"]]
    note = ""
    if len(others):
        listed = ", ".join(
            f"{v:g} ({s})" for v, s in zip(others["value"], others["source"], strict=True)
        )
        note = f"other figures for the same year: {listed}"
    return chosen, note


def _copy_only(rows: pd.DataFrame) -> pd.Series:
    """Rows read only on a copied page that names no original (they give way to others)."""
    mirror = rows["source_mirror"] if "source_mirror" in rows else pd.Series(False, rows.index)
    origin = rows["source_origin"] if "source_origin" in rows else pd.Series("", rows.index)
    return mirror.fillna(False).astype(bool) & (origin.fillna("").astype(str) == "")


def _choose(candidates: pd.DataFrame, undated: str) -> tuple[pd.Series | None, str, bool]:
    """The figure to show among ``candidates``, a note, and whether the sources disagree.

    A figure that is not a copy wins over one read only on a copied page (even an older one);
    the copies that disagree with it and are as recent or later are named in the note.
    """
    copies = _copy_only(candidates)
    chosen, note = _pick(candidates[~copies], undated)
    if chosen is None:
        chosen, note = _pick(candidates, undated)
        return chosen, note, bool(note)
    year = chosen["year"]
    skipped = candidates[copies]
    skipped = skipped[
        skipped["year"].notna()
        & (skipped["value"] != chosen["value"])
        & (True if pd.isna(year) else skipped["year"] >= year)
    ]
    if len(skipped):
        listed = ", ".join(
            f"{v:g} ({int(y)}) ({s})"
            for v, y, s in zip(skipped["value"], skipped["year"], skipped["source"], strict=True)
        )
        conflict = (
            f"conflicts with {listed}, read only on a copied page: not used; the figure shown "
            "is from a source that is not a copy"
        )
        note = "; ".join(n for n in (note, conflict) if n)
    return chosen, note, bool(note)


def _figure(chosen: pd.Series, prefix: str, indicator: str) -> dict[str, object]:
    return {
        indicator: float(chosen["value"]),
        f"{prefix}_year": chosen["year"],
        f"{prefix}_source": chosen["source"],
        f"{prefix}_quote": chosen["quote"],
        f"{prefix}_standard": str(chosen.get("standard", "") or ""),
        f"{prefix}_source_link": str(chosen.get("source_link", "") or ""),
        f"{prefix}_source_mirror": bool(chosen.get("source_mirror", False)),
        f"{prefix}_qualifier": str(chosen.get("qualifier", "") or ""),
        f"{prefix}_estimate": bool(chosen.get("estimate", False)),
        f"{prefix}_method": str(chosen.get("method", "") or "cited_figure"),
        f"{prefix}_unit_level": str(chosen["unit_level"]),
        f"{prefix}_fact_key": str(chosen.get("fact_key", "") or ""),
        f"{prefix}_source_date": str(chosen.get("source_date", "") or ""),
    }


def latest_indicator(
    *,
    table: pd.DataFrame,
    communes: pd.DataFrame,
    indicator: str,
    prefix: str | None = None,
    crosswalk: pd.DataFrame | None = None,
    undated: Literal["fallback", "exclude"] = "fallback",
) -> pd.DataFrame:
    """Return each commune's latest ``indicator``: its own, else its former district's.

    Parameters
    ----------
    table
        The indicators table from :func:`layers.indicators.build`.
    communes
        Columns ``code``, ``former_district`` (``"Kỳ Sơn"`` or ``"Huyện Kỳ Sơn"``) and
        ``edition`` (``"2024"``/``"2025"``; GSO codes were reused across the 2025 merger).
    indicator
        E.g. ``poverty_rate_pct``, ``income_per_capita_mvnd_year``, ``forest_cover_pct``.
    prefix
        Prefix of the result columns; defaults to ``indicator``.
    crosswalk
        The 2024→2025 crosswalk; when given, a figure for a commune the merger left whole
        (e.g. Sơn Điện) counts for that commune in both editions.
    undated
        ``"fallback"``: a figure whose year is not stated is used only when its level has no
        dated figure (its year stays missing). ``"exclude"``: undated figures are ignored.

    Returns
    -------
    pandas.DataFrame
        ``code``, ``edition``, ``<indicator>`` and ``<prefix><suffix>`` for every suffix of
        :data:`FIGURE_SUFFIXES` (``_year`` Int64, ``_level`` ``commune``/``district``/``none``,
        ``_source``, ``_quote``, ``_note``, ``_standard``, ``_conflict`` …). A commune's own
        figure always wins over its district's; at each level a figure that is not a copy wins
        over one read only on a copied page (mirror), and the disagreement is stated in
        ``_note`` with ``_conflict`` true. With no figure the value stays missing and the level
        is ``none`` (nothing is guessed).
    """
    missing = [c for c in ("code", "former_district", "edition") if c not in communes.columns]
    if missing:
        raise ValueError(f"communes lacks columns {missing}: pass code, former_district, edition")
    prefix = prefix or indicator
    rows = table[table["indicator"] == indicator]
    same_unit = unchanged_communes(crosswalk) if crosswalk is not None else {}
    out: list[dict[str, object]] = []
    for code, district, edition in zip(
        communes["code"].astype(str),
        communes["former_district"].map(district_name),
        communes["edition"].astype(str),
        strict=True,
    ):
        keys = [(edition, code)]
        if (edition, code) in same_unit:
            keys.append(same_unit[(edition, code)])
        own = pd.concat(
            [
                rows[(rows["unit_level"] == f"commune_{e}") & (rows["unit_code"] == c)]
                for e, c in keys
            ]
        )
        chosen, note, conflict = _choose(own, undated)
        level = "commune"
        if chosen is not None and chosen["unit_level"] != f"commune_{edition}":
            note = "; ".join(
                n
                for n in (
                    "figure of the same commune in the other edition (unchanged in 2025)",
                    note,
                )
                if n
            )
        if chosen is None:
            district_rows = rows[
                (rows["unit_level"] == "district") & (rows["unit_code"] == district)
            ]
            chosen, note, conflict = _choose(district_rows, undated)
            level = "district"
            if chosen is not None:
                note = "; ".join(
                    n for n in (f"figure of the former district {district}", note) if n
                )
        row: dict[str, object] = {"code": code, "edition": edition, indicator: np.nan}
        row.update({f"{prefix}{suffix}": default for suffix, default in FIGURE_SUFFIXES.items()})
        if chosen is None:
            row[f"{prefix}_note"] = NO_FIGURE_NOTE
        else:
            row.update(_figure(chosen, prefix, indicator))
            row[f"{prefix}_level"] = level
            row[f"{prefix}_conflict"] = conflict
            row[f"{prefix}_note"] = "; ".join(n for n in (note, chosen["note"]) if n)
        out.append(row)
    result = pd.DataFrame(out)
    if len(result):
        result[f"{prefix}_year"] = result[f"{prefix}_year"].astype("Int64")
        result[indicator] = result[indicator].astype(float)
        for suffix in ("_conflict", "_source_mirror", "_estimate"):
            result[f"{prefix}{suffix}"] = result[f"{prefix}{suffix}"].astype(bool)
    return result


def poverty_for_communes(
    *,
    table: pd.DataFrame,
    communes: pd.DataFrame,
    crosswalk: pd.DataFrame | None = None,
    undated: Literal["fallback", "exclude"] = "fallback",
) -> pd.DataFrame:
    """Return each commune's latest poverty rate (``poverty_rate_pct``) and where it is from.

    Columns: ``code``, ``edition``, ``poverty_rate_pct``, ``poverty_year``, ``poverty_level``
    (``commune``/``district``/``none``), ``poverty_source``, ``poverty_quote``,
    ``poverty_note``, ``poverty_standard``, ``poverty_conflict`` … (see
    :func:`latest_indicator`).
    """
    return latest_indicator(
        table=table,
        communes=communes,
        indicator="poverty_rate_pct",
        prefix="poverty",
        crosswalk=crosswalk,
        undated=undated,
    )


def provenance_table(
    view: pd.DataFrame, *, indicator: str, lang: str, unit: str | None = None
) -> pd.DataFrame:
    """Where each commune's figure of ``indicator`` comes from, in ``lang``.

    One row per commune of ``view`` (:func:`commune_view`), columns
    :data:`PROVENANCE_COLUMNS`: value (with the source's qualifier), unit, year (or "không nêu
    năm / year not stated"), level, method, poverty standard, source, link, mirror flag, note
    and detail; see :func:`layers.provenance.provenance_rows`. ``indicator`` is a key of
    :data:`INDICATORS` or of a user's imported indicator (give its ``unit``).

    Examples
    --------
    >>> view = pd.DataFrame({"code": ["15013"], "name": ["Na Mèo"], "edition": ["2025"],
    ...     "former_district": ["Quan Sơn"], "income_per_capita_mvnd_year": [28.0],
    ...     "income_per_capita_mvnd_year_year": [2022],
    ...     "income_per_capita_mvnd_year_level": ["district"]})
    >>> row = provenance_table(view, indicator="income_per_capita_mvnd_year", lang="en").iloc[0]
    >>> row["value"], row["unit"], row["year"], row["level"]
    ('28', 'million VND/yr', '2022', 'former district Quan Sơn')
    """
    if unit is None:
        unit = next((item.unit for item in INDICATORS if item.key == indicator), "")
    return provenance_rows(view, indicator=indicator, lang=lang, unit=unit)


__all__ = [
    "CITED",
    "FIGURE_SUFFIXES",
    "INDICATORS",
    "NO_FIGURE_NOTE",
    "PROVENANCE_COLUMNS",
    "Indicator",
    "commune_view",
    "crosswalk_of",
    "indicator",
    "latest_indicator",
    "poverty_for_communes",
    "provenance_headers",
    "provenance_table",
]
