"""The map's layout in headless Chromium: legend, fit of the view, popup, at desk and phone size.

A built map (``ui.webmap.build_map``, no basemap, the real 2025 communes and every overlay) is
served with the app's static files and shown in a same-origin iframe of the size the map page
gives it (desktop 1400×1000 → map 900×640; phone 390×844 → map 358×520), under which the host
page has a ``st-key-ba_details`` element, as Streamlit renders the page's details panel.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from ui import assets, webmap

pytestmark = pytest.mark.browser

AREA = "Kỳ Sơn"
"""The area the view is fitted to (the lead passes the chosen area's or the matching communes)."""

CASES = {
    "desktop": {"viewport": (1400, 1000), "map": (900, 640), "legend_open": True},
    "phone": {"viewport": (390, 844), "map": (358, 520), "legend_open": False},
}

HOST = """<!doctype html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body {{ margin: 16px; font-family: sans-serif; }} iframe {{ border: 0; display: block; }}
</style></head><body>
<iframe id="map" src="map.html" width="{width}" height="{height}"></iframe>
<div style="height: 1600px"></div>
<div class="st-key-ba_details"><h3>Chi tiết</h3></div><div style="height: 1200px"></div>
</body></html>"""

# The page's map object, the commune group and the fitted communes' box, in the map's frame.
PROBE = """
() => {
  const map = Object.keys(window).map((k) => window[k])
    .find((v) => v instanceof L.Map);
  const groups = [];
  map.eachLayer((layer) => {
    if (layer instanceof L.FeatureGroup && !(layer.feature)) {
      let coded = false;
      layer.eachLayer((child) => {
        if (!child.getLayers) return;
        child.eachLayer((g) => { if (g.feature && g.feature.properties.code) coded = true; });
      });
      if (coded) groups.push(layer);
    }
  });
  window.__map = map;
  window.__communes = groups[0];
  return !!map && groups.length === 1;
}
"""
FITTED_BOX = """
(bounds) => {
  const map = window.__map;
  const b = L.latLngBounds(bounds);
  const nw = map.latLngToContainerPoint(b.getNorthWest());
  const se = map.latLngToContainerPoint(b.getSouthEast());
  const legend = BorderAtlas.controlBoxes(map).find((c) => c.legend);
  return {contains: map.getBounds().contains(b), zoom: map.getZoom(),
          box: {x0: nw.x, y0: nw.y, x1: se.x, y1: se.y}, legend: legend || null,
          size: map.getSize()};
}
"""


def overlap_area(a: dict, b: dict | None) -> float:
    if b is None:
        return 0.0
    width = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
    height = min(a["y1"], b["y1"]) - max(a["y0"], b["y0"])
    return max(0.0, width) * max(0.0, height)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def display(atlas):
    from layers import commune_view as model

    view = model.commune_view(atlas, edition="2025")
    return webmap.prepare_display_geometries(view, tolerance_m=50)


@pytest.fixture(scope="module")
def site(atlas, display, tmp_path_factory) -> Iterator[str]:
    missing = assets.missing_assets()
    assert not missing, f"vendor files missing: {missing}; {assets.INSTALL_HINT}"
    keys = ("border", "gates", "markers", "sites", "roads", "rivers", "risk_2025")
    layers = {key: atlas.get(key) for key in keys}
    layers["lao"] = atlas.get("lao_provinces")
    layers["sites"] = layers["sites"][layers["sites"].geometry.notna()]
    fit_codes = set(display.loc[display["former_district"] == AREA, "code"])
    m = webmap.build_map(
        communes=display,
        overlays=layers,
        indicator="poverty_rate_pct",
        basemap="none",
        lang="vi",
        fit_codes=fit_codes,
    )
    root = Path(tmp_path_factory.mktemp("layout"))
    (root / "app").mkdir()
    (root / "app" / "static").symlink_to(assets.STATIC_DIR)
    (root / "map.html").write_text(webmap.map_html(m), encoding="utf-8")
    for name, case in CASES.items():
        width, height = case["map"]
        (root / f"{name}.html").write_text(
            HOST.format(width=width, height=height), encoding="utf-8"
        )
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def fitted_bounds(display) -> list[list[float]]:
    west, south, east, north = display[display["former_district"] == AREA].total_bounds
    return [[float(south), float(west)], [float(north), float(east)]]


def _open(browser, site: str, name: str):
    width, height = CASES[name]["viewport"]
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    outside: list[str] = []
    context.route(
        re.compile(r"^https?://(?!127\.0\.0\.1)"),
        lambda route: (outside.append(route.request.url), route.abort()),
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site}/{name}.html")
    frame = page.frame(url=re.compile(r"map\.html$"))
    frame.wait_for_function(
        "document.querySelectorAll('.leaflet-overlay-pane path').length >= 27", timeout=15000
    )
    assert frame.evaluate(PROBE)
    return context, page, frame, outside, errors


def _commune_point(frame, display, code: str) -> tuple[float, float]:
    """A point inside commune ``code`` in page coordinates."""
    inner = display.loc[display["code"] == code].geometry.iloc[0].representative_point()
    x, y = frame.evaluate(
        "([lat, lng]) => { const p = window.__map.latLngToContainerPoint([lat, lng]);"
        " return [p.x, p.y]; }",
        [inner.y, inner.x],
    )
    box = frame.locator(".leaflet-container").bounding_box()
    return box["x"] + x, box["y"] + y


@pytest.mark.parametrize("name", list(CASES))
def test_legend_fit_and_popup(browser, site, display, fitted_bounds, artifacts, name):
    case = CASES[name]
    context, page, frame, outside, errors = _open(browser, site, name)
    try:
        legend = frame.locator(".ba-legend")
        head = frame.locator(".ba-legend-head")
        assert legend.count() == 1
        opened = "ba-open" in (legend.get_attribute("class") or "")
        assert opened is case["legend_open"]
        assert head.get_attribute("aria-expanded") == ("true" if opened else "false")
        assert "Tỷ lệ hộ nghèo" in head.inner_text()

        # The view is fitted to the area, clear of the legend and the other controls.
        fitted = frame.evaluate(FITTED_BOX, fitted_bounds)
        assert fitted["contains"], fitted
        box, size = fitted["box"], fitted["size"]
        assert (size["x"], size["y"]) == case["map"]
        overlap = overlap_area(box, fitted["legend"])
        assert overlap == 0, fitted
        for control in frame.evaluate("BorderAtlas.controlBoxes(window.__map)"):
            assert overlap_area(box, control) == 0, (control, box)
        # Legible: the area fills a good part of the map in one direction at least.
        fill = max((box["x1"] - box["x0"]) / size["x"], (box["y1"] - box["y0"]) / size["y"])
        assert fill > 0.4, fitted
        page.screenshot(path=str(artifacts / f"layout_{name}_fit.png"))

        # The legend toggles (and keeps every overlay's entry).
        head.click()
        assert ("ba-open" in (legend.get_attribute("class") or "")) is not opened
        if not opened:
            body = frame.locator(".ba-legend-body").inner_text()
            for words in ("Cửa khẩu", "Mốc quốc giới", "Vòng đứt nét", "Quốc lộ", "Lào"):
                assert words in body, body
            page.screenshot(path=str(artifacts / f"layout_{name}_legend_open.png"))
        head.click()
        assert ("ba-open" in (legend.get_attribute("class") or "")) is opened

        # A popup near the legend's corner lies inside the map and clear of the legend.
        corner = max(
            (c for c in display.loc[display["former_district"] == AREA, "code"]),
            key=lambda c: sum(_commune_point(frame, display, c)),
        )
        page.mouse.click(*_commune_point(frame, display, corner))
        popup = frame.locator(".leaflet-popup")
        popup.wait_for(state="visible", timeout=5000)
        page.wait_for_timeout(300)
        popup_box = popup.bounding_box()
        map_box = frame.locator(".leaflet-container").bounding_box()
        assert popup_box["x"] >= map_box["x"] and popup_box["y"] >= map_box["y"]
        assert popup_box["x"] + popup_box["width"] <= map_box["x"] + map_box["width"]
        assert popup_box["y"] + popup_box["height"] <= map_box["y"] + map_box["height"]
        legend_box = legend.bounding_box()
        as_box = {
            "x0": popup_box["x"],
            "y0": popup_box["y"],
            "x1": popup_box["x"] + popup_box["width"],
            "y1": popup_box["y"] + popup_box["height"],
        }
        legend_as_box = {
            "x0": legend_box["x"],
            "y0": legend_box["y"],
            "x1": legend_box["x"] + legend_box["width"],
            "y1": legend_box["y"] + legend_box["height"],
        }
        assert overlap_area(as_box, legend_as_box) == 0
        text = frame.locator(".leaflet-popup-content").inner_text()
        assert "42,21 %" in text and "2020" in text and "số liệu cấp huyện cũ" in text, text
        assert "Chi tiết ›" in text
        page.screenshot(path=str(artifacts / f"layout_{name}_popup.png"))

        # "Chi tiết" scrolls the host page to its details panel.
        assert page.evaluate("window.scrollY") == 0
        frame.locator(".ba-more").click()
        page.wait_for_function(
            "Math.abs(document.querySelector('.st-key-ba_details').getBoundingClientRect().top)"
            " < 5",
            timeout=5000,
        )
        assert errors == [] and outside == []
    finally:
        context.close()


def test_a_rerun_keeps_the_legend_state_the_view_and_the_popup(browser, site, display):
    context, page, frame, _, errors = _open(browser, site, "desktop")
    try:
        frame.locator(".ba-legend-head").click()  # the user closes the legend
        code = display.loc[display["former_district"] == AREA, "code"].iloc[0]
        page.mouse.click(*_commune_point(frame, display, code))
        frame.locator(".leaflet-popup").wait_for(state="visible", timeout=5000)
        view = frame.evaluate("[window.__map.getCenter(), window.__map.getZoom()]")
        # What streamlit-folium does on a rerun: remove the commune group, add its successor
        # (here the same group again: same fitted set, so the view must not jump).
        frame.evaluate(
            "window.__map.removeLayer(window.__communes); window.__map.addLayer(window.__communes)"
        )
        assert "ba-open" not in (frame.locator(".ba-legend").get_attribute("class") or "")
        assert frame.locator(".ba-legend").count() == 1
        assert frame.evaluate("[window.__map.getCenter(), window.__map.getZoom()]") == view
        assert frame.locator(".leaflet-popup").count() == 1  # reopened on the new group
        # The layer control adds and removes legend entries with their overlays.
        frame.locator(".ba-legend-head").click()
        entries = frame.locator(".ba-entry")
        assert frame.locator('.ba-entry[data-key="rivers"]').count() == 0
        before = entries.count()
        frame.locator(".leaflet-control-layers").hover()
        frame.locator("label", has_text="Sông suối").click()
        assert frame.locator('.ba-entry[data-key="rivers"]').count() == 1
        assert entries.count() == before + 1
        frame.locator("label", has_text="Cửa khẩu").click()
        assert frame.locator('.ba-entry[data-key="gates"]').count() == 0
        # The approximate ring stays while markers and sites (ringed too) are on.
        assert frame.locator('.ba-entry[data-key="approximate"]').count() == 1
        assert errors == []
    finally:
        context.close()
