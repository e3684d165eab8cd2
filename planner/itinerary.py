"""The printable itinerary: one self-contained HTML page with an SVG sketch of the trip.

The page holds the sketch, the day-by-day table, the warnings with their sources, each leg's
estimate and the factors used, and the stops with precision and source. It loads nothing from
anywhere (no scripts, styles, fonts or images), so it prints and opens offline. Texts from data
or users are escaped by Jinja2's autoescape; the words come from :mod:`i18n.messages`
(``itinerary.*`` keys and a few shared ones).

Examples
--------
>>> from datetime import datetime
>>> from planner.plan import Plan, Stop
>>> from planner.schedule import schedule
>>> from planner.travel import plan_legs
>>> base = Stop(id="b", name="Base", kind="point", lat=20.0, lon=105.0,
...             precision="published", commune_code=None, source="user")
>>> stop = Stop(id="s", name="<A & B>", kind="site", lat=20.1, lon=105.1,
...             precision="published", commune_code=None, source="user")
>>> plan = Plan(name="Trip", base=base, stops=[stop], start=datetime(2025, 3, 1, 7))
>>> legs = plan_legs(plan, network=None)
>>> html = itinerary_html(plan, legs, schedule(plan, legs), [], lang="en")
>>> "&lt;A &amp; B&gt;" in html and "<A & B>" not in html
True
>>> words("vi")["stop"], words("en")["stop"]
('Điểm dừng', 'Stop')
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2

from i18n.messages import LANGS, MESSAGES, message, precision_label
from i18n.numbers import format_number
from planner.network import ROADS_SOURCE
from planner.plan import Plan
from planner.plan_warnings import BORDER_SOURCE, SEVERITIES, PlanWarning
from planner.schedule import DayRow
from planner.travel import Leg, check_legs, trip_summary

TEMPLATES = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
"""The templates of ``planner/templates`` (HTML-escaping everything not marked safe)."""

SVG_WIDTH = 800
SVG_MAX_HEIGHT = 520
SVG_MARGIN = 40

_PREFIX = "itinerary."
_SHARED_WORDS = {
    "day": "day",
    "legs": "legs",
    "warnings": "warnings",
    "no_warnings": "no_warnings",
    "sources": "sources",
    "source": "source",
    "precision": "precision",
    "stops_title": "stops",
    "detour_factor": "detour",
}
"""Words of the page that the app's pages use too: page name → catalogue key."""


def check_lang(lang: str) -> None:
    """Raise ``ValueError`` unless ``lang`` is ``"vi"`` or ``"en"``."""
    if lang not in LANGS:
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")


def words(lang: str) -> dict[str, str]:
    """Every word of the itinerary and the offline map in ``lang``, by the names they use."""
    check_lang(lang)
    own = {
        key.removeprefix(_PREFIX): message(key, lang) for key in MESSAGES if key.startswith(_PREFIX)
    }
    return own | {name: message(key, lang) for name, key in _SHARED_WORDS.items()}


