"""The day plan of a trip: when the team arrives at each stop, leaves, and stays overnight.

Each day starts at the clock time of the plan's start and allows ``plan.drive_hours_per_day``
hours of driving; dwell time at the stops does not count towards it. A leg with more driving
than that is split: where a day's driving ends, an overnight stop *along the road* is
suggested (a row of kind :data:`OVERNIGHT_KIND`, at the point of the leg's route reached then,
named after the road and, when the communes are given, the commune it lies in).

Examples
--------
>>> from datetime import datetime
>>> from planner.plan import Stop
>>> from planner.travel import plan_legs
>>> base = Stop(id="b", name="Base", kind="point", lat=20.0, lon=105.0,
...             precision="published", commune_code=None, source="user")
>>> far = Stop(id="f", name="Far", kind="site", lat=20.3, lon=105.0,
...            precision="published", commune_code=None, source="user")
>>> plan = Plan(name="Trip", base=base, stops=[far], start=datetime(2025, 3, 1, 7),
...             drive_hours_per_day=2, round_trip=False)
>>> rows = schedule(plan, plan_legs(plan, network=None))
>>> [(row.day, row.kind, row.overnight) for row in rows]
[(1, 'point', False), (1, 'overnight', True), (2, 'site', False)]
>>> rows[1].name("en"), rows[1].arrival.strftime("%H:%M"), round(rows[1].lat, 3)
('Overnight along straight-line estimate, 40.0 km into the leg', '09:00', 20.225)
>>> rows[2].arrival.strftime("%d/%m %H:%M"), round(rows[2].leg_km, 1)
('02/03 07:40', 13.4)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import geopandas as gpd

from geo.catalogue import Catalogue
from i18n.messages import LANGS, VI, message
from i18n.numbers import format_number
from layers.locate import CommuneIndex, commune_index
from planner.plan import Plan, Stop
from planner.travel import STRAIGHT, Leg, check_legs, class_label

LATE_ARRIVAL_HOUR = 18
"""Arrivals at or after this hour get a note: mountain roads after dark are dangerous."""
OVERNIGHT_KIND = "overnight"
"""``kind`` of a row that is an overnight stop along a leg (not a stop of the plan)."""

_EPS = 1e-9
_COMMUNES: dict[Path, gpd.GeoDataFrame] = {}


@dataclass
class DayRow:
    """One row of the day plan: a stop (or an overnight along a leg), when the team arrives
    and leaves."""

    day: int
    date: date
    stop_id: str
    """The stop's id; ``overnight-<leg>-<night>`` for an overnight along a leg."""
    stop_name: str
    """The stop's name; for an overnight along a leg, its Vietnamese name."""
    kind: str
    """The stop's kind, or :data:`OVERNIGHT_KIND`."""
    arrival: datetime | None
    departure: datetime | None
    leg_index: int | None
    """Index of the leg that arrives here (``None`` at the start)."""
    leg_km: float | None
    """Kilometres driven since the previous row (part of the leg when it is split)."""
    leg_hours: float | None
    """Driving hours since the previous row (part of the leg when it is split)."""
    leg_method: str | None
    drive_hours_day: float
    """Driving hours of this day up to the arrival here."""
    dwell_minutes: float
    overnight: bool = False
    note_vi: str = ""
    note_en: str = ""
    lat: float | None = None
    """Latitude of an overnight along a leg (``None`` for a stop: it has its own)."""
    lon: float | None = None
    """Longitude of an overnight along a leg (``None`` for a stop)."""
    stop_name_en: str = ""
    """English name of an overnight along a leg (empty for a stop: its name is its own)."""

    def name(self, lang: str = VI) -> str:
        """The row's name in ``lang`` (a stop's own name in both)."""
        return self.stop_name_en if lang != VI and self.stop_name_en else self.stop_name


def overnight_places(catalogue: Catalogue | None = None) -> gpd.GeoDataFrame:
    """Vietnam's 2025 communes (``name``, ``province``) to name overnight stops, read once.

    The file (catalogue key ``communes_vietnam``, 16.6 MB) is read on the first call and kept
    for the life of the process; pass the result to :func:`schedule` as ``communes``.
    """
    catalogue = catalogue or Catalogue.load()
    path = catalogue.path("communes_vietnam")
    if path not in _COMMUNES:
        frame = catalogue.read_vector("communes_vietnam")
        _COMMUNES[path] = frame[["name", "province", "geometry"]].reset_index(drop=True)
    return _COMMUNES[path]


