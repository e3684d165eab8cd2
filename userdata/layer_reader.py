"""Layers that users upload: GeoJSON, GeoPackage, zipped Shapefile or KML, in WGS 84 or VN-2000.

The upload is checked before GDAL sees it (:mod:`userdata.uploads`: size, and for a zip no path
traversal, no nested archives, caps on members, expanded size and compression ratio); only the
files a layer is made of are unpacked. Then its first bytes are read (:func:`sniff`): an image,
a PDF or an Office file renamed, a zip or a GeoPackage under another name, a GeoJSON that is not
JSON, a KML that is not XML, are each refused with their own words and the fix; a KML goes
through :mod:`defusedxml` first, so a DOCTYPE or entity declaration (a "billion laughs" bomb, an
external entity) is refused before GDAL's XML reader sees it. Nothing GDAL, SQLite or the
temporary folder says reaches the user: an unexpected failure is logged in full
(:func:`geo.incidents.record`) and the message gives its id.

The coordinate system: a CRS the user chooses applies to every format, GeoJSON included (GDAL
reads every GeoJSON as WGS 84), and overrides what the file says (:attr:`LayerImport.notes`
says so). Without a choice it comes from the file; a file without one raises
:class:`CrsRequired`, and a file whose numbers are metres (``|x| > 180`` or ``|y| > 90``)
while it has no CRS, or claims degrees, raises :class:`ProjectedCrsRequired` with the
VN-2000 zones to propose (:func:`zone_candidates`: the three provinces' TM-3 zones and UTM
48N, those that put the features in the three areas marked likely). A ``.prj`` that names
VN-2000 without a datum shift is mapped to its EPSG code so that the shift is applied.

Invalid geometries are repaired (``make_valid``) or rejected with the reason; heights (Z) are
dropped; a layer whose points fall outside Vietnam is refused with a hint (swapped X/Y, wrong
zone).

Examples
--------
>>> sniff(b"\\x89PNG\\r\\n\\x1a\\n....", suffix=".geojson").message("en")[:33]
'The file is an image (PNG), not a'
>>> sniff(b'{"type": "FeatureCollection"}', suffix=".geojson") is None
True
"""

from __future__ import annotations

import json
import tempfile
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

import geopandas as gpd
import pyogrio
import shapely
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_xml
from pyproj import CRS

from geo import crs as crs_module
from geo import incidents
from geo.errors import UserInputError
from geo.vocabulary import WGS84_EPSG
from i18n.messages import both_languages, message
from layers.position_check import PositionWarning, position_warnings
from userdata import uploads

LAYER_SUFFIXES = {".geojson", ".json", ".gpkg", ".kml", ".zip"}
SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx"}
LAYER_MAIN_SUFFIXES = (".shp", ".geojson", ".gpkg", ".kml")
ZIP_MEMBERS = SHAPEFILE_PARTS | set(LAYER_MAIN_SUFFIXES) | {".json"}
"""What is unpacked from a zip upload; anything else in it is left in the archive."""
PROPOSED_ZONES = (
    crs_module.THANH_HOA_TM3,
    crs_module.NGHE_AN_TM3,
    crs_module.QUANG_TRI_TM3,
    crs_module.QUANG_TRI_TM3_2025,
    crs_module.VN2000_UTM48N,
)
"""The zones proposed for a file in metres: the three provinces' TM-3 zones, then UTM 48N."""
SAMPLE_POINTS = 20
"""How many representative points of a layer are tried in each zone, and checked."""

_SQLITE = b"SQLite format 3\x00"
_SHAPEFILE = b"\x00\x00\x27\x0a"
_GEOJSON_TYPES = {
    "FeatureCollection",
    "Feature",
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}


class CrsRequired(UserInputError):
    """The file does not say its coordinate system: the user must choose it."""


@dataclass(frozen=True)
class ZoneCandidate:
    """A VN-2000 zone proposed for a file in metres, with where the features land in it."""

    epsg: int
    inside: int
    sampled: int
    likely: bool


class ProjectedCrsRequired(CrsRequired):
    """The coordinates are metres but the file gives no projected CRS: the user picks a zone.

    ``candidates`` are the zones to propose, likely ones first (:func:`zone_candidates`).
    """

    def __init__(
        self, message_vi: str, message_en: str, *, candidates: list[ZoneCandidate]
    ) -> None:
        super().__init__(message_vi, message_en)
        self.candidates = candidates


