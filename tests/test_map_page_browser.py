"""The map page as a person meets it, on a desk (1400×1000) and on a phone (390×844).

Every request to another host is aborted (a field team without network): the page must still
show its map. Leaflet's map inside streamlit-folium's frame is ``window.map``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import block_outside

pytestmark = pytest.mark.browser

FRAME = 'iframe[title="streamlit_folium.st_folium"]'
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1400, "height": 1000}

# Pixel boxes (in the map frame) of the communes drawn, by code, and the map's size.
COMMUNE_BOXES = """
() => {
  const map = window.map, boxes = {};
  map.eachLayer(layer => {
    const code = layer.feature && layer.feature.properties && layer.feature.properties.code;
    if (!code || !layer.getBounds) return;
    const b = layer.getBounds();
    const sw = map.latLngToContainerPoint(b.getSouthWest());
    const ne = map.latLngToContainerPoint(b.getNorthEast());
    const c = map.latLngToContainerPoint(layer.getCenter ? layer.getCenter() : b.getCenter());
    const matched = layer.options && layer.options.color === '#111111';
    boxes[code] = {matched: matched, left: sw.x, right: ne.x, top: ne.y, bottom: sw.y,
                   cx: c.x, cy: c.y,
                   south: b.getSouth(), west: b.getWest(), north: b.getNorth(), east: b.getEast()};
  });
  const size = map.getSize();
  const view = map.getBounds();
  return {boxes: boxes, width: size.x, height: size.y, zoom: map.getZoom(),
          view: {south: view.getSouth(), west: view.getWest(), north: view.getNorth(),
                 east: view.getEast()}};
}
"""


def _open(browser, app_url: str, query: str, viewport: dict):
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    outside = block_outside(page, app_url)
    page.goto(f"{app_url}/{query}")
    frame = page.frame_locator(FRAME).first
    frame.locator(".leaflet-overlay-pane path.leaflet-interactive").first.wait_for(
        state="attached", timeout=90_000
    )
    page.wait_for_timeout(2500)  # the fit and the legend settle
    return context, page, outside


def _map_state(page) -> dict:
    return (
        page.frame_locator(FRAME)
        .first.locator(".leaflet-container")
        .first.evaluate("(_, script) => eval(script)()", COMMUNE_BOXES)
    )


def _area_codes(atlas, area: str) -> set[str]:
    communes = atlas.get("communes_2025")
    return set(communes.loc[communes["former_district"] == area, "code"].astype(str))


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_first_view_shows_one_area_legibly(
    browser, app_url, atlas, artifacts: Path, viewport: dict, name: str
) -> None:
    context, page, outside = _open(browser, app_url, "", viewport)
    try:
        state = _map_state(page)
        page.screenshot(path=str(artifacts / f"map_first_view_{name}.png"))
        area = "Quan Sơn"  # no link, no earlier visit: the first area of the list
        for code in _area_codes(atlas, area):
            box = state["boxes"][code]
            assert box["left"] >= -1 and box["right"] <= state["width"] + 1, code
            assert box["top"] >= -1 and box["bottom"] <= state["height"] + 1, code
            assert box["right"] - box["left"] >= 25, f"commune {code} is drawn too small"
        assert outside == [] or all("tile" in url for url in outside)
    finally:
        context.close()


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_phone_and_desk_have_the_map_on_screen_and_no_sideways_scroll(
    browser, app_url, artifacts: Path, viewport: dict, name: str
) -> None:
    context, page, _ = _open(browser, app_url, "?area=ky-son", viewport)
    try:
        box = page.locator(FRAME).first.bounding_box()
        assert box is not None and box["y"] < viewport["height"] - 150, box
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"] + 1, box
        if name == "desktop":
            assert box["width"] >= 0.55 * viewport["width"], "the map is not the main element"
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.body.scrollWidth,"
            " ...Array.from(document.querySelectorAll('[data-testid=stMain],"
            " [data-testid=stAppViewContainer]')).map(e => e.scrollWidth)]"
        )
        assert max(widths) <= viewport["width"], f"sideways scroll: {widths}"
        page.screenshot(path=str(artifacts / f"map_on_load_{name}.png"))
    finally:
        context.close()


@pytest.mark.parametrize(("viewport", "name"), [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_popup_lies_inside_the_map(
    browser, app_url, artifacts: Path, viewport: dict, name: str
) -> None:
    context, page, _ = _open(browser, app_url, "?area=ky-son", viewport)
    try:
        frame = page.frame_locator(FRAME).first
        state = _map_state(page)
        box = (
            state["boxes"]["16813"]
            if "16813" in state["boxes"]
            else next(iter(state["boxes"].values()))
        )
        # bring the whole map into view first, then tap the commune's centre as a person would
        page.locator(FRAME).first.evaluate("f => f.scrollIntoView({block: 'end'})")
        page.wait_for_timeout(800)
        frame_box = page.locator(FRAME).first.bounding_box()
        page.mouse.click(frame_box["x"] + box["cx"], frame_box["y"] + box["cy"])
        popup = frame.locator(".leaflet-popup").first
        popup.wait_for(timeout=15_000)
        page.wait_for_timeout(800)  # autopan
        inner = popup.bounding_box()
        outer = frame.locator(".leaflet-container").first.bounding_box()
        page.screenshot(path=str(artifacts / f"map_popup_{name}.png"))
        assert inner is not None and outer is not None
        assert inner["x"] >= outer["x"] - 1 and inner["y"] >= outer["y"] - 1, (inner, outer)
        assert inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1, (inner, outer)
        assert inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1, (inner, outer)
    finally:
        context.close()


def test_a_poverty_filter_fits_the_map_to_the_matching_communes(
    browser, app_url, artifacts: Path
) -> None:
    context, page, _ = _open(browser, app_url, "?area=all&pov=35", DESKTOP)
    try:
        # Kỳ Sơn's 42.21 % before any import; the browser tests' import may change which match
        count = page.get_by_text(re.compile(r"^\d+ xã phù hợp")).first
        count.wait_for(timeout=30_000)
        page.wait_for_timeout(1500)  # the fit animation ends
        matching = int(re.search(r"(\d+)", count.inner_text()).group(1))
        state = _map_state(page)
        page.screenshot(path=str(artifacts / "map_fit_poverty35_desktop.png"))
        boxes = [box for box in state["boxes"].values() if box["matched"]]
        assert 0 < len(boxes) == matching < 27
        south = min(b["south"] for b in boxes)
        north = max(b["north"] for b in boxes)
        west = min(b["west"] for b in boxes)
        east = max(b["east"] for b in boxes)
        view = state["view"]
        assert view["south"] <= south and view["north"] >= north, (view, south, north)
        assert view["west"] <= west and view["east"] >= east, (view, west, east)
        # fitted, not just contained: the matches fill at least half the map's width or height
        share = max(
            (east - west) / (view["east"] - view["west"]),
            (north - south) / (view["north"] - view["south"]),
        )
        assert share >= 0.5, f"the map is not fitted to the matches ({share:.2f})"
    finally:
        context.close()
