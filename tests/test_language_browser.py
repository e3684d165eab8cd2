"""The language switch, the map page's controls and links that survive, in headless Chromium on
a desktop and on a 390×844 phone.

Every request must go to the app itself (``?map=none``: no tiles); any other host fails.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}
STATE = "area=ky-son&ed=2024&pov=30&risk=high&map=none"
CONTROLS = ".st-key-w_area, .st-key-w_indicator, .st-key-w_options"
"""The map page's controls: the row (area, colour by) and the expander with everything else."""
LABELS_EN = [
    "Area",
    "Colour by",
    "Filters and options · 2 on",
    "Administrative units",
    "Communes since 1 Jul 2025 (27)",
    "Communes 2020–2025 (54)",
    "Basemap",
    "No basemap",
    "Filter",
    "Filter by poverty rate",
    "Poverty rate at least (%)",
    "Only rates under the poverty standard",
    "any standard (with a notice)",
    "Only rates from the year",
    "Landslide risk",
    "high",
    "Former district",
    "Border communes only",
]
LABELS_VI = [
    "Vùng",
    "Tô màu theo",
    "Bộ lọc và tùy chọn · 2 đang bật",
    "Đơn vị hành chính",
    "Xã từ 1/7/2025 (27)",
    "Xã 2020–2025 (54)",
    "Nền bản đồ",
    "Không có nền",
    "Lọc theo tỷ lệ hộ nghèo",
    "Tỷ lệ hộ nghèo từ (%)",
    "Chỉ xét tỷ lệ theo chuẩn nghèo",
    "mọi chuẩn (có cảnh báo)",
    "Chỉ xét tỷ lệ từ năm",
    "Nguy cơ sạt lở",
    "cao",
    "Huyện cũ",
    "Chỉ xã biên giới",
]
NAMES = ("Kỳ Sơn", "Quan Sơn", "Hướng Hóa")
"""Proper names, the same in both languages."""
VIETNAMESE = re.compile(
    r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I
)


@pytest.fixture(params=sorted(VIEWPORTS))
def device(request, browser):
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="vi-VN")
    page = context.new_page()
    hosts: set[str] = set()
    page.on("request", lambda req: hosts.add(urlparse(req.url).netloc))
    yield request.param, page, hosts
    context.close()


def _texts(page) -> list[str]:
    """Every label, option, placeholder and shown value of the map page's controls."""
    return page.locator(CONTROLS).evaluate_all(
        """els => els.flatMap(e => [e.innerText,
            ...[...e.querySelectorAll('input[type=text]')].map(i => i.value || i.placeholder)])
            .flatMap(t => t.split('\\n')).map(t => t.trim())
            .filter(t => t && !/^(keyboard_arrow_\\w+|[0-9]+)$/.test(t))"""
    )


def _value(page, key: str) -> str:
    """What a select box shows (its value lives in its text field)."""
    return page.locator(f".st-key-{key} input").first.input_value()


def _wait_for_value(page, key: str, value: str, timeout_s: float = 90) -> None:
    page.wait_for_function(
        "([key, value]) => document.querySelector(`.st-key-${key} input`)?.value === value",
        arg=[key, value],
        timeout=timeout_s * 1000,
    )


def _checked_edition(page) -> str:
    radio = page.locator(".st-key-w_edition")
    return radio.locator("label:has(input:checked)").inner_text().strip()


def _open_options(page) -> None:
    page.locator(".st-key-w_options summary").click()
    # every control of the expander is drawn, the last ones included (a loaded machine is slow)
    for key in ("w_edition", "w_pov_year", "w_risk", "w_dist"):
        page.locator(f".st-key-{key}").wait_for(timeout=30_000)


