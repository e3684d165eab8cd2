"""Travel estimates between stops, and the legs, order and totals of a plan.

The roads are Vietnam's national road network (:class:`planner.network.RoadNetwork`): national,
provincial and district roads, no local ones. Every estimate (:class:`Leg`) says how it was
made, in both languages:

* ``road``: both ends lie within ``road_snap_km`` of the same connected part of the network.
  Time = access at each end (straight line × detour factor, at mountain speed) + the quickest
  path along the roads, each road at the speed of its class
  (:attr:`planner.plan.TravelSettings.road_class_speeds_kmh`); the leg names the roads it
  follows, in order. Two stops at most ``road_snap_km`` apart go straight instead (as below)
  when that is quicker: local roads the data lacks, like the access ways.
* ``straight_line_detour``: otherwise (a stop too far from any road, the ends on parts of the
  network that do not connect), straight-line (great-circle) distance × detour factor, at
  mountain speed; the leg says why.

Paths are the quickest (least hours), not the shortest; the distance reported is that of the
quickest path. Stop order is optimised on the same estimates (:func:`optimise_plan`, with
:func:`planner.ordering.order_stops`).

Examples
--------
>>> from datetime import datetime
>>> base = Stop(id="b", name="Base", kind="point", lat=20.0, lon=105.0,
...             precision="published", commune_code=None, source="user")
>>> far = Stop(id="f", name="Far", kind="site", lat=20.2, lon=105.0,
...            precision="published", commune_code=None, source="user")
>>> near = Stop(id="n", name="Near", kind="site", lat=20.1, lon=105.0,
...             precision="published", commune_code=None, source="user")
>>> plan = Plan(name="Trip", base=base, stops=[far, near], start=datetime(2025, 3, 1, 7),
...             round_trip=False)
>>> plan = optimise_plan(plan, network=None)
>>> [stop.id for stop in plan.stops]
['n', 'f']
>>> legs = plan_legs(plan, network=None)
>>> round(trip_summary(legs)["distance_km"], 1)
35.6
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from pyproj import Transformer
from shapely.geometry import LineString

from geo.errors import UserInputError
from geo.measure import haversine_km
from geo.vocabulary import METRIC_CRS, WGS84
from i18n.messages import LANGS, VI, message, pair
from i18n.numbers import format_number
from planner.network import GAP_CLASS, LINE_END_JOIN_M, UNNAMED, RoadNetwork, RoadPath, Snap
from planner.ordering import order_stops
from planner.plan import Plan, Stop, TravelSettings

ACCESS = "access"
"""Class of the stretches between a stop and the road network."""
STRAIGHT = "straight"
"""Class of the single stretch of a straight-line estimate."""
CLASS_KEYS = {
    "Quốc Gia": "national",
    "Asean": "asean",
    "Cấp Tỉnh": "provincial",
    "Cấp Huyện": "district",
    "": "unknown",
    GAP_CLASS: "gap",
    ACCESS: ACCESS,
    STRAIGHT: STRAIGHT,
}
"""``road_class`` values (as in ``roads_vietnam``) → their words ``plan.road_class.<key>``."""

_TO_METRIC = Transformer.from_crs(WGS84, METRIC_CRS, always_xy=True)
_TO_WGS84 = Transformer.from_crs(METRIC_CRS, WGS84, always_xy=True)
_NOT_ROADS = (ACCESS, STRAIGHT, GAP_CLASS)


def short_name(name: str) -> str:
    """The usual short form of a road's name: ``Quốc lộ 15`` → ``QL15``.

    Examples
    --------
    >>> [short_name(n) for n in ("Quốc lộ 1A", "Tỉnh lộ 279", "QL217 (Tỉnh lộ 217 cũ)")]
    ['QL1A', 'TL279', 'QL217']
    >>> short_name("Đường Hồ Chí Minh")
    'Đường Hồ Chí Minh'
    """
    name = re.sub(r"\s*\(.*\)\s*$", "", name.strip())
    name = re.sub(r"^Quốc lộ\s+", "QL", name)
    return re.sub(r"^Tỉnh lộ\s+", "TL", name)


def class_label(road_class: str, lang: str = VI) -> str:
    """Words for a road class in ``lang``, e.g. ``Cấp Tỉnh`` → ``provincial road``."""
    key = CLASS_KEYS.get(road_class, "other")
    return message(f"plan.road_class.{key}", lang, road_class=road_class)


def road_label(name: str, road_class: str, lang: str = VI) -> str:
    """How a road is named to users: its short name, else its class, said to be unnamed.

    Examples
    --------
    >>> road_label("Quốc lộ 7", "Quốc Gia", "en"), road_label("Không biết", "Cấp Huyện", "en")
    ('QL7', 'unnamed district road')
    """
    if road_class in _NOT_ROADS:
        return class_label(road_class, lang)
    if name.strip() in UNNAMED:
        return message("plan.road_unnamed", lang, label=class_label(road_class, lang))
    return short_name(name)


@dataclass
class Stretch:
    """A run of a leg along one road, or along the access way at one of its ends."""

    name: str
    """The road's name in the data (``""`` for access ways and straight lines)."""
    road_class: str
    """``road_class`` of the data, or :data:`ACCESS`, :data:`STRAIGHT`, ``gap``."""
    km: float
    hours: float
    start_hours: float
    """Driving hours from the start of the leg to the start of this stretch."""

    def label(self, lang: str = VI) -> str:
        """The road's name for users (:func:`road_label`)."""
        return road_label(self.name, self.road_class, lang)


