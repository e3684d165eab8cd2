"""The *Lớp bản đồ* tab of *Dữ liệu của bạn*: a layer (zoning, markers, points) read into WGS 84.

The chosen coordinate system applies to every format (GeoJSON included); a file in metres
without one asks for its VN-2000 zone, proposing the three provinces' TM-3 zones and UTM 48N
(likely ones marked), and a small map shows where the features land before anything is saved.
Saving joins the import to the map's layers as the map will (:func:`userdata.apply.save_layer`),
so an import that could not be drawn is refused here, not on everyone's map.
"""

from __future__ import annotations

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import crs
from geo.errors import UserInputError
from i18n.messages import message
from i18n.numbers import format_count
from ui import webmap
from ui.import_common import show_error
from ui.language import as_text, keep_choices, lang, t
from ui.pages import show_incident
from ui.state import get_atlas, store
from userdata import apply as imports
from userdata import layer_reader

LAYER_KINDS = ("zoning", "markers", "poi")
"""The kinds of layer a user may import (``markers`` only with ``PROTECTED``)."""
PREVIEW_FEATURES = 2000
"""Most features drawn on the preview map (the first ones)."""


def _areas() -> gpd.GeoDataFrame | None:
    """The communes of the three areas (with ``province``), to mark the likely zones."""
    atlas = get_atlas()
    return atlas.get("communes_2025") if atlas.available("communes_2025") else None


def _zone_label(candidate: layer_reader.ZoneCandidate) -> str:
    label = crs.OPTIONS[candidate.epsg].label(lang())
    return t("layer.zone_likely", label=label) if candidate.likely else label


def _choose_zone(asked: layer_reader.ProjectedCrsRequired) -> int | None:
    """The zone the user picks among the proposed ones (None until one is picked)."""
    show_error(asked)
    by_epsg = {candidate.epsg: candidate for candidate in asked.candidates}
    keep_choices("l_zone")
    chosen = st.radio(
        t("layer.zone_choice"),
        list(by_epsg),
        index=None,
        format_func=lambda epsg: _zone_label(by_epsg[epsg]),
        key="l_zone",
    )
    for candidate in asked.candidates:
        st.caption(
            t(
                "layer.zone_landing",
                zone=crs.OPTIONS[candidate.epsg].label(lang()),
                inside=format_count(candidate.inside, lang=lang()),
                n=candidate.sampled,
            )
        )
    return chosen


def _read(data: bytes, name: str, assumed: int | None) -> layer_reader.LayerImport | None:
    """The layer read with the chosen CRS (or the zone the user picks); None after an error."""
    areas = _areas()
    try:
        try:
            return layer_reader.read_layer(data, filename=name, assumed_epsg=assumed, areas=areas)
        except layer_reader.ProjectedCrsRequired as asked:
            zone = _choose_zone(asked)
            if zone is None:
                return None
            return layer_reader.read_layer(data, filename=name, assumed_epsg=zone, areas=areas)
    except UserInputError as error:
        show_error(error)
    except Exception as error:  # never a traceback or a library's words on the page
        show_incident(error, where="ui.import_layer")
    return None


def _preview(frame: gpd.GeoDataFrame) -> None:
    """A small map (offline basemap) of where the features land."""
    shown = frame[["geometry"]].head(PREVIEW_FEATURES)
    west, south, east, north = shown.total_bounds
    pad = 0.02
    m = webmap.base_map(
        bounds=((south - pad, west - pad), (north + pad, east + pad)),
        basemap="offline",
        lang=lang(),
    )
    group = folium.FeatureGroup(name=t("layer.preview"))
    folium.GeoJson(
        shown.to_json(),
        marker=folium.CircleMarker(radius=6, color="#c0392b", fill=True, fill_opacity=0.8),
        style_function=lambda _: {"color": "#c0392b", "weight": 2, "fillOpacity": 0.2},
    ).add_to(group)
    st.caption(t("layer.preview"))
    st_folium(
        m,
        feature_group_to_add=group,
        returned_objects=[],
        key="layer-preview-map",
        height=300,
        use_container_width=True,
    )


def _position_warnings(loaded: layer_reader.LayerImport) -> None:
    """Doubts about where the features lie (another province than their zone's, far from the
    three areas, outside Vietnam), counted over the points checked, before anything is saved."""
    areas = _areas()
    if areas is None:
        return
    for summary in layer_reader.check_positions(loaded, communes=areas):
        st.warning(as_text(summary.message(lang())), icon=":material/wrong_location:")


def _notes(notes: list[tuple[str, dict[str, object]]]) -> None:
    for key, values in notes:
        st.caption(as_text(message(key, lang(), **values)))


def render_layer_tab() -> None:
    keep_choices("l_kind", "l_crs")
    # Surveyed marker positions are offered only to a role that may see them (PROTECTED).
    kinds = [k for k in LAYER_KINDS if k != "markers" or store().sees_protected]
    kind = st.radio(
        t("layer_kind"),
        kinds,
        format_func=lambda k: t(f"kind_{k}"),
        key="l_kind",
        horizontal=True,
    )
    upload = st.file_uploader(
        t("upload_layer"), type=["geojson", "json", "gpkg", "zip", "kml"], key="u_layer"
    )
    if upload is None:
        return
    options = list(crs.ALL_CHOICES)
    assumed = st.selectbox(
        t("crs_choice"),
        [None, *options],
        format_func=lambda c: t("crs_from_file") if c is None else crs.OPTIONS[c].label(lang()),
        key="l_crs",
    )
    loaded = _read(upload.getvalue(), upload.name, assumed)
    if loaded is None:
        return
    frame = loaded.frame
    st.info(
        t(
            "features_read",
            n=format_count(len(frame), lang=lang()),
            crs=as_text(loaded.source_crs),
            r=format_count(loaded.repaired, lang=lang()),
            k=format_count(len(loaded.rejected), lang=lang()),
        )
    )
    _notes(loaded.notes)
    _preview(frame)
    _position_warnings(loaded)
    columns = [c for c in frame.columns if c != "geometry"]
    st.dataframe(pd.DataFrame(frame[columns]).head(20), hide_index=True, width="stretch")
    field = {"zoning": "col_zone_class", "markers": "col_marker_number", "poi": "col_name"}[kind]
    chosen = st.selectbox(t(field), columns, key="l_field") if columns else None
    source = st.text_input(t("source_given"), key="l_source")
    if st.button(t("import_save"), type="primary", key="l_save"):
        _save(loaded, kind=kind, column=chosen, source=source, name=upload.name)


def _save(
    loaded: layer_reader.LayerImport,
    *,
    kind: str,
    column: str | None,
    source: str,
    name: str,
) -> None:
    try:
        saved = imports.save_layer(
            store(),
            kind=kind,
            frame=loaded.frame,
            column=column,
            source=source,
            filename=name,
            source_crs=loaded.source_crs,
            atlas=get_atlas(),
            repaired=loaded.repaired,
        )
    except UserInputError as error:
        show_error(error)
        return
    except Exception as error:  # never a traceback or a library's words on the page
        show_incident(error, where="ui.import_layer.save")
        return
    st.success(t("import_saved", name=as_text(name)))
    _notes(saved.notes)
    if saved.problems:
        st.warning(t("problems"))
        for problem in saved.problems:
            st.text(problem)