def _add_note(row: DayRow, vi: str, en: str) -> None:
    row.note_vi = f"{row.note_vi} {vi}".strip()
    row.note_en = f"{row.note_en} {en}".strip()


def _overnight_note(budget: float) -> tuple[str, ...]:
    return tuple(
        message("plan.note_overnight", lang, budget=format_number(budget, lang=lang, decimals=1))
        for lang in LANGS
    )


def _long_leg_note(hours: float, budget: float, days: int) -> tuple[str, ...]:
    return tuple(
        message(
            "plan.note_long_leg",
            lang,
            hours=format_number(hours, lang=lang, decimals=1),
            budget=format_number(budget, lang=lang, decimals=1),
            days=days,
        )
        for lang in LANGS
    )


def _late_note() -> tuple[str, ...]:
    return tuple(message("plan.note_late", lang, hour=LATE_ARRIVAL_HOUR) for lang in LANGS)


def _to_minute(value: datetime) -> datetime:
    """Round to the nearest whole minute (estimates are nowhere near seconds)."""
    return (value + timedelta(seconds=30)).replace(second=0, microsecond=0)


def _late(arrival: datetime, start: datetime) -> bool:
    """Arrival after LATE_ARRIVAL_HOUR on its day, or after midnight of a day started earlier."""
    return arrival.hour >= LATE_ARRIVAL_HOUR or arrival.hour < start.hour


def _km_at(leg: Leg, hours: float) -> float:
    """Kilometres of ``leg`` driven after ``hours`` (evenly spread without stretches)."""
    if not leg.stretches:
        return leg.distance_km * hours / leg.hours if leg.hours > 0 else 0.0
    km = 0.0
    for stretch in leg.stretches:
        if stretch.hours <= 0:
            km += stretch.km if stretch.start_hours <= hours else 0.0
            continue
        share = min(max((hours - stretch.start_hours) / stretch.hours, 0.0), 1.0)
        km += share * stretch.km
    return km


def _overnight_names(
    leg: Leg, hours: float, km: float, lon: float, lat: float, places: CommuneIndex | None
) -> tuple[str, ...]:
    """Name of an overnight stop ``hours`` into ``leg``, in each language of :data:`LANGS`."""
    stretch = leg.stretch_at(hours)
    where = places.name_at(lat, lon) if places is not None else None
    names = []
    for lang in LANGS:
        road = stretch.label(lang) if stretch is not None else class_label(STRAIGHT, lang)
        if where is None:
            names.append(
                message(
                    "plan.overnight_name_no_commune",
                    lang,
                    road=road,
                    km=format_number(km, lang=lang, decimals=1),
                )
            )
        else:
            names.append(
                message("plan.overnight_name", lang, road=road, commune=where[0], province=where[1])
            )
    return tuple(names)


def _overnight_row(
    plan: Plan,
    leg: Leg,
    index: int,
    night: int,
    *,
    day: int,
    arrival: datetime,
    done: tuple[float, float],
    part: tuple[float, float],
    route: Sequence[Stop],
    places: CommuneIndex | None,
) -> DayRow:
    """The overnight stop reached after ``done`` (hours, km) of leg ``index``."""
    hours, km = done
    lon, lat = leg.point_at(hours)
    vi, en = _overnight_names(leg, hours, km, lon, lat, places)
    row = DayRow(
        day=day,
        date=(plan.start + timedelta(days=day - 1)).date(),
        stop_id=f"overnight-{index + 1}-{night}",
        stop_name=vi,
        kind=OVERNIGHT_KIND,
        arrival=arrival,
        departure=plan.start + timedelta(days=day),
        leg_index=index,
        leg_km=part[1],
        leg_hours=part[0],
        leg_method=leg.method,
        drive_hours_day=plan.drive_hours_per_day,
        dwell_minutes=0.0,
        overnight=True,
        lat=lat,
        lon=lon,
        stop_name_en=en,
    )
    _add_note(
        row,
        *(
            message(
                "plan.note_overnight_road",
                lang,
                budget=format_number(plan.drive_hours_per_day, lang=lang, decimals=1),
                km=format_number(km, lang=lang, decimals=1),
                origin=route[index].name,
                destination=route[index + 1].name,
                lat=format_number(lat, lang=lang, decimals=5),
                lon=format_number(lon, lang=lang, decimals=5),
            )
            for lang in LANGS
        ),
    )
    return row


