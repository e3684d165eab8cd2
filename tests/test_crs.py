"""VN-2000 and WGS 84: EPSG codes, the datum shift, parsing what surveyors write."""

from __future__ import annotations

import pyproj
import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo import crs
from geo.errors import CoordinateError

GEOD = pyproj.Geod(ellps="WGS84")


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return abs(GEOD.inv(lon1, lat1, lon2, lat2)[2])


@pytest.mark.parametrize(
    ("epsg", "meridian"),
    [(5897, 105.0), (9208, 104.75), (9212, 106.25), (9211, 106.0), (3405, 105.0)],
)
def test_epsg_codes_are_the_vn2000_zones(epsg: int, meridian: float) -> None:
    definition = pyproj.CRS.from_epsg(epsg)
    assert definition.name.startswith("VN-2000")
    params = {p.name: p.value for p in definition.coordinate_operation.params}
    assert params["Longitude of natural origin"] == meridian
    assert params["Scale factor at natural origin"] == (0.9996 if epsg == 3405 else 0.9999)


def test_published_vn2000_conversion() -> None:
    """A published pair: namlunkaka/vn2000-converter test/spec.js (Đồng Tháp, TM-3 105°00′):
    x=557975.802 (easting), y=1142228.861 (northing) → 10.32843706 N, 105.53115606 E.

    That library applies the national 7 parameters (Decision 05/2007/QĐ-BTNMT) with the
    position-vector rotation convention; EPSG's "VN-2000 to WGS 84 (2)", which pyproj applies
    through the EPSG codes, uses the coordinate-frame convention. The two differ by about 1.3 m
    here, so the tolerance is 1.5 m; without any datum shift the error would be ~400 m.
    """
    lat, lon = crs.to_wgs84(northing=1142228.861, easting=557975.802, epsg=crs.THANH_HOA_TM3)
    assert _metres(lat, lon, 10.32843706, 105.53115606) < 1.5
    no_shift = pyproj.Transformer.from_crs(
        "+proj=tmerc +lon_0=105 +k=0.9999 +x_0=500000 +ellps=WGS84", "EPSG:4326", always_xy=True
    )
    raw_lon, raw_lat = no_shift.transform(557975.802, 1142228.861)
    assert _metres(raw_lat, raw_lon, 10.32843706, 105.53115606) > 100


def test_nghe_an_tm3_point_round_trips_and_matches_pyproj() -> None:
    lat, lon = 19.47417, 104.083399  # Nậm Cắn gate estimate (bundle)
    northing, easting = crs.from_wgs84(lat, lon, epsg=crs.NGHE_AN_TM3)
    back = crs.to_wgs84(northing=northing, easting=easting, epsg=crs.NGHE_AN_TM3)
    assert _metres(lat, lon, *back) < 0.001
    direct = pyproj.Transformer.from_crs(9208, 4326, always_xy=True)
    d_lon, d_lat = direct.transform(easting, northing)
    assert _metres(back[0], back[1], d_lat, d_lon) < 1.0
    assert 2_000_000 < northing < 2_300_000 and 400_000 < easting < 600_000


def test_parse_vn2000_tagged_and_vietnamese_separators() -> None:
    northing, easting = crs.from_wgs84(19.47417, 104.083399, epsg=crs.NGHE_AN_TM3)
    lat, lon = crs.parse_vn2000(f"X={northing:.3f} Y={easting:.3f}", epsg=crs.NGHE_AN_TM3)
    assert _metres(lat, lon, 19.47417, 104.083399) < 0.01
    vietnamese = (
        f"{northing:,.2f} {easting:,.2f}".replace(",", "#").replace(".", ",").replace("#", ".")
    )
    lat, lon = crs.parse_vn2000(vietnamese, epsg=crs.NGHE_AN_TM3)
    assert _metres(lat, lon, 19.47417, 104.083399) < 0.01