@dataclass
class Leg:
    """One travel estimate between two stops, with how it was made."""

    distance_km: float
    hours: float
    method: str
    """``"road"`` or ``"straight_line_detour"``."""
    explanation_vi: str
    explanation_en: str
    geometry: LineString
    """Drawn route in EPSG:4326 (a straight line for ``straight_line_detour``)."""
    from_id: str = ""
    to_id: str = ""
    straight_km: float = 0.0
    road_km: float = 0.0
    access_km: float = 0.0
    roads: list[str] = field(default_factory=list)
    """Names (as in the data) of the roads followed, each once, in order."""
    stretches: list[Stretch] = field(default_factory=list)
    """The leg from start to end: access, roads (one stretch per road in a row), access."""
    hour_marks: list[float] = field(default_factory=list)
    """Driving hours from the start at each vertex of ``geometry`` (empty: evenly spread)."""
    data_gaps: int = 0
    """Gaps of the road data the path crosses (line ends joined to a road nearby)."""

    def explanation(self, lang: str = VI) -> str:
        """How the estimate was made, in ``lang``."""
        return self.explanation_vi if lang == VI else self.explanation_en

    def road_sequence(self, lang: str = VI) -> list[str]:
        """Roads followed, in order, consecutive repeats removed: ``['QL217', 'QL15', …]``."""
        labels = [s.label(lang) for s in self.stretches if s.road_class not in _NOT_ROADS]
        return [label for label, _ in itertools.groupby(labels)]

    def road_sequence_text(self, lang: str = VI) -> str:
        """The roads followed as one line, ``QL217 → QL15 → …`` (empty when none)."""
        return " → ".join(self.road_sequence(lang))

    def hours_by_class(self) -> dict[str, float]:
        """Driving hours per road class (keys as :attr:`Stretch.road_class`)."""
        out: dict[str, float] = {}
        for stretch in self.stretches:
            out[stretch.road_class] = out.get(stretch.road_class, 0.0) + stretch.hours
        return out

    def km_by_class(self) -> dict[str, float]:
        """Kilometres per road class (keys as :attr:`Stretch.road_class`)."""
        out: dict[str, float] = {}
        for stretch in self.stretches:
            out[stretch.road_class] = out.get(stretch.road_class, 0.0) + stretch.km
        return out

    def stretch_at(self, hours: float) -> Stretch | None:
        """The stretch driven ``hours`` after the start (a road rather than a data gap)."""
        found = None
        for stretch in self.stretches:
            if stretch.start_hours > hours + 1e-9:
                break
            if stretch.road_class != GAP_CLASS or found is None:
                found = stretch
        return found

    def point_at(self, hours: float) -> tuple[float, float]:
        """(lon, lat) on ``geometry`` reached ``hours`` after the start.

        Examples
        --------
        >>> leg = Leg(distance_km=20, hours=2, method="straight_line_detour",
        ...           explanation_vi="", explanation_en="",
        ...           geometry=LineString([(105.0, 20.0), (105.2, 20.0)]))
        >>> leg.point_at(0.5)
        (105.05, 20.0)
        """
        coords = np.asarray(self.geometry.coords)[:, :2]
        if len(self.hour_marks) == len(coords) and self.hours > 0:
            marks = np.asarray(self.hour_marks, dtype=float)
        else:
            steps = haversine_km(coords[:-1, 1], coords[:-1, 0], coords[1:, 1], coords[1:, 0])
            along = np.concatenate([[0.0], np.cumsum(steps)])
            marks = along / (along[-1] or 1.0) * self.hours
        h = float(np.clip(hours, marks[0], marks[-1]))
        lon = float(np.interp(h, marks, coords[:, 0]))
        lat = float(np.interp(h, marks, coords[:, 1]))
        return lon, lat


