"""Static overlays (border, gates, markers, risk zones, sites, roads, rivers) and their styles.

Examples
--------
>>> overlay_label("risk_2025", "en"), overlay_label("wells", "en")
('Landslide / flash-flood risk zones', 'wells')
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import folium
import geopandas as gpd

from geo.vocabulary import WGS84
from i18n.messages import Lang, message
from ui.webmap.classes import NO_DATA_COLOR, RISK_COLOR_CLASSES
from ui.webmap.elements import GeoLayer
from ui.webmap.encoding import DISPLAY_DECIMALS, StyleRegistry, features
from ui.webmap.popups import cell, field_label, format_value, is_missing, table

OVERLAY_KINDS = ("border", "gates", "markers", "risk", "sites", "roads", "rivers")
"""Overlays drawn with their own style and layer-control name (``map.overlay.<kind>``)."""
OVERLAYS_SHOWN = ("border", "gates", "markers", "sites", "roads")
"""Overlays visible when the map opens; the others are ticked on in the layer control."""

_GATE_SVG = (
    '<svg width="20" height="20" viewBox="0 0 20 20"><rect x="1.5" y="1.5" width="17" height="17" '
    'rx="3" fill="#c62828" stroke="#fff" stroke-width="1.5"/><path d="M5 16V8h10v8M4 6h12" '
    'stroke="#fff" stroke-width="2" fill="none"/></svg>'
)
_MARKER_SVG = (
    '<svg width="16" height="16" viewBox="0 0 16 16"><path d="M8 1.5 L14.5 14 H1.5 Z" '
    'fill="#1a237e" stroke="#fff" stroke-width="1.5"/></svg>'
)

_OVERLAY_STYLES: dict[str, dict[str, Any]] = {
    "border": {"color": "#d7191c", "weight": 3, "opacity": 0.9, "dashArray": "10 4 2 4"},
    "roads": {"color": "#e66101", "weight": 2.5, "opacity": 0.9},
    "rivers": {"color": "#2c7fb8", "weight": 1.5, "opacity": 0.8},
    "sites": {
        "radius": 6,
        "color": "#ffffff",
        "weight": 1.5,
        "fillColor": "#6a3d9a",
        "fillOpacity": 0.95,
    },
    "gates": {"icon": _GATE_SVG, "size": 20},
    "markers": {"icon": _MARKER_SVG, "size": 16},
}
_GENERIC_STYLE = {
    "color": "#444",
    "weight": 2,
    "radius": 5,
    "fillColor": "#888",
    "fillOpacity": 0.4,
}
_PANES = {"risk": "ba-zones", "gates": "ba-points", "markers": "ba-points", "sites": "ba-points"}
_STICKY = ("border", "roads", "rivers")
_EXACT = ("exact", "surveyed")


def overlay_kind(key: str) -> str:
    """The kind of an overlay key: ``risk_2025``-like keys are ``risk``."""
    return "risk" if key.startswith("risk") else key


def overlay_label(key: str, lang: Lang) -> str:
    """Layer-control name of an overlay; unknown kinds are named by their key."""
    kind = overlay_kind(key)
    return message(f"map.overlay.{kind}", lang) if kind in OVERLAY_KINDS else kind


def risk_style(value: Any) -> dict[str, Any]:
    """Outline and fill of a risk zone of class ``value`` (grey when unknown)."""
    color = next((c.color for c in RISK_COLOR_CLASSES if c.value == value), NO_DATA_COLOR)
    return {"color": color, "weight": 2, "opacity": 0.9, "fillColor": color, "fillOpacity": 0.35}


def _first(row: Mapping[str, Any], names: Sequence[str]) -> Any:
    for name in names:
        value = row.get(name)
        if not is_missing(value):
            return value
    return None


def _skipped_columns(columns: set[str], lang: Lang) -> set[str]:
    # Only the page language's variant of a bilingual column (x / x_en, label_vi / label_en).
    other = "en" if lang == "vi" else "vi"
    skip = {"id", "lat", "lon", f"label_{other}"}
    if lang == "vi":
        return skip | {c for c in columns if c.endswith("_en")}
    return skip | {c.removesuffix("_en") for c in columns if c.endswith("_en")}


def _tooltip(row: Mapping[str, Any], *, kind: str, lang: Lang) -> str:
    name = _first(row, [f"label_{lang}", "name", "name_guess", "id"])
    if kind == "markers" and not is_missing(row.get("marker_number")):
        name = message("map.marker_number", lang, number=row["marker_number"])
    tip = f"<b>{html.escape(format_value(name, lang=lang))}</b>" if name is not None else ""
    precision = row.get("precision")
    if isinstance(precision, str) and precision and precision not in _EXACT:
        tip += f'<br><span class="ba-note">{html.escape(message("map.approximate", lang))}: '
        tip += f"{html.escape(precision)}</span>"
    if kind == "border":
        derived = html.escape(message("map.derived_border", lang))
        tip += f'<br><span class="ba-note">{derived}</span>'
    return tip


def overlay_layer(
    layer: gpd.GeoDataFrame, *, kind: str, lang: Lang = "vi", decimals: int = DISPLAY_DECIMALS
) -> folium.FeatureGroup:
    """One static overlay as a ``FeatureGroup`` for the layer control.

    Every column is in the popup (escaped); the tooltip names the feature and says when its
    position is approximate. Rows without geometry are left out (they have no place to draw).
    """
    kind = overlay_kind(kind)
    group = folium.FeatureGroup(
        name=html.escape(overlay_label(kind, lang)), overlay=True, show=kind in OVERLAYS_SHOWN
    )
    frame = layer.to_crs(WGS84) if layer.crs is not None else layer
    registry = StyleRegistry()
    properties = []
    skip = _skipped_columns(set(frame.columns), lang)
    for row in frame.drop(columns=frame.geometry.name).to_dict("records"):
        rows = [
            (html.escape(field_label(column, lang)), cell(value, lang))
            for column, value in row.items()
            if not is_missing(value) and column not in skip
        ]
        if kind == "risk":
            style = risk_style(row.get("risk_class"))
        else:
            style = _OVERLAY_STYLES.get(kind, _GENERIC_STYLE)
        properties.append(
            {"t": _tooltip(row, kind=kind, lang=lang), "p": table(rows), "s": registry.add(style)}
        )
    data, _ = features(frame.geometry.to_numpy(), properties, decimals=decimals)
    options = {
        "pane": _PANES.get(kind, "ba-lines"),
        "sticky": kind in _STICKY,
        "factor": 10**decimals,
    }
    GeoLayer(data=data, styles=registry.styles, options=options).add_to(group)
    return group
