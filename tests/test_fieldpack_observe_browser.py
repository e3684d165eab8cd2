"""Recording field observations in the pack's map.html on a phone with no network.

A real 3-stop plan in Quan Sơn (Na Mèo) is packed like the planner page packs it, ``map.html``
is unzipped and opened in headless Chromium at 390×844 with every request that is not
``file:``, ``data:``, ``about:`` or ``blob:`` aborted. The phone "has GPS" (Playwright's context
geolocation), records two observations (one with a 4000×3000 photo of ~3+ MB, one with HTML and
Markdown in its note), reloads, still finds them, and exports the zip of format 1.
"""

from __future__ import annotations

import io
import json
import random
import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from PIL import Image

from geo.measure import haversine_km
from geo.settings import PHOTO_MAX_BYTES, PHOTO_MAX_PX
from tests.fieldpack_pages import pack_map, phone, real_plan
from tests.fieldpack_recording import export, open_pack, record, record_and_export
from tests.test_fieldpack import leaflet_dir  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser

KEYS = ("commune:15013", "gate:gate_na_meo", "commune:15010")
"""Base Na Mèo commune, then the Na Mèo gate and Sơn Thủy (Quan Sơn, Thanh Hóa)."""
NOTE = "Cột mốc nứt chân đế <b>x</b> **y** [link](javascript:alert(1))"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


@pytest.fixture(scope="module")
def pack(atlas, catalogue, leaflet_dir: Path, tmp_path_factory: pytest.TempPathFactory):  # noqa: F811
    """A real 3-stop plan, its field pack, and map.html unzipped to disk."""
    name, start = "Kiểm tra mốc Na Mèo <thử>", datetime(2026, 11, 30, 7, 0)
    plan, legs = real_plan(atlas, catalogue, KEYS, name=name, start=start)
    folder = tmp_path_factory.mktemp("observe-pack")
    return plan, pack_map(plan, legs, atlas=atlas, leaflet_dir=leaflet_dir, folder=folder)


