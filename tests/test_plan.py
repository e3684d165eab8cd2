"""Plans round-trip through JSON and refuse bad stops."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from geo import settings
from geo.errors import UserInputError
from planner.plan import Plan
from tests.planner_cases import stop


def test_plan_json_round_trip() -> None:
    base = stop("base", 20.0, 105.0, name="Trạm <base> & co")
    plan = Plan(
        name="Chuyến đi thử",
        base=base,
        stops=[stop("s1", 20.1, 105.1, dwell_minutes=30, commune_code="FAKE1")],
        start=datetime(2025, 8, 1, 6, 30),
        round_trip=False,
        drive_hours_per_day=5.5,
        detour_factor=1.8,
    )
    text = json.dumps(plan.to_dict())
    again = Plan.from_dict(json.loads(text))
    assert again == plan
    assert again.travel_settings().detour_factor == 1.8
    assert again.travel_settings().road_speed_kmh == settings.ROAD_SPEED_KMH
    with pytest.raises(UserInputError):
        stop("bad", 20.0, 105.0, precision="guess")
    with pytest.raises(UserInputError):
        Plan(name="x", base=base, stops=[base], start=datetime(2025, 1, 1))


def test_plans_stored_before_per_class_speeds_still_open() -> None:
    # a plan dict as stored before road_class_speeds_kmh existed (one road speed)
    old = {
        "name": "Kế hoạch cũ",
        "base": stop("base", 20.0, 105.0).to_dict(),
        "stops": [stop("s1", 20.1, 105.1).to_dict()],
        "start": "2025-08-01T06:30:00",
        "round_trip": True,
        "drive_hours_per_day": 6.0,
        "dwell_minutes_default": 60.0,
        "order_fixed": False,
        "road_speed_kmh": 35.0,
        "mountain_speed_kmh": None,
        "detour_factor": 1.6,
        "notes": "",
        "extra": {},
    }
    plan = Plan.from_dict(old)
    assert plan.road_class_speeds_kmh is None and plan.road_speed_kmh == 35.0
    travel = plan.travel_settings()
    assert dict(travel.road_class_speeds_kmh) == settings.ROAD_CLASS_SPEED_KMH
    assert travel.speed_kmh("Quốc Gia") == settings.ROAD_CLASS_SPEED_KMH["Quốc Gia"]
    assert travel.speed_kmh("a class the data does not have") == 35.0
    assert Plan.from_dict(json.loads(plan.to_json())) == plan


def test_per_class_speed_overrides_round_trip_and_are_checked() -> None:
    base = stop("base", 20.0, 105.0)
    plan = Plan(
        name="Chuyến đi thử",
        base=base,
        stops=[],
        start=datetime(2025, 8, 1, 6, 30),
        road_class_speeds_kmh={"Quốc Gia": 45.0, "Cấp Huyện": 15},
    )
    again = Plan.from_dict(json.loads(json.dumps(plan.to_dict())))
    assert again == plan
    travel = again.travel_settings()
    assert travel.speed_kmh("Quốc Gia") == 45.0 and travel.speed_kmh("Cấp Huyện") == 15.0
    assert travel.speed_kmh("Cấp Tỉnh") == settings.ROAD_CLASS_SPEED_KMH["Cấp Tỉnh"]
    for bad in ({"Quốc Gia": 0}, {"Quốc Gia": "fast"}, {"Quốc Gia": float("nan")}, [40]):
        with pytest.raises(UserInputError):
            Plan(
                name="x", base=base, stops=[], start=datetime(2025, 1, 1), road_class_speeds_kmh=bad
            )
