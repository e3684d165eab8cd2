"""The planner page through Streamlit's AppTest: add a stop by search, see the legs, save the
plan under a name, and reopen it from the saved plans."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import settings
from planner.plan import Plan
from ui.page_planner import PLAN_KEY

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PLANNER_PAGE = "ui/views/planner.py"
PLAN_NAME = "Chuyến thử Na Mèo"


@pytest.fixture(autouse=True)
def _own_store(tmp_path: Path):
    """Each test saves into its own user store."""
    before = os.environ.get(settings.USER_DIR_ENV)
    os.environ[settings.USER_DIR_ENV] = str(tmp_path / "user")
    yield
    if before is None:
        os.environ.pop(settings.USER_DIR_ENV, None)
    else:
        os.environ[settings.USER_DIR_ENV] = before


def _planner() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180).run()
    app.switch_page(PLANNER_PAGE).run()
    assert not app.exception, app.exception
    return app


def _plan(app: AppTest) -> Plan:
    return Plan.from_json(app.session_state[PLAN_KEY])


def test_add_by_search_save_and_reopen() -> None:
    app = _planner()
    assert _plan(app).stops == []
    app.text_input(key="w_plan_search").input("na meo").run()
    hits = app.selectbox(key="w_plan_hits_na meo")
    assert any("Na Mèo" in str(option) for option in hits.options)
    app.button(key="w_add_hit").click().run()
    assert not app.exception, app.exception
    added = _plan(app).stops
    assert len(added) == 1 and "Na Mèo" in added[0].name
    assert "Các chặng" in [header.value for header in app.subheader]
    assert app.dataframe, "the legs table is missing"

    app.text_input(key=f"w_plan_name_{_plan(app).name}").input(PLAN_NAME).run()
    assert _plan(app).name == PLAN_NAME
    app.button(key="w_save").click().run()
    assert not app.exception, app.exception
    assert any("Đã lưu kế hoạch" in message.value for message in app.success)
    app.run()  # the list of saved plans is read before the save button acts: next run shows it
    assert PLAN_NAME in app.selectbox(key="w_saved_choice").options

    app.button(key="w_new").click().run()
    assert _plan(app).stops == []
    app.selectbox(key="w_saved_choice").set_value(PLAN_NAME).run()
    app.button(key="w_open").click().run()
    assert not app.exception, app.exception
    reopened = _plan(app)
    assert reopened.name == PLAN_NAME
    assert [stop.id for stop in reopened.stops] == [stop.id for stop in added]
