"""Scoring: points for relief and cited reports, and the class thresholds.

All thresholds are module constants; :data:`layers.risk.explanation.METHOD_VI` says the same in
a few lines for the map's users.

* **Relief** — P90−P10 elevation range of the SRTM30_PLUS cells in the commune
  (:func:`geo.terrain.relief_by_polygon`; relief only, the grid is too coarse for slope):
  :data:`RELIEF_BANDS_M` gives 3 / 2 / 1 / 0 points for ≥ 700 / ≥ 400 / ≥ 250 / < 250 m.
* **Reported events** (``landslide_event``, ``flood_event``) naming the commune: each
  *event-year* (reports of one category, commune and year count once — one storm is often
  reported several times; undated reports of one category count once) scores
  :data:`POINTS_RECENT_EVENT` when within :data:`EVENT_WINDOW_YEARS` years of
  :data:`REFERENCE_YEAR`, :data:`POINTS_OTHER_EVENT` when older or undated; at most
  :data:`EVENT_POINTS_MAX`. ``n_events`` counts these event-years.
* **Commune-level hotspots** (``landslide_hotspots``: designated risk points, households in a
  danger zone, warnings naming the commune; ``erosion``: river/stream-bank collapse):
  :data:`POINTS_HOTSPOT` each, at most :data:`HOTSPOT_POINTS_MAX`.
* **District-level reports** raise every commune of that former district by
  :data:`POINTS_DISTRICT_HOTSPOTS`, once however many there are — half a recent commune-level
  event.
* **Classes**: :data:`CLASS_THRESHOLDS` (score ≥ 7 very high, ≥ 5 high, ≥ 2 medium, else low).
* **Missing evidence is not low risk.** A commune no cited report names gets a *relief-only*
  class, at most :data:`RELIEF_ONLY_MAX_CLASS`; where that would be ``low`` it is ``unknown``
  instead. No relief cells and no reports: ``unknown``.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.vocabulary import RISK_RANK, WGS84
from layers.risk.evidence import (
    EVENT_CATEGORIES,
    HOTSPOT_CATEGORIES,
    LEVEL_COMMUNE,
    LEVEL_CONTEXT,
    LEVEL_DISTRICT,
)
from layers.risk.explanation import Reasons
from layers.schema import LayerSchema

RELIEF_BANDS_M: tuple[tuple[float, float], ...] = ((700.0, 3.0), (400.0, 2.0), (250.0, 1.0))
"""(minimum P90−P10 relief in m, points), highest band first; below the last band: 0."""
REFERENCE_YEAR = 2025
"""Year the event window counts back from (the bundle was assembled in 2025–2026)."""
EVENT_WINDOW_YEARS = 10
"""Events dated REFERENCE_YEAR − 9 … REFERENCE_YEAR score as recent."""
POINTS_RECENT_EVENT = 2.0
POINTS_OTHER_EVENT = 1.0
"""An event older than the window, or whose year the source does not state."""
EVENT_POINTS_MAX = 6.0
POINTS_HOTSPOT = 1.0
HOTSPOT_POINTS_MAX = 2.0
POINTS_DISTRICT_HOTSPOTS = 1.0
CLASS_THRESHOLDS: tuple[tuple[str, float], ...] = (
    ("very_high", 7.0),
    ("high", 5.0),
    ("medium", 2.0),
)
"""(class, minimum score), worst first; below the last: ``low``."""
RELIEF_ONLY_MAX_CLASS = "medium"
"""Highest class a commune can get when no cited report names it."""

SCHEMA = LayerSchema(
    name="risk",
    description="Landslide/flash-flood risk class per commune (derived, or official zoning)",
    geometry_types=("MultiPolygon", "Polygon"),
    columns={
        "code": "str",
        "name": "str",
        "edition": "str",
        "risk_class": "str",
        "risk_score": "float",
        "risk_reasons": "str",
        "risk_reasons_en": "str",
        "risk_sources": "str",
        "relief_p90_p10_m": "float",
        "elev_max_m": "float",
        "n_events": "int",
        "basis": "str",
        "source": "str",
        "precision": "str",
    },
    required=("code", "risk_class", "risk_reasons", "risk_reasons_en", "source", "precision"),
)

SOURCE_TEXT = (
    "Lớp suy ra: địa hình SRTM30_PLUS 0,02° + sự kiện/điểm nguy cơ trích dẫn trong "
    "indicators/facts_cited.csv; không phải bản đồ phân vùng chính thức"
)


def relief_points(relief_m: float) -> float:
    """Return the relief points for a P90−P10 range in metres (0 when missing).

    Examples
    --------
    >>> relief_points(717.0), relief_points(450.0), relief_points(100.0)
    (3.0, 2.0, 0.0)
    """
    if relief_m is None or not np.isfinite(relief_m):
        return 0.0
    for minimum, points in RELIEF_BANDS_M:
        if relief_m >= minimum:
            return points
    return 0.0


def class_of(score: float) -> str:
    """Return the class of a score under :data:`CLASS_THRESHOLDS`.

    Examples
    --------
    >>> class_of(8.0), class_of(5.0), class_of(2.0), class_of(1.0)
    ('very_high', 'high', 'medium', 'low')
    """
    for name, minimum in CLASS_THRESHOLDS:
        if score >= minimum:
            return name
    return "low"


def _event_points(events: pd.DataFrame, reasons: Reasons) -> tuple[float, int]:
    """Points and number of event-years of a commune's commune-level event reports."""
    events = events.copy()
    # Reports of one category in one year count once (one storm is often reported several
    # times); undated reports of one category count once too.
    events["year_key"] = [-1 if y is None or pd.isna(y) else int(y) for y in events["year"]]
    total = 0.0
    n_events = 0
    for (category, year_key), group in events.groupby(["category", "year_key"], sort=True):
        recent = year_key >= REFERENCE_YEAR - EVENT_WINDOW_YEARS + 1
        points = POINTS_RECENT_EVENT if recent else POINTS_OTHER_EVENT
        points = max(0.0, min(points, EVENT_POINTS_MAX - total))
        total += points
        n_events += 1
        reasons.event(group, category=category, year=year_key, points=points)
    return total, n_events


