"""The map page's controls, above the map in the main area (no sidebar, so a phone reaches them
in one tap without anything covering the map): a row with the area and what colours the
communes, and one expander, labelled with the number of active filters, holding the edition,
the basemap and every filter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from geo.vocabulary import RISK_CLASSES
from layers.filters import Filters
from ui import webmap
from ui.language import as_text, keep_choices, pick, risk_label, t
from ui.view_link import AREAS, BASEMAP_KEYS, EDITIONS, RANKED_STANDARDS, ViewState
from ui.visit_memory import remember_area

ANY_STANDARD = "any"
"""The poverty-standard option "any standard" (an option, not an empty box)."""
CHOICE_KEYS = ("w_area", "w_indicator", "w_edition", "w_basemap", "w_pov_std", "w_risk", "w_dist")
"""The widgets whose options are words: they are re-sent when the language changes."""


def basemaps() -> list[str]:
    """Basemap keys offered (the app's offline one first), named by ``map.basemap.<key>``."""
    return [key for key in BASEMAP_KEYS if key in webmap.BASEMAPS]


def _label(item: Any) -> str:
    return pick(item.label_vi, item.label_en)


def _words(labels: dict[Any, str]) -> Callable[[Any], str]:
    """A format function with this run's words: Streamlit (and AppTest) may call it later."""
    return lambda option: labels.get(option, str(option))


def _now(key: str, fallback: Any) -> Any:
    """A widget's value as this run will read it (the user's last change), else ``fallback``."""
    return st.session_state.get(key, fallback)


def active_filters(filters: Filters) -> int:
    """How many filters are on (the poverty standard and first year count on their own).

    Examples
    --------
    >>> active_filters(Filters()), active_filters(Filters(poverty_min=30, border_only=True))
    (0, 2)
    """
    return sum(
        (
            filters.poverty_min is not None,
            filters.poverty_standard is not None,
            filters.poverty_year_from is not None,
            bool(filters.risk_classes),
            bool(filters.districts),
            filters.border_only,
            filters.indicator_min is not None,
        )
    )


def _count_now(state: ViewState, indicator: str) -> int:
    """Active filters with this run's widget values, so the expander's label is never late."""
    f = state.filters
    poverty_on = bool(_now("w_pov_on", f.poverty_min is not None))
    standard = _now("w_pov_std", f.poverty_standard or ANY_STANDARD)
    current = f.indicator_min
    indicator_on = _now(f"w_ind_on_{indicator}", current is not None and current[0] == indicator)
    return sum(
        (
            poverty_on,
            poverty_on and standard not in (None, ANY_STANDARD),
            poverty_on and _now("w_pov_year", f.poverty_year_from) is not None,
            bool(_now("w_risk", f.risk_classes)),
            bool(_now("w_dist", f.districts)),
            bool(_now("w_bord", f.border_only)),
            bool(indicator_on) and indicator != "poverty_rate_pct",
        )
    )


def _options_label(count: int) -> str:
    return t("links.options_active", n=count) if count else t("links.options")


def render_controls(state: ViewState, *, indicators: list[Any]) -> ViewState:
    """The map page's controls (area, colour, then edition, basemap, filters) → the new view."""
    by_key = {item.key: item for item in indicators}
    keys = list(by_key)
    keep_choices(*CHOICE_KEYS)
    row = st.container(horizontal=True, wrap=False, gap="small", key="map_controls_row")
    area = row.selectbox(
        t("area"),
        AREAS,
        index=AREAS.index(state.area) if state.area in AREAS else 0,
        format_func=_words({a: t("area_all") if a == "all" else a for a in AREAS}),
        placeholder=t("choose"),
        key="w_area",
    )
    chosen = row.selectbox(
        t("indicator"),
        keys,
        index=keys.index(state.indicator) if state.indicator in keys else 0,
        format_func=_words({k: _label(item) for k, item in by_key.items()}),
        placeholder=t("choose"),
        key="w_indicator",
    )
    offered = basemaps()
    with st.expander(_options_label(_count_now(state, chosen)), key="w_options"):
        edition = st.radio(
            t("edition"),
            EDITIONS,
            index=EDITIONS.index(state.edition),
            format_func=_words({e: t(f"edition_{e}") for e in EDITIONS}),
            horizontal=True,
            key="w_edition",
        )
        basemap = st.selectbox(
            t("basemap"),
            offered,
            index=offered.index(state.basemap) if state.basemap in offered else 0,
            format_func=_words({b: t(f"map.basemap.{b}") for b in offered}),
            placeholder=t("choose"),
            key="w_basemap",
        )
        # Read only when asked for (an 18 MB file): not part of the view's link.
        st.checkbox(t("map.units_toggle"), key="w_units", help=t("map.units_help"))
        filters = _filters(state, item=by_key[chosen])
        remember_area(area)  # in here: the script takes no room in the page's flow
    new = ViewState(
        area=area,
        edition=edition,
        indicator=chosen,
        basemap=basemap,
        selected=state.selected if edition == state.edition else "",
        filters=filters,
    )
    return new


def _filters(state: ViewState, *, item: Any) -> Filters:
    """The filter widgets (inside the expander) → the filters they set."""
    current = state.filters
    st.markdown(f"**{t('filters')}**")
    poverty_on = st.checkbox(
        t("poverty_filter_on"), value=current.poverty_min is not None, key="w_pov_on"
    )
    poverty = st.slider(
        t("poverty_min"),
        0,
        100,
        int(current.poverty_min if current.poverty_min is not None else 30),
        step=1,
        disabled=not poverty_on,
        key="w_pov",
    )
    standards = [ANY_STANDARD, *RANKED_STANDARDS]
    poverty_standard = st.selectbox(
        t("poverty_standard_filter"),
        standards,
        index=standards.index(current.poverty_standard or ANY_STANDARD),
        format_func=_words(
            {
                code: t("poverty_standard_any")
                if code == ANY_STANDARD
                else t(f"provenance.standard.{code}")
                for code in standards
            }
        ),
        placeholder=t("choose"),
        disabled=not poverty_on,
        key="w_pov_std",
    )
    poverty_year = st.number_input(
        t("poverty_year_from"),
        min_value=1990,
        max_value=2100,
        value=current.poverty_year_from,
        step=1,
        format="%d",
        placeholder=t("links.year_any"),
        disabled=not poverty_on,
        key="w_pov_year",
        help=t("poverty_filter_hint"),
    )
    risk = st.multiselect(
        t("risk_filter"),
        RISK_CLASSES,
        default=list(current.risk_classes),
        format_func=_words({code: risk_label(code) for code in RISK_CLASSES}),
        key="w_risk",
        placeholder=t("choose"),
    )
    districts = st.multiselect(
        t("district_filter"),
        AREAS[1:],
        default=list(current.districts),
        key="w_dist",
        placeholder=t("choose"),
    )
    border_only = st.checkbox(t("border_only"), value=current.border_only, key="w_bord")
    indicator_min = None
    if item.kind == "number" and item.key != "poverty_rate_pct":
        chosen = item.key
        mine = current.indicator_min
        on = st.checkbox(
            t("indicator_filter_on", name=as_text(_label(item))),  # a label is Markdown
            value=mine is not None and mine[0] == chosen,
            key=f"w_ind_on_{chosen}",
        )
        minimum = st.number_input(
            t("indicator_min", unit=as_text(item.unit)),
            value=float(mine[1]) if mine and mine[0] == chosen else 0.0,
            disabled=not on,
            key=f"w_ind_min_{chosen}",
        )
        indicator_min = (chosen, float(minimum)) if on else None
    return Filters(
        poverty_min=float(poverty) if poverty_on else None,
        poverty_standard=(
            poverty_standard
            if poverty_on and poverty_standard not in (None, ANY_STANDARD)
            else None
        ),
        poverty_year_from=int(poverty_year) if poverty_on and poverty_year else None,
        risk_classes=tuple(risk),
        districts=tuple(districts),
        border_only=border_only,
        indicator_min=indicator_min,
    )
