"""The checks of one observation record, whatever file it came in: each returns the clean
value or raises :class:`RecordRefused` (the reason in both languages), so the field pack's
export (:mod:`userdata.observations`) and ODK/KoboToolbox exports (:mod:`userdata.odk_import`)
refuse a record for the same reasons, in the same words.

Times carry their UTC offset; one without is Vietnam's time (UTC+07:00); one more than
:data:`FUTURE_GRACE` ahead is refused. A position is two finite numbers inside Vietnam; swapped
latitude and longitude are not guessed (refused as outside Vietnam, the position named).

Examples
--------
>>> parse_kind("marker", "damaged"), parse_kind("landslide", "damaged")
(('marker', 'damaged'), ('landslide', None))
>>> try:
...     parse_note("x" * 2001)
... except RecordRefused as refused:
...     print(refused.reason_en)
the note is too long (2001 characters, limit 2000)
"""

from __future__ import annotations

import math
import uuid as uuid_module
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from geo import settings
from geo.errors import UserInputError
from geo.vocabulary import MARKER_CONDITIONS, OBSERVATION_KINDS
from i18n.messages import message
from i18n.numbers import VIETNAM_TIME, parse_number
from layers.observations import Refused

MAX_OBSERVER_CHARS = 100
"""Longest observer's name."""
FUTURE_GRACE = timedelta(days=1)
"""A time later than this after now is refused (a phone's clock may be a little ahead)."""

InsideVietnam = Callable[[float, float], bool]
CommuneOf = Callable[[float, float], "str | None"]


class RecordRefused(Exception):
    """One record cannot be read: message ``key`` of ``i18n/text_observation_files.py``."""

    def __init__(self, key: str, /, **values: object) -> None:
        self.reason_vi = message(key, "vi", **values) if key else ""
        self.reason_en = message(key, "en", **values) if key else ""
        super().__init__(self.reason_en)

    @classmethod
    def because(cls, error: UserInputError) -> RecordRefused:
        """A record refused for ``error`` (e.g. one of its photos' :class:`PhotoRefused`)."""
        refused = cls("")
        refused.reason_vi, refused.reason_en = error.message_vi, error.message_en
        return refused

    def refused(self, record: str) -> Refused:
        """The :class:`Refused` entry for ``record`` (its UUID or number)."""
        return Refused(record=record, reason_vi=self.reason_vi, reason_en=self.reason_en)


def parse_uuid(value: object) -> str:
    """The lowercase canonical form of a UUID.

    Examples
    --------
    >>> parse_uuid("0B7C7A8E5B1D4C539A551F7E1C1B2A3D")
    '0b7c7a8e-5b1d-4c53-9a55-1f7e1c1b2a3d'
    """
    if value is None or value == "":
        raise RecordRefused("obs_file.no_uuid")
    try:
        return str(uuid_module.UUID(str(value).strip()))
    except ValueError:
        raise RecordRefused("obs_file.bad_uuid", value=str(value)[:60]) from None


def parse_time(value: object, *, now: datetime | None = None) -> datetime:
    """An ISO 8601 time, timezone-aware; without an offset it is Vietnam's time (UTC+07:00).

    Examples
    --------
    >>> parse_time("2026-11-30T08:15:00.000+07:00").isoformat()
    '2026-11-30T08:15:00+07:00'
    >>> parse_time("2026-11-30 08:15").utcoffset()
    datetime.timedelta(seconds=25200)
    """
    if not isinstance(value, str) or not value.strip():
        raise RecordRefused("obs_file.bad_time", value=str(value)[:60])
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise RecordRefused("obs_file.bad_time", value=value[:60]) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM_TIME)
    if moment > (now or datetime.now(UTC)) + FUTURE_GRACE:
        raise RecordRefused("obs_file.future_time", value=value[:60])
    return moment


def finite_number(value: object) -> float | None:
    """A finite number from a JSON number or a CSV cell (read by
    :func:`i18n.numbers.parse_number`); ``None`` when it is not one.

    Examples
    --------
    >>> finite_number("19.38"), finite_number(104.12), finite_number(True), finite_number("x")
    (19.38, 104.12, None, None)
    """
    if isinstance(value, str):
        try:
            value = parse_number(value)
        except ValueError:
            return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def parse_position(
    lat: object, lon: object, *, inside_vietnam: InsideVietnam
) -> tuple[float, float]:
    """``(lat, lon)`` as finite numbers inside Vietnam (never swapped or moved).

    Examples
    --------
    >>> parse_position("19.38", 104.12, inside_vietnam=lambda lat, lon: True)
    (19.38, 104.12)
    >>> try:
    ...     parse_position("abc", 104.12, inside_vietnam=lambda lat, lon: True)
    ... except RecordRefused as refused:
    ...     print(refused.reason_en)
    the position is not a number: abc 104.12
    """
    if lat in (None, "") or lon in (None, ""):
        raise RecordRefused("obs_file.no_position")
    lat_n, lon_n = finite_number(lat), finite_number(lon)
    if lat_n is None or lon_n is None:
        raise RecordRefused("obs_file.bad_position", value=f"{lat} {lon}"[:60])
    if not inside_vietnam(lat_n, lon_n):
        raise RecordRefused("obs_file.outside_vietnam", lat=repr(lat_n), lon=repr(lon_n))
    return lat_n, lon_n


def parse_accuracy(value: object) -> float | None:
    """The fix's accuracy in metres (``None`` when not given)."""
    if value is None:
        return None
    number = finite_number(value)
    if number is None or number < 0:
        raise RecordRefused("obs_file.bad_accuracy", value=str(value)[:30])
    return number


def optional_text(value: object, *, field: str) -> str | None:
    """A text field that may be missing (``None``); anything but text is refused."""
    if value is not None and not isinstance(value, str):
        raise RecordRefused("obs_file.bad_text", field=field)
    return value


def parse_observer(value: object) -> str:
    """The observer's name, trimmed; required, at most :data:`MAX_OBSERVER_CHARS`."""
    name = (optional_text(value, field="observer") or "").strip()
    if not name:
        raise RecordRefused("obs_file.no_observer")
    if len(name) > MAX_OBSERVER_CHARS:
        raise RecordRefused("obs_file.long_observer", n=len(name), limit=MAX_OBSERVER_CHARS)
    return name


def parse_note(value: object) -> str:
    """The note exactly as typed (plain text), at most :data:`geo.settings.MAX_NOTE_CHARS`."""
    note = optional_text(value, field="note") or ""
    if len(note) > settings.MAX_NOTE_CHARS:
        raise RecordRefused("obs_file.long_note", n=len(note), limit=settings.MAX_NOTE_CHARS)
    return note


def parse_kind(kind: object, condition: object) -> tuple[str, str | None]:
    """The kind and, for a border marker, its condition (dropped for other kinds)."""
    if kind not in OBSERVATION_KINDS:
        raise RecordRefused("obs_file.bad_kind", value=str(kind)[:40])
    if kind != "marker":
        return str(kind), None
    if condition is None or condition == "":
        raise RecordRefused("obs_file.no_marker_condition")
    if condition not in MARKER_CONDITIONS:
        raise RecordRefused("obs_file.bad_marker_condition", value=str(condition)[:40])
    return "marker", str(condition)
