"""The map page's controls through Streamlit's AppTest: above the map (no sidebar), one
expander counting the active filters, a language switch that relabels every control and keeps
the view, and the remembered area for a link that names none."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import visit_memory

APP = str(Path(__file__).resolve().parent.parent / "app.py")
CHOICES = {  # key → widget kind: the controls whose options are words
    "w_area": "selectbox",
    "w_indicator": "selectbox",
    "w_edition": "radio",
    "w_basemap": "selectbox",
    "w_pov_std": "selectbox",
    "w_risk": "multiselect",
    "w_dist": "multiselect",
}


pytestmark = pytest.mark.usefixtures("own_user_store")


def _run(**params: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _widget(app: AppTest, key: str):
    return getattr(app, CHOICES.get(key, "checkbox"))(key=key)


def _options_label(app: AppTest) -> str:
    return next(e.label for e in app.expander if e.label.startswith(("Bộ lọc", "Filters")))


def test_controls_are_in_the_page_not_the_sidebar() -> None:
    app = _run()
    for key in (*CHOICES, "w_pov_on", "w_bord"):
        assert _widget(app, key).key == key
    sidebar = app.sidebar
    assert not (
        sidebar.selectbox
        or sidebar.radio
        or sidebar.multiselect
        or sidebar.checkbox
        or sidebar.segmented_control
    ), "a control is still in the sidebar"
    assert app.segmented_control(key="lang_choice").value == "vi"


def test_the_options_expander_counts_the_active_filters() -> None:
    app = _run()
    assert _options_label(app) == "Bộ lọc và tùy chọn"
    app.checkbox(key="w_pov_on").check().run()
    assert _options_label(app) == "Bộ lọc và tùy chọn · 1 đang bật"
    app.multiselect(key="w_risk").set_value(["high"]).run()
    app.checkbox(key="w_bord").check().run()
    assert _options_label(app) == "Bộ lọc và tùy chọn · 3 đang bật"
    app.segmented_control(key="lang_choice").set_value("en").run()
    assert _options_label(app) == "Filters and options · 3 on"


def test_switching_language_relabels_every_control_and_keeps_the_view() -> None:
    app = _run()
    app.selectbox(key="w_area").set_value("Kỳ Sơn").run()
    app.radio(key="w_edition").set_value("2024").run()
    app.selectbox(key="w_indicator").set_value("risk_class").run()
    app.checkbox(key="w_pov_on").check().run()
    app.slider(key="w_pov").set_value(40).run()
    app.multiselect(key="w_risk").set_value(["high", "very_high"]).run()
    app.text_input(key="w_search").input("muong xen").run()
    assert not app.exception
    assert app.session_state["view"].selected.startswith("commune:")
    app.text_input(key="w_search").input("").run()  # the selection stays
    assert app.session_state["view"].selected.startswith("commune:")
    before = app.session_state["view"]

    app.segmented_control(key="lang_choice").set_value("en").run()
    assert not app.exception
    assert app.session_state["view"] == before  # area, edition, indicator, filters, selection
    assert app.query_params["lang"] in ("en", ["en"])
    area = app.selectbox(key="w_area")
    assert (area.label, area.value) == ("Area", "Kỳ Sơn")
    assert "All three areas" in area.options
    edition = app.radio(key="w_edition")
    assert (edition.label, edition.value) == ("Administrative units", "2024")
    assert edition.options == ["Communes since 1 Jul 2025 (27)", "Communes 2020–2025 (54)"]
    assert app.selectbox(key="w_indicator").label == "Colour by"
    risk = app.multiselect(key="w_risk")
    assert risk.value == ["high", "very_high"] and "very high" in risk.options
    assert app.checkbox(key="w_pov_on").label == "Filter by poverty rate"
    assert app.slider(key="w_pov").value == 40
    assert app.selectbox(key="w_pov_std").options[0] == "any standard (with a notice)"
    # Each choice is sent again under its new label: the browser shows that label (the same
    # widget keeps its old label otherwise, and the edition radio showed nothing chosen).
    for key, kind in CHOICES.items():
        proto = _widget(app, key).proto
        assert proto.set_value, f"{key} keeps its old label in the browser"
        shown = list(proto.raw_values) if kind == "multiselect" else [proto.raw_value]
        assert all(label in proto.options for label in shown), (key, shown)
    assert app.radio(key="w_edition").proto.raw_value == "Communes 2020–2025 (54)"
    assert app.multiselect(key="w_risk").proto.raw_values == ["high", "very high"]

    app.segmented_control(key="lang_choice").set_value("vi").run()
    assert app.session_state["view"] == before
    assert app.radio(key="w_edition").proto.raw_value == "Xã 2020–2025 (54)"
    assert app.selectbox(key="w_area").label == "Vùng"


def _opening_area() -> None:
    import streamlit as st

    from ui.visit_memory import opening_view

    reading = opening_view(st.query_params, indicators=("poverty_rate_pct",))
    st.text(reading.state.area)
    st.text(" | ".join(notice.param for notice in reading.notices))


@pytest.mark.parametrize(
    ("cookie", "link", "opened"),
    [
        (None, None, "Quan Sơn"),  # first visit: the first area
        ("huong-hoa", None, "Hướng Hóa"),  # the last visit's area
        ("huong-hoa", "ky-son", "Kỳ Sơn"),  # the link wins
        ("huong-hoa", "all", "all"),
        ("garbage", None, "Quan Sơn"),
        ("all", None, "Quan Sơn"),
    ],
)
def test_a_link_without_area_opens_the_remembered_area(
    monkeypatch: pytest.MonkeyPatch, cookie: str | None, link: str | None, opened: str
) -> None:
    cookies = {visit_memory.COOKIE: cookie} if cookie else {}
    monkeypatch.setattr(visit_memory, "_cookies", lambda: cookies)
    app = AppTest.from_function(_opening_area)
    if link:
        app.query_params["area"] = link
    app.run()
    assert not app.exception, app.exception
    assert app.text[0].value == opened
    assert app.text[1].value == ""
