"""What a person sees: the running app in headless Chromium (Debian's), driven by Playwright.

Tiles are switched off (``?map=none``) so that every request must go to the app itself; any
request to another host is recorded and fails the test.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

COMMUNE_PATHS = ".leaflet-overlay-pane path.leaflet-interactive"


def _map_frame(page):
    return page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first


def _wait_for_communes(page, expected: int, timeout_s: float = 60.0) -> int:
    deadline = time.monotonic() + timeout_s
    count = 0
    while time.monotonic() < deadline:
        try:
            count = _map_frame(page).locator(COMMUNE_PATHS).count()
        except Exception:  # the iframe is being replaced during a rerun
            count = 0
        if count == expected:
            return count
        time.sleep(0.5)
    return count


def _record_hosts(page) -> set[str]:
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlparse(request.url).netloc))
    return hosts


def _matching_count(page) -> int:
    text = page.get_by_text(re.compile(r"xã phù hợp|matching communes")).first.inner_text()
    return int(re.search(r"(\d+)", text).group(1))


def test_map_draws_all_communes_with_no_outside_request(app_url, page, artifacts: Path) -> None:
    hosts = _record_hosts(page)
    page.goto(f"{app_url}/?area=all&map=none")
    assert _wait_for_communes(page, 27) == 27
    page.wait_for_timeout(1500)
    page.screenshot(path=str(artifacts / "map_default_vi.png"))
    expected = urlparse(app_url).netloc
    assert hosts == {expected}, f"requests left the app: {sorted(hosts - {expected})}"
    assert _matching_count(page) == 27


def test_poverty_filter_changes_table_and_map(app_url, page, artifacts: Path) -> None:
    page.goto(f"{app_url}/?area=all&map=none")
    assert _wait_for_communes(page, 27) == 27
    frame = _map_frame(page)
    before = frame.locator(COMMUNE_PATHS).evaluate_all(
        "paths => paths.map(p => p.getAttribute('fill-opacity'))"
    )
    page.get_by_text(re.compile("^Bộ lọc và tùy chọn")).click()  # one tap opens the filters
    page.get_by_text("Lọc theo tỷ lệ hộ nghèo").click()
    page.get_by_text(re.compile(r"^26 xã phù hợp")).wait_for(timeout=30_000)
    assert _matching_count(page) == 26
    # the three areas' rates are under different standards and years: the page says so
    page.get_by_text(re.compile("theo nhiều chuẩn nghèo")).first.wait_for(timeout=30_000)
    deadline = time.monotonic() + 30
    after = before
    while time.monotonic() < deadline and after == before:
        page.wait_for_timeout(500)
        after = frame.locator(COMMUNE_PATHS).evaluate_all(
            "paths => paths.map(p => p.getAttribute('fill-opacity'))"
        )
    assert after != before, "the map did not change when the filter changed"
    assert len(after) == 27
    page.screenshot(path=str(artifacts / "map_filtered_poverty30_vi.png"))


def test_filter_reopens_from_link(app_url, page) -> None:
    page.goto(f"{app_url}/?area=all&map=none&pov=30&risk=very_high")
    page.get_by_text(re.compile(r"xã phù hợp")).first.wait_for(timeout=60_000)
    # Na Mèo, Mường Xén, Hữu Kiệm, Mường Típ, Khe Sanh, Hướng Lập, Hướng Phùng
    assert _matching_count(page) == 7


def test_search_without_diacritics_selects_na_meo(app_url, page) -> None:
    page.goto(f"{app_url}/?area=all&map=none")
    assert _wait_for_communes(page, 27) == 27
    box = page.get_by_placeholder(re.compile("na meo"))
    box.fill("na meo")
    box.press("Enter")
    page.get_by_text("Na Mèo · Quan Sơn, Thanh Hóa").wait_for(timeout=30_000)
    page.wait_for_url(re.compile(r"sel=commune(%3A|:)15013"), timeout=30_000)


def test_language_switch_changes_labels(app_url, page, artifacts: Path) -> None:
    page.goto(f"{app_url}/?area=all&map=none")
    page.get_by_text("Tô màu theo").wait_for(timeout=60_000)
    page.get_by_text("English", exact=True).click()
    page.get_by_text("Colour by").wait_for(timeout=30_000)
    assert page.get_by_text("Border communes only").count() == 1
    assert page.get_by_text("Tô màu theo").count() == 0
    page.screenshot(path=str(artifacts / "map_default_en.png"))


def _poverty_xlsx(path: Path, communes_2025) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Tên xã", "Tỷ lệ hộ nghèo (%)", "Năm"])
    high = {"Na Mèo", "Mường Lống", "Hướng Lập"}
    for name in communes_2025["name"]:
        shown = "Na Mèoo" if name == "Na Mèo" else f"Xã {name}"  # one misspelled commune
        sheet.append([shown, "35,5" if name in high else "10,25", 2025])
    book.save(path)
    return path


def test_upload_indicator_table_resolve_name_and_filter(
    app_url, page, artifacts: Path, tmp_path: Path, communes_2025
) -> None:
    table = _poverty_xlsx(tmp_path / "ngheo_2025.xlsx", communes_2025)
    hosts = _record_hosts(page)
    page.goto(f"{app_url}/du-lieu-cua-ban")
    page.locator('input[type="file"]').first.set_input_files(str(table))
    resolve = page.locator('[data-testid="stSelectbox"]').filter(has_text="Na Mèoo")
    resolve.wait_for(timeout=60_000)
    resolve.locator("input").click()
    page.keyboard.type("Na Mèo (15013)")
    page.keyboard.press("Enter")
    # names shared with communes of other provinces (the file has no province column) wait for
    # the user's confirmation before they count
    confirm_all = page.get_by_text("Xác nhận tất cả các tên trong danh sách")
    confirm_all.wait_for(timeout=30_000)
    confirm_all.click()
    page.get_by_text("27 dòng hợp lệ sẽ được lưu").wait_for(timeout=30_000)
    # no indicator is chosen for the user: the column's name only suggests one
    page.get_by_text("Gợi ý: Tỷ lệ hộ nghèo (theo tên cột)").wait_for(timeout=30_000)
    save = page.get_by_role("button", name="Lưu vào bản đồ").first
    assert save.is_disabled()
    choose = page.get_by_placeholder("Chọn chỉ tiêu của cột giá trị")
    choose.scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts / "import_indicator_suggested_vi.png"))
    choose.click()
    page.keyboard.type("Tỷ lệ hộ nghèo")
    page.keyboard.press("Enter")
    page.get_by_text("Gợi ý: Tỷ lệ hộ nghèo (theo tên cột)").wait_for(
        state="detached", timeout=30_000
    )
    page.get_by_label("Nguồn số liệu (bắt buộc)").first.fill("Rà soát hộ nghèo 2025 (thử nghiệm)")
    assert page.get_by_label("Người nhập").count() == 0  # the importer is the account
    page.keyboard.press("Tab")
    page.wait_for_timeout(1000)
    page.screenshot(path=str(artifacts / "import_table_vi.png"), full_page=True)
    page.get_by_role("button", name="Lưu vào bản đồ").first.click()
    page.get_by_text(re.compile("Đã lưu")).wait_for(timeout=30_000)
    assert hosts == {urlparse(app_url).netloc}

    page.goto(f"{app_url}/?area=all&map=none&pov=30")
    page.get_by_text(re.compile(r"xã phù hợp")).first.wait_for(timeout=60_000)
    assert _matching_count(page) == 3  # the three communes whose imported rate is 35.5 %
    assert _wait_for_communes(page, 27) == 27
    page.screenshot(path=str(artifacts / "map_after_import_vi.png"))
