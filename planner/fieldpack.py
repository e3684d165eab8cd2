"""The field pack: a zip with everything a team without a connection needs.

It holds the plan (JSON), GPX, KML, CSV, GeoPackage, the itinerary in both languages, the
warnings (JSON) and ``map.html``: an offline Leaflet map, phone first, that loads nothing from
anywhere. Leaflet's JS and CSS and the map's own ``templates/fieldpack_map.js`` and
``templates/fieldpack_map.css`` are inlined; the trip and its context are embedded as JSON.

The map draws the communes coloured by landslide risk, the national roads and the derived
border line near the trip (when the caller passes them), the legs, and the stops as numbered
markers (★ for the base) listed in a key, so no text label can collide with another. A
"my position" button uses the phone's GPS (no network needed) to show where the team is and
the distance and direction to the next stop: the first stop in the plan's order not yet
reached (within :data:`ARRIVAL_KM`), or the one the user picks in the key.

Context layers are clipped to the trip's bounding box grown by :data:`CONTEXT_MARGIN_DEGREES`,
simplified with a tolerance of :data:`SIMPLIFY_DEGREES` and rounded to :data:`DECIMALS`
decimals, which keeps ``map.html`` small. Under them lies the app's offline basemap for the
pack's area (:data:`BASEMAP_MARGIN_DEGREES` beyond the context box,
:func:`layers.basemap.inline_basemap`): the relief picture as a ``data:`` URI, and rivers,
national roads and place labels clipped to the same box, drawn by the app's own
``static/atlas/basemap.js`` (inlined too). No basemap tiles by default: a tile URL is only
used when the caller passes ``tile_url`` (the offline basemap then takes over if tiles fail).

A "Record" button opens a short form (``templates/fieldpack_observe.js``) that records field
observations offline: kind, note, photos made smaller in the browser, the phone's GPS position
(or a tap on the map, labelled so), stop, observer and time, kept in the browser's IndexedDB and
exported as a zip (:data:`layers.observations.EXPORT_MEMBER` and ``photos/``, written with
fflate, inlined too) that the app imports. The limits come from :mod:`geo.settings` through
the page's data.

The planner does not know where the app keeps Leaflet: callers pass the directory holding
``leaflet.js`` and ``leaflet.css`` (the app's is ``ui.assets.VENDOR_DIR / "leaflet"``);
fflate is read from ``fflate/`` next to it unless ``fflate_dir`` says otherwise.

Examples
--------
>>> js_literal({"name": "</script>"})
'{"name":"\\\\u003c/script\\\\u003e"}'
>>> import shapely
>>> _latlon(shapely.LineString([(104.123456, 20.5), (104.2, 20.6)]))
[[20.5, 104.12346], [20.6, 104.2]]
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely

from geo.catalogue import Catalogue
from geo.display import prepare_display_geometries
from geo.errors import DataFileError
from geo.settings import (
    MAX_NOTE_CHARS,
    MAX_OBSERVATION_PHOTOS,
    PHOTO_MAX_BYTES,
    PHOTO_MAX_PX,
    PHOTO_TARGET_BYTES,
)
from geo.vocabulary import MARKER_CONDITIONS, OBSERVATION_KINDS, RISK_CLASSES, WGS84
from i18n.messages import MESSAGES, message, precision_label, risk_label
from i18n.numbers import format_number
from layers.basemap import inline_basemap
from layers.observations import EXPORT_FORMAT, EXPORT_MEMBER, EXPORT_VERSION
from planner.exports import to_csv, to_geopackage, to_gpx, to_kml
from planner.fieldpack_assets import (  # noqa: F401 (_inline, TEMPLATE_DIR: re-exported)
    TEMPLATE_DIR,
    _inline,
    _read_leaflet,
    basemap_assets,
    js_literal,
    map_assets,
    observe_assets,
    read_fflate,
)
from planner.itinerary import TEMPLATES, itinerary_html, words
from planner.plan import Plan
from planner.plan_warnings import PlanWarning
from planner.schedule import DayRow
from planner.travel import Leg, check_legs, trip_summary

BASEMAP_MARGIN_DEGREES = 0.1
"""The pack's basemap reaches this far beyond the context box (~11 km)."""

