"""The road graph: touching and crossing lines connect; the real national roads."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from geo.measure import haversine_km
from planner.network import RoadNetwork
from planner.plan import TravelSettings
from planner.travel import estimate_leg
from tests.planner_cases import NA_MEO, fake_roads_frame, stop


@pytest.fixture
def fake_roads() -> gpd.GeoDataFrame:
    return fake_roads_frame()


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


@pytest.fixture(scope="module")
def real_network() -> RoadNetwork:
    return RoadNetwork.from_catalogue()


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
