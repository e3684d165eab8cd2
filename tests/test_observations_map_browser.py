"""Field observations in Chromium (the app on its own, empty user store; outside requests
blocked): a field pack export uploaded on "Dữ liệu của bạn" is imported, the same file again adds
nothing, the map draws them (one icon per kind, the popup's note as text with its thumbnail)
and the commune panel lists them, at desktop and phone size."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from i18n.messages import message
from layers.observations import Observation, Photo
from tests.conftest import block_outside, running_app
from userdata.observations import observations_zip

FRAME = 'iframe[title="streamlit_folium.st_folium"]'
VIEWPORTS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}
NA_MEO = "15013"


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on its own port with its own (empty) user store."""
    with running_app(tmp_path_factory.mktemp("observations_user")) as url:
        yield url


def _photo() -> bytes:
    """A 1200×900 picture (a gradient: compresses like a photo, unlike a flat colour)."""
    y, x = np.mgrid[0:900, 0:1200]
    pixels = np.stack([x * 255 // 1200, y * 255 // 900, (x + y) * 255 // 2100], axis=-1)
    buffer = io.BytesIO()
    Image.fromarray(pixels.astype("uint8")).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def _place(atlas) -> tuple[float, float]:
    """``(lat, lon)`` of a point inside Na Mèo."""
    communes = atlas.get("communes_2025")
    point = communes.loc[communes["code"] == NA_MEO].geometry.iloc[0].representative_point()
    return point.y, point.x


def _file(atlas) -> bytes:
    communes = atlas.get("communes_2025")
    point = communes.loc[communes["code"] == NA_MEO].geometry.iloc[0].representative_point()
    photo = Photo(name="a.jpg", mime="image/jpeg", body=_photo(), width=1200, height=900)
    base = {
        "note": "",
        "lat": point.y,
        "lon": point.x,
        "accuracy_m": 6.0,
        "position_source": "gps",
        "observer": "Lan",
        "source": "fieldpack",
        "plan_name": "Chuyến Na Mèo",
    }
    found = [
        Observation(
            **{
                **base,
                "note": "Sạt taluy dương, <b>đá</b> **lấp** nửa đường",
                "photos": (photo,),
            },
            uuid="5a1f0c7e-0000-4000-8000-000000000001",
            kind="landslide",
            observed_at=datetime(2026, 11, 30, 1, 15, tzinfo=UTC),
        ),
        Observation(
            **{**base, "lon": point.x + 0.01, "position_source": "map", "accuracy_m": None},
            uuid="5a1f0c7e-0000-4000-8000-000000000002",
            kind="road_blocked",
            observed_at=datetime(2026, 11, 30, 3, 40, tzinfo=UTC),
        ),
    ]
    return observations_zip(found, plan_name="Chuyến Na Mèo")


def _idle(page) -> None:
    """Wait until the script run the page asked for has finished."""
    page.wait_for_timeout(500)
    page.wait_for_function(
        "() => { const app = document.querySelector('[data-test-script-state]');"
        " return !!app && app.getAttribute('data-test-script-state') !== 'running'; }",
        timeout=90_000,
    )


def _upload(page, url: str, data: bytes) -> str:
    page.goto(f"{url}/du-lieu-cua-ban")
    page.get_by_role("tab", name="Ghi nhận thực địa").click()
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="Tệp ghi nhận")
    uploader.locator('input[type="file"]').set_input_files(
        {"name": "ghi-nhan-na-meo.zip", "mimeType": "application/zip", "buffer": data}
    )
    # the file's size is shown once it has reached the server
    uploader.get_by_text(re.compile(r"^\d+(\.\d+)?KB$")).wait_for(timeout=30_000)
    _idle(page)  # the run the upload asked for is over: the click is not lost in it
    page.get_by_role("button", name="Nhập ghi nhận").click()
    result = page.get_by_text(re.compile("ghi nhận mới"))
    result.first.wait_for(timeout=60_000)
    return result.first.inner_text()


def test_an_export_is_imported_once_then_drawn_and_listed(
    app: str, browser, atlas, artifacts: Path
) -> None:
    data = _file(atlas)
    here = _place(atlas)
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="vi-VN")
    page = context.new_page()
    outside = block_outside(page, app)
    try:
        first = _upload(page, app, data)
        assert "2 ghi nhận mới, 0 đã nhập trước đó, 0 bị từ chối" in first, first
        page.get_by_text("Ghi nhận đã lưu (2)").wait_for(timeout=30_000)
        page.screenshot(path=str(artifacts / "observations_import_desktop.png"), full_page=True)
        again = _upload(page, app, data)
        assert "0 ghi nhận mới, 2 đã nhập trước đó" in again, again
        page.get_by_text("Ghi nhận đã lưu (2)").wait_for(timeout=30_000)
    finally:
        context.close()
    assert outside == []

    for size, viewport in VIEWPORTS.items():
        context = browser.new_context(viewport=viewport, locale="vi-VN")
        page = context.new_page()
        outside = block_outside(page, app)
        try:
            page.goto(f"{app}/?area=all&map=none&sel=commune%3A{NA_MEO}")
            frame = page.frame_locator(FRAME).first
            icons = frame.locator(".ba-icon svg")
            icons.first.wait_for(state="attached", timeout=90_000)
            page.get_by_text("2 ghi nhận thực địa đang hiện (0 bị bộ lọc ẩn).").wait_for(
                timeout=30_000
            )
            # the filters stay one line above the map: the map starts on the phone's screen
            box = page.locator(FRAME).first.bounding_box()
            assert box is not None and box["y"] < viewport["height"] * 0.6, box
            panel = page.get_by_text("Ghi nhận thực địa trong xã (2)")
            panel.wait_for(timeout=60_000)
            note = page.get_by_text("Sạt taluy dương, <b>đá</b> **lấp** nửa đường")
            note.first.wait_for(timeout=30_000)
            assert page.get_by_text("chạm trên bản đồ (không có GPS)").count() >= 1
            page.locator("summary").filter(has_text=message("risk_reasons", "vi")).first.click()
            page.get_by_text("Sạt lở do đội thực địa báo").wait_for(timeout=30_000)
            page.get_by_text("30/11/2026 — Lan").wait_for(timeout=30_000)
            panel.scroll_into_view_if_needed()
            page.screenshot(path=str(artifacts / f"observations_commune_panel_{size}.png"))
            # the landslide's popup: the note as text, its thumbnail inline
            leaflet = page.locator(FRAME).first.element_handle().content_frame()
            leaflet.evaluate("([lat, lon]) => window.map.setView([lat, lon], 14)", list(here))
            page.wait_for_timeout(1000)
            landslide = frame.locator('.ba-icon path[fill="#8c2d04"]')
            assert landslide.count() == 1
            landslide.first.locator(
                "xpath=ancestor::div[contains(@class, 'ba-icon')]"
            ).dispatch_event("click")
            popup = frame.locator(".leaflet-popup-content").first
            popup.wait_for(timeout=30_000)
            text = popup.inner_text()
            assert "Lan" in text and "Chuyến Na Mèo" in text
            thumbs = popup.locator('img[src^="data:image/jpeg;base64,"]')
            assert "Sạt lở đã thấy" in text and "<b>đá</b> **lấp**" in text
            assert "GPS của điện thoại, ± 6 m" in text
            assert thumbs.count() == 1
            size_px = thumbs.first.evaluate("i => [i.naturalWidth, i.naturalHeight]")
            assert max(size_px) <= 96, size_px
            page.locator(FRAME).first.scroll_into_view_if_needed()
            page.wait_for_timeout(600)  # the popup's fade-in
            page.screenshot(path=str(artifacts / f"observations_layer_{size}.png"))
            if size == "desktop":  # the kind filter redraws the layer without the landslide
                page.get_by_text("Lọc ghi nhận thực địa").click()
                page.get_by_role("button", name="Remove Sạt lở đã thấy").first.click()
                page.get_by_text("1 ghi nhận thực địa đang hiện (1 bị bộ lọc ẩn).").wait_for(
                    timeout=30_000
                )
                _idle(page)
                page.wait_for_timeout(1500)
                assert frame.locator('.ba-icon path[fill="#8c2d04"]').count() == 0
                assert frame.locator('.ba-icon rect[fill="#d7301f"]').count() == 1
                page.screenshot(path=str(artifacts / "observations_filtered_desktop.png"))
        finally:
            context.close()
        assert outside == []
