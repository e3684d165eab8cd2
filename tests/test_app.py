"""App logic through Streamlit's AppTest: pages, filters, search, language, broken inputs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import settings

APP = str(Path(__file__).resolve().parent.parent / "app.py")
DATA_PAGE = "ui/views/data.py"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path):
    """Each test gets its own user store; the data directory is restored afterwards."""
    before = {key: os.environ.get(key) for key in (settings.DATA_DIR_ENV, settings.USER_DIR_ENV)}
    os.environ[settings.USER_DIR_ENV] = str(tmp_path / "user")
    yield
    for key, value in before.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def _run(page: str | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["area"] = "all"  # all three areas (a link without one opens one area)
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


def _matching(app: AppTest) -> int:
    text = next(m.value for m in app.markdown if "xã phù hợp" in m.value)
    return int(text.split("**")[1])


def test_data_page_lists_every_layer_with_its_count() -> None:
    app = _run(DATA_PAGE)
    layers = app.dataframe[0].value
    counts = dict(zip(layers.iloc[:, 0], layers.iloc[:, 1], strict=True))
    assert counts["Xã từ 1/7/2025 (27)"] == 27
    assert counts["Xã 2020–2025 (54)"] == 54
    assert counts["Cửa khẩu"] == 8
    assert counts["Mốc quốc giới"] == 21  # 6 known by place, 15 more known by commune
    assert counts["Tỉnh của Lào (bối cảnh)"] == 9
    assert set(layers.iloc[:, 2]) == {"sẵn sàng"}


def test_language_switch_changes_labels() -> None:
    app = _run()
    app.segmented_control(key="lang_choice").set_value("en").run()
    assert not app.exception
    assert app.selectbox(key="w_indicator").label == "Colour by"
    assert any("matching communes" in m.value for m in app.markdown)


def test_map_page_filters_by_poverty_and_risk() -> None:
    app = _run()
    assert _matching(app) == 27
    app.checkbox(key="w_pov_on").check().run()
    # Quan Sơn 7 (district 30.02 %, no year; Sơn Điện's own 20.25 % is below), Kỳ Sơn 12
    # (district 42.21 %, 2020), Hướng Hóa 7 (district 31.17 %, 2017, the official figure)
    assert _matching(app) == 26
    notices = " ".join(w.value for w in app.warning)
    assert "nhiều chuẩn nghèo" in notices and "nhiều năm khác nhau" in notices
    assert "không nêu năm" in notices
    app.multiselect(key="w_risk").set_value(["very_high"]).run()
    very_high = _matching(app)
    assert 0 < very_high < 26
    assert app.query_params["pov"] == ["30"] or app.query_params["pov"] == "30"


def test_poverty_filter_limited_to_one_standard_ranks_no_undated_figure() -> None:
    app = _run()
    app.checkbox(key="w_pov_on").check().run()
    app.slider(key="w_pov").set_value(20).run()
    app.selectbox(key="w_pov_std").set_value("2021-2025").run()
    assert not app.exception
    # Only Sơn Điện's own 20.25 % (2024) is under the 2021–2025 standard and dated: Quan Sơn's
    # 30.02 % states no year, so it is not ranked
    assert _matching(app) == 1
    assert app.query_params["pstd"] in ("2021-2025", ["2021-2025"])
    app.selectbox(key="w_pov_std").set_value("any").run()
    app.number_input(key="w_pov_year").set_value(2018).run()
    assert _matching(app) == 13  # Kỳ Sơn's 12 (2020) and Sơn Điện (2024)


def test_map_page_reads_the_link() -> None:
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["area"] = "all"
    app.query_params["pov"] = "40"
    app.query_params["ed"] = "2024"
    app.run()
    assert not app.exception
    # 20 of the 21 Kỳ Sơn communes of 2020–2025 (district 42.21 %): Hữu Kiệm has its own 4.66 %
    assert _matching(app) == 20


def test_edition_switch_shows_54_communes() -> None:
    app = _run()
    app.radio(key="w_edition").set_value("2024").run()
    assert not app.exception
    table = next(frame.value for frame in app.dataframe if "Tên" in frame.value.columns)
    assert len(table) == 54


def test_search_without_diacritics_opens_the_commune() -> None:
    app = _run()
    app.text_input(key="w_search").input("muong xen").run()
    assert not app.exception
    assert any(h.value.startswith("Mường Xén · Kỳ Sơn") for h in app.subheader)


def test_broken_input_shows_unavailable_layers(bundle_copy: Path) -> None:
    from ui.state import get_atlas, get_catalogue

    target = bundle_copy / "points" / "border_gates.csv"
    target.unlink()
    target.write_text("broken\n", encoding="utf-8")
    os.environ[settings.DATA_DIR_ENV] = str(bundle_copy)
    get_atlas.clear()
    get_catalogue.clear()
    try:
        app = _run(DATA_PAGE)
        warnings = " ".join(w.value for w in app.warning)
        assert "không dùng được" in warnings
        texts = " ".join(t.value for t in app.text)
        assert "points/border_gates.csv" in texts and str(target) in texts
        layers = app.dataframe[0].value
        status = dict(zip(layers.iloc[:, 0], layers.iloc[:, 2], strict=True))
        assert status["Cửa khẩu"] == "không dùng được"
        assert status["Xã từ 1/7/2025 (27)"] == "sẵn sàng"
    finally:
        get_atlas.clear()
        get_catalogue.clear()


def test_typed_vn2000_coordinates_are_shown_in_wgs84() -> None:
    from geo import crs

    northing, easting = crs.from_wgs84(19.47417, 104.083399, epsg=crs.NGHE_AN_TM3)
    app = _run("ui/views/imports.py")
    app.selectbox(key="c_crs").set_value(crs.NGHE_AN_TM3).run()
    app.text_input(key="c_text").input(f"X={northing:.3f} Y={easting:.3f}").run()
    assert not app.exception
    assert any("19.474170, 104.083399" in s.value for s in app.success)
    app.text_input(key="c_text").input(f"{easting:.3f} {northing:.3f}").run()
    assert any("X và Y có vẻ bị đảo" in e.value.replace("\\", "") for e in app.error)


def _import_table(
    text: str,
    *,
    edition: str,
    label: str,
    unit: str,
    kind: str,
    default_year: int,
    key: str | None = None,
) -> str:
    """Save a (made-up, test-only) CSV as the import page does: read, map, match, write.

    The reader, matcher and writer are the page's own (``table_reader.read_table``,
    ``tables.apply_mapping``, ``apply.save_indicator``), so a change to how imports are stored
    shows up here. Returns the indicator's key.
    """
    from ui.state import get_atlas
    from userdata import apply, table_reader, tables
    from userdata.store import Store

    frame = table_reader.read_table(text.encode("utf-8"), filename="fixture.csv")
    guess = tables.suggest_mapping(frame)
    communes = get_atlas().get(f"communes_{edition}")
    result = tables.apply_mapping(
        frame,
        tables.ColumnMapping(unit=guess.unit, code=guess.code, value=guess.value, year=guess.year),
        units=dict(zip(communes["code"], communes["name"], strict=True)),
        indicator_name=label,
        default_year=default_year,
    )
    assert not result.unmatched and not result.problems
    key = key or apply.indicator_key(label)
    apply.save_indicator(
        Store(),
        rows=result.rows,
        key=key,
        label=label,
        unit=unit,
        edition=edition,
        source="test fixture",
        kind=kind,
        filename="fixture.csv",
    )
    return key


def test_imported_poverty_for_2024_communes_shows_on_2025_map() -> None:
    """A (made-up, test-only) poverty table for the 21 Kỳ Sơn communes of 2020–2025."""
    from ui.state import get_atlas

    communes_2024 = get_atlas().get("communes_2024")
    kyson = communes_2024[communes_2024["former_district"] == "Kỳ Sơn"]
    text = "Mã xã;Tên xã;Tỷ lệ hộ nghèo (%);Năm\n" + "".join(
        f"{code};{name};50,0;2024\n"
        for code, name in zip(kyson["code"], kyson["name"], strict=True)
    )
    _import_table(
        text,
        edition="2024",
        key="poverty_rate_pct",
        label="Tỷ lệ hộ nghèo",
        unit="%",
        kind="rate",
        default_year=2024,
    )
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["area"] = "all"
    app.query_params["pov"] = "45"
    app.run()
    assert not app.exception
    assert _matching(app) == 12  # the 12 Kỳ Sơn communes of 2025, through the crosswalk


def test_custom_imported_indicator_can_colour_and_filter_the_map() -> None:
    """A made-up, test-only count of health stations for three 2025 communes."""
    key = _import_table(
        "Mã xã,Số trạm y tế\n15013,3\n16813,5\n19432,1\n",
        edition="2025",
        label="Số trạm y tế",
        unit="trạm",
        kind="count",
        default_year=2025,
    )
    app = _run()
    indicator = app.selectbox(key="w_indicator")
    assert key in indicator.options or "Số trạm y tế" in indicator.options
    indicator.set_value(key).run()
    app.checkbox(key=f"w_ind_on_{key}").check().run()
    app.number_input(key=f"w_ind_min_{key}").set_value(2.0).run()
    assert not app.exception
    assert _matching(app) == 2


def test_a_link_selecting_an_unknown_place_opens_with_nothing_selected_and_says_so() -> None:
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["area"] = "all"
    app.query_params["sel"] = "commune:1501"  # cut short: Na Mèo is 15013
    app.run()
    assert not app.exception
    shown = [info.value.replace("\\", "") for info in app.info]  # as typed, not as Markdown
    assert any("«commune:1501»" in text and "không chọn gì" in text for text in shown), shown
    assert not any(h.value.startswith("Na Mèo") for h in app.subheader)
