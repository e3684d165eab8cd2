"""Surveyed marker positions reach border guards and admins only, everywhere (issue 14, item 3).

A border guard imports surveyed markers (one number the layer knows, one new) at distinctive
positions and shares a plan with a surveyed stop with the viewer role. Then the walk: the map
page's overlays and HTML (popups included, and every file it sends by URL), the search, the
planner's places, the data page's counts, and every export of the shared plan (GPX, KML, CSV,
GeoPackage, itinerary, the field pack with each member). For a viewer no surveyed coordinate
appears anywhere (at 4, 5 and 6 decimals) and the markers stand at commune level, labelled
so; for the guard the same walk finds them (so the test can fail).
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from access.session import SESSION_KEY
from geo import settings
from i18n.messages import message, precision_label
from layers.places import find, places, trip_places
from layers.registry import Atlas
from planner import exports, fieldpack, itinerary
from planner.plan import Plan, Stop
from planner.plan_warnings import plan_warnings
from planner.schedule import schedule
from planner.travel import plan_legs
from ui import assets, webmap
from ui.import_notices import withheld_lines
from ui.language import as_text
from ui.map_data import overlay_layers
from ui.page_data import marker_counts
from userdata import apply, protect
from userdata.roles import Principal, Role
from userdata.store import Store

GUARD = Principal(name="bien_phong", role=Role.BORDER_GUARD)
VIEWER = Principal(name="nguoi_xem", role=Role.VIEWER)
NEW_NUMBER = "1987"
PLAN_NAME = "Tuần tra mốc (thử)"
LEAFLET_DIR = assets.VENDOR_DIR / "leaflet"
URL = re.compile(r"/app/static/cache/[\w.-]+\.json")


@dataclass(frozen=True)
class Surveyed:
    """One imported marker: its number, surveyed position and the commune it lies in."""

    number: str
    lat: float
    lon: float
    commune: str

    def texts(self, decimals: tuple[int, ...] = (4, 5, 6)) -> list[str]:
        return [f"{value:.{d}f}" for value in (self.lat, self.lon) for d in decimals]


def _distinctive(commune: gpd.GeoSeries, lat_offset: float, lon_offset: float) -> tuple:
    """A point of the commune whose 5th and 6th decimals round down (4, 5 and 6 decimals are
    then the same digits whether rounded or cut)."""
    point = commune.geometry.representative_point()
    return round(point.y, 2) + lat_offset, round(point.x, 2) + lon_offset


@pytest.fixture(scope="module")
def scene(atlas: Atlas, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The guard's import and shared plan in a fresh store; the two surveyed markers."""
    communes = atlas.get("communes_2025")
    base_markers = atlas.get("markers")
    known = base_markers[base_markers["precision"] == "inside_commune"].iloc[0]
    assert NEW_NUMBER not in set(base_markers["marker_number"])
    home = communes[communes["code"] == known["commune_code"]].iloc[0]
    other = communes[communes["code"] != known["commune_code"]].iloc[0]
    surveyed = []
    for number, commune, offsets in (
        (str(known["marker_number"]), home, (0.004321, 0.001234)),
        (NEW_NUMBER, other, (0.003142, 0.002413)),
    ):
        lat, lon = _distinctive(commune, *offsets)
        assert shapely.Point(lon, lat).within(commune.geometry)
        surveyed.append(Surveyed(number, lat, lon, str(commune["name"])))
    path = tmp_path_factory.mktemp("protected") / "atlas.sqlite3"
    guard_store = Store(path, principal=GUARD)
    frame = gpd.GeoDataFrame(
        {"so": [f"Mốc {s.number}" for s in surveyed]},
        geometry=[shapely.Point(s.lon, s.lat) for s in surveyed],
        crs=4326,
    )
    saved = apply.save_layer(
        guard_store,
        kind="markers",
        frame=frame,
        column="so",
        source="Khảo sát Bộ đội Biên phòng (thử)",
        filename="moc_khao_sat.geojson",
        source_crs="EPSG:4326",
        atlas=atlas,
    )
    assert saved.features == 2
    new = surveyed[1]
    base = Stop(
        id="base",
        name="Trạm giả",
        kind="point",
        lat=20.30,
        lon=104.85,
        precision="published",
        commune_code=None,
        source="thử",
    )
    stop = Stop(
        id="moc",
        name=f"Mốc quốc giới {new.number}",
        kind="marker",
        lat=new.lat,
        lon=new.lon,
        precision="surveyed",
        commune_code=None,
        source="Khảo sát Bộ đội Biên phòng (thử)",
    )
    plan = Plan(name=PLAN_NAME, base=base, stops=[stop], start=datetime(2025, 11, 3, 7, 0))
    guard_store.save_plan(plan)
    guard_store.share_plan(PLAN_NAME, grantee_kind="role", grantee="viewer", can_edit=False)
    return {"path": path, "surveyed": surveyed, "import_id": saved.import_id}


