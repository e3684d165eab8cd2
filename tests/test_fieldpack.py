"""The field pack and its offline map: every member, Leaflet inlined, nothing able to run."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from geo.errors import DataFileError
from planner.fieldpack import field_pack, js_literal, offline_map_html
from planner.plan import Plan
from planner.plan_warnings import PlanWarning
from planner.schedule import DayRow
from planner.travel import Leg
from tests.planner_cases import EVIL, fake_trip
from ui.assets import VENDOR_DIR

LEAFLET_VERSION = "1.9.4"


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
