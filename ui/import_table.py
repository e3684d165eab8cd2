"""The *Bảng chỉ tiêu* tab of *Dữ liệu của bạn*: an indicator table matched to communes.

Nothing is guessed and nothing doubtful is saved (:mod:`userdata.tables`): rows refused are
listed with their reason, separators that read two ways are asked, names matched not exactly
wait for a confirmation, duplicates with different values for a pick; the save stays disabled,
with the reasons, until every question is answered and at least one row is valid.

Matching a big table is the slow part: its result is kept per session, keyed by the upload's
digest and every choice it depends on (:data:`MEMO_ENTRIES` of them), so a widget that does
not change the matching does not redo it.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import pandas as pd
import streamlit as st

from geo.errors import UserInputError
from geo.names import fold
from i18n.numbers import format_count, format_number, format_year, parse_number
from layers.commune_view import INDICATORS
from planner.schedule import overnight_places
from ui.import_common import column_choice, show_error
from ui.import_table_file import UploadedTable, uploaded_table
from ui.language import as_text, keep_choices, lang, pick, t
from ui.pages import show_incident
from ui.state import crosswalk_weights, get_atlas, get_catalogue, store
from userdata import apply as imports
from userdata import table_names, tables

OTHER_INDICATOR = "_other"
NAME_HINTS = {
    "poverty_rate_pct": ("ho ngheo", "ngheo", "poverty", "poor"),
    "income_per_capita_mvnd_year": ("thu nhap", "income"),
    "forest_cover_pct": ("che phu rung", "rung", "forest"),
}
"""Words in a column's name (diacritics ignored) that suggest an indicator; only a suggestion."""
MEMO_ENTRIES = 4
"""Matching results kept per session (the latest ones)."""
MAX_WIDGETS = 30
"""Names, confirmations or duplicates asked one by one; beyond, one answer covers them all."""
MAX_ASSIGN = 10
"""Names not in the three areas offered a commune one by one (more: the file needs fixing)."""
MAX_REJECTED_SHOWN = 200
"""Rejected rows listed; the totals by reason cover them all."""


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


def widget_key(prefix: str, *parts: object) -> str:
    """A short, stable widget key for text from the file (names can be long or odd).

    Examples
    --------
    >>> widget_key("m_pick", "Nậm Càn").startswith("m_pick_"), len(widget_key("m", "x" * 500))
    (True, 14)
    """
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}_{digest}"


