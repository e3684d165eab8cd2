"""The map page: browse the layers, colour communes by an indicator, filter, search, share."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from i18n.messages import precision_label
from layers.filters import matches, mix_notices, poverty_mix
from layers.places import KIND_LABELS, Place, find
from ui import map_data, webmap
from ui.downloads import csv_bytes, xlsx_bytes
from ui.import_notices import show_import_notices
from ui.language import as_text, keep_choices, lang, pick, t
from ui.map_controls import render_controls
from ui.map_details import commune_details
from ui.map_table import download_table, table_columns
from ui.observations_panel import observation_layer
from ui.state import get_atlas, imports_version
from ui.view_link import LinkNotice, ViewState, notice_text, share_url, to_query
from ui.visit_memory import opening_view


def _label(item: Any) -> str:
    return pick(item.label_vi, item.label_en)


def _state(indicators: list[Any]) -> ViewState:
    """The view from the link (or the remembered area) on first load, then from the widgets."""
    if "view" not in st.session_state:
        reading = opening_view(st.query_params, indicators=tuple(item.key for item in indicators))
        st.session_state["view"] = reading.state
        st.session_state["link_notices"] = (reading.state, reading.notices)
        st.session_state["centred_on"] = reading.state.selected
    return st.session_state["view"]


def _link_notices(state: ViewState) -> None:
    """Say what the opening link held that could not be used, while its view is still shown."""
    opened, notices = st.session_state.get("link_notices", (None, ()))
    if notices and state == opened:
        st.info("\n\n".join(as_text(notice_text(notice, lang=lang())) for notice in notices))


def _known_selection(state: ViewState, catalogue: dict[str, Place]) -> ViewState:
    """Drop a selection this edition does not know (a link's ``sel`` cut short, or a place of
    the other edition), saying so when it came from the opening link."""
    if not state.selected or state.selected in catalogue:
        return state
    unknown = replace(state, selected="")
    opened, notices = st.session_state.get("link_notices", (None, ()))
    if state == opened:
        notice = LinkNotice(param="sel", given=state.selected, used="")
        st.session_state["link_notices"] = (unknown, (*notices, notice))
    st.session_state["view"] = unknown
    return unknown


def _search(state: ViewState, catalogue: dict[str, Place]) -> ViewState:
    query = st.text_input(t("search"), key="w_search", placeholder="na meo, muong xen, 327 …")
    if not query.strip():
        return state
    hits = find(query, catalogue)
    if not hits:
        st.caption(t("no_results"))
        return state
    options = [hit.key for hit in hits]
    labels = {  # radio options are Markdown: a name from data or a user is escaped
        key: as_text(f"{pick(*KIND_LABELS[catalogue[key].kind])}: {catalogue[key].label}")
        for key in options
    }
    keep_choices(f"w_hits_{query}")
    chosen = st.radio(
        t("search_results"),
        options,
        format_func=labels.get,
        key=f"w_hits_{query}",
        horizontal=True,
    )
    st.session_state["centred_on"] = chosen
    return ViewState(**{**state.__dict__, "selected": chosen})


def _table(
    view: pd.DataFrame, mask: pd.Series, in_area: pd.Series, state: ViewState, indicators: list[Any]
) -> None:
    """The matching communes of the area (``mask`` and ``in_area`` over the whole ``view``)."""
    by_key = {item.key: item for item in indicators}
    shown = [by_key["poverty_rate_pct"], by_key.get(state.indicator, by_key["poverty_rate_pct"])]
    if shown[1].kind != "number":
        shown = shown[:1]
    rows = map_data.commune_rows(
        state.edition, imports_version(), lang(), tuple(item.key for item in shown)
    )
    matched = rows.iloc[(mask & in_area).to_numpy().nonzero()[0]]
    view, mask = view[in_area], mask[in_area]
    st.markdown(t("matching_count", n=int(mask.sum()), total=len(view)))
    filters = state.filters
    if filters.poverty_min is not None:
        no_data = int(view["poverty_rate_pct"].isna().sum())
        if no_data:
            st.caption(t("no_data_count", n=no_data))
    if filters.poverty_min is not None or state.indicator == "poverty_rate_pct":
        notices = mix_notices(poverty_mix(view, mask), lang=lang())
        if notices:
            st.warning("\n\n".join(as_text(notice) for notice in notices))
    full = st.toggle(t("table.all_columns"), key="w_table_full")
    st.dataframe(
        matched[table_columns(matched, indicators=shown, lang=lang(), full=full)],
        hide_index=True,
        width="stretch",
        key="matches_table",
        column_config={
            header: st.column_config.LinkColumn(header)
            for header in matched.columns
            if header.endswith(t("provenance.col.source_link"))
        },
    )
    rows = view.loc[mask]

    def download() -> pd.DataFrame:
        return download_table(rows, indicators=shown, lang=lang())

    left, right = st.columns(2)
    left.download_button(
        t("download_csv"),
        lambda: csv_bytes(download()),
        "border_atlas_communes.csv",
        "text/csv",
    )
    right.download_button(
        t("download_xlsx"),
        lambda: xlsx_bytes(download(), sheet="communes"),
        "border_atlas_communes.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _share_link(state: ViewState) -> None:
    params = to_query(state)
    if lang() != "vi":
        params["lang"] = lang()
    st.query_params.from_dict(params)
    base = str(st.context.url or "").split("?")[0]
    st.caption(t("link"))
    st.code(share_url(base=base, state=state, lang=lang()), language=None, wrap_lines=True)


def _fit_codes(view: pd.DataFrame, mask: pd.Series, state: ViewState) -> set[str]:
    """The communes the map fits: those matching an active filter in the chosen area (when any
    match), else every commune of the area."""
    in_area = view["former_district"] == state.area if state.area != "all" else mask | True
    matching = view.loc[mask & in_area, "code"]
    if state.filters.active and len(matching):
        return set(matching.astype(str))
    return set(view.loc[in_area, "code"].astype(str))


def _overlays(edition: str, version: str) -> dict[str, webmap.Overlay]:
    """The static overlays, with the three provinces' units when the user asked for them."""
    drawings = map_data.overlay_drawings(edition, version, lang())
    if not st.session_state.get("w_units"):
        return drawings
    with st.spinner(t("map.units_toggle")):
        units = map_data.province_units(lang())
    if units is None:
        st.warning(t("map.units_missing"))
        return drawings
    return {**drawings, "units": units}


