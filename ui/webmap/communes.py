"""The commune layer: communes coloured by an indicator, with tooltips, compact popups, the
commune part of the legend, and the fit of the view to chosen communes.

District-level figures are hatched with a dashed outline, commune-level ones solid, missing
ones grey; communes outside the filter are faded. The legend says so, with the years. The popup
is short (name, the coloured figure with year and level, a few lines, "details"); the full
record is the page's details panel.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import shapely

from geo.vocabulary import WGS84
from i18n.messages import Lang, message, message_or
from i18n.numbers import format_year
from layers.commune_view import INDICATORS
from layers.filters import POVERTY, poverty_mix
from layers.provenance import unit_words
from ui.webmap.classes import (
    DEFAULT_FILL,
    NO_DATA_COLOR,
    RISK_COLOR_CLASSES,
    ColorClass,
    assign_classes,
    numeric_classes,
)
from ui.webmap.elements import CommuneLayer, FitView, Legend
from ui.webmap.encoding import (
    DISPLAY_DECIMALS,
    StyleRegistry,
    drawable,
    features,
    script_json,
)
from ui.webmap.legend import hatch_url, legend_html, legend_title, level_text
from ui.webmap.popups import (
    cell,
    commune_popup,
    field_label,
    figure_text,
    format_value,
    is_missing,
)
from ui.webmap.sources import source

DEFAULT_POPUP_FIELDS = (
    "code",
    "former_district",
    "province",
    "population_2025",
    "population_2019",
    "area_km2",
    "density",
    "is_border",
    "border_distance_km",
    "seat_name",
    "merged_from",
    "risk_class",
    "precision",
    "source",
)
"""Commune columns the map page keeps for the map (``ui.map_data``): the popup's lines, the
tooltip's and those the VN-2000 readout needs; the full record is the page's details panel."""

POPUP_LINES = ("risk_class", "population_2025", "is_border")
"""Short lines of the compact popup under the figure (when present; ``is_border`` only when
true; the indicator itself never twice)."""
POPUP_LINES_MAX = 3

UNCHANGED = "unchanged"
"""``merged_from`` of a commune the 2025 merger left whole (the bundle's word)."""

FIELD_METHODS: dict[str, tuple[str, str]] = {
    "population": ("population_method", "population_method"),
    "population_2019": ("population_2019_method", "population_method"),
    "area_km2": ("area_method", "area_method"),
    "density": ("density_method", "density_method"),
    "is_border": ("border_method", "border_method"),
}
"""Popup column → (column saying how its figure was obtained, catalogue prefix of its words):
a split census count, a computed area or a derived border flag says so beside the figure."""

_INDICATORS = {item.key: item for item in INDICATORS}


def _indicator_meta(indicator: str) -> tuple[str, str, str]:
    """(label_vi, label_en, unit) from ``layers.commune_view`` when it knows the indicator."""
    item = _INDICATORS.get(indicator)
    return (item.label_vi, item.label_en, item.unit) if item else (indicator, indicator, "")


def _level_of(row: Mapping[str, Any], indicator: str, has_value: bool) -> str:
    if not has_value:
        return "none"
    level = row.get(f"{indicator}_level")
    if isinstance(level, str) and level and level != "none":
        return level
    return "commune"


def _value_text(value: Any, classes: Sequence[ColorClass], unit: str, lang: Lang) -> str:
    if isinstance(value, str) and not is_missing(value):
        match = next((c for c in classes if c.value == value), None)
        return match.label(lang) if match else value
    return figure_text(value, unit=unit, lang=lang)


def _style(
    *, indicator: str | None, has_value: bool, level: str, color: str | None
) -> dict[str, Any]:
    style: dict[str, Any] = {"color": "#404040", "weight": 1, "opacity": 0.9}
    if indicator is None:
        style.update(fillColor=DEFAULT_FILL, fillOpacity=0.25)
    elif not has_value:
        style.update(fillColor=NO_DATA_COLOR, fillOpacity=0.55, dashArray="1 3")
    elif level == "commune":
        style.update(fillColor=color, fillOpacity=0.75)
    else:
        style.update(hatch=color, fillOpacity=0.9, dashArray="5 4", color="#202020")
    return style


@dataclass
class _Tally:
    """What the legend needs: communes and years per level, hatch colours, any faded."""

    counts: dict[str, int] = field(default_factory=dict)
    years: dict[str, set[str]] = field(default_factory=dict)
    hatch_colors: list[str] = field(default_factory=list)
    dimmed: bool = False


@dataclass(frozen=True)
class _Indicator:
    """The indicator a layer is coloured by, as the texts show it."""

    key: str | None
    label: str
    unit: str
    classes: tuple[ColorClass, ...]
    dated: bool = False
    leveled: bool = False


def _texts(
    row: Mapping[str, Any],
    *,
    shown: _Indicator,
    value: Any,
    level: str,
    row_year: Any,
    fill: str,
    tooltip_fields: Mapping[str, str],
    popup_fields: Mapping[str, str],
    lang: Lang,
) -> tuple[str, str]:
    """(tooltip, popup) HTML of one commune: a short tooltip and the compact popup."""
    name = format_value(row.get("name"), lang=lang)
    district = row.get("former_district")
    district_text = "" if is_missing(district) else str(district)
    head = f"<b>{html.escape(name)}</b>"
    if district_text:
        head += f" ({html.escape(district_text)})"
    tip_rows = [head]
    figure = meta = ""
    if shown.key:
        has_value = level != "none"
        qualifier = row.get(f"{shown.key}_qualifier") if has_value else None
        figure = _value_text(value if has_value else None, shown.classes, shown.unit, lang)
        if has_value and isinstance(value, int | float | np.integer | np.floating):
            figure = figure_text(value, unit=shown.unit, lang=lang, qualifier=qualifier)
        value_line = f"{html.escape(shown.label)}: {html.escape(figure)}"
        when: list[str] = []
        if has_value and shown.dated:
            when.append(
                message("map.year_unknown", lang) if is_missing(row_year) else format_year(row_year)
            )
        if has_value and shown.leveled:
            when.append(level_text(level, lang))
        if has_value and row.get(f"{shown.key}_estimate") is True:
            when.append(message("provenance.estimate", lang))
        if when:
            value_line += f' <span class="ba-note">({html.escape(", ".join(when))})</span>'
            meta = " · ".join(when)
        tip_rows.append(value_line)
    for column, column_label in tooltip_fields.items():
        tip_rows.append(f"{html.escape(column_label)}: {cell(row.get(column), lang)}")
    lines = []
    for column, column_label in popup_fields.items():
        cell_value = row.get(column)
        if is_missing(cell_value) or (column == "is_border" and cell_value is not True):
            continue
        if column == "risk_class":
            text = _value_text(cell_value, RISK_COLOR_CLASSES, "", lang)
        elif column == "merged_from" and cell_value == UNCHANGED:
            text = message("map.merged_unchanged", lang)
        else:
            text = format_value(cell_value, lang=lang)
        lines.append((column_label, text))
    popup = commune_popup(
        name=name,
        district=district_text,
        figure=figure,
        figure_label=shown.label if shown.key else "",
        fill=fill,
        meta=meta,
        lines=lines[:POPUP_LINES_MAX],
        lang=lang,
    )
    return "<br>".join(tip_rows), popup


def method_text(row: Mapping[str, Any], column: str, lang: Lang) -> str:
    """How the figure in ``column`` of a commune ``row`` was obtained (:data:`FIELD_METHODS`),
    in ``lang``; "" when the row does not say.

    Examples
    --------
    >>> method_text({"area_method": "computed_gadm"}, "area_km2", "en")[:9]
    'estimate:'
    """
    method_column, prefix = FIELD_METHODS.get(column, ("", ""))
    return message_or(f"{prefix}.{row.get(method_column)}", lang) if method_column else ""


def _default_popup_fields(columns: Sequence[str], lang: Lang) -> dict[str, str]:
    return {c: field_label(c, lang) for c in POPUP_LINES if c in columns}


def communes_layer(
    *,
    communes: gpd.GeoDataFrame,
    indicator: str | None,
    classes: Sequence[ColorClass] | None = None,
    lang: Lang = "vi",
    highlight_codes: Collection[str] | None = None,
    fit_codes: Collection[str] | None = None,
    tooltip_fields: Mapping[str, str] | None = None,
    popup_fields: Mapping[str, str] | None = None,
    indicator_label: str | None = None,
    unit: str | None = None,
    year: str | int | None = None,
    palette: str = "reds",
    name: str | None = None,
    decimals: int = DISPLAY_DECIMALS,
    by_url: bool = False,
    shapes: str | None = None,
    notices: Sequence[str] | None = None,
) -> folium.FeatureGroup:
    """The communes coloured by ``indicator``, with legend, tooltips, compact popups and fit.

    District-level figures (``<indicator>_level`` is ``district``) are hatched with a dashed
    outline, commune-level ones solid, missing ones grey; the legend says so, with the year
    (``<indicator>_year``) of each level. Communes outside ``highlight_codes`` are faded.

    Parameters
    ----------
    communes
        EPSG:4326 layer with ``code`` and ``name`` (prepared by
        :func:`geo.display.prepare_display_geometries`) plus the indicator columns.
    indicator
        Column to colour by; ``None`` draws outlines only and no commune legend.
    classes
        Legend classes; default :data:`~ui.webmap.classes.RISK_COLOR_CLASSES` for
        ``risk_class``, else quantile classes of the values
        (:func:`~ui.webmap.classes.numeric_classes`).
    lang
        ``vi`` or ``en``.
    highlight_codes
        Codes drawn fully; the others are faded. ``None``: no filter, all drawn fully.
    fit_codes
        Codes whose communes the view is fitted to when the group is added, with padding that
        keeps the legend and the other controls clear of them (``BorderAtlas.fit``). The map
        remembers the last fitted set: the same set again (a click, an unrelated rerun) leaves
        the view alone. ``None`` or no known code: the view is not touched.
    tooltip_fields, popup_fields
        Extra ``{column: label}`` to show (labels already in ``lang``). Popup default: the
        short lines of :data:`POPUP_LINES` present in ``communes`` (at most
        :data:`POPUP_LINES_MAX` lines are shown).
    indicator_label, unit, year
        Override what ``layers.commune_view`` and the ``<indicator>_year`` column say. A
        bilingual unit (``"người · people"``) shows the part of ``lang``.
    palette
        Palette for default numeric classes.
    name
        Name of the feature group.
    decimals
        Decimals of the coordinates sent to the browser.
    by_url
        Send the shapes and the texts (tooltips, popups) as files the browser fetches once
        (:mod:`ui.webmap.sources`); only the styles and the legend travel in the script, so a
        filter change sends a few bytes a commune. ``False`` (a standalone map): all inline.
    shapes
        The shapes' script expression from :func:`commune_shapes` (computed once by the
        caller); default: made here from ``communes``.
    notices
        The legend's notices (:func:`legend_notices`, which the caller may keep); default:
        computed here.

    Examples
    --------
    >>> frame = gpd.GeoDataFrame({"code": ["1"], "name": ["A"], "poverty_rate_pct": [12.5],
    ...     "poverty_rate_pct_level": ["district"], "poverty_rate_pct_year": [2023]},
    ...     geometry=[shapely.box(104, 19, 104.1, 19.1)], crs="EPSG:4326")
    >>> group = communes_layer(communes=frame, indicator="poverty_rate_pct", lang="en",
    ...                        fit_codes={"1"})
    >>> isinstance(group, folium.FeatureGroup)
    True
    """
    missing = [c for c in ("code", "name") if c not in communes.columns]
    if indicator is not None and indicator not in communes.columns:
        missing.append(indicator)
    if missing:
        raise KeyError(f"the communes layer lacks columns {missing}")
    frame = communes.to_crs(WGS84) if communes.crs is not None else communes
    label_vi, label_en, default_unit = _indicator_meta(indicator) if indicator else ("", "", "")
    if indicator is not None and classes is None:
        if indicator == "risk_class":
            classes = RISK_COLOR_CLASSES
        else:
            classes = numeric_classes(frame[indicator], palette=palette)
    shown = _Indicator(
        key=indicator,
        label=indicator_label or (label_vi if lang == "vi" else label_en),
        unit=unit_words(default_unit if unit is None else unit, lang),
        classes=tuple(classes or ()),
        dated=year is not None or f"{indicator}_year" in frame.columns,
        leveled=f"{indicator}_level" in frame.columns,
    )
    index = (
        assign_classes(frame[indicator], shown.classes) if indicator else np.full(len(frame), -1)
    )
    highlight = None if highlight_codes is None else {str(c) for c in highlight_codes}
    if popup_fields is None:
        popup_fields = _default_popup_fields(list(frame.columns), lang)
    else:
        popup_fields = dict(popup_fields)
    popup_fields.pop(indicator or "", None)
    if indicator in ("population", "population_2025"):
        popup_fields.pop("population_2025", None)
    tooltip_fields = dict(tooltip_fields or {})

    registry = StyleRegistry()
    texts: dict[str, list[str]] = {}
    index_of_style: list[int] = []
    tally = _Tally()
    drawn = drawable(frame.geometry.to_numpy())
    records = frame.drop(columns=frame.geometry.name).to_dict("records")
    for i, row in enumerate(records):
        value = row.get(indicator) if indicator else None
        has_value = indicator is not None and not is_missing(value) and index[i] >= 0
        level = _level_of(row, indicator, has_value) if indicator else "none"
        tally.counts[level] = tally.counts.get(level, 0) + 1
        row_year = year if year is not None else row.get(f"{indicator}_year") if indicator else None
        if has_value:
            tally.years.setdefault(level, set()).add(
                message("map.unknown", lang) if is_missing(row_year) else format_year(row_year)
            )
        color = shown.classes[index[i]].color if has_value else None
        style = _style(indicator=indicator, has_value=has_value, level=level, color=color)
        if "hatch" in style and color not in tally.hatch_colors:
            tally.hatch_colors.append(color)
        dimmed = highlight is not None and str(row["code"]) not in highlight
        tally.dimmed |= dimmed
        if dimmed:
            style.update(fillOpacity=round(style["fillOpacity"] * 0.25, 3), opacity=0.3)
        elif highlight is not None:
            style.update(weight=2.5, color="#111111")
        fill = "" if color is None else hatch_url(color) if "hatch" in style else color
        tip, popup = _texts(
            row,
            shown=shown,
            value=value,
            level=level,
            row_year=row_year,
            fill=fill or (NO_DATA_COLOR if indicator else ""),
            tooltip_fields=tooltip_fields,
            popup_fields=popup_fields,
            lang=lang,
        )
        texts[str(row["code"])] = [tip, popup]
        if drawn[i]:
            index_of_style.append(registry.add(style))

    group = folium.FeatureGroup(
        name=html.escape(name or message("map.commune_layer", lang)), overlay=True, control=False
    )
    CommuneLayer(
        shapes=shapes or commune_shapes(frame, decimals=decimals, by_url=by_url),
        texts=source(script_json(texts), stem="communes-texts", by_url=by_url),
        styles=registry.styles,
        index=index_of_style,
        options={"sticky": True, "factor": 10**decimals, "canvas": len(index_of_style) > 2000},
    ).add_to(group)
    if indicator:
        legend = legend_html(
            label=shown.label,
            unit=shown.unit,
            classes=shown.classes,
            counts=tally.counts,
            years=tally.years,
            dimmed=tally.dimmed,
            lang=lang,
            notices=legend_notices(frame, indicator, lang) if notices is None else tuple(notices),
        )
        Legend(
            html_text=legend,
            hatch_colors=tally.hatch_colors,
            title=legend_title(shown.label, shown.unit),
        ).add_to(group)
    fit = fit_bounds(frame, fit_codes)
    if fit is not None:
        FitView(bounds=fit, key=",".join(sorted({str(c) for c in fit_codes or ()}))).add_to(group)
    return group


def commune_shapes(
    communes: gpd.GeoDataFrame, *, decimals: int = DISPLAY_DECIMALS, by_url: bool = False
) -> str:
    """The shapes of a commune layer (``[{"g": geometry, "c": code}, …]``, rows without a
    geometry left out) as a script expression: the JSON itself, or (``by_url``) the URL of the
    file holding it (:func:`ui.webmap.sources.source`). :func:`communes_layer` draws them and
    restyles them by position.

    They do not change with filters, indicator or language: make them once per layer.

    Examples
    --------
    >>> frame = gpd.GeoDataFrame({"code": ["1", "2"]}, geometry=[shapely.box(104, 19, 104.1,
    ...     19.1), None], crs="EPSG:4326")
    >>> commune_shapes(frame)
    '[{"g":{"k":"P","c":["_brJoep~@o}@??n}@n}@?"]},"c":"1"}]'
    """
    frame = communes.to_crs(WGS84) if communes.crs is not None else communes
    codes = [{"c": str(code)} for code in frame["code"]]
    data, _ = features(frame.geometry.to_numpy(), codes, decimals=decimals)
    return source(data, stem="communes-shapes", by_url=by_url)


def fit_bounds(
    communes: gpd.GeoDataFrame, codes: Collection[str] | None
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """``((south, west), (north, east))`` of the communes with ``codes``; ``None`` when no code
    is given or none is known.

    Examples
    --------
    >>> frame = gpd.GeoDataFrame({"code": ["1", "2"]}, geometry=[shapely.box(104, 19, 104.1,
    ...     19.1), shapely.box(105, 20, 105.5, 20.2)], crs="EPSG:4326")
    >>> fit_bounds(frame, {"2"}), fit_bounds(frame, {"9"}), fit_bounds(frame, None)
    (((20.0, 105.0), (20.2, 105.5)), None, None)
    """
    if not codes:
        return None
    wanted = {str(c) for c in codes}
    # The geometry column alone: taking rows of the whole frame copies every column.
    geometry = communes.geometry[communes["code"].astype(str).isin(wanted).to_numpy()]
    geometry = geometry[~(geometry.isna() | geometry.is_empty)]
    if geometry.empty:
        return None
    west, south, east, north = (float(v) for v in geometry.total_bounds)
    return (south, west), (north, east)


def legend_notices(frame: gpd.GeoDataFrame, indicator: str, lang: Lang) -> tuple[str, ...]:
    """One short line when the poverty rates drawn are not one series (the page below the map
    lists what they mix, :func:`layers.filters.mix_notices`); kept short so the legend leaves
    the map visible on a phone."""
    if indicator != POVERTY or poverty_mix(frame).comparable:
        return ()
    return (message("map.not_one_series", lang),)


def clicked_code(clicked: Mapping[str, float] | None, *, communes: gpd.GeoDataFrame) -> str | None:
    """Code of the commune under a clicked point (``st_folium``'s ``last_object_clicked``).

    Examples
    --------
    >>> frame = gpd.GeoDataFrame({"code": ["7"]}, geometry=[shapely.box(104, 19, 105, 20)],
    ...                          crs="EPSG:4326")
    >>> clicked_code({"lat": 19.5, "lng": 104.5}, communes=frame)
    '7'
    """
    if not clicked or clicked.get("lat") is None or clicked.get("lng") is None:
        return None
    point = shapely.Point(float(clicked["lng"]), float(clicked["lat"]))
    frame = communes.to_crs(WGS84) if communes.crs is not None else communes
    hits = frame.index[frame.geometry.intersects(point)]
    return str(frame.loc[hits[0], "code"]) if len(hits) else None