SIMPLIFY_DEGREES = 0.001
"""Simplification tolerance of everything the pack's map draws (about 110 m)."""
DECIMALS = 5
"""Decimals of the coordinates written into ``map.html`` (about 1 m)."""
CONTEXT_MARGIN_DEGREES = 0.15
"""Communes, roads and border are kept within the trip's bounding box grown by this (~16 km)."""
OVERNIGHT_KIND = "overnight"
"""``DayRow.kind`` of a night along a leg; with ``lat``/``lon`` it is drawn as its own point."""
ARRIVAL_KM = 0.5
"""A position this close to the next stop counts as having reached it."""
_METRES_PER_DEGREE = 111_320.0
_WORD_PREFIX = "fieldpack."

Box = tuple[float, float, float, float]
"""``(west, south, east, north)`` in degrees."""


def _latlon(line: shapely.LineString | shapely.LinearRing) -> list[list[float]]:
    """``[[lat, lon], ...]`` of a line, rounded to :data:`DECIMALS` decimals."""
    return [[round(float(y), DECIMALS), round(float(x), DECIMALS)] for x, y, *_ in line.coords]


def _parts(geometry: shapely.Geometry) -> list[shapely.Geometry]:
    if geometry is None or geometry.is_empty:
        return []
    if hasattr(geometry, "geoms"):
        return [part for g in geometry.geoms for part in _parts(g)]
    return [geometry]


def trip_box(plan: Plan, legs: Sequence[Leg], *, margin: float = CONTEXT_MARGIN_DEGREES) -> Box:
    """The stops' and legs' bounding box, grown by ``margin`` degrees on every side.

    Examples
    --------
    >>> from datetime import datetime
    >>> from planner.plan import Stop
    >>> from planner.travel import plan_legs
    >>> base = Stop(id="b", name="Base", kind="point", lat=20.0, lon=105.0,
    ...             precision="published", commune_code=None, source="user")
    >>> plan = Plan(name="T", base=base, stops=[], start=datetime(2025, 3, 1, 7))
    >>> trip_box(plan, [], margin=0.1)
    (104.9, 19.9, 105.1, 20.1)
    """
    xs = [s.lon for s in plan.all_stops()]
    ys = [s.lat for s in plan.all_stops()]
    for leg in legs:
        west, south, east, north = leg.geometry.bounds
        xs += [west, east]
        ys += [south, north]
    return (
        round(min(xs) - margin, 6),
        round(min(ys) - margin, 6),
        round(max(xs) + margin, 6),
        round(max(ys) + margin, 6),
    )


def context_lines(layer: gpd.GeoDataFrame | None, box: Box) -> list[dict[str, Any]]:
    """Lines of ``layer`` inside ``box``: clipped, simplified, rounded, ready for the page.

    Each item has ``lines`` (a list of ``[[lat, lon], ...]``), ``name`` and ``road_class``
    (empty when the layer has no such column).

    Examples
    --------
    >>> road = gpd.GeoDataFrame({"name": ["QL 1"]}, crs="EPSG:4326",
    ...     geometry=[shapely.LineString([(104, 20), (106, 20)])])
    >>> context_lines(road, (104.5, 19.5, 105.0, 20.5))
    [{'lines': [[[20.0, 104.5], [20.0, 105.0]]], 'name': 'QL 1', 'road_class': ''}]
    """
    if layer is None or not len(layer):
        return []
    frame = layer.to_crs(WGS84) if layer.crs is not None else layer
    clipped = shapely.clip_by_rect(frame.geometry.to_numpy(), *box)
    simple = shapely.set_precision(
        shapely.simplify(clipped, SIMPLIFY_DEGREES, preserve_topology=False), 10.0**-DECIMALS
    )
    names = frame["name"] if "name" in frame.columns else [""] * len(frame)
    classes = frame["road_class"] if "road_class" in frame.columns else [""] * len(frame)
    out = []
    for geometry, name, road_class in zip(simple, names, classes, strict=True):
        lines = [_latlon(part) for part in _parts(geometry) if part.geom_type == "LineString"]
        lines = [line for line in lines if len(line) > 1]
        if lines:
            out.append({"lines": lines, "name": _text(name), "road_class": _text(road_class)})
    return out


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)


