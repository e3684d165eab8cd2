"""Exports of a visit plan: GPX, KML, CSV, GeoPackage, itinerary HTML, field pack."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import zipfile
from datetime import datetime
from pathlib import Path

import gpxpy
import markupsafe
import pyogrio
import pytest

from geo.errors import DataFileError
from planner.export import (
    LEAFLET_DIR,
    field_pack,
    itinerary_html,
    js_literal,
    offline_map_html,
    to_csv,
    to_geopackage,
    to_gpx,
    to_kml,
)
from planner.plan import Plan, Stop
from planner.routing import PlanWarning, RoadNetwork, optimise_plan, plan_legs, schedule

EVIL = 'Điểm <script>alert("x")</script> & "Bản Ná"'
LEAFLET_VERSION = "1.9.4"


def fake_stop(sid: str, lat: float, lon: float, name: str, **kw) -> Stop:
    return Stop(
        id=sid,
        name=name,
        kind=kw.pop("kind", "site"),
        lat=lat,
        lon=lon,
        precision=kw.pop("precision", "published"),
        commune_code=None,
        source=kw.pop("source", "test fixture (fake)"),
        **kw,
    )


@pytest.fixture(scope="module")
def trip():
    """A fake trip in Quan Sơn: base inland, the published Na Mèo gate, two fake stops."""
    base = fake_stop("base", 20.30, 104.85, "Trạm giả Sơn Lư")
    stops = [
        fake_stop("gate", 20.296873, 104.62238, "Cửa khẩu Na Mèo", kind="gate"),
        fake_stop("evil", 20.35, 104.75, EVIL, precision="commune_seat"),
        fake_stop("x", 20.28, 104.73, "Bản giả =1+2 & <b>"),  # ~1 km from QL217,
    ]
    plan = Plan(
        name="Kế hoạch <thử> & kiểm tra",
        base=base,
        stops=stops,
        start=datetime(2025, 7, 14, 7, 0),
    )
    network = RoadNetwork.from_catalogue()
    plan = optimise_plan(plan, network=network)
    legs = plan_legs(plan, network=network)
    rows = schedule(plan, legs)
    warnings = [
        PlanWarning(
            kind="border",
            severity="warning",
            text_vi="Cảnh báo giả <img src=x onerror=alert(1)> & Đồn Biên phòng",
            text_en="Fake warning <img src=x onerror=alert(1)>",
            sources=["https://example.invalid/?a=1&b=<2>"],
            stop_id="gate",
        )
    ]
    return plan, legs, rows, warnings


@pytest.fixture(scope="session")
def leaflet_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """static/vendor/leaflet when `make assets` has run, else Leaflet from npm into a temp dir."""
    if (LEAFLET_DIR / "leaflet.js").is_file() and (LEAFLET_DIR / "leaflet.css").is_file():
        return LEAFLET_DIR
    npm = shutil.which("npm")
    assert npm, "npm is needed to fetch Leaflet for this test (or run `make assets`)"
    prefix = tmp_path_factory.mktemp("leaflet")
    subprocess.run(
        [
            npm,
            "install",
            "--prefix",
            str(prefix),
            f"leaflet@{LEAFLET_VERSION}",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ],
        check=True,
        timeout=300,
    )
    return prefix / "node_modules" / "leaflet" / "dist"


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


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_itinerary_html_is_escaped_and_self_contained(trip, lang: str) -> None:
    plan, legs, rows, warnings = trip
    html = itinerary_html(plan, legs, rows, warnings, lang=lang)
    assert "<script" not in html.lower()
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "Kế hoạch &lt;thử&gt; &amp; kiểm tra" in html
    # no external resources: no src/href attributes, no CSS url(), no @import
    assert not re.search(r"<[^>]*\s(src|href)\s*=", html, flags=re.IGNORECASE)
    assert "url(" not in html and "@import" not in html
    assert "<svg" in html and html.count("<circle") == len(plan.stops) + 1
    assert html.count("<polyline") == len(legs)
    assert "1,60" in html if lang == "vi" else "1.60" in html  # detour factor shown
    assert "@media print" in html
    assert "https://example.invalid/?a=1&amp;b=&lt;2&gt;" in html  # warning source, escaped
    for leg in legs:
        assert str(markupsafe.escape(leg.explanation(lang))) in html


def test_js_literal_cannot_close_the_script() -> None:
    text = js_literal({"a": "</script><script>alert(1)</script>", "b": "<!-- x \u2028 &"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"a": "</script><script>alert(1)</script>", "b": "<!-- x \u2028 &"}


def test_offline_map_needs_leaflet(trip, tmp_path: Path) -> None:
    plan, legs, _, _ = trip
    with pytest.raises(DataFileError, match="make assets"):
        offline_map_html(plan, legs, leaflet_dir=tmp_path / "nowhere")


def test_field_pack_contents(trip, leaflet_dir: Path) -> None:
    plan, legs, rows, warnings = trip
    data = field_pack(plan, legs, rows, warnings, leaflet_dir=leaflet_dir)
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert set(archive.namelist()) == {
        "plan.json",
        "route.gpx",
        "route.kml",
        "schedule.csv",
        "plan.gpkg",
        "itinerary_vi.html",
        "itinerary_en.html",
        "warnings.json",
        "map.html",
    }
    assert Plan.from_json(archive.read("plan.json").decode()) == plan
    map_html = archive.read("map.html").decode("utf-8")
    leaflet_js = (leaflet_dir / "leaflet.js").read_text(encoding="utf-8")
    assert leaflet_js.splitlines()[0] in map_html  # inlined, not linked
    assert not re.search(r"<script[^>]*\bsrc=", map_html)
    assert not re.search(r"<link[^>]*stylesheet", map_html)
    # the fake name appears only escaped inside the data
    assert "<script>alert" not in map_html
    assert "\\u003c/script\\u003e" in map_html


@pytest.mark.browser
def test_offline_map_draws_without_network(trip, leaflet_dir: Path, browser, tmp_path: Path):
    plan, legs, _, _ = trip
    path = tmp_path / "map.html"
    path.write_text(offline_map_html(plan, legs, leaflet_dir=leaflet_dir), encoding="utf-8")
    context = browser.new_context(offline=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("dialog", lambda dialog: errors.append(f"dialog: {dialog.message}"))
    page.route("http*://**", lambda route: route.abort())  # no tiles reachable
    page.goto(path.as_uri())
    page.wait_for_selector("path.trip-stop")
    assert page.locator("path.trip-stop").count() == len(plan.stops) + 1
    assert page.locator("path.trip-leg").count() == len(legs)
    labels = page.locator(".stop-label").all_inner_texts()
    assert any(EVIL in label for label in labels)  # shown as text, not run
    assert not errors
    context.close()
