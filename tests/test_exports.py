"""GPX, KML, CSV and GeoPackage of a trip: they read back, names are escaped, and every stop
says what its position is (precision label in both languages, source)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import gpxpy
import pyogrio
import pytest

from i18n.messages import precision_label
from layers.places import places
from planner.exports import to_csv, to_geopackage, to_gpx, to_kml
from planner.plan import Plan, Stop
from planner.plan_warnings import PlanWarning
from planner.schedule import DayRow, schedule
from planner.travel import Leg, plan_legs
from tests.planner_cases import EVIL, fake_trip
from tests.test_places import claims_a_seat


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


# --- what each stop's position is ---------------------------------------------------------


@pytest.fixture(scope="module")
def former_commune_trip(atlas) -> tuple[Plan, list[Leg]]:
    """A trip to Na Mèo commune (a GeoNames point of the former commune) and Mường Xén town."""
    catalogue = places(atlas, edition="2025")

    def stop_at(key: str) -> Stop:
        return Stop.from_place(catalogue[key])

    na_meo, muong_xen = stop_at("commune:15013"), stop_at("commune:16813")
    assert na_meo.precision == "former_commune_point"
    assert muong_xen.precision == "seat_published"
    base = Stop(
        id="base",
        name="Trạm giả",
        kind="point",
        lat=20.30,
        lon=104.85,
        precision="published",
        commune_code=None,
        source="test fixture (fake)",
    )
    plan = Plan(
        name="Fake trip", base=base, stops=[na_meo, muong_xen], start=datetime(2025, 7, 14, 7)
    )
    return plan, plan_legs(plan, network=None)


def test_gpx_says_a_former_commune_point_is_not_the_office(former_commune_trip) -> None:
    plan, legs = former_commune_trip
    gpx = gpxpy.parse(to_gpx(plan, legs))
    waypoint = next(w for w in gpx.waypoints if w.name == "Na Mèo")
    for text in (waypoint.description, waypoint.comment):
        assert precision_label("former_commune_point", "vi") in text
        assert precision_label("former_commune_point", "en") in text
        assert "geonameid 8549879" in text  # its source
        assert not claims_a_seat(text), text
    assert "geonameid 8549879" in waypoint.source
    town = next(w for w in gpx.waypoints if w.name == "Mường Xén")
    assert precision_label("seat_published", "en") in town.description


def test_kml_and_csv_carry_the_label_and_source(former_commune_trip, tmp_path: Path) -> None:
    plan, legs = former_commune_trip
    path = tmp_path / "plan.kml"
    path.write_text(to_kml(plan, legs), encoding="utf-8")
    stops = pyogrio.read_dataframe(path, layer="stops").set_index("Name")
    description = stops.loc["Na Mèo", "description"]
    assert precision_label("former_commune_point", "en") in description
    assert precision_label("former_commune_point", "vi") in description
    assert "geonameid 8549879" in description and not claims_a_seat(description)
    text = to_csv(plan, legs)
    records = {r["stop_id"]: r for r in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))}
    row = records["commune:15013"]
    assert row["precision"] == "former_commune_point"
    assert row["precision_vi"] == precision_label("former_commune_point", "vi")
    assert row["precision_en"] == precision_label("former_commune_point", "en")
    assert "geonameid 8549879" in row["source"]


def test_geopackage_stops_carry_the_labels(former_commune_trip, tmp_path: Path) -> None:
    plan, legs = former_commune_trip
    path = tmp_path / "plan.gpkg"
    path.write_bytes(to_geopackage(plan, legs))
    stops = pyogrio.read_dataframe(path, layer="stops").set_index("stop_id")
    assert stops.loc["commune:15013", "precision_en"] == precision_label(
        "former_commune_point", "en"
    )


def test_csv_tolerates_overnight_rows(former_commune_trip) -> None:
    plan, legs = former_commune_trip
    rows = schedule(plan, legs)
    night = replace(rows[1], stop_id="overnight-1", stop_name="Nhà nghỉ giả", kind="overnight")
    records = list(csv.DictReader(io.StringIO(to_csv(plan, legs, [*rows, night]).lstrip("\ufeff"))))
    last = records[-1]
    assert (last["stop_id"], last["stop_name"], last["kind"]) == (
        "overnight-1",
        "Nhà nghỉ giả",
        "overnight",
    )
    assert last["lat"] == last["lon"] == last["precision"] == last["precision_en"] == ""
    assert len(records) == len(rows) + 1
