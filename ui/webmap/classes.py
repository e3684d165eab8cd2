"""Colour classes: the risk classes and numeric classes of an indicator, and who falls in which.

Examples
--------
>>> [c.label("en") for c in RISK_COLOR_CLASSES]
['Very high', 'High', 'Medium', 'Low']
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.vocabulary import RISK_CLASSES
from i18n.messages import Lang, risk_label
from i18n.numbers import format_number

NO_DATA_COLOR = "#bdbdbd"
DEFAULT_FILL = "#d9d9d9"

PALETTES: dict[str, tuple[str, ...]] = {
    # ColorBrewer 5-class sequential schemes.
    "reds": ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15"),
    "greens": ("#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"),
    "blues": ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c"),
    "purples": ("#f2f0f7", "#cbc9e2", "#9e9ac8", "#756bb1", "#54278f"),
}


@dataclass(frozen=True)
class ColorClass:
    """One legend entry: a colour and the values it stands for.

    Numeric classes cover ``lower <= value < upper`` (the last class of a set includes its
    ``upper``); categorical classes match ``value`` exactly.
    """

    color: str
    label_vi: str
    label_en: str
    lower: float | None = None
    upper: float | None = None
    value: str | None = None

    def label(self, lang: Lang) -> str:
        return self.label_vi if lang == "vi" else self.label_en


_RISK_COLORS = {"very_high": "#b2182b", "high": "#ef8a62", "medium": "#fddbc7", "low": "#d1e5f0"}

RISK_COLOR_CLASSES: tuple[ColorClass, ...] = tuple(
    ColorClass(
        _RISK_COLORS[code],
        risk_label(code, "vi").capitalize(),
        risk_label(code, "en").capitalize(),
        value=code,
    )
    for code in RISK_CLASSES
    if code in _RISK_COLORS
)
"""Legend classes of :data:`geo.vocabulary.RISK_CLASSES`; ``unknown`` is drawn as no data."""


def numeric_classes(
    values: Iterable[float],
    *,
    k: int = 5,
    breaks: Sequence[float] | None = None,
    palette: str | Sequence[str] = "reds",
    decimals: int | None = None,
) -> tuple[ColorClass, ...]:
    """Classes for a numeric indicator: quantile breaks of ``values`` or the ``breaks`` given.

    Repeated breaks are merged, so four distinct values give at most four classes.

    Parameters
    ----------
    values
        The indicator's values; missing ones are ignored.
    k
        Number of classes wanted (at most 5 with the named palettes).
    breaks
        Class edges, ascending (``len(breaks) - 1`` classes); overrides ``k``.
    palette
        A key of :data:`PALETTES` or a sequence of colours (light to dark).
    decimals
        Decimals in labels; by default 0 when all edges are whole, else 1.

    Examples
    --------
    >>> [c.label_en for c in numeric_classes([18.7, 20.25, 30.02, 42.21, 44.0], k=2)]
    ['18.7 – 30.0', '30.0 – 44.0']
    >>> len(numeric_classes([18.7, 30.02, 30.02, 42.21]))  # one class per distinct value
    3
    """
    colors = tuple(PALETTES[palette] if isinstance(palette, str) else palette)
    if breaks is None:
        array = np.asarray([v for v in values if v is not None], dtype=float)
        array = array[np.isfinite(array)]
        if array.size == 0:
            return ()
        distinct = np.unique(array)
        if distinct.size == 1:
            edges = np.array([distinct[0], distinct[0]])
        elif distinct.size <= k:
            # One class per distinct value, split halfway between neighbours.
            edges = np.concatenate(
                [distinct[:1], (distinct[:-1] + distinct[1:]) / 2, distinct[-1:]]
            )
        else:
            edges = np.unique(np.quantile(array, np.linspace(0, 1, k + 1)))
    else:
        edges = np.asarray(breaks, dtype=float)
        if edges.size < 2 or np.any(np.diff(edges) < 0):
            raise ValueError(f"breaks must be at least two ascending numbers, got {list(breaks)}")
    count = edges.size - 1
    if count > len(colors):
        raise ValueError(f"{count} classes but the palette has only {len(colors)} colours")
    picks = np.linspace(0, len(colors) - 1, count).round().astype(int) if count > 1 else [-1]
    if decimals is None:
        decimals = 0 if all(float(e).is_integer() for e in edges) else 1
    classes = []
    for i in range(count):
        low, high = float(edges[i]), float(edges[i + 1])
        vi, en = (
            f"{format_number(low, lang=lang, decimals=decimals)} – "
            f"{format_number(high, lang=lang, decimals=decimals)}"
            for lang in ("vi", "en")
        )
        classes.append(ColorClass(colors[picks[i]], vi, en, lower=low, upper=high))
    return tuple(classes)


def assign_classes(values: pd.Series, classes: Sequence[ColorClass]) -> np.ndarray:
    """Index into ``classes`` for each value; -1 where missing or outside every class.

    Examples
    --------
    >>> assign_classes(pd.Series(["high", None, "unknown"]), RISK_COLOR_CLASSES).tolist()
    [1, -1, -1]
    """
    out = np.full(len(values), -1, dtype=int)
    if not classes:
        return out
    if classes[0].value is not None:
        lookup = {c.value: i for i, c in enumerate(classes)}
        return np.array([lookup.get(v, -1) if isinstance(v, str) else -1 for v in values])
    numbers = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    last = len(classes) - 1
    for i, c in enumerate(classes):
        lower = -math.inf if c.lower is None else c.lower
        upper = math.inf if c.upper is None else c.upper
        inside = (numbers >= lower) & ((numbers <= upper) if i == last else (numbers < upper))
        out[(out == -1) & inside] = i
    return out
