"""The printable itinerary: escaped, self-contained, in both languages; dates, numbered sketch,
grouped one-line warnings and overnight rows."""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from datetime import date, datetime, timedelta

import markupsafe
import pytest

from planner.itinerary import MARKER_R, clock, format_date, itinerary_html
from planner.plan import Plan
from planner.plan_warnings import PlanWarning
from planner.schedule import DayRow
from planner.travel import Leg, plan_legs
from tests.planner_cases import fake_stop, fake_trip


@pytest.fixture(scope="module")
def trip() -> tuple[Plan, list[Leg], list[DayRow], list[PlanWarning]]:
    return fake_trip()


def _svg(html: str) -> str:
    return html[html.index("<svg") : html.index("</svg>")]


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
    assert "@media print" in html and "@media (max-width: 40em)" in html
    assert "https://example.invalid/?a=1&amp;b=&lt;2&gt;" in html  # warning source, escaped
    for leg in legs:
        assert str(markupsafe.escape(leg.explanation(lang))) in html


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sketch_has_numbered_markers_and_a_key(trip, lang: str) -> None:
    plan, legs, rows, warnings = trip
    html = itinerary_html(plan, legs, rows, warnings, lang=lang)
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", _svg(html))
    assert labels == ["★", *(str(n) for n in range(1, len(plan.stops) + 1))]
    key = html[html.index('<ol class="key">') : html.index("</ol>")]
    for stop in plan.all_stops():
        assert str(markupsafe.escape(stop.name)) in key


def test_markers_of_stops_at_one_place_do_not_overprint() -> None:
    base = fake_stop("base", 20.30, 104.85, "Trạm giả")
    stops = [
        fake_stop("a", 20.2970, 104.6224, "Điểm giả A"),
        fake_stop("b", 20.2971, 104.6225, "Điểm giả B"),  # ~15 m from A
        fake_stop("c", 20.2969, 104.6223, "Điểm giả C"),
        fake_stop("d", 19.40, 104.10, "Điểm giả D"),
    ]
    plan = Plan(name="Giả", base=base, stops=stops, start=datetime(2026, 3, 2, 7))
    legs = plan_legs(plan, network=None)
    html = itinerary_html(plan, legs, [], [], lang="vi")
    centres = [
        (float(x), float(y))
        for x, y in re.findall(r'<circle cx="([-\d.]+)" cy="([-\d.]+)"', _svg(html))
    ]
    assert len(centres) == 5
    for (x1, y1), (x2, y2) in itertools.combinations(centres, 2):
        assert math.hypot(x1 - x2, y1 - y2) >= 2 * MARKER_R
    assert _svg(html).count("<line") >= 2  # moved markers point to their stops


def test_dates_per_language_and_times_on_a_later_day() -> None:
    assert format_date(date(2026, 12, 5), "vi") == "05/12/2026"
    assert format_date(date(2026, 12, 5), "en") == "5 Dec 2026"
    row_day = date(2026, 12, 5)
    assert clock(datetime(2026, 12, 5, 7, 43), row_day, "vi") == "07:43"
    assert clock(datetime(2026, 12, 6, 7, 0), row_day, "vi") == "07:00 (06/12)"
    assert clock(datetime(2026, 12, 6, 7, 0), row_day, "en") == "07:00 (6 Dec)"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_departure_next_morning_carries_its_date(trip, lang: str) -> None:
    plan, legs, rows, warnings = trip
    later = [r for r in rows if r.departure and r.departure.date() != r.date]
    if not later:  # make one: the team leaves the first stop the next morning
        first = rows[1]
        leave = datetime.combine(first.date + timedelta(days=1), plan.start.time())
        later = [dataclasses.replace(first, departure=leave, overnight=True)]
        rows = [rows[0], later[0], *rows[2:]]
    html = itinerary_html(plan, legs, rows, warnings, lang=lang)
    for row in later:
        assert row.departure is not None
        expected = clock(row.departure, row.date, lang)
        pattern = r"\(\d\d/\d\d\)" if lang == "vi" else r"\(\d+ [A-Z][a-z]{2}\)"
        assert re.search(pattern, expected)
        assert f">{expected}</td>" in html
    start = format_date(plan.start.date(), lang)
    assert f"{start} 07:00" in html
    assert start == ("14/07/2025" if lang == "vi" else "14 Jul 2025")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overnight_rows_are_listed_as_overnight_stops(trip, lang: str) -> None:
    plan, legs, rows, warnings = trip
    night = DayRow(
        day=rows[1].day,
        date=rows[1].date,
        stop_id="overnight-1-1",
        stop_name="Nghỉ đêm giả dọc QL217 <b>",
        kind="overnight",
        arrival=rows[1].arrival,
        departure=(rows[1].arrival or plan.start) + timedelta(hours=14),
        leg_index=1,
        leg_km=120.0,
        leg_hours=6.0,
        leg_method="straight_line_detour",
        drive_hours_day=6.0,
        dwell_minutes=0.0,
        overnight=True,
    )
    with_night = [rows[0], rows[1], night, *rows[2:]]
    html = itinerary_html(plan, legs, with_night, warnings, lang=lang)
    assert 'class="night"' in html
    assert "Nghỉ đêm giả dọc QL217 &lt;b&gt;" in html
    assert html.count("<circle") == len(plan.stops) + 1  # not a stop of the plan


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_warnings_are_short_lines_grouped_with_details_folded(trip, lang: str) -> None:
    plan, legs, rows, _ = trip
    gate = plan.all_stops()[1]
    warnings = [
        PlanWarning(
            kind="risk",
            severity="high",
            text_vi="Dòng ngắn giả",
            text_en="Fake short line",
            sources=["“Tin giả”, bản sao / mirror: x.invalid — https://x.invalid/a"],
            stop_id=gate.id,
            details_vi="Chi tiết giả dài",
            details_en="Long fake details",
        ),
        PlanWarning(
            kind="rainy_season",
            severity="warning",
            text_vi="Mùa mưa giả",
            text_en="Fake rainy season",
            sources=[],
        ),
    ]
    html = itinerary_html(plan, legs, rows, warnings, lang=lang)
    body = html[html.index("</table>") :]
    line, details = (
        ("Dòng ngắn giả", "Chi tiết giả dài")
        if lang == "vi"
        else (
            "Fake short line",
            "Long fake details",
        )
    )
    # the plan-level group first, then the stop's group under its number and name
    assert body.index("Mùa mưa giả" if lang == "vi" else "Fake rainy season") < body.index(line)
    assert re.search(r'<span class="mk">1</span>[^<]*' + re.escape(gate.name), body)
    assert re.search(r"<details><summary>[^<]+</summary>\s*<p>" + details, body)
    assert "bản sao / mirror: x.invalid" in body
