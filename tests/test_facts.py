"""The cited facts and their hand-made classification (data/facts_map.csv)."""

from __future__ import annotations

import hashlib

import geopandas as gpd
import pandas as pd
import pytest

from geo.errors import DataFileError
from geo.vocabulary import POVERTY_STANDARDS, standard_of_year
from layers import facts as facts_module
from layers.facts import (
    CATEGORIES,
    DISTRICTS,
    FACTS_MAP_FILE,
    PROVINCES,
    UNIT_LEVELS,
    citation,
    fact_key,
    facts_about,
    load_facts,
)

MIRRORS = (
    "88tysobongda.com",
    "ks4t.manatee-boating.org",
    "mayaobongda.net",
    "anonyproxies.com",
    "hanghieugiatot.com",
    "tinnhanhbdsnghean-hatinh.com",
    "123docz.net",
)
"""Mirror or low-quality pages listed in facts_cited_notes.md as "to re-verify"."""


@pytest.fixture(scope="module")
def facts(catalogue) -> pd.DataFrame:
    return load_facts(catalogue=catalogue)


@pytest.fixture(scope="module")
def codes(catalogue) -> dict[str, set[str]]:
    result = {}
    for edition, key in (("2024", "communes_2024"), ("2025", "communes_2025")):
        frame = gpd.read_file(catalogue.path(key), ignore_geometry=True)
        result[edition] = set(frame["code"].astype(str))
    return result


def test_every_fact_row_is_classified(catalogue, facts):
    raw = pd.read_csv(catalogue.path("facts"), dtype=str, keep_default_na=False)
    assert len(raw) == 219
    assert len(facts) == len(raw)
    assert facts["row"].tolist() == list(range(1, len(raw) + 1))
    assert facts["category"].isin(CATEGORIES).all()
    assert facts["unit_level"].isin(UNIT_LEVELS).all()
    # the map's informational row numbers still match the facts file
    mapping = pd.read_csv(FACTS_MAP_FILE, dtype=str, keep_default_na=False)
    by_key = facts.set_index("fact_key")["row"]
    assert (mapping["fact_key"].map(by_key) == mapping["row"].astype(int)).all()


def test_fact_key_is_sha1_of_area_indicator_value_url(facts):
    first = facts.iloc[0]
    text = "|".join([first["area"], first["indicator"], first["value"], first["source_url"]])
    assert first["fact_key"] == hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
    assert (
        fact_key(
            area=first["area"],
            indicator=first["indicator"],
            value=first["value"],
            source_url=first["source_url"],
        )
        == first["fact_key"]
    )


def test_every_unit_code_exists_in_its_edition(facts, codes):
    problems = []
    for _, fact in facts.iterrows():
        level, listed = fact["unit_level"], fact["unit_codes"]
        parts = [p for p in listed.split(";") if p]
        if level in ("commune_2024", "multi_commune"):
            known = codes["2024"]
        elif level == "commune_2025":
            known = codes["2025"]
        elif level == "district":
            known = set(DISTRICTS)
        elif level == "province":
            known = set(PROVINCES)
        else:
            known = codes["2024"] | set(DISTRICTS)
        if not parts:
            problems.append((fact["row"], "no unit"))
        problems += [(fact["row"], p) for p in parts if p not in known]
        if level == "multi_commune" and len(parts) < 2:
            problems.append((fact["row"], "multi_commune with one code"))
    assert problems == []


def test_nam_can_and_nam_can_are_not_confused(facts):
    # Kỳ Sơn had Nậm Cắn (16837) and Nậm Càn (16873): folding diacritics would merge them.
    for _, fact in facts.iterrows():
        parts = fact["unit_codes"].split(";")
        if "16873" in parts:
            assert "Nậm Càn" in fact["area"] + fact["value"] + fact["comment"], fact["row"]
        if "16837" in parts and fact["unit_level"] != "commune_2025":
            assert "Nậm Cắn" in fact["area"] + fact["value"], fact["row"]
    row_71 = facts.loc[facts["row"] == 71, "unit_codes"].item().split(";")
    assert "16837" in row_71
    assert "16873" not in row_71


