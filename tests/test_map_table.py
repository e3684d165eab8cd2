"""The table under the map and its CSV/XLSX: every figure with its provenance, every row."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from i18n.messages import message
from layers.commune_view import INDICATORS, commune_view
from tests.test_internal_markers import leaks
from ui.downloads import csv_bytes, xlsx_bytes
from ui.map_table import commune_table, download_table, table_columns


@pytest.fixture(scope="module", params=["2025", "2024"])
def view(request, atlas):
    return commune_view(atlas, edition=request.param)


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("item", [i for i in INDICATORS if i.kind == "number"], ids=lambda i: i.key)
def test_every_row_says_year_level_and_source_of_each_figure(view, item, lang) -> None:
    poverty = next(i for i in INDICATORS if i.key == "poverty_rate_pct")
    table = commune_table(view, indicators=[poverty, item], lang=lang)
    assert len(table) == len(view)
    for shown in {poverty.key: poverty, item.key: item}.values():
        label = shown.label_vi if lang == "vi" else shown.label_en
        prefix = f"{label}: " if shown.key != poverty.key or item.key != poverty.key else ""
        for column in ("provenance.col.year", "provenance.col.level", "provenance.col.source"):
            header = f"{prefix}{message(column, lang)}"
            cells = table[header].astype(str).str.strip()
            has_figure = table[label].astype(str).str.strip() != ""
            assert (cells[has_figure] != "").all(), (shown.key, header)
            assert not cells.str.fullmatch(r"\d{4}\.0").any(), "a year is a whole number"
    assert leaks(table.astype(str).to_numpy().ravel()) == []


def test_na_meo_income_is_the_former_district_figure_of_2022(atlas) -> None:
    view = commune_view(atlas, edition="2025")
    income = next(i for i in INDICATORS if i.key == "income_per_capita_mvnd_year")
    table = commune_table(view, indicators=[income], lang="en").set_index("Code")
    row = table.loc["15013"]
    assert (row["Income per person"], row["Year"]) == ("28", "2022")
    assert row["Level"] == "former district Quan Sơn"


def test_the_table_writes_figures_as_the_legend_does(atlas) -> None:
    view = commune_view(atlas, edition="2025").set_index("code", drop=False)
    poverty = next(i for i in INDICATORS if i.key == "poverty_rate_pct")
    for lang, expected in (("vi", "30,02"), ("en", "30.02")):
        table = commune_table(view, indicators=[poverty], lang=lang)
        cells = dict(
            zip(
                table.iloc[:, 0],
                table[poverty.label_vi if lang == "vi" else poverty.label_en],
                strict=True,
            )
        )
        assert cells["15013"] == expected  # Na Mèo shows Quan Sơn's 30.02 %


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_phone_sees_the_key_columns_and_the_rest_on_demand(atlas, lang) -> None:
    view = commune_view(atlas, edition="2025")
    by_key = {i.key: i for i in INDICATORS}
    shown = [by_key["poverty_rate_pct"], by_key["forest_cover_pct"]]
    table = commune_table(view, indicators=shown, lang=lang)
    label = shown[1].label_vi if lang == "vi" else shown[1].label_en
    key = table_columns(table, indicators=shown, lang=lang, full=False)
    assert key == [
        message("map.field.name", lang),
        message("map.field.former_district", lang),
        label,
        f"{label}: {message('provenance.col.year', lang)}",
        f"{label}: {message('provenance.col.level', lang)}",
    ]
    assert table_columns(table, indicators=shown, lang=lang, full=True) == list(table.columns)
    assert len(table.columns) > 20


def test_downloads_carry_the_provenance_columns_and_numbers(atlas) -> None:
    view = commune_view(atlas, edition="2025")
    poverty = next(i for i in INDICATORS if i.key == "poverty_rate_pct")
    population = next(i for i in INDICATORS if i.key == "population")
    table = download_table(view, indicators=[poverty], lang="vi")
    screen = commune_table(view, indicators=[poverty], lang="vi")
    assert set(screen.columns) < set(table.columns), "the download has every column shown"
    from_csv = pd.read_csv(io.BytesIO(csv_bytes(table)), dtype=str, keep_default_na=False)
    from_xlsx = pd.read_excel(io.BytesIO(xlsx_bytes(table, sheet="communes")))
    for frame in (from_csv, from_xlsx):
        assert {"Năm", "Cấp số liệu", "Chuẩn nghèo", "Nguồn", "Cách có số liệu"} <= set(
            frame.columns
        )
    son_dien = from_csv[from_csv["Mã"] == "15022"].iloc[0]
    assert (son_dien["Tỷ lệ hộ nghèo"], son_dien["Năm"]) == ("20.25", "2024")
    son_dien = from_xlsx[from_xlsx["Mã"].astype(str) == "15022"].iloc[0]
    assert (son_dien["Tỷ lệ hộ nghèo"], son_dien["Năm"]) == (20.25, 2024)  # numbers in Excel
    assert son_dien["Tỷ lệ hộ nghèo: Số liệu (như nguồn ghi)"] == "20,25"
    people = download_table(view, indicators=[population], lang="en")
    assert str(people["Population"].dtype) == "Int64", "a person count is a whole number"
    income = next(i for i in INDICATORS if i.key == "income_per_capita_mvnd_year")
    stated = download_table(view, indicators=[income], lang="vi").set_index("Mã").loc["16813"]
    assert stated["Thu nhập bình quân đầu người"] == 32
    assert stated["Thu nhập bình quân đầu người: Số liệu (như nguồn ghi)"].startswith("trên 32")
