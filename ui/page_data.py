"""Data sources page: every layer with its row count and status, every input and its licence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from layers.registry import LAYERS
from ui.language import t
from ui.state import get_atlas, get_catalogue


def render() -> None:
    atlas = get_atlas()
    st.header(t("layers_heading"))
    rows = []
    for layer in LAYERS:
        available = atlas.available(layer.name)
        rows.append(
            {
                t("layer"): t(f"layer.{layer.name}"),
                t("rows"): len(atlas.layers[layer.name]) if available else None,
                t("status"): t("available") if available else t("unavailable"),
            }
        )
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    if atlas.errors:
        st.warning(t("unavailable_layers"))
        for name, reason in atlas.errors.items():
            st.text(f"{name}: {reason}")
    st.subheader(t("inputs_heading"))
    catalogue = get_catalogue()
    st.dataframe(
        pd.DataFrame(
            [
                {t("file"): e.path, t("licence"): e.licence, t("description"): e.description}
                for e in catalogue.entries.values()
            ]
        ),
        hide_index=True,
        width="stretch",
    )
    st.subheader(t("limits_heading"))
    st.markdown(t("limits_text"))
