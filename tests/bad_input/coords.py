"""Bad-input cases for typed coordinates (see :mod:`tests.bad_input`).

Each check reads the text as the *Tọa độ* tab does (:mod:`ui.import_coords`:
:func:`geo.crs.read_position` reads it, :func:`layers.position_check.position_warnings` checks
it with the atlas's and Vietnam's communes) and asserts the outcome: refused with a message key
in both languages, or accepted, with or without a warning naming the likely zone.
"""

from __future__ import annotations

import pytest

from geo import crs
from geo.catalogue import Catalogue
from geo.errors import CoordinateError
from geo.measure import haversine_km
from geo.vocabulary import WGS84_EPSG
from layers.position_check import PositionWarning, position_warnings
from planner.schedule import overnight_places
from tests.bad_input import Case
from ui.language import as_text


def _warnings(atlas, text: str, epsg: int) -> tuple[float, float, list[PositionWarning]]:
    lat, lon, typed = crs.read_position(text, epsg=epsg)
    northing, easting = typed if typed is not None else (None, None)
    found = position_warnings(
        lat=lat,
        lon=lon,
        communes=atlas.get("communes_2025"),
        epsg=epsg,
        northing=northing,
        easting=easting,
        vietnam=overnight_places(Catalogue.load()),
    )
    return lat, lon, found


def _refused(text: str, epsg: int, key: str, vi: str, en: str) -> CoordinateError:
    with pytest.raises(CoordinateError) as raised:
        crs.read_position(text, epsg=epsg)
    error = raised.value
    assert error.key == key, error.key
    assert vi in error.message("vi"), error.message("vi")
    assert en in error.message("en"), error.message("en")
    return error


def _seat(atlas, name: str) -> tuple[float, float]:
    communes = atlas.get("communes_2025")
    row = communes.loc[communes["name"] == name].iloc[0]
    return float(row["seat_lat"]), float(row["seat_lon"])


def _xy(lat: float, lon: float, epsg: int) -> str:
    northing, easting = crs.from_wgs84(lat, lon, epsg=epsg)
    return f"X={northing:.2f} Y={easting:.2f}"


def _wrong_zone(commune: str, written_in: int, read_as: int):
    def check(atlas) -> None:
        lat, lon = _seat(atlas, commune)
        read_lat, read_lon, found = _warnings(atlas, _xy(lat, lon, written_in), read_as)
        assert haversine_km(lat, lon, read_lat, read_lon) > 20  # accepted, far off
        assert found and found[-1].key == "position.likely_zone", [w.key for w in found]
        assert {w.likely_epsg for w in found} == {written_in}
        zone = crs.zone_label(written_in)
        assert zone in found[-1].message("vi") and commune in found[-1].message("vi")
        assert zone in found[-1].message("en")

    return check


def _swapped_lat_lon_decimal(atlas) -> None:
    lat, lon, found = _warnings(atlas, "104.150015, 19.397977", WGS84_EPSG)
    assert (lat, lon) == (19.397977, 104.150015) and found == []


def _swapped_lat_lon_dms() -> None:
    _refused(
        "104°09′00″N 19°23′53″E",
        WGS84_EPSG,
        "coords.error.swapped_lat_lon",
        "vĩ độ và kinh độ có vẻ bị đảo",
        "latitude and longitude look swapped",
    )


def _swapped_xy(atlas) -> None:
    northing, easting = crs.from_wgs84(*_seat(atlas, "Nậm Cắn"), epsg=crs.NGHE_AN_TM3)
    _refused(
        f"{easting:.2f} {northing:.2f}",
        crs.NGHE_AN_TM3,
        "coords.error.projected_outside",
        "X và Y có vẻ bị đảo: X là tọa độ bắc",
        "X and Y look swapped: X is the northing",
    )


def _utm_as_tm3(atlas) -> None:
    lat, lon = _seat(atlas, "Nậm Cắn")
    _, _, found = _warnings(atlas, _xy(lat, lon, crs.VN2000_UTM48N), crs.NGHE_AN_TM3)
    assert [w.key for w in found] == ["position.outside_vietnam", "position.likely_zone"]
    assert {w.likely_epsg for w in found} == {crs.VN2000_UTM48N}
    assert "UTM 48N" in found[-1].message("vi")


def _dms_comma_decimals(atlas) -> None:
    lat, lon, found = _warnings(atlas, "19°23′52,7″N 104°09′00,1″E", WGS84_EPSG)
    assert haversine_km(lat, lon, 19.397977, 104.150015) < 0.01 and found == []


def _vietnamese_decimals(atlas) -> None:
    lat, lon, _ = _warnings(atlas, "20,2969; 104,6224", WGS84_EPSG)
    assert (lat, lon) == (20.2969, 104.6224)


def _garbage_degrees() -> None:
    _refused(
        "gần trạm y tế, cách 2 km",
        WGS84_EPSG,
        "coords.error.unreadable_decimal",
        "Không đọc được hai tọa độ trong “gần trạm y tế, cách 2 km”",
        "Could not read two coordinates in “gần trạm y tế, cách 2 km”",
    )


