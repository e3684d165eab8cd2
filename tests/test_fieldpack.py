"""The field pack and its offline map: every member, Leaflet inlined, nothing able to run."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import asdict, dataclass
from pathlib import Path

import pytest
import shapely

from geo.errors import DataFileError
from geo.vocabulary import RISK_CLASSES
from layers.commune_view import commune_view
from planner.fieldpack import (
    _inline,
    field_pack,
    js_literal,
    map_assets,
    offline_map_html,
    trip_box,
)
from planner.plan import Plan
from planner.plan_warnings import PlanWarning
from planner.schedule import DayRow
from planner.travel import Leg
from tests.planner_cases import EVIL, fake_trip
from ui.assets import VENDOR_DIR

LEAFLET_VERSION = "1.9.4"


@dataclass
class Night(DayRow):
    """A day-plan row that may carry a position (the schedule adds these for nights)."""

    lat: float | None = None
    lon: float | None = None


@pytest.fixture(scope="module")
def trip() -> tuple[Plan, list[Leg], list[DayRow], list[PlanWarning]]:
    return fake_trip()


@pytest.fixture(scope="session")
def leaflet_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app's Leaflet when `make assets` has run, else Leaflet from npm into a temp dir."""
    installed = VENDOR_DIR / "leaflet"
    if (installed / "leaflet.js").is_file() and (installed / "leaflet.css").is_file():
        return installed
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


def _page_data(html: str) -> dict:
    """The trip data embedded in map.html (the JSON block the page's script reads)."""
    match = re.search(r'<script id="fp-data" type="application/json">(.*?)</script>', html, re.S)
    assert match, "map.html has no data block"
    return json.loads(match.group(1))


def test_map_loads_nothing_from_outside_by_default(trip, leaflet_dir: Path) -> None:
    plan, legs, _, _ = trip
    html = offline_map_html(plan, legs, leaflet_dir=leaflet_dir)
    assert "openstreetmap" not in html
    assert _page_data(html)["tile_url"] is None
    js, css = map_assets()
    assert js.splitlines()[0] in html and css.splitlines()[0] in html  # inlined, not linked
    assert not re.search(r"<(img|iframe|link)\b", html)
    tiles = "https://tiles.example.invalid/{z}/{x}/{y}.png"
    chosen = offline_map_html(
        plan, legs, leaflet_dir=leaflet_dir, tile_url=tiles, tile_attribution="© <b>x</b>"
    )
    assert _page_data(chosen)["tile_url"] == tiles
    assert "<b>x</b>" not in chosen  # the attribution is data, escaped


def test_nothing_inlined_can_close_its_block() -> None:
    with pytest.raises(DataFileError, match="</script"):
        _inline("var a = '</SCRIPT>';", "script", "x.js")
    js, css = map_assets()
    assert "</script" not in js.lower() and "</style" not in css.lower()


def test_stops_are_numbered_with_times_warnings_and_nights(trip, leaflet_dir: Path) -> None:
    plan, legs, rows, warnings = trip
    night = Night(**{**asdict(rows[1]), "kind": "overnight", "stop_id": "overnight-0-1"})
    night.stop_name, night.lat, night.lon = "Fake night <i>", 20.31, 104.7
    html = offline_map_html(
        plan, legs, leaflet_dir=leaflet_dir, lang="en", rows=[*rows, night], warnings=warnings
    )
    data = _page_data(html)
    assert [s["n"] for s in data["stops"]] == ["★", "1", "2", "3"]
    assert [s["name"] for s in data["stops"]] == [s.name for s in plan.all_stops()]
    assert data["order"] == [1, 2, 3, 0]  # round trip: back to the base last
    gate = next(s for s in data["stops"] if s["name"] == "Cửa khẩu Na Mèo")
    assert gate["warnings"] == ["Fake warning <img src=x onerror=alert(1)>"]
    assert any(line.startswith("Day 1: arrive ") for line in gate["times"])
    assert data["nights"] == [
        {"lat": 20.31, "lon": 104.7, "name": "Fake night <i>", "text": night_text(night)}
    ]
    assert data["words"]["my_position"] == "My position"
    assert data["words"]["compass"][1] == "NE"
    assert data["number"] == {"decimal": ".", "group": ","}
    assert "<i>" not in html and "<img" not in html


def night_text(row) -> str:
    return f"Overnight, day {row.day} ({row.date.strftime('%d/%m/%Y')})"