def _svg_sketch(plan: Plan, legs: Sequence[Leg], lang: str) -> dict[str, Any]:
    """Project stops and leg geometries into an SVG viewBox (equirectangular, cos(lat))."""
    points = [(s.lon, s.lat) for s in plan.all_stops()]
    for leg in legs:
        points.extend((float(x), float(y)) for x, y, *_ in leg.geometry.coords)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    mid_lat = (min(lats) + max(lats)) / 2
    kx = math.cos(math.radians(mid_lat))
    span_x = max((max(lons) - min(lons)) * kx, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    inner_w = SVG_WIDTH - 2 * SVG_MARGIN
    scale = min(inner_w / span_x, (SVG_MAX_HEIGHT - 2 * SVG_MARGIN) / span_y)
    height = round(span_y * scale + 2 * SVG_MARGIN)
    offset_x = (inner_w - span_x * scale) / 2 + SVG_MARGIN

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (
            round(offset_x + (lon - min(lons)) * kx * scale, 1),
            round(SVG_MARGIN + (max(lats) - lat) * scale, 1),
        )

    route = plan.route_stops()
    lines = []
    for index, leg in enumerate(legs):
        coords = [xy(float(x), float(y)) for x, y, *_ in leg.geometry.coords]
        km = format_number(leg.distance_km, lang=lang, decimals=1)
        lines.append(
            {
                "points": " ".join(f"{x},{y}" for x, y in coords),
                "road": leg.method == "road",
                "title": f"{route[index].name} → {route[index + 1].name}: {km} km",
            }
        )
    svg_points = []
    for number, stop in enumerate(plan.all_stops()):
        x, y = xy(stop.lon, stop.lat)
        right = x > SVG_WIDTH * 0.7  # names of stops near the right edge go left of the point
        svg_points.append(
            {
                "x": x,
                "y": y,
                "base": number == 0,
                "label": "★" if number == 0 else str(number),
                "name": stop.name,
                "name_x": x - 12 if right else x + 12,
                "anchor": "end" if right else "start",
                "title": f"{number}. {stop.name}",
            }
        )
    return {"width": SVG_WIDTH, "height": height, "lines": lines, "points": svg_points}


def _clock(value: datetime | None) -> str:
    return "" if value is None else value.strftime("%H:%M")


def _schedule_rows(plan: Plan, rows: Sequence[DayRow], t: dict[str, str], lang: str) -> list[dict]:
    labels = {s.id: ("★" if i == 0 else str(i)) for i, s in enumerate(plan.all_stops())}
    out = []
    previous_day = None
    for row in rows:
        note = row.note_vi if lang == "vi" else row.note_en
        if row.overnight and not note:
            note = t["overnight"]
        out.append(
            {
                "day": row.day,
                "date": row.date.strftime("%d/%m/%Y"),
                "new_day": previous_day is not None and row.day != previous_day,
                "label": labels.get(row.stop_id, ""),
                "name": row.stop_name,
                "kind": message(f"stop_kind.{row.kind}", lang),
                "arrival": _clock(row.arrival),
                "departure": _clock(row.departure),
                "leg_km": ""
                if row.leg_km is None
                else format_number(row.leg_km, lang=lang, decimals=1),
                "leg_hours": ""
                if row.leg_hours is None
                else format_number(row.leg_hours, lang=lang, decimals=2),
                "method": t.get(f"method_{row.leg_method}", "") if row.leg_method else "",
                "note": note,
            }
        )
        previous_day = row.day
    return out


def itinerary_html(
    plan: Plan,
    legs: Sequence[Leg],
    rows: Sequence[DayRow],
    warnings: Sequence[PlanWarning],
    *,
    lang: str = "vi",
) -> str:
    """A printable, self-contained HTML itinerary (no external resources at all).

    Parameters
    ----------
    plan
        The plan, its stops in visiting order.
    legs
        One per leg of ``plan.route_stops()`` (:func:`planner.travel.plan_legs`).
    rows
        The day plan (:func:`planner.schedule.schedule`).
    warnings
        What to show under "warnings" (:func:`planner.plan_warnings.plan_warnings`).
    lang
        ``"vi"`` or ``"en"``.
    """
    t = words(lang)
    check_legs(plan, legs)
    travel = plan.travel_settings()
    summary = trip_summary(legs)
    route = plan.route_stops()

    leg_items = [
        {
            "from_name": route[i].name,
            "to_name": route[i + 1].name,
            "km": format_number(leg.distance_km, lang=lang, decimals=1),
            "hours": format_number(leg.hours, lang=lang, decimals=2),
            "explanation": leg.explanation(lang),
        }
        for i, leg in enumerate(legs)
    ]
    warning_items = [
        {
            "severity": w.severity if w.severity in SEVERITIES else "info",
            "severity_label": t.get(f"severity_{w.severity}", w.severity),
            "text": w.text(lang),
            "sources": w.sources,
        }
        for w in warnings
    ]
    stops = plan.all_stops()
    stop_items = [
        {
            "label": "★" if i == 0 else str(i),
            "name": s.name,
            "coords": f"{s.lat:.5f}, {s.lon:.5f}",
            "precision": precision_label(s.precision, lang),
            "source": s.source,
        }
        for i, s in enumerate(stops)
    ]
    sources = [ROADS_SOURCE, BORDER_SOURCE]
    for w in warnings:
        sources.extend(w.sources)
    sources.extend(s.source for s in stops if s.source)
    return TEMPLATES.get_template("itinerary.html.j2").render(
        lang=lang,
        t=t,
        plan=plan,
        start_text=plan.start.strftime("%d/%m/%Y %H:%M"),
        summary={
            "distance": format_number(summary["distance_km"], lang=lang, decimals=1),
            "hours": format_number(summary["hours"], lang=lang, decimals=1),
            "days": max((r.day for r in rows), default=1),
        },
        svg=_svg_sketch(plan, legs, lang),
        rows=_schedule_rows(plan, rows, t, lang),
        warnings=warning_items,
        legs=leg_items,
        factors={
            "road_speed": format_number(travel.road_speed_kmh, lang=lang, decimals=0),
            "mountain_speed": format_number(travel.mountain_speed_kmh, lang=lang, decimals=0),
            "detour": format_number(travel.detour_factor, lang=lang, decimals=2),
            "snap": format_number(travel.road_snap_km, lang=lang, decimals=1),
            "drive_per_day": format_number(plan.drive_hours_per_day, lang=lang, decimals=1),
            "dwell": format_number(plan.dwell_minutes_default, lang=lang, decimals=0),
        },
        stops=stop_items,
        sources=list(dict.fromkeys(s for s in sources if s)),
    )
