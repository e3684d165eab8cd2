"""The day plan: days split on the driving budget, long legs, late arrivals."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from shapely.geometry import LineString, Point

from geo.errors import UserInputError
from planner.plan import Plan, Stop
from planner.schedule import overnight_places, schedule
from planner.travel import Leg, plan_legs
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


def _one_way_two_stops() -> Plan:
    """Base, a stop 0.1° north and one 2° north; one way, 6 h of driving a day."""
    return Plan(
        name="Fake",
        base=stop("base", 20.0, 105.0),
        stops=[stop("s1", 20.1, 105.0), stop("s2", 22.0, 105.0)],
        start=datetime(2025, 3, 3, 7, 0),
        drive_hours_per_day=6,
        round_trip=False,
    )


def test_schedule_long_leg_is_split_with_overnights_on_the_way() -> None:
    plan = _one_way_two_stops()
    route = plan.route_stops()
    legs = [fake_leg(1, route[0], route[1]), fake_leg(14, route[1], route[2])]
    rows = schedule(plan, legs)
    # leg 2 (14 h) leaves s1 at 09:00 with 5 h of the day left: starting at once arrives a
    # day earlier than waiting for the morning, so 5 + 6 + 3 h with two nights on the way
    assert [r.kind for r in rows] == ["point", "point", "overnight", "overnight", "point"]
    assert not rows[1].overnight and rows[1].departure == datetime(2025, 3, 3, 9, 0)
    first, second = rows[2], rows[3]
    assert (first.day, first.arrival, first.departure) == (
        1,
        datetime(2025, 3, 3, 14, 0),
        datetime(2025, 3, 4, 7, 0),
    )
    assert (second.day, second.arrival) == (2, datetime(2025, 3, 4, 13, 0))
    assert first.overnight and second.overnight and first.leg_index == second.leg_index == 1
    assert [first.leg_hours, second.leg_hours, rows[4].leg_hours] == [5, 6, 3]
    assert sum(r.leg_km for r in rows[2:]) == pytest.approx(legs[1].distance_km)
    # the overnight points lie on the leg, 5/14 and 11/14 of the way (evenly spread)
    assert (first.lat, first.lon) == pytest.approx((20.1 + 1.9 * 5 / 14, 105.0), abs=1e-3)
    assert (second.lat, second.lon) == pytest.approx((20.1 + 1.9 * 11 / 14, 105.0), abs=1e-3)
    assert first.stop_name.startswith("Nghỉ đêm dọc") and first.name("en").startswith("Overnight")
    assert "100.0 km into the leg" in first.stop_name_en  # 5 h of 14 h × 20 km/h
    assert rows[4].day == 3 and rows[4].arrival == datetime(2025, 3, 5, 10, 0)
    assert rows[4].date == date(2025, 3, 5)
    assert "3 days" in rows[4].note_en and "3 ngày" in rows[4].note_vi
    with pytest.raises(UserInputError):
        schedule(plan, legs[:1])


def test_schedule_waits_for_the_morning_when_starting_saves_no_day() -> None:
    plan = _one_way_two_stops()
    route = plan.route_stops()
    legs = [fake_leg(5, route[0], route[1]), fake_leg(8, route[1], route[2])]
    rows = schedule(plan, legs)
    # 1 h left on day 1; 8 h need two days either way: sleep at s1, not 1 h down the road
    assert rows[1].overnight and rows[1].departure == datetime(2025, 3, 4, 7, 0)
    assert "Overnight here" in rows[1].note_en
    assert [r.kind for r in rows[2:]] == ["overnight", "point"]
    assert rows[2].day == 2 and rows[2].arrival == datetime(2025, 3, 4, 13, 0)
    assert rows[3].day == 3 and rows[3].arrival == datetime(2025, 3, 5, 9, 0)


def test_a_long_road_leg_stops_overnight_on_the_road(catalogue, network, gates) -> None:
    plan = Plan(
        name="Fake gates trip",
        base=gates["gate_na_meo"],
        stops=[gates["gate_nam_can"]],
        start=datetime(2025, 3, 3, 7, 0),
        drive_hours_per_day=6,
        round_trip=False,
    )
    legs = plan_legs(plan, network=network)
    assert legs[0].method == "road" and legs[0].hours > 6
    rows = schedule(plan, legs, communes=overnight_places(catalogue))
    nights = [r for r in rows if r.kind == "overnight"]
    assert len(nights) == 1 and [r.day for r in rows] == [1, 1, 2]
    night = nights[0]
    assert night.arrival == datetime(2025, 3, 3, 13, 0)
    assert night.departure == datetime(2025, 3, 4, 7, 0) and night.date == date(2025, 3, 3)
    point = Point(night.lon, night.lat)
    assert legs[0].geometry.distance(point) < 1e-6  # on the drawn route
    assert night.leg_hours == pytest.approx(6)
    assert night.leg_km == pytest.approx(legs[0].distance_km * 6 / legs[0].hours, rel=0.05)
    # named after the road driven then and the commune the point lies in, from the catalogue
    road = legs[0].stretch_at(6).label("vi")
    assert road in legs[0].road_sequence()
    assert night.stop_name.startswith(f"Nghỉ đêm dọc {road}, gần Xã ")
    assert night.stop_name.endswith(("Thanh Hóa", "Nghệ An"))
    assert night.name("en").startswith(f"Overnight along {road}, near Xã ")
    assert rows[2].day == 2 and rows[2].arrival.date() == date(2025, 3, 4)
    assert rows[2].leg_hours == pytest.approx(legs[0].hours - 6)


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
