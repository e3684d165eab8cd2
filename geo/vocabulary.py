"""The shared vocabulary: CRS constants, position precisions, risk classes and provenance codes
(poverty standards, figure levels and methods, value qualifiers).

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

POVERTY_STANDARDS: tuple[str, ...] = ("2011-2015", "2016-2020", "2021-2025", "new_rural", "unknown")
"""The poverty standard a poor-household rate is measured under (``provenance.standard.<code>``).

``2011-2015``: the income-based standard of 2011–2015 (Decision 09/2011/QĐ-TTg);
``2016-2020``: the multidimensional standard of 2016–2020 (Decision 59/2015/QĐ-TTg);
``2021-2025``: the multidimensional standard of 2021–2025 (Decree 07/2021/NĐ-CP);
``new_rural``: a rate stated at a new-rural (NTM) appraisal or recognition;
``unknown``: not stated and not inferable. Rates under different standards are not comparable.
"""

STANDARD_OF_YEAR: tuple[tuple[int, int, str], ...] = (
    (2011, 2015, "2011-2015"),
    (2016, 2020, "2016-2020"),
    (2021, 2025, "2021-2025"),
)
"""(first year, last year, standard): the national standard in force in a year."""

FIGURE_LEVELS: tuple[str, ...] = ("commune", "former_district", "none")
"""Whose figure a commune shows: its own, its former district's, or none.

Words: ``provenance.level.<code>``.

The commune view writes the former district's level as ``district`` (kept for the pages)."""

FIGURE_METHODS: tuple[str, ...] = (
    "cited_figure",
    "census_2019",
    "published_2025",
    "computed_density",
    "area_share_estimate",
    "derived_class",
    "official_zoning",
    "user_import",
    "satellite_share",
    "modelled",
    "computed_from_terrain",
    "published_statistics",
    "none",
)
"""How a figure was obtained (words: ``provenance.method.<code>``); the indicators table's
``method`` column and the provenance table use these codes."""

VALUE_QUALIFIERS: tuple[str, ...] = ("", "lower_bound", "upper_bound", "nearly", "approximate")
"""How a source qualifies a number: "trên/hơn" (over), "dưới" (under), "gần", "khoảng"."""


def standard_of_year(year: int | None) -> str:
    """The national poverty standard in force in ``year`` (``unknown`` outside 2011–2025).

    Examples
    --------
    >>> standard_of_year(2020), standard_of_year(2024), standard_of_year(None)
    ('2016-2020', '2021-2025', 'unknown')
    """
    for first, last, standard in STANDARD_OF_YEAR:
        if year is not None and first <= year <= last:
            return standard
    return "unknown"


OBSERVATION_KINDS: tuple[str, ...] = (
    "landslide",
    "road_blocked",
    "crossing_impassable",
    "marker",
    "site_visited",
    "other",
)
"""What a field team records (``obs_kind.<code>`` in the catalogue): a landslide seen, a road
blocked or damaged, a bridge or ford impassable, a border marker's condition, a site visited,
anything else. The same codes are the field pack's form, the ODK XLSForm's choices and the
observations table's ``kind``."""
HAZARD_KINDS: tuple[str, ...] = ("landslide", "road_blocked")
"""Kinds a planned leg is warned about when it passes near a recent one."""
MARKER_CONDITIONS: tuple[str, ...] = ("intact", "damaged", "missing", "not_found")
"""A border marker's condition (kind ``marker`` only; ``marker_condition.<code>``)."""
POSITION_SOURCES: tuple[str, ...] = ("gps", "map", "odk")
"""Where an observation's position comes from: the phone's GPS (with its accuracy), a tap on
the map when there was no fix (``map``), or an ODK/Kobo geopoint (``odk``)."""
OBSERVATION_SOURCES: tuple[str, ...] = ("fieldpack", "odk")
"""The tool an observation was recorded with: the field pack's map, or ODK Collect/KoboCollect
(a Central or KoboToolbox export)."""
