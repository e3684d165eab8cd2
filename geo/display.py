"""Display simplification: light geometries for drawing, their bounds, the VN-2000 zones shown.

What the browser draws is simplified and rounded here once (cache the result: it does not
change with filters); areas and distances always come from the full geometry. Nothing here
knows about Streamlit or Folium: :mod:`ui.webmap` draws what these functions prepare.

Examples
--------
>>> import shapely
>>> square = gpd.GeoDataFrame({"code": ["1"]}, geometry=[shapely.box(104, 19, 104.1, 19.1)],
...                           crs="EPSG:4326")
>>> bounds_of(square)
((19.0, 104.0), (19.1, 104.1))
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import geopandas as gpd
import shapely

from geo.crs import province_zone
from geo.vocabulary import WGS84

Bounds = tuple[tuple[float, float], tuple[float, float]]
"""``((south, west), (north, east))`` in degrees."""

_METRES_PER_DEGREE = 111_320.0
DEFAULT_TOLERANCE_M = 50.0
"""Display simplification tolerance; ~1/3 pixel at zoom 10 (where the three areas are seen)."""


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
    frame = gdf.to_crs(WGS84)
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
    out[out.geometry.name] = gpd.GeoSeries(geoms, index=frame.index, crs=WGS84)
    return out


def prepare_overlays(
    overlays: Mapping[str, gpd.GeoDataFrame | None],
    *,
    tolerance_m: float = DEFAULT_TOLERANCE_M,
) -> dict[str, gpd.GeoDataFrame]:
    """:func:`prepare_display_geometries` on each overlay; empty or missing ones are dropped.

    The border line alone has ~31,000 vertices and the risk zones ~57,000: prepare them once
    (cached by the caller) before drawing them.
    """
    return {
        key: prepare_display_geometries(layer, tolerance_m=tolerance_m)
        for key, layer in overlays.items()
        if layer is not None and len(layer)
    }


def bounds_of(gdf: gpd.GeoDataFrame) -> Bounds:
    """``((south, west), (north, east))`` of a layer in degrees."""
    west, south, east, north = gdf.to_crs(WGS84).total_bounds
    return ((float(south), float(west)), (float(north), float(east)))


@dataclass(frozen=True)
class Vn2000Zone:
    """A province's VN-2000 TM-3 zone and the box where the cursor readout uses it."""

    province: str
    epsg: int
    bbox: tuple[float, float, float, float]  # west, south, east, north


def vn2000_zones(communes: gpd.GeoDataFrame) -> list[Vn2000Zone]:
    """The VN-2000 zone (:func:`geo.crs.province_zone`) of each province among ``communes``.

    ``communes`` needs a ``province`` column; provinces without a known zone are left out.

    Examples
    --------
    >>> from geo import crs
    >>> from geo.catalogue import Catalogue
    >>> raw = gpd.read_file(Catalogue.load().path("communes_2025"))
    >>> zones = {zone.province: zone.epsg for zone in vn2000_zones(raw)}
    >>> zones["Nghệ An"] == crs.NGHE_AN_TM3, len(zones)
    (True, 3)
    """
    zones = []
    frame = communes.to_crs(WGS84)
    for province, group in frame.groupby("province", sort=True):
        epsg = province_zone(str(province))
        if epsg is not None:
            box = tuple(round(float(v), 4) for v in group.total_bounds)
            zones.append(Vn2000Zone(str(province), epsg, box))
    return zones
