"""The field-visit planner: a plan saved and reopened whole, its stops, map, legs and warnings.

Saving never replaces another plan silently: a taken name, or a plan saved by someone else
since it was opened, asks "replace, or save under a new name?". Deleting asks first, and the
result of every action is still shown after the page reruns.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time

import geopandas as gpd
import streamlit as st

from geo.errors import BorderAtlasError, PlanExistsError, UserInputError
from layers.filters import matches
from layers.places import Place
from planner.network import RoadNetwork
from planner.plan import Plan, Stop
from planner.plan_warnings import plan_warnings
from planner.schedule import overnight_places, schedule
from planner.travel import optimise_plan, plan_legs
from ui import map_data, planner_edit, planner_map, planner_results
from ui import planner_state as state
from ui.confirm import ask_to_confirm
from ui.import_notices import show_import_notices
from ui.language import as_text, lang, said, t
from ui.state import get_atlas, get_catalogue, imports_version
from ui.state import store as user_store
from userdata.store import free_name

log = logging.getLogger(__name__)
DEFAULT_BASE = "gate:gate_na_meo"
"""Where a new plan starts: the Na Mèo gate (any other place can be chosen)."""


@st.cache_resource(show_spinner=False)
def _network() -> RoadNetwork | None:
    try:
        return RoadNetwork.from_catalogue(get_catalogue())
    except BorderAtlasError as error:
        log.error("planner: road network unavailable: %s", error)
        return None


def _overnight_places() -> gpd.GeoDataFrame | None:
    """Vietnam's communes, to say near which one an overnight stop on the road falls."""
    try:
        return overnight_places(get_catalogue())
    except BorderAtlasError as error:
        log.error("planner: communes of Vietnam unavailable: %s", error)
        return None


def _places() -> dict[str, Place]:
    return map_data.trip_catalogue(imports_version())


def _filtered_codes() -> list[str]:
    """Codes of the 2025 communes matching the map page's filter (none when it has none)."""
    view = st.session_state.get("view")
    if view is None or not view.filters.active:
        return []
    communes = map_data.view("2025", imports_version())
    return [str(code) for code in communes.loc[matches(communes, view.filters), "code"]]


def default_plan() -> Plan:
    """A new plan: the defaults of every setting, today at 07:00, from the Na Mèo gate."""
    catalogue = _places()
    base = catalogue.get(DEFAULT_BASE) or next(iter(catalogue.values()))
    return Plan(
        name=t("new_plan"),
        base=Stop.from_place(base),
        stops=[],
        start=datetime.combine(date.today(), time(7, 0)),
    )


def _show_error(error: BorderAtlasError) -> None:
    """A user's mistake in their words; server details (paths, SQL) only in the log."""
    if isinstance(error, UserInputError):
        state.flash("error", as_text(error.message(lang())))
    else:
        log.error("planner: %s", error)
        state.flash("error", t("server_error"))


# -- actions (callbacks: they run before the page is drawn again) -------------------------------


def _save(plan: Plan, *, replace: bool = False) -> None:
    store = user_store()
    origin = state.origin()
    opened = origin.version if origin is not None and origin.name == plan.name else None
    try:
        record = store.save_plan(plan, opened_version=opened, replace=replace)
    except PlanExistsError as error:
        state.ask(
            {
                "kind": "replace",
                "plan": plan.to_json(),
                "text": error.message(lang()),
                "suggested": store.free_plan_name(plan.name),
            }
        )
        return
    except BorderAtlasError as error:
        _show_error(error)
        return
    state.answered()
    state.set_origin(state.Origin(record["name"], record["version"]))
    state.flash("success", said("saved_ok", name=record["name"], version=record["version"]))


def _replace_confirmed() -> None:
    question = state.question() or {}
    if "plan" in question:
        _save(Plan.from_json(question["plan"]), replace=True)


def _save_as_new_name() -> None:
    question = state.question() or {}
    name = str(st.session_state.get("w_new_name", "")).strip()
    if "plan" not in question:
        return
    try:
        plan = Plan.from_dict({**Plan.from_json(question["plan"]).to_dict(), "name": name})
    except UserInputError as error:
        state.flash("error", as_text(error.message(lang())))
        return
    state.load_plan(plan, origin=None)
    _save(plan)


def _open(name: str) -> None:
    store = user_store()
    try:
        plan = store.get_plan(name)
        record = store.plan_record(name)
    except BorderAtlasError as error:
        _show_error(error)
        return
    state.load_plan(plan, origin=state.Origin(name, record["version"]))
    state.flash("info", said("plan.opened", name=name, version=record["version"]))


def _new() -> None:
    state.load_plan(default_plan(), origin=None)


def _ask_delete(name: str) -> None:
    state.ask({"kind": "delete", "name": name})


