"""Static overlays (border, gates, markers, risk zones, sites, roads, rivers) and their styles.

Point overlays draw one symbol per position: entries that stand on the same point (sites known
only by their commune, markers of one sector) are listed together in its tooltip and popup. A
point whose position is known only by commune or place
(:data:`geo.vocabulary.APPROXIMATE_PRECISIONS`) wears a dashed ring around its symbol. The
Lao provinces (``lao``) are context only: a light outline and a permanent name, nothing to
click or hover, so clicks go through to the communes below.

Each overlay carries its legend entry (:func:`legend_entry`), shown in the map's legend while
the overlay is on (the layer control adds and removes it).

Examples
--------
>>> overlay_label("risk_2025", "en"), overlay_label("wells", "en")
('Landslide / flash-flood risk zones', 'wells')
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import folium
import geopandas as gpd

from geo.vocabulary import APPROXIMATE_PRECISIONS, WGS84
from i18n.messages import MESSAGES, Lang, message, message_or
from ui.webmap.classes import NO_DATA_COLOR, RISK_COLOR_CLASSES
from ui.webmap.elements import GeoLayer, Labels, LegendEntry
from ui.webmap.encoding import DISPLAY_DECIMALS, StyleRegistry, features
from ui.webmap.legend import (
    APPROXIMATE_RING,
    approximate_symbol,
    entry_html,
    legend_row,
    line_symbol,
    swatch,
)
from ui.webmap.popups import cell, field_label, format_value, is_missing, table
from ui.webmap.sources import source

OVERLAY_KINDS = (
    "border",
    "gates",
    "markers",
    "risk",
    "sites",
    "roads",
    "rivers",
    "lao",
    "units",
)
"""Overlays drawn with their own style and layer-control name (``map.overlay.<kind>``)."""
OVERLAYS_SHOWN = ("border", "gates", "markers", "sites", "roads", "lao", "units")
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
_SITE_SVG = (
    '<svg width="14" height="14" viewBox="0 0 14 14"><circle cx="7" cy="7" r="5.5" '
    'fill="#6a3d9a" stroke="#fff" stroke-width="1.5"/></svg>'
)
_RING_MARGIN = 5
"""Pixels between a point's symbol and the dashed ring of an approximate position."""


def ringed(svg: str, size: int) -> tuple[str, int]:
    """``svg`` (a ``size``-pixel symbol) inside the dashed ring of an approximate position, and
    the ringed symbol's size.

    Examples
    --------
    >>> text, size = ringed(_MARKER_SVG, 16)
    >>> size, text.count("<svg"), "stroke-dasharray" in text
    (26, 2, True)
    """
    outer = size + 2 * _RING_MARGIN
    inner = svg.replace("<svg ", f'<svg x="{_RING_MARGIN}" y="{_RING_MARGIN}" ', 1)
    ring = APPROXIMATE_RING.format(c=outer / 2, r=outer / 2 - 1)
    return (
        f'<svg width="{outer}" height="{outer}" viewBox="0 0 {outer} {outer}">{ring}{inner}</svg>',
        outer,
    )


_OVERLAY_STYLES: dict[str, dict[str, Any]] = {
    "border": {"color": "#d7191c", "weight": 3, "opacity": 0.9, "dashArray": "10 4 2 4"},
    "roads": {"color": "#e66101", "weight": 2.5, "opacity": 0.9},
    "rivers": {"color": "#2c7fb8", "weight": 1.5, "opacity": 0.8},
    "sites": {"icon": _SITE_SVG, "size": 14},
    "gates": {"icon": _GATE_SVG, "size": 20},
    "markers": {"icon": _MARKER_SVG, "size": 16},
    "units": {"color": "#616161", "weight": 0.8, "opacity": 0.8, "fill": False},
}
_GENERIC_STYLE = {
    "color": "#444",
    "weight": 2,
    "radius": 5,
    "fillColor": "#888",
    "fillOpacity": 0.4,
}
_LAO_STYLE = {
    "color": "#7a7a7a",
    "weight": 1.2,
    "opacity": 0.8,
    "dashArray": "4 4",
    "fill": False,
    "interactive": False,
}
"""The Lao provinces: a light dashed outline, not clickable (Leaflet ``interactive``)."""
_POINT_KINDS = ("gates", "markers", "sites")
_TIP_ENTRIES = 6
"""At most this many entries are named in the tooltip of a shared point (the popup has all)."""
_PANES = {"risk": "ba-zones", "gates": "ba-points", "markers": "ba-points", "sites": "ba-points"}
_STICKY = ("border", "roads", "rivers", "units")
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


