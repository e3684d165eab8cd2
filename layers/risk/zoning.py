"""Official landslide zoning maps that users import, which override the derived class.

There is no official zoning map in the bundle. When a user imports one,
:func:`apply_official_zoning` replaces the derived class of every commune the map covers
(:data:`ZONING_COVER_MIN`), keeping the derived reasons, one per line, after the official
class.
"""

from __future__ import annotations

import geopandas as gpd

from geo.errors import UserInputError
from geo.names import fold
from geo.vocabulary import METRIC_CRS, RISK_CLASSES, RISK_RANK
from i18n.messages import EN, LANGS, VI, message, risk_label
from layers.risk.explanation import REASON_SEPARATOR, SOURCE_SEPARATOR
from layers.risk.rules import ZONING_CLASS_MIN_SHARE, ZONING_COVER_MIN
from layers.risk.scoring import SCHEMA

__all__ = ["ZONING_CLASS_MIN_SHARE", "ZONING_COVER_MIN", "apply_official_zoning", "zone_class"]

_ZONE_ALIASES = {
    **{
        fold(message(f"risk.{k}", lang)): k
        for k in RISK_CLASSES
        if k != "unknown"
        for lang in LANGS
    },
    **{k: k for k in RISK_CLASSES if k != "unknown"},
    "very high": "very_high",
    "rat cao": "very_high",
    "nguy co rat cao": "very_high",
    "nguy co cao": "high",
    "nguy co trung binh": "medium",
    "nguy co thap": "low",
}


def zone_class(label: object) -> str:
    """Return the class vocabulary value of a zoning label (Vietnamese or English).

    Examples
    --------
    >>> zone_class("Rất cao"), zone_class("high"), zone_class("nguy cơ trung bình")
    ('very_high', 'high', 'medium')
    """
    key = fold(str(label)).replace("_", " ")
    if key in _ZONE_ALIASES:
        return _ZONE_ALIASES[key]
    raise UserInputError.of("data.error.zone_class", label=label)


def apply_official_zoning(risk: gpd.GeoDataFrame, zoning: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Replace the derived class by an official zoning map where the map covers a commune.

    Rule: a commune is *covered* when the union of the zoning polygons covers at least
    :data:`ZONING_COVER_MIN` (50 %) of its area. A covered commune takes the worst
    ``zone_class`` among the zones that each cover at least :data:`ZONING_CLASS_MIN_SHARE`
    (10 %) of its area; ``basis`` becomes ``official_zoning``, the reasons start with
    "theo bản đồ phân vùng chính thức …" and keep the derived reasons on the lines after it
    (:data:`layers.risk.explanation.REASON_SEPARATOR`). Other
    communes are returned unchanged.

    Parameters
    ----------
    risk
        A layer from :func:`layers.risk.build`.
    zoning
        Polygons with ``zone_class`` (very_high/high/medium/low, or Vietnamese labels) and
        ``source``, in any CRS.
    """
    missing = [c for c in ("zone_class", "source") if c not in zoning.columns]
    if missing:
        raise UserInputError.of("data.error.zoning_columns", missing=missing)
    if zoning.crs is None:
        raise UserInputError.of("data.error.zoning_crs")
    result = risk.copy()
    zones = zoning.loc[zoning.geometry.notna() & ~zoning.geometry.is_empty].copy()
    zones["zone"] = zones["zone_class"].map(zone_class)
    zones = zones.to_crs(METRIC_CRS)
    if zones.empty:
        return result
    zones["geometry"] = zones.geometry.make_valid()
    union = zones.geometry.union_all()
    communes = result.to_crs(METRIC_CRS).geometry
    for index, commune in communes.items():
        area = commune.area
        if area <= 0 or commune.intersection(union).area / area < ZONING_COVER_MIN:
            continue
        shares = zones.geometry.intersection(commune).area / area
        eligible = zones[shares >= ZONING_CLASS_MIN_SHARE]
        if eligible.empty:
            continue
        ranks = eligible["zone"].map(RISK_RANK)
        worst = eligible.loc[ranks.idxmax()]
        covered = commune.intersection(union).area / area
        sources = list(dict.fromkeys(eligible["source"].astype(str)))
        derived = result.at[index, "risk_class"]
        for column, lang in (("risk_reasons", VI), ("risk_reasons_en", EN)):
            head = message(
                "risk_text.zoning",
                lang,
                sources=", ".join(" ".join(s.split()) for s in sources),
                zone=risk_label(worst["zone"], lang),
                cover=covered,
                derived=risk_label(derived, lang),
            )
            result.at[index, column] = REASON_SEPARATOR.join([head, result.at[index, column]])
        result.at[index, "risk_class"] = worst["zone"]
        result.at[index, "risk_sources"] = SOURCE_SEPARATOR.join(
            dict.fromkeys(
                [*sources, *str(result.at[index, "risk_sources"]).split(SOURCE_SEPARATOR)]
            )
        )
        result.at[index, "source"] = f"Bản đồ phân vùng chính thức: {'; '.join(sources)}"
        result.at[index, "basis"] = "official_zoning"
    return SCHEMA.validate(result)
