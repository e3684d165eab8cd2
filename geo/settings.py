"""Every setting of Border Atlas, in one place.

Settings come from environment variables so that ``make run``, ``make test`` and CI can point
the app at a data bundle without code changes.

``BORDER_ATLAS_DATA``
    Directory holding the curated public inputs (the bundle). ``make run`` and ``make test``
    set it to ``../shared/data`` when that directory exists. Never committed.
``BORDER_ATLAS_USER_DIR``
    Directory for what users save (visit plans, imported data): an SQLite file. Defaults to
    ``data/user`` inside the project, which git ignores.
``BORDER_ATLAS_CACHE_DIR``
    Directory of the built-layer cache (:mod:`layers.build_cache`): ``cache`` in the user data
    directory by default; ``off`` builds the layers at every start and keeps no cache.
``BORDER_ATLAS_MODE``
    ``personal`` (the default: one local user, no sign-in, bound to 127.0.0.1) or ``shared``
    (``make serve``: accounts required). Accounts are also required in personal mode as soon
    as any account exists or the server listens beyond localhost.
``BORDER_ATLAS_PASSWORD_PEPPER``
    Secret mixed into every password before hashing (or ``password_pepper`` in Streamlit's
    secrets). Never committed; changing it makes every password invalid.
``BORDER_ATLAS_OIDC_ROLE_CLAIM``
    The identity provider's claim that names a user's role (default ``border_atlas_role``),
    when Streamlit's ``st.login`` is configured (README "Accounts and roles").

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
CACHE_DIR_ENV = "BORDER_ATLAS_CACHE_DIR"
MODE_ENV = "BORDER_ATLAS_MODE"
PEPPER_ENV = "BORDER_ATLAS_PASSWORD_PEPPER"
OIDC_ROLE_CLAIM_ENV = "BORDER_ATLAS_OIDC_ROLE_CLAIM"

CATALOGUE_FILE = PROJECT_DATA_DIR / "catalogue.csv"

# Travel estimates (planner). Written in README too.
ROAD_CLASS_SPEED_KMH: dict[str, float] = {
    "Quốc Gia": 40.0,
    "Asean": 50.0,
    "Cấp Tỉnh": 30.0,
    "Cấp Huyện": 25.0,
}
"""Average driving speed per ``road_class`` of ``network/roads_vietnam.geojson``.

Averages over a whole road, towns, bends, slopes and trucks included, not speed limits.
National roads (Quốc Gia) mix mountain passes (QL7, QL217, QL15: about 30 km/h) with valley
and lowland stretches (Hồ Chí Minh road, QL1A: 50 km/h or more); the ASEAN lines are QL1A only;
provincial and district roads are narrower and less kept.
"""
ROAD_SPEED_KMH = 30.0
"""Average speed on a road whose class has no speed of its own in ROAD_CLASS_SPEED_KMH."""
MOUNTAIN_SPEED_KMH = 20.0
"""Average speed off the road network (commune and village roads, tracks)."""
DETOUR_FACTOR = 1.6
"""Road distance / straight-line distance where the road network is not followed."""
ROAD_SNAP_KM = 30.0
"""A stop within this distance of a road can use the network (reached by the detour factor).

All 27 commune seats of the three areas lie within 29.4 km of a road of the network (Mỹ Lý is
the farthest; median 5.1 km); farther out the access estimate has no basis.
"""
RAINY_SEASON_MONTHS = (6, 7, 8, 9, 10, 11)
"""Months of the rainy season warned about (north-central Vietnam: roughly June–November)."""
BORDER_WARNING_KM = 5.0
"""Stops nearer the border line than this get the border-area reminder."""

# Accounts and sessions (access/, userdata/store.py).
MAX_FAILED_LOGINS = 5
"""Wrong passwords in a row after which an account is locked."""
LOCKOUT_MINUTES = 15
"""How long a locked account stays locked (an admin can unlock it sooner)."""
SESSION_IDLE_MINUTES = 60
"""A signed-in session with no activity for this long is signed out."""
SESSION_MAX_HOURS = 12
"""A signed-in session ends this long after sign-in, active or not."""
BIN_DAYS = 30
"""Deleted plans and imports stay restorable in the bin this many days."""
DEFAULT_OIDC_ROLE_CLAIM = "border_atlas_role"

# Field observations (the field pack's form, their files, the planner's warnings).
OBSERVATION_WARNING_KM = 1.0
"""Default: a leg passing this close to a recent hazard observation is warned about."""
OBSERVATION_RECENT_DAYS = 30
"""Default: hazard observations younger than this many days count as recent."""
MAX_OBSERVATION_PHOTOS = 3
"""Photos one observation may hold."""
PHOTO_MAX_PX = 1600
"""Longest side of a stored photo (the field pack downscales in the browser, the app again)."""
PHOTO_TARGET_BYTES = 300_000
"""Size a stored photo is re-encoded to stay under (JPEG quality lowered step by step)."""
PHOTO_MAX_BYTES = 400_000
"""Largest photo stored; a larger one is re-encoded by the app (never stored as it came)."""
PHOTO_MAX_PIXELS = 50_000_000
"""A photo with more pixels than this is refused unread (a decompression bomb)."""
THUMB_PX = 240
"""Longest side of the thumbnail shown in popups and lists."""
MAX_NOTE_CHARS = 2000
"""Longest note an observation may carry."""
MAX_OBSERVATIONS_PER_FILE = 5000
"""Most observations one file may bring."""
OBSERVATION_ZIP_MEMBERS = (MAX_OBSERVATION_PHOTOS + 1) * MAX_OBSERVATIONS_PER_FILE + 16
"""Most entries an observations zip may hold: each record's photos and a folder of its own
(KoboToolbox's attachments), the table and a few folders; the upload's size limits still hold."""


def access_mode() -> str:
    """``"shared"`` or ``"personal"`` (``BORDER_ATLAS_MODE``; anything else is personal)."""
    return "shared" if os.environ.get(MODE_ENV, "").strip().lower() == "shared" else "personal"


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
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.chmod(0o700)  # owner only: plans, imports, accounts and the audit trail
    elif not value and path.stat().st_mode & 0o077:
        path.chmod(0o700)  # the project's own data/user, which git checks out 0755
    return path


def cache_dir() -> Path | None:
    """Return (and create) the built-layer cache directory; ``None`` when it is switched off."""
    value = os.environ.get(CACHE_DIR_ENV)
    if value and value.strip().lower() == "off":
        return None
    path = Path(value).expanduser() if value else user_dir() / "cache"
    path.mkdir(parents=True, exist_ok=True)
    return path
