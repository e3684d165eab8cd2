"""What an imported indicator's values may be, and reading them once per distinct text.

Each indicator has a kind (:data:`VALUE_KINDS`): a percentage (0–100 %), a count (a whole
number, not negative) or an amount per person such as an income (above zero), each with its
unit, its valid range and how figures of merged communes combine. A cell is parsed once per
distinct text (:func:`parse_texts`); a cell like ``1.234`` that reads differently in the two
conventions is read only in the convention the user chose or the column's other cells show.

Examples
--------
>>> values, reasons, _, _, convention = parse_texts(
...     pd.Series(["1.234", "12,5", "-5"]), convention=None, kind=VALUE_KINDS["count"]
... )
>>> values.tolist()[:1], [REASONS[r] for r in reasons], convention
([1234.0], ['', 'tables.rule_count', 'tables.rule_count'], 'vn')
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from i18n.numbers import ambiguous_separator, parse_number, separator_evidence


@dataclass(frozen=True)
class ValueKind:
    """What an indicator's values may be: the unit, the valid range and how merged communes
    combine (``combine``: ``"rate"`` population-weighted, ``"count"`` summed)."""

    key: str
    unit: str
    minimum: float
    maximum: float | None
    combine: str
    whole: bool = False
    above_minimum: bool = False

    @property
    def rule(self) -> str:
        """The message key of the rule a value breaks (``tables.rule_<key>``)."""
        return f"tables.rule_{self.key}"

    def breaks(self, value: float) -> bool:
        """Whether ``value`` is outside this kind's range.

        Examples
        --------
        >>> [VALUE_KINDS["percent"].breaks(v) for v in (-5, 0, 100, 140)]
        [True, False, False, True]
        >>> VALUE_KINDS["count"].breaks(1.234), VALUE_KINDS["amount"].breaks(0)
        (True, True)
        """
        if not np.isfinite(value) or value < self.minimum:
            return True
        if self.above_minimum and value <= self.minimum:
            return True
        if self.whole and not float(value).is_integer():
            return True
        return self.maximum is not None and value > self.maximum


VALUE_KINDS: dict[str, ValueKind] = {
    "percent": ValueKind("percent", "%", 0.0, 100.0, combine="rate"),
    "count": ValueKind("count", "", 0.0, None, combine="count", whole=True),
    "amount": ValueKind("amount", "", 0.0, None, combine="rate", above_minimum=True),
}
"""The kinds of indicator values, defined once: a percentage (0–100 %), a count (whole, not
negative), an amount per person such as an income (above zero, population-weighted)."""

STANDARD_KINDS: dict[str, str] = {
    "poverty_rate_pct": "percent",
    "forest_cover_pct": "percent",
    "income_per_capita_mvnd_year": "amount",
}
"""The kind of each standard indicator a table can fill (:data:`layers.commune_view.INDICATORS`)."""

YEARS = (1900, 2100)
"""Years a figure may be for (inclusive)."""

REASONS = (
    "",
    "tables.rule_missing",
    "tables.rule_not_number",
    "tables.rule_ambiguous",
    "tables.rule_year",
    *(kind.rule for kind in VALUE_KINDS.values()),
)
OK, MISSING, NOT_NUMBER, AMBIGUOUS, BAD_YEAR = range(5)


def reason_of(kind: ValueKind | None) -> int:
    return REASONS.index(kind.rule) if kind else NOT_NUMBER


def parse_texts(
    texts: pd.Series, *, convention: str | None, kind: ValueKind | None, year: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, str | None]:
    """Per row: value, reason code; and the ids of distinct texts, the texts, the convention.

    Each distinct text is parsed once. An ambiguous text is read in ``convention`` (the user's
    answer) or the column's evidence; without either it gets the reason "ambiguous".
    """
    ids, uniques = pd.factorize(texts.fillna("").astype(str), use_na_sentinel=False)
    uniques = np.asarray(uniques, dtype=object)
    decided = convention or separator_evidence(uniques)
    numbers = np.full(len(uniques), np.nan)
    reasons = np.zeros(len(uniques), dtype=np.int8)
    for index, text in enumerate(uniques):
        ambiguous = ambiguous_separator(text)
        if ambiguous and decided is None and not year:
            reasons[index] = AMBIGUOUS
            continue
        try:
            number = parse_number(text, convention=(decided or "vn") if ambiguous else "auto")
        except ValueError:
            reasons[index] = BAD_YEAR if year else NOT_NUMBER
            continue
        if number is None:
            reasons[index] = BAD_YEAR if year else MISSING
        elif year and not (float(number).is_integer() and YEARS[0] <= number <= YEARS[1]):
            reasons[index] = BAD_YEAR
        elif not year and (not np.isfinite(number) or (kind and kind.breaks(number))):
            reasons[index] = reason_of(kind)
        else:
            numbers[index] = number
    return numbers[ids], reasons[ids], ids, uniques, decided
