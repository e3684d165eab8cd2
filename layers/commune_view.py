"""What the map page shows per commune: the commune layer joined with indicators and risk.

:data:`INDICATORS` lists the indicators a user can colour the map by. Each commune row carries,
for every indicator, the value and (for cited figures) ``<key>_year``, ``<key>_level``
(``commune``, ``district`` or ``none``), ``<key>_source`` and ``<key>_quote``.

Which figure a commune shows is decided here: :func:`latest_indicator` picks, from the
indicators table (:mod:`layers.indicators`), the commune's own latest figure or else the
latest figure of its former district, and says which (``level``) — or leaves it missing.
For the 2025 communes the population is the 2025 figure, for the 2020–2025 communes the 2019
census; a user's imported figure is the commune's own and replaces the bundle's.

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

import re
from dataclasses import dataclass
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from layers.crosswalk import unchanged_communes
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


def indicator(key: str) -> Indicator:
    return next(item for item in INDICATORS if item.key == key)


def commune_view(
    atlas: Atlas, *, edition: str, imported: dict[str, pd.DataFrame] | None = None
) -> gpd.GeoDataFrame:
    """The communes of ``edition`` with every indicator and the risk class attached.

    ``imported`` maps an indicator key to users' figures (``code, value, year, source, note``):
    they are commune figures and replace the bundle's figure for that commune.
    """
    communes = atlas.get(f"communes_{edition}").copy()
    if edition == "2025":
        communes["population"] = communes["population_2025"]
        communes["population_year"] = 2025
        communes["density"] = communes["density_2025"]
    else:
        communes["population"] = communes["population_2019"]
        communes["population_year"] = 2019
        communes["density"] = communes["density_2019"]
    if atlas.available("indicators"):
        table = atlas.get("indicators")
        keys = communes[["code", "former_district", "edition"]]
        for key in CITED:
            latest = latest_indicator(table=table, communes=keys, indicator=key).drop(
                columns=["edition"]
            )
            communes = communes.merge(latest, on="code", how="left")
    else:
        for key in CITED:
            communes[key] = float("nan")
            communes[f"{key}_level"] = "none"
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


def _apply_imported(communes: pd.DataFrame, key: str, figures: pd.DataFrame) -> pd.DataFrame:
    communes = communes.copy()
    for column, default in (
        ("", float("nan")),
        ("_year", float("nan")),
        ("_level", "none"),
        ("_source", ""),
        ("_quote", ""),
        ("_note", ""),
    ):
        if f"{key}{column}" not in communes.columns:
            communes[f"{key}{column}"] = default
    by_code = figures.set_index("code")
    hit = communes["code"].isin(by_code.index)
    codes = communes.loc[hit, "code"]
    communes.loc[hit, key] = codes.map(by_code["value"]).astype(float).to_numpy()
    communes.loc[hit, f"{key}_year"] = codes.map(by_code["year"]).to_numpy()
    communes.loc[hit, f"{key}_level"] = "commune"
    communes.loc[hit, f"{key}_source"] = codes.map(by_code["source"]).to_numpy()
    communes.loc[hit, f"{key}_quote"] = ""
    communes.loc[hit, f"{key}_note"] = codes.map(by_code["note"]).to_numpy()
    return communes


def _district_name(text: object) -> str:
    return re.sub(r"^\s*huyện\s+", "", str(text), flags=re.IGNORECASE).strip()


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
        ``code``, ``edition``, ``<indicator>``, ``<prefix>_year`` (Int64), ``<prefix>_level``
        (``commune``, ``district`` or ``none``), ``<prefix>_source``, ``<prefix>_quote`` and
        ``<prefix>_note``. A commune's own figure always wins over its district's; with
        neither, the value stays missing and the level is ``none`` (nothing is guessed).
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
        communes["former_district"].map(_district_name),
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
        chosen, note = _pick(own, undated)
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
            chosen, note = _pick(district_rows, undated)
            level = "district"
            if chosen is not None:
                note = "; ".join(
                    n for n in (f"figure of the former district {district}", note) if n
                )
        if chosen is None:
            out.append(
                {
                    "code": code,
                    "edition": edition,
                    indicator: np.nan,
                    f"{prefix}_year": pd.NA,
                    f"{prefix}_level": "none",
                    f"{prefix}_source": "",
                    f"{prefix}_quote": "",
                    f"{prefix}_note": NO_FIGURE_NOTE,
                }
            )
            continue
        out.append(
            {
                "code": code,
                "edition": edition,
                indicator: float(chosen["value"]),
                f"{prefix}_year": chosen["year"],
                f"{prefix}_level": level,
                f"{prefix}_source": chosen["source"],
                f"{prefix}_quote": chosen["quote"],
                f"{prefix}_note": "; ".join(n for n in (note, chosen["note"]) if n),
            }
        )
    result = pd.DataFrame(out)
    if len(result):
        result[f"{prefix}_year"] = result[f"{prefix}_year"].astype("Int64")
        result[indicator] = result[indicator].astype(float)
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
    ``poverty_note``. See :func:`latest_indicator`.
    """
    return latest_indicator(
        table=table,
        communes=communes,
        indicator="poverty_rate_pct",
        prefix="poverty",
        crosswalk=crosswalk,
        undated=undated,
    )
