"""Export a visit plan: GPX, KML, CSV, GeoPackage, a printable itinerary and a field pack.

Every text that comes from data or users is escaped for the format it goes into: XML by gpxpy
and ElementTree, HTML by Jinja2 autoescape, JavaScript by :func:`js_literal`.

The field pack (:func:`field_pack`) is a zip for teams without a connection: all formats plus
``map.html``, an offline Leaflet map with Leaflet's JS and CSS inlined. Without tiles it shows
the stops and route on a plain background.

Examples
--------
>>> from datetime import datetime
>>> from planner.plan import Plan, Stop
>>> from planner.routing import plan_legs
>>> base = Stop(id="b", name="Base", kind="point", lat=20.0, lon=105.0,
...             precision="published", commune_code=None, source="user")
>>> stop = Stop(id="s", name="A & B", kind="site", lat=20.1, lon=105.1,
...             precision="published", commune_code=None, source="user")
>>> plan = Plan(name="Trip", base=base, stops=[stop], start=datetime(2025, 3, 1, 7))
>>> legs = plan_legs(plan, network=None)
>>> "A &amp; B" in to_gpx(plan, legs)
True
"""

from __future__ import annotations

import csv
import io
import json
import math
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import geopandas as gpd
import gpxpy
import gpxpy.gpx
import jinja2
from shapely.geometry import LineString, Point

from geo import settings
from geo.errors import DataFileError
from geo.vocabulary import WGS84
from i18n.messages import EN, message, precision_label
from i18n.numbers import format_number
from planner.plan import Plan, Stop
from planner.routing import (
    BORDER_SOURCE,
    ROADS_SOURCE,
    DayRow,
    Leg,
    PlanWarning,
    trip_summary,
)
from planner.routing import (
    schedule as make_schedule,
)

TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"
LEAFLET_DIR = settings.STATIC_DIR / "vendor" / "leaflet"
"""Where ``make assets`` puts leaflet.js and leaflet.css."""
KML_NS = "http://www.opengis.net/kml/2.2"
OSM_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
SVG_WIDTH = 800
SVG_MAX_HEIGHT = 520
SVG_MARGIN = 40
CREATOR = "Border Atlas"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)

