"""Every setting of Border Atlas, in one place.

Settings come from environment variables so that ``make run``, ``make test`` and CI can point
the app at a data bundle without code changes.

``BORDER_ATLAS_DATA``
    Directory holding the curated public inputs (the bundle). ``make run`` and ``make test``
    set it to ``../shared/data`` when that directory exists. Never committed.
``BORDER_ATLAS_USER_DIR``
    Directory for what users save (visit plans, imported data): an SQLite file. Defaults to
    ``data/user`` inside the project, which git ignores.

The travel-estimate factors are the planner's defaults; users can change them on the page.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
"""Root of the project checkout."""

PROJECT_DATA_DIR = PROJECT_DIR / "data"
"""What the project authors itself: the catalogue, styles, mappings."""

DATA_DIR_ENV = "BORDER_ATLAS_DATA"
USER_DIR_ENV = "BORDER_ATLAS_USER_DIR"

CATALOGUE_FILE = PROJECT_DATA_DIR / "catalogue.csv"

# Travel estimates (planner). Written in README too.
ROAD_SPEED_KMH = 35.0
"""Average driving speed on the national roads of the bundle in mountain country."""
MOUNTAIN_SPEED_KMH = 20.0
"""Average speed off the national roads (commune and village roads)."""
DETOUR_FACTOR = 1.6
"""Road distance / straight-line distance where no national road is followed."""
ROAD_SNAP_KM = 3.0
"""A stop within this distance of a national road can use it."""
RAINY_SEASON_MONTHS = (6, 7, 8, 9, 10, 11)
"""Months of the rainy season warned about (north-central Vietnam: roughly June–November)."""
BORDER_WARNING_KM = 5.0
"""Stops nearer the border line than this get the border-area reminder."""

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
"""Largest upload accepted."""
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
"""Largest total size a zip upload may expand to."""


def data_dir() -> Path:
    """Return the data bundle directory named by ``BORDER_ATLAS_DATA``.

    Falls back to ``../shared/data`` beside the project when the variable is unset.

    Examples
    --------
    >>> isinstance(data_dir(), Path)
    True
    """
    value = os.environ.get(DATA_DIR_ENV)
    if value:
        return Path(value).expanduser().resolve()
    return (PROJECT_DIR.parent / "shared" / "data").resolve()


def user_dir() -> Path:
    """Return (and create) the directory where user data is stored."""
    value = os.environ.get(USER_DIR_ENV)
    path = Path(value).expanduser() if value else PROJECT_DATA_DIR / "user"
    path.mkdir(parents=True, exist_ok=True)
    return path
