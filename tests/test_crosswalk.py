"""The 2024 → 2025 crosswalk: codes, area shares, population weights, moving figures."""

from __future__ import annotations

import pandas as pd
import pytest
from table_files import xlsx_of

from geo.errors import UserInputError
from layers import crosswalk
from userdata import table_reader, tables

CENSUS_TOTALS = {"Quan Sơn": 40_526, "Kỳ Sơn": 80_288, "Hướng Hóa": 90_918}
SON_LU = "15016"
"""Thị trấn Sơn Lư (2024), split between the 2025 communes Quan Sơn (15016) and Tam Lư."""


@pytest.fixture(scope="module")
def table(catalogue) -> pd.DataFrame:
    return crosswalk.read_crosswalk(catalogue=catalogue)


@pytest.fixture(scope="module")
def weights(catalogue, communes_2024, communes_2025) -> pd.DataFrame:
    return crosswalk.transfer_weights(
        catalogue=catalogue, communes_2024=communes_2024, communes_2025=communes_2025
    )


# --- made-up crosswalk (tests only) -----------------------------------------------------------
# Old 1 and 2 merged into new 10; old 3 split between new 30 and 40 (a quarter in 30); old 4
# went into 40 with the larger part of 3.
TINY = pd.DataFrame(
    {
        "code_2024": ["1", "2", "3", "3", "4"],
        "code_2025": ["10", "10", "30", "40", "40"],
        "area_share": [1.0, 1.0, 0.25, 0.75, 1.0],
    }
)
TINY_POPULATION = pd.Series({"1": 100.0, "2": 300.0, "3": 400.0, "4": 700.0})


def _rows(values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "unit_code": list(values),
            "indicator": "made_up",
            "year": 2024,
            "value": list(values.values()),
        }
    )


def test_crosswalk_has_55_rows_covering_both_editions(table, communes_2024, communes_2025):
    assert len(table) == 55
    assert list(table.columns) == list(crosswalk.CROSSWALK_COLUMNS)
    assert not table.duplicated(["code_2024", "code_2025"]).any()
    assert set(table["code_2024"]) == set(communes_2024["code"])
    assert set(table["code_2025"]) == set(communes_2025["code"])
    assert (communes_2024["codes_2025"] != "").all()


def test_code_lists_both_ways(table):
    new = crosswalk.new_codes(table)
    old = crosswalk.old_codes(table)
    assert len(new) == 54 and len(old) == 27
    assert new[SON_LU] == ["15016", "15019"]
    assert [code for code, targets in new.items() if len(targets) > 1] == [SON_LU]
    assert old["16834"] == ["16825", "16834"]  # Na Loi = Đoọc Mạy + Na Loi
    assert sum(len(codes) for codes in old.values()) == 55


def test_unchanged_communes_and_what_lies_within(table):
    same = crosswalk.unchanged_communes(table)
    assert same[("2024", "15022")] == ("2025", "15022")  # Sơn Điện
    assert same[("2025", "15022")] == ("2024", "15022")
    assert ("2024", SON_LU) not in same
    assert ("2025", "16834") not in same  # merged
    inside_2025 = crosswalk.lies_within(table, edition="2025")
    assert len(inside_2025) == 53 and SON_LU not in inside_2025
    inside_2024 = crosswalk.lies_within(table, edition="2024")
    assert inside_2024 == {new: old for (e, new), (_, old) in same.items() if e == "2025"}


def test_son_lu_split_shares_sum_to_one(weights):
    son_lu = weights[weights["code_2024"] == SON_LU]
    assert set(son_lu["code_2025"]) == {"15016", "15019"}
    assert son_lu["area_share"].sum() == pytest.approx(1.0)
    assert (son_lu["area_share"] > 0).all() and (son_lu["area_share"] < 1).all()
    others = weights[weights["code_2024"] != SON_LU]
    assert (others["area_share"] == 1.0).all()


