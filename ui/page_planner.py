"""The field-visit planner: base, stops, order, travel estimate, days, warnings, exports."""

from __future__ import annotations

import html
import logging
from datetime import date, datetime, time

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.errors import BorderAtlasError, UserInputError
from layers.commune_view import commune_view
from layers.filters import matches
from layers.places import KIND_LABELS, Place, find, places
from planner import exports, fieldpack, itinerary
from planner.network import RoadNetwork
from planner.plan import Plan, Stop
from planner.plan_warnings import PlanWarning, plan_warnings
from planner.schedule import DayRow, schedule
from planner.travel import Leg, optimise_plan, plan_legs, trip_summary
from ui import assets, webmap
from ui.language import lang, pick, t
from ui.state import get_atlas, get_view_atlas, imports_version
from ui.state import store as user_store

log = logging.getLogger(__name__)
PLAN_KEY = "plan_json"
LEAFLET_DIR = assets.VENDOR_DIR / "leaflet"
"""Leaflet's files, inlined into the field pack's offline map."""


@st.cache_resource(show_spinner=False)
def _network() -> RoadNetwork | None:
    atlas = get_atlas()
    if not atlas.available("roads"):
        return None
    return RoadNetwork.from_lines(atlas.get("roads"))


@st.cache_resource(show_spinner=False)
def _places() -> dict[str, Place]:
    return places(get_atlas(), edition="2025")


@st.cache_resource(show_spinner=False, max_entries=4)
def _communes_view(version: str):  # noqa: ANN202 - a GeoDataFrame
    return commune_view(get_view_atlas(version), edition="2025")


def _communes_for_warnings():  # noqa: ANN202 - a GeoDataFrame
    """2025 communes with risk classes (official zoning applied when imported)."""
    return _communes_view(imports_version())


def _stop(place: Place) -> Stop:
    return Stop(
        id=place.key,
        name=place.name,
        kind=place.kind,
        lat=place.lat,
        lon=place.lon,
        precision=place.precision,
        commune_code=place.commune_code or None,
        source=place.source,
    )


def _default_plan() -> Plan:
    catalogue = _places()
    base = catalogue.get("gate:gate_na_meo") or next(iter(catalogue.values()))
    today = date.today()
    return Plan(
        name=t("new_plan"),
        base=_stop(base),
        stops=[],
        start=datetime.combine(today, time(7, 0)),
    )


def _plan() -> Plan:
    if PLAN_KEY not in st.session_state:
        st.session_state[PLAN_KEY] = _default_plan().to_json()
    return Plan.from_json(st.session_state[PLAN_KEY])


def _set_plan(plan: Plan) -> None:
    st.session_state[PLAN_KEY] = plan.to_json()


def _error(error: BorderAtlasError) -> None:
    """Show a user's mistake in their words; keep server details (paths, SQL) in the log."""
    if isinstance(error, UserInputError):
        st.error(error.message(lang()))
    else:
        log.error("planner: %s", error)
        st.error(t("server_error"))


def _saved_plans(plan: Plan) -> Plan:
    store = user_store()
    saved = store.list_plans()
    st.subheader(t("plans_saved"))
    name = st.text_input(t("plan_name"), value=plan.name, key=f"w_plan_name_{plan.name}")
    if name.strip() and name.strip() != plan.name:
        plan = Plan.from_dict({**plan.to_dict(), "name": name.strip()})
        _set_plan(plan)
    columns = st.columns(2)
    if columns[0].button(t("save"), type="primary", key="w_save", width="stretch"):
        try:
            record = store.save_plan(plan)
            st.success(t("saved_ok").format(name=record["name"], version=record["version"]))
        except BorderAtlasError as error:
            _error(error)
    if columns[1].button(t("new_plan"), key="w_new", width="stretch"):
        plan = _default_plan()
        _set_plan(plan)
        st.rerun()
    names = [row["name"] for row in saved]
    if not names:
        st.caption(t("no_plans"))
        return plan
    chosen = st.selectbox(t("plans_saved"), names, key="w_saved_choice")
    columns = st.columns(2)
    if columns[0].button(t("open"), key="w_open", width="stretch"):
        _set_plan(store.get_plan(chosen))
        st.rerun()
    if columns[1].button(t("delete"), key="w_delete", width="stretch"):
        store.delete_plan(chosen)
        st.success(t("deleted_ok").format(name=chosen))
        st.rerun()
    copy_name = st.text_input(t("duplicate"), value=f"{chosen} (2)", key="w_copy_name")
    if st.button(t("duplicate"), key="w_duplicate"):
        try:
            store.duplicate_plan(chosen, copy_name)
            st.rerun()
        except BorderAtlasError as error:
            _error(error)
    return plan