def _precision_words(code: Any, lang: Lang) -> str:
    """The catalogue's words for a precision code; the code itself when it has none."""
    return message_or(f"precision.{code}", lang, str(code))


def _cell(column: str, value: Any, lang: Lang) -> str:
    """A popup cell; precision and placement codes are shown by their words."""
    if column == "precision":
        return html.escape(_precision_words(value, lang))
    if column == "method" and f"point_method.{value}" in MESSAGES:
        return html.escape(message(f"point_method.{value}", lang))
    return cell(value, lang)


def _tooltip(row: Mapping[str, Any], *, kind: str, lang: Lang) -> str:
    name = _first(row, ["name", f"label_{lang}", "name_guess", "id"])
    if name is None and kind == "markers" and not is_missing(row.get("marker_number")):
        name = message("map.marker_number", lang, number=row["marker_number"])
    tip = f"<b>{html.escape(format_value(name, lang=lang))}</b>" if name is not None else ""
    label = row.get(f"label_{lang}")
    if not is_missing(row.get("name")) and isinstance(label, str) and " — " in label:
        # What the drawn point is, when it is not the thing itself (see layers.points).
        tip += f"<br>{html.escape(label.split(' — ', 1)[1])}"
    precision = row.get("precision")
    if isinstance(precision, str) and precision and precision not in _EXACT:
        words = html.escape(_precision_words(precision, lang))
        tip += f'<br><span class="ba-note">{html.escape(message("map.approximate", lang))}: '
        tip += f"{words}</span>"
    if kind == "border":
        derived = html.escape(message("map.derived_border", lang))
        tip += f'<br><span class="ba-note">{derived}</span>'
    return tip


def _shared_point(entries: Sequence[dict[str, str]], lang: Lang) -> dict[str, str]:
    """One tooltip and popup for several entries drawn on the same point."""
    if len(entries) == 1:
        return entries[0]
    count = html.escape(message("places.several_here", lang, n=len(entries)))
    names = "".join(f"<br>{entry['t'].split('<br>')[0]}" for entry in entries[:_TIP_ENTRIES])
    more = "<br>…" if len(entries) > _TIP_ENTRIES else ""
    popup = "<hr>".join(entry["p"] for entry in entries)
    return {"t": f'<span class="ba-note">{count}</span>{names}{more}', "p": popup}


@dataclass(frozen=True)
class Overlay:
    """One static overlay ready to draw: built once (:func:`prepare_overlay`), drawn on every
    rerun by :func:`overlay_group` at no cost.

    ``data`` is the features' script expression: inline JSON, or the quoted URL of the file
    holding it (:func:`ui.webmap.sources.source`).
    """

    kind: str
    label: str
    show: bool
    data: str
    styles: tuple[dict[str, Any], ...]
    options: dict[str, Any]
    legend: tuple[tuple[str, int, str], ...]
    labels: tuple[tuple[float, float, str], ...] = ()
    """Permanent names ``(lat, lon, text)`` (the Lao provinces)."""
    attribution: str = ""


def _lao_overlay(frame: gpd.GeoDataFrame, *, lang: Lang, by_url: bool) -> Overlay:
    registry = StyleRegistry()
    style = registry.add(_LAO_STYLE)
    data, _ = features(
        frame.geometry.to_numpy(), [{"t": "", "p": "", "s": style}] * len(frame), decimals=3
    )
    label_column = f"label_{lang}" if f"label_{lang}" in frame.columns else "name"
    labels = tuple(
        (float(row["label_lat"]), float(row["label_lon"]), str(row[label_column]))
        for row in frame.drop(columns=frame.geometry.name).to_dict("records")
        if not (is_missing(row.get("label_lat")) or is_missing(row.get("label_lon")))
    )
    return Overlay(
        kind="lao",
        label=overlay_label("lao", lang),
        show="lao" in OVERLAYS_SHOWN,
        data=source(data, stem="overlay-lao", by_url=by_url),
        styles=tuple(registry.styles),
        options={"pane": "ba-lines", "sticky": False, "factor": 10**3},
        legend=tuple(legend_entries("lao", frame, lang=lang)),
        labels=labels,
        attribution=message("lao.attribution", lang),
    )


