"""The map page's view in the URL query string, so a copied link reopens the same view.

Anything invalid in a link is ignored and the default used instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from geo.vocabulary import POVERTY_STANDARDS, RISK_CLASSES
from layers.filters import Filters

AREAS = ("all", "Quan Sơn", "Kỳ Sơn", "Hướng Hóa")
EDITIONS = ("2025", "2024")
RANKED_STANDARDS = tuple(code for code in POVERTY_STANDARDS if code != "unknown")
"""The poverty standards the poverty filter can be limited to."""


@dataclass(frozen=True)
class ViewState:
    """Everything a copied link restores: view, indicator, filters and selection."""

    area: str = "all"
    edition: str = "2025"
    indicator: str = "poverty_rate_pct"
    basemap: str = "osm"
    selected: str = ""
    filters: Filters = field(default_factory=Filters)


def to_query(state: ViewState) -> dict[str, str]:
    """Query-string parameters for ``state`` (defaults omitted).

    Examples
    --------
    >>> to_query(ViewState(filters=Filters(poverty_min=30, risk_classes=("high",))))
    {'pov': '30', 'risk': 'high'}
    """
    default = ViewState()
    params: dict[str, str] = {}
    for key, value, base in (
        ("area", state.area, default.area),
        ("ed", state.edition, default.edition),
        ("ind", state.indicator, default.indicator),
        ("map", state.basemap, default.basemap),
        ("sel", state.selected, default.selected),
    ):
        if value != base:
            params[key] = value
    f = state.filters
    if f.poverty_min is not None:
        params["pov"] = f"{f.poverty_min:g}"
    if f.risk_classes:
        params["risk"] = ",".join(f.risk_classes)
    if f.districts:
        params["dist"] = ",".join(f.districts)
    if f.border_only:
        params["border"] = "1"
    if f.indicator_min is not None:
        params["min"] = f"{f.indicator_min[0]}:{f.indicator_min[1]:g}"
    if f.poverty_standard is not None:
        params["pstd"] = f.poverty_standard
    if f.poverty_year_from is not None:
        params["pyr"] = str(f.poverty_year_from)
    return params


def _split(value: str | None, allowed: tuple[str, ...]) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(item for item in value.split(",") if item in allowed)


def from_query(params: Mapping[str, str], *, indicators: tuple[str, ...] = ()) -> ViewState:
    """Rebuild a :class:`ViewState` from query parameters, ignoring anything invalid.

    Examples
    --------
    >>> from_query({"pov": "30", "risk": "high,bogus", "area": "Kỳ Sơn"}).filters.risk_classes
    ('high',)
    >>> f = from_query({"pstd": "2021-2025", "pyr": "2021"}).filters
    >>> f.poverty_standard, f.poverty_year_from
    ('2021-2025', 2021)
    >>> from_query({"pstd": "bogus", "pyr": "20x1"}).filters == Filters()
    True
    """
    default = ViewState()
    try:
        poverty = float(params["pov"]) if params.get("pov") else None
    except ValueError:
        poverty = None
    if poverty is not None and not 0 <= poverty <= 100:
        poverty = None
    indicator_min = None
    if ":" in params.get("min", ""):
        key, _, number = params["min"].partition(":")
        try:
            indicator_min = (key, float(number))
        except ValueError:
            indicator_min = None
    standard = params.get("pstd")
    year_text = params.get("pyr", "")
    year_from = int(year_text) if year_text.isdigit() and len(year_text) == 4 else None
    area = params.get("area", default.area)
    edition = params.get("ed", default.edition)
    indicator = params.get("ind", default.indicator)
    return ViewState(
        area=area if area in AREAS else default.area,
        edition=edition if edition in EDITIONS else default.edition,
        indicator=indicator if not indicators or indicator in indicators else default.indicator,
        basemap=params.get("map", default.basemap),
        selected=params.get("sel", ""),
        filters=Filters(
            poverty_min=poverty,
            risk_classes=_split(params.get("risk"), RISK_CLASSES),
            districts=_split(params.get("dist"), AREAS[1:]),
            border_only=params.get("border") == "1",
            indicator_min=indicator_min,
            poverty_standard=standard if standard in RANKED_STANDARDS else None,
            poverty_year_from=year_from,
        ),
    )
