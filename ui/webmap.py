"""The offline web map: Folium building blocks the map page composes.

Everything the browser needs (Leaflet, proj4, the JavaScript written here) is served by the app
(:mod:`ui.assets`); only basemap tiles come from outside, and with tiles unreachable every layer
still draws on a plain background. No Bootstrap, jQuery, Font Awesome or web fonts: symbols are
inline SVG, text uses the system font.

Building blocks
---------------
:func:`prepare_display_geometries`
    Simplify a coverage for display once (shared borders stay shared), round coordinates.
    Cache the result (``st.cache_resource``); it does not change with filters.
:func:`base_map`
    The stable part: basemaps, static overlays (border, gates, markers, risk zones, sites,
    roads, rivers) in a layer control, the WGS 84 / VN-2000 cursor readout and a distance tool.
:func:`communes_layer`
    A ``FeatureGroup`` with the communes coloured by an indicator, their tooltips and popups,
    the legend, and the dimming of communes outside ``highlight_codes``.
:func:`build_map`
    Both in one ``folium.Map`` (tests, standalone export).

How streamlit-folium 0.27.4 redraws (read from its source)
----------------------------------------------------------
* The component's identity is a hash of the base map's JavaScript (random element ids
  stripped) plus ``key``. Same base map script → the browser keeps its Leaflet map, view and
  open layers; a different one → the map is torn down and rebuilt.
* ``feature_group_to_add`` is sent as a separate script. When only it changes, the frontend
  removes the previous group and evaluates the new one on the live map: no reload, no change
  of view. Pass the commune group there and keep it out of the base map.
* Component arguments (base map script included) still travel to the browser on every rerun;
  keep the base map small: the commune polygons belong in the feature group.
* ``returned_objects`` limits what the browser reports: with ``["last_object_clicked"]`` panning
  and zooming no longer rerun the script; only a click on a feature does.
* Scripts and stylesheets are taken from each element's ``default_js`` / ``default_css`` and
  loaded by URL: here they are ``/app/static/vendor/...``. A ``branca`` colormap in the tree
  would make it add d3 from a CDN: the legend here is plain HTML instead.
* ``st_folium`` mutates the map it is given (element ids, the feature group is added to it):
  build the base map anew on each run (it is cheap) and cache the prepared data, not the map.
* The base map's header goes in through ``innerHTML``: its ``<style>`` applies but an inline
  ``<script>`` there would not run, so the JavaScript here lives in element scripts.

Usage on a Streamlit page::

    from streamlit_folium import st_folium
    from ui import webmap

    # Cached once per edition (st.cache_resource): geometry never changes with filters.
    display = webmap.prepare_display_geometries(view)       # view: model.commune_view(...)
    overlays = webmap.prepare_overlays({"border": ..., "gates": ..., "roads": ...})

    m = webmap.base_map(bounds=webmap.bounds_of(display), basemap=state.basemap, lang=lang,
                        overlays=overlays, zones=webmap.vn2000_zones(display))
    group = webmap.communes_layer(communes=display, indicator=state.indicator, lang=lang,
                                  highlight_codes=matching_codes)
    result = st_folium(m, feature_group_to_add=group, returned_objects=["last_object_clicked"],
                       key=f"map-{edition}", height=620, use_container_width=True)
    code = webmap.clicked_code(result.get("last_object_clicked"), communes=display)

Checked in a throwaway app: panning and zooming cause no rerun; a filter change swaps only the
commune group (same Leaflet map, same view, one legend); a click reruns once and
:func:`clicked_code` returns the commune; proj4 loads from ``/app/static``. Use
``use_container_width=True``: a fixed width wider than the column clips the legend.
"""

from __future__ import annotations

import functools
import html
import json
import math
import re
import warnings
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import xyzservices.providers as xyz
from branca.element import Element, MacroElement
from folium.template import Template

from i18n.numbers import format_number
from ui import assets

Lang = Literal["vi", "en"]
Bounds = tuple[tuple[float, float], tuple[float, float]]
"""``((south, west), (north, east))`` in degrees."""

_METRES_PER_DEGREE = 111_320.0
DEFAULT_TOLERANCE_M = 50.0
"""Display simplification tolerance; ~1/3 pixel at zoom 10 (where the three areas are seen)."""
DISPLAY_DECIMALS = 4
"""Decimals of the coordinates sent for lines and polygons (~11 m); points keep 5 (~1 m)."""
VN2000_EPSG: dict[str, int] = {"Thanh Hóa": 5897, "Nghệ An": 9208, "Quảng Trị": 9212}
"""The VN-2000 TM-3 zone (EPSG code) each province uses for its cadastral and survey work."""
NO_DATA_COLOR = "#bdbdbd"
DEFAULT_FILL = "#d9d9d9"

PALETTES: dict[str, tuple[str, ...]] = {
    # ColorBrewer 5-class sequential schemes.
    "reds": ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"),
    "greens": ("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"),
    "blues": ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"),
    "purples": ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"),
}

_TEXT: dict[str, tuple[str, str]] = {
    "no_data": ("không có số liệu", "no data"),
    "year": ("năm", "year"),
    "year_unknown": ("năm không rõ", "year not stated"),
    "unknown": ("không rõ", "not stated"),
    "level_commune": ("số liệu cấp xã", "commune-level figure"),
    "level_district": ("số liệu cấp huyện cũ", "former-district figure"),
    "level_province": ("số liệu cấp tỉnh", "province-level figure"),
    "solid": ("Tô đặc: số liệu của chính xã", "Solid: the commune's own figure"),
    "hatched": (
        "Gạch chéo, viền đứt: số liệu của cả huyện cũ (hoặc tỉnh), không riêng của xã",
        "Hatched, dashed outline: a whole former-district (or province) figure, "
        "not the commune's own",
    ),
    "dimmed": ("Mờ: không khớp bộ lọc", "Faded: does not match the filters"),
    "communes": ("xã", "communes"),
    "commune_layer": ("Xã", "Communes"),
    "yes": ("có", "yes"),
    "no": ("không", "no"),
    "basemap_none": ("Không có nền", "No basemap"),
    "osm": ("OpenStreetMap", "OpenStreetMap"),
    "topo": ("OpenTopoMap (địa hình)", "OpenTopoMap (relief)"),
    "satellite": ("Ảnh vệ tinh (Esri)", "Satellite (Esri)"),
    "cursor": ("Di chuột lên bản đồ để xem tọa độ", "Move over the map to read coordinates"),
    "measure": (
        "Đo khoảng cách: bấm các điểm; bấm lại nút để xóa",
        "Measure a distance: click points; click the button again to clear",
    ),
    "source": ("Nguồn", "Source"),
    "note": ("Ghi chú", "Note"),
    "approximate": ("vị trí gần đúng", "approximate position"),
    "derived_border": (
        "Suy ra từ ranh giới xã, không phải đường biên giới chính thức",
        "Derived from commune boundaries, not the official boundary line",
    ),
}

