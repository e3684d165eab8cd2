"""The *Lớp bản đồ* tab of *Dữ liệu của bạn*: a layer (zoning, markers, points) read into WGS 84."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo import crs
from geo.errors import UserInputError
from i18n.numbers import format_count
from ui.import_common import show_error
from ui.language import keep_choices, lang, t
from ui.state import store
from userdata import apply as imports
from userdata import layer_reader


def render_layer_tab() -> None:
    keep_choices("l_kind", "l_crs")
    kind = st.radio(
        t("layer_kind"),
        ["zoning", "markers", "poi"],
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
    try:
        loaded = layer_reader.read_layer(
            upload.getvalue(), filename=upload.name, assumed_epsg=assumed
        )
    except UserInputError as error:
        show_error(error)
        return
    frame = loaded.frame
    st.info(
        t(
            "features_read",
            n=format_count(len(frame), lang=lang()),
            crs=loaded.source_crs,
            r=format_count(loaded.repaired, lang=lang()),
            k=format_count(len(loaded.rejected), lang=lang()),
        )
    )
    for warning in loaded.warnings:
        st.caption(warning)
    columns = [c for c in frame.columns if c != "geometry"]
    st.dataframe(pd.DataFrame(frame[columns]).head(20), hide_index=True, width="stretch")
    field = {"zoning": "col_zone_class", "markers": "col_marker_number", "poi": "col_name"}[kind]
    chosen = st.selectbox(t(field), columns, key="l_field") if columns else None
    source = st.text_input(t("source_given"), key="l_source")
    loaded_by = st.text_input(t("loaded_by"), key="l_loaded_by")
    if st.button(t("import_save"), type="primary", key="l_save"):
        try:
            saved = imports.save_layer(
                store(),
                kind=kind,
                frame=frame,
                column=chosen,
                source=source,
                filename=upload.name,
                loaded_by=loaded_by,
                source_crs=loaded.source_crs,
                repaired=loaded.repaired,
            )
        except UserInputError as error:
            show_error(error)
            return
        st.success(t("import_saved", name=upload.name))
        if saved.problems:
            with st.expander(t("problems")):
                for problem in saved.problems:
                    st.text(problem)
