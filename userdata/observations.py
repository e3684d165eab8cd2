"""Reading observation files: the field pack's export, and the way to ODK/KoboToolbox exports.

:func:`read_observations` is the one entry point every import calls. A zip holding
``observations.geojson`` (and its ``photos/<uuid>-<n>.jpg``), or a bare GeoJSON carrying the
``border_atlas.format`` marker, is the field pack's export (format 1, written by
``planner/templates/fieldpack_observe.js`` and by :func:`observations_zip`); anything else (a
CSV, an ODK Central or KoboToolbox GeoJSON, a zip of a CSV and its attachments) goes to
:func:`userdata.odk_import.read_odk`.

A problem with the whole file raises a :class:`geo.errors.UserInputError`; a problem with one
record refuses that record only (:class:`layers.observations.Refused`, with its UUID or number
and the reason in both languages). Notes are plain text, kept as typed (HTML, Markdown).

Each record goes through the checks of :mod:`userdata.observation_checks` (ODK's reader uses
the same): times with their UTC offset, positions inside Vietnam never swapped or moved.

Examples
--------
>>> from datetime import UTC, datetime
>>> seen = Observation(uuid="0b7c7a8e-5b1d-4c53-9a55-1f7e1c1b2a3d", kind="road_blocked",
...     note="<b>Đất đá</b> lấp *đường*", observed_at=datetime(2026, 11, 30, 1, 15,
...     tzinfo=UTC), lat=19.38, lon=104.12, accuracy_m=8.0, position_source="gps",
...     observer="Lan", source="fieldpack")
>>> data = observations_zip([seen], plan_name="Kỳ Sơn")
>>> batch = read_observations(data, filename="ghi-nhan.zip", inside_vietnam=lambda la, lo: True)
>>> batch.format, batch.plan_name, batch.refused, batch.observations[0].note
('fieldpack', 'Kỳ Sơn', [], '<b>Đất đá</b> lấp *đường*')
>>> batch.observations[0].observed_at == seen.observed_at
True
"""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

import geopandas as gpd
import shapely

from geo import settings
from geo.errors import UserInputError
from geo.vocabulary import POSITION_SOURCES
from layers.locate import commune_index
from layers.observations import (
    EXPORT_FORMAT,
    EXPORT_MEMBER,
    EXPORT_VERSION,
    Observation,
    ObservationBatch,
    Photo,
    Refused,
)
from layers.position_check import position_warnings
from userdata.observation_checks import (
    CommuneOf,
    InsideVietnam,
    RecordRefused,
    optional_text,
    parse_accuracy,
    parse_kind,
    parse_note,
    parse_observer,
    parse_position,
    parse_time,
    parse_uuid,
)
from userdata.odk_import import read_odk
from userdata.photos import PhotoRefused, normalise_photo
from userdata.uploads import ZIP_MAGIC, DamagedArchive, UnsafeArchive, check_upload, open_zip

VIETNAM_BOX = (102.0, 8.0, 117.9, 23.5)
"""``(west, south, east, north)``: a point outside it is outside Vietnam."""
NEAREST_COMMUNE_DEGREES = 0.005
"""A point this close to a commune (about 500 m) but in none counts in it (simplified edges)."""


# Whole files.


def _reject_constant(name: str) -> float:
    raise _NotANumber(name)


class _NotANumber(ValueError):
    pass


def load_json(data: bytes, *, filename: str) -> Any:
    """Parse JSON (UTF-8, an optional BOM); ``NaN`` and ``Infinity`` are refused."""
    try:
        return json.loads(data.decode("utf-8-sig"), parse_constant=_reject_constant)
    except UnicodeDecodeError:
        raise UserInputError.of("obs_file.not_utf8", name=filename) from None
    except _NotANumber:
        raise UserInputError.of("obs_file.json_constant", name=filename) from None
    except json.JSONDecodeError as exc:
        where = {"line": exc.lineno, "column": exc.colno}
        raise UserInputError.of("obs_file.not_json", name=filename, **where) from None
    except (ValueError, RecursionError):
        raise UserInputError.of("obs_file.not_collection", name=filename) from None


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """A member's bytes, never more than its stated size (a member that lies is refused)."""
    try:
        with archive.open(info) as member:
            body = member.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError):
        raise DamagedArchive.of("upload.zip_damaged") from None
    if len(body) > info.file_size:
        raise UnsafeArchive.of("obs_file.member_too_big", name=info.filename)
    return body


