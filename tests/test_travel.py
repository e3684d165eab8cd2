"""Leg estimates (road, straight line and why), the matrix, and a plan's best order."""

from __future__ import annotations

import itertools
from datetime import datetime

import geopandas as gpd
import pytest

from geo.measure import haversine_km
from planner.network import RoadNetwork
from planner.plan import Plan, TravelSettings
from planner.travel import distance_matrix, estimate_leg, optimise_plan
from tests.planner_cases import fake_roads_frame, stop


@pytest.fixture
def fake_roads() -> gpd.GeoDataFrame:
    return fake_roads_frame()


def test_leg_access_and_fallbacks(fake_roads) -> None:
    net = RoadNetwork.from_lines(fake_roads)
    travel = TravelSettings(road_speed_kmh=40, mountain_speed_kmh=15, detour_factor=1.5)
    off = stop("off", 20.01, 105.0)  # ~1.1 km north of road A's west end
    end = stop("end", 20.10, 105.10)
    leg = estimate_leg(off, end, network=net, settings=travel)
    assert leg.method == "road"
    access_straight = haversine_km(20.0, 105.0, 20.01, 105.0)
    assert leg.access_km == pytest.approx(access_straight * 1.5, rel=0.02)
    assert leg.hours == pytest.approx(leg.access_km / 15 + leg.road_km / 40, rel=1e-6)
    assert "1,50" in leg.explanation_vi and "1.50" in leg.explanation_en
    assert "40 km/h" in leg.explanation_en and "15 km/h" in leg.explanation_en

    far = stop("far", 20.5, 105.5)  # > 3 km from every road
    leg = estimate_leg(off, far, network=net, settings=travel)
    assert leg.method == "straight_line_detour"
    assert leg.distance_km == pytest.approx(leg.straight_km * 1.5)
    assert leg.hours == pytest.approx(leg.distance_km / 15)
    assert "far" in leg.explanation_en and "3.0 km" in leg.explanation_en

    # near two roads that do not connect
    isolated = stop("iso", 21.0, 106.05)
    leg = estimate_leg(off, isolated, network=net, settings=travel)
    assert leg.method == "straight_line_detour" and "do not connect" in leg.explanation_en

    # both near the road, close together: going straight is quicker than via the road
    p = stop("p", 20.02, 105.02)
    q = stop("q", 20.02, 105.03)
    leg = estimate_leg(p, q, network=net, settings=travel)
    assert leg.method == "straight_line_detour" and "quicker" in leg.explanation_en


def test_matrix_matches_legs(fake_roads) -> None:
    net = RoadNetwork.from_lines(fake_roads)
    points = [
        stop("a", 20.0, 105.0),
        stop("b", 20.1, 105.1),
        stop("c", 19.95, 105.05),
        stop("d", 20.5, 105.5),
    ]
    km = distance_matrix(points, network=net)
    hours = distance_matrix(points, network=net, metric="hours")
    for i, j in itertools.permutations(range(4), 2):
        leg = estimate_leg(points[i], points[j], network=net)
        assert km[i, j] == pytest.approx(leg.distance_km)
        assert hours[i, j] == pytest.approx(leg.hours)


def test_optimise_plan_keeps_fixed_order(fake_roads) -> None:
    base = stop("base", 20.0, 105.0)
    stops = [stop("s3", 20.3, 105.0), stop("s1", 20.1, 105.0), stop("s2", 20.2, 105.0)]
    plan = Plan(
        name="Fake", base=base, stops=stops, start=datetime(2025, 1, 6, 7), round_trip=False
    )
    net = RoadNetwork.from_lines(fake_roads)
    assert [s.id for s in optimise_plan(plan, network=net).stops] == ["s1", "s2", "s3"]
    fixed = Plan(**{**plan.__dict__, "order_fixed": True})
    assert [s.id for s in optimise_plan(fixed, network=net).stops] == ["s3", "s1", "s2"]
