"""The planner's map: the communes by risk class, the border, roads and gates under the trip.

A click tells which commune the point is in. A point outside the three areas must be confirmed
before it is added; a point outside Vietnam is refused. The basemap is the app's own offline
one (relief, rivers, roads, places); it loads no outside tiles unless the user turns the
OpenStreetMap basemap on (tile requests around the stops would reveal the trip).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import folium
import geopandas as gpd
import shapely
import streamlit as st
from streamlit_folium import st_folium

from i18n.numbers import format_number
from planner.plan import Plan, Stop
from planner.travel import Leg
from ui import map_data, planner_edit, webmap
from ui import planner_state as state
from ui.language import as_text, lang, pick, t
from ui.state import get_catalogue, imports_version

CONTEXT_OVERLAYS = ("lao", "border", "roads", "gates")
"""Overlays drawn under the trip (by :func:`ui.map_data.overlays` key)."""
CLICK_KEY = "planner_clicked"
MAP_KEY = "planner-map"
STOP_ICON_SIZE = 26


@st.cache_resource(show_spinner=False)
def _vietnam() -> shapely.Geometry:
    """Vietnam's outline (the 34 provinces of 2025, simplified): the test for "in Vietnam"."""
    provinces = get_catalogue().read_vector("provinces_2025")
    return shapely.union_all(provinces.geometry.make_valid().to_numpy())


@dataclass(frozen=True)
class ClickedPlace:
    """Where a click fell: its commune in the three areas, else whether it is in Vietnam."""

    lat: float
    lon: float
    commune_code: str | None
    commune_name: str | None
    former_district: str | None
    in_vietnam: bool


def locate(lat: float, lon: float, communes: gpd.GeoDataFrame) -> ClickedPlace:
    """The commune of the three areas holding (lat, lon), or whether it is in Vietnam at all."""
    point = shapely.Point(lon, lat)
    hits = communes[communes.geometry.covers(point)]
    if len(hits):
        row = hits.iloc[0]
        return ClickedPlace(
            lat, lon, str(row["code"]), str(row["name"]), str(row["former_district"]), True
        )
    return ClickedPlace(lat, lon, None, None, None, bool(_vietnam().covers(point)))


def _point_stop(place: ClickedPlace, plan: Plan) -> Stop:
    number = sum(1 for stop in plan.stops if stop.kind == "point") + 1
    where = f" ({place.commune_name})" if place.commune_name else ""
    return Stop(
        id=f"point:{place.lat:.6f},{place.lon:.6f}",
        name=f"{t('point')} {number}{where}",
        kind="point",
        lat=place.lat,
        lon=place.lon,
        precision="user_import",
        commune_code=place.commune_code,
        source=pick("Điểm bấm trên bản đồ kế hoạch", "Point clicked on the planner map"),
    )


def _add_clicked(place: ClickedPlace) -> None:
    plan = state.current_plan()
    stop = _point_stop(place, plan)
    if stop.id not in {s.id for s in plan.stops}:
        planner_edit.add_stop(stop)
    st.session_state[CLICK_KEY] = None


def _forget_click() -> None:
    st.session_state[CLICK_KEY] = None


def clicked_point_panel() -> None:
    """What the last click hit, and the button to add it (confirmed outside the areas)."""
    place: ClickedPlace | None = st.session_state.get(CLICK_KEY)
    if place is None:
        st.caption(t("plan.click_hint"))
        return
    coords = (
        f"{format_number(place.lat, lang=lang(), decimals=5)}, "
        f"{format_number(place.lon, lang=lang(), decimals=5)}"
    )
    row = st.container(horizontal=True, vertical_alignment="center")
    if not place.in_vietnam:
        row.error(t("plan.click_outside_vietnam", coords=coords))
        row.button(t("plan.cancel"), key="w_click_cancel", on_click=_forget_click)
        return
    if place.commune_code is None:
        row.warning(t("plan.click_outside_areas", coords=coords))
        row.button(t("plan.add_anyway"), key="w_add_clicked", on_click=_add_clicked, args=(place,))
        row.button(t("plan.cancel"), key="w_click_cancel", on_click=_forget_click)
        return
    row.info(
        t(
            "plan.click_in_commune",
            coords=coords,
            commune=as_text(place.commune_name),
            district=as_text(place.former_district),
        )
    )
    row.button(t("add_clicked"), key="w_add_clicked", on_click=_add_clicked, args=(place,))


def _bounds(plan: Plan, display: gpd.GeoDataFrame) -> tuple[tuple[float, float], ...]:
    points = plan.route_stops()
    if len(points) < 2:
        return webmap.bounds_of(display)
    pad = 0.05
    return (
        (min(s.lat for s in points) - pad, min(s.lon for s in points) - pad),
        (max(s.lat for s in points) + pad, max(s.lon for s in points) + pad),
    )


def _trip_group(plan: Plan, legs: list[Leg]) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=t("plan_map"))
    for leg in legs:
        folium.PolyLine(
            [(y, x) for x, y in leg.geometry.coords],
            color="#1f4e9e" if leg.method == "road" else "#c0392b",
            weight=4,
            dash_array=None if leg.method == "road" else "6 6",
        ).add_to(group)
    for number, stop in enumerate(plan.all_stops()):
        label = t("base") if number == 0 else str(number)
        folium.Marker(
            (stop.lat, stop.lon),
            icon=folium.DivIcon(
                html=f'<div class="ba-stop{" ba-stop-base" if number == 0 else ""}">'
                f"{'▲' if number == 0 else number}</div>",
                icon_size=(STOP_ICON_SIZE, STOP_ICON_SIZE),
                icon_anchor=(STOP_ICON_SIZE // 2, STOP_ICON_SIZE // 2),
            ),
            tooltip=folium.Tooltip(f"{html.escape(label)}: {html.escape(stop.name)}"),
        ).add_to(group)
    return group


def trip_map(plan: Plan, legs: list[Leg]) -> None:
    """Draw the trip over its context and remember the last click (see :func:`locate`)."""
    version = imports_version()
    display = map_data.display("2025", version)
    overlays = {
        key: layer
        for key, layer in map_data.overlay_drawings("2025", version, lang()).items()
        if key in CONTEXT_OVERLAYS
    }
    tiles = st.toggle(t("plan.basemap_online"), key="w_planner_tiles", value=False)
    m = webmap.base_map(
        bounds=_bounds(plan, display),
        basemap="osm" if tiles else "offline",
        lang=lang(),
        overlays=overlays,
        zones=webmap.vn2000_zones(display),
    )
    webmap.communes_layer(
        communes=display,
        indicator="risk_class",
        lang=lang(),
        indicator_label=t("plan.risk_layer"),
        unit="",
        by_url=True,
        shapes=map_data.commune_shapes("2025", version),
    ).add_to(m)
    result = st_folium(
        m,
        feature_group_to_add=_trip_group(plan, legs),
        returned_objects=["last_clicked"],
        key=MAP_KEY,
        height=460,
        width="stretch",
    )
    clicked = (result or {}).get("last_clicked")
    if clicked and clicked != st.session_state.get(f"{CLICK_KEY}_raw"):
        st.session_state[f"{CLICK_KEY}_raw"] = clicked
        view = map_data.view("2025", version)
        st.session_state[CLICK_KEY] = locate(float(clicked["lat"]), float(clicked["lng"]), view)
        st.rerun()
    clicked_point_panel()