def _hotspot_points(hotspots: pd.DataFrame, reasons: Reasons) -> float:
    total = 0.0
    for _, item in hotspots.iterrows():
        points = max(0.0, min(POINTS_HOTSPOT, HOTSPOT_POINTS_MAX - total))
        total += points
        reasons.hotspot(item.to_frame().T, category=item["category"], points=points)
    return total


def _classify(score: float, *, has_reports: bool, has_relief: bool, reasons: Reasons) -> str:
    """The class of a score, with the relief-only cap when no report names the commune."""
    if has_reports:
        return class_of(score)
    if not has_relief:
        reasons.no_evidence()
        return "unknown"
    risk_class = class_of(score)
    if RISK_RANK[risk_class] > RISK_RANK[RELIEF_ONLY_MAX_CLASS]:
        risk_class = RELIEF_ONLY_MAX_CLASS
    reasons.relief_only()
    if risk_class == "low":
        # A coarse grid cannot see local steep slopes: low relief alone is not 'low'.
        reasons.relief_only_unknown()
        return "unknown"
    return risk_class


def score_communes(
    communes: gpd.GeoDataFrame,
    *,
    relief: pd.DataFrame,
    evidence: pd.DataFrame,
    nasa: pd.DataFrame | None = None,
    edition: str,
) -> gpd.GeoDataFrame:
    """Score and classify ``communes`` from relief and normalised evidence.

    Parameters
    ----------
    communes
        Polygons with ``code`` and ``name``.
    relief
        Output of :func:`geo.terrain.relief_by_polygon` for the same polygons.
    evidence
        Rows with :data:`layers.risk.evidence.EVIDENCE_COLUMNS`.
    nasa
        Optional nearest-NASA-event context per commune (same index as ``communes``).
    edition
        ``"2025"`` or ``"2024"``.
    """
    relief_by_code = relief.set_index("code")
    evidence = evidence.copy()
    evidence["code"] = evidence["code"].astype(str)
    rows = []
    for index, commune in communes.iterrows():
        code = str(commune["code"])
        reasons = Reasons()

        if code in relief_by_code.index:
            stats = relief_by_code.loc[code]
            r_m, max_m = float(stats["relief_p90_p10_m"]), float(stats["elev_max_m"])
            n_cells, rule = int(stats["n_cells"]), str(stats["cell_rule"])
        else:
            r_m, max_m, n_cells, rule = np.nan, np.nan, 0, ""
        r_points = relief_points(r_m)
        reasons.relief(relief_m=r_m, max_m=max_m, n_cells=n_cells, rule=rule, points=r_points)

        mine = evidence[evidence["code"] == code]
        commune_level = mine[mine["level"] == LEVEL_COMMUNE]
        event_points, n_events = _event_points(
            commune_level[commune_level["category"].isin(EVENT_CATEGORIES)], reasons
        )
        hotspot_points = _hotspot_points(
            commune_level[commune_level["category"].isin(HOTSPOT_CATEGORIES)], reasons
        )
        district = mine[mine["level"] == LEVEL_DISTRICT]
        district_points = POINTS_DISTRICT_HOTSPOTS if len(district) else 0.0
        if len(district):
            reasons.district(district, points=district_points)
        context = mine[mine["level"] == LEVEL_CONTEXT]
        if len(context):
            reasons.context(context, edition=edition)

        score = r_points + event_points + hotspot_points + district_points
        risk_class = _classify(
            score,
            has_reports=len(commune_level) > 0,
            has_relief=bool(np.isfinite(r_m)),
            reasons=reasons,
        )
        if nasa is not None and index in nasa.index:
            reasons.nasa(nasa.loc[index])
        if len(mine):
            reasons.facts_file()

        reasons_vi, reasons_en, sources = reasons.joined()
        rows.append(
            {
                "code": code,
                "name": str(commune["name"]),
                "edition": edition,
                "risk_class": risk_class,
                "risk_score": float(score),
                "risk_reasons": reasons_vi,
                "risk_reasons_en": reasons_en,
                "risk_sources": sources,
                "relief_p90_p10_m": r_m,
                "elev_max_m": max_m,
                "n_events": n_events,
                "basis": "derived_commune_class",
                "source": SOURCE_TEXT,
                "precision": "commune_class",
            }
        )
    frame = gpd.GeoDataFrame(rows, geometry=communes.geometry.to_crs(WGS84).values, crs=WGS84)
    frame["n_events"] = frame["n_events"].astype("int64")
    return frame