LABELS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Lịch trình công tác",
        "start": "Khởi hành",
        "base": "Điểm xuất phát",
        "round_trip": "Khứ hồi",
        "one_way": "Một chiều",
        "stops_count": "Số điểm dừng",
        "total_distance": "Tổng quãng đường",
        "total_driving": "Tổng thời gian lái xe",
        "hours_unit": "giờ",
        "minutes_unit": "phút",
        "days": "Số ngày",
        "estimate_caveat": (
            "Quãng đường và thời gian chỉ là ước tính: dữ liệu chỉ có quốc lộ (sai số vài trăm "
            "mét), không có đường địa phương. Hỏi tình trạng đường trước khi đi."
        ),
        "map": "Sơ đồ chuyến đi",
        "map_legend": (
            "Đường đỏ liền: theo quốc lộ; đường xám nét đứt: ước tính đường chim bay × hệ số "
            "đường vòng (không phải tuyến thật). Sơ đồ không theo tỷ lệ chính xác."
        ),
        "schedule": "Lịch trình theo ngày",
        "day": "Ngày",
        "date": "Ngày tháng",
        "stop": "Điểm dừng",
        "arrival": "Đến",
        "departure": "Đi",
        "leg_km": "Chặng (km)",
        "leg_hours": "Chặng (giờ)",
        "method": "Cách ước tính",
        "notes": "Ghi chú",
        "warnings": "Cảnh báo",
        "no_warnings": "Không có cảnh báo.",
        "legs": "Các chặng",
        "method_title": "Cách ước tính và các hệ số",
        "road_speed": "Tốc độ trên quốc lộ",
        "mountain_speed": "Tốc độ ngoài quốc lộ (đường núi)",
        "detour_factor": "Hệ số đường vòng",
        "road_snap": "Khoảng cách tối đa tới quốc lộ để đi theo quốc lộ",
        "drive_per_day": "Giờ lái xe tối đa mỗi ngày",
        "dwell_default": "Thời gian dừng mặc định",
        "method_text": (
            "Nếu cả hai đầu chặng cách cùng một hệ thống quốc lộ không quá khoảng cách trên: "
            "quãng đường = đoạn vào/ra quốc lộ (đường chim bay × hệ số đường vòng, tốc độ đường "
            "núi) + đường ngắn nhất trên quốc lộ (tốc độ quốc lộ), trừ khi đi thẳng nhanh hơn. "
            "Còn lại: đường chim bay × hệ số đường vòng, tốc độ đường núi. Thứ tự điểm dừng "
            "được tối ưu trên cùng các ước tính này."
        ),
        "stops_title": "Các điểm dừng",
        "coordinates": "Tọa độ (WGS 84)",
        "precision": "Độ chính xác vị trí",
        "source": "Nguồn",
        "sources": "Nguồn",
        "method_road": "theo quốc lộ",
        "method_straight_line_detour": "đường chim bay × hệ số",
        "severity_high": "Nguy hiểm",
        "severity_warning": "Chú ý",
        "severity_info": "Lưu ý",
        "overnight": "Nghỉ đêm",
        "csv_note": "ghi_chu",
    },
    "en": {
        "title": "Field visit itinerary",
        "start": "Departure",
        "base": "Base",
        "round_trip": "Round trip",
        "one_way": "One way",
        "stops_count": "Stops",
        "total_distance": "Total distance",
        "total_driving": "Total driving time",
        "hours_unit": "h",
        "minutes_unit": "min",
        "days": "Days",
        "estimate_caveat": (
            "Distances and times are estimates: the data has national roads only (good to a few "
            "hundred metres) and no local roads. Check road conditions before leaving."
        ),
        "map": "Trip sketch",
        "map_legend": (
            "Solid red: along national roads; dashed grey: straight line × detour factor (not "
            "the real route). The sketch is not to an exact scale."
        ),
        "schedule": "Day-by-day schedule",
        "day": "Day",
        "date": "Date",
        "stop": "Stop",
        "arrival": "Arrive",
        "departure": "Leave",
        "leg_km": "Leg (km)",
        "leg_hours": "Leg (h)",
        "method": "Estimate",
        "notes": "Notes",
        "warnings": "Warnings",
        "no_warnings": "No warnings.",
        "legs": "Legs",
        "method_title": "How travel is estimated, and the factors",
        "road_speed": "Speed on national roads",
        "mountain_speed": "Speed off national roads (mountain roads)",
        "detour_factor": "Detour factor",
        "road_snap": "Largest distance to a national road to use it",
        "drive_per_day": "Driving hours per day at most",
        "dwell_default": "Default dwell time",
        "method_text": (
            "When both ends of a leg lie within that distance of the same connected national "
            "roads: distance = access to and from the road (straight line × detour factor, at "
            "mountain speed) + the shortest path along the roads (at road speed), unless going "
            "straight is quicker. Otherwise: straight line × detour factor at mountain speed. "
            "The stop order is optimised on the same estimates."
        ),
        "stops_title": "Stops",
        "coordinates": "Coordinates (WGS 84)",
        "precision": "Position precision",
        "source": "Source",
        "sources": "Sources",
        "method_road": "national road",
        "method_straight_line_detour": "straight line × factor",
        "severity_high": "Danger",
        "severity_warning": "Caution",
        "severity_info": "Note",
        "overnight": "Overnight",
        "csv_note": "note",
    },
}


def _check_lang(lang: str) -> None:
    if lang not in LABELS:
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")


def _unique_stops(plan: Plan) -> list[Stop]:
    """Base then stops in order (the base once, even for a round trip)."""
    return [plan.base, *plan.stops]


