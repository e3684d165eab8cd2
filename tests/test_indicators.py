"""The indicators table (layers.indicators) and the figure each commune shows (commune_view)."""

from __future__ import annotations

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest

from geo.errors import DataFileError, SchemaError
from geo.vocabulary import POVERTY_STANDARDS
from layers.commune_view import latest_indicator, poverty_for_communes
from layers.crosswalk import read_crosswalk
from layers.facts import FACTS_MAP_FILE, citation, load_facts, read_facts
from layers.indicators import (
    AREAIDS,
    COLUMNS,
    build,
    parse_stated_value,
    parse_stated_year,
    validate_table,
)


@pytest.fixture(scope="module")
def table(catalogue) -> pd.DataFrame:
    return build(catalogue=catalogue)


@pytest.fixture(scope="module")
def communes(catalogue) -> pd.DataFrame:
    """Both editions as the communes layer gives them: code, former_district, edition."""
    new = gpd.read_file(catalogue.path("communes_2025"), ignore_geometry=True)
    old = gpd.read_file(catalogue.path("communes_2024"), ignore_geometry=True)
    return pd.concat(
        [
            new[["code", "former_district"]].assign(edition="2025"),
            old[["code", "district"]]
            .rename(columns={"district": "former_district"})
            .assign(edition="2024"),
        ],
        ignore_index=True,
    ).astype({"code": str})


@pytest.fixture(scope="module")
def poverty(table, communes) -> pd.DataFrame:
    return poverty_for_communes(table=table, communes=communes).set_index(["edition", "code"])


def test_table_matches_its_schema(table):
    assert list(table.columns) == list(COLUMNS)
    assert validate_table(table) is table
    assert str(table["year"].dtype) == "Int64"
    assert set(table["unit_level"]) == {"commune_2024", "commune_2025", "district", "province"}


def test_every_fact_value_equals_the_csv_value(catalogue, table):
    facts = read_facts(catalogue=catalogue).set_index("fact_key")
    mapped = load_facts(catalogue=catalogue)
    from_facts = table[table["fact_key"] != ""]
    # every map-able fact gives exactly one row
    assert sorted(from_facts["fact_key"]) == sorted(
        mapped.loc[mapped["indicator_key"] != "", "fact_key"]
    )
    for _, row in from_facts.iterrows():
        stated = facts.loc[row["fact_key"], "value"]
        assert row["quote"] == facts.loc[row["fact_key"], "quote"]
        fact = facts.loc[row["fact_key"]]
        assert row["source"] == citation(fact.to_dict())
        assert row["source_link"] == fact["source_url"]
        if fact["source_url"]:
            assert fact["source_url"] in row["source"]
        try:
            plain = float(stated)
        except ValueError:
            plain = None
        if plain is not None:
            assert row["value"] == plain, (row["fact_key"], stated)
        else:
            # qualified or described values: the note keeps the stated text
            assert row["value"] == parse_stated_value(stated)[0]
            assert f"'{stated.strip()}'" in row["note"]
            if "thousand" not in stated:
                assert f"{row['value']:g}" in stated


def test_tabular_values_equal_their_inputs(catalogue, table):
    landcover = pd.read_csv(catalogue.path("landcover_districts"))
    esa = table[table["indicator"] == "forest_share_esa_pct"]
    assert len(esa) == len(landcover) == 69
    for line in landcover.itertuples():
        row = esa[(esa["unit_code"] == AREAIDS[line.areaid]) & (esa["year"] == line.year)]
        assert row["value"].item() == line.forest_prop * 100
    assert esa["note"].str.contains("not the official forest-cover rate").all()
    assert esa.groupby("unit_code")["year"].max().tolist() == [2020, 2020, 2020]

    population = pd.read_csv(catalogue.path("population_districts"))
    modelled = table[table["indicator"] == "population_modelled"]
    assert len(modelled) == len(population)
    for line in population.itertuples():
        row = modelled[
            (modelled["unit_code"] == AREAIDS[line.areaid]) & (modelled["year"] == line.year)
        ]
        assert row["value"].item() == line.total

    provinces = pd.read_csv(catalogue.path("province_poverty"))
    rates = table[(table["unit_level"] == "province") & (table["indicator"] == "poverty_rate_pct")]
    assert set(rates["unit_code"]) == {"Thanh Hóa", "Nghệ An", "Quảng Trị"}
    for _, row in rates.iterrows():
        line = provinces[provinces["unit"] == row["unit_code"]]
        assert row["value"] == line["poverty_rate_multidim_pct_2023prelim"].item()
        assert row["year"] == 2023


