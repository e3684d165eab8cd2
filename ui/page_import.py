"""Your data: indicator tables, layers and coordinates that users bring, stored with provenance.

One module per tab: :mod:`ui.import_table`, :mod:`ui.import_layer`, :mod:`ui.import_coords`,
:mod:`ui.import_list`.
"""

from __future__ import annotations

import streamlit as st

from ui.import_coords import render_coords_tab
from ui.import_layer import render_layer_tab
from ui.import_list import render_loaded_tab
from ui.import_table import render_table_tab
from ui.language import t


def render() -> None:
    st.header(t("page_import"))
    st.caption(t("page_import_intro"))
    table_tab, layer_tab, coords_tab, loaded_tab = st.tabs(
        [t("tab_table"), t("tab_layer"), t("tab_coords"), t("tab_loaded")]
    )
    with table_tab:
        render_table_tab()
    with layer_tab:
        render_layer_tab()
    with coords_tab:
        render_coords_tab()
    with loaded_tab:
        render_loaded_tab()
