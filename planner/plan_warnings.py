"""What the team must know before leaving: risk communes, border areas, rainy season and
positions known only approximately.

Each warning is one short line (:meth:`PlanWarning.text`) in both languages, its details
(the evidence) and sources kept apart: cited by title and outlet with the link, mirrors flagged,
the app's own inputs by title, never by file name. The border-permit rule is one plan-level
warning, with a short flag per stop in the border area. :func:`group_warnings` orders them for
reading: plan-level first, then by stop.

Examples
--------
>>> from datetime import datetime
>>> from planner.plan import Plan, Stop
>>> from planner.travel import plan_legs
>>> base = Stop(id="b", name="Base", kind="point", lat=20.0, lon=105.0,
...             precision="published", commune_code=None, source="user")
>>> seat = Stop(id="s", name="Seat", kind="commune", lat=20.1, lon=105.1,
...             precision="commune_seat", commune_code=None, source="user")
>>> plan = Plan(name="Trip", base=base, stops=[seat], start=datetime(2025, 7, 1, 7))
>>> warnings = plan_warnings(plan, plan_legs(plan, network=None), communes=None,
...                          border_line=None, lang="en")
>>> [(w.kind, w.severity) for w in warnings]
[('rainy_season', 'warning'), ('approximate_position', 'info')]
>>> warnings[1].text("en")
'Seat — approximate position: ask locally for the way'
>>> [(group.label(), group.title("en")) for group in group_warnings(plan, warnings)]
[('', 'Whole trip'), ('1', 'Seat')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely

from geo import settings
from geo.catalogue import Catalogue
from geo.citations import format_citation, is_mirror, outlet_name, stated_date, without_paths
from geo.errors import BorderAtlasError
from geo.terrain import TERRAIN_SOURCE
from geo.vocabulary import APPROXIMATE_PRECISIONS, HIGH_RISK_CLASSES, METRIC_CRS, WGS84
from i18n.messages import EN, LANGS, VI, both_languages, message, precision_label, risk_label
from i18n.numbers import format_number
from layers.facts import read_facts
from layers.risk.evidence import FACTS_SOURCE, NASA_SOURCE
from layers.risk.explanation import TERRAIN_CITATION, reason_counts
from planner.network import ROADS_SOURCE
from planner.plan import Plan, Stop
from planner.schedule import schedule
from planner.travel import Leg, check_legs

Pair = tuple[str, str]
"""A text in Vietnamese and English."""
Pages = Mapping[str, Mapping[str, str]] | None
"""Title and outlet of cited pages by URL (:func:`facts_by_url`); ``None``: the bundle's."""
SEVERITIES: tuple[str, ...] = ("high", "warning", "info")
"""Severities, most severe first: warnings are sorted in this order."""
KINDS: tuple[str, ...] = ("field_report", "border_permit", "rainy_season", "risk", "border",
                          "approximate_position")  # fmt: skip
"""Kinds of warning, in the order they are listed within one severity and stop
(``field_report``: :mod:`planner.observation_warnings`)."""

_SOURCE_KEYS = {
    TERRAIN_SOURCE: "terrain",
    TERRAIN_CITATION: "terrain",
    NASA_SOURCE: "nasa",
    ROADS_SOURCE: "roads",
}
"""The app's own inputs as the layers cite them → their title, ``plan.source.<key>``."""
_NOT_CITED = frozenset({FACTS_SOURCE})
"""Sources that only repeat others (the facts file: each fact is cited by its own page)."""
_URL = re.compile(r"https?://\S+?(?=[).,;\]]*(?:\s|$))")
_LEG_COMMUNES_MAX = 4
"""At most this many communes are named in a leg's line (the details name them all)."""