def test_tabular_rows_have_source_and_empty_quote(table):
    tabular = table[table["fact_key"] == ""]
    assert (tabular["quote"] == "").all()
    # a human citation with a link to the repository, never a bundle path
    assert set(tabular["source"]) == {
        "ESA CCI Land Cover, district shares by rorygibb/dengue_vietnam_ms (GitHub)",
        "Modelled district population, rorygibb/dengue_vietnam_ms (GitHub)",
        "Mean elevation per district, rorygibb/dengue_vietnam_ms (GitHub)",
        "GSO Statistical Yearbook 2023 (Niên giám thống kê 2023), "
        "via phnam05/vietnam-english-score-analysis (GitHub)",
    }
    assert tabular["source_link"].str.startswith("https://github.com/").all()


@pytest.mark.parametrize("column", ["source", "note", "unit_of_measure", "source_origin"])
def test_no_path_or_internal_word_in_any_row(table, column):
    for marker in ("seeds/", ".csv", ".geojson", ".tif", "proxy", "forest_prop"):
        bad = table[table[column].str.contains(marker, regex=False, case=False)]
        assert bad.empty, (column, marker, bad[column].head(3).tolist())


def test_poverty_rows_carry_their_standard(table):
    poverty = table[table["indicator"] == "poverty_rate_pct"]
    assert poverty["standard"].isin(POVERTY_STANDARDS).all()
    # a count of poor households is measured under a standard too; nothing else is
    poor = table["indicator"].isin(["poverty_rate_pct", "poor_households"])
    assert (table.loc[~poor, "standard"] == "").all()
    assert (table.loc[poor, "standard"] != "").all()
    by_value = poverty.set_index("value")["standard"]
    assert by_value[42.21] == "2016-2020"
    assert by_value[30.02] == "2021-2025"
    assert by_value[4.99] == "new_rural"


def test_qualifiers_and_estimates_are_kept(table):
    by_key = table.set_index(["indicator", "unit_code"])
    muong_xen = by_key.loc[("income_per_capita_mvnd_year", "16813")]
    assert (muong_xen["value"], muong_xen["qualifier"], bool(muong_xen["estimate"])) == (
        32.0,
        "lower_bound",
        True,
    )
    # "còn hơn 6.915 hộ": the quote's qualifier, though the value was stored bare
    assert by_key.loc[("poor_households", "Kỳ Sơn"), "qualifier"] == "lower_bound"
    assert by_key.loc[("poverty_rate_pct", "Kỳ Sơn")]["qualifier"].eq("").all()


def test_mirror_pages_are_flagged_in_the_table(table):
    huong_hoa = table[
        (table["indicator"] == "poverty_rate_pct") & (table["unit_code"] == "Hướng Hóa")
    ].set_index("year")
    assert huong_hoa["source_mirror"].all()
    assert huong_hoa.loc[2017, "source_origin"] == "Niên giám thống kê huyện Hướng Hóa 2017"
    assert huong_hoa.loc[2018, "source_origin"] == ""
    assert huong_hoa["source"].str.contains("bản sao, cần kiểm chứng / mirror, verify").all()


def test_undated_figures_have_no_year_and_say_so(table):
    undated = table[table["year"].isna()]
    assert len(undated) > 0
    assert undated["note"].str.contains("year not stated|no reference year").all()


def test_ky_son_latest_district_poverty_is_42_21_in_2020(table, communes):
    ky_son = communes[(communes["former_district"] == "Kỳ Sơn") & (communes["edition"] == "2025")]
    result = poverty_for_communes(table=table, communes=ky_son)
    assert (result["poverty_level"] == "district").all()
    assert (result["poverty_rate_pct"] == 42.21).all()
    assert (result["poverty_year"] == 2020).all()
    assert result["poverty_quote"].str.contains("42,21%").all()


def test_son_dien_gets_its_own_2024_figure(poverty):
    son_dien = poverty.loc[("2025", "15022")]
    assert son_dien["poverty_rate_pct"] == 20.25
    assert son_dien["poverty_year"] == 2024
    assert son_dien["poverty_level"] == "commune"
    assert "20,25%" in son_dien["poverty_quote"]
    assert "https://baodantoc.vn/" in son_dien["poverty_source"]
    assert son_dien["poverty_source_link"].startswith("https://baodantoc.vn/")
    assert son_dien["poverty_standard"] == "2021-2025"


