"""A visit plan in the formats of other tools: GPX, KML, CSV and GeoPackage.

Every text that comes from data or users is escaped for the format it goes into: XML by gpxpy
and ElementTree; CSV cells that a spreadsheet would run as a formula get a leading ``'``
(:func:`i18n.cells.safe_cell`, the rule every CSV and XLSX of the app follows).

Every stop carries what its position is: the label of its precision in both languages
(:func:`precision_text`) and its source, in the GPX ``<desc>``, ``<cmt>`` and ``<src>``, the KML
description and data, the CSV (``precision_vi``, ``precision_en``, ``source``) and the
GeoPackage. Nothing is called a seat unless its precision is one of
:data:`geo.vocabulary.SEAT_PRECISIONS`: the labels of the other codes say what the point is
(e.g. "point of the former commune (GeoNames), not the office").

Examples
--------
>>> from datetime import datetime
>>> from planner.plan import Plan, Stop
>>> from planner.travel import plan_legs
>>> base = Stop(id="b", name="Base", kind="point", lat=20.0, lon=105.0,
...             precision="published", commune_code=None, source="user")
>>> stop = Stop(id="s", name="A & B", kind="site", lat=20.1, lon=105.1,
...             precision="published", commune_code=None, source="user")
>>> plan = Plan(name="Trip", base=base, stops=[stop], start=datetime(2025, 3, 1, 7))
>>> legs = plan_legs(plan, network=None)
>>> "A &amp; B" in to_gpx(plan, legs)
True
>>> to_csv(plan, legs).splitlines()[2].split(",")[4]
'A & B'
>>> "coordinates published by a cited source" in to_gpx(plan, legs)
True
"""

from __future__ import annotations

import csv
import io
import math
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import geopandas as gpd
import gpxpy
import gpxpy.gpx
from shapely.geometry import LineString, Point

from geo.citations import without_paths
from geo.vocabulary import PRECISIONS, WGS84
from i18n.cells import safe_cell
from i18n.messages import EN, VI, precision_label
from planner.plan import Plan, Stop
from planner.schedule import DayRow, schedule
from planner.travel import Leg, check_legs

KML_NS = "http://www.opengis.net/kml/2.2"
CREATOR = "Border Atlas"


def precision_text(precision: str) -> str:
    """The label of a precision code in both languages, Vietnamese first ("" for no code).

    Examples
    --------
    >>> vi, en = precision_text("former_commune_point").split(" / ")
    >>> vi
    'điểm của xã cũ (GeoNames), không phải trụ sở'
    >>> en
    'point of the former commune (GeoNames), not the office'
    >>> precision_text("")
    ''
    """
    if precision not in PRECISIONS:
        return ""
    return f"{precision_label(precision, VI)} / {precision_label(precision, EN)}"


def _stop_text(stop: Stop) -> str:
    """What the stop's position is and where it comes from: ``labels · source``."""
    parts = (precision_text(stop.precision), without_paths(stop.source))
    return " · ".join(part for part in parts if part)


def _route_coords(legs: Sequence[Leg]) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for leg in legs:
        part = [(float(x), float(y)) for x, y, *_ in leg.geometry.coords]
        if coords and part and coords[-1] == part[0]:
            part = part[1:]
        coords.extend(part)
    return coords