def _store(scene: dict, principal: Principal, atlas: Atlas) -> Store:
    """The store as :func:`ui.state.store` sets it up for ``principal``."""
    store = Store(scene["path"], principal=principal)
    store.public_stop = protect.stop_hook(atlas.get("communes_2025"))
    return store


def _cached_files(text: str) -> str:
    """The content of every cache file ``text`` names by URL (what the browser fetches)."""
    return "\n".join(
        assets.vendor_path(url).read_text(encoding="utf-8") for url in set(URL.findall(text))
    )


def _gpkg_text(data: bytes) -> str:
    """Every layer of a GeoPackage as text: attributes and coordinates at full precision."""
    parts = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.gpkg"
        path.write_bytes(data)
        for layer in gpd.list_layers(path)["name"]:
            frame = gpd.read_file(path, layer=layer)
            coords = shapely.get_coordinates(frame.geometry.array)
            parts.append(frame.drop(columns="geometry").to_csv())
            parts.append(" ".join(f"{y:.6f} {x:.6f}" for x, y in coords))
    return "\n".join(parts)


def _walk(store: Store, atlas: Atlas, network) -> dict[str, str]:
    """Every page and export of the walk as text, by name."""
    joined = apply.join_imports(atlas, store)
    view = joined.atlas
    layers = overlay_layers(view, edition="2025")
    drawn = {
        key: webmap.prepare_overlay(layer, kind=key, lang="vi", by_url=True)
        for key, layer in layers.items()
        if len(layer)
    }
    communes = view.get("communes_2025")
    html = webmap.map_html(
        webmap.base_map(bounds=webmap.bounds_of(communes), lang="vi", overlays=drawn)
    )
    found = find(NEW_NUMBER, places(view, edition="2025"))
    plan = store.get_plan(PLAN_NAME)
    legs = plan_legs(plan, network=network)
    rows = schedule(plan, legs)
    warnings = plan_warnings(
        plan, legs, communes=communes, border_line=view.get("border"), lang="vi"
    )
    pack = fieldpack.field_pack(
        plan,
        legs,
        rows,
        warnings,
        leaflet_dir=LEAFLET_DIR,
        communes=communes,
        border=view.get("border"),
        basemap=False,
    )
    with zipfile.ZipFile(io.BytesIO(pack)) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    walked = {
        "map.html": html,
        "map overlays by URL": _cached_files(html),
        "markers overlay": drawn["markers"].data + "\n" + _cached_files(drawn["markers"].data),
        "search": repr(found),
        "planner places": repr(list(trip_places(view).values())),
        "data page counts": marker_counts(view.get("markers"), lang="en").to_csv(),
        "plan": json.dumps(plan.to_dict()),
        "gpx": exports.to_gpx(plan, legs),
        "kml": exports.to_kml(plan, legs),
        "csv": exports.to_csv(plan, legs, rows),
        "gpkg": _gpkg_text(exports.to_geopackage(plan, legs)),
        "itinerary": itinerary.itinerary_html(plan, legs, rows, warnings, lang="en"),
    }
    for name, data in members.items():
        text = _gpkg_text(data) if name.endswith(".gpkg") else data.decode("utf-8")
        walked[f"field pack {name}"] = text
    walked["_joined"] = joined  # type: ignore[assignment]
    walked["_plan"] = plan  # type: ignore[assignment]
    return walked


