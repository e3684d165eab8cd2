"""Indicator tables that users upload, matched to communes: names, codes, values and years.

Reading the file is :mod:`userdata.table_reader`; this module decides, row by row, what may be
stored, and never guesses:

* **Values within their meaning.** Each indicator has a kind (:data:`VALUE_KINDS`: a percentage
  0–100, a count of whole things, a positive amount) with its unit and valid range. A row whose
  value is missing, not a number or out of range is rejected with its row, cell and rule
  (:attr:`ImportResult.rejected`).
* **Separators asked, not guessed.** A cell like ``1.234`` or ``12,500`` is a different number
  in each convention; the column's other cells decide (``12,5`` shows Vietnamese writing), or
  the user is asked (:attr:`ImportResult.questions`, answered through ``separators``).
* **Names matched only when certain** (:class:`Gazetteer`, :func:`match_unit`): a name matches
  a commune of the chosen edition (the three areas only) when it is unique there; a name that is
  a 2020–2025 commune while the 2025 edition is chosen is matched in that edition and moved
  onto 2025 through the crosswalk (:func:`layers.crosswalk.to_2025`), never to a 2025 name that
  differs only in tone marks (*Nậm Càn* is not *Nậm Cắn*). Every match that is not exact
  (diacritics, case or prefix differ; a name shared with communes elsewhere in Vietnam) waits
  for the user's confirmation (:attr:`ImportResult.to_confirm`).
* **Duplicates picked by the user.** Exact duplicates collapse (with a notice); rows for the
  same commune, indicator and year with different values are shown side by side
  (:attr:`ImportResult.conflicts`) and the user keeps one.

Work is done per distinct value: numbers are parsed once per distinct text and names matched
once per distinct name, then joined back to the rows with arrays, so a million-row table costs
seconds, not minutes. :func:`apply_mapping` does the heavy part once; :func:`resolve` applies
the user's answers to it.

Examples
--------
>>> parse_number_column(pd.Series(["30,02", "1.234,5", "7"]))[0].tolist()
[30.02, 1234.5, 7.0]
>>> parse_number_column(pd.Series(["30.02", "1,234.5"]))[0].tolist()
[30.02, 1234.5]
>>> frame = pd.DataFrame({"Tên xã": ["Mỹ Lý", "Mỹ Lý", "Na Ngoi"], "Tỷ lệ": ["-5", "30", "140"]})
>>> result = apply_mapping(
...     frame, ColumnMapping(unit="Tên xã", value="Tỷ lệ"),
...     units={"16816": "Mỹ Lý", "16870": "Na Ngoi"}, value_kind="percent", default_year=2024,
... )
>>> result.rows["value"].tolist(), result.rejected["row"].tolist()
([30.0], [2, 4])
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.errors import UserInputError
from geo.names import fold
from i18n.messages import both_languages
from layers import crosswalk
from userdata.table_names import OLD, Gazetteer, NameIndex, NameOutcome, elsewhere_keys, match_unit
from userdata.table_values import (
    AMBIGUOUS,
    NOT_NUMBER,
    OK,
    REASONS,
    STANDARD_KINDS,
    VALUE_KINDS,
    ValueKind,
    parse_texts,
)

__all__ = [
    "OLD",
    "STANDARD_KINDS",
    "VALUE_KINDS",
    "ColumnMapping",
    "Gazetteer",
    "ImportResult",
    "NameOutcome",
    "ValueKind",
    "apply_mapping",
    "elsewhere_keys",
    "match_unit",
    "parse_number_column",
    "resolve",
    "suggest_mapping",
]


def parse_number_column(
    values: pd.Series, *, convention: str | None = None
) -> tuple[pd.Series, list[str]]:
    """Numbers of a column and the problems (both languages), each distinct text parsed once.

    ``convention`` (``"vn"``/``"en"``) reads the ambiguous cells (``1.234``); without it the
    column's other cells decide, and an undecided ambiguous cell is a problem, not a guess.
    """
    numbers, reasons, _, _, _ = parse_texts(values, convention=convention, kind=None)
    problems = [
        both_languages("upload.row_not_number", row=position + 2, cell=cell)
        for position, (cell, reason) in enumerate(zip(values, reasons, strict=True))
        if reason in (NOT_NUMBER, AMBIGUOUS)
    ]
    return pd.Series(numbers, index=values.index, dtype=float), problems


# -- columns ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ColumnMapping:
    """Which uploaded columns hold the unit name or code, the indicator, value, year, province."""

    unit: str | None = None
    code: str | None = None
    value: str | None = None
    year: str | None = None
    indicator: str | None = None
    province: str | None = None


_GUESSES = {
    "code": ("ma xa", "ma don vi", "ma dvhc", "code", "ma"),
    "province": ("tinh", "province"),
    "unit": ("ten xa", "xa", "don vi", "ten don vi", "commune", "unit", "name", "ten"),
    "year": ("nam", "year"),
    "indicator": ("chi tieu", "chi so", "indicator"),
    "value": ("ty le ho ngheo", "ty le", "gia tri", "so lieu", "value", "rate", "so"),
}


def suggest_mapping(frame: pd.DataFrame) -> ColumnMapping:
    """Guess the columns from Vietnamese or English headers (the user can change them).

    Examples
    --------
    >>> suggest_mapping(pd.DataFrame(columns=["Tỉnh", "Tên xã", "Giá trị"]))
    ColumnMapping(unit='Tên xã', code=None, value='Giá trị', year=None, indicator=None, \
province='Tỉnh')
    """
    chosen: dict[str, str | None] = {}
    used: set[str] = set()
    for role, hints in _GUESSES.items():
        chosen[role] = None
        for hint in hints:
            for column in frame.columns:
                if column not in used and fold(column) == hint:
                    chosen[role] = column
                    break
            if chosen[role]:
                break
        if not chosen[role]:
            for column in frame.columns:
                if column not in used and any(fold(column).startswith(h) for h in hints):
                    chosen[role] = column
                    break
        if chosen[role]:
            used.add(chosen[role])
    return ColumnMapping(**chosen)


# -- the result ---------------------------------------------------------------------------------


@dataclass
class UnmatchedName:
    """A name from the file that matched no commune (``unknown``) or several (``ambiguous``)."""

    name: str
    status: str
    candidates: list[tuple[str, str]]
    rows: int = 0
    hint: str = ""


@dataclass(frozen=True)
class ToConfirm:
    """A match that is not exact: the name, the commune, why it is not certain, how many rows."""

    name: str
    choice: str
    commune: str
    reasons: tuple[str, ...]
    rows: int


@dataclass(frozen=True)
class Conflict:
    """Rows for one commune, indicator and year with different values; the user keeps one.

    ``options``: (option id, file rows, value, name as written); keep an option by its id
    (``keep[key] = id``) or none (``keep[key] = ""``).
    """

    key: str
    commune: str
    indicator: str
    year: float | None
    options: tuple[tuple[str, str, float, str], ...]


@dataclass(frozen=True)
class Question:
    """A value column whose cells read differently in the two conventions (``1.234``)."""

    column: str
    examples: tuple[str, ...]
    rows: int


@dataclass
class _Parsed:
    """The heavy part of :func:`apply_mapping`, kept so :func:`resolve` only joins arrays."""

    gazetteer: Gazetteer
    kind: ValueKind | None
    row_numbers: np.ndarray
    outcomes: list[NameOutcome]
    name_ids: np.ndarray
    columns: dict[str, str | None]
    values: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    years: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
    indicators: np.ndarray


@dataclass
class ImportResult:
    """What may be saved and what waits for the user.

    ``rows`` (``unit_code, unit_name_input, indicator, value, year, note``) are the valid rows
    the save stores; ``rejected`` (``row, column, cell, rule``: a message key) the rows refused
    and why; ``unmatched`` names to choose, ``to_confirm`` matches to confirm, ``conflicts``
    duplicates to pick from, ``questions`` columns whose separators must be said, ``moved``
    rows moved through the crosswalk, ``problems`` notices (both languages).
    """

    rows: pd.DataFrame
    unmatched: list[UnmatchedName] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    rejected: pd.DataFrame = field(default_factory=pd.DataFrame)
    to_confirm: list[ToConfirm] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    held: int = 0
    also_old: list[tuple[str, str]] = field(default_factory=list)
    """Names matched to a 2025 commune that are also a 2020–2025 commune (name, its choice),
    listed when the file holds 2020–2025-only names: the user may mean the old commune."""
    parsed: _Parsed | None = field(default=None, repr=False)

    def blockers(self) -> list[str]:
        """Message keys of what keeps the import from being saved (empty: it can be saved)."""
        checks = (
            (self.questions, "tables.block_questions"),
            ([u for u in self.unmatched if u.status == "ambiguous"], "tables.block_choose"),
            (self.to_confirm, "tables.block_confirm"),
            (self.conflicts, "tables.block_conflicts"),
        )
        found = [key for items, key in checks if items]
        return found if len(self.rows) or self.held else [*found, "tables.block_no_rows"]


# -- matching the rows --------------------------------------------------------------------------


def _text(frame: pd.DataFrame, column: str | None) -> pd.Series | None:
    return frame[column].fillna("").astype(str).str.strip() if column else None


def apply_mapping(
    frame: pd.DataFrame,
    mapping: ColumnMapping,
    *,
    units: Mapping[str, str] | Gazetteer,
    indicator_name: str | None = None,
    default_year: int | None = None,
    value_kind: str | None = None,
    separators: Mapping[str, str] | None = None,
    row_numbers: np.ndarray | None = None,
) -> ImportResult:
    """Match rows to communes (``units``: code → name, or a :class:`Gazetteer`) and check values.

    ``value_kind`` is a key of :data:`VALUE_KINDS` (without one, any finite number passes);
    ``separators`` the user's answers (column → ``"vn"``/``"en"``) to
    :attr:`ImportResult.questions`; ``row_numbers`` each row's number in the file (for the
    reasons shown; by default the header is row 1). Codes match first, then names (see the
    module docstring). The result has no user choices applied: pass them to :func:`resolve`.

    Raises
    ------
    UserInputError
        When the value or unit column is not chosen or not in the table.
    """
    if mapping.value is None or mapping.value not in frame.columns:
        raise UserInputError.of("upload.choose_value_column")
    if not (mapping.code or mapping.unit):
        raise UserInputError.of("upload.choose_unit_column")
    for column in (mapping.code, mapping.unit, mapping.year, mapping.indicator, mapping.province):
        if column is not None and column not in frame.columns:
            raise UserInputError.of("upload.no_such_column", column=column)
    gazetteer = units if isinstance(units, Gazetteer) else Gazetteer(names=dict(units))
    kind = VALUE_KINDS[value_kind] if value_kind else None
    answers = separators or {}
    values = parse_texts(frame[mapping.value], convention=answers.get(mapping.value), kind=kind)
    if mapping.year:
        years = parse_texts(frame[mapping.year], convention=None, kind=None, year=True)
    else:
        fill = np.nan if default_year is None else float(default_year)
        years = (
            np.full(len(frame), fill),
            np.zeros(len(frame), dtype=np.int8),
            np.zeros(len(frame), dtype=np.int64),
            np.array([""], dtype=object),
            None,
        )
    parts = [_text(frame, c) for c in (mapping.code, mapping.unit, mapping.province)]
    present = [part for part in parts if part is not None]
    combined = present[0].str.cat(present[1:], sep="\x1f") if len(present) > 1 else present[0]
    name_ids, keys = pd.factorize(combined, use_na_sentinel=False)
    index = NameIndex(gazetteer)
    outcomes = []
    for key in np.asarray(keys, dtype=object):
        cells = iter(str(key).split("\x1f"))
        code, name, province = (next(cells) if part is not None else "" for part in parts)
        outcomes.append(index.match(code, name, province))
    indicators = (
        _text(frame, mapping.indicator).to_numpy(dtype=object)
        if mapping.indicator
        else np.full(len(frame), indicator_name or "imported", dtype=object)
    )
    parsed = _Parsed(
        gazetteer=gazetteer,
        kind=kind,
        row_numbers=(
            np.arange(2, len(frame) + 2)
            if row_numbers is None or len(row_numbers) != len(frame)
            else np.asarray(row_numbers, dtype=np.int64)
        ),
        outcomes=outcomes,
        name_ids=name_ids,
        columns={
            "value": mapping.value,
            "year": mapping.year,
            "unit": mapping.unit or mapping.code,
        },
        values=values[:4],
        years=years[:4],
        indicators=indicators,
    )
    return resolve(ImportResult(rows=pd.DataFrame(), parsed=parsed), {})


_OK_STATE, _HOLD, _SKIP, _NONE = range(4)


def _decide(
    parsed: _Parsed, choices: Mapping[str, str], confirmed: Collection[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Per distinct name: its state (ok, held, skipped, no unit) and chosen commune."""
    gazetteer = parsed.gazetteer
    movable = gazetteer.edition == "2025" and gazetteer.weights is not None
    valid = set(gazetteer.names) | ({OLD + c for c in gazetteer.other_names} if movable else set())
    states = np.empty(len(parsed.outcomes), dtype=np.int8)
    targets = np.empty(len(parsed.outcomes), dtype=object)
    for index, outcome in enumerate(parsed.outcomes):
        chosen = choices.get(outcome.name)
        target, state = outcome.choice, _SKIP
        if outcome.status == "none":
            state = _NONE
        elif chosen is not None:
            target, state = chosen, _OK_STATE if chosen in valid else _SKIP
        elif outcome.status == "exact":
            state = _OK_STATE
        elif outcome.status == "confirm":
            state = _OK_STATE if outcome.name in confirmed else _HOLD
        elif outcome.status == "ambiguous":
            state = _HOLD
        states[index], targets[index] = state, target
    return states, targets


