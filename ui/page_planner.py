"""The field-visit planner: a plan saved and reopened whole, its stops, map, legs and warnings.

The page needs ``PLAN``. Saving never replaces another plan silently: a taken name asks
"save under a new name, or replace?" (replace only for a plan this user may edit); a plan saved by
someone else since it was opened asks "keep mine as a copy, or reload theirs?"; a plan shared
read-only saves only as a copy. The saved plans list shows each plan's owner and this user's
access; its owner (or an admin) may share it (:mod:`ui.plan_sharing`) or delete it, which asks
first and moves it to the bin (:mod:`ui.bin_panel`). The store checks every action again, and
the result of every action is still shown after the page reruns.

Recent field reports of a landslide or a blocked road near a leg join the plan's warnings
(:mod:`planner.observation_warnings`; its distance and days are set in a small expander and
kept for the session), and field observations can be imported here too
(:mod:`ui.observations_import`).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

import geopandas as gpd
import streamlit as st

from geo import settings
from geo.errors import BorderAtlasError, PlanExistsError, UserInputError
from geo.vocabulary import HAZARD_KINDS
from i18n.numbers import VIETNAM_TIME
from layers.filters import matches
from layers.places import Place
from planner.network import RoadNetwork
from planner.observation_warnings import observation_warnings, recent_hazards, today_in_vietnam
from planner.plan import Plan, Stop
from planner.plan_warnings import PlanWarning, ordered, plan_warnings
from planner.schedule import overnight_places, schedule
from planner.travel import optimise_plan, plan_legs
from ui import map_data, planner_edit, planner_map, planner_results
from ui import planner_state as state
from ui.bin_panel import render_bin
from ui.confirm import ask_to_confirm
from ui.import_notices import show_import_notices
from ui.language import as_text, lang, said, t
from ui.observations_import import render_observation_import
from ui.pages import allowed
from ui.plan_sharing import may_manage, render_sharing
from ui.state import get_atlas, get_catalogue, imports_version
from ui.state import store as user_store
from userdata.roles import Permission
from userdata.store import free_name

log = logging.getLogger(__name__)
DEFAULT_BASE = "gate:gate_na_meo"
"""Where a new plan starts: the Na Mèo gate (any other place can be chosen)."""
OBS_KM_KEY = "planner_obs_warning_km"
"""Session state: how near a leg (km) a recent field report warns (kept across pages)."""
OBS_DAYS_KEY = "planner_obs_recent_days"
"""Session state: how many days back a field report counts."""


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


# -- actions (callbacks: they run before the page is drawn again) -------------------------------


def _records() -> dict[str, dict]:
    """The plans this user may read, by name (with owner, access and shares)."""
    return {record["name"]: record for record in user_store().list_plans()}


def _save(plan: Plan, *, replace: bool = False) -> None:
    store = user_store()
    origin = state.origin()
    opened = origin.version if origin is not None and origin.name == plan.name else None
    if origin is not None and origin.name == plan.name and origin.read_only:
        _save_copy(plan)  # a read-only plan is never saved over: it becomes the user's copy
        return
    try:
        record = store.save_plan(plan, opened_version=opened, replace=replace)
    except PlanExistsError as error:
        if error.changed_since_opened:
            state.ask(
                {
                    "kind": "conflict",
                    "plan": plan.to_json(),
                    "text": said(
                        "plan_conflict.question", name=plan.name, version=error.stored_version
                    ),
                }
            )
            return
        stored = _records().get(plan.name)
        state.ask(
            {
                "kind": "replace",
                "plan": plan.to_json(),
                "text": as_text(error.message(lang())),
                "suggested": store.free_plan_name(plan.name),
                "may_replace": stored is not None and stored.get("access") in ("owner", "edit"),
            }
        )
        return
    except BorderAtlasError as error:
        state.flash_failure(error)
        return
    state.answered()
    state.set_origin(state.Origin(record["name"], record["version"], "owner"))
    state.flash("success", said("saved_ok", name=record["name"], version=record["version"]))


def _save_copy(plan: Plan) -> None:
    """Save ``plan`` as a new plan of this user's, under the first free "name (n)"."""
    try:
        name = user_store().free_plan_name(plan.name)
        copy = Plan.from_dict({**plan.to_dict(), "name": name})
    except BorderAtlasError as error:
        state.flash_failure(error)
        return
    state.load_plan(copy, origin=None)
    _save(copy)