@pytest.fixture(scope="module")
def big_photo() -> bytes:
    """A 4000×3000 JPEG from a "camera": smooth light plus noise, ~3+ MB."""
    rng = random.Random(15)
    small = Image.new("RGB", (400, 300))
    small.putdata(
        [
            (x // 2 + rng.randrange(40), y // 2 + rng.randrange(40), 120)
            for y in range(300)
            for x in range(400)
        ]
    )
    image = small.resize((4000, 3000), Image.Resampling.BICUBIC)
    noise = Image.effect_noise((4000, 3000), 60).convert("RGB")
    image = Image.blend(image, noise, 0.35)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def _zip(data: bytes) -> tuple[dict, zipfile.ZipFile]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return json.loads(archive.read("observations.geojson")), archive


def test_record_reload_and_export(pack, browser, big_photo: bytes, artifacts: Path) -> None:
    plan, map_file = pack
    gate = plan.stops[0]
    here = (round(gate.lat + 0.004, 6), round(gate.lon + 0.003, 6))  # ~500 m from the gate
    assert len(big_photo) > 3_000_000
    context, page, aborted, errors = phone(
        browser,
        geolocation={"latitude": here[0], "longitude": here[1], "accuracy": 12},
        permissions=["geolocation"],
    )
    open_pack(page, map_file)
    assert page.get_attribute("html", "data-fp-obs") == "ready"  # IndexedDB is there
    assert page.locator("#fp-obs-open").inner_text() == "✎ Ghi nhận"
    assert page.locator("#fp-obs-banner").is_hidden()  # nothing to export yet
    record(
        page,
        {"kind": "road_blocked", "note": "Sạt taluy, xe máy qua được", "photo": True},
        photo=big_photo,
        screenshot=artifacts / "fieldpack_observe_form.png",
    )
    record(
        page,
        {"kind": "marker", "marker_condition": "damaged", "note": NOTE, "stop_id": gate.id},
    )
    assert page.locator("#fp-obs-list .fp-obs-item").count() == 2
    assert page.locator("#fp-obs-list b").count() == 0  # the note stays text
    assert NOTE in page.locator("#fp-obs-list").inner_text()
    assert page.locator(".fp-obs-status").all_inner_texts() == ["chưa xuất"] * 2

    page.reload()
    page.wait_for_function("() => document.documentElement.getAttribute('data-fp-obs')")
    assert page.locator(".leaflet-marker-icon.fp-obs-pin").count() == 2  # drawn on the map
    banner = page.locator("#fp-obs-banner")
    assert "2 ghi nhận chưa xuất" in banner.inner_text()
    assert "màn hình chính" in banner.inner_text() or "giữ bền" in banner.inner_text()
    page.screenshot(path=str(artifacts / "fieldpack_observe_banner.png"))
    banner.get_by_role("button", name="Ghi nhận (2)").click()
    assert page.locator("#fp-obs-list .fp-obs-item").count() == 2
    assert page.locator("#fp-obs-list b").count() == 0
    page.screenshot(path=str(artifacts / "fieldpack_observe_list.png"))

    data = export(page)
    assert page.locator(".fp-obs-status.fp-obs-done").count() == 2
    assert page.locator(".fp-obs-edit").count() == 0  # exported: no longer editable
    assert banner.is_hidden()
    page.locator(".fp-obs-pin").first.click(force=True)
    assert page.locator(".fp-obs-popup b").count() == 0

    collection, archive = _zip(data)
    assert collection["type"] == "FeatureCollection"
    meta = collection["border_atlas"]
    assert meta["format"] == "border-atlas-observations" and meta["version"] == 1
    assert meta["plan"] == plan.name and meta["plan_start"] == plan.start.isoformat()
    features = {f["properties"]["kind"]: f for f in collection["features"]}
    assert set(features) == {"road_blocked", "marker"}
    for feature in features.values():
        props = feature["properties"]
        assert UUID.match(props["uuid"]) and feature["id"] == props["uuid"]
        assert feature["geometry"]["coordinates"] == [here[1], here[0]]
        assert props["position_source"] == "gps" and props["accuracy_m"] == 12
        assert re.match(
            r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$", props["observed_at"]
        )
        assert props["observer"] == "Đội thực địa (thử)" and props["plan"] == plan.name
        assert props["stop_id"] == gate.id and props["stop_name"] == gate.name  # the nearest
    road, marker = features["road_blocked"]["properties"], features["marker"]["properties"]
    assert marker["note"] == NOTE and marker["marker_condition"] == "damaged"
    assert marker["photos"] == [] and road["marker_condition"] is None
    assert road["photos"] == [f"photos/{road['uuid']}-1.jpg"]
    body = archive.read(road["photos"][0])
    assert len(body) <= PHOTO_MAX_BYTES
    with Image.open(io.BytesIO(body)) as image:
        assert image.format == "JPEG" and max(image.size) <= PHOTO_MAX_PX
        assert image.size[0] / image.size[1] == pytest.approx(4 / 3, abs=0.01)
    assert set(archive.namelist()) == {"observations.geojson", road["photos"][0]}
    assert aborted == [] and errors == []
    context.close()


def test_without_a_fix_the_map_is_tapped(pack, browser, artifacts: Path) -> None:
    """Geolocation denied: the form says why, asks for a tap, cannot save before it."""
    plan, map_file = pack
    context, page, aborted, errors = phone(browser)  # no permission: the fix is refused
    open_pack(page, map_file)
    page.locator("#fp-obs-open").click()
    page.locator("#fp-obs-kind-landslide").check()
    page.locator("#fp-obs-observer").fill("Người thử")
    page.wait_for_selector("#fp-obs-tap-button", timeout=60_000)
    assert "Không có vị trí GPS" in page.locator("#fp-obs-position").inner_text()
    page.locator("#fp-obs-save").click()
    assert "chưa có vị trí" in page.locator("#fp-obs-message").inner_text()
    assert page.locator(".fp-obs-pin").count() == 0  # nothing made up
    page.locator("#fp-obs-tap-button").click()
    assert page.locator("#fp-obs").is_hidden() and page.locator("#fp-obs-tap").is_visible()
    page.screenshot(path=str(artifacts / "fieldpack_observe_tap.png"))
    box = page.locator("#map").bounding_box()
    page.locator("#map").click(position={"x": box["width"] / 2, "y": box["height"] / 3})
    position = page.locator("#fp-obs-position")
    assert "chạm trên bản đồ (không có GPS)" in position.inner_text()
    page.locator("#fp-obs-save").click()
    page.wait_for_selector("#fp-obs-list .fp-obs-item")
    data = export(page)
    collection, _ = _zip(data)
    [feature] = collection["features"]
    props = feature["properties"]
    assert props["position_source"] == "map" and props["accuracy_m"] is None
    lon, lat = feature["geometry"]["coordinates"]
    nearest = min(plan.all_stops(), key=lambda s: haversine_km(lat, lon, s.lat, s.lon))
    assert props["stop_id"] == nearest.id  # proposed from the tapped position
    assert aborted == [] and errors == []
    context.close()


def test_record_and_export_helper(pack, browser) -> None:
    plan, map_file = pack
    gate = plan.stops[0]
    context, page, aborted, errors = phone(
        browser,
        geolocation={"latitude": gate.lat, "longitude": gate.lon, "accuracy": 30},
        permissions=["geolocation"],
    )
    data = record_and_export(
        page, map_html=map_file, records=[{"kind": "site_visited", "note": "ok"}], photo=None
    )
    collection, _ = _zip(data)
    assert [f["properties"]["kind"] for f in collection["features"]] == ["site_visited"]
    assert aborted == [] and errors == []
    context.close()


def test_without_indexeddb_records_stay_in_the_page_and_can_be_edited(pack, browser) -> None:
    """No IndexedDB (some browsers for file://): said plainly; edit, delete, export still work."""
    plan, map_file = pack
    gate = plan.stops[0]
    context, page, aborted, errors = phone(
        browser,
        geolocation={"latitude": gate.lat, "longitude": gate.lon, "accuracy": 8},
        permissions=["geolocation"],
    )
    context.add_init_script("Object.defineProperty(window, 'indexedDB', {value: undefined})")
    open_pack(page, map_file)
    assert page.get_attribute("html", "data-fp-obs") == "memory"
    assert "không có IndexedDB" in page.locator("#fp-obs-banner").inner_text()
    record(page, {"kind": "landslide", "note": "trước"})
    record(page, {"kind": "other", "note": "sẽ xóa"})
    first = page.locator(".fp-obs-item", has_text="trước")
    first.locator(".fp-obs-edit").click()
    assert page.locator("#fp-obs-kind-landslide").is_checked()
    page.locator("#fp-obs-note").fill("sau khi sửa")
    page.locator("#fp-obs-save").click()
    page.wait_for_selector(".fp-obs-item >> text=sau khi sửa")
    doomed = page.locator(".fp-obs-item", has_text="sẽ xóa")
    doomed.locator(".fp-obs-delete").click()
    assert "Không lấy lại được" in doomed.inner_text()
    doomed.locator(".fp-obs-delete-yes").click()
    page.wait_for_function("() => document.querySelectorAll('.fp-obs-item').length === 1")
    collection, _ = _zip(export(page))
    [feature] = collection["features"]
    assert feature["properties"]["note"] == "sau khi sửa"
    assert feature["properties"]["kind"] == "landslide"
    assert aborted == [] and errors == []
    context.close()


def test_form_fits_a_desktop_too(pack, browser, artifacts: Path) -> None:
    _, map_file = pack
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-GB")
    context.route("http*://**", lambda route: route.abort())
    page = context.new_page()
    open_pack(page, map_file)
    page.locator("#fp-obs-open").click()
    page.locator("#fp-obs-kind-marker").check()
    assert page.locator("#fp-obs-condition").is_visible()
    page.locator("#fp-obs-kind-other").check()
    assert page.locator("#fp-obs-condition").is_hidden()  # only for kind "marker"
    sheet = page.locator("#fp-obs").bounding_box()
    assert sheet["width"] <= 480 and sheet["x"] > 600  # at the right, over the map
    page.screenshot(path=str(artifacts / "fieldpack_observe_desktop.png"))
    context.close()
