"""The map layers both map pages draw, built once per edition and imports version (cached).

The map page and the planner's map show the same communes, risk classes and overlays; they
come from here so both pages agree and the work is done once per server.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.errors import DataFileError
from layers.commune_view import INDICATORS, commune_view, crosswalk_of
from layers.facts import load_facts
from layers.places import Place, places, trip_places
from ui import webmap
from ui.state import crosswalk_weights, get_atlas, get_catalogue, get_view_atlas, store
from userdata import apply as imports

DISPLAY_COLUMNS = [
    *webmap.DEFAULT_POPUP_FIELDS,
    *("name", "edition", "population", "population_year", "risk_reasons", "risk_reasons_en"),
    "risk_sources",
    *(method for method, _ in webmap.FIELD_METHODS.values()),
]
"""Columns sent to the browser: the popup's and those the tooltip and legend need."""


@st.cache_resource(show_spinner=False, max_entries=8)
def view(edition: str, version: str) -> gpd.GeoDataFrame:
    imported = (
        imports.indicator_values(store(), edition=edition, weights=crosswalk_weights())
        if version
        else {}
    )
    return commune_view(get_view_atlas(version), edition=edition, imported=imported)


@st.cache_resource(show_spinner=False, max_entries=8)
def display(edition: str, version: str) -> gpd.GeoDataFrame:
    view_frame = view(edition, version)
    indicators = indicator_list(version)
    keep = [
        c for c in view_frame.columns if c in DISPLAY_COLUMNS or _is_indicator_column(c, indicators)
    ]
    return webmap.prepare_display_geometries(view_frame, columns=keep)


@st.cache_resource(show_spinner=False, max_entries=8)
def overlays(edition: str, version: str) -> dict[str, gpd.GeoDataFrame]:
    atlas = get_view_atlas(version)
    names = {
        "border": "border",
        "gates": "gates",
        "markers": "markers",
        "risk": f"risk_{edition}",
        "sites": "sites",
        "roads": "roads",
        "rivers": "rivers",
        "lao": "lao_provinces",
    }
    layers = {key: atlas.get(name) for key, name in names.items() if atlas.available(name)}
    if "sites" in layers:
        layers["sites"] = layers["sites"][layers["sites"].geometry.notna()]
    return webmap.prepare_overlays(layers)


@st.cache_resource(show_spinner=False, max_entries=8)
def place_catalogue(edition: str, version: str) -> dict[str, Place]:
    return places(get_view_atlas(version), edition=edition)


def _is_indicator_column(column: str, indicators: list[Any]) -> bool:
    return any(column == i.key or column.startswith(f"{i.key}_") for i in indicators)


@st.cache_resource(show_spinner=False, max_entries=8)
def indicator_list(version: str) -> list[Any]:
    """The built-in indicators and those users imported (read once per imports version)."""
    standard = {item.key for item in INDICATORS}
    custom = imports.custom_indicators(store(), standard) if version else []
    return list(INDICATORS) + custom


@st.cache_resource(show_spinner=False, max_entries=4)
def trip_catalogue(version: str) -> dict[str, Place]:
    """What the planner can search: 2025 places and the communes of 2020–2025."""
    return trip_places(get_view_atlas(version))


@st.cache_resource(show_spinner=False)
def cited_facts() -> pd.DataFrame | None:
    """Every cited fact with its classification, or ``None`` when the facts cannot be read
    (the commune panel then leaves the list out; the data page names the problem)."""
    try:
        return load_facts(catalogue=get_catalogue())
    except (DataFileError, KeyError, OSError):
        return None


@st.cache_resource(show_spinner=False)
def crosswalk() -> pd.DataFrame | None:
    """The 2024→2025 crosswalk (``code_2024``, ``code_2025``) the commune panel reads."""
    return crosswalk_of(get_atlas())