def context_communes(
    communes: gpd.GeoDataFrame | None, box: Box, *, lang: str
) -> list[dict[str, Any]]:
    """Communes touching ``box``, simplified as a coverage, with their risk class and label.

    Each item has ``rings`` (Leaflet's nested ``[lat, lon]`` lists), ``risk`` (a code of
    :data:`geo.vocabulary.RISK_CLASSES`, ``unknown`` when missing) and ``label``.

    Examples
    --------
    >>> square = gpd.GeoDataFrame({"code": ["1"], "name": ["Na Mèo"], "risk_class": ["high"]},
    ...     geometry=[shapely.box(104.6, 20.2, 104.7, 20.3)], crs="EPSG:4326")
    >>> [item] = context_communes(square, (104.0, 20.0, 105.0, 21.0), lang="en")
    >>> item["risk"], item["label"], len(item["rings"][0])
    ('high', 'Na Mèo: landslide risk high', 4)
    """
    if communes is None or not len(communes):
        return []
    frame = communes.to_crs(WGS84)
    frame = frame[frame.geometry.intersects(shapely.box(*box))]
    if not len(frame):
        return []
    if "risk_class" not in frame.columns:
        frame = frame.assign(risk_class="unknown")
    light = prepare_display_geometries(
        frame,
        tolerance_m=SIMPLIFY_DEGREES * _METRES_PER_DEGREE,
        decimals=DECIMALS,
        columns=["name", "risk_class"],
    )
    out = []
    for name, risk, geometry in zip(
        light["name"], light["risk_class"], light.geometry, strict=True
    ):
        polygons = [p for p in _parts(geometry) if p.geom_type == "Polygon"]
        rings = [[_latlon(ring)[:-1] for ring in (p.exterior, *p.interiors)] for p in polygons]
        if not rings:
            continue
        risk = risk if risk in RISK_CLASSES else "unknown"
        label = message(
            "fieldpack.commune_popup", lang, name=_text(name), risk=risk_label(risk, lang)
        )
        out.append({"rings": rings[0] if len(rings) == 1 else rings, "risk": risk, "label": label})
    return out


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and math.isfinite(value)


def _row_name(row: DayRow, lang: str) -> str:
    """The row's name in ``lang`` (``DayRow.name(lang)`` where the schedule has it)."""
    name = getattr(row, "name", None)
    return str(name(lang)) if callable(name) else row.stop_name


def _rows_by_stop(rows: Sequence[DayRow], lang: str) -> tuple[dict[str, list[str]], list[dict]]:
    """What the key says under each stop (arrivals, nights) and the overnight points."""
    notes: dict[str, list[str]] = {}
    nights = []
    for row in rows:
        day_date = row.date.strftime("%d/%m/%Y")
        lat, lon = getattr(row, "lat", None), getattr(row, "lon", None)
        if row.kind == OVERNIGHT_KIND:
            if _finite(lat) and _finite(lon):
                nights.append(
                    {
                        "lat": round(float(lat), DECIMALS),
                        "lon": round(float(lon), DECIMALS),
                        "name": _row_name(row, lang),
                        "text": message("fieldpack.overnight_at", lang, day=row.day, date=day_date),
                    }
                )
            continue
        lines = notes.setdefault(row.stop_id, [])
        if row.arrival is not None:
            lines.append(
                message("fieldpack.arrival", lang, day=row.day, time=row.arrival.strftime("%H:%M"))
            )
        if row.overnight:
            lines.append(message("fieldpack.overnight_at", lang, day=row.day, date=day_date))
    return notes, nights