def _geojson_member(archive: zipfile.ZipFile) -> zipfile.ZipInfo | None:
    """``observations.geojson`` at the archive's root, or in its one top folder."""
    found = [
        info
        for info in archive.infolist()
        if PurePosixPath(info.filename).name == EXPORT_MEMBER
        and len(PurePosixPath(info.filename).parts) <= 2
        and not info.filename.startswith("__MACOSX/")
    ]
    return min(found, key=lambda info: len(info.filename)) if found else None


def _looks_json(data: bytes, *, filename: str) -> bool:
    return filename.lower().endswith((".geojson", ".json")) or data.lstrip()[:1] in (b"{", b"[")


def _odk_readable(archive: zipfile.ZipFile) -> bool:
    suffixes = {PurePosixPath(info.filename).suffix.lower() for info in archive.infolist()}
    return bool(suffixes & {".csv", ".geojson", ".json"})


def read_observations(
    data: bytes,
    *,
    filename: str,
    inside_vietnam: InsideVietnam,
    commune_of: CommuneOf | None = None,
) -> ObservationBatch:
    """Read an observations file: the field pack's export, or an ODK/KoboToolbox export.

    Parameters
    ----------
    data
        The uploaded file's bytes.
    filename
        Its name (shown in messages; ``.geojson``/``.json`` says a bare file is JSON).
    inside_vietnam
        ``(lat, lon) -> bool`` (see :func:`vietnam_check`): a record elsewhere is refused.
    commune_of
        ``(lat, lon) -> code | None`` (see :func:`commune_finder`) sets ``commune_code``.

    Raises
    ------
    UserInputError
        When the whole file cannot be read (keys ``obs_file.*`` and ``upload.*``).
    """
    check_upload(data)
    checks: dict[str, Any] = {"inside_vietnam": inside_vietnam, "commune_of": commune_of}
    if data.startswith(ZIP_MAGIC):
        archive = open_zip(data, max_members=settings.OBSERVATION_ZIP_MEMBERS)
        member = _geojson_member(archive)
        if member is not None:
            collection = load_json(read_member(archive, member), filename=EXPORT_MEMBER)
            folder = PurePosixPath(member.filename).parent
            return _read_collection(
                collection, filename=EXPORT_MEMBER, archive=archive, folder=folder, **checks
            )
        if not _odk_readable(archive):
            raise UserInputError.of("obs_file.not_readable", name=filename)
    elif _looks_json(data, filename=filename):
        collection = load_json(data, filename=filename)
        if not isinstance(collection, dict):
            raise UserInputError.of("obs_file.not_collection", name=filename)
        if "border_atlas" in collection:
            return _read_collection(
                collection, filename=filename, archive=None, folder=PurePosixPath("."), **checks
            )
    return read_odk(data, filename=filename, **checks)


def _check_header(collection: object, *, filename: str) -> tuple[dict[str, Any], list[Any]]:
    if not isinstance(collection, dict) or collection.get("type") != "FeatureCollection":
        raise UserInputError.of("obs_file.not_collection", name=filename)
    header = collection.get("border_atlas")
    found = header.get("format") if isinstance(header, dict) else None
    if not isinstance(header, dict) or found != EXPORT_FORMAT:
        raise UserInputError.of("obs_file.wrong_format", name=filename, format=str(found or "—"))
    version = header.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise UserInputError.of("obs_file.wrong_format", name=filename, format=str(version))
    if version > EXPORT_VERSION:
        raise UserInputError.of("obs_file.newer_version", version=version)
    features = collection.get("features")
    if not isinstance(features, list):
        raise UserInputError.of("obs_file.not_collection", name=filename)
    if not features:
        raise UserInputError.of("obs_file.no_observations", name=filename)
    if len(features) > settings.MAX_OBSERVATIONS_PER_FILE:
        raise UserInputError.of(
            "obs_file.too_many", n=len(features), limit=settings.MAX_OBSERVATIONS_PER_FILE
        )
    return header, features