def _label(place: Place) -> str:
    return f"{pick(*KIND_LABELS[place.kind])}: {place.label}"


def _choose_base(plan: Plan) -> Plan:
    catalogue = _places()
    options = [key for key, place in catalogue.items() if place.kind in ("commune", "gate")]
    if plan.base.id not in options:
        options.insert(0, plan.base.id)
    chosen = st.selectbox(
        t("base"),
        options,
        index=options.index(plan.base.id),
        format_func=lambda key: _label(catalogue[key]) if key in catalogue else plan.base.name,
        key="w_base",
    )
    if chosen != plan.base.id and chosen in catalogue:
        plan = Plan.from_dict({**plan.to_dict(), "base": _stop(catalogue[chosen]).to_dict()})
        _set_plan(plan)
    return plan


def _add_stops(plan: Plan) -> Plan:
    st.subheader(t("add_stops"))
    catalogue = _places()
    known = {stop.id for stop in plan.stops}
    query = st.text_input(t("search"), key="w_plan_search", placeholder="na meo, lao bao …")
    if query.strip():
        hits = [hit for hit in find(query, catalogue) if hit.key not in known]
        if hits:
            chosen = st.selectbox(
                t("search_results"),
                [hit.key for hit in hits],
                format_func=lambda k: _label(catalogue[k]),
                key=f"w_plan_hits_{query}",
            )
            if st.button(t("add"), key="w_add_hit"):
                plan = plan.with_stops([*plan.stops, _stop(catalogue[chosen])])
                _set_plan(plan)
                st.rerun()
        else:
            st.caption(t("no_results"))
    view = st.session_state.get("view")
    if view is not None and view.filters.active:
        communes = _communes_for_warnings()
        matched = communes[matches(communes, view.filters)]
        keys = [f"commune:{code}" for code in matched["code"] if f"commune:{code}" not in known]
        if keys and st.button(t("add_filtered").format(n=len(keys)), key="w_add_filtered"):
            plan = plan.with_stops([*plan.stops, *(_stop(catalogue[key]) for key in keys)])
            _set_plan(plan)
            st.rerun()
    clicked = st.session_state.get("planner_clicked")
    if clicked:
        st.caption(f"{t('clicked_point')}: {clicked[0]:.5f}, {clicked[1]:.5f}")
        if st.button(t("add_clicked"), key="w_add_clicked"):
            plan = plan.with_stops([*plan.stops, _point_stop(clicked[0], clicked[1], plan)])
            st.session_state["planner_clicked"] = None
            _set_plan(plan)
            st.rerun()
    return plan


def _point_stop(lat: float, lon: float, plan: Plan, name: str | None = None) -> Stop:
    number = sum(1 for stop in plan.stops if stop.kind == "point") + 1
    return Stop(
        id=f"point:{lat:.6f},{lon:.6f}",
        name=name or f"{t('point')} {number}",
        kind="point",
        lat=lat,
        lon=lon,
        precision="user_import",
        commune_code=None,
        source=pick("Người dùng nhập", "Entered by the user"),
    )