def render() -> None:
    atlas = get_atlas()
    version = imports_version()
    indicators = map_data.indicator_list(version)
    state = render_controls(_state(indicators), indicators=indicators)
    view = map_data.view(state.edition, version)
    display = map_data.display(state.edition, version)
    catalogue = map_data.place_catalogue(state.edition, version)
    state = _known_selection(state, catalogue)
    _link_notices(state)
    show_import_notices()
    mask = matches(view, state.filters)
    in_area = view["former_district"] == state.area if state.area != "all" else mask | True

    map_column, info_column = st.columns([7, 3])
    with info_column:
        state = _search(state, catalogue)
    in_shown_area = (display["former_district"] == state.area).to_numpy()
    bounds = webmap.bounds_of(
        display.geometry if state.area == "all" else display.geometry[in_shown_area]
    )
    # The map centres on a place picked by search or by the link, never on a commune just
    # clicked on the map (that would jump the view on every click).
    centred = catalogue.get(st.session_state.get("centred_on", ""))
    with map_column:
        overlays = _overlays(state.edition, version)
        observations = observation_layer()  # the filters above the map, the layer inline
        if observations is not None:
            overlays = {**overlays, "observations": observations}
        m = webmap.base_map(
            bounds=bounds,
            basemap=state.basemap,
            lang=lang(),
            overlays=overlays,
            zones=webmap.vn2000_zones(display),
        )
        item = next(i for i in indicators if i.key == state.indicator)
        group = webmap.communes_layer(
            communes=display,
            indicator=state.indicator,
            lang=lang(),
            highlight_codes=set(view.loc[mask, "code"]) if state.filters.active else None,
            fit_codes=_fit_codes(view, mask, state),
            indicator_label=_label(item),
            unit=item.unit,
            by_url=True,
            shapes=map_data.commune_shapes(state.edition, version),
            notices=map_data.legend_notices(state.edition, version, state.indicator, lang()),
        )
        result = st_folium(
            m,
            feature_group_to_add=group,
            returned_objects=["last_object_clicked"],
            key=f"map-{state.edition}-{state.area}-{state.basemap}-{lang()}",
            height=640,
            width="stretch",
            center=(centred.lat, centred.lon) if centred else None,
            zoom=12 if centred else None,
        )
        clicked = webmap.clicked_code((result or {}).get("last_object_clicked"), communes=display)
        if clicked and st.session_state.get("last_clicked") != clicked:
            st.session_state["last_clicked"] = clicked
            state = ViewState(**{**state.__dict__, "selected": f"commune:{clicked}"})
    st.session_state["view"] = state
    with info_column, st.container(key="ba_details"):
        st.markdown(f"### {t('details')}")
        selected_place = catalogue.get(state.selected)
        if selected_place is None:
            st.caption(t("click_hint"))
        else:
            code = selected_place.key.split(":", 1)[1] if selected_place.kind == "commune" else None
            if code is None:
                st.subheader(as_text(selected_place.name))
                st.caption(
                    f"{t('precision')}: {precision_label(selected_place.precision, lang())} · "
                    f"{t('source')}: {as_text(selected_place.source)}"
                )
                owner = view[view["code"] == selected_place.commune_code]
                if state.edition == "2024":
                    owner = view[
                        view["codes_2025"].str.contains(selected_place.commune_code or "-")
                    ]
                code = str(owner["code"].iloc[0]) if len(owner) else None
            if code is not None:
                commune_details(
                    view[view["code"] == code].iloc[0],
                    catalogue=catalogue,
                    edition=state.edition,
                    indicators=indicators,
                    facts=map_data.cited_facts(),
                    crosswalk=map_data.crosswalk(),
                )
    _table(view, mask, in_area, state, indicators)
    _share_link(state)
    unplaced = atlas.get("sites")
    unplaced = unplaced[unplaced["precision"] == "not_placed"] if atlas.available("sites") else None
    if unplaced is not None and len(unplaced):
        with st.expander(t("not_placed")):
            st.dataframe(
                pd.DataFrame(unplaced[["name", "category", "placement_basis", "source"]]),
                hide_index=True,
                width="stretch",
            )
