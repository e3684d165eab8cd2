"""The *Bảng chỉ tiêu* tab of *Dữ liệu của bạn*: an indicator table matched to communes."""

from __future__ import annotations

import streamlit as st

from geo.errors import UserInputError
from geo.names import fold
from i18n.numbers import format_count
from layers.commune_view import INDICATORS
from ui.import_common import column_choice, edition_units, show_error
from ui.import_table_file import uploaded_table
from ui.language import keep_choices, lang, pick, t
from ui.state import store
from userdata import apply as imports
from userdata import tables

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


def render_table_tab() -> None:
    upload = uploaded_table()
    if upload is None:
        return
    frame, filename = upload.frame, upload.filename
    guess = tables.suggest_mapping(frame)
    columns = list(frame.columns)
    unit = column_choice(t("col_unit"), columns, guess.unit, "m_unit")
    code = column_choice(t("col_code"), columns, guess.code, "m_code")
    value = column_choice(t("col_value"), columns, guess.value, "m_value")
    year = column_choice(t("col_year"), columns, guess.year, "m_year")
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
            units=edition_units(edition),
            indicator_name=label or "imported",
            default_year=int(default_year),
        )
    except UserInputError as error:
        show_error(error)
        return
    choices: dict[str, str] = {}
    if result.unmatched:
        st.warning(t("resolve"))
        units = edition_units(edition)
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
            filename=filename,
            loaded_by=loaded_by,
        )
        st.success(t("import_saved", name=label or key))
