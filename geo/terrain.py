"""Relief statistics per polygon from the coarse SRTM30_PLUS grid (relief only, never slope).

The grid (catalogue key ``terrain``) is float32 elevation in metres, EPSG:4326, 0.02° cells
(~2.2 km). It is far too coarse for slope: peaks read ~260 m low (Pu Xai Lai Leng 2,448 m
against 2,711 m). Its use here is relief context: how high and how rugged a commune is.

Method
------
A cell belongs to a polygon when its **centre** falls inside the polygon
(``rasterio.features.geometry_mask`` with ``all_touched=False``). A polygon holding fewer than
:data:`MIN_CENTRE_CELLS` cell centres (small communes of 2–10 km²) uses every cell it
**touches** instead (``all_touched=True``), which includes neighbouring ground; the
``cell_rule`` column says which rule a row used. NaN cells (no data) are left out and never
filled. Statistics: mean, minimum, maximum, standard deviation and the P90−P10 range of the
selected cells' elevations.

Examples
--------
>>> from geo.catalogue import Catalogue
>>> import geopandas as gpd
>>> catalogue = Catalogue.load()
>>> communes = gpd.read_file(catalogue.path("communes_2025"))
>>> relief = relief_by_polygon(catalogue=catalogue, polygons=communes)
>>> len(relief)
27
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
import rasterio.features
import rasterio.windows

from geo.catalogue import Catalogue
from geo.errors import DataFileError, SchemaError

MIN_CENTRE_CELLS = 3
"""Fewer cell centres than this inside a polygon switches it to the all-touched rule."""

TERRAIN_SOURCE = "terrain/srtm30plus_0.02deg.tif (SRTM30_PLUS v9, 0.02°)"
"""How the grid is cited in the layers that use it."""

RELIEF_COLUMNS = (
    "code",
    "elev_mean_m",
    "elev_min_m",
    "elev_max_m",
    "elev_std_m",
    "relief_p90_p10_m",
    "n_cells",
    "cell_rule",
)


def _cells(
    data: np.ndarray, transform: rasterio.Affine, geometry: object, *, all_touched: bool
) -> np.ndarray:
    """Return the finite cell values of ``data`` selected by ``geometry``."""
    outside = rasterio.features.geometry_mask(
        [geometry], out_shape=data.shape, transform=transform, all_touched=all_touched
    )
    values = data[~outside]
    return values[np.isfinite(values)]


def relief_by_polygon(*, catalogue: Catalogue, polygons: gpd.GeoDataFrame) -> pd.DataFrame:
    """Return relief statistics of the terrain grid for each polygon.

    Parameters
    ----------
    catalogue
        The data catalogue; the grid is read from key ``terrain``.
    polygons
        Polygons with a ``code`` column, in any CRS (reprojected to EPSG:4326).

    Returns
    -------
    pandas.DataFrame
        One row per polygon, in the input order: ``code``, ``elev_mean_m``, ``elev_min_m``,
        ``elev_max_m``, ``elev_std_m``, ``relief_p90_p10_m``, ``n_cells`` (cells used) and
        ``cell_rule`` (``centre`` or ``all_touched``). Statistics are NaN, and ``n_cells``
        0, for a polygon with no valid cell (outside the grid).

    Examples
    --------
    >>> from geo.catalogue import Catalogue
    >>> import geopandas as gpd
    >>> catalogue = Catalogue.load()
    >>> communes = gpd.read_file(catalogue.path("communes_2024"))
    >>> relief = relief_by_polygon(catalogue=catalogue, polygons=communes)
    >>> bool((relief["n_cells"] > 0).all())
    True
    """
    if "code" not in polygons.columns:
        raise SchemaError("relief_by_polygon needs a 'code' column on the polygons")
    if polygons.crs is None:
        raise SchemaError("relief_by_polygon needs polygons with a CRS (EPSG:4326 expected)")
    shapes = polygons.to_crs("EPSG:4326")
    path = catalogue.path("terrain")
    try:
        with rasterio.open(path) as grid:
            minx, miny, maxx, maxy = shapes.total_bounds
            window = (
                rasterio.windows.from_bounds(minx, miny, maxx, maxy, transform=grid.transform)
                .round_offsets(op="floor")
                .round_lengths(op="ceil")
            )
            # Pad one cell so that all-touched selections at the edges are complete.
            window = rasterio.windows.Window(
                window.col_off - 1, window.row_off - 1, window.width + 2, window.height + 2
            )
            data = grid.read(1, window=window, boundless=True, fill_value=np.nan).astype(float)
            transform = grid.window_transform(window)
    except rasterio.errors.RasterioIOError as error:
        raise DataFileError(f"The terrain grid {path} cannot be read: {error}") from error

    rows = []
    for code, geometry in zip(shapes["code"].astype(str), shapes.geometry, strict=True):
        values = _cells(data, transform, geometry, all_touched=False)
        rule = "centre"
        if values.size < MIN_CENTRE_CELLS:
            values = _cells(data, transform, geometry, all_touched=True)
            rule = "all_touched"
        if values.size:
            p10, p90 = np.percentile(values, [10, 90])
            stats = (
                float(values.mean()),
                float(values.min()),
                float(values.max()),
                float(values.std()),
                float(p90 - p10),
            )
        else:
            stats = (np.nan,) * 5
        rows.append((code, *stats, int(values.size), rule))
    frame = pd.DataFrame(rows, columns=list(RELIEF_COLUMNS))
    frame["n_cells"] = frame["n_cells"].astype("int64")
    return frame
