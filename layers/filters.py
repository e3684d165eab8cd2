"""Filters on the commune view: poverty, risk class, former district, border, any indicator.

A commune matches when it passes every active filter. A commune with no figure for a filtered
indicator does not match, and the page counts those separately ("no data" is not "below").
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Filters:
    """The active filters; an empty value means the filter is off."""

    poverty_min: float | None = None
    risk_classes: tuple[str, ...] = ()
    districts: tuple[str, ...] = ()
    border_only: bool = False
    indicator_min: tuple[str, float] | None = None
    """(indicator key, minimum): any numeric indicator, imported ones included."""

    @property
    def active(self) -> bool:
        return bool(
            self.poverty_min is not None
            or self.risk_classes
            or self.districts
            or self.border_only
            or self.indicator_min is not None
        )


def matches(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    """Boolean mask of the rows of ``frame`` that pass ``filters``.

    ``frame`` has ``poverty_rate_pct``, ``risk_class``, ``former_district`` and ``is_border``.

    Examples
    --------
    >>> frame = pd.DataFrame({"poverty_rate_pct": [42.2, 10.0, None],
    ...     "risk_class": ["high", "low", "high"], "former_district": ["Kỳ Sơn"] * 3,
    ...     "is_border": [True, False, True]})
    >>> matches(frame, Filters(poverty_min=30)).tolist()
    [True, False, False]
    """
    mask = pd.Series(True, index=frame.index)
    if filters.poverty_min is not None:
        mask &= frame["poverty_rate_pct"].ge(filters.poverty_min).fillna(False).astype(bool)
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
