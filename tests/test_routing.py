"""Stop order, travel estimates, day plan and warnings of the field-visit planner.

Fixtures made here (points, lines, communes named "Xã Giả …" with codes FAKE…) are clearly
fake; the real-data checks read the bundle through the catalogue.
"""

from __future__ import annotations

import itertools
import json
from datetime import datetime

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import LineString, Point, box

from geo import settings
from geo.errors import UserInputError
from planner.plan import Plan, Stop, TravelSettings
from planner.routing import (
    EXACT_MAX_STOPS,
    Leg,
    RoadNetwork,
    distance_matrix,
    estimate_leg,
    haversine_km,
    heuristic_order,
    optimise_plan,
    order_stops,
    plan_legs,
    plan_warnings,
    route_length,
    schedule,
)

HEURISTIC_VS_EXACT_BOUND = 1.10
HEURISTIC_VS_RESTARTS_BOUND = 1.05


def stop(sid: str, lat: float, lon: float, *, precision: str = "published", **kw) -> Stop:
    return Stop(
        id=sid,
        name=kw.pop("name", f"Fake stop {sid}"),
        kind=kw.pop("kind", "point"),
        lat=lat,
        lon=lon,
        precision=precision,
        commune_code=kw.pop("commune_code", None),
        source=kw.pop("source", "test fixture (fake)"),
        **kw,
    )


def euclid(points: np.ndarray) -> np.ndarray:
    return np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))


def brute_force(matrix: np.ndarray, *, round_trip: bool) -> float:
    n = len(matrix)
    return min(
        route_length(matrix, [0, *perm], round_trip=round_trip)
        for perm in itertools.permutations(range(1, n))
    )


# --- ordering ----------------------------------------------------------------------------------


@pytest.mark.parametrize("round_trip", [True, False])
@pytest.mark.parametrize("symmetric", [True, False])
def test_exact_order_equals_brute_force(round_trip: bool, symmetric: bool) -> None:
    rng = np.random.default_rng(7)
    for case in range(40):
        n = 2 + case % 7  # 1..7 stops besides the base
        if symmetric:
            matrix = euclid(rng.random((n, 2)))
        else:
            matrix = rng.random((n, n)) * 10
            np.fill_diagonal(matrix, 0)
        order = order_stops(matrix, round_trip=round_trip, method="exact")
        assert order[0] == 0 and sorted(order) == list(range(n))
        assert route_length(matrix, order, round_trip=round_trip) == pytest.approx(
            brute_force(matrix, round_trip=round_trip)
        )


def test_auto_uses_exact_up_to_the_limit() -> None:
    rng = np.random.default_rng(11)
    matrix = euclid(rng.random((EXACT_MAX_STOPS + 1, 2)))
    auto = order_stops(matrix, round_trip=True)
    exact = order_stops(matrix, round_trip=True, method="exact")
    assert route_length(matrix, auto, round_trip=True) == pytest.approx(
        route_length(matrix, exact, round_trip=True)
    )


def test_order_respects_start_and_one_way_ends_anywhere() -> None:
    # Points on a line: from the left end, one-way goes straight right; from the middle, the
    # one-way route first clears the nearer side.
    matrix = euclid(np.array([[0.0, 0], [1, 0], [2, 0], [3, 0], [10, 0]]))
    assert order_stops(matrix, round_trip=False, start=0) == [0, 1, 2, 3, 4]
    assert order_stops(matrix, round_trip=False, start=2) == [2, 1, 0, 3, 4]
    assert order_stops(matrix, round_trip=False, start=2, method="heuristic") == [2, 1, 0, 3, 4]


def test_order_rejects_bad_matrices() -> None:
    with pytest.raises(UserInputError):
        order_stops(np.array([[0, np.nan], [1, 0]]), round_trip=True)
    with pytest.raises(UserInputError):
        order_stops(np.zeros((2, 3)), round_trip=True)
    with pytest.raises(UserInputError):
        order_stops(np.zeros((20, 20)), round_trip=True, method="exact")


def test_heuristic_near_optimal_on_small_cases() -> None:
    """60 random cases with 9–10 stops where the exact optimum is known."""
    rng = np.random.default_rng(2025)
    ratios = []
    for case in range(60):
        n = 1 + (9 if case % 2 else 10)
        matrix = euclid(rng.random((n, 2)) * 100)
        round_trip = case % 4 < 2
        exact = route_length(
            matrix,
            order_stops(matrix, round_trip=round_trip, method="exact"),
            round_trip=round_trip,
        )
        heur = route_length(
            matrix,
            order_stops(matrix, round_trip=round_trip, method="heuristic"),
            round_trip=round_trip,
        )
        assert heur >= exact - 1e-9
        ratios.append(heur / exact)
    assert max(ratios) <= HEURISTIC_VS_EXACT_BOUND, max(ratios)