def _read_collection(
    collection: object,
    *,
    filename: str,
    archive: zipfile.ZipFile | None,
    folder: PurePosixPath,
    inside_vietnam: InsideVietnam,
    commune_of: CommuneOf | None,
) -> ObservationBatch:
    header, features = _check_header(collection, filename=filename)
    plan = header.get("plan") if isinstance(header.get("plan"), str) else None
    infos = archive.infolist() if archive is not None else []
    members = {info.filename: info for info in infos if not info.is_dir()}
    now = datetime.now(UTC)
    observations: list[Observation] = []
    refused: list[Refused] = []
    seen: set[str] = set()
    for number, feature in enumerate(features, start=1):
        record = f"#{number}"
        try:
            props = feature.get("properties") if isinstance(feature, dict) else None
            if not isinstance(props, dict) or feature.get("type") != "Feature":
                raise RecordRefused("obs_file.bad_feature")
            record = parse_uuid(props.get("uuid") or feature.get("id"))
            if record in seen:
                raise RecordRefused("obs_file.duplicate")
            seen.add(record)
            observation = _feature(
                feature,
                props,
                uuid=record,
                plan=plan,
                now=now,
                inside_vietnam=inside_vietnam,
                photo=lambda path: _photo(archive, members, folder, path),
            )
        except RecordRefused as problem:
            refused.append(problem.refused(record))
            continue
        if commune_of is not None:
            code = commune_of(observation.lat, observation.lon)
            observation = replace(observation, commune_code=code)
        observations.append(observation)
    return ObservationBatch(
        observations=observations, refused=refused, format="fieldpack", plan_name=plan
    )


def _photo(
    archive: zipfile.ZipFile | None,
    members: dict[str, zipfile.ZipInfo],
    folder: PurePosixPath,
    path: object,
) -> Photo:
    if not isinstance(path, str) or not path:
        raise RecordRefused("obs_file.bad_text", field="photos")
    inside = str(folder / path) if str(folder) != "." else path
    info = members.get(inside)
    if archive is None or info is None:
        raise RecordRefused("obs_file.photo_missing", name=path[:120])
    try:
        return normalise_photo(read_member(archive, info), name=path)
    except PhotoRefused as error:
        raise RecordRefused.because(error) from None


def _feature(
    feature: dict[str, Any],
    props: dict[str, Any],
    *,
    uuid: str,
    plan: str | None,
    now: datetime,
    inside_vietnam: InsideVietnam,
    photo: Callable[[object], Photo],
) -> Observation:
    kind, condition = parse_kind(props.get("kind"), props.get("marker_condition"))
    observed_at = parse_time(props.get("observed_at"), now=now)
    geometry = feature.get("geometry")
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    if (
        not isinstance(geometry, dict)
        or geometry.get("type") != "Point"
        or not isinstance(coordinates, list)
        or len(coordinates) not in (2, 3)
        or any(isinstance(value, str) for value in coordinates)  # GeoJSON holds numbers
    ):
        raise RecordRefused("obs_file.no_position")
    lat, lon = parse_position(coordinates[1], coordinates[0], inside_vietnam=inside_vietnam)
    source = props.get("position_source")
    if source not in POSITION_SOURCES:
        raise RecordRefused("obs_file.bad_position_source", value=str(source)[:30])
    accuracy = parse_accuracy(props.get("accuracy_m"))
    observer = parse_observer(props.get("observer"))
    note = parse_note(props.get("note"))
    stop_id = optional_text(props.get("stop_id"), field="stop_id")
    stop_name = optional_text(props.get("stop_name"), field="stop_name")
    plan_name = optional_text(props.get("plan"), field="plan") or plan
    paths = props.get("photos") or []
    if not isinstance(paths, list):
        raise RecordRefused("obs_file.bad_text", field="photos")
    if len(paths) > settings.MAX_OBSERVATION_PHOTOS:
        limit = settings.MAX_OBSERVATION_PHOTOS
        raise RecordRefused("obs_file.too_many_photos", n=len(paths), limit=limit)
    photos = tuple(photo(path) for path in paths)
    return Observation(
        uuid=uuid,
        kind=kind,
        note=note,
        observed_at=observed_at,
        lat=lat,
        lon=lon,
        accuracy_m=accuracy,
        position_source=str(source),
        observer=observer,
        source="fieldpack",
        marker_condition=condition,
        stop_id=stop_id,
        stop_name=stop_name,
        plan_name=plan_name,
        photos=photos,
    )


# Checks built once from the atlas.