@dataclass
class LayerImport:
    """A layer read from an upload, in WGS 84, with what was done to it.

    ``notes`` are catalogue messages ``(key, values)`` the page shows in its language: the
    chosen CRS used instead of the file's, heights dropped, a ``.prj`` mapped to VN-2000.
    ``source_epsg`` is the EPSG code of the file's CRS when it has one.
    """

    frame: gpd.GeoDataFrame
    source_crs: str
    crs_was_assumed: bool
    repaired: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)
    notes: list[tuple[str, dict[str, object]]] = field(default_factory=list)
    source_epsg: int | None = None


# -- what the file is ---------------------------------------------------------------------------


def _text_start(data: bytes) -> bytes:
    return data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1]


def sniff(data: bytes, *, suffix: str) -> UserInputError | None:
    """The refusal for a file whose first bytes are not what ``suffix`` promises, or None.

    Images, PDFs and Office files renamed, zips and GeoPackages under another name, and
    GeoJSON, GeoPackage, KML and Shapefile that do not start as their format does.
    """
    what, family = uploads.file_kind(data) or ("", "")
    if family in ("image", "document"):
        return UserInputError.of(f"layer.file_is_{family}", what=what)
    if suffix != ".zip" and data.startswith(uploads.ZIP_MAGIC):
        return UserInputError.of("layer.file_is_zip", suffix=suffix)
    if suffix != ".gpkg" and data.startswith(_SQLITE):
        return UserInputError.of("layer.file_is_geopackage", suffix=suffix)
    if suffix in (".geojson", ".json") and _text_start(data) != b"{":
        return UserInputError.of("layer.not_json")
    if suffix == ".gpkg" and not data.startswith(_SQLITE):
        return UserInputError.of("layer.not_geopackage")
    if suffix == ".kml" and _text_start(data) != b"<":
        return UserInputError.of("layer.not_kml")
    if suffix == ".shp" and not data.startswith(_SHAPEFILE):
        return UserInputError.of("layer.not_shapefile")
    return None


def check_geojson(data: bytes) -> None:
    """Refuse text that is not JSON (with the line and column) or JSON that is not GeoJSON.

    Examples
    --------
    >>> check_geojson(b'{"type": "Feature", "geometry": null, "properties": {}}')
    >>> try:
    ...     check_geojson(b'{"type": "FeatureCollection",\\n "features": [')
    ... except UserInputError as error:
    ...     print(error.message("en")[:50])
    The GeoJSON has a syntax error at line 2, column 1
    """
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise UserInputError.of("layer.not_json") from None
    except json.JSONDecodeError as error:
        raise UserInputError.of(
            "layer.json_broken", line=error.lineno, column=error.colno
        ) from None
    if not isinstance(document, dict) or document.get("type") not in _GEOJSON_TYPES:
        raise UserInputError.of("layer.not_geojson")