def _edit_stops(plan: Plan) -> Plan:
    st.subheader(t("stops"))
    if not plan.stops:
        st.caption(t("no_stops"))
        return plan
    table = pd.DataFrame(
        {
            t("order"): range(1, len(plan.stops) + 1),
            t("name"): [stop.name for stop in plan.stops],
            t("precision"): [stop.precision for stop in plan.stops],
            t("dwell"): [
                stop.dwell_minutes if stop.dwell_minutes is not None else plan.dwell_minutes_default
                for stop in plan.stops
            ],
            t("remove"): False,
        }
    )
    signature = abs(hash((tuple(stop.id for stop in plan.stops), plan.dwell_minutes_default)))
    edited = st.data_editor(
        table,
        hide_index=True,
        width="stretch",
        disabled=[t("name"), t("precision")],
        key=f"w_stops_{signature}",
    )
    if edited.equals(table):
        return plan
    stops = []
    for row, stop in zip(edited.itertuples(index=False), plan.stops, strict=True):
        if row[4]:
            continue
        dwell = float(row[3]) if pd.notna(row[3]) else None
        stops.append((float(row[0]), Stop.from_dict({**stop.to_dict(), "dwell_minutes": dwell})))
    reordered = [stop for _, stop in sorted(stops, key=lambda pair: pair[0])]
    order_changed = [s.id for s in reordered] != [s.id for _, s in stops]
    data = {**plan.to_dict(), "stops": [stop.to_dict() for stop in reordered]}
    if order_changed:
        data["order_fixed"] = True
    plan = Plan.from_dict(data)
    _set_plan(plan)
    st.rerun()
    return plan


def _trip_settings(plan: Plan) -> Plan:
    left, right = st.columns(2)
    round_trip = left.checkbox(t("round_trip"), value=plan.round_trip, key="w_round")
    start_date = left.date_input(t("start_date"), value=plan.start.date(), key="w_date")
    start_time = left.time_input(t("start_time"), value=plan.start.time(), key="w_time")
    hours = right.number_input(
        t("drive_hours"), 1.0, 14.0, float(plan.drive_hours_per_day), 0.5, key="w_hours"
    )
    dwell = right.number_input(
        t("dwell_default"), 0.0, 600.0, float(plan.dwell_minutes_default), 15.0, key="w_dwell"
    )
    travel = plan.travel_settings()
    with st.expander(t("factors")):
        road = st.number_input(t("road_speed"), 5.0, 90.0, travel.road_speed_kmh, key="w_road")
        mountain = st.number_input(
            t("mountain_speed"), 3.0, 60.0, travel.mountain_speed_kmh, key="w_mountain"
        )
        detour = st.number_input(t("detour"), 1.0, 4.0, travel.detour_factor, 0.1, key="w_detour")
    data = plan.to_dict()
    updated = {
        **data,
        "round_trip": round_trip,
        "start": datetime.combine(start_date, start_time).isoformat(),
        "drive_hours_per_day": hours,
        "dwell_minutes_default": dwell,
        "road_speed_kmh": road,
        "mountain_speed_kmh": mountain,
        "detour_factor": detour,
    }
    new = Plan.from_dict(updated)
    if new.to_json() != plan.to_json():
        _set_plan(new)
    return new


def _trip_map(plan: Plan, legs: list[Leg]) -> None:
    st.subheader(t("plan_map"))
    points = plan.route_stops()
    south = min(stop.lat for stop in points)
    north = max(stop.lat for stop in points)
    west = min(stop.lon for stop in points)
    east = max(stop.lon for stop in points)
    pad = 0.05
    m = webmap.base_map(
        bounds=((south - pad, west - pad), (north + pad, east + pad)),
        basemap="osm",
        lang=lang(),
        overlays={},
    )
    group = folium.FeatureGroup(name=t("plan_map"))
    for leg in legs:
        folium.PolyLine(
            [(y, x) for x, y in leg.geometry.coords],
            color="#1f4e9e" if leg.method == "road" else "#c0392b",
            weight=4,
            dash_array=None if leg.method == "road" else "6 6",
        ).add_to(group)
    for number, stop in enumerate(plan.all_stops()):
        folium.CircleMarker(
            (stop.lat, stop.lon),
            radius=9,
            color="#ffffff",
            fill=True,
            fill_color="#1f4e9e" if number else "#2e7d32",
            fill_opacity=1,
            tooltip=folium.Tooltip(
                f"{number}. {html.escape(stop.name)}"
                if number
                else f"{t('base')}: {html.escape(stop.name)}"
            ),
        ).add_to(group)
    result = st_folium(
        m,
        feature_group_to_add=group,
        returned_objects=["last_clicked"],
        key="planner-map",
        height=420,
        use_container_width=True,
    )
    clicked = (result or {}).get("last_clicked")
    if clicked and clicked != st.session_state.get("planner_clicked_raw"):
        st.session_state["planner_clicked_raw"] = clicked
        st.session_state["planner_clicked"] = (float(clicked["lat"]), float(clicked["lng"]))
        st.rerun()