def _rejected(parsed: _Parsed, states: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """The rows refused (row, column, cell, rule) and a mask of the rows with a good value."""
    states = states[parsed.name_ids]
    in_areas = np.isin(states, (_OK_STATE, _HOLD))
    value_reason, year_reason = parsed.values[1], parsed.years[1]
    bad_value = in_areas & (value_reason != OK) & (value_reason != AMBIGUOUS)
    bad_year = in_areas & ~bad_value & (value_reason != AMBIGUOUS) & (year_reason != OK)
    no_unit = states == _NONE
    frames = []
    for mask, column, ids, texts, reasons in (
        (bad_value, parsed.columns["value"], parsed.values[2], parsed.values[3], value_reason),
        (bad_year, parsed.columns["year"], parsed.years[2], parsed.years[3], year_reason),
    ):
        where = np.flatnonzero(mask)
        frames.append(
            pd.DataFrame(
                {
                    "row": parsed.row_numbers[where],
                    "column": column or "",
                    "cell": texts[ids[where]],
                    "rule": np.asarray(REASONS, dtype=object)[reasons[where]],
                }
            )
        )
    where = np.flatnonzero(no_unit)
    frames.append(
        pd.DataFrame(
            {"row": parsed.row_numbers[where], "column": parsed.columns["unit"] or "", "cell": ""}
        ).assign(rule="tables.rule_no_commune")
    )
    rejected = pd.concat(frames, ignore_index=True).sort_values("row", kind="stable")
    good = (value_reason == OK) & (year_reason == OK)
    return rejected.reset_index(drop=True), good


def _pick(
    rows: pd.DataFrame, keep: Mapping[str, str], *, label: Mapping[str, str], stage: str
) -> tuple[pd.DataFrame, list[Conflict], int]:
    """Collapse exact duplicates; keep the user's pick of each conflict (held until picked)."""
    subset = ["target", "indicator", "year"]
    deduplicated = rows.drop_duplicates([*subset, "value"])
    collapsed = len(rows) - len(deduplicated)
    clash = deduplicated.duplicated(subset, keep=False)
    if not clash.any():
        return deduplicated, [], collapsed
    clashing = deduplicated[clash]
    groups: dict[tuple, list[tuple]] = {}
    columns = ("target", "indicator", "year", "option", "value", "name_input")
    cells = zip(clashing.index, *(clashing[c].tolist() for c in columns), strict=True)
    for index, target, indicator, year, *option in cells:
        year = None if pd.isna(year) else year  # every missing year is one group
        groups.setdefault((target, indicator, year), []).append((index, *option))
    conflicts, drop = [], []
    for (target, indicator, year), members in groups.items():
        key = f"{stage}|{target}|{indicator}|{year}"
        wanted = keep.get(key)
        if wanted is None:
            options = tuple((str(o), str(o), float(v), str(n)) for _, o, v, n in members)
            conflicts.append(Conflict(key, label.get(target, target), indicator, year, options))
        drop += [index for index, option, _, _ in members if option != wanted]
    return deduplicated.drop(index=drop), conflicts, collapsed


def _move(rows: pd.DataFrame, parsed: _Parsed) -> tuple[pd.DataFrame, list[str], list[str]]:
    """Move rows of 2020–2025 communes onto 2025 (the crosswalk's method); notices of moves."""
    old = rows["target"].str.startswith(OLD)
    gazetteer, kind = parsed.gazetteer, parsed.kind
    if not old.any():
        return rows, [], []
    combine = kind.combine if kind else "rate"
    parts = rows[old].assign(unit_code=rows.loc[old, "target"].str.removeprefix(OLD))
    moved, method_vi, method_en = crosswalk.to_2025(
        parts[["unit_code", "indicator", "year", "value"]], weights=gazetteer.weights, kind=combine
    )
    weights = gazetteer.weights
    notices, problems, out = [], [], []
    for item in moved.itertuples():
        sources = weights.loc[weights["code_2025"] == item.unit_code, "code_2024"]
        given = parts[
            parts["unit_code"].isin(sources)
            & (parts["indicator"] == item.indicator)
            & ((parts["year"] == item.year) | (pd.isna(item.year) & parts["year"].isna()))
        ]
        names = ", ".join(dict.fromkeys(given["name_input"]))
        commune = gazetteer.label(item.unit_code)
        if pd.isna(item.value):
            missing = [
                gazetteer.other_names.get(c, c) for c in sources if c not in set(given["unit_code"])
            ]
            problems.append(
                both_languages(
                    "tables.not_moved", names=names, commune=commune, missing=", ".join(missing)
                )
            )
            continue
        option = "+".join(str(o) for o in given["option"])
        out.append(
            {
                "target": item.unit_code,
                "indicator": item.indicator,
                "year": item.year,
                "value": item.value,
                "name_input": names,
                "option": option,
                "note": "; ".join(n for n in (item.note, method_vi) if n),
            }
        )
        notices.append(
            both_languages("tables.moved", names=names, commune=commune, rows=option)
            + f" ({method_vi} / {method_en})"
        )
    return pd.concat([rows[~old], pd.DataFrame(out)], ignore_index=True), notices, problems


def resolve(
    result: ImportResult,
    choices: Mapping[str, str],
    *,
    confirmed: Collection[str] = (),
    keep: Mapping[str, str] | None = None,
) -> ImportResult:
    """Apply the user's answers to :func:`apply_mapping`'s result.

    ``choices``: name as written → commune code (or :data:`OLD` + code), ``""`` to drop the
    name's rows; ``confirmed``: names whose non-exact match the user confirmed; ``keep``:
    conflict key → the option kept (``""`` for none). What is not answered stays held.
    """
    parsed = result.parsed
    if parsed is None:
        raise ValueError("resolve needs a result of apply_mapping")
    keep = keep or {}
    gazetteer = parsed.gazetteer
    states, targets = _decide(parsed, choices, confirmed)
    rejected, good = _rejected(parsed, states)
    row_states = states[parsed.name_ids]
    usable = (row_states == _OK_STATE) & good
    waiting = np.isin(row_states, (_OK_STATE, _HOLD)) & (parsed.values[1] == AMBIGUOUS)
    where = np.flatnonzero(usable)
    ids = parsed.name_ids[where]
    names = np.asarray([o.name for o in parsed.outcomes], dtype=object)
    rows = pd.DataFrame(
        {
            "target": targets[ids],
            "name_input": names[ids],
            "indicator": parsed.indicators[where],
            "value": parsed.values[0][where],
            "year": parsed.years[0][where],
            "option": parsed.row_numbers[where].astype(str),
            "note": "",
        }
    )
    labels = {c: gazetteer.label(c) for c in set(rows["target"])}
    rows, conflicts, collapsed = _pick(rows, keep, label=labels, stage="file")
    rows, moved, problems = _move(rows, parsed)
    rows, late, late_collapsed = _pick(
        rows, keep, label={c: gazetteer.label(c) for c in set(rows["target"])}, stage="moved"
    )
    collapsed += late_collapsed
    if collapsed:
        problems.insert(0, both_languages("upload.exact_duplicates", count=collapsed))
    old = [o.name for o in parsed.outcomes if (o.choice or "").startswith(OLD)]
    if old:
        problems.append(both_languages("tables.old_names_hint", n=len(old), example=old[0]))
    also_old = [(o.name, o.old_choice) for o in parsed.outcomes if old and o.old_choice]
    counts = np.bincount(parsed.name_ids, minlength=len(parsed.outcomes))
    unmatched, to_confirm = [], []
    for index, outcome in enumerate(parsed.outcomes):
        if outcome.name in choices or states[index] == _NONE:
            continue
        if outcome.status in ("ambiguous", "unknown"):
            unmatched.append(
                UnmatchedName(
                    outcome.name,
                    outcome.status,
                    [(c, gazetteer.label(c)) for c in outcome.candidates],
                    rows=int(counts[index]),
                    hint=outcome.reasons[0] if outcome.reasons else "",
                )
            )
        elif outcome.status == "confirm" and states[index] == _HOLD:
            to_confirm.append(
                ToConfirm(
                    outcome.name,
                    outcome.choice or "",
                    gazetteer.label(outcome.choice or ""),
                    outcome.reasons,
                    int(counts[index]),
                )
            )
    questions = []
    if waiting.any():
        texts = parsed.values[3][np.unique(parsed.values[2][waiting])]
        questions.append(
            Question(parsed.columns["value"] or "", tuple(texts[:5]), int(waiting.sum()))
        )
    order = rows["option"].astype(str).str.split("+").str[0].astype(int)
    rows = rows.iloc[np.argsort(order.to_numpy(), kind="stable")]
    output = pd.DataFrame(
        {
            "unit_code": rows["target"].astype(str),
            "unit_name_input": rows["name_input"],
            "indicator": rows["indicator"],
            "value": rows["value"].astype(float),
            "year": rows["year"].astype(float),
            "note": rows["note"],
        }
    ).reset_index(drop=True)
    held = int(((row_states == _HOLD) & good).sum())
    return ImportResult(
        rows=output,
        unmatched=unmatched,
        problems=problems,
        rejected=rejected,
        to_confirm=to_confirm,
        conflicts=conflicts + late,
        questions=questions,
        moved=moved,
        held=held + int(waiting.sum()) + sum(len(c.options) for c in [*conflicts, *late]),
        also_old=also_old,
        parsed=parsed,
    )
