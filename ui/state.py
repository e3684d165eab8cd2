"""Process-wide state: the layers are built once per process, never on a rerun."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.catalogue import Catalogue
from layers.registry import Atlas, build_atlas
from userdata.store import Store


@st.cache_resource(show_spinner="Đang tải các lớp bản đồ… / Loading map layers…")
def get_atlas() -> Atlas:
    """Build every layer once for this process (shared by all sessions)."""
    return build_atlas(catalogue=Catalogue.load())


@st.cache_resource
def get_catalogue() -> Catalogue:
    return Catalogue.load()


def store() -> Store:
    """The embedded store of what users save (plans, imports)."""
    return Store()


def imports_version() -> str:
    """Changes whenever any user imports or removes data ("" with nothing imported)."""
    rows = store().list_imports()
    return ",".join(sorted(row["id"] for row in rows))


@st.cache_resource(show_spinner=False, max_entries=4)
def get_view_atlas(version: str) -> Atlas:
    """The layers with the users' imports applied (official zoning, surveyed markers, points)."""
    from userdata import apply as imports

    atlas = get_atlas()
    return imports.apply_to_atlas(atlas, store()) if version else atlas


@st.cache_resource(show_spinner=False)
def crosswalk_weights() -> pd.DataFrame:
    """Old → new commune shares with the old commune's 2019 population (for moving figures)."""
    from layers import communes

    atlas = get_atlas()
    old = atlas.get("communes_2024")
    weights = communes.crosswalk_weights(
        catalogue=get_catalogue(), communes_2024=old, communes_2025=atlas.get("communes_2025")
    )
    weights["population_2019"] = weights["code_2024"].map(old.set_index("code")["population_2019"])
    return weights