def check_legs(plan: Plan, legs: Sequence[Leg]) -> None:
    """Raise :class:`UserInputError` unless ``legs`` are one per leg of ``plan``'s route."""
    expected = len(plan.route_stops()) - 1
    if len(legs) != expected:
        raise UserInputError(
            "Số chặng không khớp với số điểm dừng của kế hoạch.",
            f"Got {len(legs)} legs for a route of {expected} legs; compute them with "
            "planner.travel.plan_legs(plan, network=...) after ordering the stops.",
        )


def _number(value: float, lang: str, decimals: int = 1) -> str:
    return format_number(value, lang=lang, decimals=decimals)


def _road_text(lang: str, *, leg: Leg, access_straight_km: float, travel: TravelSettings) -> str:
    km = leg.km_by_class()
    parts = [
        message(
            "plan.road_class_part",
            lang,
            km=_number(km[road_class], lang),
            label=class_label(road_class, lang),
            speed=_number(travel.speed_kmh(road_class), lang, 0),
        )
        for road_class in km
        if road_class not in _NOT_ROADS
    ]
    gaps = ""
    if leg.data_gaps:
        gaps = message("plan.leg_gaps", lang, n=leg.data_gaps, m=_number(LINE_END_JOIN_M, lang, 0))
    return message(
        "plan.leg_road",
        lang,
        sequence=leg.road_sequence_text(lang) or "?",
        road=_number(leg.road_km, lang),
        by_class="; ".join(parts),
        access=_number(leg.access_km, lang),
        straight=_number(access_straight_km, lang),
        detour=_number(travel.detour_factor, lang, 2),
        mountain_speed=_number(travel.mountain_speed_kmh, lang, 0),
        hours=_number(leg.hours, lang, 2),
        gaps=gaps,
    )


def _straight_text(
    lang: str, *, why: str, straight_km: float, km: float, travel: TravelSettings
) -> str:
    return message(
        "plan.leg_straight",
        lang,
        why=why,
        straight=_number(straight_km, lang),
        detour=_number(travel.detour_factor, lang, 2),
        total=_number(km, lang),
        speed=_number(travel.mountain_speed_kmh, lang, 0),
    )


@dataclass
class _Estimate:
    """The numbers of one estimate, before any geometry or text."""

    km: float
    hours: float
    straight_km: float
    why: str = ""
    """Empty for a road estimate; else same, far, apart or quicker."""
    road_hours: float = 0.0