def _replace_confirmed() -> None:
    question = state.question() or {}
    if "plan" in question:
        _save(Plan.from_json(question["plan"]), replace=True)


def _keep_mine() -> None:
    question = state.question() or {}
    if "plan" in question:
        _save_copy(Plan.from_json(question["plan"]))


def _reload_theirs() -> None:
    question = state.question() or {}
    state.answered()
    if "plan" in question:
        name = Plan.from_json(question["plan"]).name
        _open(name, message="plan_conflict.reloaded")


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


def _open(name: str, *, message: str = "plan.opened") -> None:
    store = user_store()
    try:
        plan = store.get_plan(name)
        record = store.plan_record(name)
        access = _records().get(name, {}).get("access", "read")
    except BorderAtlasError as error:
        state.flash_failure(error)
        return
    state.load_plan(plan, origin=state.Origin(name, record["version"], access))
    state.flash("info", said(message, name=name, version=record["version"]))


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
        state.flash_failure(error)
        return
    origin = state.origin()
    if origin is not None and origin.name == name:
        state.set_origin(None)
    state.flash("success", said("plan_access.deleted", name=name, days=settings.BIN_DAYS))


def _duplicate(name: str) -> None:
    new_name = str(st.session_state.get(f"w_copy_name_{name}", "")).strip()
    try:
        record = user_store().duplicate_plan(name, new_name)
    except BorderAtlasError as error:
        state.flash_failure(error)
        return
    state.flash("success", said("plan.duplicated", name=name, copy=record["name"]))


def _optimise() -> None:
    plan = state.current_plan()
    free = Plan.from_dict({**plan.to_dict(), "order_fixed": False})
    state.set_plan(optimise_plan(free, network=_network()))


# -- panels ------------------------------------------------------------------------------------


def _question_box() -> None:
    """The open question (replace or rename; keep mine or reload theirs; delete?), until the
    user answers it."""
    question = state.question()
    if not question:
        return
    if question["kind"] == "replace":
        box = st.container(border=True)
        box.warning(question["text"])
        box.text_input(t("plan.new_name"), value=question["suggested"], key="w_new_name")
        row = box.container(horizontal=True)
        row.button(
            t("plan.save_new_name"),
            key="w_save_new_name",
            on_click=_save_as_new_name,
            type="primary",
        )
        if question.get("may_replace"):
            row.button(t("plan.replace"), key="w_replace", on_click=_replace_confirmed)
        row.button(t("plan.cancel"), key="w_cancel_question", on_click=state.answered)
    elif question["kind"] == "conflict":
        box = st.container(border=True)
        box.warning(question["text"])
        row = box.container(horizontal=True)
        row.button(
            t("plan_conflict.keep_mine"), key="w_keep_mine", on_click=_keep_mine, type="primary"
        )
        row.button(t("plan_conflict.reload"), key="w_reload_theirs", on_click=_reload_theirs)
    elif question["kind"] == "delete":
        ask_to_confirm(
            said("plan_access.confirm_delete", name=question["name"], days=settings.BIN_DAYS),
            confirm_key="w_delete_confirmed",
            on_confirm=_delete_confirmed,
            cancel_key="w_cancel_question",
            on_cancel=state.answered,
        )


def _access_label(record: dict) -> str:
    return t(f"plan_access.{record.get('access', 'read')}")


def _saved_plans_panel(plan: Plan) -> tuple[Plan, bool]:
    """Name, save, new; the saved plans to open, copy, share or delete. Returns (plan, save
    pressed)."""
    st.subheader(t("plans_saved"))
    plan = planner_edit.plan_name(plan)
    origin = state.origin()
    if origin is not None:
        st.caption(as_text(t("plan.editing_saved", name=origin.name, version=origin.version)))
    read_only = origin is not None and origin.name == plan.name and origin.read_only
    if read_only:
        st.info(t("plan_access.read_only"))
    row = st.container(horizontal=True)
    label = t("plan_access.save_copy") if read_only else t("save")
    save = row.button(label, type="primary", key="w_save")
    row.button(t("new_plan"), key="w_new", on_click=_new)
    _question_box()
    records = _records()
    saved = list(records)
    if saved:
        with st.expander(t("plan.saved_list", n=len(saved)), expanded=origin is None):
            chosen = st.selectbox(
                t("plans_saved"),
                saved,
                format_func=lambda name: t(
                    "plan_access.choice", name=name, access=_access_label(records[name])
                ),
                key="w_saved_choice",
            )
            _chosen_plan(records[chosen], saved)
    else:
        st.caption(t("no_plans"))
    render_bin("plan")
    return plan, save