def _check_legs(plan: Plan, legs: Sequence[Leg]) -> None:
    expected = len(plan.route_stops()) - 1
    if len(legs) != expected:
        raise ValueError(
            f"{len(legs)} legs given for a route of {expected} legs; compute them with "
            "planner.routing.plan_legs(plan, network=...) after ordering the stops."
        )


def _route_coords(legs: Sequence[Leg]) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for leg in legs:
        part = [(float(x), float(y)) for x, y, *_ in leg.geometry.coords]
        if coords and part and coords[-1] == part[0]:
            part = part[1:]
        coords.extend(part)
    return coords


# --- GPX, KML ----------------------------------------------------------------------------------


def to_gpx(plan: Plan, legs: Sequence[Leg]) -> str:
    """GPX 1.1: one waypoint per stop (base first), one ordered route, and the drawn track.

    The route's points are the stops in visiting order (back to the base for a round trip);
    the track follows the leg geometries (national roads where used).
    """
    _check_legs(plan, legs)
    gpx = gpxpy.gpx.GPX()
    gpx.creator = CREATOR
    gpx.name = plan.name
    gpx.description = f"{plan.name} — {plan.start.isoformat()}"
    for number, stop in enumerate(_unique_stops(plan)):
        gpx.waypoints.append(
            gpxpy.gpx.GPXWaypoint(
                latitude=stop.lat,
                longitude=stop.lon,
                name=stop.name,
                description=f"{stop.kind}; {precision_label(stop.precision, EN)}; {stop.source}",
                comment=str(number),
                type=stop.kind,
            )
        )
    route = gpxpy.gpx.GPXRoute(name=plan.name)
    for stop in plan.route_stops():
        route.points.append(
            gpxpy.gpx.GPXRoutePoint(latitude=stop.lat, longitude=stop.lon, name=stop.name)
        )
    gpx.routes.append(route)
    track = gpxpy.gpx.GPXTrack(name=f"{plan.name} (estimated path)")
    for leg in legs:
        segment = gpxpy.gpx.GPXTrackSegment()
        for x, y, *_ in leg.geometry.coords:
            segment.points.append(gpxpy.gpx.GPXTrackPoint(latitude=y, longitude=x))
        track.segments.append(segment)
    gpx.tracks.append(track)
    return gpx.to_xml(version="1.1")


def to_kml(plan: Plan, legs: Sequence[Leg]) -> str:
    """KML 2.2: a folder of stop Placemarks in visiting order and a route LineString."""
    _check_legs(plan, legs)
    ET.register_namespace("", KML_NS)

    def sub(parent: ET.Element, tag: str, text: str | None = None) -> ET.Element:
        element = ET.SubElement(parent, f"{{{KML_NS}}}{tag}")
        if text is not None:
            element.text = text  # ElementTree escapes &, <, >
        return element

    root = ET.Element(f"{{{KML_NS}}}kml")
    document = sub(root, "Document")
    sub(document, "name", plan.name)
    sub(document, "description", f"{plan.name} — {plan.start.isoformat()}")
    style = sub(document, "Style")
    style.set("id", "route")
    line_style = sub(style, "LineStyle")
    sub(line_style, "color", "ff2030c0")
    sub(line_style, "width", "3")

    stops_folder = sub(document, "Folder")
    sub(stops_folder, "name", "stops")
    for number, stop in enumerate(_unique_stops(plan)):
        placemark = sub(stops_folder, "Placemark")
        sub(placemark, "name", stop.name)
        sub(
            placemark,
            "description",
            f"#{number} · {stop.kind} · {precision_label(stop.precision, EN)} · {stop.source}",
        )
        extended = sub(placemark, "ExtendedData")
        for key, value in (
            ("order", str(number)),
            ("stop_id", stop.id),
            ("kind", stop.kind),
            ("precision", stop.precision),
            ("source", stop.source),
        ):
            data = sub(extended, "Data")
            data.set("name", key)
            sub(data, "value", value)
        point = sub(placemark, "Point")
        sub(point, "coordinates", f"{stop.lon:.7f},{stop.lat:.7f}")

    route_folder = sub(document, "Folder")
    sub(route_folder, "name", "route")
    placemark = sub(route_folder, "Placemark")
    sub(placemark, "name", plan.name)
    sub(placemark, "styleUrl", "#route")
    line = sub(placemark, "LineString")
    sub(line, "tessellate", "1")
    sub(line, "coordinates", " ".join(f"{x:.7f},{y:.7f}" for x, y in _route_coords(legs)))
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body


