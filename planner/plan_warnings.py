"""What the team must know before leaving: risk communes, border areas, rainy season and
positions known only approximately. Every warning has both languages and its sources.

Examples
--------
>>> from datetime import datetime
>>> from planner.plan import Plan, Stop
>>> from planner.travel import plan_legs
>>> base = Stop(id="b", name="Base", kind="point", lat=20.0, lon=105.0,
...             precision="published", commune_code=None, source="user")
>>> seat = Stop(id="s", name="Seat", kind="commune", lat=20.1, lon=105.1,
...             precision="commune_seat", commune_code=None, source="gazetteer")
>>> plan = Plan(name="Trip", base=base, stops=[seat], start=datetime(2025, 7, 1, 7))
>>> warnings = plan_warnings(plan, plan_legs(plan, network=None), communes=None,
...                          border_line=None, lang="en")
>>> [(w.kind, w.severity) for w in warnings]
[('rainy_season', 'warning'), ('approximate_position', 'info')]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import geopandas as gpd
import shapely

from geo import settings
from geo.vocabulary import APPROXIMATE_PRECISIONS, HIGH_RISK_CLASSES, METRIC_CRS, WGS84
from i18n.messages import EN, LANGS, VI, message, pair, precision_label, risk_label
from i18n.numbers import format_number
from planner.plan import Plan, Stop
from planner.schedule import schedule
from planner.travel import Leg, check_legs

BORDER_SOURCE = "boundaries/border_vn_la.geojson (derived line, not the treaty line)"
"""The border line, as cited by the warnings and the itinerary."""
SEVERITIES: tuple[str, ...] = ("high", "warning", "info")
"""Severities, most severe first: warnings are sorted in this order."""


@dataclass
class PlanWarning:
    """Something the team must know before leaving, with its sources."""

    kind: str
    """``risk``, ``rainy_season``, ``border`` or ``approximate_position``."""
    severity: str
    """One of :data:`SEVERITIES`."""
    text_vi: str
    text_en: str
    sources: list[str]
    stop_id: str | None = None
    leg_index: int | None = None
    leg_indices: list[int] = field(default_factory=list)
    """Every leg concerned, when the warning is about several (``leg_index`` is the first)."""

    def text(self, lang: str = VI) -> str:
        """The warning in ``lang``."""
        return self.text_vi if lang == VI else self.text_en

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (the field pack's ``warnings.json``)."""
        return asdict(self)


def plan_warnings(
    plan: Plan,
    legs: Sequence[Leg],
    *,
    communes: gpd.GeoDataFrame | None,
    border_line: gpd.GeoDataFrame | None,
    lang: str = VI,
    border_warning_km: float = settings.BORDER_WARNING_KM,
) -> list[PlanWarning]:
    """Warnings for the plan: risk communes, rainy season, border area, approximate positions.

    Parameters
    ----------
    plan
        The plan, its stops in visiting order.
    legs
        One per leg of ``plan.route_stops()`` (:func:`planner.travel.plan_legs`).
    communes
        Polygons with ``code``, ``name`` and, where known, ``risk_class``, ``risk_reasons``
        (``;``-separated), ``risk_reasons_en``, ``risk_sources`` and ``is_border``. Missing
        columns skip the matching check; ``None`` skips both.
    border_line
        The border line (catalogue key ``border_line``); ``None`` skips the distance check.
    lang
        ``"vi"`` or ``"en"``: warnings are sorted by severity, then by the text in this language.
        Both texts are always filled.
    border_warning_km
        Stops nearer the border line than this get the border-area warning.
    """
    if lang not in {VI, EN}:
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")
    check_legs(plan, legs)
    route = plan.route_stops()
    unique_stops = list({s.id: s for s in route}.values())
    stop_points = gpd.GeoSeries(
        [shapely.Point(s.lon, s.lat) for s in unique_stops], crs=WGS84
    ).to_crs(METRIC_CRS)
    out: list[PlanWarning] = []
    if communes is not None and len(communes):
        out += _commune_warnings(route, legs, unique_stops, stop_points, communes)
    if border_line is not None and len(border_line):
        _add_border_distances(out, unique_stops, stop_points, border_line, border_warning_km)
    rainy = _rainy_season_warning(plan, legs)
    if rainy is not None:
        out.append(rainy)
    out += [_approximate_warning(stop) for stop in unique_stops if _is_approximate(stop)]
    rank = {severity: number for number, severity in enumerate(SEVERITIES)}
    out.sort(key=lambda w: (rank.get(w.severity, len(rank)), w.text(lang)))
    return out


def _text_col(row: Any, column: str) -> str:
    value = row.get(column) if hasattr(row, "get") else None
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _split_sources(text: str) -> list[str]:
    parts = [p.strip() for p in text.replace(" ; ", ";").split(";")]
    return [p for p in dict.fromkeys(parts) if p]


