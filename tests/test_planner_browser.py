"""The planner in headless Chromium, on a desk and on a phone, with every outside request blocked:
build a plan by searching without diacritics, save it, reload, reopen, download the field pack.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import block_outside

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def _add_stops(page, queries: tuple[str, ...]) -> None:
    search = page.get_by_placeholder(re.compile("lao bao"))
    for query in queries:
        search.fill(query)
        search.press("Enter")
        add = page.get_by_role("button", name="Thêm", exact=True)
        add.wait_for(timeout=30_000)
        add.click()
        expect(search).to_have_value("", timeout=60_000)  # emptied after "Thêm"
        page.wait_for_timeout(500)


def _context(browser, viewport: dict[str, int]):
    return browser.new_context(viewport=viewport, locale="vi-VN", accept_downloads=True)


def test_planner_on_a_desk_saves_reloads_and_exports(app_url, browser, artifacts: Path) -> None:
    context = _context(browser, DESKTOP)
    page = context.new_page()
    outside = block_outside(page, app_url)
    page.goto(f"{app_url}/ke-hoach")
    _add_stops(page, ("muong xen", "nam can", "huong lap"))
    page.get_by_text("Các chặng", exact=True).wait_for(timeout=60_000)
    name = page.get_by_label("Tên kế hoạch")
    name.fill("Thử nghiệm ba vùng")
    name.press("Enter")
    page.wait_for_timeout(1000)
    page.get_by_role("button", name="Lưu", exact=True).click()
    page.get_by_text(re.compile("Đã lưu kế hoạch")).wait_for(timeout=30_000)
    page.wait_for_timeout(2000)
    page.screenshot(path=str(artifacts / "planner_desktop_vi.png"))
    page.get_by_text("Tóm tắt chuyến đi", exact=True).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "planner_desktop_summary_vi.png"))

    page.goto(f"{app_url}/ke-hoach")
    page.get_by_role("button", name="Mở", exact=True).click()
    page.get_by_text("Các chặng", exact=True).wait_for(timeout=60_000)
    assert page.get_by_text(re.compile("Đang sửa kế hoạch đã lưu “Thử nghiệm ba vùng”")).count()
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Gói thực địa (.zip)").click()
    pack = download_info.value.path().read_bytes()
    with zipfile.ZipFile(io.BytesIO(pack)) as archive:
        names = set(archive.namelist())
    assert {"route.gpx", "route.kml", "map.html"} <= names
    assert outside == []  # no tiles, fonts or anything else from outside by default
    context.close()


def test_planner_on_a_phone_puts_exports_before_the_warnings(
    app_url, browser, artifacts: Path
) -> None:
    context = _context(browser, PHONE)
    page = context.new_page()
    outside = block_outside(page, app_url)
    page.goto(f"{app_url}/ke-hoach")
    _add_stops(page, ("na ngoi", "lao bao"))
    page.get_by_text("Cảnh báo", exact=True).wait_for(timeout=60_000)
    page.wait_for_timeout(2000)
    pack_button = page.get_by_role("button", name="Gói thực địa (.zip)")
    warnings_heading = page.get_by_text("Cảnh báo", exact=True)
    assert pack_button.bounding_box()["y"] < warnings_heading.bounding_box()["y"]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
    page.screenshot(path=str(artifacts / "planner_phone_vi.png"))
    page.get_by_text("Tóm tắt chuyến đi", exact=True).scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(artifacts / "planner_phone_summary_vi.png"))
    assert outside == []
    context.close()
