"""Every figure the map shows can be followed, compared or is flagged, and says where it is from.

Sơn Điện (unchanged by the 2025 merger) shows its own figure in both editions; Hướng Hóa's
district yearbook figure wins over a later one read only on a copied page, and the conflict is
said; each poverty rate carries its standard; the filters never rank an undated figure silently;
the provenance table and the commune facts carry source, year and level for every row.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geo.vocabulary import FIGURE_LEVELS, FIGURE_METHODS, POVERTY_STANDARDS, VALUE_QUALIFIERS
from i18n.messages import LANGS, message
from layers.commune_view import (
    INDICATORS,
    PROVENANCE_COLUMNS,
    commune_view,
    crosswalk_of,
    provenance_headers,
    provenance_table,
)
from layers.crosswalk import read_crosswalk
from layers.facts import FACT_LEVELS, facts_for_commune, load_facts
from layers.filters import Filters, matches, mix_notices, poverty_mix
from tests.test_internal_markers import INTERNAL_MARKERS as MARKERS

HUONG_HOA_2025 = ["19429", "19432", "19435", "19441", "19462", "19483", "19489"]
NOT_STATED = {"không nêu năm", "year not stated", "không theo một năm", "no single year"}
NO_FIGURE = {"không có số liệu", "no figure"}


@pytest.fixture(scope="module")
def views(atlas) -> dict[str, pd.DataFrame]:
    return {edition: commune_view(atlas, edition=edition) for edition in ("2025", "2024")}


@pytest.fixture(scope="module")
def facts(catalogue) -> pd.DataFrame:
    return load_facts(catalogue=catalogue)


def _by_code(view: pd.DataFrame) -> pd.DataFrame:
    return view.set_index(view["code"].astype(str))


def test_every_code_of_the_vocabularies_has_words():
    for lang in LANGS:
        for code in POVERTY_STANDARDS:
            assert message(f"provenance.standard.{code}", lang)
        for code in FIGURE_METHODS:
            assert message(f"provenance.method.{code}", lang)
        for code in FIGURE_LEVELS:
            assert message(f"provenance.level.{code}", lang, district="Kỳ Sơn")
        for code in VALUE_QUALIFIERS[1:]:
            assert "32" in message(f"provenance.qualifier.{code}", lang, value="32")


# -- one commune, one figure -----------------------------------------------------------------


@pytest.mark.parametrize("edition", ["2025", "2024"])
def test_son_dien_shows_its_own_2024_rate_in_both_editions(views, edition):
    son_dien = _by_code(views[edition]).loc["15022"]
    assert son_dien["poverty_rate_pct"] == 20.25
    assert son_dien["poverty_rate_pct_year"] == 2024
    assert son_dien["poverty_rate_pct_level"] == "commune"
    assert son_dien["poverty_rate_pct_standard"] == "2021-2025"
    row = provenance_table(
        views[edition][views[edition]["code"] == "15022"], indicator="poverty_rate_pct", lang="en"
    ).iloc[0]
    assert (row["value"], row["year"], row["level"]) == ("20.25", "2024", "commune")
    assert row["standard"].startswith("multidimensional standard 2021–2025")
    assert row["source_link"].startswith("https://baodantoc.vn/")


def test_the_crosswalk_of_the_atlas_is_the_bundle_crosswalk(atlas, catalogue):
    ours = crosswalk_of(atlas)[["code_2024", "code_2025"]].astype(str)
    bundle = read_crosswalk(catalogue=catalogue)[["code_2024", "code_2025"]].astype(str)
    key = ["code_2024", "code_2025"]
    assert set(map(tuple, ours[key].to_numpy())) == set(map(tuple, bundle[key].to_numpy()))


# -- official over mirror --------------------------------------------------------------------


def test_huong_hoa_shows_the_yearbook_rate_and_says_a_copy_disagrees(views):
    rows = _by_code(views["2025"]).loc[HUONG_HOA_2025]
    assert (rows["poverty_rate_pct"] == 31.17).all()
    assert (rows["poverty_rate_pct_year"] == 2017).all()
    assert (rows["poverty_rate_pct_level"] == "district").all()
    assert rows["poverty_rate_pct_conflict"].all()
    assert rows["poverty_rate_pct_note"].str.contains("18.7 (2018)", regex=False).all()
    # the yearbook figure is itself read on a re-hosted thesis: flagged, with the original
    assert rows["poverty_rate_pct_source_mirror"].all()
    assert (
        rows["poverty_rate_pct_source"].str.startswith("Niên giám thống kê huyện Hướng Hóa").all()
    )
    for lang, words in (("vi", "các nguồn không thống nhất"), ("en", "sources disagree")):
        table = provenance_table(views["2025"], indicator="poverty_rate_pct", lang=lang)
        huong_hoa = table[table["code"].isin(HUONG_HOA_2025)]
        assert huong_hoa["note"].str.contains(words).all()
        assert huong_hoa["mirror"].all()
    # the 2024 edition agrees (Tân Thành keeps its own figure)
    old = _by_code(views["2024"])
    old = old[(old["former_district"] == "Hướng Hóa") & (old["code"] != "19456")]
    assert (old["poverty_rate_pct"] == 31.17).all()


# -- the provenance table --------------------------------------------------------------------


@pytest.mark.parametrize("edition", ["2025", "2024"])
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("key", [item.key for item in INDICATORS])
def test_every_provenance_row_says_year_level_and_source(views, edition, lang, key):
    view = views[edition]
    table = provenance_table(view, indicator=key, lang=lang)
    assert list(table.columns) == list(PROVENANCE_COLUMNS)
    assert len(table) == len(view)
    assert table["code"].tolist() == view["code"].astype(str).tolist()
    for column in ("value", "year", "level", "method", "source"):
        assert (table[column].str.strip() != "").all(), column
    years = table["year"]
    assert (years.str.fullmatch(r"\d{4}") | years.isin(NOT_STATED | NO_FIGURE)).all()
    assert not years.str.contains(r"\.0\b").any()
    cells = [*provenance_headers(lang).values(), *table.astype(str).to_numpy().ravel()]
    leaks = [cell for cell in cells if any(m.lower() in cell.lower() for m in MARKERS)]
    assert leaks == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_poverty_rows_name_their_standard(views, lang):
    table = provenance_table(views["2025"], indicator="poverty_rate_pct", lang=lang)
    assert (table["standard"] != "").all()
    income = provenance_table(views["2025"], indicator="income_per_capita_mvnd_year", lang=lang)
    assert (income["standard"] == "").all()


def test_undated_figures_say_so_and_when_they_were_reported(views):
    table = provenance_table(views["2025"], indicator="poverty_rate_pct", lang="en")
    na_meo = table.set_index("code").loc["15013"]
    assert (na_meo["value"], na_meo["year"]) == ("30.02", "year not stated")
    assert na_meo["level"] == "former district Quan Sơn"
    assert "reported 07/2024" in na_meo["note"]
    vi = provenance_table(views["2025"], indicator="poverty_rate_pct", lang="vi")
    assert vi.set_index("code").loc["15013", "year"] == "không nêu năm"
    assert vi.set_index("code").loc["15013", "value"] == "30,02"


def test_na_meo_income_is_the_former_district_figure_of_2022(views):
    for lang, level in (("vi", "huyện cũ Quan Sơn"), ("en", "former district Quan Sơn")):
        table = provenance_table(views["2025"], indicator="income_per_capita_mvnd_year", lang=lang)
        na_meo = table.set_index("code").loc["15013"]
        assert (na_meo["value"], na_meo["year"], na_meo["level"]) == ("28", "2022", level)


def test_muong_xen_income_keeps_over_and_estimate(views):
    for lang, value in (("en", "over 32 (estimate 2025)"), ("vi", "trên 32 (ước tính 2025)")):
        table = provenance_table(views["2025"], indicator="income_per_capita_mvnd_year", lang=lang)
        muong_xen = table.set_index("code").loc["16813"]
        assert muong_xen["value"] == value
        assert muong_xen["level"] in ("xã", "commune")


def test_population_density_and_risk_say_how_they_were_obtained(views):
    new = provenance_table(views["2025"], indicator="population", lang="en")
    assert set(new["method"]) == {"2025 published figure"}
    assert set(new["year"]) == {"2025"}
    old = provenance_table(views["2024"], indicator="population", lang="en")
    assert set(old["method"]) == {"2019 census"}
    density = provenance_table(views["2025"], indicator="density", lang="en")
    assert set(density["method"]) == {"computed: population ÷ area"}
    risk = provenance_table(views["2025"], indicator="risk_class", lang="vi")
    assert set(risk["year"]) == {"không theo một năm"}


def test_provenance_of_an_unknown_indicator_is_refused(views):
    with pytest.raises(KeyError, match="no indicator"):
        provenance_table(views["2025"], indicator="rainfall", lang="en")


# -- imported indicators ---------------------------------------------------------------------


def test_imported_years_are_whole_numbers(atlas):
    figures = pd.DataFrame(
        {
            "code": ["15013", "16813"],
            "value": [35.5, 12.0],
            "year": [2024.0, 2023.0],
            "source": ["Khảo sát của nhóm", "UBND xã"],
            "note": ["nhập bởi an lúc 2026-01-01 từ khao_sat.csv", ""],
        }
    )
    view = commune_view(
        atlas, edition="2025", imported={"school_km": figures, "poverty_rate_pct": figures}
    )
    for key in ("school_km", "poverty_rate_pct"):
        assert str(view[f"{key}_year"].dtype) == "Int64"
        row = _by_code(view).loc["15013"]
        assert row[f"{key}_year"] == 2024 and row[f"{key}_method"] == "user_import"
        table = provenance_table(view, indicator=key, lang="en", unit="km")
        na_meo = table.set_index("code").loc["15013"]
        assert (na_meo["year"], na_meo["method"], na_meo["level"]) == (
            "2024",
            "2024",
            "user import",
            "commune",
        )[1:]
        assert not any(".csv" in cell for cell in table.astype(str).to_numpy().ravel())
    # a user's poverty figure has no known standard
    assert _by_code(view).loc["15013", "poverty_rate_pct_standard"] == "unknown"
    # communes without an imported figure have none (not a guessed 0)
    assert pd.isna(_by_code(view).loc["15022", "school_km"])


# -- filters and the mix notice --------------------------------------------------------------


def test_filters_default_to_off():
    assert Filters().poverty_standard is None and Filters().poverty_year_from is None
    assert not Filters().active
    assert Filters(poverty_standard="2021-2025").active


def test_standard_filter_keeps_only_dated_figures_of_that_standard(views):
    view = views["2025"]
    chosen = view.loc[matches(view, Filters(poverty_standard="2021-2025")), "code"]
    # Quan Sơn's 30.02 % is under 2021-2025 too, but states no year: not ranked
    assert chosen.tolist() == ["15022"]
    old = view.loc[matches(view, Filters(poverty_standard="2016-2020")), "former_district"]
    assert set(old) == {"Kỳ Sơn", "Hướng Hóa"}
    assert len(old) == 12 + 7


def test_year_filter_drops_older_and_undated_figures(views):
    view = views["2025"]
    chosen = view[matches(view, Filters(poverty_year_from=2020))]
    assert set(chosen["former_district"]) == {"Kỳ Sơn", "Quan Sơn"}
    assert chosen.loc[chosen["former_district"] == "Quan Sơn", "code"].tolist() == ["15022"]
    assert chosen["poverty_rate_pct_year"].min() >= 2020


def test_without_restriction_undated_figures_match_but_are_counted(views):
    view = views["2025"]
    mask = matches(view, Filters(poverty_min=30))
    assert mask[view["code"] == "15013"].item()  # Na Mèo: 30.02 %, undated
    mix = poverty_mix(view, mask)
    assert mix.n_undated == 7  # the seven Quan Sơn communes on the district's undated rate
    assert not mix.comparable


def test_poverty_mix_of_the_three_areas_reports_mixed_standards(views):
    mix = poverty_mix(views["2025"])
    assert mix.standards == {"2016-2020", "2021-2025"}
    assert mix.standards <= set(POVERTY_STANDARDS)
    assert mix.mixed_standards and mix.mixed_years and mix.mixed_levels
    assert mix.years == {2017, 2020, 2024}
    assert (mix.n_figures, mix.n_undated, mix.n_missing) == (27, 7, 0)
    for lang in ("vi", "en"):
        notices = mix_notices(mix, lang=lang)
        assert len(notices) == 4
        assert "2016–2020" in notices[0] and "2021–2025" in notices[0]
    # one area alone: Kỳ Sơn is all 2016-2020, 2020, former district
    ky_son = poverty_mix(views["2025"], views["2025"]["former_district"] == "Kỳ Sơn")
    assert ky_son.comparable and mix_notices(ky_son, lang="en") == []


# -- the facts about one commune -------------------------------------------------------------


def test_son_dien_has_the_same_facts_in_both_editions(atlas, facts):
    crosswalk = crosswalk_of(atlas)
    new = facts_for_commune(
        facts, code="15022", edition="2025", former_district="Quan Sơn", crosswalk=crosswalk
    )
    old = facts_for_commune(
        facts, code="15022", edition="2024", former_district="Huyện Quan Sơn", crosswalk=crosswalk
    )
    assert new["fact_key"].tolist() == old["fact_key"].tolist()
    own = new[new["level"] == "commune"]
    assert {"6.71 % of households", "40.29 % of households", "20.25 % of households"} <= set(
        own["figure"]
    )
    district = new[new["level"] == "former_district"]
    assert len(district) > 20
    about_district = (facts["unit_level"] == "district") & (facts["unit_codes"] == "Quan Sơn")
    assert set(district["fact_key"]) == set(facts.loc[about_district, "fact_key"])
    assert set(new["level"]) <= set(FACT_LEVELS)


def test_commune_facts_include_events_naming_it_and_merged_communes(atlas, facts):
    crosswalk = crosswalk_of(atlas)
    # the 2025 Hữu Kiệm holds the pre-2025 Hữu Kiệm (16861): its NTM facts are listed as such
    huu_kiem = facts_for_commune(
        facts, code="16849", edition="2025", former_district="Kỳ Sơn", crosswalk=crosswalk
    )
    merged = huu_kiem[huu_kiem["level"] == "former_commune"]
    assert "4.66 % of households" in set(merged["figure"])
    # an event naming several 2024 communes (row 74) reaches each of them
    phung = facts_for_commune(
        facts, code="19441", edition="2024", former_district="Hướng Hóa", crosswalk=crosswalk
    )
    assert 74 in set(phung.loc[phung["level"] == "commune", "row"])


def test_commune_facts_can_be_followed(atlas, facts):
    crosswalk = crosswalk_of(atlas)
    for code, edition, district in (("19429", "2025", "Hướng Hóa"), ("15013", "2025", "Quan Sơn")):
        listed = facts_for_commune(
            facts, code=code, edition=edition, former_district=district, crosswalk=crosswalk
        )
        assert len(listed) and (listed["source"].str.strip() != "").all()
        assert (listed["year"].str.strip() != "").all()
        linked = listed["source_link"] != ""
        assert all(
            link in source
            for link, source in zip(
                listed.loc[linked, "source_link"], listed.loc[linked, "source"], strict=True
            )
        )
        assert listed.loc[~linked, "source"].str.contains("không có đường dẫn / no link").all()
        copies = listed[listed["source_link"].str.contains("123docz|88tysobongda", regex=True)]
        assert copies["source_mirror"].all()
        assert copies["source"].str.contains("mirror, verify").all()
        text = " ".join(listed[["source", "figure", "indicator"]].to_numpy().ravel())
        assert not re.search(r"seeds/|\.csv|\.geojson|\.tif|proxy", text, re.IGNORECASE)


def test_commune_facts_reach_far_more_than_the_map(atlas, facts, views):
    crosswalk = crosswalk_of(atlas)
    shown_on_map = {
        key
        for view in views.values()
        for item in INDICATORS
        if f"{item.key}_fact_key" in view
        for key in view[f"{item.key}_fact_key"]
        if key
    }
    in_panels: set[str] = set()
    for edition, view in views.items():
        for code, district in zip(view["code"], view["former_district"], strict=True):
            in_panels |= set(
                facts_for_commune(
                    facts,
                    code=str(code),
                    edition=edition,
                    former_district=district,
                    crosswalk=crosswalk,
                )["fact_key"]
            )
    assert len(shown_on_map) == 14
    # every fact but the five province-level context rows reaches some commune's panel
    province = set(facts.loc[facts["unit_level"] == "province", "fact_key"])
    assert in_panels == set(facts["fact_key"]) - province