def _commune_warnings(
    route: list[Stop],
    legs: Sequence[Leg],
    unique_stops: list[Stop],
    stop_points: gpd.GeoSeries,
    communes: gpd.GeoDataFrame,
) -> list[PlanWarning]:
    """Risk and border-commune warnings of the communes holding each stop, then risk communes
    that legs cross between their ends."""
    metric = (
        communes.to_crs(METRIC_CRS) if communes.crs else communes.set_crs(WGS84).to_crs(METRIC_CRS)
    )
    has_risk = "risk_class" in metric.columns
    has_border = "is_border" in metric.columns
    tree = shapely.STRtree(metric.geometry.values)
    out: list[PlanWarning] = []
    communes_of: dict[str, set[int]] = {}
    for stop, point in zip(unique_stops, stop_points, strict=True):
        hits = tree.query(point, predicate="intersects")
        communes_of[stop.id] = {int(i) for i in hits}
        for idx in hits:
            row = metric.iloc[int(idx)]
            name = _text_col(row, "name") or _text_col(row, "code")
            if has_risk and _text_col(row, "risk_class") in HIGH_RISK_CLASSES:
                out.append(_risk_warning(row, name, stop=stop))
            if has_border and bool(row["is_border"]) is True:
                out.append(_border_warning(stop, commune=name, distance_km=None))
    if not has_risk:
        return out
    # The end communes of a leg already have their stop's warning.
    is_risky = metric["risk_class"].astype(str).isin(HIGH_RISK_CLASSES).to_numpy()
    stop_communes = set().union(*communes_of.values()) if communes_of else set()
    legs_metric = gpd.GeoSeries([leg.geometry for leg in legs], crs=WGS84).to_crs(METRIC_CRS)
    for index, geom in enumerate(legs_metric):
        ends = communes_of[route[index].id] | communes_of[route[index + 1].id]
        hits = sorted(
            int(i)
            for i in tree.query(geom, predicate="intersects")
            if is_risky[int(i)] and int(i) not in ends
        )
        if hits:
            out.append(
                _risk_leg_warning(
                    metric.iloc[hits],
                    index,
                    legs[index],
                    reasons_elsewhere=[i in stop_communes for i in hits],
                )
            )
    return out


def _add_border_distances(
    out: list[PlanWarning],
    unique_stops: list[Stop],
    stop_points: gpd.GeoSeries,
    border_line: gpd.GeoDataFrame,
    border_warning_km: float,
) -> None:
    """Warn stops near the border line, or add the distance to their border-commune warning."""
    border = border_line.to_crs(METRIC_CRS) if border_line.crs else border_line
    union = shapely.union_all(border.geometry.values)
    warned = {w.stop_id for w in out if w.kind == "border"}
    for stop, point in zip(unique_stops, stop_points, strict=True):
        distance_km = float(point.distance(union)) / 1000
        if distance_km > border_warning_km:
            continue
        if stop.id in warned:
            for warning in out:
                if warning.kind == "border" and warning.stop_id == stop.id:
                    _append_distance(warning, distance_km)
        else:
            out.append(_border_warning(stop, commune=None, distance_km=distance_km))


def _rainy_dates(start: datetime, end: datetime) -> list[date]:
    days = []
    current = start.date()
    while current <= end.date():
        if current.month in settings.RAINY_SEASON_MONTHS:
            days.append(current)
        current += timedelta(days=1)
    return days


def _rainy_season_warning(plan: Plan, legs: Sequence[Leg]) -> PlanWarning | None:
    """One warning naming every leg travelled in a rainy-season month, if any."""
    rows = schedule(plan, legs)
    rainy_legs: list[int] = []
    months: set[int] = set()
    for index in range(len(legs)):
        depart = rows[index].departure or plan.start
        arrive = rows[index + 1].arrival or depart
        rainy = _rainy_dates(depart, arrive)
        if rainy:
            rainy_legs.append(index)
            months.update(d.month for d in rainy)
    if not rainy_legs:
        return None
    month_list = ", ".join(str(m) for m in sorted(months))
    if len(rainy_legs) == len(legs):
        which = list(pair("plan.rainy_whole_trip"))
    else:
        numbers = ", ".join(str(i + 1) for i in rainy_legs)
        which = [message("plan.rainy_legs", lang, legs=numbers) for lang in LANGS]
    text_vi, text_en = (
        message("plan.rainy_season", lang, which=part, months=month_list)
        for lang, part in zip(LANGS, which, strict=True)
    )
    return PlanWarning(
        kind="rainy_season",
        severity="warning",
        text_vi=text_vi,
        text_en=text_en,
        sources=["geo.settings.RAINY_SEASON_MONTHS (north-central Vietnam, roughly June–November)"],
        leg_index=rainy_legs[0],
        leg_indices=rainy_legs,
    )


