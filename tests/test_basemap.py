"""The offline basemap: relief shading, vector part, cached files, the map element, the browser."""

from __future__ import annotations

import hashlib
import io
import re
import time
import urllib.request

import numpy as np
import pandas as pd
import pytest
from PIL import Image

from geo.terrain import hillshade, relief_image
from i18n.messages import message
from layers import basemap as vector
from ui import assets, webmap
from ui.webmap import basemap as offline

ALLOWED_CODES = {"PPL", "PPLX", "PPLW", "MT", "MTS", "PASS"}


# --- relief ------------------------------------------------------------------------------


def test_hillshade_keeps_shape_and_range_and_lights_the_north_west():
    rng = np.random.default_rng(1)
    grid = rng.normal(500, 300, size=(40, 30))
    shade = hillshade(grid, cell_x_m=2000.0, cell_y_m=2000.0)
    assert shade.shape == grid.shape
    assert shade.min() >= 0.0 and shade.max() <= 1.0
    flat = hillshade(np.full((5, 5), 900.0), cell_x_m=100.0, cell_y_m=100.0)
    assert np.allclose(flat, np.sin(np.radians(45)))
    # A ridge running north-south: its west face looks at the sun (azimuth 315°), the east not.
    ridge = np.tile(np.array([0, 100, 200, 100, 0], dtype=float), (5, 1))
    lit = hillshade(ridge, cell_x_m=100.0, cell_y_m=100.0)
    assert lit[2, 1] > flat[2, 2] > lit[2, 3]


def test_relief_image_is_web_mercator_webp_of_the_box_and_small(catalogue):
    box = vector.area_box(catalogue=catalogue)
    relief = relief_image(catalogue=catalogue, box=box)
    assert relief.media_type == "image/webp"
    assert len(relief.data) < 500_000
    picture = Image.open(io.BytesIO(relief.data))
    assert picture.size == (relief.width, relief.height)
    (south, west), (north, east) = relief.bounds
    assert (west, south, north) == (box[0], box[1], box[3])
    assert east <= box[2]  # cut at the grid's eastern edge
    # Mercator: more rows per degree of latitude than columns per degree of longitude.
    assert relief.height / (north - south) > relief.width / (east - west)
    pixels = np.asarray(picture.convert("L"), dtype=float)
    assert pixels.std() > 3  # relief is visible ...
    assert pixels.mean() > 170  # ... but light, under the commune colours
    assert relief.data_uri().startswith("data:image/webp;base64,")


# --- vector part ---------------------------------------------------------------------------


def test_labels_use_only_the_chosen_codes_and_never_hotels(catalogue):
    raw = pd.read_csv(catalogue.path("geonames"), dtype={"feature_code": str})
    hotels = raw[raw["feature_code"] == "HTL"]
    assert len(hotels) > 0  # the bundle holds them; the basemap must not
    frame = vector.labels(catalogue=catalogue)
    codes = set(frame["feature_code"])
    assert codes <= ALLOWED_CODES | {c for c in codes if c.startswith("PPLA")}
    assert "HTL" not in codes and not set(hotels["name"]) & set(frame["name"])
    assert "STM" not in codes and "ADM3" not in codes
    assert {"village", "peak", "pass", "town"} == set(frame["kind"])
    # Drawing priority: towns first, villages last; villages from the district zoom.
    assert list(frame["kind"].iloc[[0, -1]]) == ["town", "village"]
    assert set(frame.loc[frame["kind"] == "village", "min_zoom"]) == {vector.VILLAGE_MIN_ZOOM}


def test_vector_basemap_is_clipped_to_the_box(catalogue):
    box = (104.6, 20.1, 105.1, 20.4)
    data = vector.vector_basemap(catalogue=catalogue, box=box)
    assert data["roads"] and data["labels"]
    for _, lines in data["rivers"] + data["roads"]:
        for line in lines:
            for lat, lon in line:
                assert box[1] - 1e-4 <= lat <= box[3] + 1e-4
                assert box[0] - 1e-4 <= lon <= box[2] + 1e-4
    assert all(box[0] <= lon <= box[2] for _, _, lon, _, _ in data["labels"])


