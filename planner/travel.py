"""Travel estimates between stops, and the legs, order and totals of a plan.

There is no local road network for the three areas, only the national roads of
:class:`planner.network.RoadNetwork`. Every estimate (:class:`Leg`) therefore says how it was
made, in both languages:

* ``road``: both ends lie within ``road_snap_km`` of the same connected part of the national
  roads. Distance = access legs (straight line × detour factor, at mountain speed) + the
  shortest path along the national roads (at road speed), unless going straight is quicker.
* ``straight_line_detour``: otherwise, straight-line (great-circle) distance × detour factor,
  at mountain speed.

Stop order is optimised on the same estimates (:func:`optimise_plan`, with
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
from planner.network import RoadNetwork, Snap
from planner.ordering import order_stops
from planner.plan import Plan, Stop, TravelSettings

_TO_METRIC = Transformer.from_crs(WGS84, METRIC_CRS, always_xy=True)
_TO_WGS84 = Transformer.from_crs(METRIC_CRS, WGS84, always_xy=True)


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

    def explanation(self, lang: str = VI) -> str:
        """How the estimate was made, in ``lang``."""
        return self.explanation_vi if lang == VI else self.explanation_en


def check_legs(plan: Plan, legs: Sequence[Leg]) -> None:
    """Raise :class:`UserInputError` unless ``legs`` are one per leg of ``plan``'s route."""
    expected = len(plan.route_stops()) - 1
    if len(legs) != expected:
        raise UserInputError(
            "Số chặng không khớp với số điểm dừng của kế hoạch.",
            f"Got {len(legs)} legs for a route of {expected} legs; compute them with "
            "planner.travel.plan_legs(plan, network=...) after ordering the stops.",
        )


def _road_text(
    lang: str,
    *,
    names: str,
    road_km: float,
    access_km: float,
    access_straight_km: float,
    travel: TravelSettings,
) -> str:
    return message(
        "plan.leg_road",
        lang,
        names=names,
        road=format_number(road_km, lang=lang, decimals=1),
        road_speed=format_number(travel.road_speed_kmh, lang=lang, decimals=0),
        access=format_number(access_km, lang=lang, decimals=1),
        straight=format_number(access_straight_km, lang=lang, decimals=1),
        detour=format_number(travel.detour_factor, lang=lang, decimals=2),
        mountain_speed=format_number(travel.mountain_speed_kmh, lang=lang, decimals=0),
    )


def _straight_text(
    lang: str, *, why: str, straight_km: float, km: float, travel: TravelSettings
) -> str:
    return message(
        "plan.leg_straight",
        lang,
        why=why,
        straight=format_number(straight_km, lang=lang, decimals=1),
        detour=format_number(travel.detour_factor, lang=lang, decimals=2),
        total=format_number(km, lang=lang, decimals=1),
        speed=format_number(travel.mountain_speed_kmh, lang=lang, decimals=0),
    )