def check_kml(data: bytes) -> None:
    """Refuse a KML that declares a DOCTYPE or entities, is not well-formed XML, or is not KML.

    Examples
    --------
    >>> bomb = b'<?xml version="1.0"?><!DOCTYPE k [<!ENTITY a "aaaa">]><kml>&a;</kml>'
    >>> try:
    ...     check_kml(bomb)
    ... except UserInputError as error:
    ...     print(error.message("en")[:40])
    The KML declares a DOCTYPE or XML entiti
    """
    try:
        root = safe_xml(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise UserInputError.of("layer.kml_entities") from None
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else 1
        raise UserInputError.of("layer.kml_broken", line=line) from None
    if not str(root.tag).lower().endswith("kml"):
        raise UserInputError.of("layer.kml_not_kml")


def _check_contents(path: Path) -> None:
    """The checks of the file's contents made before GDAL opens it: its first bytes, and for a
    KML the XML itself (entities are refused before any XML reader expands them). A GeoJSON is
    parsed only when GDAL cannot read it (:func:`_read`), for the line and column at fault."""
    suffix = path.suffix.lower()
    data = path.read_bytes()
    refusal = sniff(data, suffix=suffix)
    if refusal is not None:
        raise refusal
    if suffix == ".kml":
        check_kml(data)


def _layer_file(data: bytes, folder: Path) -> Path:
    """Unpack a zipped layer (after :mod:`userdata.uploads` checks it); return its main file."""
    parts = uploads.extract(uploads.open_zip(data), folder, suffixes=ZIP_MEMBERS)
    layer = next((p for p in parts if p.suffix.lower() in LAYER_MAIN_SUFFIXES), None)
    if layer is None:
        layer = next((p for p in parts if p.suffix.lower() == ".json"), None)
    if layer is None:
        raise UserInputError.of("upload.zip_no_layer")
    if layer.suffix.lower() == ".shp":
        missing = [s for s in (".shx", ".dbf") if not layer.with_suffix(s).exists()]
        if missing:
            raise UserInputError.of("upload.shapefile_parts", missing=", ".join(missing))
    return layer


def _read(path: Path) -> gpd.GeoDataFrame:
    """GDAL's reading of ``path``; its failures become the user's words and an incident id."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's, naming the temp path
            return pyogrio.read_dataframe(path)
    except Exception as error:  # GDAL/SQLite text and the temp path are logged, never shown
        suffix = path.suffix.lower()
        if suffix in (".geojson", ".json"):
            check_geojson(path.read_bytes())  # says what is wrong with the JSON, if it can
        code = incidents.record(error, where="userdata.layer_reader.read_layer")
        if suffix == ".gpkg":
            raise UserInputError.of("layer.geopackage_broken", id=code) from None
        raise UserInputError.of("layer.unreadable", id=code) from None


# -- coordinate systems -------------------------------------------------------------------------


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


def in_metres(frame: gpd.GeoDataFrame) -> bool:
    """Whether the numbers of ``frame`` cannot be degrees (``|x| > 180`` or ``|y| > 90``, and
    not latitude and longitude swapped).

    Examples
    --------
    >>> in_metres(gpd.GeoDataFrame(geometry=[shapely.Point(562000.0, 2153000.0)]))
    True
    >>> in_metres(gpd.GeoDataFrame(geometry=[shapely.Point(104.6, 20.3)]))
    False
    """
    geometry = frame.geometry.array
    geometry = geometry[~(shapely.is_empty(geometry) | shapely.is_missing(geometry))]
    if not len(geometry):
        return False
    min_x, min_y, max_x, max_y = shapely.total_bounds(geometry)
    x, y = max(abs(min_x), abs(max_x)), max(abs(min_y), abs(max_y))
    swapped_degrees = x <= 90 and y <= 180  # latitude written first: explained elsewhere
    return bool((x > 180 or y > 90) and not swapped_degrees)


def _sample(frame: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """Up to :data:`SAMPLE_POINTS` representative points of the features, spread over them."""
    geometry = frame.geometry[~(frame.geometry.is_empty | frame.geometry.isna())]
    step = max(1, len(geometry) // SAMPLE_POINTS)
    return geometry.iloc[::step].iloc[:SAMPLE_POINTS].representative_point()


def _likely_provinces(points: gpd.GeoSeries, areas: gpd.GeoDataFrame) -> tuple[int, set[str]]:
    """How many of ``points`` (WGS 84) fall in ``areas``, and the provinces they fall in."""
    hits = gpd.sjoin(
        gpd.GeoDataFrame(geometry=points.reset_index(drop=True), crs=WGS84_EPSG),
        areas[["province", "geometry"]].to_crs(WGS84_EPSG),
        how="inner",
        predicate="within",
    )
    inside = hits[~hits.index.duplicated()]
    return len(inside), set(inside["province"].astype(str))


def zone_candidates(
    frame: gpd.GeoDataFrame, *, areas: gpd.GeoDataFrame | None = None
) -> list[ZoneCandidate]:
    """The zones of :data:`PROPOSED_ZONES` for ``frame`` (numbers in metres), likely first.

    Each zone is tried on up to :data:`SAMPLE_POINTS` points. With ``areas`` (the communes of
    the three areas, with ``province``), a zone is likely when most points fall in them, in a
    province that uses that zone (UTM 48N: any); without, when most fall in Vietnam.
    """
    sample = _sample(frame)
    found: list[ZoneCandidate] = []
    for epsg in PROPOSED_ZONES:
        points = gpd.GeoSeries(sample.to_numpy(), crs=epsg).to_crs(WGS84_EPSG)
        if areas is not None and "province" in areas.columns:
            inside, provinces = _likely_provinces(points, areas)
            zones = {z.epsg for p in provinces for z in crs_module.zones_for_province(p)}
            fits = epsg == crs_module.VN2000_UTM48N or epsg in zones
        else:
            inside = sum(crs_module.in_vietnam(p.y, p.x) for p in points if not p.is_empty)
            fits = True
        likely = fits and inside > 0 and inside * 2 >= len(sample)
        found.append(ZoneCandidate(epsg, inside, len(sample), likely))
    return sorted(found, key=lambda candidate: not candidate.likely)


def _example_xy(frame: gpd.GeoDataFrame) -> tuple[str, str]:
    point = _sample(frame).iloc[0]
    # Surveyors write X as the northing: the example is shown the way they write it.
    return f"{point.y:.2f}", f"{point.x:.2f}"


def _projected_required(
    frame: gpd.GeoDataFrame, *, areas: gpd.GeoDataFrame | None, chosen: str | None
) -> ProjectedCrsRequired:
    x, y = _example_xy(frame)
    key = "layer.projected_no_crs" if chosen is None else "layer.projected_chosen_degrees"
    vi, en = (message(key, lang, x=x, y=y, crs=chosen) for lang in ("vi", "en"))
    return ProjectedCrsRequired(vi, en, candidates=zone_candidates(frame, areas=areas))


def _crs_label(epsg: int | None, definition: CRS | None) -> str:
    if epsg in crs_module.OPTIONS:
        return crs_module.OPTIONS[epsg].label_en
    return definition.name if definition is not None else "?"


def _apply_crs(
    frame: gpd.GeoDataFrame,
    *,
    suffix: str,
    assumed_epsg: int | None,
    areas: gpd.GeoDataFrame | None,
    notes: list[tuple[str, dict[str, object]]],
) -> tuple[gpd.GeoDataFrame, bool]:
    """``frame`` with the CRS it is in (chosen, or its own); whether the CRS was chosen."""
    if assumed_epsg is not None:
        chosen = CRS.from_epsg(assumed_epsg)
        if not chosen.is_projected and in_metres(frame):
            raise _projected_required(frame, areas=areas, chosen=_crs_label(assumed_epsg, chosen))
        own = frame.crs
        label = _crs_label(assumed_epsg, chosen)
        if own is not None and own.to_epsg() != assumed_epsg:
            file_label = _crs_label(own.to_epsg(), own)
            if suffix in (".geojson", ".json"):
                file_label += " (GeoJSON)"
            notes.append(("layer.crs_overridden", {"chosen": label, "file": file_label}))
        else:
            notes.append(("layer.crs_assumed", {"chosen": label}))
        return frame.set_crs(assumed_epsg, allow_override=True), True
    if frame.crs is None:
        if in_metres(frame):
            raise _projected_required(frame, areas=areas, chosen=None)
        raise CrsRequired.of("upload.crs_required")
    if not frame.crs.is_projected and in_metres(frame):
        raise _projected_required(frame, areas=areas, chosen=None)
    code = _vn2000_epsg(frame.crs)
    if code is not None and frame.crs.to_epsg() != code:
        frame = frame.set_crs(code, allow_override=True)
        notes.append(("upload.prj_vn2000", {"code": code}))
    elif suffix in (".geojson", ".json") and frame.crs.to_epsg() == WGS84_EPSG:
        notes.append(("layer.geojson_crs", {}))
    return frame, False


# -- reading ------------------------------------------------------------------------------------


def read_layer(
    data: bytes,
    *,
    filename: str,
    assumed_epsg: int | None = None,
    areas: gpd.GeoDataFrame | None = None,
) -> LayerImport:
    """Read an uploaded layer into WGS 84.

    ``assumed_epsg`` is the CRS the user chose (it overrides the file's); ``areas`` (the
    communes of the three areas, with ``province``) lets :func:`zone_candidates` mark likely
    zones.

    Raises
    ------
    ProjectedCrsRequired
        When the numbers are metres and no projected CRS is known: with the zones to propose.
    CrsRequired
        When the file gives no CRS and ``assumed_epsg`` is None.
    UserInputError
        For every other problem, with the reason and the fix.
    """
    uploads.check_upload(data)
    suffix = Path(filename).suffix.lower()
    if suffix not in LAYER_SUFFIXES:
        raise UserInputError.of("upload.layer_format")
    with tempfile.TemporaryDirectory(prefix="border-atlas-upload-") as folder:
        if suffix == ".zip":
            if not data.startswith(uploads.ZIP_MAGIC):
                raise sniff(data, suffix=".zip") or UserInputError.of("upload.zip_damaged")
            path = _layer_file(data, Path(folder))
        else:
            path = Path(folder) / f"upload{suffix}"
            path.write_bytes(data)
        _check_contents(path)
        frame = _read(path)
        inner_suffix = path.suffix.lower()
    if frame.empty:
        raise UserInputError.of("upload.layer_empty")
    notes: list[tuple[str, dict[str, object]]] = []
    frame, assumed = _apply_crs(
        frame, suffix=inner_suffix, assumed_epsg=assumed_epsg, areas=areas, notes=notes
    )
    source_crs = frame.crs.to_string()
    rejected: list[tuple[int, str]] = []
    geometry = frame.geometry.array
    empty = shapely.is_empty(geometry) | shapely.is_missing(geometry)
    for index in frame.index[empty]:
        rejected.append((int(index), both_languages("upload.no_geometry")))
    frame = frame[~empty].copy()
    heights = int(shapely.has_z(frame.geometry.array).sum())
    if heights:
        frame["geometry"] = shapely.force_2d(frame.geometry.array)
        notes.append(("layer.z_dropped", {"n": heights}))
    invalid = ~shapely.is_valid(frame.geometry.array)
    repaired = int(invalid.sum())
    if repaired:
        frame.loc[invalid, "geometry"] = shapely.make_valid(frame.geometry.array[invalid])
    if frame.empty:
        raise UserInputError.of("upload.no_usable_geometry")
    wgs = frame.to_crs(WGS84_EPSG)
    _check_position(wgs, frame)
    return LayerImport(
        wgs, source_crs, assumed, repaired, rejected, notes, source_epsg=frame.crs.to_epsg()
    )


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
            hint_vi, hint_en = (
                " " + " ".join(hint.message(lang) for hint in hints) for lang in ("vi", "en")
            )
    elif all(crs_module.in_vietnam(p.x, p.y) for p in centres):
        hint_vi = " " + message("upload.hint_swapped", "vi")
        hint_en = " " + message("upload.hint_swapped", "en")
    raise UserInputError(
        message("upload.outside_vietnam", "vi", hint=hint_vi),
        message("upload.outside_vietnam", "en", hint=hint_en),
    )


@dataclass(frozen=True)
class PositionSummary:
    """One kind of doubt about a layer's positions: how many of the points checked raise it,
    and the first of them (its :meth:`PositionWarning.message` names commune, zone, km)."""

    count: int
    checked: int
    first: PositionWarning

    def message(self, lang: str = "vi") -> str:
        """E.g. "12 of 20 features checked: This point lies in Thanh Hóa province, but …"."""
        return message(
            "layer.position_summary",
            lang,
            count=self.count,
            n=self.checked,
            warning=self.first.message(lang),
        )


def check_positions(loaded: LayerImport, *, communes: gpd.GeoDataFrame) -> list[PositionSummary]:
    """Where up to :data:`SAMPLE_POINTS` features of ``loaded`` lie, against what they claim.

    Each point goes through :func:`layers.position_check.position_warnings` with the file's
    CRS; for a VN-2000 zone, its numbers (X, Y) too, so a point in another province than its
    zone's is named, with the zone its numbers fit. Warnings are counted by kind.
    """
    points = _sample(loaded.frame)
    epsg = loaded.source_epsg
    projected = epsg in crs_module.PROJECTED_CHOICES
    found: dict[str, list[PositionWarning]] = {}
    for point in points:
        numbers: dict[str, float] = {}
        if projected:
            northing, easting = crs_module.from_wgs84(point.y, point.x, epsg=epsg)
            numbers = {"northing": northing, "easting": easting}
        for warning in position_warnings(
            lat=point.y, lon=point.x, communes=communes, epsg=epsg, **numbers
        ):
            found.setdefault(warning.key, []).append(warning)
    return [PositionSummary(len(items), len(points), items[0]) for items in found.values()]
