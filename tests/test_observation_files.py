"""Reading observation files (:mod:`userdata.observations`): the field pack's export, checked
record by record against the real atlas (positions inside Vietnam), and the whole-file refusals."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PIL import Image

from geo import settings
from geo.errors import UserInputError
from layers.observations import Observation, ObservationBatch, Photo
from userdata import observation_checks
from userdata import observations as obs_files
from userdata.observations import (
    commune_finder,
    observations_zip,
    read_observations,
    vietnam_check,
)
from userdata.uploads import UnsafeArchive

UUID = "0b7c7a8e-5b1d-4c53-9a55-1f7e1c1b2a3d"
OTHER = "5f0e9c52-2c1e-4d7e-8f4b-3a6a2b1c9d10"
KY_SON = (19.38, 104.12)
"""A point in a commune of the atlas (Nghệ An)."""
VIENTIANE = (17.97, 102.6)


@pytest.fixture(scope="module")
def checks(communes_2025) -> dict[str, Callable[..., Any]]:
    """The real checks the app builds once per process: Vietnam's communes and the atlas's."""
    from planner.schedule import overnight_places

    return {
        "inside_vietnam": vietnam_check(communes=communes_2025, vietnam=overnight_places()),
        "commune_of": commune_finder(communes_2025),
    }


def _props(**changes: Any) -> dict[str, Any]:
    props = {
        "uuid": UUID,
        "kind": "road_blocked",
        "marker_condition": None,
        "note": "Đất đá lấp đường",
        "observed_at": "2026-11-30T08:15:00.000+07:00",
        "position_source": "gps",
        "accuracy_m": 8.0,
        "stop_id": "s1",
        "stop_name": "Mường Típ",
        "observer": "Lan",
        "plan": "Kỳ Sơn",
        "photos": [],
        "updated_at": "2026-11-30T08:20:00.000+07:00",
    }
    return {**props, **changes}


def _feature(position: tuple[float, float] = KY_SON, **changes: Any) -> dict[str, Any]:
    props = _props(**changes)
    lat, lon = position
    return {
        "type": "Feature",
        "id": props["uuid"],
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": props,
    }


def _collection(*features: dict[str, Any], **header: Any) -> dict[str, Any]:
    block = {"format": "border-atlas-observations", "version": 1, "plan": "Kỳ Sơn"}
    return {"type": "FeatureCollection", "border_atlas": {**block, **header}, "features": features}


def _zip(geojson: dict[str, Any] | str | bytes | None, **members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if geojson is not None:
            text = geojson if isinstance(geojson, str | bytes) else json.dumps(geojson)
            archive.writestr("observations.geojson", text)
        for name, body in members.items():
            archive.writestr(name.replace("__", "/"), body)
    return buffer.getvalue()


def _read(data: bytes, checks: dict[str, Any], filename: str = "ghi-nhan.zip") -> ObservationBatch:
    return read_observations(data, filename=filename, **checks)


def _refusal(data: bytes, checks: dict[str, Any], filename: str = "ghi-nhan.zip") -> str:
    with pytest.raises(UserInputError) as refused:
        _read(data, checks, filename)
    assert refused.value.message("vi") and refused.value.message("vi") != refused.value.message(
        "en"
    )
    return refused.value.message("en")


def _jpeg(width: int, height: int, *, quality: int = 90, seed: int = 0) -> bytes:
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


# The file as the field pack writes it.


def test_the_field_packs_export_is_read_whole(checks) -> None:
    photo_name = f"photos/{UUID}-1.jpg"
    data = _zip(_collection(_feature(photos=[photo_name])), **{photo_name: _jpeg(640, 480)})
    batch = _read(data, checks)
    assert batch.format == "fieldpack" and batch.plan_name == "Kỳ Sơn" and batch.refused == []
    (seen,) = batch.observations
    assert (seen.uuid, seen.kind, seen.marker_condition) == (UUID, "road_blocked", None)
    assert (seen.lat, seen.lon, seen.accuracy_m, seen.position_source) == (*KY_SON, 8.0, "gps")
    assert seen.observed_at == datetime(2026, 11, 30, 1, 15, tzinfo=UTC)
    assert seen.observed_at.utcoffset() == timedelta(hours=7)
    assert (seen.observer, seen.stop_id, seen.stop_name, seen.plan_name) == (
        "Lan",
        "s1",
        "Mường Típ",
        "Kỳ Sơn",
    )
    assert seen.source == "fieldpack" and seen.commune_code == "16813"
    (photo,) = seen.photos
    assert photo.name == photo_name and photo.mime == "image/jpeg"
    assert (photo.width, photo.height) == (640, 480) and photo.thumb


def test_observations_zip_round_trips(checks) -> None:
    photo = Photo(name="x.jpg", mime="image/jpeg", body=_jpeg(300, 200), width=300, height=200)
    written = [
        Observation(
            uuid=UUID,
            kind="marker",
            marker_condition="damaged",
            note="Mốc 379 nghiêng",
            observed_at=datetime(2026, 11, 29, 14, 0, tzinfo=timezone(timedelta(hours=7))),
            lat=KY_SON[0],
            lon=KY_SON[1],
            accuracy_m=None,
            position_source="map",
            observer="Hùng",
            source="fieldpack",
            photos=(photo,),
        ),
        Observation(
            uuid=OTHER,
            kind="site_visited",
            note="",
            observed_at=datetime(2026, 11, 30, 9, 0, tzinfo=UTC),
            lat=19.4,
            lon=104.1,
            accuracy_m=25.5,
            position_source="gps",
            observer="Lan",
            source="fieldpack",
            plan_name="Khác",
        ),
    ]
    batch = _read(observations_zip(written, plan_name="Kỳ Sơn"), checks)
    assert batch.refused == []
    first, second = batch.observations
    assert (first.kind, first.marker_condition, first.position_source) == (
        "marker",
        "damaged",
        "map",
    )
    assert first.accuracy_m is None and first.observed_at == written[0].observed_at
    assert first.plan_name == "Kỳ Sơn" and second.plan_name == "Khác"
    assert first.photos[0].name == f"photos/{UUID}-1.jpg"
    assert second.accuracy_m == 25.5 and second.photos == ()


def test_a_folder_zipped_again_is_read(checks) -> None:
    photo_name = f"photos/{UUID}-1.jpg"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("ghi-nhan/observations.geojson", json.dumps(
            _collection(_feature(photos=[photo_name]))
        ))  # fmt: skip
        archive.writestr(f"ghi-nhan/{photo_name}", _jpeg(100, 80))
    (seen,) = _read(buffer.getvalue(), checks).observations
    assert len(seen.photos) == 1


def test_a_bare_geojson_with_the_marker_is_read(checks) -> None:
    text = json.dumps(_collection(_feature()), ensure_ascii=False).encode()
    batch = _read(text, checks, filename="observations.geojson")
    assert [o.uuid for o in batch.observations] == [UUID]
    with_photo = json.dumps(_collection(_feature(photos=["photos/a-1.jpg"]))).encode()
    (refused,) = _read(with_photo, checks, filename="x.json").refused
    assert refused.reason("en") == "photo photos/a-1.jpg is not in the archive"


# Whole-file refusals.


def test_a_zip_without_observations_geojson_is_refused(checks) -> None:
    message = _refusal(
        _zip(None, **{"readme.txt": b"hello", "photos__a-1.jpg": _jpeg(10, 10)}), checks
    )
    assert message.startswith("Cannot read ghi-nhan.zip")


def test_not_json_is_refused_with_where(checks) -> None:
    message = _refusal(_zip('{"type": "FeatureCollection",\n "features": [,]}'), checks)
    assert message == "observations.geojson is not valid JSON (error at line 2, column 15)."
    assert "UTF-8" in _refusal(_zip(b"\xff\xfe{\x00"), checks)
    assert "NaN" in _refusal(
        _zip('{"type": "FeatureCollection", "border_atlas": {"version": NaN}}'), checks
    )


@pytest.mark.parametrize(
    "root", [[], "text", 12, {"type": "Feature"}, {"type": "FeatureCollection", "features": {}}]
)
def test_a_root_that_is_not_a_feature_collection_is_refused(checks, root) -> None:
    message = _refusal(_zip(json.dumps(root)), checks)
    assert "not a GeoJSON FeatureCollection" in message or "not a Border Atlas" in message


def test_a_wrong_format_or_a_newer_version_is_refused(checks) -> None:
    wrong = _collection(_feature(), format="qfield-export")
    assert _refusal(_zip(wrong), checks) == (
        "observations.geojson is not a Border Atlas observations file (format “qfield-export”)."
    )
    no_marker = {"type": "FeatureCollection", "features": [_feature()]}
    assert "format “—”" in _refusal(_zip(no_marker), checks)
    newer = _refusal(_zip(_collection(_feature(), version=2)), checks)
    assert newer == "The file was made by a newer Border Atlas (version 2): update the app."
    assert "format “1.0”" in _refusal(_zip(_collection(_feature(), version=1.0)), checks)


def test_no_observations_or_too_many_are_refused(checks) -> None:
    assert "holds no observations" in _refusal(_zip(_collection()), checks)
    limit = settings.MAX_OBSERVATIONS_PER_FILE
    many = _collection(*[{"type": "Feature"}] * (limit + 1))
    assert _refusal(_zip(many), checks) == (
        f"The file holds too many observations ({limit + 1}, limit {limit}): export several files."
    )


def test_a_zip_bomb_is_refused(checks) -> None:
    bomb = _zip(_collection(_feature()), **{"photos__bomb.jpg": b"\0" * 40_000_000})
    with pytest.raises(UnsafeArchive) as refused:
        _read(bomb, checks)
    assert "zip bomb" in refused.value.message("en")


@pytest.mark.parametrize("name", ["../observations.geojson", "/etc/passwd", "photos/../../x.jpg"])
def test_path_traversal_is_refused(checks, name: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("observations.geojson", json.dumps(_collection(_feature())))
        archive.writestr(name, b"x")
    with pytest.raises(UnsafeArchive) as refused:
        _read(buffer.getvalue(), checks)
    assert name in refused.value.message("en")


def test_a_nested_archive_is_refused(checks) -> None:
    with pytest.raises(UnsafeArchive):
        _read(_zip(_collection(_feature()), **{"inner.zip": _zip(None)}), checks)


def test_a_member_larger_than_its_stated_size_is_stopped(checks) -> None:
    honest = _zip(json.dumps(_collection(_feature(note="x" * 500))))
    info = zipfile.ZipFile(io.BytesIO(honest)).getinfo("observations.geojson")
    size = info.file_size.to_bytes(4, "little")
    lying = honest.replace(size, (info.file_size // 2).to_bytes(4, "little"))  # both headers
    assert lying != honest
    message = _refusal(lying, checks)
    assert message in ("The .zip file is damaged.", "observations.geojson in the archive is "
                       "larger than its stated size.")  # fmt: skip


def test_other_files_go_to_the_odk_reader(checks, monkeypatch) -> None:
    calls = []

    def read_odk(data: bytes, *, filename: str, inside_vietnam, commune_of) -> ObservationBatch:
        calls.append(filename)
        return ObservationBatch(observations=[], refused=[], format="odk")

    monkeypatch.setattr(obs_files, "read_odk", read_odk)
    central = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]}
    for data, name in [
        (b"meta-instanceID,kind\nuuid:1,landslide\n", "form.csv"),
        (json.dumps(central).encode(), "form.geojson"),
        (_zip(None, **{"form.csv": b"KEY\n1\n", "media__a.jpg": _jpeg(10, 10)}), "form.zip"),
    ]:
        assert _read(data, checks, filename=name).format == "odk"
    assert calls == ["form.csv", "form.geojson", "form.zip"]


# Records refused one by one.


def _one_refusal(checks, feature: dict[str, Any], **members: bytes) -> tuple[str, str]:
    """Read ``feature`` after a good one: the good one is kept, ``feature`` refused."""
    good = _feature(uuid=OTHER)
    batch = _read(_zip(_collection(good, feature), **members), checks)
    assert [o.uuid for o in batch.observations] == [OTHER]
    (refused,) = batch.refused
    assert refused.reason("vi") != refused.reason("en")
    return refused.record, refused.reason("en")


def test_a_feature_without_uuid_is_refused_by_number(checks) -> None:
    feature = _feature(uuid=None)
    feature.pop("id")
    assert _one_refusal(checks, feature) == ("#2", "no UUID")
    assert _one_refusal(checks, _feature(uuid="not-a-uuid")) == (
        "#2",
        "invalid UUID: not-a-uuid",
    )
    assert _one_refusal(checks, {"type": "Point"}) == ("#2", "not a GeoJSON Feature")


def test_a_uuid_is_stored_lowercase_and_canonical(checks) -> None:
    upper = UUID.upper().replace("-", "")
    (seen,) = _read(_zip(_collection(_feature(uuid=upper))), checks).observations
    assert seen.uuid == UUID


@pytest.mark.parametrize("position", [VIENTIANE, (0.0, 0.0), (KY_SON[1], KY_SON[0])])
def test_a_position_outside_vietnam_is_refused_and_named(checks, position) -> None:
    record, reason = _one_refusal(checks, _feature(position))
    lat, lon = position
    assert record == UUID
    assert reason == f"position outside Vietnam (latitude {lat!r}, longitude {lon!r})"


@pytest.mark.parametrize(
    "geometry",
    [
        None,
        {"type": "Point", "coordinates": ["104.12", "19.38"]},
        {"type": "Point", "coordinates": [104.12]},
        {"type": "Point", "coordinates": [True, 19.38]},
        {"type": "LineString", "coordinates": [[104.12, 19.38], [104.2, 19.4]]},
        {"type": "Point", "coordinates": [1e400, 19.38]},
    ],
)
def test_a_position_that_is_not_two_finite_numbers_is_refused(checks, geometry) -> None:
    feature = _feature()
    feature["geometry"] = geometry
    raw = json.dumps(_collection(_feature(uuid=OTHER), feature)).replace("Infinity", "1e400")
    batch = _read(_zip(raw), checks)
    [reason] = [r.reason("en") for r in batch.refused]
    assert reason == "no position, or the position is not two numbers" or reason.startswith(
        "the position is not a number: "
    )


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"kind": "volcano"}, "unknown kind: volcano"),
        ({"kind": "marker"}, "a border marker record needs its condition"),
        ({"kind": "marker", "marker_condition": "shiny"}, "unknown marker condition: shiny"),
        ({"observed_at": "yesterday"}, "unreadable time: yesterday"),
        ({"observed_at": 1764465300}, "unreadable time: 1764465300"),
        ({"observer": "  "}, "no observer's name"),
        ({"observer": None}, "no observer's name"),
        ({"observer": "x" * 101}, "the observer's name is too long (101 characters, limit 100)"),
        ({"note": "x" * 2001}, "the note is too long (2001 characters, limit 2000)"),
        ({"note": 5}, "field note is not text"),
        ({"position_source": "guess"}, "unknown position source: guess"),
        ({"accuracy_m": -3}, "accuracy is not a positive number: -3"),
        ({"photos": ["a", "b", "c", "d"]}, "too many photos (4, limit 3)"),
        ({"photos": [f"photos/{UUID}-1.jpg"]}, f"photo photos/{UUID}-1.jpg is not in the archive"),
    ],
)
def test_a_bad_field_refuses_its_record_only(checks, changes, reason) -> None:
    record, got = _one_refusal(checks, _feature(**changes))
    assert record == UUID
    assert got.startswith(reason)


def test_a_time_far_in_the_future_is_refused_and_a_naive_time_is_vietnams(checks) -> None:
    future = (datetime.now(UTC) + timedelta(days=2)).isoformat()
    assert _one_refusal(checks, _feature(observed_at=future))[1].startswith("time in the future")
    soon = (datetime.now(UTC) + timedelta(hours=20)).isoformat()
    naive = _feature(uuid=OTHER, observed_at="2026-11-30T08:15:00")
    batch = _read(_zip(_collection(_feature(observed_at=soon), naive)), checks)
    assert batch.refused == []
    assert batch.observations[1].observed_at == datetime(2026, 11, 30, 1, 15, tzinfo=UTC)
    assert batch.observations[1].observed_at.utcoffset() == timedelta(hours=7)


def test_marker_condition_is_kept_for_a_marker_only(checks) -> None:
    marker = _feature(kind="marker", marker_condition="missing")
    other = _feature(uuid=OTHER, kind="landslide", marker_condition="missing")
    first, second = _read(_zip(_collection(marker, other)), checks).observations
    assert first.marker_condition == "missing" and second.marker_condition is None


def test_a_duplicate_uuid_keeps_the_first(checks) -> None:
    batch = _read(_zip(_collection(_feature(note="first"), _feature(note="second"))), checks)
    assert [o.note for o in batch.observations] == ["first"]
    assert [(r.record, r.reason("en")) for r in batch.refused] == [
        (UUID, "same UUID as an earlier record of the file")
    ]


# Photos inside the file.


def test_a_photo_over_the_pixel_limit_refuses_its_record_naming_it(checks) -> None:
    from tests.test_photos import _png_header

    name = f"photos/{UUID}-1.jpg"
    record, reason = _one_refusal(
        checks, _feature(photos=[name]), **{name: _png_header(10_000, 6_000)}
    )
    assert record == UUID
    assert reason == f"Photo {name} has too many pixels (60.0 million, limit 50 million)."


def test_a_photo_that_is_not_an_image_refuses_its_record(checks) -> None:
    name = f"photos/{UUID}-1.jpg"
    reason = _one_refusal(checks, _feature(photos=[name]), **{name: b"<html>hi</html>"})[1]
    assert reason == f"Photo {name} is not a JPEG, PNG or WebP image."


def test_a_1_mb_photo_is_re_encoded_under_400_kb(checks) -> None:
    name = f"photos/{UUID}-1.jpg"
    big = _jpeg(1500, 1100, quality=95)
    assert len(big) > 1_000_000
    (seen,) = _read(_zip(_collection(_feature(photos=[name])), **{name: big}), checks).observations
    assert len(seen.photos[0].body) <= settings.PHOTO_MAX_BYTES
    assert max(seen.photos[0].width, seen.photos[0].height) <= settings.PHOTO_MAX_PX


# Notes are text.

NASTY_NOTES = [
    "<script>alert('x')</script>",
    "**đậm** _nghiêng_ [liên kết](javascript:alert(1)) <img src=x onerror=alert(1)>",
    "# Tiêu đề\n\n- một\n- hai\n\n```\ncode\n```",
    "{plan} {0} %s $x \\n",
]


@pytest.mark.parametrize("note", NASTY_NOTES)
def test_html_and_markdown_in_a_note_are_kept_verbatim(checks, note: str) -> None:
    (seen,) = _read(_zip(_collection(_feature(note=note))), checks).observations
    assert seen.note == note


@given(
    note=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)), max_size=settings.MAX_NOTE_CHARS
    )
)
@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_note_round_trips_unchanged(note: str) -> None:
    seen = Observation(
        uuid=UUID,
        kind="other",
        note=note,
        observed_at=datetime(2026, 11, 30, 8, 0, tzinfo=UTC),
        lat=KY_SON[0],
        lon=KY_SON[1],
        accuracy_m=5.0,
        position_source="gps",
        observer="Lan",
        source="fieldpack",
    )
    batch = read_observations(
        observations_zip([seen]), filename="x.zip", inside_vietnam=lambda lat, lon: True
    )
    assert batch.refused == [] and batch.observations[0].note == note


# The checks built once from the atlas.


def test_vietnam_check_tells_vietnam_from_laos_across_the_atlas(checks, communes_2025) -> None:
    """How long 5000 checks take is bench/bench_observations.py's business, not a test's."""
    inside = checks["inside_vietnam"]
    assert inside(*KY_SON) and inside(21.03, 105.85)  # the atlas's area; Hà Nội
    assert not inside(*VIENTIANE) and not inside(0.0, 0.0) and not inside(KY_SON[1], KY_SON[0])
    bounds = communes_2025.total_bounds
    rng = np.random.default_rng(1)
    points = list(
        zip(
            rng.uniform(bounds[1], bounds[3], 5000),
            rng.uniform(bounds[0], bounds[2], 5000),
            strict=True,
        )
    )
    found = [inside(lat, lon) for lat, lon in points]
    assert 0 < sum(found) < 5000  # the box holds Laos too


def test_commune_finder_names_the_2025_commune(checks) -> None:
    find = checks["commune_of"]
    assert find(*KY_SON) == "16813"
    assert find(21.03, 105.85) is None  # Hà Nội: not one of the atlas's communes


def test_module_constants_match_the_contract() -> None:
    assert obs_files.EXPORT_FORMAT == "border-atlas-observations" and obs_files.EXPORT_VERSION == 1
    assert observation_checks.MAX_OBSERVER_CHARS == 100
