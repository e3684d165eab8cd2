"""Your data: indicator tables, layers and coordinates that users bring, stored with provenance."""

from __future__ import annotations

import logging

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import crs
from geo.errors import BorderAtlasError, CoordinateError, UserInputError
from geo.names import fold
from geo.vocabulary import WGS84_EPSG
from i18n.numbers import format_count, format_datetime
from layers.commune_view import INDICATORS
from ui import webmap
from ui.language import as_text, keep_choices, lang, pick, t
from ui.state import get_atlas, store
from userdata import apply as imports
from userdata import layer_reader, tables

log = logging.getLogger(__name__)
DELETE_QUESTION = "import_delete_question"
DELETE_FLASH = "import_delete_flash"
OTHER_INDICATOR = "_other"
NAME_HINTS = {
    "poverty_rate_pct": ("ho ngheo", "ngheo", "poverty", "poor"),
    "income_per_capita_mvnd_year": ("thu nhap", "income"),
    "forest_cover_pct": ("che phu rung", "rung", "forest"),
}
"""Words in a column's name (diacritics ignored) that suggest an indicator; only a suggestion."""


def suggest_indicator(column: str | None) -> str | None:
    """The indicator a value column's name suggests (see :data:`NAME_HINTS`), or ``None``.

    Never chosen for the user: the page shows it beside the empty indicator box.

    Examples
    --------
    >>> suggest_indicator("Tỷ lệ hộ nghèo (%)"), suggest_indicator("Số trạm y tế")
    ('poverty_rate_pct', None)
    """
    name = fold(column or "")
    return next(
        (key for key, hints in NAME_HINTS.items() if any(hint in name for hint in hints)), None
    )


def _fail(error: UserInputError | CoordinateError) -> None:
    if isinstance(error, UserInputError):
        st.error(error.message(lang()))
    else:
        st.error(f"{t('coords_invalid')}: {error}")


def _column(label: str, columns: list[str], guess: str | None, key: str) -> str | None:
    options = [None, *columns]
    keep_choices(key)
    return st.selectbox(
        label,
        options,
        index=options.index(guess) if guess in options else 0,
        format_func=lambda c: t("none_option") if c is None else c,
        key=key,
    )


def _units(edition: str) -> dict[str, str]:
    frame = get_atlas().get(f"communes_{edition}")
    return dict(zip(frame["code"], frame["name"], strict=True))


def _table_tab() -> None:
    upload = st.file_uploader(t("upload_table"), type=["csv", "xlsx", "xls", "xlsm"], key="u_table")
    if upload is None:
        return
    try:
        frame = tables.read_table(upload.getvalue(), filename=upload.name)
    except UserInputError as error:
        _fail(error)
        return
    st.caption(t("preview"))
    st.dataframe(frame.head(20), hide_index=True, width="stretch")
    guess = tables.suggest_mapping(frame)
    columns = list(frame.columns)
    unit = _column(t("col_unit"), columns, guess.unit, "m_unit")
    code = _column(t("col_code"), columns, guess.code, "m_code")
    value = _column(t("col_value"), columns, guess.value, "m_value")
    year = _column(t("col_year"), columns, guess.year, "m_year")
    left, right = st.columns(2)
    standard = {
        item.key: pick(item.label_vi, item.label_en)
        for item in INDICATORS
        if item.kind == "number" and item.cited
    }
    choice = left.selectbox(
        t("which_indicator"),
        [*standard, OTHER_INDICATOR],
        index=None,
        placeholder=t("import.pick_indicator"),
        format_func=lambda k: standard.get(k, t("other_indicator")),
        key="m_indicator",
    )
    suggested = suggest_indicator(value)
    if suggested and choice is None:
        left.caption(t("import.suggestion", name=standard[suggested]))
    label = standard.get(choice or "", "")
    if choice == OTHER_INDICATOR:
        label = left.text_input(t("indicator_name"), key="m_indicator_name")
    unit_measure = left.text_input(
        t("unit_measure"), value="%" if "pct" in (choice or "") else "", key="m_um"
    )
    default_year = right.number_input(t("default_year"), 1990, 2100, 2024, key="m_year_default")
    edition = right.radio(
        t("units_edition"),
        ["2025", "2024"],
        format_func=lambda e: t(f"edition_{e}"),
        key="m_edition",
        horizontal=True,
    )
    kind = right.radio(
        t("value_kind"), ["rate", "count"], format_func=lambda k: t(f"kind_{k}"), key="m_kind"
    )
    source = st.text_input(t("source_given"), key="m_source")
    loaded_by = st.text_input(t("loaded_by"), key="m_loaded_by")
    try:
        result = tables.apply_mapping(
            frame,
            tables.ColumnMapping(unit=unit, code=code, value=value, year=year),
            units=_units(edition),
            indicator_name=label or "imported",
            default_year=int(default_year),
        )
    except UserInputError as error:
        _fail(error)
        return
    choices: dict[str, str] = {}
    if result.unmatched:
        st.warning(t("resolve"))
        units = _units(edition)
        options = ["", *units]
        for item in result.unmatched:
            status = t("ambiguous") if item.status == "ambiguous" else t("unknown")
            keep_choices(f"m_resolve_{item.name}")
            chosen = st.selectbox(
                f"“{item.name}” — {status}",
                options,
                format_func=lambda c: t("resolve_skip") if not c else f"{units[c]} ({c})",
                key=f"m_resolve_{item.name}",
            )
            if chosen:
                choices[item.name] = chosen
        result = tables.resolve(result, choices)
    st.success(format_count(len(result.rows), lang=lang(), noun="matched"))
    if result.problems:
        with st.expander(t("problems")):
            for problem in result.problems:
                st.text(problem)
    if choice is None:
        st.info(t("import.need_indicator"))
    if st.button(t("import_save"), type="primary", key="m_save", disabled=choice is None):
        if not source.strip():
            st.error(t("need_source"))
            return
        key = choice if choice != OTHER_INDICATOR else imports.indicator_key(label)
        imports.save_indicator(
            store(),
            rows=result.rows,
            key=key,
            label=label,
            unit=unit_measure,
            edition=edition,
            source=source,
            kind=kind,
            filename=upload.name,
            loaded_by=loaded_by,
        )
        st.success(t("import_saved", name=label or key))