def schedule(
    plan: Plan, legs: Sequence[Leg], *, communes: gpd.GeoDataFrame | None = None
) -> list[DayRow]:
    """Split the trip into days.

    Each day starts at the clock time of ``plan.start``. A leg that would take the day's
    driving beyond ``plan.drive_hours_per_day`` starts the next morning (overnight at the
    current stop), unless it is longer than a whole day's driving and starting at once gets
    there a day earlier. A leg is split where each day's driving ends, with an overnight row
    at that point of its route. Dwell time does not count towards the driving budget.

    Parameters
    ----------
    plan
        The plan, its stops in visiting order.
    legs
        One per leg of ``plan.route_stops()`` (:func:`planner.travel.plan_legs`).
    communes
        Communes with ``name`` and ``province`` (:func:`overnight_places`) to say where an
        overnight along a leg is; without them it is named by road and distance.

    Returns
    -------
    list of DayRow
        The base first, then one row per overnight along a leg and per arrival (the base
        again for a round trip).
    """
    check_legs(plan, legs)
    route = plan.route_stops()
    budget = plan.drive_hours_per_day
    places = commune_index(communes) if communes is not None else None

    def day_start(day: int) -> datetime:
        return plan.start + timedelta(days=day - 1)

    day, driven = 1, 0.0
    now = plan.start
    rows = [
        DayRow(
            day=1,
            date=plan.start.date(),
            stop_id=plan.base.id,
            stop_name=plan.base.name,
            kind=plan.base.kind,
            arrival=None,
            departure=plan.start,
            leg_index=None,
            leg_km=None,
            leg_hours=None,
            leg_method=None,
            drive_hours_day=0.0,
            dwell_minutes=0.0,
        )
    ]
    for index, (leg, stop) in enumerate(zip(legs, route[1:], strict=True)):
        previous = rows[-1]
        # Dwell ran past the next morning: the team stayed overnight there.
        while now >= day_start(day + 1):
            day, driven = day + 1, 0.0
            previous.overnight = True
        hours = float(leg.hours)
        left = budget - driven
        if driven > _EPS and hours > left + _EPS:
            days_now = math.ceil((hours - left) / budget - _EPS)
            days_tomorrow = math.ceil(hours / budget - _EPS)
            if days_now >= days_tomorrow:
                day, driven = day + 1, 0.0
                now = max(now, day_start(day))
                previous.departure = now
                previous.overnight = True
                _add_note(previous, *_overnight_note(budget))
        done_h = done_km = 0.0
        night = 0
        while hours - done_h > budget - driven + _EPS:
            chunk = budget - driven
            km = _km_at(leg, done_h + chunk)
            night += 1
            row = _overnight_row(
                plan,
                leg,
                index,
                night,
                day=day,
                arrival=_to_minute(now + timedelta(hours=chunk)),
                done=(done_h + chunk, km),
                part=(chunk, km - done_km),
                route=route,
                places=places,
            )
            if _late(row.arrival, plan.start):  # type: ignore[arg-type]
                _add_note(row, *_late_note())
            rows.append(row)
            done_h, done_km = done_h + chunk, km
            day, driven = day + 1, 0.0
            now = day_start(day)
        remainder = hours - done_h
        arrival = _to_minute(now + timedelta(hours=remainder))
        driven += remainder
        is_end = index == len(legs) - 1
        dwell = 0.0 if is_end and plan.round_trip else plan.dwell_minutes(stop)
        departure = None if is_end else _to_minute(arrival + timedelta(minutes=dwell))
        row = DayRow(
            day=day,
            date=day_start(day).date(),
            stop_id=stop.id,
            stop_name=stop.name,
            kind=stop.kind,
            arrival=arrival,
            departure=departure,
            leg_index=index,
            leg_km=float(leg.distance_km) - done_km,
            leg_hours=remainder,
            leg_method=leg.method,
            drive_hours_day=driven,
            dwell_minutes=dwell,
        )
        if night:
            _add_note(row, *_long_leg_note(hours, budget, night + 1))
        if _late(arrival, plan.start):
            _add_note(row, *_late_note())
        rows.append(row)
        now = departure or arrival
    return rows