@pytest.fixture(scope="module")
def viewer_walk(scene: dict, atlas: Atlas, network) -> dict:
    return _walk(_store(scene, VIEWER, atlas), atlas, network)


@pytest.fixture(scope="module")
def guard_walk(scene: dict, atlas: Atlas, network) -> dict:
    return _walk(_store(scene, GUARD, atlas), atlas, network)


def _leaks(walked: dict, surveyed: list[Surveyed]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name, text in walked.items():
        if name.startswith("_"):
            continue
        hits = [value for marker in surveyed for value in marker.texts() if value in text]
        if hits:
            found[name] = hits
    return found


def test_a_viewer_finds_no_surveyed_coordinate_anywhere(viewer_walk: dict, scene: dict) -> None:
    assert _leaks(viewer_walk, scene["surveyed"]) == {}
    assert viewer_walk["_joined"].withheld == 1 and viewer_walk["_joined"].unpublished == 0


def test_a_viewer_gets_the_markers_at_commune_level_labelled_so(
    viewer_walk: dict, scene: dict, atlas: Atlas
) -> None:
    markers = viewer_walk["_joined"].atlas.get("markers")
    assert "surveyed" not in set(markers["precision"])
    known, new = scene["surveyed"]
    [row] = markers[markers["marker_number"] == new.number].to_dict("records")
    label = message("places.marker_in_commune", "vi", number=new.number, commune=new.commune)
    assert row["precision"] == "inside_commune" and row["label_vi"] == label
    seat = atlas.get("communes_2025").set_index("code").loc[row["commune_code"]]
    assert (row["lat"], row["lon"]) == (seat["seat_lat"], seat["seat_lon"])
    base = atlas.get("markers")
    before = base[base["marker_number"] == known.number].iloc[0]
    [after] = markers[markers["marker_number"] == known.number].to_dict("records")
    assert (after["lat"], after["lon"], after["precision"]) == (
        before["lat"],
        before["lon"],
        before["precision"],
    )
    assert label in viewer_walk["map overlays by URL"]  # its popup, in the file sent by URL
    assert f"Mốc quốc giới {new.number}" in viewer_walk["search"]
    assert "inside_commune" in viewer_walk["search"]
    counts = viewer_walk["data page counts"]
    assert "surveyed" not in counts.lower() and "inside the commune" in counts


def test_a_viewer_reads_the_shared_plan_with_its_surveyed_stop_at_commune_level(
    viewer_walk: dict, scene: dict
) -> None:
    stop = viewer_walk["_plan"].stops[0]
    assert stop.precision == "inside_commune" and stop.commune_code
    assert scene["surveyed"][1].commune in stop.source
    assert "inside_commune" in viewer_walk["csv"]


def test_a_border_guard_finds_the_surveyed_coordinates(guard_walk: dict, scene: dict) -> None:
    leaks = _leaks(guard_walk, scene["surveyed"])
    for name in ("map.html", "markers overlay", "gpx", "kml", "csv", "gpkg", "plan"):
        assert name in leaks, name
    assert "field pack plan.json" in leaks and "field pack route.gpx" in leaks
    assert "field pack plan.gpkg" in leaks and "field pack map.html" in leaks
    markers = guard_walk["_joined"].atlas.get("markers")
    assert set(markers.loc[markers["precision"] == "surveyed", "marker_number"]) == {
        s.number for s in scene["surveyed"]
    }
    assert "surveyed" in guard_walk["data page counts"].lower()
    assert guard_walk["_joined"].withheld == 0


def test_the_guards_markers_overlay_is_inline_and_no_cache_file_holds_a_position(
    guard_walk: dict, viewer_walk: dict, scene: dict
) -> None:
    overlay = guard_walk["markers overlay"]
    assert overlay.startswith("[") and not URL.search(overlay)
    assert URL.fullmatch(viewer_walk["markers overlay"].split("\n")[0].strip('"'))
    assert _served_hits(scene["surveyed"]) == []


def test_the_stored_public_version_holds_numbers_and_communes_only(scene: dict) -> None:
    store = Store(scene["path"], principal=VIEWER)
    record = store.get_import(scene["import_id"])
    assert record["withheld"] is True
    rows = json.loads(record["body"])
    assert [row["marker_number"] for row in rows] == [s.number for s in scene["surveyed"]]
    assert all(row["commune_code"] for row in rows)
    assert not any(value in record["body"] for s in scene["surveyed"] for value in s.texts())
    assert Store(scene["path"], principal=GUARD).get_import(scene["import_id"])["withheld"] is False


APP = str(Path(__file__).resolve().parent.parent / "app.py")
DATA_PAGE = "ui/views/data.py"


def _data_page_counts(principal: Principal) -> tuple[dict[str, int], list[str]]:
    """The data page's markers by precision as ``principal``'s session sees it, and the
    captions of the map page (the first page) before it."""
    app = AppTest.from_file(APP, default_timeout=180)
    app.session_state[SESSION_KEY] = principal
    app.run()
    assert not app.exception, app.exception
    captions = [caption.value for caption in app.caption]
    app.switch_page(DATA_PAGE).run()
    assert not app.exception, app.exception
    heading = message("protect.counts_heading", "vi")
    assert heading in [h.value for h in app.subheader]
    frame = next(f.value for f in app.dataframe if "Số mốc" in f.value.columns)
    return dict(zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True)), captions


