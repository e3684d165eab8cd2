"""What the map page shows per commune: the commune layer joined with indicators and risk.

:data:`INDICATORS` lists the indicators a user can colour the map by. Each commune row carries,
for every indicator, the value and (for cited figures) ``<key>_year``, ``<key>_level``
(``commune``, ``district`` or ``none``), ``<key>_source`` and ``<key>_quote``.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd

from layers import indicators
from layers.registry import Atlas


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
            latest = indicators.latest_indicator(table=table, communes=keys, indicator=key).drop(
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
