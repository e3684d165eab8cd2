"""Exports are built when clicked, never on a rerun: every download button of the map and
planner pages hands Streamlit a callable (deferred data), and rendering calls none of them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from planner import exports, fieldpack, itinerary, xlsform
from ui import page_map

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PLANNER_PAGE = "ui/views/planner.py"

pytestmark = pytest.mark.usefixtures("own_user_store")


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every export builder of the two pages, patched to count its calls."""
    calls: Counter[str] = Counter()
    targets = [
        (page_map, "csv_bytes"),
        (page_map, "xlsx_bytes"),
        (page_map, "download_table"),
        (fieldpack, "field_pack"),
        (itinerary, "itinerary_html"),
        (exports, "to_gpx"),
        (exports, "to_kml"),
        (exports, "to_csv"),
        (exports, "to_geopackage"),
        (xlsform, "plan_xlsform"),
    ]
    for module, name in targets:
        real = getattr(module, name)

        def counted(*args, _real=real, _name=name, **kwargs):
            calls[_name] += 1
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, counted)
    return calls


def _downloads(app: AppTest) -> list:
    return [element for element in app.get("download_button")]


@pytest.fixture
def deferred(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], object]]:
    """The callables Streamlit registers for deferred downloads, by file id (AppTest's runtime
    lives only during a run, so they are kept here to be called after it)."""
    kept: dict[str, Callable[[], object]] = {}
    real = MediaFileManager.add_deferred

    def keeping(self, data_callable, *args, **kwargs):
        file_id = real(self, data_callable, *args, **kwargs)
        kept[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", keeping)
    return kept


def _click(button, deferred: dict[str, Callable[[], object]]) -> None:
    """What Streamlit runs when the browser asks for the button's file."""
    assert deferred[button.proto.deferred_file_id]()


def test_the_map_page_builds_no_export_on_a_rerun(builds: Counter[str], deferred: dict) -> None:
    app = AppTest.from_file(APP, default_timeout=180)
    app.query_params["area"] = "all"
    app.run()
    app.run()
    app.toggle(key="w_table_full").set_value(True).run()
    assert not app.exception, app.exception
    buttons = _downloads(app)
    assert len(buttons) == 2
    assert all(button.proto.deferred_file_id for button in buttons)
    assert builds == Counter()
    _click(buttons[1], deferred)
    assert builds == Counter(download_table=1, xlsx_bytes=1)


def test_the_planner_page_builds_no_export_on_a_rerun(builds: Counter[str], deferred: dict) -> None:
    app = AppTest.from_file(APP, default_timeout=180).run()
    app.switch_page(PLANNER_PAGE).run()
    for query in ("muong xen", "huong lap"):
        app.text_input(key="w_stop_search").input(query).run()
        app.button(key="w_stop_add").click().run()
    app.run()
    assert not app.exception, app.exception
    buttons = _downloads(app)
    assert [button.key for button in buttons] == [
        "dl_pack",
        "dl_xlsform",
        "dl_html",
        "dl_gpx",
        "dl_kml",
        "dl_csv",
        "dl_gpkg",
    ]
    assert all(button.proto.deferred_file_id for button in buttons)
    assert builds == Counter()
    _click(buttons[3], deferred)  # a click builds that export, once
    assert builds == Counter(to_gpx=1)
