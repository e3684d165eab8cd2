"""The constants of the risk rule, in one place.

:mod:`layers.risk.scoring` applies them, :mod:`layers.risk.zoning` uses the two zoning shares,
and :data:`layers.risk.explanation.METHOD_VI` / ``METHOD_EN`` are filled in from them, so the
written method and the code cannot say different numbers.

Examples
--------
>>> REFERENCE_YEAR - EVENT_WINDOW_YEARS + 1  # the first year that counts as recent
2016
"""

from __future__ import annotations

RELIEF_BANDS_M: tuple[tuple[float, float], ...] = ((700.0, 3.0), (400.0, 2.0), (250.0, 1.0))
"""(minimum P90−P10 relief in m, points), highest band first; below the last band: 0."""
REFERENCE_YEAR = 2025
"""Year the event window counts back from (the bundle was assembled in 2025–2026)."""
EVENT_WINDOW_YEARS = 10
"""Event-years REFERENCE_YEAR − 9 … REFERENCE_YEAR score as recent."""
POINTS_RECENT_EVENT = 2.0
"""An event-year within the window."""
POINTS_OTHER_EVENT = 1.0
"""An event-year older than the window, or the undated reports of a commune (once)."""
EVENT_POINTS_MAX = 6.0
"""At most this many event points per commune."""
POINTS_HOTSPOT = 1.0
"""Each commune-level hotspot or bank-erosion report."""
HOTSPOT_POINTS_MAX = 2.0
"""At most this many hotspot points per commune."""
POINTS_DISTRICT_HOTSPOTS = 1.0
"""Once, for every commune of a former district with district-level reports."""
CLASS_THRESHOLDS: tuple[tuple[str, float], ...] = (
    ("very_high", 7.0),
    ("high", 5.0),
    ("medium", 2.0),
)
"""(class, minimum score), worst first; below the last: ``low``."""
RELIEF_ONLY_MAX_CLASS = "medium"
"""Highest class a commune can get when no commune-level report names it."""
ZONING_COVER_MIN = 0.5
"""A commune counts as covered when official zoning polygons cover ≥ 50 % of its area."""
ZONING_CLASS_MIN_SHARE = 0.1
"""Of a covered commune, the worst zone class covering ≥ 10 % of its area is taken."""


def first_recent_year() -> int:
    """The first year whose events score as recent.

    Examples
    --------
    >>> first_recent_year()
    2016
    """
    return REFERENCE_YEAR - EVENT_WINDOW_YEARS + 1
