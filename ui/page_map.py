"""The map page: browse the layers, colour communes by an indicator, filter, search, share."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo.vocabulary import RISK_CLASSES
from i18n.messages import precision_label
from layers.filters import Filters, matches, mix_notices, poverty_mix
from layers.places import KIND_LABELS, Place, find
from ui import map_data, webmap
from ui.downloads import csv_bytes, xlsx_bytes
from ui.language import as_text, lang, pick, risk_label, t
from ui.map_details import commune_details
from ui.map_table import commune_table
from ui.state import get_atlas, imports_version
from ui.view_link import AREAS, EDITIONS, RANKED_STANDARDS, ViewState, from_query, to_query

BASEMAPS = list(webmap.BASEMAPS)
"""Basemap keys offered, named by the catalogue's ``map.basemap.<key>``."""


def _label(item: Any) -> str:
    return pick(item.label_vi, item.label_en)


def _state(indicators: list[Any]) -> ViewState:
    """The view from the URL on first load, then from the widgets."""
    if "view" not in st.session_state:
        keys = tuple(item.key for item in indicators)
        st.session_state["view"] = from_query(st.query_params, indicators=keys)
    return st.session_state["view"]


def _controls(state: ViewState, indicators: list[Any]) -> ViewState:
    by_key = {item.key: item for item in indicators}
    keys = list(by_key)
    with st.sidebar:
        area = st.selectbox(
            t("area"),
            AREAS,
            index=AREAS.index(state.area),
            format_func=lambda a: t("area_all") if a == "all" else a,
            key="w_area",
        )
        edition = st.radio(
            t("edition"),
            EDITIONS,
            index=EDITIONS.index(state.edition),
            format_func=lambda e: t(f"edition_{e}"),
            key="w_edition",
        )
        chosen = st.selectbox(
            t("indicator"),
            keys,
            index=keys.index(state.indicator) if state.indicator in keys else 0,
            format_func=lambda k: _label(by_key[k]),
            key="w_indicator",
        )
        basemap = st.selectbox(
            t("basemap"),
            BASEMAPS,
            index=BASEMAPS.index(state.basemap) if state.basemap in BASEMAPS else 0,
            format_func=lambda b: t(f"map.basemap.{b}"),
            key="w_basemap",
        )
        st.subheader(t("filters"))
        poverty_on = st.checkbox(
            t("poverty_filter_on"), value=state.filters.poverty_min is not None, key="w_pov_on"
        )
        poverty = st.slider(
            t("poverty_min"),
            0,
            100,
            int(state.filters.poverty_min if state.filters.poverty_min is not None else 30),
            step=1,
            disabled=not poverty_on,
            key="w_pov",
        )
        standards = [None, *RANKED_STANDARDS]
        poverty_standard = st.selectbox(
            t("poverty_standard_filter"),
            standards,
            index=standards.index(state.filters.poverty_standard),
            format_func=lambda code: (
                t("poverty_standard_any") if code is None else t(f"provenance.standard.{code}")
            ),
            disabled=not poverty_on,
            key="w_pov_std",
        )
        poverty_year = st.number_input(
            t("poverty_year_from"),
            min_value=1990,
            max_value=2100,
            value=state.filters.poverty_year_from,
            step=1,
            format="%d",
            disabled=not poverty_on,
            key="w_pov_year",
            help=t("poverty_filter_hint"),
        )
        risk = st.multiselect(
            t("risk_filter"),
            RISK_CLASSES,
            default=list(state.filters.risk_classes),
            format_func=risk_label,
            key="w_risk",
            placeholder=t("choose"),
        )
        districts = st.multiselect(
            t("district_filter"),
            AREAS[1:],
            default=list(state.filters.districts),
            key="w_dist",
            placeholder=t("choose"),
        )
        border_only = st.checkbox(t("border_only"), value=state.filters.border_only, key="w_bord")
        item = by_key[chosen]
        indicator_min = None
        if item.kind == "number" and item.key != "poverty_rate_pct":
            current = state.filters.indicator_min
            on = st.checkbox(
                t("indicator_filter_on").format(name=_label(item)),
                value=current is not None and current[0] == chosen,
                key=f"w_ind_on_{chosen}",
            )
            minimum = st.number_input(
                t("indicator_min").format(unit=item.unit),
                value=float(current[1]) if current and current[0] == chosen else 0.0,
                disabled=not on,
                key=f"w_ind_min_{chosen}",
            )
            indicator_min = (chosen, float(minimum)) if on else None
    new = ViewState(
        area=area,
        edition=edition,
        indicator=chosen,
        basemap=basemap,
        selected=state.selected,
        filters=Filters(
            poverty_min=float(poverty) if poverty_on else None,
            poverty_standard=poverty_standard if poverty_on else None,
            poverty_year_from=int(poverty_year) if poverty_on and poverty_year else None,
            risk_classes=tuple(risk),
            districts=tuple(districts),
            border_only=border_only,
            indicator_min=indicator_min,
        ),
    )
    if new.edition != state.edition:
        new = ViewState(**{**new.__dict__, "selected": ""})
    return new