def _results(plan: Plan, legs: list[Leg]) -> None:
    rows = schedule(plan, legs)
    route = plan.route_stops()
    st.subheader(t("legs"))
    st.dataframe(
        pd.DataFrame(
            {
                t("from"): [route[i].name for i in range(len(legs))],
                t("to"): [route[i + 1].name for i in range(len(legs))],
                t("km"): [round(leg.distance_km, 1) for leg in legs],
                t("hours"): [round(leg.hours, 2) for leg in legs],
                t("method"): [leg.explanation(lang()) for leg in legs],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    summary = trip_summary(legs)
    st.caption(
        f"{t('total')}: {summary.get('distance_km', 0):.1f} km · {summary.get('hours', 0):.1f} "
        f"{t('hours')}"
    )
    st.subheader(t("days"))
    st.dataframe(
        pd.DataFrame(
            {
                t("day"): [row.day for row in rows],
                t("name"): [row.stop_name for row in rows],
                t("arrive"): [
                    row.arrival.strftime("%d/%m %H:%M") if row.arrival else "" for row in rows
                ],
                t("leave"): [
                    row.departure.strftime("%d/%m %H:%M") if row.departure else "" for row in rows
                ],
                "": [pick(row.note_vi, row.note_en) for row in rows],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    atlas = get_atlas()
    warnings = plan_warnings(
        plan,
        legs,
        communes=_communes_for_warnings(),
        border_line=atlas.get("border") if atlas.available("border") else None,
        lang=lang(),
    )
    st.subheader(t("warnings"))
    if not warnings:
        st.caption(t("no_warnings"))
    for warning in warnings:
        show = st.error if warning.severity == "high" else st.warning
        if warning.severity == "info":
            show = st.info
        show(warning.text(lang()))
        if warning.sources:
            st.caption(f"{t('sources')}: " + " ; ".join(warning.sources))
    _exports(plan, legs, rows, warnings)


def _exports(plan: Plan, legs: list[Leg], rows: list[DayRow], warnings: list[PlanWarning]) -> None:
    st.subheader(t("export"))
    slug = "".join(ch if ch.isalnum() else "_" for ch in plan.name)[:40] or "plan"
    columns = st.columns(3)
    columns[0].download_button(
        t("field_pack"),
        fieldpack.field_pack(plan, legs, rows, warnings, leaflet_dir=LEAFLET_DIR),
        f"{slug}_field_pack.zip",
        "application/zip",
        type="primary",
        key="dl_pack",
    )
    columns[1].download_button(
        "GPX", exports.to_gpx(plan, legs), f"{slug}.gpx", "application/gpx+xml", key="dl_gpx"
    )
    columns[2].download_button(
        "KML",
        exports.to_kml(plan, legs),
        f"{slug}.kml",
        "application/vnd.google-earth.kml+xml",
        key="dl_kml",
    )
    columns = st.columns(3)
    columns[0].download_button(
        "CSV",
        exports.to_csv(plan, legs, rows).encode("utf-8"),
        f"{slug}.csv",
        "text/csv",
        key="dl_csv",
    )
    columns[1].download_button(
        "GeoPackage",
        exports.to_geopackage(plan, legs),
        f"{slug}.gpkg",
        "application/geopackage+sqlite3",
        key="dl_gpkg",
    )
    columns[2].download_button(
        t("itinerary"),
        itinerary.itinerary_html(plan, legs, rows, warnings, lang=lang()),
        f"{slug}_{lang()}.html",
        "text/html",
        key="dl_html",
    )


def render() -> None:
    plan = _plan()
    left, right = st.columns([2, 3])
    with left:
        plan = _saved_plans(plan)
        plan = _choose_base(plan)
        plan = _add_stops(plan)
    with right:
        plan = _edit_stops(plan)
        if len(plan.stops) >= 2 and st.button(t("optimise"), key="w_optimise"):
            optimised = optimise_plan(
                Plan.from_dict({**plan.to_dict(), "order_fixed": False}), network=_network()
            )
            _set_plan(optimised)
            st.rerun()
        plan = _trip_settings(plan)
    legs = plan_legs(plan, network=_network()) if plan.stops else []
    _trip_map(plan, legs)
    if plan.stops:
        _results(plan, legs)