# --- CSV, GeoPackage ---------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """Keep spreadsheets from running text as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _hours(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def to_csv(plan: Plan, legs: Sequence[Leg], schedule: Sequence[DayRow] | None = None) -> str:
    """The day plan as CSV text starting with a UTF-8 BOM (Excel then reads Vietnamese right).

    Write the result with ``encoding="utf-8"`` (the BOM is already the first character).
    """
    _check_legs(plan, legs)
    rows = list(schedule) if schedule is not None else make_schedule(plan, legs)
    stops = {s.id: s for s in _unique_stops(plan)}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(
        [
            "day",
            "date",
            "order",
            "stop_id",
            "stop_name",
            "kind",
            "lat",
            "lon",
            "precision",
            "arrival",
            "departure",
            "dwell_minutes",
            "leg_km",
            "leg_hours",
            "leg_method",
            "leg_explanation_vi",
            "leg_explanation_en",
            "overnight",
            "note_vi",
            "note_en",
            "source",
        ]
    )
    for order, row in enumerate(rows):
        stop = stops[row.stop_id]
        leg = legs[row.leg_index] if row.leg_index is not None else None
        writer.writerow(
            [
                _cell(v)
                for v in (
                    row.day,
                    row.date.isoformat(),
                    order,
                    stop.id,
                    stop.name,
                    stop.kind,
                    f"{stop.lat:.6f}",
                    f"{stop.lon:.6f}",
                    stop.precision,
                    row.arrival.isoformat(timespec="minutes") if row.arrival else "",
                    row.departure.isoformat(timespec="minutes") if row.departure else "",
                    f"{row.dwell_minutes:.0f}",
                    "" if row.leg_km is None else f"{row.leg_km:.1f}",
                    _hours(row.leg_hours),
                    row.leg_method or "",
                    leg.explanation_vi if leg else "",
                    leg.explanation_en if leg else "",
                    "yes" if row.overnight else "",
                    row.note_vi,
                    row.note_en,
                    stop.source,
                )
            ]
        )
    return "\ufeff" + buffer.getvalue()


def stops_frame(plan: Plan) -> gpd.GeoDataFrame:
    """The plan's stops (base first) as a GeoDataFrame in EPSG:4326."""
    stops = _unique_stops(plan)
    return gpd.GeoDataFrame(
        {
            "order": list(range(len(stops))),
            "stop_id": [s.id for s in stops],
            "name": [s.name for s in stops],
            "kind": [s.kind for s in stops],
            "precision": [s.precision for s in stops],
            "commune_code": [s.commune_code for s in stops],
            "dwell_minutes": [plan.dwell_minutes(s) for s in stops],
            "source": [s.source for s in stops],
        },
        geometry=[Point(s.lon, s.lat) for s in stops],
        crs=WGS84,
    )


def route_frame(plan: Plan, legs: Sequence[Leg]) -> gpd.GeoDataFrame:
    """One line per leg with its estimate (EPSG:4326)."""
    _check_legs(plan, legs)
    route = plan.route_stops()
    return gpd.GeoDataFrame(
        {
            "leg": list(range(1, len(legs) + 1)),
            "from_name": [route[i].name for i in range(len(legs))],
            "to_name": [route[i + 1].name for i in range(len(legs))],
            "distance_km": [leg.distance_km for leg in legs],
            "hours": [leg.hours for leg in legs],
            "method": [leg.method for leg in legs],
            "explanation_vi": [leg.explanation_vi for leg in legs],
            "explanation_en": [leg.explanation_en for leg in legs],
        },
        geometry=[LineString(leg.geometry.coords) for leg in legs],
        crs=WGS84,
    )