OVERLAY_LABELS: dict[str, tuple[str, str]] = {
    "border": (
        "Đường biên giới (suy ra, không chính thức)",
        "Border line (derived, not official)",
    ),
    "gates": ("Cửa khẩu", "Border gates"),
    "markers": ("Mốc quốc giới (vị trí gần đúng)", "Border markers (approximate places)"),
    "risk": ("Vùng nguy cơ sạt lở – lũ quét", "Landslide / flash-flood risk zones"),
    "sites": ("Du lịch, di tích", "Tourism and heritage sites"),
    "roads": ("Quốc lộ", "National roads"),
    "rivers": ("Sông suối", "Rivers"),
}
"""Layer-control names of the overlays :func:`base_map` knows how to draw."""
OVERLAYS_SHOWN = ("border", "gates", "markers", "sites", "roads")
"""Overlays visible when the map opens; the others are ticked on in the layer control."""

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "code": ("Mã", "Code"),
    "name": ("Tên", "Name"),
    "former_district": ("Huyện cũ", "Former district"),
    "province": ("Tỉnh", "Province"),
    "population_2025": ("Dân số 2025", "Population 2025"),
    "population_2019": ("Dân số 2019 (Tổng điều tra)", "Population 2019 (census)"),
    "area_km2": ("Diện tích (km²)", "Area (km²)"),
    "density": ("Mật độ (người/km²)", "Density (people/km²)"),
    "is_border": ("Xã biên giới", "Border commune"),
    "border_distance_km": ("Trụ sở – biên giới (km)", "Seat to border (km)"),
    "seat_name": ("Trụ sở", "Seat"),
    "merged_from": ("Sáp nhập từ", "Merged from"),
    "risk_class": ("Nguy cơ sạt lở – lũ quét", "Landslide / flash-flood risk"),
    "risk_reasons": ("Lý do", "Reasons"),
    "risk_reasons_en": ("Lý do", "Reasons"),
    "category": ("Loại", "Category"),
    "commune_code": ("Mã xã", "Commune code"),
    "precision": ("Độ chính xác", "Precision"),
    "method": ("Cách định vị", "Placed by"),
    "confidence": ("Độ tin cậy", "Confidence"),
    "placement_basis": ("Căn cứ vị trí", "Placement basis"),
    "marker_number": ("Số mốc", "Marker number"),
    "length_km": ("Chiều dài (km)", "Length (km)"),
    "road_class": ("Cấp đường", "Road class"),
    "caveat": ("Lưu ý", "Caveat"),
    "name_guess": ("Tên (đoán)", "Name (guessed)"),
    "strahler": ("Cấp Strahler", "Strahler order"),
    "basin": ("Lưu vực", "Basin"),
    "note": ("Ghi chú", "Note"),
    "source": ("Nguồn", "Source"),
}

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
"""Commune columns shown in the popup (when present), after the indicator's own block."""

_PANES = {"zones": 420, "lines": 440, "points": 460}


def _t(key: str, lang: Lang) -> str:
    vi, en = _TEXT[key]
    return vi if lang == "vi" else en


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "vi" else pair[1]


# ---------------------------------------------------------------------------------------------
# Classes
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColorClass:
    """One legend entry: a colour and the values it stands for.

    Numeric classes cover ``lower <= value < upper`` (the last class of a set includes its
    ``upper``); categorical classes match ``value`` exactly.
    """

    color: str
    label_vi: str
    label_en: str
    lower: float | None = None
    upper: float | None = None
    value: str | None = None

    def label(self, lang: Lang) -> str:
        return self.label_vi if lang == "vi" else self.label_en


RISK_CLASSES: tuple[ColorClass, ...] = (
    ColorClass("#b2182b", "Rất cao", "Very high", value="very_high"),
    ColorClass("#ef8a62", "Cao", "High", value="high"),
    ColorClass("#fddbc7", "Trung bình", "Medium", value="medium"),
    ColorClass("#d1e5f0", "Thấp", "Low", value="low"),
)
"""Risk classes; ``unknown`` has no class and is drawn as no data."""


def numeric_classes(
    values: Iterable[float],
    *,
    k: int = 5,
    breaks: Sequence[float] | None = None,
    palette: str | Sequence[str] = "reds",
    decimals: int | None = None,
) -> tuple[ColorClass, ...]:
    """Classes for a numeric indicator: quantile breaks of ``values`` or the ``breaks`` given.

    Repeated breaks are merged, so four distinct values give at most four classes.

    Parameters
    ----------
    values
        The indicator's values; missing ones are ignored.
    k
        Number of classes wanted (at most 5 with the named palettes).
    breaks
        Class edges, ascending (``len(breaks) - 1`` classes); overrides ``k``.
    palette
        A key of :data:`PALETTES` or a sequence of colours (light to dark).
    decimals
        Decimals in labels; by default 0 when all edges are whole, else 1.

    Examples
    --------
    >>> [c.label_en for c in numeric_classes([18.7, 20.25, 30.02, 42.21, 44.0], k=2)]
    ['18.7 – 30.0', '30.0 – 44.0']
    >>> len(numeric_classes([18.7, 30.02, 30.02, 42.21]))  # one class per distinct value
    3
    """
    colors = tuple(PALETTES[palette] if isinstance(palette, str) else palette)
    if breaks is None:
        array = np.asarray([v for v in values if v is not None], dtype=float)
        array = array[np.isfinite(array)]
        if array.size == 0:
            return ()
        distinct = np.unique(array)
        if distinct.size == 1:
            edges = np.array([distinct[0], distinct[0]])
        elif distinct.size <= k:
            # One class per distinct value, split halfway between neighbours.
            edges = np.concatenate(
                [distinct[:1], (distinct[:-1] + distinct[1:]) / 2, distinct[-1:]]
            )
        else:
            edges = np.unique(np.quantile(array, np.linspace(0, 1, k + 1)))
    else:
        edges = np.asarray(breaks, dtype=float)
        if edges.size < 2 or np.any(np.diff(edges) < 0):
            raise ValueError(f"breaks must be at least two ascending numbers, got {list(breaks)}")
    count = edges.size - 1
    if count > len(colors):
        raise ValueError(f"{count} classes but the palette has only {len(colors)} colours")
    picks = np.linspace(0, len(colors) - 1, count).round().astype(int) if count > 1 else [-1]
    if decimals is None:
        decimals = 0 if all(float(e).is_integer() for e in edges) else 1
    classes = []
    for i in range(count):
        low, high = float(edges[i]), float(edges[i + 1])
        vi = f"{format_number(low, lang='vi', decimals=decimals)} – "
        vi += format_number(high, lang="vi", decimals=decimals)
        en = f"{format_number(low, lang='en', decimals=decimals)} – "
        en += format_number(high, lang="en", decimals=decimals)
        classes.append(ColorClass(colors[picks[i]], vi, en, lower=low, upper=high))
    return tuple(classes)


def assign_classes(values: pd.Series, classes: Sequence[ColorClass]) -> np.ndarray:
    """Index into ``classes`` for each value; -1 where missing or outside every class.

    Examples
    --------
    >>> assign_classes(pd.Series(["high", None, "unknown"]), RISK_CLASSES).tolist()
    [1, -1, -1]
    """
    out = np.full(len(values), -1, dtype=int)
    if not classes:
        return out
    if classes[0].value is not None:
        lookup = {c.value: i for i, c in enumerate(classes)}
        return np.array([lookup.get(v, -1) if isinstance(v, str) else -1 for v in values])
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    last = len(classes) - 1
    for i, c in enumerate(classes):
        lower = -math.inf if c.lower is None else c.lower
        upper = math.inf if c.upper is None else c.upper
        inside = (numbers >= lower) & ((numbers <= upper) if i == last else (numbers < upper))
        out[(out == -1) & inside] = i
    return out


# ---------------------------------------------------------------------------------------------
# Geometry for display
# ---------------------------------------------------------------------------------------------


def _decimals_for(tolerance_m: float) -> int:
    # A quarter of the tolerance, in degrees (1° ≈ 111 km), decides the decimals kept.
    step = max(tolerance_m, 0.5) / 4 / _METRES_PER_DEGREE
    return int(min(6, max(3, math.ceil(-math.log10(step)))))


