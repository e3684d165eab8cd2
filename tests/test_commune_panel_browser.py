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
        page.goto(f"{app_url}/?map=none&sel=commune%3A15013&pov=30")
        page.get_by_text("Na Mèo · Quan Sơn, Thanh Hóa").wait_for(timeout=90_000)
        facts = page.get_by_text(re.compile(r"Số liệu, sự kiện đã dẫn nguồn .*\((\d+)\)")).first
        facts.wait_for(timeout=30_000)
        listed = int(re.search(r"\((\d+)\)", facts.inner_text()).group(1))
        assert listed >= 20, "Na Mèo's own facts and Quan Sơn's are listed"
        facts.click()
        cell = page.locator("td[role=gridcell]", has_text="Chợ phiên biên giới Na Mèo")
        cell.first.wait_for(state="attached", timeout=30_000)  # the grid draws on a canvas
        # the rates in view mix standards and years (or, after a user's import, state none)
        notice = page.locator('[data-testid="stAlert"]', has_text="chuẩn nghèo")
        notice.first.wait_for(timeout=30_000)
        page.screenshot(path=str(artifacts / f"map_panel_na_meo_{size}.png"))
        assert leaks([page.locator("body").text_content()]) == []  # grid cells included
    finally:
        context.close()
