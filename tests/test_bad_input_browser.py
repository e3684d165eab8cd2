"""Bad layer imports through the real page, and what a second visitor then sees (issue 12).

The app runs with its own user store (a second app on its own port), since these tests write
to it. A first visitor uploads a MultiPoint markers layer through *Dữ liệu của bạn → Lớp bản
đồ* (refused with the reason, nothing stored); then a bad row is written straight into the
store, as an older version could have left it. A second visitor, in another browser context,
on a desk and on a phone, opens the map and the planner (with a stop): both load, show the
notice naming the import as text, and no traceback or library words. Outside requests are
blocked throughout.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from playwright.sync_api import expect

from tests.conftest import block_outside, running_app
from userdata.store import STORE_FILENAME, Store

pytestmark = pytest.mark.browser

PROJECT = Path(__file__).resolve().parent.parent
FRAME = 'iframe[title="streamlit_folium.st_folium"]'
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}
STORED_NAME = "moc_cu_[x](http://host.invalid/x.png).geojson"
"""The stored bad import's name: Markdown that must show as typed, never as a link or image."""
NEVER_ON_A_PAGE = ("Traceback", "AttributeError", "object has no attribute", "/tmp/", "sqlite3")


@pytest.fixture(scope="module")
def own_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app on its own port with its own (empty) user store: ``(url, user dir)``."""
    user_dir = tmp_path_factory.mktemp("bad_input_user")
    with running_app(user_dir) as url:
        yield url, user_dir


def _context(browser, url: str, viewport: dict[str, int]):
    """A new visitor (own cookies and session) whose requests to other hosts are aborted."""
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    return context, page, block_outside(page, url)


def _upload_layer(page, url: str, *, kind_label: str, name: str, data: bytes) -> None:
    """On *Dữ liệu của bạn → Lớp bản đồ*, pick the layer kind ``kind_label`` and give the
    uploader the GeoJSON ``data`` as a file called ``name``."""
    page.goto(f"{url}/du-lieu-cua-ban")
    page.get_by_role("tab", name="Lớp bản đồ").click()
    page.get_by_text(kind_label).click()
    uploader = page.locator('[data-testid="stFileUploader"]').filter(has_text="GeoJSON, GeoPackage")
    uploader.locator('input[type="file"]').set_input_files(
        {"name": name, "mimeType": "application/json", "buffer": data}
    )


def _multipoint_markers() -> bytes:
    feature = {
        "type": "Feature",
        "properties": {"so_hieu": "Mốc 405"},
        "geometry": {"type": "MultiPoint", "coordinates": [[104.0834, 19.4742], [104.09, 19.48]]},
    }
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


def _no_inside_words(page) -> str:
    text = page.inner_text("body")
    assert not any(word in text for word in NEVER_ON_A_PAGE), text[:2000]
    return text


@pytest.fixture(scope="module")
def broken_store(own_app, browser, artifacts: Path) -> str:
    """A MultiPoint markers upload attempted through the page, then a bad row put in the store."""
    url, user_dir = own_app
    context, page, outside = _context(browser, url, DESKTOP)
    _upload_layer(
        page,
        url,
        kind_label="Mốc quốc giới có tọa độ đo đạc",
        name="moc_multi.geojson",
        data=_multipoint_markers(),
    )
    page.get_by_text(re.compile("Đọc được 1 đối tượng")).wait_for(timeout=90_000)
    source = page.get_by_label("Nguồn số liệu (bắt buộc)")
    source.fill("Khảo sát thử nghiệm")
    source.press("Enter")
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="Lưu vào bản đồ").click()
    refusal = page.get_by_text(re.compile("có 2 vị trí"))
    refusal.wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    page.screenshot(
        path=str(artifacts / "bad_input_multipoint_refused_desktop.png"), full_page=True
    )
    _no_inside_words(page)
    store = Store(user_dir / STORE_FILENAME)
    assert store.list_imports() == []  # the attempt stored nothing
    assert outside == []
    context.close()
    frame = gpd.GeoDataFrame(
        {"marker_number": ["405"]},
        geometry=[shapely.MultiPoint([(104.0834, 19.4742), (104.09, 19.48)])],
        crs=4326,
    )
    store.put_import(
        kind="markers",
        name=STORED_NAME,
        filename=None,
        body=frame.to_json(),
        meta={"source": "phiên bản cũ"},
    )
    return url


def _notice_shown(page) -> None:
    page.get_by_text(re.compile("1 lớp nhập không hiển thị được")).wait_for(timeout=90_000)
    notice = page.locator(".st-key-ba_import_notices")
    text = notice.inner_text()
    assert STORED_NAME in text and "2 vị trí" in text, text
    # the name is text: no link to, and no image from, the address it holds
    assert page.locator('a[href*="host.invalid"], img[src*="host.invalid"]').count() == 0


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_second_visitor_still_gets_the_map_and_the_planner(
    broken_store: str, browser, artifacts: Path, viewport: dict[str, int]
) -> None:
    url = broken_store
    size = "desktop" if viewport == DESKTOP else "phone"
    context, page, outside = _context(browser, url, viewport)
    page.goto(f"{url}/")
    page.frame_locator(FRAME).first.locator(
        ".leaflet-overlay-pane path.leaflet-interactive"
    ).first.wait_for(state="attached", timeout=90_000)
    _notice_shown(page)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts / f"bad_input_map_{size}.png"))
    _no_inside_words(page)

    page.goto(f"{url}/ke-hoach")
    search = page.get_by_placeholder(re.compile("lao bao"))
    search.fill("muong xen")
    search.press("Enter")
    add = page.get_by_role("button", name="Thêm", exact=True)
    add.wait_for(timeout=60_000)
    add.click()
    expect(search).to_have_value("", timeout=60_000)
    page.get_by_text("Tóm tắt chuyến đi", exact=True).wait_for(timeout=90_000)
    _notice_shown(page)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts / f"bad_input_planner_{size}.png"))
    _no_inside_words(page)
    assert outside == []
    context.close()


def _tm3_geojson(atlas) -> bytes:
    """Kỳ Sơn's communes' inner points in Nghệ An's TM-3 metres, with no CRS member."""
    communes = atlas.get("communes_2025")
    inner = communes[communes["former_district"] == "Kỳ Sơn"].representative_point()
    features = [
        {
            "type": "Feature",
            "properties": {"ten": f"Điểm {i}"},
            "geometry": {"type": "Point", "coordinates": [p.x, p.y]},
        }
        for i, p in enumerate(inner.to_crs(9208))
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}).encode()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_geojson_in_metres_asks_for_the_zone_and_previews_it(
    own_app, browser, atlas, artifacts: Path, viewport: dict[str, int]
) -> None:
    url, _ = own_app
    size = "desktop" if viewport == DESKTOP else "phone"
    context, page, outside = _context(browser, url, viewport)
    _upload_layer(
        page,
        url,
        kind_label="Điểm quan tâm (trạm y tế…)",
        name="diem_tm3.geojson",
        data=_tm3_geojson(atlas),
    )
    page.get_by_text(re.compile("Tọa độ của tệp là mét")).wait_for(timeout=90_000)
    likely = page.get_by_text(re.compile(r"TM-3 104°45′ \(Nghệ An\) — khả năng cao"))
    likely.click()
    page.get_by_text(re.compile("Đọc được 12 đối tượng")).wait_for(timeout=90_000)
    page.get_by_text(re.compile("Dùng hệ tọa độ đã chọn")).wait_for(timeout=30_000)
    frame = page.frame_locator(FRAME).first
    frame.locator(".leaflet-overlay-pane path.leaflet-interactive").first.wait_for(
        state="attached", timeout=60_000
    )
    assert frame.locator(".leaflet-overlay-pane path.leaflet-interactive").count() == 12
    assert (
        page.locator('[data-testid="stAlert"]').filter(has_text="đối tượng kiểm tra").count() == 0
    )
    page.wait_for_timeout(1000)
    page.screenshot(path=str(artifacts / f"bad_input_zone_preview_{size}.png"), full_page=True)
    _no_inside_words(page)
    assert outside == []
    context.close()
