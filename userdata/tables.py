"""Indicator tables that users upload, matched to communes: names, codes, values and years.

Reading the file is :mod:`userdata.table_reader`. Every failure is a
:class:`geo.errors.UserInputError` with a Vietnamese and an English message saying what is
wrong and how to fix it.

Numbers follow either convention, decided per column: Vietnamese (``1.234,5``; ``30,02``) or
English (``1,234.5``; ``30.02``). A value like ``12.345`` is read as twelve thousand three
hundred forty-five only when the column's other values show Vietnamese formatting.

Examples
--------
>>> parse_number_column(pd.Series(["30,02", "1.234,5", "7"]))[0].tolist()
[30.02, 1234.5, 7.0]
>>> parse_number_column(pd.Series(["30.02", "1,234.5"]))[0].tolist()
[30.02, 1234.5]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from geo.errors import UserInputError
from geo.names import fold, match_name
from i18n.messages import both_languages
from i18n.numbers import column_convention, parse_number


def parse_number_column(values: pd.Series) -> tuple[pd.Series, list[str]]:
    """Numbers of a column, with the convention decided for the whole column, and problems."""
    convention = column_convention(values.astype(str))
    parsed: list[float] = []
    problems: list[str] = []
    for index, cell in zip(values.index, values, strict=True):
        try:
            number = parse_number(cell, convention=convention)
        except ValueError:
            problems.append(both_languages("upload.row_not_number", row=index + 2, cell=cell))
            number = None
        parsed.append(np.nan if number is None else number)
    return pd.Series(parsed, index=values.index, dtype=float), problems


@dataclass(frozen=True)
class ColumnMapping:
    """Which uploaded columns hold the unit name or code, the indicator, value and year."""

    unit: str | None = None
    code: str | None = None
    value: str | None = None
    year: str | None = None
    indicator: str | None = None


_GUESSES = {
    "code": ("ma xa", "ma don vi", "ma dvhc", "code", "ma"),
    "unit": ("ten xa", "xa", "don vi", "ten don vi", "commune", "unit", "name", "ten"),
    "year": ("nam", "year"),
    "indicator": ("chi tieu", "chi so", "indicator"),
    "value": ("ty le ho ngheo", "ty le", "gia tri", "so lieu", "value", "rate", "so"),
}


def suggest_mapping(frame: pd.DataFrame) -> ColumnMapping:
    """Guess the columns from Vietnamese or English headers (the user can change them)."""
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


@dataclass
class UnmatchedName:
    """A unit name from the file that matched no commune, or several."""

    name: str
    status: str  # "unknown" or "ambiguous"
    candidates: list[tuple[str, str]]


@dataclass
class ImportResult:
    """Rows matched to communes, names to resolve, problems and duplicates."""

    rows: pd.DataFrame
    unmatched: list[UnmatchedName] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    pending: pd.DataFrame = field(default_factory=pd.DataFrame)


def apply_mapping(
    frame: pd.DataFrame,
    mapping: ColumnMapping,
    *,
    units: Mapping[str, str],
    indicator_name: str | None = None,
    default_year: int | None = None,
) -> ImportResult:
    """Match rows to communes (``units``: code → name) and parse their values.

    Codes match first; names match ignoring diacritics, case, spacing and the Xã / Phường /
    Thị trấn prefixes, but never by guessing: unknown and ambiguous names come back in
    ``unmatched`` with the candidates, and their rows wait in ``pending`` until
    :func:`resolve` is called.
    """
    if mapping.value is None or mapping.value not in frame.columns:
        raise UserInputError.of("upload.choose_value_column")
    if not (mapping.code or mapping.unit):
        raise UserInputError.of("upload.choose_unit_column")
    for column in (mapping.code, mapping.unit, mapping.year, mapping.indicator):
        if column is not None and column not in frame.columns:
            raise UserInputError.of("upload.no_such_column", column=column)
    values, problems = parse_number_column(frame[mapping.value])
    years: pd.Series
    if mapping.year:
        years, year_problems = parse_number_column(frame[mapping.year])
        problems += year_problems
    else:
        years = pd.Series(default_year, index=frame.index, dtype=float)
    indicators = (
        frame[mapping.indicator].astype(str)
        if mapping.indicator
        else pd.Series(indicator_name or "imported", index=frame.index)
    )
    by_code = {str(code).strip(): str(code) for code in units}
    matched: list[dict[str, object]] = []
    pending: list[dict[str, object]] = []
    unmatched: dict[str, UnmatchedName] = {}
    for index in frame.index:
        raw_code = str(frame.at[index, mapping.code]).strip() if mapping.code else ""
        raw_name = str(frame.at[index, mapping.unit]).strip() if mapping.unit else ""
        record = {
            "unit_name_input": raw_name or raw_code,
            "indicator": indicators[index],
            "value": values[index],
            "year": years[index],
        }
        code = by_code.get(raw_code.lstrip("0").zfill(5)) or by_code.get(raw_code)
        if code is None and raw_name:
            match = match_name(raw_name, units)
            if match.matched:
                code = match.ids[0]
            elif raw_name not in unmatched:
                unmatched[raw_name] = UnmatchedName(
                    name=raw_name,
                    status=match.status,
                    candidates=[(cid, units[cid]) for cid in match.ids],
                )
        if code is None:
            if not raw_name:
                problems.append(both_languages("upload.row_no_commune", row=index + 2))
                continue
            pending.append(record)
            continue
        matched.append({"unit_code": code, **record})
    rows = pd.DataFrame(
        matched, columns=["unit_code", "unit_name_input", "indicator", "value", "year"]
    )
    rows, duplicate_problems = _deduplicate(rows)
    return ImportResult(
        rows=rows,
        unmatched=list(unmatched.values()),
        problems=problems + duplicate_problems,
        pending=pd.DataFrame(pending),
    )


def _deduplicate(rows: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    problems: list[str] = []
    exact = rows.duplicated(subset=["unit_code", "indicator", "year", "value"])
    if exact.any():
        problems.append(both_languages("upload.exact_duplicates", count=int(exact.sum())))
    rows = rows[~exact]
    conflict = rows.duplicated(subset=["unit_code", "indicator", "year"], keep=False)
    if conflict.any():
        names = sorted(set(rows.loc[conflict, "unit_name_input"]))
        problems.append(both_languages("upload.conflicting_duplicates", names=", ".join(names)))
        rows = rows[~conflict]
    return rows.reset_index(drop=True), problems


def resolve(result: ImportResult, choices: Mapping[str, str]) -> ImportResult:
    """Apply the user's choice (input name → commune code) to the pending rows."""
    if result.pending.empty:
        return result
    chosen = result.pending[result.pending["unit_name_input"].isin(list(choices))].copy()
    chosen.insert(0, "unit_code", chosen["unit_name_input"].map(choices))
    rows, problems = _deduplicate(pd.concat([result.rows, chosen], ignore_index=True))
    remaining = result.pending[~result.pending["unit_name_input"].isin(list(choices))]
    unmatched = [item for item in result.unmatched if item.name not in choices]
    return ImportResult(rows, unmatched, result.problems + problems, remaining)
