"""Process-wide state: the layers are built once per process, never on a rerun."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.catalogue import Catalogue
from layers import crosswalk
from layers.registry import Atlas, build_atlas
from userdata import apply as imports
from userdata.store import Store, default_path


@st.cache_resource(show_spinner="Đang tải các lớp bản đồ… / Loading map layers…")
def get_atlas() -> Atlas:
    """Build every layer once for this process (shared by all sessions)."""
    return build_atlas(catalogue=Catalogue.load())


@st.cache_resource
def get_catalogue() -> Catalogue:
    return Catalogue.load()


def store() -> Store:
    """The embedded store of what users save (plans, imports): one object per session.

    Kept in ``st.session_state``; a new one only when the path changes (``BORDER_ATLAS_USER_DIR``).
    A :class:`Store` holds no connection (each operation opens its own and writes in one
    ``BEGIN IMMEDIATE`` transaction), so sessions writing the same file at once queue on
    SQLite's lock; its schema is checked once per file per process, not per session.
    """
    path = default_path()
    current = st.session_state.get("_userdata_store")
    if not isinstance(current, Store) or current.path != path:
        current = st.session_state["_userdata_store"] = Store(path)
    return current


def imports_version() -> str:
    """Changes whenever any user imports or removes data ("" with nothing imported)."""
    return store().imports_version()


@st.cache_resource(show_spinner=False, max_entries=4)
def get_joined(version: str) -> imports.Joined:
    """The layers with the users' imports joined, and the imports left off, for imports
    ``version``: worked out once per version for the whole server (map, planner, notices)."""
    atlas = get_atlas()
    return imports.join_imports(atlas, store()) if version else imports.Joined(atlas)


def get_view_atlas(version: str) -> Atlas:
    """The layers with the users' imports applied (official zoning, surveyed markers, points)."""
    return get_joined(version).atlas


@st.cache_resource(show_spinner=False)
def crosswalk_weights() -> pd.DataFrame:
    """Old → new commune area shares and population weights (for moving figures onto 2025)."""
    atlas = get_atlas()
    return crosswalk.transfer_weights(
        catalogue=get_catalogue(),
        communes_2024=atlas.get("communes_2024"),
        communes_2025=atlas.get("communes_2025"),
    )
