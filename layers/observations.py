"""Field observations: what a team saw, where and when, as one record type for every source.

The field pack's form (``planner/templates/fieldpack_observe.js``), its export file
(:mod:`userdata.observations`), the ODK/KoboToolbox exports (:mod:`userdata.odk_import`), the
store (:mod:`userdata.store_observations`), the map, the commune panel and the planner's
warnings all speak of an :class:`Observation`. Its codes are :data:`geo.vocabulary.
OBSERVATION_KINDS`, :data:`~geo.vocabulary.MARKER_CONDITIONS`,
:data:`~geo.vocabulary.POSITION_SOURCES` and :data:`~geo.vocabulary.OBSERVATION_SOURCES`.

A position is what the phone gave (``gps``, with its accuracy in metres), a tap on the map
when there was no fix (``map``: said so wherever it is shown), or an ODK geopoint (``odk``);
it is never moved or rounded beyond what the file holds.

Examples
--------
>>> from datetime import datetime, timezone
>>> seen = Observation(uuid="0b7c7a8e-5b1d-4c53-9a55-1f7e1c1b2a3d", kind="road_blocked",
...     note="Đất đá lấp đường", observed_at=datetime(2026, 11, 30, 8, 15, tzinfo=timezone.utc),
...     lat=19.38, lon=104.12, accuracy_m=8.0, position_source="gps", observer="Lan",
...     source="fieldpack")
>>> seen.is_hazard, seen.marker_condition, seen.photos
(True, None, ())
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from geo.vocabulary import HAZARD_KINDS

EXPORT_FORMAT = "border-atlas-observations"
"""``border_atlas.format`` of the field pack's export (:mod:`userdata.observations` reads it)."""
EXPORT_VERSION = 1
"""The export's ``border_atlas.version``; a file of a newer version is refused, not guessed."""
EXPORT_MEMBER = "observations.geojson"
"""The export zip's GeoJSON member; the photos are ``photos/<uuid>-<n>.jpg`` beside it."""


@dataclass(frozen=True, kw_only=True)
class Photo:
    """One photo of an observation, as stored: JPEG, at most
    :data:`geo.settings.PHOTO_MAX_PX` on its longest side and
    :data:`geo.settings.PHOTO_MAX_BYTES` in size, with its thumbnail."""

    name: str
    """The file name it came with (``photos/<uuid>-1.jpg``, an ODK attachment's name)."""
    mime: str
    """``image/jpeg`` once stored."""
    body: bytes
    width: int
    height: int
    thumb: bytes = b""
    """JPEG, at most :data:`geo.settings.THUMB_PX` on its longest side."""


@dataclass(frozen=True, kw_only=True)
class Observation:
    """One thing a field team recorded."""

    uuid: str
    """Lowercase canonical UUID (``8-4-4-4-12``): the same record imported twice is one."""
    kind: str
    """A code of :data:`geo.vocabulary.OBSERVATION_KINDS`."""
    note: str
    observed_at: datetime
    """When it was seen (timezone-aware)."""
    lat: float
    lon: float
    accuracy_m: float | None
    """The GPS fix's accuracy in metres (``None`` for a tap on the map or when unknown)."""
    position_source: str
    """A code of :data:`geo.vocabulary.POSITION_SOURCES`."""
    observer: str
    source: str
    """A code of :data:`geo.vocabulary.OBSERVATION_SOURCES`."""
    marker_condition: str | None = None
    """A code of :data:`geo.vocabulary.MARKER_CONDITIONS` (kind ``marker`` only)."""
    stop_id: str | None = None
    """The plan stop it concerns (the field pack proposes the nearest)."""
    stop_name: str | None = None
    plan_name: str | None = None
    photos: tuple[Photo, ...] = field(default=())
    commune_code: str | None = None
    """The 2025 commune it lies in (set on import; ``None`` outside the three areas)."""
    imported_at: str | None = None
    """When it entered the store (ISO UTC); ``None`` before."""
    imported_by: str | None = None
    """The account that imported it."""
    source_file: str | None = None
    """The name of the file it came in."""

    @property
    def is_hazard(self) -> bool:
        """Whether planned legs are warned about it (:data:`geo.vocabulary.HAZARD_KINDS`)."""
        return self.kind in HAZARD_KINDS


@dataclass(frozen=True, kw_only=True)
class Refused:
    """A record of a file that was not imported, and why (in both languages)."""

    record: str
    """Its UUID, or its row/feature number when it has none."""
    reason_vi: str
    reason_en: str

    def reason(self, lang: str) -> str:
        return self.reason_vi if lang == "vi" else self.reason_en


@dataclass(frozen=True, kw_only=True)
class ObservationBatch:
    """What a file holds: the observations that passed every check and those refused."""

    observations: list[Observation]
    refused: list[Refused]
    format: str
    """``fieldpack`` (the field pack's export) or ``odk`` (ODK Central / KoboToolbox)."""
    plan_name: str | None = None
    """The plan the file says it belongs to (the field pack's export names it)."""
