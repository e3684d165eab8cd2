"""The itinerary of a real 4-stop plan printed by Chromium, and opened on a phone.

The plan is built as the planner page builds it (real places, the national roads, the 2025
commune view with risk classes, the derived border) and starts in the rainy season, so every
kind of warning shows. Chromium prints it to A4 (at most two pages, in both languages) and
shows it at 390×844 (no horizontal scrolling). Every request that is not ``about:blank`` or a
``data:`` URL is aborted and counted: the page must need none.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from layers.commune_view import commune_view
from layers.places import places
from planner.itinerary import itinerary_html
from planner.network import RoadNetwork
from planner.plan import Plan, Stop
from planner.plan_warnings import plan_warnings
from planner.schedule import schedule
from planner.travel import plan_legs

pytestmark = pytest.mark.browser

MAX_PAGES = 2
PHONE = {"width": 390, "height": 844}
KEYS = ("commune:15007", "commune:16858", "gate:gate_nam_can", "commune:16813")
"""Tam Thanh (Quan Sơn), Mường Típ, the Nậm Cắn gate and Mường Xén (Kỳ Sơn); the base is the
Na Mèo gate: a round trip of several days with nights on the road."""
PATH_LIKE = re.compile(
    r"(boundaries|indicators|hazards|terrain|points|network|seeds)/|\.txt\b|\.tif\b"
    r"|\.geojson\b|geo\.settings"
)


@pytest.fixture(scope="module")
def pages(atlas) -> dict[str, str]:
    """The itinerary in both languages."""
    catalogue = places(atlas, edition="2025")
    plan = Plan(
        name="Công tác Quan Sơn – Kỳ Sơn",
        base=Stop.from_place(catalogue["gate:gate_na_meo"]),
        stops=[Stop.from_place(catalogue[key]) for key in KEYS],
        start=datetime(2026, 11, 5, 7, 0),
        order_fixed=True,
    )
    legs = plan_legs(plan, network=RoadNetwork.from_lines(atlas.get("roads")))
    rows = schedule(plan, legs)
    warnings = plan_warnings(
        plan,
        legs,
        communes=commune_view(atlas, edition="2025"),
        border_line=atlas.get("border"),
    )
    assert {w.kind for w in warnings} >= {"risk", "border", "border_permit", "rainy_season"}
    return {lang: itinerary_html(plan, legs, rows, warnings, lang=lang) for lang in ("vi", "en")}


@pytest.fixture
def offline_page(browser) -> Iterator:
    """A page that may load nothing: each attempt is aborted and listed on ``page.blocked``."""
    context = browser.new_context()
    page = context.new_page()
    blocked: list[str] = []

    def route(request_route) -> None:
        url = request_route.request.url
        if url == "about:blank" or url.startswith("data:"):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    page.route("**/*", route)
    page.blocked = blocked
    yield page
    context.close()


def _page_count(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_itinerary_prints_on_two_a4_pages(pages, offline_page, lang: str) -> None:
    offline_page.set_content(pages[lang])
    pdf = offline_page.pdf(format="A4")
    count = _page_count(pdf)
    assert 1 <= count <= MAX_PAGES, f"{lang}: {count} A4 pages"
    assert offline_page.blocked == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_itinerary_fits_a_phone(pages, offline_page, artifacts: Path, lang: str) -> None:
    offline_page.set_viewport_size(PHONE)
    offline_page.set_content(pages[lang])
    width = offline_page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{lang}: {width} px wide at 390 px"
    # the day table became stacked rows, each time labelled
    display = offline_page.evaluate(
        "getComputedStyle(document.querySelector('table.schedule td')).display"
    )
    assert display != "table-cell"
    if lang == "vi":
        offline_page.screenshot(path=str(artifacts / "itinerary_phone.png"), full_page=True)
    assert offline_page.blocked == []


def test_itinerary_shows_no_file_path(pages) -> None:
    for html in pages.values():
        text = re.sub(r'xmlns="[^"]*"', "", html)
        assert not PATH_LIKE.search(text), PATH_LIKE.search(text)