def to_geopackage(plan: Plan, legs: Sequence[Leg]) -> bytes:
    """A GeoPackage with layers ``stops`` and ``route``, as bytes."""
    with tempfile.TemporaryDirectory(prefix="border-atlas-gpkg-") as tmp:
        path = Path(tmp) / "plan.gpkg"
        stops_frame(plan).to_file(path, layer="stops", driver="GPKG", engine="pyogrio")
        route_frame(plan, legs).to_file(path, layer="route", driver="GPKG", engine="pyogrio")
        return path.read_bytes()


# --- HTML itinerary ----------------------------------------------------------------------------


def _num(value: float, lang: str, digits: int = 1) -> str:
    return format_number(value, lang=lang, decimals=digits)


def _svg_sketch(plan: Plan, legs: Sequence[Leg], lang: str) -> dict[str, Any]:
    """Project stops and leg geometries into an SVG viewBox (equirectangular, cos(lat))."""
    points = [(s.lon, s.lat) for s in _unique_stops(plan)]
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
        lines.append(
            {
                "points": " ".join(f"{x},{y}" for x, y in coords),
                "road": leg.method == "road",
                "title": f"{route[index].name} → {route[index + 1].name}: "
                f"{_num(leg.distance_km, lang)} km",
            }
        )
    svg_points = []
    for number, stop in enumerate(_unique_stops(plan)):
        x, y = xy(stop.lon, stop.lat)
        svg_points.append(
            {
                "x": x,
                "y": y,
                "base": number == 0,
                "label": "★" if number == 0 else str(number),
                "name": stop.name,
                # names of stops near the right edge are written to the left of the point
                "name_x": x - 12 if x > SVG_WIDTH * 0.7 else x + 12,
                "anchor": "end" if x > SVG_WIDTH * 0.7 else "start",
                "title": f"{number}. {stop.name}",
            }
        )
    return {"width": SVG_WIDTH, "height": height, "lines": lines, "points": svg_points}


def _precision_label(precision: str, lang: str) -> str:
    return precision_label(precision, lang)


def _stop_labels(plan: Plan) -> dict[str, str]:
    return {s.id: ("★" if i == 0 else str(i)) for i, s in enumerate(_unique_stops(plan))}


def _fmt_time(value: datetime | None, *, with_date: bool = False) -> str:
    if value is None:
        return ""
    return value.strftime("%d/%m %H:%M" if with_date else "%H:%M")


