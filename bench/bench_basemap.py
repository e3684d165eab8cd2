"""Benchmark of the offline basemap: size of its files and time to make them.

Prints the relief picture's size and dimensions, the vector JSON's size (raw and gzip), the
number of labels per kind, the build time (each run with a fresh catalogue, median of 3), and
the field pack's ``map.html`` with and without the basemap. Numbers only, no assertions.

Run with ``BORDER_ATLAS_DATA=../shared/data .venv/bin/python bench/bench_basemap.py``.
"""

from __future__ import annotations

import gzip
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.catalogue import Catalogue
from geo.terrain import relief_image
from layers import roads
from layers.basemap import area_box, basemap_json, vector_basemap
from planner.fieldpack import offline_map_html
from tests.planner_cases import fake_trip
from ui import assets
from ui.webmap.basemap import make_basemap_files

RUNS = 3


def _median_seconds(work) -> float:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    catalogue = Catalogue.load()
    box = area_box(catalogue=catalogue)
    files = make_basemap_files(catalogue=catalogue)
    relief = assets.vendor_path(files.relief_url).read_bytes()
    payload = assets.vendor_path(files.vector_url).read_bytes()
    width, height = files.relief_size
    print(f"area box (W, S, E, N): {box}")
    print(
        f"relief picture: {len(relief) / 1024:.1f} KB ({files.relief_url.rsplit('.', 1)[1]}), "
        f"{width} × {height} px"
    )
    print(
        f"vector JSON: {len(payload) / 1024:.1f} KB raw, "
        f"{len(gzip.compress(payload, 9)) / 1024:.1f} KB gzip"
    )
    print("labels per kind: " + ", ".join(f"{k} {n}" for k, n in files.label_counts.items()))
    for fmt, quality in (("webp", 72), ("jpeg", 80), ("png", 0)):
        size = len(
            relief_image(catalogue=catalogue, box=box, image_format=fmt, quality=quality).data
        )
        print(f"  relief as {fmt:<4}: {size / 1024:.1f} KB")

    cold = _median_seconds(lambda: make_basemap_files(catalogue=Catalogue.load()))
    relief_s = _median_seconds(lambda: relief_image(catalogue=Catalogue.load(), box=box))
    vector_s = _median_seconds(
        lambda: basemap_json(vector_basemap(catalogue=Catalogue.load(), box=box))
    )
    print(
        f"build, cold (median of {RUNS}): {cold:.2f} s "
        f"(relief {relief_s:.2f} s, vector {vector_s:.2f} s)"
    )

    plan, legs, rows, warnings = fake_trip()
    context = {
        "communes": catalogue.read_vector("communes_2025"),
        "border": catalogue.read_vector("border_line"),
        "roads": roads.build(catalogue=catalogue),
    }
    leaflet = assets.VENDOR_DIR / "leaflet"
    for label, with_basemap in (("without basemap", False), ("with basemap", True)):
        started = time.perf_counter()
        html = offline_map_html(
            plan,
            legs,
            leaflet_dir=leaflet,
            rows=rows,
            warnings=warnings,
            basemap=with_basemap,
            **context,
        )
        seconds = time.perf_counter() - started
        print(
            f"field pack map.html {label}: {len(html.encode()) / 1024:.1f} KB "
            f"(built in {seconds:.2f} s)"
        )


if __name__ == "__main__":
    main()
