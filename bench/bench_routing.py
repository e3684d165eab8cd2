"""Time the stop ordering (and the travel matrix) for 10, 30 and 60 stops.

Random points (fixed seed) inside the bounding boxes of the three former districts, a third in
each; the matrix uses the real national roads of the bundle. Prints the median of a few runs.

Run: ``BORDER_ATLAS_DATA=../shared/data .venv/bin/python bench/bench_routing.py``
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.catalogue import Catalogue
from planner.network import RoadNetwork
from planner.ordering import EXACT_MAX_STOPS, order_stops, route_length
from planner.plan import Stop, TravelSettings
from planner.travel import distance_matrix

SEED = 20250701
RUNS = 5
SIZES = (10, 30, 60)


def area_boxes(catalogue: Catalogue) -> list[tuple[float, float, float, float]]:
    districts = gpd.read_file(catalogue.path("districts_2024"))
    return [tuple(geom.bounds) for geom in districts.geometry]


def random_stops(n: int, boxes: list, rng: np.random.Generator) -> list[Stop]:
    stops = []
    for i in range(n):
        minx, miny, maxx, maxy = boxes[i % len(boxes)]
        stops.append(
            Stop(
                id=f"p{i}",
                name=f"random {i}",
                kind="point",
                lat=float(rng.uniform(miny, maxy)),
                lon=float(rng.uniform(minx, maxx)),
                precision="user_import",
                commune_code=None,
                source="bench (random)",
            )
        )
    return stops


def median_time(function, runs: int = RUNS) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    catalogue = Catalogue.load()
    seconds, network = median_time(lambda: RoadNetwork.from_catalogue(catalogue), runs=3)
    print(
        f"road network: {len(network.nodes)} nodes, {len(network.edges)} edges, "
        f"{network.n_components} components, built in {seconds * 1000:.0f} ms"
    )
    boxes = area_boxes(catalogue)
    rng = np.random.default_rng(SEED)
    travel = TravelSettings()
    for n in SIZES:
        # n stops besides the base; one area for 10 stops would be as realistic, but the mix
        # exercises both estimate methods.
        points = random_stops(n + 1, boxes, rng)
        t_matrix, matrix = median_time(
            lambda points=points: distance_matrix(points, network=network, settings=travel),
            runs=3,
        )
        for round_trip in (True, False):
            t_order, order = median_time(
                lambda matrix=matrix, rt=round_trip: order_stops(matrix, round_trip=rt)
            )
            method = "exact" if n <= EXACT_MAX_STOPS else "heuristic"
            length = route_length(matrix, order, round_trip=round_trip)
            print(
                f"{n:>3} stops  {'round' if round_trip else 'one-way':<7}  {method:<9}  "
                f"order {t_order * 1000:8.1f} ms   matrix {t_matrix * 1000:8.1f} ms   "
                f"route {length:8.1f} km"
            )


if __name__ == "__main__":
    main()