def to_gpx(plan: Plan, legs: Sequence[Leg]) -> str:
    """GPX 1.1: one waypoint per stop (base first), one ordered route, and the drawn track.

    Each waypoint's ``<desc>`` is ``kind · precision label (vi / en) · source``, its ``<cmt>``
    ``#order · precision label (vi / en) · source`` and its ``<src>`` the source. The route's
    points are the stops in visiting order (back to the base for a round trip); the track
    follows the leg geometries (national roads where used).
    """
    check_legs(plan, legs)
    gpx = gpxpy.gpx.GPX()
    gpx.creator = CREATOR
    gpx.name = plan.name
    gpx.description = f"{plan.name} — {plan.start.isoformat()}"
    for number, stop in enumerate(plan.all_stops()):
        waypoint = gpxpy.gpx.GPXWaypoint(
            latitude=stop.lat,
            longitude=stop.lon,
            name=stop.name,
            description=f"{stop.kind} · {_stop_text(stop)}",
            comment=f"#{number} · {_stop_text(stop)}",
            type=stop.kind,
        )
        waypoint.source = without_paths(stop.source) or None
        gpx.waypoints.append(waypoint)
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
    """KML 2.2: a folder of stop Placemarks in visiting order and a route LineString.

    Each Placemark's description is ``#order · kind · precision label (vi / en) · source``; its
    ExtendedData holds the precision code, both labels and the source.
    """
    check_legs(plan, legs)
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
    for number, stop in enumerate(plan.all_stops()):
        placemark = sub(stops_folder, "Placemark")
        sub(placemark, "name", stop.name)
        sub(placemark, "description", f"#{number} · {stop.kind} · {_stop_text(stop)}")
        extended = sub(placemark, "ExtendedData")
        for key, value in (
            ("order", str(number)),
            ("stop_id", stop.id),
            ("kind", stop.kind),
            ("precision", stop.precision),
            ("precision_vi", precision_label(stop.precision, VI)),
            ("precision_en", precision_label(stop.precision, EN)),
            ("source", without_paths(stop.source)),
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


@dataclass(frozen=True)
class _RowPoint:
    """What the CSV writes about the place of one day-plan row."""

    id: str
    name: str
    kind: str
    lat: float | None
    lon: float | None
    precision: str
    source: str


def _row_point(row: DayRow, stops: dict[str, Stop]) -> _RowPoint:
    """The stop of ``row``; for a row that is no stop of the plan (an overnight place), what
    the row itself says, and no position or precision unless it carries them."""
    stop = stops.get(row.stop_id)
    if stop is not None:
        return _RowPoint(
            stop.id,
            stop.name,
            stop.kind,
            stop.lat,
            stop.lon,
            stop.precision,
            without_paths(stop.source),
        )
    lat, lon = getattr(row, "lat", None), getattr(row, "lon", None)
    has_position = isinstance(lat, int | float) and isinstance(lon, int | float)
    has_position = has_position and math.isfinite(lat) and math.isfinite(lon)
    precision = str(getattr(row, "precision", "") or "")
    return _RowPoint(
        id=str(row.stop_id),
        name=str(row.stop_name),
        kind=str(row.kind),
        lat=float(lat) if has_position else None,
        lon=float(lon) if has_position else None,
        precision=precision if has_position and precision in PRECISIONS else "",
        source=without_paths(str(getattr(row, "source", "") or "")),
    )


def to_csv(plan: Plan, legs: Sequence[Leg], rows: Sequence[DayRow] | None = None) -> str:
    """The day plan as CSV text starting with a UTF-8 BOM (Excel then reads Vietnamese right).

    One line per row of ``rows`` (:func:`planner.schedule.schedule` of the plan when ``None``)
    with the leg that arrives there, the stop's precision (code and label in both languages)
    and its source. A row that is not a stop of the plan (e.g. of kind ``overnight``) keeps its
    own name and kind; its position and precision are written only when the row has them.
    Write the result with ``encoding="utf-8"`` (the BOM is already the first character).
    """
    check_legs(plan, legs)
    rows = list(rows) if rows is not None else schedule(plan, legs)
    stops = {s.id: s for s in plan.all_stops()}
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
            "precision_vi",
            "precision_en",
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
        point = _row_point(row, stops)
        leg = legs[row.leg_index] if row.leg_index is not None else None
        writer.writerow(
            [
                safe_cell(v)
                for v in (
                    row.day,
                    row.date.isoformat(),
                    order,
                    point.id,
                    point.name,
                    point.kind,
                    "" if point.lat is None else f"{point.lat:.6f}",
                    "" if point.lon is None else f"{point.lon:.6f}",
                    point.precision,
                    precision_label(point.precision, VI) if point.precision else "",
                    precision_label(point.precision, EN) if point.precision else "",
                    row.arrival.isoformat(timespec="minutes") if row.arrival else "",
                    row.departure.isoformat(timespec="minutes") if row.departure else "",
                    f"{row.dwell_minutes:.0f}",
                    "" if row.leg_km is None else f"{row.leg_km:.1f}",
                    "" if row.leg_hours is None else f"{row.leg_hours:.2f}",
                    row.leg_method or "",
                    leg.explanation_vi if leg else "",
                    leg.explanation_en if leg else "",
                    "yes" if row.overnight else "",
                    row.note_vi,
                    row.note_en,
                    point.source,
                )
            ]
        )
    return "\ufeff" + buffer.getvalue()


def stops_frame(plan: Plan) -> gpd.GeoDataFrame:
    """The plan's stops (base first) as a GeoDataFrame in EPSG:4326."""
    stops = plan.all_stops()
    return gpd.GeoDataFrame(
        {
            "order": list(range(len(stops))),
            "stop_id": [s.id for s in stops],
            "name": [s.name for s in stops],
            "kind": [s.kind for s in stops],
            "precision": [s.precision for s in stops],
            "precision_vi": [precision_label(s.precision, VI) for s in stops],
            "precision_en": [precision_label(s.precision, EN) for s in stops],
            "commune_code": [s.commune_code for s in stops],
            "dwell_minutes": [plan.dwell_minutes(s) for s in stops],
            "source": [without_paths(s.source) for s in stops],
        },
        geometry=[Point(s.lon, s.lat) for s in stops],
        crs=WGS84,
    )


def route_frame(plan: Plan, legs: Sequence[Leg]) -> gpd.GeoDataFrame:
    """One line per leg with its estimate (EPSG:4326)."""
    check_legs(plan, legs)
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