def test_population_weights_sum_to_census_totals(weights, communes_2024):
    district = communes_2024.set_index("code")["former_district"]
    totals = weights.groupby(weights["code_2024"].map(district))["population_weight"].sum()
    for name, expected in CENSUS_TOTALS.items():
        assert totals[name] == pytest.approx(expected, abs=1)
    by_new = crosswalk.population_2025(weights)
    assert by_new.dtype == "Int64"
    # two area-share estimates, each rounded to the nearest 10
    assert abs(int(by_new.sum()) - sum(CENSUS_TOTALS.values())) <= crosswalk.SPLIT_POPULATION_STEP


def test_split_population_is_a_rounded_estimate_and_says_so(weights):
    population = crosswalk.population_2025(weights)
    method = crosswalk.population_2025_method(weights)
    exact = weights.groupby("code_2025")["population_weight"].sum()
    for code in ("15016", "15019"):  # the two parts of Thị trấn Sơn Lư
        assert exact[code] % 1 != 0  # the area share makes a fraction of a person …
        assert population[code] % crosswalk.SPLIT_POPULATION_STEP == 0  # … never shown
        assert abs(population[code] - exact[code]) <= crosswalk.SPLIT_POPULATION_STEP / 2
        assert method[code] == "census_2019_area_share"
    others = method.drop(["15016", "15019"])
    assert (others == "census_2019").all()
    assert (population[others.index] == exact[others.index]).all()


def test_official_area_reaches_only_unchanged_communes(table, catalogue):
    raw = catalogue.read_vector("communes_2025")
    official = raw.set_index(raw["code"].astype(str))["area_km2_official"]
    area = crosswalk.official_area_2024(table, official_2025=official)
    assert len(area) == 54 and area.notna().sum() == 10
    assert area["16819"] == pytest.approx(109.17)  # Bắc Lý
    assert pd.isna(area[SON_LU]) and pd.isna(area["16825"])  # split; merged into Na Loi


def test_2025_border_flags_decide_unchanged_and_inland_communes(table):
    flags = pd.Series({code: code in {"15019", "15022"} for code in set(table["code_2025"])})
    verdict = crosswalk.border_2024_from_2025(table, is_border_2025=flags)
    assert verdict["15022"] == "yes"  # Sơn Điện, unchanged
    assert verdict["15004"] == "check"  # Sơn Hà, a part of Tam Lư
    assert verdict[SON_LU] == "check"  # split, one part in Tam Lư
    assert verdict["14995"] == "no"  # Trung Xuân, went into Trung Hạ
    assert verdict["15013"] == "no"  # Na Mèo, unchanged and (here) off the border


def test_a_list_of_2024_communes_carries_to_2025(table):
    listed = crosswalk.listed_2025(table, listed_2024={"16852", "16819"})  # Tà Cạ, Bắc Lý
    assert bool(listed["16813"]) and bool(listed["16819"])  # Mường Xén holds Tà Cạ
    assert listed.drop(["16813", "16819"]).eq(False).all()
    unknown = crosswalk.listed_2025(table, listed_2024={SON_LU})
    assert pd.isna(unknown["15016"]) and pd.isna(unknown["15019"])


def test_population_weight_is_population_times_area_share():
    weighted = crosswalk.population_weights(TINY, population_2019=TINY_POPULATION)
    assert weighted["population_2019"].tolist() == [100.0, 300.0, 400.0, 400.0, 700.0]
    assert weighted["population_weight"].tolist() == [100.0, 300.0, 100.0, 300.0, 700.0]
    assert "population_weight" not in TINY.columns  # the input is left alone


def test_rate_transfer_is_population_weighted():
    weighted = crosswalk.population_weights(TINY, population_2019=TINY_POPULATION)
    moved, method_vi, method_en = crosswalk.to_2025(
        _rows({"1": 10.0, "2": 30.0, "3": 20.0, "4": 40.0}), weights=weighted, kind="rate"
    )
    values = moved.set_index("unit_code")["value"]
    assert values["10"] == pytest.approx((10 * 100 + 30 * 300) / 400)
    assert values["30"] == pytest.approx(20.0)  # only a part of 3: its rate
    assert values["40"] == pytest.approx((20 * 300 + 40 * 700) / 1000)
    assert "dân số 2019" in method_vi and "2019 population" in method_en