def itinerary_html(
    plan: Plan,
    legs: Sequence[Leg],
    schedule: Sequence[DayRow],
    warnings: Sequence[PlanWarning],
    *,
    lang: str = "vi",
) -> str:
    """A printable, self-contained HTML itinerary (no external resources at all).

    It holds an inline SVG sketch of the trip, the day-by-day table, the warnings with their
    sources, each leg's estimate and the factors used, and the stops with precision and source.
    """
    _check_lang(lang)
    _check_legs(plan, legs)
    t = LABELS[lang]
    travel = plan.travel_settings()
    labels = _stop_labels(plan)
    summary = trip_summary(legs)
    rows = []
    previous_day = None
    for row in schedule:
        kind = message(f"stop_kind.{row.kind}", lang)
        note = row.note_vi if lang == "vi" else row.note_en
        if row.overnight and not note:
            note = t["overnight"]
        rows.append(
            {
                "day": row.day,
                "date": row.date.strftime("%d/%m/%Y"),
                "new_day": previous_day is not None and row.day != previous_day,
                "label": labels.get(row.stop_id, ""),
                "name": row.stop_name,
                "kind": kind,
                "arrival": _fmt_time(row.arrival, with_date=False),
                "departure": _fmt_time(row.departure, with_date=False),
                "leg_km": "" if row.leg_km is None else _num(row.leg_km, lang),
                "leg_hours": "" if row.leg_hours is None else _num(row.leg_hours, lang, 2),
                "method": t.get(f"method_{row.leg_method}", "") if row.leg_method else "",
                "note": note,
            }
        )
        previous_day = row.day
    route = plan.route_stops()
    leg_items = [
        {
            "from_name": route[i].name,
            "to_name": route[i + 1].name,
            "km": _num(leg.distance_km, lang),
            "hours": _num(leg.hours, lang, 2),
            "explanation": leg.explanation(lang),
        }
        for i, leg in enumerate(legs)
    ]
    warning_items = [
        {
            "severity": w.severity if w.severity in {"high", "warning", "info"} else "info",
            "severity_label": t.get(f"severity_{w.severity}", w.severity),
            "text": w.text(lang),
            "sources": w.sources,
        }
        for w in warnings
    ]
    stops = [
        {
            "label": labels[s.id],
            "name": s.name,
            "coords": f"{s.lat:.5f}, {s.lon:.5f}",
            "precision": _precision_label(s.precision, lang),
            "source": s.source,
        }
        for s in _unique_stops(plan)
    ]
    sources = [ROADS_SOURCE, BORDER_SOURCE]
    for w in warnings:
        sources.extend(w.sources)
    sources.extend(s.source for s in _unique_stops(plan) if s.source)
    template = _env.get_template("itinerary.html.j2")
    return template.render(
        lang=lang,
        t=t,
        plan=plan,
        start_text=plan.start.strftime("%d/%m/%Y %H:%M"),
        summary={
            "distance": _num(summary["distance_km"], lang),
            "hours": _num(summary["hours"], lang),
            "days": max((r.day for r in schedule), default=1),
        },
        svg=_svg_sketch(plan, legs, lang),
        rows=rows,
        warnings=warning_items,
        legs=leg_items,
        factors={
            "road_speed": _num(travel.road_speed_kmh, lang, 0),
            "mountain_speed": _num(travel.mountain_speed_kmh, lang, 0),
            "detour": _num(travel.detour_factor, lang, 2),
            "snap": _num(travel.road_snap_km, lang),
            "drive_per_day": _num(plan.drive_hours_per_day, lang),
            "dwell": _num(plan.dwell_minutes_default, lang, 0),
        },
        stops=stops,
        sources=list(dict.fromkeys(s for s in sources if s)),
    )


# --- offline map and field pack ----------------------------------------------------------------


