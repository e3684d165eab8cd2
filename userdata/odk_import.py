"""Reading ODK Central and KoboToolbox exports of the plan's XLSForm (:mod:`planner.xlsform`).

:func:`read_odk` takes what :func:`userdata.observations.read_observations` hands over when a
file is not the field pack's own export:

* an ODK Central CSV (``SubmissionDate``, ``meta-instanceID``, ``KEY``; geopoints as
  ``position-Latitude``, ``position-Longitude``, ``position-Altitude``, ``position-Accuracy``;
  fields inside a group prefixed ``group-``), or Central's zip of that CSV with ``media/``;
* a KoboToolbox CSV (``_uuid``, ``_id``, ``_submission_time``; geopoints as
  ``_position_latitude``, ``_position_longitude``, ``_position_precision`` or as the text
  ``"lat lon altitude accuracy"``; groups prefixed ``group/``; ``;`` or ``,`` delimited; values
  as XML names or as labels), or a zip of it with its attachments (any folder, found by name);
* a GeoJSON export (Central: properties ``__id`` / ``meta.instanceID``; Kobo: ``_uuid``).

Columns are matched by their last segment, so group names do not matter; question labels (of
either language) are accepted as headers and as values of ``kind`` and ``marker_condition``.
UTF-8 with or without a byte-order mark. ``uuid:`` prefixes are stripped.

Whole-file problems raise :class:`geo.errors.UserInputError` (keys ``odk.error.*``). Each
record goes through the same checks as the field pack's (:mod:`userdata.observation_checks`:
uuid, kind, marker condition, time, position inside Vietnam, accuracy, observer, note); one that
fails is :class:`layers.observations.Refused` with its reason, the others are read. A photo cell
naming a file the upload does not hold refuses its record (``odk.refused.*``). Within one file
the first record of a uuid is kept, a later one is refused as a duplicate.

Examples
--------
>>> data = ("meta-instanceID,kind,note,position-Latitude,position-Longitude,"
...         "position-Accuracy,observed_at,observer\\n"
...         "uuid:6f1c2a44-0c1e-4a55-9b8e-2d1f0a9c3e11,road_blocked,Đá lở,19.38,104.12,6.5,"
...         "2026-11-30T08:15:00.000+07:00,Lan\\n").encode()
>>> batch = read_odk(data, filename="form.csv", inside_vietnam=lambda lat, lon: True)
>>> seen = batch.observations[0]
>>> seen.uuid, seen.kind, seen.lat, seen.accuracy_m, seen.position_source, batch.refused
('6f1c2a44-0c1e-4a55-9b8e-2d1f0a9c3e11', 'road_blocked', 19.38, 6.5, 'odk', [])
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable
from functools import cache
from pathlib import PurePosixPath

from geo import settings
from geo.errors import UserInputError
from geo.names import fold
from geo.vocabulary import MARKER_CONDITIONS, OBSERVATION_KINDS
from i18n.messages import LANGS, message
from layers.observations import Observation, ObservationBatch, Photo, Refused
from planner.xlsform import is_choice_name, stop_id_of_choice
from userdata.observation_checks import (
    CommuneOf,
    InsideVietnam,
    RecordRefused,
    parse_accuracy,
    parse_kind,
    parse_note,
    parse_observer,
    parse_position,
    parse_time,
    parse_uuid,
)
from userdata.photos import PhotoRefused, normalise_photo
from userdata.uploads import check_upload, open_zip

ID_COLUMNS = ("instanceid", "key", "_uuid", "__id")
"""Record id columns, first found first used (Central ``meta-instanceID``/``KEY``, Kobo)."""
_COORDS = ("latitude", "longitude", "altitude", "accuracy")
_KOBO_COORDS = {
    "_position_latitude": "position-latitude",
    "_position_longitude": "position-longitude",
    "_position_altitude": "position-altitude",
    "_position_precision": "position-accuracy",
}
_QUESTIONS = {
    "kind": "odk.q.kind",
    "marker_condition": "odk.q.marker_condition",
    "note": "odk.q.note",
    "position": "odk.q.position",
    "stop": "odk.q.stop",
    "observer": "odk.q.observer",
    "observed_at": "odk.q.observed_at",
}


@cache
def _header_labels() -> dict[str, str]:
    """Folded question label → field name (Kobo's "labels" export uses labels as headers)."""
    labels = {fold(message(key, lang)): name for name, key in _QUESTIONS.items() for lang in LANGS}
    for n in range(1, settings.MAX_OBSERVATION_PHOTOS + 1):
        labels.update({fold(message("odk.q.photo", lang, n=n)): f"photo_{n}" for lang in LANGS})
    return labels


def field_name(header: str) -> str:
    """The form field a column of an export holds, whatever its group prefix.

    Examples
    --------
    >>> [field_name(h) for h in ("meta-instanceID", "grp-kind", "grp/position-Latitude",
    ...                          "_position_latitude", "\\ufeffSubmissionDate", "Ghi chú")]
    ['instanceid', 'kind', 'position-latitude', 'position-latitude', 'submissiondate', 'note']
    """
    text = header.strip().lstrip("\ufeff").strip()
    if text.startswith("_"):
        last = text.split("/")[-1]
        name = (last if last.startswith("_") else f"_{last}").lower()
        coord = re.fullmatch(r"_(.+)_(latitude|longitude|altitude|precision)", last, re.I)
        if name not in _KOBO_COORDS and coord and not coord[1].startswith("_"):
            base = _header_labels().get(fold(coord[1]), coord[1].lower())
            name = f"_{base}_{coord[2].lower()}"
        return _KOBO_COORDS.get(name, name)
    by_label = _header_labels().get(fold(text))
    if by_label:
        return by_label
    parts = [part for part in re.split(r"[/-]", text) if part]
    if not parts:
        return ""
    last = parts[-1].lower()
    if last in _COORDS and len(parts) >= 2:
        return f"{parts[-2].lower()}-{last}"
    return last


def _rows_of(header: list[str], records: Iterable[list[str]]) -> list[dict[str, str]]:
    fields = [field_name(name) for name in header]
    rows = []
    for record in records:
        if not any(cell.strip() for cell in record):
            continue
        row: dict[str, str] = {}
        for name, cell in zip(fields, record, strict=False):
            if name and not row.get(name):
                row[name] = cell
        rows.append(row)
    return rows


def _text(data: bytes, *, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserInputError.of("odk.error.not_readable", name=filename) from None


def _csv_rows(text: str, *, filename: str) -> list[dict[str, str]]:
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count)
    if not first.count(delimiter):
        raise UserInputError.of("odk.error.not_readable", name=filename)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error:
        raise UserInputError.of("odk.error.not_readable", name=filename) from None
    return _rows_of(records[0], records[1:])


def _flatten(value: object, prefix: str, out: dict[str, str]) -> None:
    if isinstance(value, dict) and value.get("type") == "Point":
        coordinates = value.get("coordinates") or []
        accuracy = (value.get("properties") or {}).get("accuracy")
        parts = [*coordinates[:3], *([None] * (3 - len(coordinates[:3]))), accuracy]
        lon, lat, alt, acc = parts
        for coord, number in zip(_COORDS, (lat, lon, alt, acc), strict=True):
            out.setdefault(f"{prefix}-{coord}", "" if number is None else str(number))
    elif isinstance(value, dict):
        for key, inner in value.items():
            _flatten(inner, f"{prefix}/{key}" if prefix else str(key), out)
    elif isinstance(value, list):
        out.setdefault(prefix, " ".join(str(item) for item in value))
    else:
        out.setdefault(prefix, "" if value is None else str(value))


def _geojson_rows(text: str, *, filename: str) -> list[dict[str, str]]:
    try:
        collection = json.loads(text)
    except ValueError:
        raise UserInputError.of("odk.error.not_readable", name=filename) from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        raise UserInputError.of("odk.error.not_readable", name=filename)
    rows = []
    for feature in features:
        feature = feature if isinstance(feature, dict) else {}
        flat: dict[str, str] = {}
        _flatten(feature.get("properties") or {}, "", flat)
        row = {}
        for key, value in flat.items():
            name = field_name(key)
            if name and not row.get(name):
                row[name] = value
        geometry = feature.get("geometry")
        if isinstance(geometry, dict) and geometry.get("type") == "Point":
            point: dict[str, str] = {}
            _flatten(geometry, "position", point)
            for key, value in point.items():
                if value and not row.get(key):
                    row[key] = value
        if feature.get("id") and not any(row.get(name) for name in ID_COLUMNS):
            row["__id"] = str(feature["id"])
        rows.append(row)
    return rows


def _missing_columns(rows: list[dict[str, str]]) -> list[str]:
    names = set().union(*(row.keys() for row in rows))
    missing = []
    if not names & set(ID_COLUMNS):
        missing.append("meta-instanceID / KEY (ODK Central), _uuid (KoboToolbox)")
    if "kind" not in names:
        missing.append("kind")
    coords = {"position-latitude", "position-longitude"}
    if not (coords <= names or "position" in names):
        missing.append("position-Latitude + position-Longitude, _position_latitude + "
                       "_position_longitude, position")  # fmt: skip
    return missing


def _code(value: str, codes: tuple[str, ...], prefix: str) -> str | None:
    """A code of ``codes`` from its name or its label (either language, any case/diacritics)."""
    text = value.strip()
    if text in codes:
        return text
    folded = fold(text)
    for code in codes:
        if folded in {fold(message(f"{prefix}.{code}", lang)) for lang in LANGS} | {fold(code)}:
            return code
    return None


def _position(row: dict[str, str]) -> tuple[str, str, str]:
    """The geopoint's latitude, longitude and accuracy cells: its split columns (Central's
    ``position-Latitude``, Kobo's ``_position_latitude``) or its ``"lat lon alt acc"`` text."""
    lat = row.get("position-latitude", "").strip()
    lon = row.get("position-longitude", "").strip()
    accuracy = row.get("position-accuracy", "").strip()
    parts = row.get("position", "").split()
    if not (lat and lon) and parts:
        lat, lon = [*parts, ""][:2]
    if not accuracy and len(parts) > 3:
        accuracy = parts[3]
    return lat, lon, accuracy


Media = dict[str, list[zipfile.ZipInfo]]
"""File name → the zip's members of that name (Kobo keeps one folder per submission)."""


def _attachment(name: str, media: Media, *, uuid: str) -> zipfile.ZipInfo:
    """The member holding attachment ``name`` of record ``uuid`` (its folder when several)."""
    candidates = media.get(name, [])
    if not candidates:
        raise RecordRefused("odk.refused.photo_missing", name=name)
    if len(candidates) > 1:
        candidates = [info for info in candidates if uuid in info.filename]
    if len(candidates) != 1:
        raise RecordRefused("odk.refused.photo_ambiguous", name=name)
    return candidates[0]


def _photos(
    row: dict[str, str], media: Media, archive: zipfile.ZipFile | None, *, uuid: str
) -> tuple[Photo, ...]:
    photos = []
    for n in range(1, settings.MAX_OBSERVATION_PHOTOS + 1):
        cell = row.get(f"photo_{n}", "").strip()
        if not cell:
            continue
        name = PurePosixPath(cell.replace("\\", "/")).name
        if archive is None:
            raise RecordRefused("odk.refused.photo_missing", name=name)
        info = _attachment(name, media, uuid=uuid)
        try:
            photos.append(normalise_photo(archive.read(info), name=name))
        except PhotoRefused as refused:
            raise RecordRefused.because(refused) from None
    return tuple(photos)


def _first(row: dict[str, str], *names: str) -> str:
    return next((row[name].strip() for name in names if row.get(name, "").strip()), "")


def _observation(
    row: dict[str, str],
    *,
    media: Media,
    archive: zipfile.ZipFile | None,
    inside_vietnam: InsideVietnam,
    commune_of: CommuneOf | None,
) -> Observation:
    uuid = parse_uuid(_first(row, *ID_COLUMNS).removeprefix("uuid:"))
    kind_cell, condition_cell = row.get("kind", ""), row.get("marker_condition", "")
    kind, condition = parse_kind(
        _code(kind_cell, OBSERVATION_KINDS, "obs_kind") or kind_cell,
        _code(condition_cell, MARKER_CONDITIONS, "marker_condition") or condition_cell,
    )
    note = parse_note(row.get("note", ""))
    observed_at = parse_time(_first(row, "observed_at", "start"))
    lat_cell, lon_cell, accuracy_cell = _position(row)
    lat, lon = parse_position(lat_cell, lon_cell, inside_vietnam=inside_vietnam)
    accuracy = parse_accuracy(accuracy_cell or None)
    observer = parse_observer(_first(row, "observer", "username", "submittername", "_submitted_by"))
    stop = row.get("stop", "").strip()
    return Observation(
        uuid=uuid,
        kind=kind,
        note=note,
        observed_at=observed_at,
        lat=lat,
        lon=lon,
        accuracy_m=accuracy,
        position_source="odk",
        observer=observer,
        source="odk",
        marker_condition=condition,
        stop_id=stop_id_of_choice(stop) if is_choice_name(stop) else None,
        stop_name=_first(row, "stop_name") or (None if is_choice_name(stop) else stop or None),
        plan_name=_first(row, "plan") or None,
        photos=_photos(row, media, archive, uuid=uuid),
        commune_code=commune_of(lat, lon) if commune_of else None,
    )


def _record_label(row: dict[str, str], number: int) -> str:
    value = _first(row, *ID_COLUMNS)
    return value.removeprefix("uuid:") if value else f"#{number}"


def _from_zip(data: bytes) -> tuple[zipfile.ZipFile, zipfile.ZipInfo, Media]:
    archive = open_zip(data, max_members=settings.OBSERVATION_ZIP_MEMBERS)
    tables: list[zipfile.ZipInfo] = []
    media: Media = {}
    for info in archive.infolist():
        path = PurePosixPath(info.filename.replace("\\", "/"))
        if info.is_dir() or path.parts[0] == "__MACOSX" or path.name.startswith("._"):
            continue
        if path.suffix.lower() in (".csv", ".geojson", ".json"):
            tables.append(info)
        else:
            media.setdefault(path.name, []).append(info)
    if not tables:
        raise UserInputError.of("odk.error.no_csv")
    if len(tables) > 1:
        names = ", ".join(info.filename for info in tables)
        raise UserInputError.of("odk.error.many_csv", names=names)
    return archive, tables[0], media


def read_odk(
    data: bytes, *, filename: str, inside_vietnam: InsideVietnam, commune_of: CommuneOf = None
) -> ObservationBatch:
    """The observations of an ODK Central / KoboToolbox export (CSV, GeoJSON or zip).

    Parameters
    ----------
    data, filename
        The upload and its name (named in messages).
    inside_vietnam
        ``(lat, lon) → bool``: a record whose position is outside is refused.
    commune_of
        ``(lat, lon) → commune code or None``: sets :attr:`Observation.commune_code`.

    Raises
    ------
    geo.errors.UserInputError
        The file is not such an export, lacks a needed column (named), holds no record or more
        than :data:`geo.settings.MAX_OBSERVATIONS_PER_FILE`, or is an unsafe zip.
    """
    check_upload(data)
    archive: zipfile.ZipFile | None = None
    media: Media = {}
    table_name = filename
    if data[:4] == b"PK\x03\x04":
        archive, table, media = _from_zip(data)
        table_name = table.filename
        data = archive.read(table)
    text = _text(data, filename=table_name)
    if text.lstrip()[:1] in ("{", "["):
        rows = _geojson_rows(text, filename=table_name)
    else:
        rows = _csv_rows(text, filename=table_name)
    if not rows:
        raise UserInputError.of("odk.error.no_rows")
    if len(rows) > settings.MAX_OBSERVATIONS_PER_FILE:
        limit = settings.MAX_OBSERVATIONS_PER_FILE
        raise UserInputError.of("odk.error.too_many", n=len(rows), limit=limit)
    missing = _missing_columns(rows)
    if missing:
        raise UserInputError.of("odk.error.missing_columns", columns="; ".join(missing))
    observations: list[Observation] = []
    refused: list[Refused] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        try:
            observation = _observation(
                row,
                media=media,
                archive=archive,
                inside_vietnam=inside_vietnam,
                commune_of=commune_of,
            )
        except RecordRefused as problem:
            refused.append(problem.refused(_record_label(row, number)))
            continue
        if observation.uuid in seen:
            refused.append(RecordRefused("obs_file.duplicate").refused(observation.uuid))
            continue
        seen.add(observation.uuid)
        observations.append(observation)
    plans = {o.plan_name for o in observations if o.plan_name}
    plan_name = plans.pop() if len(plans) == 1 else None
    return ObservationBatch(
        observations=observations, refused=refused, format="odk", plan_name=plan_name
    )
