"""Communes in both editions, the crosswalk and what is attached per commune."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from pyproj import Geod

from geo.errors import DataFileError, SchemaError
from geo.vocabulary import METRIC_CRS, PRECISIONS, SEAT_PRECISIONS, WGS84
from layers import communes

CENSUS_TOTALS = {"Quan Sơn": 40_526, "Kỳ Sơn": 80_288, "Hướng Hóa": 90_918}


def test_edition_sizes(communes_2024, communes_2025) -> None:
    assert len(communes_2025) == 27
    assert len(communes_2024) == 54
    assert communes_2025.groupby("former_district").size().to_dict() == {
        "Quan Sơn": 8,
        "Kỳ Sơn": 12,
        "Hướng Hóa": 7,
    }
    assert communes_2024.groupby("former_district").size().to_dict() == {
        "Quan Sơn": 12,
        "Kỳ Sơn": 21,
        "Hướng Hóa": 21,
    }


@pytest.mark.parametrize("edition", ["2024", "2025"])
def test_2019_population_sums_to_census_totals(edition, communes_2024, communes_2025) -> None:
    frame = communes_2024 if edition == "2024" else communes_2025
    assert frame["population_2019"].notna().all()
    totals = frame.groupby("former_district")["population_2019"].sum()
    for district, expected in CENSUS_TOTALS.items():
        assert totals[district] == pytest.approx(expected, abs=1)


def test_son_lu_population_is_split_by_area(communes_2024, communes_2025) -> None:
    # The shares themselves are tested in test_crosswalk.py.
    assert communes_2024.set_index("code").at["15016", "codes_2025"] == "15016;15019"
    new = communes_2025.set_index("code")
    for code in ("15016", "15019"):
        assert "diện tích" in new.at[code, "population_2019_method"]
    assert "diện tích" not in new.at["15022", "population_2019_method"]


def test_border_communes(communes_2025) -> None:
    by_name = communes_2025.set_index("name")
    assert by_name.loc["Na Mèo", "is_border"]
    assert by_name.loc["Nậm Cắn", "is_border"]
    assert by_name.loc["Lao Bảo", "is_border"]
    assert not by_name.loc["Trung Hạ", "is_border"]  # on QL217, far inland
    assert by_name.loc["Trung Hạ", "border_distance_km"] > 15
    assert (communes_2025["border_distance_km"] >= 0).all()


def test_density_is_population_over_official_area(communes_2025) -> None:
    row = communes_2025.set_index("name").loc["Mường Xén"]
    assert row["density_2025"] == pytest.approx(row["population_2025"] / row["area_km2"])


def test_nam_can_and_nam_can_are_distinct(communes_2024) -> None:
    names = set(communes_2024["name"])
    assert {"Xã Nậm Cắn", "Xã Nậm Càn"} <= names


# --- seats (2025) and stop points (2024) ---------------------------------------------------


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return Geod(ellps="WGS84").inv(lon1, lat1, lon2, lat2)[2] / 1000.0


@pytest.mark.parametrize(
    ("name", "precision"), [("Mường Xén", "seat_published"), ("Khe Sanh", "seat_osm_node")]
)
def test_town_seats_are_the_town_points_not_the_centroids(
    name, precision, communes_2025, catalogue
) -> None:
    row = communes_2025.set_index("name").loc[name]
    raw = catalogue.read_vector("communes_2025").set_index("name").loc[name]
    assert row["seat_precision"] == precision
    assert row["seat_precision"] in SEAT_PRECISIONS
    assert _km(row["seat_lat"], row["seat_lon"], raw["center_lat"], raw["center_lon"]) > 5


def test_seat_file_drives_every_seat(communes_2025, catalogue) -> None:
    seats = pd.read_csv(catalogue.path("commune_seats"), dtype={"code": str}).set_index("code")
    by_code = communes_2025.set_index("code")
    assert set(seats.index) == set(by_code.index)
    assert (by_code["seat_lat"] == seats.loc[by_code.index, "seat_lat"]).all()
    assert (by_code["seat_lon"] == seats.loc[by_code.index, "seat_lon"]).all()
    assert by_code["seat_precision"].value_counts().to_dict() == {
        "former_commune_point": 23,
        "seat_published": 2,
        "seat_osm_node": 1,
        "seat_geonames_place": 1,
    }
    assert (by_code["seat_confidence"] != "").all()
    assert by_code["seat_source"].str.contains("commune_seats_2025.csv").all()
    assert set(by_code["seat_precision"]) <= set(PRECISIONS)


def test_every_2025_seat_lies_inside_its_commune(communes_2025) -> None:
    seats = shapely.points(communes_2025["seat_lon"], communes_2025["seat_lat"])
    assert shapely.covers(communes_2025.geometry.values, seats).all()


def test_border_distance_is_measured_from_the_seat(communes_2025, catalogue) -> None:
    border = catalogue.read_vector("border_line").to_crs(METRIC_CRS).union_all()
    row = communes_2025.set_index("name").loc["Mường Xén"]
    seat = gpd.GeoSeries([shapely.Point(row["seat_lon"], row["seat_lat"])], crs=WGS84)
    expected = seat.to_crs(METRIC_CRS).distance(border).iloc[0] / 1000
    assert row["border_distance_km"] == pytest.approx(expected)


def test_a_seat_outside_its_commune_is_refused(catalogue) -> None:
    raw = catalogue.read_vector("communes_2025")
    moved = raw.copy()
    moved.loc[moved["name"] == "Mường Xén", "geometry"] = raw.loc[
        raw["name"] == "Na Mèo", "geometry"
    ].to_numpy()
    with pytest.raises(DataFileError, match="16813"):
        communes.read_seats(catalogue=catalogue, communes_2025=moved)


def test_unknown_seat_precision_is_refused(communes_2025) -> None:
    broken = communes_2025.copy()
    broken.loc[broken.index[0], "seat_precision"] = "guessed"
    with pytest.raises(SchemaError, match="seat_precision"):
        communes.SCHEMA_2025.validate(broken)


def test_2024_points_are_geonames_points_inside_or_a_point_inside(communes_2024) -> None:
    frame = communes_2024
    points = shapely.points(frame["point_lon"], frame["point_lat"])
    assert shapely.covers(frame.geometry.values, points).all()
    assert set(frame["point_precision"]) == {"former_commune_point", "inside_commune"}
    geonames = frame["point_precision"] == "former_commune_point"
    assert frame.loc[geonames, "point_source"].str.contains("GeoNames").all()
    assert frame.loc[~geonames, "point_source"].str.contains("representative_point").all()
    assert geonames.sum() == 50
    by_code = frame.set_index("code")
    # Nậm Cắn and Nậm Càn fold to the same name: each keeps its own GeoNames point
    assert "8627669" in by_code.at["16837", "point_source"]
    assert "8627674" in by_code.at["16873", "point_source"]
    # Lìa (A Túc + A Xing) and Xy have no GeoNames point of their name
    assert by_code.at["19489", "point_precision"] == "inside_commune"
    assert by_code.at["19492", "point_precision"] == "inside_commune"
    assert frame["border_distance_km"].isna().all()  # no seats for the 2024 units


def test_2024_points_never_use_the_misplaced_hotels(communes_2024, catalogue) -> None:
    geonames = pd.read_csv(catalogue.path("geonames"))
    hotels = geonames[geonames["feature_code"] == "HTL"]
    assert len(hotels) == 10
    hotel_points = set(zip(hotels["latitude"], hotels["longitude"], strict=True))
    used = set(zip(communes_2024["point_lat"], communes_2024["point_lon"], strict=True))
    assert not used & hotel_points