def _garbage_xy() -> None:
    # before issue 12 this raised a bare ValueError ("not a number: 'mười'"): a crash on the page
    _refused(
        "mười chín",
        crs.THANH_HOA_TM3,
        "coords.error.unreadable_xy",
        "hãy viết ví dụ X=2243567.12 Y=512345.67",
        "write e.g. X=2243567.12 Y=512345.67",
    )


def _empty() -> None:
    for epsg in (WGS84_EPSG, crs.QUANG_TRI_TM3):
        _refused(" \t ", epsg, "coords.error.empty", "Chưa nhập tọa độ", "No coordinates given")


def _laos(atlas) -> None:
    *_, found = _warnings(atlas, "19.50, 104.06", WGS84_EPSG)  # 3 km west of Nậm Cắn
    assert [w.key for w in found] == ["position.outside_vietnam"]
    assert "ngoài lãnh thổ Việt Nam" in found[0].message("vi")
    assert "outside Vietnam" in found[0].message("en")


def _markup() -> None:
    text = "<b>20.29</b> ![x](http://host/x.png)"
    error = _refused(
        text,
        WGS84_EPSG,
        "coords.error.unreadable_decimal",
        f"“{text}”",
        f"“{text}”",
    )
    shown = as_text(error.message("vi"))  # as ui.import_common.show_error shows it
    assert as_text(text) in shown and "![" not in shown and "<b>" not in shown


CASES: list[Case] = [
    Case(
        "coords_swapped_lat_lon",
        "decimal degrees typed longitude first: 104.150015, 19.397977",
        "accepted as 19.397977, 104.150015 (unambiguous in Vietnam), no warning",
        _swapped_lat_lon_decimal,
    ),
    Case(
        "coords_swapped_lat_lon_dms",
        "DMS with the hemispheres swapped: 104°09′00″N 19°23′53″E",
        "refused, coords.error.swapped_lat_lon in both languages",
        _swapped_lat_lon_dms,
    ),
    Case(
        "coords_swapped_xy",
        "VN-2000 TM-3 104°45′ with Y written before X",
        "refused, coords.error.projected_outside with the swapped X/Y hint, both languages",
        _swapped_xy,
    ),
    Case(
        "coords_wrong_zone_nghe_an",
        "a Mường Xén point written in TM-3 104°45′, read as 105°00′ (Thanh Hóa)",
        "accepted with position.wrong_province + position.likely_zone naming TM-3 104°45′",
        _wrong_zone("Mường Xén", crs.NGHE_AN_TM3, crs.THANH_HOA_TM3),
    ),
    Case(
        "coords_wrong_zone_thanh_hoa",
        "a Quan Sơn point written in TM-3 105°00′, read as 104°45′ (Nghệ An)",
        "accepted with position.likely_zone naming TM-3 105°00′",
        _wrong_zone("Quan Sơn", crs.THANH_HOA_TM3, crs.NGHE_AN_TM3),
    ),
    Case(
        "coords_wrong_zone_quang_tri",
        "a Lao Bảo point written in TM-3 106°15′, read as 106°00′",
        "accepted with position.outside_vietnam + position.likely_zone naming TM-3 106°15′",
        _wrong_zone("Lao Bảo", crs.QUANG_TRI_TM3, crs.QUANG_TRI_TM3_2025),
    ),
    Case(
        "coords_utm_as_tm3",
        "Nậm Cắn in VN-2000 / UTM 48N, read as TM-3 104°45′",
        "accepted with position.outside_vietnam + position.likely_zone naming UTM 48N",
        _utm_as_tm3,
    ),
    Case(
        "coords_dms_comma_decimals",
        "DMS with decimal commas: 19°23′52,7″N 104°09′00,1″E",
        "accepted, within 10 m of Mường Xén's seat, no warning",
        _dms_comma_decimals,
    ),
    Case(
        "coords_vietnamese_decimals",
        "20,2969; 104,6224",
        "accepted as 20.2969, 104.6224",
        _vietnamese_decimals,
    ),
    Case(
        "coords_garbage_degrees",
        "words instead of degrees",
        "refused, coords.error.unreadable_decimal repeating the text, both languages",
        _garbage_degrees,
    ),
    Case(
        "coords_garbage_xy",
        "words instead of X and Y in a TM-3 zone",
        "refused, coords.error.unreadable_xy with an example (was an uncaught ValueError)",
        _garbage_xy,
    ),
    Case(
        "coords_empty",
        "only spaces and a tab",
        "refused, coords.error.empty (the page shows its empty-box hint)",
        _empty,
    ),
    Case(
        "coords_laos",
        "19.50, 104.06: in Laos, about 3 km beyond the border at Nậm Cắn",
        "accepted with position.outside_vietnam",
        _laos,
    ),
    Case(
        "coords_markup",
        "HTML and a Markdown image in the box",
        "refused, the text repeated in the message and escaped where the page shows it",
        _markup,
    ),
]