def test_swapped_x_and_y_are_named() -> None:
    northing, easting = crs.from_wgs84(19.47417, 104.083399, epsg=crs.NGHE_AN_TM3)
    with pytest.raises(CoordinateError) as raised:
        crs.parse_vn2000(f"{easting:.2f} {northing:.2f}", epsg=crs.NGHE_AN_TM3)
    assert raised.value.key == "coords.error.projected_outside"
    assert "X và Y có vẻ bị đảo: X là tọa độ bắc" in raised.value.message("vi")
    assert "X and Y look swapped: X is the northing" in raised.value.message("en")


def test_impossible_projected_point_is_refused() -> None:
    with pytest.raises(CoordinateError) as raised:
        crs.parse_vn2000("1850000 1500000", epsg=crs.NGHE_AN_TM3)
    assert raised.value.key == "coords.error.projected_outside"
    assert "nằm ngoài Việt Nam" in raised.value.message("vi")
    assert "falls outside Vietnam" in raised.value.message("en")


@pytest.mark.parametrize(
    "text",
    [
        "20.296873, 104.62238",
        "20,296873; 104,62238",
        "104.62238 20.296873",
        "20°17′48.7″N 104°37′20.6″E",
        "20 17 48.7 N, 104 37 20.6 E",
    ],
)
def test_parse_wgs84_forms(text: str) -> None:
    lat, lon = crs.parse_wgs84(text)
    assert _metres(lat, lon, 20.296873, 104.62238) < 5


def test_outside_vietnam_is_refused_with_hint() -> None:
    with pytest.raises(CoordinateError) as raised:
        crs.parse_wgs84("48.85, 2.35")
    assert raised.value.key == "coords.error.outside_vietnam"
    assert "lies outside Vietnam" in raised.value.message("en")
    with pytest.raises(CoordinateError) as raised:
        crs.check_in_vietnam(104.6, 20.3)
    assert raised.value.key == "coords.error.swapped_lat_lon"
    assert "vĩ độ và kinh độ có vẻ bị đảo" in raised.value.message("vi")


_NGHE_AN_X, _NGHE_AN_Y = crs.from_wgs84(19.47417, 104.083399, epsg=crs.NGHE_AN_TM3)


@pytest.mark.parametrize(
    ("text", "epsg", "key", "vi", "en"),
    [
        ("", 4326, "coords.error.empty", "Chưa nhập tọa độ", "No coordinates given"),
        ("  ", crs.NGHE_AN_TM3, "coords.error.empty", "Chưa nhập tọa độ", "No coordinates given"),
        (
            "hai mươi, một trăm lẻ bốn",
            4326,
            "coords.error.unreadable_decimal",
            "Không đọc được hai tọa độ trong “hai mươi, một trăm lẻ bốn”: hãy viết vĩ độ",
            "Could not read two coordinates in “hai mươi, một trăm lẻ bốn”: write the latitude",
        ),
        (
            "20.2969, 104.6224, 7",
            4326,
            "coords.error.unreadable_decimal",
            "ví dụ 20.2969, 104.6224",
            "e.g. 20.2969, 104.6224",
        ),
        (
            "20°17′49″N",
            4326,
            "coords.error.unreadable_dms",
            "hãy viết ví dụ 20°17′49″N 104°37′21″E",
            "write e.g. 20°17′49″N 104°37′21″E",
        ),
        (
            "104°37′21″N 20°17′49″E",
            4326,
            "coords.error.swapped_lat_lon",
            "vĩ độ và kinh độ có vẻ bị đảo",
            "latitude and longitude look swapped",
        ),
        (
            "48.85, 2.35",
            4326,
            "coords.error.outside_vietnam",
            "Điểm 48.85000, 2.35000 nằm ngoài Việt Nam (vĩ độ 8–23,5° Bắc",
            "The point 48.85000, 2.35000 lies outside Vietnam (latitude 8–23.5° N",
        ),
        (
            "hello world",
            crs.NGHE_AN_TM3,
            "coords.error.unreadable_xy",
            "Không đọc được X và Y trong “hello world”: hãy viết ví dụ X=2243567.12 Y=512345.67",
            "Could not read X and Y in “hello world”: write e.g. X=2243567.12 Y=512345.67",
        ),
        (
            "2243567 512345 17",
            crs.NGHE_AN_TM3,
            "coords.error.unreadable_xy",
            "(X là tọa độ bắc, Y là tọa độ đông)",
            "(X is the northing, Y the easting)",
        ),
        (
            f"{_NGHE_AN_Y:.2f} {_NGHE_AN_X:.2f}",
            crs.NGHE_AN_TM3,
            "coords.error.projected_outside",
            "X và Y có vẻ bị đảo: X là tọa độ bắc, khoảng 1.000.000–2.600.000 m",
            "X and Y look swapped: X is the northing, about 1,000,000–2,600,000 m",
        ),
        (
            "X=1850000 Y=1500000",
            crs.QUANG_TRI_TM3,
            "coords.error.projected_outside",
            "X=1850000.00 Y=1500000.00 theo TM-3 106°15′ nằm ngoài Việt Nam",
            "X=1850000.00 Y=1500000.00 in TM-3 106°15′ falls outside Vietnam",
        ),
    ],
)
def test_every_coordinate_error_speaks_both_languages_with_the_fix(
    text: str, epsg: int, key: str, vi: str, en: str
) -> None:
    with pytest.raises(CoordinateError) as raised:
        if crs.is_projected(epsg):
            crs.parse_vn2000(text, epsg=epsg)
        else:
            crs.parse_wgs84(text)
    error = raised.value
    assert error.key == key
    assert vi in error.message("vi")
    assert en in error.message("en")
    assert "not a number" not in str(error) and "Traceback" not in str(error)


