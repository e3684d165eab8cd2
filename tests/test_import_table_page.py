"""The *Bảng chỉ tiêu* tab through Streamlit's AppTest: what the user sees and can save.

AppTest cannot fill a file uploader, so the file step (:func:`ui.import_table_file.uploaded_table`,
tested on its own) is replaced by a table read with the page's reader; everything after it is
the page's own code on ``ui/views/imports.py``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import ui.import_table
from ui.import_table import widget_key
from ui.language import as_text
from userdata import table_reader
from userdata.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PAGE = "ui/views/imports.py"


def _upload(monkeypatch: pytest.MonkeyPatch, text: str) -> str:
    """Make the file step return ``text`` (a CSV) as an upload; its digest."""
    data = text.encode("utf-8")
    frame = table_reader.read_table(data, filename="bang.csv")
    upload = SimpleNamespace(
        frame=frame,
        filename="bang.csv",
        digest=hashlib.sha256(data).hexdigest(),
        row_numbers=np.arange(2, len(frame) + 2),
    )
    monkeypatch.setattr(ui.import_table, "uploaded_table", lambda: upload)
    return upload.digest


def _page() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["area"] = "all"
    app.run()
    app.switch_page(PAGE).run()
    assert not app.exception, app.exception
    return app


def _texts(app: AppTest) -> str:
    return " ".join(
        element.value
        for group in (app.success, app.warning, app.info, app.error, app.markdown)
        for element in group
    )


def _save(app: AppTest):
    return app.button(key="m_save")


def test_rejected_rows_are_listed_visibly_and_only_valid_rows_count(
    monkeypatch: pytest.MonkeyPatch, own_user_store: Path
) -> None:
    _upload(monkeypatch, "Tên xã,Tỷ lệ hộ nghèo (%)\nNa Mèo,-5\nMỹ Lý,140\nKeng Đu,abc\n")
    app = _page()
    app.selectbox(key="m_indicator").set_value("poverty_rate_pct").run()
    assert not app.exception, app.exception
    listing = next(frame.value for frame in app.dataframe if "Lý do" in frame.value.columns)
    assert listing["Dòng"].tolist() == [2, 3, 4]
    assert set(listing["Lý do"]) == {"tỷ lệ phải từ 0 đến 100 %", "không phải là số"}
    assert not app.expander or all("Lý do" not in e.label for e in app.expander)
    assert "dòng hợp lệ sẽ được lưu" not in _texts(app)  # no valid row: no banner
    assert _save(app).disabled
    assert "Không có dòng hợp lệ nào để lưu." in _texts(app)


def test_an_ambiguous_count_is_asked_and_the_answer_is_used(
    monkeypatch: pytest.MonkeyPatch, own_user_store: Path
) -> None:
    digest = _upload(monkeypatch, "Tên xã,Số hộ nghèo\nMỹ Lý,1.234\nNa Mèo,2000\n")
    app = _page()
    app.selectbox(key="m_indicator").set_value("_other").run()
    app.text_input(key="m_indicator_name").input("Số hộ nghèo").run()
    app.radio(key="m_value_kind").set_value("count").run()
    assert not app.exception, app.exception
    question = app.radio(key=widget_key("m_sep", digest, "Số hộ nghèo"))
    assert "1.234" in question.label.replace("\\", "")
    assert "1 dòng hợp lệ sẽ được lưu" in _texts(app) and _save(app).disabled
    question.set_value("vn").run()
    assert "2 dòng hợp lệ sẽ được lưu" in _texts(app)
    app.text_input(key="m_source").input("UBND xã, 2024").run()
    assert not _save(app).disabled
    _save(app).click().run()
    assert not app.exception, app.exception
    [record] = Store().list_imports("indicator")
    body = json.loads(Store().get_import(record["id"])["body"])
    assert sorted(row["value"] for row in body) == [1234.0, 2000.0]
    assert record["meta"]["kind"] == "count"


def test_a_shared_name_waits_for_confirmation_before_the_save(
    monkeypatch: pytest.MonkeyPatch, own_user_store: Path
) -> None:
    _upload(monkeypatch, "Tên xã,Tỷ lệ hộ nghèo\nTân Lập,20\nMỹ Lý,30\n")
    app = _page()
    app.selectbox(key="m_indicator").set_value("poverty_rate_pct").run()
    app.text_input(key="m_source").input("Báo cáo xã").run()
    listing = next(f.value for f in app.dataframe if "Vì sao cần xác nhận" in f.value.columns)
    assert listing["Tên trong tệp"].tolist() == ["Tân Lập"]
    assert "tỉnh khác" in listing["Vì sao cần xác nhận"].iloc[0]
    assert _save(app).disabled and "chưa được xác nhận" in _texts(app)
    app.checkbox(key="m_confirm_all_2025").check().run()
    assert "2 dòng hợp lệ sẽ được lưu" in _texts(app)
    _save(app).click().run()
    [record] = Store().list_imports("indicator")
    body = json.loads(Store().get_import(record["id"])["body"])
    assert sorted(row["unit_code"] for row in body) == ["16816", "19462"]


def test_duplicates_are_shown_side_by_side_and_the_pick_is_saved(
    monkeypatch: pytest.MonkeyPatch, own_user_store: Path
) -> None:
    _upload(monkeypatch, "Tên xã,Năm,Tỷ lệ hộ nghèo\nMỹ Lý,2024,30\nMỹ Lý,2024,35\n")
    app = _page()
    app.selectbox(key="m_indicator").set_value("poverty_rate_pct").run()
    app.text_input(key="m_source").input("Báo cáo xã").run()
    side = next(f.value for f in app.dataframe if "Cột giá trị" in f.value.columns)
    assert side["Dòng"].tolist() == ["2", "3"] and side["Cột giá trị"].tolist() == ["30", "35"]
    assert _save(app).disabled
    pick = next(r for r in app.radio if r.key and r.key.startswith("m_keep_"))
    pick.set_value("3").run()
    assert not _save(app).disabled
    _save(app).click().run()
    [record] = Store().list_imports("indicator")
    assert [row["value"] for row in json.loads(Store().get_import(record["id"])["body"])] == [35.0]


def test_a_name_holding_markdown_is_shown_as_text(
    monkeypatch: pytest.MonkeyPatch, own_user_store: Path
) -> None:
    name = "![x](http://evil.example/x.png) **Na Mèo**"
    _upload(monkeypatch, f"Tên xã,Tỷ lệ hộ nghèo\n{name},20\n")
    app = _page()
    app.selectbox(key="m_indicator").set_value("poverty_rate_pct").run()
    assert not app.exception, app.exception
    listing = next(f.value for f in app.dataframe if "Tên trong tệp" in f.value.columns)
    assert listing["Tên trong tệp"].tolist() == [name]  # a table cell: plain text
    assigned = app.selectbox(key=widget_key("m_assign", "2025", name))
    assert as_text(name) in assigned.label and "![" not in assigned.label  # Markdown escaped
    assert "evil.example" not in " ".join(m.value for m in app.markdown)


def test_the_matching_is_kept_while_other_widgets_change(
    monkeypatch: pytest.MonkeyPatch, own_user_store: Path
) -> None:
    _upload(monkeypatch, "Tên xã,Tỷ lệ hộ nghèo\nMỹ Lý,30\n")
    calls = []
    apply_mapping = ui.import_table.tables.apply_mapping

    def counting(*args, **kwargs):
        calls.append(1)
        return apply_mapping(*args, **kwargs)

    monkeypatch.setattr(ui.import_table.tables, "apply_mapping", counting)
    app = _page()
    app.selectbox(key="m_indicator").set_value("poverty_rate_pct").run()
    before = len(calls)
    app.text_input(key="m_source").input("Báo cáo").run()
    app.text_input(key="m_source").input("Báo cáo năm").run()
    assert len(calls) == before  # typing the source, even twice, does not match again
    app.radio(key="m_edition").set_value("2024").run()
    assert len(calls) == before + 1


def test_the_page_speaks_english_too(monkeypatch: pytest.MonkeyPatch, own_user_store: Path) -> None:
    _upload(monkeypatch, "Tên xã,Số hộ\nNa Mèo,-5\nMỹ Lý,1.234\nNam Can,3\nTân Lập,4\n")
    app = _page()
    app.selectbox(key="m_indicator").set_value("poverty_rate_pct").run()
    app.segmented_control(key="lang_choice").set_value("en").run()
    assert not app.exception, app.exception
    listing = next(frame.value for frame in app.dataframe if "Reason" in frame.value.columns)
    assert listing["Reason"].tolist() == ["a percentage must be from 0 to 100"]
    shown = _texts(app)
    assert "Cannot save yet:" in shown and "The separator question is not answered." in shown
    assert "Names that match several communes" in shown
    assert "Matches that are not exact" in shown


def test_a_2020_2025_commune_is_moved_onto_2025_with_the_method_stated(
    monkeypatch: pytest.MonkeyPatch, own_user_store: Path
) -> None:
    _upload(monkeypatch, "Tên xã,Tỷ lệ hộ nghèo\nNậm Càn,10\nNa Ngoi,30\n")
    app = _page()
    app.selectbox(key="m_indicator").set_value("poverty_rate_pct").run()
    app.text_input(key="m_source").input("Báo cáo huyện").run()
    assert "không chuyển được" in _texts(app)  # Nậm Càn alone is only part of Na Ngoi
    assert not any("Nậm Cắn" in s.value for s in app.success)
    app.multiselect(key=widget_key("m_old", "2025", "Na Ngoi")).set_value(["Na Ngoi"]).run()
    assert not app.exception, app.exception
    shown = _texts(app).replace("\\", "")
    assert "chuyển sang xã Na Ngoi" in shown and "dân số" in shown  # the method, stated
    assert "1 dòng hợp lệ sẽ được lưu" in shown
    _save(app).click().run()
    [record] = Store().list_imports("indicator")
    [row] = json.loads(Store().get_import(record["id"])["body"])
    assert row["unit_code"] == "16870" and 10 < row["value"] < 30
