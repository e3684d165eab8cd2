"""No internal marker reaches a user: no bundle or project file path, no working jargon.

Every text a user can see or take away is gathered here from the code that produces it (the
map page's HTML with every overlay and popup, the commune panel, the place search, the table
downloads, the planner's warnings and every export of a plan that visits a commune, a gate, a
marker and a site) and searched for the markers an audit found in them.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from layers import markers
from layers.commune_view import INDICATORS, commune_view, provenance_table
from layers.observations import EXPORT_MEMBER
from layers.places import Place, places, trip_places
from planner.exports import to_csv, to_gpx, to_kml
from planner.fieldpack import _read_leaflet, field_pack, js_literal
from planner.itinerary import itinerary_html
from planner.plan import Plan, Stop
from planner.plan_warnings import plan_warnings
from planner.schedule import schedule
from planner.travel import plan_legs
from ui import webmap
from ui.assets import VENDOR_DIR

INTERNAL_MARKERS = (
    "seeds/",
    ".csv",
    ".geojson",
    ".tif",
    "proxy",
    "OSM place node",
    "terminal vertex",
)
"""Strings that only the project's working files use; none may reach a page or a file."""

LEAFLET_DIR = VENDOR_DIR / "leaflet"

_MARKER = re.compile("|".join(re.escape(marker) for marker in INTERNAL_MARKERS), re.IGNORECASE)


def leaks(texts: Iterable[object]) -> list[str]:
    """Each distinct internal marker found, with the 40 characters either side of it.

    Examples
    --------
    >>> leaks(["Xã Na Mèo", "from seeds/001_report.txt", None])
    ['from seeds/001_report.txt']
    """
    found: dict[str, None] = {}
    for text in texts:
        if text is None:
            continue
        text = str(text)
        for match in _MARKER.finditer(text):
            found[text[max(0, match.start() - 40) : match.end() + 40]] = None
    return list(found)


@pytest.fixture(scope="module", params=["2025", "2024"])
def edition(request) -> str:
    return request.param


@pytest.fixture(scope="module")
def view(atlas, edition):
    return commune_view(atlas, edition=edition)


def _overlays(atlas, edition: str):
    keys = ("border", "gates", "markers", "sites", "roads", "rivers", f"risk_{edition}")
    layers = {key.removesuffix(f"_{edition}"): atlas.get(key) for key in keys}
    if atlas.available("lao_provinces"):
        layers["lao"] = atlas.get("lao_provinces")
    layers["sites"] = layers["sites"][layers["sites"].geometry.notna()]
    return webmap.prepare_overlays(layers)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_map_page_html_has_no_internal_marker(atlas, view, edition, lang) -> None:
    display = webmap.prepare_display_geometries(view, tolerance_m=50)
    overlays = _overlays(atlas, edition)
    for item in INDICATORS:
        m = webmap.build_map(
            communes=display,
            overlays=overlays,
            indicator=item.key,
            basemap="none",
            lang=lang,
            highlight_codes=None,
        )
        assert leaks([webmap.map_html(m)]) == [], item.key


def _place_texts(catalogue: dict[str, Place]) -> list[str]:
    return [
        text
        for place in catalogue.values()
        for text in (place.name, place.label, place.source, place.precision)
    ]


def test_place_search_and_labels_have_no_internal_marker(atlas) -> None:
    for edition in ("2025", "2024"):
        assert leaks(_place_texts(places(atlas, edition=edition))) == [], edition
    assert leaks(_place_texts(trip_places(atlas))) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_table_downloads_have_no_internal_marker(view, lang) -> None:
    for item in INDICATORS:
        table = provenance_table(view, indicator=item.key, lang=lang)
        cells = [*table.columns, *table.astype(str).to_numpy().ravel()]
        assert leaks(cells) == [], item.key


def test_layer_text_shown_in_popups_has_no_internal_marker(view) -> None:
    """The commune panel reads these columns of the view (reasons, sources, notes)."""
    shown = [
        column
        for column in view.columns
        if column in {"name", "source", "risk_reasons", "risk_reasons_en", "risk_sources"}
        or column.endswith(("_source", "_note", "_method"))
    ]
    cells = view[shown].astype(str).to_numpy().ravel()
    assert leaks(cells) == []


