"""The map itself: the stable base map, and the whole map in one (tests, standalone export)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import folium
import geopandas as gpd
import xyzservices.providers as xyz

from geo.display import Bounds, Vn2000Zone, bounds_of, prepare_overlays, vn2000_zones
from i18n.messages import Lang, message
from ui.webmap.basemap import OfflineBasemap, basemap_files
from ui.webmap.classes import ColorClass
from ui.webmap.communes import communes_layer
from ui.webmap.elements import OfflineMap, Runtime
from ui.webmap.overlays import Overlay, overlay_group, prepare_overlay

BASEMAPS: dict[str, Any] = {
    "offline": None,
    "osm": xyz.OpenStreetMap.Mapnik,
    "topo": xyz.OpenTopoMap,
    "satellite": xyz.Esri.WorldImagery,
    "none": None,
}
"""Basemap keys, the default first; their names are the catalogue's ``map.basemap.<key>``.

``offline`` is drawn by the app from the bundle (:mod:`ui.webmap.basemap`); ``osm``, ``topo``
and ``satellite`` are tiles from outside, an explicit choice; ``none`` draws no basemap at all
and fetches nothing."""
TILE_BASEMAPS = {key: provider for key, provider in BASEMAPS.items() if provider is not None}
"""The basemaps fetched as tiles from outside."""


def base_map(
    *,
    bounds: Bounds,
    basemap: str = "offline",
    lang: Lang = "vi",
    overlays: Mapping[str, gpd.GeoDataFrame | Overlay] | None = None,
    zones: Sequence[Vn2000Zone] = (),
) -> folium.Map:
    """The stable part of the map: the basemap, static overlays, readout and distance tool.

    Parameters
    ----------
    bounds
        ``((south, west), (north, east))`` the map opens on (see :func:`geo.display.bounds_of`).
    basemap
        A key of :data:`BASEMAPS`; the page's own choice is the only place to change it (the
        layer control lists overlays only). With a tile basemap the offline basemap waits
        behind it and takes over at once when the tiles cannot be reached, with a notice;
        ``none`` draws no basemap at all.
    lang
        ``vi`` or ``en``.
    overlays
        Layers by kind (:data:`~ui.webmap.overlays.OVERLAY_KINDS`; ``risk_2025``-like keys
        count as ``risk``): each an :class:`~ui.webmap.overlays.Overlay` prepared once
        (:func:`~ui.webmap.overlays.prepare_overlay`, by URL on a page: what the map's script
        then carries is a few hundred bytes), or a GeoDataFrame in any CRS drawn inline as
        given (pass it through :func:`geo.display.prepare_overlays` first). Empty or missing
        layers are skipped.
    zones
        VN-2000 zones for the cursor readout (:func:`geo.display.vn2000_zones`).

    Examples
    --------
    >>> m = base_map(bounds=((17.0, 104.0), (20.5, 107.0)), basemap="none")
    >>> "/app/static/vendor/leaflet/leaflet.js" in m.get_root().render()
    True
    >>> offline = base_map(bounds=((17.0, 104.0), (20.5, 107.0))).get_root().render()
    >>> "BorderAtlasBasemap.add" in offline
    True
    """
    if basemap not in BASEMAPS:
        raise ValueError(f"unknown basemap '{basemap}'; choose one of {sorted(BASEMAPS)}")
    (south, west), (north, east) = bounds
    m = OfflineMap(
        location=((south + north) / 2, (west + east) / 2),
        zoom_start=9,
        tiles=None,
        control_scale=True,
        # half zoom steps let a fitted area fill a phone's map instead of a third of it
        zoom_snap=0.5,
    )
    if basemap in TILE_BASEMAPS:
        folium.TileLayer(
            TILE_BASEMAPS[basemap],
            name=message(f"map.basemap.{basemap}", lang),
            overlay=False,
            control=False,
        ).add_to(m)
    if basemap != "none":
        files = basemap_files()
        if files.available:
            OfflineBasemap(files=files, lang=lang, standby=basemap != "offline").add_to(m)
    Runtime(zones=zones, lang=lang).add_to(m)
    drawn = 0
    for key, layer in (overlays or {}).items():
        if isinstance(layer, Overlay):
            overlay_group(layer).add_to(m)
        elif layer is not None and len(layer):
            overlay_group(prepare_overlay(layer, kind=key, lang=lang)).add_to(m)
        else:
            continue
        drawn += 1
    if drawn:
        folium.LayerControl(collapsed=True).add_to(m)
    m.fit_bounds([[south, west], [north, east]])
    return m


def build_map(
    *,
    communes: gpd.GeoDataFrame,
    overlays: Mapping[str, gpd.GeoDataFrame] | None = None,
    indicator: str | None = None,
    classes: Sequence[ColorClass] | None = None,
    basemap: str = "offline",
    lang: Lang = "vi",
    bounds: Bounds | None = None,
    highlight_codes: set[str] | None = None,
    **layer_options: Any,
) -> folium.Map:
    """The whole map in one ``folium.Map``: :func:`base_map` plus the commune layer.

    For Streamlit prefer the two parts with ``st_folium(..., feature_group_to_add=...)`` (see
    :mod:`ui.webmap`). ``communes`` should come from
    :func:`geo.display.prepare_display_geometries`; ``overlays`` are prepared here.
    ``layer_options`` go to :func:`~ui.webmap.communes.communes_layer`.

    Examples
    --------
    >>> from geo.catalogue import Catalogue
    >>> from geo.display import prepare_display_geometries
    >>> raw = gpd.read_file(Catalogue.load().path("communes_2025"))
    >>> light = prepare_display_geometries(raw, columns=["code", "name", "province"])
    >>> html_text = build_map(communes=light, basemap="none").get_root().render()
    >>> "cdn." in html_text
    False
    """
    m = base_map(
        bounds=bounds or bounds_of(communes),
        basemap=basemap,
        lang=lang,
        overlays=prepare_overlays(overlays or {}),
        zones=vn2000_zones(communes) if "province" in communes.columns else (),
    )
    communes_layer(
        communes=communes,
        indicator=indicator,
        classes=classes,
        lang=lang,
        highlight_codes=highlight_codes,
        **layer_options,
    ).add_to(m)
    return m


def map_html(m: folium.Map) -> str:
    """The standalone HTML of a map (what a browser receives)."""
    return m.get_root().render()