def _trip_data(
    plan: Plan,
    legs: Sequence[Leg],
    rows: Sequence[DayRow],
    warnings: Sequence[PlanWarning],
    lang: str,
) -> dict[str, Any]:
    t = words(lang)
    notes, nights = _rows_by_stop(rows, lang)
    stop_warnings: dict[str, list[str]] = {}
    for warning in warnings:
        if warning.stop_id:
            stop_warnings.setdefault(warning.stop_id, []).append(warning.text(lang))
    stops = [
        {
            "n": "★" if number == 0 else str(number),
            "lat": round(stop.lat, DECIMALS),
            "lon": round(stop.lon, DECIMALS),
            "name": stop.name,
            "about": f"{message(f'stop_kind.{stop.kind}', lang)} · "
            f"{precision_label(stop.precision, lang)}",
            "source": stop.source,
            "times": notes.get(stop.id, []),
            "warnings": stop_warnings.get(stop.id, []),
            "id": stop.id,
        }
        for number, stop in enumerate(plan.all_stops())
    ]
    route = plan.route_stops()
    leg_data = []
    for i, leg in enumerate(legs):
        km = format_number(leg.distance_km, lang=lang, decimals=1)
        hours = format_number(leg.hours, lang=lang, decimals=2)
        line = shapely.simplify(leg.geometry, SIMPLIFY_DEGREES / 4)
        leg_data.append(
            {
                "coords": _latlon(line),
                "road": leg.method == "road",
                "label": f"{route[i].name} → {route[i + 1].name}: {km} km, {hours} "
                f"{t['hours_unit']}",
                "about": leg.explanation(lang),
            }
        )
    summary = trip_summary(legs)
    distance = format_number(summary["distance_km"], lang=lang, decimals=1)
    driving = format_number(summary["hours"], lang=lang, decimals=1)
    order = list(range(1, len(stops)))
    if plan.round_trip and order:
        order.append(0)
    return {
        "name": plan.name,
        "summary": f"{t['start']}: {plan.start.strftime('%d/%m/%Y %H:%M')} · "
        f"{distance} km · {driving} {t['hours_unit']}",
        "stops": stops,
        "order": order,
        "nights": nights,
        "legs": leg_data,
        "general_warnings": [w.text(lang) for w in warnings if not w.stop_id],
        "storage_key": f"{plan.name}|{plan.start.isoformat()}",
    }


def _sources(*layers: gpd.GeoDataFrame | None) -> list[str]:
    found: list[str] = []
    for layer in layers:
        if layer is not None and "source" in layer.columns:
            found.extend(str(source) for source in layer["source"].dropna().unique())
    return list(dict.fromkeys(found))


def _words(lang: str, risks: Sequence[str]) -> dict[str, Any]:
    own: dict[str, Any] = {
        key.removeprefix(_WORD_PREFIX): message(key, lang)
        for key in MESSAGES
        if key.startswith(_WORD_PREFIX)
    }
    own["compass"] = own["compass"].split(",")
    own["next_rule"] = message(
        "fieldpack.next_rule", lang, km=format_number(ARRIVAL_KM, lang=lang, decimals=1)
    )
    own["risks"] = [[risk, risk_label(risk, lang)] for risk in RISK_CLASSES if risk in risks]
    own["sources"] = message("sources", lang)
    own["obs_kinds"] = [[kind, message(f"obs_kind.{kind}", lang)] for kind in OBSERVATION_KINDS]
    own["marker_conditions"] = [
        [code, message(f"marker_condition.{code}", lang)] for code in MARKER_CONDITIONS
    ]
    own["obs_position"] = {code: message(f"obs_position.{code}", lang) for code in ("gps", "map")}
    return own


