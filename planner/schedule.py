"""The day plan of a trip: when the team arrives at each stop, leaves, and stays overnight.

Each day starts at the clock time of the plan's start and allows ``plan.drive_hours_per_day``
hours of driving; dwell time at the stops does not count towards it.

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
...             drive_hours_per_day=5)
>>> rows = schedule(plan, plan_legs(plan, network=None))
>>> [(row.day, row.stop_id, row.overnight) for row in rows]
[(1, 'b', False), (1, 'f', True), (2, 'b', False)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from i18n.messages import LANGS, message
from i18n.numbers import format_number
from planner.plan import Plan
from planner.travel import Leg, check_legs

LATE_ARRIVAL_HOUR = 18
"""Arrivals at or after this hour get a note: mountain roads after dark are dangerous."""


@dataclass
class DayRow:
    """One stop of the day plan: when the team arrives and leaves."""

    day: int
    date: date
    stop_id: str
    stop_name: str
    kind: str
    arrival: datetime | None
    departure: datetime | None
    leg_index: int | None
    """Index of the leg that arrives here (``None`` at the start)."""
    leg_km: float | None
    leg_hours: float | None
    leg_method: str | None
    drive_hours_day: float
    """Driving hours of this day up to the arrival here."""
    dwell_minutes: float
    overnight: bool = False
    note_vi: str = ""
    note_en: str = ""


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


def schedule(plan: Plan, legs: Sequence[Leg]) -> list[DayRow]:
    """Split the trip into days.

    Each day starts at the clock time of ``plan.start``. A leg that would take the day's
    driving beyond ``plan.drive_hours_per_day`` starts the next morning (overnight at the
    current stop). A leg longer than a whole day's driving gets day(s) of its own and a note.
    Dwell time does not count towards the driving budget.

    Parameters
    ----------
    plan
        The plan, its stops in visiting order.
    legs
        One per leg of ``plan.route_stops()`` (:func:`planner.travel.plan_legs`).

    Returns
    -------
    list of DayRow
        The base first, then one row per arrival (the base again for a round trip).
    """
    check_legs(plan, legs)
    route = plan.route_stops()
    budget = plan.drive_hours_per_day
    eps = 1e-9

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
        note: tuple[str, ...] = ()
        if driven > eps and driven + hours > budget + eps:
            day, driven = day + 1, 0.0
            now = max(now, day_start(day))
            previous.departure = now
            previous.overnight = True
            _add_note(previous, *_overnight_note(budget))
        if hours > budget + eps:
            full_days = math.ceil(hours / budget - eps)
            remainder = hours - (full_days - 1) * budget
            day += full_days - 1
            arrival = _to_minute(day_start(day) + timedelta(hours=remainder))
            driven = remainder
            note = _long_leg_note(hours, budget, full_days)
        else:
            arrival = _to_minute(now + timedelta(hours=hours))
            driven += hours
        is_end = index == len(legs) - 1
        dwell = 0.0 if is_end and plan.round_trip else plan.dwell_minutes(stop)
        departure = None if is_end else _to_minute(arrival + timedelta(minutes=dwell))
        row = DayRow(
            day=day,
            date=(plan.start + timedelta(days=day - 1)).date(),
            stop_id=stop.id,
            stop_name=stop.name,
            kind=stop.kind,
            arrival=arrival,
            departure=departure,
            leg_index=index,
            leg_km=float(leg.distance_km),
            leg_hours=hours,
            leg_method=leg.method,
            drive_hours_day=driven,
            dwell_minutes=dwell,
        )
        if note:
            _add_note(row, *note)
        if _late(arrival, plan.start):
            _add_note(row, *_late_note())
        rows.append(row)
        now = departure or arrival
    return rows
