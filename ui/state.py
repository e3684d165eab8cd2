"""Process-wide state: the layers are built once per process, never on a rerun."""

from __future__ import annotations

import streamlit as st

from geo.catalogue import Catalogue
from layers.registry import Atlas, build_atlas


@st.cache_resource(show_spinner="Đang tải các lớp bản đồ… / Loading map layers…")
def get_atlas() -> Atlas:
    """Build every layer once for this process (shared by all sessions)."""
    return build_atlas(catalogue=Catalogue.load())


@st.cache_resource
def get_catalogue() -> Catalogue:
    return Catalogue.load()


def imports_version() -> int:
    """A number that changes whenever users import or remove data (0 with nothing imported)."""
    return int(st.session_state.get("imports_version", 0))
