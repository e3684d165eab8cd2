"""Visit plans: the stops of a field trip and the factors its travel estimates use.

Everything here is plain data that round-trips through JSON (:meth:`Plan.to_dict` /
:meth:`Plan.from_dict`), so a plan can be stored (:mod:`userdata.store`), exported and re-opened
unchanged. Defaults of the travel factors come from :mod:`geo.settings`; a plan may override
them (``road_class_speeds_kmh``, ``road_speed_kmh``, ``mountain_speed_kmh``, ``detour_factor``),
``None`` meaning "use the default". Plans stored before per-class speeds existed open unchanged.

Examples
--------
>>> from datetime import datetime
>>> base = Stop(id="base", name="Base", kind="point", lat=20.0, lon=105.0,
...             precision="published", commune_code=None, source="user")
>>> plan = Plan(name="Trip", base=base, stops=[], start=datetime(2025, 3, 1, 7, 0))
>>> Plan.from_dict(plan.to_dict()) == plan
True
>>> plan.travel_settings().detour_factor == settings.DETOUR_FACTOR
True
>>> faster = Plan(name="Trip", base=base, stops=[], start=datetime(2025, 3, 1, 7, 0),
...               road_class_speeds_kmh={"Quốc Gia": 45})
>>> faster.travel_settings().speed_kmh("Quốc Gia"), faster.travel_settings().speed_kmh("Cấp Tỉnh")
(45.0, 30.0)
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from typing import Any

from geo import settings
from geo.errors import UserInputError
from geo.vocabulary import PRECISIONS
from layers.places import Place

STOP_KINDS: tuple[str, ...] = ("commune", "gate", "marker", "site", "point")
"""What a stop may be."""


@dataclass(frozen=True)
class TravelSettings:
    """The factors one travel estimate uses.

    Parameters
    ----------
    road_class_speeds_kmh
        Average speed on the roads of each ``road_class`` of the road network.
    road_speed_kmh
        Average speed on a road whose class is not in ``road_class_speeds_kmh``.
    mountain_speed_kmh
        Average speed off the network (commune and village roads, tracks).
    detour_factor
        Road distance divided by straight-line distance where the network is not followed.
    road_snap_km
        A point within this distance of a road can use the network.
    """

    road_speed_kmh: float = settings.ROAD_SPEED_KMH
    mountain_speed_kmh: float = settings.MOUNTAIN_SPEED_KMH
    detour_factor: float = settings.DETOUR_FACTOR
    road_snap_km: float = settings.ROAD_SNAP_KM
    road_class_speeds_kmh: Mapping[str, float] = field(
        default_factory=lambda: dict(settings.ROAD_CLASS_SPEED_KMH), hash=False
    )

    def __post_init__(self) -> None:
        for name in ("road_speed_kmh", "mountain_speed_kmh", "detour_factor"):
            _check_positive(name, getattr(self, name))
        if not isinstance(self.road_class_speeds_kmh, Mapping):
            raise UserInputError.of(
                "plan.error.factor_not_positive",
                name="road_class_speeds_kmh",
                value=self.road_class_speeds_kmh,
            )
        for road_class, speed in self.road_class_speeds_kmh.items():
            _check_positive(f"road_class_speeds_kmh[{road_class}]", speed)
        if self.detour_factor < 1:
            raise UserInputError.of("plan.error.detour_below_one", value=self.detour_factor)
        if not (math.isfinite(self.road_snap_km) and self.road_snap_km >= 0):
            raise UserInputError.of("plan.error.road_snap_negative", value=self.road_snap_km)

    def speed_kmh(self, road_class: str) -> float:
        """Average speed on a road of ``road_class`` (``road_speed_kmh`` for other classes).

        Examples
        --------
        >>> TravelSettings(road_class_speeds_kmh={"Quốc Gia": 40}).speed_kmh("Cấp Tỉnh")
        30.0
        """
        return float(self.road_class_speeds_kmh.get(road_class, self.road_speed_kmh))


def _check_positive(name: str, value: object) -> None:
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if not (ok and math.isfinite(value) and value > 0):  # type: ignore[arg-type]
        raise UserInputError.of("plan.error.factor_not_positive", name=name, value=value)


@dataclass
class Stop:
    """One place to visit (or the base the trip starts from).

    ``precision`` uses the vocabulary of :data:`geo.vocabulary.PRECISIONS`; ``dwell_minutes``
    of ``None`` means the plan's default dwell time.
    """

    id: str
    name: str
    kind: str
    lat: float
    lon: float
    precision: str
    commune_code: str | None
    source: str
    dwell_minutes: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in STOP_KINDS:
            raise UserInputError.of("plan.error.stop_kind", kind=self.kind, kinds=STOP_KINDS)
        if self.precision not in PRECISIONS:
            raise UserInputError.of(
                "plan.error.stop_precision", precision=self.precision, name=self.name
            )
        lat, lon = float(self.lat), float(self.lon)
        if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90):
            raise UserInputError.of(
                "plan.error.stop_coordinates", name=self.name, lat=self.lat, lon=self.lon
            )
        if not -180 <= lon <= 180:
            raise UserInputError.of("plan.error.stop_longitude", name=self.name, lon=self.lon)
        self.lat, self.lon = lat, lon
        if self.dwell_minutes is not None:
            dwell = float(self.dwell_minutes)
            if not (math.isfinite(dwell) and dwell >= 0):
                raise UserInputError.of("plan.error.stop_dwell", name=self.name)
            self.dwell_minutes = dwell

    @classmethod
    def from_place(cls, place: Place) -> Stop:
        """The stop for a place users can search (:func:`layers.places.places`): its position,
        the precision of that position and its source."""
        return cls(
            id=place.key,
            name=place.name,
            kind=place.kind,
            lat=place.lat,
            lon=place.lon,
            precision=place.precision,
            commune_code=place.commune_code or None,
            source=place.source,
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stop:
        known = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        missing = [
            k for k in ("id", "name", "kind", "lat", "lon", "precision", "source") if k not in known
        ]
        if missing:
            raise UserInputError.of("plan.error.stop_missing_fields", missing=missing)
        known.setdefault("commune_code", None)
        return cls(**known)


@dataclass
class Plan:
    """A field trip: a base, the stops, when it starts and how travel is estimated.

    ``start`` is the departure from the base; later days start at the same clock time.
    ``order_fixed`` keeps the stops in the order given instead of optimising it.
    ``road_class_speeds_kmh`` overrides the speed of some road classes (the others keep their
    defaults); ``road_speed_kmh`` is the speed on roads of any other class.
    """

    name: str
    base: Stop
    stops: list[Stop]
    start: datetime
    round_trip: bool = True
    drive_hours_per_day: float = 6.0
    dwell_minutes_default: float = 60.0
    order_fixed: bool = False
    road_speed_kmh: float | None = None
    mountain_speed_kmh: float | None = None
    detour_factor: float | None = None
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    road_class_speeds_kmh: dict[str, float] | None = None

    def __post_init__(self) -> None:
        if not str(self.name).strip():
            raise UserInputError.of("plan.error.no_name")
        if not (math.isfinite(self.drive_hours_per_day) and self.drive_hours_per_day > 0):
            raise UserInputError.of("plan.error.drive_hours_not_positive")
        if self.drive_hours_per_day > 24:
            raise UserInputError.of("plan.error.drive_hours_over_24")
        if not (math.isfinite(self.dwell_minutes_default) and self.dwell_minutes_default >= 0):
            raise UserInputError.of("plan.error.dwell_default_negative")
        ids = [self.base.id, *(s.id for s in self.stops)]
        if len(set(ids)) != len(ids):
            raise UserInputError.of("plan.error.duplicate_ids")
        self.travel_settings()  # validates the overrides

    def travel_settings(self) -> TravelSettings:
        """Return the factors of this plan: its overrides, else the defaults of settings."""
        speeds = dict(settings.ROAD_CLASS_SPEED_KMH)
        if self.road_class_speeds_kmh is not None:
            if not isinstance(self.road_class_speeds_kmh, Mapping):
                raise UserInputError.of(
                    "plan.error.factor_not_positive",
                    name="road_class_speeds_kmh",
                    value=self.road_class_speeds_kmh,
                )
            speeds.update(self.road_class_speeds_kmh)
        return TravelSettings(
            road_speed_kmh=settings.ROAD_SPEED_KMH
            if self.road_speed_kmh is None
            else float(self.road_speed_kmh),
            mountain_speed_kmh=settings.MOUNTAIN_SPEED_KMH
            if self.mountain_speed_kmh is None
            else float(self.mountain_speed_kmh),
            detour_factor=settings.DETOUR_FACTOR
            if self.detour_factor is None
            else float(self.detour_factor),
            road_class_speeds_kmh=speeds,
        )

    def dwell_minutes(self, stop: Stop) -> float:
        """Dwell time at ``stop``: its own, else the plan's default (0 at the base)."""
        if stop.id == self.base.id:
            return 0.0 if stop.dwell_minutes is None else stop.dwell_minutes
        return self.dwell_minutes_default if stop.dwell_minutes is None else stop.dwell_minutes

    def all_stops(self) -> list[Stop]:
        """Base, then the stops in the plan's order (the base once, even for a round trip)."""
        return [self.base, *self.stops]

    def route_stops(self) -> list[Stop]:
        """Base, stops in the plan's order, and the base again for a round trip."""
        route = [self.base, *self.stops]
        if self.round_trip:
            route.append(self.base)
        return route

    def with_stops(self, stops: list[Stop]) -> Plan:
        """Return a copy of the plan with ``stops`` (e.g. reordered)."""
        return replace(self, stops=list(stops))

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["start"] = self.start.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        try:
            start = datetime.fromisoformat(data["start"])
            base = Stop.from_dict(data["base"])
            stops = [Stop.from_dict(s) for s in data.get("stops", [])]
            name = data["name"]
        except KeyError as exc:
            raise UserInputError.of("plan.error.missing_field", field=exc.args[0]) from None
        except (TypeError, ValueError) as exc:
            raise UserInputError.of("plan.error.unreadable", detail=exc) from None
        options = {
            k: data[k]
            for k in cls.__dataclass_fields__
            if k in data and k not in {"name", "base", "stops", "start"}
        }
        return cls(name=name, base=base, stops=stops, start=start, **options)

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Plan:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise UserInputError.of("plan.error.not_json", detail=exc) from None
        return cls.from_dict(data)