class _LegEstimator:
    """Caches snaps and shortest-path trees so a matrix costs one Dijkstra per road end."""

    def __init__(self, network: RoadNetwork | None, travel: TravelSettings) -> None:
        self.network = network if network is not None and len(network.edge_km) else None
        self.travel = travel
        self.router = (
            None
            if self.network is None
            else self.network.router(
                travel.road_class_speeds_kmh, default_kmh=travel.road_speed_kmh
            )
        )
        self._snaps: dict[tuple[float, float], Snap | None] = {}

    def snap(self, stop: Stop) -> Snap | None:
        """Where ``stop`` joins the roads, or ``None`` when it is too far from them."""
        key = (stop.lat, stop.lon)
        if key not in self._snaps:
            snap = None
            if self.network is not None:
                x, y = _TO_METRIC.transform(stop.lon, stop.lat)
                snap = self.network.snap(float(x), float(y), max_m=self.travel.road_snap_km * 1000)
            self._snaps[key] = snap
        return self._snaps[key]

    def prepare(self, stops: Sequence[Stop]) -> None:
        """Snap ``stops`` and compute the shortest-path trees of their roads in one batch."""
        if self.router is None or self.network is None:
            return
        snaps = [s for s in (self.snap(stop) for stop in stops) if s is not None]
        self.router.prepare(self.network.edge_nodes[[s.edge for s in snaps]].ravel())

    def _access_hours(self, snap: Snap) -> float:
        return snap.distance_m / 1000 * self.travel.detour_factor / self.travel.mountain_speed_kmh

    def estimate(self, a: Stop, b: Stop) -> _Estimate:
        """Distance and time from ``a`` to ``b``, and whether (or why not) by road."""
        travel = self.travel
        straight = float(haversine_km(a.lat, a.lon, b.lat, b.lon))
        direct_km = straight * travel.detour_factor
        direct = _Estimate(direct_km, direct_km / travel.mountain_speed_kmh, straight)
        if straight == 0.0:
            direct.why = "same"
            return direct
        snap_a, snap_b = self.snap(a), self.snap(b)
        if snap_a is None or snap_b is None or self.router is None:
            direct.why = "far"
            return direct
        found = self.router.cost(snap_a, snap_b)
        if found is None:
            direct.why = "apart"
            return direct
        road_hours, road_km, _ = found
        access_km = (snap_a.distance_m + snap_b.distance_m) / 1000 * travel.detour_factor
        hours = self._access_hours(snap_a) + road_hours + self._access_hours(snap_b)
        if straight <= travel.road_snap_km and direct.hours < hours:
            # Two stops off the road and near each other: local roads (not in the data) are
            # quicker than going out to the network and back. Only as far apart as an access
            # way may be long: farther, a straight line would cut across mountains (or Laos).
            direct.why, direct.road_hours = "quicker", hours
            return direct
        return _Estimate(road_km + access_km, hours, straight)

    def leg(self, a: Stop, b: Stop) -> Leg:
        """The estimate from ``a`` to ``b``, with its route and how it was made."""
        estimate = self.estimate(a, b)
        if estimate.why:
            return self._straight(a, b, estimate)
        snap_a, snap_b = self.snap(a), self.snap(b)
        assert snap_a is not None and snap_b is not None and self.router is not None
        path = self.router.path(snap_a, snap_b)
        assert path is not None
        return self._road(a, b, estimate, snap_a, snap_b, path)

    def _road(
        self, a: Stop, b: Stop, estimate: _Estimate, snap_a: Snap, snap_b: Snap, path: RoadPath
    ) -> Leg:
        travel = self.travel
        start_h, end_h = self._access_hours(snap_a), self._access_hours(snap_b)
        stretches: list[Stretch] = []

        def add(name: str, road_class: str, km: float, hours: float) -> None:
            last = stretches[-1] if stretches else None
            if last is not None and (last.name, last.road_class) == (name, road_class):
                last.km += km
                last.hours += hours
            elif km > 0 or hours > 0:
                start = last.start_hours + last.hours if last else 0.0
                stretches.append(Stretch(name, road_class, km, hours, start))

        add("", ACCESS, snap_a.distance_m / 1000 * travel.detour_factor, start_h)
        for piece in path.pieces:
            add(piece.name, piece.road_class, piece.km, piece.hours)
        stretches.append(
            Stretch(
                "",
                ACCESS,
                snap_b.distance_m / 1000 * travel.detour_factor,
                end_h,
                start_h + path.hours,
            )
        )
        lon, lat = _TO_WGS84.transform(*path.coords.T)
        line = LineString([(a.lon, a.lat), *zip(lon, lat, strict=True), (b.lon, b.lat)])
        marks = [0.0, *(start_h + path.hour_marks), estimate.hours]
        access_straight = (snap_a.distance_m + snap_b.distance_m) / 1000
        leg = Leg(
            distance_km=estimate.km,
            hours=estimate.hours,
            method="road",
            explanation_vi="",
            explanation_en="",
            geometry=line,
            from_id=a.id,
            to_id=b.id,
            straight_km=estimate.straight_km,
            road_km=path.km,
            access_km=access_straight * travel.detour_factor,
            roads=list(dict.fromkeys(p.name for p in path.pieces if p.name not in UNNAMED)),
            stretches=stretches,
            hour_marks=[float(m) for m in marks],
            data_gaps=path.gaps,
        )
        leg.explanation_vi, leg.explanation_en = (
            _road_text(lang, leg=leg, access_straight_km=access_straight, travel=travel)
            for lang in LANGS
        )
        return leg

    def _why(self, a: Stop, b: Stop, estimate: _Estimate) -> tuple[str, ...]:
        """Why a leg is not along the roads, in each language of :data:`LANGS`."""
        if estimate.why == "same":
            return pair("plan.why_same_position")
        if estimate.why == "apart":
            return pair("plan.why_not_connected")
        if estimate.why == "quicker":
            return tuple(
                message("plan.why_quicker", lang, hours=_number(estimate.road_hours, lang, 2))
                for lang in LANGS
            )
        far = [stop.name for stop in (a, b) if self.snap(stop) is None]
        return tuple(
            message(
                "plan.why_far",
                lang,
                names=f" {message('plan.and', lang)} ".join(far),
                km=_number(self.travel.road_snap_km, lang),
            )
            for lang in LANGS
        )

    def _straight(self, a: Stop, b: Stop, estimate: _Estimate) -> Leg:
        vi, en = (
            _straight_text(
                lang,
                why=reason,
                straight_km=estimate.straight_km,
                km=estimate.km,
                travel=self.travel,
            )
            for lang, reason in zip(LANGS, self._why(a, b, estimate), strict=True)
        )
        return Leg(
            distance_km=estimate.km,
            hours=estimate.hours,
            method="straight_line_detour",
            explanation_vi=vi,
            explanation_en=en,
            geometry=LineString([(a.lon, a.lat), (b.lon, b.lat)]),
            from_id=a.id,
            to_id=b.id,
            straight_km=estimate.straight_km,
            stretches=[Stretch("", STRAIGHT, estimate.km, estimate.hours, 0.0)],
            hour_marks=[0.0, estimate.hours],
        )