@pytest.fixture(scope="module")
def every_kind_trip(atlas):
    """A plan from the Na Mèo gate through a commune, a marker, a site and a former commune."""
    catalogue = trip_places(atlas)
    wanted = ["commune:16813", "gate:gate_nam_can"]
    by_kind: dict[str, str] = {}
    for key, place in catalogue.items():
        by_kind.setdefault(place.kind, key)
    wanted += [by_kind[kind] for kind in ("marker", "site") if kind in by_kind]
    wanted.append(next(key for key in catalogue if key.startswith("former:")))
    plan = Plan(
        name="Mọi loại điểm",
        base=Stop.from_place(catalogue["gate:gate_na_meo"]),
        stops=[Stop.from_place(catalogue[key]) for key in dict.fromkeys(wanted)],
        start=datetime(2026, 9, 14, 7, 0),
        order_fixed=True,
    )
    legs = plan_legs(plan, network=None)
    communes = commune_view(atlas, edition="2025")
    rows = schedule(plan, legs, communes=communes)
    return plan, legs, rows, communes


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_planner_warnings_and_exports_have_no_internal_marker(atlas, every_kind_trip, lang):
    plan, legs, rows, communes = every_kind_trip
    warnings = plan_warnings(
        plan, legs, communes=communes, border_line=atlas.get("border"), lang=lang
    )
    texts: list[str] = [
        text
        for w in warnings
        for text in (w.text_vi, w.text_en, w.details_vi, w.details_en, *w.sources)
    ]
    texts += [to_gpx(plan, legs), to_kml(plan, legs), to_csv(plan, legs, rows)]
    texts.append(itinerary_html(plan, legs, rows, warnings, lang=lang))
    pack = field_pack(
        plan,
        legs,
        rows,
        warnings,
        leaflet_dir=LEAFLET_DIR,
        lang=lang,
        communes=communes,
        border=atlas.get("border"),
        roads=atlas.get("roads"),
    )
    leaflet, _ = _read_leaflet(LEAFLET_DIR)  # inlined third-party code, not our words
    with zipfile.ZipFile(io.BytesIO(pack)) as archive:
        for member in archive.namelist():
            if Path(member).suffix in {".gpx", ".kml", ".csv", ".html", ".txt", ".md", ".json"}:
                text = archive.read(member).decode("utf-8-sig").replace(leaflet, "")
                # The name of the observations export's member is the file format, not a leak.
                texts.append(text.replace(js_literal(EXPORT_MEMBER), ""))
    assert leaks(texts) == []


def test_the_public_version_of_surveyed_markers_names_commune_and_gate_never_a_position(atlas):
    """Marker 327 is drawn at the Na Mèo gate: its public row names the gate and the commune;
    a new number gets its commune; joined, 327 keeps its gate position and the new one
    stands at its commune's point, labelled like the cited markers."""
    surveyed = gpd.GeoDataFrame(
        {"marker_number": ["327", "1986"]},
        geometry=[shapely.Point(104.622123, 20.296321), shapely.Point(104.622321, 20.296123)],
        crs=4326,
    )
    base = atlas.get("markers")
    communes = atlas.get("communes_2025")
    rows = markers.public_rows(surveyed, markers=base, communes_2025=communes)
    assert [(r["marker_number"], r["commune_code"]) for r in rows] == [
        ("327", "15013"),
        ("1986", "15013"),
    ]
    assert "cửa khẩu Na Mèo" in rows[0]["gate"] and rows[1]["gate"] == ""
    assert "104.622" not in repr(rows) and "20.296" not in repr(rows)
    joined = markers.with_public_positions(base, rows, communes_2025=communes, source="BĐBP")
    assert len(joined) == len(base) + 1
    kept = joined[joined["marker_number"] == "327"].iloc[0]
    assert (kept["lat"], kept["lon"], kept["precision"]) == (20.296873, 104.62238, "at_gate")
    new = joined[joined["marker_number"] == "1986"].iloc[0]
    seat = communes.set_index("code").loc["15013"]
    assert (new["lat"], new["lon"]) == (seat["seat_lat"], seat["seat_lon"])
    assert new["precision"] == "inside_commune" and new["label_en"].startswith("Marker 1986 — in")
    assert new["label_vi"].endswith("vị trí mốc không công bố")
