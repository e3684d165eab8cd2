"""Communes in both editions, the crosswalk and what is attached per commune."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest
import shapely
from pyproj import Geod

from geo.citations import followable
from geo.errors import DataFileError, SchemaError
from geo.vocabulary import METRIC_CRS, PRECISIONS, SEAT_PRECISIONS, WGS84
from i18n.messages import EN, VI, message
from layers import communes, crosswalk

CENSUS_TOTALS = {"Quan Sơn": 40_526, "Kỳ Sơn": 80_288, "Hướng Hóa": 90_918}
SPLIT_TARGETS = ("15016", "15019")
"""The 2025 communes Quan Sơn and Tam Lư, which share Thị trấn Sơn Lư (split by area share)."""
PATH_MARKERS = (".csv", ".geojson", ".json", ".tif", "seeds/", "proxy")


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
    # 2024: whole census counts; 2025: two area-share estimates, each rounded to 10
    slack = 0 if edition == "2024" else crosswalk.SPLIT_POPULATION_STEP
    for district, expected in CENSUS_TOTALS.items():
        assert abs(int(totals[district]) - expected) <= slack


@pytest.mark.parametrize("edition", ["2024", "2025"])
def test_no_population_is_fractional(edition, communes_2024, communes_2025) -> None:
    frame = communes_2024 if edition == "2024" else communes_2025
    columns = [c for c in frame.columns if c.startswith("population_") and "method" not in c]
    assert columns == (
        ["population_2019"] if edition == "2024" else ["population_2019", "population_2025"]
    )
    for column in columns:
        assert frame[column].dtype == "Int64", column
        values = frame[column].dropna().astype(float)
        assert (values == values.round()).all(), column


def test_son_lu_population_is_split_by_area(communes_2024, communes_2025) -> None:
    # The shares themselves are tested in test_crosswalk.py.
    assert communes_2024.set_index("code").at["15016", "codes_2025"] == "15016;15019"
    new = communes_2025.set_index("code")
    for code in SPLIT_TARGETS:
        assert new.at[code, "population_2019_method"] == "census_2019_area_share"
        assert new.at[code, "population_2019"] % crosswalk.SPLIT_POPULATION_STEP == 0
        assert new.at[code, "density_2019_method"] == ("census_2019_area_share_per_official_area")
    whole = new.drop(index=list(SPLIT_TARGETS))
    assert (whole["population_2019_method"] == "census_2019").all()
    # Na Loi = Đoọc Mạy + Na Loi: an exact sum of two census counts
    assert new.at["16834", "population_2019"] == 1749 + 2244
    assert (communes_2024["population_2019_method"] == "census_2019").all()
    assert (communes_2025["population_method"] == "published_2025").all()
    assert (communes_2024["population_method"] == "census_2019").all()


def test_2024_areas_say_which_area_they_are(communes_2024, communes_2025) -> None:
    old = communes_2024.set_index("name")
    new = communes_2025.set_index("name")
    bac_ly = old.loc["Xã Bắc Lý"]  # unchanged in 2025; its GADM polygon has half the area
    assert bac_ly["area_km2_computed"] == pytest.approx(56.286)
    assert bac_ly["area_km2"] == new.at["Bắc Lý", "area_km2"] == pytest.approx(109.17)
    assert bac_ly["area_method"] == "official_2025"
    assert bac_ly["density_2019"] == pytest.approx(4910 / 109.17)
    assert bac_ly["density_method"] == "census_2019_per_official_area"
    merged = old.loc["Xã Đoọc Mạy"]  # merged into Na Loi: only the GADM area is known
    assert merged["area_method"] == "computed_gadm"
    assert merged["area_km2"] == merged["area_km2_computed"]
    assert merged["density_method"] == "census_2019_per_gadm_area"
    assert communes_2024["area_method"].value_counts().to_dict() == {
        "computed_gadm": 44,
        "official_2025": 10,
    }
    assert (communes_2024["density_method"] == communes_2024["density_2019_method"]).all()


def test_2025_areas_are_official(communes_2025) -> None:
    assert (communes_2025["area_method"] == "official").all()
    assert (communes_2025["density_method"] == "published_2025_per_official_area").all()
    assert communes_2025["area_km2_computed"].notna().all()


@pytest.mark.parametrize("edition", ["2024", "2025"])
def test_every_method_code_is_known_and_labelled(edition, communes_2024, communes_2025) -> None:
    frame = communes_2024 if edition == "2024" else communes_2025
    for column, codes in communes._VOCABULARIES.items():
        assert set(frame[column]) <= set(codes), column
        prefix = column.replace("_2019", "")
        for code in set(frame[column]):
            assert message(f"{prefix}.{code}", VI) != message(f"{prefix}.{code}", EN)


def test_an_unknown_method_code_is_refused(communes_2025) -> None:
    broken = communes_2025.copy()
    broken.loc[broken.index[0], "area_method"] = "measured"
    with pytest.raises(SchemaError, match="area_method"):
        communes.validate(broken, schema=communes.SCHEMA_2025)


@pytest.mark.parametrize("edition", ["2024", "2025"])
def test_no_text_column_holds_a_file_path(edition, communes_2024, communes_2025) -> None:
    frame = communes_2024 if edition == "2024" else communes_2025
    texts = frame.drop(columns="geometry").select_dtypes(include=["object", "string"])
    assert {"source", "source_en", "border_source"} <= set(texts.columns)
    for column in texts.columns:
        for value in texts[column].dropna().astype(str):
            for marker in PATH_MARKERS:
                assert marker not in value.lower(), (column, value)


def test_a_proxied_link_is_unwrapped_to_the_original() -> None:
    text = followable(
        "https://anonyproxies.com/a2/index.php?q=https%3A%2F%2Fvi.wikipedia.org%2Fwiki%2FK "
        "(proxied vi.wikipedia article); quoted in bundle indicators/facts_cited.csv data row 35"
    )
    assert text.startswith("https://vi.wikipedia.org/wiki/K (")
    assert "proxi" not in text and ".csv" not in text


def test_seats_of_abolished_units_are_marked_former(communes_2025) -> None:
    by_name = communes_2025.set_index("name")["seat_name"]
    assert by_name["Mường Xén"] == "UBND huyện Kỳ Sơn (cũ)"  # the district went on 1/7/2025
    assert by_name["Quan Sơn"] == "Huyện Quan Sơn (cũ)"
    assert by_name["Hữu Kiệm"] == "UBND xã Hữu Lập (cũ)"  # Hữu Lập merged into Hữu Kiệm
    assert by_name["Mỹ Lý"] == "UBND xã Mỹ Lý"  # Mỹ Lý is still a commune
    assert by_name["Lìa"] == "UBND xã Thanh (cũ)"  # already marked: not marked twice
    assert not by_name.str.contains(r"\(cũ\) \(cũ\)").any()


def test_2024_border_flags_follow_the_cited_list_or_the_2025_polygons(communes_2024) -> None:
    frame = communes_2024.set_index("code")
    kyson = frame[frame["former_district"] == "Kỳ Sơn"]
    assert (kyson["border_method"] == "cited_list").all()
    # Mỹ Lý, Bắc Lý, Keng Đu, Đoọc Mạy, Na Loi, Nậm Cắn, Mường Típ, Mường Ải, Nậm Càn, Na Ngoi,
    # Tà Cạ (facts row 31)
    listed = {"16816", "16819", "16822", "16825", "16834", "16837"}
    listed |= {"16858", "16867", "16873", "16870", "16852"}
    assert set(kyson.index[kyson["is_border"]]) == listed
    assert kyson["border_source"].str.contains("nghiadan.nghean.gov.vn").all()
    others = frame[frame["former_district"] != "Kỳ Sơn"]
    assert (others["border_method"] == "derived_geometry").all()
    assert frame.groupby("former_district")["is_border"].sum().to_dict() == {
        "Hướng Hóa": 11,  # the cited count is 11
        "Kỳ Sơn": 11,
        "Quan Sơn": 7,  # the cited count is 6, unnamed: GADM's edges add Sơn Hà
    }
    assert frame.at["16819", "is_border"]  # Bắc Lý: its GADM polygon misses the line
    assert frame.at["15022", "is_border"]  # Sơn Điện: unchanged, its 2025 polygon touches


def test_border_flags_fall_back_to_geometry_without_the_facts(
    catalogue, communes_2024, monkeypatch
) -> None:
    def unreadable(**_: object) -> None:
        raise DataFileError("facts unreadable")

    monkeypatch.setattr(communes, "load_facts", unreadable)
    assert communes.cited_border_communes(catalogue=catalogue, communes_2024=communes_2024) == {}


def test_2025_border_flags_agree_with_the_cited_list(communes_2025) -> None:
    frame = communes_2025.set_index("name")
    kyson = frame[frame["former_district"] == "Kỳ Sơn"]
    assert (kyson["border_method"] == "cited_list").all()
    assert set(kyson.index[kyson["is_border"]]) == {
        "Mường Xén",
        "Mỹ Lý",
        "Bắc Lý",
        "Keng Đu",
        "Na Loi",
        "Nậm Cắn",
        "Mường Típ",
        "Na Ngoi",
    }
    others = frame[frame["former_district"] != "Kỳ Sơn"]
    assert (others["border_method"] == "derived_geometry").all()
    assert others["is_border"].sum() == 6 + 5


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
    assert not by_code["seat_source"].str.contains(".csv", regex=False).any()
    assert by_code["seat_source"].str.contains("GeoNames|https://|OpenStreetMap").all()
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
    assert frame.loc[~geonames, "point_source"].str.contains("GADM 4.1 polygon").all()
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
