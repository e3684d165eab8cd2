"""Relief from the coarse SRTM30_PLUS grid: statistics per polygon, and the basemap's shading.

Never slope: the grid is far too coarse for it. :func:`relief_by_polygon` gives each commune
its relief figures; :func:`hillshade` and :func:`relief_image` draw the offline basemap's
shaded relief (a picture, labelled coarse wherever it is shown).

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

import base64
import io
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import pandas as pd
import rasterio
import rasterio.features
import rasterio.transform
import rasterio.warp
import rasterio.windows
import scipy.ndimage
from PIL import Image

from geo.catalogue import Catalogue
from geo.errors import DataFileError, SchemaError
from geo.vocabulary import WGS84

MIN_CENTRE_CELLS = 3
"""Fewer cell centres than this inside a polygon switches it to the all-touched rule."""

TERRAIN_SOURCE = "terrain/srtm30plus_0.02deg.tif (SRTM30_PLUS v9, 0.02°)"
"""How the grid is cited in the layers that use it."""
WEB_MERCATOR = "EPSG:3857"

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


def _padded_window(
    grid: rasterio.io.DatasetReader, bounds: tuple[float, float, float, float]
) -> rasterio.windows.Window:
    """The grid window covering ``bounds`` (west, south, east, north) and one cell more on each
    side, so that all-touched selections and smoothing at the edges are complete."""
    window = (
        rasterio.windows.from_bounds(*bounds, transform=grid.transform)
        .round_offsets(op="floor")
        .round_lengths(op="ceil")
    )
    return rasterio.windows.Window(
        window.col_off - 1, window.row_off - 1, window.width + 2, window.height + 2
    )


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
            window = _padded_window(grid, tuple(shapes.total_bounds))
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


# --- Relief shading for the offline basemap ---------------------------------------------------

RELIEF_AZIMUTH = 315.0
"""Sun direction of the hillshade, degrees clockwise from north (the cartographic north-west)."""
RELIEF_ALTITUDE = 45.0
"""Sun height of the hillshade above the horizon, degrees."""
RELIEF_UPSAMPLE = 5
"""The 0.02° grid is resampled this many times finer (cubic) before shading, so the coarse
cells do not show as blocks; it adds no detail that the grid does not hold."""
RELIEF_Z_FACTOR = 2.0
"""Vertical exaggeration of the shading: the 2 km cells flatten the slopes, so the relief is
drawn twice as steep to stay readable. It is a picture, never a slope value."""
_METRES_PER_DEGREE_LAT = 110_574.0
_METRES_PER_DEGREE_LON = 111_320.0
_TINT_STOPS = (
    (0.0, (226, 238, 214)),
    (300.0, (234, 240, 212)),
    (800.0, (240, 234, 206)),
    (1400.0, (236, 222, 198)),
    (2200.0, (230, 220, 212)),
)
"""Light hypsometric tint: elevation (m) → RGB; pale so that commune colours stay on top."""
_NO_DATA_RGB = (238, 238, 234)
_WATER_RGB = (214, 228, 238)

Box = tuple[float, float, float, float]
"""``(west, south, east, north)`` in degrees."""


def hillshade(
    elevation: np.ndarray,
    *,
    cell_x_m: float | np.ndarray,
    cell_y_m: float,
    azimuth: float = RELIEF_AZIMUTH,
    altitude: float = RELIEF_ALTITUDE,
    z_factor: float = 1.0,
) -> np.ndarray:
    """Lambertian hillshade of a north-up elevation grid, in ``[0, 1]`` (NaN stays NaN).

    Parameters
    ----------
    elevation
        Elevations in metres; row 0 is the northern edge.
    cell_x_m, cell_y_m
        Cell width (east–west; an array broadcast over rows where it varies with latitude) and
        height in metres.
    azimuth, altitude
        The sun: degrees clockwise from north, degrees above the horizon.
    z_factor
        Vertical exaggeration.

    Returns
    -------
    numpy.ndarray
        Same shape as ``elevation``; flat ground is ``sin(altitude)``, a slope facing the sun
        is brighter, one facing away darker.

    Examples
    --------
    >>> flat = hillshade(np.zeros((3, 3)), cell_x_m=100.0, cell_y_m=100.0)
    >>> round(float(flat[1, 1]), 3)
    0.707
    >>> rising_to_south_east = np.add.outer(np.arange(3.0), np.arange(3.0)) * 50
    >>> shade = hillshade(rising_to_south_east, cell_x_m=100.0, cell_y_m=100.0)
    >>> bool(shade[1, 1] > 0.9)
    True
    """
    rows_gradient, cols_gradient = np.gradient(np.asarray(elevation, dtype=float) * z_factor)
    dz_east = cols_gradient / cell_x_m
    dz_north = -rows_gradient / cell_y_m
    sun_azimuth, sun_altitude = np.radians(azimuth), np.radians(altitude)
    light = (
        np.sin(sun_azimuth) * np.cos(sun_altitude),
        np.cos(sun_azimuth) * np.cos(sun_altitude),
        np.sin(sun_altitude),
    )
    normal_length = np.sqrt(dz_east**2 + dz_north**2 + 1.0)
    shade = (-dz_east * light[0] - dz_north * light[1] + light[2]) / normal_length
    return np.clip(shade, 0.0, 1.0)


def _tint(elevation: np.ndarray) -> np.ndarray:
    """RGB (float, 0–255) of the light hypsometric tint, shape ``(3, *elevation.shape)``."""
    heights = [stop for stop, _ in _TINT_STOPS]
    return np.stack(
        [np.interp(elevation, heights, [rgb[band] for _, rgb in _TINT_STOPS]) for band in range(3)]
    )


@dataclass(frozen=True)
class ReliefImage:
    """An encoded relief picture in Web Mercator and the box it covers.

    ``bounds`` is ``((south, west), (north, east))`` in degrees, what ``L.imageOverlay`` takes:
    the picture is in EPSG:3857, so it lies exactly on a Leaflet map over that box.
    """

    data: bytes
    media_type: str
    bounds: tuple[tuple[float, float], tuple[float, float]]
    width: int
    height: int

    @property
    def suffix(self) -> str:
        """File name ending for :attr:`media_type` (``webp``, ``jpeg`` or ``png``)."""
        return self.media_type.split("/", 1)[1]

    def data_uri(self) -> str:
        """The picture as a ``data:`` URI (for a page that must hold everything itself)."""
        return f"data:{self.media_type};base64,{base64.b64encode(self.data).decode('ascii')}"


def relief_image(
    *,
    catalogue: Catalogue,
    box: Box,
    pixel_deg: float = 0.02 / RELIEF_UPSAMPLE,
    image_format: str = "webp",
    quality: int = 72,
    max_side: int = 2048,
) -> ReliefImage:
    """Shaded, lightly tinted relief of the terrain grid over ``box``, in Web Mercator.

    The grid is resampled :data:`RELIEF_UPSAMPLE` times finer (cubic), shaded by
    :func:`hillshade` (sun :data:`RELIEF_AZIMUTH` / :data:`RELIEF_ALTITUDE`, exaggerated
    :data:`RELIEF_Z_FACTOR` times), multiplied into the tint, reprojected to EPSG:3857
    (bilinear) and encoded. ``box`` is cut to the grid's extent; cells without data are a
    neutral grey. The picture shows relief only: the grid is ~2 km and coarse.

    Parameters
    ----------
    catalogue
        The data catalogue; the grid is read from key ``terrain``.
    box
        ``(west, south, east, north)`` in degrees.
    pixel_deg
        Width of an output pixel in degrees of longitude.
    image_format, quality
        ``webp``, ``jpeg`` or ``png`` (lossless), and the quality of the lossy ones.
    max_side
        The longer side is kept at most this many pixels (``pixel_deg`` grows to fit).

    Examples
    --------
    >>> relief = relief_image(catalogue=Catalogue.load(), box=(104.6, 20.1, 105.1, 20.4))
    >>> relief.media_type, relief.bounds[0][1], relief.width > 100
    ('image/webp', 104.6, True)
    """
    path = catalogue.path("terrain")
    try:
        with rasterio.open(path) as grid:
            west, south, east, north = box
            gw, gs, ge, gn = grid.bounds
            west, south, east, north = max(west, gw), max(south, gs), min(east, ge), min(north, gn)
            if west >= east or south >= north:
                raise DataFileError(f"The box {box} lies outside the terrain grid.")
            window = _padded_window(grid, (west, south, east, north))
            elevation = grid.read(1, window=window, boundless=True, fill_value=np.nan)
            source_transform = grid.window_transform(window)
    except rasterio.errors.RasterioIOError as error:
        raise DataFileError(f"The terrain grid {path} cannot be read: {error}") from error

    missing = ~np.isfinite(elevation)
    filled = np.where(missing, np.nanmean(elevation) if (~missing).any() else 0.0, elevation)
    fine = scipy.ndimage.zoom(filled.astype(float), RELIEF_UPSAMPLE, order=3)
    fine_missing = scipy.ndimage.zoom(missing.astype(np.uint8), RELIEF_UPSAMPLE, order=0) > 0
    # The grid holds bathymetry: the sea is drawn flat and pale blue, not as deep relief.
    sea = scipy.ndimage.zoom((filled <= 0).astype(float), RELIEF_UPSAMPLE, order=1) > 0.5
    fine_transform = source_transform @ rasterio.Affine.scale(1 / RELIEF_UPSAMPLE)
    cell_deg = abs(fine_transform.a)
    latitudes = fine_transform.f + fine_transform.e * (np.arange(fine.shape[0]) + 0.5)
    cell_x = (cell_deg * _METRES_PER_DEGREE_LON * np.cos(np.radians(latitudes)))[:, None]
    shade = hillshade(
        fine, cell_x_m=cell_x, cell_y_m=cell_deg * _METRES_PER_DEGREE_LAT, z_factor=RELIEF_Z_FACTOR
    )
    # Flat ground keeps the tint; lit slopes lighten it a little, shaded ones darken it.
    # Shadows stop at 62 % of the tint so that the relief never competes with commune colours.
    factor = np.clip(0.35 + 0.65 * shade / np.sin(np.radians(RELIEF_ALTITUDE)), 0.62, 1.1)
    rgb = np.clip(_tint(fine) * factor, 0, 255)
    for band, (water, none) in enumerate(zip(_WATER_RGB, _NO_DATA_RGB, strict=True)):
        rgb[band][sea] = water
        rgb[band][fine_missing] = none

    x0, y0, x1, y1 = rasterio.warp.transform_bounds(WGS84, WEB_MERCATOR, west, south, east, north)
    width = max(2, round((east - west) / pixel_deg))
    height = max(2, round(width * (y1 - y0) / (x1 - x0)))
    scale = min(1.0, max_side / max(width, height))
    width, height = max(2, round(width * scale)), max(2, round(height * scale))
    target = np.zeros((3, height, width), dtype=np.float32)
    rasterio.warp.reproject(
        source=rgb.astype(np.float32),
        destination=target,
        src_transform=fine_transform,
        src_crs=WGS84,
        dst_transform=rasterio.transform.from_bounds(x0, y0, x1, y1, width, height),
        dst_crs=WEB_MERCATOR,
        resampling=rasterio.warp.Resampling.bilinear,
    )
    picture = Image.fromarray(np.clip(target, 0, 255).round().astype(np.uint8).transpose(1, 2, 0))
    buffer = io.BytesIO()
    if image_format == "png":
        picture.save(buffer, format="PNG", optimize=True)
    elif image_format in ("webp", "jpeg"):
        picture.save(buffer, format=image_format.upper(), quality=quality)
    else:
        raise ValueError(f"unknown image format '{image_format}'; use webp, jpeg or png")
    return ReliefImage(
        data=buffer.getvalue(),
        media_type=f"image/{image_format}",
        bounds=((south, west), (north, east)),
        width=width,
        height=height,
    )