def best_of_restarts(matrix: np.ndarray, *, round_trip: bool, restarts: int) -> float:
    rng = np.random.default_rng(99)
    n = len(matrix)
    best = np.inf
    for r in range(restarts):
        initial = [0, *rng.permutation(np.arange(1, n)).tolist()]
        order = heuristic_order(matrix, round_trip=round_trip, initial=initial, kicks=60, seed=r)
        best = min(best, route_length(matrix, order, round_trip=round_trip))
    return best


@pytest.mark.parametrize(("n_stops", "round_trip"), [(30, True), (45, False), (60, True)])
def test_heuristic_close_to_best_of_many_restarts(n_stops: int, round_trip: bool) -> None:
    rng = np.random.default_rng(n_stops)
    matrix = euclid(rng.random((n_stops + 1, 2)) * 100)
    order = order_stops(matrix, round_trip=round_trip)
    assert sorted(order) == list(range(n_stops + 1)) and order[0] == 0
    ours = route_length(matrix, order, round_trip=round_trip)
    reference = min(ours, best_of_restarts(matrix, round_trip=round_trip, restarts=8))
    assert ours <= HEURISTIC_VS_RESTARTS_BOUND * reference, ours / reference


# --- network and legs --------------------------------------------------------------------------


@pytest.fixture
def fake_roads() -> gpd.GeoDataFrame:
    """Fake roads: an L of two lines whose ends are ~30 m apart, a crossing line, and an
    isolated line far away."""
    return gpd.GeoDataFrame(
        {"name": ["Fake road A", "Fake road B", "Fake road C", "Fake road D"]},
        geometry=[
            LineString([(105.00, 20.00), (105.10, 20.00)]),
            LineString([(105.10, 20.0003), (105.10, 20.10)]),  # starts ~33 m north of A's end
            LineString([(105.05, 19.95), (105.05, 20.05)]),  # crosses A at (105.05, 20.00)
            LineString([(106.00, 21.00), (106.10, 21.00)]),
        ],
        crs="EPSG:4326",
    )


def test_network_connects_touching_and_crossing_lines(fake_roads) -> None:
    net = RoadNetwork.from_lines(fake_roads)
    assert net.n_components == 2
    travel = TravelSettings()
    a = stop("a", 20.0, 105.0)  # on A's west end
    b = stop("b", 20.10, 105.10)  # on B's north end
    leg = estimate_leg(a, b, network=net, settings=travel)
    assert leg.method == "road"
    expected = haversine_km(20.0, 105.0, 20.0, 105.1) + haversine_km(20.0, 105.1, 20.1, 105.1)
    assert leg.road_km == pytest.approx(expected, rel=0.01)
    assert leg.access_km == pytest.approx(0.0, abs=0.01)
    assert leg.hours == pytest.approx(leg.distance_km / travel.road_speed_kmh, rel=0.01)
    assert {"Fake road A", "Fake road B"} <= set(leg.roads)
    # via the crossing: from C's south end to A's west end
    c = stop("c", 19.95, 105.05)
    via = estimate_leg(c, a, network=net, settings=travel)
    assert via.method == "road"
    expected = haversine_km(19.95, 105.05, 20.0, 105.05) + haversine_km(20, 105.05, 20, 105.0)
    assert via.road_km == pytest.approx(expected, rel=0.01)


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


@pytest.fixture(scope="module")
def real_network() -> RoadNetwork:
    return RoadNetwork.from_catalogue()


NA_MEO = dict(lat=20.296873, lon=104.62238)  # points/border_gates.csv, published (vi.wikipedia)


def test_real_roads_network(real_network: RoadNetwork, catalogue) -> None:
    # QL217 and QL15 are clipped apart; QL7 alone; QL9 + Hồ Chí Minh road + QL14 connect.
    assert real_network.n_components == 4
    gates = pd.read_csv(catalogue.path("border_gates"))
    na_meo = gates.set_index("id").loc["gate_na_meo"]
    assert (na_meo.lat, na_meo.lon) == (NA_MEO["lat"], NA_MEO["lon"])
    roads = gpd.read_file(catalogue.path("roads"))
    ql217 = roads[roads["ten"] == "Tỉnh lộ 217"].geometry.iloc[0]
    x, y = ql217.coords[100]  # a real vertex of QL217, inland from Na Mèo
    gate = stop("gate", **NA_MEO, kind="gate")
    inland = stop("inland", y, x)
    leg = estimate_leg(gate, inland, network=real_network)
    assert leg.method == "road"
    assert leg.road_km > leg.straight_km  # the road winds
    assert "QL217" in leg.explanation_vi
    lao_bao = stop("lb", 16.626551, 106.587111)  # Lao Bảo (road end estimate, bundle)
    leg = estimate_leg(gate, lao_bao, network=real_network)
    assert leg.method == "straight_line_detour"


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


# --- plans -------------------------------------------------------------------------------------


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


# --- schedule ----------------------------------------------------------------------------------


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


# --- warnings ----------------------------------------------------------------------------------