def memo(key: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()`` kept in this session under ``key`` (the :data:`MEMO_ENTRIES` latest)."""
    kept: OrderedDict = st.session_state.setdefault("_table_memo", OrderedDict())
    if key in kept:
        kept.move_to_end(key)
        return kept[key]
    value = compute()
    kept[key] = value
    while len(kept) > MEMO_ENTRIES:
        kept.popitem(last=False)
    return value


@st.cache_resource(show_spinner=False)
def names_elsewhere() -> frozenset[str]:
    """Names of communes outside the three areas (:func:`userdata.table_names.names_elsewhere`)."""
    atlas = get_atlas()
    return table_names.names_elsewhere(
        vietnam=overnight_places(),
        census=pd.read_csv(get_catalogue().path("census_2019"), dtype=str),
        communes_2025=atlas.get("communes_2025"),
        communes_2024=atlas.get("communes_2024"),
    )


@st.cache_resource(show_spinner=False)
def gazetteer(edition: str) -> tables.Gazetteer:
    """The communes a table's names may mean for ``edition`` (see :class:`tables.Gazetteer`)."""
    atlas = get_atlas()
    other = "2024" if edition == "2025" else "2025"
    return table_names.build_gazetteer(
        atlas.get(f"communes_{edition}"),
        atlas.get(f"communes_{other}"),
        edition=edition,
        weights=crosswalk_weights() if edition == "2025" else None,
        elsewhere=names_elsewhere(),
    )


def _choose_indicator(value: str | None) -> tuple[str | None, str, str | None, str]:
    """The indicator box, its name, its kind of value and its unit of measure."""
    standard = {
        item.key: pick(item.label_vi, item.label_en)
        for item in INDICATORS
        if item.key in tables.STANDARD_KINDS
    }
    keep_choices("m_indicator", "m_value_kind")
    choice = st.selectbox(
        t("which_indicator"),
        [*standard, OTHER_INDICATOR],
        index=None,
        placeholder=t("import.pick_indicator"),
        format_func=lambda k: standard.get(k, t("other_indicator")),
        key="m_indicator",
    )
    suggested = suggest_indicator(value)
    if suggested and choice is None:
        st.caption(t("import.suggestion", name=standard[suggested]))
    label = standard.get(choice or "", "")
    if choice == OTHER_INDICATOR:
        label = st.text_input(t("indicator_name"), key="m_indicator_name").strip()
        kind = st.radio(
            t("tables.kind"),
            list(tables.VALUE_KINDS),
            index=None,
            format_func=lambda k: t(f"tables.kind_{k}"),
            key="m_value_kind",
        )
    else:
        kind = tables.STANDARD_KINDS.get(choice or "")
        if kind:
            st.caption(t("tables.kind_fixed", kind=t(f"tables.kind_{kind}")))
    known = {item.key: item.unit for item in INDICATORS}
    unit = known.get(choice or "") or (tables.VALUE_KINDS[kind].unit if kind else "")
    if choice == OTHER_INDICATOR:
        unit = st.text_input(t("unit_measure"), value=unit, key=f"m_um_{kind}")
    return choice, label, kind, unit


def _separator_key(digest: str, column: str | None) -> str:
    return widget_key("m_sep", digest, column)


def _ask_separators(result: tables.ImportResult, key: str, answer: str | None) -> None:
    """The question "1.234 = 1234 or 1.234?" for the value column, while it is needed."""
    question = next(iter(result.questions), None)
    if question is None and answer is None:
        return
    example = question.examples[0] if question else "1.234"
    thousands, decimal = (parse_number(example, convention=c) or 0.0 for c in ("vn", "en"))
    shown = ", ".join(question.examples[:3]) if question else example
    keep_choices(key)
    st.radio(
        as_text(
            t(
                "tables.question",
                column=question.column if question else "",
                n=question.rows if question else 0,
                examples=shown,
            )
        ),
        ["vn", "en"],
        index=None,
        format_func=lambda c: as_text(
            t(
                f"tables.answer_{c}",
                example=example,
                thousands=format_number(thousands, lang=lang()),
                decimal=format_number(decimal, lang=lang(), decimals=3),
            )
        ),
        key=key,
    )


def _ask_names(result: tables.ImportResult, edition: str) -> dict[str, str]:
    """Choices for names that match several communes, and (optionally) for unknown ones."""
    units = gazetteer(edition).names
    choices: dict[str, str] = {}
    ambiguous = [u for u in result.unmatched if u.status == "ambiguous"]
    unknown = [u for u in result.unmatched if u.status == "unknown"]
    if ambiguous:
        st.warning(t("tables.choose_title"))
    for item in ambiguous[:MAX_WIDGETS]:
        listed = dict(item.candidates)
        options = ["", *listed, *(c for c in units if c not in listed)]
        labels = {c: f"{name} ({c.removeprefix(tables.OLD)})" for c, name in item.candidates}
        key = widget_key("m_pick", edition, item.name)
        keep_choices(key)
        chosen = st.selectbox(
            as_text(t("tables.name_rows", name=item.name, n=item.rows)),
            options,
            index=None,
            placeholder=t("tables.choose_placeholder"),
            format_func=lambda c, lb=labels: (
                t("resolve_skip") if not c else lb.get(c, f"{units.get(c, c)} ({c})")
            ),
            key=key,
        )
        if chosen is not None:
            choices[item.name] = chosen
    if unknown:
        st.info(t("tables.unknown_names", n=len(unknown)))
        listing = pd.DataFrame(
            {
                t("tables.col_name"): [u.name for u in unknown],
                t("tables.col_rows"): [u.rows for u in unknown],
                t("tables.col_note"): [t(f"tables.{u.hint}") if u.hint else "" for u in unknown],
            }
        )
        st.dataframe(listing, hide_index=True, width="stretch")
        for item in unknown[:MAX_ASSIGN] if len(unknown) <= MAX_ASSIGN else []:
            key = widget_key("m_assign", edition, item.name)
            keep_choices(key)
            chosen = st.selectbox(
                as_text(t("tables.name_rows", name=item.name, n=item.rows)),
                ["", *units],
                format_func=lambda c: t("resolve_skip") if not c else f"{units[c]} ({c})",
                key=key,
            )
            if chosen:
                choices[item.name] = chosen
    return choices


def _ask_old_names(result: tables.ImportResult, edition: str) -> dict[str, str]:
    """Names of both editions the user says are 2020–2025 communes (moved through the
    crosswalk), offered when the file also holds names that are 2020–2025 communes only."""
    if not result.also_old:
        return {}
    old = dict(result.also_old)
    chosen = st.multiselect(
        t("tables.also_old"),
        list(old),
        key=widget_key("m_old", edition, *old),
    )
    return {name: old[name] for name in chosen}


def _ask_confirmations(result: tables.ImportResult, edition: str) -> tuple[set[str], dict]:
    """Names whose match the user confirmed, and those dropped (as choices of ``""``)."""
    if not result.to_confirm:
        return set(), {}
    st.warning(t("tables.confirm_title"))
    listing = pd.DataFrame(
        {
            t("tables.col_name"): [c.name for c in result.to_confirm],
            t("tables.col_commune"): [c.commune for c in result.to_confirm],
            t("tables.col_why"): [
                "; ".join(t(f"tables.why_{r}") for r in c.reasons) for c in result.to_confirm
            ],
            t("tables.col_rows"): [c.rows for c in result.to_confirm],
        }
    )
    st.dataframe(listing, hide_index=True, width="stretch")
    everything = st.checkbox(t("tables.confirm_all"), key=f"m_confirm_all_{edition}")
    confirmed: set[str] = set()
    dropped: dict[str, str] = {}
    for item in result.to_confirm[:MAX_WIDGETS]:
        key = widget_key("m_confirm", edition, item.name, item.choice)
        keep_choices(key)
        answer = st.radio(
            as_text(f"“{item.name}” → {item.commune}"),
            ["yes", "no"],
            index=None,
            horizontal=True,
            format_func=lambda a: t("tables.confirm_one" if a == "yes" else "tables.drop_one"),
            key=key,
        )
        if answer == "yes":
            confirmed.add(item.name)
        elif answer == "no":
            dropped[item.name] = ""
    if everything:
        confirmed |= {item.name for item in result.to_confirm if item.name not in dropped}
    return confirmed, dropped


def _value_text(value: float) -> str:
    return format_number(value, lang=lang())


def _list_conflicts(conflicts: list[tables.Conflict]) -> bool:
    """The duplicates side by side; whether the user keeps none of those not chosen."""
    st.warning(t("tables.conflicts_title"))
    side_by_side = pd.DataFrame(
        [
            {
                t("tables.col_commune"): conflict.commune,
                t("tables.col_year"): format_year(conflict.year),
                t("tables.col_row"): rows,
                t("col_value"): _value_text(value),
                t("tables.col_name"): name,
            }
            for conflict in conflicts[:MAX_REJECTED_SHOWN]
            for _, rows, value, name in conflict.options
        ]
    )
    st.dataframe(side_by_side, hide_index=True, width="stretch")
    return st.checkbox(t("tables.conflicts_drop_all"), key="m_conflicts_drop_all")


def _ask_conflicts(conflicts: list[tables.Conflict], *, drop_all: bool) -> dict[str, str]:
    """The option kept for each duplicate with different values (``""``: none)."""
    keep: dict[str, str] = {}
    for conflict in conflicts[:MAX_WIDGETS]:
        options = {option: (rows, value, name) for option, rows, value, name in conflict.options}
        key = widget_key("m_keep", conflict.key)
        keep_choices(key)
        label = t(
            "tables.conflict_label", commune=conflict.commune, year=format_year(conflict.year)
        )
        chosen = st.radio(
            as_text(label),
            [*options, ""],
            index=None,
            format_func=lambda o, opts=options: (
                as_text(
                    t(
                        "tables.conflict_option",
                        value=_value_text(opts[o][1]),
                        rows=opts[o][0],
                        name=opts[o][2],
                    )
                )
                if o
                else t("tables.conflict_drop")
            ),
            key=key,
        )
        if chosen is not None:
            keep[conflict.key] = chosen
    if drop_all:
        keep = {c.key: keep.get(c.key, "") for c in conflicts}
    return keep


def _show_rejected(result: tables.ImportResult) -> None:
    rejected = result.rejected
    if rejected.empty:
        return
    st.markdown(t("tables.rejected_title", n=len(rejected)))
    shown = rejected.head(MAX_REJECTED_SHOWN)
    st.dataframe(
        pd.DataFrame(
            {
                t("tables.col_row"): shown["row"].astype(int),
                t("tables.col_column"): shown["column"],
                t("tables.col_cell"): shown["cell"],
                t("tables.col_rule"): [t(rule) for rule in shown["rule"]],
            }
        ),
        hide_index=True,
        width="stretch",
    )
    if len(rejected) > len(shown):
        totals = "; ".join(
            f"{t(rule)}: {format_count(n, lang=lang())}"
            for rule, n in rejected["rule"].value_counts().items()
        )
        st.caption(t("tables.rejected_more", shown=len(shown), totals=totals))


def _notices(result: tables.ImportResult) -> None:
    lines = [*result.moved, *result.problems]
    if lines:
        st.info("\n\n".join(as_text(line) for line in lines))


def render_table_tab() -> None:
    upload = uploaded_table()
    if upload is None:
        return
    try:
        render_matching(upload)
    except UserInputError as error:
        show_error(error)
    except Exception as error:  # said by its id, logged in full
        show_incident(error, where="import table matching")


def render_matching(upload: UploadedTable) -> None:
    """Everything after the file step: columns, indicator, questions, the save."""
    frame, filename, digest = upload.frame, upload.filename, upload.digest
    guess = tables.suggest_mapping(frame)
    columns = list(frame.columns)
    mapping = tables.ColumnMapping(
        unit=column_choice(t("col_unit"), columns, guess.unit, "m_unit"),
        code=column_choice(t("col_code"), columns, guess.code, "m_code"),
        province=column_choice(t("tables.col_province"), columns, guess.province, "m_province"),
        value=column_choice(t("col_value"), columns, guess.value, "m_value"),
        year=column_choice(t("col_year"), columns, guess.year, "m_year"),
    )
    left, right = st.columns(2)
    with left:
        choice, label, kind, unit_measure = _choose_indicator(mapping.value)
    with right:
        default_year = st.number_input(t("default_year"), 1990, 2100, 2024, key="m_year_default")
        keep_choices("m_edition")
        edition = st.radio(
            t("units_edition"),
            ["2025", "2024"],
            format_func=lambda e: t(f"edition_{e}"),
            key="m_edition",
            horizontal=True,
        )
    source = st.text_input(t("source_given"), key="m_source")
    separator_key = _separator_key(digest, mapping.value)
    answer = st.session_state.get(separator_key)
    answered = {mapping.value: answer} if mapping.value and answer in ("vn", "en") else {}
    heavy_key = (digest, mapping, edition, kind, int(default_year), label, answer)

    def match() -> tables.ImportResult:
        with st.spinner(t("tables.working")):
            return tables.apply_mapping(
                frame,
                mapping,
                units=gazetteer(edition),
                indicator_name=label or "imported",
                default_year=int(default_year),
                value_kind=kind,
                separators=answered,
                row_numbers=upload.row_numbers,
            )

    matched = memo(heavy_key, match)
    _ask_separators(matched, separator_key, answer)
    choices = _ask_names(matched, edition) | _ask_old_names(matched, edition)
    confirmed, dropped = _ask_confirmations(matched, edition)
    choices.update(dropped)
    answers = (*heavy_key, tuple(sorted(choices.items())), tuple(sorted(confirmed)))

    def resolved(keep: dict[str, str]) -> tables.ImportResult:
        return memo(
            (*answers, tuple(sorted(keep.items()))),
            lambda: tables.resolve(matched, choices, confirmed=confirmed, keep=keep),
        )

    result = resolved({})
    keep: dict[str, str] = {}
    if result.conflicts:
        drop_all = _list_conflicts(result.conflicts)
        keep = _ask_conflicts(result.conflicts, drop_all=drop_all)
        result = resolved(keep)
        late = [c for c in result.conflicts if c.key.startswith("moved|")]
        if late:
            keep |= _ask_conflicts(late, drop_all=drop_all)
            result = resolved(keep)
    _notices(result)
    _show_rejected(result)
    if len(result.rows):
        st.success(t("tables.ready", n=len(result.rows)))
    if result.held:
        st.info(t("tables.held", n=result.held))
    blockers = result.blockers()
    if choice is None:
        blockers.insert(0, "tables.block_indicator")
    elif choice == OTHER_INDICATOR and (not label or kind is None):
        blockers.insert(0, "tables.block_name" if not label else "tables.block_indicator")
    if blockers:
        st.warning("\n".join([t("tables.cannot_save"), *(f"- {t(key)}" for key in blockers)]))
    if st.button(t("import_save"), type="primary", key="m_save", disabled=bool(blockers)):
        if not source.strip():
            st.error(t("need_source"))
            return
        key = choice if choice != OTHER_INDICATOR else imports.indicator_key(label)
        imports.save_indicator(
            store(),
            rows=result.rows,
            key=key or "",
            label=label,
            unit=unit_measure,
            edition=edition,
            source=source,
            kind=tables.VALUE_KINDS[kind or "percent"].combine,
            filename=filename,
        )
        st.success(as_text(t("import_saved", name=label or key)))