class _LegEstimator:
    """Caches snaps and shortest-path trees so a matrix costs one Dijkstra per stop."""

    def __init__(self, network: RoadNetwork | None, travel: TravelSettings) -> None:
        self.network = network
        self.travel = travel
        self._snaps: dict[tuple[float, float], Snap | None] = {}
        self._trees: dict[tuple[float, float], tuple[np.ndarray, np.ndarray]] = {}

    def snap(self, stop: Stop) -> Snap | None:
        """Where ``stop`` joins the roads, or ``None`` when it is too far from them."""
        key = (stop.lat, stop.lon)
        if key not in self._snaps:
            snap = None
            if self.network is not None and len(self.network.edges):
                x, y = _TO_METRIC.transform(stop.lon, stop.lat)
                snap = self.network.snap(float(x), float(y))
                if snap.distance_m > self.travel.road_snap_km * 1000:
                    snap = None
            self._snaps[key] = snap
        return self._snaps[key]

    def tree(self, stop: Stop, snap: Snap) -> tuple[np.ndarray, np.ndarray]:
        """Shortest-path tree of the roads from ``stop`` (computed once per position)."""
        key = (stop.lat, stop.lon)
        if key not in self._trees:
            assert self.network is not None
            self._trees[key] = self.network.dijkstra_from(snap)
        return self._trees[key]

    def leg(self, a: Stop, b: Stop) -> Leg:
        """The estimate from ``a`` to ``b``: along the roads when that is possible and quicker."""
        travel = self.travel
        straight = float(haversine_km(a.lat, a.lon, b.lat, b.lon))
        snap_a, snap_b = self.snap(a), self.snap(b)
        routed = None
        if snap_a is not None and snap_b is not None and self.network is not None:
            routed = self.network.path(snap_a, snap_b, tree=self.tree(a, snap_a))
        if routed is None or straight == 0.0:
            return self._straight(a, b, straight, why=self._why_not_road(a, b, straight))
        road_m, coords, roads = routed
        assert snap_a is not None and snap_b is not None
        access_straight = (snap_a.distance_m + snap_b.distance_m) / 1000
        access_km = access_straight * travel.detour_factor
        road_km = road_m / 1000
        hours = access_km / travel.mountain_speed_kmh + road_km / travel.road_speed_kmh
        direct_hours = straight * travel.detour_factor / travel.mountain_speed_kmh
        if direct_hours < hours:
            # Both ends are near the road but going straight is quicker than the detour via
            # the national road (e.g. two stops off the road on the same side).
            why = tuple(
                message("plan.why_quicker", lang, hours=format_number(hours, lang=lang, decimals=2))
                for lang in LANGS
            )
            return self._straight(a, b, straight, why=why)
        lon, lat = _TO_WGS84.transform(*np.array(coords).T)
        line = LineString([(a.lon, a.lat), *zip(lon, lat, strict=True), (b.lon, b.lat)])
        names = ", ".join(r for r in roads if r) or "?"
        vi, en = (
            _road_text(
                lang,
                names=names,
                road_km=road_km,
                access_km=access_km,
                access_straight_km=access_straight,
                travel=travel,
            )
            for lang in LANGS
        )
        return Leg(
            distance_km=road_km + access_km,
            hours=hours,
            method="road",
            explanation_vi=vi,
            explanation_en=en,
            geometry=line,
            from_id=a.id,
            to_id=b.id,
            straight_km=straight,
            road_km=road_km,
            access_km=access_km,
            roads=[r for r in roads if r],
        )

    def _why_not_road(self, a: Stop, b: Stop, straight: float) -> tuple[str, ...]:
        """Why a leg is not along the roads, in each language of :data:`LANGS`."""
        if straight == 0.0:
            return pair("plan.why_same_position")
        far = [stop.name for stop in (a, b) if self.snap(stop) is None]
        if not far:
            return pair("plan.why_not_connected")
        return tuple(
            message(
                "plan.why_far",
                lang,
                names=f" {message('plan.and', lang)} ".join(far),
                km=format_number(self.travel.road_snap_km, lang=lang, decimals=1),
            )
            for lang in LANGS
        )

    def _straight(self, a: Stop, b: Stop, straight: float, *, why: tuple[str, ...]) -> Leg:
        km = straight * self.travel.detour_factor
        vi, en = (
            _straight_text(lang, why=reason, straight_km=straight, km=km, travel=self.travel)
            for lang, reason in zip(LANGS, why, strict=True)
        )
        return Leg(
            distance_km=km,
            hours=km / self.travel.mountain_speed_kmh,
            method="straight_line_detour",
            explanation_vi=vi,
            explanation_en=en,
            geometry=LineString([(a.lon, a.lat), (b.lon, b.lat)]),
            from_id=a.id,
            to_id=b.id,
            straight_km=straight,
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
        The national roads; ``None`` estimates every leg by straight line × detour factor.
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

    The estimates are symmetric, so each pair is estimated once.
    """
    if metric not in {"km", "hours"}:
        raise ValueError(f"metric must be 'km' or 'hours', not {metric!r}")
    estimator = _LegEstimator(network, settings or TravelSettings())
    n = len(points)
    out = np.zeros((n, n))
    for i in range(n):
        for j in range(i + 1, n):
            leg = estimator.leg(points[i], points[j])
            value = leg.distance_km if metric == "km" else leg.hours
            out[i, j] = out[j, i] = value
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
    return [estimator.leg(a, b) for a, b in itertools.pairwise(route)]


def trip_summary(legs: Sequence[Leg]) -> dict[str, float]:
    """Total ``distance_km`` and driving ``hours`` of ``legs``."""
    return {
        "distance_km": float(sum(leg.distance_km for leg in legs)),
        "hours": float(sum(leg.hours for leg in legs)),
    }