def js_literal(value: Any) -> str:
    """JSON safe to put inside a ``<script>`` block.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e``, ``\\u0026`` (so no ``</script>``
    or ``<!--`` can appear) and U+2028/2029 are escaped; the value parses back unchanged.

    Examples
    --------
    >>> js_literal({"name": "</script>"})
    '{"name": "\\\\u003c/script\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _read_leaflet(leaflet_dir: Path | None) -> tuple[str, str]:
    directory = Path(leaflet_dir) if leaflet_dir is not None else LEAFLET_DIR
    js_path, css_path = directory / "leaflet.js", directory / "leaflet.css"
    missing = [str(p) for p in (js_path, css_path) if not p.is_file()]
    if missing:
        raise DataFileError(
            f"Leaflet is not installed: missing {', '.join(missing)}. Run `make assets` "
            "(it installs Leaflet from npm into static/vendor/)."
        )
    js = js_path.read_text(encoding="utf-8")
    css = css_path.read_text(encoding="utf-8")
    # Source-map comments would make browsers' dev tools fetch a file that is not there.
    js = "\n".join(line for line in js.splitlines() if not line.startswith("//# sourceMappingURL"))
    # Inlined verbatim into <script>/<style>: a closing tag inside would end the block early.
    if "</script" in js.lower() or "</style" in css.lower():
        raise DataFileError(f"{directory} holds an unexpected Leaflet build; run `make assets`.")
    return js, css


def offline_map_html(
    plan: Plan,
    legs: Sequence[Leg],
    *,
    lang: str = "vi",
    leaflet_dir: Path | None = None,
    tile_url: str | None = OSM_TILE_URL,
) -> str:
    """A standalone Leaflet map of the trip with Leaflet's JS and CSS inlined.

    With no tiles reachable (or ``tile_url=None``) the stops and route still show on a plain
    background. Raises :class:`DataFileError` when Leaflet is not installed.
    """
    _check_lang(lang)
    _check_legs(plan, legs)
    js, css = _read_leaflet(leaflet_dir)
    t = LABELS[lang]
    route = plan.route_stops()
    stops = []
    for number, stop in enumerate(_unique_stops(plan)):
        stops.append(
            {
                "lat": stop.lat,
                "lon": stop.lon,
                "base": number == 0,
                "label": f"{'★' if number == 0 else number} {stop.name}",
                "popup": f"{stop.name}\n{_precision_label(stop.precision, lang)}\n{stop.source}",
            }
        )
    leg_data = [
        {
            "coords": [[float(y), float(x)] for x, y, *_ in leg.geometry.coords],
            "road": leg.method == "road",
            "label": f"{route[i].name} → {route[i + 1].name}: {_num(leg.distance_km, lang)} km, "
            f"{_num(leg.hours, lang, 2)} {t['hours_unit']}. {leg.explanation(lang)}",
        }
        for i, leg in enumerate(legs)
    ]
    summary = trip_summary(legs)
    info = (
        f"{plan.name}\n{t['start']}: {plan.start.strftime('%d/%m/%Y %H:%M')}\n"
        f"{t['total_distance']}: {_num(summary['distance_km'], lang)} km · "
        f"{t['total_driving']}: {_num(summary['hours'], lang)} {t['hours_unit']}\n"
        f"{t['map_legend']}"
    )
    trip = {
        "stops": stops,
        "legs": leg_data,
        "info": info,
        "tile_url": tile_url,
        "tile_attribution": OSM_ATTRIBUTION if tile_url == OSM_TILE_URL else "",
    }
    return _env.get_template("map.html.j2").render(
        lang=lang,
        title=f"{t['title']}: {plan.name}",
        leaflet_js=js,
        leaflet_css=css,
        trip_json=js_literal(trip),
    )


def field_pack(
    plan: Plan,
    legs: Sequence[Leg],
    schedule: Sequence[DayRow],
    warnings: Sequence[PlanWarning],
    *,
    leaflet_dir: Path | None = None,
    tile_url: str | None = OSM_TILE_URL,
) -> bytes:
    """A zip for the field: plan.json, GPX, KML, CSV, GeoPackage, itineraries, offline map.

    Members: ``plan.json``, ``route.gpx``, ``route.kml``, ``schedule.csv``, ``plan.gpkg``,
    ``itinerary_vi.html``, ``itinerary_en.html``, ``warnings.json``, ``map.html``.
    """
    map_html = offline_map_html(plan, legs, leaflet_dir=leaflet_dir, tile_url=tile_url)
    members: dict[str, bytes] = {
        "plan.json": json.dumps(plan.to_dict(), ensure_ascii=False, indent=2).encode("utf-8"),
        "route.gpx": to_gpx(plan, legs).encode("utf-8"),
        "route.kml": to_kml(plan, legs).encode("utf-8"),
        "schedule.csv": to_csv(plan, legs, schedule).encode("utf-8"),
        "plan.gpkg": to_geopackage(plan, legs),
        "itinerary_vi.html": itinerary_html(plan, legs, schedule, warnings, lang="vi").encode(
            "utf-8"
        ),
        "itinerary_en.html": itinerary_html(plan, legs, schedule, warnings, lang="en").encode(
            "utf-8"
        ),
        "warnings.json": json.dumps(
            [w.to_dict() for w in warnings], ensure_ascii=False, indent=2
        ).encode("utf-8"),
        "map.html": map_html.encode("utf-8"),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()
