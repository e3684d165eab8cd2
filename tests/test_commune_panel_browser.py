"""The commune panel and the table under the map, in Chromium at desktop and phone size: every
cited fact about the commune is listed, the poverty rates say they are not one series, and no
internal marker (file path, working jargon) is on the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_internal_markers import leaks

VIEWPORTS = {"desktop": {"width": 1400, "height": 1000}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_na_meo_panel_lists_cited_facts_and_flags_mixed_standards(
    app_url, browser, artifacts: Path, size: str
) -> None:
    context = browser.new_context(viewport=VIEWPORTS[size], locale="vi-VN")
    page = context.new_page()
    try:
        page.goto(f"{app_url}/?area=all&map=none&sel=commune%3A15013&pov=30")
        page.get_by_text("Na Mèo · Quan Sơn, Thanh Hóa").wait_for(timeout=90_000)
        facts = page.get_by_text(re.compile(r"Số liệu, sự kiện đã dẫn nguồn .*\((\d+)\)")).first
        facts.wait_for(timeout=30_000)
        listed = int(re.search(r"\((\d+)\)", facts.inner_text()).group(1))
        assert listed >= 20, "Na Mèo's own facts and Quan Sơn's are listed"
        facts.click()
        listed_fact = page.locator('[data-testid="stExpanderDetails"]').get_by_text(
            "Chợ phiên biên giới Na Mèo"
        )
        listed_fact.first.wait_for(timeout=30_000)
        # the figures are headed by what they are, each with its year, level and source
        figures = page.get_by_text("Các chỉ tiêu", exact=True)
        figures.wait_for(timeout=30_000)
        assert page.get_by_text("Tô màu theo", exact=True).count() <= 1  # the sidebar's only
        poverty = page.locator(
            '[data-testid="stMarkdownContainer"] p',
            # 30,02 % (Quan Sơn), or the rate a browser test imported earlier in the session
            has_text=re.compile(r"^Tỷ lệ hộ nghèo: \d+,\d+ %"),
        )
        poverty.first.wait_for(timeout=30_000)
        assert poverty.count() >= 1
        block = poverty.first.inner_text()
        for label in ("Năm:", "Cấp số liệu:", "Cách có số liệu:", "Chuẩn nghèo:", "Nguồn:"):
            assert label in block, label
        # label–value pairs wrap inside the screen: nothing of the panel reaches past its edge
        width = VIEWPORTS[size]["width"]
        for box in (poverty.first.bounding_box(), listed_fact.first.bounding_box()):
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width + 1
        # the rates in view mix standards and years (or, after a user's import, state none)
        notice = page.locator('[data-testid="stAlert"]', has_text="chuẩn nghèo")
        notice.first.wait_for(timeout=30_000)
        page.screenshot(path=str(artifacts / f"map_panel_na_meo_{size}.png"))
        assert leaks([page.locator("body").text_content()]) == []  # grid cells included
    finally:
        context.close()
