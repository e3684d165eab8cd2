"""Layers that users upload: GeoJSON, GeoPackage, zipped Shapefile or KML, in WGS 84 or VN-2000.

The upload is checked before GDAL sees it (:mod:`userdata.uploads`: size, and for a zip no path
traversal, no nested archives, caps on members, expanded size and compression ratio); only the
files a layer is made of are unpacked. The CRS comes from the file; a shapefile without
``.prj`` raises :class:`CrsRequired` so the page can ask the user. A ``.prj`` that names
VN-2000 without a datum shift is mapped to its EPSG code so that the shift is applied. Invalid
geometries are repaired (``make_valid``) or rejected with the reason; a layer whose points fall
outside Vietnam is refused with a hint (swapped X/Y, wrong zone).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely
from pyproj import CRS

from geo import crs as crs_module
from geo.errors import UserInputError
from geo.vocabulary import WGS84_EPSG
from i18n.messages import both_languages, message
from userdata import uploads

LAYER_SUFFIXES = {".geojson", ".json", ".gpkg", ".kml", ".zip"}
SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"}
LAYER_MAIN_SUFFIXES = (".shp", ".geojson", ".gpkg", ".kml")
ZIP_MEMBERS = SHAPEFILE_PARTS | set(LAYER_MAIN_SUFFIXES)
"""What is unpacked from a zip upload; anything else in it is left in the archive."""


class CrsRequired(UserInputError):
    """The file does not say its coordinate system: the user must choose it."""


@dataclass
class LayerImport:
    """A layer read from an upload, in WGS 84, with what was done to it."""

    frame: gpd.GeoDataFrame
    source_crs: str
    crs_was_assumed: bool
    repaired: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _layer_file(data: bytes, folder: Path) -> Path:
    """Unpack a zipped layer (after :mod:`userdata.uploads` checks it); return its main file."""
    parts = uploads.extract(uploads.open_zip(data), folder, suffixes=ZIP_MEMBERS)
    layer = next((p for p in parts if p.suffix.lower() in LAYER_MAIN_SUFFIXES), None)
    if layer is None:
        raise UserInputError.of("upload.zip_no_layer")
    if layer.suffix.lower() == ".shp":
        missing = [s for s in (".shx", ".dbf") if not layer.with_suffix(s).exists()]
        if missing:
            raise UserInputError.of("upload.shapefile_parts", missing=", ".join(missing))
    return layer


def _vn2000_epsg(definition: CRS) -> int | None:
    """EPSG code of a VN-2000 CRS that a .prj describes without its datum shift."""
    text = definition.to_wkt().upper()
    if "VN_2000" not in text and "VN-2000" not in text and "VN2000" not in text:
        return None
    if not definition.is_projected:
        return crs_module.VN2000_GEOGRAPHIC
    params = {p.name: p.value for p in definition.coordinate_operation.params}
    meridian = params.get("Longitude of natural origin")
    scale = params.get("Scale factor at natural origin")
    for code, option in crs_module.OPTIONS.items():
        if option.central_meridian == meridian and option.kind == "projected":
            expected = 0.9996 if code == crs_module.VN2000_UTM48N else 0.9999
            if scale is None or abs(scale - expected) < 1e-6:
                return code
    return None


def read_layer(data: bytes, *, filename: str, assumed_epsg: int | None = None) -> LayerImport:
    """Read an uploaded layer into WGS 84.

    Raises
    ------
    CrsRequired
        When the file gives no CRS and ``assumed_epsg`` is None.
    UserInputError
        For every other problem, with the reason and the fix.
    """
    uploads.check_upload(data)
    suffix = Path(filename).suffix.lower()
    if suffix not in LAYER_SUFFIXES:
        raise UserInputError.of("upload.layer_format")
    warnings: list[str] = []
    with tempfile.TemporaryDirectory(prefix="border-atlas-upload-") as folder:
        if suffix == ".zip":
            path = _layer_file(data, Path(folder))
        else:
            path = Path(folder) / f"upload{suffix}"
            path.write_bytes(data)
        try:
            frame = pyogrio.read_dataframe(path)
        except Exception as error:
            raise UserInputError.of("upload.layer_unreadable", detail=str(error)[:200]) from None
    if frame.empty:
        raise UserInputError.of("upload.layer_empty")
    assumed = False
    if frame.crs is None:
        if assumed_epsg is None:
            raise CrsRequired.of("upload.crs_required")
        frame = frame.set_crs(assumed_epsg)
        assumed = True
    else:
        code = _vn2000_epsg(frame.crs)
        if code is not None and frame.crs.to_epsg() != code:
            frame = frame.set_crs(code, allow_override=True)
            warnings.append(both_languages("upload.prj_vn2000", code=code))
    source_crs = frame.crs.to_string()
    rejected: list[tuple[int, str]] = []
    geometry = frame.geometry.array
    empty = shapely.is_empty(geometry) | shapely.is_missing(geometry)
    for index in frame.index[empty]:
        rejected.append((int(index), both_languages("upload.no_geometry")))
    frame = frame[~empty]
    invalid = ~shapely.is_valid(frame.geometry.array)
    repaired = int(invalid.sum())
    if repaired:
        frame.loc[invalid, "geometry"] = shapely.make_valid(frame.geometry.array[invalid])
    if frame.empty:
        raise UserInputError.of("upload.no_usable_geometry")
    wgs = frame.to_crs(WGS84_EPSG)
    _check_position(wgs, frame)
    return LayerImport(wgs, source_crs, assumed, repaired, rejected, warnings)


def _check_position(wgs: gpd.GeoDataFrame, original: gpd.GeoDataFrame) -> None:
    centres = wgs.geometry.representative_point()
    inside = [crs_module.in_vietnam(p.y, p.x) for p in centres]
    if sum(inside) >= max(1, len(inside) // 2):
        return
    hint_vi, hint_en = "", ""
    if original.crs is not None and original.crs.is_projected:
        point = original.geometry.representative_point().iloc[0]
        epsg = original.crs.to_epsg() or crs_module.VN2000_UTM48N
        hints = crs_module.diagnose_projected(point.y, point.x, epsg=epsg)
        if hints:
            # the English names geo.crs's specific hints; Vietnamese gives the general one
            hint_en = " " + "; ".join(hints) + "."
            hint_vi = " " + message("upload.hint_xy_or_zone", "vi")
    elif all(crs_module.in_vietnam(p.x, p.y) for p in centres):
        hint_vi = " " + message("upload.hint_swapped", "vi")
        hint_en = " " + message("upload.hint_swapped", "en")
    raise UserInputError(
        message("upload.outside_vietnam", "vi", hint=hint_vi),
        message("upload.outside_vietnam", "en", hint=hint_en),
    )
