"""The printable itinerary: one self-contained HTML page with a numbered sketch of the trip.

The page holds the sketch (numbered markers and their key), the day-by-day table, the warnings
as one short line each grouped by stop (details and sources folded away on screen, left out of
the printout), each leg's estimate and the factors used. A 4-stop plan prints on two A4 pages,
and the page reflows on a phone (390 px): the table becomes stacked rows. It loads nothing from
anywhere (its style is ``templates/itinerary.css``, inlined), so it prints and opens offline.
Texts from data or users are escaped by Jinja2's autoescape; the words come from
:mod:`i18n.messages` (``itinerary.*`` keys and a few shared ones).

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
from datetime import date, datetime
from pathlib import Path

import jinja2

from i18n.messages import LANGS, MESSAGES, message, message_or, precision_label
from i18n.numbers import format_number
from planner.network import ROADS_SOURCE
from planner.plan import Plan
from planner.plan_warnings import BORDER_SOURCE, SEVERITIES, PlanWarning, cite, group_warnings
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

SVG_WIDTH = 480
"""Width of the sketch's viewBox: small, so that markers stay legible on a phone."""
SVG_MAX_HEIGHT = 360
SVG_MARGIN = 18
MARKER_R = 9
"""Radius of a stop's marker in the sketch (viewBox units)."""

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
OVERNIGHT_KIND = "overnight"
"""``kind`` of a day-plan row that is a night on the road, not a stop of the plan."""


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


def format_date(value: date, lang: str, *, year: bool = True) -> str:
    """A date as people write it: Vietnamese ``05/12/2026``, English ``5 Dec 2026``.

    Examples
    --------
    >>> format_date(date(2026, 12, 5), "vi"), format_date(date(2026, 12, 5), "en")
    ('05/12/2026', '5 Dec 2026')
    >>> format_date(date(2026, 12, 6), "vi", year=False)
    '06/12'
    """
    month = message("itinerary.months", lang).split()[value.month - 1]
    key = "itinerary.date_format" if year else "itinerary.date_short"
    return message(key, lang, day=value.day, month=month, year=value.year)


def clock(value: datetime | None, day: date, lang: str) -> str:
    """``HH:MM``, with the date when ``value`` falls on a later day than ``day`` (its row's).

    Examples
    --------
    >>> clock(datetime(2026, 12, 6, 7, 0), date(2026, 12, 5), "vi")
    '07:00 (06/12)'
    >>> clock(datetime(2026, 12, 5, 7, 43), date(2026, 12, 5), "en")
    '07:43'
    """
    if value is None:
        return ""
    text = value.strftime("%H:%M")
    if value.date() != day:
        text += f" ({format_date(value.date(), lang, year=False)})"
    return text


def _place_markers(
    points: list[tuple[float, float]], width: float, height: float
) -> list[tuple[float, float]]:
    """Marker centres near their points without overprinting each other (nudged in rings)."""
    placed: list[tuple[float, float]] = []
    gap = 2 * MARKER_R + 1
    for x, y in points:
        spot = (x, y)
        for ring in range(0, 5):
            candidates = [(x, y)] if ring == 0 else []
            for step in range(8 * ring):
                angle = 2 * math.pi * step / (8 * ring) - math.pi / 2
                candidates.append(
                    (x + ring * gap * math.cos(angle), y + ring * gap * math.sin(angle))
                )
            free = [
                (cx, cy)
                for cx, cy in candidates
                if MARKER_R <= cx <= width - MARKER_R
                and MARKER_R <= cy <= height - MARKER_R
                and all(math.hypot(cx - px, cy - py) >= gap for px, py in placed)
            ]
            if free:
                spot = free[0]
                break
        placed.append((round(spot[0], 1), round(spot[1], 1)))
    return placed


def _svg_sketch(plan: Plan, legs: Sequence[Leg], rows: Sequence[DayRow], lang: str) -> dict:
    """Project stops and leg geometries into an SVG viewBox (equirectangular, cos(lat))."""
    nights = [r for r in rows if r.kind == OVERNIGHT_KIND and _position(r) is not None]
    points = [(s.lon, s.lat) for s in plan.all_stops()]
    points += [p for p in map(_position, nights) if p is not None]
    for leg in legs:
        points.extend((float(x), float(y)) for x, y, *_ in leg.geometry.coords)
    lons = [p[0] for p in points]
    lats = [p[1] for p in points]
    kx = math.cos(math.radians((min(lats) + max(lats)) / 2))
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
    stops = plan.all_stops()
    true_xy = [xy(s.lon, s.lat) for s in stops]
    markers = []
    for number, (stop, (x, y), (mx, my)) in enumerate(
        zip(stops, true_xy, _place_markers(true_xy, SVG_WIDTH, height), strict=True)
    ):
        markers.append(
            {
                "x": x,
                "y": y,
                "mx": mx,
                "my": my,
                "moved": (mx, my) != (x, y),
                "base": number == 0,
                "label": _label(number),
                "title": f"{_label(number)}. {stop.name}",
            }
        )
    squares = []
    for row in nights:
        lon, lat = _position(row) or (0.0, 0.0)
        squares.append({"xy": xy(lon, lat), "title": _row_name(row, lang)})
    return {
        "width": SVG_WIDTH,
        "height": height,
        "lines": lines,
        "markers": markers,
        "nights": squares,
        "r": MARKER_R,
    }