def test_known_rows_are_classified_as_read(facts):
    by_row = facts.set_index("row")
    assert by_row.loc[2, ["indicator_key", "unit_level", "unit_codes"]].tolist() == [
        "poverty_rate_pct",
        "district",
        "Kỳ Sơn",
    ]
    assert by_row.loc[134, ["unit_level", "unit_codes", "standard"]].tolist() == [
        "commune_2025",
        "15022",
        "2021-2025",
    ]
    # 'theo chuẩn cũ' in 2020: the multidimensional standard of 2016-2020
    assert by_row.loc[132, "standard"] == "2016-2020"
    # the pre-2025 Hữu Kiệm (2024 code 16861), not the merged 2025 Hữu Kiệm (2025 code 16849)
    assert by_row.loc[61, ["unit_level", "unit_codes"]].tolist() == ["commune_2024", "16861"]
    assert by_row.loc[24, ["category", "site_name"]].tolist() == ["site", "Động Bo Cúng"]
    # a target is not an observed poverty rate
    assert by_row.loc[147, "indicator_key"] == ""
    # province context is not mapped to a district
    for row in (100, 101, 102, 176, 177):
        assert by_row.loc[row, "unit_level"] == "province"
        assert by_row.loc[row, "indicator_key"] == ""


def test_poverty_rate_rows_state_their_standard(facts):
    rates = facts[facts["indicator_key"] == "poverty_rate_pct"]
    assert len(rates) == 12
    assert rates["standard"].isin(POVERTY_STANDARDS).all()
    # no poverty rate is left without a standard: each is named by its quote or inferred
    assert not (rates["standard"] == "unknown").any()
    by_row = facts.set_index("row")["standard"]
    expected = {
        2: "2016-2020",  # Kỳ Sơn 42.21 % (2020)
        191: "2021-2025",  # Quan Sơn 30.02 %, no year, reported 07/2024
        132: "2016-2020",  # Sơn Điện 6.71 % (2020)
        133: "2021-2025",  # Sơn Điện 40.29 % (2021)
        134: "2021-2025",  # Sơn Điện 20.25 % (2024)
        61: "new_rural",  # Hữu Kiệm 4.66 % at the NTM appraisal
        65: "new_rural",  # Tân Thành 4.99 % at NTM recognition
        143: "2016-2020",  # Hướng Hóa 31.17 % (2017)
    }
    assert {row: by_row[row] for row in expected} == expected


def test_standards_inferred_from_the_year_say_so(facts):
    rates = facts[facts["indicator_key"] == "poverty_rate_pct"].set_index("row")
    # the quote names no standard: the comment says it was inferred
    for row in (1, 2, 141, 142, 143, 146, 191):
        assert "inferred from the" in rates.loc[row, "comment"], row
    assert "reported 07/2024" in rates.loc[191, "comment"]
    # an inferred standard is the national standard in force in the stated year
    for row in (1, 2, 141, 142, 143, 146):
        assert rates.loc[row, "standard"] == standard_of_year(int(rates.loc[row, "year"])), row
    # the quote names it: nothing inferred
    for row in (65, 133):
        assert "inferred" not in rates.loc[row, "comment"], row


def test_non_poverty_rows_carry_no_standard(facts):
    assert (facts.loc[facts["category"] != "poverty", "standard"] == "").all()


def test_old_standard_words_are_refused(catalogue, tmp_path):
    mapping = pd.read_csv(FACTS_MAP_FILE, dtype=str, keep_default_na=False)
    mapping.loc[mapping["row"] == "132", "standard"] = "old"
    mapping.to_csv(tmp_path / "facts_map.csv", index=False)
    with pytest.raises(DataFileError, match="standard 'old'"):
        load_facts(catalogue=catalogue, map_file=tmp_path / "facts_map.csv")


def test_site_rows_have_names(facts):
    sites = facts[facts["category"] == "site"]
    assert len(sites) > 20
    assert (sites["site_name"].str.strip() != "").all()
    assert (facts.loc[facts["category"] != "site", "site_name"] == "").all()


def test_mirror_and_low_quality_pages_are_flagged(facts):
    for host in MIRRORS:
        rows = facts[facts["source_url"].str.contains(host, regex=False)]
        assert len(rows), host
        assert rows["comment"].str.contains("verify").all(), host
        # ... and so is every citation of them, as a field and in words
        assert rows["source_mirror"].all(), host
        assert rows["citation"].str.contains("bản sao, cần kiểm chứng / mirror, verify").all()
    assert facts.loc[facts["source_outlet"] == "baothanhhoa.vn", "source_mirror"].eq(False).all()