# --- files and the map element --------------------------------------------------------------


def test_files_get_content_hash_names_and_are_reused(catalogue):
    files = offline.basemap_files(catalogue=catalogue)
    assert files.available and files.relief_size is not None
    for url, stem, suffix in (
        (files.relief_url, "relief", "webp"),
        (files.vector_url, "basemap", "json"),
    ):
        path = assets.vendor_path(url)
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        assert url == f"/app/static/cache/{stem}-{digest}.{suffix}"
        assert path.parent == assets.CACHE_DIR
    assert offline.basemap_files(catalogue=catalogue) is files  # made once per process
    again = offline.make_basemap_files(catalogue=catalogue)
    assert (again.relief_url, again.vector_url) == (files.relief_url, files.vector_url)
    # A file removed while the app runs is made again.
    assets.vendor_path(files.vector_url).unlink()
    remade = offline.basemap_files(catalogue=catalogue)
    assert remade is not files and assets.vendor_path(remade.vector_url).is_file()


def _layer_control(html: str) -> str:
    match = re.search(r"base_layers\s*:\s*\{(.*?)\}\s*,\s*overlays", html, flags=re.S)
    assert match, "no layer control"
    return match.group(1)


def test_offline_is_the_default_and_requests_no_outside_host(catalogue):
    assert next(iter(webmap.BASEMAPS)) == "offline"
    files = offline.basemap_files(catalogue=catalogue)
    overlays = {"roads": vector.rivers.build(catalogue=catalogue).iloc[:0]}
    m = webmap.base_map(bounds=((19.1, 103.9), (19.7, 104.5)), overlays=overlays)
    html = webmap.map_html(m)
    assert assets.external_urls(html) == []
    assert files.relief_url in html and files.vector_url in html
    assert assets.BASEMAP_JS in html and assets.BASEMAP_CSS in html
    assert '"mode":"on"' in html
    assert not re.search(r"openstreetmap|arcgisonline|opentopomap|https?://(?!leafletjs)", html)
    assert message("basemap.attribution.relief", "vi") in html
    scripts = re.findall(r"<script[^>]*\bsrc=\"([^\"]+)\"", html)
    assert scripts.index(assets.BASEMAP_JS) > scripts.index(assets.LEAFLET_JS)


def test_layer_control_lists_overlays_only_and_tiles_fall_back(atlas):
    overlays = webmap.prepare_overlays({"roads": atlas.get("roads"), "border": atlas.get("border")})
    for basemap in ("offline", "osm", "satellite"):
        html = webmap.map_html(
            webmap.base_map(
                bounds=((19.1, 103.9), (19.7, 104.5)), basemap=basemap, overlays=overlays
            )
        )
        assert _layer_control(html).strip() == "", basemap
        assert "BorderAtlasBasemap.add" in html
    osm = webmap.map_html(webmap.base_map(bounds=((19.1, 103.9), (19.7, 104.5)), basemap="osm"))
    assert '"mode":"standby"' in osm and "tile.openstreetmap.org" in osm
    assert message("basemap.tiles_failed", "vi") in osm
    none = webmap.map_html(webmap.base_map(bounds=((19.1, 103.9), (19.7, 104.5)), basemap="none"))
    assert "BorderAtlasBasemap.add" not in none and "/app/static/cache/" not in none


# --- the running app -------------------------------------------------------------------------

AREAS = ("Kỳ%20Sơn", "Hướng%20Hóa")
VIEWPORTS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}
_VISIBLE_VILLAGES = """
(map) => {
  const box = map.getBoundingClientRect();
  return Array.from(map.querySelectorAll('.ba-bm-village')).filter((el) => {
    const r = el.getBoundingClientRect();
    const shown = getComputedStyle(el).visibility === 'visible' && r.width > 0;
    return shown && r.left >= box.left && r.right <= box.right && r.top >= box.top
      && r.bottom <= box.bottom;
  }).map((el) => el.textContent);
}
"""


