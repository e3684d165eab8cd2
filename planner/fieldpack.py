"""The field pack: a zip with everything a team without a connection needs.

It holds the plan (JSON), GPX, KML, CSV, GeoPackage, the itinerary in both languages, the
warnings (JSON) and ``map.html``, an offline Leaflet map with Leaflet's JS and CSS inlined.
Without tiles the map shows the stops and route on a plain background.

The planner does not know where the app keeps Leaflet: callers pass the directory holding
``leaflet.js`` and ``leaflet.css`` (the app's is ``ui.assets.VENDOR_DIR / "leaflet"``).

Examples
--------
>>> js_literal({"name": "</script>"})
'{"name": "\\\\u003c/script\\\\u003e"}'
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geo.errors import DataFileError
from i18n.messages import precision_label
from i18n.numbers import format_number
from planner.exports import to_csv, to_geopackage, to_gpx, to_kml
from planner.itinerary import TEMPLATES, itinerary_html, words
from planner.plan import Plan
from planner.plan_warnings import PlanWarning
from planner.schedule import DayRow
from planner.travel import Leg, check_legs, trip_summary

OSM_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = "© OpenStreetMap contributors"


def js_literal(value: Any) -> str:
    """JSON safe to put inside a ``<script>`` block.

    ``<``, ``>`` and ``&`` become ``\\u003c``, ``\\u003e``, ``\\u0026`` (so no ``</script>``
    or ``<!--`` can appear) and U+2028/2029 are escaped; the value parses back unchanged.

    Examples
    --------
    >>> json.loads(js_literal(["a & b", "<!--"])) == ["a & b", "<!--"]
    True
    """
    text = json.dumps(value, ensure_ascii=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _read_leaflet(directory: Path) -> tuple[str, str]:
    js_path, css_path = directory / "leaflet.js", directory / "leaflet.css"
    missing = [str(p) for p in (js_path, css_path) if not p.is_file()]
    if missing:
        raise DataFileError(
            f"Leaflet is not installed: missing {', '.join(missing)}. Run `make assets` "
            "(it installs Leaflet from npm)."
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
    leaflet_dir: Path,
    lang: str = "vi",
    tile_url: str | None = OSM_TILE_URL,
) -> str:
    """A standalone Leaflet map of the trip with Leaflet's JS and CSS inlined.

    Parameters
    ----------
    plan, legs
        The plan and its legs (:func:`planner.travel.plan_legs`).
    leaflet_dir
        Directory holding ``leaflet.js`` and ``leaflet.css``.
    lang
        ``"vi"`` or ``"en"``.
    tile_url
        Basemap tiles; with none reachable (or ``None``) the stops and route still show on a
        plain background.

    Raises
    ------
    DataFileError
        When Leaflet is not in ``leaflet_dir``.
    """
    t = words(lang)
    check_legs(plan, legs)
    js, css = _read_leaflet(Path(leaflet_dir))
    route = plan.route_stops()
    stops = [
        {
            "lat": stop.lat,
            "lon": stop.lon,
            "base": number == 0,
            "label": f"{'★' if number == 0 else number} {stop.name}",
            "popup": f"{stop.name}\n{precision_label(stop.precision, lang)}\n{stop.source}",
        }
        for number, stop in enumerate(plan.all_stops())
    ]
    leg_data = []
    for i, leg in enumerate(legs):
        km = format_number(leg.distance_km, lang=lang, decimals=1)
        hours = format_number(leg.hours, lang=lang, decimals=2)
        leg_data.append(
            {
                "coords": [[float(y), float(x)] for x, y, *_ in leg.geometry.coords],
                "road": leg.method == "road",
                "label": f"{route[i].name} → {route[i + 1].name}: {km} km, {hours} "
                f"{t['hours_unit']}. {leg.explanation(lang)}",
            }
        )
    summary = trip_summary(legs)
    distance = format_number(summary["distance_km"], lang=lang, decimals=1)
    driving = format_number(summary["hours"], lang=lang, decimals=1)
    info = (
        f"{plan.name}\n{t['start']}: {plan.start.strftime('%d/%m/%Y %H:%M')}\n"
        f"{t['total_distance']}: {distance} km · "
        f"{t['total_driving']}: {driving} {t['hours_unit']}\n"
        f"{t['map_legend']}"
    )
    trip = {
        "stops": stops,
        "legs": leg_data,
        "info": info,
        "tile_url": tile_url,
        "tile_attribution": OSM_ATTRIBUTION if tile_url == OSM_TILE_URL else "",
    }
    return TEMPLATES.get_template("map.html.j2").render(
        lang=lang,
        title=f"{t['title']}: {plan.name}",
        leaflet_js=js,
        leaflet_css=css,
        trip_json=js_literal(trip),
    )


def field_pack(
    plan: Plan,
    legs: Sequence[Leg],
    rows: Sequence[DayRow],
    warnings: Sequence[PlanWarning],
    *,
    leaflet_dir: Path,
    tile_url: str | None = OSM_TILE_URL,
) -> bytes:
    """A zip for the field: plan.json, GPX, KML, CSV, GeoPackage, itineraries, offline map.

    Members: ``plan.json``, ``route.gpx``, ``route.kml``, ``schedule.csv``, ``plan.gpkg``,
    ``itinerary_vi.html``, ``itinerary_en.html``, ``warnings.json``, ``map.html``. The
    arguments are those of :func:`planner.itinerary.itinerary_html` and
    :func:`offline_map_html`.
    """
    map_html = offline_map_html(plan, legs, leaflet_dir=leaflet_dir, tile_url=tile_url)
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