def test_context_is_clipped_simplified_and_rounded(trip, leaflet_dir: Path, atlas) -> None:
    plan, legs, _, _ = trip
    communes = commune_view(atlas, edition="2025")
    html = offline_map_html(
        plan,
        legs,
        leaflet_dir=leaflet_dir,
        communes=communes,
        border=atlas.get("border"),
        roads=atlas.get("roads"),
    )
    data = _page_data(html)
    west, south, east, north = trip_box(plan, legs)
    drawn = {c["label"].split(":")[0].removeprefix("Xã ") for c in data["communes"]}
    assert "Na Mèo" in drawn and "Lao Bảo" not in drawn  # Quảng Trị is far from this trip
    assert {c["risk"] for c in data["communes"]} <= set(RISK_CLASSES)
    assert [r[0] for r in data["words"]["risks"]] == [
        r for r in RISK_CLASSES if r in {c["risk"] for c in data["communes"]}
    ]
    points = [p for c in data["communes"] for ring in _rings(c["rings"]) for p in ring]
    full = int(shapely.get_num_coordinates(communes.geometry.values).sum())
    assert len(points) < full / 10  # 2025 communes hold 1,100-3,300 vertices each
    lines = [
        p
        for layer in ("roads", "border")
        for part in data[layer]
        for line in part["lines"]
        for p in line
    ]
    assert data["roads"] and data["border"]
    for lat, lon in lines:
        assert south - 1e-5 <= lat <= north + 1e-5 and west - 1e-5 <= lon <= east + 1e-5
    for lat, lon in [*points, *lines]:
        assert round(lat, 5) == lat and round(lon, 5) == lon
    assert "QL217" in " ".join(r["name"] for r in data["roads"])
    assert len(html.encode("utf-8")) < 320_000


def _rings(rings: list) -> list:
    """The rings of one polygon ``[[ [lat, lon], ...], ...]`` or of several."""
    return rings if isinstance(rings[0][0][0], float) else [r for poly in rings for r in poly]


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
    page.wait_for_selector(".leaflet-marker-icon.fp-stop")
    assert page.locator(".leaflet-marker-icon.fp-stop").count() == len(plan.stops) + 1
    assert page.locator(".leaflet-overlay-pane path.fp-leg").count() == len(legs)
    page.locator("#fp-key-toggle").click()
    assert EVIL in page.locator("#fp-key").inner_text()  # shown as text, not run
    assert "Kế hoạch <thử> & kiểm tra" in page.locator("#fp-title").inner_text()
    # The offline basemap is inside the file: the relief picture loads from its data: URI.
    page.wait_for_function(
        "(() => { const i = document.querySelector('img.ba-bm-relief');"
        " return i && i.complete && i.naturalWidth > 0; })()"
    )
    assert page.locator(".ba-bm-label:not(.ba-bm-hidden)").count() > 0
    assert not errors
    context.close()


def test_pack_map_holds_the_basemap_of_its_area(trip, leaflet_dir: Path) -> None:
    plan, legs, _, _ = trip
    html = offline_map_html(plan, legs, leaflet_dir=leaflet_dir, lang="en")
    basemap = _page_data(html)["basemap"]
    assert basemap["mode"] == "on"
    assert basemap["relief"]["url"].startswith("data:image/webp;base64,")
    assert (
        "SRTM30+" in basemap["relief"]["attribution"]
        and "coarse" in basemap["relief"]["attribution"]
    )
    west, south, east, north = trip_box(plan, legs)
    (r_south, r_west), (r_north, r_east) = basemap["relief"]["bounds"]
    assert r_west < west and r_south < south and r_east > east and r_north > north
    assert r_east - r_west < east - west + 0.25  # cropped to the pack's area, not all three
    labels = basemap["vector"]["data"]["labels"]
    assert labels and all(r_west <= lon <= r_east for _, _, lon, _, _ in labels)
    assert "window.BorderAtlasBasemap =" in html  # the app's own drawing code, inlined
    assert not re.search(r"<script[^>]*\bsrc=|/app/static/", html)
    without = offline_map_html(plan, legs, leaflet_dir=leaflet_dir, basemap=False)
    assert _page_data(without)["basemap"] is None and "window.BorderAtlasBasemap =" not in without
    chosen = offline_map_html(plan, legs, leaflet_dir=leaflet_dir, tile_url="https://t.invalid/{z}")
    assert _page_data(chosen)["basemap"]["mode"] == "standby"  # takes over if tiles fail