def _layer_tab() -> None:
    keep_choices("l_kind", "l_crs")
    kind = st.radio(
        t("layer_kind"),
        ["zoning", "markers", "poi"],
        format_func=lambda k: t(f"kind_{k}"),
        key="l_kind",
        horizontal=True,
    )
    upload = st.file_uploader(
        t("upload_layer"), type=["geojson", "json", "gpkg", "zip", "kml"], key="u_layer"
    )
    if upload is None:
        return
    options = list(crs.ALL_CHOICES)
    assumed = st.selectbox(
        t("crs_choice"),
        [None, *options],
        format_func=lambda c: t("crs_from_file") if c is None else crs.OPTIONS[c].label(lang()),
        key="l_crs",
    )
    try:
        loaded = layer_reader.read_layer(
            upload.getvalue(), filename=upload.name, assumed_epsg=assumed
        )
    except UserInputError as error:
        _fail(error)
        return
    frame = loaded.frame
    st.info(
        t(
            "features_read",
            n=format_count(len(frame), lang=lang()),
            crs=loaded.source_crs,
            r=format_count(loaded.repaired, lang=lang()),
            k=format_count(len(loaded.rejected), lang=lang()),
        )
    )
    for warning in loaded.warnings:
        st.caption(warning)
    columns = [c for c in frame.columns if c != "geometry"]
    st.dataframe(pd.DataFrame(frame[columns]).head(20), hide_index=True, width="stretch")
    field = {"zoning": "col_zone_class", "markers": "col_marker_number", "poi": "col_name"}[kind]
    chosen = st.selectbox(t(field), columns, key="l_field") if columns else None
    source = st.text_input(t("source_given"), key="l_source")
    loaded_by = st.text_input(t("loaded_by"), key="l_loaded_by")
    if st.button(t("import_save"), type="primary", key="l_save"):
        try:
            saved = imports.save_layer(
                store(),
                kind=kind,
                frame=frame,
                column=chosen,
                source=source,
                filename=upload.name,
                loaded_by=loaded_by,
                source_crs=loaded.source_crs,
                repaired=loaded.repaired,
            )
        except UserInputError as error:
            _fail(error)
            return
        st.success(t("import_saved", name=upload.name))
        if saved.problems:
            with st.expander(t("problems")):
                for problem in saved.problems:
                    st.text(problem)


