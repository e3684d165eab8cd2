"""Positions checked against where they claim to be (layers.position_check): wrong TM-3 zones,
points outside the three areas or outside Vietnam, in both languages, fast enough per keystroke."""

from __future__ import annotations

import geopandas as gpd
import pytest

from geo import crs
from geo.measure import haversine_km
from geo.vocabulary import WGS84_EPSG
from layers.position_check import FAR_KM, PositionWarning, position_warnings
from planner.schedule import overnight_places


@pytest.fixture(scope="module")
def vietnam(catalogue) -> gpd.GeoDataFrame:
    return overnight_places(catalogue)


def _seat(communes: gpd.GeoDataFrame, name: str) -> tuple[float, float]:
    row = communes.loc[communes["name"] == name].iloc[0]
    return float(row["seat_lat"]), float(row["seat_lon"])


def _typed(lat: float, lon: float, *, written_in: int, read_as: int) -> dict:
    """The keywords of position_warnings for a point written in one zone and read in another."""
    northing, easting = crs.from_wgs84(lat, lon, epsg=written_in)
    read_lat, read_lon = crs.to_wgs84(northing=northing, easting=easting, epsg=read_as)
    return {
        "lat": read_lat,
        "lon": read_lon,
        "epsg": read_as,
        "northing": northing,
        "easting": easting,
    }


def _keys(warnings: list[PositionWarning]) -> list[str]:
    return [warning.key for warning in warnings]


def test_a_nghe_an_point_read_in_thanh_hoas_zone_names_104_45(communes_2025, vietnam) -> None:
    lat, lon = _seat(communes_2025, "Mường Xén")
    typed = _typed(lat, lon, written_in=crs.NGHE_AN_TM3, read_as=crs.THANH_HOA_TM3)
    assert 20 < haversine_km(lat, lon, typed["lat"], typed["lon"]) < 30  # the 26 km of issue 12
    for frames in ({}, {"vietnam": vietnam}):
        warnings = position_warnings(communes=communes_2025, **typed, **frames)
        assert _keys(warnings) == ["position.wrong_province", "position.likely_zone"]
        assert {w.likely_epsg for w in warnings} == {crs.NGHE_AN_TM3}
        likely = warnings[-1]
        assert likely.values["commune"] == "Mường Xén"
        assert "104°45′" in likely.message("vi") and "Nghệ An" in likely.message("vi")
        assert likely.message("vi").startswith("Các số đã nhập khớp với múi TM-3 104°45′")
        assert likely.message("en").startswith("The numbers typed fit zone TM-3 104°45′")
        wrong = warnings[0].message("en")
        assert wrong == (
            "This point lies in Nghệ An province, but zone TM-3 105°00′ is the zone of "
            "Thanh Hóa province."
        )


@pytest.mark.parametrize(
    ("commune", "zone"),
    [
        ("Mường Xén", crs.NGHE_AN_TM3),
        ("Na Mèo", crs.THANH_HOA_TM3),
        ("Lao Bảo", crs.QUANG_TRI_TM3),
        ("Lao Bảo", crs.VN2000_UTM48N),
        (None, WGS84_EPSG),
    ],
)
def test_a_point_written_in_its_own_zone_raises_no_doubt(
    communes_2025, vietnam, commune: str | None, zone: int
) -> None:
    for name in [commune] if commune else list(communes_2025["name"]):
        lat, lon = _seat(communes_2025, name)
        if zone == WGS84_EPSG:
            assert (
                position_warnings(lat=lat, lon=lon, communes=communes_2025, vietnam=vietnam) == []
            )
            continue
        typed = _typed(lat, lon, written_in=zone, read_as=zone)
        assert position_warnings(communes=communes_2025, vietnam=vietnam, **typed) == [], name


def test_a_ha_noi_point_is_outside_the_three_areas(communes_2025, vietnam) -> None:
    warnings = position_warnings(lat=21.0285, lon=105.8542, communes=communes_2025)
    assert _keys(warnings) == ["position.far"]
    km = warnings[0].values["km"]
    assert 90 < km < 130  # Hà Nội to the nearest Quan Sơn commune, as the crow flies
    assert warnings[0].likely_epsg is None
    assert "ngoài ba vùng Quan Sơn, Kỳ Sơn, Hướng Hóa" in warnings[0].message("vi")
    assert "km from the nearest commune of the atlas" in warnings[0].message("en")
    # the number in the page's language: a decimal comma in Vietnamese, a point in English
    assert f"{km:.1f}".replace(".", ",") in warnings[0].message("vi")
    assert f"{km:.1f}" in warnings[0].message("en")
    # typed in Thanh Hóa's zone, Hà Nội is also in another province
    typed = _typed(21.0285, 105.8542, written_in=crs.THANH_HOA_TM3, read_as=crs.THANH_HOA_TM3)
    warnings = position_warnings(communes=communes_2025, vietnam=vietnam, **typed)
    assert _keys(warnings) == ["position.far", "position.wrong_province"]
    assert warnings[1].values["province"] == "Hà Nội"


def test_a_point_just_across_the_border_is_outside_vietnam(communes_2025, vietnam) -> None:
    lat, lon = 19.50, 104.06  # Laos, about 3 km west of the Nậm Cắn border
    warnings = position_warnings(lat=lat, lon=lon, communes=communes_2025, vietnam=vietnam)
    assert _keys(warnings) == ["position.outside_vietnam"]
    assert 0.5 < warnings[0].values["km"] < FAR_KM
    assert "ngoài lãnh thổ Việt Nam" in warnings[0].message("vi")
    assert "outside Vietnam" in warnings[0].message("en")


@pytest.mark.parametrize(
    ("commune", "written_in", "read_as"),
    [
        ("Na Mèo", crs.THANH_HOA_TM3, crs.NGHE_AN_TM3),
        ("Quan Sơn", crs.THANH_HOA_TM3, crs.NGHE_AN_TM3),
        ("Lao Bảo", crs.QUANG_TRI_TM3, crs.QUANG_TRI_TM3_2025),
        ("Lao Bảo", crs.QUANG_TRI_TM3_2025, crs.QUANG_TRI_TM3),
        ("Khe Sanh", crs.QUANG_TRI_TM3, crs.THANH_HOA_TM3),
        ("Nậm Cắn", crs.VN2000_UTM48N, crs.NGHE_AN_TM3),
    ],
)
def test_the_zone_the_numbers_were_written_in_is_proposed(
    communes_2025, vietnam, commune: str, written_in: int, read_as: int
) -> None:
    lat, lon = _seat(communes_2025, commune)
    typed = _typed(lat, lon, written_in=written_in, read_as=read_as)
    warnings = position_warnings(communes=communes_2025, vietnam=vietnam, **typed)
    assert warnings and warnings[-1].key == "position.likely_zone", _keys(warnings)
    assert {w.likely_epsg for w in warnings} == {written_in}
    assert warnings[-1].values["commune"] == commune
    assert crs.zone_label(written_in) in warnings[-1].message("en")
