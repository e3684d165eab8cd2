"""Communes in both editions, the crosswalk and what is attached per commune."""

from __future__ import annotations

import pytest

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
