"""GPX, KML, CSV and GeoPackage of a fake trip: they read back, and names are escaped."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import gpxpy
import pyogrio
import pytest

from planner.exports import to_csv, to_geopackage, to_gpx, to_kml
from planner.plan import Plan
from planner.plan_warnings import PlanWarning
from planner.schedule import DayRow
from planner.travel import Leg
from tests.planner_cases import EVIL, fake_trip


@pytest.fixture(scope="module")
def trip() -> tuple[Plan, list[Leg], list[DayRow], list[PlanWarning]]:
    return fake_trip()


def route_ids(plan: Plan) -> list[str]:
    return [s.id for s in plan.route_stops()]


def test_gpx_round_trip(trip) -> None:
    plan, legs, _, _ = trip
    text = to_gpx(plan, legs)
    assert "<script>" not in text and "&lt;script&gt;" in text
    gpx = gpxpy.parse(text)
    names = [s.name for s in [plan.base, *plan.stops]]
    assert [w.name for w in gpx.waypoints] == names
    assert [(round(w.latitude, 6), round(w.longitude, 6)) for w in gpx.waypoints] == [
        (round(s.lat, 6), round(s.lon, 6)) for s in [plan.base, *plan.stops]
    ]
    assert len(gpx.routes) == 1
    assert [p.name for p in gpx.routes[0].points] == [s.name for s in plan.route_stops()]
    assert len(gpx.tracks[0].segments) == len(legs)


def test_kml_round_trip_with_gdal(trip, tmp_path: Path) -> None:
    plan, legs, _, _ = trip
    text = to_kml(plan, legs)
    assert "<script>" not in text and "&lt;script&gt;" in text
    path = tmp_path / "plan.kml"
    path.write_text(text, encoding="utf-8")
    layers = [name for name, _ in pyogrio.list_layers(path)]
    assert layers == ["stops", "route"]
    stops = pyogrio.read_dataframe(path, layer="stops")
    assert stops["Name"].tolist() == [s.name for s in [plan.base, *plan.stops]]
    assert stops.geometry.x.round(6).tolist() == [round(s.lon, 6) for s in [plan.base, *plan.stops]]
    route = pyogrio.read_dataframe(path, layer="route")
    assert len(route) == 1 and route.geometry.iloc[0].geom_type == "LineString"
    first, last = route.geometry.iloc[0].coords[0], route.geometry.iloc[0].coords[-1]
    assert first[:2] == pytest.approx((plan.base.lon, plan.base.lat))
    assert last[:2] == pytest.approx((plan.base.lon, plan.base.lat))  # round trip


def test_csv_has_bom_and_neutralised_formulas(trip) -> None:
    plan, legs, rows, _ = trip
    text = to_csv(plan, legs, rows)
    assert text.startswith("\ufeff")
    data = text.encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    records = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["stop_id"] for r in records] == route_ids(plan)
    assert EVIL in [r["stop_name"] for r in records]
    assert "Cửa khẩu Na Mèo" in [r["stop_name"] for r in records]
    assert all(not r["stop_name"].startswith(("=", "+", "@")) for r in records)
    assert any(r["leg_method"] == "road" for r in records)


def test_geopackage_layers(trip, tmp_path: Path) -> None:
    plan, legs, _, _ = trip
    path = tmp_path / "plan.gpkg"
    path.write_bytes(to_geopackage(plan, legs))
    assert sorted(name for name, _ in pyogrio.list_layers(path)) == ["route", "stops"]
    stops = pyogrio.read_dataframe(path, layer="stops")
    assert stops["name"].tolist() == [s.name for s in [plan.base, *plan.stops]]
    assert stops.crs.to_epsg() == 4326
    route = pyogrio.read_dataframe(path, layer="route")
    assert len(route) == len(legs)
    assert route["method"].tolist() == [leg.method for leg in legs]