def holds_protected(layer: gpd.GeoDataFrame) -> bool:
    """Whether ``layer`` holds a surveyed position (``precision`` ``surveyed``): such a layer
    is for its signed-in reader only and never goes into a file served by URL.

    Examples
    --------
    >>> import shapely
    >>> frame = gpd.GeoDataFrame({"precision": ["at_gate", "surveyed"]},
    ...     geometry=[shapely.Point(104, 20), shapely.Point(105, 21)], crs=WGS84)
    >>> holds_protected(frame), holds_protected(frame.iloc[:1]), holds_protected(frame[[]])
    (True, False, False)
    """
    if "precision" not in layer.columns:
        return False
    return bool((layer["precision"].astype(str) == "surveyed").any())


def prepare_overlay(
    layer: gpd.GeoDataFrame,
    *,
    kind: str,
    lang: Lang = "vi",
    decimals: int = DISPLAY_DECIMALS,
    by_url: bool = False,
) -> Overlay:
    """Everything :func:`overlay_group` draws of one static overlay, computed once.

    Every column is in the popup (escaped; precision and placement codes by their words); the
    tooltip names the feature and says when its position is approximate. Rows without geometry
    are left out (they have no place to draw). Point rows on one position become one symbol
    listing them all. The Lao provinces: outlines and permanent names only.

    ``by_url`` writes the features to a file the browser fetches once and keeps
    (:mod:`ui.webmap.sources`); the map's script then carries its URL only. A layer holding
    surveyed positions (:func:`holds_protected`) always goes inline: a cache file can be
    fetched by anyone who knows its URL, signed in or not.

    Examples
    --------
    >>> import shapely
    >>> gates = gpd.GeoDataFrame({"name": ["Na Mèo"], "precision": ["published"]},
    ...     geometry=[shapely.Point(104.9, 20.3)], crs=WGS84)
    >>> inline = prepare_overlay(gates, kind="gates", lang="en")
    >>> "Na Mèo" in inline.data, inline.label
    (True, 'Border gates')
    >>> by_url = prepare_overlay(gates, kind="gates", lang="en", by_url=True)
    >>> by_url.data.startswith('"/app/static/cache/overlay-gates-')
    True
    """
    kind = overlay_kind(kind)
    by_url = by_url and not holds_protected(layer)
    frame = layer.to_crs(WGS84) if layer.crs is not None else layer
    if kind == "lao":
        return _lao_overlay(frame, lang=lang, by_url=by_url)
    registry = StyleRegistry()
    properties = []
    approximate: set[int] = set()
    skip = _skipped_columns(set(frame.columns), lang)
    for row in frame.drop(columns=frame.geometry.name).to_dict("records"):
        rows = [
            (html.escape(field_label(column, lang)), _cell(column, value, lang))
            for column, value in row.items()
            if not is_missing(value) and column not in skip
        ]
        if kind == "risk":
            style = risk_style(row.get("risk_class"))
        else:
            style = _OVERLAY_STYLES.get(kind, _GENERIC_STYLE)
        if kind in _POINT_KINDS and is_approximate(row.get("precision")):
            icon, size = ringed(style["icon"], style["size"])
            style = {"icon": icon, "size": size}
            approximate.add(registry.add(style))
        properties.append(
            {"t": _tooltip(row, kind=kind, lang=lang), "p": table(rows), "s": registry.add(style)}
        )
    geoms = frame.geometry.to_numpy()
    if kind in _POINT_KINDS:
        geoms, properties = _one_symbol_per_point(
            geoms, properties, lang=lang, decimals=decimals, prefer=approximate
        )
    data, _ = features(geoms, properties, decimals=decimals)
    drawn = {properties[i]["s"] for i in range(len(properties))}
    return Overlay(
        kind=kind,
        label=overlay_label(kind, lang),
        show=kind in OVERLAYS_SHOWN,
        data=source(data, stem=f"overlay-{kind}", by_url=by_url),
        styles=tuple(registry.styles),
        options={
            "pane": _PANES.get(kind, "ba-lines"),
            "sticky": kind in _STICKY,
            "factor": 10**decimals,
        },
        legend=tuple(legend_entries(kind, frame, lang=lang, approximate=bool(drawn & approximate))),
    )