def _delete_confirmed() -> None:
    question = state.question() or {}
    name = question.get("name")
    state.answered()
    if not name:
        return
    try:
        user_store().delete_plan(name)
    except BorderAtlasError as error:
        _show_error(error)
        return
    origin = state.origin()
    if origin is not None and origin.name == name:
        state.set_origin(None)
    state.flash("success", said("deleted_ok", name=name))


def _duplicate(name: str) -> None:
    new_name = str(st.session_state.get(f"w_copy_name_{name}", "")).strip()
    try:
        record = user_store().duplicate_plan(name, new_name)
    except BorderAtlasError as error:
        _show_error(error)
        return
    state.flash("success", said("plan.duplicated", name=name, copy=record["name"]))


def _optimise() -> None:
    plan = state.current_plan()
    free = Plan.from_dict({**plan.to_dict(), "order_fixed": False})
    state.set_plan(optimise_plan(free, network=_network()))


# -- panels ------------------------------------------------------------------------------------


def _question_box() -> None:
    """The open question (replace or rename; delete?), until the user answers it."""
    question = state.question()
    if not question:
        return
    if question["kind"] == "replace":
        box = st.container(border=True)
        box.warning(as_text(question["text"]))
        box.text_input(t("plan.new_name"), value=question["suggested"], key="w_new_name")
        row = box.container(horizontal=True)
        row.button(
            t("plan.save_new_name"),
            key="w_save_new_name",
            on_click=_save_as_new_name,
            type="primary",
        )
        row.button(t("plan.replace"), key="w_replace", on_click=_replace_confirmed)
        row.button(t("plan.cancel"), key="w_cancel_question", on_click=state.answered)
    elif question["kind"] == "delete":
        ask_to_confirm(
            said("plan.confirm_delete", name=question["name"]),
            confirm_key="w_delete_confirmed",
            on_confirm=_delete_confirmed,
            cancel_key="w_cancel_question",
            on_cancel=state.answered,
        )


def _saved_plans_panel(plan: Plan) -> tuple[Plan, bool]:
    """Name, save, new; the saved plans to open, copy or delete. Returns (plan, save pressed)."""
    st.subheader(t("plans_saved"))
    plan = planner_edit.plan_name(plan)
    origin = state.origin()
    if origin is not None:
        st.caption(as_text(t("plan.editing_saved", name=origin.name, version=origin.version)))
    row = st.container(horizontal=True)
    save = row.button(t("save"), type="primary", key="w_save")
    row.button(t("new_plan"), key="w_new", on_click=_new)
    _question_box()
    saved = [record["name"] for record in user_store().list_plans()]
    if not saved:
        st.caption(t("no_plans"))
        return plan, save
    with st.expander(t("plan.saved_list", n=len(saved)), expanded=origin is None):
        chosen = st.selectbox(t("plans_saved"), saved, key="w_saved_choice")
        row = st.container(horizontal=True)
        row.button(t("open"), key="w_open", on_click=_open, args=(chosen,))
        row.button(t("delete"), key="w_delete", on_click=_ask_delete, args=(chosen,))
        st.text_input(
            t("plan.copy_name"),
            value=free_name(chosen, taken=saved),
            key=f"w_copy_name_{chosen}",
        )
        st.button(t("duplicate"), key="w_duplicate", on_click=_duplicate, args=(chosen,))
    return plan, save


def render() -> None:
    if not state.has_plan():
        state.load_plan(default_plan(), origin=None)
    state.show_flash()
    show_import_notices()
    plan = state.current_plan()
    catalogue = _places()
    edit, trip = st.columns([2, 3])
    with edit:
        plan, save = _saved_plans_panel(plan)
        planner_edit.choose_base(plan, catalogue)
        planner_edit.add_stops(plan, catalogue, filtered_codes=_filtered_codes())
        plan = planner_edit.stop_list(plan)
        if len(plan.stops) >= 2:
            st.button(t("optimise"), key="w_optimise", on_click=_optimise)
        plan = planner_edit.trip_settings(plan)
    if plan.to_json() != st.session_state[state.PLAN_KEY]:
        state.set_plan(plan)
    if save:
        _save(plan)
        st.rerun()
    legs = plan_legs(plan, network=_network()) if plan.stops else []
    with trip:
        planner_map.trip_map(plan, legs)
        if plan.stops:
            _results(plan, legs)


def _results(plan: Plan, legs: list) -> None:
    atlas = get_atlas()
    version = imports_version()
    communes = map_data.view("2025", version)
    rows = schedule(plan, legs, communes=_overnight_places())
    warnings = plan_warnings(
        plan,
        legs,
        communes=communes,
        border_line=atlas.get("border") if atlas.available("border") else None,
        lang=lang(),
    )
    context = {
        "communes": map_data.display("2025", version),
        "border": atlas.get("border") if atlas.available("border") else None,
        "roads": atlas.get("roads") if atlas.available("roads") else None,
    }
    planner_results.summary_and_exports(plan, legs, rows, warnings, context=context)
    planner_results.warnings_panel(plan, warnings)
    planner_results.legs_table(plan, legs)
    planner_results.days_table(rows)