def test_count_transfer_splits_by_area_share():
    weighted = crosswalk.population_weights(TINY, population_2019=TINY_POPULATION)
    moved, method_vi, _ = crosswalk.to_2025(
        _rows({"1": 1.0, "2": 2.0, "3": 8.0, "4": 4.0}), weights=weighted, kind="count"
    )
    values = moved.set_index("unit_code")["value"]
    assert values.to_dict() == {"10": 3.0, "30": 2.0, "40": 10.0}
    assert "Cộng" in method_vi
    notes = moved.set_index("unit_code")["note"]
    assert notes["10"] == ""
    assert "xã cũ 3" in notes["30"] and "tỷ lệ diện tích" in notes["40"]


def test_a_split_count_is_never_fractional():
    weighted = crosswalk.population_weights(TINY, population_2019=TINY_POPULATION)
    moved, _, _ = crosswalk.to_2025(
        _rows({"1": 1.0, "2": 2.0, "3": 9.0, "4": 4.0}), weights=weighted, kind="count"
    )
    values = moved.set_index("unit_code")["value"]
    # 9 × 0.25 = 2.25 and 9 × 0.75 + 4 = 10.75 people: rounded, as estimates
    assert values.to_dict() == {"10": 3.0, "30": 2.0, "40": 11.0}


def test_incomplete_merge_stays_empty_and_says_why():
    weighted = crosswalk.population_weights(TINY, population_2019=TINY_POPULATION)
    moved, _, _ = crosswalk.to_2025(_rows({"1": 10.0, "3": 20.0}), weights=weighted, kind="rate")
    moved = moved.set_index("unit_code")
    assert pd.isna(moved.at["10", "value"])  # 2 is missing
    assert moved.at["10", "note"] == "thiếu số liệu xã cũ 2"
    assert pd.isna(moved.at["40", "value"])  # 4 is missing
    assert moved.at["30", "value"] == 20.0


def test_unknown_kind_is_refused():
    with pytest.raises(UserInputError, match="count or rate"):
        crosswalk.to_2025(_rows({"1": 1.0}), weights=TINY, kind="mean")


def test_xlsx_poverty_table_for_2024_communes_lands_on_2025(
    weights, communes_2024, communes_2025
) -> None:
    kyson = communes_2024[communes_2024["former_district"] == "Kỳ Sơn"]
    rows = [["Mã xã", "Tên xã", "Tỷ lệ hộ nghèo (%)", "Năm"]]
    rows += [
        [code, name, 40.0 + i, 2024]
        for i, (code, name) in enumerate(zip(kyson["code"], kyson["name"], strict=True))
    ]
    frame = table_reader.read_table(xlsx_of(rows), filename="ngheo_2024.xlsx")
    units = dict(zip(communes_2024["code"], communes_2024["name"], strict=True))
    result = tables.apply_mapping(
        frame, tables.suggest_mapping(frame), units=units, indicator_name="poverty"
    )
    assert len(result.rows) == 21 and not result.unmatched
    moved, method_vi, _ = crosswalk.to_2025(result.rows, weights=weights, kind="rate")
    kyson_2025 = set(communes_2025.loc[communes_2025["former_district"] == "Kỳ Sơn", "code"])
    assert set(moved["unit_code"]) == kyson_2025 and moved["value"].notna().all()
    assert "dân số 2019" in method_vi
    # Na Loi = Đoọc Mạy + Na Loi: a population-weighted mean of their two rates.
    parts = weights[weights["code_2025"] == "16834"]
    values = parts["code_2024"].map(result.rows.set_index("unit_code")["value"])
    expected = (values * parts["population_2019"]).sum() / parts["population_2019"].sum()
    assert moved.set_index("unit_code").loc["16834", "value"] == pytest.approx(expected)
    # One old commune missing: its new commune stays missing and says why.
    partial, _, _ = crosswalk.to_2025(result.rows.iloc[1:], weights=weights, kind="count")
    first_new = weights.loc[
        weights["code_2024"] == result.rows.iloc[0]["unit_code"], "code_2025"
    ].iloc[0]
    row = partial.set_index("unit_code").loc[first_new]
    assert pd.isna(row["value"]) or len(weights[weights["code_2025"] == first_new]) == 1
