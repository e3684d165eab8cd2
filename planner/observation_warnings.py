"""Warnings from the field: a planned leg passing near a recent landslide or blocked road that a
team reported (:class:`layers.observations.Observation`).

A leg within ``within_km`` of a hazard observation (:data:`geo.vocabulary.HAZARD_KINDS`) seen in
the last ``recent_days`` gets ONE warning (kind ``field_report``, severity ``high``: do not
count on this road) listing every such observation, nearest first: kind, date, distance from the
route and observer in the line; the note (plain text, as the observer wrote it), the position's
source and accuracy in the details; each observation cited as "field observation by <observer>,
<date> (file <file>)". Distances are measured in metres in :data:`geo.vocabulary.METRIC_CRS`;
dates are read in Vietnam's time.

Examples
--------
>>> from datetime import date, datetime, timezone
>>> from layers.observations import Observation
>>> from planner.plan import Plan, Stop
>>> from planner.travel import plan_legs
>>> a = Stop(id="a", name="Base", kind="point", lat=19.0, lon=104.0,
...          precision="published", commune_code=None, source="user")
>>> b = Stop(id="b", name="Seat", kind="point", lat=19.0, lon=104.2,
...          precision="published", commune_code=None, source="user")
>>> plan = Plan(name="Trip", base=a, stops=[b], start=datetime(2026, 12, 2, 7), round_trip=False)
>>> seen = Observation(uuid="0b7c7a8e-5b1d-4c53-9a55-1f7e1c1b2a3d", kind="road_blocked",
...     note="Đất đá lấp đường", observed_at=datetime(2026, 11, 30, 1, 15, tzinfo=timezone.utc),
...     lat=19.003, lon=104.1, accuracy_m=8.0, position_source="gps", observer="Lan",
...     source="fieldpack", source_file="ghi-nhan.zip")
>>> [warning] = observation_warnings(plan, plan_legs(plan, network=None), [seen],
...                                  today=date(2026, 12, 1))
>>> warning.kind, warning.severity, warning.leg_index
('field_report', 'high', 0)
>>> warning.text("en")
'Leg 1 (Base → Seat) — field report near the route: Road blocked or damaged on 30/11/2026, 0.3 km from the route (Lan)'
>>> warning.sources
['Ghi nhận thực địa của Lan, 30/11/2026 (tệp ghi-nhan.zip) / Field observation by Lan, 30/11/2026 (file ghi-nhan.zip)']
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

import geopandas as gpd
import shapely

from geo import settings
from geo.vocabulary import METRIC_CRS, WGS84
from i18n.messages import LANGS, VI, message
from i18n.numbers import VIETNAM_TIME, format_date, format_number
from layers.observations import Observation
from planner.plan import Plan
from planner.plan_warnings import PlanWarning
from planner.travel import Leg, check_legs

KIND = "field_report"
"""The warnings' kind (:data:`planner.plan_warnings.KINDS`)."""
SEVERITY = "high"
"""A recent landslide or blocked road on the route: do not count on this road."""
LINE_MAX = 3
"""At most this many observations are named in the line (the details give them all)."""

ON_ROUTE_KM = 0.05
"""Nearer the route than this (km), an observation is said to be on it."""

Pair = tuple[str, str]


def seen_on(observation: Observation) -> date:
    """The day ``observation`` was seen, in Vietnam's time (a naive time is taken as such).

    Examples
    --------
    >>> from datetime import timezone
    >>> from layers.observations import Observation
    >>> late = Observation(uuid="u", kind="landslide", note="", lat=19.0, lon=104.0,
    ...     observed_at=datetime(2026, 11, 30, 20, tzinfo=timezone.utc), accuracy_m=None,
    ...     position_source="map", observer="", source="fieldpack")
    >>> seen_on(late)
    datetime.date(2026, 12, 1)
    """
    when = observation.observed_at
    return (when.astimezone(VIETNAM_TIME) if when.tzinfo else when).date()


def recent_hazards(
    observations: Sequence[Observation], *, today: date, recent_days: int
) -> list[Observation]:
    """The hazard observations seen from ``today - recent_days`` to ``today`` (none later)."""
    oldest = today - timedelta(days=recent_days)
    return [o for o in observations if o.is_hazard and oldest <= seen_on(o) <= today]