def test_quan_son_commune_without_a_dated_figure_gets_none_not_a_guess(table, communes):
    # Quan Sơn has no dated district poverty rate; its only district rate (30.02%, row 191)
    # states no year. Without undated figures, a commune with no figure of its own gets
    # nothing: NaN and level 'none'.
    na_meo = communes[(communes["code"] == "15013") & (communes["edition"] == "2025")]
    result = poverty_for_communes(table=table, communes=na_meo, undated="exclude").iloc[0]
    assert math.isnan(result["poverty_rate_pct"])
    assert result["poverty_level"] == "none"
    assert pd.isna(result["poverty_year"])
    assert result["poverty_source"] == ""
    assert "no figure" in result["poverty_note"]


def test_quan_son_undated_district_rate_is_used_only_as_undated(poverty):
    na_meo = poverty.loc[("2025", "15013")]
    assert na_meo["poverty_rate_pct"] == 30.02
    assert pd.isna(na_meo["poverty_year"])
    assert na_meo["poverty_level"] == "district"
    assert "year not stated" in na_meo["poverty_note"]


def test_no_figure_at_all_stays_missing(table, communes):
    # No forest-cover rate is stated for Kỳ Sơn or any of its communes.
    ky_son = communes[communes["former_district"] == "Kỳ Sơn"]
    result = latest_indicator(table=table, communes=ky_son, indicator="forest_cover_pct")
    assert result["forest_cover_pct"].isna().all()
    assert (result["forest_cover_pct_level"] == "none").all()


def test_huong_hoa_communes_fall_back_to_the_district_figure_not_read_on_a_copy(table, poverty):
    district = table[
        (table["indicator"] == "poverty_rate_pct")
        & (table["unit_level"] == "district")
        & (table["unit_code"] == "Hướng Hóa")
    ]
    latest = district.loc[district["year"].idxmax()]
    # the latest figure, 18.7 % (2018), is read only on a copied thesis excerpt ...
    assert (latest["value"], latest["year"]) == (18.7, 2018)
    rows = poverty.loc["2025"].loc[["19429", "19432", "19435", "19441", "19462", "19483", "19489"]]
    assert (rows["poverty_level"] == "district").all()
    # ... so the district yearbook's 31.17 % (2017) is shown, and the conflict said
    assert (rows["poverty_rate_pct"] == 31.17).all()
    assert (rows["poverty_year"] == 2017).all()
    assert rows["poverty_conflict"].all()
    assert rows["poverty_note"].str.contains("conflicts with 18.7 (2018)", regex=False).all()


def test_without_a_copy_the_latest_figure_wins(table, communes):
    # drop the copied 18.7 %: no conflict left, the yearbook's latest figure is shown
    trusted = table[~((table["indicator"] == "poverty_rate_pct") & (table["value"] == 18.7))]
    khe_sanh = communes[(communes["code"] == "19429") & (communes["edition"] == "2025")]
    result = poverty_for_communes(table=trusted, communes=khe_sanh).iloc[0]
    assert (result["poverty_rate_pct"], result["poverty_conflict"]) == (31.17, False)
    # a copy alone is still shown (flagged), not hidden
    copies = table[(table["indicator"] == "poverty_rate_pct") & (table["value"] == 18.7)]
    result = poverty_for_communes(table=copies, communes=khe_sanh).iloc[0]
    assert result["poverty_rate_pct"] == 18.7
    assert bool(result["poverty_source_mirror"])


def test_commune_figure_holds_only_for_its_own_unit(poverty):
    # 4.66% is the pre-2025 Hữu Kiệm (2024 code 16861) ...
    assert poverty.loc[("2024", "16861"), "poverty_rate_pct"] == 4.66
    # ... not Hữu Lập, which had code 16849 in 2024 ...
    assert poverty.loc[("2024", "16849"), "poverty_level"] == "district"
    # ... nor the merged 2025 Hữu Kiệm (code 16849).
    assert poverty.loc[("2025", "16849"), "poverty_level"] == "district"
    assert poverty.loc[("2025", "16849"), "poverty_rate_pct"] == 42.21


def test_crosswalk_carries_figures_only_across_unchanged_communes(catalogue, table, communes):
    crosswalk = read_crosswalk(catalogue=catalogue)
    result = poverty_for_communes(table=table, communes=communes, crosswalk=crosswalk)
    result = result.set_index(["edition", "code"])
    son_dien_2024 = result.loc[("2024", "15022")]
    assert son_dien_2024["poverty_rate_pct"] == 20.25
    assert son_dien_2024["poverty_level"] == "commune"
    assert "other edition" in son_dien_2024["poverty_note"]
    # Hữu Kiệm was merged in 2025: its 2024 figure does not move to the 2025 commune
    assert result.loc[("2025", "16849"), "poverty_level"] == "district"
    # Tân Thành went into Lao Bảo: no commune figure for Lao Bảo
    assert result.loc[("2025", "19432"), "poverty_level"] == "district"


