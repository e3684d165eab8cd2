"""The road graph: touching and crossing lines connect; Vietnam's road network joins the gates."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
import shapely
from pyproj import Transformer

from geo.measure import haversine_km
from geo.vocabulary import METRIC_CRS, WGS84
from planner.network import GAP_CLASS, RoadNetwork
from planner.plan import TravelSettings
from planner.travel import estimate_leg
from tests.planner_cases import NA_MEO, fake_roads_frame, stop

GATE_PAIRS_KM = [
    # data/README.md of the bundle, network section: road length along the largest part
    ("gate_na_meo", "gate_nam_can", 443.0),
    ("gate_na_meo", "gate_lao_bao", 696.0),
    ("gate_nam_can", "gate_lao_bao", 569.0),
]


@pytest.fixture
def fake_roads() -> gpd.GeoDataFrame:
    return fake_roads_frame()


def test_network_connects_touching_and_crossing_lines(fake_roads) -> None:
    net = RoadNetwork.from_lines(fake_roads)
    assert net.n_components == 2
    assert GAP_CLASS in net.edge_class  # A's end and B's start, 33 m apart, are joined
    travel = TravelSettings()
    a = stop("a", 20.0, 105.0)  # on A's west end
    b = stop("b", 20.10, 105.10)  # on B's north end
    leg = estimate_leg(a, b, network=net, settings=travel)
    assert leg.method == "road"
    expected = haversine_km(20.0, 105.0, 20.0, 105.1) + haversine_km(20.0, 105.1, 20.1, 105.1)
    assert leg.road_km == pytest.approx(expected, rel=0.01)
    assert leg.access_km == pytest.approx(0.0, abs=0.01)
    # no road_class column: every road at the speed for other classes
    assert leg.hours == pytest.approx(leg.distance_km / travel.road_speed_kmh, rel=0.01)
    assert {"Fake road A", "Fake road B"} <= set(leg.roads)
    assert leg.road_sequence("en") == ["Fake road A", "Fake road B"]
    assert leg.data_gaps == 1
    # via the crossing: from C's south end to A's west end
    c = stop("c", 19.95, 105.05)
    via = estimate_leg(c, a, network=net, settings=travel)
    assert via.method == "road"
    expected = haversine_km(19.95, 105.05, 20.0, 105.05) + haversine_km(20, 105.05, 20, 105.0)
    assert via.road_km == pytest.approx(expected, rel=0.01)
    assert via.road_sequence("vi") == ["Fake road C", "Fake road A"]


def test_the_largest_part_joins_the_three_gates(network: RoadNetwork, gates) -> None:
    assert gates["gate_na_meo"].lat == NA_MEO["lat"] and gates["gate_na_meo"].lon == NA_MEO["lon"]
    to_metric = Transformer.from_crs(WGS84, METRIC_CRS, always_xy=True)
    for gid in ("gate_na_meo", "gate_nam_can", "gate_lao_bao"):
        x, y = to_metric.transform(gates[gid].lon, gates[gid].lat)
        snap = network.snap(x, y, max_m=1000)
        assert snap is not None and network.edge_component(snap.edge) == 0, gid
    share = network.edge_km[[network.edge_component(e) == 0 for e in range(len(network.edge_km))]]
    assert share.sum() / network.edge_km.sum() > 0.95  # README: the largest part holds 97 %


@pytest.mark.parametrize(("a", "b", "readme_km"), GATE_PAIRS_KM)
def test_gate_to_gate_along_the_roads(network, gates, a: str, b: str, readme_km: float) -> None:
    leg = estimate_leg(gates[a], gates[b], network=network)
    assert leg.method == "road"
    assert leg.road_km == pytest.approx(readme_km, rel=0.05)
    assert leg.distance_km > leg.straight_km
    again = estimate_leg(gates[b], gates[a], network=network)
    assert again.road_km == pytest.approx(leg.road_km, rel=1e-6)
    # the drawn route follows the roads and ends at the gates
    assert leg.geometry.coords[0] == (gates[a].lon, gates[a].lat)
    assert leg.geometry.coords[-1] == (gates[b].lon, gates[b].lat)
    assert len(leg.hour_marks) == len(leg.geometry.coords)
    assert leg.hour_marks[-1] == pytest.approx(leg.hours)


def test_na_meo_to_nam_can_names_the_roads_in_order(network, gates) -> None:
    leg = estimate_leg(gates["gate_na_meo"], gates["gate_nam_can"], network=network)
    assert leg.road_sequence() == [
        "QL217",
        "QL15",
        "QL217",
        "QL45",
        "Đường Hồ Chí Minh",
        "QL15A",
        "QL12A",
        "QL7",
    ]
    sequence = "QL217 → QL15 → QL217 → QL45 → Đường Hồ Chí Minh → QL15A → QL12A → QL7"
    assert sequence in leg.explanation_vi and sequence in leg.explanation_en
    # the one gap near Quan Hóa (QL217 × QL15) the README names, and said so
    assert leg.data_gaps == 1
    assert "1 gap of up to 200 m" in leg.explanation_en


def test_per_class_speeds_are_used(network, gates) -> None:
    a, b = gates["gate_nam_can"], gates["gate_lao_bao"]
    default = TravelSettings()
    leg = estimate_leg(a, b, network=network, settings=default)
    km = leg.km_by_class()
    assert km["Quốc Gia"] > 0.9 * leg.road_km
    expected = sum(
        value
        / (default.mountain_speed_kmh if road_class == "access" else default.speed_kmh(road_class))
        for road_class, value in km.items()
    )
    assert leg.hours == pytest.approx(expected, rel=1e-6)
    assert "40 km/h" in leg.explanation_en  # the national-road speed is shown
    slow = TravelSettings(road_class_speeds_kmh={**default.road_class_speeds_kmh, "Quốc Gia": 20})
    slower = estimate_leg(a, b, network=network, settings=slow)
    assert slower.hours - leg.hours == pytest.approx(
        km["Quốc Gia"] / 20 - km["Quốc Gia"] / 40, rel=0.02
    )
    assert "20 km/h" in slower.explanation_en


def test_a_stop_far_from_the_roads_or_on_another_part_falls_back(network, gates) -> None:
    lao_bao = gates["gate_lao_bao"]
    laos = stop("laos", 19.5, 103.0, name="Fake point in Laos")  # > 100 km from every road
    leg = estimate_leg(laos, lao_bao, network=network)
    assert leg.method == "straight_line_detour"
    assert "Fake point in Laos more than 30.0 km from any road" in leg.explanation_en
    # a stop on QL49B, a part of the network that does not join the largest one
    edge = next(
        k
        for k, name in enumerate(network.edge_name)
        if name == "Quốc lộ 49B" and network.edge_component(k) != 0
    )
    middle = shapely.line_interpolate_point(network.lines[edge], 0.5, normalized=True)
    lon, lat = Transformer.from_crs(METRIC_CRS, WGS84, always_xy=True).transform(middle.x, middle.y)
    apart = estimate_leg(stop("ql49b", lat, lon), lao_bao, network=network)
    assert apart.method == "straight_line_detour"
    assert "do not connect" in apart.explanation_en
    assert apart.distance_km == pytest.approx(apart.straight_km * TravelSettings().detour_factor)
    assert np.isclose(apart.hours, apart.distance_km / TravelSettings().mountain_speed_kmh)
