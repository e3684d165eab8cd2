"""ODK Central / KoboToolbox exports of the plan's form, made here as those tools write them."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime, timedelta, timezone

import pytest
from PIL import Image

from geo.errors import UserInputError
from planner.xlsform import convert_xlsform, plan_xlsform
from tests.planner_cases import fake_trip
from userdata.observations import read_observations
from userdata.odk_import import read_odk

ICT = timezone(timedelta(hours=7))
U1 = "6f1c2a44-0c1e-4a55-9b8e-2d1f0a9c3e11"
U2 = "0b7c7a8e-5b1d-4c53-9a55-1f7e1c1b2a3d"
U3 = "9d2e4f60-7a8b-4c9d-8e0f-112233445566"
NOTE_HTML = '<img src=x onerror=alert(1)> **đậm** & "Bản Ná"'


def inside(lat: float, lon: float) -> bool:
    return 8.0 <= lat <= 23.5 and 102.0 <= lon <= 110.0


def commune(lat: float, lon: float) -> str | None:
    return "15013" if lat > 20 else None


CENTRAL_HEAD = [
    "SubmissionDate", "start", "end", "username", "obs-kind", "obs-marker_condition", "obs-note",
    "obs-photo_1", "obs-photo_2", "obs-photo_3", "obs-position-Latitude",
    "obs-position-Longitude", "obs-position-Altitude", "obs-position-Accuracy", "stop",
    "stop_name", "observer", "observed_at", "plan", "meta-instanceID", "KEY", "SubmitterID",
    "SubmitterName", "AttachmentsPresent", "AttachmentsExpected", "Status", "ReviewState",
    "DeviceID", "Edits", "FormVersion",
]  # fmt: skip


def central_row(uuid: str, **values: str) -> list[str]:
    row = dict.fromkeys(CENTRAL_HEAD, "")
    row |= {
        "SubmissionDate": "2026-11-30T03:00:00.000Z",
        "start": "2026-11-30T08:10:00.000+07:00",
        "obs-kind": "road_blocked",
        "obs-position-Latitude": "20.31",
        "obs-position-Longitude": "104.62",
        "obs-position-Altitude": "612.5",
        "obs-position-Accuracy": "4.8",
        "stop": "gate:gate_na_meo",
        "stop_name": "Cửa khẩu Na Mèo",
        "observer": "Lan",
        "observed_at": "2026-11-30T08:15:00.000+07:00",
        "plan": "Kế hoạch <thử>",
        "meta-instanceID": f"uuid:{uuid}",
        "KEY": f"uuid:{uuid}",
        "SubmitterName": "central user",
    }
    row |= values
    return [row[name] for name in CENTRAL_HEAD]


def table(head: list[str], rows: list[list[str]], *, delimiter: str = ",", bom: bool = False):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(head)
    writer.writerows(rows)
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def jpeg(size: tuple[int, int] = (2400, 1800)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (120, 90, 40)).save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def zipped(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, body)
    return buffer.getvalue()


def read(data: bytes, filename: str = "export.csv"):
    return read_odk(data, filename=filename, inside_vietnam=inside, commune_of=commune)


def test_a_central_zip_with_media_reads_positions_kinds_stops_and_photos() -> None:
    rows = [
        central_row(U1, **{"obs-photo_1": "1764470100000.jpg", "obs-note": NOTE_HTML}),
        central_row(
            U2,
            **{
                "obs-kind": "marker",
                "obs-marker_condition": "damaged",
                "obs-position-Latitude": "19.384",
                "obs-position-Longitude": "104.128",
                "obs-position-Accuracy": "",
                "stop": "hex_42e1baa36e204ec3a12031",
                "stop_name": "Bản Ná 1",
                "observer": "",
                "username": "phone-user",
                "observed_at": "2026-11-29T16:05:00.000+07:00",
            },
        ),
    ]
    data = zipped(
        {
            "border_atlas_form.csv": table(CENTRAL_HEAD, rows),
            "media/1764470100000.jpg": jpeg(),
        }
    )
    batch = read(data, "border_atlas_form.zip")
    assert batch.refused == [] and batch.format == "odk"
    assert batch.plan_name == "Kế hoạch <thử>"
    first, second = batch.observations
    assert (first.uuid, first.kind, first.lat, first.lon, first.accuracy_m) == (
        U1, "road_blocked", 20.31, 104.62, 4.8,
    )  # fmt: skip
    assert first.position_source == "odk" and first.source == "odk"
    assert first.observed_at == datetime(2026, 11, 30, 8, 15, tzinfo=ICT)
    assert (first.stop_id, first.stop_name, first.observer) == (
        "gate:gate_na_meo", "Cửa khẩu Na Mèo", "Lan",
    )  # fmt: skip
    assert first.note == NOTE_HTML
    assert first.commune_code == "15013" and second.commune_code is None
    (photo,) = first.photos
    assert photo.name == "1764470100000.jpg" and photo.mime == "image/jpeg"
    assert max(photo.width, photo.height) == 1600 and len(photo.body) <= 400_000
    assert (second.kind, second.marker_condition, second.accuracy_m) == ("marker", "damaged", None)
    assert (second.stop_id, second.observer, second.photos) == ("Bản Ná 1", "phone-user", ())


def test_a_kobo_csv_with_semicolons_labels_and_a_bom() -> None:
    head = [
        "start", "end", "kind", "marker_condition", "note", "photo_1", "photo_1_URL", "position",
        "_position_latitude", "_position_longitude", "_position_altitude",
        "_position_precision", "stop", "observer", "observed_at", "plan", "meta/instanceID",
        "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
        "_submitted_by", "__version__", "_tags", "_index",
    ]  # fmt: skip
    rows = [
        ["2026-11-30T08:00:00.000+07:00", "", "Đường bị chặn hoặc hư hỏng", "", "Sạt; ta luy",
         "", "", "20.4 104.7 500 12", "20.4", "104.7", "500", "12", "x", "Minh",
         "2026-11-30T09:00:00.000+07:00", "P", f"uuid:{U1}", "101", U1,
         "2026-11-30T02:05:00", "", "", "submitted_via_web", "kobo", "v1", "", "1"],
        ["2026-11-30T08:00:00.000+07:00", "", "Tình trạng cột mốc", "Mất", "", "", "",
         "19.5 104.2 0 3.5", "", "", "", "", "Trạm giả Sơn Lư", "Minh", "", "P", "", "102", U2,
         "2026-11-30T02:06:00", "", "", "submitted_via_web", "kobo", "v1", "", "2"],
    ]  # fmt: skip
    batch = read(table(head, rows, delimiter=";", bom=True), "kobo.csv")
    assert batch.refused == []
    first, second = batch.observations
    assert (first.uuid, first.kind, first.note, first.accuracy_m) == (
        U1, "road_blocked", "Sạt; ta luy", 12.0,
    )  # fmt: skip
    assert (second.uuid, second.kind, second.marker_condition) == (U2, "marker", "missing")
    assert (second.lat, second.lon, second.accuracy_m) == (19.5, 104.2, 3.5)
    assert (first.stop_id, first.stop_name) == ("x", None)
    # Kobo's "labels" export gives the stop's name, not its choice name: kept as the name only
    assert (second.stop_id, second.stop_name) == (None, "Trạm giả Sơn Lư")
    # no observed_at: the time the form was opened (its start), never the submission time
    assert second.observed_at == datetime(2026, 11, 30, 8, 0, tzinfo=ICT)


def test_kobo_labels_as_headers_are_understood() -> None:
    head = ["Bạn thấy gì?", "Ghi chú", "_Vị trí (GPS)_latitude", "_Vị trí (GPS)_longitude",
            "_Vị trí (GPS)_precision", "Thời điểm quan sát", "_uuid", "_submitted_by"]  # fmt: skip
    row = ["Landslide seen", "x", "21.0", "103.5", "7", "2026-11-30T09:00:00+07:00", U3, "lan"]
    (seen,) = read(table(head, [row])).observations
    assert (seen.kind, seen.lat, seen.lon, seen.accuracy_m) == ("landslide", 21.0, 103.5, 7.0)


def test_geojson_exports_of_central_and_kobo() -> None:
    central = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": f"uuid:{U1}",
                "geometry": {"type": "Point", "coordinates": [104.62, 20.31, 610]},
                "properties": {
                    "__id": f"uuid:{U1}",
                    "meta": {"instanceID": f"uuid:{U1}"},
                    "obs": {
                        "kind": "landslide",
                        "note": NOTE_HTML,
                        "position": {
                            "type": "Point",
                            "coordinates": [104.62, 20.31, 610],
                            "properties": {"accuracy": 3.9},
                        },
                    },
                    "observer": "Lan",
                    "observed_at": "2026-11-30T08:15:00.000+07:00",
                    "__system": {"submitterName": "central user"},
                },
            }
        ],
    }
    (seen,) = read(json.dumps(central).encode(), "central.geojson").observations
    assert (seen.uuid, seen.kind, seen.lat, seen.lon, seen.accuracy_m) == (
        U1, "landslide", 20.31, 104.62, 3.9,
    )  # fmt: skip
    assert seen.note == NOTE_HTML and seen.observer == "Lan"
    kobo = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [104.7, 20.4, 500]},
                "properties": {
                    "_uuid": U2,
                    "kind": "other",
                    "position": "20.4 104.7 500 15",
                    "observed_at": "2026-11-30T09:00:00.000+07:00",
                    "_submitted_by": "kobo",
                },
            }
        ],
    }
    (seen,) = read(json.dumps(kobo).encode(), "kobo.geojson").observations
    assert (seen.uuid, seen.kind, seen.lat, seen.accuracy_m, seen.observer) == (
        U2, "other", 20.4, 15.0, "kobo",
    )  # fmt: skip


def test_bad_records_are_refused_one_by_one_with_their_reason() -> None:
    rows = [
        central_row(U1, **{"obs-position-Latitude": "16.0", "obs-position-Longitude": "100.5"}),
        central_row(U2, **{"obs-kind": "tree_fallen"}),
        central_row(U3, **{"obs-photo_1": "gone.jpg"}),
        central_row("not-a-uuid"),
        central_row("aaaaaaaa-0c1e-4a55-9b8e-2d1f0a9c3e11", observed_at="30/11/2026 08:15"),
        central_row("bbbbbbbb-0c1e-4a55-9b8e-2d1f0a9c3e11", **{"obs-kind": "marker"}),
        central_row("cccccccc-0c1e-4a55-9b8e-2d1f0a9c3e11", **{"obs-position-Latitude": "abc"}),
        central_row(
            "dddddddd-0c1e-4a55-9b8e-2d1f0a9c3e11",
            **{"obs-position-Latitude": "", "obs-position-Longitude": ""},
        ),
        central_row("eeeeeeee-0c1e-4a55-9b8e-2d1f0a9c3e11", **{"obs-note": "x" * 2001}),
        central_row("ffffffff-0c1e-4a55-9b8e-2d1f0a9c3e11"),
        central_row("ffffffff-0c1e-4a55-9b8e-2d1f0a9c3e11", observer="second copy"),
    ]
    batch = read(table(CENTRAL_HEAD, rows))
    reasons = {r.record: r.reason("en") for r in batch.refused}
    assert "outside Vietnam" in reasons[U1]
    assert "unknown kind: tree_fallen" in reasons[U2]
    assert "gone.jpg" in reasons[U3] and "missing" in reasons[U3]
    assert "invalid UUID: not-a-uuid" in reasons["not-a-uuid"]
    assert "30/11/2026 08:15" in reasons["aaaaaaaa-0c1e-4a55-9b8e-2d1f0a9c3e11"]
    assert "needs its condition" in reasons["bbbbbbbb-0c1e-4a55-9b8e-2d1f0a9c3e11"]
    assert "not a number: abc" in reasons["cccccccc-0c1e-4a55-9b8e-2d1f0a9c3e11"]
    assert reasons["dddddddd-0c1e-4a55-9b8e-2d1f0a9c3e11"].startswith("no position")
    assert "2001" in reasons["eeeeeeee-0c1e-4a55-9b8e-2d1f0a9c3e11"]
    assert len(batch.refused) == 10  # the second copy of ffff… is refused as a duplicate
    assert "same UUID" in batch.refused[-1].reason("en")
    assert "ngoài Việt Nam" in batch.refused[0].reason("vi")
    (kept,) = batch.observations
    assert kept.uuid == "ffffffff-0c1e-4a55-9b8e-2d1f0a9c3e11" and kept.observer == "Lan"


def test_a_photo_that_is_not_an_image_refuses_its_record() -> None:
    rows = [central_row(U1, **{"obs-photo_1": "a.jpg"}), central_row(U2)]
    data = zipped({"f.csv": table(CENTRAL_HEAD, rows), "media/a.jpg": b"%PDF-1.7 not a photo"})
    batch = read(data, "f.zip")
    assert [o.uuid for o in batch.observations] == [U2]
    (refused,) = batch.refused
    assert refused.record == U1 and "a.jpg" in refused.reason("en")


def test_missing_columns_are_named_with_how_to_export() -> None:
    head = ["SubmissionDate", "grp-note", "grp-place"]
    with pytest.raises(UserInputError) as raised:
        read(table(head, [["2026-11-30T03:00:00Z", "x", "y"]]))
    text = raised.value.message("en")
    assert "meta-instanceID" in text and "_uuid" in text and "kind" in text
    assert "position-Latitude" in text and "Split select multiple" in text
    assert "position-Latitude" in raised.value.message("vi")


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"just some words without columns", "cannot be read"),
        ("kind,note\n".encode("utf-16"), "cannot be read"),
        (b'{"type": "FeatureCollection"}', "cannot be read"),
        (b"meta-instanceID,kind,position\n", "no record"),
        (zipped({"media/a.jpg": b"x"}), "no CSV"),
        (zipped({"a.csv": b"a,b\n", "b.csv": b"a,b\n"}), "several CSV"),
        (zipped({"../evil.csv": b"a,b\n"}), "unsafe path"),
        (zipped({"a.csv": b"a,b\n" + b" " * 5_000_000}), "zip bomb"),
        (b"_uuid,kind,position\n" + b"u,k,p\n" * 5001, "over the limit of 5000"),
    ],
)
def test_whole_file_problems_are_said(data: bytes, words: str) -> None:
    with pytest.raises(UserInputError) as raised:
        read(data)
    assert words in raised.value.message("en")


def test_kobo_attachments_in_their_folders_and_the_one_entry_point() -> None:
    head = ["kind", "note", "photo_1", "photo_2", "_position_latitude", "_position_longitude",
            "_position_precision", "observed_at", "_uuid", "_id", "_submitted_by"]  # fmt: skip
    rows = [["site_visited", "", "IMG_1.jpg", "IMG_2.png", "20.5", "104.9", "9.1",
             "2026-11-30T10:00:00+07:00", U1, "7", "lan"]]  # fmt: skip
    png = io.BytesIO()
    Image.new("RGB", (640, 480), "green").save(png, "PNG")
    data = zipped(
        {
            "kobo.csv": table(head, rows, delimiter=";"),
            f"attachments/aBcD/{U1}/IMG_1.jpg": jpeg((800, 600)),
            f"attachments/aBcD/{U1}/IMG_2.png": png.getvalue(),
        }
    )
    batch = read_observations(data, filename="kobo.zip", inside_vietnam=inside, commune_of=commune)
    assert batch.format == "odk" and batch.refused == []
    (seen,) = batch.observations
    assert [p.name for p in seen.photos] == ["IMG_1.jpg", "IMG_2.png"]
    assert all(p.mime == "image/jpeg" and p.body[:2] == b"\xff\xd8" for p in seen.photos)
    assert (seen.kind, seen.accuracy_m, seen.commune_code) == ("site_visited", 9.1, "15013")


def test_photos_of_the_same_name_are_told_apart_by_their_records_folder() -> None:
    head = ["kind", "photo_1", "_position_latitude", "_position_longitude", "observed_at",
            "_uuid", "_submitted_by"]  # fmt: skip
    rows = [["other", "IMG_1.jpg", "20.5", "104.9", "2026-11-30T10:00:00+07:00", uuid, "lan"]
            for uuid in (U1, U2, U3)]  # fmt: skip
    data = zipped(
        {
            "kobo.csv": table(head, rows),
            f"me/attachments/f/{U1}/IMG_1.jpg": jpeg((300, 200)),
            f"me/attachments/f/{U2}/IMG_1.jpg": jpeg((200, 300)),
            "me/attachments/f/elsewhere/IMG_1.jpg": jpeg((100, 100)),
        }
    )
    batch = read(data, "kobo.zip")
    sizes = {o.uuid: (o.photos[0].width, o.photos[0].height) for o in batch.observations}
    assert sizes == {U1: (300, 200), U2: (200, 300)}
    (refused,) = batch.refused
    assert refused.record == U3 and "several photos named 'IMG_1.jpg'" in refused.reason("en")


def test_an_export_of_the_apps_own_xlsform_is_read_back() -> None:
    """Central's CSV header made from the XForm pyxform builds: every field the reader needs."""
    plan, *_ = fake_trip()
    xform, _ = convert_xlsform(plan_xlsform(plan, version="1"))
    root = ET.fromstring(xform)
    xf = "{http://www.w3.org/2002/xforms}"
    data = root.find(f".//{xf}instance/{xf}data")
    types = {b.get("nodeset"): b.get("type") for b in root.iter(f"{xf}bind")}

    def leaves(node: ET.Element, path: list[str]) -> list[tuple[str, str]]:
        out = []
        for child in node:
            name = child.tag.removeprefix(xf)
            if len(child):
                out += leaves(child, [*path, name])
            else:
                out.append(("-".join([*path, name]), "/data/" + "/".join([*path, name])))
        return out

    head, values = ["SubmissionDate"], ["2026-11-30T03:00:00.000Z"]
    answers = {
        "kind": "marker", "marker_condition": "not_found", "note": "<b>x</b>",
        "stop": plan.stops[0].id, "stop_name": plan.stops[0].name, "observer": "Lan",
        "observed_at": "2026-11-30T08:15:00.000+07:00", "plan": plan.name,
        "meta-instanceID": f"uuid:{U1}",
    }  # fmt: skip
    for column, nodeset in leaves(data, []):
        if types.get(nodeset) == "geopoint":
            head += [f"{column}-{c}" for c in ("Latitude", "Longitude", "Altitude", "Accuracy")]
            values += ["20.296873", "104.62238", "800", "3"]
        else:
            head.append(column)
            values.append(answers.get(column, ""))
    (seen,) = read(table([*head, "KEY"], [[*values, f"uuid:{U1}"]])).observations
    assert (seen.kind, seen.marker_condition, seen.note) == ("marker", "not_found", "<b>x</b>")
    assert (seen.lat, seen.lon, seen.accuracy_m) == (20.296873, 104.62238, 3.0)
    assert (seen.stop_id, seen.stop_name, seen.plan_name) == (
        plan.stops[0].id, plan.stops[0].name, plan.name,
    )  # fmt: skip
