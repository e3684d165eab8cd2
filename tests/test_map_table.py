"""The table under the map and its CSV/XLSX: every figure with its provenance, every row."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from i18n.messages import message
from layers.commune_view import INDICATORS, commune_view
from tests.test_internal_markers import leaks
from ui.downloads import csv_bytes, xlsx_bytes
from ui.map_table import commune_table


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


def test_downloads_carry_the_provenance_columns(atlas) -> None:
    view = commune_view(atlas, edition="2025")
    poverty = next(i for i in INDICATORS if i.key == "poverty_rate_pct")
    table = commune_table(view, indicators=[poverty], lang="vi")
    from_csv = pd.read_csv(io.BytesIO(csv_bytes(table)), dtype=str, keep_default_na=False)
    from_xlsx = pd.read_excel(io.BytesIO(xlsx_bytes(table, sheet="communes")), dtype=str)
    for frame in (from_csv, from_xlsx):
        assert {"Năm", "Cấp số liệu", "Chuẩn nghèo", "Nguồn", "Cách có số liệu"} <= set(
            frame.columns
        )
        son_dien = frame[frame["Mã"] == "15022"].iloc[0]
        assert (son_dien["Tỷ lệ hộ nghèo"], son_dien["Năm"]) == ("20,25", "2024")
