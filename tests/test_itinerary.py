"""The printable itinerary: escaped, self-contained, in both languages."""

from __future__ import annotations

import re

import markupsafe
import pytest

from planner.itinerary import itinerary_html
from planner.plan import Plan
from planner.plan_warnings import PlanWarning
from planner.schedule import DayRow
from planner.travel import Leg
from tests.planner_cases import fake_trip


@pytest.fixture(scope="module")
def trip() -> tuple[Plan, list[Leg], list[DayRow], list[PlanWarning]]:
    return fake_trip()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_itinerary_html_is_escaped_and_self_contained(trip, lang: str) -> None:
    plan, legs, rows, warnings = trip
    html = itinerary_html(plan, legs, rows, warnings, lang=lang)
    assert "<script" not in html.lower()
    assert "<img" not in html
    assert "&lt;script&gt;" in html
    assert "Kế hoạch &lt;thử&gt; &amp; kiểm tra" in html
    # no external resources: no src/href attributes, no CSS url(), no @import
    assert not re.search(r"<[^>]*\s(src|href)\s*=", html, flags=re.IGNORECASE)
    assert "url(" not in html and "@import" not in html
    assert "<svg" in html and html.count("<circle") == len(plan.stops) + 1
    assert html.count("<polyline") == len(legs)
    assert "1,60" in html if lang == "vi" else "1.60" in html  # detour factor shown
    assert "@media print" in html
    assert "https://example.invalid/?a=1&amp;b=&lt;2&gt;" in html  # warning source, escaped
    for leg in legs:
        assert str(markupsafe.escape(leg.explanation(lang))) in html