@pytest.fixture
def fake_communes() -> gpd.GeoDataFrame:
    """Three fake communes side by side (0.1° squares from 105.0 E, 20.0 N)."""
    return gpd.GeoDataFrame(
        {
            "code": ["FAKE1", "FAKE2", "FAKE3"],
            "name": ["Xã Giả Một", "Xã Giả Hai", "Xã Giả Ba"],
            "risk_class": ["low", "very_high", "medium"],
            "risk_reasons": ["—", "Sạt lở giả 2099; Điểm nguy cơ giả", "—"],
            "risk_reasons_en": ["—", "Fake landslide 2099; fake hotspot", "—"],
            "risk_sources": ["", "https://example.invalid/fake-1 ; https://example.invalid/2", ""],
            "is_border": [False, False, True],
        },
        geometry=[
            box(105.0, 20.0, 105.1, 20.1),
            box(105.1, 20.0, 105.2, 20.1),
            box(105.2, 20.0, 105.3, 20.1),
        ],
        crs="EPSG:4326",
    )


def make_plan(stops: list[Stop], *, month: int = 3, round_trip: bool = True) -> Plan:
    return Plan(
        name="Fake",
        base=stop("base", 20.05, 105.05, name="Fake base"),
        stops=stops,
        start=datetime(2025, month, 3, 7, 0),
        round_trip=round_trip,
    )


def test_warnings_on_fake_communes(fake_communes) -> None:
    risky = stop("risky", 20.05, 105.15, name="Fake risky stop")
    seat = stop("seat", 20.05, 105.25, precision="commune_seat", name="Fake seat")
    plan = make_plan([risky, seat])
    legs = plan_legs(plan, network=None)
    warnings = plan_warnings(plan, legs, communes=fake_communes, border_line=None, lang="en")
    by_kind = {}
    for w in warnings:
        by_kind.setdefault(w.kind, []).append(w)
    risk_stop = [w for w in by_kind["risk"] if w.stop_id == "risky"]
    assert len(risk_stop) == 1
    assert risk_stop[0].severity == "high"
    assert "Fake landslide 2099" in risk_stop[0].text_en
    assert "Sạt lở giả 2099" in risk_stop[0].text_vi
    assert risk_stop[0].sources == ["https://example.invalid/fake-1", "https://example.invalid/2"]
    # the return leg seat → base crosses the very-high commune between its ends
    crossing = [w for w in by_kind["risk"] if w.leg_index == 2]
    assert crossing and "Xã Giả Hai" in crossing[0].text_en
    assert [w.stop_id for w in by_kind["border"]] == ["seat"]
    assert "Đồn Biên phòng" in by_kind["border"][0].text_vi
    assert [w.stop_id for w in by_kind["approximate_position"]] == ["seat"]
    assert "rainy_season" not in by_kind  # March
    assert warnings[0].severity == "high"


def test_rainy_season_warning(fake_communes) -> None:
    plan = make_plan([stop("s1", 20.05, 105.06)], month=7)
    legs = plan_legs(plan, network=None)
    warnings = plan_warnings(plan, legs, communes=None, border_line=None)
    rainy = [w for w in warnings if w.kind == "rainy_season"]
    assert len(rainy) == 1 and rainy[0].leg_indices == [0, 1]
    assert "tháng 7" in rainy[0].text_vi
    # starts on 31 May; the 2.5 h second leg does not fit in the 3 h day: it runs on 1 June
    plan = Plan(
        name="Fake",
        base=stop("base", 20.0, 105.0),
        stops=[stop("s1", 20.0, 105.3), stop("s2", 20.0, 105.6)],
        start=datetime(2025, 5, 31, 7, 0),
        round_trip=False,
        drive_hours_per_day=3,
    )
    legs = plan_legs(plan, network=None)
    rainy = [
        w
        for w in plan_warnings(plan, legs, communes=None, border_line=None)
        if w.kind == "rainy_season"
    ]
    assert rainy and rainy[0].leg_indices == [1]


def test_na_meo_gate_gets_border_warning_from_real_line(catalogue) -> None:
    border = gpd.read_file(catalogue.path("border_line"))
    gate = stop("na_meo", **NA_MEO, kind="gate", name="Cửa khẩu quốc tế Na Mèo")
    base = stop("base", 20.30, 104.85, name="Fake base inland")  # ~24 km from the border
    plan = Plan(name="Na Mèo", base=base, stops=[gate], start=datetime(2025, 3, 3, 7))
    legs = plan_legs(plan, network=None)
    warnings = plan_warnings(plan, legs, communes=None, border_line=border, lang="vi")
    border_warnings = [w for w in warnings if w.kind == "border"]
    assert [w.stop_id for w in border_warnings] == ["na_meo"]
    assert "Đồn Biên phòng" in border_warnings[0].text_vi
    distance = gpd.GeoSeries([Point(NA_MEO["lon"], NA_MEO["lat"])], crs=4326).to_crs(32648)
    km = distance.distance(border.to_crs(32648).union_all()).iloc[0] / 1000
    assert km < 1.0  # the gate is on the border
