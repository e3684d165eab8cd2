"""Landslide and flash-flood risk as a transparent class per commune (both editions).

There is no official landslide zoning map in the bundle. This layer derives a commune-level
class from the evidence that exists, scores it with constants, and lists every contributing
item with its source. When a user imports an official zoning map,
:func:`apply_official_zoning` replaces the derived class where the map covers a commune.

The package, in the order :func:`build` uses it:

* :mod:`layers.risk.evidence` — the cited facts (as the project's facts map classifies them)
  placed on the communes of an edition, through the crosswalk only where a commune of the
  other edition lies wholly inside one of this edition; each event's own year, never a page's
  date; the nearest NASA Global Landslide Catalog event as context (never points: none lies
  inside the three areas and their positions are good to only 10–50 km).
* :mod:`layers.risk.rules` — every constant of the rule.
* :mod:`layers.risk.scoring` — relief points, event-year and hotspot points, the class
  thresholds, and the rule that missing evidence is not low risk.
* :mod:`layers.risk.explanation` — the reasons in Vietnamese and English (one per line,
  :data:`REASON_SEPARATOR`) and the method text, filled in from :mod:`layers.risk.rules`.
* :mod:`layers.risk.zoning` — users' official zoning polygons overriding the derived class.
"""

from __future__ import annotations

import geopandas as gpd

from geo.catalogue import Catalogue
from geo.terrain import relief_by_polygon
from layers.risk.evidence import (
    EVENT_CATEGORIES,
    EVIDENCE_COLUMNS,
    FACTS_SOURCE,
    HOTSPOT_CATEGORIES,
    NASA_SOURCE,
    SCORED_CATEGORIES,
    WARNING_CATEGORIES,
    event_year,
    nearest_nasa,
    normalise_facts,
    read_communes,
    read_evidence,
    strip_district,
)
from layers.risk.explanation import (
    METHOD_EN,
    METHOD_VI,
    REASON_SEPARATOR,
    SOURCE_SEPARATOR,
    ReasonCounts,
    reason_counts,
)
from layers.risk.rules import CLASS_THRESHOLDS, RELIEF_ONLY_MAX_CLASS
from layers.risk.scoring import SCHEMA, SOURCE_TEXT, class_of, relief_points, score_communes
from layers.risk.zoning import apply_official_zoning, zone_class

__all__ = [
    "CLASS_THRESHOLDS",
    "EVENT_CATEGORIES",
    "EVIDENCE_COLUMNS",
    "FACTS_SOURCE",
    "HOTSPOT_CATEGORIES",
    "METHOD_EN",
    "METHOD_VI",
    "NASA_SOURCE",
    "REASON_SEPARATOR",
    "RELIEF_ONLY_MAX_CLASS",
    "SCHEMA",
    "SCORED_CATEGORIES",
    "SOURCE_SEPARATOR",
    "SOURCE_TEXT",
    "WARNING_CATEGORIES",
    "ReasonCounts",
    "apply_official_zoning",
    "build",
    "class_of",
    "event_year",
    "normalise_facts",
    "read_communes",
    "read_evidence",
    "reason_counts",
    "relief_points",
    "score_communes",
    "strip_district",
    "zone_class",
]


def build(*, catalogue: Catalogue, edition: str) -> gpd.GeoDataFrame:
    """Build the risk layer for the communes of ``edition`` (``"2025"`` or ``"2024"``).

    Examples
    --------
    >>> from geo.catalogue import Catalogue
    >>> risk = build(catalogue=Catalogue.load(), edition="2025")
    >>> risk.set_index("code").at["15013", "risk_class"] in {"high", "very_high"}
    True
    """
    communes = read_communes(catalogue=catalogue, edition=edition)
    relief = relief_by_polygon(catalogue=catalogue, polygons=communes)
    evidence = read_evidence(catalogue=catalogue, edition=edition, communes=communes)
    nasa = nearest_nasa(catalogue=catalogue, communes=communes)
    frame = score_communes(communes, relief=relief, evidence=evidence, nasa=nasa, edition=edition)
    return SCHEMA.validate(frame)
