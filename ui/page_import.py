"""Your data: indicator tables, layers and coordinates that users bring, stored with provenance.

One module per tab: :mod:`ui.import_table`, :mod:`ui.import_layer`, :mod:`ui.import_coords`,
:mod:`ui.import_list`, and :mod:`ui.observations_import` (field observations: the import widget
and the stored table). The page needs ``IMPORT`` (data editors and above): any other role, even
by the page's URL, is told so instead (the store refuses their imports anyway).
"""

from __future__ import annotations

import streamlit as st

from ui.import_coords import render_coords_tab
from ui.import_layer import render_layer_tab
from ui.import_list import render_loaded_tab
from ui.import_table import render_table_tab
from ui.language import t
from ui.observations_import import render_observation_import, render_stored_observations
from ui.pages import allowed
from userdata.roles import Permission


def render() -> None:
    st.header(t("page_import"))
    if allowed(Permission.IMPORT, action=t("page_import")) is None:
        return
    st.caption(t("page_import_intro"))
    table_tab, layer_tab, coords_tab, observations_tab, loaded_tab = st.tabs(
        [t("tab_table"), t("tab_layer"), t("tab_coords"), t("obs_ui.tab"), t("tab_loaded")]
    )
    with table_tab:
        render_table_tab()
    with layer_tab:
        render_layer_tab()
    with coords_tab:
        render_coords_tab()
    with observations_tab:
        render_observation_import(key="obs_import_data")
        render_stored_observations()
    with loaded_tab:
        render_loaded_tab()
