"""The offline web map: Folium building blocks the map page composes.

Everything the browser needs (Leaflet, proj4, the map's own ``static/atlas/webmap.js`` and
``webmap.css``) is served by the app (:mod:`ui.assets`) and loaded by URL, so the browser
caches it. The default basemap is the app's own offline one (:mod:`ui.webmap.basemap`: relief,
rivers, roads, places, made from the bundle); tiles from outside are an explicit choice, and
when they cannot be reached the offline basemap takes over at once. No Bootstrap, jQuery,
Font Awesome or web fonts: symbols are inline SVG, text uses the system font. The words come
from the catalogue (``map.`` keys).

Modules
-------
:mod:`geo.display` (re-exported here)
    :func:`prepare_display_geometries` simplifies a coverage for display once (shared borders
    stay shared) and rounds coordinates: cache the result (``st.cache_resource``), it does not
    change with filters. Also :func:`prepare_overlays`, :func:`bounds_of`, :func:`vn2000_zones`.
:mod:`ui.webmap.basemap`
    :func:`basemap_files` (relief picture and vector JSON made once per process into
    ``static/cache/``, served by URL) and :class:`OfflineBasemap`, the element that draws them
    with ``static/atlas/basemap.js``.
:mod:`ui.webmap.build`
    :func:`base_map`, the stable part: the basemap, static overlays in a layer control, the
    WGS 84 / VN-2000 cursor readout and a distance tool. :func:`build_map`: the base map and
    the commune layer in one ``folium.Map`` (tests, standalone export).
:mod:`ui.webmap.communes`
    :func:`communes_layer`, a ``FeatureGroup`` with the communes coloured by an indicator, their
    compact popups (their *Chi tiết ›* scrolls the page to ``st.container(key="ba_details")``),
    the legend, the dimming of communes outside ``highlight_codes``, and the fit of the view
    to ``fit_codes`` (done in the browser, only when that set changes);
    :func:`clicked_code` reads a click back.
:mod:`ui.webmap.overlays`, :mod:`ui.webmap.legend`, :mod:`ui.webmap.popups`
    Overlay layers and styles (:func:`prepare_overlay` once, :func:`overlay_group` on every
    rerun); the legend; cell formatting and popup tables.
:mod:`ui.webmap.sources`
    :func:`source`: data inline in the script, or a file fetched once by URL (what does not
    change with a filter: static overlays, commune shapes, commune texts per indicator).
:mod:`ui.webmap.classes`
    Colour classes: risk classes, numeric classes of an indicator.
:mod:`ui.webmap.encoding`, :mod:`ui.webmap.elements`
    Script-safe JSON and polyline-encoded geometry; the Folium elements that call the runtime.

How streamlit-folium 0.27.4 redraws (read from its source)
----------------------------------------------------------
* The component's identity is a hash of the base map's JavaScript (random element ids
  stripped) plus ``key``. Same base map script → the browser keeps its Leaflet map, view and
  open layers; a different one → the map is torn down and rebuilt.
* ``feature_group_to_add`` is sent as a separate script. When only it changes, the frontend
  removes the previous group and evaluates the new one on the live map: no reload, no change
  of view. Pass the commune group there and keep it out of the base map.
* Component arguments (base map script included) still travel to the browser on every rerun;
  keep them small: on a page, overlays are prepared once with their features in files the
  browser fetches by URL and keeps (:mod:`ui.webmap.sources`), and the commune group carries
  the URLs of its shapes and texts plus one style index per commune (``by_url=True``), so a
  filter change sends a few kilobytes whatever the number of communes.
* ``returned_objects`` limits what the browser reports: with ``["last_object_clicked"]`` panning
  and zooming no longer rerun the script; only a click on a feature does.
* Scripts and stylesheets are taken from each element's ``default_js`` / ``default_css`` and
  loaded by URL, scripts one after the other: here Leaflet, then the map's runtime, all under
  ``/app/static/``. A ``branca`` colormap in the tree would make it add d3 from a CDN: the
  legend here is plain HTML instead.
* ``st_folium`` mutates the map it is given (element ids, the feature group is added to it):
  build the base map anew on each run (it is cheap) and cache the prepared data, not the map.
* The base map's header goes in through ``innerHTML``: an inline ``<script>`` there would not
  run, so the runtime is a linked file and the element scripts only call it.

Usage on a Streamlit page::

    from streamlit_folium import st_folium
    from ui import webmap

    # Cached once per edition (st.cache_resource): geometry never changes with filters.
    display = webmap.prepare_display_geometries(view)       # view: model.commune_view(...)
    layers = webmap.prepare_overlays({"border": ..., "gates": ..., "roads": ...})
    overlays = {key: webmap.prepare_overlay(layer, kind=key, lang=lang, by_url=True)
                for key, layer in layers.items()}           # cached per language too
    shapes = webmap.commune_shapes(display, by_url=True)

    m = webmap.base_map(bounds=webmap.bounds_of(display), basemap=state.basemap, lang=lang,
                        overlays=overlays, zones=webmap.vn2000_zones(display))
    group = webmap.communes_layer(communes=display, indicator=state.indicator, lang=lang,
                                  highlight_codes=matching_codes, by_url=True, shapes=shapes)
    result = st_folium(m, feature_group_to_add=group, returned_objects=["last_object_clicked"],
                       key=f"map-{edition}", height=620, use_container_width=True)
    code = webmap.clicked_code(result.get("last_object_clicked"), communes=display)

Checked in a throwaway app: panning and zooming cause no rerun; a filter change swaps only the
commune group (same Leaflet map, same view, one legend); a click reruns once and
:func:`clicked_code` returns the commune; proj4 loads from ``/app/static``. Use
``use_container_width=True``: a fixed width wider than the column clips the legend.
"""