def test_every_citation_can_be_followed(facts):
    for _, fact in facts.iterrows():
        text = fact["citation"]
        assert "proxy" not in text.lower() and ".csv" not in text, fact["row"]
        if fact["source_url"]:
            assert fact["source_url"] in text and fact["source_link"] == fact["source_url"]
        else:
            # the seed reports with no original article: what is known, and "no link"
            assert "không có đường dẫn / no link" in text
            assert "không rõ / unknown" in text
            assert fact["source_title"] in text
    # outlet, headline and date of a news report
    quan_son = facts.set_index("row").loc[191, "citation"]
    assert quan_son.startswith("baothanhhoa.vn: “Quan Sơn cần khai thác")
    assert ", 07/2024 — https://baothanhhoa.vn/" in quan_son


def test_citation_of_a_copy_names_the_original_it_quotes(facts):
    yearbook = facts.set_index("row").loc[143]
    assert yearbook["source_origin"] == "Niên giám thống kê huyện Hướng Hóa 2017"
    assert yearbook["citation"].startswith("Niên giám thống kê huyện Hướng Hóa 2017 (")
    assert facts.set_index("row").loc[146, "source_origin"] == ""


def test_citation_in_one_language():
    fact = {
        "source_url": "",
        "source_title": "T",
        "source_outlet": "không rõ / unknown",
        "source_date": "not stated",
    }
    assert citation(fact, lang="en") == "unknown: “T”, date unknown — no link"
    assert citation(fact, lang="vi") == "không rõ: “T”, ngày không rõ — không có đường dẫn"


def test_unclassified_fact_is_an_error_naming_the_row(catalogue, tmp_path):
    mapping = pd.read_csv(FACTS_MAP_FILE, dtype=str, keep_default_na=False)
    key_17 = mapping.loc[mapping["row"] == "17", "fact_key"].item()
    broken = tmp_path / "facts_map.csv"
    mapping[mapping["row"] != "17"].to_csv(broken, index=False)
    with pytest.raises(DataFileError) as error:
        load_facts(catalogue=catalogue, map_file=broken)
    assert "row 17" in str(error.value)
    assert key_17 in str(error.value)
    assert "add a line" in str(error.value)


def test_mapping_that_points_at_no_fact_is_an_error(catalogue, tmp_path):
    mapping = pd.read_csv(FACTS_MAP_FILE, dtype=str, keep_default_na=False)
    extra = mapping.iloc[[0]].assign(row="999", fact_key="0123456789ab")
    broken = tmp_path / "facts_map.csv"
    pd.concat([mapping, extra]).to_csv(broken, index=False)
    with pytest.raises(DataFileError, match=r"0123456789ab.*matches no fact"):
        load_facts(catalogue=catalogue, map_file=broken)


def test_unknown_category_is_an_error(catalogue, tmp_path):
    mapping = pd.read_csv(FACTS_MAP_FILE, dtype=str, keep_default_na=False)
    mapping.loc[0, "category"] = "weather"
    broken = tmp_path / "facts_map.csv"
    mapping.to_csv(broken, index=False)
    with pytest.raises(DataFileError, match="category 'weather'"):
        load_facts(catalogue=catalogue, map_file=broken)


def test_missing_map_file_is_an_error(catalogue, tmp_path):
    with pytest.raises(DataFileError, match=r"facts_map\.csv"):
        load_facts(catalogue=catalogue, map_file=tmp_path / "facts_map.csv")


def test_facts_about_explodes_communes_with_their_edition(catalogue):
    events = facts_about(catalogue=catalogue, categories=["flood_event", "landslide_event"])
    assert set(events["category"]) == {"flood_event", "landslide_event"}
    assert set(events["edition"]) == {"2024", "2025"}
    row_74 = events[events["row"] == 74]
    assert len(row_74) == 12
    assert set(row_74["edition"]) == {"2024"}
    assert "19441" in set(row_74["code"])
    sa_na = events[events["row"] == 93]
    assert sa_na[["code", "edition"]].values.tolist() == [["15013", "2025"]]
    # district-level facts are not placed at communes
    assert "district" not in set(events["unit_level"])


def test_facts_about_sites(catalogue):
    sites = facts_about(catalogue=catalogue, categories=["site"])
    bo_cung = sites[sites["site_name"] == "Động Bo Cúng"]
    assert set(zip(bo_cung["code"], bo_cung["edition"], strict=True)) == {("15010", "2024")}


def test_facts_about_rejects_unknown_category(catalogue):
    with pytest.raises(ValueError, match="Unknown categories"):
        facts_about(catalogue=catalogue, categories=["sites"])


def test_module_exports_the_map_file_path():
    assert FACTS_MAP_FILE.name == "facts_map.csv"
    assert facts_module.FACTS_MAP_FILE.is_file()