def prepare_display_geometries(
    gdf: gpd.GeoDataFrame,
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    decimals: int | None = None,
    columns: Sequence[str] | None = None,
) -> gpd.GeoDataFrame:
    """Lighter geometries for the browser: simplified, rounded, only the columns needed.

    Polygons are treated as a coverage: coordinates are snapped to the output grid, overlaps
    and tiny gaps cleaned (``shapely.coverage_clean``), then ``shapely.coverage_simplify``
    simplifies every shared edge once, so neighbours keep one common border (no slivers, no
    gaps). Lines are simplified one by one, points only rounded. The tolerance is converted to
    degrees (1° ≈ 111 km), which is close enough for display at these latitudes.
    Use the result for drawing only: areas and distances come from the full geometry.

    Parameters
    ----------
    gdf
        Layer with a CRS (any; the result is EPSG:4326).
    tolerance_m
        Simplification tolerance in metres (Visvalingam–Whyatt for polygons).
    decimals
        Decimals of the rounded coordinates; by default from the tolerance (4 for 50 m).
    columns
        Columns to keep besides the geometry (default: all).

    Examples
    --------
    >>> from geo.catalogue import Catalogue
    >>> raw = gpd.read_file(Catalogue.load().path("communes_2025"))
    >>> light = prepare_display_geometries(raw, tolerance_m=50, columns=["code", "name"])
    >>> list(light.columns), len(light) == len(raw), light.crs.to_epsg()
    (['code', 'name', 'geometry'], True, 4326)
    """
    if gdf.crs is None:
        raise ValueError("the layer has no CRS: set it (e.g. gdf.set_crs('EPSG:4326')) first")
    if columns is not None:
        missing = [c for c in columns if c not in gdf.columns]
        if missing:
            raise KeyError(f"columns {missing} are not in the layer (has {list(gdf.columns)})")
        gdf = gdf[[*columns, gdf.geometry.name]]
    frame = gdf.to_crs("EPSG:4326")
    places = _decimals_for(tolerance_m) if decimals is None else decimals
    degrees = tolerance_m / _METRES_PER_DEGREE
    geoms = frame.geometry.to_numpy()
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    part = geoms[present]
    kinds = set(shapely.get_type_id(part).tolist())
    if kinds and kinds <= {3, 6}:
        # Snap to the output grid first, then clean and simplify the coverage: the simplified
        # vertices are a subset of the snapped ones, so rounding cannot pull neighbours apart.
        part = shapely.coverage_clean(shapely.set_precision(part, 10.0**-places))
        part = shapely.coverage_simplify(part, degrees)
    else:
        if kinds - {1, 4}:  # lines; points need no simplifying
            part = shapely.simplify(part, degrees, preserve_topology=True)
        part = shapely.set_precision(part, 10.0**-places)
    geoms = geoms.copy()
    geoms[present] = part
    out = frame.copy()
    out[out.geometry.name] = gpd.GeoSeries(geoms, index=frame.index, crs="EPSG:4326")
    return out


def prepare_overlays(
    overlays: Mapping[str, gpd.GeoDataFrame | None],
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
) -> dict[str, gpd.GeoDataFrame]:
    """:func:`prepare_display_geometries` on each overlay; empty or missing ones are dropped.

    The border line alone has ~31,000 vertices and the risk zones ~57,000: prepare them once
    (cached by the caller) before :func:`base_map`, which draws what it is given.
    """
    return {
        key: prepare_display_geometries(layer, tolerance_m=tolerance_m)
        for key, layer in overlays.items()
        if layer is not None and len(layer)
    }


def bounds_of(gdf: gpd.GeoDataFrame) -> Bounds:
    """``((south, west), (north, east))`` of a layer in degrees."""
    west, south, east, north = gdf.to_crs("EPSG:4326").total_bounds
    return ((float(south), float(west)), (float(north), float(east)))


@dataclass(frozen=True)
class Vn2000Zone:
    """A province's VN-2000 TM-3 zone and the box where the cursor readout uses it."""

    province: str
    epsg: int
    bbox: tuple[float, float, float, float]  # west, south, east, north


def vn2000_zones(communes: gpd.GeoDataFrame) -> list[Vn2000Zone]:
    """The VN-2000 zone of each province among ``communes`` (column ``province``).

    Examples
    --------
    >>> from geo.catalogue import Catalogue
    >>> raw = gpd.read_file(Catalogue.load().path("communes_2025"))
    >>> sorted(zone.epsg for zone in vn2000_zones(raw))
    [5897, 9208, 9212]
    """
    zones = []
    frame = communes.to_crs("EPSG:4326")
    for province, group in frame.groupby("province", sort=True):
        if province in VN2000_EPSG:
            box = tuple(round(float(v), 4) for v in group.total_bounds)
            zones.append(Vn2000Zone(str(province), VN2000_EPSG[str(province)], box))
    return zones


@functools.lru_cache(maxsize=32)
def proj4_definition(epsg: int) -> str:
    """PROJ.4 string for proj4js, with the VN-2000 → WGS 84 datum shift included.

    Uses ``geo.crs.proj4_definition`` when it gives a ``+towgs84``. Otherwise the string comes
    from pyproj, adding ``+towgs84`` from the first (preferred) EPSG transformation to WGS 84:
    ``CRS.to_proj4()`` alone drops the datum shift (~300 m for VN-2000).

    Examples
    --------
    >>> "+towgs84=-191.90441429,-39.30318279,-111.45032835" in proj4_definition(5897)
    True
    """
    try:
        from geo import crs as geo_crs

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            shared = str(geo_crs.proj4_definition(epsg)).replace(" +type=crs", "")
        if "+towgs84=" in shared:
            return shared
    except (ImportError, AttributeError):
        pass

    import pyproj
    from pyproj.transformer import TransformerGroup

    crs = pyproj.CRS.from_epsg(epsg)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        text = crs.to_proj4()
    text = text.replace(" +type=crs", "")
    if "+towgs84" in text or crs.geodetic_crs is None or crs.geodetic_crs.to_epsg() == 4326:
        return text
    group = TransformerGroup(crs.geodetic_crs, pyproj.CRS.from_epsg(4326))
    for transformer in group.transformers:
        helmert = next(
            (s for s in transformer.definition.split(" +step ") if "proj=helmert" in s), None
        )
        if helmert is None:
            continue
        params = dict(p.split("=", 1) for p in helmert.split() if "=" in p)
        keys = ("x", "y", "z", "rx", "ry", "rz", "s")
        if not all(k in params for k in keys):
            continue
        values = [float(params[k]) for k in keys]
        if params.get("convention") == "coordinate_frame":
            values[3:6] = [-v for v in values[3:6]]  # +towgs84 takes position-vector rotations
        towgs84 = ",".join(repr(v) for v in values)
        return f"{text} +towgs84={towgs84}".replace(" +no_defs", "") + " +no_defs"
    return text


# ---------------------------------------------------------------------------------------------
# HTML snippets (every value escaped)
# ---------------------------------------------------------------------------------------------