def _observe_data(plan: Plan) -> dict[str, Any]:
    """What the recording form needs: the plan, the limits of a record and of its photos."""
    return {
        "plan": plan.name,
        "plan_start": plan.start.isoformat(),
        "member": EXPORT_MEMBER,
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "max_photos": MAX_OBSERVATION_PHOTOS,
        "max_note_chars": MAX_NOTE_CHARS,
        "photo_max_px": PHOTO_MAX_PX,
        "photo_target_bytes": PHOTO_TARGET_BYTES,
        "photo_max_bytes": PHOTO_MAX_BYTES,
    }


def offline_map_html(
    plan: Plan,
    legs: Sequence[Leg],
    *,
    leaflet_dir: Path,
    lang: str = "vi",
    rows: Sequence[DayRow] = (),
    warnings: Sequence[PlanWarning] = (),
    communes: gpd.GeoDataFrame | None = None,
    border: gpd.GeoDataFrame | None = None,
    roads: gpd.GeoDataFrame | None = None,
    tile_url: str | None = None,
    tile_attribution: str = "",
    basemap: bool = True,
    catalogue: Catalogue | None = None,
    fflate_dir: Path | None = None,
) -> str:
    """A standalone, phone-first Leaflet map of the trip that needs no network.

    Parameters
    ----------
    plan, legs
        The plan and its legs (:func:`planner.travel.plan_legs`).
    leaflet_dir
        Directory holding ``leaflet.js`` and ``leaflet.css``.
    lang
        ``"vi"`` or ``"en"``.
    rows
        The day plan (:func:`planner.schedule.schedule`): arrival times go in the key, rows
        of kind ``"overnight"`` with ``lat``/``lon`` are drawn as overnight points.
    warnings
        Their one-line ``text(lang)`` goes with their stop (or at the top of the key).
    communes
        Communes (``name``, ``risk_class``; any CRS), drawn coloured by risk.
    border
        The derived border line (``atlas.get("border")``).
    roads
        Road lines (``name``, ``road_class`` if present), e.g. ``atlas.get("roads")``.
    tile_url, tile_attribution
        Basemap tiles, only when given: by default the page loads nothing from anywhere.
    basemap
        Put the offline basemap of the pack's area into the page (inlined); it is
        left out, and the page says "no background map", when the bundle cannot give it.
    catalogue
        The bundle the basemap is made from (default :meth:`Catalogue.load`).
    fflate_dir
        Directory holding ``fflate.js`` (the zip writer of the "Export" button of the
        observations form); default ``fflate`` next to ``leaflet_dir``.

    Raises
    ------
    DataFileError
        When Leaflet is not in ``leaflet_dir`` or fflate not in ``fflate_dir``.

    Examples
    --------
    >>> from datetime import datetime
    >>> from planner.plan import Stop
    >>> from planner.travel import plan_legs
    >>> base = Stop(id="b", name="Base", kind="point", lat=20.0, lon=105.0,
    ...             precision="published", commune_code=None, source="user")
    >>> plan = Plan(name="T", base=base, stops=[], start=datetime(2025, 3, 1, 7))
    >>> leaflet = TEMPLATE_DIR.parents[1] / "static" / "vendor" / "leaflet"
    >>> html = offline_map_html(plan, plan_legs(plan, network=None), leaflet_dir=leaflet)
    >>> "tile.openstreetmap" in html, "fp-locate" in html
    (False, True)
    """
    check_legs(plan, legs)
    leaflet_js, leaflet_css = _read_leaflet(Path(leaflet_dir))
    map_js, map_css = map_assets()
    observe_js, observe_css = observe_assets()
    fflate_js = read_fflate(Path(fflate_dir or Path(leaflet_dir).parent / "fflate"))
    box = trip_box(plan, legs)
    trip = _trip_data(plan, legs, rows, warnings, lang)
    trip["communes"] = context_communes(communes, box, lang=lang)
    trip["roads"] = context_lines(roads, box)
    trip["border"] = context_lines(border, box)
    trip["sources"] = _sources(roads if trip["roads"] else None, border if trip["border"] else None)
    trip["words"] = _words(lang, {c["risk"] for c in trip["communes"]})
    trip["number"] = {
        "decimal": format_number(0.5, lang=lang, decimals=1)[1],
        "group": format_number(1000, lang=lang, decimals=0)[1],
    }
    trip["arrival_km"] = ARRIVAL_KM
    trip["observe"] = _observe_data(plan)
    trip["tile_url"] = tile_url
    trip["tile_attribution"] = tile_attribution
    trip["basemap"] = None
    basemap_js = basemap_css = ""
    if basemap:
        margin = BASEMAP_MARGIN_DEGREES
        try:
            trip["basemap"] = inline_basemap(
                catalogue=catalogue or Catalogue.load(),
                box=(box[0] - margin, box[1] - margin, box[2] + margin, box[3] + margin),
                lang=lang,
                standby=bool(tile_url),
            )
            basemap_js, basemap_css = basemap_assets()
        except (DataFileError, OSError):
            trip["basemap"] = None
    return TEMPLATES.get_template("map.html.j2").render(
        lang=lang,
        title=f"{words(lang)['title']}: {plan.name}",
        leaflet_js=leaflet_js,
        leaflet_css=leaflet_css,
        map_js=map_js,
        map_css=map_css,
        observe_js=observe_js,
        observe_css=observe_css,
        fflate_js=fflate_js,
        basemap_js=basemap_js,
        basemap_css=basemap_css,
        trip_json=js_literal(trip),
    )