def vietnam_check(*, communes: gpd.GeoDataFrame, vietnam: gpd.GeoDataFrame | None) -> InsideVietnam:
    """``(lat, lon) -> bool``: whether a point lies in Vietnam.

    A coarse box (:data:`VIETNAM_BOX`) first; a point inside a commune of ``communes`` (the
    atlas's ``communes_2025``) or ``vietnam`` (:func:`planner.schedule.overnight_places`) is in;
    any other goes to :func:`layers.position_check.position_warnings` (in unless it says
    ``position.outside_vietnam``: Vietnam's communes are simplified, so a point just outside
    them may still be in). Without ``vietnam`` only the box is used. Indexes are built once,
    here (about 0.3 s); a check takes about 60 µs inside a commune, 1.5 ms elsewhere.

    Examples
    --------
    >>> inside = vietnam_check(communes=gpd.GeoDataFrame(geometry=[], crs="EPSG:4326"),
    ...     vietnam=None)
    >>> inside(19.38, 104.12), inside(0.0, 0.0), inside(104.12, 19.38)
    (True, False, False)
    """
    trees = []
    if vietnam is not None:
        commune_index(communes)
        commune_index(vietnam)
        trees = [shapely.STRtree(frame.geometry.to_numpy()) for frame in (communes, vietnam)]
    west, south, east, north = VIETNAM_BOX

    def inside(lat: float, lon: float) -> bool:
        if not (south <= lat <= north and west <= lon <= east):
            return False
        if vietnam is None:
            return True
        point = shapely.Point(lon, lat)
        if any(len(tree.query(point, predicate="intersects")) for tree in trees):
            return True
        warnings = position_warnings(lat=lat, lon=lon, communes=communes, vietnam=vietnam)
        return all(warning.key != "position.outside_vietnam" for warning in warnings)

    return inside


def commune_finder(communes: gpd.GeoDataFrame) -> CommuneOf:
    """``(lat, lon) -> code``: the 2025 commune (``atlas.get("communes_2025")``) holding a point.

    A point in none but within :data:`NEAREST_COMMUNE_DEGREES` of one counts in the nearest;
    ``None`` elsewhere.

    Examples
    --------
    >>> frame = gpd.GeoDataFrame({"code": ["42"]}, geometry=[shapely.box(104, 19, 105, 20)],
    ...     crs="EPSG:4326")
    >>> find = commune_finder(frame)
    >>> find(19.5, 104.5), find(19.5, 105.001), find(10.0, 106.0)
    ('42', '42', None)
    """
    shapes = communes.geometry.to_numpy()
    codes = communes["code"].astype(str).to_numpy()
    tree = shapely.STRtree(shapes)

    def find(lat: float, lon: float) -> str | None:
        point = shapely.Point(lon, lat)
        hits = tree.query(point, predicate="intersects")
        if len(hits):
            return str(codes[int(min(hits))])
        near = tree.query_nearest(point, max_distance=NEAREST_COMMUNE_DEGREES)
        return str(codes[int(near[0])]) if len(near) else None

    return find


# Writing format 1.


def _feature_json(observation: Observation, *, plan_name: str | None) -> tuple[dict, dict]:
    photos = {
        f"photos/{observation.uuid}-{n}.jpg": photo.body
        for n, photo in enumerate((p for p in observation.photos if p.body), start=1)
    }
    props = {
        "uuid": observation.uuid,
        "kind": observation.kind,
        "marker_condition": observation.marker_condition,
        "note": observation.note,
        "observed_at": observation.observed_at.isoformat(),
        "position_source": observation.position_source,
        "accuracy_m": observation.accuracy_m,
        "stop_id": observation.stop_id,
        "stop_name": observation.stop_name,
        "observer": observation.observer,
        "plan": observation.plan_name or plan_name,
        "photos": list(photos),
        "updated_at": observation.observed_at.isoformat(),
    }
    feature = {
        "type": "Feature",
        "id": observation.uuid,
        "geometry": {"type": "Point", "coordinates": [observation.lon, observation.lat]},
        "properties": props,
    }
    return feature, photos


def observations_zip(observations: Sequence[Observation], *, plan_name: str | None = None) -> bytes:
    """The field pack's export (format 1) holding ``observations`` and their photos' bodies.

    A photo without a body (as :meth:`list_observations` gives them) is left out.
    """
    features, photos = [], {}
    for observation in observations:
        feature, bodies = _feature_json(observation, plan_name=plan_name)
        features.append(feature)
        photos.update(bodies)
    collection = {
        "type": "FeatureCollection",
        "border_atlas": {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "plan": plan_name,
            "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
        "features": features,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        text = json.dumps(collection, ensure_ascii=False, allow_nan=False, indent=1)
        archive.writestr(EXPORT_MEMBER, text)
        for name, body in photos.items():
            archive.writestr(name, body, compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()