def test_switching_language_relabels_every_control_and_keeps_the_view(
    app_url, device, artifacts: Path
) -> None:
    name, page, hosts = device
    page.goto(f"{app_url}/?{STATE}")
    _wait_for_value(page, "w_area", "Kỳ Sơn")
    _open_options(page)
    page.wait_for_timeout(1000)
    before = _texts(page)
    assert all(label in before for label in LABELS_VI), sorted(set(LABELS_VI) - set(before))
    assert _checked_edition(page) == "Xã 2020–2025 (54)"

    page.locator(".st-key-lang_choice").get_by_text("English", exact=True).click()
    page.locator(".st-key-w_indicator").get_by_text("Colour by").wait_for(timeout=30_000)
    deadline = time.monotonic() + 30  # the rerun redraws the controls one after the other
    after = _texts(page)
    while set(LABELS_EN) - set(after) and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        after = _texts(page)
    page.screenshot(path=str(artifacts / f"controls_en_{name}.png"))
    missing = sorted(set(LABELS_EN) - set(after))
    assert not missing, f"not in English after the switch: {missing}; shown: {after}"
    left = [text for text in after if VIETNAMESE.search(_without_names(text))]
    assert not left, f"Vietnamese left in the controls after the switch: {left}"
    # the view is kept: area, edition (still chosen), indicator, filters, and the link
    assert _value(page, "w_area") == "Kỳ Sơn"
    assert _value(page, "w_indicator") == "Poor-household rate"
    assert _checked_edition(page) == "Communes 2020–2025 (54)"
    assert page.locator(".st-key-w_pov_on input").is_checked()
    query = parse_qs(urlparse(page.url).query)
    assert {key: query[key] for key in ("area", "ed", "pov", "risk", "lang")} == {
        "area": ["ky-son"],
        "ed": ["2024"],
        "pov": ["30"],
        "risk": ["high"],
        "lang": ["en"],
    }
    expected = urlparse(app_url).netloc
    assert hosts == {expected}, f"requests left the app: {sorted(hosts - {expected})}"


def _without_names(text: str) -> str:
    for name in NAMES:
        text = text.replace(name, "")
    return text


def test_a_link_cut_at_the_space_opens_the_area_with_a_notice(
    app_url, device, artifacts: Path
) -> None:
    name, page, _ = device
    page.goto(f"{app_url}/?area=K%E1%BB%B3&map=none")
    notice = page.get_by_text("Liên kết: Vùng «Kỳ» không rõ, đang mở: Kỳ Sơn.")
    notice.wait_for(timeout=90_000)
    assert notice.is_visible()
    assert _value(page, "w_area") == "Kỳ Sơn"
    page.wait_for_url(re.compile(r"area=ky-son"), timeout=30_000)
    page.screenshot(path=str(artifacts / f"link_cut_area_{name}.png"))


def test_on_a_phone_the_controls_are_one_tap_away_and_nothing_covers_the_map(
    app_url, browser, artifacts: Path
) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"], locale="vi-VN", has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?area=huong-hoa&map=none")
        _wait_for_value(page, "w_area", "Hướng Hóa")
        frame = page.locator('iframe[title="streamlit_folium.st_folium"]').first
        frame.wait_for(timeout=60_000)
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.count() == 0 or sidebar.get_attribute("aria-expanded") != "true"
        # area and colour-by are visible without a tap, side by side
        area = page.locator(".st-key-w_area").bounding_box()
        colour = page.locator(".st-key-w_indicator").bounding_box()
        assert area and colour and area["y"] + area["height"] < 844
        assert abs(area["y"] - colour["y"]) < 2 and area["x"] < colour["x"]
        # one tap opens every filter, in the page
        page.locator(".st-key-w_options summary").tap()
        page.get_by_text("Lọc theo tỷ lệ hộ nghèo").wait_for(timeout=30_000)
        assert page.get_by_text("Lọc theo tỷ lệ hộ nghèo").is_visible()
        # the map is on the page, full width, under no sidebar
        box = frame.bounding_box()
        assert box and box["width"] >= 340
        covering = page.evaluate(
            """([x, y]) => {
                const el = document.elementFromPoint(x, y);
                return Boolean(el && el.closest('[data-testid=stSidebar]'));
            }""",
            [box["x"] + box["width"] / 2, max(box["y"] + 20, 1)],
        )
        assert not covering
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        page.locator(".st-key-w_options summary").tap()
        page.wait_for_timeout(800)
        page.screenshot(path=str(artifacts / "controls_phone_vi.png"))
        # the pages' menu is reachable from the top bar
        menu = page.locator('[data-testid="stExpandSidebarButton"], [data-testid="stTopNavLink"]')
        assert menu.count() >= 1
    finally:
        context.close()


def test_the_area_of_the_last_visit_opens_next_time(app_url, browser) -> None:
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?area=huong-hoa&map=none")
        _wait_for_value(page, "w_area", "Hướng Hóa")
        page.wait_for_function("document.cookie.includes('border_atlas_area=huong-hoa')")
        page.goto(f"{app_url}/?map=none")  # a new session, no area in the link
        _wait_for_value(page, "w_area", "Hướng Hóa")
        cookies = {c["name"]: c["value"] for c in context.cookies()}
        assert cookies["border_atlas_area"] == "huong-hoa"
    finally:
        context.close()