@pytest.fixture
def shared_server(scene: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app in shared mode on the scene's store, with the guard's and viewer's accounts."""
    monkeypatch.setenv(settings.USER_DIR_ENV, str(scene["path"].parent))
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    admin = Store(scene["path"])
    for principal in (GUARD, VIEWER):
        if admin.get_account(principal.name) is None:
            admin.add_account(principal.name, role=principal.role, password_hash="not-a-hash")


def _map_page_sent(principal: Principal) -> str:
    """What the map page sends the browser of ``principal``'s session: the map component's
    arguments (its script, overlays and popups) and every cache file they name by URL."""
    app = AppTest.from_file(APP, default_timeout=180)
    app.session_state[SESSION_KEY] = principal
    app.query_params["area"] = "all"
    app.run()
    assert not app.exception, app.exception
    [component] = app.get("component_instance")
    sent = component.proto.json_args
    return sent + "\n" + _cached_files(sent.replace("\\/", "/"))


@pytest.mark.usefixtures("shared_server")
def test_the_map_page_sends_surveyed_positions_to_the_guard_only(scene: dict) -> None:
    """The map page itself, a guard's session then a viewer's in one server process."""
    guard = _map_page_sent(GUARD)
    viewer = _map_page_sent(VIEWER)
    assert _leaks({"guard": guard}, scene["surveyed"])["guard"]
    assert _leaks({"viewer": viewer}, scene["surveyed"]) == {}
    new = scene["surveyed"][1]
    label = message("places.marker_in_commune", "vi", number=new.number, commune=new.commune)
    assert label in viewer and label not in guard
    assert _served_hits(scene["surveyed"]) == []


def _served_hits(surveyed: list[Surveyed]) -> list[str]:
    """Surveyed coordinates found in any file served from the cache: each number at 5 and 6
    decimals, and the position as a pair at 4 (how the map sends points) to 6 decimals."""
    served = "\n".join(
        path.read_text(encoding="utf-8", errors="replace")
        for path in assets.CACHE_DIR.glob("*.json")
    )
    pairs = [f"{s.lat:.{d}f},{s.lon:.{d}f}" for s in surveyed for d in (4, 5, 6)]
    values = [value for s in surveyed for value in s.texts((5, 6))]
    return [value for value in [*pairs, *values] if value in served]


@pytest.mark.usefixtures("shared_server")
def test_the_data_page_counts_surveyed_markers_for_the_guard_only(scene: dict) -> None:
    """Shared mode, two signed-in sessions one after the other in one server process: the
    guard's joined layers (cached per imports version) are never served to the viewer."""
    surveyed = precision_label("surveyed", "vi")
    guard, guard_captions = _data_page_counts(GUARD)
    viewer, viewer_captions = _data_page_counts(VIEWER)
    notice = as_text(message("protect.withheld_notice", "vi", n=1))  # shown escaped
    assert notice in viewer_captions and notice not in guard_captions
    assert guard[surveyed] == 2
    assert surveyed not in viewer
    inside = precision_label("inside_commune", "vi")
    assert viewer[inside] == guard.get(inside, 0) + 2


def test_a_surveyed_import_without_a_public_version_adds_nothing_for_a_viewer(
    atlas: Atlas, tmp_path: Path
) -> None:
    """An import stored before public versions existed: the viewer's map keeps the layer as
    it was (no position), the notice counts it, the guard still gets the surveyed marker."""
    frame = gpd.GeoDataFrame(
        {"marker_number": ["1988"]}, geometry=[shapely.Point(104.612345, 20.301234)], crs=4326
    )
    Store(tmp_path / "a.sqlite3", principal=GUARD).put_import(
        kind="markers",
        name="cu.geojson",
        filename="cu.geojson",
        body=frame.to_json(),
        meta={"source": "Sổ cũ"},
    )
    viewer = apply.join_imports(atlas, Store(tmp_path / "a.sqlite3", principal=VIEWER))
    assert (viewer.withheld, viewer.unpublished) == (1, 1)
    markers = viewer.atlas.get("markers")
    assert len(markers) == len(atlas.get("markers")) and "1988" not in set(markers["marker_number"])
    assert withheld_lines(viewer, lang="en")[1].startswith("1 surveyed-marker import was made")
    guard = apply.join_imports(atlas, Store(tmp_path / "a.sqlite3", principal=GUARD))
    [row] = guard.atlas.get("markers").query("marker_number == '1988'").to_dict("records")
    assert (row["lat"], row["lon"], row["precision"]) == (20.301234, 104.612345, "surveyed")
    assert withheld_lines(guard, lang="en") == []


def _promoted_during_the_run() -> None:
    """A run during which an admin makes the signed-in viewer a border guard (app.py's order:
    the run's principal first, then the page's readers)."""
    import streamlit as st

    from access import session
    from ui import state as run_state  # the script runs alone: it imports what it uses
    from userdata.roles import SYSTEM, Role
    from userdata.store import Store, default_path

    session.begin_run()
    before = run_state.imports_version()
    Store(default_path(), principal=SYSTEM).set_role("nguoi_xem", Role.BORDER_GUARD)
    seen = (before, run_state.imports_version(), run_state.store().sees_protected)
    st.session_state["seen"] = seen


def test_layers_cached_for_a_version_without_p_are_read_as_a_viewer(
    scene: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session promoted to border guard between reading the imports version and joining
    (one rerun) must not fill the viewers' cache entry with surveyed positions: the run keeps
    the principal it started with, so the version and the store that reads it agree."""
    monkeypatch.setenv(settings.USER_DIR_ENV, str(scene["path"].parent))
    monkeypatch.setenv(settings.MODE_ENV, "shared")
    Store(scene["path"]).set_role(VIEWER.name, Role.VIEWER)  # the scene's viewer account
    app = AppTest.from_function(_promoted_during_the_run, default_timeout=60)
    app.session_state[SESSION_KEY] = VIEWER
    app.run()
    before, after, sees = app.session_state["seen"]
    assert before == after and not before.endswith(":p") and not sees
    app.run()  # the next run acts as the border guard
    assert app.session_state["seen"][2] and app.session_state["seen"][0].endswith(":p")
