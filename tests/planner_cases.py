"""Fake stops, roads and trips shared by the planner tests (not a test module itself).

Everything made here is clearly fake (names "Fake …", "… giả"), except the published position
of the Na Mèo gate and the real national roads read through the catalogue.
"""

from __future__ import annotations

from datetime import datetime

import geopandas as gpd
import numpy as np
from shapely.geometry import LineString

from planner.network import RoadNetwork
from planner.plan import Plan, Stop
from planner.plan_warnings import PlanWarning
from planner.schedule import DayRow, schedule
from planner.travel import Leg, optimise_plan, plan_legs

NA_MEO = dict(lat=20.296873, lon=104.62238)  # points/border_gates.csv, published (vi.wikipedia)

EVIL = 'Điểm <script>alert("x")</script> & "Bản Ná"'


def stop(sid: str, lat: float, lon: float, *, precision: str = "published", **kw) -> Stop:
    return Stop(
        id=sid,
        name=kw.pop("name", f"Fake stop {sid}"),
        kind=kw.pop("kind", "point"),
        lat=lat,
        lon=lon,
        precision=precision,
        commune_code=kw.pop("commune_code", None),
        source=kw.pop("source", "test fixture (fake)"),
        **kw,
    )


def fake_stop(sid: str, lat: float, lon: float, name: str, **kw) -> Stop:
    return Stop(
        id=sid,
        name=name,
        kind=kw.pop("kind", "site"),
        lat=lat,
        lon=lon,
        precision=kw.pop("precision", "published"),
        commune_code=None,
        source=kw.pop("source", "test fixture (fake)"),
        **kw,
    )


def euclid(points: np.ndarray) -> np.ndarray:
    return np.hypot(*(points[:, None, :] - points[None, :, :]).transpose(2, 0, 1))


def fake_roads_frame() -> gpd.GeoDataFrame:
    """Fake roads: an L of two lines whose ends are ~30 m apart, a crossing line, and an
    isolated line far away."""
    return gpd.GeoDataFrame(
        {"name": ["Fake road A", "Fake road B", "Fake road C", "Fake road D"]},
        geometry=[
            LineString([(105.00, 20.00), (105.10, 20.00)]),
            LineString([(105.10, 20.0003), (105.10, 20.10)]),  # starts ~33 m north of A's end
            LineString([(105.05, 19.95), (105.05, 20.05)]),  # crosses A at (105.05, 20.00)
            LineString([(106.00, 21.00), (106.10, 21.00)]),
        ],
        crs="EPSG:4326",
    )


def fake_trip() -> tuple[Plan, list[Leg], list[DayRow], list[PlanWarning]]:
    """A fake trip in Quan Sơn: base inland, the published Na Mèo gate, two fake stops."""
    base = fake_stop("base", 20.30, 104.85, "Trạm giả Sơn Lư")
    stops = [
        fake_stop("gate", 20.296873, 104.62238, "Cửa khẩu Na Mèo", kind="gate"),
        fake_stop("evil", 20.35, 104.75, EVIL, precision="commune_seat"),
        fake_stop("x", 20.28, 104.73, "Bản giả =1+2 & <b>"),  # ~1 km from QL217,
    ]
    plan = Plan(
        name="Kế hoạch <thử> & kiểm tra",
        base=base,
        stops=stops,
        start=datetime(2025, 7, 14, 7, 0),
    )
    network = RoadNetwork.from_catalogue()
    plan = optimise_plan(plan, network=network)
    legs = plan_legs(plan, network=network)
    rows = schedule(plan, legs)
    warnings = [
        PlanWarning(
            kind="border",
            severity="warning",
            text_vi="Cảnh báo giả <img src=x onerror=alert(1)> & Đồn Biên phòng",
            text_en="Fake warning <img src=x onerror=alert(1)>",
            sources=["https://example.invalid/?a=1&b=<2>"],
            stop_id="gate",
        )
    ]
    return plan, legs, rows, warnings