def _frame(page):
    return page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first


def _open(browser, app_url: str, viewport: str, query: str):
    context = browser.new_context(viewport=VIEWPORTS[viewport], locale="vi-VN")
    page = context.new_page()
    outside: list[str] = []
    page.route(
        re.compile(r"^https?://(?!127\.0\.0\.1)"),
        lambda route: (outside.append(route.request.url), route.abort()),
    )
    types: dict[str, str] = {}
    page.on(
        "response",
        lambda r: (
            types.update({r.url: r.headers.get("content-type", "")})
            if "/app/static/cache/" in r.url
            else None
        ),
    )
    page.goto(f"{app_url}/?{query}")
    return context, page, outside, types


def _wait_relief(page, timeout_s: float = 60.0) -> int:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            relief = _frame(page).locator("img.ba-bm-relief")
            if relief.count():
                width = relief.first.evaluate("img => img.complete ? img.naturalWidth : 0")
                if width:
                    return width
        except Exception:  # the iframe is being replaced during a rerun
            pass
        time.sleep(0.5)
    return 0


def _villages(page, timeout_s: float = 20.0) -> list[str]:
    deadline = time.monotonic() + timeout_s
    found: list[str] = []
    while time.monotonic() < deadline and not found:
        try:
            found = _frame(page).locator(".leaflet-container").first.evaluate(_VISIBLE_VILLAGES)
        except Exception:
            found = []
        time.sleep(0.5)
    return found


@pytest.mark.browser
def test_a_file_written_after_start_up_is_served(app_url):
    url = assets.cache_file(stem="probe", suffix="json", data=f'{{"t":{time.time()}}}'.encode())
    with urllib.request.urlopen(f"{app_url}{url}", timeout=10) as response:
        assert response.status == 200
        assert response.headers["Content-Type"].startswith("application/json")
    assets.vendor_path(url).unlink()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
@pytest.mark.parametrize("area", AREAS)
def test_offline_basemap_draws_with_every_outside_request_blocked(
    app_url, browser, artifacts, area, viewport
):
    context, page, outside, types = _open(browser, app_url, viewport, f"area={area}")
    try:
        assert _wait_relief(page) > 0, "the relief picture did not load"
        villages = _villages(page)
        assert villages, "no village label visible at the area's default zoom"
        zoom = (
            _frame(page)
            .locator(".leaflet-container")
            .first.evaluate("el => el.getAttribute('data-basemap')")
        )
        assert zoom == "offline"
        page.wait_for_timeout(800)
        name = "ky_son" if area.startswith("K") else "huong_hoa"
        page.screenshot(path=str(artifacts / f"basemap_{name}_{viewport}.png"))
        relief_types = [t for u, t in types.items() if "/relief-" in u]
        assert relief_types and all(t == "image/webp" for t in relief_types), types
        # With the default basemap nothing is requested from outside at all.
        assert [u for u in outside if "tile" not in u] == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_chosen_tiles_unreachable_switch_to_offline_with_a_notice(
    app_url, browser, artifacts, viewport
):
    context, page, outside, _ = _open(
        browser, app_url, viewport, "area=K%E1%BB%B3%20S%C6%A1n&map=osm"
    )
    try:
        assert _wait_relief(page) > 0
        notice = _frame(page).locator(".ba-bm-notice")
        notice.wait_for(timeout=20_000)
        assert message("basemap.tiles_failed", "vi") in notice.inner_text()
        assert any("openstreetmap" in url for url in outside)  # it did try the tiles
        assert _frame(page).locator(".leaflet-tile-pane img").count() == 0
        assert _villages(page)
        page.wait_for_timeout(500)
        page.screenshot(path=str(artifacts / f"basemap_tiles_failed_{viewport}.png"))
    finally:
        context.close()