def _chosen_plan(record: dict, saved: list[str]) -> None:
    """The chosen saved plan: its owner and access, open, delete (owner or admin), copy and
    sharing (owner or admin)."""
    name = record["name"]
    owner = record.get("owner")
    st.caption(
        said(
            "plan_access.line",
            owner=owner or t("plan_access.nobody"),
            access=_access_label(record),
        )
    )
    manage = may_manage(user_store().principal, record)
    row = st.container(horizontal=True)
    row.button(t("open"), key="w_open", on_click=_open, args=(name,))
    if manage:
        row.button(t("delete"), key="w_delete", on_click=_ask_delete, args=(name,))
    st.text_input(
        t("plan.copy_name"),
        value=free_name(name, taken=saved),
        key=f"w_copy_name_{name}",
    )
    st.button(t("duplicate"), key="w_duplicate", on_click=_duplicate, args=(name,))
    if manage:
        render_sharing(record)


def render() -> None:
    if allowed(Permission.PLAN, action=t("page_planner")) is None:
        return
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
        _observation_settings()
        with st.expander(t("obs_warn.import"), key="w_obs_import_box"):
            render_observation_import(key="planner_obs")
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
    reports, counted = _field_warnings(plan, legs)
    warnings = ordered(plan, [*warnings, *reports], lang=lang())
    context = {
        "communes": map_data.display("2025", version),
        "border": atlas.get("border") if atlas.available("border") else None,
        "roads": atlas.get("roads") if atlas.available("roads") else None,
    }
    planner_results.summary_and_exports(plan, legs, rows, warnings, context=context)
    planner_results.warnings_panel(plan, warnings)
    if counted is not None:
        days = int(st.session_state[OBS_DAYS_KEY])
        st.caption(t("obs_warn.counted", n=counted, days=days))
    planner_results.legs_table(plan, legs)
    planner_results.days_table(rows)


def _observation_settings() -> None:
    """Distance (km) and days of the warnings from field reports, kept in session state."""
    km = float(st.session_state.get(OBS_KM_KEY, settings.OBSERVATION_WARNING_KM))
    days = int(st.session_state.get(OBS_DAYS_KEY, settings.OBSERVATION_RECENT_DAYS))
    with st.expander(t("obs_warn.settings"), key="w_obs_settings_box"):
        st.caption(t("obs_warn.settings_help"))
        left, right = st.columns(2)
        km = left.number_input(
            t("obs_warn.within_km"),
            min_value=0.0,
            max_value=50.0,
            value=km,
            step=0.5,
            key="w_obs_km",
        )
        days = right.number_input(
            t("obs_warn.recent_days"),
            min_value=0,
            max_value=3650,
            value=days,
            step=1,
            key="w_obs_days",
        )
    st.session_state[OBS_KM_KEY] = float(km)
    st.session_state[OBS_DAYS_KEY] = int(days)


def _field_warnings(plan: Plan, legs: list) -> tuple[list[PlanWarning], int | None]:
    """Warnings of legs near recent landslide / road-blocked reports, and how many reports were
    checked (``None`` when the store could not give them: the log says why)."""
    km = float(st.session_state.get(OBS_KM_KEY, settings.OBSERVATION_WARNING_KM))
    days = int(st.session_state.get(OBS_DAYS_KEY, settings.OBSERVATION_RECENT_DAYS))
    today = today_in_vietnam()
    since = datetime.combine(today - timedelta(days=days), time(0), tzinfo=VIETNAM_TIME)
    try:
        seen = user_store().list_observations(kinds=HAZARD_KINDS, since=since)
    except BorderAtlasError as error:
        log.error("planner: field observations unavailable: %s", error)
        st.caption(t("obs_warn.unavailable"))
        return [], None
    found = observation_warnings(plan, legs, seen, within_km=km, recent_days=days, today=today)
    return found, len(recent_hazards(seen, today=today, recent_days=days))
