"""What the map page sends: each thing once (issue 13).

The browser fetches the static overlays and the commune shapes once, as files named by their
content; a filter change then sends the styles over the websocket and fetches no shape again.
Sizes are counted as the page receives them (decompressed); the benchmarks under ``bench/``
report times and bytes on the wire.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.conftest import block_outside

pytestmark = pytest.mark.browser

FRAME = 'iframe[title="streamlit_folium.st_folium"]'
CACHE = "/app/static/cache/"
COUNT = """() => {
  const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const map = frame && frame.contentDocument &&
    frame.contentDocument.querySelector('.leaflet-container');
  return map ? Number(map.getAttribute('data-ba-drawn') || 0) : 0;
}"""
DRAWN = f"(n) => ({COUNT})() >= n"
"""True once the communes have been drawn ``n`` times (``data-ba-drawn``, set by the runtime)."""
MATCHING = """() => {
  const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  const map = frame && frame.contentWindow && frame.contentWindow.map;
  if (!map) return 0;
  let n = 0;
  map.eachLayer(l => { if (l.feature && l.options && l.options.color === '#111111') n += 1; });
  return n;
}"""
"""How many communes the map draws as matching a filter (outlined dark)."""


def _idle(page) -> None:
    """Wait until the script run the page asked for has finished."""
    page.wait_for_timeout(300)
    page.wait_for_function(
        "() => { const app = document.querySelector('[data-test-script-state]');"
        " return !!app && app.getAttribute('data-test-script-state') !== 'running'; }",
        timeout=90_000,
    )


@pytest.mark.parametrize(
    ("viewport", "name"),
    [({"width": 1400, "height": 1000}, "desktop"), ({"width": 390, "height": 844}, "phone")],
)
def test_a_filter_change_restyles_without_sending_shapes_again(
    browser, app_url, artifacts: Path, viewport: dict, name: str
) -> None:
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    outside = block_outside(page, app_url)
    fetched: list[str] = []
    received: list[int] = []
    page.on("request", lambda request: fetched.append(request.url))

    def listen(socket) -> None:
        socket.on("framereceived", lambda payload: received.append(len(payload)))

    page.on("websocket", listen)
    try:
        page.goto(f"{app_url}/?area=all")
        page.wait_for_function(DRAWN, arg=1, timeout=90_000)
        _idle(page)
        files = [url for url in fetched if CACHE in url]
        shapes = [url for url in files if "/communes-shapes-" in url]
        overlays = [url for url in files if "/overlay-" in url]
        assert len(shapes) == 1 and len(overlays) >= 5, files
        first_bytes = sum(received)

        assert page.evaluate(MATCHING) == 0  # no filter yet
        fetched.clear()
        received.clear()
        page.locator(".st-key-w_options summary").first.click()
        border_only = page.locator(".st-key-w_bord input[type=checkbox]").first
        page.locator(".st-key-w_bord label").first.click()
        try:
            page.wait_for_function(
                "(box) => box.checked", arg=border_only.element_handle(), timeout=5_000
            )
        except PlaywrightTimeout:  # the click landed while the expander was still opening
            page.locator(".st-key-w_bord label").first.click()
        try:
            page.wait_for_function(f"() => ({MATCHING})() > 0", timeout=90_000)
        except PlaywrightTimeout:
            page.screenshot(path=str(artifacts / f"map_filter_change_{name}_failed.png"))
            raise
        _idle(page)
        page.locator(FRAME).first.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"map_filter_change_{name}.png"))
        change_bytes = sum(received)
        assert not [url for url in fetched if CACHE in url], fetched
        # 27 communes: the styles, the legend and the table, not the shapes or overlays
        # (before issue 13 a change re-sent ~420 KB, the shapes and every overlay inline).
        assert 0 < change_bytes < 150_000, (change_bytes, first_bytes)
        assert page.evaluate(MATCHING) == 19  # the border communes, drawn as matching
        assert outside == []
    finally:
        context.close()
