"""The day plan: days split on the driving budget, long legs, late arrivals."""

from __future__ import annotations

from datetime import datetime

import pytest
from shapely.geometry import LineString

from geo.errors import UserInputError
from planner.plan import Plan, Stop
from planner.schedule import schedule
from planner.travel import Leg
from tests.planner_cases import stop


def fake_leg(hours: float, a: Stop, b: Stop) -> Leg:
    return Leg(
        distance_km=hours * 20,
        hours=hours,
        method="straight_line_detour",
        explanation_vi="giả",
        explanation_en="fake",
        geometry=LineString([(a.lon, a.lat), (b.lon, b.lat)]),
        from_id=a.id,
        to_id=b.id,
    )


def test_schedule_splits_days() -> None:
    base = stop("base", 20.0, 105.0)
    s = [stop(f"s{i}", 20.0 + i / 10, 105.0) for i in range(1, 4)]
    plan = Plan(
        name="Fake",
        base=base,
        stops=s,
        start=datetime(2025, 3, 3, 7, 0),
        drive_hours_per_day=6,
        dwell_minutes_default=60,
    )
    route = plan.route_stops()
    legs = [fake_leg(h, a, b) for h, a, b in zip([2, 3, 2, 1.5], route, route[1:], strict=False)]
    rows = schedule(plan, legs)
    assert [r.stop_id for r in rows] == ["base", "s1", "s2", "s3", "base"]
    assert rows[1].arrival == datetime(2025, 3, 3, 9, 0)
    assert rows[1].departure == datetime(2025, 3, 3, 10, 0)
    assert rows[2].arrival == datetime(2025, 3, 3, 13, 0)
    # 5 h driven; the 2 h leg would exceed 6 h: overnight at s2, leave next morning at 07:00
    assert rows[2].overnight and rows[2].departure == datetime(2025, 3, 4, 7, 0)
    assert "Overnight" in rows[2].note_en
    assert rows[3].day == 2 and rows[3].arrival == datetime(2025, 3, 4, 9, 0)
    assert rows[4].day == 2 and rows[4].arrival == datetime(2025, 3, 4, 11, 30)
    assert rows[4].departure is None and rows[4].dwell_minutes == 0


def test_schedule_long_leg_gets_own_days_and_a_note() -> None:
    base = stop("base", 20.0, 105.0)
    plan = Plan(
        name="Fake",
        base=base,
        stops=[stop("s1", 20.1, 105.0), stop("s2", 22.0, 105.0)],
        start=datetime(2025, 3, 3, 7, 0),
        drive_hours_per_day=6,
        round_trip=False,
    )
    route = plan.route_stops()
    legs = [fake_leg(1, route[0], route[1]), fake_leg(14, route[1], route[2])]
    rows = schedule(plan, legs)
    # leg 2 (14 h) starts a new day after the 1 h leg, then takes 6 + 6 + 2 h: days 2–4
    assert rows[1].overnight
    assert rows[2].day == 4 and rows[2].arrival == datetime(2025, 3, 6, 9, 0)
    assert "3 days" in rows[2].note_en and "3 ngày" in rows[2].note_vi
    with pytest.raises(UserInputError):
        schedule(plan, legs[:1])


def test_schedule_notes_late_arrival() -> None:
    base = stop("base", 20.0, 105.0)
    plan = Plan(
        name="Fake",
        base=base,
        stops=[stop("s1", 20.1, 105.0)],
        start=datetime(2025, 3, 3, 14, 0),
        round_trip=False,
    )
    rows = schedule(plan, [fake_leg(5, base, plan.stops[0])])
    assert rows[1].arrival == datetime(2025, 3, 3, 19, 0)
    assert "after dark" in rows[1].note_en