def field_pack(
    plan: Plan,
    legs: Sequence[Leg],
    rows: Sequence[DayRow],
    warnings: Sequence[PlanWarning],
    *,
    leaflet_dir: Path,
    lang: str = "vi",
    communes: gpd.GeoDataFrame | None = None,
    border: gpd.GeoDataFrame | None = None,
    roads: gpd.GeoDataFrame | None = None,
    tile_url: str | None = None,
    tile_attribution: str = "",
    basemap: bool = True,
    catalogue: Catalogue | None = None,
    fflate_dir: Path | None = None,
) -> bytes:
    """A zip for the field: plan.json, GPX, KML, CSV, GeoPackage, itineraries, offline map.

    Members: ``plan.json``, ``route.gpx``, ``route.kml``, ``schedule.csv``, ``plan.gpkg``,
    ``itinerary_vi.html``, ``itinerary_en.html``, ``warnings.json``, ``map.html``. The
    arguments are those of :func:`planner.itinerary.itinerary_html` and
    :func:`offline_map_html` (``lang`` is the map's language; the itinerary comes in both).
    """
    map_html = offline_map_html(
        plan,
        legs,
        leaflet_dir=leaflet_dir,
        lang=lang,
        rows=rows,
        warnings=warnings,
        communes=communes,
        border=border,
        roads=roads,
        tile_url=tile_url,
        tile_attribution=tile_attribution,
        basemap=basemap,
        catalogue=catalogue,
        fflate_dir=fflate_dir,
    )
    members: dict[str, bytes | str] = {
        "plan.json": json.dumps(plan.to_dict(), ensure_ascii=False, indent=2),
        "route.gpx": to_gpx(plan, legs),
        "route.kml": to_kml(plan, legs),
        "schedule.csv": to_csv(plan, legs, rows),
        "plan.gpkg": to_geopackage(plan, legs),
        "itinerary_vi.html": itinerary_html(plan, legs, rows, warnings, lang="vi"),
        "itinerary_en.html": itinerary_html(plan, legs, rows, warnings, lang="en"),
        "warnings.json": json.dumps([w.to_dict() for w in warnings], ensure_ascii=False, indent=2),
        "map.html": map_html,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return buffer.getvalue()
