"""Sources as people read them: no file path of the bundle or the project, no setting's name.

The bundle's source texts often say where a value was read ("via bundle points/a.csv", "quoted
in indicators/facts_cited.csv data row 35"); a user cannot open those, so they are removed
before any source is shown, exported or printed.

Examples
--------
>>> without_paths("GeoNames via bundle points/a.csv (= points/b.zip), id 1 (seeds/c.txt, m)")
'GeoNames, id 1 (m)'
>>> without_paths("June to November (geo.settings.RAINY_SEASON_MONTHS)")
'June to November'
"""

from __future__ import annotations

import re

_PATH = re.compile(
    r"(?:\b(?:quoted in|as clipped in|via|in|x)\s+)?(?:\bbundle\s+)?(?<![\w/:.])"
    r"(?:(?:boundaries|indicators|hazards|terrain|points|network|seeds)/[^\s\]\[;,)]+"
    r"|(?:[\w.-]+/)*[\w*-]+\.(?:geojson|csv|tif|txt|zip|json|js|png|gpkg|sql|xlsx)\b)"
    r"(?: data row \d+(?: \(file line \d+\))?)?"
    r"|\bgeo\.settings\.\w+"
)
"""A file path (in the bundle or elsewhere) or a setting's name: never shown to users."""
_LEFT_OVER = re.compile(r"\(\s*=?\s*\)|\[\s*\]|(?<=\()\s*,\s*|\s+(?=[,;)\]])")
"""Brackets and commas that held only a removed path."""


def without_paths(text: str) -> str:
    """``text`` with every file path and setting name removed, and the brackets left empty."""
    text = _LEFT_OVER.sub("", _LEFT_OVER.sub("", _PATH.sub("", text)))
    return re.sub(r"\s{2,}", " ", text).strip()