def _coords_tab() -> None:
    options = list(crs.ALL_CHOICES)
    keep_choices("c_crs")
    epsg = st.selectbox(
        t("coords_kind"), options, format_func=lambda c: crs.OPTIONS[c].label(lang()), key="c_crs"
    )
    text = st.text_input(t("coords_text"), key="c_text", help=t("coords_hint"))
    st.caption(t("coords_hint"))
    if not text.strip():
        return
    try:
        if epsg == WGS84_EPSG:
            lat, lon = crs.parse_wgs84(text)
        elif epsg == crs.VN2000_GEOGRAPHIC:
            v_lat, v_lon = crs.parse_wgs84(text)
            lat, lon = crs.to_wgs84(northing=v_lat, easting=v_lon, epsg=epsg)
        else:
            lat, lon = crs.parse_vn2000(text, epsg=epsg)
    except CoordinateError as error:
        _fail(error)
        return
    st.success(f"{t('coords_result')}: {lat:.6f}, {lon:.6f}")
    for option in (crs.THANH_HOA_TM3, crs.NGHE_AN_TM3, crs.QUANG_TRI_TM3):
        northing, easting = crs.from_wgs84(lat, lon, epsg=option)
        # Coordinates stay as GPS and survey tools write them (point decimal, no grouping).
        st.caption(f"{crs.OPTIONS[option].label(lang())}: X={northing:.2f} Y={easting:.2f}")
    m = webmap.base_map(
        bounds=((lat - 0.05, lon - 0.05), (lat + 0.05, lon + 0.05)),
        basemap="offline",
        lang=lang(),
    )
    group = folium.FeatureGroup(name=t("point"))
    folium.CircleMarker((lat, lon), radius=9, color="#c0392b", fill=True).add_to(group)
    st_folium(
        m,
        feature_group_to_add=group,
        returned_objects=[],
        key="coords-map",
        height=360,
        use_container_width=True,
    )


def _ask_delete_import(import_id: str, name: str) -> None:
    st.session_state[DELETE_QUESTION] = (import_id, name)


def _delete_import_confirmed() -> None:
    import_id, name = st.session_state.pop(DELETE_QUESTION, (None, None))
    if import_id is None:
        return
    try:
        store().delete_import(import_id)
    except BorderAtlasError as error:
        log.error("import page: %s", error)
        st.session_state[DELETE_FLASH] = ("error", t("server_error"))
        return
    st.session_state[DELETE_FLASH] = ("success", t("import_deleted", name=name))


def _cancel_delete_import() -> None:
    st.session_state.pop(DELETE_QUESTION, None)


def _loaded_tab() -> None:
    kind, text = st.session_state.pop(DELETE_FLASH, (None, None))
    if kind:
        getattr(st, kind)(text)
    rows = store().list_imports()
    if not rows:
        st.caption(t("nothing_loaded"))
        return
    question = st.session_state.get(DELETE_QUESTION)
    if question:
        box = st.container(border=True)
        box.warning(t("import_confirm_delete", name=question[1]))
        buttons = box.container(horizontal=True)
        buttons.button(
            t("plan.delete_confirmed"),
            key="w_delete_import_confirmed",
            on_click=_delete_import_confirmed,
            type="primary",
        )
        buttons.button(
            t("plan.cancel"), key="w_delete_import_cancel", on_click=_cancel_delete_import
        )
    for row in rows:
        meta = row["meta"]
        left, right = st.columns([5, 1])
        kind = t(f"kind_{row['kind']}")
        loaded_at = format_datetime(row["loaded_at"], lang=lang())
        left.markdown(
            f"**{as_text(row['name'])}** · {as_text(kind)} · {as_text(row['filename'] or '')}  \n"
            f"{as_text(t('loaded_by'))}: {as_text(row['loaded_by'] or '—')} · "
            f"{as_text(loaded_at)} · {as_text(t('source'))}: {as_text(meta.get('source', ''))}"
        )
        right.button(
            t("delete_import"),
            key=f"del_{row['id']}",
            on_click=_ask_delete_import,
            args=(row["id"], row["name"]),
        )


def render() -> None:
    st.header(t("page_import"))
    st.caption(t("page_import_intro"))
    table_tab, layer_tab, coords_tab, loaded_tab = st.tabs(
        [t("tab_table"), t("tab_layer"), t("tab_coords"), t("tab_loaded")]
    )
    with table_tab:
        _table_tab()
    with layer_tab:
        _layer_tab()
    with coords_tab:
        _coords_tab()
    with loaded_tab:
        _loaded_tab()
