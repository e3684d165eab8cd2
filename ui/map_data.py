"""The map layers both map pages draw, built once per edition and imports version (cached).

The imports version (:func:`ui.state.imports_version`) also says whether the session sees
surveyed marker positions, so nothing cached here for a border guard is served to a viewer;
an overlay holding surveyed positions goes inline, never to a file served by URL
(:func:`ui.webmap.holds_protected`).

The map page and the planner's map show the same communes, risk classes and overlays; they
come from here so both pages agree and the work is done once per server.
"""

from __future__ import annotations

import hashlib
from typing import Any

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo.errors import DataFileError
from i18n.messages import Lang
from layers import build_cache
from layers.commune_view import INDICATORS, commune_view, crosswalk_of
from layers.facts import load_facts
from layers.places import Place, places, trip_places
from layers.registry import Atlas
from layers.units import province_units as load_units
from ui import webmap
from ui.map_table import commune_table
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
    if not version:  # no imports: made from the bundle alone, kept on disk across restarts
        return build_cache.load_or_make(
            f"view_{edition}",
            catalogue=get_catalogue(),
            make=lambda: commune_view(get_atlas(), edition=edition, imported={}),
            kind=gpd.GeoDataFrame,
        )
    imported = imports.indicator_values(store(), edition=edition, weights=crosswalk_weights())
    return commune_view(get_view_atlas(version), edition=edition, imported=imported)


@st.cache_resource(show_spinner=False, max_entries=8)
def display(edition: str, version: str) -> gpd.GeoDataFrame:
    view_frame = view(edition, version)
    indicators = indicator_list(version)
    keep = [
        c for c in view_frame.columns if c in DISPLAY_COLUMNS or _is_indicator_column(c, indicators)
    ]
    if version:
        return webmap.prepare_display_geometries(view_frame, columns=keep)
    # Made by geo.display from the bundle alone: kept on disk across restarts (the name
    # carries the columns, which this module chooses).
    columns = hashlib.sha256("\n".join(keep).encode()).hexdigest()[:10]
    return build_cache.load_or_make(
        f"display_{edition}_{columns}",
        catalogue=get_catalogue(),
        make=lambda: webmap.prepare_display_geometries(view_frame, columns=keep),
        kind=gpd.GeoDataFrame,
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def overlays(edition: str, version: str) -> dict[str, gpd.GeoDataFrame]:
    return overlay_layers(get_view_atlas(version), edition=edition)


def overlay_layers(atlas: Atlas, *, edition: str) -> dict[str, gpd.GeoDataFrame]:
    """The static overlays of the map pages from ``atlas`` (the layers with the session's view
    of the imports joined), prepared for display."""
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


@st.cache_resource(show_spinner=False, max_entries=16)
def overlay_drawings(edition: str, version: str, lang: Lang) -> dict[str, webmap.Overlay]:
    """The static overlays ready to draw, their features in files the browser fetches once:
    built once per edition, imports version and language, not on every rerun."""
    return {
        key: webmap.prepare_overlay(layer, kind=key, lang=lang, by_url=True)
        for key, layer in overlays(edition, version).items()
        if len(layer)
    }


@st.cache_resource(show_spinner=False, max_entries=32)
def legend_notices(edition: str, version: str, indicator: str, lang: Lang) -> tuple[str, ...]:
    """The commune legend's notices (one line when the poverty rates are not one series)."""
    return webmap.legend_notices(display(edition, version), indicator, lang)


@st.cache_resource(show_spinner=False, max_entries=2)
def province_units(lang: Lang) -> webmap.Overlay | None:
    """The 374 communes and wards of the three provinces as a context overlay (by URL), or
    ``None`` when the bundle's file cannot be read (the page then says so)."""
    try:
        units = load_units(catalogue=get_catalogue())
    except (DataFileError, KeyError, OSError):
        return None
    return webmap.prepare_overlay(
        webmap.prepare_display_geometries(units), kind="units", lang=lang, by_url=True
    )


@st.cache_resource(show_spinner=False, max_entries=8)
def commune_shapes(edition: str, version: str) -> str:
    """The URL (script expression) of the commune shapes of an edition: fetched once by the
    browser; a rerun sends only how each shape is styled."""
    return webmap.commune_shapes(display(edition, version), by_url=True)


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


@st.cache_resource(show_spinner=False, max_entries=32)
def commune_rows(edition: str, version: str, lang: Lang, keys: tuple[str, ...]) -> pd.DataFrame:
    """:func:`ui.map_table.commune_table` of every commune of the edition (in the view's
    order) for the indicators ``keys``: built once; a filter only picks rows of it."""
    by_key = {item.key: item for item in indicator_list(version)}
    return commune_table(
        view(edition, version), indicators=[by_key[key] for key in keys], lang=lang
    )


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