from __future__ import annotations

from geo.display import (
    DEFAULT_TOLERANCE_M,
    Bounds,
    Vn2000Zone,
    bounds_of,
    prepare_display_geometries,
    prepare_overlays,
    vn2000_zones,
)
from ui.webmap.basemap import BasemapFiles, OfflineBasemap, basemap_files
from ui.webmap.build import BASEMAPS, TILE_BASEMAPS, base_map, build_map, map_html
from ui.webmap.classes import (
    DEFAULT_FILL,
    NO_DATA_COLOR,
    PALETTES,
    RISK_COLOR_CLASSES,
    ColorClass,
    assign_classes,
    numeric_classes,
)
from ui.webmap.communes import (
    DEFAULT_POPUP_FIELDS,
    FIELD_METHODS,
    clicked_code,
    commune_shapes,
    communes_layer,
    legend_notices,
)
from ui.webmap.elements import OfflineMap
from ui.webmap.encoding import DISPLAY_DECIMALS, encode_polyline
from ui.webmap.legend import legend_html
from ui.webmap.overlays import (
    OVERLAY_KINDS,
    OVERLAYS_SHOWN,
    Overlay,
    holds_protected,
    overlay_group,
    overlay_label,
    prepare_overlay,
)
from ui.webmap.popups import format_value
from ui.webmap.sources import source

__all__ = [
    "BASEMAPS",
    "DEFAULT_FILL",
    "DEFAULT_POPUP_FIELDS",
    "DEFAULT_TOLERANCE_M",
    "DISPLAY_DECIMALS",
    "FIELD_METHODS",
    "NO_DATA_COLOR",
    "OVERLAYS_SHOWN",
    "OVERLAY_KINDS",
    "PALETTES",
    "RISK_COLOR_CLASSES",
    "TILE_BASEMAPS",
    "BasemapFiles",
    "Bounds",
    "ColorClass",
    "OfflineBasemap",
    "OfflineMap",
    "Overlay",
    "Vn2000Zone",
    "assign_classes",
    "base_map",
    "basemap_files",
    "bounds_of",
    "build_map",
    "clicked_code",
    "commune_shapes",
    "communes_layer",
    "encode_polyline",
    "format_value",
    "holds_protected",
    "legend_html",
    "legend_notices",
    "map_html",
    "numeric_classes",
    "overlay_group",
    "overlay_label",
    "prepare_display_geometries",
    "prepare_overlay",
    "prepare_overlays",
    "source",
    "vn2000_zones",
]