def _is_approximate(stop: Stop) -> bool:
    return stop.precision in APPROXIMATE_PRECISIONS


def _approximate_warning(stop: Stop) -> PlanWarning:
    text_vi, text_en = (
        message(
            "plan.approximate_position",
            lang,
            name=stop.name,
            precision=precision_label(stop.precision, lang),
        )
        for lang in LANGS
    )
    return PlanWarning(
        kind="approximate_position",
        severity="info",
        text_vi=text_vi,
        text_en=text_en,
        sources=[stop.source] if stop.source else [],
        stop_id=stop.id,
    )


def _risk_warning(row: Any, name: str, *, stop: Stop) -> PlanWarning:
    risk_class = _text_col(row, "risk_class")
    reasons_vi = _text_col(row, "risk_reasons")
    reasons_en = _text_col(row, "risk_reasons_en") or reasons_vi
    text_vi, text_en = (
        message(
            "plan.risk_stop",
            lang,
            name=stop.name,
            commune=name,
            risk=risk_label(risk_class, lang),
            reasons=reasons or message("plan.reasons_not_stated", lang),
        )
        for lang, reasons in zip(LANGS, (reasons_vi, reasons_en), strict=True)
    )
    return PlanWarning(
        kind="risk",
        severity="high" if risk_class == "very_high" else "warning",
        text_vi=text_vi,
        text_en=text_en,
        sources=_split_sources(_text_col(row, "risk_sources")),
        stop_id=stop.id,
    )


def _risk_leg_warning(
    rows: gpd.GeoDataFrame, index: int, leg: Leg, *, reasons_elsewhere: list[bool]
) -> PlanWarning:
    """Warning for a leg crossing risk communes; reasons given once per plan where possible."""
    parts: dict[str, list[str]] = {lang: [] for lang in LANGS}
    sources: list[str] = []
    for (_, row), elsewhere in zip(rows.iterrows(), reasons_elsewhere, strict=True):
        name = _text_col(row, "name") or _text_col(row, "code")
        reasons_vi = _text_col(row, "risk_reasons")
        reasons_en = _text_col(row, "risk_reasons_en") or reasons_vi
        for lang, reasons in zip(LANGS, (reasons_vi, reasons_en), strict=True):
            risk = risk_label(_text_col(row, "risk_class"), lang)
            parts[lang].append(
                message("plan.risk_leg_commune_of_stop", lang, name=name, risk=risk)
                if elsewhere
                else message(
                    "plan.risk_leg_commune", lang, name=name, risk=risk, reasons=reasons or "—"
                )
            )
        sources.extend(_split_sources(_text_col(row, "risk_sources")))
    very = (rows["risk_class"].astype(str) == "very_high").any()
    how = "plan.risk_leg_road" if leg.method == "road" else "plan.risk_leg_straight"
    text_vi, text_en = (
        message(
            "plan.risk_leg",
            lang,
            number=index + 1,
            how=message(how, lang),
            communes="; ".join(parts[lang]),
        )
        for lang in LANGS
    )
    return PlanWarning(
        kind="risk",
        severity="high" if very else "warning",
        text_vi=text_vi,
        text_en=text_en,
        sources=list(dict.fromkeys(sources)),
        leg_index=index,
    )


def _border_warning(stop: Stop, *, commune: str | None, distance_km: float | None) -> PlanWarning:
    if commune is not None:
        where = [message("plan.border_commune", lang, commune=commune) for lang in LANGS]
        sources = ["layers.communes is_border (touches the derived border line)"]
    else:
        assert distance_km is not None
        where = [
            message(
                "plan.border_distance", lang, km=format_number(distance_km, lang=lang, decimals=1)
            )
            for lang in LANGS
        ]
        sources = [BORDER_SOURCE]
    text_vi, text_en = (
        message("plan.border", lang, name=stop.name, where=part)
        for lang, part in zip(LANGS, where, strict=True)
    )
    return PlanWarning(
        kind="border",
        severity="warning",
        text_vi=text_vi,
        text_en=text_en,
        sources=sources,
        stop_id=stop.id,
    )


def _append_distance(warning: PlanWarning, distance_km: float) -> None:
    if BORDER_SOURCE in warning.sources:
        return
    vi, en = (
        message(
            "plan.border_distance_also", lang, km=format_number(distance_km, lang=lang, decimals=1)
        )
        for lang in LANGS
    )
    warning.text_vi += f" {vi}"
    warning.text_en += f" {en}"
    warning.sources.append(BORDER_SOURCE)
