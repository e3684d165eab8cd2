"""Scoring: points for relief and cited reports, and the class thresholds.

The constants are in :mod:`layers.risk.rules`; :data:`layers.risk.explanation.METHOD_VI` and
``METHOD_EN`` are filled in from them, so this docstring, the method text and the code say the
same rule:

* **Relief** — P90−P10 elevation range of the SRTM30_PLUS cells in the commune
  (:func:`geo.terrain.relief_by_polygon`; relief only, the grid is too coarse for slope):
  :data:`RELIEF_BANDS_M` gives 3 / 2 / 1 / 0 points for ≥ 700 / ≥ 400 / ≥ 250 / < 250 m.
* **Event-years** — the commune-level reports of a landslide or a flash flood/flood
  (``landslide_event``, ``flood_event``) naming the commune make *one event-year per year,
  whatever the kind*: a year with both a landslide and a flood counts once (one storm usually
  brings both, and is often reported several times). The commune's undated reports together
  make one event-year. An event-year scores :data:`POINTS_RECENT_EVENT` (2) when its year lies
  within :data:`EVENT_WINDOW_YEARS` (10) years up to :data:`REFERENCE_YEAR` (2016–2025),
  :data:`POINTS_OTHER_EVENT` (1) when older or undated; together at most
  :data:`EVENT_POINTS_MAX` (6). ``n_events`` counts the event-years. The year is the event's
  (:func:`layers.risk.evidence.event_year`), never the page's date.
* **Commune-level hotspots** (``landslide_hotspots``: designated risk points, households in a
  danger zone; ``erosion``: river/stream-bank collapse): :data:`POINTS_HOTSPOT` (1) each, at
  most :data:`HOTSPOT_POINTS_MAX` (2).
* **District-level reports** (any of the four kinds, for a former district, naming no commune)
  raise every commune of that former district by :data:`POINTS_DISTRICT_HOTSPOTS` (1), once
  however many there are.
* **Warnings and forecasts** naming the commune (``warning``) are listed, never scored: a
  warning is not evidence of a hazard site.
* **Classes**: :data:`CLASS_THRESHOLDS` (score ≥ 7 very high, ≥ 5 high, ≥ 2 medium, else low).
* **Missing evidence is not low risk.** A commune no commune-level event or hotspot report
  names gets a *relief-only* class (relief and district points), at most
  :data:`RELIEF_ONLY_MAX_CLASS` (medium); where that would be ``low`` it is ``unknown``
  instead. No relief cells and no reports: ``unknown``.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.vocabulary import RISK_RANK, WGS84
from i18n.messages import both_languages
from layers.risk.evidence import (
    EVENT_CATEGORIES,
    HOTSPOT_CATEGORIES,
    LEVEL_COMMUNE,
    LEVEL_CONTEXT,
    LEVEL_DISTRICT,
    SCORED_CATEGORIES,
    WARNING_CATEGORIES,
)
from layers.risk.explanation import Reasons
from layers.risk.rules import (
    CLASS_THRESHOLDS,
    EVENT_POINTS_MAX,
    EVENT_WINDOW_YEARS,
    HOTSPOT_POINTS_MAX,
    POINTS_DISTRICT_HOTSPOTS,
    POINTS_HOTSPOT,
    POINTS_OTHER_EVENT,
    POINTS_RECENT_EVENT,
    REFERENCE_YEAR,
    RELIEF_BANDS_M,
    RELIEF_ONLY_MAX_CLASS,
)
from layers.schema import LayerSchema

__all__ = [
    "CLASS_THRESHOLDS",
    "EVENT_POINTS_MAX",
    "EVENT_WINDOW_YEARS",
    "HOTSPOT_POINTS_MAX",
    "POINTS_DISTRICT_HOTSPOTS",
    "POINTS_HOTSPOT",
    "POINTS_OTHER_EVENT",
    "POINTS_RECENT_EVENT",
    "REFERENCE_YEAR",
    "RELIEF_BANDS_M",
    "RELIEF_ONLY_MAX_CLASS",
    "SCHEMA",
    "SOURCE_TEXT",
    "class_of",
    "relief_points",
    "score_communes",
]

UNDATED = -1
"""The year key of a commune's undated event reports (they make one event-year together)."""

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

SOURCE_TEXT = both_languages("risk_text.source")
"""The layer's ``source``: what it is derived from, as a person can follow it (each report's
link is in ``risk_sources``)."""


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


def year_key(year: object) -> int:
    """The event-year an event report belongs to: its year, or :data:`UNDATED`.

    Examples
    --------
    >>> year_key(2019), year_key(None), year_key(float("nan"))
    (2019, -1, -1)
    """
    return UNDATED if year is None or pd.isna(year) else int(year)


def event_year_points(year: int) -> float:
    """Points of one event-year before the cap (:data:`UNDATED` scores as an old one).

    Examples
    --------
    >>> event_year_points(2016), event_year_points(2015), event_year_points(UNDATED)
    (2.0, 1.0, 1.0)
    """
    recent = year != UNDATED and year >= REFERENCE_YEAR - EVENT_WINDOW_YEARS + 1
    return POINTS_RECENT_EVENT if recent else POINTS_OTHER_EVENT


def _event_points(events: pd.DataFrame, reasons: Reasons) -> tuple[float, int]:
    """Points and number of event-years of a commune's commune-level event reports."""
    events = events.assign(year_key=[year_key(y) for y in events["year"]])
    # One event-year per year, whatever the kind (a landslide and a flood of one year are
    # usually one storm); the undated reports together make one, listed after the dated ones.
    keys = sorted(set(events["year_key"]), key=lambda k: (k == UNDATED, k))
    total = 0.0
    for key in keys:
        points = max(0.0, min(event_year_points(key), EVENT_POINTS_MAX - total))
        total += points
        reasons.event(events[events["year_key"] == key], year=key, points=points)
    return total, len(keys)


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
        warnings = mine[mine["category"].isin(WARNING_CATEGORIES)]
        mine = mine[mine["category"].isin(SCORED_CATEGORIES)]
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
        if len(warnings):
            reasons.warning(warnings)
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
