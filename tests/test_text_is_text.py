"""Text from data or users is shown as text, downloads never carry a formula, and no page shows
a traceback (issue 12, items 6 and 7).

Hostile names (:data:`tests.bad_input.text.HOSTILE`) are stored as user points (name and source),
as an import's name and as plan stops and a plan name, then the real pages are run through
Streamlit's AppTest: every element Streamlit reads as Markdown (markdown, captions, headings,
alerts, widget labels, radio options, expander titles) must hold the escaped text and no
active form. One browser test (``tests/test_privacy_browser.py``) checks the same through
Chromium: no request to ``evil.example`` is attempted.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException
from streamlit.testing.v1 import AppTest

from layers.places import find, places
from tests.bad_input.text import (
    HOSTILE,
    PREFIX,
    csv_cells,
    hostile_plan,
    neutral,
    save_points,
)
from ui import map_data, pages
from ui.language import as_text
from userdata.apply import apply_to_atlas
from userdata.roles import Principal, Role
from userdata.store import STORE_FILENAME, Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PLANNER = "ui/views/planner.py"
IMPORTS = "ui/views/imports.py"
SOURCE = "![s](http://evil.example/s.png) [nguồn](javascript:alert(1))"
IMPORT_NAME = '=HYPERLINK("http://evil.example","tệp") ![f](http://evil.example/f.png)'
PLAN_NAME = "**Chuyến** ![p](http://evil.example/p.png)"


def _markdown_texts(app: AppTest) -> list[str]:
    """Every text of the page that Streamlit renders as Markdown."""
    texts: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader"):
        texts += [element.value for element in app.get(kind)]
    for kind in ("success", "info", "warning", "error"):
        texts += [element.value for element in app.get(kind)]
    texts += [element.label for element in app.get("expander")]
    for kind in ("radio", "checkbox", "toggle", "button", "selectbox", "text_input"):
        texts += [element.label for element in app.get(kind)]
    texts += [str(option) for radio in app.radio for option in radio.options]
    return texts


def _hostile_store(user_dir: Path) -> Store:
    store = Store(user_dir / STORE_FILENAME)
    store.principal = Principal(name="<b>kẻ xấu</b>", role=Role.ADMIN)  # the importer's name
    names = [f"{PREFIX} {hostile}" for hostile in HOSTILE.values()]
    save_points(store, names, source=SOURCE, filename=IMPORT_NAME)
    store.save_plan(hostile_plan(list(HOSTILE.values()), plan_name=PLAN_NAME))
    return store


def _run(page: str | None = None) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=240)
    app.query_params["area"] = "Quan Sơn"
    app.run()
    if page:
        app.switch_page(page).run()
    assert not app.exception, app.exception
    return app


RAW = [*HOSTILE.values(), SOURCE, IMPORT_NAME, PLAN_NAME, "<b>kẻ xấu</b>"]
"""Every hostile text put in the store, as typed."""

ACTIVE_PART = re.compile(
    r"(?<!\\)!\[|(?<!\\)\]\((?:http|javascript)|(?<!\\)<(?:img|b)\b|(?<!\\)\$x"
    r"|(?<!\\)\*\*bold|\\?:(?://|material/home|red\\?\[đỏ)|www\\?\.evil|a\\?@evil"
)
"""An active part of a hostile text, left unescaped."""


def _all_quiet(app: AppTest) -> str:
    """Assert no Markdown text of the page holds a hostile text as typed (so Markdown would
    act on it); return the texts joined."""
    texts = _markdown_texts(app)
    for text in texts:
        for raw in RAW:
            assert raw not in text, f"{raw!r} reaches Markdown unescaped in {text!r}"
        if PREFIX in text or "evil" in text or "kẻ xấu" in text:
            found = ACTIVE_PART.search(text)
            assert found is None, f"{found.group()!r} unescaped in {text!r}"
    return "\n".join(texts)


def test_hostile_point_names_and_sources_show_as_text_on_the_map_page(
    own_user_store, atlas
) -> None:
    store = _hostile_store(own_user_store)
    keys = [place.key for place in find(PREFIX.lower(), places(apply_to_atlas(atlas, store)))]
    assert len(keys) == len(HOSTILE)
    app = _run()
    app.text_input(key="w_search").set_value(PREFIX.lower()).run()
    assert not app.exception, app.exception
    (results,) = [radio for radio in app.radio if radio.key and radio.key.startswith("w_hits_")]
    shown = [str(option) for option in results.options]
    for hostile in HOSTILE.values():
        assert any(as_text(f"{PREFIX} {hostile}") in option for option in shown), hostile
    for key in keys:  # each found point in turn: its name and its source
        results.set_value(key).run()
        assert not app.exception, app.exception
        text = _all_quiet(app)
        assert as_text(SOURCE) in text
    assert as_text(f"{PREFIX} {HOSTILE['image']}") in text


def test_hostile_plan_and_stop_names_show_as_text_on_the_planner(own_user_store) -> None:
    _hostile_store(own_user_store)
    app = _run(PLANNER)
    app.selectbox(key="w_saved_choice").set_value(PLAN_NAME).run()
    app.button(key="w_open").click().run()
    assert not app.exception, app.exception
    text = _all_quiet(app)
    assert as_text(PLAN_NAME) in text  # the "opened" notice and the "editing" caption
    for hostile in HOSTILE.values():
        assert as_text(hostile) in text, hostile  # the stop list
    app.button(key="w_delete").click().run()  # the question names the plan
    text = _all_quiet(app)
    assert any(as_text(PLAN_NAME) in warning.value for warning in app.warning)


def test_hostile_import_name_and_source_show_as_text_on_the_import_page(own_user_store) -> None:
    _hostile_store(own_user_store)
    app = _run(IMPORTS)
    text = _all_quiet(app)
    assert as_text(IMPORT_NAME) in text and as_text(SOURCE) in text


def test_the_planner_csv_and_the_map_downloads_neutralise_formulas(atlas) -> None:
    from planner.exports import to_csv
    from planner.travel import plan_legs

    plan = hostile_plan([HOSTILE["formula"], "-12", "+84 912 345 678"])
    rows = csv_cells(to_csv(plan, plan_legs(plan, network=None)))
    column = rows[0].index("stop_name")
    neutral(rows[2][column], HOSTILE["formula"])
    assert rows[3][column] == "-12"  # a plain number is no formula
    neutral(rows[4][column], "+84 912 345 678")


# -- no traceback reaches a page ----------------------------------------------------------------


def _broken(*args, **kwargs):
    raise RuntimeError("cannot open /srv/atlas/secret.sqlite3: SELECT * FROM imports")


def test_a_page_whose_data_raises_shows_an_incident_id_not_a_traceback(
    own_user_store, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    monkeypatch.setattr(map_data, "indicator_list", _broken)
    app = AppTest.from_file(APP, default_timeout=240)
    app.run()
    assert not app.exception, app.exception  # Streamlit's exception box is not drawn
    (error,) = app.error
    found = re.search(r"mã sự cố ([0-9a-f]{8})", error.value)
    assert found, error.value
    page = "\n".join(_markdown_texts(app))
    for leak in ("Traceback", "RuntimeError", "/srv/atlas", "SELECT", "secret"):
        assert leak not in page
    assert found.group(1) in caplog.text and "secret.sqlite3" in caplog.text  # in the log
    app.segmented_control(key="lang_choice").set_value("en").run()
    assert "incident code" in app.error[0].value  # in the reader's language


def test_the_other_pages_still_open_when_one_page_fails(
    own_user_store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(map_data, "indicator_list", _broken)
    app = _run("ui/views/data.py")
    assert not app.error and len(app.dataframe) >= 1


@pytest.mark.parametrize("control", [RerunException(None), StopException()])
def test_streamlit_control_flow_passes_through_the_guard(control: BaseException) -> None:
    def step() -> None:
        raise control

    with pytest.raises(type(control)):
        pages.run_guarded(step, where="test")
