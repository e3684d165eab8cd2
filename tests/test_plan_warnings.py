"""Warnings on fake communes ("Xã Giả …", codes FAKE…), the rainy season and the real border."""

from __future__ import annotations

from datetime import datetime

import geopandas as gpd
import pytest
from shapely.geometry import Point, box

from planner.plan import Plan, Stop
from planner.plan_warnings import plan_warnings
from planner.travel import plan_legs
from tests.planner_cases import NA_MEO, stop


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
