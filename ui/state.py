"""Process-wide state: the layers are built once per process (or read from the build cache),
never on a rerun; the user store is opened once per session."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from access.session import current_principal, session_store
from geo.catalogue import Catalogue
from layers import crosswalk
from layers.build_cache import load_or_build
from layers.registry import Atlas
from userdata import apply as imports
from userdata import protect
from userdata.store import Store


@st.cache_resource(show_spinner="Đang tải các lớp bản đồ… / Loading map layers…")
def get_atlas() -> Atlas:
    """Every layer, once for this process (shared by all sessions): read from the on-disk cache
    when it matches the inputs and the code (:mod:`layers.build_cache`), else built."""
    return load_or_build(catalogue=get_catalogue())


@st.cache_resource
def get_catalogue() -> Catalogue:
    return Catalogue.load()


def store() -> Store:
    """The embedded store of what users save (plans, imports): one per session
    (:func:`access.session.session_store`), acting for the run's principal.

    Writes run in one ``BEGIN IMMEDIATE`` transaction each, so sessions and processes writing
    the same file at once queue on SQLite's lock. Its schema is checked once per file per
    process. Each call sets ``store.principal`` to who this run acts as (None when nobody is
    signed in: the store then refuses everything but signing in) and ``store.public_stop`` to
    the hook that moves a surveyed plan stop to its commune's point for those who may not see
    it (:func:`userdata.protect.stop_hook`).
    """
    current = session_store()
    current.principal = current_principal()
    current.public_stop = _stop_hook()
    return current


@st.cache_resource(show_spinner=False)
def _stop_hook() -> protect.PublicStop:
    return protect.stop_hook(get_atlas().get("communes_2025"))


def imports_version() -> str:
    """Changes whenever any user imports or removes data ("" with nothing imported, or with
    nobody signed in), and ends in ``:p`` for a principal who sees surveyed marker positions:
    every cache keyed by it (the joined layers, overlays, places, exports) keeps what a border
    guard sees apart from what a viewer sees."""
    current = store()
    if current.principal is None:
        return ""
    version = current.imports_version()
    return f"{version}:p" if version and current.sees_protected else version


@st.cache_resource(show_spinner=False, max_entries=4)
def get_joined(version: str) -> imports.Joined:
    """The layers with the users' imports joined, and the imports left off, for imports
    ``version`` (:func:`imports_version`: it says whether surveyed positions are seen, and
    the session's store, which decides it, reads them; its principal is the run's, so both
    agree): worked out once per version for the whole server (map, planner, notices)."""
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