def _label(number: int) -> str:
    return "★" if number == 0 else str(number)


def _position(row: DayRow) -> tuple[float, float] | None:
    """``(lon, lat)`` of a row that carries one (overnights along a leg may)."""
    lat, lon = getattr(row, "lat", None), getattr(row, "lon", None)
    if lat is None or lon is None or not (math.isfinite(lat) and math.isfinite(lon)):
        return None
    return float(lon), float(lat)


def _kind(kind: str, lang: str) -> str:
    """The words for a stop's kind (empty for a kind the catalogue does not know)."""
    return message_or(f"stop_kind.{kind}", lang)


def _row_name(row: DayRow, lang: str) -> str:
    english = getattr(row, "stop_name_en", "") if lang != "vi" else ""
    return english or row.stop_name


def _schedule_rows(plan: Plan, rows: Sequence[DayRow], t: dict[str, str], lang: str) -> list[dict]:
    labels = {s.id: _label(i) for i, s in enumerate(plan.all_stops())}
    out = []
    previous_day = None
    for row in rows:
        note = row.note_vi if lang == "vi" else row.note_en
        night = row.kind == OVERNIGHT_KIND
        if row.overnight and not note and not night:
            note = t["overnight"]
        leg = []
        if row.leg_km is not None:
            leg.append(f"{format_number(row.leg_km, lang=lang, decimals=1)} km")
        if row.leg_hours is not None:
            leg.append(f"{format_number(row.leg_hours, lang=lang, decimals=1)} {t['hours_unit']}")
        out.append(
            {
                "day": row.day,
                "date": format_date(row.date, lang),
                "new_day": row.day != previous_day,
                "label": "" if night else labels.get(row.stop_id, ""),
                "night": night,
                "name": (_row_name(row, lang) or t["overnight_road"]) if night else row.stop_name,
                "kind": "" if night else _kind(row.kind, lang),
                "arrival": clock(row.arrival, row.date, lang),
                "departure": clock(row.departure, row.date, lang),
                "leg": " · ".join(part for part in leg if part),
                "note": note,
            }
        )
        previous_day = row.day
    return out


def _warning_groups(plan: Plan, warnings: Sequence[PlanWarning], t: dict, lang: str) -> list:
    return [
        {
            "label": group.label(),
            "title": group.title(lang),
            "warnings": [
                {
                    "severity": w.severity if w.severity in SEVERITIES else "info",
                    "severity_label": t.get(f"severity_{w.severity}", w.severity),
                    "text": w.text(lang),
                    "details": w.details(lang),
                    "sources": w.sources,
                }
                for w in group.warnings
            ],
        }
        for group in group_warnings(plan, warnings)
    ]


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
        The day plan (:func:`planner.schedule.schedule`); rows of kind ``overnight`` (nights
        on the road) are listed as overnight stops.
    warnings
        What to show under "warnings" (:func:`planner.plan_warnings.plan_warnings`): one line
        each, grouped by stop (:func:`planner.plan_warnings.group_warnings`).
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
            "number": i + 1,
            "from_name": route[i].name,
            "to_name": route[i + 1].name,
            "km": format_number(leg.distance_km, lang=lang, decimals=1),
            "hours": format_number(leg.hours, lang=lang, decimals=1),
            "explanation": leg.explanation(lang),
        }
        for i, leg in enumerate(legs)
    ]
    stops = plan.all_stops()
    stop_items = [
        {
            "label": _label(i),
            "base": i == 0,
            "name": s.name,
            "kind": _kind(s.kind, lang),
            "coords": f"{s.lat:.5f}, {s.lon:.5f}",
            "precision": precision_label(s.precision, lang),
            "sources": cite(s.source),
        }
        for i, s in enumerate(stops)
    ]
    return TEMPLATES.get_template("itinerary.html.j2").render(
        lang=lang,
        t=t,
        plan=plan,
        start_text=f"{format_date(plan.start.date(), lang)} {plan.start:%H:%M}",
        summary={
            "distance": format_number(summary["distance_km"], lang=lang, decimals=1),
            "hours": format_number(summary["hours"], lang=lang, decimals=1),
            "days": max((r.day for r in rows), default=1),
        },
        svg=_svg_sketch(plan, legs, rows, lang),
        rows=_schedule_rows(plan, rows, t, lang),
        groups=_warning_groups(plan, warnings, t, lang),
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
        sources=[*cite(ROADS_SOURCE), BORDER_SOURCE],
    )