@dataclass
class PlanWarning:
    """Something the team must know before leaving: one short line, details and sources."""

    kind: str
    """One of :data:`KINDS`: ``border_permit`` and ``rainy_season`` are about the whole plan,
    ``risk`` about a stop (or a leg, with ``leg_index``), ``border`` and
    ``approximate_position`` about a stop."""
    severity: str
    """One of :data:`SEVERITIES`."""
    text_vi: str
    """The one short line, in Vietnamese."""
    text_en: str
    sources: list[str]
    """Readable citations: title, outlet (mirrors flagged as ``bản sao / mirror``) and link."""
    stop_id: str | None = None
    leg_index: int | None = None
    leg_indices: list[int] = field(default_factory=list)
    """Every leg concerned, when the warning is about several (``leg_index`` is the first)."""
    details_vi: str = ""
    """The evidence behind the line (may be long), in Vietnamese."""
    details_en: str = ""

    def text(self, lang: str = VI) -> str:
        """The one short line in ``lang``."""
        return self.text_vi if lang == VI else self.text_en

    def details(self, lang: str = VI) -> str:
        """The details in ``lang`` (empty when the line says it all)."""
        return self.details_vi if lang == VI else self.details_en

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (the field pack's ``warnings.json``)."""
        return asdict(self)


@dataclass
class WarningGroup:
    """The warnings about one stop (or, with ``stop_id`` ``None``, about the whole plan)."""

    stop_id: str | None
    number: int | None
    """Position in :meth:`Plan.all_stops` (0: the base), as numbered in the trip sketch."""
    name: str
    severity: str
    """The most severe of ``warnings``."""
    warnings: list[PlanWarning]

    def label(self) -> str:
        """The stop's marker in the sketch: ``★`` for the base, its number, or ``""``."""
        return "" if self.number is None else "★" if self.number == 0 else str(self.number)

    def title(self, lang: str = VI) -> str:
        """The stop's name, or "whole trip" for the plan-level group."""
        return self.name if self.stop_id is not None else message("plan.group_whole_trip", lang)


def _rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def _order(warning: PlanWarning) -> tuple[int, int]:
    kind = KINDS.index(warning.kind) if warning.kind in KINDS else len(KINDS)
    return _rank(warning.severity), kind


def _group_key(plan: Plan, warning: PlanWarning) -> str | None:
    """The stop a warning is listed under: its stop, or the arrival stop of its leg."""
    if warning.stop_id is not None:
        return warning.stop_id
    route = plan.route_stops()
    by_leg = warning.kind in ("risk", "field_report") and warning.leg_index is not None
    end = warning.leg_index + 1 if by_leg else -1
    return route[end].id if 0 < end < len(route) else None


def group_warnings(plan: Plan, warnings: Sequence[PlanWarning]) -> list[WarningGroup]:
    """Warnings grouped by stop for reading, most severe first.

    The plan-level group (border-permit rule, rainy season) comes **first**: the stops' border
    flags refer to its rule. Then one group per stop, the group with the most severe warning
    first (ties in visiting order); a leg's warning is listed under the stop it leads to.
    Within a group, warnings go by severity, then kind (:data:`KINDS`).

    Parameters
    ----------
    plan
        The plan the warnings are about (for the stops' names and numbers).
    warnings
        From :func:`plan_warnings`.
    """
    numbers = {stop.id: number for number, stop in enumerate(plan.all_stops())}
    names = {stop.id: stop.name for stop in plan.all_stops()}
    by_key: dict[str | None, list[PlanWarning]] = {}
    for warning in warnings:
        by_key.setdefault(_group_key(plan, warning), []).append(warning)
    groups = [
        WarningGroup(
            stop_id=key,
            number=None if key is None else numbers.get(key),
            name="" if key is None else names.get(key, ""),
            severity=min((w.severity for w in items), key=_rank),
            warnings=sorted(items, key=_order),
        )
        for key, items in by_key.items()
    ]
    groups.sort(key=lambda g: (g.stop_id is not None, _rank(g.severity), g.number or 0))
    return groups


@functools.cache
def _bundle_facts_by_url() -> dict[str, dict[str, str]]:
    """Title and outlet of each page the bundle's facts cite (empty without a bundle)."""
    try:
        return facts_by_url(read_facts(catalogue=Catalogue.load()))
    except (BorderAtlasError, OSError):
        return {}


def facts_by_url(facts: pd.DataFrame) -> dict[str, dict[str, str]]:
    """``source_url`` → ``{"title", "outlet"}`` of cited facts (:func:`layers.facts.read_facts`).

    Examples
    --------
    >>> facts_by_url(pd.DataFrame({"source_url": ["https://a.vn/x", ""],
    ...                            "source_title": ["T", "U"], "source_outlet": ["a.vn", "b"]}))
    {'https://a.vn/x': {'title': 'T', 'outlet': 'a.vn', 'date': ''}}
    """
    columns = ["source_url", "source_title", "source_outlet", "source_date"]
    texts = facts.reindex(columns=columns).astype(object).fillna("")
    texts = texts.astype(str).apply(lambda column: column.str.strip())
    texts = texts[texts["source_url"] != ""].drop_duplicates("source_url")
    return {
        u: {"title": t, "outlet": o, "date": stated_date(d)}
        for u, t, o, d in texts.itertuples(index=False)
    }


def readable_text(text: str, lang: str | None = None) -> str:
    """``text`` with the app's inputs named by title and any file path or setting removed.

    ``lang`` ``None`` gives titles in both languages (Vietnamese first).

    Examples
    --------
    >>> readable_text("Relief 717 m [terrain/srtm30plus_0.02deg.tif (SRTM30_PLUS v9, 0.02°)]",
    ...               "en")
    'Relief 717 m [SRTM30_PLUS v9 elevation, 0.02° grid (≈ 2.2 km)]'
    >>> readable_text("GeoNames via bundle points/a.csv (= points/b.zip), id 1 (seeds/c.txt, m)")
    'GeoNames, id 1 (m)'
    """

    def words(key: str) -> str:
        return both_languages(key) if lang is None else message(key, lang)

    for source, key in _SOURCE_KEYS.items():
        text = text.replace(source, words(f"plan.source.{key}"))
    return without_paths(text)


def cite(source: str, *, facts: Pages = None) -> list[str]:
    """Readable citations for one source text (several when ``" ; "``-separated).

    A web page is cited as every page of the app is (:func:`geo.citations.format_citation`):
    outlet, headline and date where the bundle's facts know them (``facts``), then the link; a
    copy on a mirror site or a web proxy is flagged "bản sao, cần kiểm chứng / mirror,
    verify", never given as the publisher; the app's inputs by title. A citation already
    written whole (by the risk layer) is kept.

    Examples
    --------
    >>> pages = {"https://m.example/a": {"title": "Sạt lở", "outlet": "m.example (mirror site)"},
    ...          "https://b.vn/x": {"title": "", "outlet": "b.vn"}}
    >>> for citation in cite("https://m.example/a ; https://b.vn/x (infobox)", facts=pages):
    ...     print(citation)
    m.example: “Sạt lở”, ngày không rõ / date unknown — https://m.example/a — bản sao, cần kiểm chứng / mirror, verify
    b.vn, ngày không rõ / date unknown — https://b.vn/x (infobox)
    >>> cite("", facts=pages)
    []
    """  # noqa: E501
    out = []
    for part in (p.strip() for p in source.split(" ; ")):
        if not part or part in _NOT_CITED:
            continue
        match = _URL.search(part)
        if match is None or " — " in part:  # the app's input, or a citation already whole
            text = readable_text(part)
            if text:  # nothing is left of a bare file path
                out.append(text)
            continue
        url = match.group(0)
        page = (facts if facts is not None else _bundle_facts_by_url()).get(url, {})
        outlet = page.get("outlet", "")
        out.append(
            format_citation(
                outlet=outlet_name(outlet, url),
                title=page.get("title", ""),
                date=page.get("date", ""),
                link=readable_text(part),
                mirror=is_mirror(outlet=outlet, url=url),
            )
        )
    return out


BORDER_SOURCE = both_languages("plan.source.border")
"""The border line, as cited by the warnings and the itinerary."""


def plan_warnings(
    plan: Plan,
    legs: Sequence[Leg],
    *,
    communes: gpd.GeoDataFrame | None,
    border_line: gpd.GeoDataFrame | None,
    lang: str = VI,
    border_warning_km: float = settings.BORDER_WARNING_KM,
    facts: pd.DataFrame | None = None,
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
        (``;``-separated), ``risk_reasons_en``, ``risk_sources``, ``risk_basis`` and
        ``is_border``. Missing columns skip the matching check; ``None`` skips both.
    border_line
        The border line (catalogue key ``border_line``); ``None`` skips the distance check.
    lang
        ``"vi"`` or ``"en"``: sorted by severity, then plan-level first, stop, kind and the
        text in this language. Both texts are always filled.
    border_warning_km
        Stops nearer the border line than this are in the border area.
    facts
        Cited facts (:func:`layers.facts.read_facts`) giving title and outlet of the pages
        the risk evidence cites; by default the bundle's, read once when first needed.
    """
    if lang not in {VI, EN}:
        raise ValueError(f"lang must be 'vi' or 'en', not {lang!r}")
    check_legs(plan, legs)
    pages = facts_by_url(facts) if facts is not None else None
    stops = plan.all_stops()  # each stop once (the base ends a round trip too)
    points = gpd.GeoSeries([shapely.Point(s.lon, s.lat) for s in stops], crs=WGS84)
    points = points.to_crs(METRIC_CRS)
    out: list[PlanWarning] = []
    border_communes: dict[str, str] = {}
    if communes is not None and len(communes):
        out += _commune_warnings(plan, legs, points, communes, border_communes, pages)
    distances: dict[str, float] = {}
    if border_line is not None and len(border_line):
        border = border_line.to_crs(METRIC_CRS) if border_line.crs else border_line
        km = points.distance(shapely.union_all(border.geometry.values)) / 1000
        distances = {s.id: float(d) for s, d in zip(stops, km, strict=True)}
        distances = {k: d for k, d in distances.items() if d <= border_warning_km}
    out += _border_warnings(stops, border_communes, distances, border_warning_km)
    out += [w for w in [_rainy_season_warning(plan, legs)] if w is not None]
    out += [_approximate_warning(s, pages) for s in stops if s.precision in APPROXIMATE_PRECISIONS]
    return ordered(plan, out, lang=lang)


def ordered(plan: Plan, warnings: Sequence[PlanWarning], *, lang: str = VI) -> list[PlanWarning]:
    """``warnings`` by severity, then plan-level first, stop (visiting order), kind and text."""
    numbers = {stop.id: number for number, stop in enumerate(plan.all_stops())}
    where = {id(w): numbers.get(_group_key(plan, w) or "", -1) for w in warnings}
    return sorted(
        warnings, key=lambda w: (_rank(w.severity), where[id(w)], *_order(w)[1:], w.text(lang))
    )


def _text_col(row: Any, column: str) -> str:
    value = row.get(column) if hasattr(row, "get") else None
    return "" if value is None or pd.isna(value) else str(value).strip()


def _both(key: str, **values: Any) -> Pair:
    """``key`` in both languages; a ``(vi, en)`` tuple value is taken per language."""
    vi, en = (
        message(key, lang, **{k: v[i] if isinstance(v, tuple) else v for k, v in values.items()})
        for i, lang in enumerate(LANGS)
    )
    return vi, en


def short_reason(reasons_vi: str, *, basis: str = "") -> Pair:
    """A few words on what a commune's risk class rests on, from its ``risk_reasons``.

    Counts the event-years and hotspot items that :mod:`layers.risk.explanation` writes.

    Examples
    --------
    >>> short_reason("Địa hình: … (+3)\\nLũ quét/lũ 2019: … (+2)\\nSạt lở 2024: … (+2)\\n"
    ...              "Điểm nguy cơ sạt lở: … (+1)")
    ('2 sự kiện (2019–2024), 1 điểm nguy cơ', '2 events (2019–2024), 1 risk point')
    >>> short_reason("Địa hình: … (+3)\\nSạt lở 2020: … (+2)\\nLũ quét/lũ không rõ năm: … (+1)")[1]
    '2 events (2020, 1 undated)'
    >>> short_reason("", basis="official_zoning")[1]
    'official zoning map'
    """
    if basis == "official_zoning":
        return _both("plan.reason_zoning")
    counts = reason_counts(reasons_vi)
    years, undated = sorted(set(counts.years)), counts.undated
    n_events = len(counts.years) + undated
    parts: list[Pair] = []
    if n_events:
        span = "" if not years else f"{years[0]}" + (f"–{years[-1]}" if len(years) > 1 else "")
        when = _both("plan.reason_undated", n=undated) if undated else ("", "")
        when = tuple(", ".join(p for p in (span, w) if p) for w in when)
        parts.append(_both("plan.reason_events", n=n_events, years=when))
    if counts.hotspots:
        parts.append(_both("plan.reason_hotspots", n=counts.hotspots))
    if not parts and counts.district:
        parts.append(_both("plan.reason_district"))
    if not parts and reasons_vi:
        parts.append(_both("plan.reason_relief"))
    if not parts:
        return _both("plan.reasons_not_stated")
    return ", ".join(p[0] for p in parts), ", ".join(p[1] for p in parts)


def _commune_warnings(
    plan: Plan,
    legs: Sequence[Leg],
    stop_points: gpd.GeoSeries,
    communes: gpd.GeoDataFrame,
    border_communes: dict[str, str],
    pages: Pages,
) -> list[PlanWarning]:
    """Risk warnings of the communes holding each stop (``stop_points``: of
    :meth:`Plan.all_stops`), then of risk communes that legs cross between their ends; fills
    ``border_communes`` (stop id → border commune name)."""
    route = plan.route_stops()
    metric = (
        communes.to_crs(METRIC_CRS) if communes.crs else communes.set_crs(WGS84).to_crs(METRIC_CRS)
    )
    has_risk = "risk_class" in metric.columns
    has_border = "is_border" in metric.columns
    tree = shapely.STRtree(metric.geometry.values)
    out: list[PlanWarning] = []
    communes_of: dict[str, set[int]] = {}
    for stop, point in zip(plan.all_stops(), stop_points, strict=True):
        hits = tree.query(point, predicate="intersects")
        communes_of[stop.id] = {int(i) for i in hits}
        for idx in hits:
            row = metric.iloc[int(idx)]
            name = _text_col(row, "name") or _text_col(row, "code")
            if has_risk and _text_col(row, "risk_class") in HIGH_RISK_CLASSES:
                out.append(_risk_warning(row, name, stop=stop, pages=pages))
            if has_border and bool(row["is_border"]) is True:
                border_communes.setdefault(stop.id, name)
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
            rows = metric.iloc[hits].assign(_at_stop=[i in stop_communes for i in hits])
            names = (route[index].name, route[index + 1].name)
            out.append(_leg_warning(rows, index, legs[index], names, pages))
    return out


def _warning(
    kind: str, severity: str, line: Pair, details: Pair = ("", ""), **more: Any
) -> PlanWarning:
    return PlanWarning(kind, severity, *line, details_vi=details[0], details_en=details[1], **more)


def _reasons(row: Any) -> Pair:
    """A commune's reasons in both languages, without file paths (``""`` when none)."""
    vi = _text_col(row, "risk_reasons")
    return readable_text(vi, VI), readable_text(_text_col(row, "risk_reasons_en") or vi, EN)


def _risk_warning(row: Any, name: str, *, stop: Stop, pages: Pages) -> PlanWarning:
    risk_class = _text_col(row, "risk_class")
    unknown = _both("plan.reasons_not_stated")
    reasons = tuple(r or n for r, n in zip(_reasons(row), unknown, strict=True))
    risk = tuple(risk_label(risk_class, lang) for lang in LANGS)
    same = stop.name.casefold().strip() == name.casefold().strip()
    commune = ("", "") if same else _both("plan.in_commune", commune=name)
    reason = short_reason(_text_col(row, "risk_reasons"), basis=_text_col(row, "risk_basis"))
    return _warning(
        "risk",
        "high" if risk_class == "very_high" else "warning",
        _both("plan.line_risk", name=stop.name, risk=risk, commune=commune, reason=reason),
        _both("plan.details_risk", commune=name, risk=risk, reasons=reasons),
        sources=cite(_text_col(row, "risk_sources"), facts=pages),
        stop_id=stop.id,
    )


def _leg_warning(rows: pd.DataFrame, index: int, leg: Leg, ends: Pair, pages: Pages) -> PlanWarning:
    """A leg crossing risk communes: their names in the line, their reasons in the details
    (given once per plan: communes holding a stop (``_at_stop``) point to its warning)."""
    rows = rows.assign(_very=rows["risk_class"].astype(str) == "very_high")
    rows = rows.sort_values("_very", ascending=False, kind="stable")
    named: list[Pair] = []
    details: list[Pair] = []
    sources: list[str] = []
    for _, row in rows.iterrows():
        name = _text_col(row, "name") or _text_col(row, "code")
        risk = tuple(risk_label(_text_col(row, "risk_class"), lang) for lang in LANGS)
        named.append(tuple(f"{name} ({r})" for r in risk))
        if row["_at_stop"]:
            details.append(_both("plan.details_risk_leg_commune_of_stop", name=name, risk=risk))
            continue
        why = tuple(r or "—" for r in _reasons(row))
        details.append(_both("plan.details_risk_leg_commune", name=name, risk=risk, reasons=why))
        sources += cite(_text_col(row, "risk_sources"), facts=pages)
    more = len(rows) - _LEG_COMMUNES_MAX
    tail = _both("plan.risk_leg_more", n=more) if more > 0 else ("", "")
    communes = tuple(
        ", ".join(n[i] for n in named[:_LEG_COMMUNES_MAX]) + tail[i] for i in range(len(LANGS))
    )
    how = _both("plan.risk_leg_road" if leg.method == "road" else "plan.risk_leg_straight")
    a, b = ends
    line = _both("plan.line_risk_leg", number=index + 1, start=a, end=b, how=how, communes=communes)
    return _warning(
        "risk",
        "high" if rows["_very"].any() else "warning",
        line,
        tuple("; ".join(d[i] for d in details) + "." for i in range(len(LANGS))),
        sources=list(dict.fromkeys(sources)),
        leg_index=index,
    )


def _border_warnings(
    stops: list[Stop], communes: Mapping[str, str], distances: Mapping[str, float], limit: float
) -> list[PlanWarning]:
    """The permit rule once for the plan, and a short flag for each stop in the border area
    (in a border commune, ``communes``, or within ``limit`` km of the line, ``distances``)."""
    flagged = [s for s in stops if s.id in communes or s.id in distances]
    out = []
    for stop in flagged:
        where: list[Pair] = []
        if stop.id in communes:
            where.append(_both("plan.border_commune", commune=communes[stop.id]))
        if stop.id in distances and distances[stop.id] < 0.05:
            where.append(_both("plan.border_at_line"))
        elif stop.id in distances:
            km = tuple(format_number(distances[stop.id], lang=lang, decimals=1) for lang in LANGS)
            where.append(_both("plan.border_distance", km=km))
        where_text = tuple(", ".join(w[i] for w in where) for i in range(len(LANGS)))
        line = _both("plan.line_border", name=stop.name, where=where_text)
        out.append(_warning("border", "info", line, sources=[BORDER_SOURCE], stop_id=stop.id))
    if flagged:
        km = tuple(format_number(limit, lang=lang, decimals=0) for lang in LANGS)
        line = _both("plan.line_border_permit", names=", ".join(s.name for s in flagged))
        details = _both("plan.details_border", km=km)
        out.append(_warning("border_permit", "warning", line, details, sources=[BORDER_SOURCE]))
    return out


def _rainy_season_warning(plan: Plan, legs: Sequence[Leg]) -> PlanWarning | None:
    """One warning naming every leg travelled in a rainy-season month, if any (rows of kind
    ``overnight``, nights on the road, skipped; if rows and legs still differ, the whole trip)."""
    rows = schedule(plan, legs)
    stop_rows = [row for row in rows if row.kind != "overnight"]
    rainy_legs: list[int] = []
    months: set[int] = set()
    for index in range(len(legs)):
        if len(stop_rows) == len(legs) + 1:
            depart = stop_rows[index].departure or plan.start
            arrive = stop_rows[index + 1].arrival or depart
        else:
            depart, arrive = plan.start, max(r.arrival or plan.start for r in rows)
        days = (depart.date() + timedelta(days=n) for n in range((arrive - depart).days + 2))
        rainy = {d.month for d in days if d <= arrive.date()} & set(settings.RAINY_SEASON_MONTHS)
        if rainy:
            rainy_legs.append(index)
            months |= rainy
    if not rainy_legs:
        return None
    numbers = ", ".join(str(i + 1) for i in rainy_legs)
    whole = len(rainy_legs) == len(legs)
    which = _both("plan.rainy_whole_trip") if whole else _both("plan.rainy_legs", legs=numbers)
    months_text = ", ".join(str(m) for m in sorted(months))
    return _warning(
        "rainy_season",
        "warning",
        _both("plan.line_rainy", which=which, months=months_text),
        _both("plan.details_rainy"),
        sources=[both_languages("plan.source.rainy")],
        leg_index=rainy_legs[0],
        leg_indices=rainy_legs,
    )


def _approximate_warning(stop: Stop, pages: Pages) -> PlanWarning:
    precision = tuple(precision_label(stop.precision, lang) for lang in LANGS)
    return _warning(
        "approximate_position",
        "info",
        _both("plan.line_approximate", name=stop.name),
        _both("plan.details_approximate", precision=precision),
        sources=cite(stop.source, facts=pages) if stop.source else [],
        stop_id=stop.id,
    )
