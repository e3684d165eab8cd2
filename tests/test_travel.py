"""Leg estimates (road, straight line and why), the matrix, and a plan's best order."""

from __future__ import annotations

import itertools
from datetime import datetime

import geopandas as gpd
import pytest
from shapely.geometry import LineString

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
    travel = TravelSettings(
        road_speed_kmh=40, mountain_speed_kmh=15, detour_factor=1.5, road_snap_km=3.0
    )
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
    assert "Fake stop far more than 3.0 km from any road" in leg.explanation_en
    assert "cách mạng đường bộ hơn 3,0 km" in leg.explanation_vi
    assert leg.road_sequence() == [] and leg.stretches[0].road_class == "straight"

    # near two roads that do not connect
    isolated = stop("iso", 21.0, 106.05)
    leg = estimate_leg(off, isolated, network=net, settings=travel)
    assert leg.method == "straight_line_detour" and "do not connect" in leg.explanation_en

    # both near the road, close together: going straight is quicker than via the road
    p = stop("p", 20.02, 105.02)
    q = stop("q", 20.02, 105.03)
    leg = estimate_leg(p, q, network=net, settings=travel)
    assert leg.method == "straight_line_detour" and "quicker" in leg.explanation_en

    # farther apart than road_snap_km: along the roads even when a straight line is quicker
    slow_roads = TravelSettings(
        road_speed_kmh=5, mountain_speed_kmh=15, detour_factor=1.5, road_snap_km=3.0
    )
    west, east = stop("w", 20.02, 105.0), stop("e", 20.02, 105.09)
    leg = estimate_leg(west, east, network=net, settings=slow_roads)
    assert leg.straight_km > slow_roads.road_snap_km
    assert leg.method == "road" and leg.hours > leg.straight_km * 1.5 / 15


def test_quickest_path_uses_the_speed_of_each_road_class() -> None:
    # two ways from (105.0, 20.0) to (105.2, 20.0): a straight provincial road (22 km) and a
    # national road bowing north (~32 km)
    roads = gpd.GeoDataFrame(
        {
            "name": ["Tỉnh lộ 9", "Quốc lộ 99", "Không biết"],
            "road_class": ["Cấp Tỉnh", "Quốc Gia", "Cấp Huyện"],
        },
        geometry=[
            LineString([(105.0, 20.0), (105.2, 20.0)]),
            LineString([(105.0, 20.0), (105.1, 20.1), (105.2, 20.0)]),
            LineString([(105.2, 20.0), (105.2, 19.9)]),
        ],
        crs="EPSG:4326",
    )
    net = RoadNetwork.from_lines(roads)
    a, b = stop("a", 20.0, 105.0), stop("b", 19.9, 105.2)
    speeds = {"Quốc Gia": 60.0, "Cấp Tỉnh": 20.0, "Cấp Huyện": 10.0}
    leg = estimate_leg(a, b, network=net, settings=TravelSettings(road_class_speeds_kmh=speeds))
    assert leg.road_sequence("en") == ["QL99", "unnamed district road"]
    assert leg.road_sequence("vi") == ["QL99", "huyện lộ không rõ tên"]
    assert leg.road_sequence_text("en") == "QL99 → unnamed district road"
    km = leg.km_by_class()
    assert leg.hours_by_class()["Quốc Gia"] == pytest.approx(km["Quốc Gia"] / 60)
    assert leg.hours_by_class()["Cấp Huyện"] == pytest.approx(km["Cấp Huyện"] / 10)
    assert "of national road at 60 km/h" in leg.explanation_en
    assert "of district road at 10 km/h" in leg.explanation_en
    # equal speeds: the shorter provincial road is the quickest
    even = TravelSettings(road_class_speeds_kmh=dict.fromkeys(speeds, 30.0))
    leg = estimate_leg(a, b, network=net, settings=even)
    assert leg.road_sequence() == ["TL9", "huyện lộ không rõ tên"]


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