def observation_warnings(
    plan: Plan,
    legs: Sequence[Leg],
    observations: Sequence[Observation],
    *,
    within_km: float = settings.OBSERVATION_WARNING_KM,
    recent_days: int = settings.OBSERVATION_RECENT_DAYS,
    today: date,
) -> list[PlanWarning]:
    """One ``field_report`` warning per leg passing within ``within_km`` of a recent hazard.

    Parameters
    ----------
    plan
        The plan, its stops in visiting order.
    legs
        One per leg of ``plan.route_stops()`` (:func:`planner.travel.plan_legs`); their
        ``geometry`` (WGS 84) is the route measured against.
    observations
        Any observations: those not of a hazard kind, seen before ``today - recent_days`` or
        after ``today`` are left out.
    within_km
        A leg nearer an observation than this (km, inclusive) is warned about it.
    recent_days
        How many days back an observation still counts (``0``: seen today only).
    today
        The day the plan is looked at (the page passes today's date).
    """
    if within_km < 0 or recent_days < 0:
        raise ValueError("within_km and recent_days must not be negative")
    check_legs(plan, legs)
    hazards = recent_hazards(observations, today=today, recent_days=recent_days)
    if not hazards or not legs:
        return []
    points = gpd.GeoSeries([shapely.Point(o.lon, o.lat) for o in hazards], crs=WGS84)
    points = points.to_crs(METRIC_CRS)
    routes = gpd.GeoSeries([leg.geometry for leg in legs], crs=WGS84).to_crs(METRIC_CRS)
    stops = plan.route_stops()
    out = []
    for index, route in enumerate(routes):
        km = points.distance(route).to_numpy() / 1000
        near = [(float(d), o) for d, o in zip(km, hazards, strict=True) if d <= within_km]
        if near:
            near.sort(key=lambda pair: (pair[0], -pair[1].observed_at.timestamp()))
            ends = (stops[index].name, stops[index + 1].name)
            out.append(_warning(index, ends, near))
    return out


def _both(key: str, **values: object) -> Pair:
    """``key`` in both languages; a ``(vi, en)`` tuple value is taken per language."""
    vi, en = (
        message(key, lang, **{k: v[i] if isinstance(v, tuple) else v for k, v in values.items()})
        for i, lang in enumerate(LANGS)
    )
    return vi, en


def _words(observation: Observation, km: float) -> dict[str, object]:
    """What the line and details say of one observation, per language where it differs."""
    observer = observation.observer.strip()
    return {
        "kind": _both(f"obs_kind.{observation.kind}"),
        "date": format_date(seen_on(observation), lang=VI),
        "where": _distance(km),
        "observer": observer or _both("obs_warn.unknown_observer"),
    }


def _distance(km: float) -> Pair:
    if km < ON_ROUTE_KM:
        return _both("obs_warn.on_route")
    return _both(
        "obs_warn.distance", km=tuple(format_number(km, lang=lang, decimals=1) for lang in LANGS)
    )


def _position(observation: Observation) -> Pair:
    source = _both(f"obs_position.{observation.position_source}")
    if observation.accuracy_m is None or observation.position_source == "map":
        return source
    m = tuple(format_number(observation.accuracy_m, lang=lang, decimals=0) for lang in LANGS)
    return _both("obs_warn.accuracy", source=source, m=m)


def _source(observation: Observation) -> str:
    observer = observation.observer.strip() or _both("obs_warn.unknown_observer")
    when = format_date(seen_on(observation), lang=VI)
    file = (observation.source_file or "").strip()
    key = "obs_warn.source" if file else "obs_warn.source_no_file"
    return " / ".join(_both(key, observer=observer, date=when, file=file))


def _warning(index: int, ends: Pair, near: list[tuple[float, Observation]]) -> PlanWarning:
    items = [_both("obs_warn.item", **_words(o, km)) for km, o in near[:LINE_MAX]]
    more = len(near) - LINE_MAX
    tail = _both("obs_warn.more", n=more) if more > 0 else ("", "")
    listed = tuple("; ".join(item[i] for item in items) + tail[i] for i in range(len(LANGS)))
    line = _both("obs_warn.line", number=index + 1, start=ends[0], end=ends[1], items=listed)
    details = [
        _both(
            "obs_warn.details_item",
            **_words(o, km),
            note=o.note.strip() or _both("obs_warn.no_note"),
            position=_position(o),
        )
        for km, o in near
    ]
    end = _both("obs_warn.details_end")
    vi, en = ("; ".join(d[i] for d in details) + ". " + end[i] for i in range(len(LANGS)))
    return PlanWarning(
        KIND,
        SEVERITY,
        *line,
        sources=list(dict.fromkeys(_source(o) for _, o in near)),
        leg_index=index,
        leg_indices=[index],
        details_vi=vi,
        details_en=en,
    )


def today_in_vietnam() -> date:
    """Today's date in Vietnam (what "recent" is counted from on the planner page)."""
    return datetime.now(VIETNAM_TIME).date()
