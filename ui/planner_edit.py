"""Editing a plan: where it starts, which stops, in what order, and the trip's settings.

Buttons act through callbacks (``on_click``), which Streamlit runs before the page is drawn
again: a click is never lost to a rerun, and the search box can be emptied after "Thêm".
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import streamlit as st

from geo.errors import BorderAtlasError, UserInputError
from i18n.messages import precision_label
from layers.places import Place, find
from planner.plan import Plan, Stop
from planner.travel import CLASS_KEYS, class_label
from ui import planner_state as state
from ui.language import as_text, keep_choices, lang, said, t

SEARCH_LIMIT = 12
REMOVED_KEY = "planner_removed"


def place_label(place: Place) -> str:
    return f"{t(f'stop_kind.{place.kind}')}: {place.label}"


def _hits(query: str, catalogue: dict[str, Place], *, exclude: set[str]) -> list[str]:
    return [hit.key for hit in find(query, catalogue, limit=SEARCH_LIMIT) if hit.key not in exclude]


def _set_base(catalogue: dict[str, Place]) -> None:
    key = st.session_state.get("w_base_hits")
    if key not in catalogue:
        return
    plan = state.current_plan()
    if key in {stop.id for stop in plan.stops}:
        state.flash("warning", said("plan.base_is_a_stop", name=catalogue[key].name))
        return
    base = Stop.from_place(catalogue[key])
    state.set_plan(Plan.from_dict({**plan.to_dict(), "base": base.to_dict()}))
    st.session_state["w_base_search"] = ""


def _add_stop(catalogue: dict[str, Place]) -> None:
    key = st.session_state.get("w_stop_hits")
    if key not in catalogue:
        return
    plan = state.current_plan()
    if key in {plan.base.id, *(stop.id for stop in plan.stops)}:
        return
    state.set_plan(plan.with_stops([*plan.stops, Stop.from_place(catalogue[key])]))
    st.session_state["w_stop_search"] = ""


def _results(query: str, catalogue: dict[str, Place], *, exclude: set[str], key: str) -> list[str]:
    """The places matching ``query`` (diacritics optional) in a select box keyed ``key``."""
    keys = _hits(query, catalogue, exclude=exclude)
    if not keys:
        st.caption(t("no_results"))
        return []
    keep_choices(key)
    st.selectbox(
        t("search_results"),
        keys,
        format_func=lambda item: place_label(catalogue[item]),
        key=key,
    )
    return keys


def choose_base(plan: Plan, catalogue: dict[str, Place]) -> None:
    """The start point: shown with its precision, changed by a search that ignores diacritics."""
    st.markdown(f"**{t('base')}:** {as_text(plan.base.name)}")
    st.caption(as_text(precision_label(plan.base.precision, lang())))
    with st.expander(t("plan.change_base")):
        query = st.text_input(t("search"), key="w_base_search", placeholder="muong xen, na meo …")
        if not query.strip():
            return
        exclude = {stop.id for stop in plan.stops}
        if _results(query, catalogue, exclude=exclude, key="w_base_hits"):
            st.button(t("plan.set_base"), key="w_base_set", on_click=_set_base, args=(catalogue,))


def _add_places(catalogue: dict[str, Place], keys: list[str]) -> None:
    plan = state.current_plan()
    known = {plan.base.id, *(stop.id for stop in plan.stops)}
    added = [Stop.from_place(catalogue[key]) for key in keys if key not in known]
    state.set_plan(plan.with_stops([*plan.stops, *added]))


def add_stops(plan: Plan, catalogue: dict[str, Place], *, filtered_codes: list[str]) -> None:
    """Search a place (diacritics optional) and add it; the box empties after each add.

    ``filtered_codes`` are the 2025 communes matching the map page's filter: one button adds
    those not in the plan yet.
    """
    st.subheader(t("add_stops"))
    exclude = {plan.base.id, *(stop.id for stop in plan.stops)}
    keys = [f"commune:{code}" for code in filtered_codes if f"commune:{code}" not in exclude]
    if keys:
        st.button(
            t("add_filtered", n=len(keys)),
            key="w_add_filtered",
            on_click=_add_places,
            args=(catalogue, keys),
        )
    query = st.text_input(t("search"), key="w_stop_search", placeholder="na meo, lao bao …")
    if not query.strip():
        return
    if _results(query, catalogue, exclude=exclude, key="w_stop_hits"):
        st.button(t("add"), key="w_stop_add", type="primary", on_click=_add_stop, args=(catalogue,))


def add_stop(stop: Stop) -> None:
    """Append ``stop`` to the plan (used by the map's "add the clicked point")."""
    plan = state.current_plan()
    state.set_plan(plan.with_stops([*plan.stops, stop]))


def _move(index: int, step: int) -> None:
    plan = state.current_plan()
    stops = list(plan.stops)
    target = index + step
    if not 0 <= index < len(stops) or not 0 <= target < len(stops):
        return
    stops[index], stops[target] = stops[target], stops[index]
    state.set_plan(Plan.from_dict({**plan.with_stops(stops).to_dict(), "order_fixed": True}))


def _remove(index: int) -> None:
    plan = state.current_plan()
    if not 0 <= index < len(plan.stops):
        return
    removed = plan.stops[index]
    state.set_plan(plan.with_stops([s for i, s in enumerate(plan.stops) if i != index]))
    st.session_state[REMOVED_KEY] = (index, removed.to_dict())


def _undo_remove() -> None:
    index, data = st.session_state.pop(REMOVED_KEY, (None, None))
    if data is None:
        return
    plan = state.current_plan()
    stops = list(plan.stops)
    stops.insert(min(index, len(stops)), Stop.from_dict(data))
    state.set_plan(plan.with_stops(stops))


def stop_list(plan: Plan) -> Plan:
    """The stops in visiting order, each movable up or down or removable (with undo)."""
    st.subheader(t("stops"))
    removed = st.session_state.get(REMOVED_KEY)
    if removed:
        row = st.container(horizontal=True, vertical_alignment="center")
        row.caption(as_text(t("plan.removed", name=removed[1]["name"])))
        row.button(t("plan.undo"), key="w_undo_remove", on_click=_undo_remove)
    if not plan.stops:
        st.caption(t("no_stops"))
        return plan
    last = len(plan.stops) - 1
    for index, stop in enumerate(plan.stops):
        row = st.container(horizontal=True, vertical_alignment="center", gap="small")
        row.markdown(f"**{index + 1}.** {as_text(stop.name)}", width="stretch")
        row.button(
            "↑",
            key=f"w_up_{stop.id}",
            help=t("plan.move_up"),
            disabled=index == 0,
            on_click=_move,
            args=(index, -1),
        )
        row.button(
            "↓",
            key=f"w_down_{stop.id}",
            help=t("plan.move_down"),
            disabled=index == last,
            on_click=_move,
            args=(index, 1),
        )
        row.button(
            "✕", key=f"w_remove_{stop.id}", help=t("remove"), on_click=_remove, args=(index,)
        )
        st.caption(as_text(precision_label(stop.precision, lang())))
    return _dwell_times(plan)


def _dwell_times(plan: Plan) -> Plan:
    table = pd.DataFrame(
        {
            t("name"): [stop.name for stop in plan.stops],
            t("dwell"): [
                plan.dwell_minutes_default if stop.dwell_minutes is None else stop.dwell_minutes
                for stop in plan.stops
            ],
        }
    )
    with st.expander(t("plan.dwell_each")):
        signature = abs(hash((state.revision(), *(stop.id for stop in plan.stops))))
        edited = st.data_editor(
            table,
            hide_index=True,
            width="stretch",
            disabled=[t("name")],
            column_config={t("dwell"): st.column_config.NumberColumn(min_value=0, step=5)},
            key=f"w_dwell_each_{signature}",
        )
    if edited.equals(table):
        return plan
    stops = []
    for stop, value in zip(plan.stops, edited[t("dwell")], strict=True):
        dwell = float(value) if pd.notna(value) else None
        if dwell == plan.dwell_minutes_default and stop.dwell_minutes is None:
            dwell = None
        stops.append(Stop.from_dict({**stop.to_dict(), "dwell_minutes": dwell}))
    return plan.with_stops(stops)


def _positive(label: str, value: float, key: str, *, step: float = 1.0) -> float:
    return st.number_input(
        label, min_value=min(1.0, float(value)), value=float(value), step=step, key=key
    )


def trip_settings(plan: Plan) -> Plan:
    """Round trip, dates, driving hours, stay, speeds and notes: read from their widgets.

    The widgets are keyed by the plan's revision (:func:`ui.planner_state.widget_key`), so a
    plan opened or started afresh shows its own values. A factor left as it is stays "use the
    default" (``None``) in the plan.
    """
    key = state.widget_key
    left, right = st.columns(2)
    round_trip = left.checkbox(t("round_trip"), value=plan.round_trip, key=key("round"))
    start_date = left.date_input(
        t("start_date"), value=plan.start.date(), key=key("date"), format="DD/MM/YYYY"
    )
    start_time = left.time_input(t("start_time"), value=plan.start.time(), key=key("time"))
    # Bounds never narrower than what a valid plan may hold, so any stored plan opens.
    hours = right.number_input(
        t("drive_hours"),
        min_value=min(0.5, plan.drive_hours_per_day),
        max_value=24.0,
        value=float(plan.drive_hours_per_day),
        step=0.5,
        key=key("hours"),
    )
    dwell = right.number_input(
        t("dwell_default"),
        min_value=0.0,
        value=float(plan.dwell_minutes_default),
        step=15.0,
        key=key("dwell"),
    )
    travel = plan.travel_settings()
    with st.expander(t("factors")):
        class_speeds = {
            road_class: _positive(
                t("plan.class_speed", road_class=class_label(road_class, lang())),
                speed,
                key(f"speed_{CLASS_KEYS.get(road_class, road_class)}"),
                step=5.0,
            )
            for road_class, speed in travel.road_class_speeds_kmh.items()
        }
        road = _positive(t("road_speed"), travel.road_speed_kmh, key("road"), step=5.0)
        mountain = _positive(t("mountain_speed"), travel.mountain_speed_kmh, key("mountain"))
        detour = st.number_input(
            t("detour"),
            min_value=1.0,
            value=float(travel.detour_factor),
            step=0.1,
            key=key("detour"),
        )
    notes = st.text_area(t("plan.notes"), value=plan.notes, key=key("notes"), height=80)
    changes = {
        "round_trip": round_trip,
        "start": datetime.combine(start_date, start_time).isoformat(),
        "drive_hours_per_day": hours,
        "dwell_minutes_default": dwell,
        "notes": notes,
    }
    for field, value, current in (
        ("road_speed_kmh", road, travel.road_speed_kmh),
        ("mountain_speed_kmh", mountain, travel.mountain_speed_kmh),
        ("detour_factor", detour, travel.detour_factor),
    ):
        if value != current:
            changes[field] = value
    changed_classes = {
        road_class: speed
        for road_class, speed in class_speeds.items()
        if speed != travel.road_class_speeds_kmh[road_class]
    }
    if changed_classes:
        changes["road_class_speeds_kmh"] = {**(plan.road_class_speeds_kmh or {}), **changed_classes}
    try:
        return Plan.from_dict({**plan.to_dict(), **changes})
    except UserInputError as error:
        st.error(as_text(error.message(lang())))
        return plan


def plan_name(plan: Plan) -> Plan:
    """The plan's name, from its widget; an empty name is refused and the old one kept."""
    name = st.text_input(t("plan_name"), value=plan.name, key=state.widget_key("name"))
    if name.strip() == plan.name:
        return plan
    try:
        return Plan.from_dict({**plan.to_dict(), "name": name.strip()})
    except BorderAtlasError as error:
        if isinstance(error, UserInputError):
            st.error(as_text(error.message(lang())))
        return plan
