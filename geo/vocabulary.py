"""The shared vocabulary: CRS constants, position precisions and risk classes.

Every package imports these from here, so nothing below (``geo``) imports from above
(``layers``, ``planner``, ``userdata``, ``ui``). The words users read for each code live in the
message catalogue (:mod:`i18n.messages`, keys ``precision.<code>`` and ``risk.<code>``).

Examples
--------
>>> "published" in PRECISIONS and "road_end_estimate" in APPROXIMATE_PRECISIONS
False
>>> "former_commune_point" in APPROXIMATE_PRECISIONS, "seat_published" in SEAT_PRECISIONS
(True, True)
>>> set(SEAT_PRECISIONS) & set(APPROXIMATE_PRECISIONS)
set()
>>> RISK_CLASSES[0], RISK_RANK["very_high"] > RISK_RANK["high"]
('very_high', True)
"""

from __future__ import annotations

WGS84 = "EPSG:4326"
"""Geographic WGS 84: every layer is stored in it."""
WGS84_EPSG = 4326
METRIC_CRS = "EPSG:32648"
"""UTM zone 48N (WGS 84), metres: distances and buffers in the three areas."""

PRECISIONS: tuple[str, ...] = (
    "surveyed",
    "published",
    "osm_node",
    "road_end_estimate",
    "road_border_crossing_estimate",
    "road_junction_estimate",
    "location_hint",
    "at_gate",
    "seat_published",
    "seat_osm_node",
    "seat_geonames_place",
    "former_commune_point",
    "inside_commune",
    "commune_seat",
    "official_boundary",
    "gadm_boundary",
    "derived_line",
    "road_few_hundred_m",
    "river_coarse",
    "commune_class",
    "official_zoning",
    "user_import",
    "not_placed",
)
"""How well a row's position is known; every layer's ``precision`` column uses these codes."""

SEAT_PRECISIONS: tuple[str, ...] = ("seat_published", "seat_osm_node", "seat_geonames_place")
"""A point of the town that holds a commune's seat (published, OSM node, GeoNames town point).

Only a position with one of these precisions may be called a seat, and even these are town
points, not the office building. A GeoNames point of the pre-2025 commune that holds the office
is ``former_commune_point``; a point merely inside the commune is ``inside_commune``; a thing
known only by its commune and drawn at that commune's point is ``commune_seat``.
"""

APPROXIMATE_PRECISIONS: tuple[str, ...] = (
    "commune_seat",
    "former_commune_point",
    "inside_commune",
    "at_gate",
    "location_hint",
)
"""Positions known only by commune or place: drawn, but not where the thing (or office) is.

The planner warns about stops with these precisions. Seat-town points (:data:`SEAT_PRECISIONS`)
are not in it: they are points of the town that holds the office (ask there for the building).
"""

RISK_CLASSES: tuple[str, ...] = ("very_high", "high", "medium", "low", "unknown")
"""Landslide / flash-flood risk classes, most severe first; ``unknown`` is never "low"."""

RISK_RANK: dict[str, int] = {"unknown": -1, "low": 0, "medium": 1, "high": 2, "very_high": 3}
HIGH_RISK_CLASSES: tuple[str, ...] = ("high", "very_high")