def format_value(value: Any, *, lang: Lang) -> str:
    """Plain text for a cell: numbers per language, booleans as yes/no, missing as no data.

    Examples
    --------
    >>> format_value(float("nan"), lang="vi"), format_value(True, lang="en")
    ('không có số liệu', 'yes')
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return _t("no_data", lang)
    if isinstance(value, bool | np.bool_):
        return _t("yes" if value else "no", lang)
    if isinstance(value, int | np.integer):
        return format_number(float(value), lang=lang)
    if isinstance(value, float | np.floating):
        if not math.isfinite(value):
            return _t("no_data", lang)
        return format_number(float(value), lang=lang)
    text = str(value).strip()
    return text if text else _t("no_data", lang)


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float | np.floating):
        return not math.isfinite(value)
    return isinstance(value, str) and not value.strip()


def _cell(value: Any, lang: Lang) -> str:
    text = html.escape(format_value(value, lang=lang))
    raw = str(value) if isinstance(value, str) else ""
    if raw.startswith(("https://", "http://")) and " " not in raw:
        return f'<a href="{html.escape(raw)}" target="_blank" rel="noopener">{text}</a>'
    return text


def _table(rows: Sequence[tuple[str, str]]) -> str:
    body = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    return f"<table>{body}</table>"


_JINJA_OPENERS = re.compile(r"\{(?=[{%#])")


def _script_json(value: Any) -> str:
    """JSON safe to place inside an inline ``<script>`` of a folium element.

    ``</`` cannot close the script; and because branca compiles each element's rendered script
    as a Jinja template once more, ``{{``, ``{%`` and ``{#`` (which only occur inside JSON
    strings, in data text or encoded coordinates) are written ``\\u007b{`` so Jinja sees
    plain text and JavaScript still reads ``{{``.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    text = text.replace("</", "<\\/").replace("<!--", "<\\!--")
    return _JINJA_OPENERS.sub(r"\\u007b", text)


_ENCODE_CACHE: dict[tuple[bytes, int], Any] = {}
_ENCODE_CACHE_MAX = 20_000


def encode_polyline(coords: np.ndarray, *, decimals: int) -> str:
    """Encode ``(lon, lat)`` pairs with Google's polyline algorithm (lat first), rounded.

    About 5 bytes a point instead of ~18 in JSON; ``BorderAtlas.decode`` reads it back.

    Examples
    --------
    >>> encode_polyline(np.array([[-120.2, 38.5], [-120.95, 40.7], [-126.453, 43.252]]),
    ...                 decimals=5)
    '_p~iF~ps|U_ulLnnqC_mqNvxq`@'
    """
    if len(coords) == 0:
        return ""
    ints = np.round(np.asarray(coords, dtype=float)[:, 1::-1] * 10.0**decimals).astype(np.int64)
    deltas = np.diff(ints, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel()
    zigzag = np.where(deltas < 0, ~(deltas << 1), deltas << 1)
    k = np.arange(7)
    chunks = (zigzag[:, None] >> (5 * k)) & 31
    count = 1 + (zigzag[:, None] >= (32 ** np.arange(1, 7))).sum(axis=1)
    keep = k[None, :] < count[:, None]
    more = k[None, :] < (count[:, None] - 1)
    codes = chunks + 0x20 * more + 63
    return codes[keep].astype(np.uint8).tobytes().decode("ascii")


def _encode_geometry(geom: Any, decimals: int) -> Any:
    """Compact geometry for ``BorderAtlas.build``: kind and encoded rings or lines."""
    key = (shapely.to_wkb(geom), decimals)
    cached = _ENCODE_CACHE.get(key)
    if cached is not None:
        return cached

    def ring(r: Any) -> str:
        return encode_polyline(shapely.get_coordinates(r)[:-1], decimals=decimals)

    def polygon(poly: Any) -> list[str]:
        return [ring(poly.exterior), *(ring(hole) for hole in poly.interiors)]

    kind = geom.geom_type
    if kind == "Polygon":
        out: Any = {"k": "P", "c": polygon(geom)}
    elif kind == "MultiPolygon":
        out = {"k": "MP", "c": [polygon(part) for part in geom.geoms]}
    elif kind == "LineString":
        out = {"k": "L", "c": encode_polyline(shapely.get_coordinates(geom), decimals=decimals)}
    elif kind == "MultiLineString":
        lines = [encode_polyline(shapely.get_coordinates(g), decimals=decimals) for g in geom.geoms]
        out = {"k": "ML", "c": lines}
    elif kind in ("Point", "MultiPoint"):
        places = max(decimals, 5)
        points = [[round(y, places), round(x, places)] for x, y in shapely.get_coordinates(geom)]
        out = {"k": "Pt", "c": points}
    else:
        raise ValueError(f"cannot draw a {kind}; explode collections into simple geometries first")
    if len(_ENCODE_CACHE) >= _ENCODE_CACHE_MAX:
        _ENCODE_CACHE.clear()
    _ENCODE_CACHE[key] = out
    return out


def _features(
    geoms: np.ndarray, properties: Sequence[Mapping[str, Any]], *, decimals: int = 5
) -> tuple[str, int]:
    """Script-safe JSON list of features (``g`` geometry, then properties), and its length.

    Missing or empty geometries are left out.
    """
    parts = []
    for geom, props in zip(geoms, properties, strict=True):
        if geom is None or shapely.is_empty(geom):
            continue
        parts.append(_script_json({"g": _encode_geometry(geom, decimals), **props}))
    return "[" + ",".join(parts) + "]", len(parts)


# ---------------------------------------------------------------------------------------------
# Browser side
# ---------------------------------------------------------------------------------------------

_RUNTIME_JS = r"""
window.BorderAtlas = window.BorderAtlas || (function () {
  var NS = 'http://www.w3.org/2000/svg';
  function el(name, attrs) {
    var node = document.createElementNS(NS, name);
    for (var k in attrs) node.setAttribute(k, attrs[k]);
    return node;
  }
  function hatch(color) {
    var id = 'ba-hatch-' + String(color).replace(/[^0-9a-zA-Z]/g, '');
    if (!document.getElementById(id)) {
      var defs = document.getElementById('ba-defs');
      if (!defs) {
        var svg = el('svg', {width: 0, height: 0, 'aria-hidden': 'true'});
        svg.style.position = 'absolute';
        defs = el('defs', {id: 'ba-defs'});
        svg.appendChild(defs);
        document.body.appendChild(svg);
      }
      var p = el('pattern', {id: id, patternUnits: 'userSpaceOnUse', width: 8, height: 8,
                             patternTransform: 'rotate(45)'});
      p.appendChild(el('rect', {width: 8, height: 8, fill: '#ffffff', 'fill-opacity': 0.6}));
      p.appendChild(el('rect', {width: 4, height: 8, fill: color}));
      defs.appendChild(p);
    }
    return 'url(#' + id + ')';
  }
  function pathStyle(s) {
    if (!s.hatch) return s;
    var o = {};
    for (var k in s) if (k !== 'hatch') o[k] = s[k];
    o.fillColor = hatch(s.hatch);
    return o;
  }
  function decode(text, factor) {
    var points = [], index = 0, lat = 0, lng = 0, length = text.length;
    while (index < length) {
      var b, shift = 0, result = 0;
      do { b = text.charCodeAt(index++) - 63; result |= (b & 31) << shift; shift += 5; }
      while (b >= 32);
      lat += (result & 1) ? ~(result >> 1) : (result >> 1);
      shift = 0; result = 0;
      do { b = text.charCodeAt(index++) - 63; result |= (b & 31) << shift; shift += 5; }
      while (b >= 32);
      lng += (result & 1) ? ~(result >> 1) : (result >> 1);
      points.push([lat / factor, lng / factor]);
    }
    return points;
  }
  function build(g, s, opts) {
    var f = opts.factor, o = pathStyle(s);
    o.pane = opts.pane || 'overlayPane';
    function ring(r) { return decode(r, f); }
    function poly(p) { return p.map(ring); }
    if (g.k === 'P') return L.polygon(poly(g.c), o);
    if (g.k === 'MP') return L.polygon(g.c.map(poly), o);
    if (g.k === 'L') return L.polyline(ring(g.c), o);
    if (g.k === 'ML') return L.polyline(g.c.map(ring), o);
    var layers = g.c.map(function (ll) {
      if (s.icon) {
        return L.marker(ll, {pane: o.pane, keyboard: false, icon: L.divIcon({
          className: 'ba-icon', html: s.icon, iconSize: [s.size, s.size],
          iconAnchor: [s.size / 2, s.size / 2]})});
      }
      return L.circleMarker(ll, o);
    });
    return layers.length === 1 ? layers[0] : L.featureGroup(layers);
  }
  function geoLayer(features, styles, opts) {
    var group = L.featureGroup();
    features.forEach(function (p) {
      var layer = build(p.g, styles[p.s], opts);
      layer.feature = {type: 'Feature', properties: {code: p.c}};
      if (p.t) layer.bindTooltip(p.t, {sticky: !!opts.sticky, className: 'ba-tip'});
      if (p.p) layer.bindPopup(p.p, {maxWidth: 380, className: 'ba-pop'});
      group.addLayer(layer);
    });
    return group;
  }
  var Legend = L.Layer.extend({
    initialize: function (html, colors, position) {
      this._html = html; this._colors = colors; this._position = position;
    },
    onAdd: function (map) {
      this._colors.forEach(hatch);
      var self = this;
      this._control = L.control({position: this._position});
      this._control.onAdd = function () {
        var div = L.DomUtil.create('div', 'ba-legend');
        div.innerHTML = self._html;
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
        return div;
      };
      this._control.addTo(map);
      return this;
    },
    onRemove: function (map) {
      if (this._control) map.removeControl(this._control);
      this._control = null;
      return this;
    }
  });
  function legend(html, colors, position) { return new Legend(html, colors, position); }
  function fmt(v) { return Math.round(v).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '\u2009'); }
  function readout(map, zones, hint, proj4Url) {
    var loading = false;
    function ensureProj4() {
      // Loaded on first use so it never delays the first drawing of the map.
      if (window.proj4 || loading || !proj4Url) return;
      loading = true;
      var script = document.createElement('script');
      script.src = proj4Url;
      script.onload = function () {
        zones.forEach(function (z) { proj4.defs('EPSG:' + z.epsg, z.def); });
      };
      document.head.appendChild(script);
    }
    var control = L.control({position: 'bottomleft'});
    control.onAdd = function () {
      var div = L.DomUtil.create('div', 'ba-readout');
      div.textContent = hint;
      return div;
    };
    control.addTo(map);
    function zoneFor(ll) {
      var best = null, bestDistance = Infinity;
      zones.forEach(function (z) {
        var b = z.bbox, dx = 0, dy = 0;
        if (ll.lng < b[0]) dx = b[0] - ll.lng; else if (ll.lng > b[2]) dx = ll.lng - b[2];
        if (ll.lat < b[1]) dy = b[1] - ll.lat; else if (ll.lat > b[3]) dy = ll.lat - b[3];
        var d = dx * dx + dy * dy;
        if (d < bestDistance) { best = z; bestDistance = d; }
      });
      return best;
    }
    function show(e) {
      ensureProj4();
      var ll = e.latlng;
      var lines = ['WGS 84: ' + ll.lat.toFixed(5) + '°N, ' + ll.lng.toFixed(5) + '°E'];
      var z = zoneFor(ll);
      if (z && window.proj4 && proj4.defs('EPSG:' + z.epsg)) {
        var xy = proj4('EPSG:4326', 'EPSG:' + z.epsg, [ll.lng, ll.lat]);
        lines.push(z.label + ': X = ' + fmt(xy[1]) + ' m, Y = ' + fmt(xy[0]) + ' m');
      }
      control.getContainer().textContent = lines.join('\n');
    }
    map.on('mousemove click', show);
  }
  function measure(map, title) {
    var on = false, points = [], line = null, label = null;
    var control = L.control({position: 'topleft'});
    control.onAdd = function () {
      var bar = L.DomUtil.create('div', 'leaflet-bar ba-measure');
      var a = L.DomUtil.create('a', '', bar);
      a.href = '#'; a.title = title; a.setAttribute('role', 'button');
      a.setAttribute('aria-label', title);
      a.innerHTML = '<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true">' +
        '<path d="M2 12 L12 2 L16 6 L6 16 Z" fill="none" stroke="#333" stroke-width="1.6"/>' +
        '<path d="M5 9 l2 2 M7.5 6.5 l2 2 M10 4 l2 2" stroke="#333" stroke-width="1.4"/></svg>';
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(a, 'click', function (e) {
        L.DomEvent.preventDefault(e);
        on = !on;
        L.DomUtil[on ? 'addClass' : 'removeClass'](bar, 'ba-on');
        map.getContainer().style.cursor = on ? 'crosshair' : '';
        if (on) { map.doubleClickZoom.disable(); map.closePopup(); }
        else {
          map.doubleClickZoom.enable(); points = [];
          if (line) { map.removeLayer(line); line = null; }
        }
      });
      return bar;
    };
    control.addTo(map);
    map.on('popupopen', function () { if (on) map.closePopup(); });
    map.on('click', function (e) {
      if (!on) return;
      points.push(e.latlng);
      if (!line) line = L.polyline(points, {color: '#111', weight: 2, dashArray: '6 4',
                                            interactive: false}).addTo(map);
      line.setLatLngs(points);
      var total = 0;
      for (var i = 1; i < points.length; i++) total += map.distance(points[i - 1], points[i]);
      line.unbindTooltip();
      line.bindTooltip((total / 1000).toFixed(2) + ' km',
                       {permanent: true, direction: 'right', className: 'ba-tip'});
      line.openTooltip(e.latlng);
    });
  }
  function init(map, opts) {
    for (var name in opts.panes) {
      if (!map.getPane(name)) map.createPane(name).style.zIndex = opts.panes[name];
    }
    readout(map, opts.zones, opts.hint, opts.proj4);
    measure(map, opts.measure);
  }
  return {hatch: hatch, decode: decode, geoLayer: geoLayer, legend: legend, init: init};
})();
"""

_CSS = """
<style>
div.leaflet-container { background: #eef0ea; font: 12px/1.4 system-ui, -apple-system, "Segoe UI",
  Roboto, "Noto Sans", Arial, sans-serif; }
.ba-legend, .ba-readout { background: rgba(255,255,255,.93); padding: 6px 9px; border-radius: 4px;
  box-shadow: 0 1px 5px rgba(0,0,0,.35); color: #222; max-width: 280px; }
.ba-legend h4 { margin: 0 0 3px; font-size: 13px; }
.ba-legend p { margin: 2px 0; }
.ba-legend .ba-row { display: flex; align-items: center; gap: 6px; margin: 2px 0; }
.ba-legend svg { flex: none; }
.ba-readout { white-space: pre-line; font-variant-numeric: tabular-nums; max-width: none; }
.ba-icon { background: none; border: none; }
.ba-pop table, .ba-tip table { border-collapse: collapse; }
.ba-pop th { text-align: left; padding: 1px 8px 1px 0; vertical-align: top; font-weight: 600; }
.ba-pop td { padding: 1px 0; vertical-align: top; }
.ba-note { color: #8a4b00; }
.ba-measure.ba-on a { background: #ffe08a; }
.ba-measure a { display: flex; align-items: center; justify-content: center; }
</style>
"""


class OfflineMap(folium.Map):
    """A ``folium.Map`` that loads Leaflet from the app (no jQuery, Bootstrap, Font Awesome)."""

    default_js = [("leaflet", assets.LEAFLET_JS)]  # noqa: RUF012  (folium's own class lists)
    default_css = [("leaflet_css", assets.LEAFLET_CSS)]  # noqa: RUF012


class _Runtime(MacroElement):
    """The map's own JavaScript: hatching, legends, cursor readout, distance tool."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.runtime }}
        BorderAtlas.init({{ this._parent.get_name() }}, {{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(self, *, zones: Sequence[Vn2000Zone], lang: Lang) -> None:
        super().__init__()
        self._name = "BorderAtlasRuntime"
        self.runtime = _RUNTIME_JS
        options = {
            "panes": {f"ba-{name}": z for name, z in _PANES.items()},
            "zones": [
                {
                    "epsg": z.epsg,
                    "def": proj4_definition(z.epsg),
                    "bbox": list(z.bbox),
                    "label": f"VN-2000 {z.province} (EPSG:{z.epsg})",
                }
                for z in zones
            ],
            "hint": _t("cursor", lang),
            "proj4": assets.PROJ4_JS,
            "measure": _t("measure", lang),
        }
        self.options_json = _script_json(options)


class _GeoLayer(MacroElement):
    """GeoJSON drawn by ``BorderAtlas.geoLayer``: per-feature style index, tooltip, popup."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = BorderAtlas.geoLayer(
            {{ this.data }}, {{ this.styles }}, {{ this.options_json }}
        ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(
        self, *, data: str, styles: Sequence[Mapping[str, Any]], options: Mapping[str, Any]
    ) -> None:
        super().__init__()
        self._name = "GeoLayer"
        self.data = data
        self.styles = _script_json(list(styles))
        self.options_json = _script_json(dict(options))


class _Legend(MacroElement):
    """A legend that comes and goes with the feature group holding it."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = BorderAtlas.legend(
            {{ this.html_json }}, {{ this.colors }}, {{ this.position }}
        ).addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, *, html_text: str, hatch_colors: Sequence[str], position: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html_json = _script_json(html_text)
        self.colors = _script_json(list(hatch_colors))
        self.position = _script_json(position)


class _StyleRegistry:
    """Deduplicates style dicts so each feature carries only an index."""

    def __init__(self) -> None:
        self.styles: list[dict[str, Any]] = []
        self._index: dict[str, int] = {}

    def add(self, style: Mapping[str, Any]) -> int:
        key = json.dumps(style, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.styles)
            self.styles.append(dict(style))
        return self._index[key]


# ---------------------------------------------------------------------------------------------
# Base map
# ---------------------------------------------------------------------------------------------

BASEMAPS: dict[str, Any] = {
    "osm": xyz.OpenStreetMap.Mapnik,
    "topo": xyz.OpenTopoMap,
    "satellite": xyz.Esri.WorldImagery,
    "none": None,
}
"""Basemap keys (``none``: no tiles at all, nothing fetched from outside)."""


def base_map(
    *,
    bounds: Bounds,
    basemap: str = "osm",
    lang: Lang = "vi",
    overlays: Mapping[str, gpd.GeoDataFrame] | None = None,
    zones: Sequence[Vn2000Zone] = (),
) -> folium.Map:
    """The stable part of the map: basemaps, static overlays, readout and distance tool.

    Parameters
    ----------
    bounds
        ``((south, west), (north, east))`` the map opens on (see :func:`bounds_of`).
    basemap
        A key of :data:`BASEMAPS`. With any basemap but ``none`` the other basemaps and
        "no basemap" are offered in the layer control; ``none`` adds no tile layer at all.
    lang
        ``vi`` or ``en``.
    overlays
        Layers by kind (keys of :data:`OVERLAY_LABELS`; ``risk_2025``-like keys count as
        ``risk``), each a GeoDataFrame in any CRS, drawn as given: pass them through
        :func:`prepare_overlays` (cached) first. Empty or missing layers are skipped.
    zones
        VN-2000 zones for the cursor readout (:func:`vn2000_zones`).

    Examples
    --------
    >>> m = base_map(bounds=((17.0, 104.0), (20.5, 107.0)), basemap="none")
    >>> "/app/static/vendor/leaflet/leaflet.js" in m.get_root().render()
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
    )
    m.get_root().header.add_child(Element(_CSS), name="border_atlas_css")
    if basemap != "none":
        for key, provider in BASEMAPS.items():
            if provider is None:
                continue
            folium.TileLayer(
                provider, name=_t(key, lang), overlay=False, control=True, show=key == basemap
            ).add_to(m)
        folium.FeatureGroup(name=_t("basemap_none", lang), overlay=False, show=False).add_to(m)
    _Runtime(zones=zones, lang=lang).add_to(m)
    for key, layer in (overlays or {}).items():
        if layer is None or len(layer) == 0:
            continue
        overlay_layer(layer, kind=key, lang=lang).add_to(m)
    if basemap != "none" or overlays:
        folium.LayerControl(collapsed=True).add_to(m)
    m.fit_bounds([[south, west], [north, east]])
    return m


def _kind(key: str) -> str:
    return "risk" if key.startswith("risk") else key


def _first(row: Mapping[str, Any], names: Sequence[str]) -> Any:
    for name in names:
        value = row.get(name)
        if not _is_missing(value):
            return value
    return None


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


def overlay_layer(
    layer: gpd.GeoDataFrame, *, kind: str, lang: Lang = "vi", decimals: int = DISPLAY_DECIMALS
) -> folium.FeatureGroup:
    """One static overlay as a ``FeatureGroup`` for the layer control.

    Every column is in the popup (escaped); the tooltip names the feature and says when its
    position is approximate. Rows without geometry are left out (they have no place to draw).
    """
    kind = _kind(kind)
    label = _pick(OVERLAY_LABELS[kind], lang) if kind in OVERLAY_LABELS else kind
    group = folium.FeatureGroup(name=html.escape(label), overlay=True, show=kind in OVERLAYS_SHOWN)
    frame = layer.to_crs("EPSG:4326") if layer.crs is not None else layer
    registry = _StyleRegistry()
    properties = []
    name_columns = [f"label_{lang}", "name", "name_guess", "id"]
    columns = set(frame.columns)
    # Only the page language's variant of a bilingual column (x / x_en, label_vi / label_en).
    skip = {"id", "lat", "lon", f"label_{_other(lang)}"}
    if lang == "vi":
        skip |= {c for c in columns if c.endswith("_en")}
    else:
        skip |= {c.removesuffix("_en") for c in columns if c.endswith("_en")}
    for row in frame.drop(columns=frame.geometry.name).to_dict("records"):
        name = _first(row, name_columns)
        if kind == "markers" and not _is_missing(row.get("marker_number")):
            name = f"{'Mốc' if lang == 'vi' else 'Marker'} {row['marker_number']}"
        tip = f"<b>{html.escape(format_value(name, lang=lang))}</b>" if name is not None else ""
        precision = row.get("precision")
        if isinstance(precision, str) and precision and precision not in ("exact", "surveyed"):
            tip += f'<br><span class="ba-note">{html.escape(_t("approximate", lang))}: '
            tip += f"{html.escape(precision)}</span>"
        if kind == "border":
            tip += f'<br><span class="ba-note">{html.escape(_t("derived_border", lang))}</span>'
        rows = [
            (
                html.escape(_pick(FIELD_LABELS.get(column, (column, column)), lang)),
                _cell(value, lang),
            )
            for column, value in row.items()
            if not _is_missing(value) and column not in skip
        ]
        if kind == "risk":
            style = _risk_style(row.get("risk_class"))
        else:
            style = _OVERLAY_STYLES.get(kind, _GENERIC_STYLE)
        properties.append({"t": tip, "p": _table(rows), "s": registry.add(style)})
    pane = {"risk": "ba-zones", "gates": "ba-points", "markers": "ba-points", "sites": "ba-points"}
    options = {"pane": pane.get(kind, "ba-lines"), "sticky": kind in ("border", "roads", "rivers")}
    data, _ = _features(frame.geometry.to_numpy(), properties, decimals=decimals)
    options["factor"] = 10**decimals
    _GeoLayer(data=data, styles=registry.styles, options=options).add_to(group)
    return group


def _other(lang: Lang) -> str:
    return "en" if lang == "vi" else "vi"


def _risk_style(value: Any) -> dict[str, Any]:
    color = next((c.color for c in RISK_CLASSES if c.value == value), NO_DATA_COLOR)
    return {"color": color, "weight": 2, "opacity": 0.9, "fillColor": color, "fillOpacity": 0.35}


# ---------------------------------------------------------------------------------------------
# Communes
# ---------------------------------------------------------------------------------------------


def _indicator_meta(indicator: str) -> tuple[str, str, str]:
    """(label_vi, label_en, unit) from ``layers.commune_view`` when it knows the indicator."""
    try:
        from layers import commune_view as model

        item = model.indicator(indicator)
        return item.label_vi, item.label_en, item.unit
    except (ImportError, StopIteration, AttributeError):
        return indicator, indicator, ""


def _level_of(row: Mapping[str, Any], indicator: str, has_value: bool) -> str:
    if not has_value:
        return "none"
    level = row.get(f"{indicator}_level")
    if isinstance(level, str) and level and level != "none":
        return level
    return "commune"


def _level_text(level: str, lang: Lang) -> str:
    key = f"level_{level}"
    return _t(key, lang) if key in _TEXT else level


def _swatch(fill: str, *, dashed: bool = False, opacity: float = 0.8) -> str:
    dash = ' stroke-dasharray="3 2"' if dashed else ""
    return (
        f'<svg width="22" height="14" aria-hidden="true"><rect x="1" y="1" width="20" height="12" '
        f'fill="{fill}" fill-opacity="{opacity}" stroke="#333" stroke-width="1"{dash}/></svg>'
    )


def _hatch_url(color: str) -> str:
    return "url(#ba-hatch-" + "".join(ch for ch in color if ch.isalnum()) + ")"


def communes_layer(
    *,
    communes: gpd.GeoDataFrame,
    indicator: str | None,
    classes: Sequence[ColorClass] | None = None,
    lang: Lang = "vi",
    highlight_codes: set[str] | None = None,
    tooltip_fields: Mapping[str, str] | None = None,
    popup_fields: Mapping[str, str] | None = None,
    indicator_label: str | None = None,
    unit: str | None = None,
    year: str | int | None = None,
    palette: str = "reds",
    name: str | None = None,
    decimals: int = DISPLAY_DECIMALS,
) -> folium.FeatureGroup:
    """The communes coloured by ``indicator``, with legend, tooltips and popups.

    District-level figures (``<indicator>_level`` is ``district``) are hatched with a dashed
    outline, commune-level ones solid, missing ones grey; the legend says so, with the year
    (``<indicator>_year``) of each level. Communes outside ``highlight_codes`` are faded.

    Parameters
    ----------
    communes
        EPSG:4326 layer with ``code`` and ``name`` (prepared by
        :func:`prepare_display_geometries`) plus the indicator columns.
    indicator
        Column to colour by; ``None`` draws outlines only and no legend.
    classes
        Legend classes; default :data:`RISK_CLASSES` for ``risk_class``, else quantile
        classes of the values (:func:`numeric_classes`).
    lang
        ``vi`` or ``en``.
    highlight_codes
        Codes drawn fully; the others are faded. ``None``: no filter, all drawn fully.
    tooltip_fields, popup_fields
        Extra ``{column: label}`` to show (labels already in ``lang``). Popup default: the
        columns of :data:`DEFAULT_POPUP_FIELDS` present in ``communes``.
    indicator_label, unit, year
        Override what ``layers.commune_view`` and the ``<indicator>_year`` column say.
    palette
        Palette for default numeric classes.
    name
        Name of the feature group.
    decimals
        Decimals of the coordinates sent to the browser.

    Examples
    --------
    >>> import shapely
    >>> frame = gpd.GeoDataFrame({"code": ["1"], "name": ["A"], "poverty_rate_pct": [12.5],
    ...     "poverty_rate_pct_level": ["district"], "poverty_rate_pct_year": [2023]},
    ...     geometry=[shapely.box(104, 19, 104.1, 19.1)], crs="EPSG:4326")
    >>> group = communes_layer(communes=frame, indicator="poverty_rate_pct", lang="en")
    >>> isinstance(group, folium.FeatureGroup)
    True
    """
    missing = [c for c in ("code", "name") if c not in communes.columns]
    if indicator is not None and indicator not in communes.columns:
        missing.append(indicator)
    if missing:
        raise KeyError(f"the communes layer lacks columns {missing}")
    frame = communes.to_crs("EPSG:4326") if communes.crs is not None else communes
    label_vi, label_en, default_unit = _indicator_meta(indicator) if indicator else ("", "", "")
    label = indicator_label or (label_vi if lang == "vi" else label_en)
    unit = default_unit if unit is None else unit
    if indicator is not None and classes is None:
        if indicator == "risk_class":
            classes = RISK_CLASSES
        else:
            classes = numeric_classes(frame[indicator], palette=palette)
    classes = tuple(classes or ())
    index = assign_classes(frame[indicator], classes) if indicator else np.full(len(frame), -1)
    highlight = None if highlight_codes is None else {str(c) for c in highlight_codes}
    if popup_fields is None:
        reasons = "risk_reasons" if lang == "vi" else "risk_reasons_en"
        wanted = [*DEFAULT_POPUP_FIELDS[:-2], reasons, *DEFAULT_POPUP_FIELDS[-2:]]
        popup_fields = {c: _pick(FIELD_LABELS[c], lang) for c in wanted if c in frame.columns}
    else:
        popup_fields = dict(popup_fields)
    popup_fields.pop(indicator or "", None)
    tooltip_fields = dict(tooltip_fields or {})

    registry = _StyleRegistry()
    properties = []
    counts: dict[str, int] = {}
    years: dict[str, set[str]] = {}
    hatch_colors: list[str] = []
    any_dimmed = False
    for i, row in enumerate(frame.drop(columns=frame.geometry.name).to_dict("records")):
        value = row.get(indicator) if indicator else None
        has_value = indicator is not None and not _is_missing(value) and index[i] >= 0
        level = _level_of(row, indicator, has_value) if indicator else "none"
        counts[level] = counts.get(level, 0) + 1
        row_year = year if year is not None else row.get(f"{indicator}_year") if indicator else None
        if has_value:
            years.setdefault(level, set()).add(
                _t("unknown", lang) if _is_missing(row_year) else str(row_year)
            )
        dimmed = highlight is not None and str(row["code"]) not in highlight
        any_dimmed |= dimmed
        style: dict[str, Any] = {"color": "#404040", "weight": 1, "opacity": 0.9}
        if indicator is None:
            style.update(fillColor=DEFAULT_FILL, fillOpacity=0.25)
        elif not has_value:
            style.update(fillColor=NO_DATA_COLOR, fillOpacity=0.55, dashArray="1 3")
        elif level == "commune":
            style.update(fillColor=classes[index[i]].color, fillOpacity=0.75)
        else:
            color = classes[index[i]].color
            style.update(hatch=color, fillOpacity=0.9, dashArray="5 4", color="#202020")
            if color not in hatch_colors:
                hatch_colors.append(color)
        if dimmed:
            style.update(fillOpacity=round(style["fillOpacity"] * 0.25, 3), opacity=0.3)
        elif highlight is not None:
            style.update(weight=2.5, color="#111111")

        name_text = html.escape(format_value(row.get("name"), lang=lang))
        district = row.get("former_district")
        head = f"<b>{name_text}</b>"
        if not _is_missing(district):
            head += f" ({html.escape(str(district))})"
        value_line = ""
        if indicator:
            shown = _value_text(value if has_value else None, indicator, classes, unit, lang)
            value_line = f"{html.escape(label)}: {html.escape(shown)}"
            if has_value:
                when = _t("year_unknown", lang) if _is_missing(row_year) else str(row_year)
                extra = [when, _level_text(level, lang)]
                value_line += f' <span class="ba-note">({html.escape(", ".join(extra))})</span>'
        tip_rows = [head]
        if value_line:
            tip_rows.append(value_line)
        for column, column_label in tooltip_fields.items():
            tip_rows.append(f"{html.escape(column_label)}: {_cell(row.get(column), lang)}")
        popup_rows = [(html.escape(_pick(FIELD_LABELS["name"], lang)), name_text)]
        if indicator:
            popup_rows.append((html.escape(label), value_line.split(": ", 1)[-1]))
            for suffix, key in (("_source", "source"), ("_note", "note")):
                extra_value = row.get(f"{indicator}{suffix}")
                if not _is_missing(extra_value):
                    popup_rows.append(
                        (
                            f"{html.escape(label)} – {html.escape(_t(key, lang))}",
                            _cell(extra_value, lang),
                        )
                    )
        for column, column_label in popup_fields.items():
            if column not in row:
                continue
            cell_value = row[column]
            if column == "risk_class":
                cell_value = _value_text(cell_value, "risk_class", RISK_CLASSES, "", lang)
            popup_rows.append((html.escape(column_label), _cell(cell_value, lang)))
        properties.append(
            {
                "c": str(row["code"]),
                "t": "<br>".join(tip_rows),
                "p": _table(popup_rows),
                "s": registry.add(style),
            }
        )

    group = folium.FeatureGroup(
        name=html.escape(name or _t("commune_layer", lang)), overlay=True, control=False
    )
    data, _ = _features(frame.geometry.to_numpy(), properties, decimals=decimals)
    options = {"sticky": True, "factor": 10**decimals}
    _GeoLayer(data=data, styles=registry.styles, options=options).add_to(group)
    if indicator:
        legend = legend_html(
            label=label,
            unit=unit,
            classes=classes,
            counts=counts,
            years=years,
            dimmed=any_dimmed,
            lang=lang,
        )
        _Legend(html_text=legend, hatch_colors=hatch_colors, position="bottomright").add_to(group)
    return group


def _value_text(
    value: Any, indicator: str, classes: Sequence[ColorClass], unit: str, lang: Lang
) -> str:
    if _is_missing(value):
        return _t("no_data", lang)
    if isinstance(value, str):
        match = next((c for c in classes if c.value == value), None)
        return match.label(lang) if match else value
    text = format_value(value, lang=lang)
    return f"{text} {unit}".strip() if unit and unit != "%" else f"{text}{unit}"


def legend_html(
    *,
    label: str,
    unit: str,
    classes: Sequence[ColorClass],
    counts: Mapping[str, int],
    years: Mapping[str, set[str]],
    dimmed: bool,
    lang: Lang,
) -> str:
    """The legend: title, classes, then what solid / hatched / grey / faded mean.

    ``counts`` is the number of communes per level (``commune``, ``district``, ``province``,
    ``none``); ``years`` the years of the figures per level.
    """
    title = html.escape(label + (f" ({unit})" if unit else ""))
    parts = [f"<h4>{title}</h4>"]
    word = _t("communes", lang)
    for level in ("commune", "district", "province"):
        if counts.get(level):
            found = years.get(level, set())
            unknown = _t("unknown", lang)
            year_text = ", ".join([*sorted(found - {unknown}), *sorted(found & {unknown})])
            year_text = year_text or unknown
            parts.append(
                f"<p>{html.escape(_level_text(level, lang).capitalize())}: "
                f"{counts[level]} {html.escape(word)} · "
                f"{html.escape(_t('year', lang))} {html.escape(year_text)}</p>"
            )
    for c in classes:
        parts.append(f'<div class="ba-row">{_swatch(c.color)}{html.escape(c.label(lang))}</div>')
    hatched = any(counts.get(level) for level in ("district", "province"))
    if hatched and classes:
        sample = classes[len(classes) // 2].color
        parts.append(f'<div class="ba-row">{_swatch(sample)}{html.escape(_t("solid", lang))}</div>')
        parts.append(
            f'<div class="ba-row">{_swatch(_hatch_url(sample), dashed=True, opacity=0.9)}'
            f"{html.escape(_t('hatched', lang))}</div>"
        )
    no_data = counts.get("none", 0)
    parts.append(
        f'<div class="ba-row">{_swatch(NO_DATA_COLOR, opacity=0.55)}'
        f"{html.escape(_t('no_data', lang).capitalize())} ({no_data} {html.escape(word)})</div>"
    )
    if dimmed:
        parts.append(
            f'<div class="ba-row">{_swatch(DEFAULT_FILL, opacity=0.2)}'
            f"{html.escape(_t('dimmed', lang))}</div>"
        )
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# All in one, and reading clicks back
# ---------------------------------------------------------------------------------------------


def build_map(
    *,
    communes: gpd.GeoDataFrame,
    overlays: Mapping[str, gpd.GeoDataFrame] | None = None,
    indicator: str | None = None,
    classes: Sequence[ColorClass] | None = None,
    basemap: str = "osm",
    lang: Lang = "vi",
    bounds: Bounds | None = None,
    highlight_codes: set[str] | None = None,
    **layer_options: Any,
) -> folium.Map:
    """The whole map in one ``folium.Map``: :func:`base_map` plus :func:`communes_layer`.

    For Streamlit prefer the two parts with ``st_folium(..., feature_group_to_add=...)`` (see
    the module docstring). ``communes`` should come from :func:`prepare_display_geometries`;
    ``overlays`` are prepared here (:func:`prepare_overlays`). ``layer_options`` go to
    :func:`communes_layer`.

    Examples
    --------
    >>> from geo.catalogue import Catalogue
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


def clicked_code(clicked: Mapping[str, float] | None, *, communes: gpd.GeoDataFrame) -> str | None:
    """Code of the commune under a clicked point (``st_folium``'s ``last_object_clicked``).

    Examples
    --------
    >>> import shapely
    >>> frame = gpd.GeoDataFrame({"code": ["7"]}, geometry=[shapely.box(104, 19, 105, 20)],
    ...                          crs="EPSG:4326")
    >>> clicked_code({"lat": 19.5, "lng": 104.5}, communes=frame)
    '7'
    """
    if not clicked or clicked.get("lat") is None or clicked.get("lng") is None:
        return None
    point = shapely.Point(float(clicked["lng"]), float(clicked["lat"]))
    frame = communes.to_crs("EPSG:4326") if communes.crs is not None else communes
    hits = frame.index[frame.geometry.intersects(point)]
    return str(frame.loc[hits[0], "code"]) if len(hits) else None


def map_html(m: folium.Map) -> str:
    """The standalone HTML of a map (what a browser receives)."""
    return m.get_root().render()
