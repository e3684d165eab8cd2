"""Filters on the commune view: poverty, risk class, former district, border, any indicator.

A commune matches when it passes every active filter. A commune with no figure for a filtered
indicator does not match, and the page counts those separately ("no data" is not "below").

Poverty rates are comparable only under one poverty standard and for one year:
``poverty_standard`` keeps the figures under one standard (:data:`geo.vocabulary.
POVERTY_STANDARDS`), ``poverty_year_from`` those of that year or later. A figure that states no
year is never ranked silently: with either restriction on it does not match; without, it
matches but :func:`poverty_mix` counts it, so the page can say so (:func:`mix_notices`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from i18n.messages import message

POVERTY = "poverty_rate_pct"


@dataclass(frozen=True)
class Filters:
    """The active filters; an empty value means the filter is off."""

    poverty_min: float | None = None
    risk_classes: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    border_only: bool = False
    indicator_min: tuple[str, float] | None = None
    """(indicator key, minimum): any numeric indicator, imported ones included."""
    poverty_standard: str | None = None
    """Only poverty figures under this standard (e.g. ``"2021-2025"``); undated ones never."""
    poverty_year_from: int | None = None
    """Only poverty figures of this year or later; undated ones never."""

    @property
    def active(self) -> bool:
        return bool(
            self.poverty_min is not None
            or self.risk_classes
            or self.districts
            or self.border_only
            or self.indicator_min is not None
            or self.poverty_standard is not None
            or self.poverty_year_from is not None
        )


def _column(frame: pd.DataFrame, name: str, default: object) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series(default, index=frame.index)


def matches(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    """Boolean mask of the rows of ``frame`` that pass ``filters``.

    ``frame`` has ``poverty_rate_pct``, ``risk_class``, ``former_district`` and ``is_border``;
    for the poverty standard and year filters also ``poverty_rate_pct_standard`` and
    ``poverty_rate_pct_year``.

    Examples
    --------
    >>> frame = pd.DataFrame({"poverty_rate_pct": [42.2, 10.0, None, 30.0],
    ...     "poverty_rate_pct_year": pd.array([2020, 2024, None, None], dtype="Int64"),
    ...     "poverty_rate_pct_standard": ["2016-2020", "2021-2025", "", "2021-2025"],
    ...     "risk_class": ["high", "low", "high", "low"], "former_district": ["Kỳ Sơn"] * 4,
    ...     "is_border": [True, False, True, True]})
    >>> matches(frame, Filters(poverty_min=30)).tolist()
    [True, False, False, True]
    >>> matches(frame, Filters(poverty_standard="2021-2025")).tolist()
    [False, True, False, False]
    >>> matches(frame, Filters(poverty_year_from=2020)).tolist()
    [True, True, False, False]
    """
    mask = pd.Series(True, index=frame.index)
    if filters.poverty_min is not None:
        mask &= frame[POVERTY].ge(filters.poverty_min).fillna(False).astype(bool)
    if filters.poverty_standard is not None or filters.poverty_year_from is not None:
        year = pd.to_numeric(_column(frame, f"{POVERTY}_year", pd.NA), errors="coerce")
        dated = year.notna() & _column(frame, POVERTY, float("nan")).notna()
        mask &= dated.astype(bool)
        if filters.poverty_standard is not None:
            standard = _column(frame, f"{POVERTY}_standard", "").fillna("")
            mask &= standard.eq(filters.poverty_standard)
        if filters.poverty_year_from is not None:
            mask &= year.ge(filters.poverty_year_from).fillna(False).astype(bool)
    if filters.risk_classes:
        mask &= frame["risk_class"].isin(filters.risk_classes)
    if filters.districts:
        mask &= frame["former_district"].isin(filters.districts)
    if filters.border_only:
        mask &= frame["is_border"].fillna(False).astype(bool)
    if filters.indicator_min is not None:
        key, minimum = filters.indicator_min
        values = pd.to_numeric(frame[key], errors="coerce") if key in frame else None
        mask &= values.ge(minimum).fillna(False).astype(bool) if values is not None else False
    return mask


@dataclass(frozen=True)
class PovertyMix:
    """What the poverty figures of some communes mix: standards, years, levels."""

    standards: frozenset[str]
    """The standards of the figures (``unknown`` for a figure without one)."""
    years: frozenset[int]
    """The years of the dated figures."""
    levels: frozenset[str]
    """``commune`` and/or ``district`` (the former district's figure)."""
    n_figures: int
    """Communes with a figure."""
    n_undated: int
    """Communes whose figure states no year."""
    n_missing: int
    """Communes with no figure at all."""
    n_unknown_standard: int = 0
    """Communes whose figure's standard is not known (e.g. a user's import)."""

    @property
    def mixed_standards(self) -> bool:
        return len(self.standards) > 1

    @property
    def mixed_years(self) -> bool:
        return len(self.years) > 1

    @property
    def mixed_levels(self) -> bool:
        return len(self.levels) > 1

    @property
    def comparable(self) -> bool:
        """One standard, one year, every figure dated: the figures can be ranked."""
        return not (
            self.mixed_standards or self.mixed_years or self.n_undated or self.n_unknown_standard
        )


def poverty_mix(view: pd.DataFrame, mask: pd.Series | None = None) -> PovertyMix:
    """What the poverty figures of ``view`` (the rows of ``mask``) mix.

    Examples
    --------
    >>> view = pd.DataFrame({"poverty_rate_pct": [42.21, 30.02, None],
    ...     "poverty_rate_pct_year": pd.array([2020, None, None], dtype="Int64"),
    ...     "poverty_rate_pct_standard": ["2016-2020", "2021-2025", ""],
    ...     "poverty_rate_pct_level": ["district", "district", "none"]})
    >>> mix = poverty_mix(view)
    >>> sorted(mix.standards), sorted(mix.years), mix.n_undated, mix.n_missing
    (['2016-2020', '2021-2025'], [2020], 1, 1)
    >>> mix.mixed_standards, mix.comparable
    (True, False)
    """
    rows = view if mask is None else view[mask.reindex(view.index, fill_value=False)]
    value = _column(rows, POVERTY, float("nan"))
    shown = rows[value.notna()]
    year = pd.to_numeric(_column(shown, f"{POVERTY}_year", pd.NA), errors="coerce")
    standard = _column(shown, f"{POVERTY}_standard", "").fillna("").replace("", "unknown")
    level = _column(shown, f"{POVERTY}_level", "none").fillna("none")
    return PovertyMix(
        standards=frozenset(str(s) for s in standard),
        years=frozenset(int(y) for y in year.dropna()),
        levels=frozenset(str(v) for v in level if v != "none"),
        n_figures=len(shown),
        n_undated=int(year.isna().sum()),
        n_missing=int(len(rows) - len(shown)),
        n_unknown_standard=int((standard == "unknown").sum()),
    )


def mix_notices(mix: PovertyMix, *, lang: str) -> list[str]:
    """The notices the page shows about ``mix`` in ``lang`` (none when comparable).

    Examples
    --------
    >>> mix = PovertyMix(frozenset({"2016-2020", "2021-2025"}), frozenset({2020}),
    ...                  frozenset({"district"}), 2, 1, 0)
    >>> for line in mix_notices(mix, lang="en"):
    ...     print(line)
    The poverty rates in view use different standards (multidimensional standard 2016–2020 (Decision 59/2015/QĐ-TTg); multidimensional standard 2021–2025 (Decree 07/2021/NĐ-CP)): do not compare them directly
    1 commune's poverty rate states no year
    """  # noqa: E501
    notices = []
    if mix.mixed_standards:
        names = "; ".join(message(f"provenance.standard.{s}", lang) for s in sorted(mix.standards))
        notices.append(message("provenance.mix.standards", lang, standards=names))
    if mix.n_unknown_standard:
        notices.append(message("provenance.mix.unknown_standard", lang, n=mix.n_unknown_standard))
    if mix.mixed_years:
        years = ", ".join(str(y) for y in sorted(mix.years))
        notices.append(message("provenance.mix.years", lang, years=years))
    if mix.mixed_levels:
        notices.append(message("provenance.mix.levels", lang))
    if mix.n_undated:
        notices.append(message("provenance.mix.undated", lang, n=mix.n_undated))
    return notices