def overlay_group(overlay: Overlay) -> folium.FeatureGroup:
    """The ``FeatureGroup`` of a prepared overlay for the layer control, with its legend entry
    (the Lao provinces: not clickable, names as non-interactive labels, GADM's attribution
    shown while the layer is on).

    Examples
    --------
    >>> import shapely
    >>> lao = gpd.GeoDataFrame({"label_en": ["Savannakhet (Laos)"], "label_lat": [16.5],
    ...     "label_lon": [106.0]}, geometry=[shapely.box(105.5, 16, 106.5, 17)], crs=WGS84)
    >>> m = folium.Map(tiles=None)
    >>> _ = overlay_group(prepare_overlay(lao, kind="lao", lang="en")).add_to(m)
    >>> page = m.get_root().render()
    >>> "Savannakhet (Laos)" in page, "bindPopup" in page, "bindTooltip" in page
    (True, False, False)
    """
    group = folium.FeatureGroup(name=html.escape(overlay.label), overlay=True, show=overlay.show)
    GeoLayer(data=overlay.data, styles=overlay.styles, options=overlay.options).add_to(group)
    if overlay.labels:
        Labels(
            labels=overlay.labels, class_name="ba-lao-label", attribution=overlay.attribution
        ).add_to(group)
    for key, order, body in overlay.legend:
        LegendEntry(key=key, order=order, body=body).add_to(group)
    return group


def is_approximate(precision: Any) -> bool:
    """True for a position known only by commune or place (drawn with a dashed ring).

    Examples
    --------
    >>> is_approximate("commune_seat"), is_approximate("published"), is_approximate(None)
    (True, False, False)
    """
    return isinstance(precision, str) and precision in APPROXIMATE_PRECISIONS


def legend_entries(
    kind: str, frame: gpd.GeoDataFrame, *, lang: Lang, approximate: bool = False
) -> list[tuple[str, int, str]]:
    """``(key, order, body)`` of an overlay's legend entries: its symbol and name (the risk
    zones: their classes), and the dashed ring when some of its points are ``approximate``.

    Examples
    --------
    >>> [key for key, _, _ in legend_entries("gates", gpd.GeoDataFrame(), lang="en",
    ...                                      approximate=True)]
    ['gates', 'approximate']
    >>> "Border gates" in legend_entries("gates", gpd.GeoDataFrame(), lang="en")[0][2]
    True
    """
    kind = overlay_kind(kind)
    order = OVERLAY_KINDS.index(kind) if kind in OVERLAY_KINDS else len(OVERLAY_KINDS)
    label = overlay_label(kind, lang)
    style = _OVERLAY_STYLES.get(kind, {})
    if kind == "risk":
        present = set(frame["risk_class"]) if "risk_class" in frame.columns else set()
        rows = [
            (swatch(c.color, opacity=0.35), c.label(lang))
            for c in RISK_COLOR_CLASSES
            if c.value in present or not present
        ]
        if present - {c.value for c in RISK_COLOR_CLASSES}:
            rows.append((swatch(NO_DATA_COLOR, opacity=0.35), message("risk.unknown", lang)))
        body = entry_html(message("legend.risk_zones", lang), rows)
    elif kind == "lao":
        body = entry_html(label, symbol=line_symbol(_LAO_STYLE["color"], weight=1.2, dash="4 4"))
    elif "icon" in style:
        body = entry_html(label, symbol=style["icon"])
    elif kind in _OVERLAY_STYLES:
        body = entry_html(
            label,
            symbol=line_symbol(
                style["color"], weight=style["weight"], dash=style.get("dashArray", "")
            ),
        )
    else:
        body = entry_html(label, symbol=swatch(_GENERIC_STYLE["fillColor"], opacity=0.4))
    entries = [(kind, order, body)]
    if approximate:
        entries.append(
            (
                "approximate",
                50,
                legend_row(approximate_symbol(), message("legend.approximate", lang)),
            )
        )
    return entries


def _one_symbol_per_point(
    geoms: Any,
    properties: list[dict[str, Any]],
    *,
    lang: Lang,
    decimals: int,
    prefer: set[int] = frozenset(),  # type: ignore[assignment]
) -> tuple[list[Any], list[dict[str, Any]]]:
    """Points at the same (rounded) position merged into one, in the order first seen; the
    merged point takes a style of ``prefer`` (the ringed, approximate one) when any has it."""
    places: dict[tuple[float, float], list[int]] = {}
    for index, geom in enumerate(geoms):
        if geom is None or geom.is_empty:
            continue
        key = (round(geom.x, decimals), round(geom.y, decimals))
        places.setdefault(key, []).append(index)
    merged_geoms, merged = [], []
    for indices in places.values():
        entries = [properties[index] for index in indices]
        shared = _shared_point(entries, lang)
        merged_geoms.append(geoms[indices[0]])
        style = next((e["s"] for e in entries if e["s"] in prefer), entries[0]["s"])
        merged.append({**shared, "s": style})
    return merged_geoms, merged
