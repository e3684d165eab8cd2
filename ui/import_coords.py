"""The *Tọa độ* tab of *Dữ liệu của bạn*: one typed position (WGS 84 or VN-2000) on a map."""

from __future__ import annotations

import folium
import streamlit as st
from streamlit_folium import st_folium

from geo import crs
from geo.errors import CoordinateError
from geo.vocabulary import WGS84_EPSG
from ui import webmap
from ui.import_common import show_error
from ui.language import keep_choices, lang, t


def render_coords_tab() -> None:
    options = list(crs.ALL_CHOICES)
    keep_choices("c_crs")
    epsg = st.selectbox(
        t("coords_kind"), options, format_func=lambda c: crs.OPTIONS[c].label(lang()), key="c_crs"
    )
    text = st.text_input(t("coords_text"), key="c_text", help=t("coords_hint"))
    st.caption(t("coords_hint"))
    if not text.strip():
        return
    try:
        if epsg == WGS84_EPSG:
            lat, lon = crs.parse_wgs84(text)
        elif epsg == crs.VN2000_GEOGRAPHIC:
            v_lat, v_lon = crs.parse_wgs84(text)
            lat, lon = crs.to_wgs84(northing=v_lat, easting=v_lon, epsg=epsg)
        else:
            lat, lon = crs.parse_vn2000(text, epsg=epsg)
    except CoordinateError as error:
        show_error(error)
        return
    st.success(f"{t('coords_result')}: {lat:.6f}, {lon:.6f}")
    for option in (crs.THANH_HOA_TM3, crs.NGHE_AN_TM3, crs.QUANG_TRI_TM3):
        northing, easting = crs.from_wgs84(lat, lon, epsg=option)
        # Coordinates stay as GPS and survey tools write them (point decimal, no grouping).
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
