"""Process-wide state: the layers are built once per process (or read from the build cache),
never on a rerun; the user store is opened once per session."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.catalogue import Catalogue
from layers import crosswalk
from layers.build_cache import load_or_build
from layers.registry import Atlas
from userdata import apply as imports
from userdata.store import Store, default_path


@st.cache_resource(show_spinner="Đang tải các lớp bản đồ… / Loading map layers…")
def get_atlas() -> Atlas:
    """Every layer, once for this process (shared by all sessions): read from the on-disk cache
    when it matches the inputs and the code (:mod:`layers.build_cache`), else built."""
    return load_or_build(catalogue=get_catalogue())


@st.cache_resource
def get_catalogue() -> Catalogue:
    return Catalogue.load()


def store() -> Store:
    """The embedded store of what users save (plans, imports): one per session.

    Kept in ``st.session_state``; a new one only when the path changes (``BORDER_ATLAS_USER_DIR``).
    It holds one SQLite connection for the whole session (``keep_open``: reruns run on new
    threads, so the connection is shared across threads under the store's lock); writes still
    run in one ``BEGIN IMMEDIATE`` transaction each, so sessions and processes writing the same
    file at once queue on SQLite's lock. Its schema is checked once per file per process.
    """
    path = default_path()
    current = st.session_state.get("_userdata_store")
    if not isinstance(current, Store) or current.path != path:
        if isinstance(current, Store):
            current.close()
        current = st.session_state["_userdata_store"] = Store(path, keep_open=True)
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
