"""Time the road graph, the travel matrix and the stop ordering on real points.

The graph is Vietnam's road network (catalogue key ``roads_vietnam``). The points are real:
the 27 commune seats (``commune_seats``), the three international gates with coordinates
(``border_gates``), the sites with coordinates (``sites``) and GeoNames villages (``geonames``,
feature code PPL) to make up 60, taken evenly from each former district. Tours of 10, 30 and
60 stops use the first points of that list, the three areas interleaved. Prints the median of
a few runs; no assertions (targets: graph < 2 s, 60 × 60 matrix < 1 s).

Run: ``BORDER_ATLAS_DATA=../shared/data .venv/bin/python bench/bench_routing.py``
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.catalogue import Catalogue
from planner.network import RoadNetwork
from planner.ordering import EXACT_MAX_STOPS, order_stops, route_length
from planner.plan import Stop, TravelSettings
from planner.travel import distance_matrix

RUNS = 5
SIZES = (10, 30, 60)
POINTS = 61
"""A base and 60 stops."""
GATES = ("gate_na_meo", "gate_nam_can", "gate_lao_bao")
AREA_OF_PROVINCE_CODE = {"15": "Quan Sơn", "16": "Kỳ Sơn", "19": "Hướng Hóa"}


def _stop(sid: str, name: str, lat: float, lon: float, kind: str, source: str) -> Stop:
    return Stop(
        id=sid,
        name=name,
        kind=kind,
        lat=float(lat),
        lon=float(lon),
        precision="published",
        commune_code=None,
        source=source,
    )


def real_points(catalogue: Catalogue, n: int = POINTS) -> list[Stop]:
    """Up to ``n`` real points, the three areas interleaved (see the module docstring)."""
    by_area: dict[str, list[Stop]] = {area: [] for area in AREA_OF_PROVINCE_CODE.values()}
    seats = pd.read_csv(catalogue.path("commune_seats"), dtype={"code": str})
    for row in seats.itertuples():
        area = AREA_OF_PROVINCE_CODE[row.code[:2]]
        by_area[area].append(
            _stop(f"seat_{row.code}", row.name, row.seat_lat, row.seat_lon, "commune", "seat")
        )
    gates = pd.read_csv(catalogue.path("border_gates")).set_index("id")
    for gid, area in zip(GATES, ("Quan Sơn", "Kỳ Sơn", "Hướng Hóa"), strict=True):
        row = gates.loc[gid]
        by_area[area].insert(0, _stop(gid, row["name"], row.lat, row.lon, "gate", "gate"))
    sites = pd.read_csv(catalogue.path("sites")).dropna(subset=["lat", "lon"])
    for row in sites.itertuples():
        area = row.district_pre2025 if row.district_pre2025 in by_area else "Hướng Hóa"
        by_area[area].append(_stop(row.id, row.name, row.lat, row.lon, "site", "site"))
    villages = pd.read_csv(catalogue.path("geonames"))
    villages = villages[villages["feature_code"] == "PPL"].sort_values("geonameid")
    for area, stops in by_area.items():
        wanted = max(0, -(-n // 3) - len(stops))
        pool = villages[villages["former_district"] == area]
        picks = np.linspace(0, len(pool) - 1, wanted).round().astype(int) if wanted else []
        for row in pool.iloc[picks].itertuples():
            stops.append(
                _stop(f"gn{row.geonameid}", row.name, row.latitude, row.longitude, "point", "gn")
            )
    mixed = [s for group in itertools.zip_longest(*by_area.values()) for s in group if s]
    return mixed[:n]


def median_time(function, runs: int = RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    catalogue = Catalogue.load()
    catalogue.path("roads_vietnam")  # checksum once, outside the timings
    t_read, lines = median_time(lambda: catalogue.read_vector("roads_vietnam"), runs=3)
    t_build, network = median_time(
        lambda: RoadNetwork.from_lines(lines, name_column="name", class_column="road_class"),
        runs=3,
    )
    print(
        f"road graph: {len(network.nodes)} nodes, {len(network.edge_km)} edges, "
        f"{network.n_components} parts, {network.edge_km.sum():,.0f} km; "
        f"read {t_read * 1000:.0f} ms + build {t_build * 1000:.0f} ms "
        f"= {(t_read + t_build) * 1000:.0f} ms (target < 2000 ms)"
    )
    points = real_points(catalogue)
    travel = TravelSettings()
    t_matrix, matrix = median_time(
        lambda: distance_matrix(points, network=network, settings=travel), runs=3
    )
    t_hours, hours = median_time(
        lambda: distance_matrix(points, network=network, settings=travel, metric="hours"), runs=3
    )
    n = len(points)
    print(
        f"{n} × {n} travel matrix (fresh, shortest-path trees included): km "
        f"{t_matrix * 1000:.0f} ms, hours {t_hours * 1000:.0f} ms (target < 1000 ms)"
    )
    for size in SIZES:
        sub = np.ix_(range(size + 1), range(size + 1))
        for round_trip in (True, False):
            t_order, order = median_time(
                lambda sub=sub, rt=round_trip: order_stops(matrix[sub], round_trip=rt)
            )
            method = "exact" if size <= EXACT_MAX_STOPS else "heuristic"
            km = route_length(matrix[sub], order, round_trip=round_trip)
            h = route_length(hours[sub], order, round_trip=round_trip)
            print(
                f"{size:>3} stops  {'round' if round_trip else 'one-way':<7}  {method:<9}  "
                f"order {t_order * 1000:8.1f} ms   tour {km:8.1f} km {h:6.1f} h"
            )


if __name__ == "__main__":
    main()
