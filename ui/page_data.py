"""Data sources page: every layer with its row count and status, the border markers by the
precision of their position (as the session's role sees them: surveyed positions only for
border guards and admins), every input and its licence."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from i18n.messages import message, precision_label
from layers.registry import LAYERS
from ui.language import lang, t
from ui.state import get_atlas, get_catalogue, get_view_atlas, imports_version


def marker_counts(markers: pd.DataFrame, *, lang: str) -> pd.DataFrame:
    """Markers by the precision of their position (labels in ``lang``), most first.

    Examples
    --------
    >>> frame = pd.DataFrame({"precision": ["at_gate", "inside_commune", "inside_commune"]})
    >>> marker_counts(frame, lang="en").values.tolist()[0]
    ['a point inside the commune, not its office', 2]
    """
    counts = markers["precision"].astype(str).value_counts()
    return pd.DataFrame(
        {
            message("protect.counts_precision", lang): [
                precision_label(p, lang) for p in counts.index
            ],
            message("protect.counts_markers", lang): counts.to_numpy().tolist(),
        }
    )


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
    view = get_view_atlas(imports_version())
    if view.available("markers"):
        st.subheader(t("protect.counts_heading"))
        st.dataframe(marker_counts(view.get("markers"), lang=lang()), hide_index=True)
        st.caption(t("protect.counts_note_public"))
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
