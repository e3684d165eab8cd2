"""Time matching a generated ~1 M-row indicator table to communes (``tables.apply_mapping``).

Names are drawn from all of Vietnam's communes and the atlas's own, values from ``DISTINCT``
distinct rates written the Vietnamese way, years 2000–2024. Prints the seconds; no assertions.
Before issue 12 the same call took 127 s for 100 k rows and 1,015 s for 1 M rows.

Run: ``BORDER_ATLAS_DATA=../shared/data .venv/bin/python bench/bench_matching.py [ROWS]``
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.catalogue import Catalogue
from planner.schedule import overnight_places
from userdata import tables

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
DISTINCT = int(os.environ.get("DISTINCT", "10001"))


def main() -> None:
    catalogue = Catalogue.load()
    vietnam = overnight_places(catalogue)
    own = gpd.read_file(catalogue.path("communes_2025"))[["code", "name"]]
    names = np.concatenate(
        [vietnam["name"].to_numpy(dtype=object), own["name"].to_numpy(dtype=object)]
    )
    rng = np.random.default_rng(12)
    values = rng.integers(0, DISTINCT, ROWS) * (100 / (DISTINCT - 1))
    frame = pd.DataFrame(
        {
            "Tên xã": names[rng.integers(0, len(names), ROWS)],
            "Năm": (2000 + rng.integers(0, 25, ROWS)).astype(str),
            "Tỷ lệ hộ nghèo": [f"{v:.5f}".replace(".", ",") for v in values],
        },
        dtype=object,
    )
    mapping = tables.ColumnMapping(unit="Tên xã", value="Tỷ lệ hộ nghèo", year="Năm")
    start = time.perf_counter()
    result = tables.apply_mapping(
        frame,
        mapping,
        units=dict(zip(own["code"], own["name"], strict=True)),
        indicator_name="poverty",
        default_year=2024,
        value_kind="percent",
    )
    print(
        f"apply_mapping: {ROWS} rows, {frame['Tên xã'].nunique()} distinct names, "
        f"{frame['Tỷ lệ hộ nghèo'].nunique()} distinct values: "
        f"{time.perf_counter() - start:.2f} s; {len(result.rows)} rows kept"
    )


if __name__ == "__main__":
    main()
