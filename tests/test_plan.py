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