def estimate_leg(
    a: Stop, b: Stop, *, network: RoadNetwork | None, settings: TravelSettings | None = None
) -> Leg:
    """Estimate distance and time from ``a`` to ``b`` and say how.

    Parameters
    ----------
    a, b
        The two ends.
    network
        The road network; ``None`` estimates every leg by straight line × detour factor.
    settings
        Speeds and factors; the defaults of :mod:`geo.settings` when ``None``.

    Examples
    --------
    >>> a = Stop(id="a", name="A", kind="point", lat=20.0, lon=105.0,
    ...          precision="published", commune_code=None, source="test")
    >>> b = Stop(id="b", name="B", kind="point", lat=20.1, lon=105.0,
    ...          precision="published", commune_code=None, source="test")
    >>> leg = estimate_leg(a, b, network=None)
    >>> leg.method, round(leg.distance_km, 1)
    ('straight_line_detour', 17.8)
    """
    return _LegEstimator(network, settings or TravelSettings()).leg(a, b)


def distance_matrix(
    points: Sequence[Stop],
    *,
    network: RoadNetwork | None,
    settings: TravelSettings | None = None,
    metric: str = "km",
) -> np.ndarray:
    """Matrix of :func:`estimate_leg` distances (``metric="km"``) or hours between stops.

    The estimates are symmetric, so each pair is estimated once; the shortest-path trees of
    all the stops' roads are computed in one batch and no route geometry is built.
    """
    if metric not in {"km", "hours"}:
        raise ValueError(f"metric must be 'km' or 'hours', not {metric!r}")
    estimator = _LegEstimator(network, settings or TravelSettings())
    estimator.prepare(points)
    n = len(points)
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            estimate = estimator.estimate(points[i], points[j])
            out[i, j] = out[j, i] = estimate.km if metric == "km" else estimate.hours
    return out


def optimise_plan(plan: Plan, *, network: RoadNetwork | None, metric: str = "km") -> Plan:
    """Return ``plan`` with its stops in the shortest order (unchanged if ``order_fixed``)."""
    if plan.order_fixed or len(plan.stops) < 2:
        return plan
    points = [plan.base, *plan.stops]
    matrix = distance_matrix(
        points, network=network, settings=plan.travel_settings(), metric=metric
    )
    order = order_stops(matrix, round_trip=plan.round_trip, start=0)
    return plan.with_stops([points[i] for i in order[1:]])


def plan_legs(plan: Plan, *, network: RoadNetwork | None) -> list[Leg]:
    """Legs between consecutive stops of :meth:`Plan.route_stops`, in the plan's order."""
    estimator = _LegEstimator(network, plan.travel_settings())
    route = plan.route_stops()
    estimator.prepare(route)
    return [estimator.leg(a, b) for a, b in itertools.pairwise(route)]


def trip_summary(legs: Sequence[Leg]) -> dict[str, float]:
    """Total ``distance_km`` and driving ``hours`` of ``legs``."""
    return {
        "distance_km": float(sum(leg.distance_km for leg in legs)),
        "hours": float(sum(leg.hours for leg in legs)),
    }
