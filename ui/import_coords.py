"""The *Tọa độ* tab of *Dữ liệu của bạn*: one typed position (WGS 84 or VN-2000) on a map.

What was typed is read by :mod:`geo.crs` (an error says what is wrong and how to write it, in
the page's language) and checked by :func:`layers.position_check.position_warnings`: a position
in another province than its TM-3 zone's, outside the three areas or outside Vietnam is shown
with a warning above the map, and the zone the numbers fit, if any, as a one-click choice. The
map uses the app's own offline basemap: a typed position is never sent to a tile server.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from geo import crs
from geo.errors import CoordinateError, DataFileError
from layers.position_check import PositionWarning, position_warnings
from planner.schedule import overnight_places
from ui import webmap
from ui.import_common import show_error
from ui.language import as_text, keep_choices, lang, t
from ui.state import get_atlas, get_catalogue

TYPED = "c_typed"
"""Session key: the box has held text once (an empty box then gets a hint, not silence)."""


def _vietnam() -> gpd.GeoDataFrame | None:
    """Vietnam's communes (read once per process), or ``None`` when that input is unusable."""
    try:
        return overnight_places(get_catalogue())
    except DataFileError:
        return None


def _warnings(
    lat: float, lon: float, *, epsg: int, typed: tuple[float, float] | None
) -> list[PositionWarning]:
    atlas = get_atlas()
    if not atlas.available("communes_2025"):
        return []
    northing, easting = typed if typed is not None else (None, None)
    return position_warnings(
        lat=lat,
        lon=lon,
        communes=atlas.get("communes_2025"),
        epsg=epsg,
        northing=northing,
        easting=easting,
        vietnam=_vietnam(),
    )


def _use_zone(epsg: int) -> None:
    """Button callback: read the same numbers in zone ``epsg`` (runs before the next run)."""
    st.session_state["c_crs"] = epsg


def _show_warnings(warnings: list[PositionWarning]) -> None:
    for warning in warnings:
        st.warning(as_text(warning.message(lang())))
    likely = next((w.likely_epsg for w in warnings if w.likely_epsg is not None), None)
    if likely is not None:
        st.button(
            t("position.use_zone", zone=crs.zone_label(likely)),
            on_click=_use_zone,
            args=(likely,),
            key="c_use_zone",
        )


def render_coords_tab() -> None:
    options = list(crs.ALL_CHOICES)
    keep_choices("c_crs")
    epsg = st.selectbox(
        t("coords_kind"), options, format_func=lambda c: crs.OPTIONS[c].label(lang()), key="c_crs"
    )
    text = st.text_input(t("coords_text"), key="c_text", help=t("coords_hint"))
    st.caption(t("coords_hint"))
    if not text.strip():
        if st.session_state.get(TYPED):
            projected = crs.is_projected(epsg)
            st.info(t("coords.empty_hint_xy" if projected else "coords.empty_hint_degrees"))
        return
    st.session_state[TYPED] = True
    try:
        lat, lon, typed = crs.read_position(text, epsg=epsg)
    except CoordinateError as error:
        show_error(error)
        return
    # Coordinates stay as GPS and survey tools write them (point decimal, no grouping).
    st.success(f"{t('coords_result')}: {lat:.6f}, {lon:.6f}")
    _show_warnings(_warnings(lat, lon, epsg=epsg, typed=typed))
    st.caption(t("coords.other_zones"))
    for option in (crs.THANH_HOA_TM3, crs.NGHE_AN_TM3, crs.QUANG_TRI_TM3):
        northing, easting = crs.from_wgs84(lat, lon, epsg=option)
        st.caption(f"{crs.OPTIONS[option].label(lang())}: X={northing:.2f} Y={easting:.2f}")
    m = webmap.base_map(
        bounds=((lat - 0.05, lon - 0.05), (lat + 0.05, lon + 0.05)),
        basemap="offline",
        lang=lang(),
    )
    group = folium.FeatureGroup(name=t("point"))
    folium.CircleMarker((lat, lon), radius=9, color="#c0392b", fill=True).add_to(group)
    st_folium(
        m,
        feature_group_to_add=group,
        returned_objects=[],
        key="coords-map",
        height=360,
        use_container_width=True,
    )