def test_a_long_paste_is_cut_short_in_the_message() -> None:
    with pytest.raises(CoordinateError) as raised:
        crs.parse_wgs84("x" * 5000)
    assert len(raised.value.message("vi")) < 250 and "…" in raised.value.message("en")


def test_the_zones_name_their_province() -> None:
    assert crs.zone_province(crs.THANH_HOA_TM3) == "Thanh Hóa"
    assert crs.zone_province(crs.QUANG_TRI_TM3) == crs.zone_province(9211) == "Quảng Trị"
    assert crs.zone_province(crs.VN2000_UTM48N) is None
    assert [crs.zone_label(code) for code in crs.PROJECTED_CHOICES] == [
        "UTM 48N",
        "TM-3 105°00′",
        "TM-3 104°45′",
        "TM-3 106°15′",
        "TM-3 106°00′",
    ]


def test_zones_for_province() -> None:
    assert [o.epsg for o in crs.zones_for_province("Nghe An")] == [9208, 3405]
    assert [o.epsg for o in crs.zones_for_province("Thanh Hóa")] == [5897, 3405]


def test_proj4_definition_matches_pyproj() -> None:
    definition = crs.proj4_definition(crs.NGHE_AN_TM3)
    assert "+lon_0=104.75" in definition and "+towgs84=" in definition
    by_string = pyproj.Transformer.from_crs(pyproj.CRS(definition), 4326, always_xy=True)
    by_code = pyproj.Transformer.from_crs(9208, 4326, always_xy=True)
    a = by_string.transform(429823.59, 2154185.20)
    b = by_code.transform(429823.59, 2154185.20)
    assert _metres(a[1], a[0], b[1], b[0]) < 0.01


@given(
    st.floats(min_value=8.6, max_value=23.3),
    st.floats(min_value=102.2, max_value=109.4),
)
def test_decimal_and_dms_round_trip(lat: float, lon: float) -> None:
    assert crs.parse_wgs84(f"{lat:.6f}, {lon:.6f}") == pytest.approx((lat, lon), abs=1e-6)

    def dms(value: float, positive: str) -> str:
        degrees = int(value)
        minutes_full = (value - degrees) * 60
        minutes = int(minutes_full)
        seconds = (minutes_full - minutes) * 60
        return f"{degrees}°{minutes}′{seconds:.3f}″{positive}"

    parsed = crs.parse_wgs84(f"{dms(lat, 'N')} {dms(lon, 'E')}")
    assert parsed == pytest.approx((lat, lon), abs=0.5 / 3600)