def test_generalised_latest_indicator_for_income_and_forest(table, communes):
    income = latest_indicator(
        table=table, communes=communes, indicator="income_per_capita_mvnd_year", prefix="income"
    ).set_index(["edition", "code"])
    assert income.loc[("2025", "16813"), "income_per_capita_mvnd_year"] == 32.0
    assert "lower bound" in income.loc[("2025", "16813"), "income_note"]
    assert income.loc[("2025", "15013"), "income_per_capita_mvnd_year"] == 28.0
    assert income.loc[("2025", "15013"), "income_year"] == 2022
    forest = latest_indicator(table=table, communes=communes, indicator="forest_cover_pct")
    forest = forest.set_index(["edition", "code"])
    assert forest.loc[("2024", "15013"), "forest_cover_pct"] == 89.2
    assert forest.loc[("2024", "15013"), "forest_cover_pct_year"] == 2023
    assert forest.loc[("2025", "19489"), "forest_cover_pct"] == 43.77


def test_district_names_with_prefix_are_accepted(table):
    communes = pd.DataFrame(
        {"code": ["16816"], "former_district": ["Huyện Kỳ Sơn"], "edition": [2024]}
    )
    result = poverty_for_communes(table=table, communes=communes)
    assert result["poverty_rate_pct"].item() == 42.21


def test_latest_indicator_needs_edition(table):
    with pytest.raises(ValueError, match="edition"):
        poverty_for_communes(
            table=table, communes=pd.DataFrame({"code": ["15022"], "former_district": ["Quan Sơn"]})
        )


@pytest.mark.parametrize(
    ("text", "value", "note"),
    [
        ("42.21", 42.21, ""),
        ("203.409", 203.409, ""),
        (">82", 82.0, "lower bound (stated as '>82')"),
        ("more than 80", 80.0, "lower bound (stated as 'more than 80')"),
        ("nearly 7 (with Noọng Hét)", 7.0, "approximate (stated as 'nearly 7 (with Noọng Hét)')"),
        ("86.2 thousand", 86200.0, "stated as '86.2 thousand'"),
        ("20 of 21 communes/townships", 20.0, "stated as '20 of 21 communes/townships'"),
    ],
)
def test_parse_stated_value(text, value, note):
    assert parse_stated_value(text) == (value, note)


@pytest.mark.parametrize("text", ["Động Bo Cúng", "'hàng chục' (dozens)", "20,000–30,000", ""])
def test_parse_stated_value_rejects_non_numbers(text):
    with pytest.raises(ValueError):
        parse_stated_value(text)


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2020", 2020),
        ("2024-12-31", 2024),
        ("c.2016", 2016),
        ("2021-2023", 2023),
        ("2025 (est.)", 2025),
        ("not stated (NTM recognition ceremony)", None),
        ("12 June (year not stated)", None),
        ("", None),
    ],
)
def test_parse_stated_year(text, year):
    parsed, note = parse_stated_year(text)
    assert parsed == year
    if year is None:
        assert note.startswith("year not stated")
    if text not in ("2020", "2024-12-31"):
        assert note


def test_validate_table_rejects_bad_tables(table):
    with pytest.raises(SchemaError, match="missing columns"):
        validate_table(table.drop(columns="note"))
    with pytest.raises(SchemaError, match="unit_level"):
        validate_table(table.assign(unit_level="village"))
    bad = table.copy()
    bad.loc[0, "value"] = np.nan
    with pytest.raises(SchemaError, match="'value' is missing"):
        validate_table(bad)
    with pytest.raises(SchemaError, match="'source' is empty"):
        validate_table(table.assign(source=""))


def test_indicator_on_a_multi_commune_fact_is_refused(catalogue, tmp_path):
    mapping = pd.read_csv(FACTS_MAP_FILE, dtype=str, keep_default_na=False)
    mapping.loc[mapping["row"] == "74", "indicator_key"] = "households"
    broken = tmp_path / "facts_map.csv"
    mapping.to_csv(broken, index=False)
    with pytest.raises(DataFileError, match=r"row 74.*one commune, district or province"):
        build(catalogue=catalogue, map_file=broken)


def test_indicator_on_a_compound_value_is_refused(catalogue, tmp_path):
    mapping = pd.read_csv(FACTS_MAP_FILE, dtype=str, keep_default_na=False)
    mapping.loc[mapping["row"] == "88", "indicator_key"] = "landslide_hotspots"
    broken = tmp_path / "facts_map.csv"
    mapping.to_csv(broken, index=False)
    with pytest.raises(DataFileError, match=r"row 88.*clear its indicator_key"):
        build(catalogue=catalogue, map_file=broken)