def _search(state: ViewState, catalogue: dict[str, Place]) -> ViewState:
    query = st.text_input(t("search"), key="w_search", placeholder="na meo, muong xen, 327 …")
    if not query.strip():
        return state
    hits = find(query, catalogue)
    if not hits:
        st.caption(t("no_results"))
        return state
    options = [hit.key for hit in hits]
    chosen = st.radio(
        t("search_results"),
        options,
        format_func=lambda key: (
            f"{pick(*KIND_LABELS[catalogue[key].kind])}: {catalogue[key].label}"
        ),
        key=f"w_hits_{query}",
        horizontal=True,
    )
    return ViewState(**{**state.__dict__, "selected": chosen})


def _table(view: pd.DataFrame, mask: pd.Series, state: ViewState, indicators: list[Any]) -> None:
    by_key = {item.key: item for item in indicators}
    shown = [by_key["poverty_rate_pct"], by_key.get(state.indicator, by_key["poverty_rate_pct"])]
    if shown[1].kind != "number":
        shown = shown[:1]
    matched = commune_table(view.loc[mask], indicators=shown, lang=lang())
    st.markdown(f"**{int(mask.sum())}** {t('matching')} ({t('of')} {len(view)})")
    filters = state.filters
    if filters.poverty_min is not None:
        no_data = int(view["poverty_rate_pct"].isna().sum())
        if no_data:
            st.caption(t("no_data_count", n=no_data))
    if filters.poverty_min is not None or state.indicator == "poverty_rate_pct":
        notices = mix_notices(poverty_mix(view, mask), lang=lang())
        if notices:
            st.warning("\n\n".join(as_text(notice) for notice in notices))
    st.dataframe(
        matched,
        hide_index=True,
        width="stretch",
        key="matches_table",
        column_config={
            header: st.column_config.LinkColumn(header)
            for header in matched.columns
            if header.endswith(t("provenance.col.source_link"))
        },
    )
    left, right = st.columns(2)
    left.download_button(
        t("download_csv"), csv_bytes(matched), "border_atlas_communes.csv", "text/csv"
    )
    right.download_button(
        t("download_xlsx"),
        xlsx_bytes(matched, sheet="communes"),
        "border_atlas_communes.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _share_link(state: ViewState) -> None:
    params = to_query(state)
    if lang() != "vi":
        params["lang"] = lang()
    st.query_params.from_dict(params)
    base = str(st.context.url or "").split("?")[0]
    query = "&".join(f"{key}={value}" for key, value in params.items())
    st.caption(t("link"))
    st.code(f"{base}?{query}" if query else base, language=None)


def render() -> None:
    atlas = get_atlas()
    version = imports_version()
    indicators = map_data.indicator_list(version)
    state = _controls(_state(indicators), indicators)
    view = map_data.view(state.edition, version)
    display = map_data.display(state.edition, version)
    catalogue = map_data.place_catalogue(state.edition, version)
    mask = matches(view, state.filters)
    in_area = view["former_district"] == state.area if state.area != "all" else mask | True

    map_column, info_column = st.columns([3, 2])
    with info_column:
        state = _search(state, catalogue)
    bounds = webmap.bounds_of(
        display if state.area == "all" else display[display["former_district"] == state.area]
    )
    selected_place = catalogue.get(state.selected)
    with map_column:
        m = webmap.base_map(
            bounds=bounds,
            basemap=state.basemap,
            lang=lang(),
            overlays=map_data.overlays(state.edition, version),
            zones=webmap.vn2000_zones(display),
        )
        item = next(i for i in indicators if i.key == state.indicator)
        group = webmap.communes_layer(
            communes=display,
            indicator=state.indicator,
            lang=lang(),
            highlight_codes=set(view.loc[mask, "code"]) if state.filters.active else None,
            indicator_label=_label(item),
            unit=item.unit,
        )
        result = st_folium(
            m,
            feature_group_to_add=group,
            returned_objects=["last_object_clicked"],
            key=f"map-{state.edition}-{state.area}-{state.basemap}-{lang()}",
            height=640,
            width="stretch",
            center=(selected_place.lat, selected_place.lon) if selected_place else None,
            zoom=12 if selected_place else None,
        )
        clicked = webmap.clicked_code((result or {}).get("last_object_clicked"), communes=display)
        if clicked and st.session_state.get("last_clicked") != clicked:
            st.session_state["last_clicked"] = clicked
            state = ViewState(**{**state.__dict__, "selected": f"commune:{clicked}"})
    st.session_state["view"] = state
    with info_column:
        st.markdown(f"### {t('details')}")
        selected_place = catalogue.get(state.selected)
        if selected_place is None:
            st.caption(t("click_hint"))
        else:
            code = selected_place.key.split(":", 1)[1] if selected_place.kind == "commune" else None
            if code is None:
                st.subheader(selected_place.name)
                st.caption(
                    f"{t('precision')}: {precision_label(selected_place.precision, lang())} · "
                    f"{t('source')}: {selected_place.source}"
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
    _table(view[in_area], mask[in_area], state, indicators)
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
