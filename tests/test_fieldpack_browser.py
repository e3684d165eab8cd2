"""The field pack's map.html on a phone with no network: a real plan, opened from disk.

The pack is built like the planner page builds it (real stops, communes with their risk
class, the derived border, the national roads), ``map.html`` is unzipped and opened in
headless Chromium at 390×844 with every request that is not ``file:``, ``data:`` or
``about:`` aborted and counted. Then the phone "has GPS": the position button must tell the
distance and the direction to the next stop.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from geo.measure import haversine_km
from i18n.numbers import format_number
from planner.plan_warnings import PlanWarning
from tests.fieldpack_pages import pack_map, phone, real_plan
from tests.test_fieldpack import leaflet_dir  # noqa: F401 (the fixture)

pytestmark = pytest.mark.browser

DRAWN = ".leaflet-overlay-pane "
"""Where Leaflet draws (the legend draws its samples with the same classes elsewhere)."""
KEYS = ("commune:15013", "gate:gate_na_meo", "commune:15010", "gate:gate_nam_can", "commune:16837")
"""Base Na Mèo commune, then the Na Mèo gate, Sơn Thủy, the Nậm Cắn gate and Nậm Cắn."""
COMPASS_VI = ("B", "ĐB", "Đ", "ĐN", "N", "TN", "T", "TB")


@pytest.fixture(scope="module")
def pack(atlas, catalogue, leaflet_dir: Path, tmp_path_factory: pytest.TempPathFactory):  # noqa: F811
    """A real 4-stop round trip (order kept), its pack, and map.html unzipped to disk."""
    plan, legs = real_plan(
        atlas,
        catalogue,
        KEYS,
        name="Tuần tra Na Mèo – Nậm Cắn <thử>",
        start=datetime(2025, 9, 8, 7),
    )
    warning = PlanWarning(
        kind="border",
        severity="warning",
        text_vi="Gần biên giới: mang giấy tờ <b>",
        text_en="Near the border: carry papers <b>",
        sources=[],
        stop_id="gate:gate_nam_can",
    )
    folder = tmp_path_factory.mktemp("pack")
    map_html = pack_map(
        plan, legs, atlas=atlas, leaflet_dir=leaflet_dir, folder=folder, warnings=[warning]
    )
    return plan, legs, map_html


def _settle(page) -> None:
    """Wait for Leaflet's zoom animation to end (a screenshot mid-zoom shows a scaled map)."""
    page.wait_for_function("() => !document.querySelector('.leaflet-zoom-anim')")
    page.wait_for_timeout(400)


def _no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "() => document.documentElement.scrollWidth <= window.innerWidth"
        " && document.body.scrollWidth <= window.innerWidth"
    )


def test_pack_map_draws_context_and_finds_the_next_stop(pack, browser, artifacts: Path) -> None:
    plan, legs, map_file = pack
    first = plan.stops[0]
    here = (first.lat - 0.05, first.lon - 0.05)  # south-west of the first stop
    context, page, aborted, errors = phone(
        browser,
        geolocation={"latitude": here[0], "longitude": here[1], "accuracy": 25},
        permissions=["geolocation"],
    )
    page.goto(map_file.as_uri())
    page.wait_for_selector(DRAWN + "path.fp-border")
    _settle(page)
    page.screenshot(path=str(artifacts / "fieldpack_phone_start.png"))

    assert page.locator(DRAWN + "path.fp-border").count() >= 1
    assert page.locator(DRAWN + "path.fp-road").count() >= 2  # QL217 and QL7 at least
    assert page.locator(DRAWN + "path.fp-commune").count() >= 10
    assert page.locator(DRAWN + "path.fp-commune.risk-very_high").count() >= 1
    assert page.locator(DRAWN + "path.fp-leg").count() == len(legs)
    numbers = page.locator(".leaflet-marker-icon.fp-stop").all_inner_texts()
    assert numbers == ["★", "1", "2", "3", "4"]
    assert page.locator(".leaflet-tooltip").count() == 0  # no text label on the map
    assert _no_horizontal_scroll(page)
    locate = page.locator("#fp-locate")
    assert locate.inner_text() == "◎ Vị trí của tôi"
    assert locate.bounding_box()["height"] >= 44

    # The key: collapsed at first, lists every stop by number, names shown as text.
    key = page.locator("#fp-key")
    assert key.is_hidden()
    page.locator("#fp-key-toggle").click()
    assert key.is_visible()
    assert "Tuần tra Na Mèo – Nậm Cắn <thử>" in page.locator("#fp-title").inner_text()
    for stop in plan.all_stops():
        assert stop.name in key.inner_text()
    assert "⚠ Gần biên giới: mang giấy tờ <b>" in key.inner_text()
    assert _no_horizontal_scroll(page)
    page.locator(".fp-legend-toggle").click()
    legend = page.locator(".fp-legend-body").inner_text()
    assert "không phải đường biên chính thức" in legend and "rất cao" in legend
    _settle(page)
    page.screenshot(path=str(artifacts / "fieldpack_phone_key_legend.png"))
    page.locator(".fp-legend-toggle").click()
    page.locator("#fp-key-toggle").click()
    assert key.is_hidden()

    # My position: distance and direction to stop 1, as the page's numbers are written.
    locate.click()
    status = page.locator("#fp-status")
    status.get_by_text(re.compile("km")).wait_for(timeout=10_000)
    text = status.inner_text()
    km = format_number(float(haversine_km(*here, first.lat, first.lon)), lang="vi", decimals=1)
    assert f"Tới điểm 1. {first.name}: {km} km đường chim bay, hướng ĐB." in text, text
    assert "±25 m" in text
    assert page.locator(DRAWN + "path.fp-me").count() == 1
    assert page.locator(DRAWN + "path.fp-accuracy").count() == 1
    assert page.locator(".leaflet-marker-icon.fp-stop.fp-next").inner_text() == "1"
    assert _no_horizontal_scroll(page)
    _settle(page)
    page.screenshot(path=str(artifacts / "fieldpack_phone_offline.png"))

    # At stop 1 it counts as reached: the next stop is 2.
    context.set_geolocation({"latitude": first.lat, "longitude": first.lon, "accuracy": 10})
    locate.click()
    status.get_by_text(re.compile("Tới điểm 2")).wait_for(timeout=10_000)
    assert page.locator(".leaflet-marker-icon.fp-stop.fp-next").inner_text() == "2"
    direction = status.inner_text().split("hướng ")[1].rstrip(".").split(".")[0]
    assert direction in COMPASS_VI

    assert aborted == []
    assert errors == []
    context.close()


def test_pack_map_says_when_position_is_not_allowed(pack, browser) -> None:
    _, _, map_file = pack
    context, page, aborted, errors = phone(browser)  # no geolocation permission
    page.goto(map_file.as_uri())
    page.wait_for_selector(".leaflet-marker-icon.fp-stop")
    page.locator("#fp-locate").click()
    status = page.locator("#fp-status.fp-error")
    status.wait_for(timeout=10_000)
    assert "Không được phép lấy vị trí" in status.inner_text()
    assert aborted == [] and errors == []
    context.close()
