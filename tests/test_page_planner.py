"""The planner page through Streamlit's AppTest, as a user works it: search and add stops, move
them, save, start a new plan, reopen the saved one whole; a taken name and a delete both ask
first (a deleted plan goes to the bin and comes back from it); and any plan goes through the
store and the page unchanged (hypothesis)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from layers.commune_view import commune_view
from layers.filters import Filters
from planner.plan import Plan, Stop
from ui.planner_state import ORIGIN_KEY, PLAN_KEY, REVISION_KEY
from ui.view_link import ViewState
from userdata.store import Store

APP = str(Path(__file__).resolve().parent.parent / "app.py")
PLANNER_PAGE = "ui/views/planner.py"


pytestmark = pytest.mark.usefixtures("own_user_store")


def _store() -> Store:
    return Store()  # in the test's user directory (see _own_store)


def _planner() -> AppTest:
    app = AppTest.from_file(APP, default_timeout=180).run()
    app.switch_page(PLANNER_PAGE).run()
    _ok(app)
    return app


def _ok(app: AppTest) -> None:
    assert not app.exception, app.exception
    assert not [e.value for e in app.error], [e.value for e in app.error]


def _plan(app: AppTest) -> Plan:
    return Plan.from_json(app.session_state[PLAN_KEY])


def _key(app: AppTest, name: str) -> str:
    return f"w_{name}_{app.session_state[REVISION_KEY]}"


def _add(app: AppTest, query: str) -> None:
    app.text_input(key="w_stop_search").input(query).run()
    app.button(key="w_stop_add").click().run()
    _ok(app)


def _texts(app: AppTest) -> str:
    kinds = ("success", "info", "warning", "markdown")
    return " ".join(str(e.value) for kind in kinds for e in getattr(app, kind))


def test_add_order_save_new_and_reopen_whole() -> None:
    app = _planner()
    assert _plan(app).stops == []
    _add(app, "muong xen")  # no diacritics
    assert app.text_input(key="w_stop_search").value == ""  # the box empties after "Thêm"
    _add(app, "nam can")
    _add(app, "huong lap")
    names = [stop.name for stop in _plan(app).stops]
    assert names[0] == "Mường Xén" and "Nậm Cắn" in names[1] and names[2] == "Hướng Lập"
    app.button(key=f"w_down_{_plan(app).stops[0].id}").click().run()
    assert [s.name for s in _plan(app).stops][:2] == [names[1], names[0]]
    assert _plan(app).order_fixed
    app.button(key=f"w_up_{_plan(app).stops[1].id}").click().run()
    assert [s.name for s in _plan(app).stops] == names
    assert "Các chặng" in [header.value for header in app.subheader]

    app.text_input(key=_key(app, "name")).input("Chuyến Kỳ Sơn").run()
    app.checkbox(key=_key(app, "round")).uncheck().run()
    app.number_input(key=_key(app, "hours")).set_value(8.0).run()
    app.date_input(key=_key(app, "date")).set_value(datetime(2026, 12, 5).date()).run()
    _ok(app)
    made = _plan(app)
    assert (made.round_trip, made.drive_hours_per_day, made.start.date().isoformat()) == (
        False,
        8.0,
        "2026-12-05",
    )
    app.button(key="w_save").click().run()
    _ok(app)
    assert "Đã lưu kế hoạch “Chuyến Kỳ Sơn” (phiên bản 1)" in _texts(app)
    assert _store().get_plan("Chuyến Kỳ Sơn") == made

    app.button(key="w_new").click().run()
    fresh = _plan(app)
    assert fresh.stops == [] and fresh.round_trip and fresh.drive_hours_per_day == 6.0
    assert app.checkbox(key=_key(app, "round")).value is True  # widgets show the new plan
    assert app.session_state[ORIGIN_KEY] is None

    app.selectbox(key="w_saved_choice").set_value("Chuyến Kỳ Sơn").run()
    app.button(key="w_open").click().run()
    _ok(app)
    assert _plan(app) == made
    assert app.checkbox(key=_key(app, "round")).value is False
    assert app.number_input(key=_key(app, "hours")).value == 8.0
    assert app.date_input(key=_key(app, "date")).value.isoformat() == "2026-12-05"
    app.button(key="w_save").click().run()  # saving the reopened plan changes nothing but v
    _ok(app)
    assert _store().get_plan("Chuyến Kỳ Sơn") == made
    assert _store().plan_record("Chuyến Kỳ Sơn")["version"] == 2


def test_a_taken_name_asks_and_replaces_nothing_until_told() -> None:
    store = _store()
    app = _planner()
    _add(app, "na ngoi")
    app.text_input(key=_key(app, "name")).input("Kế hoạch B").run()
    theirs = Plan.from_dict({**_plan(app).to_dict(), "stops": [], "notes": "của đồng nghiệp"})
    store.save_plan(theirs)

    app.button(key="w_save").click().run()
    _ok(app)
    assert any("Đã có một kế hoạch tên “Kế hoạch B”" in w.value for w in app.warning)
    assert store.get_plan("Kế hoạch B") == theirs
    assert app.text_input(key="w_new_name").value == "Kế hoạch B (2)"
    app.button(key="w_save_new_name").click().run()
    _ok(app)
    assert store.get_plan("Kế hoạch B") == theirs
    assert len(store.get_plan("Kế hoạch B (2)").stops) == 1
    assert _plan(app).name == "Kế hoạch B (2)"
    assert "Đã lưu kế hoạch “Kế hoạch B (2)”" in _texts(app)

    app.text_input(key=_key(app, "name")).input("Kế hoạch B").run()
    app.button(key="w_save").click().run()
    app.button(key="w_replace").click().run()
    _ok(app)
    assert len(store.get_plan("Kế hoạch B").stops) == 1
    assert store.plan_record("Kế hoạch B")["version"] == 2


def test_delete_asks_first_and_says_what_happened() -> None:
    store = _store()
    app = _planner()
    _add(app, "lao bao")
    app.text_input(key=_key(app, "name")).input("Kế hoạch xóa").run()
    app.button(key="w_save").click().run()
    app.selectbox(key="w_saved_choice").set_value("Kế hoạch xóa").run()
    app.button(key="w_delete").click().run()
    _ok(app)
    assert any("Xóa kế hoạch “Kế hoạch xóa”?" in w.value for w in app.warning)
    assert [p["name"] for p in store.list_plans()] == ["Kế hoạch xóa"]
    app.button(key="w_cancel_question").click().run()
    assert [p["name"] for p in store.list_plans()] == ["Kế hoạch xóa"]
    app.button(key="w_delete").click().run()
    app.button(key="w_delete_confirmed").click().run()
    _ok(app)
    assert store.list_plans() == []
    assert "Đã chuyển kế hoạch “Kế hoạch xóa” vào thùng rác (30 ngày)" in _texts(app)
    (entry,) = store.list_bin()
    assert (entry["kind"], entry["name"]) == ("plan", "Kế hoạch xóa")
    app.button(key=f"w_restore_{entry['id']}").click().run()
    _ok(app)
    assert [p["name"] for p in store.list_plans()] == ["Kế hoạch xóa"]
    assert store.list_bin() == []
    assert "Đã khôi phục “Kế hoạch xóa”" in _texts(app)


def test_a_former_commune_can_be_visited_at_its_own_point() -> None:
    app = _planner()
    app.text_input(key="w_stop_search").input("Nậm Càn").run()
    assert app.selectbox(key="w_stop_hits").value == "former:16873"
    app.button(key="w_stop_add").click().run()
    _ok(app)
    (stop,) = _plan(app).stops
    assert stop.name == "Xã Nậm Càn"
    assert stop.precision in {"former_commune_point", "inside_commune"}
    assert "Nậm Cắn" not in stop.name


def test_communes_matching_the_map_filter_are_added_at_once(atlas) -> None:
    view = commune_view(atlas, edition="2025")
    very_high = set(view.loc[view["risk_class"] == "very_high", "code"])
    app = _planner()
    app.session_state["view"] = ViewState(filters=Filters(risk_classes=("very_high",)))
    app.run()
    app.button(key="w_add_filtered").click().run()
    _ok(app)
    assert {stop.id for stop in _plan(app).stops} == {f"commune:{code}" for code in very_high}


def test_removing_a_stop_can_be_undone() -> None:
    app = _planner()
    _add(app, "muong xen")
    _add(app, "na ngoi")
    before = _plan(app).stops
    app.button(key=f"w_remove_{before[0].id}").click().run()
    assert [s.id for s in _plan(app).stops] == [before[1].id]
    app.button(key="w_undo_remove").click().run()
    assert [s.id for s in _plan(app).stops] == [s.id for s in before]


# -- any plan, through the store and the page ----------------------------------------------

PRECISIONS_OF_STOPS = ("published", "osm_node", "at_gate", "user_import", "surveyed")
names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=24
).filter(lambda s: s.strip() == s and s.strip())
stops = st.builds(
    Stop,
    id=st.uuids().map(lambda u: f"point:{u.hex[:12]}"),
    name=names,
    kind=st.sampled_from(("point", "site", "gate", "commune")),
    lat=st.floats(16.3, 20.6),
    lon=st.floats(104.0, 107.0),
    precision=st.sampled_from(PRECISIONS_OF_STOPS),
    commune_code=st.none() | st.sampled_from(("15013", "17026")),
    source=names,
    dwell_minutes=st.none() | st.integers(0, 600).map(float),
)
plans = st.builds(
    Plan,
    name=names,
    base=stops,
    stops=st.lists(stops, max_size=3, unique_by=lambda s: s.id),
    start=st.datetimes(datetime(2025, 1, 1), datetime(2030, 12, 31)).map(
        lambda d: d.replace(second=0, microsecond=0)
    ),
    round_trip=st.booleans(),
    drive_hours_per_day=st.sampled_from((3.0, 4.5, 6.0, 8.0, 10.5)),
    dwell_minutes_default=st.sampled_from((0.0, 30.0, 60.0, 90.0)),
    order_fixed=st.booleans(),
    road_speed_kmh=st.none() | st.sampled_from((30.0, 45.0)),
    mountain_speed_kmh=st.none() | st.sampled_from((15.0, 25.0)),
    detour_factor=st.none() | st.sampled_from((1.3, 2.0)),
    notes=st.text(max_size=40),
).filter(lambda plan: plan.base.id not in {stop.id for stop in plan.stops})


@settings(max_examples=200, deadline=None)
@given(plan=plans)
def test_any_plan_round_trips_through_the_store(plan: Plan, tmp_path_factory) -> None:
    store = Store(tmp_path_factory.mktemp("store") / "atlas.sqlite3")
    store.save_plan(plan)
    assert store.get_plan(plan.name) == plan
    store.save_plan(store.get_plan(plan.name), opened_version=1)
    assert store.get_plan(plan.name) == plan


@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=plans)
def test_any_plan_opened_and_saved_in_the_page_is_unchanged(plan: Plan) -> None:
    store = _store()
    for record in store.list_plans():
        store.delete_plan(record["name"])
    store.save_plan(plan)
    app = _planner()
    app.selectbox(key="w_saved_choice").set_value(plan.name).run()
    app.button(key="w_open").click().run()
    assert not app.exception, app.exception
    assert _plan(app) == plan
    app.run()  # a second run must not drift (widgets created from the plan give it back)
    assert _plan(app) == plan
    app.button(key="w_save").click().run()
    assert not app.exception, app.exception
    assert store.get_plan(plan.name) == plan
    assert store.plan_record(plan.name)["version"] == 2


def test_a_later_start_is_not_today() -> None:
    """Guards the old bug: reopening a plan showed today's date instead of its own."""
    later = datetime.now().replace(second=0, microsecond=0) + timedelta(days=40)
    app = _planner()
    _add(app, "na meo")
    plan = Plan.from_dict({**_plan(app).to_dict(), "name": "Sau", "start": later.isoformat()})
    _store().save_plan(plan)
    app.run()
    app.selectbox(key="w_saved_choice").set_value("Sau").run()
    app.button(key="w_open").click().run()
    assert _plan(app).start == later
