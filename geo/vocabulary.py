"""The shared vocabulary: CRS constants, position precisions and risk classes.

Every package imports these from here, so nothing below (``geo``) imports from above
(``layers``, ``planner``, ``userdata``, ``ui``). The words users read for each code live in the
message catalogue (:mod:`i18n.messages`, keys ``precision.<code>`` and ``risk.<code>``).

Examples
--------
>>> "published" in PRECISIONS and "road_end_estimate" in APPROXIMATE_PRECISIONS
False
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

APPROXIMATE_PRECISIONS: tuple[str, ...] = ("commune_seat", "at_gate", "location_hint")
"""Positions known only by commune or place: drawn, but not where the thing is."""

RISK_CLASSES: tuple[str, ...] = ("very_high", "high", "medium", "low", "unknown")
"""Landslide / flash-flood risk classes, most severe first; ``unknown`` is never "low"."""

RISK_RANK: dict[str, int] = {"unknown": -1, "low": 0, "medium": 1, "high": 2, "very_high": 3}
HIGH_RISK_CLASSES: tuple[str, ...] = ("high", "very_high")
